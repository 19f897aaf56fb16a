"""Continued training on a desk's pairs with a replay sample of the original recipe (claimcheck.train.replay and
`train verifier --init-from --replay-from`), on the tiny BERT of test_train."""
from __future__ import annotations

import json
from collections import Counter

import pytest

pytest.importorskip("torch")
pytest.importorskip("peft")

from test_train import _offline, _train, _write_pairs, data, tiny_base  # noqa: E402,F401  (fixtures)


def test_sample_is_balanced_seeded_and_leaves_out_new_hypotheses(tmp_path):
    from claimcheck.train.replay import sample_pairs

    src = _write_pairs(tmp_path / "recipe.jsonl", 300, 5)
    a = sample_pairs(src, 31, seed=1)
    assert len(a) == 31 and Counter(r["label"] for r in a) == {"entailment": 11, "neutral": 10, "contradiction": 10}
    assert a == sample_pairs(src, 31, seed=1) and a != sample_pairs(src, 31, seed=2)
    assert all(r["source"] == "replay:recipe" for r in a)
    hyp = json.loads(src.read_text().splitlines()[0])["hypothesis"]
    assert all(r["hypothesis"] != hyp for r in sample_pairs(src, 300, seed=1, exclude_hypotheses={hyp.upper()}))


def test_cli_init_from_mixes_in_replay(tmp_path, tiny_base, data):
    import typer
    from typer.testing import CliRunner

    from claimcheck.cli import train_cmd

    first = tmp_path / "first"
    _train(first, data, tiny_base, max_steps=20, lr=1e-2)
    recipe = tmp_path / "recipe"
    recipe.mkdir()
    _write_pairs(recipe / "train.jsonl", 200, 7)
    _write_pairs(recipe / "dev.jsonl", 40, 8)
    desk = _write_pairs(tmp_path / "desk.jsonl", 24, 9)

    app = typer.Typer()
    train_cmd.register(app)

    @app.callback()
    def _root() -> None:
        pass

    out = tmp_path / "desk-model"
    r = CliRunner().invoke(app, ["train", "verifier", "--data", str(desk), "--init-from", str(first), "--out", str(out),
                                 "--replay-from", str(recipe), "--replay-ratio", "2", "--base", str(tiny_base),
                                 "--epochs", "1", "--batch-size", "16", "--lora-r", "4", "--max-length", "32",
                                 "--device", "cpu"])
    assert r.exit_code == 0, r.output
    assert "replay: 48 pairs" in r.output
    m = json.loads((out / "metrics.json").read_text())
    assert m["data"]["n_train"] == 72 and m["data"]["train_sources"] == {"desk": 24, "replay:train": 48}
    assert m["data"]["dev_file"] == str(out / "replay-dev.jsonl")
    assert 30 <= m["dev"]["n"] <= 40  # the recipe's dev, less pairs that share a hypothesis with the desk's
    assert (out / "adapter_model.safetensors").is_file()
    r = CliRunner().invoke(app, ["train", "verifier", "--data", str(desk), "--init-from", str(first), "--out",
                                 str(tmp_path / "x"), "--replay-from", str(tmp_path / "nowhere"), "--base", str(tiny_base)])
    assert r.exit_code != 0 and "--replay-from" in r.output + str(r.exception)  # raised, or one line when wrapped
