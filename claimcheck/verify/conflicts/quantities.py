"""Numbers with their unit or head noun ("two failed launches", "$5bn a year") and their compatibility."""
from __future__ import annotations

import math

from text_to_num import text2num

from ...text.words import CONFLICT_STOP_WORDS
from .text import (_BE, _CHANGE_LEMMAS, _COMPARATIVE, _IRREGULAR_PLURALS, _NEGATORS, _NUM_RE, _NUMBER_WORDS, _ONES,
                   _ORDINAL_BEFORE, _QUALIFIERS, _SCALES, _SUFFIX_SCALES, _TENS, _UP_DOWN, _Analysis, _Qty,
                   _lemma)
from .units import _CURRENCY_PREFIX, _SUFFIX_UNITS, _UNIT_WORDS, _UNITS


def _number_at(a: _Analysis, i: int):
    """-> (value, precision, approx, j, unit_from_token) for a number starting at token i, or None."""
    toks, n = a.toks, len(a.toks)
    t = toks[i]
    if t.tag or t.kind not in ("num", "word"):
        return None
    if t.kind == "num":
        m = _NUM_RE.match(t.text)
        if not m:
            return None
        s = m.group("n").replace(",", "")
        val = float(s)
        prec = 10.0 ** -(len(s.split(".")[1])) if "." in s else 1.0
        suf = (m.group("suf") or "").lower()
        cur = m.group("cur")
        unit = _CURRENCY_PREFIX.get(cur.lower(), cur.lower()) if cur else ""
        j = i + 1
        if suf in ("st", "nd", "rd", "th", "am", "pm", "s"):
            return None
        if suf:
            nxt = toks[j] if j < n else None
            if suf == "m" and not cur and not (nxt is not None and nxt.kind == "word" and _plural(nxt.low)):
                unit = "m"
            elif suf in _SUFFIX_SCALES:
                val, prec = val * _SUFFIX_SCALES[suf], prec * _SUFFIX_SCALES[suf]
            elif suf in _SUFFIX_UNITS or suf in _UNITS:
                unit = suf
            else:
                return None  # 5G, 737MAX ...
        if j < n and toks[j].low in _SCALES:
            val, prec = val * _SCALES[toks[j].low], prec * _SCALES[toks[j].low]
            j += 1
        return val, prec, False, j, unit
    # number words
    if t.low in ("a", "an") and i + 1 < n:
        nxt = toks[i + 1].low
        if nxt in _SCALES:
            return _SCALES[nxt], 1.0, False, i + 2, ""
        if nxt == "dozen":
            return 12.0, 1.0, True, i + 2, ""
        if nxt in _UNITS and nxt != "second":
            prev = toks[i - 1].low if i > 0 else ""
            if prev in ("once", "twice", "times", "per") or (i > 0 and toks[i - 1].tag in ("value", "unit")):
                return None
            return 1.0, 1.0, True, i + 1, ""
        return None
    if t.low == "half" and i + 2 < n and toks[i + 1].low in ("a", "an") and toks[i + 2].low in _UNITS:
        return 0.5, 0.5, True, i + 2, ""
    if t.low not in _ONES and t.low not in _TENS and not (t.low == "dozen"):
        return None
    if t.low == "one" and i + 1 < n and toks[i + 1].low in ("of", "another"):
        return None
    total, current, j, prec, approx = 0.0, 0.0, i, 1.0, False
    while j < n:
        w = toks[j].low
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
            prec = 100.0
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current, prec = 0.0, _SCALES[w]
        elif w == "dozen":
            current = max(current, 1) * 12
            approx = True
        elif w == "and" and j + 1 < n and (toks[j + 1].low in _ONES or toks[j + 1].low in _TENS) and j > i \
                and toks[j - 1].low in ("hundred", "thousand", "million", "billion"):  # "two hundred and fifty"
            j += 1
            continue
        else:
            break
        if w in _ONES or w in _TENS:
            prec = 1.0
        j += 1
    return _words_value(toks, i, j, total + current, prec, approx)


