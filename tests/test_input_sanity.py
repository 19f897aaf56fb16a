"""Input sanity: a web address given as the article is one clear line (exit 2 in the CLI, 400 in the
API), never a report; no model loads for it."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.core.io import is_url

URL = "https://www.bbc.co.uk/news/science-environment-12345678"


def cli(*args, input=None):
    return CliRunner().invoke(_register(), [str(a) for a in args], input=input)


@pytest.mark.parametrize("text,expected", [
    (URL, True), ("  http://example.org/a?b=1\n", True), ("www.cnn.com/2020/06/01/story", True),
    ("Read more at https://example.org about the launch.", False), ("The U.S. economy grew 2%.", False),
    ("article.txt", False),
])
def test_a_single_web_address_is_recognised(text, expected):
    assert is_url(text) is expected


@pytest.mark.parametrize("args,input", [((URL,), None), (("-",), URL + "\n")])
def test_check_refuses_a_url_with_one_line_and_exit_2(args, input, tmp_path):
    r = cli("check", *args, "--corpus", tmp_path / "missing.jsonl", input=input)
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "is a web address, not an article" in lines[0] and "does not fetch" in lines[0]
    assert "Traceback" not in r.output and r.stdout == ""


def test_a_file_holding_only_a_url_is_refused(tmp_path):
    p = tmp_path / "link.txt"
    p.write_text(URL + "\n")
    r = cli("claims", p)
    assert r.exit_code == 2 and "link.txt: is a web address" in r.stderr


def test_the_api_answers_a_url_with_400():
    from fakes import FakePipeline, fake_client
    from helpers import assert_error

    pipe = FakePipeline()
    client = fake_client(pipe)
    assert_error(client.post("/api/check", json={"text": URL}), 400, "is a web address, not an article")
    assert_error(client.post("/api/check", data={"text": URL}), 400, "is a web address")
    assert pipe.calls == []
