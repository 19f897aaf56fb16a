"""People in a role: "Amir Haddad scored the winning goal" / "Jonas Vell scored the winning goal";
"met Viktor Halm" / "met Daniel Okoro"; host and guest swapped ("Kim hosted Putin" / "Putin hosted Kim").

No parser: the subject is the name right before a verb (auxiliaries between allowed: "was elected"), the
object the name right after it (up to three lower-case words between: "met her counterpart Daniel
Okoro"). A name is a run of capitalised words that is no place (gazetteer) and no date. The same verb in
the premise with a subject (or object) that shares no word with the claim's, the rest of the clauses
aligned (align.slot_guard, names held out), and the claim's name nowhere in that role of the premise ->
conflict. The two names swapped around a verb that is not symmetric ("met", "talked with") -> conflict.
Never when the claim's person is one of a list in the premise or its short form in brackets, nor when the
premise never names the claim's person and the claim names nothing else the premise does (another match's
scorer is no conflict). A claim that gives a role (became, named, appointed, elected ...) to the person the premise
says was replaced in it ("..., replacing / succeeding X") conflicts, unless the premise gives X a role too or the
claim dates another appointment.
"""
from __future__ import annotations

from .align import Conflict, listed, slot_guard
from .dates import _dates_compatible
from .gazetteer import gazetteer
from .mentions import _NOT_NAMES
from .places import DEMONYM, TITLES
from .text import _AUX, _BE, _DATE_BOUNDS, _DETERMINERS, _IRREGULAR, _Analysis, _lemma, _share, shares_anchor

_SYMMETRIC = frozenset(_lemma(w) for w in "meet met talk spoke speak marry married play played face faced draw "
                       "drew share shared join joined".split())
_NOT_SUBJECT = frozenset("a an the on aboard in of with by from to at for".split())
_BETWEEN = frozenset("her his their its the counterpart colleague rival opponent".split())
# a capitalised word that opens a sentence and is no name: "With sales exceeding ...", "After the vote ..."
_FUNCTION = _DETERMINERS | _DATE_BOUNDS | _NOT_SUBJECT | frozenset("it he she they we as".split())


def _name_tok(t) -> bool:
    return t.kind == "word" and t.text[0].isupper() and t.low not in _NOT_NAMES and t.tag != "date" \
        and t.low not in _FUNCTION


def _in_list(t) -> bool:
    """A word that can follow a list's comma: a name's or its article ("the Oval Office, the Cabinet Room")."""
    return _name_tok(t) or t.low in _DETERMINERS


def _name_words(a: _Analysis, idx: list[int]) -> frozenset[str]:
    return frozenset(a.toks[k].low.removesuffix("'s") for k in idx if a.toks[k].low not in TITLES)


def _passive(a: _Analysis, k: int) -> bool:
    """'was elected', 'is operated': a form of be right before a participle."""
    t = a.toks[k]
    return k > 0 and a.toks[k - 1].low in _BE and (t.low.endswith(("ed", "en")) or t.low in _IRREGULAR)


def _run_before(a: _Analysis, k: int) -> list[int]:
    toks, m = a.toks, k - 1
    while m >= 0 and toks[m].low in _AUX:
        m -= 1
    idx = []
    while m >= 0 and _name_tok(toks[m]) and toks[m].clause == toks[k].clause:
        idx.insert(0, m)
        m -= 1
    return idx


def _run_after(a: _Analysis, k: int) -> list[int]:
    toks, n, m = a.toks, len(a.toks), k + 1
    while m < n and m - k <= 3 and toks[m].low in _BETWEEN:
        m += 1
    idx = []
    while m < n and _name_tok(toks[m]) and toks[m].clause == toks[k].clause:
        idx.append(m)
        m += 1
    return idx


def _person(a: _Analysis, idx: list[int]) -> frozenset[str] | None:
    if not idx or (len(idx) == 1 and a.toks[idx[0]].low.endswith(DEMONYM)):  # Hungarian-born, Chinese-made
        return None
    words = _name_words(a, idx)
    if not words or gazetteer().lookup(a.span(idx[0], idx[-1] + 1)):
        return None
    return words


def roles(a: _Analysis) -> list[tuple[int, str, frozenset | None, frozenset | None, list[int], list[int]]]:
    """(verb index, verb lemma, subject words, object words, subject tokens, object tokens, subject listed,
    object listed) per verb with a name."""
    out = []
    for k, t in enumerate(a.toks):
        if t.kind != "word" or not t.lemma or t.text[0].isupper() or t.tag:
            continue
        prev = a.toks[k - 1].low if k else ""
        if not (t.low.endswith(("ed", "es", "s")) or t.low in _IRREGULAR or prev in _AUX):
            continue  # a verb, not "a Soyuz rocket"
        sb, ob = _run_before(a, k), _run_after(a, k)
        if sb and sb[0] > 0 and a.toks[sb[0] - 1].low in _NOT_SUBJECT:
            sb = []
        if _passive(a, k):  # the name before is the object; the agent follows "by"
            by = next((m for m in range(k + 1, min(k + 4, len(a.toks))) if a.toks[m].low == "by"), None)
            sb, ob = (_run_after(a, by) if by is not None else []), sb
        s, o = _person(a, sb), _person(a, ob)
        if s or o:
            out.append((k, t.lemma, s, o, sb, ob, bool(sb) and listed(a, sb[0], sb[-1] + 1, _in_list), bool(ob) and listed(a, ob[0], ob[-1] + 1, _in_list)))
    return out


