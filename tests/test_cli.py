"""A CLI test per command and input mode, on the real offline models (MiniLM, spaCy) and seeds/."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claimcheck.cli import _register
from claimcheck.core.types import VERDICTS

from conftest import REPO, SEED_ARTICLE, needs_shared

ARTICLE = REPO / "seeds" / "article.md"
CORPUS = REPO / "seeds" / "corpus.jsonl"
runner = CliRunner()


def cli(*args, input=None):
    return runner.invoke(_register(), [str(a) for a in args], input=input)


def test_help_lists_commands_without_importing_a_model_library():
    """--help is instant because no model library is imported for it (what would make it slow)."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "claimcheck", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for name in ("check", "claims", "summarize", "verify", "index", "search", "triage", "eval", "bench", "models", "train"):
        assert name in out.stdout
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in out.stderr.splitlines() if line.startswith("import time:")}
    assert "typer" in imported  # the import log was read
    assert not imported & {"torch", "transformers", "sentence_transformers", "spacy", "numpy", "bm25s", "peft",
                            "starlette", "uvicorn"}  # serve reads its defaults from serve.config alone


def test_models_lists_profiles_and_presence():
    r = cli("models", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    offline = {x["role"]: x for x in rows if x["profile"] == "offline"}
    assert set(offline) == {"claims", "summarizer", "embedder", "verifier"}
    assert all(x["present"] for x in offline.values())
    std = [x for x in rows if x["profile"] == "standard"]
    assert std and not all(x["present"] for x in std)  # hub models are not on this machine


def test_models_lists_each_backends_options_and_each_tables_keys():
    r = cli("models")
    assert r.exit_code == 0, r.output
    out = " ".join(r.stdout.split())
    for title in ('[claims] backend = "rules"', '[summarizer] backend = "seq2seq"', '[verifier] backend = "nli"',
                  '[embedder] backend = "sentence-transformers"', "[judge]", "[rationale]", "[retrieval]", "[risk]"):
        assert title in out
    assert "contradict_threshold │ float │ 0.5 │ contradiction a" in out
    assert 'runtime │ "torch" | "onnx" │ "torch"' in out


def test_claims_from_file_and_stdin_agree():
    from_file = cli("claims", ARTICLE, "--format", "jsonl")
    assert from_file.exit_code == 0, from_file.output
    from_stdin = cli("claims", "-", "--format", "jsonl", input=ARTICLE.read_text())
    assert from_stdin.exit_code == 0, from_stdin.output
    a = [json.loads(l)["text"] for l in from_file.stdout.splitlines()]
    b = [json.loads(l)["text"] for l in from_stdin.stdout.splitlines()]
    assert a == b and len(a) >= 8
    assert any("Soyuz" in t for t in a)


def test_summarize_prints_flagged_sentences_as_json():
    r = cli("summarize", ARTICLE, "--format", "json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["sentences"] and all(x["flag"] in ("ok", "unsupported", "contradicted") for x in s["sentences"])
    # an extractive summary quotes the article, so the checker must not flag it
    assert all(x["flag"] == "ok" for x in s["sentences"])


def _check_schema(doc: dict) -> None:
    assert doc["schema_version"] == 1
    assert set(doc) == {"schema_version", "article", "summary", "claims", "risk", "models", "timings", "warnings"}
    assert set(doc["article"]) == {"id", "title", "path", "n_sentences", "n_words", "date", "date_source", "date_passages"}
    assert doc["article"]["date_source"] in (None, "option", "json", "html", "dateline", "inferred")
    assert set(doc["summary"]) == {"text", "model", "sentences"}
    ids = {c["id"] for c in doc["claims"]}
    for s in doc["summary"]["sentences"]:
        assert set(s) == {"text", "flag", "claims", "verdict", "attention"} and set(s["claims"]) <= ids
        assert s["verdict"] in (*VERDICTS, None)
    assert set(doc["risk"]) == {"score", "n_supported", "n_contradicted", "n_not_enough_info", "needs_review", "coverage"}
    assert set(doc["models"]) == {"claims", "summarizer", "embedder", "verifier"}
    for c in doc["claims"]:
        # schema v1 fields exactly; v1 grows only by the additive fields named here
        assert set(c) == {"id", "text", "sentence_index", "span", "spans", "checkworthy", "verdict", "score",
                          "probabilities", "reason", "evidence", "attention", "attention_score", "attention_passage",
                          "time"}
        assert c["attention"] in (None, "possible_conflict")
        assert (c["attention"] is None) == (c["attention_score"] is None) == (c["attention_passage"] is None)
        assert c["attention"] is None or c["verdict"] == "not_enough_info"
        assert c["time"] is None or {"anchored", "start", "end", "text", "label", "source"} <= set(c["time"])
        # `spans`: the runs of source words the claim is made of, inside its `span`
        assert c["spans"] and all(c["span"][0] <= s < e <= c["span"][1] for s, e in c["spans"])
        assert c["reason"].strip() and "\n" not in c["reason"]  # one line: why this verdict, or why not checked
        assert c["verdict"] in VERDICTS
        assert set(c["probabilities"]) == set(VERDICTS)
        assert 0.0 <= c["score"] <= 1.0
        for e in c["evidence"]:
            assert set(e) == {"passage_id", "doc_id", "title", "text", "similarity", "entailment", "contradiction", "neutral",
                              "rationale", "rationale_similarity", "conflict", "conflict_kind", "agreement", "date", "event",
                              "event_time", "addresses"}
            assert e["event"] in ("same", "other", "unknown")
            assert not e["rationale"] or e["rationale"][:40] in e["text"]  # the sentence(s) read come from the passage


def test_check_json_schema_and_spans(demo_check_json):
    doc = demo_check_json
    _check_schema(doc)
    assert doc["article"]["n_sentences"] > 5
    by_text = {c["text"]: c for c in doc["claims"]}
    mirror = next(c for t, c in by_text.items() if "6.5" in t)
    assert mirror["evidence"][0]["doc_id"] == "webb-mirror"


def test_check_markdown_from_stdin_and_html_from_a_file(tmp_path, demo_check_json):
    md = cli("check", "-", "--corpus", CORPUS, "--format", "md", input=ARTICLE.read_text())
    assert md.exit_code == 0, md.output
    rows = {line.split("]")[0][3:]: line for line in md.stdout.splitlines() if line.startswith("| [c")}
    labels = {"supported": "Supported", "contradicted": "Contradicted", "not_enough_info": "Not enough info"}
    # one table row per claim of the JSON report, each with its claim and its verdict (or "not check-worthy")
    assert set(rows) == {c["id"] for c in demo_check_json["claims"]}
    for c in demo_check_json["claims"]:
        assert c["text"] in rows[c["id"]]
        assert (labels[c["verdict"]] if c["checkworthy"] else "Not check-worthy") in rows[c["id"]]
    assert "Contradicted" in next(r for r in rows.values() if "five years" in r)  # the demo's fuel claim
    out = tmp_path / "report.html"
    html = cli("check", ARTICLE, "--corpus", CORPUS, "--format", "html", "--output", out)
    assert html.exit_code == 0, html.output
    assert html.stdout == ""  # with --output, stdout stays clean
    page = out.read_text()
    assert page.lstrip().lower().startswith("<!doctype html") and "article.md" in page


def test_verify_keeps_input_order(tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        '{"id": "z", "claim": "Webb\'s primary mirror is 6.5 metres wide."}\n'
        '{"id": "a", "claim": "The harbour ferry service was closed by strong winds."}\n'
    )
    r = cli("verify", claims, "--corpus", CORPUS)
    assert r.exit_code == 0, r.output
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert [x["id"] for x in rows] == ["z", "a"]
    assert rows[0]["evidence"][0]["doc_id"] == "webb-mirror"
    assert rows[1]["evidence"][0]["doc_id"] == "weather-harbour"
    for row in rows:  # the same fields and rounding as a report's claims, with the line that says why
        assert {"verdict", "score", "probabilities", "reason", "evidence"} <= set(row) and row["reason"]
        assert all(v == round(v, 4) for v in row["probabilities"].values())
    txt = cli("verify", "-", "--corpus", CORPUS, "--format", "json", input="Webb orbits near the second Lagrange point.\n")
    assert txt.exit_code == 0 and json.loads(txt.stdout)[0]["id"] == "1"


def _write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make,expect", [
    (lambda p: p / "missing.txt", "no such file"),
    (lambda p: _write(p / "e.txt", b""), "empty"),
    (lambda p: _write(p / "b.txt", b"\x00\x01\x02binary"), "binary"),
    (lambda p: _write(p / "l.txt", "na\xefve caf\xe9".encode("latin-1")), "not UTF-8"),
])
def test_bad_article_is_one_line_and_exit_2(tmp_path, make, expect):
    path = make(tmp_path)
    out = tmp_path / "report.json"
    out.write_text("previous report")
    r = cli("check", path, "--corpus", CORPUS, "--output", out)
    assert r.exit_code == 2
    assert expect in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert out.read_text() == "previous report"  # nothing already written is lost


