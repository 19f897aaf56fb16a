"""Place mentions in a sentence, and what a corpus says about the places the gazetteer does not know.

A place mention is a preposition of place (in, at, near, from, to ...; "on" only before "the edge / coast /
outskirts ... of") and the names after it, read as a chain: "the Baikonur Cosmodrome in Kazakhstan", "Nagano,
Japan", "Kourou in French Guiana" each say the spot lies inside every name of the chain. Names resolve through the
gazetteer (gazetteer.py); a name it does not know may still be placed by what the text says around it ("Maridon,
in northern Elbia": `place_facts`). A list ("in Paris and Lyon") is never read as a place. places.py compares
the mentions of two sentences; names.py leaves their words to it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import APART, Place, fold, gazetteer, names_relation
from .scales import SUPERLATIVES
from .text import _AUX, _Analysis, bare, possessive

# preposition -> (role, near)
_PREPS = {"in": ("at", False), "at": ("at", False), "inside": ("at", False), "within": ("at", False),
          "near": ("at", True), "outside": ("at", True), "off": ("at", True), "from": ("from", False),
          "to": ("to", False), "into": ("to", False), "on": ("at", True), "through": ("at", False)}
# lower-case words allowed between the preposition and the name: "off the coast of northern Chile"
_BEFORE_NAME = frozenset("""the a an northern southern eastern western central north south east west northeast
northwest southeast southwest northeastern northwestern southeastern southwestern coast coastal city town port village region province state capital of mountains
outskirts edge fringes centre center heart suburbs island islands shores banks area county district far nearby neighbouring
neighboring remote rural small tiny historic old new border""".split())
_ON_PARTS = frozenset("edge outskirts fringes coast shores banks island border".split())  # "on the edge of X"
_INNER = frozenset("of de del della la le da do dos das upon".split())  # inside a name: Palace of Versailles
_LEAVE = frozenset(["left", "leaves", "leaving", "leave"])  # "left Tromso": from where
@dataclass(frozen=True)
class Mention:
    role: str  # at | from | to | ends (one end of "between X and Y")
    near: bool
    i: int  # preposition token
    j: int  # one past the last name token
    names: tuple[tuple[str, frozenset[Place]], ...]  # each name of the chain and its places (empty: unknown)
    name_toks: frozenset[int]
    host: bool = False  # the subject of "host" ("Barcelona will host the final"); i is its first word
    attributive: bool = False  # a place before its noun ("Vienna airport", "a Geneva laboratory"); i is its first word

    @property
    def start(self) -> int:
        """The first token of its names (after the preposition, when it has one)."""
        return self.i if self.host or self.attributive else self.i + 1

    def text(self, a: _Analysis) -> str:
        return a.span(self.start, self.j)

    @property
    def known(self) -> bool:
        return any(p for _, p in self.names)

    @property
    def kinded(self) -> bool:
        """One name the gazetteer does not know, that says what kind of place it is ("the Pacific Ocean")."""
        return len(self.names) == 1 and not self.names[0][1] and _kind_word(self.names[0][0]) is not None


class PlaceFacts:
    """What a corpus says about places the gazetteer does not know: 'Maridon, in northern Elbia' -> Maridon
    lies in Elbia. Built by `place_facts(texts)`; pass it to find_conflict(..., places=...)."""

    def __init__(self, inside: dict[str, frozenset[Place]] | None = None) -> None:
        self.inside = inside or {}

    def places(self, name: str) -> frozenset[Place]:
        return self.inside.get(fold(name), frozenset())


_NO_FACTS = PlaceFacts()


_NOT_NAMES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter mondays tuesdays wednesdays thursdays fridays
saturdays sundays""".split())


def _cap(t) -> bool:
    return (t.kind == "word" and t.text[0].isupper() and t.tag != "date" and t.low not in _NOT_NAMES) \
        or t.tag == "label"


def _run(a: _Analysis, k: int) -> tuple[int, list[tuple[int, int]]]:
    """Capitalised run from token k -> (its end, name parts as token ranges; a possessive splits it:
    "Europe's Spaceport" -> the owner is left out, "Spaceport" is the name)."""
    toks, n, j, parts, start = a.toks, len(a.toks), k, [], k
    while j < n:
        t = toks[j]
        if _cap(t):
            if t.text.endswith("'s"):
                start = j + 1  # the owner is no part of the place's name
            j += 1
        elif t.low in _INNER and j > k and j + 1 < n and _cap(toks[j + 1]):
            j += 1
        elif t.low in _INNER and j > k and j + 2 < n and toks[j + 1].low == "the" and _cap(toks[j + 2]):
            j += 2  # "the Hall of Mirrors of the Palace of Versailles"
        else:
            break
    if start < j:
        parts.append((start, j))
    return j, parts


