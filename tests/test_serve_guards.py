"""Issue 26 (serve): cross-site requests are refused first (403, never a failed token attempt), requests
without a token from an editor's address do not lock the editor out, and every request is one access-log
line without its query string, body or token. The app runs with the fake pipeline of tests/fakes.py."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register

from fakes import FakePipeline, fake_client
from helpers import assert_error, assert_one_line_exit_2, free_port

TOKEN = "a-long-enough-test-token"
GOOD = {"authorization": f"Bearer {TOKEN}"}
ARTICLE = {"text": "The council met on Monday. It approved the budget."}


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "http://testserver:8080"},  # same host, another port: another origin
    {"origin": "https://testserver"},  # another scheme
    {"origin": "null"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
])
def test_a_cross_site_post_is_403_before_the_token_and_never_counts_as_a_failure(headers):
    client = fake_client(FakePipeline(), token=TOKEN, auth_failures=3)
    for _ in range(10):  # a page on another site posting a form, ten times, with no token
        assert_error(client.post("/api/check", json=ARTICLE, headers=headers), 403, "cross-site request refused")
    assert_error(client.post("/api/check", json=ARTICLE, headers={**headers, **GOOD}), 403)  # even with the token
    r = client.post("/api/check", json=ARTICLE, headers=GOOD)  # the editor is not locked out
    assert r.status_code == 200, r.text


def test_same_origin_and_originless_requests_pass_to_the_token_rules():
    client = fake_client(FakePipeline(), token=TOKEN)
    for headers in ({"origin": "http://testserver"}, {"origin": "http://TestServer:80"},
                    {"sec-fetch-site": "same-origin"}, {"sec-fetch-site": "none"}, {}):
        assert client.post("/api/check", json=ARTICLE, headers={**headers, **GOOD}).status_code == 200, headers
        assert_error(client.post("/api/check", json=ARTICLE, headers=headers), 401, "access token")
    # a link from another site still opens the page; the page's API calls are same-origin
    assert client.get("/", headers={"sec-fetch-site": "cross-site"}).status_code == 200
    assert_error(client.get("/api/health", headers={"sec-fetch-site": "cross-site", **GOOD}), 403)


def test_requests_without_a_token_no_longer_lock_out_an_editor_who_has_the_token():
    client = fake_client(FakePipeline(), token=TOKEN, auth_failures=3)
    assert client.get("/api/health", headers=GOOD).status_code == 200  # the editor's address shows the token
    for _ in range(10):  # then stray requests without one (a script, a page before the token is typed)
        assert_error(client.post("/api/check", json=ARTICLE), 401, "access token")
    assert client.post("/api/check", json=ARTICLE, headers=GOOD).status_code == 200
    for _ in range(3):  # wrong tokens are guesses and still count
        assert_error(client.get("/api/health", headers={"authorization": "Bearer guess"}), 401)
    assert_error(client.get("/api/health", headers=GOOD), 429, "failed token attempts")


def test_an_address_that_never_showed_the_token_still_has_tokenless_requests_counted():
    client = fake_client(FakePipeline(), token=TOKEN, auth_failures=3)
    for _ in range(3):
        assert_error(client.get("/api/health"), 401)
    assert_error(client.get("/api/health"), 429, "failed token attempts")


def _fields(line: str) -> list[str]:
    return line.split(" ")


def test_the_access_log_has_one_line_per_request_without_query_body_or_token(tmp_path):
    log = tmp_path / "access.log"
    client = fake_client(FakePipeline(), token=TOKEN, access_log=str(log))
    secret_text = "The SECRET-BODY council met on Monday."
    assert client.post("/api/check?token=QUERY-SECRET&format=json", json={"text": secret_text}, headers=GOOD).status_code == 200
    assert client.get("/api/health?token=QUERY-SECRET").status_code == 401
    assert client.post("/api/check", json=ARTICLE, headers={"origin": "http://evil.example"}).status_code == 403
    assert client.get("/no/such/page").status_code == 404
    lines = log.read_text().splitlines()
    assert len(lines) == 4, lines
    got = [(f[2], f[3], f[4]) for f in map(_fields, lines)]
    assert got == [("POST", "/api/check", "200"), ("GET", "/api/health", "401"), ("POST", "/api/check", "403"),
                   ("GET", "/no/such/page", "404")]
    for line in lines:
        f = _fields(line)
        assert len(f) == 6 and f[0][:4].isdigit() and "T" in f[0] and f[1] == "testclient"
        assert f[5].endswith("ms") and float(f[5][:-2]) >= 0
    text = log.read_text()
    for secret in (TOKEN, "QUERY-SECRET", "SECRET-BODY", "?"):
        assert secret not in text


def test_the_access_log_goes_to_stderr_by_default_and_a_forged_path_cannot_break_the_line(capsys):
    client = fake_client(FakePipeline())
    client.get("/api/health")
    client.get("/x%0aFAKE 127.0.0.1 GET /admin 200 1.0ms")
    err = [line for line in capsys.readouterr().err.splitlines() if " GET " in line]
    assert len(err) == 2 and _fields(err[0])[3:5] == ["/api/health", "200"]
    assert len(_fields(err[1])) == 6 and _fields(err[1])[4] == "404"


def test_serve_command_access_log_option(monkeypatch, tmp_path):
    import uvicorn

    from claimcheck.serve import Checker
    from claimcheck.serve.checker import Corpus

    runs = []
    monkeypatch.setattr(Checker, "load", classmethod(lambda cls, *a, **k: Checker([Corpus("demo", "demo.jsonl", FakePipeline())])))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append((app, kw)))
    port = str(free_port())

    def cli(*args):
        return CliRunner().invoke(_register(), ["serve", "-c", "demo.jsonl", "--port", port, *map(str, args)])

    assert_one_line_exit_2(cli("--access-log", tmp_path), "is a folder")
    assert_one_line_exit_2(cli("--access-log", tmp_path / "missing" / "a.log"), "cannot be written")
    assert not runs
    assert cli().exit_code == 0 and runs[-1][0].state.config.access_log == "-"
    assert cli("--access-log", "off").exit_code == 0 and runs[-1][0].state.config.access_log is None
    assert cli("--access-log", tmp_path / "a.log").exit_code == 0
    assert runs[-1][0].state.config.access_log == str(tmp_path / "a.log")
