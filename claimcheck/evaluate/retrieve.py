"""`eval retrieve`: SciFact dev claims against the abstract corpus, BEIR style.

Each claim is a query; the profile's retriever ranks passages, and an abstract ranks where its best
passage does. Relevant = the abstracts the claim cites (all 300 claims; BEIR's SciFact qrels), and,
as a second view, the abstracts holding its gold evidence (the 188 claims that have some; keys
prefixed "evidence_"). Metrics: recall@5/10/100, nDCG@10, MRR@10.
"""
from __future__ import annotations

from pathlib import Path

from ..datasets import scifact
from .base import EvalContext, SplitOutcome, SplitSpec
from .corpora import scifact_docs, write_corpus
from .metrics import ranking_metrics

DEPTH = 100  # abstracts ranked per claim
PASSAGE_DEPTH = 1000  # passages fetched (and candidates per list) to fill DEPTH distinct abstracts
BATCH = 64


class RetrieveEvaluator:
    name = "retrieve"
    primary_metric = "ndcg@10"
    specs = (SplitSpec("scifact", scifact.FOLDER, scifact.ZIP.name),)
    default_splits = ("scifact",)
    accepts_file = False

    def evaluate(self, split: str, path: Path, ctx: EvalContext) -> SplitOutcome:
        every = scifact.claims(path, "dev")
        claims = ctx.take(every)
        docs, note = scifact_docs(scifact.corpus(path), claims, limited=len(claims) < len(every))
        corpus = write_corpus(docs, ctx.work_dir(), "scifact")  # same file (and index) as verify's
        # enough candidates per list (dense and BM25) to rank DEPTH distinct abstracts
        retriever = ctx.open_index(ctx.pipeline(str(corpus)), corpus, candidates=PASSAGE_DEPTH)
        rankings: list[list[str]] = []
        with ctx.bar(len(claims), "retrieve scifact") as advance:
            for i in range(0, len(claims), BATCH):
                part = claims[i : i + BATCH]
                for hits in retriever.search_batch([c.claim for c in part], PASSAGE_DEPTH):
                    rankings.append(doc_ranking([h.passage.doc_id for h in hits], DEPTH))
                advance(len(part))
        metrics = ranking_metrics(rankings, [set(c.cited_docs) for c in claims])
        evidence = ranking_metrics(rankings, [set(c.evidence_docs) for c in claims])
        metrics.update({f"evidence_{k}": v for k, v in evidence.items()})
        metrics["n_evidence_queries"] = sum(1 for c in claims if c.evidence_docs)
        config = {"corpus": note, "corpus_docs": len(docs), "depth": DEPTH, "relevant": "cited abstracts (BEIR qrels)"}
        return SplitOutcome(len(claims), metrics, config)


def doc_ranking(doc_ids: list[str], depth: int) -> list[str]:
    """Passage hits -> distinct documents in order of their best passage, at most `depth`."""
    return list(dict.fromkeys(doc_ids))[:depth]

