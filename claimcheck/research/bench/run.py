"""`claimcheck bench check` (the default benchmark): throughput figures on this machine, as ratios where there is a baseline.

Figures: what a user waits for (claimcheck.research.bench.waits, the "waits" block: `check` cold in a fresh process and
warm, demo and seed article, beside `python -c "import claimcheck"`; `serve` to its first answer; the verifier's
pairs/s as a share of this CPU's fp32 peak); `check` wall time on the demo article cold (models loading, in this
process) and warm with the profile as it is;
the claims stage alone (demo article warm, FRANK articles per minute); torch vs ONNX Runtime side by side
(claimcheck.research.bench.runtime: verifier pairs/s on news-length and SICK pairs, embedder sentences/s on distinct
texts with the memo off and the memo's effect apart, `check` cold in a fresh process and warm, and with
--accuracy SICK test, Climate-FEVER held-out and news dev scores of each); and,
with --index, the index benchmark of claimcheck.research.bench.index (build throughput vs raw encoder,
re-index cost, query latency at 10k-1M rows, SciFact retrieval quality).
"""
from __future__ import annotations

import resource
import time
from typing import Any

from .runtime import DEMO_ARTICLE, DEMO_CORPUS, bench_texts  # noqa: F401  (DEMO_*: bench's own names too)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def claims_figures(pipe: Any, text: str, name: str, n_articles: int) -> dict[str, Any]:
    """The claims stage alone: the demo article warm (best of 3) and, when the data folder is there,
    `n_articles` FRANK articles one after another (segment + claims, as `claimcheck claims` runs)."""
    from ...datasets import frank
    from ...datasets.root import data_root
    from .triage import frank_articles

    def once(t: str, n: str) -> int:
        article, doc = pipe.read_article(t, name=n)
        return len(pipe.extract_claims(article, doc))

    once(text, name)  # warm: spaCy and the extractor loaded
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        n_claims = once(text, name)
        runs.append(time.perf_counter() - t0)
    out: dict[str, Any] = {"demo_warm_s": round(min(runs), 3), "demo_claims": n_claims}
    root = data_root()
    if n_articles and (root / frank.ARTICLES).is_dir():
        articles = frank_articles(root, n_articles)
        t0 = time.perf_counter()
        total = sum(once(a["text"], f"{a['id']}.txt") for a in articles)
        secs = time.perf_counter() - t0
        out.update({"frank_articles": len(articles), "frank_claims": total,
                    "frank_articles_per_min": round(60 * len(articles) / secs, 1)})
    return out


def run_bench(profile: str | None = None, device: str = "cpu", n_pairs: int = 512, index: bool = False,
              n_claims: int = 100, runtimes: bool = True, accuracy: bool = False,
              accuracy_limit: int | None = None, waits: bool = True) -> dict[str, Any]:
    from ...core.io import read_text
    from ...pipeline import Pipeline

    result: dict[str, Any] = {"device": device}
    t0 = time.perf_counter()
    pipe = Pipeline.create(profile, device, corpus=str(DEMO_CORPUS))
    inp = read_text(str(DEMO_ARTICLE))
    pipe.check(inp.text, name=inp.name, path=inp.path)
    result["check_cold_s"] = round(time.perf_counter() - t0, 2)
    from .runtime import forget

    forget(pipe)  # the second check as of a new article: no pair cache or embedder memo answers it
    t1 = time.perf_counter()
    report = pipe.check(inp.text, name=inp.name, path=inp.path)
    result["check_warm_s"] = round(time.perf_counter() - t1, 2)
    result["check_warm_stages_s"] = {k: round(v, 3) for k, v in report.timings.items()}
    result["n_claims_demo"] = len(report.claims)
    result["claims"] = claims_figures(pipe, inp.text, inp.name, n_claims)
    if waits:
        from .waits import user_waits

        result["waits"] = user_waits(pipe, profile, device, n_pairs)

    v = pipe.verifier
    result["verifier"] = {"name": getattr(v, "name", "?"), "batch_size": getattr(v, "batch_size", None),
                          "max_length": getattr(v, "max_length", None)}
    tok = getattr(v, "tokenizer", None)
    if tok is not None:
        pairs = bench_texts(200)
        lens = [len(tok(p, c)["input_ids"]) for p, c in pairs]
        result["verifier"]["news_mean_tokens"] = round(sum(lens) / len(lens), 1)
    if runtimes and device == "cpu":  # on a GPU the torch path runs whatever the profile says
        import tempfile
        from pathlib import Path

        from .runtime import compare_runtimes

        with tempfile.TemporaryDirectory() as folder:
            result["runtimes"] = compare_runtimes(profile, device, n_pairs, Path(folder), with_accuracy=accuracy,
                                                  accuracy_limit=accuracy_limit)
    if index:
        from .index import run_index_bench

        result["index"] = run_index_bench(profile=pipe.profile, device=device)
    result["peak_rss_mb"] = round(_peak_rss_mb(), 1)
    return result
