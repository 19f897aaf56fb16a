"""BM25 over passages with bm25s: tokenise, build, save/load (memory-mapped), top-k per query."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..core.errors import IndexMismatch

os.environ.setdefault("DISABLE_TQDM", "1")  # bm25s progress bars would clutter stderr


@dataclass(frozen=True)
class BM25Params:
    """Scoring and tokenisation settings; stored in the index so queries are tokenised the same way."""

    k1: float = 1.2
    b: float = 0.75
    method: str = "lucene"
    stemmer: str = "english"  # PyStemmer's Snowball stemmer; "" = none

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "BM25Params":
        return cls(**{k: d[k] for k in ("k1", "b", "method", "stemmer") if k in d})


def usable_stemmer(name: str) -> str:
    """`name` if PyStemmer is installed, else "" (BM25 then works on unstemmed words)."""
    if not name:
        return ""
    import importlib.util

    return name if importlib.util.find_spec("Stemmer") is not None else ""


def _stem_fn(name: str):
    if not name:
        return None
    try:
        import Stemmer  # PyStemmer
    except ImportError:
        raise IndexMismatch(f"BM25 stemmer '{name}' needs PyStemmer (pip install PyStemmer)") from None
    return Stemmer.Stemmer(name).stemWords


def tokenize(texts: Sequence[str], params: BM25Params) -> list[list[str]]:
    """Lower-cased word tokens without English stopwords, optionally stemmed."""
    import bm25s

    return bm25s.tokenize(
        list(texts), stopwords="en", stemmer=_stem_fn(params.stemmer), return_ids=False, show_progress=False
    )


def build(texts: Sequence[str], params: BM25Params) -> Any:
    import bm25s

    bm = bm25s.BM25(k1=params.k1, b=params.b, method=params.method)
    bm.index(tokenize(texts, params), show_progress=False)
    return bm


def save(bm: Any, folder: Path) -> None:
    bm.save(str(folder), show_progress=False)


def load(folder: Path) -> Any:
    import bm25s

    return bm25s.BM25.load(str(folder), mmap=True, load_corpus=False)


def topk(bm: Any, queries: Sequence[str], k: int, params: BM25Params) -> list[list[tuple[int, float]]]:
    """Best `k` rows per query with a positive BM25 score, best first (ties by row)."""
    out: list[list[tuple[int, float]]] = []
    n = int(bm.scores["num_docs"])
    for toks in tokenize(queries, params):
        ids = bm.get_tokens_ids(toks)
        if not ids:
            out.append([])
            continue
        scores = np.asarray(bm.get_scores_from_ids(ids), dtype=np.float32)
        kk = min(k, n)
        idx = np.argpartition(-scores, kk - 1)[:kk] if kk < n else np.arange(n)
        idx = idx[scores[idx] > 0]
        idx = idx[np.lexsort((idx, -scores[idx]))]
        out.append([(int(i), float(scores[i])) for i in idx])
    return out