def _listed_in(pa: _Analysis, names: frozenset[str]) -> bool:
    """The claim's name stands in a list of names in the premise ("It stars A as X, B as Y, C as Z"; "the Oval
    Office, the Cabinet Room and the Roosevelt Room": its commas split clauses, so the sentence counts) or in
    brackets after another name, as its short form ("the Minnesota Democratic-Farmer-Labor Party (DFL)")."""
    toks = pa.toks
    for k, t in enumerate(toks):
        if not (_name_tok(t) and t.low.removesuffix("'s") in names and (k == 0 or not _name_tok(toks[k - 1]))):
            continue
        i = k - 1 if k and toks[k - 1].low in _DETERMINERS else k
        j = k
        while j < len(toks) and _name_tok(toks[j]):
            j += 1
        if (i and toks[i - 1].text == "(") or listed(pa, i, j, _in_list):
            return True
    return False


# "..., replacing / succeeding X": X held the role before; a claim that X is given it contradicts the premise
_SUCCEEDING = frozenset(["replacing", "succeeding"])
_GIVEN = frozenset(_lemma(w) for w in "become became name named appoint appointed elect elected choose chose chosen "
                   "hire hired".split())
_NEW = frozenset(_lemma(w) for w in "new".split())  # "its new chief executive": what the verb of giving says
_BEFORE = frozenset("former previous outgoing predecessor replacing succeeding replaced succeeded retiring".split())


def _successions(ca: _Analysis, pa: _Analysis, min_alignment: float):
    """The claim gives a role to the person the premise says was replaced in it: "The board named Gordon Fisk as
    its new chief executive" / "The board appointed Priya Nair as chief executive, replacing Gordon Fisk"."""
    if not any(t.lemma in _GIVEN for t in ca.toks) or any(t.low in _BEFORE for t in ca.toks):
        return []
    if ca.dates and not (pa.dates and any(_dates_compatible(x, y) for x in ca.dates for y in pa.dates)):
        return []  # "Gordon Fisk was named chief executive in 2012": the role he held before
    out = []
    for k, t in enumerate(pa.toks):
        if t.low not in _SUCCEEDING:
            continue
        idx = _run_after(pa, k)
        former = _person(pa, idx) if idx else None
        if not former or not former <= {x.low.removesuffix("'s") for x in ca.toks}:
            continue
        if any(x.lemma in _GIVEN for x in pa.toks[idx[-1] + 1:]):
            continue  # "..., replacing Gordon Fisk, who became chairman": the premise gives him a role too
        said = {x.lemma for x in pa.toks[:k] if x.lemma}  # the appointment the premise reports
        cw = {x.lemma for x in ca.toks if x.lemma and x.low.removesuffix("'s") not in former} - _GIVEN - _NEW
        if not pa.clause_negated(pa.toks[k].clause) and cw and _share(cw, said) >= max(0.8, min_alignment):
            name = next(i for i, x in enumerate(ca.toks) if x.low.removesuffix("'s") in former)
            out.append((_share(cw, said), 3, Conflict("person", ca.span(name, name + len(former)),
                                                      pa.span(k, idx[-1] + 1), 1.0)))
            break
    return out


def person_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    out = _successions(ca, pa, min_alignment)
    if out:
        return out
    crs = roles(ca)
    if not crs:
        return []
    prs = roles(pa)
    out = []
    for ck, verb, cs, co, csb, cob, csl, col in crs:
        same = [r for r in prs if r[1] == verb]
        for pk, _, ps, po, psb, pob, psl, pol in same:
            swapped = cs and co and ps and po and cs & po and co & ps and not cs & ps and verb not in _SYMMETRIC
            subj = cs and ps and not cs & ps and ((not co and not po) or (co and po and co & po)) \
                and not any(r[2] and r[2] & cs for r in same) and not (csl or psl)
            obj = co and po and not co & po and ((not cs and not ps) or (cs and ps and cs & ps)) \
                and not any(r[3] and r[3] & co for r in same) and not (col or pol)
            if not (swapped or subj or obj):
                continue
            cn, pn = (cs, ps) if (swapped or subj) else (co, po)
            if not swapped and not (cn <= pa.words_low() or (len(cn) > 1 and len(pn) > 1
                                                             and shares_anchor(ca, pa, cn))):
                continue  # a name the premise never gives: too often another person in another story
            if not swapped and _listed_in(pa, cn):
                continue  # "It stars A as X, B as Y, C as Z": the claim's person is one of the premise's list
            cskip, pskip = (csb + cob, psb + pob) if swapped else (csb, psb) if subj else (cob, pob)
            share = slot_guard(ca, ca.toks[ck].clause, set(cskip), pa, pa.toks[pk].clause, set(pskip),
                               max(0.8, min_alignment))  # names are common: the rest must say the same
            if share is None:
                continue
            def text(a, k, idx):
                return a.span(min(idx + [k]), max(idx + [k]) + 1)
            if swapped:
                ctext, ptext = text(ca, ck, csb + cob), text(pa, pk, psb + pob)
            elif subj:
                ctext, ptext = text(ca, ck, csb), text(pa, pk, psb)
            else:
                ctext, ptext = text(ca, ck, cob), text(pa, pk, pob)
            out.append((share, 3, Conflict("person", ctext, ptext, round(g, 3))))
            break
    return out
