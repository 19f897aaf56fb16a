"""claimcheck eval TASK --engine ray on a real local Ray runtime: the per-example batches run on the workers,
the metrics once on the driver, and the figures are the local run's."""
from __future__ import annotations

import json

import pytest

import fakes
from conftest import REPO
from fakes import FakePipeline, climate_folder

pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")
pytestmark = pytest.mark.slow  # a Ray runtime, and the real verifier loaded in each worker

BY_VALUE = (fakes,)


def test_verify_on_ray_gives_the_local_figures(tmp_path, ray_runtime):
    from claimcheck.research.evaluate import EvalContext, get_evaluator, run_evaluator

    folder = climate_folder(tmp_path)
    local = run_evaluator(get_evaluator("verify"), EvalContext(pipeline_factory=FakePipeline), str(folder), None)
    ctx = EvalContext(pipeline_factory=FakePipeline, engine="ray", workers=2)
    try:
        on_ray = run_evaluator(get_evaluator("verify"), ctx, str(folder), None)
    finally:
        ctx.close()
    assert on_ray.n == local.n == 4 and on_ray.metrics == local.metrics and on_ray.metrics["accuracy"] == 0.75


def test_cli_eval_nli_on_ray_matches_local_with_the_real_verifier(tmp_path, ray_runtime):
    from typer.testing import CliRunner

    from claimcheck.cli import _register

    pairs = REPO / "seeds" / "newsdev" / "swaps.jsonl"
    args = ["eval", "nli", "--dataset", str(pairs), "--limit", "300", "--format", "json", "--no-progress"]
    a = CliRunner().invoke(_register(), args)
    b = CliRunner().invoke(_register(), [*args, "--engine", "ray", "--workers", "2"])
    assert a.exit_code == b.exit_code == 0, b.output
    local, on_ray = json.loads(a.stdout), json.loads(b.stdout)
    assert on_ray["n"] == local["n"] == 300  # --limit of the file's 484 pairs, scored on workers
    assert on_ray["metrics"] == local["metrics"] and on_ray["models"] == local["models"]
