"""`eval summarize`: the profile's summarizer on FRANK's articles, against their reference summaries.

Sets: cnndm (250 CNN/DM test articles, reference = `pgn_reference`, split at " . ") and xsum (251
BBC articles, reference = `Gold`), in file-name order (claimcheck.research.evaluate.articles.load_frank).
ROUGE-1/2/L/Lsum F1 x100 from the rouge-score package with stemming; rougeLsum joins sentences
with newlines (the CNN/DM convention; XSum summaries are one sentence, so Lsum ~ L there).
Each summary sentence is also checked against its article, as the pipeline does: flagged_share is
the share of summary sentences flagged unsupported or contradicted. Redundancy counts the summary sentence
pairs whose cosine under the profile's embedder is >= 0.8 (claimcheck.research.evaluate.metrics.redundancy).
"""
from __future__ import annotations

from pathlib import Path

from ...datasets import frank
from ...core.types import FLAG_CONTRADICTED, FLAG_OK, FLAG_UNSUPPORTED
from .base import EvalContext, SplitOutcome, SplitSpec
from .metrics import REDUNDANT_COSINE, redundancy, rouge

BATCH = 8


class SummarizeEvaluator:
    name = "summarize"
    primary_metric = "rougeLsum"
    specs = (
        SplitSpec("cnndm", frank.FOLDER, frank.ARTICLES.name),
        SplitSpec("xsum", frank.FOLDER, frank.ARTICLES.name),
    )
    default_splits = ("cnndm", "xsum")
    accepts_file = False

    def evaluate(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        from .articles import load_frank

        examples = load_frank(path, split, ctx.limit)
        pipe = ctx.pipeline()
        predictions: list[list[str]] = []
        flags: list[str] = []
        with ctx.bar(len(examples), f"summarize {split}") as advance:
            for i in range(0, len(examples), BATCH):
                part = examples[i : i + BATCH]
                drafts = pipe.summarizer.summarize_many([e.article for e in part])
                for e, d in zip(part, drafts):
                    sents = [s for s in d.sentences if s.strip()] or [d.text]
                    predictions.append(sents)
                    flags.extend(f for f, _ in pipe.check_against_article(e.article, sents))
                advance(len(part))
        metrics = rouge(predictions, [list(e.reference) for e in examples])
        metrics.update(redundancy([pipe.embedder.encode(p) for p in predictions]))
        n_sent = max(1, len(flags))
        metrics["flagged_share"] = sum(f != FLAG_OK for f in flags) / n_sent
        metrics["unsupported_share"] = sum(f == FLAG_UNSUPPORTED for f in flags) / n_sent
        metrics["contradicted_share"] = sum(f == FLAG_CONTRADICTED for f in flags) / n_sent
        metrics["summary_sentences"] = len(flags) / max(1, len(examples))
        reference = "pgn_reference" if split == "cnndm" else "Gold"
        return SplitOutcome(len(examples), metrics, {"reference": reference, "rouge": "rouge-score, use_stemmer=True",
                                                  "redundant": f"cosine >= {REDUNDANT_COSINE}"})
