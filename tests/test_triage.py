"""claimcheck triage: batching, resume after a kill, bad input isolated, ranking, escaping.

Most tests use fakes.triage_pipeline, whose check_many builds reports from lines of the article text
("contradicted 0.9 Some claim."), so verdicts are crafted and no model loads.
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

from claimcheck.core.errors import InputError
from claimcheck.triage import row_from_report, sort_rows
from claimcheck.core.types import Report

from conftest import REPO
from fakes import VERDICT_WORDS, report_from_lines
from helpers import ranking, results, triage, write_articles


# ---------------------------------------------------------------- ranking rule


def crafted(aid: str, claims: list[tuple[str, float]], checkworthy: bool = True) -> Report:
    raw = "".join(f"{v} {s} claim {i} of {aid}\n" for i, (v, s) in enumerate(claims))
    return Report.from_dict(report_from_lines(raw, aid, None, "").to_dict())  # as results.jsonl gives it back


def test_results_written_before_coverage_existed_rank_with_it_from_their_claims():
    old = report_from_lines("not_enough_info 0.9 A.\nsupported 0.9 B.\n", "old", None, "").to_dict()
    del old["risk"]["coverage"]
    row = row_from_report(Report.from_dict(old))
    assert row.coverage == 0.5  # the supported claim is addressed, the uncovered one is not


def test_ranking_puts_confident_contradictions_first():
    reports = {
        "calm": crafted("calm", [("supported", 0.95)] * 4),
        "unsure": crafted("unsure", [("not_enough_info", 0.9)] * 3),  # no passage addresses them: not covered
        "one-weak": crafted("one-weak", [("contradicted", 0.55), ("supported", 0.9), ("supported", 0.9)]),
        "one-strong": crafted("one-strong", [("contradicted", 0.95), ("supported", 0.9), ("supported", 0.9)]),
        "two": crafted("two", [("contradicted", 0.7), ("contradicted", 0.6)] + [("supported", 0.9)] * 6),
        "low": crafted("low", [("contradicted", 0.45)] + [("supported", 0.9)] * 9),  # below contradiction_review
    }
    rows = [row_from_report(d) for d in reports.values()]
    order = [r.id for r in sort_rows(rows)]
    # contradicted (even a weak one: its risk 0.45 reaches the review threshold) > not covered > supported
    assert order == ["two", "one-strong", "one-weak", "low", "unsure", "calm"]
    two = next(r for r in rows if r.id == "two")
    assert two.top_claim == "claim 0 of two" and two.top_claim_verdict == "contradicted" and two.top_claim_score == 0.7


def test_ranking_csv_follows_the_rule_and_lists_failures_last(tmp_path, fake, corpus):
    arts = write_articles(tmp_path / "in", {
        "a-calm.txt": "supported 0.9 The sky is blue.\n",
        "b-bad.txt": "",
        "c-contra.md": "# Budget <b>cuts</b>\n\ncontradicted 0.9 Taxes fell.\nsupported 0.8 Rates rose.\n",
        "d-unsure.txt": "not_enough_info 0.9 A rumour.\n",
    })
    out = tmp_path / "out"
    r = triage(arts, "--corpus", corpus, "--out", out)
    assert r.exit_code == 3, r.output
    rows = ranking(out)
    assert [x["id"] for x in rows] == ["c-contra", "d-unsure", "a-calm", "b-bad"]
    assert [x["rank"] for x in rows] == ["1", "2", "3", "4"]
    top = rows[0]
    assert top["title"] == "Budget <b>cuts</b>" and top["needs_review"] == "yes"
    assert (top["n_contradicted"], top["n_supported"], top["top_claim"], top["top_claim_verdict"]) == ("1", "1", "Taxes fell.", "contradicted")
    assert rows[3]["status"] == "error" and "empty" in rows[3]["error"] and rows[0]["status"] == "ok"


# ---------------------------------------------------------------- outputs, batching, bad input


def test_folder_batches_articles_and_isolates_bad_files(tmp_path, fake, corpus):
    good = {f"desk/{i:02d}.txt": f"supported 0.9 Claim number {i}.\n" for i in range(7)}
    bad = {"empty.txt": "", "binary.html": b"\x00\x01\x02PNG\x00" * 50, "latin1.md": "caf\xe9 r\xe9sum\xe9\n".encode("latin-1"),
           "boom.txt": "BOOM supported 0.9 x\n", "tags.html": "<html><body><p> </p></body></html>", "notes.csv": "ignored,file\n", ".hidden.txt": "supported 0.9 no\n"}
    arts = write_articles(tmp_path / "in", {**good, **bad})
    out = tmp_path / "out"
    r = triage(arts, "--corpus", corpus, "--out", out, "--batch-size", "4")
    assert r.exit_code == 3, r.output
    assert r.stdout == ""
    done = [d["article"]["id"] for d in results(out)]
    assert sorted(done) == sorted(k[:-4] for k in good)
    assert max(len(b) for b in fake.batches) > 1  # several articles per check_many call
    errs = {e["id"]: e["error"] for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert set(errs) == {"empty", "binary", "latin1", "boom", "tags"}
    assert "is empty" in errs["empty"] and "binary" in errs["binary"] and "not UTF-8" in errs["latin1"]
    assert "article has no text" in errs["boom"] and errs["tags"].startswith("tags.html: ")
    err_lines = [l for l in r.stderr.splitlines() if l.startswith("claimcheck: error:")]
    assert len(err_lines) == 5 and any("latin1.md" in l for l in err_lines)
    assert "7 checked" in r.stderr and "5 failed" in r.stderr
    for d in results(out):  # every report has its page, linked from the dashboard
        assert d["schema_version"] == 1
    index = (out / "index.html").read_text()
    for row in ranking(out):
        if row["status"] == "ok":
            assert (out / row["report"]).is_file() and f'href="{row["report"]}"' in index


def test_all_good_exits_zero(tmp_path, fake, corpus):
    arts = write_articles(tmp_path / "in", {"a.txt": "supported 0.9 A.\n", "b.txt": "supported 0.8 B.\n"})
    out = arts / "triage"  # inside the input folder: its pages must not come back as articles
    for _ in range(2):
        r = triage(arts, "--corpus", corpus, "--out", out)
        assert r.exit_code == 0, r.output
    assert (out / "errors.jsonl").read_text() == ""
    assert [x["id"] for x in ranking(out)] == ["b", "a"] and len(results(out)) == 2


def test_jsonl_bad_lines_are_reported_alone(tmp_path, fake, corpus):
    lines = [
        json.dumps({"id": "a", "text": "contradicted 0.8 A.\n", "title": "Alpha", "url": "https://x.test/a"}),
        '{"id": "b", "text": "supported 0.9 B."',  # malformed
        json.dumps({"id": "c"}),  # no text
        json.dumps({"id": "a", "text": "supported 0.9 again.\n"}),  # duplicate id
        "",
        json.dumps({"id": 7, "text": "not_enough_info 0.6 Seven.\n"}),
    ]
    src = tmp_path / "articles.jsonl"
    src.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "d", "text": "caf\xe9"}\n')
    out = tmp_path / "out"
    r = triage(src, "--corpus", corpus, "--out", out)
    assert r.exit_code == 3
    got = {d["article"]["id"]: d for d in results(out)}
    assert set(got) == {"a", "7"}
    assert got["a"]["article"]["title"] == "Alpha" and got["a"]["article"]["path"] == "https://x.test/a"
    errs = [json.loads(l) for l in (out / "errors.jsonl").read_text().splitlines()]
    by_source = {e["source"]: e["error"] for e in errs}
    assert set(by_source) == {"articles.jsonl:line 2", "articles.jsonl:line 3", "articles.jsonl:line 4", "articles.jsonl:line 7"}
    assert "not valid JSON" in by_source["articles.jsonl:line 2"]
    assert "no \"text\"" in by_source["articles.jsonl:line 3"]
    assert "already used on line 1" in by_source["articles.jsonl:line 4"]
    assert "not UTF-8" in by_source["articles.jsonl:line 7"]


def test_titles_and_claims_are_escaped(tmp_path, fake, corpus):
    evil = '<script>alert("t")</script>'
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": 'x"><script>alert(1)</script>', "title": evil,
                               "text": 'contradicted 0.9 <img src=x onerror=alert(2)> said "no".\n'}) + "\n")
    out = tmp_path / "out"
    assert triage(src, "--corpus", corpus, "--out", out).exit_code == 0
    index = (out / "index.html").read_text()
    assert "<script>alert" not in index and "<img" not in index and 'x">' not in index
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in index and "&lt;img src=x onerror=alert(2)&gt;" in index
    assert index.count("<script>") == 1  # the sort script only
    page = out / ranking(out)[0]["report"]
    assert page.parent == out / "reports" and "<script>alert" not in page.read_text()


# ---------------------------------------------------------------- resume, force, changed input


def test_torn_last_line_is_dropped_and_redone(tmp_path, fake, corpus):
    arts = write_articles(tmp_path / "in", {f"{i}.txt": f"supported 0.9 Claim {i}.\n" for i in range(4)})
    out = tmp_path / "out"
    assert triage(arts, "--corpus", corpus, "--out", out).exit_code == 0
    lines = (out / "results.jsonl").read_bytes().splitlines(keepends=True)
    (out / "results.jsonl").write_bytes(b"".join(lines[:2]) + lines[2][:40])  # killed mid-write of line 3
    fake.batches.clear()
    r = triage(arts, "--corpus", corpus, "--out", out)
    assert r.exit_code == 0, r.output
    assert "dropped" in r.stderr and "2 done earlier" in r.stderr
    assert sorted(n for b in fake.batches for n in b) == ["2.txt", "3.txt"]  # only the unfinished ones
    ids = [d["article"]["id"] for d in results(out)]
    assert sorted(ids) == ["0", "1", "2", "3"] and len(ids) == 4
    assert len(ranking(out)) == 4


def test_rerun_of_a_finished_triage_checks_nothing(tmp_path, fake, corpus):
    arts = write_articles(tmp_path / "in", {"a.txt": "supported 0.9 A.\n", "bad.txt": ""})
    out = tmp_path / "out"
    assert triage(arts, "--corpus", corpus, "--out", out).exit_code == 3
    fake.batches.clear()
    r = triage(arts, "--corpus", corpus, "--out", out)
    assert r.exit_code == 3 and fake.batches == []  # the bad file is retried and fails again
    assert len(results(out)) == 1 and len((out / "errors.jsonl").read_text().splitlines()) == 1


def test_changed_input_is_refused_and_force_starts_over(tmp_path, fake, corpus):
    first = write_articles(tmp_path / "first", {"a.txt": "supported 0.9 A.\n", "b.txt": "supported 0.9 B.\n"})
    second = write_articles(tmp_path / "second", {"c.txt": "contradicted 0.9 C.\n"})
    out = tmp_path / "out"
    (tmp_path / "out").mkdir()
    (out / "editor-notes.txt").write_text("keep me")
    assert triage(first, "--corpus", corpus, "--out", out).exit_code == 0
    r = triage(second, "--corpus", corpus, "--out", out)
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "other input" in r.stderr and "--force" in r.stderr
    r = triage(first, "--corpus", corpus, "--out", out, "--top-k", "3")
    assert r.exit_code == 2 and "top_k" in r.stderr
    assert [d["article"]["id"] for d in results(out)] == ["a", "b"]  # untouched by the refusals
    r = triage(second, "--corpus", corpus, "--out", out, "--force")
    assert r.exit_code == 0, r.output
    assert [d["article"]["id"] for d in results(out)] == ["c"]
    assert [x["id"] for x in ranking(out)] == ["c"]
    assert len(list((out / "reports").iterdir())) == 1 and (out / "editor-notes.txt").read_text() == "keep me"


def test_review_threshold_option_overrides_the_profile(tmp_path, fake, corpus):
    arts = write_articles(tmp_path / "in", {"a.txt": "not_enough_info 0.5 A.\nsupported 0.9 B.\n"})  # risk 0.12
    assert triage(arts, "--corpus", corpus, "--out", tmp_path / "o1").exit_code == 0
    assert ranking(tmp_path / "o1")[0]["needs_review"] == "no"
    assert triage(arts, "--corpus", corpus, "--out", tmp_path / "o2", "--review-threshold", "0.1").exit_code == 0
    assert ranking(tmp_path / "o2")[0]["needs_review"] == "yes"
    assert results(tmp_path / "o2")[0]["risk"]["needs_review"] is True


def test_bad_usage_is_one_line_and_exit_2(tmp_path, fake, corpus):
    (tmp_path / "empty").mkdir()
    write_articles(tmp_path / "only-csv", {"x.csv": "a,b\n"})
    (tmp_path / "a.txt").write_text("supported 0.9 A.\n")
    cases = [
        ((tmp_path / "missing", "--corpus", corpus), "no such file or folder"),
        ((tmp_path / "empty", "--corpus", corpus), "holds no articles"),
        ((tmp_path / "only-csv", "--corpus", corpus), "holds no articles"),
        ((tmp_path / "a.txt", "--corpus", corpus), "expected a folder"),
        ((tmp_path / "only-csv", "--corpus", tmp_path / "nope.jsonl"), "holds no articles"),
    ]
    write_articles(tmp_path / "ok", {"a.txt": "supported 0.9 A.\n"})
    cases.append(((tmp_path / "ok", "--corpus", tmp_path / "nope.jsonl"), "--corpus"))
    for args, expect in cases:
        r = triage(*args, "--out", tmp_path / "out")
        assert r.exit_code == 2, (args, r.output)
        assert expect in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "out" / "results.jsonl").exists()


SLOW_RUNNER = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from claimcheck.cli import triage_cmd
from fakes import triage_pipeline
import typer
delay = float(sys.argv[1])
log = Path(sys.argv[2])
app = typer.Typer(add_completion=False)
triage_cmd.register(app, pipeline_factory=lambda cfg: triage_pipeline(delay=delay, log=log))
app.command("noop", hidden=True)(lambda: None)
app(sys.argv[3:])
"""


