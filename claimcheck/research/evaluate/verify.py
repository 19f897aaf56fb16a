"""`eval verify`: claim verification with retrieval (the pipeline's verify_texts) on three benchmarks.

- climate-fever: held-out claims (claim_id % 5 == 0, DISPUTED left out, 268) searched in the pooled
  evidence sentences of all held-out claims (1,310 sentences; Wikipedia titles).
  (With --limit, the pooled corpora shrink too: see corpora.pooled_docs.)
- scifact: dev claims (claims_validation.csv, 300) searched in the 5,183-abstract corpus; a claim
  without evidence is not_enough_info. (With --limit: a smaller corpus, see corpora.scifact_docs.)
- covid-fact: test claims (RTE-covidfact_test.tsv matched to COVIDFACT_dataset.jsonl, 402) searched
  in their pooled evidence sentences. The set has no not_enough_info class: such a verdict is an error.

A folder of labelled claims (claims.jsonl + corpus.jsonl; the set `newsdev`, seeds/newsdev, or any
user folder in that layout, named by its folder; claimcheck.datasets.newsdev.claims_folder) is found where --dataset
points: its claims are searched in its corpus.jsonl as it is (no pooling; --limit shortens only the
claims). Its metrics add, from each claim's `kind` (see seeds/newsdev/README.md):
contradicted_precision, contradicted_recall_perturbed, recall_by_perturbation, supported_rate_true,
other_detail_decided (lower is better), other_detail_contradicted and a by_kind table of predicted
verdicts (claim_kind_metrics); shares over no claims are null.

An NLI pairs file ({"premise","hypothesis","label"} lines, e.g. seeds/newsdev/swaps.jsonl; named by
its stem) may be --dataset too (claimcheck.datasets.newsdev.pairs_claims): each distinct premise becomes one document
(p1, p2, ...) of a corpus written to the work dir, each hypothesis a claim (entailment -> supported,
kind true; contradiction -> contradicted, kind perturbed, perturbation = its "swap"; neutral ->
not_enough_info, kind other_detail), verified against that corpus like a claims folder's (every
premise stays in the corpus under --limit), with the same kind metrics.

Metrics are claim-level: accuracy, macro-F1 over the set's gold labels, per-label precision/recall,
contradiction recall, balanced accuracy, a confusion matrix (rows gold, columns predicted, all
three verdicts), expected calibration error of the verdict score, and the always-majority
baseline on the same claims.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ...datasets import climate_fever, covid_fact, newsdev, scifact
from ...core.types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED, VERDICTS
from .base import EvalContext, SplitOutcome, SplitSpec
from .corpora import pooled_docs, scifact_docs, write_corpus
from .metrics import classification_metrics, expected_calibration_error, macro_f1

BATCH = 32  # claims per verify_texts call (one progress step)
BENCHMARKS = ("climate-fever", "scifact", "covid-fact")
KIND_ORDER = ("true", "perturbed", "other_detail", "absent", "other_edition", "edition_value")


class VerifyEvaluator:
    name = "verify"
    primary_metric = "macro_f1"
    specs = (
        SplitSpec("climate-fever", climate_fever.FOLDER, climate_fever.FILE.name),
        SplitSpec("scifact", scifact.FOLDER, scifact.ZIP.name),
        SplitSpec("covid-fact", covid_fact.FOLDER, covid_fact.TEST),
        SplitSpec("newsdev", "newsdev", newsdev.CLAIMS, user_layout=True),
    )
    default_splits = BENCHMARKS
    accepts_file = True  # an NLI pairs file (see the module docstring)

    def evaluate(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        if path.is_file():
            return self._pairs_file(split, path, ctx)
        if split not in BENCHMARKS:
            return self._claims_folder(split, path, ctx)
        claims, docs, labels, note = _load(split, path, ctx)
        corpus = write_corpus(docs, ctx.work_dir(), split)
        judgements = _verify_all(ctx, split, corpus, claims)
        gold = [c.label for c in claims]
        metrics = verdict_metrics(gold, [j.verdict for j in judgements], [j.score for j in judgements], labels)
        config = {"top_k": ctx.top_k, "corpus": note, "corpus_docs": len(docs), "labels": list(labels)}
        return SplitOutcome(len(claims), metrics, config)

    def _claims_folder(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        every, corpus, n_docs = newsdev.claims_folder(path)
        return self._score(split, every, corpus, n_docs, f"{corpus.name} as it is", ctx)

    def _pairs_file(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        every, docs = newsdev.pairs_claims(path)
        corpus = write_corpus(docs, ctx.work_dir(), split)
        return self._score(split, every, corpus, len(docs), f"one document per distinct premise of {path.name}", ctx)

    def _score(self, split: str, every: list, corpus: Path, n_docs: int, what: str, ctx: EvalContext) -> SplitOutcome:
        """Verify the (--limit) claims against the whole corpus; verdict and kind metrics."""
        labels = tuple(v for v in VERDICTS if any(c.label == v for c in every))  # the set's own, not the --limit subset's
        claims = ctx.take(every)
        judgements = _verify_all(ctx, split, corpus, claims)
        metrics = _claims_metrics(claims, judgements, labels)
        parts = sorted({c.split or "dev" for c in claims})
        if "heldout" in parts:  # tuned-on and held-out claims apart, each with every figure above
            metrics["splits"] = {
                part: _claims_metrics([c for c in claims if (c.split or "dev") == part],
                                      [j for c, j in zip(claims, judgements) if (c.split or "dev") == part], labels)
                for part in parts}
        note = f"{what} ({n_docs} documents)"
        config = {"top_k": ctx.top_k, "corpus": note, "corpus_docs": n_docs, "labels": list(labels)}
        return SplitOutcome(len(claims), metrics, config, primary_metric="macro_f1")


def _claims_metrics(claims: list, judgements: list, labels) -> dict:
    """verdict_metrics and claim_kind_metrics of labelled claims and their judgements."""
    gold, pred = [c.label for c in claims], [j.verdict for j in judgements]
    metrics = verdict_metrics(gold, pred, [j.score for j in judgements], labels)
    metrics.update(claim_kind_metrics(gold, pred, [c.kind for c in claims], [c.perturbation for c in claims],
                                      [j.attention for j in judgements]))
    return metrics


def _verify_all(ctx: EvalContext, split: str, corpus: Path, claims: list) -> list:
    pipe = ctx.pipeline(str(corpus))
    index = ctx.open_index(pipe, corpus)  # build it now, with its own progress bar; pipe.retriever reuses it
    getattr(index, "close", lambda: None)()
    judgements = []
    batches = [([c.claim for c in claims[i : i + BATCH]],) for i in range(0, len(claims), BATCH)]
    with ctx.bar(len(claims), f"verify {split}") as advance:
        for part in ctx.map_batches("verify_texts", batches, corpus=str(corpus)):
            judgements.extend(part)
            advance(len(part))
    return judgements


def _load(split: str, path: Path, ctx: EvalContext):
    if split == "climate-fever":
        every, docs = climate_fever.heldout(path)
        claims = ctx.take(every)
        docs, note = pooled_docs(docs, claims, len(claims) < len(every), "pooled evidence sentences of the held-out claims")
        return claims, docs, VERDICTS, note
    if split == "scifact":
        every = scifact.claims(path, "dev")
        claims = ctx.take(every)
        docs, note = scifact_docs(scifact.corpus(path), claims, limited=len(claims) < len(every))
        return claims, docs, VERDICTS, note
    if split == "covid-fact":
        every, docs, unmatched = covid_fact.test(path)
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


def claim_kind_metrics(gold: list[str], pred: list[str], kinds: list[str], perturbations: list[str],
                       attention: list[str] | None = None) -> dict:
    """Metrics of a claims folder read by each claim's kind (true / perturbed / other_detail / absent).

    contradicted_precision: of the claims predicted contradicted, the share whose gold is contradicted;
    contradicted_recall_perturbed: share of perturbed claims predicted contradicted, and the same per
    perturbation (recall_by_perturbation); supported_rate_true: share of true claims predicted
    supported; other_detail_decided: share of other_detail claims predicted supported or contradicted
    (they must stay not_enough_info: lower is better), other_detail_contradicted: those predicted
    contradicted; by_kind: kind -> predicted verdict counts. A share over no claims is None.
    With `attention` (each judgement's, "" or "possible_conflict"): possible_conflicts (count), and
    flagged_precision / flagged_recall_perturbed: the same as the contradicted figures with a claim counted as
    flagged when it is contradicted or a possible conflict (what an editor is pointed at).
    Recurring events: other_edition_supported (a claim true only for another edition called supported; lower
    is better), other_edition_decided, edition_value_contradicted (a value right for its edition contradicted
    by another edition's; lower is better) and edition_value_supported_rate (of those whose label is supported).
    """
    if not len(gold) == len(pred) == len(kinds) == len(perturbations):
        raise ValueError(f"length mismatch: {len(gold)}, {len(pred)}, {len(kinds)}, {len(perturbations)}")

    def share(rows: list[str], wanted: tuple[str, ...]) -> float | None:
        return sum(p in wanted for p in rows) / len(rows) if rows else None

    def of_kind(kind: str) -> list[str]:
        return [p for p, k in zip(pred, kinds) if k == kind]

    attention = attention if attention is not None else [""] * len(pred)
    flagged = [p == CONTRADICTED or bool(a) for p, a in zip(pred, attention)]
    said_contradicted = [g for g, p in zip(gold, pred) if p == CONTRADICTED]
    perturbed = [(p, x) for p, k, x in zip(pred, kinds, perturbations) if k == "perturbed"]
    names = [x for x in newsdev.PERTURBATIONS if any(x == y for _, y in perturbed)]
    names += sorted({y for _, y in perturbed if y and y not in newsdev.PERTURBATIONS})
    present = [k for k in KIND_ORDER if k in kinds] + sorted({k for k in kinds if k and k not in KIND_ORDER})
    return {
        "contradicted_precision": share(said_contradicted, (CONTRADICTED,)),
        "contradicted_recall_perturbed": share([p for p, _ in perturbed], (CONTRADICTED,)),
        "recall_by_perturbation": {x: share([p for p, y in perturbed if y == x], (CONTRADICTED,)) for x in names},
        "supported_rate_true": share(of_kind("true"), (SUPPORTED,)),
        "other_detail_decided": share(of_kind("other_detail"), (SUPPORTED, CONTRADICTED)),
        "other_detail_contradicted": share(of_kind("other_detail"), (CONTRADICTED,)),
        "possible_conflicts": sum(bool(a) for a in attention),
        "flagged_precision": share([g for g, f in zip(gold, flagged) if f], (CONTRADICTED,)),
        "flagged_recall_perturbed": share([f for f, k in zip(flagged, kinds) if k == "perturbed"], (True,)),
        "other_edition_supported": share(of_kind("other_edition"), (SUPPORTED,)),
        "other_edition_decided": share(of_kind("other_edition"), (SUPPORTED, CONTRADICTED)),
        "edition_value_contradicted": share(of_kind("edition_value"), (CONTRADICTED,)),
        "edition_value_supported_rate": share([p for p, g, k in zip(pred, gold, kinds) if k == "edition_value" and g == SUPPORTED],
                                              (SUPPORTED,)),
        "by_kind": {k: {v: sum(p == v for p in of_kind(k)) for v in VERDICTS} for k in present},
    }
