"""Negation and opposite-verb conflicts ("did not attend" / "attended"; "opposed" / "voted in favour of")."""
from __future__ import annotations

import re
from dataclasses import replace

from .align import Conflict, _anchors
from .subjects import carried_subject
from .dates import _dates_compatible
from .places import TITLES
from .quantities import _compatible
from .text import (_AUX, _BE, _DETERMINERS, _IRREGULAR, _LEX, _MODAL, _OPPOSITE_LEMMAS, _OTHER, _TEMPORAL_NEG,
                   _TIME_SENSITIVE, _TURN, _VOTE, _Analysis, _lemma, _share, _stem)


def _phrase_end(a: _Analysis, k: int) -> int:
    """One past the object noun phrase after token k (for the conflict's text)."""
    c, end, seen = a.toks[k].clause, k + 1, False
    for m in range(k + 1, min(k + 7, len(a.toks))):
        t = a.toks[m]
        if t.clause != c or t.kind == "punct":
            break
        if t.lemma:
            seen, end = True, m + 1
        elif seen:
            break
        elif t.low not in ("the", "a", "an", "of", "its", "his", "her", "their", "to", "in", "on", "at") \
                and t.tag not in ("label", "label_next"):  # "the 2012 water reform bill"
            break
    return end


def _values_match(ca: _Analysis, cc: int, pa: _Analysis, pc: int, both_ways: bool) -> bool:
    """Every date / number in the claim clause has a compatible one in the premise clause (and back)."""
    def covered(xa, xc, ya, yc):
        for d in (d for d in xa.dates if xa.toks[d.i].clause == xc):
            if not any(_dates_compatible(d, e) for e in ya.dates if ya.toks[e.i].clause == yc):
                return False
        for q in (q for q in xa.qtys + xa.bare if xa.toks[q.i].clause == xc):
            if not any(q.key == r.key and _compatible(q, r) for r in ya.qtys + ya.bare if ya.toks[r.i].clause == yc):
                return False
        return True
    return covered(ca, cc, pa, pc) and (not both_ways or covered(pa, pc, ca, cc))


def _positions_ok(ca: _Analysis, ck: int, cend: int, pa: _Analysis, pk: int, pend: int, skip: frozenset) -> bool:
    """The claim's subject word is before the verb in the premise clause, its object word after it."""
    left, right = _anchors(ca, ck, cend, skip)
    pc = pa.toks[pk].clause
    # a labelled premise word stands for its plain word too: "the 2012 water reform bill" holds "water"
    before = {w for t in pa.toks[:pk] if t.clause == pc and t.lemma for w in (t.lemma, t.lemma.split(" ", 1)[0])} \
        | _carried(pa, pk)
    after = {w for t in pa.toks[pend:] if t.clause == pc and t.lemma for w in (t.lemma, t.lemma.split(" ", 1)[0])}
    return (left is None or left in before) and (right is None or right in after)


def _carried(a: _Analysis, k: int) -> set[str]:
    """The sentence subject a clause's first verb k says by reference ("X is a forward who won ...": X won);
    nothing for a later verb of the clause ("who played for the club that won ...")."""
    c = a.toks[k].clause
    first = next((m for m, t in enumerate(a.toks) if t.clause == c and t.lemma), None)
    return carried_subject(a, c) if first == k else set()


