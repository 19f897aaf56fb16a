"""What every rule shares: the sentence analysis, the Conflict record, and the guards that say two
clauses state the same fact (alignment, anchors, other slots agree, the premise is about another entity)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .dates import _dates_compatible, _parse_dates
from .quantities import _compatible, _parse_quantities
from .clauses import _split_clauses
from .subjects import antecedent, carried_subject, descriptors
from .text import (_IRREGULAR_VERBS, _MODAL, _OTHER, _TOKEN_RE, _Analysis, _Tok,
                   _mark_negation_and_content, _normalise, _share, JOINED)


@dataclass(frozen=True)
class Conflict:
    kind: str  # "number" | "date" | "negation"
    claim_text: str  # the claim's words in conflict, e.g. "two failed launches"
    premise_text: str  # the premise's words, e.g. "three failed launches"
    alignment: float  # share of the claim's content words (values excluded) found in the premise

    def reason(self) -> str:
        return f'the passage says "{self.premise_text}", the claim "{self.claim_text}"'


# ---------------------------------------------------------------------------------------- analysis

@lru_cache(maxsize=4096)
def _analyse(text: str) -> _Analysis:
    """The sentence's analysis, cached: a claim meets every rationale sentence of its passages, and a passage
    sentence every claim it was retrieved for (conflict and agreement rules both read them). Never mutated."""
    text = _normalise(text)
    joined = frozenset(i for i, ch in enumerate(text) if ch == JOINED)
    text = text.replace(JOINED, " ")
    toks = [_Tok(m.group(), m.start(), m.end(), m.lastgroup, m.group().lower()) for m in _TOKEN_RE.finditer(text)]
    a = _Analysis(text, toks, joined=joined)
    _parse_dates(a)
    _parse_quantities(a)
    _mark_negation_and_content(a)
    _split_clauses(a)
    return a


# ------------------------------------------------------------------------------------- alignment

def alignment(claim: str, premise: str) -> float:
    """Share of the claim's content words (values, units, qualifiers, negators excluded) in the premise."""
    return _share(_analyse(claim).content(), _analyse(premise).content())


def _anchors(a: _Analysis, i: int, j: int, skip: frozenset = frozenset()) -> tuple[str | None, str | None]:
    """The content words right before token i and right after token j-1, inside the clause."""
    c = a.toks[i].clause
    left = right = None
    for t in reversed(a.toks[:i]):
        if t.clause != c:
            break
        if t.lemma and t.lemma not in skip:
            left = t.lemma
            break
    for t in a.toks[j:]:
        if t.clause != c:
            break
        if t.lemma and t.lemma not in skip:
            right = t.lemma
            break
    return left, right


def _slot_context_ok(ca: _Analysis, ci: int, cj: int, pa: _Analysis, pi: int, min_alignment: float,
                     exclude: frozenset = frozenset(), free: frozenset = frozenset(),
                     scheduled: bool = False) -> float | None:
    """Same fact? clause alignment, anchors, no negator / modal word on one side only. -> clause alignment.
    `free`: anchors the premise need not repeat (a change verb, when both values are changes); `scheduled`: the
    values are days, so "will" and the present tense both state the one day planned (`_forward`)."""
    cc, pc = ca.toks[ci].clause, pa.toks[pi].clause
    cw = ca.clause_words(cc, exclude) | (carried_subject(ca, cc) - exclude)
    pw = pa.clause_words(pc, exclude) | (carried_subject(pa, pc) - exclude)
    share = _share(cw, pw)
    if share < min_alignment:
        return None
    left, right = _anchors(ca, ci, cj, exclude)
    anchor = left or right  # the word before the value (its verb or subject), else the one after
    if anchor and anchor not in pw and anchor not in free:
        return None
    if ca.clause_negated(cc) or pa.clause_negated(pc):
        return None
    if ca.clause_has(cc, _MODAL) != pa.clause_has(pc, _MODAL) and not _capacity(ca, cc, pa, pc) \
            and not (scheduled and {_forward(ca, ci), _forward(pa, pi)} <= {"will", "present"}):
        return None
    if _has_other(ca, cc, pw) != _has_other(pa, pc, cw):
        return None
    return share


