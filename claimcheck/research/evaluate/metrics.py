"""Evaluation metrics as pure functions over plain lists (no models, no I/O): the one place every
figure is computed (`eval`, training and calibration, the index benchmark, summarizer ROUGE).

Classification: accuracy, per-label precision/recall/F1, macro-F1, balanced accuracy, confusion
matrix, expected calibration error. Scores: ROC-AUC, Pearson, Spearman. Ranking (BEIR style, binary
relevance): recall@k, nDCG@k, MRR@k. Summaries: ROUGE-1/2/L/Lsum, redundancy
(summary sentence pairs whose embeddings have cosine >= REDUNDANT_COSINE).

ECE, as every figure in this project states it: ECE_BINS (10) equal-width confidence bins, bin b holding
[b/10, (b+1)/10) and the last also 1.0; the sum over bins of (share of items) x |accuracy - mean confidence|.
For a classifier the confidence is its top probability and "correct" means the top label is the gold one
(eval nli, training calibration: top_label_calibration_error); for eval verify it is the verdict's score and
"correct" means the verdict is the gold one.
"""
from __future__ import annotations

import math
from typing import Hashable, Mapping, Sequence

import numpy as np


# ---------------------------------------------------------------- classification


ECE_BINS = 10


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    _same_length(gold, pred)
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if len(gold) else 0.0


def confusion_matrix(gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable]) -> list[list[int]]:
    """Counts with gold labels as rows and predicted labels as columns, both in `labels` order.

    Pairs whose gold or predicted label is not in `labels` are left out.
    """
    _same_length(gold, pred)
    pos = {lab: i for i, lab in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        if g in pos and p in pos:
            m[pos[g]][pos[p]] += 1
    return m


def per_label(gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable]) -> dict:
    """{label: {precision, recall, f1, support}}; a prediction outside `labels` still counts as a miss."""
    _same_length(gold, pred)
    g_arr, p_arr = _objects(gold), _objects(pred)
    out = {}
    for lab in labels:
        g_is, p_is = g_arr == lab, p_arr == lab
        tp, n_pred, n_gold = int((g_is & p_is).sum()), int(p_is.sum()), int(g_is.sum())
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": n_gold}
    return out


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable]) -> float:
    """Unweighted mean F1 over `labels` (a label with no gold and no predicted item scores 0)."""
    stats = per_label(gold, pred, labels)
    return sum(s["f1"] for s in stats.values()) / len(labels) if labels else 0.0


def balanced_accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Mean recall over the gold labels that occur."""
    present = sorted(set(gold), key=str)
    stats = per_label(gold, pred, present)
    return sum(s["recall"] for s in stats.values()) / len(present) if present else 0.0


def classification_metrics(
    gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable],
    matrix_labels: Sequence[Hashable] | None = None,
) -> dict:
    """accuracy, macro_f1 (over `labels`), balanced_accuracy, per_label, confusion {labels, matrix}.

    `matrix_labels` (default `labels`) may add labels a system can predict but the gold never uses
    (e.g. not_enough_info on a two-label set), so the matrix shows where those predictions went.
    """
    cm_labels = list(matrix_labels or labels)
    return {
        "accuracy": accuracy(gold, pred),
        "macro_f1": macro_f1(gold, pred, labels),
        "balanced_accuracy": balanced_accuracy(gold, pred),
        "per_label": per_label(gold, pred, labels),
        "confusion": {"labels": cm_labels, "matrix": confusion_matrix(gold, pred, cm_labels),
                      "rows": "gold", "columns": "predicted"},
    }


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], n_bins: int = ECE_BINS) -> float:
    """ECE with equal-width bins: sum over bins of (share of items) x |accuracy - mean confidence|.

    Bin b holds confidences in [b/n, (b+1)/n); the last bin also holds 1.0.
    """
    _same_length(confidence, correct)
    if not len(confidence):
        return 0.0
    conf = np.clip(np.asarray(confidence, dtype=np.float64), 0.0, 1.0)
    ok = np.asarray(correct, dtype=np.float64)
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        mask = bins == b
        if mask.any():
            ece += mask.mean() * abs(ok[mask].mean() - conf[mask].mean())
    return float(ece)


def top_label_calibration_error(probs, labels: Sequence[int]) -> float:
    """ECE of a classifier: confidence = its top probability (rows of `probs`), correct = top column is `labels`."""
    probs = np.asarray(probs, dtype=np.float64)
    if len(probs) == 0:
        return 0.0
    return expected_calibration_error(probs.max(axis=1), probs.argmax(axis=1) == np.asarray(labels))


# ---------------------------------------------------------------- scores


def roc_auc(scores: Sequence[float], positive: Sequence[bool]) -> float | None:
    """Area under the ROC curve (ties count one half); None when only one class is present."""
    _same_length(scores, positive)
    from scipy.stats import rankdata

    pos = np.asarray(positive, dtype=bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    ranks = rankdata(np.asarray(scores, dtype=np.float64))
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson r; None with fewer than 3 points or a constant input."""
    return _corr("pearsonr", x, y)


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman rho (average ranks for ties); None with fewer than 3 points or a constant input."""
    return _corr("spearmanr", x, y)


def _corr(name: str, x: Sequence[float], y: Sequence[float]) -> float | None:
    _same_length(x, y)
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return None
    import scipy.stats

    r = getattr(scipy.stats, name)(a, b)[0]
    return None if math.isnan(r) else float(r)


# ---------------------------------------------------------------- ranking


def recall_at_k(ranked: Sequence[Hashable], relevant: set, k: int) -> float:
    """Share of the relevant items found in the first k (BEIR: divided by the number relevant)."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & relevant) / len(relevant)


