"""Dates in a sentence ("25 December 2021", "May 2020", "the 1990s") and their compatibility."""
from __future__ import annotations

import re

from ...text.words import CONFLICT_STOP_WORDS
from .text import (_AMBIGUOUS_MONTHS, _DATE_BOUNDS, _MONTH_CONTEXT, _MONTHS, _NUM_RE, _QUALIFIERS, _SCALES,
                   _UNIT_WORDS, _WEEKDAYS, _Analysis, _Date, _Tok)


def _int_tok(t: _Tok, lo: int, hi: int, ordinal: bool = False) -> int | None:
    if t.kind != "num":
        return None
    m = _NUM_RE.match(t.text)
    if not m or m.group("cur") or "," in m.group("n") or "." in m.group("n"):
        return None
    suf = (m.group("suf") or "").lower()
    if suf and not (ordinal and suf in ("st", "nd", "rd", "th")):
        return None
    v = int(m.group("n"))
    return v if lo <= v <= hi else None


def _month(a: _Analysis, i: int) -> int | None:
    toks = a.toks
    if i >= len(toks) or toks[i].kind != "word" or not toks[i].text[0].isupper():
        return None
    low = toks[i].low.rstrip("'")
    if low not in _MONTHS:
        return None
    if low in _AMBIGUOUS_MONTHS:
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.text == "." and low != "may":
            nxt = toks[i + 2] if i + 2 < len(toks) else None
        prev = toks[i - 1] if i > 0 else None
        near_num = (nxt is not None and nxt.kind == "num") or (prev is not None and prev.kind == "num")
        if not near_num and not (prev is not None and prev.low in _MONTH_CONTEXT):
            return None
        if prev is not None and prev.kind == "word" and prev.text[0].isupper() and prev.low not in _MONTH_CONTEXT \
                and prev.low not in _MONTHS and prev.low not in _WEEKDAYS:
            return None  # "a Long March 5 rocket": a word of a name, as "Tuesday March 5" is not
    return _MONTHS[low]


def _is_year(a: _Analysis, i: int) -> int | None:
    y = _int_tok(a.toks[i], 1000, 2100)
    if y is None:
        return None
    nxt = a.toks[i + 1] if i + 1 < len(a.toks) else None
    if nxt is not None and nxt.kind == "word" and (nxt.low in _UNIT_WORDS or nxt.low in _SCALES):
        return None
    prev = a.toks[i - 1] if i > 0 else None
    if prev is not None and any(prev.low == q[-1] for q, _ in _QUALIFIERS):
        return None
    return y


def _parse_dates(a: _Analysis) -> None:
    toks, i = a.toks, 0
    while i < len(toks):
        found = _date_at(a, i)
        if found is None:
            if _int_tok(toks[i], 1000, 2100) is not None and not toks[i].tag:
                _label_year(a, i)
            i += 1
            continue
        years, month, day, j = found
        prev = toks[i - 1].low if i > 0 else ""
        bounded = prev in _DATE_BOUNDS or (j < len(toks) and toks[j].low == "ago") or _range_end(a, i, j)
        for t in toks[i:j]:
            t.tag = "date"
        a.dates.append(_Date(years, month, day, bounded, i, j, a.span(i, j)))
        i = j


def _range_end(a: _Analysis, i: int, j: int) -> bool:
    """An end of a period written with a dash ("(1906–1982)", "2005-2008"): it bounds a span, dates no event."""
    toks = a.toks
    return (i > 1 and toks[i - 1].text in _DASHES and toks[i - 2].kind == "num") \
        or (j + 1 < len(toks) and toks[j].text in _DASHES and toks[j + 1].kind in ("num", "word")
            and (_int_tok(toks[j + 1], 1, 2100) is not None or toks[j + 1].low.rstrip(".") in _MONTHS))


_DASHES = frozenset("-–—")


def _label_year(a: _Analysis, i: int) -> None:
    """A year used as a name joins the neighbouring word: 'Tokyo 2020' -> 'tokyo 2020', 'the 1980 British
    Grand Prix' -> 'british 1980', so that another year's edition is another entity."""
    toks = a.toks
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.kind == "word" and prev.text[0].isupper() and prev.low not in CONFLICT_STOP_WORDS:
        toks[i].tag = "label"
    elif i + 1 < len(toks) and toks[i + 1].kind == "word" and toks[i + 1].low not in CONFLICT_STOP_WORDS:
        toks[i].tag = "label_next"


def _date_at(a: _Analysis, i: int):
    toks, n = a.toks, len(a.toks)

    def tok(k):
        return toks[k] if k < n else None

    # ISO 2021-12-25
    if tok(i + 4) is not None and toks[i + 1].text == "-" and toks[i + 3].text == "-":
        y, mo, d = _int_tok(toks[i], 1000, 2100), _int_tok(toks[i + 2], 1, 12), _int_tok(toks[i + 4], 1, 31)
        if y and mo and d and toks[i].end == toks[i + 1].start and toks[i + 3].end == toks[i + 4].start:
            return (y, y), mo, d, i + 5
    # 25 December [2021] / 25th of December
    d = _int_tok(toks[i], 1, 31, ordinal=True)
    if d is not None:
        k = i + 1
        if tok(k) is not None and toks[k].low == "of":
            k += 1
        mo = _month(a, k) if k < n else None
        if mo is not None:
            k += 1
            if tok(k) is not None and toks[k].text == "." and len(toks[k - 1].low) <= 4:
                k += 1
            y = _int_tok(toks[k], 1000, 2100) if k < n else None
            return ((y, y) if y else None), mo, d, (k + 1 if y else k)
    # December [25[,]] [2021]
    mo = _month(a, i)
    if mo is not None:
        k = i + 1
        if tok(k) is not None and toks[k].text == "." and len(toks[i].low) <= 4 and toks[i].low != "may":
            k += 1
        d = _int_tok(toks[k], 1, 31, ordinal=True) if k < n else None
        if d is not None:
            k += 1
            if tok(k + 1) is not None and toks[k].text == "," and _int_tok(toks[k + 1], 1000, 2100):
                k += 1
        y = _int_tok(toks[k], 1000, 2100) if k < n else None
        if y is not None:
            k += 1
        return ((y, y) if y else None), mo, d, k
    # the 1990s
    t = toks[i]
    if t.kind == "num" and re.fullmatch(r"1\d\d0s|20\d0s", t.text):
        y0 = int(t.text[:4])
        return (y0, y0 + 9), None, None, i + 1
    y = _is_year(a, i)
    if y is not None:
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and (prev.low in ("a", "an", "the", "its", "his", "her", "their", "this")
                                 or (prev.kind == "word" and prev.text[0].isupper() and prev.low not in CONFLICT_STOP_WORDS
                                     and prev.low not in _MONTHS)):
            return None  # "the 1980 British Grand Prix", "Tokyo 2020": a name, not a date
        return (y, y), None, None, i + 1
    return None


def _dates_compatible(c: _Date, p: _Date) -> bool:
    if c.years and p.years and (c.years[1] < p.years[0] or p.years[1] < c.years[0]):
        return False
    if c.month and p.month:
        if c.month != p.month:
            return False
        if c.day and p.day and c.day != p.day:
            return False
    return True
