"""The real offline pipeline: checking articles in one batch gives each the report it gets alone."""
from __future__ import annotations

import pytest

from claimcheck.pipeline import ArticleInput, Pipeline

from conftest import REPO, SEED_ARTICLE, needs_shared


def _essence(report):
    d = report.to_dict()
    return (
        [(c["text"], c["verdict"], [e["passage_id"] for e in c["evidence"]]) for c in d["claims"]],
        [(s["text"], s["flag"]) for s in d["summary"]["sentences"]],
    )


def _scores(report):
    return [c.judgement.score for c in report.claims] + [report.risk.score]


@needs_shared
def test_check_many_equals_one_by_one():
    pipe = Pipeline.create("offline", "cpu", corpus=str(REPO / "seeds" / "corpus.jsonl"))
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), (REPO / "seeds" / "article.md").read_text(encoding="utf-8")]
    names = ["seed.txt", "article.md"]
    alone = [pipe.check(t, name=n) for t, n in zip(texts, names)]
    batch = pipe.check_many([ArticleInput(t, n) for t, n in zip(texts, names)])
    assert [r.article.id for r in batch] == ["seed", "article"]
    for a, b in zip(alone, batch):
        assert _essence(a) == _essence(b)
        assert _scores(a) == pytest.approx(_scores(b), abs=1e-4)  # padding in other batches moves only the last digits
    assert any(c.judgement.verdict == "contradicted" for c in batch[1].claims)  # the demo article's Soyuz claim
