"""`claimcheck feedback list|export|import` and the export rules (claimcheck.feedback.export)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimcheck.datasets.newsdev import claims_folder
from claimcheck.datasets.nli import read_pairs_jsonl
from claimcheck.feedback import FeedbackStore
from claimcheck.feedback.export import pairs, summary

from conftest import REPO
from fakes import make_row

EV = ({"passage_id": "d1#0", "doc_id": "d1", "text": "Intro. The vote was on Tuesday.", "rationale": "The vote was on Tuesday.",
       "entailment": 0.1, "contradiction": 0.7, "neutral": 0.2},
      {"passage_id": "d2#0", "doc_id": "d2", "text": "The budget is two million.", "rationale": "",
       "entailment": 0.6, "contradiction": 0.1, "neutral": 0.3})


def rows():
    chosen = make_row(evidence=EV, passage_choice="passage", passage_id="d1#0", passage_text=EV[0]["text"],
                      decision="right", verdict="contradicted")
    none = make_row(claim_text="The mayor was re-elected.", evidence=EV, model_verdict="supported", decision="wrong",
                    verdict="not_enough_info", passage_choice="none", note="")
    lean = make_row(claim_text="The budget is two million.", evidence=EV, model_verdict="not_enough_info",
                    decision="wrong", verdict="supported", passage_choice="", note="")
    return [chosen, none, lean]


def cli(*args, home):
    env = {"CLAIMCHECK_HOME": str(home), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=120)


def test_pairs_follow_the_rules():
    got = [(p["premise"], p["hypothesis"], p["label"]) for p in pairs(rows())]
    assert got == [
        ("The vote was on Tuesday.", "The budget was approved on Monday.", "contradiction"),  # the chosen rationale
        ("The vote was on Tuesday.", "The mayor was re-elected.", "neutral"),  # "none": every shown passage
        ("The budget is two million.", "The mayor was re-elected.", "neutral"),
        ("The budget is two million.", "The budget is two million.", "entailment"),  # leaned most to entailment
    ]
    # a later decision on the same claim replaces the earlier one; pairs whose labels clash are dropped
    changed = make_row(evidence=EV, passage_choice="passage", passage_id="d1#0", passage_text=EV[0]["text"],
                       verdict="not_enough_info", note="changed my mind")
    assert [p["label"] for p in pairs(rows() + [changed])][-1] == "neutral"
    s = summary(rows() + [changed])
    assert (s["rows"], s["claims"], s["right"], s["wrong"]) == (4, 3, 0, 3)
    assert s["changes"]["contradicted -> not_enough_info"] == 1


def test_list_export_import_end_to_end(tmp_path):
    home = tmp_path / "home"
    db = home / "feedback.sqlite"
    with FeedbackStore(db) as store:
        for r in rows():
            store.add(r)
    r = cli("feedback", "list", home=home)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "3 decisions on 3 claims of 1 articles: 1 right, 2 wrong"
    assert "1  supported -> not_enough_info" in r.stdout
    listed = json.loads(cli("feedback", "list", "--format", "json", home=home).stdout)
    assert listed["changes"] == {"contradicted (right)": 1, "not_enough_info -> supported": 1,
                                 "supported -> not_enough_info": 1}

    out = tmp_path / "pairs.jsonl"
    r = cli("feedback", "export", "--format", "pairs", "--out", str(out), home=home)
    assert r.returncode == 0 and "wrote 4 pairs" in r.stderr, r.stderr
    assert [p.label for p in read_pairs_jsonl(out)] == ["contradiction", "neutral", "neutral", "entailment"]

    folder = tmp_path / "fb-claims"
    r = cli("feedback", "export", "--format", "claims", "--out", str(folder), home=home)
    assert r.returncode == 0, r.stderr
    claims, corpus, n_docs = claims_folder(folder)  # what `eval verify --dataset` reads
    assert [c.label for c in claims] == ["contradicted", "not_enough_info", "supported"]
    assert claims[0].evidence_docs == ("d1#0",) and n_docs == 2
    again = cli("feedback", "export", "--format", "claims", "--out", str(folder), home=home)
    assert again.returncode == 0  # its own two files may be replaced

    theirs = tmp_path / "desk2.sqlite"
    with FeedbackStore(theirs) as store:
        store.add(rows()[0])
        store.add(make_row(claim_text="Desk two's claim.", token_name="desk2"))
    r = cli("feedback", "import", str(theirs), home=home)
    assert r.returncode == 0 and "imported 1 decisions" in r.stderr and "(1 already here)" in r.stderr, r.stderr
    assert len(FeedbackStore(db)) == 4


@pytest.mark.parametrize("args, msg", [
    (["feedback", "list", "--db", "{tmp}/absent.sqlite"], "no such file"),
    (["feedback", "list", "--db", "{tmp}/junk.sqlite"], "not a claimcheck feedback database"),
    (["feedback", "import", "{tmp}/absent.sqlite"], "no such file"),
    (["feedback", "export", "--format", "claims", "--out", "{tmp}/busy", "--db", "{tmp}/ok.sqlite"], "holds other files"),
    (["feedback", "export", "--format", "pairs", "--out", "{tmp}/p.jsonl", "--db", "{tmp}/empty.sqlite"], "no decision"),
    (["feedback", "export", "--format", "xml", "--out", "{tmp}/x"], "xml"),
])
def test_bad_input_is_one_line_exit_2(tmp_path, args, msg):
    (tmp_path / "junk.sqlite").write_text("junk" * 500)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    FeedbackStore(tmp_path / "empty.sqlite").close()
    with FeedbackStore(tmp_path / "ok.sqlite") as s:
        s.add(rows()[0])
    r = cli(*[a.replace("{tmp}", str(tmp_path)) for a in args], home=tmp_path / "home")
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert msg in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
