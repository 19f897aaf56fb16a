"""Verifier training: a tiny BERT learns a trivial rule, resumes exactly, reloads, calibrates; ECE by hand."""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("peft")

from claimcheck.research.evaluate.metrics import top_label_calibration_error as expected_calibration_error  # noqa: E402
from claimcheck.research.train.calibrate import (  # noqa: E402
    fit_temperature, fit_thresholds, nll, softmax, verdicts_from_probs,
)

from helpers import train_tiny  # noqa: E402

pytestmark = pytest.mark.usefixtures("train_env")


def test_learns_rule_and_reloads_with_labels(tmp_path, tiny_base, data):
    from claimcheck.datasets.nli import read_pairs_jsonl
    from claimcheck.research.train.verifier import predict_logits
    from claimcheck.runtime.classifier import load_sequence_classifier

    m = train_tiny(tmp_path / "out", data, tiny_base, max_steps=200, lr=1e-2)
    hist = [loss for _, loss in m["train"]["loss_history"]]
    assert hist[-1] < hist[0] - 0.3, hist
    assert m["dev"]["accuracy"] >= 0.9
    out = tmp_path / "out"
    calib = json.loads((out / "calibration.json").read_text())
    assert set(calib) >= {"temperature", "thresholds", "ece_before", "ece_after"}
    assert json.loads((out / "adapter_config.json").read_text())["base_model_name_or_path"] == str(tiny_base)
    assert not (out / "README.md").exists()  # no boilerplate card pretending to describe the model

    tok, model = load_sequence_classifier(str(out), base_path=str(tiny_base))
    assert model.config.id2label == {0: "entailment", 1: "neutral", 2: "contradiction"}
    assert not model.training
    dev = read_pairs_jsonl(data[1])
    pred = predict_logits(model, tok, dev, max_length=32).argmax(axis=1)
    acc = np.mean([model.config.id2label[int(p)] == x.label for p, x in zip(pred, dev)])
    assert acc == pytest.approx(m["dev"]["accuracy"], abs=1e-6)  # merged reload == trained model
    # the base is also found through adapter_config.json when base_path is omitted
    _, model2 = load_sequence_classifier(str(out))
    assert model2.config.num_labels == 3


def test_init_from_starts_where_a_trained_adapter_ended(tmp_path, tiny_base, data):
    first = train_tiny(tmp_path / "first", data, tiny_base, max_steps=120, lr=1e-2)
    (tmp_path / "first" / "judge.json").write_text('{"support_threshold": 0.45}')  # as if fitted by the sweep
    warm = train_tiny(tmp_path / "warm", data, tiny_base, max_steps=2, lr=1e-9, init_from=tmp_path / "first")
    cold = train_tiny(tmp_path / "cold", data, tiny_base, max_steps=2, lr=1e-9)
    # the judge settings travel with the weights they grew from; a fresh model has none until fitted
    assert (tmp_path / "warm" / "judge.json").read_text() == '{"support_threshold": 0.45}'
    assert not (tmp_path / "cold" / "judge.json").exists()
    # with a negligible learning rate, the warm start keeps the trained model's accuracy; a fresh head does not
    assert warm["dev"]["accuracy"] == pytest.approx(first["dev"]["accuracy"], abs=0.02)
    assert warm["dev"]["accuracy"] > cold["dev"]["accuracy"] + 0.2
    from claimcheck.core.errors import UserError

    with pytest.raises(UserError, match="no adapter_model.safetensors"):
        train_tiny(tmp_path / "bad", data, tiny_base, max_steps=2, init_from=tmp_path)


def test_resume_matches_uninterrupted_run(tmp_path, tiny_base, data):
    from safetensors.torch import load_file

    full = train_tiny(tmp_path / "a", data, tiny_base, max_steps=10, checkpoint_every=4)
    assert full["status"] == "completed"
    part = train_tiny(tmp_path / "b", data, tiny_base, max_steps=10, checkpoint_every=4, stop_after_steps=7)
    assert part["status"] == "interrupted" and part["step"] == 7
    assert not (tmp_path / "b" / "adapter_model.safetensors").exists()
    rest = train_tiny(tmp_path / "b", data, tiny_base, max_steps=10, checkpoint_every=4)
    assert rest["train"]["steps"] == 10
    wa = load_file(str(tmp_path / "a" / "adapter_model.safetensors"))
    wb = load_file(str(tmp_path / "b" / "adapter_model.safetensors"))
    assert wa.keys() == wb.keys()
    for k in wa:
        assert torch.equal(wa[k], wb[k]), k
    # a checkpoint from other settings is refused, not silently mixed in
    from claimcheck.core.errors import UserError

    with pytest.raises(UserError, match="other data or settings"):
        train_tiny(tmp_path / "b", data, tiny_base, max_steps=10, lr=1e-3)


