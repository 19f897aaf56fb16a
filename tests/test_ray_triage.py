"""claimcheck triage --engine ray on a real local Ray runtime (ray.init(num_cpus=2)), not a mock.

The fake pipeline of tests/fakes.py travels to the workers by value (cloudpickle), so the workers need not
import the tests. What a user would notice: the same files and verdicts as the local engine, a worker
killed mid-run costs nothing, and a killed driver resumes without losing or duplicating an article.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fakes
from conftest import REPO
from fakes import FakePipeline, FakeProfile, report_from_lines, triage_pipeline
from helpers import ranking, results, triage, write_articles

ray = pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")
pytestmark = pytest.mark.slow  # a Ray runtime and its workers take about a minute to start and run these


BY_VALUE = (fakes,)  # the fakes travel to the workers by value


def fake_factory(cfg):
    return triage_pipeline()


class DyingPipeline(FakePipeline):
    """The triage FakePipeline whose worker process is SIGKILLed the first time it gets the article named 'die'."""

    def __init__(self, marker: Path, log: Path):
        super().__init__(report=report_from_lines, profile=FakeProfile(), log=log)
        self.marker = marker

    def check_many(self, inputs):
        if any(i.name == "die.txt" for i in inputs) and not self.marker.exists():
            self.marker.write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
        return super().check_many(inputs)


def comparable(out: Path) -> list[dict]:
    """results.jsonl without timings (the only field that differs from one run to the next)."""
    return [{k: v for k, v in d.items() if k != "timings"} for d in results(out)]


def test_ray_engine_writes_what_the_local_engine_writes(tmp_path, ray_runtime, corpus):
    good = {f"desk/{i:02d}.txt": f"contradicted 0.{i + 1} Claim {i}.\nsupported 0.9 Other {i}.\n" for i in range(7)}
    arts = write_articles(tmp_path / "in", {**good, "empty.txt": "", "boom.txt": "BOOM supported 0.9 x\n"})
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    a = triage(arts, "--corpus", corpus, "--out", local, "--batch-size", "2", factory=fake_factory)
    b = triage(arts, "--corpus", corpus, "--out", on_ray, "--batch-size", "2", "--engine", "ray", "--workers", "2",
               factory=fake_factory)
    assert a.exit_code == b.exit_code == 3, b.output
    assert b.stdout == "" and "7 checked" in b.stderr and "2 failed" in b.stderr
    assert comparable(on_ray) == comparable(local)  # same reports, same order
    assert (on_ray / "ranking.csv").read_text() == (local / "ranking.csv").read_text()
    assert (on_ray / "errors.jsonl").read_text() == (local / "errors.jsonl").read_text()
    assert sorted(p.name for p in (on_ray / "reports").iterdir()) == sorted(p.name for p in (local / "reports").iterdir())
    rerun = triage(arts, "--corpus", corpus, "--out", on_ray, "--engine", "ray", "--workers", "2", factory=fake_factory)
    assert rerun.exit_code == 3 and "0 checked, 7 done earlier" in rerun.stderr  # only the failed ones retried
    assert len(results(on_ray)) == 7


def test_a_worker_killed_mid_run_is_retried_without_duplicates(tmp_path, ray_runtime, corpus):
    names = [f"{i:02d}" for i in range(10)] + ["die"]
    arts = write_articles(tmp_path / "in", {f"{n}.txt": f"supported 0.9 Claim {n}.\n" for n in names})
    marker, log = tmp_path / "killed.pid", tmp_path / "checked.log"
    out = tmp_path / "out"
    r = triage(arts, "--corpus", corpus, "--out", out, "--batch-size", "2", "--engine", "ray", "--workers", "2",
               factory=lambda cfg: DyingPipeline(marker, log))
    assert r.exit_code == 0, r.output
    assert marker.exists()  # a worker really was killed while checking 'die'
    ids = [d["article"]["id"] for d in results(out)]
    assert sorted(ids) == sorted(names)  # each article once: the killed batch was redone, not duplicated
    assert log.read_text().splitlines().count("die.txt") == 1  # checked once, by the restarted worker
    assert not (out / "errors.jsonl").read_text().strip()


DRIVER = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
import ray.cloudpickle
import fakes
from claimcheck.cli import triage_cmd
from fakes import triage_pipeline
import typer
ray.cloudpickle.register_pickle_by_value(fakes)
delay, log = float(sys.argv[1]), Path(sys.argv[2])
app = typer.Typer(add_completion=False)
triage_cmd.register(app, pipeline_factory=lambda cfg: triage_pipeline(delay=delay, log=log))
app.command("noop", hidden=True)(lambda: None)
app(sys.argv[3:])
"""


