"""Results as tables: a rich table for the console and a Markdown table beside published reference points.

REFERENCES holds the reference points with their sources. Most are NOT the same metric, split or
subset as ours; each says how it differs, and the table prints that note with the number.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .base import EvalResult


@dataclass(frozen=True)
class Reference:
    system: str
    value: str  # as published, with its metric
    source: str
    note: str = ""  # how it differs from our figure

    def render(self) -> str:
        text = f"{self.system}: {self.value} ({self.source}"
        return text + (f"; {self.note})" if self.note else ")")


_MEASURED = "DESIGN.md, measured on this data"
REFERENCES: dict[tuple[str, str], tuple[Reference, ...]] = {
    ("nli", "sick-test"): (
        Reference("MiniLM-L6 cross-encoder, 1.4 epochs on ~16k pairs", "accuracy 0.81", _MEASURED),),
    ("nli", "mnli-dev-m"): (
        Reference("BERT-base", "accuracy 0.846", "Devlin et al. 2019, Table 1", "GLUE test set, not dev"),),
    ("nli", "mnli-dev-mm"): (
        Reference("BERT-base", "accuracy 0.834", "Devlin et al. 2019, Table 1", "GLUE test set, not dev"),),
    ("nli", "rte-dev"): (
        Reference("BERT-base", "accuracy 0.664", "Devlin et al. 2019, Table 1", "GLUE test set; ours is a re-split dev"),),
    **{("nli", f"anli-dev-r{k}"): (Reference("chance", "accuracy 0.333", "3 balanced classes"),) for k in (1, 2, 3)},
    ("verify", "climate-fever"): (
        Reference("always SUPPORTS", "accuracy 0.49 / macro-F1 0.22", _MEASURED + " (268 held-out claims)"),
        Reference("FEVER-trained entailment model", "accuracy 0.388", "Diggelmann et al. 2020, CLIMATE-FEVER",
                  "all 1,535 claims, not our held-out fifth"),
    ),
    ("verify", "scifact"): (
        Reference("always SUPPORT", "accuracy 0.41", _MEASURED + " (300 dev claims)"),
        Reference("VerT5erini", "64.9 F1", "Pradeep et al. 2021", "abstract-level label-only F1, not claim-level macro-F1"),
        Reference("MultiVerS", "72.5 F1", "Wadden et al. 2022", "abstract-level label-only F1, not claim-level macro-F1"),
    ),
    ("verify", "covid-fact"): (
        Reference("always REFUTED", "accuracy 0.677 / macro-F1 0.404", "computed on the 402 test claims"),),
    ("retrieve", "scifact"): (
        Reference("BM25 (Elasticsearch)", "nDCG@10 0.665", "BEIR, Thakur et al. 2021"),
        Reference("bm25s BM25", "nDCG@10 0.686", _MEASURED),
        Reference("RRF of BM25 + MiniLM", "nDCG@10 0.713-0.718", _MEASURED),
    ),
    ("summarize", "cnndm"): (
        Reference("lead-3", "R1/R2/RLsum 41.30/18.70/37.61", _MEASURED + " (these 250 articles)"),
        Reference("lead-3, our sentence splitter", "R1/R2/RLsum 41.39/18.94/37.62", "measured with claimcheck (these 250 articles)"),
        Reference("bart-large-cnn", "R1/R2/RL 44.06/21.07/30.62", "facebook/bart-large-cnn model card",
                  "full CNN/DM test set, ROUGE-L not Lsum"),
    ),
    ("summarize", "xsum"): (
        Reference("lead-1", "R1/R2/RL 14.19/1.51/10.34", _MEASURED + " (these 251 articles)"),
        Reference("lead-1, our sentence splitter", "R1/R2/RL 16.24/1.70/11.94", "measured with claimcheck (these 251 articles)"),
        Reference("embedding-centroid top-1", "R1/R2/RL 18.30/2.64/13.03", _MEASURED),
    ),
    ("claims", "claims-gold"): (
        Reference("goal", "coverage >= 0.9, precision >= 0.85", "issue 12", "a target, not a measured system"),),
    **{("faithfulness", s): (
        Reference("AlignScore-large", "88.6", "Zha et al. 2023, SummaC benchmark, as quoted in DESIGN.md",
                  "another benchmark and metric, not comparable"),
        Reference("SummaC-ZS", "79.0", "Laban et al. 2022, as quoted in DESIGN.md", "another benchmark and metric, not comparable"),
    ) for s in ("qags-cnndm", "qags-xsum", "frank")},
}

HEADLINE: dict[str, tuple[str, ...]] = {
    "nli": ("accuracy", "macro_f1", "roc_auc", "ece"),
    "verify": ("accuracy", "macro_f1", "contradiction_recall", "ece", "majority_macro_f1"),
    "retrieve": ("ndcg@10", "recall@5", "recall@10", "recall@100", "mrr@10", "evidence_ndcg@10"),
    "summarize": ("rouge1", "rouge2", "rougeL", "rougeLsum", "flagged_share"),
    "faithfulness": ("balanced_accuracy", "roc_auc", "spearman", "pearson", "spearman_cnndm", "spearman_bbc", "flagged_share"),
    "claims": ("coverage", "precision", "f1@0.70", "f1@0.80", "not_self_contained_share", "claim_words_median",
               "gold_words_median", "checkworthy_claims", "gold_facts", "seconds_per_article"),
}


def fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}" if abs(value) >= 1.5 else f"{value:.3f}"


def headline(result: EvalResult) -> str:
    """Key metrics other than the primary one, as 'name value' pairs."""
    names = HEADLINE.get(result.task) or tuple(k for k, v in result.metrics.items() if isinstance(v, (int, float)))
    parts = [f"{k} {fmt(result.metrics[k])}" for k in names if k in result.metrics and k != result.primary_metric]
    return ", ".join(parts)


def set_label(result: EvalResult) -> str:
    label = result.split
    if result.config.get("limit") is not None:
        label += f" (limit {result.config['limit']})"
    return label


def references(result: EvalResult) -> str:
    refs = REFERENCES.get((result.task, result.split), ())
    return "; ".join(r.render() for r in refs) or "-"


def _rows(results: Sequence[EvalResult]) -> list[EvalResult]:
    return [leaf for r in results for leaf in r.leaves()]


def markdown_report(results: Sequence[EvalResult]) -> str:
    """A Markdown results table, one row per evaluated set, each beside its reference points."""
    rows = _rows(results)
    lines = [
        "| task | set | n | primary metric | ours | other metrics | reference points |",
        "|---|---|---:|---|---:|---|---|",
    ]
    for r in rows:
        cells = [r.task, set_label(r), str(r.n), r.primary_metric, fmt(r.primary_value), headline(r), references(r)]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    notes = _notes(rows)
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def _notes(rows: Sequence[EvalResult]) -> list[str]:
    out = []
    models = {tuple(sorted(r.models.items())) for r in rows}
    devices = sorted({r.device for r in rows})
    if len(models) == 1 and rows:
        out.append("Models: " + ", ".join(f"{k} = {v}" for k, v in rows[0].models.items()) + f". Device: {', '.join(devices)}.")
    else:
        out.append("Results come from different model sets; see each result file's `models`.")
    for r in rows:
        note = r.config.get("corpus")
        if note and "not comparable" in str(note):
            out.append(f"- {r.task} {r.split}: {note}.")
    if any(r.config.get("limit") is not None for r in rows):
        out.append("- (limit N): the first N items in file order only; a smoke run, not a benchmark figure.")
    return out


def rich_table(results: Sequence[EvalResult], title: str = "claimcheck eval"):
    """The console table (rich), one row per evaluated set."""
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for name, kw in (("task", {}), ("set", {}), ("n", {"justify": "right"}), ("primary", {}),
                     ("ours", {"justify": "right", "style": "bold"}), ("other metrics", {}), ("seconds", {"justify": "right"})):
        table.add_column(name, **kw)
    for r in _rows(results):
        table.add_row(r.task, set_label(r), str(r.n), r.primary_metric, fmt(r.primary_value), headline(r), f"{r.seconds:.1f}")
    return table
