"""Ordinals and superlatives: "their second summit" / "their third summit"; "the highest mountain" / "the
second-highest mountain"; "the youngest governor" / "the oldest governor".

A rank is an ordinal ("third", "25th"), a superlative ("largest", "most expensive") or both ("second highest"),
with the thing it ranks: the last noun of the phrase after it ("her fourth Olympic gold medal" -> medal), else
what follows "to" ("the first to reach" -> to reach) or "of" ("the smallest of the three firms" -> firm), else
"place" after finish / come / place ("finished third"), else, for an elliptical rank ("Washington was the first
president, and Adams was the second"), the thing of the rank before it in the sentence. Two ranks of the same
thing conflict when both are plain ordinals with other numbers, both superlatives of one scale in one direction
with other numbers, or both the top of one scale from opposite ends ("largest" / "smallest"); the clauses
must say the same thing but for the rank (align.slot_guard) and every name in the claim's clause must be in
the premise.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...text.words import ordinal
from .align import PERIODS, Conflict, slot_guard
from .mentions import _NOT_NAMES
from .scales import SUPERLATIVES, opposed, scales
from .text import _BE, _DETERMINERS, _IRREGULAR, _TENS, _Analysis, _lemma

_RUN_STOP = frozenset("""of in on at to for from by with and or than that which who whom since as after before
during when while into about over under across behind ever yet so""".split()) | _DETERMINERS
_PLACE_VERBS = frozenset(_lemma(w) for w in "finish finished come came place placed end ended".split())
_PLACE = _lemma("place")
_BECOME = frozenset(_lemma(w) for w in "become became remain remained rank ranked".split())
_UNIQUE_HEADS = frozenset([_PLACE, _lemma("time")])  # "finished third", "for the third time"
_PIN_PREPS = frozenset(["in", "at"])
# words that make a rank the length of a run so far: "the ninth consecutive year", "a seventh year running",
# "its second loss in a row"
_STREAK = frozenset("consecutive successive straight running".split())
# a year or season after an ordinal counts editions ("its 25th year", "the third season"); other periods are times
_PERIODS = frozenset(_lemma(w) for w in PERIODS - {"year", "season"})


@dataclass(frozen=True)
class Rank:
    i: int  # first token of the rank words
    j: int  # one past them
    n: int  # 1 for a bare superlative
    scale: tuple[tuple[str, int], ...]  # () for a plain ordinal
    head: str
    extra: frozenset[str] = frozenset()  # an elliptical rank's borrowed words ("president", "united states")
    listed: bool = False  # one of a list ("the 4th and 5th season"): gives a rank, never conflicts
    copular: bool = False  # "X was the third president": what X is, one rank in one sequence
    streak: bool = False  # "for the ninth consecutive year", "a seventh year running": the count so far, one number


def _noun_run(a: _Analysis, m: int) -> tuple[list[int], int]:
    """The words of the noun phrase starting at token m (up to 4), and the index one past them."""
    idx = []
    while m < len(a.toks) and len(idx) < 4:
        t = a.toks[m]
        if t.kind != "word" or t.low in _RUN_STOP or t.low.endswith("'s") and idx or (t.low in _STREAK and idx):
            break  # "a seventh year running": the head is "year"
        idx.append(m)
        m += 1
    return idx, m


def _verbish(word: str) -> bool:
    low = word.lower()
    return low.endswith(("ed", "ly")) or low in _IRREGULAR


def _rank_words(a: _Analysis, k: int) -> tuple[int, int, tuple] | None:
    """(n, end, scale) of a rank starting at token k, or None."""
    toks, t = a.toks, a.toks[k]
    if k and toks[k - 1].low in ("at", "the") and t.low in ("least", "most") and k > 1 and toks[k - 2].low == "at":
        return None
    n = ordinal(t.text)
    if n is not None:
        if k + 1 < len(toks) and toks[k + 1].low in SUPERLATIVES:  # "second highest"
            return n, k + 2, tuple(scales(toks[k + 1].low))
        if t.low == "second" and k + 1 < len(toks) and toks[k + 1].kind == "num":
            return None  # "second 10" is a time
        return n, k + 1, ()
    if t.low in ("most", "least") and k + 1 < len(toks) and scales(toks[k + 1].low, base=True):
        sign = 1 if t.low == "most" else -1  # "the least expensive"
        return 1, k + 2, tuple((s, sign * d) for s, d in scales(toks[k + 1].low, base=True))
    if t.low in SUPERLATIVES and (k == 0 or toks[k - 1].low != "at"):
        return 1, k + 1, tuple(scales(t.low))
    return None


def ranks(a: _Analysis) -> list[Rank]:
    toks, out = a.toks, []
    k = 0
    while k < len(toks):
        got = _rank_words(a, k) if toks[k].kind in ("word", "num") else None
        if got is None:
            k += 1
            continue
        n, j, scale = got
        m = j
        while m + 1 < len(toks) and toks[m].low == "and" and toks[m + 1].low in SUPERLATIVES:
            m += 2  # "the largest and deepest of Earth's oceans"
        tens = k - 2 if k > 1 and toks[k - 1].text == "-" else k - 1  # "forty-fourth", "Seventy - first"
        if tens >= 0 and toks[tens].low in _TENS and ordinal(toks[k].text) is not None and n < 10:
            n, k = n + _TENS[toks[tens].low], tens
        head, extra = _head(a, k, m, out)
        if head in _PERIODS and not scale:
            head = ""  # "its second-quarter report", "the first half": a time ("the hottest month" is a rank)
        if head and not _one_of(a, k) and not (scale and toks[k].text[0].isupper() and k):
            out.append(Rank(k, j, n, scale, head, extra, _coordinated(a, k, j), _copular(a, k), _streak(a, k, j)))
        k = j
    return out


_LINKS = frozenset(["and", "or", "&", "-", ",", "to"])


def _one_of(a: _Analysis, k: int) -> bool:
    """'one of the highest', 'among the largest': a group at the top, no rank."""
    words = [t.low for t in a.toks[max(0, k - 3):k]]
    return "among" in words or ("one" in words and "of" in words)


def _copula(a: _Analysis, k: int) -> int | None:
    """The index of the be / become before the rank at k ('Adams was the third president'), else None."""
    m = k - 1
    while m >= 0 and (a.toks[m].low in _DETERMINERS or a.toks[m].low.endswith("'s") or a.toks[m].low == "now"):
        m -= 1
    return m if m >= 0 and (a.toks[m].low in _BE or _lemma(a.toks[m].text) in _BECOME) else None


def _copular(a: _Analysis, k: int) -> bool:
    """'Adams was the third president', 'became the first woman', 'is her fifth': the subject's rank."""
    return _copula(a, k) is not None