def _name_after(a: _Analysis, k: int) -> tuple[int, int, int] | None:
    """A name starting at or a few lower-case words after token k -> (name start, name end, next index)."""
    toks, n, m = a.toks, len(a.toks), k
    while m < n and m - k < 6:
        if toks[m].kind == "word" and toks[m].low in _BEFORE_NAME and not _cap(toks[m]):
            m += 1
        elif _cap(toks[m]) and m + 1 < n and toks[m + 1].low in _BEFORE_NAME and not _cap(toks[m + 1]) \
                and not gazetteer().lookup(toks[m].text):
            m += 1  # a people's adjective before the noun: "the Brazilian city of Belem"
        else:
            break
    if m >= n or not _cap(toks[m]):
        return None
    end, parts = _run(a, m)
    if not parts:
        return None
    return parts[0][0], parts[0][1], end


def _resolve(a: _Analysis, i: int, j: int, facts: PlaceFacts) -> tuple[str, frozenset[Place]]:
    name = a.span(i, j)
    got = gazetteer().lookup(name) or facts.places(name)
    return name, got


def mentions(a: _Analysis, facts: PlaceFacts = _NO_FACTS) -> list[Mention]:
    """Every place mention of the sentence (known or not), lists left out."""
    toks, n, out = a.toks, len(a.toks), []
    k = 0
    while k < n:
        t = toks[k]
        host = _host(a, k, facts) or _attributive(a, k)
        if host is not None:
            out.append(host)
            k = host.j
            continue
        if t.low == "between" and (route := _between(a, k, facts)):
            out.extend(route)
            k = route[-1].j
            continue
        if t.kind != "word" or k + 1 >= n or not (t.low in _PREPS or t.low in _LEAVE):
            k += 1
            continue
        if t.low == "on" and not (k + 2 < n and toks[k + 1].low == "the" and toks[k + 2].low in _ON_PARTS):
            k += 1
            continue  # "on the edge of Samara", "on the coast of Senegal"; not "on Tuesday", "on the ship"
        role, near = _PREPS.get(t.low, ("from", False))
        if t.low == "to" and k and toks[k - 1].low in ("close", "next"):
            role, near = "at", True  # "close to Sheffield": near it
        elif role == "at" and not near:
            role = _route_role(a, k) or role
        first = _name_after(a, k + 1)
        if first is None:
            k += 1
            continue
        ranges = [first[:2]]
        end = first[2]
        while end < n and len(ranges) < 4:  # the chain: ", Japan", " in French Guiana", ", in northern Brazil"
            m = end
            if toks[m].text == ",":
                m += 1
            if m < n and toks[m].low in ("in", "at", "near"):
                near = near or toks[m].low == "near"
                m += 1
            elif m == end and m + 1 < n and toks[m].low == "of" and toks[m + 1].low in _QUARTERS:
                m += 1  # "the Andes of northern Chile": inside it
            elif m == end:
                break
            nxt = _name_after(a, m) if m < n else None
            if nxt is None:
                break
            ranges.append(nxt[:2])
            end = nxt[2]
        if _list_follows(a, end):
            k = end
            continue  # "in Paris and Lyon", "in Paris, Lyon and Nice": a list, not one place
        if out and _listed_after(a, out[-1].j, k):
            out.pop()
            k = end
            continue  # "within North America and in Europe": the second place of a list
        names = tuple(_resolve(a, i, j, facts) for i, j in ranges)
        if _self_apart(names):
            k = end
            continue  # "in Tokyo, Seoul": a list after all
        span = frozenset(m for i, j in ranges for m in range(i, j))
        out.append(Mention(role, near, k, end, names, span))
        k = end
    return out


_ARRIVE = frozenset("arrive arrived arrives arriving land landed lands landing dock docked docks docking".split())