def _has_other(a: _Analysis, c: int, compared: set[str]) -> bool:
    """Clause c holds "another", "previous", "earlier" ... said of a thing both sides name (`compared`: the other
    side's words): not "earlier" after a span ("up 8 percent from a year earlier", "two days later"), which dates
    a comparison, nor one before words the other side never says ("opened in a former textile mill")."""
    toks, after_span = a.toks, {q.j for q in a.relative}
    for k, t in enumerate(toks):
        if t.clause == c and t.low in _OTHER and t.tag != "date" and k not in after_span:
            run = []  # the words it modifies: "former textile mill" -> textile, mill
            for x in toks[k + 1:]:
                if x.clause != c or not x.lemma:
                    break
                run.append(x.lemma)
            if not run or set(run) & compared:
                return True
    return False


def _capacity(ca: _Analysis, cc: int, pa: _Analysis, pc: int) -> bool:
    """ "can seat 13,000 spectators" / "has a seating capacity of 31,000": the "can" of a capacity is no hedge."""
    def can_only(a, c):
        return a.clause_has(c, _CAN) and not a.clause_has(c, _MODAL - _CAN)
    return (can_only(ca, cc) and pa.clause_has(pc, _CAPACITY)) or (can_only(pa, pc) and ca.clause_has(cc, _CAPACITY))


def _forward(a: _Analysis, i: int) -> str:
    """How the clause of the value at token i states it, up to an "and" after the value (", and may be visible" is
    another predicate): "will" ("will make its closest approach on 12 October", "is scheduled for"), "present"
    ("is on 12 December", "begins on 13 October": a day planned, as "will" states it), "past" (was, had, did, a
    past participle: what happened, never compared with a plan) or "modal" (may, could, should, was planned ...)."""
    c, toks = a.toks[i].clause, a.toks
    end = next((k for k in range(i, len(toks)) if toks[k].clause == c and toks[k].low in ("and", "or")), len(toks))
    words = [(k, t) for k, t in enumerate(toks[:end]) if t.clause == c and t.tag != "date"]
    present_plan = {k for k, t in words if t.low in _SCHEDULE and k and toks[k - 1].low in _PRESENT_BE}
    if any(t.low in _MODAL and t.low not in _WILL and k not in present_plan for k, t in words):
        return "modal"
    if present_plan or any(t.low in _WILL for _, t in words):
        return "will"
    if any(t.low in _PAST or (t.low.endswith("ed") and len(t.low) > 4) or t.low in _IRREGULAR_VERBS
           for _, t in words):
        return "past"
    return "present"


_WILL = frozenset(["will", "shall"])
_SCHEDULE = frozenset("scheduled planned expected due set slated".split())
_PRESENT_BE = frozenset(["is", "are", "am"])
_PAST = frozenset("was were had did".split())


_CAN = frozenset(["can", "could"])
_CAPACITY = frozenset(["capacity"])
def _clause_of(a: _Analysis, i: int) -> int:
    return a.toks[i].clause


def _others_agree(ca: _Analysis, cc: int, pa: _Analysis, pc: int, skip_dates: bool, skip_qtys: bool) -> bool:
    """Every other slot shared by the two clauses agrees (only one slot may differ)."""
    if not skip_dates:
        cds = [d for d in ca.dates if ca.toks[d.i].clause == cc and not d.bounded]
        pds = [d for d in pa.dates if pa.toks[d.i].clause == pc]
        if cds and pds and not any(_dates_compatible(c, p) for c in cds for p in pds):
            return False
    if not skip_qtys:
        for cq in (q for q in ca.qtys if ca.toks[q.i].clause == cc):
            pqs = [q for q in pa.qtys if pa.toks[q.i].clause == pc and q.key == cq.key]
            if pqs and not any(_compatible(cq, p) for p in pqs):
                return False
    return True