def _negation_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    out = []
    need = max(0.8, min_alignment)
    for side in (0, 1):  # 0: the claim negates, 1: the premise negates
        neg_a, pos_a = (ca, pa) if side == 0 else (pa, ca)
        for k, t in enumerate(neg_a.toks):
            if not t.negated or _copula_negation(neg_a, k):
                continue
            nc = t.clause
            # "did not vote" negates a verb, whose noun ("abstained in the vote") is no occurrence; "no surfer", "doesn't
            # have an art museum" negate a noun, met after an article ("a surfer", "an Art Museum")
            verb = k > 0 and (neg_a.toks[k - 1].tag == "neg" or neg_a.toks[k - 1].low in _AUX) \
                and neg_a.toks[k - 1].low not in _NOUN_NEGATORS
            occurrences = [m for m, u in enumerate(pos_a.toks) if u.lemma == t.lemma and not _denied(pos_a, m)
                           and not (verb and _noun_use(pos_a, m))]
            if not occurrences or any(pos_a.toks[m].negated for m in occurrences):
                continue
            for m in occurrences:
                pc = pos_a.toks[m].clause
                if pos_a.clause_negated(pc) or any(a.clause_has(c, _MODAL | _OTHER | _TEMPORAL_NEG, attributive=False)
                                                   for a, c in ((pos_a, pc), (neg_a, nc))):
                    continue
                cw_claim = ca.clause_words(nc if side == 0 else pc)
                cw_prem = pa.clause_words(pc if side == 0 else nc) | _carried(pa, m if side == 0 else k)
                share = _share(cw_claim, cw_prem)
                ck, pk = (k, m) if side == 0 else (m, k)
                # the premise clause not much wider, its adjuncts left out ("qualified ... | after a 2-0 win")
                if share < need or _share(_core_words(pa, pa.toks[pk].clause, pk, frozenset()), cw_claim) < 0.5:
                    continue
                if not _positions_ok(ca, ck, ck + 1, pa, pk, pk + 1, frozenset()):
                    continue
                if not _values_match(ca, ca.toks[ck].clause, pa, pa.toks[pk].clause, both_ways=False):
                    continue
                out.append((share, 2, Conflict("negation", _neg_text(ca, ck), _neg_text(pa, pk), round(g, 3))))
                break
    return out


_DENY = frozenset(_lemma(w) for w in "deny denied denies denying dispute disputed disputes".split())


_ARTICLES = _DETERMINERS - {"this", "that", "these", "those"}  # not "that": "a package that contains"
_NOUN_NEGATORS = frozenset("no none nobody nothing".split())


def _noun_use(a: _Analysis, m: int) -> bool:
    """The word follows an article: a noun, no verb the sentence asserts ("abstained in the vote")."""
    return m > 0 and a.toks[m - 1].low in _ARTICLES


def _denied(a: _Analysis, m: int) -> bool:
    """The word is said to be denied ("denied that it had misled investors"), not asserted."""
    return any(t.lemma in _DENY for t in a.toks[:m])


_NEG_PREFIX = re.compile(r"(un|il|ir)([a-z]{3,})")


def prefix_negated(a: _Analysis, other: _Analysis) -> _Analysis:
    """'unsafe' read as a negated 'safe' where the other sentence says 'safe' (also 'illegal' / 'legal',
    'irregular' / 'regular'). Participles ('uncovered', 'unveiled') stay as they are, and so does a word whose
    rest the other sentence does not hold ('under', 'union')."""
    words = other.content()
    toks = list(a.toks)
    for k, t in enumerate(toks):
        m = _NEG_PREFIX.fullmatch(t.low)
        if t.kind != "word" or not t.lemma or m is None or t.low.endswith(("ed", "ing")):
            continue
        if m.group(1) != "un" and m.group(2)[0] != m.group(1)[1]:  # il+legal, ir+regular
            continue
        base = _lemma(m.group(2))
        if base in words:
            toks[k] = replace(t, lemma=base, negated=True)
    if toks == a.toks:
        return a
    return _Analysis(a.text, toks, a.qtys, a.bare, a.relative, a.dates)


def _copula_negation(a: _Analysis, k: int) -> bool:
    """'is not a Black Sabbath album': negates a description, not a verb (passives like 'was not
    launched' still count)."""
    low = a.toks[k].low
    if low.endswith(("ed", "en")) or low in _IRREGULAR:
        return False
    for m in range(k - 1, max(-1, k - 5), -1):
        t = a.toks[m]
        if t.tag == "neg":
            return t.low in _BE or (m > 0 and a.toks[m - 1].low in _BE)
    return False


def _neg_text(a: _Analysis, k: int) -> str:
    """'did not attend the lunch' / 'attended the lunch': from the negator (and its auxiliary) on."""
    start = k
    c = a.toks[k].clause
    for m in range(k - 1, max(-1, k - 4), -1):
        t = a.toks[m]
        if t.clause != c:
            break
        if t.tag == "neg":
            start = m
            if m > 0 and a.toks[m - 1].low in _AUX and a.toks[m - 1].clause == c:
                start = m - 1
            break
        if t.lemma:
            break
    return a.span(start, _phrase_end(a, k))


