"""A bounded loopback load test of `claimcheck serve`: throughput, latency, memory and overload.

    claimcheck bench serve --opt corpus=seeds/corpus.jsonl --opt checks=400 [--opt article=FILE]

It starts `claimcheck serve` on a free 127.0.0.1 port (never another address), sends `checks`
POST /api/check requests one after another, and reads the server's RSS (from /proc) before and after;
then it submits more jobs at once than the queue holds (max_pending, from /api/health) and counts the 503s. Everything
stops after `max_seconds`. One JSON object of figures; progress goes to stderr.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

DEFAULT_ARTICLE = ("The city council of Utrecht met on Monday. It approved a budget of 2 million euros for new "
                   "bicycle lanes, which will be built in 2025.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


class ServerDown(RuntimeError):
    """The server exited, or did not answer its health check in time; the message is its last log line."""


@contextmanager
def served(cmd: list[str], port: int, startup_s: float, timeout: float = 300.0) -> Iterator[tuple[Any, Any, float]]:
    """Start `claimcheck serve` (cmd) on a loopback port, wait until /api/health answers 200, and yield
    (httpx client, server process, seconds to ready); the server is stopped on the way out."""
    import httpx

    log = tempfile.TemporaryFile(mode="w+")  # a pipe nobody reads could fill and stall the server
    t0 = time.perf_counter()
    server = subprocess.Popen(cmd, stderr=log, stdout=subprocess.DEVNULL, text=True)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as client:
            while True:  # models load, then a warm-up check
                if server.poll() is not None or time.perf_counter() - t0 > startup_s:
                    log.seek(0)
                    raise ServerDown((log.read().strip().splitlines() or ["the server did not start in time"])[-1][:300])
                try:
                    if client.get("/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            yield client, server, time.perf_counter() - t0
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def run(corpus: str, checks: int, article: str, max_seconds: float, profile: str | None) -> dict:
    port = _free_port()
    cmd = [sys.executable, "-m", "claimcheck", "serve", "--corpus", corpus, "--host", "127.0.0.1", "--port", str(port),
           "--rate", "0"] + (["--profile", profile] if profile else [])
    deadline = time.monotonic() + max_seconds
    try:
        with served(cmd, port, max_seconds) as (client, server, _):
            pending = client.get("/api/health").json()["limits"]["max_pending"]
            rss_before = _rss_mb(server.pid)
            lat, ok, t0 = [], 0, time.perf_counter()
            for i in range(checks):
                if time.monotonic() > deadline:
                    break
                t = time.perf_counter()
                r = client.post("/api/check", json={"text": article})
                lat.append(time.perf_counter() - t)
                ok += r.status_code == 200
                if (i + 1) % 50 == 0:
                    print(f"loadtest: {i + 1}/{checks} checks, RSS {_rss_mb(server.pid):.0f} MB", file=sys.stderr)
            wall = time.perf_counter() - t0
            rss_after = _rss_mb(server.pid)
            burst = pending + 8  # more than the queue holds, sent together
            codes = [client.post("/api/jobs", json={"text": article}).status_code for _ in range(burst)]
            retry = None
            if 503 in codes:
                r = client.post("/api/jobs", json={"text": article})
                retry = r.headers.get("retry-after") if r.status_code == 503 else None
    except ServerDown as e:
        raise SystemExit(f"loadtest: the server stopped: {e}") from None
    return {
        "checks": len(lat), "ok": ok, "wall_s": round(wall, 1), "checks_per_s": round(len(lat) / wall, 2) if wall else None,
        "p50_s": round(_pct(lat, 0.50), 3), "p95_s": round(_pct(lat, 0.95), 3), "max_s": round(max(lat), 3) if lat else None,
        "rss_before_mb": round(rss_before), "rss_after_mb": round(rss_after),
        "overload": {"sent_at_once": burst, "max_pending": pending, "accepted_202": codes.count(202),
                     "refused_503": codes.count(503), "retry_after": retry},
        "article_chars": len(article),
    }