# --------------------------------------------------------------------------- another entity

def _other_label(ca: _Analysis, pa: _Analysis) -> bool:
    """Apollo 11 vs Apollo 12, Flight 370 vs Flight 17: the premise is about another entity."""
    labels = lambda a: {w for w in a.content() if " " in w}  # noqa: E731
    cl, pl = labels(ca), labels(pa)
    return any(c.split()[0] == p.split()[0] and c != p for c in cl for p in pl)


_NAME_RUN = re.compile(r"[A-Z][\w'’.]*(?:[\s-]+[A-Z][\w'’.]*)*")
_NAME_SKIP = frozenset("the a an in on at by for of to from and but or it he she they this that after before "
                       "when while according".split())


def _name_groups(text: str) -> list[frozenset[str]]:
    out = []
    for m in _NAME_RUN.finditer(text):
        words = {re.sub(r"['’]s?$", "", w).lower().strip(".") for w in re.split(r"[\s-]+", m.group(0))}
        words -= _NAME_SKIP
        if words:
            out.append(frozenset(words))
    return out


def short_names(ca: _Analysis, claim: str, premise: str) -> _Analysis:
    """The claim analysis with the words of a name the premise gives only in part left out of its content:
    "the James Webb Space Telescope" read against "Webb's primary mirror" counts as "Webb". Only where a premise
    name is part of the claim's (a short form), never where each has words of its own (two entities)."""
    pg = _name_groups(premise)
    drop: set[str] = set()
    for c in _name_groups(claim):
        parts = [p for p in pg if p <= c]
        if parts and not any(p & c and p - c and c - p for p in pg):
            drop |= c - frozenset().union(*parts)
    if not drop:
        return ca
    toks = [replace(t, lemma="") if t.kind == "word" and t.low.removesuffix("'s").strip(".") in drop else t
            for t in ca.toks]
    return _Analysis(ca.text, toks, ca.qtys, ca.bare, ca.relative, ca.dates)


def _other_named(claim: str, premise: str) -> bool:
    """'The James Webb Space Telescope was launched ...' vs 'The Hubble Space Telescope was launched ...':
    two names sharing words (Space Telescope), each with words of its own, are two entities of one kind."""
    pg = _name_groups(premise)
    for c in _name_groups(claim):
        if any(c <= p for p in pg):
            continue  # the premise names the claim's own too ("the Vostochny Cosmodrome ... the Baikonur Cosmodrome")
        for p in pg:
            if c & p and c - p and p - c:
                return True
    return False



# ------------------------------------------------------------------------------ slot rules' guard

# words that pick out one occurrence of a recurring event: "first met in Vladivostok", "met again in Hanoi"
_OCCURRENCE = frozenset("""first second third fourth fifth last final previous next again earlier later former
latest recent debut maiden inaugural""".split())  # "her debut solo show" / "her first solo show"


def clause_words_without(a: _Analysis, c: int, skip: set[int], exclude: frozenset = frozenset()) -> set[str]:
    """Clause c's content words, leaving out the tokens in `skip` (the slot's own words)."""
    return {t.lemma for k, t in enumerate(a.toks) if t.clause == c and t.lemma and k not in skip
            and t.lemma not in exclude}


# spans of time: "next month", "the second quarter", "the first half" name a time, not an occurrence or a rank
PERIODS = frozenset("day week month year season quarter half decade century millennium weekend".split())


def _has(a: _Analysis, c: int, words: frozenset, skip: set[int]) -> bool:
    """Clause c holds one of `words` outside `skip`; "next month", "last year" are dates, "a third" a share,
    not occurrences; "later" after a span ("came into force two years later") dates another fact."""
    n, after_span = len(a.toks), {q.j for q in a.relative}
    return any(t.clause == c and t.low in words and k not in skip and k not in after_span and t.tag != "date"
               and not (k + 1 < n and a.toks[k + 1].low.rstrip("s") in PERIODS)
               and not (k and a.toks[k - 1].low in ("a", "one")) for k, t in enumerate(a.toks))  # "a third"