def ndcg_at_k(ranked: Sequence[Hashable], relevant: set, k: int = 10) -> float:
    """Binary-relevance nDCG@k: DCG of the ranking over the DCG of a perfect one (log2(rank + 1))."""
    if not relevant:
        return 0.0
    dcg = sum(1.0 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal


def reciprocal_rank(ranked: Sequence[Hashable], relevant: set, k: int | None = None) -> float:
    """1 / rank of the first relevant item within the first k (0 when none)."""
    for i, d in enumerate(ranked[:k] if k else ranked):
        if d in relevant:
            return 1.0 / (i + 1)
    return 0.0


def ranking_metrics(rankings: Sequence[Sequence[Hashable]], qrels: Sequence[set], ks: Sequence[int] = (5, 10, 100),
                    ndcg_k: int = 10, mrr_k: int = 10) -> dict[str, float]:
    """Mean recall@k for each k, nDCG@ndcg_k and MRR@mrr_k over queries (queries without relevant items are skipped)."""
    if len(rankings) != len(qrels):
        raise ValueError(f"{len(rankings)} rankings but {len(qrels)} relevance sets")
    pairs = [(r, q) for r, q in zip(rankings, qrels) if q]
    n = len(pairs)
    out: dict[str, float] = {}
    for k in ks:
        out[f"recall@{k}"] = sum(recall_at_k(r, q, k) for r, q in pairs) / n if n else 0.0
    out[f"ndcg@{ndcg_k}"] = sum(ndcg_at_k(r, q, ndcg_k) for r, q in pairs) / n if n else 0.0
    out[f"mrr@{mrr_k}"] = sum(reciprocal_rank(r, q, mrr_k) for r, q in pairs) / n if n else 0.0
    return out


# ---------------------------------------------------------------- summaries

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def rouge(predictions: Sequence[Sequence[str]], references: Sequence[Sequence[str]]) -> dict[str, float]:
    """Mean ROUGE-1/2/L/Lsum F1 x100 (rouge-score, stemming) over summaries given as sentence lists;
    rougeLsum splits on the newlines the sentences are joined with (the CNN/DM convention)."""
    from rouge_score import rouge_scorer

    _same_length(predictions, references)
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    sums = dict.fromkeys(ROUGE_TYPES, 0.0)
    for pred, ref in zip(predictions, references):
        scores = scorer.score("\n".join(ref), "\n".join(pred))
        for k in ROUGE_TYPES:
            sums[k] += scores[k].fmeasure
    n = max(1, len(predictions))
    return {k: 100 * v / n for k, v in sums.items()}


REDUNDANT_COSINE = 0.8


def redundancy(vectors: Sequence[np.ndarray], threshold: float = REDUNDANT_COSINE) -> dict[str, float]:
    """Pairs of sentences within one summary that say the same thing, by cosine >= `threshold`.

    `vectors`: per summary, its sentences' embeddings as rows (normalised here). Returns redundant_pairs
    (the total), redundant_pairs_per_summary and redundant_summaries (share of summaries with any pair).
    """
    pairs, hit = 0, 0
    for v in vectors:
        v = np.asarray(v, dtype=np.float64).reshape(len(v), -1)
        if len(v) < 2:
            continue
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        v = v / np.where(norms > 0, norms, 1.0)
        n = int((np.triu(v @ v.T, k=1) >= threshold).sum())
        pairs += n
        hit += n > 0
    count = max(1, len(vectors))
    return {"redundant_pairs": pairs, "redundant_pairs_per_summary": pairs / count, "redundant_summaries": hit / count}


# ---------------------------------------------------------------- helpers


def rounded(metrics: Mapping, digits: int = 6):
    """A copy with every float rounded (nested dicts and lists included) for stable JSON."""
    if isinstance(metrics, Mapping):
        return {k: rounded(v, digits) for k, v in metrics.items()}
    if isinstance(metrics, (list, tuple)):
        return [rounded(v, digits) for v in metrics]
    if isinstance(metrics, (float, np.floating)):
        return round(float(metrics), digits)
    if isinstance(metrics, np.integer):
        return int(metrics)
    return metrics


def _objects(xs: Sequence[Hashable]) -> np.ndarray:
    """Labels as a 1-d object array, so == compares each item as Python does (strings, ints, None)."""
    arr = np.empty(len(xs), dtype=object)
    for i, x in enumerate(xs):
        arr[i] = x
    return arr


def _same_length(a: Sequence, b: Sequence) -> None:
    if len(a) != len(b):
        raise ValueError(f"length mismatch: {len(a)} vs {len(b)}")
