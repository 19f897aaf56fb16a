"""Claims stage: atomic, self-contained claims from an article, each linked to its sentence and span.

Backends register by name in claimcheck.core.registry; `get_extractor(cfg)` picks one from a profile's
[claims] role. Built in: "rules" (dependency parse + coreference heuristics, spaCy) and "prompted"
(a seq2seq or instruction model with templates from prompts/, falling back to rules per sentence).
"""
from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from ..core import registry
from ..runtime.nlp import DEFAULT_SPACY
from ..core.registry import option
from ..text.words import CORE_STOP_WORDS
from ..core.types import Article, Claim

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..runtime.roles import RoleConfig


@dataclass(frozen=True)
class Draft:
    """A claim before de-duplication and numbering."""

    text: str
    sentence_index: int
    span: tuple[int, int]
    checkworthy: bool = True
    reason: str = ""
    rank: int = 0  # order among the drafts of one sentence
    parts: tuple[tuple[int, int], ...] = ()  # the source words it comes from, when not one run (see Claim.parts)


class ClaimExtractor(ABC):
    """Turns articles into claims. Subclasses implement the batch method `extract_many`."""

    name: str = ""
    label: str = ""  # what reports show in their `models` field

    @abstractmethod
    def extract_many(self, articles: Sequence[Article], docs: Sequence["Doc | None"] | None = None) -> list[list[Claim]]:
        """One list of claims per article; `docs` are the parses from the segment stage, if at hand."""

    def extract(self, article: Article, doc: "Doc | None" = None) -> list[Claim]:
        return self.extract_many([article], [doc])[0]


@dataclass(frozen=True)
class RulesOptions:
    """[claims] options of the rules backend."""

    spacy: str = option("spacy:" + DEFAULT_SPACY, "the spaCy pipeline that parses (when the model names none)")
    near_duplicate: float = option(0.85, "content-word Jaccard at which a claim counts as a duplicate")
    min_words: int = option(3, "shortest claim kept, in words")


@dataclass(frozen=True)
class PromptedOptions:
    """[claims] options of the prompted backend (a model decomposes each sentence; rules where it fails)."""

    spacy: str = option("spacy:" + DEFAULT_SPACY, "the spaCy pipeline for sentences and the rules fallback")
    template: str = option("claims_decompose", "prompt template, prompts/<name>.txt")
    batch_size: int = option(8, "prompts per generate call")
    context_sentences: int = option(2, "sentences before the one decomposed, given as context")
    min_overlap: float = option(0.6, "share of a generated claim's words the sentence must hold, else rules")
    near_duplicate: float = option(0.85, "content-word Jaccard at which a claim counts as a duplicate")
    max_new_tokens: int = option(128, "generated tokens per prompt")
    max_input_tokens: int = option(512, "prompt tokens kept")
    gguf_file: str = option("", "the .gguf file inside the model folder, for a GGUF checkpoint")


def known_backends() -> list[str]:
    return [b.name for b in registry.backends("claims")]


def get_extractor(cfg: "RoleConfig", device: str = "cpu") -> ClaimExtractor:
    """The claim extractor a profile's [claims] role names. Loads nothing heavy until first use."""
    return registry.backend("claims", cfg.backend).build(cfg, device)


@registry.register("claims", "rules", RulesOptions, "dependency parse and coreference rules (spaCy)")
def _rules_backend(cfg: "RoleConfig", options: RulesOptions, device: str) -> ClaimExtractor:
    from .rules import RulesExtractor

    return RulesExtractor(cfg, options)


@registry.register("claims", "prompted", PromptedOptions, "a seq2seq or instruction model with prompts/ templates")
def _prompted_backend(cfg: "RoleConfig", options: PromptedOptions, device: str) -> ClaimExtractor:
    from .prompted import PromptedExtractor

    return PromptedExtractor(cfg, device=device, options=options)


# ---------------------------------------------------------------- de-duplication and numbering

def normalize_claim(text: str) -> str:
    """Lowercase, straight quotes, no punctuation, single spaces: the key for exact duplicates."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w\s']", " ", text)
    return " ".join(text.split())


def _content_words(text: str) -> frozenset[str]:
    words = normalize_claim(text).replace("'s", "").split()
    return frozenset(w for w in words if w not in CORE_STOP_WORDS)


_FACT_WORD = re.compile(r"\b[A-Z][\w'’-]*|\b\w*\d[\w,.:-]*")


def _fact_words(text: str) -> frozenset[str]:
    """Capitalised words and numbers: two claims whose words differ in one of these state different
    facts ("... in Liberia" / "... in Sierra Leone"), however many other words they share."""
    return _content_words(" ".join(_FACT_WORD.findall(" " + text)))


def finalize(drafts: Iterable[Draft], near_duplicate: float = 0.85) -> list[Claim]:
    """Order drafts, drop duplicates (same normalised text, or content-word Jaccard >= `near_duplicate`
    with the same names and numbers: "... in Liberia" and "... in Sierra Leone" are two facts) keeping
    the earliest, and number the rest c1, c2, ...

    Near duplicates are found through an inverted index over a prefix of each word set (rarest words
    first): two sets with Jaccard >= t share a word among the first |W| - ceil(t|W|) + 1 of each, so
    only those candidates, of a size that allows it (t|W| <= |V| <= |W|/t), are compared."""
    ordered = sorted(drafts, key=lambda d: (d.sentence_index, d.rank, d.span[0]))
    words_of = [_content_words(d.text) for d in ordered]
    facts_of = [_fact_words(d.text) for d in ordered]
    t = near_duplicate
    freq: dict[str, int] = {}
    for ws in words_of:
        for w in ws:
            freq[w] = freq.get(w, 0) + 1
    postings: dict[tuple[str, int], list[int]] = {}  # (word, set size) -> kept word sets whose prefix holds it
    kept_words: list[frozenset[str]] = []
    kept_facts: list[frozenset[str]] = []
    kept: list[Draft] = []
    seen_text: set[str] = set()
    for d, words, facts in zip(ordered, words_of, facts_of):
        key = normalize_claim(d.text)
        if not key or key in seen_text:
            continue
        prefix: list[str] = []
        if words:
            if not 0 < t <= 1:  # outside the filter's range: compare with every earlier set
                candidates: Iterable[int] = range(len(kept_words))
            else:
                prefix = sorted(words, key=lambda w: (freq[w], w))[: len(words) - max(1, math.floor(t * len(words))) + 1]
                n = len(words)
                sizes = range(max(1, math.ceil(t * n - 1e-9) - 1), math.floor(n / t + 1e-9) + 2)  # a size margin for float error
                candidates = {j for w in prefix for m in sizes for j in postings.get((w, m), ())}
            if any(len(words & kept_words[j]) / len(words | kept_words[j]) >= t
                   and not (words ^ kept_words[j]) & (facts | kept_facts[j])
                   for j in candidates if kept_words[j]):
                continue
        seen_text.add(key)
        for w in prefix:
            postings.setdefault((w, len(words)), []).append(len(kept_words))
        kept_words.append(words)
        kept_facts.append(facts)
        kept.append(d)
    return [
        Claim(
            id=f"c{i}",
            text=d.text,
            sentence_index=d.sentence_index,
            span=(d.span[0], d.span[1]),
            checkworthy=d.checkworthy,
            reason=d.reason,
            parts=d.parts,
        )
        for i, d in enumerate(kept, 1)
    ]


__all__ = [
    "ClaimExtractor",
    "Draft",
    "finalize",
    "get_extractor",
    "known_backends",
    "normalize_claim",
]