def _route_role(a: _Analysis, k: int) -> str | None:
    """Where the place after an "in" / "at" is the end of a journey: after a verb of arriving ("landed in Lisbon": to
    Lisbon, as "flew into Lisbon" says)."""
    return "to" if k and a.toks[k - 1].low in _ARRIVE else None


_QUARTERS = frozenset("""northern southern eastern western central northeastern northwestern southeastern
southwestern""".split())


def _between(a: _Analysis, k: int, facts: PlaceFacts) -> list[Mention] | None:
    """ "between Carlisle and Penrith": the two ends of a route or a stretch, each a mention of role "ends", which
    meets "from" and "to" either way round ("from Penrith to Carlisle")."""
    toks, n = a.toks, len(a.toks)
    first = _name_after(a, k + 1)
    if first is None or first[2] >= n or toks[first[2]].low != "and":
        return None
    second = _name_after(a, first[2] + 1)
    if second is None or _list_follows(a, second[2]):
        return None
    return [Mention("ends", False, k if x == 0 else first[2], end, (_resolve(a, i, j, facts),),
                    frozenset(range(i, j))) for x, (i, j, end) in enumerate((first, second))]


def meet(x: str, y: str) -> bool:
    """Two mentions' roles meet: the same, or a route's end ("between X and Y") and its start or its end."""
    return x == y or ("ends" in (x, y) and {x, y} <= {"from", "to", "ends"})


_LIST_WORDS = frozenset("part partly parts also mostly some".split())


_HOST = frozenset("host hosts hosted hosting stage stages staged staging".split())  # "Perth will stage the final"
_HOST_AUX = frozenset("will would is are was were to set due also".split())
_KNOWN_CITY = 100_000  # a city used before a noun ("Munich airport") is one people know
_NOT_NOUN = _AUX | frozenset("and or but said says born".split())


def _attributive(a: _Analysis, k: int) -> Mention | None:
    """A known place right before a lower-case noun, as its modifier or its owner: "Vienna airport was closed", "a
    Geneva laboratory", "Frankfurt's airport" say where, as "the airport in Vienna" does. Not after a preposition
    (the chain reads those), nor a place inside a longer name ("the London Stock Exchange")."""
    toks, n = a.toks, len(a.toks)
    prev = toks[k - 1] if k else None
    if not _cap(toks[k]) or (prev is not None and ((_cap(prev) and prev.low not in ("a", "an", "the"))
                                                   or prev.low in _PREPS or prev.low in _LEAVE)):
        return None
    owner = possessive(toks[k].low) and k + 1 < n  # "Frankfurt's airport", as "Frankfurt airport"
    end, parts = (k + 1, [(k, k + 1)]) if owner else _run(a, k)
    if not parts or parts[0][0] != k or end >= n:
        return None
    noun = toks[end]
    if owner and (noun.low in SUPERLATIVES or noun.low.endswith("est")):
        return None  # "Africa's highest peak": a rank within the place, not a thing in it
    if noun.kind != "word" or not noun.text.islower() or not noun.lemma or noun.low in _NOT_NOUN \
            or noun.low.endswith(("ed", "s")):  # "The US launches", "Ivanovo regions": a verb, or no one place
        return None
    name = (bare(toks[k].text), gazetteer().lookup(bare(toks[k].text))) if owner else _resolve(a, k, end, _NO_FACTS)
    if not name[1] or not any(p.kind == "country" or (p.kind == "city" and p.population >= _KNOWN_CITY)
                              for p in name[1]):
        return None  # a town's or a district's name is more often a word or a person's ("Most occur", "Paul gray")
    return Mention("at", False, k, end, (name,), frozenset(range(k, end)), attributive=True)


def _host(a: _Analysis, k: int, facts: PlaceFacts) -> Mention | None:
    """A known place that opens its clause as the subject of "host": "Barcelona will host the 2030 final" says
    where, as "the final will be played in Barcelona" does."""
    toks, n = a.toks, len(a.toks)
    if not _cap(toks[k]) or (k and toks[k - 1].clause == toks[k].clause and toks[k - 1].text != ","
                             and toks[k - 1].low != "that"):  # "confirmed that Perth will stage ..."
        return None
    end, parts = _run(a, k)
    m = end
    while m < n and toks[m].low in _HOST_AUX:
        m += 1
    if not parts or parts[0][0] != k or m >= n or toks[m].low not in _HOST:
        return None
    name = _resolve(a, k, end, facts)
    if not name[1]:
        return None
    return Mention("at", False, k, end, (name,), frozenset(range(k, end)), host=True)


