"""Retrieval settings, read from a profile's [retrieval] table (every key optional)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..core.errors import UserError
from ..core.registry import option, parse_options, register_section
from .bm25 import BM25Params, usable_stemmer
from .fusion import FUSION_METHODS, NORMS
from .store import IndexParams


@register_section("retrieval")
@dataclass(frozen=True)
class RetrievalConfig:
    """Chunking (decides the index content) and query-time settings (fusion, candidates).

    Defaults were picked by measurement on SciFact dev (see claimcheck/research/bench/index.py).
    """

    chunk_sentences: int = option(3, "sentences per indexed passage")
    chunk_overlap: int = option(1, "sentences two neighbouring passages share")
    max_chars: int = option(1000, "longest passage, in characters")
    title_in_embedding: bool = option(False, "prefix the title to each passage vector (hurt MiniLM on SciFact: 0.676 vs 0.679)")
    title_vectors: bool = option(True, "the title as one more vector per document (SciFact dense 0.679 -> 0.697)")
    bm25_k1: float = option(1.2, "BM25 term-frequency saturation")
    bm25_b: float = option(0.75, "BM25 length normalisation")
    stemmer: str = option("english", 'Snowball via PyStemmer; silently "" when PyStemmer is not installed')
    fusion: str = option("weighted", "rrf | weighted | dense | bm25")
    rrf_k: float = option(60.0, "reciprocal rank fusion constant")
    dense_weight: float = option(0.6, "share of the dense list in rrf/weighted fusion (0.5 = equal)")
    score_norm: str = option("zscore", 'how "weighted" puts both lists on one scale: zscore | minmax')
    candidates: int = option(100, "per list, before fusion")
    approximate: bool = option(False, "accepted for forward compatibility; search is exact")
    query_prefix: str = option("", "prepended to queries (bge/e5 want an instruction); also read from [embedder]")

    def __post_init__(self) -> None:
        if self.fusion not in FUSION_METHODS:
            raise UserError(f"[retrieval] fusion = {self.fusion!r} is unknown (choose {', '.join(FUSION_METHODS)})")
        if self.chunk_sentences < 1 or not 0 <= self.chunk_overlap < self.chunk_sentences:
            raise UserError("[retrieval] needs chunk_sentences >= 1 and 0 <= chunk_overlap < chunk_sentences")
        if self.score_norm not in NORMS:
            raise UserError(f"[retrieval] score_norm = {self.score_norm!r} is unknown (choose {', '.join(NORMS)})")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise UserError("[retrieval] dense_weight must lie in [0, 1]")
        if self.candidates < 1 or self.max_chars < 50:
            raise UserError("[retrieval] needs candidates >= 1 and max_chars >= 50")

    @classmethod
    def from_section(cls, section: dict[str, Any], where: str = "[retrieval]") -> "RetrievalConfig":
        """From a profile's [retrieval] table; unknown keys and wrong types are refused so typos do not pass silently."""
        return parse_options(cls, section, where)

    @classmethod
    def from_profile(cls, profile: Any) -> "RetrievalConfig":
        return cls.from_section(profile.section("retrieval")) if profile is not None else cls()

    def with_(self, **changes: Any) -> "RetrievalConfig":
        return replace(self, **changes)

    def index_params(self, embedder_name: str, dim: int) -> IndexParams:
        return IndexParams(
            embedder=embedder_name,
            dim=int(dim),
            chunk_sentences=self.chunk_sentences,
            chunk_overlap=self.chunk_overlap,
            max_chars=self.max_chars,
            title_in_embedding=self.title_in_embedding,
            title_vectors=self.title_vectors,
            bm25=BM25Params(k1=self.bm25_k1, b=self.bm25_b, stemmer=usable_stemmer(self.stemmer)),
        )

