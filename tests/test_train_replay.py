"""Continued training on a desk's pairs with a replay sample of the original recipe (claimcheck.research.train.replay and
`train verifier --init-from --replay-from`), on the tiny BERT of conftest's tiny_base."""
from __future__ import annotations

import json
from collections import Counter

import pytest

pytest.importorskip("torch")
pytest.importorskip("peft")

from helpers import train_tiny, write_pairs  # noqa: E402

pytestmark = pytest.mark.usefixtures("train_env")


def test_sample_is_balanced_seeded_and_leaves_out_new_hypotheses(tmp_path):
    from claimcheck.research.train.replay import sample_pairs

    src = write_pairs(tmp_path / "recipe.jsonl", 300, 5)
    a = sample_pairs(src, 31, seed=1)
    assert len(a) == 31 and Counter(r["label"] for r in a) == {"entailment": 11, "neutral": 10, "contradiction": 10}
    assert a == sample_pairs(src, 31, seed=1) and a != sample_pairs(src, 31, seed=2)
    assert all(r["source"] == "replay:recipe" for r in a)
    hyp = json.loads(src.read_text().splitlines()[0])["hypothesis"]
    assert all(r["hypothesis"] != hyp for r in sample_pairs(src, 300, seed=1, exclude_hypotheses={hyp.upper()}))


def test_sample_by_source_draws_every_source_in_proportion(tmp_path):
    from claimcheck.research.train.replay import sample_pairs

    src = tmp_path / "recipe.jsonl"
    labels = ["entailment", "neutral", "contradiction"]
    with src.open("w") as fh:  # per label: 90 fever, 9 climate-fever, 1 scifact pairs
        for i in range(300):
            source = "fever" if i < 270 else "climate-fever" if i < 297 else "scifact"
            fh.write(json.dumps({"premise": f"p{i}", "hypothesis": f"h{i}", "label": labels[i % 3],
                                 "source": source}) + "\n")
    a = sample_pairs(src, 60, seed=3, by_source=True)
    assert Counter(r["label"] for r in a) == {lab: 20 for lab in labels}
    # 20 per label: 1 each at least, the other 17 in proportion 90 : 9 : 1 (15.3, 1.53, 0.17 -> 15, 2, 0)
    assert Counter(r["source"] for r in a) == {"replay:fever": 48, "replay:climate-fever": 9, "replay:scifact": 3}
    assert a == sample_pairs(src, 60, seed=3, by_source=True)
    assert len(sample_pairs(src, 60, seed=3)) == 60  # the pooled draw is unchanged


def _desk_round(tmp_path, tiny_base, data, n_recipe: int):
    """A first model, a recipe folder of n_recipe training pairs, 24 desk pairs and the `train` CLI app."""
    import typer

    from claimcheck.cli import train_cmd

    first = tmp_path / "first"
    train_tiny(first, data, tiny_base, max_steps=20, lr=1e-2)
    recipe = tmp_path / "recipe"
    recipe.mkdir()
    write_pairs(recipe / "train.jsonl", n_recipe, 7)
    write_pairs(recipe / "dev.jsonl", 40, 8)
    desk = write_pairs(tmp_path / "desk.jsonl", 24, 9)
    app = typer.Typer()
    train_cmd.register(app)

    @app.callback()
    def _root() -> None:
        pass

    return app, first, recipe, desk


def test_cli_init_from_mixes_in_replay(tmp_path, tiny_base, data):
    from typer.testing import CliRunner

    app, first, recipe, desk = _desk_round(tmp_path, tiny_base, data, 200)
    out = tmp_path / "desk-model"
    r = CliRunner().invoke(app, ["train", "verifier", "--data", str(desk), "--init-from", str(first), "--out", str(out),
                                 "--replay-from", str(recipe), "--replay-ratio", "2", "--base", str(tiny_base),
                                 "--epochs", "1", "--batch-size", "16", "--lora-r", "4", "--max-length", "32",
                                 "--device", "cpu"])
    assert r.exit_code == 0, r.output
    assert "replay: 48 pairs" in r.output
    assert "evaluate a public set" in r.output  # the reminder after a continued-training run (stderr)
    m = json.loads((out / "metrics.json").read_text())
    assert m["data"]["n_train"] == 72 and m["data"]["train_sources"] == {"desk": 24, "replay:train": 48}
    assert m["data"]["dev_file"] == str(out / "replay-dev.jsonl")
    assert 30 <= m["dev"]["n"] <= 40  # the recipe's dev, less pairs that share a hypothesis with the desk's
    assert (out / "adapter_model.safetensors").is_file()
    r = CliRunner().invoke(app, ["train", "verifier", "--data", str(desk), "--init-from", str(first), "--out",
                                 str(tmp_path / "x"), "--replay-from", str(tmp_path / "nowhere"), "--base", str(tiny_base)])
    assert r.exit_code != 0 and "--replay-from" in r.output + str(r.exception)  # raised, or one line when wrapped


