"""Pure rank-fusion functions: combine dense and BM25 candidate lists into one ranking.

Inputs are candidate lists ``[(row, score), ...]`` sorted best first; outputs likewise.
"""
from __future__ import annotations

from typing import Callable, Hashable, Iterable, Sequence, TypeVar

K = TypeVar("K", bound=Hashable)
Ranked = Sequence[tuple[K, float]]

FUSION_METHODS = ("rrf", "weighted", "dense", "bm25")


def rrf(lists: Sequence[Ranked], k: float = 60.0, weights: Sequence[float] | None = None) -> list[tuple[K, float]]:
    """Reciprocal rank fusion: score = sum_i w_i / (k + rank_i), ranks from 1; ties keep first-seen order."""
    weights = weights or [1.0] * len(lists)
    out: dict[K, float] = {}
    for w, lst in zip(weights, lists):
        for rank, (key, _) in enumerate(lst, start=1):
            out[key] = out.get(key, 0.0) + w / (k + rank)
    return _sorted(out)


def minmax(lst: Ranked) -> dict[K, float]:
    """Scores scaled to [0, 1] within one candidate list (all 1.0 when they are equal)."""
    if not lst:
        return {}
    vals = [s for _, s in lst]
    lo, hi = min(vals), max(vals)
    span = hi - lo
    return {key: (s - lo) / span if span > 0 else 1.0 for key, s in lst}


def zscore(lst: Ranked) -> dict[K, float]:
    """Scores standardised within one candidate list (mean 0, sd 1; all 0.0 when they are equal)."""
    if not lst:
        return {}
    vals = [s for _, s in lst]
    mean = sum(vals) / len(vals)
    sd = (sum((v - mean) ** 2 for v in vals) / len(vals)) ** 0.5
    return {key: (s - mean) / sd if sd > 0 else 0.0 for key, s in lst}


NORMS = {"minmax": minmax, "zscore": zscore}


def weighted(lists: Sequence[Ranked], weights: Sequence[float], norm: str = "zscore") -> list[tuple[K, float]]:
    """Weighted sum of normalised scores; a candidate missing from a list gets that list's lowest score."""
    normed = [NORMS[norm](lst) for lst in lists]
    floors = [min(n.values(), default=0.0) for n in normed]
    keys: dict[K, None] = {}
    for lst in lists:
        keys.update((key, None) for key, _ in lst)
    out = {key: sum(w * n.get(key, f) for w, n, f in zip(weights, normed, floors)) for key in keys}
    return _sorted(out)


def fuse(
    dense: Ranked, bm25: Ranked, method: str = "weighted", *, rrf_k: float = 60.0, dense_weight: float = 0.5,
    norm: str = "zscore",
) -> list[tuple[K, float]]:
    """One ranking from dense and BM25 candidates by `method` (rrf | weighted | dense | bm25)."""
    if method == "dense":
        return list(dense)
    if method == "bm25":
        return list(bm25)
    weights = (2 * dense_weight, 2 * (1.0 - dense_weight))  # 0.5 -> plain, equal weights
    if method == "rrf":
        return rrf([dense, bm25], k=rrf_k, weights=weights)
    if method == "weighted":
        return weighted([dense, bm25], weights=weights, norm=norm)
    raise ValueError(f"unknown fusion method {method!r} (choose {', '.join(FUSION_METHODS)})")


def group_max(ranked: Iterable[tuple[K, float]], group: Callable[[K], Hashable]) -> list[tuple[Hashable, float]]:
    """Collapse a ranking of items to a ranking of their groups (e.g. documents) by the best item."""
    out: dict[Hashable, float] = {}
    for key, s in ranked:
        g = group(key)
        if g not in out or s > out[g]:
            out[g] = s
    return _sorted(out)


def _sorted(scores: dict) -> list:
    # Python's sort is stable: equal scores keep insertion (first-seen) order, so results are deterministic.
    return sorted(scores.items(), key=lambda kv: -kv[1])