def test_resume_after_the_driver_is_killed(tmp_path, ray_runtime, corpus):
    n = 24
    arts = write_articles(tmp_path / "in", {f"{i:02d}.txt": f"supported 0.9 Claim {i}.\n" for i in range(n)})
    out, log, script = tmp_path / "out", tmp_path / "checked.log", tmp_path / "driver.py"
    script.write_text(DRIVER.format(tests=str(Path(__file__).parent)))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = ["triage", str(arts), "--corpus", str(corpus), "--out", str(out), "--batch-size", "2",
            "--engine", "ray", "--workers", "2", "--address", ray_runtime]
    proc = subprocess.Popen([sys.executable, str(script), "0.5", str(log), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    res = out / "results.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and (not res.exists() or len(res.read_bytes().splitlines()) < 4):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    first = [json.loads(line)["article"]["id"] for line in res.read_bytes().splitlines() if line.endswith(b"}")]
    assert 4 <= len(first) < n  # killed in the middle
    done = subprocess.run([sys.executable, str(script), "0", str(log), *args], env=env, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    ids = [d["article"]["id"] for d in results(out)]
    assert sorted(ids) == [f"{i:02d}" for i in range(n)]  # nothing lost, nothing twice
    assert ids[: len(first)] == first  # the earlier lines were kept, not redone
    assert f"{len(first)} done earlier" in done.stderr
    assert [r["id"] for r in ranking(out)] == sorted(ids) and "complete" in (out / "index.html").read_text()


def test_real_models_give_the_same_verdicts_on_ray(tmp_path, ray_runtime):
    src = tmp_path / "articles.jsonl"
    arts = [
        {"id": "launch", "text": "The James Webb Space Telescope lifted off on 25 December 2021 aboard an Ariane 5 rocket. It was launched from Kourou in French Guiana."},
        {"id": "mirror", "text": "Webb's primary mirror is 6.5 metres wide. It is built from 18 hexagonal beryllium segments."},
        {"id": "orbit", "text": "The observatory circles the Sun near the second Lagrange point. A large sunshield keeps its instruments cold."},
    ]
    src.write_text("".join(json.dumps(a) + "\n" for a in arts))
    seeds = REPO / "seeds" / "corpus.jsonl"
    a = triage(src, "--corpus", seeds, "--out", tmp_path / "local", "--batch-size", "2")
    b = triage(src, "--corpus", seeds, "--out", tmp_path / "ray", "--batch-size", "2", "--engine", "ray", "--workers", "2")
    assert a.exit_code == b.exit_code == 0, b.output

    def verdicts(out):
        return {d["article"]["id"]: [(c["text"], c["verdict"]) for c in d["claims"]] for d in results(out)}

    def scores(out):  # each text is encoded alone (int8 ONNX), so batches on the workers change nothing
        return sorted((d["article"]["id"], c["text"], c["score"]) for d in results(out) for c in d["claims"])

    got = verdicts(tmp_path / "ray")
    assert got == verdicts(tmp_path / "local") and len(got) == 3
    assert any(v == "supported" for claims in got.values() for _, v in claims)
    assert [x[2] for x in scores(tmp_path / "ray")] == pytest.approx([x[2] for x in scores(tmp_path / "local")], abs=1e-3)
