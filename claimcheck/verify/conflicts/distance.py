"""Distance and direction conflicts: "60 km north of Vladivostok" / "roughly 1,500 km away from Vladivostok";
"near the Moon's north pole" / "near the Moon's south pole".

A distance is a length (quantities.py, every length unit converted) followed by an optional compass
direction and a relation word (of, from, away from, off, outside, upstream of ...) and its reference point
("the port city of Vladivostok"). Two distances from the same reference point, about the same subject
(the sentences align once the distance phrases are left out), conflict on the distance when the value
intervals are disjoint ("about" +-20%, as for every number), and on the direction only when both give
one and they are at least 90 degrees apart (north vs south-west; north vs north-east is no conflict).
A part of a place named by its compass point ("the northern tip of Grennock Island", "the Moon's south pole",
"the east bank of the river") conflicts with the same part of the same place at least 90 degrees away, when the
sentences align without the compass words and the premise does not name the claim's part as well (kind "place").
"""
from __future__ import annotations

from dataclasses import dataclass

from .align import Conflict
from .quantities import _compatible
from .text import _MODAL, _Analysis, _lemma, _share, possessive

_POINTS = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}
_COMPOUND = {"northeast": "north east", "northwest": "north west", "southeast": "south east",
             "southwest": "south west"}
_STREAM = {"upstream": 0.0, "downstream": 180.0}  # along a river: an axis of its own
_RELATIONS = frozenset("of from off outside offshore inland beyond away".split())
_POINT_WORDS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west",
                "northeastern": "northeast", "northwestern": "northwest", "southeastern": "southeast",
                "southwestern": "southwest"}
_PARTS = frozenset(_lemma(w) for w in "pole tip end side bank coast shore edge wing hemisphere flank slope rim "
                   "half".split())
_REF_SKIP = frozenset("the a an of from away off port city town village centre center central capital coast "
                      "island mountain edge heart".split())  # words around a reference point's name


@dataclass(frozen=True)
class Distance:
    qty: object  # the quantities._Qty
    direction: float | None  # degrees from north
    axis: str  # "compass" | "stream"
    ref: frozenset[str]  # the reference point's words ("vladivostok"), or its kind ("capital", "coast")
    i: int
    j: int  # one past the reference phrase

    def text(self, a: _Analysis) -> str:
        return a.span(self.i, self.j)


def _angle(words: list[str]) -> float | None:
    """'west south west' -> 247.5, 'north' -> 0: the last word is the main point, each earlier one halves."""
    words = [w for x in words for w in _COMPOUND.get(x, x).split()]
    if not words or any(w not in _POINTS for w in words):
        return None
    angle = _POINTS[words[-1]]
    for w in reversed(words[:-1]):
        target = _POINTS[w]
        diff = (target - angle + 540) % 360 - 180
        angle = (angle + diff / 2) % 360
    return angle


def distances(a: _Analysis) -> list[Distance]:
    toks, n, out = a.toks, len(a.toks), []
    for q in a.qtys:
        if q.key[0] != "length":
            continue
        k, dirs = q.j, []
        while k < n and (toks[k].low in _POINTS or toks[k].low in _COMPOUND):
            dirs.append(toks[k].low)
            k += 1
        axis, direction = "compass", _angle(dirs) if dirs else None
        if k < n and toks[k].low in _STREAM:
            axis, direction = "stream", _STREAM[toks[k].low]
            k += 1
        if k >= n or toks[k].low not in _RELATIONS:
            continue
        ref, end = set(), k + 1
        if toks[k].low == "offshore":
            ref.add("coast")
        while end < n and end - k <= 7 and toks[end].kind != "punct" and toks[end].low not in ("and", "when", "but"):
            t = toks[end]
            if t.lemma and t.low not in _REF_SKIP and not t.tag:
                ref.add(t.lemma)
            elif t.low in ("capital", "coast") or (t.low in ("centre", "center", "central") and not ref):
                ref.add(_lemma(t.low))
            end += 1
            if t.lemma and t.text[0].isupper() and (end >= n or not toks[end].text[:1].isupper()):
                # the reference point's name ends here, unless it only describes the place named next
                # ("the Pacific port of Vladivostok": Vladivostok is the reference point)
                if end + 1 < n and toks[end].low in _REF_SKIP and toks[end].low not in ("of", "from", "off") \
                        and toks[end + 1].low == "of":
                    ref.clear()
                    continue
                break
        if ref:
            out.append(Distance(q, direction, axis, frozenset(ref), q.i, end))
    return out


