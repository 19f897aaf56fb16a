"""Rationale selection: which sentences of the retrieved passages speak to a claim's own fact.

A retrieved passage is a window of several sentences about a topic; only some of them (often one)
address the claim. The verifier reads the claim against those sentences alone, so a passage that
gives *another* detail of the same event cannot decide the verdict through a sentence that says
nothing about the claim's fact. As in SciFact systems, selection comes before the label:

- each passage is split into sentences (claimcheck.text.sentences.split_sentences, the corpus splitter);
- a sentence is a rationale candidate when its cosine to the claim is >= `min_similarity`;
- the `top` best candidates over all of a claim's passages are kept;
- a passage's premise is its kept sentences, in order, with the sentence before the first one when
  that one opens with a pronoun ("It", "He", "The two" ...) and so needs its antecedent, and the
  document title in front when the text does not already start with it.
A passage with no kept sentence is not read by the verifier: it can neither support nor contradict.
Pure functions over precomputed vectors; the pipeline embeds the sentences (each once).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..core.registry import option, register_section
from ..text.sentences import split_sentences
from ..core.types import Passage

_NEEDS_ANTECEDENT = re.compile(
    r"^(?:it|its|he|his|she|her|they|their|them|this|these|those|that|the two|both|the latter|the former|"
    r"there|such|the (?:agency|company|group|leader|leaders|president|minister|government|country|team|"
    r"club|city|mission|telescope|spacecraft|rocket|meeting|visit|summit|talks|deal|bridge|ship))\b",
    re.I,
)


@register_section("rationale")
@dataclass(frozen=True)
class RationaleConfig:
    """Rationale selection's settings, a profile's [rationale]."""

    top: int = option(3, "rationale sentences kept per claim, over all its passages")
    min_similarity: float = option(0.35, "cosine(claim, sentence) a rationale needs")


def passage_sentences(text: str) -> list[str]:
    """The sentences of a passage (the whole text when it has no boundary)."""
    return [text[s:e] for s, e in split_sentences(text)] or [text]


def select(claim_vec: np.ndarray, sentence_vecs: Sequence[np.ndarray], cfg: RationaleConfig,
           keys: Sequence[Sequence[str]] | None = None) -> list[list[tuple[int, float]]]:
    """For each passage (its sentences' vectors, L2-normalised), the kept (sentence index, cosine), in order.

    `keys` (each sentence's text) makes a sentence that recurs in overlapping passages count once: it is
    kept in the first passage that holds it (passages come best-retrieved first).
    """
    scored = [(-float(v @ claim_vec), h, j) for h, vecs in enumerate(sentence_vecs) for j, v in enumerate(vecs)]
    keep, seen = [], set()
    for neg, h, j in sorted(scored):
        if -neg < cfg.min_similarity or len(keep) >= cfg.top:
            break
        key = keys[h][j] if keys is not None else (h, j)
        if key not in seen:
            seen.add(key)
            keep.append((-neg, h, j))
    out: list[list[tuple[int, float]]] = [[] for _ in sentence_vecs]
    for sim, h, j in keep:
        out[h].append((j, sim))
    return [sorted(x) for x in out]


def premise(passage: Passage, sentences: Sequence[str], kept: Sequence[int]) -> str:
    """The text the verifier reads for one passage: its kept sentences (+ antecedent, + title)."""
    idx = sorted(set(kept))
    if idx and idx[0] > 0 and _NEEDS_ANTECEDENT.match(sentences[idx[0]].lstrip("\"'“‘(")):
        idx.insert(0, idx[0] - 1)
    text = " ".join(sentences[i] for i in idx)
    title = passage.title.strip()
    if title and title.lower() not in text[: len(title) + 5].lower():
        return f"{title}. {text}"
    return text


# ---------------------------------------------------------------- name alignment

_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’-]*)*")
_LEAD = {"The", "A", "An", "After", "At", "In", "On", "Before", "During", "When", "While", "According", "As", "By",
         "For", "From", "With", "Since", "Until", "Earlier", "Later", "This", "That", "Both", "Each", "It", "Its"}


def _names(text: str) -> list[str]:
    out = []
    for m in _NAME.finditer(text):
        toks = m.group(0).split()
        while toks and toks[0] in _LEAD:
            toks = toks[1:]
        if toks:
            out.append(" ".join(toks))
    return out


def align_names(claim: str, premise: str) -> str:
    """The claim with each full name the premise gives in a shorter form written in that form.

    Claims carry resolved names ("Vladimir Putin", "the James Webb Space Telescope") while passages
    often say "Putin" or "Webb"; a small NLI model reads a name it cannot find in the premise as a
    sign of contradiction (entity swaps look exactly like that). A name is shortened only to a part of
    it that the premise uses as a name of its own, and never when the premise also names another
    entity sharing a part with it ("Kim Jong Il" is left alone beside "Kim Jong Un").
    """
    prem_names = set(_names(premise))
    out = claim
    for name in sorted(set(_names(claim)), key=len, reverse=True):
        toks = name.split()
        if len(toks) < 2 or name in premise:
            continue
        parts = [" ".join(toks[i:j]) for i in range(len(toks)) for j in range(len(toks), i, -1) if (i, j) != (0, len(toks))]
        found = [p for p in parts if p in prem_names]
        if not found:
            continue
        short = max(found, key=lambda p: len(p.split()))
        # another entity the premise names with the same word: the short form would be ambiguous
        if any(m != short and m not in parts and set(m.split()) & set(short.split()) for m in prem_names):
            continue
        out = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", short, out)
    return out


def align_values(claim: str, sentences: Sequence[str]) -> str:
    """The claim with a quantity a premise sentence states in another unit, or a place it states more precisely,
    written as the sentence writes it: "about 64 kilometres off the coast" read against "about 40 miles off the
    coast" becomes "about 40 miles off the coast"; "will take place in France" against "will be held in Lyon"
    becomes "will take place in Lyon". The small NLI model reads a number or place it cannot find in the premise
    as a contradiction; the reading is the conflict rules' (conflicts.find_agreement: same dimension and values
    within 10% once converted, or a place inside the claim's; the clauses aligned but for the slot), so only a
    restatement is rewritten, never a conflict."""
    from .conflicts import find_agreement

    for sentence in sentences:
        found = find_agreement(claim, sentence)
        if found is not None and found.kind in ("unit", "place") and found.close and found.claim_text in claim \
                and found.premise_text in sentence:
            return claim.replace(found.claim_text, found.premise_text, 1)
    return claim
