"""Agreements the NLI model misreads as contradictions: the same fact in other words the rules can read.

- the same quantity in another unit: "62 miles from the nearest hospital" / "about 100 kilometres from the
  nearest hospital" (a number of one dimension, the values compatible once converted, the clauses aligned but
  for the numbers: align.slot_guard);
- a superlative said as a negated comparative: "No mountain rises higher than Everest" / "Everest is the
  highest mountain"; "No one younger than Reyes has captained the side" / "Reyes became the youngest player to
  captain the side" (the claim opens with "no"; its comparative and the premise's superlative measure one
  scale the same way; the superlative ranks the thing the claim negates, or anyone for "no one"; the premise
  names the claim's reference);
- a place said more precisely: "will take place in France" / "will be held in Lyon" (places.place_restatement:
  the premise's place lies inside the claim's, the clauses aligned but for the places);
- a comparison said from the other side: "Mount Kenya stands lower than Mount Kilimanjaro" / "Mount Kilimanjaro
  is higher than Mount Kenya" (comparatives.comparative_restatement; the same comparison in the same words the
  model reads, and it says nothing of the rest of the claim).

`find_agreement` is asked only when no conflict was found; a passage with an agreement cannot contradict.
An agreement `restates` the claim when, besides its slot, the claim holds nothing the premise does not: every
name and number of the claim is in the premise and all its other content words but one are (a value that
overlaps without being the same, `close` False, never restates; nor does a place: "Kim's visit to Russia lasted
two days" is not stated by "Kim's trip to Russia followed a visit by Shoigu"). Such a passage states the claim
by rule, as a rule-found conflict contradicts it (verify.aggregate.make_evidence).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from .align import _analyse, slot_guard
from .comparatives import comparative_restatement, comparison_text, comparisons
from .negation import antonym_restatement
from .ordinals import ranks
from .places import place_restatement
from .quantities import _compatible
from .scales import opposed
from .text import _Analysis, _lemma
from .units import _SUFFIX_UNITS, _UNITS


@dataclass(frozen=True)
class Agreement:
    kind: str  # "unit" | "superlative" | "place" | "comparative" | "antonym"
    claim_text: str
    premise_text: str
    close: bool = True  # the same value within 10% (a unit agreement may only overlap: "around 90 km" / "about 40 miles")
    restates: bool = False  # the claim says nothing besides the slot that the premise does not (module doc)

    def reason(self) -> str:
        return f'the passage says "{self.premise_text}", the claim "{self.claim_text}": {_SAME[self.kind]}'


_SAME = {"unit": "the same quantity in another unit", "superlative": "the same ranking, said the other way",
         "place": "the same place, named more precisely", "comparative": "the same comparison",
         "antonym": "the same act, said with its opposite negated"}
# for `restates`: of the claim's content words outside the slot, at most one (a verb said otherwise: "stands" /
# "is") and at most half may be missing from the premise (share: of those found)
RESTATED_MISSING, RESTATED_SHARE = 1, 0.5


_DET = frozenset(["no", "any", "every", "some", "each", "the"])  # "no one": a pronoun, not a number
_ANYONE = frozenset(["one", "body", "person", "other"])


def _factor(unit: str) -> float | None:
    entry = _UNITS.get(unit) or _SUFFIX_UNITS.get(unit)
    return entry[1] if entry else None


def _point(q) -> bool:
    """A value, not a bound: 'about 100 km' (a narrow interval), not 'under 45 minutes' or 'as much as 2 hours'."""
    return 0 < q.lo <= q.hi < 2 * q.lo


def _unit_agreement(ca: _Analysis, pa: _Analysis, min_alignment: float) -> Agreement | None:
    for cq in ca.qtys:
        if cq.key[0].startswith("head:") or _factor(cq.unit) is None or not _point(cq):
            continue
        for p in pa.qtys:
            # another unit of the dimension ("miles" / "kilometres"), not another name of one unit ("%" / "percent")
            if p.key != cq.key or _factor(p.unit) in (None, _factor(cq.unit)) or not _point(p) \
                    or not _compatible(cq, p):
                continue
            if slot_guard(ca, ca.toks[cq.i].clause, set(range(cq.i, cq.j)), pa, pa.toks[p.i].clause,
                          set(range(p.i, p.j)), min_alignment) is not None:
                mc, mp = (cq.lo + cq.hi) / 2, (p.lo + p.hi) / 2
                return Agreement("unit", cq.text, p.text, abs(mc - mp) <= 0.1 * max(mc, mp))
    return None


def _negated_thing(ca: _Analysis) -> str | None:
    """'No mountain ...' -> 'mountain'; 'No one ...', 'Nobody ...' -> 'one'; else None."""
    toks = ca.toks
    if not toks:
        return None
    first = toks[0].low
    if first in ("nobody", "nothing"):
        return "one"
    if first != "no" or len(toks) < 2:
        return None
    nxt = toks[1]
    return "one" if nxt.low in _ANYONE else _lemma(nxt.text) if nxt.kind == "word" else None


def _superlative_agreement(ca: _Analysis, pa: _Analysis) -> Agreement | None:
    thing = _negated_thing(ca)
    if thing is None:
        return None
    for c in comparisons(ca, need_subject=False):
        for r in ranks(pa):
            if not r.scale or r.n != 1 or opposed(list(c.scale), list(r.scale)) is not False:
                continue
            if thing != "one" and r.head != thing:
                continue
            named = {t.lemma or t.low for t in pa.toks[:r.i] if t.lemma or t.tag == "date"}
            holder = {ca.toks[k].lemma or ca.toks[k].low for k in c.ref
                      if (ca.toks[k].lemma or ca.toks[k].tag == "date") and ca.toks[k].text[:1].isupper()}
            if holder and holder <= named:  # the premise's superlative is said of the claim's reference
                return Agreement("superlative", comparison_text(ca, c), pa.span(r.i, r.j))
    return None


def _place_agreement(ca: _Analysis, pa: _Analysis, min_alignment: float) -> Agreement | None:
    found = place_restatement(ca, pa, min_alignment)
    return Agreement("place", *found) if found else None


def _comparative_agreement(ca: _Analysis, pa: _Analysis, min_alignment: float) -> Agreement | None:
    found = comparative_restatement(ca, pa, min_alignment)
    return Agreement("comparative", *found) if found else None


def _antonym_agreement(ca: _Analysis, pa: _Analysis, min_alignment: float) -> Agreement | None:
    found = antonym_restatement(ca, pa, min_alignment)
    return Agreement("antonym", *found) if found else None


def _restates(ca: _Analysis, pa: _Analysis, found: Agreement) -> bool:
    """Whether the claim, its slot (the agreement's claim words) left out, holds only the premise's names and
    numbers, and no more than RESTATED_MISSING (and RESTATED_SHARE) of its other content words are not in it."""
    if not found.close or found.kind == "place":
        return False  # a place inside the claim's says where, not that the rest of the claim happened there
    start = ca.text.find(found.claim_text)
    slot = range(start, start + len(found.claim_text)) if start >= 0 else range(0)
    have = {t.lemma for t in pa.toks if t.lemma} | {t.low for t in pa.toks}
    words, missing = 0, 0
    for k, t in enumerate(ca.toks):
        number = (t.kind == "num" or t.tag == "value") and not (t.low == "one" and k and ca.toks[k - 1].low in _DET)
        if t.start in slot or not (t.lemma or number):
            continue
        absent = t.lemma not in have and t.low not in have
        if absent and (number or t.text[:1].isupper()):
            return False  # a name or number of the claim the premise does not give
        words += 1
        missing += absent
    return missing <= RESTATED_MISSING and (not words or (words - missing) / words >= RESTATED_SHARE)


@lru_cache(maxsize=8192)
def find_agreement(claim: str, premise: str, min_alignment: float = 0.5) -> Agreement | None:
    """The same fact said in another unit, as a negated comparative, at a place inside the claim's, or as a
    comparison from the other side, or None (see the module's doc). Cached: the pipeline asks it for each pair before the model
    reads the pair (to write a restated value in the premise's words) and again after (to decide the passage)."""
    ca, pa = _analyse(claim), _analyse(premise)
    found = _unit_agreement(ca, pa, min_alignment) or _superlative_agreement(ca, pa) \
        or _place_agreement(ca, pa, min_alignment) or _comparative_agreement(ca, pa, min_alignment) \
        or _antonym_agreement(ca, pa, min_alignment)
    return replace(found, restates=_restates(ca, pa, found)) if found else None
