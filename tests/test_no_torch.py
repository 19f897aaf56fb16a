"""The default path runs without torch (issue 28): with the offline profile's ONNX exports in place, `check`,
`verify`, `triage` (and the server's modules) never import torch, transformers or peft, nor any research module
(issue 27: claimcheck.research, claimcheck.datasets), and the fp32 verifier agrees with torch pair by pair."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np

from conftest import DEMO_ARTICLE, DEMO_CORPUS, REPO

HEAVY = ("torch", "transformers", "peft", "sentence_transformers")
RUN_CLI = """
import json, sys
from claimcheck.cli import main
sys.argv = ["claimcheck", *sys.argv[1:]]
try:
    main()
except SystemExit as e:
    code = e.code
else:
    code = 0
import claimcheck.serve.app  # what `serve` runs on top of the same pipeline
research = sorted(m for m in sys.modules if m.startswith(("claimcheck.research", "claimcheck.datasets")))
print("HEAVY " + json.dumps([m for m in {heavy!r} if m in sys.modules] + research), file=sys.stderr)
sys.exit(code)
"""


def _run(args, home):
    env = {**os.environ, "CLAIMCHECK_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-c", RUN_CLI.format(heavy=HEAVY), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)


def test_a_default_check_imports_no_torch_even_on_a_fresh_home(tmp_path_factory):
    """The first check on a machine builds both ONNX models from the shipped graphs and the weights (no torch),
    and the index; the commands after it find them cached."""
    home = tmp_path_factory.mktemp("fresh-home")
    r = _run(["check", str(DEMO_ARTICLE), "--corpus", str(DEMO_CORPUS), "--format", "json"], home)
    assert r.returncode == 0, r.stderr[-2000:]
    heavy = json.loads(next(line for line in r.stderr.splitlines() if line.startswith("HEAVY "))[6:])
    assert heavy == [], f"a default check imported {heavy}"
    assert "embedder to ONNX int8 once, from its weights and the graph shipped for it" in r.stderr
    assert "verifier to ONNX fp32 once, from its weights and the graph shipped beside them" in r.stderr
    report = json.loads(r.stdout)
    assert report["claims"] and any(c["verdict"] == "contradicted" for c in report["claims"])  # the Soyuz claim

    claims = tmp_path_factory.mktemp("claims") / "claims.txt"
    claims.write_text("Soyuz carried the telescope into orbit.\nThe telescope launched in 2021.\n", encoding="utf-8")
    folder = tmp_path_factory.mktemp("triage")
    (folder / "in").mkdir()
    (folder / "in" / "article.md").write_text(DEMO_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (["verify", str(claims), "--corpus", str(DEMO_CORPUS)],
                 ["triage", str(folder / "in"), "--corpus", str(DEMO_CORPUS), "--out", str(folder / "out")]):
        r = _run(args, home)
        assert r.returncode in (0, 3), r.stderr[-2000:]
        heavy = json.loads(next(line for line in r.stderr.splitlines() if line.startswith("HEAVY "))[6:])
        assert heavy == [], f"a default {args[0]} imported {heavy}"
        assert "exporting" not in r.stderr  # cached by the first run


def test_models_export_builds_the_onnx_models_up_front():
    from typer.testing import CliRunner

    from claimcheck.cli import _register

    r = CliRunner().invoke(_register(), ["models", "--export", "--profile", "offline", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert "offline embedder: ONNX export ready" in r.stderr and "offline verifier: ONNX export ready" in r.stderr


def test_fp32_verifier_matches_torch_and_does_not_move_with_its_batch(tiny_nli_dir):
    from claimcheck.verify.nli import load_nli_verifier

    torch_v = load_nli_verifier(str(tiny_nli_dir))
    onnx_v = load_nli_verifier(str(tiny_nli_dir), runtime="onnx")
    assert onnx_v.model.session.get_providers() == ["CPUExecutionProvider"]
    premises = ["kim met putin in the city", "the rocket launched in the year two on the river in korea and russia",
                "no", "a city on the river", "three launches in a year of rockets and cities"]
    hyps = ["kim met putin", "the rocket was not launched", "a year", "the city is in korea", "two rockets"]

    def probs(v, ps, hs):
        return np.array([[s.entailment, s.contradiction, s.neutral] for s in v.score_pairs(ps, hs)])

    a, b = probs(torch_v, premises, hyps), probs(onnx_v, premises, hyps)
    assert np.abs(a - b).max() < 1e-5  # the same graph in fp32: float rounding apart
    for batch_size in (1, 2, 32):  # alone, in pairs, all padded to the longest
        onnx_v.batch_size = batch_size
        assert np.abs(probs(onnx_v, premises, hyps) - b).max() < 1e-6
    onnx_v.batch_size = 32
    alone = np.vstack([probs(onnx_v, [p], [h]) for p, h in zip(premises, hyps)])
    assert np.abs(alone - b).max() < 1e-6
    reordered = probs(onnx_v, premises[::-1] + premises, hyps[::-1] + hyps)
    assert np.abs(reordered[len(premises):] - b).max() < 1e-6


def test_a_graph_shipped_beside_the_weights_is_filled_from_them_without_torch(tiny_nli_dir, tmp_path, monkeypatch):
    import shutil

    import claimcheck.runtime.onnx_export as export
    from claimcheck.runtime.onnx_graph import GRAPH_FILE, MAP_FILE
    from claimcheck.verify.nli import load_nli_verifier

    model = tmp_path / "model"
    shutil.copytree(tiny_nli_dir, model)
    pairs = [("kim met putin in the city", "kim met putin"), ("no rocket launched", "the rocket launched in two")]
    got = export.export_classifier_graph(str(model), None, model, pairs)
    assert got["largest_logit_gap"] < 1e-4 and (model / GRAPH_FILE).is_file() and (model / MAP_FILE).is_file()
    spec = json.loads((model / MAP_FILE).read_text())
    assert spec["weights"] and all(isinstance(k, str) for k, _, _ in spec["weights"].values())
    assert got["graph_bytes"] < (model / "model.safetensors").stat().st_size  # the graph carries no weights

    def no_torch(*a, **k):
        raise AssertionError("the torch export ran although a graph is shipped")

    monkeypatch.setattr(export, "export_classifier", no_torch)
    onnx_v = load_nli_verifier(str(model), runtime="onnx")
    torch_v = load_nli_verifier(str(tiny_nli_dir))
    a = torch_v.score_pairs([p for p, _ in pairs], [h for _, h in pairs])
    b = onnx_v.score_pairs([p for p, _ in pairs], [h for _, h in pairs])
    for x, y in zip(a, b):
        assert abs(x.entailment - y.entailment) < 1e-5 and abs(x.contradiction - y.contradiction) < 1e-5
    assert onnx_v.model.config.id2label == torch_v.model.config.id2label
