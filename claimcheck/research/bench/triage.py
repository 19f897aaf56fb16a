"""Triage benchmark: articles per minute, and triage vs a loop of `claimcheck check` on the same articles.

Both sides run as real `claimcheck` processes (what a desk would run), against the same prebuilt index,
so neither pays for indexing; peak memory is each process's max RSS (os.wait4). Articles are FRANK's
501 CNN/DM and XSum news articles; the corpus is SciFact's 5,183 abstracts (a real, public, sizeable
reference corpus; most news claims find no evidence there, so the verifier still reads top-k passages
per claim, which is the cost being measured).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from ...core.errors import InputError


@dataclass(frozen=True)
class ProcRun:
    """One process: wall seconds, peak resident memory, exit status."""

    seconds: float
    peak_rss_mb: float
    returncode: int


# A fresh, small interpreter starts the command and reports its exit code and max RSS. Measuring from
# this process instead would count the memory a forked child shares with a large parent before exec.
_WRAPPER = (
    "import json, os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "p.returncode = os.waitstatus_to_exitcode(status)\n"
    "open(sys.argv[1], 'w').write(json.dumps([p.returncode, usage.ru_maxrss]))\n"
)


def run_process(args: Sequence[str], *, env: dict | None = None, log: Path | None = None) -> ProcRun:
    """Run a command to completion, measuring wall time and its own peak RSS (its children not included)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        stats = Path(tmp) / "stats.json"
        t0 = time.perf_counter()
        out = open(log, "ab") if log else subprocess.DEVNULL
        try:
            subprocess.run([sys.executable, "-c", _WRAPPER, str(stats), *args], stdout=out, stderr=out, env=env, check=False)
        finally:
            if log:
                out.close()
        seconds = time.perf_counter() - t0
        code, maxrss_kb = json.loads(stats.read_text()) if stats.is_file() else (-1, 0)
    return ProcRun(seconds, maxrss_kb / 1024.0, code)


def frank_articles(data_root: Path, limit: int | None = None) -> list[dict]:
    """FRANK's articles as triage JSONL records, in file-name order."""
    from ...datasets import frank

    folder = data_root / frank.ARTICLES
    if not folder.is_dir():
        raise InputError(f"{folder} not found: the triage benchmark needs FRANK under the data root (set CLAIMCHECK_DATA)")
    out = []
    for f in frank.article_files(folder)[:limit]:
        d = frank.read_article(f)
        out.append({"id": f.stem, "text": d["article"], "url": d.get("url") or ""})
    return out


def scifact_corpus_jsonl(data_root: Path, work: Path) -> Path:
    from ...datasets import scifact
    from ..evaluate.corpora import write_corpus

    return write_corpus(scifact.corpus(data_root / scifact.FOLDER), work, "scifact-corpus")


def run_triage_bench(
    data_root: Path,
    work: Path,
    *,
    n_loop: int = 50,
    n_full: int | None = None,
    profile: str | None = None,
    say: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
) -> dict:
    """Index SciFact once, then time: triage of the first n_loop articles, a loop of `check` on the same
    articles, and (n_full) triage of the first n_full articles. Returns the figures as a dict."""
    work.mkdir(parents=True, exist_ok=True)
    exe = [sys.executable, "-m", "claimcheck"]
    prof = ["--profile", profile] if profile else []
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    log = work / "bench.log"
    articles = frank_articles(data_root, None)
    result: dict = {"articles_available": len(articles), "cpu_count": os.cpu_count()}

    index_dir = work / "scifact-index"
    say("indexing SciFact (once; both sides reuse it) ...")
    corpus = scifact_corpus_jsonl(data_root, work)
    r = run_process([*exe, "index", str(corpus), "--out", str(index_dir), *prof], env=env, log=log)
    if r.returncode:
        raise RuntimeError(f"index failed, see {log}")
    result["index_build"] = asdict(r)

    def triage(n: int, name: str) -> dict:
        src = work / f"{name}.jsonl"
        src.write_text("".join(json.dumps(a) + "\n" for a in articles[:n]), encoding="utf-8")
        say(f"triage of {n} articles ...")
        r = run_process([*exe, "triage", str(src), "--corpus", str(index_dir), "--out", str(work / name), "--force", *prof],
                        env=env, log=log)
        if r.returncode:
            raise RuntimeError(f"triage failed ({r.returncode}), see {log}")
        return {"articles": n, **asdict(r), "articles_per_minute": round(60 * n / r.seconds, 1)}

    loop_n = min(n_loop, len(articles))
    result["triage_small"] = triage(loop_n, f"triage-{loop_n}")

    say(f"loop of {loop_n} `claimcheck check` calls ...")
    folder = work / "loop"
    folder.mkdir(exist_ok=True)
    runs = []
    for a in articles[:loop_n]:
        f = folder / f"{a['id']}.txt"
        f.write_text(a["text"], encoding="utf-8")
        runs.append(run_process([*exe, "check", str(f), "--corpus", str(index_dir), "-o", str(folder / f"{a['id']}.json"), *prof],
                                env=env, log=log))
    bad = [r for r in runs if r.returncode]
    if bad:
        raise RuntimeError(f"{len(bad)} check calls failed, see {log}")
    loop_s = sum(r.seconds for r in runs)
    result["check_loop"] = {
        "articles": loop_n, "seconds": round(loop_s, 1), "per_article_s": round(loop_s / loop_n, 2),
        "peak_rss_mb": round(max(r.peak_rss_mb for r in runs), 1),
    }
    result["speedup_triage_vs_check_loop"] = round(loop_s / result["triage_small"]["seconds"], 2)
    if n_full:
        result["triage_full"] = triage(min(n_full, len(articles)), "triage-full")
    return result