def test_bad_corpus_profile_and_device_exit_2(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "fine"}\nnot json\n')
    r = cli("verify", "-", "--corpus", bad, input="A claim.\n")
    assert r.exit_code == 2 and "bad.jsonl:2:" in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    r = cli("check", ARTICLE, "--corpus", empty)
    assert r.exit_code == 2
    r = cli("check", ARTICLE, "--corpus", CORPUS, "--profile", "nosuch")
    assert r.exit_code == 2 and "unknown profile" in r.stderr
    r = cli("claims", ARTICLE, "--device", "tpu")
    assert r.exit_code == 2 and "unknown device" in r.stderr


def test_missing_model_is_one_line_exit_2():
    r = cli("check", ARTICLE, "--corpus", CORPUS, "--profile", "standard")
    assert r.exit_code == 2
    assert "not on this machine" in r.stderr and len(r.stderr.strip().splitlines()) == 1


@needs_shared
def test_check_on_the_seed_article_prints_schema_v1():
    r = cli("check", SEED_ARTICLE, "--corpus", CORPUS, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    _check_schema(doc)
    assert len(doc["claims"]) >= 20
    summit = [c for c in doc["claims"] if "Vostochny" in c["text"]]
    assert summit and "kim-putin-2023" in [e["doc_id"] for e in summit[0]["evidence"]]


def test_opinion_and_questions_are_reported_but_not_checked(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Webb's primary mirror is 6.5 metres wide.\n\nIs the telescope worth the money?\n")
    r = cli("check", art, "--corpus", CORPUS)
    assert r.exit_code == 0, r.output
    claims = json.loads(r.stdout)["claims"]
    question = next(c for c in claims if c["text"].endswith("?"))
    assert not question["checkworthy"]
    assert question["verdict"] == "not_enough_info" and question["evidence"] == []
    mirror = next(c for c in claims if "6.5" in c["text"])
    assert mirror["checkworthy"] and mirror["evidence"]
