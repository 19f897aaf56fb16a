"""Exact dense search over a float16 vector matrix (usually a memory map), block by block.

Peak extra memory is one float32 block (block_rows x dim) plus one score block per query group,
so a 1M x 384 memory-mapped matrix is searched without ever being copied whole.

Converting float16 blocks to float32 dominates the cost of a few queries, so a small batch is
pre-scored in float16 with torch (no conversion), and its best 2k+32 rows per query are then
re-scored exactly in float32. Larger batches convert each block once and use a float32 GEMM.
"""
from __future__ import annotations

import numpy as np

BLOCK_ROWS = 32768
QUERY_GROUP = 256
HALF_MAX_QUERIES = 16  # up to this many queries, pre-score in float16
HALF_IMPORT_ROWS = 262144  # below this, converting blocks costs less than importing torch (1-2 s) to skip it


def topk(
    matrix: np.ndarray, queries: np.ndarray, k: int, *, block_rows: int = BLOCK_ROWS, half: bool | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Row ids and cosine scores of the `k` best rows per query, best first.

    `matrix` (n, d) holds L2-normalised rows (any float dtype); `queries` (q, d) is L2-normalised.
    Returns int64 (q, k') and float32 (q, k') with k' = min(k, n); ties go to the lower row id.
    `half` forces (True) or forbids (False) float16 pre-scoring; None decides by batch size.
    """
    q = np.ascontiguousarray(queries, dtype=np.float32)
    n = matrix.shape[0]
    kk = min(k, n)
    if kk == 0 or len(q) == 0:
        return np.zeros((len(q), 0), np.int64), np.zeros((len(q), 0), np.float32)
    if half is None:
        half = len(q) <= HALF_MAX_QUERIES and matrix.dtype == np.float16 and _torch(load=n > HALF_IMPORT_ROWS) is not None
    if half:
        return _half_then_exact(matrix, q, kk, block_rows)
    groups = [(g, min(g + QUERY_GROUP, len(q))) for g in range(0, len(q), QUERY_GROUP)]
    best = [(np.zeros((e - g, 0), np.int64), np.zeros((e - g, 0), np.float32)) for g, e in groups]
    for s in range(0, n, block_rows):
        block = np.asarray(matrix[s : s + block_rows], dtype=np.float32)
        for i, (g, e) in enumerate(groups):
            best[i] = _merge(best[i], q[g:e] @ block.T, s, kk)
        del block
    idx = np.concatenate([b[0] for b in best])
    val = np.concatenate([b[1] for b in best])
    return _sort(idx, val)


def _half_then_exact(matrix: np.ndarray, q: np.ndarray, k: int, block_rows: int) -> tuple[np.ndarray, np.ndarray]:
    torch = _torch()
    n = matrix.shape[0]
    k_pre = min(n, 2 * k + 32)  # slack for float16 rounding of the pre-scores
    qh = torch.from_numpy(q).half()
    best = (np.zeros((len(q), 0), np.int64), np.zeros((len(q), 0), np.float32))
    for s in range(0, n, block_rows):
        block = torch.from_numpy(np.array(matrix[s : s + block_rows], dtype=np.float16))  # a writable copy
        best = _merge(best, (qh @ block.T).float().numpy(), s, k_pre)
    idx = np.empty((len(q), k), np.int64)
    val = np.empty((len(q), k), np.float32)
    for i in range(len(q)):
        cand = best[0][i]
        exact = cosines(matrix, q[i], cand)
        order = np.lexsort((cand, -exact))[:k]
        idx[i], val[i] = cand[order], exact[order]
    return idx, val


def _sort(idx: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((idx, -val), axis=1)
    return np.take_along_axis(idx, order, axis=1), np.take_along_axis(val, order, axis=1)


def _torch(load: bool = True):
    """torch if it is loaded already, or (load=True) can be; None otherwise."""
    import sys

    if not load and sys.modules.get("torch") is None:
        return None
    try:
        import torch
    except ImportError:  # pragma: no cover - torch comes with sentence-transformers
        return None
    return torch


def _merge(best: tuple[np.ndarray, np.ndarray], scores: np.ndarray, offset: int, k: int):
    """Keep the k best of the running best and one block of scores (q, b) whose rows start at offset."""
    b = scores.shape[1]
    kb = min(k, b)
    part = np.argpartition(-scores, kb - 1, axis=1)[:, :kb] if kb < b else np.tile(np.arange(b), (len(scores), 1))
    vals = np.take_along_axis(scores, part, axis=1)
    idx = np.concatenate([best[0], part + offset], axis=1)
    val = np.concatenate([best[1], vals], axis=1)
    if idx.shape[1] > k:
        keep = np.argpartition(-val, k - 1, axis=1)[:, :k]
        idx, val = np.take_along_axis(idx, keep, axis=1), np.take_along_axis(val, keep, axis=1)
    return idx, val


def cosines(matrix: np.ndarray, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Cosine of one query with the given rows (a gather, cheap on a memory map)."""
    if len(rows) == 0:
        return np.zeros(0, np.float32)
    order = np.argsort(rows)
    vecs = np.asarray(matrix[rows[order]], dtype=np.float32)
    out = np.empty(len(rows), np.float32)
    out[order] = vecs @ np.asarray(query, dtype=np.float32)
    return out
