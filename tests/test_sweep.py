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


def test_write_saves_the_fitted_thresholds_beside_the_weights_where_the_judge_reads_them(tmp_path):
    """--write: the chosen thresholds go to the model folder's judge.json, whose other settings and notes stay;
    the verifier's judge then uses them (a profile's [judge] still wins)."""
    import json
    import shutil

    from claimcheck.core.paths import PROJECT_ROOT
    from claimcheck.profiles import RoleConfig
    from claimcheck.research.evaluate.sweep import write_judge
    from claimcheck.verify import judge_config

    shipped = json.loads((PROJECT_ROOT / "models" / "nli-minilm-l6" / "judge.json").read_text(encoding="utf-8"))
    model = tmp_path / "model"
    model.mkdir()
    shutil.copy(PROJECT_ROOT / "models" / "nli-minilm-l6" / "judge.json", model / "judge.json")
    gold = ["contradicted"] * 4 + ["not_enough_info"] * 4 + ["supported"] * 4
    evidence = ([[ev(0.05, 0.9, 0.8)]] * 4 + [[ev(0.05, 0.7, 0.45)]] * 4 + [[ev(0.9, 0.05, 0.8)]] * 4)
    fitted = fit(AggregateConfig(), {"dev": (gold, evidence)}, precision=0.8)

    write_judge(model / "judge.json", fitted, "python -m claimcheck.research.evaluate.sweep --folder dev --write")

    saved = json.loads((model / "judge.json").read_text(encoding="utf-8"))
    assert "--folder dev --write" in saved["fitted"] and saved["notes"] == shipped["notes"]
    cfg = RoleConfig("verifier", "nli", str(model))
    judged = judge_config(cfg, {})
    for key, value in fitted["best"].items():
        assert getattr(judged, key) == value
    assert (judged.conflict_confidence, judged.min_similarity) == (shipped["conflict_confidence"], shipped["min_similarity"])
    assert judge_config(cfg, {"support_threshold": 0.66}).support_threshold == 0.66
