"""The claim-rule fit: thresholds chosen for contradicted precision first, on crafted evidence."""
from claimcheck.research.evaluate.sweep import fit, score
from claimcheck.core.types import Evidence
from claimcheck.verify.aggregate import AggregateConfig


def ev(e, c, sim):
    return Evidence("p#0", "p", "", "text", 0.8, e, c, round(1 - e - c, 4), rationale="text", rationale_similarity=sim)


def test_fit_prefers_a_rule_whose_contradictions_are_right():
    # true contradictions come with close sentences; false ones (same event, other detail) with farther ones
    gold = ["contradicted"] * 4 + ["not_enough_info"] * 4 + ["supported"] * 4
    evidence = ([[ev(0.05, 0.9, 0.8)]] * 4 + [[ev(0.05, 0.7, 0.45)]] * 4 + [[ev(0.9, 0.05, 0.8)]] * 4)
    sets = {"dev": (gold, evidence)}
    loose = score(AggregateConfig(support_threshold=0.5, contradict_threshold=0.5), sets)["dev"]
    assert loose["contradicted_precision"] == 0.5
    out = fit(AggregateConfig(), sets, precision=0.8)
    assert out["best_scores"]["dev"]["contradicted_precision"] == 1.0
    assert out["best_scores"]["dev"]["contradicted_recall"] == 1.0
    assert out["best"]["contradict_min_similarity"] > 0.45 or out["best"]["contradict_threshold"] > 0.7
