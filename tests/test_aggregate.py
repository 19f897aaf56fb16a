"""The claim verdict rule and the article risk score, on crafted numbers."""
from claimcheck.core.types import (
    CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED, CheckedClaim, Claim, Evidence, Hit, PairScore, Passage,
)
from claimcheck.verify.aggregate import AggregateConfig, article_risk, claim_probabilities, judge, make_evidence


def ev(pid, e, c, sim=0.8):
    return Evidence(pid, pid.split("#")[0], "", f"text {pid}", sim, e, c, round(1 - e - c, 4))


def test_strong_entailment_is_supported_and_deciding_passage_first():
    j = judge([ev("a#0", 0.2, 0.1, 0.9), ev("b#0", 0.92, 0.02, 0.6)])
    assert j.verdict == SUPPORTED
    assert j.evidence[0].passage_id == "b#0"
    assert j.score == j.probabilities[SUPPORTED] and j.score > 0.85


def test_one_strong_contradiction_decides_when_nothing_entails_more():
    j = judge([ev("a#0", 0.3, 0.05), ev("b#0", 0.1, 0.85), ev("c#0", 0.0, 0.0)])
    assert j.verdict == CONTRADICTED
    assert j.evidence[0].passage_id == "b#0"


def test_stronger_entailment_beats_contradiction():
    j = judge([ev("a#0", 0.9, 0.05), ev("b#0", 0.05, 0.7)])
    assert j.verdict == SUPPORTED


def test_weak_scores_give_not_enough_info_with_most_similar_first():
    j = judge([ev("a#0", 0.3, 0.2, sim=0.4), ev("b#0", 0.2, 0.3, sim=0.7)])
    assert j.verdict == NOT_ENOUGH_INFO
    assert j.evidence[0].passage_id == "b#0"
    assert abs(sum(j.probabilities.values()) - 1) < 1e-3


def test_no_evidence_is_not_enough_info():
    j = judge([])
    assert j.verdict == NOT_ENOUGH_INFO and j.evidence == ()


def test_low_similarity_evidence_cannot_decide():
    cfg = AggregateConfig(min_similarity=0.5)
    j = judge([ev("a#0", 0.95, 0.0, sim=0.2)], cfg)
    assert j.verdict == NOT_ENOUGH_INFO


def test_probabilities_stay_a_distribution():
    p = claim_probabilities([ev("a#0", 0.9, 0.0), ev("b#0", 0.0, 0.8)])
    assert abs(sum(p.values()) - 1) < 1e-9 and min(p.values()) >= 0


def test_make_evidence_copies_passage_and_scores():
    hit = Hit(Passage("d#3", "d", "the text", title="T"), 0.71234)
    e = make_evidence(hit, PairScore(0.7, 0.2, 0.1))
    assert (e.passage_id, e.doc_id, e.title, e.similarity, e.contradiction) == ("d#3", "d", "T", 0.7123, 0.2)


def _cc(verdict, score, worthy=True):
    from claimcheck.core.types import Judgement

    return CheckedClaim(Claim("c", "x", 0, (0, 1), worthy), Judgement(verdict, score, {}, ()))


def test_risk_ranks_contradictions_above_unverifiable_above_supported():
    contra = article_risk([_cc(CONTRADICTED, 0.9), _cc(SUPPORTED, 0.9)])
    nei = article_risk([_cc(NOT_ENOUGH_INFO, 0.9), _cc(SUPPORTED, 0.9)])
    clean = article_risk([_cc(SUPPORTED, 0.9), _cc(SUPPORTED, 0.95)])
    assert contra.score > nei.score > clean.score
    assert contra.needs_review and not clean.needs_review
    assert (contra.n_contradicted, contra.n_supported) == (1, 1)


def test_risk_ignores_claims_that_are_not_checkworthy():
    r = article_risk([_cc(CONTRADICTED, 0.99, worthy=False), _cc(SUPPORTED, 0.9)])
    assert r.n_contradicted == 0 and not r.needs_review


