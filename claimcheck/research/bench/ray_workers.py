"""Triage on the local engine vs Ray (1 and 2 workers): articles/minute and peak RSS per process.

    claimcheck bench ray --opt articles=50 [--opt workers=1,2] [--opt index=true] [--opt index_dir=DIR] [--opt work=runs/bench-ray]

Indexes SciFact's 5,183 abstracts once (the local engine; index also times the same build with
`--engine ray --workers 2`), then triages the first N FRANK articles against that index as real
`claimcheck triage` processes: --engine local, then --engine ray --workers W for each W. Each run's
process tree is sampled every 0.2 s (/proc) for the peak RSS of the driver, of each Ray worker and of
Ray's own processes (raylet, GCS, ...); the driver's own peak comes from wait4. Every run's verdicts
are compared with the local run's. Returns the figures (progress on stderr).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Sequence

from .triage import frank_articles, scifact_corpus_jsonl

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _tree(root: int) -> dict[int, str]:
    """pid -> command line of `root` and all its descendants."""
    parent: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
                parent[int(d)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        try:
            out[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        todo.extend(c for c, p in parent.items() if p == pid)
    return out


def _rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB / 1024
    except (OSError, IndexError, ValueError):
        return 0.0


def _kind(cmd: str) -> str:
    if "TriageWorker" in cmd or "EmbedWorker" in cmd:
        return "worker"
    if "claimcheck" in cmd and "ray" not in cmd.split()[0]:
        return "driver"
    return "ray:" + (Path(cmd.split()[0]).name if cmd else "?")


def run_sampled(args: list[str], log: Path) -> dict:
    """Run a command to completion; wall seconds, exit code, the driver's peak RSS (wait4) and the
    sampled peak RSS of every process of its tree, grouped by kind."""
    peaks: dict[int, tuple[str, float]] = {}
    total_peak = 0.0
    with open(log, "ab") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=out)
        stop = threading.Event()

        def sample() -> None:
            nonlocal total_peak
            while not stop.is_set():
                tree = _tree(proc.pid)
                now = 0.0
                for pid, cmd in tree.items():
                    rss = _rss_mb(pid)
                    now += rss
                    if rss > peaks.get(pid, ("", 0.0))[1]:
                        peaks[pid] = (_kind(cmd) if pid != proc.pid else "driver", rss)
                total_peak = max(total_peak, now)
                stop.wait(0.2)

        t = threading.Thread(target=sample, daemon=True)
        t.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        stop.set()
        t.join()
    workers = sorted(round(v, 1) for k, v in peaks.values() if k == "worker")
    ray_sys: dict[str, float] = {}
    for k, v in peaks.values():
        if k.startswith("ray:"):
            ray_sys[k[4:]] = round(max(ray_sys.get(k[4:], 0.0), v), 1)
    return {
        "returncode": os.waitstatus_to_exitcode(status), "seconds": round(seconds, 1),
        "driver_peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "worker_peak_rss_mb": workers,
        "ray_process_peak_rss_mb": dict(sorted(ray_sys.items(), key=lambda kv: -kv[1])[:6]),
        "tree_peak_total_rss_mb": round(total_peak, 1),
    }


def verdicts(out: Path) -> dict:
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    return {d["article"]["id"]: [(c["text"], c["verdict"]) for c in d["claims"]] for d in rows}


def run_ray_bench(data: Path, work: Path, *, articles: int = 50, workers: Sequence[int] = (1, 2), index: bool = False,
                  index_dir: Path | None = None, profile: str | None = None) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    log = work / "bench.log"
    exe = [sys.executable, "-m", "claimcheck"]
    prof = ["--profile", profile] if profile else []
    os.environ.update(HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    say = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    result: dict = {"cpu_count": os.cpu_count(), "articles": articles, "corpus": "SciFact 5,183 abstracts"}

    corpus = scifact_corpus_jsonl(data, work)
    index_path = index_dir or work / "scifact-index"
    if not index_dir:
        say("index (local) ...")
        result["index_local"] = run_sampled([*exe, "index", str(corpus), "--out", str(index_path), *prof], log)
    if index:
        say("index (ray, 2 workers) ...")
        result["index_ray_2"] = run_sampled([*exe, "index", str(corpus), "--out", str(work / "scifact-index-ray"),
                                             "--engine", "ray", "--workers", "2", *prof], log)
    src = work / "articles.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in frank_articles(data, articles)), encoding="utf-8")
    runs = [("local", [])] + [(f"ray_{w}", ["--engine", "ray", "--workers", str(w)]) for w in workers]
    for name, extra in runs:
        say(f"triage {name} ...")
        r = run_sampled([*exe, "triage", str(src), "--corpus", str(index_path), "--out", str(work / name), "--force",
                         *prof, *extra], log)
        r["articles_per_minute"] = round(60 * articles / r["seconds"], 1)
        r["load_average_1min_after"] = round(os.getloadavg()[0], 2)  # the machine is shared: other jobs count
        if name != "local":
            r["same_verdicts_as_local"] = verdicts(work / name) == verdicts(work / "local")
            r["overhead_vs_local"] = round(r["seconds"] / result["triage_local"]["seconds"] - 1, 3)
        result[f"triage_{name}"] = r
        say(json.dumps(r))
    return result