def _subject_names(a: _Analysis, r: Rank) -> tuple[frozenset[str], set[int]]:
    """The capitalised words before the copula of a copular rank, in its clause: 'Neil Armstrong' in 'Neil
    Armstrong was the first person to walk on the Moon'; and their token indices."""
    m = _copula(a, r.i)
    idx, lower = set(), 0
    k = (m or 0) - 1
    while k >= 0:  # the run right before the copula, an aside between commas skipped
        t = a.toks[k]
        if t.text == "," and not idx and not lower:
            k = next((q - 1 for q in range(k - 1, -1, -1) if a.toks[q].text == ","), -1)
            continue
        if t.text[:1].isupper() and t.lemma or t.tag == "label" or (t.kind == "num" and idx):
            idx.add(k)
        elif t.kind == "word" and t.lemma and not idx and lower < 1:
            lower += 1  # "The Voyager 1 probe ... became"
        else:
            break
        k -= 1
    return frozenset(a.toks[k].lemma for k in idx if a.toks[k].lemma), idx


def _coordinated(a: _Analysis, i: int, j: int) -> bool:
    """'the 4th and 5th season', 'first- or second-generation', 'second to fourth': a list of ranks."""
    toks = a.toks
    after = [t for t in toks[j:j + 3]]
    before = [t for t in toks[max(0, i - 3):i]][::-1]
    for seq in (after, before):
        if seq and seq[0].low in _LINKS:
            for t in seq[1:]:
                if ordinal(t.text) is not None:
                    return True
                if t.low not in _LINKS:
                    break
    return False


def _head(a: _Analysis, k: int, m: int, before: list[Rank]) -> tuple[str, frozenset[str]]:
    toks = a.toks
    idx, end = _noun_run(a, m)
    if idx and not _verbish(toks[idx[-1]].text):
        return _lemma(toks[idx[-1]].text), frozenset()
    if idx:
        return "", frozenset()
    nxt = toks[m].low if m < len(toks) else ""
    if nxt == "to" and m + 1 < len(toks) and toks[m + 1].kind == "word":
        return "to " + _lemma(toks[m + 1].text), frozenset()
    if nxt == "of":
        q = m + 1
        while q < len(toks) and (toks[q].low in _DETERMINERS or toks[q].kind == "num"
                                 or toks[q].low.endswith("'s") and q + 1 < len(toks) and toks[q + 1].kind == "word"):
            q += 1
        of_idx, _ = _noun_run(a, q)
        if of_idx:
            return _lemma(toks[of_idx[-1]].text), frozenset()
    prev = next((toks[p] for p in range(k - 1, -1, -1) if toks[p].kind == "word"
                 and toks[p].low not in _DETERMINERS), None)
    if prev is not None and prev.lemma in _PLACE_VERBS:
        return _PLACE, frozenset()
    if (not nxt or toks[m].kind == "punct" or nxt in ("and", "in", "on")) and before:
        ante = before[-1]  # "..., and John Adams was the second"
        c = toks[ante.i].clause
        extra = frozenset(t.lemma for t in toks[ante.j:] if t.clause == c and t.lemma)
        return ante.head, extra
    return "", frozenset()


def _streak(a: _Analysis, k: int, j: int) -> bool:
    """The rank counts a run: a streak word in or right after its noun phrase, "in a row", or "for the Nth"."""
    toks = a.toks
    _, end = _noun_run(a, j)
    after = [t.low for t in toks[j:min(len(toks), end + 3)]]
    before = [t.low for t in toks[max(0, k - 2):k]]
    return bool(_STREAK & set(after)) or "in a row" in " ".join(after) or before == ["for", "the"]


