"""`claimcheck serve`: the JSON API through Starlette's TestClient (schema, errors, limits, token, jobs).

The schema tests run the real offline pipeline on seeds/; error and limit tests use a fake pipeline
that returns a fixed report, so they need no models.
"""
from __future__ import annotations

import json
import re
import socket
import threading
import time

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.components import NAMES as COMPONENT_NAMES
from claimcheck.core.errors import InputError
from claimcheck.serve import Checker, ServeConfig, create_app
from claimcheck.serve.config import RateLimiter
from claimcheck.serve.checker import STAGES, Corpus, corpus_names

from conftest import REPO
from fakes import FakePipeline, fake_client, make_report
from helpers import assert_error, free_port, wait_for

ARTICLE = REPO / "seeds" / "article.md"
CORPUS = REPO / "seeds" / "corpus.jsonl"
EVIL = ("The James Webb Space Telescope was launched in 2021. <script>window.__pwned=1</script> "
        'Its mirror is 6.5 metres wide. <img src=x onerror="window.__pwned=2"> It orbits the Sun.')
TIMINGS = re.compile(r"<p>Timings: [^<]*</p>")


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The real offline models over two corpora (the demo corpus and a folder), loaded once."""
    notes = tmp_path_factory.mktemp("notes")
    (notes / "ferry.txt").write_text("The harbour ferry service was suspended on Tuesday because of strong winds.\n")
    home = tmp_path_factory.getbasetemp() / "claimcheck-home"
    home.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLAIMCHECK_HOME", str(home))
        yield Checker.load([str(CORPUS), f"notes={notes}"], warm_up=False, log=lambda msg: None)


def no_timings(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "timings"}


# ------------------------------------------------------------------ the real pipeline


def test_api_returns_the_same_report_as_check_json(engine, demo_check_json):
    text = ARTICLE.read_text()
    with TestClient(create_app(engine)) as client:
        resp = client.post("/api/check", json={"text": text})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    api = resp.json()
    assert resp.text == json.dumps(api, ensure_ascii=False, indent=2) + "\n"  # printed as the CLI prints it
    assert no_timings(api) == no_timings(demo_check_json)  # `check - --format json` on the same text
    assert api["schema_version"] == 1 and api["article"]["id"] == "stdin"
    assert {c["verdict"] for c in api["claims"]} <= {"supported", "contradicted", "not_enough_info"}
    assert set(api["timings"]) >= {"segment", "claims", "verify", "total"}


def test_job_shows_stages_and_serves_the_cli_html_renderer(engine):
    with TestClient(create_app(engine)) as client:
        started = client.post("/api/jobs", json={"text": EVIL, "title": "Webb <b>news</b>", "corpus": "corpus"})
        assert started.status_code == 202, started.text
        view = wait_for(client, started.json()["id"])
        assert view["state"] == "done", view
        assert view["done"] == view["total"] == len(STAGES) and view["corpus"] == "corpus"
        frag = view["fragment"]
        report = client.get(f"/api/jobs/{view['id']}/report.json").json()
        page = client.get(f"/api/jobs/{view['id']}/report.html")
    # article text is escaped, never markup
    assert "<script>window" not in frag and "<img" not in frag and "<b>news" not in frag
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in frag and "&lt;img src=x" in frag
    assert 'class="cc-hl' in frag and report["article"]["title"] == "Webb <b>news</b>"
    # the page's fragment is exactly what `check --format html` embeds (timings aside)
    assert page.status_code == 200 and "script-src 'sha256-" in page.headers["content-security-policy"]
    assert frag in page.text
    cli = CliRunner().invoke(_register(), ["check", "-", "--corpus", str(CORPUS), "--format", "html",
                                           "--title", "Webb <b>news</b>"], input=EVIL)
    assert cli.exit_code == 0, cli.output
    assert TIMINGS.sub("", frag) in TIMINGS.sub("", cli.stdout)


def test_upload_a_file_and_pick_the_other_corpus(engine):
    with TestClient(create_app(engine)) as client:
        corpora = client.get("/api/corpora").json()
        assert [c["name"] for c in corpora["corpora"]] == ["corpus", "notes"]
        assert corpora["default"] == "corpus" and corpora["corpora"][0]["passages"] > 0
        resp = client.post("/api/check", data={"corpus": "notes"},
                           files={"file": ("ferry-story.md", b"# Ferry\n\nThe harbour ferry service was suspended on Tuesday.\n")})
    assert resp.status_code == 200, resp.text
    doc = resp.json()
    assert doc["article"]["id"] == "ferry-story" and doc["article"]["title"] == "Ferry"
    evidence = [e["doc_id"] for c in doc["claims"] for e in c["evidence"]]
    assert evidence and set(evidence) == {"ferry"}  # read from the notes corpus (ferry.txt), not the default one


def test_several_corpora_share_one_set_of_models(engine):
    a, b = (c.pipeline for c in engine.corpora.values())
    assert a.components is b.components and set(a.components.loaded()) == set(COMPONENT_NAMES)
    for name in COMPONENT_NAMES:
        assert getattr(a, name) is getattr(b, name), name
    assert a.retriever.embedder is a.embedder and b.retriever.embedder is a.embedder


# ------------------------------------------------------------------ errors and limits (fake pipeline)


def test_health_and_corpora_describe_the_server():
    client = fake_client(max_chars=1234, rate=7)
    h = client.get("/api/health").json()
    assert h["status"] == "ok" and h["corpora"] == ["demo"] and h["auth"] is False
    assert h["limits"]["max_chars"] == 1234 and h["limits"]["rate_per_minute"] == 7
    assert h["models"]["verifier"] == make_report().models["verifier"]
    assert client.get("/api/corpora").json() == {"corpora": [{"name": "demo", "source": "demo.jsonl", "default": True}],
                                                 "default": "demo"}
    page = client.get("/")
    assert page.status_code == 200 and 'data-auth="0"' in page.text and 'data-max-chars="1234"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert client.get("/static/app.js").status_code == 200
    assert "window.claimcheckReport" in client.get("/static/report.js").text


@pytest.mark.parametrize("kwargs,phrase", [
    ({"json": {"text": "   \n"}}, "article text: is empty"),
    ({"json": {"title": "no text"}}, '"text" is missing'),
    ({"json": {"text": 42}}, '"text" is missing or not a string'),
    ({"json": ["a list"]}, "must be a JSON object"),
    ({"json": {"text": "Fine.", "title": 3}}, '"title" must be a string'),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, "not valid JSON"),
    ({"files": {"file": ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x01\x02\x03binary")}}, "photo.jpg: looks like a binary file"),
    ({"files": {"file": ("scan.pdf", b"%PDF-1.4\x00\x01\x02\x03binary")}}, "scan.pdf: is not a readable PDF file"),
    ({"files": {"file": ("empty.txt", b"  \n")}}, "empty.txt: is empty"),
    ({"files": {"file": ("latin.txt", "Caf\u00e9 au lait.".encode("latin-1"))}}, "latin.txt: is not UTF-8"),
    ({"data": {"title": "t"}, "files": {"other": ("a.txt", b"x")}}, 'no "file" or "text" field'),
])
def test_bad_input_is_a_400_with_the_cli_message(kwargs, phrase):
    pipe = FakePipeline()
    client = fake_client(pipe)
    assert_error(client.post("/api/check", **kwargs), 400, phrase)
    assert pipe.calls == []  # nothing reached the pipeline


def test_the_articles_date_reaches_the_pipeline_and_a_bad_one_is_a_400():
    pipe = FakePipeline()
    c = fake_client(pipe)
    assert c.post("/api/check", json={"text": "One claim.", "date": "2023-09-13"}).status_code == 200
    assert c.post("/api/check", data={"text": "One claim.", "date": "2023-09-14"}).status_code == 200
    assert pipe.dates == ["2023-09-13", "2023-09-14"]
    assert_error(c.post("/api/check", json={"text": "One claim.", "date": "next Tuesday"}), 400, "YYYY-MM-DD")


def test_other_content_types_are_refused():
    assert_error(fake_client().post("/api/check", content=b"text", headers={"content-type": "text/plain"}),
                 415, "unsupported content type")


def test_too_long_articles_are_a_413():
    client = fake_client(max_chars=100)
    assert client.post("/api/check", json={"text": "a" * 100}).status_code == 200
    assert_error(client.post("/api/check", json={"text": "a" * 101}), 413, "101 characters", "limit is 100", "--max-chars")
    assert_error(client.post("/api/jobs", files={"file": ("long.txt", b"b" * 101)}), 413, "long.txt: too long")
    big = json.dumps({"text": "c" * 100_000}).encode()  # refused from its Content-Length, before parsing
    assert_error(client.post("/api/check", content=big, headers={"content-type": "application/json"}),
                 413, "request too large")


def test_rate_limit_per_client_is_a_429():
    client = fake_client(rate=3)
    for _ in range(3):
        assert client.post("/api/check", json={"text": "One claim."}).status_code == 200
    resp = client.post("/api/jobs", json={"text": "One claim."})
    assert_error(resp, 429, "limit is 3 a minute")
    assert int(resp.headers["retry-after"]) >= 1
    assert client.get("/api/health").status_code == 200  # reading is not rate limited


def test_rate_limiter_window_slides():
    now = [0.0]
    rl = RateLimiter(2, clock=lambda: now[0])
    rl.hit("a"), rl.hit("a"), rl.hit("b")
    with pytest.raises(Exception, match="limit is 2"):
        rl.hit("a")
    now[0] = 61.0
    rl.hit("a")


def test_token_is_required_on_every_api_call():
    client = fake_client(token="s3cret")
    for path in ("/api/health", "/api/corpora", "/api/jobs/x"):
        resp = client.get(path)
        assert_error(resp, 401, "Authorization: Bearer")
        assert resp.headers["www-authenticate"].startswith("Bearer")
    assert_error(client.post("/api/check", json={"text": "A claim."}), 401)
    assert_error(client.get("/api/health", headers={"Authorization": "Bearer wrong"}), 401, "wrong access token")
    assert_error(client.get("/api/health", headers={"Authorization": "Basic s3cret"}), 401)
    ok = {"Authorization": "Bearer s3cret"}
    assert client.get("/api/health", headers=ok).json()["auth"] is True
    assert client.post("/api/check", json={"text": "A claim."}, headers=ok).status_code == 200
    page = client.get("/")  # the page itself loads; it asks for the token
    assert page.status_code == 200 and 'data-auth="1"' in page.text


def test_unknown_corpus_job_or_path_is_a_404():
    client = fake_client()
    assert_error(client.post("/api/check", json={"text": "A claim.", "corpus": "archive"}), 404,
                 "unknown corpus 'archive'", "demo")
    assert_error(client.post("/api/jobs", data={"text": "A claim.", "corpus": "archive"}), 404, "unknown corpus")
    assert_error(client.get("/api/jobs/nope"), 404, "no job")
    assert_error(client.get("/api/nothing"), 404)


def test_pipeline_errors_are_messages_and_bugs_are_a_generic_500(caplog):
    assert_error(fake_client(FakePipeline(error=InputError("corpus.jsonl:3: not valid JSON"))).post(
        "/api/check", json={"text": "A claim."}), 400, "corpus.jsonl:3: not valid JSON")
    client = fake_client(FakePipeline(error=RuntimeError("secret internal detail")))
    resp = client.post("/api/check", json={"text": "A claim."})
    assert_error(resp, 500, "internal error")
    assert "secret" not in resp.text
    assert "secret internal detail" in caplog.text  # logged with its traceback for the operator
    view = wait_for(client, client.post("/api/jobs", json={"text": "A claim."}).json()["id"])
    assert view["state"] == "error" and view["status"] == 500 and "secret" not in json.dumps(view)


def test_job_progress_queue_and_busy_limit():
    gate = threading.Event()
    pipe = FakePipeline(gate=gate)
    client = fake_client(pipe, max_pending=2)
    first = client.post("/api/jobs", json={"text": "First article.", "title": "One"}).json()["id"]
    second = client.post("/api/jobs", data={"text": "Second article."}).json()["id"]
    assert_error(client.post("/api/jobs", json={"text": "Third."}), 503, "busy")
    deadline = time.monotonic() + 10
    while client.get(f"/api/jobs/{first}").json()["stage"] != "verify" and time.monotonic() < deadline:
        time.sleep(0.02)
    running, queued = client.get(f"/api/jobs/{first}").json(), client.get(f"/api/jobs/{second}").json()
    assert running["state"] == "running" and running["stage_label"] == "Verifying claims"
    assert running["done"] == 5 and running["total"] == 6
    assert queued["state"] == "queued" and client.get("/api/health").json()["queue"]["pending"] == 2
    assert_error(client.get(f"/api/jobs/{first}/report.json"), 404, "has no report")
    gate.set()
    done = wait_for(client, second)
    assert done["state"] == "done" and done["risk"]["needs_review"] is True
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in done["fragment"]
    assert [c[1:] for c in pipe.calls] == [("stdin", "One"), ("stdin", None)]


def test_host_header_is_checked_when_bound_to_loopback():
    eng = Checker([Corpus("demo", "demo.jsonl", FakePipeline())])
    app = create_app(eng, ServeConfig(allowed_hosts=("127.0.0.1", "localhost")))
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/health").status_code == 200
    assert TestClient(app, base_url="http://rebound.example:8000").get("/api/health").status_code == 400


def test_corpus_names():
    assert corpus_names(["seeds/corpus.jsonl", "archive/", "wire=data/wire.jsonl", "x/corpus.jsonl"]) == [
        ("corpus", "seeds/corpus.jsonl"), ("archive", "archive/"), ("wire", "data/wire.jsonl"),
        ("corpus-2", "x/corpus.jsonl")]


# ------------------------------------------------------------------ the command


def test_serve_command_warns_without_token_off_loopback(monkeypatch):
    import uvicorn

    runs = []
    fake = Checker([Corpus("demo", "demo.jsonl", FakePipeline())])
    monkeypatch.setattr(Checker, "load", classmethod(lambda cls, *a, **k: fake))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append(kw))
    port = free_port()
    r = CliRunner().invoke(_register(), ["serve", "-c", "demo.jsonl", "--host", "0.0.0.0", "--port", str(port)])
    assert r.exit_code == 0, r.output
    assert "no authentication" in r.stderr and runs[0]["host"] == "0.0.0.0"
    monkeypatch.setenv("CLAIMCHECK_TOKEN", "s3cret-long-enough-token")
    r = CliRunner().invoke(_register(), ["serve", "-c", "demo.jsonl", "--host", "0.0.0.0", "--port", str(port)])
    assert r.exit_code == 0 and "no authentication" not in r.stderr and "token required" in r.stderr
    r = CliRunner().invoke(_register(), ["serve", "-c", "demo.jsonl", "--port", str(port)])
    assert r.exit_code == 0 and "warning" not in r.stderr


def test_serve_command_port_in_use_is_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = CliRunner().invoke(_register(), ["serve", "-c", str(CORPUS), "--port", str(port)])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"claimcheck: error: cannot listen on 127.0.0.1:{port}")
