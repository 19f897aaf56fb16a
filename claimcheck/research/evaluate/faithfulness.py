"""`eval faithfulness`: the pipeline's summary-sentence checker against human judgements.

- qags-cnndm / qags-xsum: QAGS sentences (714 / 239), consistent when most of the 3 workers said
  yes. Predicted consistent = flag "ok". Metrics: balanced accuracy (primary), accuracy, ROC-AUC of
  the support probability, and the share of sentences the checker flags. --limit counts articles.
- frank: FRANK test-split summaries (1,575; 875 CNN/DM + 700 BBC), human `Factuality` (share of
  sentences without error) against our summary score = mean support probability over its sentences
  (also: the share of sentences flagged ok). Pearson and Spearman; --limit counts summaries.
Articles are split with the rule splitter claimcheck.text.sentences.split_scraped, so figures do not
move when the pipeline's segmenter changes. The checker is Pipeline.check_against_article.
"""
from __future__ import annotations

from pathlib import Path

from ...datasets import frank, qags
from ...datasets.records import LabelledSummary
from ...core.types import FLAG_OK
from .base import EvalContext, SplitOutcome, SplitSpec
from .metrics import accuracy, balanced_accuracy, pearson, roc_auc, spearman


class FaithfulnessEvaluator:
    name = "faithfulness"
    primary_metric = "balanced_accuracy"  # QAGS; FRANK's is spearman
    specs = (
        SplitSpec("qags-cnndm", qags.FOLDER, qags.file_name("cnndm")),
        SplitSpec("qags-xsum", qags.FOLDER, qags.file_name("xsum")),
        SplitSpec("frank", frank.FOLDER, frank.ANNOTATIONS),
    )
    default_splits = ("qags-cnndm", "qags-xsum", "frank")
    accepts_file = False

    def evaluate(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        if split == "frank":
            items = ctx.take(frank.annotations(path, "test"))
        else:
            items = ctx.take(qags.summaries(path, split.split("-", 1)[1]))
        checked = check_summaries(items, ctx, split)
        if split == "frank":
            return SplitOutcome(len(items), frank_metrics(items, checked), {"split": "test", "score": "mean support probability"},
                                primary_metric="spearman")
        metrics = qags_metrics(items, checked)
        return SplitOutcome(int(metrics.pop("n_sentences")), metrics, {"articles": len(items), "label": "majority of 3 workers"})


def check_summaries(items: list[LabelledSummary], ctx: EvalContext, split: str) -> list[list[tuple[str, float]]]:
    """(flag, support probability) per sentence of each item; one checker call per article."""
    from .articles import article_from_text

    pipe = ctx.pipeline()
    by_article: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        by_article.setdefault(it.article_id, []).append(i)
    out: list[list[tuple[str, float]]] = [[] for _ in items]
    with ctx.bar(len(items), f"faithfulness {split}") as advance:
        for article_id, idx in by_article.items():
            article = article_from_text(items[idx[0]].article, article_id)
            sents = [s for i in idx for s in items[i].sentences]
            results = pipe.check_against_article(article, sents) if sents else []
            pos = 0
            for i in idx:
                k = len(items[i].sentences)
                out[i] = [(f, float(p)) for f, p in results[pos : pos + k]]
                pos += k
            advance(len(idx))
    return out


def qags_metrics(items: list[LabelledSummary], checked: list[list[tuple[str, float]]]) -> dict:
    gold = [c for it in items for c in it.consistent]
    flags = [f for row in checked for f, _ in row]
    probs = [p for row in checked for _, p in row]
    pred = [f == FLAG_OK for f in flags]
    bacc = balanced_accuracy(gold, pred)
    return {
        "balanced_accuracy": bacc,
        "accuracy": accuracy(gold, pred),
        "roc_auc": roc_auc(probs, gold),
        "flagged_share": sum(not p for p in pred) / max(1, len(pred)),
        "consistent_share": sum(gold) / max(1, len(gold)),
        "n_sentences": len(gold),
    }


def frank_metrics(items: list[LabelledSummary], checked: list[list[tuple[str, float]]]) -> dict:
    human = [float(it.factuality) for it in items]
    mean_prob = [sum(p for _, p in row) / len(row) if row else 0.0 for row in checked]
    ok_share = [sum(f == FLAG_OK for f, _ in row) / len(row) if row else 0.0 for row in checked]
    out = {
        "spearman": spearman(mean_prob, human),
        "pearson": pearson(mean_prob, human),
        "spearman_ok_share": spearman(ok_share, human),
        "pearson_ok_share": pearson(ok_share, human),
        "flagged_share": 1 - sum(ok_share) / max(1, len(ok_share)),
    }
    # The pooled figure rewards telling CNN/DM (mostly faithful) from BBC (mostly not) summaries apart;
    # the per-dataset figures are the ones that say whether the checker ranks summaries within a dataset.
    groups: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        groups.setdefault(it.system.split(":", 1)[0] or "all", []).append(i)
    if len(groups) > 1:
        for name, rows in sorted(groups.items()):
            if len(rows) > 2:
                out[f"spearman_{name}"] = spearman([mean_prob[i] for i in rows], [human[i] for i in rows])
                out[f"pearson_{name}"] = pearson([mean_prob[i] for i in rows], [human[i] for i in rows])
    return out
