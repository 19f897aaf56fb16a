"""Clauses: where a sentence's clauses begin and end, for the conflict rules' alignment. A new clause at boundary
punctuation and linking words; an aside ("The new wing, which cost 85 million euros, will add 240 beds") is a clause of
its own, and the clause it interrupts resumes after it; lists, a date after its weekday and ", up 8 percent" do not
cut a clause."""
from __future__ import annotations

from .text import _AUX, _BOUNDARY_PUNCT, _SPLIT_WORDS, _UP_DOWN, _WEEKDAYS, _Analysis, _Tok, _negation_target


_ASIDE_MARKS = frozenset(",—–(")  # what opens an aside inside a clause ...
_ASIDE_CLOSE = {",": ",", "—": "—", "–": "–", "(": ")"}  # ... and the mark that closes it
_ASIDE_OPENERS = frozenset("which who whom whose the a an its his her their".split())  # relative clause, apposition


def _dated_weekday(toks: list[_Tok], k: int) -> bool:
    """The comma of "on Thursday, 5 October": the date goes on, no new clause."""
    return toks[k].text == "," and 0 < k < len(toks) - 1 and toks[k - 1].low in _WEEKDAYS \
        and toks[k + 1].tag == "date"


_PARTICIPLES = frozenset("born known built made held seen taken given written founded based named".split())


def _participle(word: str) -> bool:
    """A reduced relative clause after a comma: "Ilya Varsh, born in Tbilisi", "the bridge, opened in 1964"."""
    return word in _PARTICIPLES or (word.endswith("ed") and len(word) > 4)


def _participle_aside(toks: list[_Tok], k: int) -> bool:
    """ "The museum, closed since 2019 for renovation, reopened ...", "Elena Varga (born 1952) is ...": a participle
    after the sentence's opening noun phrase (no verb before it) opens an aside, as "which" does."""
    nxt = toks[k + 1]
    return toks[k].text in ",(" and nxt.kind == "word" and _participle(nxt.low) and k <= 6 \
        and all(x.clause == 0 and x.low not in _AUX and not x.low.endswith("ed") for x in toks[:k])


def _change_comma(toks: list[_Tok], k: int) -> bool:
    """The comma of "revenue of $2.3bn, up 8 percent": the figure's change, in the figure's clause; and of "cut its
    rate by a quarter point, to a range of 4.25% to 4.5%": where the change took it."""
    if toks[k].text != "," or k + 2 >= len(toks):
        return False
    if toks[k + 1].low in _UP_DOWN:
        return toks[k + 2].tag == "value"
    return toks[k + 1].low == "to" and any(t.tag == "value" for t in toks[k + 2:k + 6]) \
        and not any(t.low in _AUX for t in toks[k + 2:k + 6])


def _list_comma(toks: list[_Tok], k: int) -> bool:
    """A comma between two names of a list ("through Peru, Colombia and Brazil") parts no clauses."""
    if toks[k].text != "," or k == 0 or k + 1 >= len(toks):
        return False
    before, after = toks[k - 1], toks[k + 1]
    if not (before.kind == "word" and before.text[0].isupper() and after.kind == "word" and after.text[0].isupper()):
        return False
    return any(t.low in ("and", "or") for t in toks[k + 2:k + 5])


def _split_clauses(a: _Analysis) -> None:
    """Clause ids per token: a new clause at boundary punctuation and linking words. An aside ("The new wing,
    which cost 85 million euros, will add 240 beds"; "Kilimanjaro, the highest mountain in Africa, rises ...";
    "The novel, her fourth, will ..."; "Elena Varga (born 1952) is ...") is a clause of its own, and the clause it interrupts resumes after it, so a subject keeps its verb."""
    c = fresh = 0
    resume: int | None = None  # the interrupted clause, while inside an aside
    close = ""
    toks = a.toks
    for k, t in enumerate(toks):
        if ((t.kind == "punct" and t.text in _BOUNDARY_PUNCT and t.tag != "date") or t.low in _SPLIT_WORDS) \
                and not _list_comma(toks, k) and not _dated_weekday(toks, k) and not _change_comma(toks, k):
            if resume is not None and t.kind == "punct" and t.text == close:
                t.clause = c  # the closing mark ends the aside
                c, resume = resume, None
                continue
            if t.kind == "punct" and t.text in ".!?;:":
                resume = None  # an aside left open ends with its sentence
            opens = (resume is None and t.kind == "punct" and t.text in _ASIDE_MARKS and k + 1 < len(toks)
                     and (toks[k + 1].low in _ASIDE_OPENERS or _participle_aside(toks, k))
                     and any(x.lemma for x in toks[:k] if x.clause == c))
            if opens:
                resume, close = c, _ASIDE_CLOSE[t.text]
            fresh += 1
            c = fresh
        t.clause = c
    # a clause with no content word ("On 25 December 2021,") belongs to the next one (in text order), the
    # last one to the clause of the sentence's last content word
    ids = list(dict.fromkeys(t.clause for t in a.toks))
    has = {cid: any(t.lemma for t in a.toks if t.clause == cid) for cid in ids}
    remap = {}
    pending = []
    for cid in ids:
        pending.append(cid)
        if has[cid]:
            for p in pending:
                remap[p] = cid
            pending = []
    last = next((t.clause for t in reversed(a.toks) if t.lemma), ids[-1] if ids else 0)
    for p in pending:
        remap[p] = last
    for t in a.toks:
        t.clause = remap.get(t.clause, t.clause)
    for k, t in enumerate(a.toks):
        if t.tag == "neg":
            m = _negation_target(a, k)
            if m is not None:
                a.toks[m].negated = True


# ------------------------------------------------------------------------------------- alignment