def _opposite_verbs(a: _Analysis, negated: bool = False) -> list[tuple[int, int, str, int]]:
    """(first token, one past last, group, polarity) for the opposite-verb lexicon in a sentence; with `negated`,
    a base form after a negator too ("did not approve")."""
    toks, n, out, k = a.toks, len(a.toks), [], 0
    while k < n:
        t = toks[k]
        low = t.low
        if t.kind != "word":
            k += 1
            continue
        if _lemma(low) in (_VOTE, _TURN) and k + 1 < n and toks[k + 1].low == "down":  # "voted down the bill"
            out.append((k, k + 2, "decision", -1))
            k += 2
            continue
        if _lemma(low) == _VOTE and k + 1 < n:
            if toks[k + 1].low == "against":
                out.append((k, k + 2, "stance", -1))
                k += 2
                continue
            if toks[k + 1].low == "for":
                out.append((k, k + 2, "stance", +1))
                k += 2
                continue
        if low == "in" and k + 2 < n and toks[k + 1].low in ("favour", "favor") and toks[k + 2].low == "of":
            s = k - 1 if k > 0 and _lemma(toks[k - 1].low) == _VOTE else k
            if out and out[-1][0] == s:
                out.pop()
            out.append((s, k + 3, "stance", +1))
            k += 3
            continue
        lem = _lemma(low)
        if lem in _OPPOSITE_LEMMAS and t.tag != "neg":
            base = lem == _stem(low) and not low.endswith(("ed", "ing", "s")) and low not in _IRREGULAR
            prev = toks[k - 1].low if k > 0 else ""
            if low in ("backs", "bans", "rises", "falls", "drops", "gains", "cuts"):
                pass
            elif _OPPOSITE_LEMMAS[lem][0] == "access" and low.endswith("ing"):
                pass  # "the opening ceremony", "the closing date": nouns
            elif not base or prev in _AUX or prev == "to" or prev in _STAY or (negated and toks[k - 1].tag == "neg"):
                out.append((k, k + 1, *_OPPOSITE_LEMMAS[lem]))  # "declined to comment" is a negator (text.py)
        elif low in ("backed", "backing"):
            out.append((k, k + 1, "stance", +1))
        k += 1
    return out


# verbs of staying before an adjective: "remained open", "stays shut"
_STAY = frozenset("remain remains remained stay stays stayed".split())

# words that open an adjunct after a verb's object: how, when or despite what, not which thing
_ADJUNCT = frozenset("by despite amid after before during following as when since".split())


def _core_words(a: _Analysis, c: int, j: int, skip: frozenset) -> set[str]:
    """Clause c's content words up to the first adjunct after token j ("won the vote | by a narrow margin on
    Wednesday"; "profits rose last year | despite higher prices"): what the premise says happened to what."""
    out = set()
    for k, t in enumerate(a.toks):
        if t.clause != c:
            continue
        if k >= j and t.low in _ADJUNCT:
            break
        if t.lemma and t.lemma not in skip:
            out.add(t.lemma)
    return out


def _subject_words(a: _Analysis, c: int, i: int, skip: frozenset) -> set[str]:
    """Clause c's content words before token i: who or what the verb is about. A title before a name
    ("Senator Helen Marsh") is part of the name, not another subject."""
    return {t.lemma for k, t in enumerate(a.toks[:i]) if t.clause == c and t.lemma and t.lemma not in skip
            and not (t.low in TITLES and a.toks[k + 1].text[:1].isupper()) and t.low not in _STAY}


_LEX_STAY = _LEX | frozenset(_lemma(w) for w in _STAY)  # "stayed open" / "remained closed": the verbs are the values


