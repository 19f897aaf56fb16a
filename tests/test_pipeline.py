"""The real offline pipeline: checking articles in one batch gives each the report it gets alone."""
from __future__ import annotations

import pytest

from claimcheck.components import Components
from claimcheck.pipeline import ArticleInput, Pipeline

from conftest import REPO, SEED_ARTICLE, needs_shared
from fakes import FakeRetriever, FakeVerifier


def _essence(report):
    d = report.to_dict()
    return (
        [(c["text"], c["verdict"], [e["passage_id"] for e in c["evidence"]]) for c in d["claims"]],
        [(s["text"], s["flag"]) for s in d["summary"]["sentences"]],
    )


def _scores(report):
    return [c.judgement.score for c in report.claims] + [report.risk.score]


@needs_shared
def test_check_many_equals_one_by_one(real_pipeline):
    pipe = real_pipeline
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), (REPO / "seeds" / "article.md").read_text(encoding="utf-8")]
    names = ["seed.txt", "article.md"]
    alone = [pipe.check(t, name=n) for t, n in zip(texts, names)]
    batch = pipe.check_many([ArticleInput(t, n) for t, n in zip(texts, names)])
    assert [r.article.id for r in batch] == ["seed", "article"]
    for a, b in zip(alone, batch):
        assert _essence(a) == _essence(b)
        assert _scores(a) == pytest.approx(_scores(b), abs=1e-4)  # padding in other batches moves only the last digits
    assert any(c.judgement.verdict == "contradicted" for c in batch[1].claims)  # the demo article's Soyuz claim


def test_passages_below_min_similarity_are_not_read_nor_reported():
    from claimcheck.profiles import load_profile
    from claimcheck.core.types import Hit, Passage
    from claimcheck.verify.aggregate import AggregateConfig

    hits = [Hit(Passage("near#0", "near", "The ferry sank."), 0.62), Hit(Passage("far#0", "far", "Proteins fold."), 0.12)]
    profile = load_profile("offline")
    parts = Components(profile, verifier=(verifier := FakeVerifier()),
                       aggregate_config=AggregateConfig(support_threshold=0.5, min_similarity=0.3))
    pipe = Pipeline(profile=profile, corpus="x", _retriever=FakeRetriever(hits=hits), components=parts)
    [j] = pipe.verify_texts(["A ferry sank on Tuesday."])
    assert [p for p, _ in verifier.pairs] == ["The ferry sank."]  # the off-topic passage costs no verifier time
    assert j.verdict == "supported" and [e.doc_id for e in j.evidence] == ["near"]
    pipe = Pipeline(profile=profile, corpus="x", _retriever=FakeRetriever(hits=hits),
                    components=parts.replace(aggregate_config=AggregateConfig(min_similarity=0.9)))
    [j] = pipe.verify_texts(["A ferry sank on Tuesday."])
    assert j.verdict == "not_enough_info" and j.evidence == ()


def test_pipelines_over_two_corpora_share_one_set_of_models():
    from claimcheck.profiles import load_profile

    profile = load_profile("offline")
    verifier = object()
    a = Pipeline(profile=profile, corpus="a.jsonl", components=Components(profile, verifier=verifier))
    b = a.with_corpus("b.jsonl")
    assert b.corpus == "b.jsonl" and b.components is a.components and b.verifier is verifier
    assert a.aggregate_config is b.aggregate_config  # loaded once, from the profile, for both
    assert a.aggregate_config == Components(profile).aggregate_config  # the fitted settings, read the same way
    with pytest.raises(TypeError, match="unknown component"):
        Components(profile, verfier=verifier)