def _unique(r: Rank) -> bool:
    """A rank that picks out one thing by itself: a position, the Nth time, the first to do something, a
    superlative, what the subject is, the length of a run so far. "staged its third event" vs "its first event"
    are two events."""
    return bool(r.scale) or r.copular or r.streak or r.head in _UNIQUE_HEADS or r.head.startswith("to ")


def _pinned(a: _Analysis, r: Rank) -> bool:
    """The claim's clause names the occurrence: a date, or a place ("their third summit ... in Kessel")."""
    c = a.toks[r.i].clause
    if any(t.clause == c and (t.tag == "date" or t.low.removesuffix("'s") in _NOT_NAMES) for t in a.toks):
        return True  # "on Tuesday", "Tuesday's win"
    return any(t.clause == c and t.low in _PIN_PREPS and k + 1 < len(a.toks) and a.toks[k + 1].text[:1].isupper()
               for k, t in enumerate(a.toks) if k >= r.j)


def _conflicting(c: Rank, p: Rank) -> bool:
    if c.head != p.head or p.listed:
        return False
    if not c.scale and not p.scale:
        return c.n != p.n
    if not c.scale or not p.scale:
        return False
    opp = opposed(list(c.scale), list(p.scale))
    if opp is None:
        return False
    return (c.n == p.n == 1) if opp else c.n != p.n


def _names(a: _Analysis, c: int, skip: set[int]) -> set[str]:
    return {t.lemma for k, t in enumerate(a.toks) if t.clause == c and t.lemma and t.text[0].isupper()
            and k not in skip and k > 0}


def ordinal_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    crs = ranks(ca)
    if not crs:
        return []
    prs = ranks(pa)
    out = []
    for cr in crs:
        if cr.listed or any(q.head == cr.head and q.n != cr.n for q in crs):
            continue  # "the first season of one show and the third of another": a list
        if not _unique(cr) and not _pinned(ca, cr):
            continue
        cskip = set(range(cr.i, cr.j))
        cc = ca.toks[cr.i].clause
        if not _names(ca, cc, cskip) <= pa.content():
            continue
        best = None
        for pr in prs:
            if not _conflicting(cr, pr):
                continue
            if any(q.head == cr.head and q.n == cr.n and q.scale == cr.scale for q in prs):
                continue  # the premise also gives the claim's rank of that thing
            pc = pa.toks[pr.i].clause
            pskip = set(range(pr.i, pr.j))
            share = slot_guard(ca, cc, cskip, pa, pc, pskip, max(0.7, min_alignment),
                               exclude=_PLACE_VERBS | {_PLACE}, pextra=pr.extra)
            if share is None:  # "The Harbour Line, the city's oldest tram route, reopened": a rank in an aside
                whole = frozenset(t.lemma for k, t in enumerate(pa.toks) if t.lemma and k not in pskip)
                share = slot_guard(ca, cc, cskip, pa, pc, pskip, max(0.8, min_alignment),
                                   exclude=_PLACE_VERBS | {_PLACE}, pextra=whole)
            if share is not None and (best is None or share > best[0]):
                best = (share, pr)
        if best is not None:
            pr = best[1]
            out.append((best[0], 3, Conflict("ordinal", _text(ca, cr), _text(pa, pr), round(g, 3))))
        elif cr.copular and _unique(cr):
            out += _holder_conflicts(ca, cr, pa, prs, g, min_alignment)
    return out


def _holder_conflicts(ca: _Analysis, cr: Rank, pa: _Analysis, prs: list[Rank], g: float, min_alignment: float):
    """One rank, two holders: 'Buzz Aldrin was the first person to walk on the Moon' / 'Neil Armstrong was
    the first person to walk on the Moon'. The premise must give no rank to the claim's holder."""
    cn, cidx = _subject_names(ca, cr)
    if not cn:
        return []
    same = [p for p in prs if p.copular and p.head == cr.head and p.n == cr.n and p.scale == cr.scale]
    for pr in same:
        pn, pidx = _subject_names(pa, pr)
        if not pn or pn & cn or any(_subject_names(pa, q)[0] & cn for q in prs if q.copular):
            continue
        share = slot_guard(ca, ca.toks[cr.i].clause, set(range(cr.i, cr.j)) | cidx, pa, pa.toks[pr.i].clause,
                           set(range(pr.i, pr.j)) | pidx, max(0.8, min_alignment))
        if share is not None:
            ct = ca.span(min(cidx), _end(ca, cr))
            pt = pa.span(min(pidx), _end(pa, pr))
            return [(share, 3, Conflict("ordinal", ct, pt, round(g, 3)))]
    return []


def _end(a: _Analysis, r: Rank) -> int:
    idx, end = _noun_run(a, r.j)
    return end if idx else r.j


def _text(a: _Analysis, r: Rank) -> str:
    """The rank with the word it ranks: "second summit", "youngest governor"."""
    idx, end = _noun_run(a, r.j)
    return a.span(r.i, end if idx else r.j)
