"""Gradable words: which scale a comparative or superlative measures, and in which direction.

"larger" and "smaller" measure one scale (size) in opposite directions; "shorter" measures two (height and
length). A closed class of a few dozen English adjectives, so a table: the WordNet antonym links that
would give the same pairs ship on PyPI only as downloaders (nltk, wn fetch the data from the web).
"""
from __future__ import annotations

# scale -> (words up the scale, words down it); comparative and superlative forms, and base forms for
# "more slowly" / "less expensive"
_PAIRS = {
    "size": ("larger bigger greater largest biggest greatest large big", "smaller smallest small"),
    "height": ("higher highest taller tallest high tall above", "lower lowest shorter shortest low short below"),
    "length": ("longer longest long", "shorter shortest short"),
    "amount": ("more most", "fewer fewest less least"),
    "speed": ("faster fastest quicker quickest fast quick quickly rapidly", "slower slowest slow slowly"),
    "distance": ("farther farthest further furthest far", "closer closest nearer nearest close near"),
    "quality": ("better best good", "worse worst bad badly"),
    "age": ("older oldest old", "younger youngest newer newest young new"),
    "time": ("earlier earliest early", "later latest late"),
    "weight": ("heavier heaviest heavy", "lighter lightest light"),
    "heat": ("hotter hottest warmer warmest hot warm", "colder coldest cooler coolest cold cool"),
    "price": ("dearer dearest expensive costly", "cheaper cheapest cheap"),
    "strength": ("stronger strongest strong", "weaker weakest weak"),
    "wealth": ("richer richest wealthier wealthiest rich wealthy", "poorer poorest poor"),
    "width": ("wider widest broader broadest wide broad", "narrower narrowest narrow"),
    "depth": ("deeper deepest deep", "shallower shallowest shallow"),
    "fullness": ("fuller fullest full", "emptier emptiest empty"),
}

SCALE: dict[str, list[tuple[str, int]]] = {}
for _scale, (_up, _down) in _PAIRS.items():
    for _words, _sign in ((_up, +1), (_down, -1)):
        for _w in _words.split():
            SCALE.setdefault(_w, []).append((_scale, _sign))

# the base forms, read only after "more" / "less" ("more slowly"); "more" and "less" themselves
_BASES = frozenset(w for w in SCALE if not w.endswith(("er", "est")) and w not in ("more", "most", "above",
                                                                                   "below", "further"))
COMPARATIVES = frozenset(w for w in SCALE if w.endswith("er") and w not in ("further",)) | {"more", "less",
                                                                                          "fewer", "worse"}
SUPERLATIVES = frozenset(w for w in SCALE if w.endswith("est")) | {"most", "least", "best", "worst"}

def scales(word: str, base: bool = False) -> list[tuple[str, int]]:
    """The (scale, direction) pairs a comparative / superlative word measures; base forms only if `base`."""
    low = word.lower()
    if low in _BASES and not base:
        return []
    return SCALE.get(low, [])


def opposed(a: list[tuple[str, int]], b: list[tuple[str, int]]) -> bool | None:
    """True: a scale shared in opposite directions; False: a scale shared in the same one; None: none shared."""
    shared = [(sa == -sb) for xa, sa in a for xb, sb in b if xa == xb]
    if not shared:
        return None
    return all(shared)
