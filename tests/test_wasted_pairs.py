"""No work where nothing can change (issue 28): a summary sentence copied from the article is ok without a
model call, no (premise, hypothesis) pair is scored twice, and claims that are not check-worthy are never scored."""
from __future__ import annotations

from claimcheck.components import Components
from claimcheck.pipeline import Pipeline
from claimcheck.profiles import load_profile
from claimcheck.summarize.link import copied_sentences
from claimcheck.verify.cache import PairCache

from fakes import FakeRetriever, FakeSummarizer, FakeVerifier

ARTICLE = ("A ferry sank near Dover on Tuesday.\n\n"
           "Rescuers saved forty passengers from the cold water.\n\n"
           "Is this the worst disaster of the decade?\n\n"
           "The harbour reopened on Friday.")
COPY = "Rescuers saved forty passengers from the cold water."
MADE_UP = "Forty people were rescued by the coastguard."


def _article(text: str = ARTICLE):
    profile = load_profile("offline")
    pipe = Pipeline(profile=profile, corpus="x", _retriever=FakeRetriever(), components=Components(profile, verifier=FakeVerifier(name="counting")))
    return pipe, pipe.read_article(text, name="ferry.txt")[0]


def test_a_copy_is_whole_sentences_verbatim():
    _, article = _article()
    assert copied_sentences(article, COPY) == (1, 1)
    assert copied_sentences(article, "  A ferry sank near Dover\non Tuesday. ") == (0, 0)  # white space aside
    assert copied_sentences(article, "A ferry sank near Dover on Tuesday. Rescuers saved forty passengers from the cold "
                                     "water.") == (0, 1)
    assert copied_sentences(article, "Rescuers saved forty passengers.") is None  # part of a sentence: no copy
    assert copied_sentences(article, "forty passengers from the cold water.") is None
    assert copied_sentences(article, MADE_UP) is None and copied_sentences(article, "") is None


def test_a_copied_summary_sentence_is_ok_without_a_model_call():
    profile = load_profile("offline")
    verifier = FakeVerifier(name="counting")
    pipe = Pipeline(profile=profile, corpus="x", _retriever=FakeRetriever(),
                    components=Components(profile, verifier=verifier, summarizer=FakeSummarizer(COPY, MADE_UP, name="fixed")))
    article = pipe.read_article(ARTICLE, name="ferry.txt")[0]
    [summary] = pipe.summarize_many([article])
    copy, made_up = summary.sentences
    assert copy.flag == "ok" and copy.score == 1.0 and copy.span == (article.sentences[1].start, article.sentences[1].end)
    assert all(h != COPY for _, h in verifier.pairs)  # the copy cost no verifier call
    assert any(h == MADE_UP for _, h in verifier.pairs)  # the other sentence is checked as before
    assert made_up.flag == "ok"  # the fake verifier supports everything
    verifier.pairs.clear()
    pipe.check_summaries([article], [[COPY]])
    assert verifier.pairs == []


def test_no_pair_is_scored_twice_and_unworthy_claims_are_never_scored():
    import dataclasses

    from claimcheck.core import registry

    @dataclasses.dataclass(frozen=True)
    class NoOptions:
        pass

    inner = FakeVerifier(name="counting")
    registry.register("verifier", "counting-test", NoOptions)(lambda cfg, options, device, embedder=None: inner)
    profile = load_profile("offline")
    verifier = dataclasses.replace(profile.role("verifier"), backend="counting-test", options={})
    profile = dataclasses.replace(profile, roles={**profile.roles, "verifier": verifier})
    parts = Components(profile, summarizer=FakeSummarizer(COPY, MADE_UP, name="fixed"))
    retriever = FakeRetriever()
    pipe = Pipeline(profile=profile, corpus="x", _retriever=retriever, components=parts)
    assert isinstance(pipe.verifier, PairCache) and pipe.verifier.inner is inner  # what get_verifier gives
    twice = ARTICLE + "\n\nRescuers saved forty passengers from the cold water."  # one claim, written twice
    report = pipe.check(twice, name="ferry.txt")
    assert len(inner.pairs) == len(set(inner.pairs))
    worthy = {c.claim.text for c in report.claims if c.claim.checkworthy}
    unworthy = [c for c in report.claims if not c.claim.checkworthy]
    assert unworthy and worthy  # the question is reported, not checked
    assert not any(c.claim.text in retriever.asked for c in unworthy)
    assert not any(h == c.claim.text for c in unworthy for _, h in inner.pairs)
    assert all(c.judgement.score == 0.0 and not c.judgement.evidence for c in unworthy)
    n = len(inner.pairs)
    pipe.check(twice, name="ferry.txt")  # the same article again (a server, a re-run): nothing new to score
    assert len(inner.pairs) == n


def test_the_pair_cache_scores_each_distinct_pair_once_and_stays_bounded():
    inner = FakeVerifier(name="counting")
    cache = PairCache(inner, size=3)
    a = cache.score_pairs(["p1", "p2", "p1"], ["h", "h", "h"])
    assert inner.pairs == [("p1", "h"), ("p2", "h")] and a[0] == a[2]
    cache.score_pairs(["p2", "p3"], ["h", "h"])
    assert inner.pairs[2:] == [("p3", "h")]
    cache.score_pairs(["p4", "p5"], ["h", "h"])  # p1 and p2 fall out (least recently used first)
    cache.score_pairs(["p1", "p5"], ["h", "h"])
    assert inner.pairs[-1] == ("p1", "h") and inner.pairs.count(("p5", "h")) == 1
    assert cache.name == "counting" and cache.pairs_scored == len(inner.pairs) == 6
    assert cache.score_pairs([], []) == []
    cache.temperature = 2.0  # a setting reaches the verifier, and scores made under the old one are not reused
    assert inner.temperature == 2.0 and "temperature" not in vars(cache)
    cache.score_pairs(["p1"], ["h"])
    assert inner.pairs[-1] == ("p1", "h") and len(inner.pairs) == 7