def _one_act(ca: _Analysis, ci: int, cj: int, pa: _Analysis, pi: int, pj: int, group: str,
             need: float) -> float | None:
    """The share of the claim clause's words (the opposite verbs left out) in the premise clause, when the two tell
    one act of one subject: at least `need` of the words, the premise's subject words all in the claim ("export
    profits rose" is not "profits rose"), the claim's subject before the premise's verb and its object after it, the
    same dates and numbers (both ways for a change, an outcome or access). Else None."""
    cc, pc = ca.toks[ci].clause, pa.toks[pi].clause
    cw, pw = ca.clause_words(cc, _LEX_STAY), pa.clause_words(pc, _LEX_STAY)
    share = _share(cw, pw)
    if share < need or not _subject_words(pa, pc, pi, _LEX_STAY) <= cw \
            or not _positions_ok(ca, ci, cj, pa, pi, pj, _LEX_STAY) \
            or not _values_match(ca, cc, pa, pc, both_ways=group in _TIME_SENSITIVE):
        return None
    return share


def _antonym_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    out = []
    cv, pv = _opposite_verbs(ca), _opposite_verbs(pa)
    if not cv or not pv:
        return out
    lex = _LEX_STAY
    need = max(0.8, min_alignment)
    for ci, cj, group, pol in cv:
        cc = ca.toks[ci].clause
        if any(g2 == group and p2 != pol and ca.toks[i2].clause == cc for i2, _, g2, p2 in cv):
            continue  # "was opened and closed by": the claim says both
        if ca.clause_negated(cc) or ca.clause_has(cc, _MODAL | _OTHER | _TEMPORAL_NEG, attributive=False):
            continue
        same_group = [v for v in pv if v[2] == group]
        cw_all = ca.clause_words(cc, lex)
        # the premise says the claim's own word of it too ("one lane closed" is another subject's)
        if not same_group or any(v[3] == pol and _subject_words(pa, pa.toks[v[0]].clause, v[0], lex) <= cw_all
                                 for v in same_group):
            continue
        for pi, pj, _, _ in same_group:
            pc = pa.toks[pi].clause
            if pa.clause_negated(pc) or pa.clause_has(pc, _MODAL | _OTHER | _TEMPORAL_NEG, attributive=False):
                continue
            share = _one_act(ca, ci, cj, pa, pi, pj, group, need)
            if share is None or _share(_core_words(pa, pc, pj, lex), ca.clause_words(cc, lex)) < 0.5:
                continue
            ctext = ca.span(ci, _phrase_end(ca, cj - 1))
            ptext = pa.span(pi, _phrase_end(pa, pj - 1))
            out.append((share, 2, Conflict("negation", ctext, ptext, round(g, 3))))
            break
    return out


def antonym_restatement(ca: _Analysis, pa: _Analysis, min_alignment: float) -> tuple[str, str] | None:
    """(the claim's words, the premise's) when one says with a negated verb what the other says with its opposite:
    "did not approve the plan" / "rejected the plan", "was not closed" / "stayed open", "did not admit" / "denied".
    The model reads the negation as a contradiction. The clauses tell one act as for an antonym conflict
    (`_one_act`), neither is modal, and the claim does not say both ("did not vote for or against")."""
    need = max(0.8, min_alignment)
    cv, pv = _opposite_verbs(ca, negated=True), _opposite_verbs(pa, negated=True)
    for ci, cj, group, pol in cv:
        cc = ca.toks[ci].clause
        if any(g2 == group and p2 != pol and ca.toks[i2].clause == cc for i2, _, g2, p2 in cv) \
                or ca.clause_has(cc, _MODAL | _OTHER | _TEMPORAL_NEG, attributive=False) \
                or (cj < len(ca.toks) and ca.toks[cj].low in ("or", "nor")):  # "did not vote for or against"
            continue
        cneg = ca.clause_negated(cc)
        for pi, pj, g2, p2 in pv:
            pc = pa.toks[pi].clause
            pneg = pa.clause_negated(pc)
            if g2 != group or cneg == pneg or (-pol if cneg else pol) != (-p2 if pneg else p2) \
                    or pa.clause_has(pc, _MODAL | _OTHER | _TEMPORAL_NEG, attributive=False):
                continue
            if _one_act(ca, ci, cj, pa, pi, pj, group, need) is None:
                continue
            return ca.span(ci, _phrase_end(ca, cj - 1)), pa.span(pi, _phrase_end(pa, pj - 1))
    return None
