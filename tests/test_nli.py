"""The NLI backend: label order from id2label, windows for long premises, probabilities in input order."""
import pytest

from claimcheck.core.errors import ModelNotAvailable
from claimcheck.verify.nli import NLIVerifier, label_indices


def _verifier(d, **kw):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    return NLIVerifier("tiny", AutoTokenizer.from_pretrained(d), AutoModelForSequenceClassification.from_pretrained(d).eval(), **kw)


def test_label_columns_come_from_id2label():
    assert label_indices({0: "CONTRADICTION", 1: "entailment", 2: "Neutral"}) == {"contradiction": 0, "entailment": 1, "neutral": 2}
    assert label_indices({"0": "entailment", "1": "neutral", "2": "contradiction"})["contradiction"] == 2
    with pytest.raises(ModelNotAvailable, match="not a 3-way NLI model"):
        label_indices({0: "NEGATIVE", 1: "POSITIVE"})


def test_scores_are_distributions_in_input_order(tiny_nli_dir):
    v = _verifier(tiny_nli_dir)
    prem = ["kim met putin in russia", "the river city", "a rocket was launched"]
    hyp = ["kim met putin", "the city", "two rockets"]
    scores = v.score_pairs(prem, hyp)
    assert len(scores) == 3
    for s in scores:
        assert abs(s.entailment + s.contradiction + s.neutral - 1) < 1e-5
    # order independence: scoring one pair alone gives the same numbers
    alone = v.score_pairs(prem[1:2], hyp[1:2])[0]
    assert abs(alone.entailment - scores[1].entailment) < 1e-5


def test_long_premise_is_windowed_not_truncated(tiny_nli_dir):
    v = _verifier(tiny_nli_dir, max_length=24)
    long_premise = " ".join(["the city"] * 30) + " kim met putin"
    windows = v._windows(long_premise, "kim met putin")
    assert len(windows) > 1
    assert windows[-1].endswith("kim met putin")  # the tail is read, not cut off
    assert v._windows("kim met putin", "kim met putin") == ["kim met putin"]
    assert len(v.score_pairs([long_premise], ["kim met putin"])) == 1


def test_temperature_softens_probabilities(tiny_nli_dir):
    sharp = _verifier(tiny_nli_dir, temperature=0.05).score_pairs(["kim met putin"], ["the river"])[0]
    soft = _verifier(tiny_nli_dir, temperature=50.0).score_pairs(["kim met putin"], ["the river"])[0]
    assert max(soft.entailment, soft.contradiction, soft.neutral) < max(sharp.entailment, sharp.contradiction, sharp.neutral)


def test_a_hypothesis_longer_than_the_window_is_scored_not_a_crash(tiny_nli_dir):
    v = _verifier(tiny_nli_dir, max_length=24)
    run_on = " ".join(["kim met putin in the city"] * 20)  # ~120 tokens: the hypothesis alone overfills the window
    [s] = v.score_pairs(["kim met putin"], [run_on])
    assert abs(s.entailment + s.contradiction + s.neutral - 1) < 1e-5