def test_an_off_topic_passage_cannot_contradict():
    cfg = AggregateConfig(contradict_threshold=0.3, contradict_min_similarity=0.4)
    j = judge([ev("a#0", 0.1, 0.85, sim=0.25), ev("b#0", 0.2, 0.1, sim=0.7)], cfg)
    assert j.verdict == NOT_ENOUGH_INFO
    assert j.probabilities[CONTRADICTED] < 0.2
    j = judge([ev("a#0", 0.1, 0.85, sim=0.55)], cfg)
    assert j.verdict == CONTRADICTED


def test_a_passage_whose_sentences_do_not_address_the_claim_cannot_decide():
    unread = make_evidence(Hit(Passage("a#0", "a", "Kim spent five hours at the site."), 0.7), PairScore(0.0, 0.0, 1.0))
    j = judge([unread], AggregateConfig(support_threshold=0.3, contradict_threshold=0.3))
    assert j.verdict == NOT_ENOUGH_INFO and "addresses" in j.reason


def test_contradiction_gate_reads_the_rationale_similarity():
    hit = Hit(Passage("a#0", "a", "Putin and Kim spent five hours together. They toured the site."), 0.8)
    far = make_evidence(hit, PairScore(0.05, 0.8, 0.15), rationale="They toured the site.", rationale_similarity=0.45)
    close = make_evidence(hit, PairScore(0.05, 0.8, 0.15), rationale="They toured the site.", rationale_similarity=0.75)
    cfg = AggregateConfig(contradict_threshold=0.5, contradict_min_similarity=0.6)
    assert judge([far], cfg).verdict == NOT_ENOUGH_INFO  # the passage is close, the sentence read is not
    assert judge([close], cfg).verdict == CONTRADICTED


def test_a_rule_found_conflict_overrides_entailment_and_names_itself():
    from claimcheck.verify.conflicts import find_conflict

    claim = "North Korea has made two failed attempts this year to launch a spy satellite."
    sent = "North Korea has made three failed attempts this year to launch a spy satellite."
    conflict = find_conflict(claim, sent)
    e = make_evidence(Hit(Passage("s#0", "s", sent, title="Satellites"), 0.9), PairScore(0.9, 0.05, 0.05),
                      rationale=sent, rationale_similarity=0.95, conflict=conflict, conflict_confidence=0.9)
    assert e.contradiction >= 0.9 and e.entailment <= 0.1 and abs(e.entailment + e.contradiction + e.neutral - 1) < 1e-3
    j = judge([e], AggregateConfig(support_threshold=0.5, contradict_threshold=0.5, contradict_min_similarity=0.99))
    assert j.verdict == CONTRADICTED  # a conflict passes the similarity gate
    assert "three failed attempts" in j.reason and "Satellites" in j.reason


def test_a_model_only_contradiction_against_a_passage_that_states_the_claim_is_contested():
    from dataclasses import replace

    cfg = AggregateConfig(support_threshold=0.4, contradict_threshold=0.9, contested_support=0.5)
    states, other = replace(ev("a#0", 0.87, 0.1), rationale="s"), replace(ev("b#0", 0.04, 0.92), rationale="s")
    j = judge([states, other], cfg)
    assert j.verdict == NOT_ENOUGH_INFO and j.attention == "possible_conflict" and j.attention_passage == "b#0"
    assert "another passage states it" in j.reason
    # a rule-found conflict is not the model's alone: it still decides
    ruled = replace(other, conflict='the passage says "12 September", the claim "17 September"', conflict_kind="date")
    assert judge([states, ruled], cfg).verdict == CONTRADICTED
    # and a weak entailment elsewhere contests nothing
    assert judge([replace(states, entailment=0.3), other], cfg).verdict == CONTRADICTED
    assert judge([states, other], AggregateConfig(support_threshold=0.4, contradict_threshold=0.9)).verdict == CONTRADICTED
