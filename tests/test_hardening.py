"""Issue 14 regressions: every bad input is one line and exit 2, output files are
left untouched, runs are locked, and control characters never reach the terminal.

Inputs are crafted here in temp folders. CLI cases fail before any model loads, so they are fast.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.core import limits
from claimcheck.cli import _register
from claimcheck.core.errors import InputError, UserError
from claimcheck.core.locks import exclusive, lock_path
from claimcheck.core.sanitize import MAX_JSON_DEPTH, clean_text, load_json

from fakes import FakeEmbedder
from helpers import assert_one_line_exit_2, results, triage

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "seeds" / "corpus.jsonl"
DEEP = "[" * 10_000 + "]" * 10_000
DEEP_OBJ = '{"text": "A claim.", "x": ' + DEEP + "}"


def cli(*args, input=None):
    return CliRunner().invoke(_register(), [str(a) for a in args], input=input)


@pytest.fixture
def kept_output(tmp_path):
    """An existing --output file; a failed run must leave it as it was."""
    out = tmp_path / "report.json"
    out.write_text("earlier report\n")
    yield out
    assert out.read_text() == "earlier report\n"


# ------------------------------------------------------------------ bad input: one line, exit 2, output untouched


@pytest.mark.parametrize("name, body, phrase", [
    ("deep.json", DEEP_OBJ, "nested too deeply"),
    ("surrogate.json", '{"text": "The council met \\ud800 on Monday."}', "lone surrogate"),
    ("broken.json", '{"text": "unterminated', "not valid JSON"),
    ("markup.html", "<html><body><script>x()</script></body></html>", "no text"),
])
def test_bad_article_is_refused_before_models_load(tmp_path, kept_output, name, body, phrase):
    art = tmp_path / name
    art.write_text(body)
    assert_one_line_exit_2(cli("check", art, "--corpus", CORPUS, "--output", kept_output), phrase)


def test_article_over_the_limit_is_refused_up_front(tmp_path, kept_output, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ARTICLE_CHARS", 1000)
    art = tmp_path / "long.txt"
    art.write_text("The council met on Monday and approved the plan. " * 40)
    err = assert_one_line_exit_2(cli("check", art, "--corpus", CORPUS, "--output", kept_output), "too long to check")
    assert "1,960 characters of text; the limit is 1,000" in err


def test_fifo_and_devices_are_refused_not_read(tmp_path, kept_output):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)  # opening it for reading would block forever
    assert_one_line_exit_2(cli("check", fifo, "--corpus", CORPUS, "--output", kept_output), "not a regular file")
    assert_one_line_exit_2(cli("index", "/dev/zero", "--out", tmp_path / "idx"), "unsupported corpus")
    fifo_corpus = tmp_path / "corpus.jsonl"
    os.mkfifo(fifo_corpus)
    assert_one_line_exit_2(cli("index", fifo_corpus, "--out", tmp_path / "idx"), "not a regular file")


def test_deep_json_in_corpus_and_claims_files(tmp_path, kept_output):
    corpus_file = tmp_path / "corpus.jsonl"
    corpus_file.write_text('{"id": "a", "text": "Fine."}\n{"id": "b", "text": "x", "meta": ' + DEEP + "}\n")
    assert_one_line_exit_2(cli("index", corpus_file, "--out", tmp_path / "idx"), "corpus.jsonl:2: JSON nested too deeply")
    assert not (tmp_path / "idx").exists()
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"id": "1", "claim": "A claim.", "x": ' + DEEP + "}\n")
    assert_one_line_exit_2(cli("verify", claims, "--corpus", CORPUS, "--output", kept_output), "claims.jsonl:1:")


def test_unreadable_file_is_one_line(tmp_path, monkeypatch):
    corpus_file = tmp_path / "corpus.jsonl"
    corpus_file.write_text('{"id": "a", "text": "Fine."}\n')
    real_open = Path.open

    def no_permission(self, *a, **k):
        if self == corpus_file:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **k)

    monkeypatch.setattr(Path, "open", no_permission)  # chmod 000 does not stop root, who runs CI
    assert_one_line_exit_2(cli("index", corpus_file, "--out", tmp_path / "idx"), "cannot be read (Permission denied)")


def test_search_stdin_bad_bytes_and_size(monkeypatch):
    assert_one_line_exit_2(cli("search", "-", "--corpus", CORPUS, input=b"caf\xe9 prices\n"), "not UTF-8")
    monkeypatch.setattr(limits, "MAX_QUERY_CHARS", 100)
    assert_one_line_exit_2(cli("search", "-", "--corpus", CORPUS, input=b"x" * 5000), "query too long")
    assert_one_line_exit_2(cli("search", "word " * 30, "--corpus", CORPUS), "the limit is 100")


def test_error_lines_never_carry_control_characters(tmp_path):
    r = cli("check", tmp_path / "evil\x1b[2J\nname.txt", "--corpus", CORPUS)
    err = assert_one_line_exit_2(r, "no such file")
    assert "\\x1b[2J\\nname.txt" in err


def test_usage_errors_are_one_line_from_the_real_entry_point():
    r = subprocess.run([sys.executable, "-m", "claimcheck", "check", "x.txt"], capture_output=True, text=True,
                       cwd=REPO, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "--corpus" in lines[0] and "claimcheck check --help" in lines[0], r.stderr


# ------------------------------------------------------------------ the shared helpers


def test_load_json_limits_depth_and_cleans_strings():
    ok = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert load_json(ok, "x") is not None
    with pytest.raises(InputError, match="x: JSON nested too deeply"):
        load_json("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), "x")
    assert load_json('{"t": "red\\u001b[31m text\\u0000"}', "x") == {"t": "red[31m text"}
    with pytest.raises(InputError, match="lone surrogate"):
        load_json('{"\\udc80": 1}', "x")
    assert clean_text("a\x00b\x1b[0mc\x9bd\te\nf\x0bg") == "ab[0mcd\te\nf g"


def test_text_after_the_first_8k_is_cleaned_too(tmp_path):
    from claimcheck.core.io import read_text

    art = tmp_path / "a.txt"
    art.write_bytes(b"The council met. " * 600 + b"\x1b]0;pwned\x07 It agreed.\x00\n")
    text = read_text(str(art)).text
    assert "\x1b" not in text and "\x00" not in text and "\x07" not in text and text.endswith("It agreed.\n")


# ------------------------------------------------------------------ locks


def test_lock_is_exclusive_and_removed(tmp_path):
    target = tmp_path / "out"
    with exclusive(target, wait=False) as lp:
        assert lp.exists() and lp == lock_path(target)
        with pytest.raises(UserError, match="busy here"):
            with exclusive(target, wait=False, busy="busy here"):
                pass
    assert not lp.exists()


def test_index_build_leaves_no_lock_file(tmp_path):
    from claimcheck.index.corpus import Document
    from claimcheck.index import build_index

    build_index([Document("a", "The council met on Monday.")], tmp_path / "idx", FakeEmbedder())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]


# ------------------------------------------------------------------ triage


def test_triage_isolates_a_deep_json_line_and_leaves_no_lock(tmp_path, fake, corpus):
    arts = tmp_path / "articles.jsonl"
    arts.write_text('{"id": "a", "text": "supported 0.9 Fine."}\n'
                    '{"id": "b", "text": "x", "meta": ' + DEEP + "}\n"
                    '{"id": "c", "text": "contradicted 0.8 Also fine."}\n')
    out = tmp_path / "out"
    for _ in range(2):  # the rerun is not killed by the bad line either
        r = triage(arts, "--corpus", corpus, "--out", out)
        assert r.exit_code == 3, r.output
        assert sorted(d["article"]["id"] for d in results(out)) == ["a", "c"]
        errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
        assert len(errors) == 1 and "nested too deeply" in json.dumps(errors)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl", "corpus.jsonl", "out"]


def test_second_triage_into_the_same_out_is_refused(tmp_path, fake, corpus):
    arts = tmp_path / "articles.jsonl"
    arts.write_text('{"id": "a", "text": "supported 0.9 Fine."}\n')
    out = tmp_path / "out"
    with exclusive(out, wait=False):  # as a running triage holds it
        r = triage(arts, "--corpus", corpus, "--out", out)
    assert r.exit_code == 2 and "another claimcheck triage is writing into this folder" in r.stderr
    assert not out.exists() and fake.batches == []


def test_resume_rewrites_results_without_duplicates(tmp_path, fake, corpus):
    arts = tmp_path / "articles.jsonl"
    arts.write_text('{"id": "a", "text": "supported 0.9 Fine."}\n{"id": "b", "text": "contradicted 0.8 No."}\n')
    out = tmp_path / "out"
    assert triage(arts, "--corpus", corpus, "--out", out).exit_code == 0
    lines = (out / "results.jsonl").read_text().splitlines()
    (out / "results.jsonl").write_text("\n".join(lines + lines) + "\n")  # what two unlocked runs left behind
    assert triage(arts, "--corpus", corpus, "--out", out).exit_code == 0
    assert [d["article"]["id"] for d in results(out)] == ["a", "b"]


def test_claims_text_output_carries_no_escape_sequences(tmp_path):
    art = tmp_path / "a.txt"
    art.write_bytes(b"The council met in Geneva on Monday. " * 300
                    + b"It approved \x1b[31ma budget\x1b[0m of 2 million euros.\x00\n")
    r = cli("claims", art, "--format", "text")
    assert r.exit_code == 0, r.output
    assert "a budget" in r.stdout and "\x1b" not in r.stdout and "\x00" not in r.stdout


# ------------------------------------------------------------------ index checksums


def test_a_flipped_vector_is_refused_after_a_cached_verification(tmp_path):
    import numpy as np

    from claimcheck.index.corpus import Document
    from claimcheck.core.errors import IndexMismatch
    from claimcheck.index import build_index
    from claimcheck.index.store import IndexStore

    out = tmp_path / "idx"
    build_index([Document(f"d{i}", f"Document {i} says the council met.") for i in range(20)], out, FakeEmbedder())
    IndexStore(out).close()  # verified in full; the fingerprints are cached
    IndexStore(out).close()  # unchanged: opens from the cache
    vec = out / "vectors.npy"
    data = bytearray(vec.read_bytes())
    data[-7] ^= 0x40  # one bit of the last row, same size
    vec.write_bytes(bytes(data))
    with pytest.raises(IndexMismatch, match="vectors.npy does not match its checksum"):
        IndexStore(out)
    assert np.load(vec).shape[0] > 0


def test_a_killed_index_build_keeps_its_embedded_batches(tmp_path):
    from claimcheck.index.corpus import Document
    from claimcheck.index import build_index, open_retriever

    docs = [Document(f"d{i}", f"Report {i}: the council of town {i} met on day {i % 7}.") for i in range(700)]
    out = tmp_path / "idx"
    crashing = FakeEmbedder(fail_after=2)  # two batches (2 x 256 passages) embedded, then the process dies
    with pytest.raises(RuntimeError):
        build_index(docs, out, crashing)
    assert not out.exists() and len(crashing.texts) == 512
    again = FakeEmbedder()
    stats = build_index(docs, out, again)
    assert stats.embedded == 700 - 512 and len(again.texts) == 700 - 512
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]  # no cache, no lock left behind
    fresh = tmp_path / "fresh"
    build_index(docs, fresh, FakeEmbedder())
    qs = ["council of town 77", "town 650 day"]
    assert open_retriever(out, embedder=again).search_batch(qs, 3) == open_retriever(fresh, embedder=again).search_batch(qs, 3)


def test_a_claim_over_the_query_limit_is_refused(tmp_path, kept_output, monkeypatch):
    monkeypatch.setattr(limits, "MAX_QUERY_CHARS", 50)
    claims = tmp_path / "claims.txt"
    claims.write_text("The council met.\n" + "The council met on Monday and approved the plan " * 3 + "\n")
    assert_one_line_exit_2(cli("verify", claims, "--corpus", CORPUS, "--output", kept_output), "claims.txt:2: claim: too long")
