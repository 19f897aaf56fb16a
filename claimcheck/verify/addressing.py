"""Does a passage address a claim, or is it only about the same topic?

Rationale selection (verify.rationale) keeps the passage sentences closest to a claim by cosine, and a
sentence about the same people and country is close: a corpus about the Putin-Kim summit "addressed" 58% of
the claims of an article about Crimea (issue 24). Coverage and the risk score's doubt weights count a passage
as addressing a claim only when one of its read sentences shares the claim's subject and predicate:

- the claim's frame, from spaCy's parse (the pipeline the claims stage loads): its main verb, through a
  reporting or expectation frame to the verb reported on ("officials said Y plans to visit" -> visit, "Kim was
  expected to ask" -> ask), a copula's noun or adjective ("Webb is a joint project" -> project), and that verb's
  subject (each word of a name, else the head noun's lemma; a pronoun or no subject: no subject test);
- a sentence shares the predicate when one of its lemmas equals it or shares its stem ("launch" / "launcher",
  "meet" / "meeting", "arrive" / "arrival"), and the subject when a subject word is in the sentence, or in the
  passage title, or in the passage before a sentence that opens with a pronoun ("He arrived ..."); when the
  predicate has an object or complement ("visited Sevastopol", "met local officials"), one of its words must
  be there too: "Putin visited Pyongyang" does not address "Putin visited Sevastopol".
Without a parser (fakes in tests) nothing is marked and the rationale alone decides, as before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Sequence

from ..claims.checkworthy import EXPECT_VERBS, SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

LIGHT = frozenset({"be", "have", "do", "get", "make", "take", "go", "become", "remain", "seem", "appear", "likely",
                   "able", "want", "try", "begin", "start", "continue", "help", "let", *SPEECH_VERBS, *EXPECT_VERBS})
_SUBJ = ("nsubj", "nsubjpass")
_GENERIC = frozenset("the a an of mr mrs ms dr president minister leader prime chief general state".split())
_PRONOUN_START = re.compile(r"^\W*(?:he|she|it|they|his|her|its|their|this|these|the two|both)\b", re.I)


@dataclass(frozen=True)
class Frame:
    subject: frozenset[str]  # lower-case words of the subject; empty: no subject test
    predicate: frozenset[str]  # lemmas of the predicate; empty: the claim has no frame to test
    argument: frozenset[str] = frozenset()  # words of the predicate's objects and complements; empty: no test


def _chain(v: "Token") -> list["Token"]:
    """The verb and what it reports on or expects: ccomp of a speech verb, xcomp, 'seen as likely to X'."""
    out, todo = [], [v]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("xcomp", "acomp", "prep", "pcomp") and c.pos_ in ("VERB", "AUX", "ADJ", "ADP"):
                todo.append(c)
            elif c.dep_ == "ccomp" and t.lemma_.lower() in SPEECH_VERBS | EXPECT_VERBS:
                todo.append(c)
    return out


def frame_of(doc) -> Frame:
    """A claim's frame (see the module docstring) from its parse."""
    sent = next(iter(doc.sents), None)
    if sent is None:
        return Frame(frozenset(), frozenset())
    chain = _chain(sent.root)
    preds = [t for t in chain if t.pos_ in ("VERB", "AUX")]
    for t in chain:
        if t.lemma_.lower() == "be":  # a copula: its noun or adjective is the predicate
            preds += [c for c in t.children if c.dep_ in ("attr", "acomp")]
    lemmas = {t.lemma_.lower() for t in preds}
    predicate = (lemmas - LIGHT) or lemmas
    holder = next((t for t in reversed(chain) if any(c.dep_ in _SUBJ for c in t.children)), None)
    subj = next((c for c in holder.children if c.dep_ in _SUBJ), None) if holder is not None else None
    if subj is None and holder is not None and any(c.dep_ == "expl" for c in holder.children):
        subj = next((c for c in holder.children if c.dep_ == "attr"), None)  # "there are more facilities"
    words: set[str] = set()
    if subj is not None and subj.pos_ != "PRON":
        names = [t for t in subj.subtree if t.pos_ == "PROPN" and (t.i == subj.i or t.dep_ in ("compound", "flat"))]
        words = {t.lower_ for t in names} - _GENERIC if names else {subj.lemma_.lower()}
    args = [c for t in preds for c in t.children if c.dep_ in ("dobj", "attr", "oprd", "dative")]
    args += [g for t in preds for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    argument = {w for a in args for w in _np_words(a)} - words
    return Frame(frozenset(words), frozenset(predicate), frozenset(argument))


def _np_words(tok: "Token") -> set[str]:
    """A noun phrase's words that name it: each word of a name, else the head noun's lemma."""
    if tok.pos_ == "PRON" or tok.like_num or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
        return set()
    names = [t for t in tok.subtree if t.pos_ == "PROPN" and (t.i == tok.i or t.dep_ in ("compound", "flat"))]
    return {t.lower_ for t in names} - _GENERIC if names else {tok.lemma_.lower()}


def _stem_match(a: str, b: str) -> bool:
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 2


def sentence_addresses(frame: Frame, words: frozenset[str], context: frozenset[str] = frozenset()) -> bool:
    """Does a sentence (its lower-case words and lemmas) share the frame's predicate, its subject and one of its
    objects or complements (in the sentence or its `context`: title, antecedent)?"""
    if not frame.predicate:
        return True  # no frame to test: the rationale decides
    if not any(_stem_match(p, w) for p in frame.predicate for w in words):
        return False
    if frame.subject and not frame.subject & (words | context):
        return False
    return not frame.argument or bool(frame.argument & (words | context))


_CACHE: dict[str, object] = {}


def _parse(texts: Sequence[str], nlp: Callable) -> dict[str, object]:
    todo = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if todo:
        disable = [n for n in getattr(nlp, "pipe_names", []) if n == "ner"]
        for t, doc in zip(todo, nlp.pipe(todo, disable=disable)):
            _CACHE[t] = (frame_of(doc), frozenset({x.lower_ for x in doc} | {x.lemma_.lower() for x in doc}))
        if len(_CACHE) > 50_000:
            _CACHE.clear()
            return _parse(texts, nlp)
    return {t: _CACHE[t] for t in texts}


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[\w'’-]+", text))


def mark_addressing(texts: Sequence[str], scored: Sequence[Sequence], nlp: Callable | None) -> list[list]:
    """`scored` (per text, verify.scoring.Scored items) with each read passage's evidence marked: `addresses` True when
    one of its read sentences shares the text's subject and predicate, else False. Unread passages and, without
    a parser, all passages are left unmarked (None)."""
    if nlp is None or not hasattr(nlp, "pipe"):
        return [list(ss) for ss in scored]
    sentences = [y for ss in scored for x in ss for y in x.sentences]
    parsed = _parse([*texts, *sentences], nlp)
    out = []
    for text, ss in zip(texts, scored):
        frame = parsed[text][0]
        row = []
        for x in ss:
            if not x.sentences:
                row.append(x)
                continue
            e = x.evidence
            hit = False
            for s in x.sentences:
                context = _words(e.title)
                if _PRONOUN_START.match(s):
                    context |= _words(e.text[: max(0, e.text.find(s))])
                if sentence_addresses(frame, parsed[s][1], context):
                    hit = True
                    break
            row.append(replace(x, evidence=replace(e, addresses=hit)))
        out.append(row)
    return out