def _words_value(toks, i: int, j: int, scanned: float, prec: float, approx: bool):
    """The value of the number words in toks[i:j], read by text2num (which refuses "nineteen twenty two" and
    "five six", runs that are no number); the longest run it reads wins. "dozen" is ours."""
    words = [t.low for t in toks[i:j]]
    if "dozen" in words:
        return scanned, prec, approx, j, ""
    for end in range(len(words), 0, -1):
        try:
            value = float(text2num(" ".join(words[:end]), "en"))
        except ValueError:
            continue
        if end < len(words):
            last = words[end - 1]
            prec = _SCALES.get(last, 100.0 if last == "hundred" else 1.0)
        return value, prec, approx, i + end, ""
    return None


def _plural(low: str) -> bool:
    return low in _IRREGULAR_PLURALS or (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")))


def _unit_at(a: _Analysis, j: int):
    """A unit word at token j -> (dimension, factor, name, next index) or None."""
    toks, n = a.toks, len(a.toks)
    if j >= n or toks[j].kind != "word":
        return None
    w = toks[j].low
    if w in ("square", "sq", "cubic") and j + 1 < n:
        inner = _unit_at(a, j + 1)
        if inner and inner[0] == "length":
            p = 2 if w != "cubic" else 3
            return ("area" if p == 2 else "volume"), inner[1] ** p, f"{w} {inner[2]}", inner[3]
        return None
    if w == "nautical" and j + 1 < n and toks[j + 1].low in ("mile", "miles"):
        return "length", 1852.0, "nautical mile", j + 2
    if w == "per" and j + 1 < n and toks[j + 1].low == "cent":
        return "percent", 1, "percent", j + 2
    if w == "percentage" and j + 1 < n and toks[j + 1].low in ("point", "points"):
        return "pp", 1, "pp", j + 2
    if w in ("degree", "degrees"):
        if j + 1 < n and toks[j + 1].low in ("celsius", "c", "fahrenheit", "f"):
            d = "temp_f" if toks[j + 1].low in ("fahrenheit", "f") else "temp_c"
            return d, 1, d, j + 2
        return "degree", 1, "degree", j + 1
    for cand in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w):
        if cand in _UNITS:
            dim, f = _UNITS[cand]
            return dim, f, cand, j + 1
    if w in ("mins", "hrs", "yrs", "secs", "knots"):
        return _unit_at_name(w.rstrip("s")) + (j + 1,)
    return None


def _unit_at_name(name: str):
    dim, f = _UNITS.get(name) or _SUFFIX_UNITS[name]
    return dim, f, name


def _with_rate(a: _Analysis, unit: tuple, j: int):
    """'60 km an hour', '60km/h', '$5bn a year' -> a compound unit."""
    toks, n = a.toks, len(a.toks)
    if j + 1 < n and toks[j].low in ("per", "a", "an", "/"):
        k = j + 1
        tu = _unit_at(a, k)
        if tu is None and toks[k].low == "h":
            tu = ("time", 3600, "hour", k + 1)
        if tu is not None and tu[0] == "time":
            dim = "speed" if unit[0] == "length" else f"{unit[0]}/time"
            return (dim, unit[1] / tu[1], f"{unit[2]}/{tu[2]}"), tu[3]
    return unit, j


# the adjective after a length, and the dimension it measures ("4,895 metres high", "30 m tall")
_DIMENSION_ADJECTIVES = {"long": "length", "high": "height", "tall": "height", "wide": "width", "broad": "width",
                         "deep": "depth", "thick": "thickness"}


