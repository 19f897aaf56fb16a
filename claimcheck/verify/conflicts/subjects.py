"""What a clause is about when it does not say it: the sentence's subject carried into a clause that names it by
reference, the noun a relative clause or a fronted participle is about, and the common noun that describes a name.
The alignment guards (align.py) add these words to a clause's own."""
from __future__ import annotations

from .clauses import _participle, _participle_aside
from .text import _AUX, _BE, _DETERMINERS, _Analysis


_SUBJECTLESS = frozenset(["with"])  # ", with a running time of 118 minutes"
_PRONOUNS = frozenset(["it", "its"])  # "; it contains eleven tracks"


def carried_subject(a: _Analysis, c: int) -> set[str]:
    """The sentence subject's content words, for a clause that says its subject only by reference: one opened by
    a comma and a present participle or "with" ("The Danube is Europe's second-longest river, flowing about
    2,850 km ...", "..., with a running time of 118 minutes"), or by "it" ("...; it contains eleven tracks");
    a past participle right after the opening noun phrase ("Elena Varga (born 14 May 1952) is ...", "The bridge,
    opened in 1964, ..."), or after the predicate of "is a / the ..." ("Hollow Crown is the third album by
    Marrowby, released on 6 October 2008"; not "born", said of the person the predicate may name: "... the
    daughter of Tomas Varga, born in 1925"); a relative "who" after the predicate of "is a / the ..." ("X is a
    Nigerian forward who won ..."). Empty for the sentence's first clause and any other."""
    toks = a.toks
    first = next((k for k, t in enumerate(toks) if t.clause == c), None)
    if first and toks[first].low == "who" and toks[0].clause != c and _copular(a):
        return _subject(a)  # "Daniel Okafor is a Nigerian forward who won the Golden Boot": Okafor won it
    if not first or toks[first].kind != "punct" or first + 1 >= len(toks) or toks[0].clause == c:
        return set()
    nxt, mark = toks[first + 1], toks[first].text
    if _participle_aside(toks, first):  # the opening noun phrase, all before it
        return {t.lemma for t in toks[:first] if t.lemma}
    opens = (mark == "," and (nxt.low in _SUBJECTLESS or (nxt.low.endswith("ing") and len(nxt.low) > 5))
             or (mark in ",;" and nxt.low in _PRONOUNS)
             or (mark == "," and _participle(nxt.low) and nxt.low != "born" and _copular(a)))
    return _subject(a) if opens else set()


def _copular(a: _Analysis) -> bool:
    """The sentence says what its subject is: "Hollow Crown is the third studio album ...", "X was a ..."."""
    toks = a.toks
    k = next((k for k, t in enumerate(toks[:10]) if t.low in _AUX), None)
    return k is not None and toks[k].low in _BE and k + 1 < len(toks) and toks[k + 1].low in _DETERMINERS


def _subject(a: _Analysis) -> set[str]:
    """The content words before the sentence's first "is" / "has" ... ("The Lantern Keeper is a 1994 film"), else
    its opening name ("Marisol Tech reported ...")."""
    toks, c0 = a.toks, a.toks[0].clause if a.toks else 0
    out: set[str] = set()
    for t in toks[:10]:
        if t.clause != c0:
            continue  # an aside: "The festival, held every summer since 1987, will ..."
        if t.low in _AUX:
            return out
        if t.lemma:
            out.add(t.lemma)
    out = set()
    for t in toks:
        if t.kind != "word" or not (t.text[:1].isupper() or t.low in ("the", "a", "an")):
            break
        if t.lemma:
            out.add(t.lemma)
    return out


def descriptors(a: _Analysis) -> set[str]:
    """A common noun between an article and the name it describes: "the planet Mars", "the singer Adele". The
    name says which; a premise that leaves the noun out says the same."""
    n = len(a.toks)
    return {t.lemma for k, t in enumerate(a.toks) if 0 < k < n - 1 and t.lemma and t.text.islower()
            and a.toks[k - 1].low in _DETERMINERS and a.toks[k + 1].kind == "word" and a.toks[k + 1].text[0].isupper()}


_RELATIVE = frozenset("who which that whom whose".split())
_NP_STOP = frozenset("the a an its his her their this that these those".split())


def antecedent(a: _Analysis, c: int) -> set[str]:
    """The content words of the noun a relative clause is about: "Maren Solberg, who was born in Bergen" ->
    {maren, solberg}; "Ilya Varsh, born in Tbilisi" -> {ilya, varsh}. Empty for any other clause."""
    first = next((k for k, t in enumerate(a.toks) if t.clause == c), None)
    if first is None:
        return set()
    if first == 0 and (_participle(a.toks[0].low) or a.toks[0].low == "born"):
        return _fronted(a, c)
    k = first + (a.toks[first].text == ",")
    if k >= len(a.toks) or not (a.toks[k].low in _RELATIVE or (k > first and _participle(a.toks[k].low))):
        return set()
    out: set[str] = set()
    m = first - 1 if a.toks[first].text == "," or k == first else first
    if m >= 0 and a.toks[m].text == ",":
        m -= 1
    while m >= 0 and len(out) < 4 and a.toks[m].kind == "word" and a.toks[m].low not in _NP_STOP:
        if a.toks[m].lemma:
            out.add(a.toks[m].lemma)
        m -= 1
    return out


def _fronted(a: _Analysis, c: int) -> set[str]:
    """A sentence that opens with a participle is about the noun after its comma: "Founded in Helsinki in 2009, the
    games studio employs ..." -> {game, studio} (up to three content words, before any auxiliary)."""
    after = [t for t in a.toks if t.clause > c]
    if not after or after[0].text != ",":
        return set()
    out: set[str] = set()
    for t in after[1:]:
        if t.kind != "word" or t.low in _AUX or len(out) == 3:
            break
        if t.lemma:
            out.add(t.lemma)
    return out