def _list_follows(a: _Analysis, end: int) -> bool:
    """A conjunction after the name and another place after it ("in Paris and Lyon", "in Paris, Lyon and Nice",
    "part in California and part in Nevada");
    "born in Bergen and trained as a nurse", "in Belem, in northern Brazil, and is expected to" go on with a verb."""
    toks, n = a.toks, len(a.toks)
    m = end + 1 if end < n and toks[end].text == "," else end
    if m >= n or toks[m].low not in ("and", "or", "&"):
        return False
    for k in range(m + 1, min(m + 4, n)):  # "and Lyon", "and in Lyon", "and part in Nevada"
        if toks[k].low in _PREPS and _name_after(a, k + 1) is not None:
            return True
        if toks[k].kind != "word":
            return False
        if not _cap(toks[k]) and toks[k].low not in _LIST_WORDS and toks[k].low not in _BEFORE_NAME:
            return False  # "in Amsterdam and later travelled to Madrid": another fact, no list
        if _cap(toks[k]):
            return k == m + 1 or all(t.low in _BEFORE_NAME for t in toks[m + 1:k])
    return False


def list_before(a: _Analysis, m: Mention) -> frozenset[int]:
    """The tokens of a list of places that m's preposition puts inside m: "held in Milan and Cortina d'Ampezzo in
    northern Italy" (the list is no mention of its own, see _list_follows; its names are places, not parties)."""
    toks, k, seen = a.toks, m.i - 1, []
    if m.host or m.attributive or toks[m.i].low not in ("in", "near"):
        return frozenset()
    while k >= 0 and (_cap(toks[k]) or toks[k].low in ("and", "or", ",")
                      or (toks[k].kind == "word" and "'" in toks[k].low and toks[k].low not in _NOT_NAMES)):
        seen.append(k)
        k -= 1
    if k < 0 or toks[k].low not in _PREPS or not any(toks[x].low in ("and", "or") for x in seen) \
            or not _cap(toks[k + 1]):
        return frozenset()
    return frozenset(seen)


def _listed_after(a: _Analysis, prev_end: int, k: int) -> bool:
    """The preposition at k follows the place ending at prev_end through a conjunction: "in X and in Y"."""
    between = [t.low for t in a.toks[prev_end:k] if t.text != ","]
    return 0 < len(between) <= 2 and between[0] in ("and", "or", "&")


def _self_apart(names) -> bool:
    known = [p for _, p in names if p]
    return any(names_relation(x, y) == APART for m, x in enumerate(known) for y in known[m + 1:])


def place_facts(texts: list[str]) -> PlaceFacts:
    """Containment the texts state ("Maridon, in northern Elbia", "Sarreville, France"): for every name the
    gazetteer does not know, the known places a chain puts it in. For the pipeline: build once per corpus
    (or per set of retrieved passages) and pass to find_conflict(..., places=...). Each text is read once
    per process (a passage retrieved for many claims is not parsed again)."""
    inside: dict[str, set[Place]] = {}
    for text in texts:
        for name, places in _stated_places(text):
            inside.setdefault(name, set()).update(places)
    return PlaceFacts({k: frozenset(v) for k, v in inside.items()})


@lru_cache(maxsize=8192)
def _stated_places(text: str) -> tuple[tuple[str, frozenset], ...]:
    """(folded unknown name, the known places the text puts it in) for one text."""
    from .align import _analyse

    out = []
    for m in mentions(_analyse(text)):
        for x, (name, places) in enumerate(m.names):
            if places:
                continue
            outer = [p for _, p in m.names[x + 1:] if p]
            if outer:
                out.append((fold(name), frozenset(outer[0])))
    return tuple(out)


# words that say what kind of place a name is: two names of one kind, each with words of its own, are two places
PLACE_KINDS = frozenset("""ocean sea lake river island mount mountain mountains bay gulf strait station airport stadium
park square bridge street road avenue valley desert forest peninsula canal glacier volcano cape""".split())


def _kind_word(name: str) -> str | None:
    words = fold(name).split()
    for w in (words[-1], words[0]) if len(words) > 1 else ():
        if w in PLACE_KINDS:
            return w
    return None