def _parse_quantities(a: _Analysis) -> None:
    toks, n, i = a.toks, len(a.toks), 0
    while i < n:
        got = _number_at(a, i)
        if got is None:
            i += 1
            continue
        val, prec, approx, j, tok_unit = got
        # a number right after a capitalised word is a label: Apollo 11, Article 5, Resolution 2231
        if i > 0 and toks[i - 1].kind == "word" and toks[i - 1].text[0].isupper() and toks[i].kind == "num" \
                and toks[i - 1].low not in CONFLICT_STOP_WORDS and not toks[i - 1].tag:
            for t in toks[i:j]:
                t.tag = "label"  # read as part of the name: "apollo 11" is one content word
            i = j
            continue
        start, kind = i, ("approx" if approx else "exact")
        for words, qk in _QUALIFIERS:
            k = len(words)
            if i - k >= 0 and tuple(t.low for t in toks[i - k:i]) == words and not any(t.tag for t in toks[i - k:i]):
                start, kind = i - k, qk
                break
        lo_val, hi_val = val, val
        prev = toks[start - 1].low if start > 0 else ""
        # ranges: between 5 and 10, 5 to 10, 5-10
        if j + 1 < n and prev != "from" and (toks[j].low == "to" or (toks[j].text == "-" and toks[j].start == toks[j - 1].end)
                                             or (toks[j].low == "and" and prev == "between")):
            second = _number_at(a, j + 1)
            if second is not None and second[4] in ("", tok_unit):
                hi_val, j2 = second[0], second[3]
                if hi_val > lo_val:
                    j, kind, tok_unit = j2, "range", tok_unit or second[4]
                    prec = min(prec, second[1])
        # "and a half"
        if j + 2 < n and toks[j].low == "and" and toks[j + 1].low == "a" and toks[j + 2].low == "half":
            lo_val += 0.5
            hi_val += 0.5
            j += 3
        unit = None
        if tok_unit in _CURRENCY_PREFIX.values() or tok_unit.endswith("$"):
            unit = (tok_unit, 1.0, tok_unit)
        elif tok_unit:
            dim, f = _UNITS.get(tok_unit) or _SUFFIX_UNITS[tok_unit]
            unit = (dim, f, tok_unit)
        if unit is None or unit[0] in _CURRENCY_PREFIX.values():
            k = j
            if k < n and toks[k].low in _SCALES:
                mult = _SCALES[toks[k].low]
                lo_val, hi_val, prec, k = lo_val * mult, hi_val * mult, prec * mult, k + 1
            u = _unit_at(a, k)
            if u is not None and unit is None:
                unit, j = u[:3], u[3]
                if j + 2 < n and toks[j].low == "and" and toks[j + 1].low == "a" and toks[j + 2].low == "half":
                    lo_val += 0.5
                    hi_val += 0.5
                    j += 3
            elif unit is not None:
                j = k
        if unit is not None:
            unit, j = _with_rate(a, unit, j)
        # head noun: up to 4 content-ish words after the number
        head, mods, head_k = "", [], None
        if unit is None:
            run = []
            k = j
            # 4 words: "two short-range ballistic missiles" (hyphens are spaces by now)
            while k < n and len(run) < 4:
                t = toks[k]
                if t.kind != "word" or t.tag or (t.low in CONFLICT_STOP_WORDS and not (t.text.isupper() and len(t.text) > 1)) \
                        or t.low in _NEGATORS or t.low in _NUMBER_WORDS or t.low in _COMPARATIVE:
                    break
                run.append(k)
                k += 1
            for idx, k in enumerate(run):
                joined = idx == 0 and toks[k].start - 1 in a.joined  # "a five-layer sunshield": five layers
                if _plural(toks[k].low) or joined or (val == 1 and idx == len(run) - 1
                                                      and not toks[k].low.endswith(("ed", "ing", "ly"))):
                    head, head_k, mods = _lemma(toks[k].text), k, [_lemma(toks[m].text) for m in run[:idx]]
                    j = k + 1
                    break
        # "60,000 vehicles a day": a count per period, not a count beside a one-day period
        if head:
            rate, end = _with_rate(a, (f"head:{head}", 1.0, head), j)
            if end != j:
                unit, j = rate, end
        for t in toks[start:j]:
            if t.tag != "date":
                t.tag = "qual" if t.kind == "word" and t.low not in _NUMBER_WORDS and t.low not in ("a", "an") else "value"
        if head_k is not None:
            toks[head_k].tag = ""  # the head noun stays a content word
            for k in range(head_k - len(mods), head_k):
                toks[k].tag = ""
        if unit is not None:
            for t in toks[start:j]:
                if t.kind == "word" and t.tag == "qual" and (t.low in _UNIT_WORDS or t.low in ("cent", "per", "square")):
                    t.tag = "unit"
        # interval
        half = prec / 2
        if kind == "exact":
            lo, hi = lo_val - half, hi_val + half
        elif kind == "approx":
            lo, hi = min(lo_val * 0.8, lo_val - half), max(hi_val * 1.2, hi_val + half)
        elif kind == "lower":
            lo, hi = lo_val - half, math.inf
        elif kind == "upper":
            lo, hi = 0.0, hi_val + half
        else:
            lo, hi = lo_val - half, hi_val + half
        if unit is not None:
            dim, factor, uname = unit
            lo, hi, name = lo * factor, hi * factor, uname
        else:
            dim, name = (f"head:{head}" if head else ""), head
        measure = ""
        if dim == "length" and j < n and toks[j].low in _DIMENSION_ADJECTIVES:
            measure, toks[j].tag = _DIMENSION_ADJECTIVES[toks[j].low], "unit"  # "1,850 km long": not a content word
        role = "level"
        before = toks[start - 2] if start > 1 else None
        if dim == "length" and [t.low for t in toks[j:j + 3]] == ["above", "sea", "level"]:
            role = "level"  # "rises 5,895 metres above sea level": an elevation, not a rise
        elif prev == "by" or (prev in _UP_DOWN and (before is None or before.kind == "punct"
                                                          or before.low in _BE)):
            role = "delta"  # "revenue of $2.3bn, up 8 percent", "exports were down 3%" (not "shot down 3 drones")
        elif prev == "from":
            role = "from"
        elif prev not in ("to", "at") and any(
                _lemma(t.text) in _CHANGE_LEMMAS for t in toks[max(0, start - 3):start] if t.kind == "word"):
            role = "delta"
        q = _Qty(lo, hi, (dim, role), name, start, j, a.span(start, j), frozenset(mods), head, measure,
                 span=kind == "range")
        after = []  # "five years longer", not "two hours, longer than had been scheduled"
        for t in toks[j:j + 2]:
            if t.kind == "punct":
                break
            after.append(t.low)
        if any(w in _COMPARATIVE or w == "old" for w in after) or any(m in _COMPARATIVE for m in mods) \
                or prev in _ORDINAL_BEFORE:  # "the first ten years": a part of the period
            a.relative.append(q)
        elif dim:
            a.qtys.append(q)
        else:
            a.bare.append(q)
        i = max(j, i + 1)


def _compatible(c: _Qty, p: _Qty) -> bool:
    """The two values can be one: their intervals overlap. Two explicit ranges ("4.5% to 4.75%" / "4.25% to 4.5%")
    must share most of the wider one: touching at one end is two ranges."""
    lo_c, hi_c, lo_p, hi_p = c.lo, c.hi, p.lo, p.hi
    if c.unit != p.unit:  # converted: allow 3% slack for inexact factors (month, mile ...)
        lo_c, hi_c = lo_c * 0.97, hi_c * 1.03
    if c.span and p.span:
        return min(hi_c, hi_p) - max(lo_c, lo_p) >= RANGE_SHARED * max(hi_c - lo_c, hi_p - lo_p)
    return lo_c < hi_p and lo_p < hi_c


RANGE_SHARED = 0.5


def _bare_compatible(c: _Qty, p: _Qty) -> bool:
    """A premise number without a unit ("... and 12 arrested"): compare the raw values."""
    if not c.unit or c.key[0].startswith("head:"):
        return _compatible(c, p)
    f = _UNITS.get(c.unit, _SUFFIX_UNITS.get(c.unit, ("", 1.0)))[1]
    return c.lo / f < p.hi and p.lo < c.hi / f
