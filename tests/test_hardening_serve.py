"""Issue 14 regressions in the server: bad request bodies are 400, token guessing is limited, every
loopback bind checks the Host header, slow or vanishing clients are cut off, a check has a time budget.

The app runs with the fake pipeline of tests/fakes.py (no model loads)."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from claimcheck.core import limits
from claimcheck.cli import _register

from fakes import FakePipeline, fake_client
from helpers import assert_error, assert_one_line_exit_2, free_port

DEEP = "[" * 10_000 + "]" * 10_000


def cli(*args):
    return CliRunner().invoke(_register(), [str(a) for a in args])


def _server(**cfg):
    return fake_client(FakePipeline(), **cfg)


@pytest.mark.parametrize("body, phrase", [
    ('{"text": "A claim.", "x": ' + DEEP + "}", "nested too deeply"),
    ('{"text": "The council met \\ud800 on Monday."}', "lone surrogate"),
    (b'{"text": "caf\xe9"}', "not UTF-8"),
])
def test_server_bad_json_bodies_are_400(body, phrase):
    r = _server().post("/api/check", content=body, headers={"content-type": "application/json"})
    assert_error(r, 400, phrase)


def test_failed_token_attempts_are_rate_limited_per_address():
    token = "a-long-enough-test-token"
    client = _server(token=token, auth_failures=3)
    for _ in range(3):
        assert_error(client.get("/api/health", headers={"authorization": "Bearer guess"}), 401)
    assert_error(client.get("/api/health", headers={"authorization": "Bearer guess"}), 429, "failed token attempts")
    r = client.get("/api/health", headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1  # the right token waits too


def test_host_check_covers_every_loopback_bind():
    from claimcheck.serve import Checker, ServeConfig, create_app
    from claimcheck.serve.config import loopback_hosts
    from claimcheck.serve.checker import Corpus

    assert loopback_hosts("0.0.0.0") is None
    for bind, good in (("::1", "http://[::1]:8000"), ("127.0.0.2", "http://127.0.0.2:8000"),
                       ("127.0.0.1", "http://localhost:8000")):
        app = create_app(Checker([Corpus("demo", "demo.jsonl", FakePipeline())]), ServeConfig(allowed_hosts=loopback_hosts(bind)))
        assert TestClient(app, base_url=good).get("/api/health").status_code == 200, bind
        assert TestClient(app, base_url="http://rebound.example:8000").get("/api/health").status_code == 400, bind


def test_a_check_past_the_time_budget_is_stopped_with_503():
    r = _server(time_budget=1e-9).post("/api/check", json={"text": "The council met on Monday."})
    assert_error(r, 503, "time budget")


def test_serve_command_token_length_proxy_headers_and_limits(monkeypatch):
    import uvicorn

    from claimcheck.serve import Checker
    from claimcheck.serve.checker import Corpus

    runs = []
    monkeypatch.setattr(Checker, "load", classmethod(lambda cls, *a, **k: Checker([Corpus("demo", "demo.jsonl", FakePipeline())])))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append((app, kw)))
    port = str(free_port())
    assert_one_line_exit_2(cli("serve", "-c", "demo.jsonl", "--port", port, "--token", "short"), "at least 16")
    assert_one_line_exit_2(cli("serve", "-c", "demo.jsonl", "--port", port, "--max-chars", str(limits.MAX_ARTICLE_CHARS + 1)),
                           "over the article limit")
    assert not runs
    r = cli("serve", "-c", "demo.jsonl", "--port", port)
    assert r.exit_code == 0, r.output
    app, kw = runs[-1]
    assert kw["proxy_headers"] is False  # X-Forwarded-For cannot pick the rate-limit key
    assert app.state.config.allowed_hosts and "127.0.0.1" in app.state.config.allowed_hosts
    r = cli("serve", "-c", "demo.jsonl", "--port", port, "--trust-proxy", "10.0.0.5")
    assert r.exit_code == 0 and runs[-1][1]["proxy_headers"] is True and runs[-1][1]["forwarded_allow_ips"] == "10.0.0.5"


def test_a_client_that_never_finishes_its_request_head_is_disconnected():
    import socket
    import threading

    import uvicorn
    from starlette.applications import Starlette

    from claimcheck.serve.protocol import TimedH11Protocol

    class Quick(TimedH11Protocol):
        header_timeout = 0.3

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(Starlette(), host="127.0.0.1", port=port, http=Quick, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            threading.Event().wait(0.05)
        with socket.create_connection(("127.0.0.1", port), timeout=30) as c:
            c.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # half a head, then nothing
            assert c.recv(1024) == b""  # the server hung up (recv would time out after 30 s otherwise)
    finally:
        server.should_exit = True
        thread.join(10)


def test_a_body_that_never_arrives_is_a_408():
    import asyncio

    from starlette.requests import Request

    from claimcheck.serve.errors import RequestTimeout
    from claimcheck.serve.inputs import read_body

    async def trickle():
        await asyncio.sleep(3600)  # the client sent its head, then stalls

    request = Request({"type": "http", "method": "POST", "path": "/api/check", "headers": []}, trickle)
    with pytest.raises(RequestTimeout, match="took longer than"):
        asyncio.run(read_body(request, 1000, timeout=0.2))
    assert RequestTimeout.status == 408


def test_a_client_that_disconnects_mid_body_is_one_log_line(caplog):
    import asyncio

    client = _server()
    app = client.app
    sent = []

    async def receive():
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/check", "raw_path": b"/api/check", "query_string": b"",
             "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
             "client": ("127.0.0.1", 5555), "server": ("127.0.0.1", 8000), "scheme": "http", "http_version": "1.1",
             "root_path": "", "asgi": {"version": "3.0"}}
    with caplog.at_level("WARNING", logger="claimcheck.serve"):
        asyncio.run(app(scope, receive, send))
    records = [r for r in caplog.records if r.name == "claimcheck.serve"]
    assert len(records) == 1 and records[0].exc_info is None and "disconnected" in records[0].getMessage()
