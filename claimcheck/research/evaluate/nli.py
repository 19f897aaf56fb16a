"""`eval nli`: the profile's verifier as a plain NLI classifier on held-out sets.

Sets (claimcheck.datasets.nli.load_heldout, file order): SICK test, RTE dev, FEVER-NLI dev, ANLI
dev R1-R3, MNLI dev matched/mismatched by default; SNLI dev/test and ANLI test on request. The
prediction is the argmax of (entailment, neutral, contradiction).

Binary sets (RTE, FEVER-NLI: their negative class merges contradiction and not-enough-info) are
scored entailment vs not_entailment: predicted entailment when entailment is the argmax, so a
confident contradiction and a neutral both count as not_entailment. They add ROC-AUC of the
entailment probability. 3-way sets add ECE of the argmax probability.

--dataset may also be a user JSONL of {"premise","hypothesis","label"} pairs (scored 3-way). When its
lines carry a "swap" field (seeds/newsdev/swaps.jsonl: none | number | date | place | entity |
negation), the metrics add recall_by_swap (share of each swap kind's pairs predicted their gold
label: entailment for "none", contradiction for the swaps) and predicted_by_swap (predicted counts).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .base import EvalContext, SplitOutcome, SplitSpec
from .metrics import classification_metrics, expected_calibration_error, roc_auc

LABELS = ("entailment", "neutral", "contradiction")
BINARY = ("entailment", "not_entailment")
BATCH = 256  # pairs per score_pairs call (one progress step); the verifier batches inside


def _specs() -> tuple[SplitSpec, ...]:
    from ...datasets.nli import HELDOUT_FILES

    order = ("sick-test", "rte-dev", "fever-nli-dev", *(f"anli-{s}-r{k}" for s in ("dev", "test") for k in (1, 2, 3)),
             "mnli-dev-m", "mnli-dev-mm", "snli-dev", "snli-test")
    return tuple(SplitSpec(name, *HELDOUT_FILES[name]) for name in order)


class NLIEvaluator:
    name = "nli"
    primary_metric = "macro_f1"
    specs = _specs()
    default_splits = ("sick-test", "rte-dev", "fever-nli-dev", "anli-dev-r1", "anli-dev-r2", "anli-dev-r3",
                      "mnli-dev-m", "mnli-dev-mm")
    accepts_file = True

    def evaluate(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        from ...datasets.nli import BINARY_HELDOUT, load_heldout, read_pairs_jsonl

        swaps: list[str] = []
        if path.is_file():
            from ...datasets.newsdev import pair_tags

            pairs, binary = ctx.take(read_pairs_jsonl(path)), False
            swaps = pair_tags(path)[: len(pairs)]
        else:  # path is the set's folder; the loaders take the data root above it
            pairs, binary = load_heldout(split, path.parent, ctx.limit), split in BINARY_HELDOUT
        probs = np.zeros((len(pairs), 3), dtype=np.float64)  # columns in LABELS order
        parts = [pairs[i : i + BATCH] for i in range(0, len(pairs), BATCH)]
        batches = [([p.premise for p in part], [p.hypothesis for p in part]) for part in parts]
        with ctx.bar(len(pairs), f"nli {split}") as advance:
            for i, scores in zip(range(0, len(pairs), BATCH), ctx.map_batches("verifier.score_pairs", batches)):
                probs[i : i + len(scores)] = [(s.entailment, s.neutral, s.contradiction) for s in scores]
                advance(len(scores))
        gold = [p.label for p in pairs]
        metrics = nli_metrics(gold, probs, binary)
        if any(swaps):
            metrics.update(swap_metrics(gold, probs, swaps))
        return SplitOutcome(len(pairs), metrics, {"scoring": "entailment vs not_entailment" if binary else "3-way"})


def nli_metrics(gold: list[str], probs: np.ndarray, binary: bool) -> dict:
    """Metrics from gold labels and (entailment, neutral, contradiction) probabilities per pair."""
    pred = [LABELS[i] for i in np.argmax(probs, axis=1)] if len(gold) else []
    if binary:
        g2 = [BINARY[0] if g == "entailment" else BINARY[1] for g in gold]
        p2 = [BINARY[0] if p == "entailment" else BINARY[1] for p in pred]
        m = classification_metrics(g2, p2, list(BINARY))
        m["roc_auc"] = roc_auc(probs[:, 0].tolist(), [g == "entailment" for g in gold])
        return m
    m = classification_metrics(gold, pred, list(LABELS))
    m["ece"] = expected_calibration_error(probs.max(axis=1).tolist() if len(gold) else [], [g == p for g, p in zip(gold, pred)])
    return m


def swap_metrics(gold: list[str], probs: np.ndarray, swaps: list[str]) -> dict:
    """Per swap kind (pairs without one left out): the share predicted their gold label, and predicted counts."""
    pred = [LABELS[i] for i in np.argmax(probs, axis=1)] if len(gold) else []
    kinds = list(dict.fromkeys(s for s in swaps if s))
    rows = {k: [(g, p) for g, p, s in zip(gold, pred, swaps) if s == k] for k in kinds}
    return {
        "recall_by_swap": {k: sum(g == p for g, p in r) / len(r) for k, r in rows.items()},
        "predicted_by_swap": {k: {lab: sum(p == lab for _, p in r) for lab in LABELS} for k, r in rows.items()},
    }
