"""What the premise rules out: "arrived in Kelbridge by train rather than by helicopter" / "flew into Kelbridge
by helicopter".

A premise phrase after a preposition, then "rather than" or "instead of" and a second phrase (with or without the
preposition again: "by train rather than helicopter"), says the first and denies the second; so do "by train, not
by helicopter" and "not by helicopter but by train". A claim that puts the denied phrase after the same preposition
(or one of its role: on / aboard / in, names.ROLE), with the same head noun and no other name, conflicts, when its
clause is the premise's but for the two phrases (align.slot_guard, the phrases and the motion verbs left out, the
word before the preposition in the premise clause or both verbs of motion). Never when the claim's phrase is also
the one the premise asserts ("by helicopter rather than by a Sea King helicopter"), or the claim rules something
out itself. Its kind is "negation": the premise denies what the claim states.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .align import Conflict, slot_guard
from .names import MOTION, ROLE, anchor
from .text import _DETERMINERS, _Analysis

_PREPS = frozenset("by on aboard in into with using via through from to at for".split())
_END = frozenset("rather instead not but and or than of".split()) | _PREPS


@dataclass(frozen=True)
class Phrase:
    prep: str  # the role: "on" for on / aboard / in, else the preposition
    i: int  # the preposition
    j: int  # one past the phrase
    head: str  # lemma of its last lower-case content word, "" when none
    names: frozenset[str]  # lower-case words of its capitalised words and labels


def phrase(a: _Analysis, i: int, prep: str | None = None) -> Phrase | None:
    """The noun phrase after token i (a preposition, or `prep`'s stand-in when the preposition is left out):
    up to five words in i's clause, to a punctuation mark, a preposition or a conjunction."""
    toks, n = a.toks, len(a.toks)
    start = i + 1 if prep is None else i
    m = start
    while m < n and toks[m].low in _DETERMINERS:
        m += 1
    end, head, names = m, "", set()
    while end < n and end - m < 5 and toks[end].clause == toks[start].clause:
        t = toks[end]
        if t.kind == "punct" or t.low in _END or t.tag in ("date", "neg"):
            break
        if t.kind == "word" and t.text[0].isupper():
            names.add(t.low.removesuffix("'s"))
        elif t.kind == "num" and t.tag == "label":
            names.add(t.low)
        elif t.kind == "word" and t.lemma:
            head = t.lemma
        elif t.kind != "word":
            break
        end += 1
    if end == m or not (head or names):
        return None
    word = toks[i].low if prep is None else prep
    return Phrase(ROLE.get(word, word), i, end, head, frozenset(names))


def _matches(c: Phrase, p: Phrase) -> bool:
    """The claim's phrase is the premise's: one head (or none) and no name of its own, or a name in common."""
    if c.prep != p.prep:
        return False
    if c.names and p.names:
        return bool(c.names & p.names)
    return c.head == p.head and bool(c.head) and not c.names


@dataclass(frozen=True)
class Exclusion:
    said: Phrase  # what the premise asserts
    denied: Phrase  # what it rules out
    clause: int  # the clause the fact is stated in
    toks: frozenset[int]  # every token of the construction
    neg: int | None  # the "not" of "not by helicopter", which negates no verb


def _after(a: _Analysis, k: int, prep: str) -> Phrase | None:
    """The phrase from token k, which is the preposition again or the phrase's first word."""
    if k < len(a.toks) and a.toks[k].low in _PREPS:
        return phrase(a, k)
    return phrase(a, k, prep) if k < len(a.toks) else None


def exclusions(a: _Analysis) -> list[Exclusion]:
    toks, n, out = a.toks, len(a.toks), []
    for k, t in enumerate(toks):
        if t.kind != "word" or t.low not in _PREPS:
            continue
        said = phrase(a, k)
        if said is None:
            continue
        j, neg = said.j, None
        if j + 1 < n and (toks[j].low, toks[j + 1].low) in (("rather", "than"), ("instead", "of")):
            denied = _after(a, j + 2, toks[k].low)  # "by train rather than (by) helicopter"
        elif j + 1 < n and toks[j].text == "," and toks[j + 1].low == "not":
            neg, denied = j + 1, _after(a, j + 2, toks[k].low)  # "by train, not (by) helicopter"
        else:
            continue
        if denied is None or denied.prep != said.prep:
            continue
        out.append(Exclusion(said, denied, toks[k].clause, frozenset(range(k, denied.j)), neg))
    for k, t in enumerate(toks):  # "not by helicopter but by train"
        if t.low != "not" or k + 1 >= n or toks[k + 1].low not in _PREPS:
            continue
        denied = phrase(a, k + 1)
        if denied is None or denied.j + 1 >= n or toks[denied.j].low != "but":
            continue
        said = phrase(a, denied.j + 1)
        if said is None or said.prep != denied.prep:
            continue
        out.append(Exclusion(said, denied, toks[k + 1].clause, frozenset(range(k, said.j)), k))
    return out


def _without_neg(a: _Analysis, k: int | None) -> _Analysis:
    """The analysis with the construction's own "not" read as no negator (it denies the phrase, no verb)."""
    if k is None:
        return a
    toks = [replace(t, tag="") if m == k else t for m, t in enumerate(a.toks)]
    return _Analysis(a.text, toks, a.qtys, a.bare, a.relative, a.dates)


def exclusion_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    pex = exclusions(pa)
    if not pex or exclusions(ca):
        return []
    out = []
    for k, t in enumerate(ca.toks):
        if t.kind != "word" or t.low not in _PREPS:
            continue
        cp = phrase(ca, k)
        if cp is None:
            continue
        for ex in pex:
            if not _matches(cp, ex.denied) or _matches(cp, ex.said):
                continue
            can, pan = anchor(ca, k), anchor(pa, ex.said.i)
            pa2 = _without_neg(pa, ex.neg)
            if can and can not in pa2.clause_words(ex.clause) and not (can in MOTION and pan in MOTION):
                continue
            own = {u.lemma for u in ca.toks[k:cp.j] if u.lemma} | {pa.toks[m].lemma for m in ex.toks if pa.toks[m].lemma}
            share = slot_guard(ca, t.clause, set(range(k, cp.j)), pa2, ex.clause, set(ex.toks), min_alignment,
                               exclude=frozenset(own) | MOTION)
            if share is None:
                continue
            premise_text = pa.span(min(ex.toks), max(ex.toks) + 1)
            out.append((share, 2, Conflict("negation", ca.span(k, cp.j), premise_text, round(g, 3))))
            break
    return out
