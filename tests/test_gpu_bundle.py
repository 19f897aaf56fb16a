"""GPU path on CPU: pack a tiny bundle, run the GPU entry point (full fine-tuning) for a few steps, reload."""
from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from claimcheck.datasets.nli import Pair  # noqa: E402

from conftest import DATA  # noqa: E402
from helpers import CUES, WORDS  # noqa: E402


@pytest.fixture(autouse=True)
def _threads(monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_TRAIN_THREADS", "1")


def _pairs(n: int, seed: int, sources=("a", "b")) -> list[Pair]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        cue = list(CUES)[i % 3]
        prem = " ".join(rng.choices(WORDS, k=rng.randint(2, 8)))
        out.append(Pair(prem, " ".join(rng.choices(WORDS, k=rng.randint(1, 3)) + [cue]), CUES[cue], sources[i % len(sources)]))
    return out


def _write(path: Path, pairs: list[Pair]) -> None:
    path.write_text("".join(json.dumps(p.to_dict()) + "\n" for p in pairs))


def test_pack_train_on_cpu_and_reload_as_verifier(tmp_path, tiny_base):
    from typer.testing import CliRunner

    from claimcheck.cli import _register
    from claimcheck.research.train import gpu_run
    from claimcheck.research.train.bundle import jsonl_gz_bytes
    from claimcheck.verify.nli import load_nli_verifier

    recipe = tmp_path / "recipe"
    recipe.mkdir()
    _write(recipe / "train.jsonl", _pairs(400, 1))
    _write(recipe / "dev.jsonl", _pairs(60, 2))
    bundle = tmp_path / "gpu-bundle"
    r = CliRunner().invoke(_register(), ["train", "pack", "--out", str(bundle), "--recipe-dir", str(recipe),
                                         "--base", str(tiny_base), "--eval-sets", ""])
    assert r.exit_code == 0, r.output
    assert "400 training pairs" in r.output and "total" in r.output
    man = json.loads((bundle / "manifest.json").read_text())
    assert man["train"]["cap_per_source_label"] is None and man["train"]["pairs"] == 400
    assert man["total_bytes"] < 60 << 20
    from safetensors import safe_open

    with safe_open(str(bundle / "base" / "model.safetensors"), "pt") as f:  # base weights in fp16
        assert {f.get_tensor(k).dtype for k in f.keys()} == {torch.float16}
    with gzip.open(bundle / "train.jsonl.gz", "rt") as fh:
        rows = [json.loads(line) for line in fh]
    assert len(rows) == 400 and rows == sorted(rows, key=lambda x: (x["premise"], x["hypothesis"], x["label"]))
    (bundle / "eval").mkdir(exist_ok=True)  # a small held-out set, as pack adds SICK test / MNLI-mm
    (bundle / "eval" / "toy-test.jsonl.gz").write_bytes(jsonl_gz_bytes(_pairs(50, 3)))

    out, work = tmp_path / "out", tmp_path / "work"
    assert gpu_run.main(["--bundle", str(bundle), "--out", str(out), "--work", str(work), "--tiny",
                         "--device", "cpu", "--split-mib", "0.02"]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert len(files) <= 8 and all((out / f).stat().st_size <= 0.02 * (1 << 20) for f in files)  # what $OUT returns
    assert {"config.json", "calibration.json", "metrics.json", "tokenizer.json"} <= set(files)
    assert any(f.startswith(gpu_run.PART) for f in files)
    m = json.loads((out / "metrics.json").read_text())
    assert m["status"] == "completed" and m["train"]["steps"] == gpu_run.TINY["max_steps"]
    assert m["settings"]["mode"] == "full" and m["settings"]["lora_targets"] is None
    assert m["settings"]["trainable_params"] == sum(p.numel() for p in torch.load(
        work / "model" / "checkpoints" / "last.pt", weights_only=False)["trainable"].values())
    assert m["data"]["n_train"] == gpu_run.TINY["train"] and m["dev"]["n"] == 60  # all 60 (tiny takes up to 90)
    assert m["heldout"]["toy-test"]["n"] == 50 and 0 <= m["heldout"]["toy-test"]["accuracy"] <= 1
    assert set(json.loads((out / "calibration.json").read_text())) >= {"temperature", "thresholds"}

    joined = tmp_path / "joined"
    assert gpu_run.main(["--join", str(out), "--out", str(joined)]) == 0
    assert (joined / "model.safetensors").read_bytes() == (work / "model" / "model.safetensors").read_bytes()
    v = load_nli_verifier(str(joined))
    assert v.model.config.id2label == {0: "entailment", 1: "neutral", 2: "contradiction"}
    assert next(v.model.parameters()).dtype == torch.float32  # fp16 on disk, float32 in memory
    assert v.temperature == pytest.approx(json.loads((out / "calibration.json").read_text())["temperature"])


def test_budget_caps_each_source_and_label_to_fit():
    from collections import Counter

    from claimcheck.research.train.bundle import cap_per_cell, fit_to_budget, jsonl_gz_bytes

    pairs = _pairs(3000, 4, sources=("big",)) + _pairs(90, 5, sources=("small",))
    whole = len(jsonl_gz_bytes(pairs))
    blob, cap = fit_to_budget(pairs, whole // 2)
    assert cap is not None and len(blob) <= whole // 2
    kept = cap_per_cell(pairs, cap)
    assert blob == jsonl_gz_bytes(kept)
    c = Counter((p.source, p.label) for p in kept)
    assert all(c[("small", lab)] == 30 for lab in CUES.values())  # small sources are untouched
    assert max(c.values()) == cap and len({c[("big", lab)] for lab in CUES.values()}) == 1  # still balanced
    assert fit_to_budget(pairs, whole) == (jsonl_gz_bytes(pairs), None)


def test_gpu_entry_point_refuses_missing_bundle_and_cuda(tmp_path, capsys):
    from claimcheck.research.train import gpu_run

    assert gpu_run.check_modules(("numpy", "no_such_module_xyz")) == ["no_such_module_xyz"]
    if not torch.cuda.is_available():
        assert gpu_run.main(["--bundle", str(tmp_path), "--out", str(tmp_path / "o"), "--device", "cuda"]) == 3
        assert "no CUDA device" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="has no base/config.json"):
        gpu_run.main(["--bundle", str(tmp_path), "--out", str(tmp_path / "o"), "--device", "cpu", "--tiny"])


@pytest.mark.skipif(not (DATA / "sick").is_dir(), reason=f"public data not found at {DATA}")
def test_gpu_preset_packs_real_sources_label_balanced(tmp_path, tiny_base):
    from collections import Counter

    from claimcheck.research.train.bundle import pack_bundle
    from claimcheck.research.train.recipe import PRESETS, build_recipe

    assert set(PRESETS["gpu"].sources) == set(PRESETS["v2"].sources)
    build_recipe(tmp_path / "recipe", DATA, preset="gpu", limit=300, show_progress=False,
                 sources=["sick", "climate-fever", "lingnli"])
    m = pack_bundle(tmp_path / "b", tmp_path / "recipe", base_ref=str(tiny_base), data_root=DATA,
                    eval_sets=("sick-test",), eval_limit=40, log=lambda s: None)
    assert m["eval"]["sick-test"]["pairs"] == 40 and m["train"]["pairs"] > 0
    with gzip.open(tmp_path / "b" / "train.jsonl.gz", "rt") as fh:
        c = Counter((r["source"], r["label"]) for r in map(json.loads, fh))
    for src in {s for s, _ in c}:
        assert len({c[(src, lab)] for lab in CUES.values()}) == 1, c  # label-balanced within each source


def test_training_files_over_the_input_limit_are_read_line_by_line(tmp_path, monkeypatch):
    from claimcheck.datasets.nli import read_pairs_jsonl
    from claimcheck.core.errors import InputError
    from claimcheck.research.train.verifier import load_training_pairs

    f = tmp_path / "big.jsonl"
    _write(f, _pairs(50, 6))
    small = load_training_pairs([f])
    monkeypatch.setattr("claimcheck.core.io.MAX_INPUT_BYTES", 100)  # the gpu recipe's train.jsonl is ~90 MB
    with pytest.raises(InputError, match="too large"):
        read_pairs_jsonl(f)
    assert load_training_pairs([f]) == small
    f.write_text(f.read_text() + '{"premise": "a", "hypothesis": "b"}\n')
    with pytest.raises(InputError, match="big.jsonl:51"):
        load_training_pairs([f])
