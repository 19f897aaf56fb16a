"""What a user waits for (`claimcheck bench`, "waits" block): `check` cold in a fresh process and warm through a
loaded pipeline, for the demo article and (when ../shared is beside the clone) the seed article against
seeds/summit, each beside `python -c "import claimcheck"` timed in the same rounds; `serve` from start to its
first answer; and the verifier's pairs/s as a share of this CPU's fp32 peak.

The peak is computed, not looked up: cores x FMA units x fp32 lanes x 2 (multiply + add) x clock, with lanes 16
where /proc/cpuinfo lists avx512f (8 with avx2 only) and 2 FMA units per core (what current x86 server cores have;
a core with one, or one that splits 512-bit work in two, halves it) and the clock /proc/cpuinfo reports (a VM
shows the nominal clock: under boost the true peak is higher and the share lower; with no clock the peak is null).
Beside it, a large numpy float32 matrix product timed in the same run (`sgemm_gflops`; numpy's BLAS, noisy when
other jobs share the CPU). A pair's FLOPs: 2 x (4h^2 + 2hi) per token and layer (projections and feed-forward)
plus 4 x tokens x h per token and layer (attention), on the pairs' mean token count.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from .runtime import DEMO_ARTICLE, DEMO_CORPUS, forget, run_cold
from ...profiles import PROJECT_ROOT

SEED_CORPUS = PROJECT_ROOT / "seeds" / "summit" / "corpus.jsonl"


def articles() -> list[tuple[str, Path, Path]]:
    from ...datasets.root import seed_article

    out = [("demo", DEMO_ARTICLE, DEMO_CORPUS)]
    if seed_article().is_file() and SEED_CORPUS.is_file():
        out.append(("seed", seed_article(), SEED_CORPUS))
    return out


def _cli(*args: str, profile: str | None, device: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", *args, "--device", device] + (["--profile", profile] if profile else [])


def check_waits(pipe: Any, profile: str | None, device: str, rounds: int = 3) -> dict[str, Any]:
    """Median of `rounds` of: `import claimcheck` in a fresh process, then each article's cold `check`. Warm:
    `Pipeline.check` with models loaded and the index built, median of `rounds` after one untimed run, with the
    verifier's pair cache and the embedder's memo emptied first (as for an article not seen before); `check_again_s`
    the same article once more with them kept."""
    from ...core.io import read_text

    todo = articles()
    cold: dict[str, list[float]] = {name: [] for name, _, _ in todo}
    rss: dict[str, float] = {}
    warm: dict[str, float] = {}
    again: dict[str, float] = {}
    for name, article, corpus in todo:  # indexes built and models loaded before any timing
        p, inp = pipe.with_corpus(str(corpus)), read_text(str(article))
        p.check(inp.text, name=inp.name, path=inp.path)
        runs = []
        for _ in range(rounds):
            forget(p)
            t = time.perf_counter()
            p.check(inp.text, name=inp.name, path=inp.path)
            runs.append(time.perf_counter() - t)
        warm[name] = statistics.median(runs)
        t = time.perf_counter()
        p.check(inp.text, name=inp.name, path=inp.path)
        again[name] = time.perf_counter() - t
    imports = []
    for _ in range(rounds):
        imports.append(run_cold([sys.executable, "-c", "import claimcheck"])["s"])
        for name, article, corpus in todo:
            r = run_cold(_cli("check", str(article), "--corpus", str(corpus), "--format", "json", profile=profile,
                              device=device))
            cold[name].append(r["s"])
            rss[name] = max(rss.get(name, 0.0), r.get("peak_rss_mb", 0.0))
    base = statistics.median(imports)
    out: dict[str, Any] = {"rounds": rounds, "import_claimcheck_s": round(base, 3)}
    for name, article, corpus in todo:
        c = statistics.median(cold[name])
        out[name] = {"article": article.name, "corpus": str(corpus.relative_to(PROJECT_ROOT)),
                     "check_cold_s": round(c, 2), "check_cold_peak_rss_mb": rss[name] or None,
                     "check_warm_s": round(warm[name], 3), "check_again_s": round(again[name], 3),
                     "cold_minus_import_s": round(c - base, 2)}
    return out


def serve_first_answer(profile: str | None, device: str, timeout: float = 300.0) -> dict[str, Any]:
    """Seconds from starting `claimcheck serve` (demo corpus, loopback) to its answer to the first
    POST /api/check of the demo article, and to its health answering 200."""
    from .serve import ServerDown, _free_port, served

    port = _free_port()
    cmd = _cli("serve", "--corpus", str(DEMO_CORPUS), "--host", "127.0.0.1", "--port", str(port), "--rate", "0",
               profile=profile, device=device)
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    try:
        with served(cmd, port, timeout, timeout=timeout) as (client, _, ready):
            t = time.perf_counter()
            r = client.post("/api/check", json={"text": text})
            first = ready + time.perf_counter() - t
    except ServerDown as e:
        return {"error": str(e)}
    return {"ready_s": round(ready, 2), "first_answer_s": round(first, 2), "status": r.status_code}


def _cpu() -> dict[str, Any]:
    from ...runtime.compute import threads

    flags: set[str] = set()
    mhz = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "flags" and not flags:
                flags = set(value.split())
            elif key.strip() == "cpu MHz" and mhz is None:
                mhz = float(value)
    except OSError:
        pass
    try:
        mhz = float(Path("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq").read_text()) / 1000.0
    except (OSError, ValueError):
        pass
    lanes = 16 if "avx512f" in flags else 8 if "avx2" in flags else 4
    cores = threads()
    peak = cores * 2 * lanes * 2 * mhz / 1000.0 if mhz else None
    return {"cores": cores, "fma_units": 2, "fp32_lanes": lanes, "clock_mhz": mhz,
            "fp32_peak_gflops": round(peak, 1) if peak else None}


def sgemm_gflops(n: int = 2048, rounds: int = 5) -> float:
    import numpy as np

    a = np.random.default_rng(0).random((n, n), dtype=np.float32)
    a @ a
    best = 0.0
    for _ in range(rounds):
        t = time.perf_counter()
        a @ a
        best = max(best, 2 * n**3 / (time.perf_counter() - t) / 1e9)
    return round(best, 1)


def pair_gflop(verifier: Any, pairs: Sequence[tuple[str, str]]) -> dict[str, float] | None:
    """Mean tokens and GFLOP per pair of `pairs` for a BERT-shaped verifier (config.json beside its weights)."""
    from ...profiles import resolve_model

    try:
        cfg = json.loads((Path(resolve_model(verifier.name)) / "config.json").read_text(encoding="utf-8"))
        h, i, layers = int(cfg["hidden_size"]), int(cfg["intermediate_size"]), int(cfg["num_hidden_layers"])
    except (OSError, KeyError, ValueError, TypeError, AttributeError):
        return None
    tokens = [len(verifier.tokenizer(p, c)["input_ids"]) for p, c in pairs]
    mean = sum(tokens) / max(1, len(tokens))
    per_token = layers * (2 * (4 * h * h + 2 * h * i) + 4 * mean * h)
    return {"mean_tokens": round(mean, 1), "gflop_per_pair": round(per_token * mean / 1e9, 3)}


def verifier_share(verifier: Any, pairs: Sequence[tuple[str, str]], rounds: int = 3) -> dict[str, Any]:
    """The verifier's pairs/s on `pairs` (best of `rounds`, no pair cache) and the GFLOPS that makes, beside the
    nominal fp32 peak and a same-run numpy sgemm."""
    v = getattr(verifier, "inner", verifier)
    premises, claims = [p for p, _ in pairs], [c for _, c in pairs]
    v.score_pairs(premises[:8], claims[:8])
    rate = 0.0
    for _ in range(rounds):
        t = time.perf_counter()
        v.score_pairs(premises, claims)
        rate = max(rate, len(pairs) / (time.perf_counter() - t))
    out: dict[str, Any] = {"pairs": len(pairs), "pairs_per_s": round(rate, 1), **_cpu(), "sgemm_gflops": sgemm_gflops()}
    shape = pair_gflop(v, pairs)
    if shape:
        achieved = rate * shape["gflop_per_pair"]
        out.update(shape, achieved_gflops=round(achieved, 1))
        if out["fp32_peak_gflops"]:
            out["share_of_fp32_peak"] = round(achieved / out["fp32_peak_gflops"], 2)
    return out


def user_waits(pipe: Any, profile: str | None, device: str, n_pairs: int, rounds: int = 3) -> dict[str, Any]:
    from .runtime import bench_texts

    out = check_waits(pipe, profile, device, rounds)
    out["serve"] = serve_first_answer(profile, device)
    out["verifier"] = verifier_share(pipe.verifier, bench_texts(n_pairs))
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return out