def _words(a: _Analysis, d: Distance) -> set[str]:
    """The distance's own words (value, unit, direction), not its reference point's."""
    return {t.lemma for t in a.toks[d.i:d.j] if t.lemma and t.low in _POINTS | _COMPOUND.keys() | _STREAM.keys()}


def _modal_before(a: _Analysis, d: Distance) -> bool:
    """A plan or modal word in the clause before the distance ('will be built 45 km outside')."""
    c = a.toks[d.i].clause
    return any(t.clause == c and t.low in _MODAL and t.tag != "date" for t in a.toks[:d.i])


def distance_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    cds = distances(ca)
    if not cds:
        return []
    pds = distances(pa)
    out = []
    for cd in cds:
        same_ref = [pd for pd in pds if pd.ref & cd.ref]
        if not same_ref:
            continue
        cw = ca.content() - _words(ca, cd)
        best = None
        for pd in same_ref:
            pw = pa.content() - _words(pa, pd)
            share = _share(cw, pw)
            if share < min_alignment or ca.clause_negated(ca.toks[cd.i].clause) or pa.clause_negated(pa.toks[pd.i].clause):
                continue
            if _modal_before(ca, cd) != _modal_before(pa, pd):
                continue
            far = not _compatible(cd.qty, pd.qty)
            turned = (cd.direction is not None and pd.direction is not None and cd.axis == pd.axis
                      and abs((cd.direction - pd.direction + 540) % 360 - 180) >= 90)
            if not far and not turned:
                best = None
                break  # the premise gives a distance and direction the claim's can be
            if best is None or share > best[0]:
                best = (share, pd)
        if best is not None:
            out.append((best[0], -1, Conflict("distance", cd.text(ca), best[1].text(pa), round(g, 3))))
    return out


@dataclass(frozen=True)
class Part:
    direction: float
    part: str  # the part's lemma: "pole", "tip"
    owner: frozenset[str]  # the place it is a part of: "moon" ("the Moon's"), "grennock island" ("of ...")
    i: int
    j: int


def _point(low: str) -> str:
    return _POINT_WORDS.get(low, low)


def parts(a: _Analysis) -> list[Part]:
    toks, n, out = a.toks, len(a.toks), []
    k = 0
    while k < n:
        if _point(toks[k].low) not in _POINTS and _point(toks[k].low) not in _COMPOUND:
            k += 1
            continue
        m = k
        while m < n and (_point(toks[m].low) in _POINTS or _point(toks[m].low) in _COMPOUND):
            m += 1
        if m >= n or toks[m].lemma not in _PARTS or (k > 0 and toks[k - 1].kind == "num"):
            k = m
            continue  # "60 km north of": a distance's direction
        owner, i, j = set(), k, m + 1
        if k > 0 and possessive(toks[k - 1].low) and toks[k - 1].lemma:
            owner.add(toks[k - 1].lemma)  # "the Moon's south pole"
            i = k - 1
        if j + 1 < n and toks[j].low == "of":
            e = j + 1
            while e < n and e - j <= 5 and toks[e].kind != "punct" and toks[e].low not in ("and", "when", "but"):
                if toks[e].lemma:
                    owner.add(toks[e].lemma)
                e += 1
            j = e
        angle = _angle([_point(t.low) for t in toks[k:m]])
        if angle is not None:
            out.append(Part(angle, toks[m].lemma, frozenset(owner), i, j))
        k = j
    return out


def part_conflicts(ca: _Analysis, pa: _Analysis, min_alignment: float):
    """"on the southern tip of Grennock Island" / "on the northern tip of Grennock Island"."""
    cps = parts(ca)
    if not cps:
        return []
    pps = parts(pa)
    out = []
    for cp in cps:
        if not cp.owner:
            continue
        same = [pp for pp in pps if pp.part == cp.part and pp.owner & cp.owner]
        if not same or any(abs((cp.direction - pp.direction + 540) % 360 - 180) < 90 for pp in pps
                           if pp.part == cp.part and (pp.owner & cp.owner or not pp.owner)):
            continue  # the premise names the claim's part too, or one close to it ("... on the east bank")
        points = {t.lemma for a in (ca, pa) for t in a.toks if t.lemma and _point(t.low) in _POINTS | _COMPOUND.keys()}
        share = _share(ca.content() - points, pa.content() - points)
        cc, pc = ca.toks[cp.i].clause, pa.toks[same[0].i].clause
        if share < min_alignment or ca.clause_negated(cc) or pa.clause_negated(pc) \
                or ca.clause_has(cc, _MODAL) != pa.clause_has(pc, _MODAL):
            continue
        out.append((share, -1, Conflict("place", ca.span(cp.i, cp.j), pa.span(same[0].i, same[0].j), round(share, 3))))
    return out
