"""`eval verify`: claim verification with retrieval (the pipeline's verify_texts) on three benchmarks.

- climate-fever: held-out claims (claim_id % 5 == 0, DISPUTED left out, 268) searched in the pooled
  evidence sentences of all held-out claims (1,310 sentences; Wikipedia titles).
  (With --limit, the pooled corpora shrink too: see corpora.pooled_docs.)
- scifact: dev claims (claims_validation.csv, 300) searched in the 5,183-abstract corpus; a claim
  without evidence is not_enough_info. (With --limit: a smaller corpus, see corpora.scifact_docs.)
- covid-fact: test claims (RTE-covidfact_test.tsv matched to COVIDFACT_dataset.jsonl, 402) searched
  in their pooled evidence sentences. The set has no not_enough_info class: such a verdict is an error.

Metrics are claim-level: accuracy, macro-F1 over the set's gold labels, per-label precision/recall,
contradiction recall, balanced accuracy, a confusion matrix (rows gold, columns predicted, all
three verdicts), expected calibration error of the verdict score, and the always-majority
baseline on the same claims.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED, VERDICTS
from . import readers
from .base import EvalContext, SplitOutcome, SplitSpec
from .corpora import pooled_docs, scifact_docs, write_corpus
from .metrics import classification_metrics, expected_calibration_error, macro_f1

BATCH = 32  # claims per verify_texts call (one progress step)


class VerifyEvaluator:
    name = "verify"
    primary_metric = "macro_f1"
    specs = (
        SplitSpec("climate-fever", "climate-fever", "climate-fever.jsonl"),
        SplitSpec("scifact", "scifact", "scifact.zip"),
        SplitSpec("covid-fact", "covid-fact", "RTE-covidfact_test.tsv"),
    )
    default_splits = ("climate-fever", "scifact", "covid-fact")
    accepts_file = False

    def evaluate(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        claims, docs, labels, note = _load(split, path, ctx)
        corpus = write_corpus(docs, ctx.work_dir(), split)
        pipe = ctx.pipeline(str(corpus))
        index = ctx.open_index(pipe, corpus)  # build it now, with its own progress bar; pipe.retriever reuses it
        getattr(index, "close", lambda: None)()
        judgements = []
        with ctx.bar(len(claims), f"verify {split}") as advance:
            for i in range(0, len(claims), BATCH):
                part = claims[i : i + BATCH]
                judgements.extend(pipe.verify_texts([c.claim for c in part]))
                advance(len(part))
        gold = [c.label for c in claims]
        metrics = verdict_metrics(gold, [j.verdict for j in judgements], [j.score for j in judgements], labels)
        config = {"top_k": ctx.top_k, "corpus": note, "corpus_docs": len(docs), "labels": list(labels)}
        return SplitOutcome(len(claims), metrics, config)


def _load(split: str, path: Path, ctx: EvalContext):
    if split == "climate-fever":
        every, docs = readers.climate_fever_heldout(path)
        claims = ctx.take(every)
        docs, note = pooled_docs(docs, claims, len(claims) < len(every), "pooled evidence sentences of the held-out claims")
        return claims, docs, VERDICTS, note
    if split == "scifact":
        every = readers.scifact_claims(path, "dev")
        claims = ctx.take(every)
        docs, note = scifact_docs(readers.scifact_corpus(path), claims, limited=len(claims) < len(every))
        return claims, docs, VERDICTS, note
    if split == "covid-fact":
        every, docs, unmatched = readers.covid_fact_test(path)
        claims = ctx.take(every)
        docs, note = pooled_docs(docs, claims, len(claims) < len(every), "pooled evidence sentences of the test claims")
        return claims, docs, (SUPPORTED, CONTRADICTED), f"{note}; {unmatched} malformed test rows skipped"
    raise ValueError(split)


def verdict_metrics(gold: list[str], pred: list[str], scores: list[float], labels=VERDICTS) -> dict:
    """Claim-level metrics; `labels` are the gold labels the set uses (macro-F1 averages over them)."""
    m = classification_metrics(gold, pred, list(labels), matrix_labels=list(VERDICTS))
    m["contradiction_recall"] = m["per_label"][CONTRADICTED]["recall"] if CONTRADICTED in labels else None
    m["ece"] = expected_calibration_error(scores, [g == p for g, p in zip(gold, pred)])
    m["predicted"] = {v: sum(1 for p in pred if p == v) for v in VERDICTS}
    majority = Counter(gold).most_common(1)[0][0] if gold else NOT_ENOUGH_INFO
    m["majority_label"] = majority
    m["majority_accuracy"] = sum(g == majority for g in gold) / len(gold) if gold else 0.0
    m["majority_macro_f1"] = macro_f1(gold, [majority] * len(gold), list(labels))
    return m