def test_length_bucketed_batches_cover_all_and_cut_padding():
    from claimcheck.research.train.verifier import length_bucketed_batches

    rng = np.random.default_rng(0)
    lengths = rng.integers(5, 120, size=1000).tolist()
    b = length_bucketed_batches(lengths, 16, seed=13, epoch=0, chunk=10)
    assert sorted(i for x in b for i in x) == list(range(1000))
    assert b == length_bucketed_batches(lengths, 16, seed=13, epoch=0, chunk=10)
    assert b != length_bucketed_batches(lengths, 16, seed=13, epoch=1, chunk=10)
    padded = sum(len(x) * max(lengths[i] for i in x) for x in b)
    naive = sum(16 * max(lengths[i] for i in range(s, min(s + 16, 1000))) for s in range(0, 1000, 16))
    assert padded < 0.7 * naive


def test_ece_hand_checked():
    probs = np.array([[0.9, 0.05, 0.05], [0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    labels = np.array([0, 1, 0, 0])
    # bins (the project's 10 equal): 0.9 -> two items, acc 0.5, conf 0.9; 0.6 -> one, acc 1; 0.7 -> one, acc 0
    # 0.5 x 0.4 + 0.25 x 0.4 + 0.25 x 0.7 = 0.475
    assert expected_calibration_error(probs, labels) == pytest.approx(0.475)
    assert expected_calibration_error(np.eye(3), np.arange(3)) == pytest.approx(0.0)


def test_temperature_scaling_lowers_nll_on_overconfident_logits():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, size=600)
    logits = rng.normal(size=(600, 3))
    noisy = np.where(rng.random(600) < 0.7, labels, rng.integers(0, 3, size=600))  # 70%+ right
    logits[np.arange(600), noisy] += 8.0  # far too confident
    t = fit_temperature(logits, labels)
    assert t > 2.0
    assert nll(logits, labels, t) < nll(logits, labels) - 0.5
    assert expected_calibration_error(softmax(logits, t), labels) < expected_calibration_error(softmax(logits), labels)


def test_thresholds_and_verdict_rule():
    id2label = {0: "entailment", 1: "neutral", 2: "contradiction"}
    probs = np.array([[0.5, 0.1, 0.4], [0.45, 0.1, 0.45], [0.2, 0.2, 0.6], [0.4, 0.35, 0.25]])
    v = verdicts_from_probs(probs, id2label, {"supported": 0.45, "contradicted": 0.5})
    assert v == ["supported", "supported", "contradicted", "not_enough_info"]
    # gold: weakly entailed pairs are really neutral -> the fit raises the supported threshold
    rng = np.random.default_rng(1)
    p_ent = rng.uniform(0.35, 0.95, size=300)
    probs = np.stack([p_ent, 1 - p_ent - 0.01, np.full(300, 0.01)], axis=1)
    labels = np.where(p_ent >= 0.7, 0, 1)
    fit = fit_thresholds(probs, labels, id2label)
    assert 0.6 <= fit.supported <= 0.72
    assert fit.macro_f1 > fit.argmax_macro_f1


def test_cli_trains_and_rejects_bad_input(tmp_path, tiny_base, data):
    from typer.testing import CliRunner

    import typer

    from claimcheck.cli import train_cmd

    app = typer.Typer()
    train_cmd.register(app)

    @app.callback()
    def _root() -> None:  # keeps `train` a subcommand group
        pass

    runner = CliRunner()
    out = tmp_path / "cli-out"
    out.mkdir()
    (out / "README.md").write_text("my model card\n")
    r = runner.invoke(app, ["train", "verifier", "--data", str(data[0]), "--dev", str(data[1]), "--out", str(out),
                            "--base", str(tiny_base), "--max-steps", "3", "--batch-size", "16", "--lr", "1e-3",
                            "--lora-r", "2", "--max-length", "32", "--device", "cpu"])
    assert r.exit_code == 0, r.output
    assert "dev n=60" in r.output
    assert (out / "adapter_model.safetensors").is_file() and (out / "calibration.json").is_file()
    assert (out / "README.md").read_text() == "my model card\n"  # saving never clobbers the model card



@pytest.mark.parametrize("args, message", [
    (["--data", "missing.jsonl"], "missing.jsonl: no such file"),
    ([], "no training data"),
    (["--recipe", "tiny"], "unknown recipe 'tiny'"),
])
def test_cli_bad_input_is_one_line_exit_2(tmp_path, monkeypatch, capsys, args, message):
    from claimcheck.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", ["claimcheck", "train", "verifier", "--out", str(tmp_path / "o"), *args])
    with pytest.raises(SystemExit) as e:
        main()
    assert e.value.code == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_time_budget_stops_early_and_still_saves_a_model(tmp_path, tiny_base, data):
    m = train_tiny(tmp_path / "t", data, tiny_base, max_steps=5000, max_minutes=0.02)
    assert m["status"] == "time_budget"
    assert 0 < m["train"]["steps"] < 5000
    assert (tmp_path / "t" / "adapter_model.safetensors").is_file()
    assert (tmp_path / "t" / "checkpoints" / "last.pt").is_file()  # rerun continues from here


def test_lr_schedule_warms_up_then_decays_to_zero_by_steps_or_time():
    from claimcheck.research.train.verifier import lr_multiplier

    assert lr_multiplier(0, 10, 0.0, 0.06) == pytest.approx(0.1)
    assert lr_multiplier(9, 10, 0.05, 0.06) == pytest.approx(1.0)
    assert lr_multiplier(50, 10, 0.53, 0.06) == pytest.approx(0.5)
    assert lr_multiplier(50, 10, 1.0, 0.06) == 0.0  # e.g. the time budget is spent


def test_loader_reads_full_checkpoints_and_reports_missing_ones(tmp_path, tiny_base):
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    from claimcheck.core.errors import ModelNotAvailable
    from claimcheck.runtime.classifier import load_sequence_classifier

    cfg = BertConfig.from_pretrained(str(tiny_base), num_labels=3,
                                     id2label={0: "contradiction", 1: "entailment", 2: "neutral"},
                                     label2id={"contradiction": 0, "entailment": 1, "neutral": 2})
    full = tmp_path / "full"
    BertForSequenceClassification(cfg).save_pretrained(str(full))
    AutoTokenizer.from_pretrained(str(tiny_base)).save_pretrained(str(full))
    tok, model = load_sequence_classifier(str(full))
    assert model.config.id2label[0] == "contradiction" and not model.training
    assert tok("cat", "yes")["input_ids"][0] == tok.cls_token_id
    with pytest.raises(ModelNotAvailable, match="does not exist"):
        load_sequence_classifier(str(tmp_path / "nowhere"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotAvailable, match="no config.json"):
        load_sequence_classifier(str(tmp_path / "empty"))


SHARED = Path(__file__).resolve().parents[2] / "shared"
SHIPPED = Path(__file__).resolve().parents[1] / "models" / "nli-minilm-l6"


@pytest.mark.skipif(not (SHARED / "data" / "sick").is_dir(), reason="../shared/data/sick is absent")
def test_shipped_verifier_scores_sick_test_sample():
    """Known-good score: the shipped adapter on 300 held-out SICK test pairs (full test set: 0.853)."""
    from claimcheck.datasets.nli import load_heldout
    from claimcheck.research.train.verifier import predict_logits
    from claimcheck.runtime.classifier import load_sequence_classifier

    calib = json.loads((SHIPPED / "calibration.json").read_text())
    assert 0.5 < calib["temperature"] < 3 and calib["ece_after"] <= calib["ece_before"]
    tok, model = load_sequence_classifier(str(SHIPPED))
    pairs = random.Random(13).sample(load_heldout("sick-test", data_root=SHARED / "data"), 300)
    pred = predict_logits(model, tok, pairs).argmax(axis=1)
    acc = np.mean([model.config.id2label[int(p)] == x.label for p, x in zip(pred, pairs)])
    assert acc >= 0.8, acc
