"""A named vehicle or a place the premise fills with another name, where the role rules cannot align the two sentences.

"The Luna 3 probe sent back the first pictures of the far side" / "The first images of the far side were sent back
by the Chang'e 4 lander": one act said with other words, so names.py (same role after the same word) finds nothing.
Here the claim is written again with the premise's vehicle in place of its own ("The Chang'e 4 lander sent back the
first pictures of the far side"); when the verifier reads that claim as entailed and the claim itself as not, the
vehicle is the one slot the two disagree on (verify.scoring reads the candidates with the verifier; this module needs
no model). Candidates: a named vehicle of the claim (names.vehicles, any role) whose name the premise never gives,
and one of the premise's of the same kind (names._heads_meet) that is another thing (names._same_thing) and that the
claim does not name; never when the two sentences' dates are apart (another trip).
Places the same way: a known place of the claim (mentions.py) that the premise never names, against one of the
premise's in the same role (where / from where / to where) that the gazetteer puts apart from it (places._pair_apart)
and no other premise place holds or names ("The Eiffel Tower stands in Lyon" / "... on the Champ de Mars in Paris");
never when the claim names a thing the premise does not (places._unnamed: another event, another building).
"""
from __future__ import annotations

from dataclasses import dataclass

from .align import Conflict, _analyse
from .dates import _dates_compatible
from .mentions import meet, mentions
from .names import _heads_meet, _same_thing, vehicles
from .places import _compatible, _more_names, _pair_apart, _placed, _unnamed
from .text import _Analysis, _share, bare

_MAX = 3  # candidates per pair: each costs the verifier one more pair
_TOLD = 0.5  # share of the claim's other content words the premise must hold (_told)


@dataclass(frozen=True)
class Substitution:
    """One candidate: the two names of the slot and the claim rewritten with the premise's."""

    claim_text: str  # the claim's vehicle, "Luna 3 probe"
    premise_text: str  # the premise's, "Chang'e 4 lander"
    hypothesis: str  # the claim with the premise's vehicle in place of its own
    kind: str = "name"  # "name" (a vehicle) or "place"

    def conflict(self, entailment: float) -> Conflict:
        return Conflict(self.kind, self.claim_text, self.premise_text, round(entailment, 3))


def _words(a: _Analysis) -> frozenset[str]:
    """Every word and number of the sentence, as names hold them ("chang'e", "4")."""
    return frozenset(bare(w) for t in a.toks if t.kind in ("word", "num") for w in t.low.split("-"))


def _rewrite(ca: _Analysis, m: int, j: int, text: str) -> str:
    """The claim with its tokens m..j-1 replaced by text, the article before them fitted ("a Boeing 767" -> "an Airbus
    A330")."""
    start, end = ca.toks[m].start, ca.toks[j - 1].end
    head = ca.text[:start]
    if m > 0 and ca.toks[m - 1].low in ("a", "an"):
        art = ca.toks[m - 1]
        word = "an" if text[:1].lower() in "aeiou" else "a"
        word = word.capitalize() if art.text[0].isupper() else word
        head = ca.text[:art.start] + word + ca.text[art.end:start]
    return head + text + ca.text[end:]


def substitutions(claim: str, premise: str) -> list[Substitution]:
    """The claim rewritten with each of the premise's vehicles or places that may stand in the slot of one of its
    own (at most _MAX, vehicles first)."""
    ca, pa = _analyse(claim), _analyse(premise)
    if ca.dates and pa.dates and not any(_dates_compatible(x, y) for x in ca.dates for y in pa.dates):
        return []
    out: dict[str, Substitution] = {}
    for sub in (*_vehicles(ca, pa), *_places(ca, pa)):
        out.setdefault(sub.hypothesis, sub)
    return list(out.values())[:_MAX]


def _told(ca: _Analysis, i: int, j: int, pa: _Analysis) -> bool:
    """The premise holds most of what the claim says beside its slot (tokens i..j-1), two words at least: the verifier
    alone reads "A Soyuz rocket carried the Soyuz MS-24 capsule into orbit" as told by "The three astronauts returned
    to Earth aboard the Soyuz MS-24 capsule", and "The comet was discovered with the European probe Rosetta" by "The
    first images of the comet were sent back by the European probe Rosetta"."""
    rest = ca.content() - {t.lemma for t in ca.toks[i:j] if t.lemma}
    return len(rest & pa.content()) >= 2 and _share(rest, pa.content()) >= _TOLD


def _vehicles(ca: _Analysis, pa: _Analysis) -> list[Substitution]:
    cts = vehicles(ca)
    if not cts:
        return []
    said, own = _words(pa), _words(ca)
    pts = [pt for pt in vehicles(pa) if not pt.names <= own]
    out = []
    for ct in cts:
        if ct.names <= said or not _told(ca, ct.i, ct.j, pa):
            continue  # the premise names the claim's vehicle (no other one in its place), or tells of something else
        for pt in pts:
            if _heads_meet(ct, pt) and not _same_thing(ct, pt):
                text = pa.span(pt.m, pt.j)
                out.append(Substitution(ca.span(ct.m, ct.j), text, _rewrite(ca, ct.m, ct.j, text)))
    return out


def _places(ca: _Analysis, pa: _Analysis) -> list[Substitution]:
    cms = [m for m in mentions(ca) if m.known]
    if not cms:
        return []
    said, own, every = _words(pa), _words(ca), mentions(pa)
    pms, placed, out = [m for m in every if m.known], _placed(every, pa), []
    for cm in cms:
        if {bare(ca.toks[k].low) for k in cm.name_toks} <= said or _unnamed(ca, cm, pa) \
                or not _told(ca, cm.i, cm.j, pa):
            continue
        same_role = [pm for pm in pms if meet(pm.role, cm.role)]
        if any(_compatible(cm, pm) for pm in same_role):
            continue  # the premise puts it where the claim's place can be
        for pm in same_role:
            # a premise that names others before its place tells of them ("Xi Jinping hosted Emmanuel Macron in
            # Beijing" / "The prime minister held talks with Emmanuel Macron in Berlin")
            if pm.near == cm.near and _pair_apart(cm, pm) and not _more_names(pa, pm, ca, placed) \
                    and not {bare(pa.toks[k].low) for k in pm.name_toks} <= own:
                text = pa.span(pm.start, pm.j)
                out.append(Substitution(cm.text(ca), text, _rewrite(ca, cm.start, cm.j, text), "place"))
    return out