def test_resume_after_sigkill_loses_and_duplicates_nothing(tmp_path, corpus):
    n = 24
    arts = write_articles(tmp_path / "in", {f"{i:02d}.txt": f"supported 0.9 Claim {i}.\n" for i in range(n)})
    out, log = tmp_path / "out", tmp_path / "checked.log"
    script = tmp_path / "runner.py"
    script.write_text(SLOW_RUNNER.format(tests=str(Path(__file__).parent)))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = ["triage", str(arts), "--corpus", str(corpus), "--out", str(out), "--batch-size", "2"]
    proc = subprocess.Popen([sys.executable, str(script), "0.4", str(log), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    res = out / "results.jsonl"
    deadline = time.time() + 60
    while time.time() < deadline and (not res.exists() or len(res.read_bytes().splitlines()) < 4):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    first = []
    for line in res.read_bytes().splitlines():
        try:
            first.append(json.loads(line)["article"]["id"])
        except ValueError:
            pass  # a line torn by the kill
    assert 4 <= len(first) < n  # killed in the middle
    assert (out / "index.html").exists() and (out / "ranking.csv").exists()  # a usable dashboard already
    done = subprocess.run([sys.executable, str(script), "0", str(log), *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    ids = [d["article"]["id"] for d in results(out)]
    assert len(ids) == n and sorted(ids) == [f"{i:02d}" for i in range(n)]
    assert ids[: len(first)] == first  # the earlier lines were kept, not redone
    rerun_checked = log.read_text().splitlines()[-(n - len(first)):]
    assert not set(rerun_checked) & {f"{i}.txt" for i in first}
    assert [r["id"] for r in ranking(out)] == sorted(ids)  # all tie: ranked by id
    assert "complete" in (out / "index.html").read_text()


# ---------------------------------------------------------------- real models


@pytest.mark.slow  # 33 s on the shared, loaded 2-core machine (model loads + index build)
def test_real_pipeline_on_seed_corpus(tmp_path):
    """Three tiny articles against seeds/corpus.jsonl with the offline profile (MiniLM, spaCy)."""
    src = tmp_path / "articles.jsonl"
    arts = [
        {"id": "launch", "title": "Webb launch", "text": "The James Webb Space Telescope lifted off on 25 December 2021 aboard an Ariane 5 rocket. It was launched from Kourou in French Guiana."},
        {"id": "mirror", "text": "Webb's primary mirror is 6.5 metres wide. It is built from 18 hexagonal beryllium segments."},
        {"id": "orbit", "title": "<i>Orbit</i>", "text": "The observatory circles the Sun near the second Lagrange point. A large sunshield keeps its instruments cold."},
    ]
    src.write_text("".join(json.dumps(a) + "\n" for a in arts))
    out = tmp_path / "out"
    r = triage(src, "--corpus", REPO / "seeds" / "corpus.jsonl", "--out", out, "--batch-size", "3")
    assert r.exit_code == 0, r.output
    got = results(out)
    assert sorted(d["article"]["id"] for d in got) == ["launch", "mirror", "orbit"]
    for d in got:
        assert d["claims"] and all(c["verdict"] in VERDICT_WORDS for c in d["claims"])
        assert any(e["doc_id"].startswith("webb") for c in d["claims"] for e in c["evidence"])
    assert len(ranking(out)) == 3 and "&lt;i&gt;Orbit&lt;/i&gt;" in (out / "index.html").read_text()


def test_ranking_csv_neutralises_spreadsheet_formulas():
    from claimcheck.triage.ranking import _cell

    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("Plain title") == "Plain title" and _cell(0.5) == 0.5


# ---------------------------------------------------------------- the benchmark's measuring parts


def test_bench_measures_a_process_peak_memory_and_exit_code():
    from claimcheck.research.bench.triage import run_process

    big = run_process([sys.executable, "-c", "x = bytearray(300 * 2**20); x[::4096] = b'1' * len(x[::4096])"])
    small = run_process([sys.executable, "-c", "import sys; sys.exit(3)"])
    assert big.returncode == 0 and small.returncode == 3
    assert big.peak_rss_mb > 300 > 100 > small.peak_rss_mb and big.seconds > 0


def test_bench_reads_frank_articles_as_triage_records():
    from conftest import SHARED

    from claimcheck.research.bench.triage import frank_articles

    data = SHARED / "data"
    if not (data / "frank").is_dir():
        pytest.skip("../shared/data/frank is not beside this clone")
    arts = frank_articles(data)
    assert len(arts) == 501 and len({a["id"] for a in arts}) == 501
    assert all(len(a["text"].split()) > 50 for a in arts[:20]) and arts[:3] == frank_articles(data, 3)
    with pytest.raises(InputError, match="needs FRANK under the data root"):
        frank_articles(data / "nowhere")


def test_progress_rate_and_eta_use_the_run_average_not_the_last_burst():
    from claimcheck.triage.runner import eta_text, rate_text, run_rate

    # 16 articles in 80 s, finished in bursts of 8: 0.2 articles/s, however fast the last burst came
    assert run_rate(16, 80.0) == pytest.approx(0.2) and rate_text(0.2) == "12.0 articles/min"
    assert eta_text(50, 16, 80.0) == "0:02:50"  # 34 left at 0.2/s
    assert run_rate(0, 5.0) is None and eta_text(50, 0, 5.0) == "-:--:--"
