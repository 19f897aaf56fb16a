"""Comparatives: "more visitors than in 2022" / "fewer visitors than in 2022"; "rose above 50 euros" / "fell
below 50 euros"; "light travels faster than sound" / "sound travels faster than light".

A comparison is a comparative word ("larger", "fewer", "more slowly", "less expensive"; scales.py says which
scale and which way) followed by "than" in its clause, or "above" / "below" after a verb of level or a comma,
with its subject (the clause's words before it, and those between it and "than"; the clause before when there
are none: "drew 210,000 visitors, more than in 2022") and its reference (the words after "than" / "above").
Two comparisons on one scale conflict when they compare the same two things in opposite directions, or the
two things swapped in the same direction ("Mars is smaller than Earth" and "Earth is bigger than Mars" agree).
A reference with a number must give the same numbers on both sides ("more than 20" is the number rule's).
The rest of the clauses must say the same thing (align.slot_guard).
"""
from __future__ import annotations

from dataclasses import dataclass

from .align import Conflict, slot_guard
from .scales import COMPARATIVES, opposed, scales
from ...text.words import ordinal
from .text import _CHANGE_LEMMAS, _Analysis, _lemma, _share

_LEVEL_VERBS = frozenset(_lemma(w) for w in """rise rose risen climb climbed fall fell fallen drop dropped peak
peaked crest crested stay stayed remain remained finish finished close closed trade traded sit sat stand stood
end ended come came be is are was were""".split()) | {"is", "are", "was", "were", "be"}


_ADJUNCT = frozenset("for in at on since during over until after before across throughout".split())
# "larger in size than", "higher in price": the scale's own noun, no content of the comparison
_DIMENSIONS = frozenset(_lemma(w) for w in "size height length number amount speed distance age weight price "
                        "width depth area level time".split())


@dataclass(frozen=True)
class Comparison:
    i: int  # first token of the comparative words
    j: int  # one past them
    clause: int  # the clause its subject is in
    ref: tuple[int, ...]  # the reference's tokens
    scale: tuple[tuple[str, int], ...]
    subject: frozenset[str]
    reference: frozenset[str]
    numbers: frozenset[str]  # the reference's numbers


def _words(a: _Analysis, idx) -> set[str]:
    out = set()
    for k in idx:
        t = a.toks[k]
        if t.lemma and t.lemma not in _CHANGE_LEMMAS and t.lemma not in _LEVEL_VERBS:
            out.add(t.lemma)  # not the verb: "wages grew faster than rents" / "rents rose faster than wages"
        elif t.tag == "date" or (not t.lemma and ordinal(t.low)):  # "hotter than July", "than in 2022"
            out.add(t.low)  # "faster than the second": an ordinal is a thing compared ("second" is no unit)
    return out


def _reference_end(a: _Analysis, idx: list[int]) -> list[int]:
    """The reference up to a phrase after its noun: "than wages | for the third year in a row"."""
    for x, m in enumerate(idx):
        if x and a.toks[m].low in _ADJUNCT and any(a.toks[p].lemma for p in idx[:x]):
            return idx[:x]
    return idx


def _clause_range(a: _Analysis, c: int) -> list[int]:
    return [k for k, t in enumerate(a.toks) if t.clause == c]


def comparisons(a: _Analysis, need_subject: bool = True) -> list[Comparison]:
    """The comparisons of a sentence; with need_subject=False also those with no subject ("No one younger
    than Reyes has ...", read by agreement.py)."""
    toks, n, out = a.toks, len(a.toks), []
    for k, t in enumerate(toks):
        if t.kind != "word":
            continue
        j, scale = k + 1, ()
        if t.low in ("more", "less") and k + 1 < n and scales(toks[k + 1].low, base=True):
            sign = 1 if t.low == "more" else -1  # "more slowly", "less expensive"
            scale, j = tuple((s, sign * d) for s, d in scales(toks[k + 1].low, base=True)), k + 2
        elif t.low in COMPARATIVES:
            scale = tuple(scales(t.low))
        elif t.low in ("above", "below") and k and (toks[k - 1].lemma in _LEVEL_VERBS or toks[k - 1].low in
                                                    _LEVEL_VERBS or toks[k - 1].text == ","):
            scale = tuple(scales(t.low))
        if not scale:
            continue
        c = t.clause
        if t.low in ("above", "below"):
            than = k
        else:
            than = next((m for m in range(j, min(j + 10, n)) if toks[m].low == "than"), None)
            if than is None or toks[than].clause != c:
                continue
            if k and toks[k - 1].low in ("no", "not", "any"):
                continue  # "no more than", "not less than": bounds, the number rule's
        ref_idx = _reference_end(a, [m for m in range(than + 1, n) if toks[m].clause == c])
        reference = _words(a, ref_idx)
        if any(toks[m].low == "by" for m in ref_idx):  # "faster than the record by 52 seconds"
            ref_idx = ref_idx[:next(x for x, m in enumerate(ref_idx) if toks[m].low == "by")]
        numbers = frozenset(toks[m].low for m in ref_idx[:3] if toks[m].kind == "num" and toks[m].tag != "date")
        subj_idx = [m for m in range(0, k) if toks[m].clause == c] + list(range(j, than))
        subject, home = _words(a, subj_idx), c
        if not _words(a, [m for m in range(0, k) if toks[m].clause == c]):
            prev = max((toks[m].clause for m in range(k) if toks[m].clause != c), default=None)
            if prev is not None:
                subject |= _words(a, _clause_range(a, prev))
                home = prev
        if reference and (subject or not need_subject):
            out.append(Comparison(k, j, home, tuple(ref_idx), scale, frozenset(subject), frozenset(reference),
                                  numbers))
    return out


