"""Calibration for the NLI verifier: temperature scaling and verdict thresholds, scored with the project's
metrics (claimcheck.research.evaluate.metrics: its ECE definition, accuracy, macro-F1, confusion matrix).

Everything here is a pure function on numpy arrays, so it is tested without a model.
Verdict rule (the one `calibration.json` thresholds are for), on temperature-scaled probabilities:
  supported      if p(entailment)    >= thresholds["supported"]    and p(entailment) >= p(contradiction)
  contradicted   if p(contradiction) >= thresholds["contradicted"] and p(contradiction) > p(entailment)
  not_enough_info otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..evaluate.metrics import ECE_BINS, accuracy, confusion_matrix, macro_f1, top_label_calibration_error

VERDICT_OF_LABEL = {"entailment": "supported", "contradiction": "contradicted", "neutral": "not_enough_info"}
VERDICTS = ("supported", "contradicted", "not_enough_info")


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood of the gold labels under softmax(logits / T)."""
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    m = z.max(axis=1, keepdims=True)
    logz = (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]
    return float(np.mean(logz - z[np.arange(len(z)), labels]))


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """Temperature T > 0 minimising dev NLL: a coarse log-grid, then golden-section refinement."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    if len(labels) == 0:
        return 1.0
    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 121))
    losses = [nll(logits, labels, t) for t in grid]
    i = int(np.argmin(losses))
    lo, hi = np.log(grid[max(i - 1, 0)]), np.log(grid[min(i + 1, len(grid) - 1)])
    g = (np.sqrt(5) - 1) / 2
    for _ in range(40):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        if nll(logits, labels, np.exp(a)) < nll(logits, labels, np.exp(b)):
            hi = b
        else:
            lo = a
    return float(np.exp((lo + hi) / 2))


def _verdict_index(pe: np.ndarray, pc: np.ndarray, ts: float, tc: float) -> np.ndarray:
    """Vectorised verdict rule: indices into VERDICTS."""
    out = np.full(len(pe), 2, dtype=int)
    sup = (pe >= ts) & (pe >= pc)
    con = ~sup & (pc >= tc) & (pc > pe)
    out[sup] = 0
    out[con] = 1
    return out


def verdicts_from_probs(probs: np.ndarray, id2label: dict[int, str], thresholds: dict[str, float]) -> list[str]:
    """Apply the module's verdict rule to calibrated probabilities (columns ordered by id2label)."""
    col = {lab: int(i) for i, lab in id2label.items()}
    probs = np.asarray(probs)
    idx = _verdict_index(probs[:, col["entailment"]], probs[:, col["contradiction"]],
                         thresholds["supported"], thresholds["contradicted"])
    return [VERDICTS[i] for i in idx]


@dataclass(frozen=True)
class ThresholdFit:
    supported: float
    contradicted: float
    macro_f1: float
    argmax_macro_f1: float

    def as_dict(self) -> dict[str, float]:
        return {"supported": self.supported, "contradicted": self.contradicted}


def fit_thresholds(probs: np.ndarray, labels: np.ndarray, id2label: dict[int, str],
                   grid: Sequence[float] = tuple(np.round(np.arange(0.34, 0.96, 0.02), 2))) -> ThresholdFit:
    """Grid-search the two verdict thresholds that maximise 3-way verdict macro-F1 on dev.

    Ties go to the lower thresholds (closest to plain argmax). A threshold at the bottom of the grid
    (0.34) means "argmax": with three classes the winning class always has p >= 1/3.
    """
    gold = np.array([VERDICTS.index(VERDICT_OF_LABEL[id2label[int(y)]]) for y in labels])

    col = {lab: int(i) for i, lab in id2label.items()}
    pe, pc = np.asarray(probs)[:, col["entailment"]], np.asarray(probs)[:, col["contradiction"]]

    def score(ts: float, tc: float) -> float:
        return macro_f1(gold, _verdict_index(pe, pc, ts, tc), (0, 1, 2))

    base = score(float(grid[0]), float(grid[0]))
    best = (base, float(grid[0]), float(grid[0]))
    for ts in grid:
        for tc in grid:
            f = score(float(ts), float(tc))
            if f > best[0] + 1e-9:
                best = (f, float(ts), float(tc))
    return ThresholdFit(supported=best[1], contradicted=best[2], macro_f1=best[0], argmax_macro_f1=base)


def calibration_report(logits: np.ndarray, labels: np.ndarray, id2label: dict[int, str]) -> dict:
    """Fit temperature and thresholds on dev logits; return the calibration.json content plus dev scores."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    t = fit_temperature(logits, labels)
    p0, p1 = softmax(logits), softmax(logits, t)
    th = fit_thresholds(p1, labels, id2label)
    pred = p1.argmax(axis=1)
    return {
        "temperature": round(t, 4),
        "thresholds": th.as_dict(),
        "ece_before": round(top_label_calibration_error(p0, labels), 4),
        "ece_after": round(top_label_calibration_error(p1, labels), 4),
        "ece_bins": ECE_BINS,
        "nll_before": round(nll(logits, labels), 4),
        "nll_after": round(nll(logits, labels, t), 4),
        "verdict_rule": "supported if p_ent>=t_sup and p_ent>=p_con; contradicted if p_con>=t_con and p_con>p_ent; "
                        "else not_enough_info (on softmax(logits/temperature))",
        "dev": {
            "n": int(len(labels)),
            "accuracy": round(accuracy(labels, pred), 4),
            "macro_f1": round(macro_f1(labels, pred, range(len(id2label))), 4),
            "verdict_macro_f1_argmax": round(th.argmax_macro_f1, 4),
            "verdict_macro_f1_thresholds": round(th.macro_f1, 4),
            "confusion_rows_gold_cols_pred": confusion_matrix(labels, pred, range(len(id2label))),
            "labels": [id2label[i] for i in range(len(id2label))],
        },
    }