def slot_guard(ca: _Analysis, cc: int, cskip: set[int], pa: _Analysis, pc: int, pskip: set[int],
               min_alignment: float, exclude: frozenset = frozenset(), light: frozenset = frozenset(),
               pextra: frozenset = frozenset()) -> float | None:
    """The guard every slot rule (place, distance, name, person, ordinal, comparative) shares: the two clauses
    state the same fact but for the slot. -> the clause alignment (slot words left out), or None when:
    it is below `min_alignment`; either clause is negated; a plan / modal or "another" word is on one side
    only; an occurrence word ("first", "again", "last") is on one side only; or another date or number in
    the claim clause disagrees with the premise clause's. A clause with no words but `light` ones
    ("Mount Kilimanjaro, Africa's highest peak, | is located in Kenya") is read with its whole sentence.
    `pextra`: words the premise clause says by ellipsis ("..., and Adams was the second [president]"). A relative
    clause's words include its antecedent's ("Maren Solberg, who was born in Bergen")."""
    cw = clause_words_without(ca, cc, cskip, exclude) | (antecedent(ca, cc) - exclude)
    pw = clause_words_without(pa, pc, pskip, exclude) | (antecedent(pa, pc) - exclude)
    cw -= descriptors(ca) - pw
    if light and (not cw - light or not pw - light):
        cw = {t.lemma for k, t in enumerate(ca.toks) if t.lemma and k not in cskip and t.lemma not in exclude}
        pw = {t.lemma for k, t in enumerate(pa.toks) if t.lemma and k not in pskip and t.lemma not in exclude}
    share = _share(cw, pw | pextra)
    if not cw or share < min_alignment:
        return None
    if ca.clause_negated(cc) or pa.clause_negated(pc):
        return None
    for words in (_MODAL, _OTHER, _OCCURRENCE):  # the slot's own words ("second summit") left out
        if _has(ca, cc, words, cskip) != _has(pa, pc, words, pskip):
            return None
    if not _others_agree(ca, cc, pa, pc, skip_dates=False, skip_qtys=False):
        return None
    return share


def listed(a: _Analysis, i: int, j: int, is_name, before: bool = True) -> bool:
    """Tokens i..j-1 are one name of a list: a conjunction, or a comma and another name, after them (or, with
    `before`, before them): "written by Peter Birro and Maria Karlsson", "Alison Brie, Colin Hanks"."""
    toks, n = a.toks, len(a.toks)
    after = toks[j].low if j < n else ""
    if after in ("and", "or", "&") or (after == "," and j + 1 < n and is_name(toks[j + 1])):
        return True
    prev = toks[i - 1].low if i and before else ""
    return prev in ("and", "or", "&") or (prev == "," and i > 1 and is_name(toks[i - 2]))


def without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given character spans blanked (for the other-entity guards, minus the slot)."""
    chars = list(text)
    for i, j in spans:
        chars[i:j] = " " * (j - i)
    return "".join(chars)


def other_entity(ca: _Analysis, pa: _Analysis, cspans=(), pspans=()) -> bool:
    """The premise is about another entity of the claim's kind, outside the slots compared (char spans in
    the analysed texts): Apollo 11 vs Apollo 12, the James Webb vs the Hubble Space Telescope."""
    def labels(a, spans):
        return {t.lemma for t in a.toks if " " in t.lemma and not any(i <= t.start < j for i, j in spans)}
    cl, pl = labels(ca, cspans), labels(pa, pspans)
    if any(c.split()[0] == p.split()[0] and c != p for c in cl for p in pl):
        return True
    return _other_named(without_spans(ca.text, list(cspans)), without_spans(pa.text, list(pspans)))
