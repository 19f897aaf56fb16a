"""A source named at the end of a sentence that the parser took for a coordinated clause.

"The cancer returned in 2005 and then again in 2014, Turkey's Anadolu Agency reported." is parsed
as "returned ... and [then again in 2014 ... Agency reported]": the speech verb becomes a conjunct and
swallows the elliptical second half. Read that way, the rules would make "Then again in 2014, the
agency reported." a claim. `trailing_source` finds the pattern (a speech verb conjunct with its own
subject after a comma, and nothing said: no object or complement) so the sentence can be read as
"according to <source>, <clause> ... and <clause with the verb repeated>".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .checkworthy import SPEECH_VERBS
from .inflect import Verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_SAID = ("ccomp", "dobj", "xcomp", "dative", "attr")


@dataclass(frozen=True)
class TrailingSource:
    source: list[int]  # "Turkey's Anadolu Agency" (the speech verb's subject)
    taken: set[int]  # every token of the conjunct: leaves the first clause
    ellipsis: list[int]  # "again in 2014": the second half, whose verb is the head's


def trailing_source(head: "Token", pool: set[int], quoted: frozenset[int]) -> TrailingSource | None:
    for c in head.children:
        if c.dep_ != "conj" or c.i not in pool or c.i in quoted or c.lemma_.lower() not in SPEECH_VERBS:
            continue
        if any(k.dep_ in _SAID for k in c.children):
            continue
        subj = next((k for k in c.children if k.dep_ in ("nsubj", "nsubjpass") and k.i < c.i), None)
        if subj is None or subj.left_edge.i == 0 or head.doc[subj.left_edge.i - 1].text != ",":
            continue
        comma = subj.left_edge.i - 1
        taken = set(range(c.left_edge.i, c.right_edge.i + 1)) & pool
        taken |= {k.i for k in head.children if k.dep_ == "cc" and k.i < c.left_edge.i and k.i > head.i}
        ellipsis = sorted(i for i in taken if c.left_edge.i <= i < comma and head.doc[i].dep_ != "cc")
        source = sorted(set(range(subj.left_edge.i, subj.right_edge.i + 1)) & pool)
        return TrailingSource(source, taken | {comma}, ellipsis)
    return None


SAID = {"say": "said", "add": "added", "tell": "told", "insist": "insisted", "claim": "claimed", "warn": "warned",
        "explain": "explained", "note": "noted", "argue": "argued", "write": "wrote", "declare": "declared"}


def saying_split(head: "Token", pool: set[int], quoted: frozenset[int]) -> tuple[list, list] | None:
    """'X described the claims as nonsense, saying: "..."' -> (['X described the claims as nonsense'],
    ['X', 'said', ':', '"..."']): token sequences of the act and of what was said, or None.

    Only a participle of a speech verb after a comma, attached to a clause with its own subject. One
    the parser hung inside what was said ("Putin said Moscow would help, telling reporters ...") belongs
    to the speaker."""
    outer = head.head
    if head.dep_ == "ccomp" and outer.lemma_.lower() in SPEECH_VERBS and outer.i in pool and outer.i < head.i:
        participle = next((v for v in head.children if v.dep_ == "advcl" and v.tag_ == "VBG"
                           and v.lemma_.lower() in SAID), None)
        if participle is not None and participle.left_edge.i > 0 and head.doc[participle.left_edge.i - 1].text == ",":
            return _split_saying(outer, participle, pool)
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in pool), None)
    if subj is None or head.i in quoted or head.dep_ not in ("ROOT", "conj"):
        return None  # inside what someone said, the parse may hang the participle on the wrong verb
    for v in head.children:
        if v.dep_ != "advcl" or v.tag_ != "VBG" or v.lemma_.lower() not in SAID or v.i in quoted or v.i not in pool:
            continue
        comma = v.left_edge.i - 1
        if comma < 0 or head.doc[comma].text != "," or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            continue
        return _split_saying(head, v, pool)
    return None


def _split_saying(head: "Token", v: "Token", pool: set[int]) -> tuple[list, list] | None:
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in pool), None)
    if subj is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return None
    comma = v.left_edge.i - 1
    said = set(range(v.left_edge.i, v.right_edge.i + 1)) & pool
    # what was said runs to the end of the sentence (a closing quote mark after the stop included)
    tail = {i for i in pool if i > v.right_edge.i}
    act = sorted(pool - said - tail - {comma})
    who = sorted(set(range(subj.left_edge.i, subj.right_edge.i + 1)) & pool)
    words = sorted((said | tail) - {v.i})
    return act, [*who, Verb(SAID[v.lemma_.lower()]), *words]
