"""Issue 26 (verify): rows stream to --out as claims are judged, a rerun resumes, the claims limit, corpus
records over the input limit, progress lines in logs. The pipeline is fakes.FakePipeline (no models)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.pipeline import Pipeline

from conftest import REPO
from fakes import FakePipeline
from helpers import assert_one_line_exit_2

CORPUS = REPO / "seeds" / "corpus.jsonl"
TESTS = Path(__file__).resolve().parent


@pytest.fixture
def fake(monkeypatch):
    """The FakePipeline every `claimcheck verify` of the test runs with (its `judged` lists each claim judged)."""
    pipe = FakePipeline()
    monkeypatch.setattr(Pipeline, "create", classmethod(lambda cls, *a, **k: pipe))
    return pipe


def cli(*args, input=None):
    return CliRunner().invoke(_register(), [str(a) for a in args], input=input)


def write_claims(path: Path, n: int, ids: bool = True) -> Path:
    with path.open("w") as f:
        for i in range(n):
            row = {"id": f"c{i}", "claim": f"Claim number {i} is {'not ' if i % 3 == 0 else ''}true."}
            f.write(json.dumps(row if ids else {"claim": row["claim"]}) + "\n")
    return path


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


DRIVER = textwrap.dedent('''
    import os, sys
    from pathlib import Path
    sys.path[:0] = [{tests!r}, {repo!r}]  # this checkout's claimcheck, not whichever one is installed
    from fakes import FakePipeline
    from claimcheck.pipeline import Pipeline

    slow = FakePipeline(delay=float(os.environ.get("FAKE_BATCH_SECONDS", "0")), log=Path(os.environ["FAKE_JUDGED"]))
    Pipeline.create = classmethod(lambda cls, *a, **k: slow)
    from claimcheck.cli import main
    sys.argv = ["claimcheck", *sys.argv[1:]]
    main()
''')


def test_verify_killed_halfway_and_rerun_writes_every_claim_once(tmp_path):
    n = 640  # ten batches of 64
    claims = write_claims(tmp_path / "claims.jsonl", n)
    out, judged = tmp_path / "rows.jsonl", tmp_path / "judged.txt"
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER.format(tests=str(TESTS), repo=str(TESTS.parent)))
    args = [sys.executable, str(driver), "verify", str(claims), "--corpus", str(CORPUS), "--out", str(out)]
    env = {**os.environ, "FAKE_JUDGED": str(judged), "FAKE_BATCH_SECONDS": "0.25"}
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < n // 2):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)  # halfway: no cleanup, no goodbye
    proc.wait(10)
    first = rows_of(out)
    assert n // 2 <= len(first) < n, len(first)
    assert proc.stdout.read() == b""  # rows go to --out, not stdout

    judged.unlink()
    env["FAKE_BATCH_SECONDS"] = "0"
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = rows_of(out)
    assert [r["id"] for r in rows] == [f"c{i}" for i in range(n)]  # every claim once, in input order
    rerun = judged.read_text().splitlines()
    assert rerun == [r["claim"] for r in rows[len(first):]]  # the rerun judged only the second half
    assert f"({len(first):,} already in the output, skipped)" in done.stderr
    assert {r["verdict"] for r in rows} == {"supported", "contradicted"}
    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)  # nothing left
    assert again.returncode == 0 and "nothing to verify" in again.stderr and len(rows_of(out)) == n


def test_claims_without_ids_resume_by_text_hash_and_a_torn_last_row_is_judged_again(tmp_path, fake):
    claims = tmp_path / "claims.txt"
    claims.write_text("".join(f"Claim number {i} is true.\n" for i in range(10)))
    out = tmp_path / "rows.jsonl"
    out.write_text("".join(json.dumps({"id": str(i + 1), "claim": f"Claim number {i} is true.", "verdict": "supported"}) + "\n"
                           for i in range(4)) + '{"id": "5", "claim": "Claim numb')  # killed mid-row
    r = cli("verify", claims, "--corpus", CORPUS, "--out", out)
    assert r.exit_code == 0, r.output
    assert fake.judged == [f"Claim number {i} is true." for i in range(4, 10)]
    rows = rows_of(out)
    assert [x["id"] for x in rows] == [str(i) for i in range(1, 11)]  # ids stay the line numbers of the input
    assert r.stdout == ""


def test_without_out_stdout_keeps_its_contract(tmp_path, fake):
    claims = write_claims(tmp_path / "claims.jsonl", 3)
    r = cli("verify", claims, "--corpus", CORPUS)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["c0", "c1", "c2"]
    assert {"id", "claim", "verdict", "score", "probabilities", "evidence"} <= set(json.loads(lines[0]))
    j = cli("verify", claims, "--corpus", CORPUS, "--format", "json")
    assert [x["id"] for x in json.loads(j.stdout)] == ["c0", "c1", "c2"]


def test_progress_lines_when_stderr_is_a_log(tmp_path, fake):
    claims = write_claims(tmp_path / "claims.jsonl", 300)
    r = cli("verify", claims, "--corpus", CORPUS, "--out", tmp_path / "rows.jsonl")
    assert r.exit_code == 0, r.output
    lines = r.stderr.splitlines()
    progress = [line for line in lines if line.startswith("claimcheck: verified ") and "/300 claims" in line]
    assert progress and "claims/s" in progress[0] and "left" in progress[0]
    assert lines[-1].startswith("claimcheck: verified 300 claims in ")


def test_out_refuses_what_it_cannot_append_to(tmp_path, fake):
    claims = write_claims(tmp_path / "claims.jsonl", 3)
    assert_one_line_exit_2(cli("verify", claims, "--corpus", CORPUS, "--out", claims), "is the CLAIMS input")
    assert_one_line_exit_2(cli("verify", claims, "--corpus", CORPUS, "--out", tmp_path / "o.jsonl", "--format", "json"),
                           "--format json")
    assert_one_line_exit_2(cli("verify", claims, "--corpus", CORPUS, "--out", tmp_path / "o.jsonl", "--output",
                               tmp_path / "x.jsonl"), "not both")
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "a", "claim": "x"}\nthis is not a row\n')
    assert_one_line_exit_2(cli("verify", claims, "--corpus", CORPUS, "--out", other), "other.jsonl:2:")
    assert fake.judged == []


def test_the_claims_limit(tmp_path, fake, monkeypatch):
    from claimcheck.core import limits

    claims = write_claims(tmp_path / "claims.jsonl", 4)
    monkeypatch.setattr(limits, "MAX_CLAIMS", 3)
    assert_one_line_exit_2(cli("verify", claims, "--corpus", CORPUS), "holds 4 claims; the limit is 3")
    monkeypatch.setattr(limits, "MAX_CLAIMS", 4)
    assert cli("verify", claims, "--corpus", CORPUS).exit_code == 0
    for bad in ("abc", "0", "-5", "1e5", "2.5"):
        monkeypatch.setenv("CLAIMCHECK_MAX_CLAIMS", bad)
        assert_one_line_exit_2(cli("verify", claims, "--corpus", CORPUS), "CLAIMCHECK_MAX_CLAIMS")


def test_a_corpus_record_over_the_input_limit_is_refused_with_its_line(tmp_path, monkeypatch):
    from claimcheck.index import corpus

    monkeypatch.setattr(corpus, "MAX_INPUT_BYTES", 1000)
    big = tmp_path / "big.jsonl"
    big.write_text(json.dumps({"id": "a", "text": "Small."}) + "\n" + json.dumps({"id": "b", "text": "é" * 600}) + "\n")
    r = cli("verify", "-", "--corpus", big, input="A claim.\n")
    assert_one_line_exit_2(r, "big.jsonl:2:")
    assert "1,200 bytes" in r.stderr and "CLAIMCHECK_MAX_INPUT_BYTES" in r.stderr
