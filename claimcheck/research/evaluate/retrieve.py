"""`eval retrieve`: SciFact dev claims against the abstract corpus, BEIR style; the one retrieval figure.

Each claim is a query, searched as the pipeline searches it: the profile's [retrieval] settings, its
`candidates` per list (dense and BM25, 100 by default) fused, and the fused top `candidates` passages
collapsed to abstracts, each ranking where its best passage does (`abstract_rankings`). The index
benchmark (claimcheck.research.bench.index.quality_bench, `claimcheck bench --index`) ranks through the same
function, so both report one figure. Relevant = the abstracts the claim cites (all 300 claims; BEIR's
SciFact qrels), and, as a second view, the abstracts holding its gold evidence (the 188 claims that
have some; keys prefixed "evidence_"). Metrics: recall@5/10/100, nDCG@10, MRR@10; recall@100 counts
the abstracts among those fused passages (at most `candidates` abstracts: what the pipeline can see).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from ...datasets import scifact
from .base import EvalContext, SplitOutcome, SplitSpec
from .corpora import scifact_docs, write_corpus
from .metrics import ranking_metrics

DEPTH = 100  # at most this many abstracts ranked per claim
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
        retriever = ctx.open_index(ctx.pipeline(str(corpus)), corpus)  # the profile's settings, unchanged
        with ctx.bar(len(claims), "retrieve scifact") as advance:
            rankings = abstract_rankings(retriever, [c.claim for c in claims], advance)
        metrics = ranking_metrics(rankings, [set(c.cited_docs) for c in claims])
        evidence = ranking_metrics(rankings, [set(c.evidence_docs) for c in claims])
        metrics.update({f"evidence_{k}": v for k, v in evidence.items()})
        metrics["n_evidence_queries"] = sum(1 for c in claims if c.evidence_docs)
        config = {"corpus": note, "corpus_docs": len(docs), "depth": DEPTH, "relevant": "cited abstracts (BEIR qrels)",
                  "candidates_per_list": passages_per_query(retriever)}
        return SplitOutcome(len(claims), metrics, config)


def passages_per_query(retriever: Any) -> int:
    """The retriever's candidates per list (the profile's), which is also how many fused passages are ranked."""
    return int(getattr(getattr(retriever, "config", None), "candidates", DEPTH))


def abstract_rankings(retriever: Any, queries: Sequence[str], advance: Callable[[int], None] = lambda n: None) -> list[list[str]]:
    """Per query, the documents of its fused top `candidates` passages, in order of their best passage.

    Fetching no more passages than the retriever's candidates per list keeps its settings as the
    pipeline uses them (asking for more would widen both lists and change the fusion).
    """
    top_k = passages_per_query(retriever)
    rankings: list[list[str]] = []
    for i in range(0, len(queries), BATCH):
        part = list(queries[i : i + BATCH])
        for hits in retriever.search_batch(part, top_k):
            rankings.append(doc_ranking([h.passage.doc_id for h in hits], DEPTH))
        advance(len(part))
    return rankings


def doc_ranking(doc_ids: list[str], depth: int) -> list[str]:
    """Passage hits -> distinct documents in order of their best passage, at most `depth`."""
    return list(dict.fromkeys(doc_ids))[:depth]