def _meets(x: frozenset[str], y: frozenset[str]) -> bool:
    return bool(x & y) and max(_share(set(x), set(y)), _share(set(y), set(x))) >= 0.5


def _named(x: frozenset[str], y: frozenset[str], other: frozenset[str], names: set[str], said: set[str]) -> bool:
    """Every name of the claim's side x is in the premise and none is only on the premise's other side: "Mount
    Elgon" is not "Mount Kilimanjaro"; "Harwick Bank" may be named outside the comparison ("Its profit ...")."""
    own = x & names
    return own <= said and not (own & other) - y


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x | y else 0.0


def _matches(ca: _Analysis, pa: _Analysis, min_alignment: float, agree: bool):
    """(alignment, claim comparison, premise comparison) for each claim comparison the premise says the other way
    (agree=False: the same two things in opposite directions, or swapped in the same direction), or the same way
    (agree=True: the same two things in the same direction, or swapped in opposite directions), best first."""
    ccs = comparisons(ca)
    if not ccs:
        return []
    pcs = comparisons(pa)
    names = {t.lemma for k, t in enumerate(ca.toks) if k and t.lemma and t.text[:1].isupper()}
    said = pa.content()
    out = []
    for cc in ccs:
        best = None
        for pc in pcs:
            opp = opposed(list(cc.scale), list(pc.scale))
            if opp is None or cc.numbers != pc.numbers:
                continue
            straight = _jaccard(cc.reference, pc.reference) + _jaccard(cc.subject, pc.subject)
            crossed = _jaccard(cc.subject, pc.reference) + _jaccard(cc.reference, pc.subject)
            same = straight > crossed and _meets(cc.reference, pc.reference) and _meets(cc.subject, pc.subject) \
                and _named(cc.reference, pc.reference, pc.subject, names, said) \
                and _named(cc.subject, pc.subject, pc.reference, names, said)
            swapped = crossed > straight and _meets(cc.subject, pc.reference) and _meets(cc.reference, pc.subject) \
                and _named(cc.subject, pc.reference, pc.subject, names, said) \
                and _named(cc.reference, pc.subject, pc.reference, names, said)
            if not ((same and opp != agree) or (swapped and opp == agree)):
                continue
            # the subjects' clauses, the references held out with the comparatives ("than at the last vote")
            share = slot_guard(ca, cc.clause, {*range(cc.i, cc.j), *cc.ref}, pa, pc.clause,
                               {*range(pc.i, pc.j), *pc.ref}, min_alignment, exclude=_DIMENSIONS, pextra=pc.subject | pc.reference)
            if share is not None and (best is None or share > best[0]):
                best = (share, cc, pc)
        if best is not None:
            out.append(best)
    return out


def comparative_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    return [(share, 3, Conflict("comparative", comparison_text(ca, cc), comparison_text(pa, pc), round(g, 3)))
            for share, cc, pc in _matches(ca, pa, min_alignment, agree=False)]


def comparative_restatement(ca: _Analysis, pa: _Analysis, min_alignment: float) -> tuple[str, str] | None:
    """(the claim's comparison, the premise's) when the premise says it from the other side: "Mount Kenya stands
    lower than Mount Kilimanjaro" / "Mount Kilimanjaro is higher than Mount Kenya" (the small model reads the
    converse as a contradiction; the same comparison in the same words it reads)."""
    for _, cc, pc in _matches(ca, pa, min_alignment, agree=True):
        if opposed(list(cc.scale), list(pc.scale)):
            return comparison_text(ca, cc), comparison_text(pa, pc)
    return None


def comparison_text(a: _Analysis, c: Comparison) -> str:
    """The comparative with its reference: "fewer visitors this year than in 2022"."""
    end = max(k for k, t in enumerate(a.toks) if t.clause == a.toks[c.i].clause) + 1
    while end > c.j and a.toks[end - 1].kind == "punct":
        end -= 1
    return a.span(c.i, end)