def test_head_only_keeps_the_lora_weights(tmp_path, tiny_base, data):
    from safetensors.torch import load_file

    from claimcheck.research.train.verifier import train_verifier

    first = tmp_path / "first"
    train_tiny(first, data, tiny_base, max_steps=20, lr=1e-2)
    desk = write_pairs(tmp_path / "desk.jsonl", 48, 9)
    out = tmp_path / "head"
    m = train_verifier([desk], out, base_ref=str(tiny_base), dev_file=data[1], epochs=1, batch_size=16, lr=1e-2,
                       lora_r=4, max_length=32, device="cpu", precision="fp32", progress=False, init_from=first,
                       head_only=True)
    assert m["settings"]["head_only"] is True
    a, b = load_file(str(first / "adapter_model.safetensors")), load_file(str(out / "adapter_model.safetensors"))
    assert a.keys() == b.keys()
    lora = [k for k in a if "lora_" in k]
    head = [k for k in a if "lora_" not in k]
    assert lora and head
    assert all(a[k].equal(b[k]) for k in lora) and not all(a[k].equal(b[k]) for k in head)


def test_cli_init_from_defaults_to_the_setting_that_did_not_forget(tmp_path, tiny_base, data):
    from typer.testing import CliRunner

    app, first, recipe, desk = _desk_round(tmp_path, tiny_base, data, 600)
    out = tmp_path / "desk-model"
    r = CliRunner().invoke(app, ["train", "verifier", "--data", str(desk), "--init-from", str(first), "--out", str(out),
                                 "--replay-from", str(recipe), "--base", str(tiny_base), "--batch-size", "16",
                                 "--lora-r", "4", "--max-length", "32", "--device", "cpu"])
    assert r.exit_code == 0, r.output
    assert "replay: 144 pairs" in r.output  # 6 per desk pair, from every source of the recipe
    m = json.loads((out / "metrics.json").read_text())
    assert m["settings"]["lr"] == 5e-4 and m["settings"]["epochs"] == 2.0 and m["settings"]["head_only"] is True
    assert m["data"]["n_train"] == 24 + 144
    r = CliRunner().invoke(app, ["train", "verifier", "--data", str(desk), "--init-from", str(first), "--out",
                                 str(tmp_path / "lora"), "--replay-from", str(recipe), "--train-lora", "--base",
                                 str(tiny_base), "--batch-size", "16", "--lora-r", "4", "--max-length", "32",
                                 "--device", "cpu", "--max-steps", "2"])
    assert r.exit_code == 0, r.output
    m = json.loads((tmp_path / "lora" / "metrics.json").read_text())
    assert m["settings"]["lr"] == 2e-4 and "head_only" not in m["settings"]
    # without --init-from the defaults are the from-scratch ones
    r = CliRunner().invoke(app, ["train", "verifier", "--data", str(data[0]), "--dev", str(data[1]), "--out",
                                 str(tmp_path / "scratch"), "--base", str(tiny_base), "--batch-size", "16",
                                 "--lora-r", "4", "--max-length", "32", "--device", "cpu", "--max-steps", "2"])
    assert r.exit_code == 0, r.output
    m = json.loads((tmp_path / "scratch" / "metrics.json").read_text())
    assert m["settings"]["lr"] == 5e-4 and m["settings"]["epochs"] == 1.0 and "head_only" not in m["settings"]
    assert "evaluate a public set" not in r.output
