"""torch vs ONNX Runtime (fp32 verifier, int8 embedder) side by side in one run: the same pairs and texts, alternating.

Figures per runtime: verifier pairs/s on news-length pairs (demo corpus passages x article sentences) and on
SICK test pairs; embedder sentences/s on distinct sentences with the memo off (and, separately, how fast the
memo answers texts it has seen); `check` of the demo article cold (a fresh process: imports, model loads, the
cached index) and warm; optionally (--accuracy) SICK test, Climate-FEVER held-out and the news dev set through
the `eval` code paths. Each runtime runs under a copy of the profile whose [verifier] and [embedder] say
`runtime = "<it>"`, so what is timed is what a user of that setting gets.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from ...profiles import PROJECT_ROOT, load_profile

RUNTIME_ROLES = ("verifier", "embedder")
DEMO_ARTICLE = PROJECT_ROOT / "seeds" / "article.md"
DEMO_CORPUS = PROJECT_ROOT / "seeds" / "corpus.jsonl"
NEWSDEV = PROJECT_ROOT / "seeds" / "newsdev"


def bench_texts(n: int) -> list[tuple[str, str]]:
    """(passage, claim) pairs of news-like lengths built from the demo corpus and article."""
    passages = [json.loads(l)["text"] for l in DEMO_CORPUS.read_text(encoding="utf-8").splitlines() if l.strip()]
    claims = [s.strip() for s in DEMO_ARTICLE.read_text(encoding="utf-8").replace("\n", " ").split(". ") if len(s.split()) > 4]
    return [(passages[i % len(passages)], claims[i % len(claims)]) for i in range(n)]


def profile_with_runtime(profile: str | None, runtime: str, folder: Path) -> Path:
    """A copy of the profile's TOML in `folder` whose [verifier] and [embedder] run under `runtime`."""
    src = load_profile(profile).path
    out, section = [], ""
    for line in src.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            out.append(line)
            if section in RUNTIME_ROLES:
                out.append(f'runtime = "{runtime}"')
            continue
        if section in RUNTIME_ROLES and stripped.split("=")[0].strip() == "runtime":
            continue
        out.append(line)
    path = folder / f"{src.stem}-{runtime}.toml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def forget(pipe: Any) -> None:
    """Empty what a pipeline remembers of texts it has seen (the verifier's pair cache, the embedder's memo), so
    that a timed check costs what a check of an article not seen before costs."""
    getattr(pipe.verifier, "clear", lambda: None)()
    memo = getattr(pipe.embedder, "_memo", None)
    if memo is not None:
        memo.clear()


def _rate(n: int, fn) -> float:
    t = time.perf_counter()
    fn()
    return n / (time.perf_counter() - t)


def _sick_pairs(n: int) -> list[tuple[str, str]]:
    from ...datasets.nli import load_heldout
    from ...datasets.root import data_root

    try:
        return [(p.premise, p.hypothesis) for p in load_heldout("sick-test", data_root(), n)]
    except Exception:  # no data folder: the SICK figure is left out
        return []


def _distinct_sentences(n: int) -> list[str]:
    """n distinct news-like sentences: Climate-FEVER evidence (Wikipedia) where the data is, else the demo corpus."""
    from ...datasets import climate_fever
    from ...datasets.root import data_root

    texts: list[str] = []
    folder = data_root() / climate_fever.FOLDER
    if (folder / climate_fever.FILE.name).is_file():
        for r in climate_fever.read_rows(folder):
            texts += [e.get("evidence", "") for e in r.get("evidences", [])]
            if len(set(texts)) >= n:
                break
    if len(set(texts)) < n:
        texts += [json.loads(l)["text"] for l in DEMO_CORPUS.read_text(encoding="utf-8").splitlines() if l.strip()]
    return [t for t in dict.fromkeys(texts) if t.strip()][:n]


def throughput(pipes: dict[str, Any], news: Sequence[tuple[str, str]], sick: Sequence[tuple[str, str]],
               sentences: Sequence[str], rounds: int = 2) -> dict[str, dict[str, float]]:
    """Best of `rounds` alternating rounds (torch, onnx, torch, onnx, ...) of each figure, per runtime."""
    from ...runtime.embed import Embedder

    best: dict[str, dict[str, float]] = {rt: {} for rt in pipes}

    def keep(rt: str, key: str, value: float) -> None:
        best[rt][key] = round(max(best[rt].get(key, 0.0), value), 1)

    for _ in range(rounds):
        for rt, pipe in pipes.items():
            v, e = getattr(pipe.verifier, "inner", pipe.verifier), pipe.embedder  # the model, not its pair cache
            keep(rt, "news_pairs_per_s", _rate(len(news), lambda: v.score_pairs([p for p, _ in news], [c for _, c in news])))
            if sick:
                keep(rt, "sick_pairs_per_s", _rate(len(sick), lambda: v.score_pairs([p for p, _ in sick], [h for _, h in sick])))
            cold = Embedder(name=e.name, model=e.model, batch_size=e.batch_size, memo_size=0)
            keep(rt, "sentences_per_s", _rate(len(sentences), lambda: cold.encode(list(sentences))))
    for rt, pipe in pipes.items():  # the memo's effect: the same texts again, answered from memory
        memo = type(pipe.embedder)(name=pipe.embedder.name, model=pipe.embedder.model, batch_size=pipe.embedder.batch_size)
        memo.encode(list(sentences))
        best[rt]["memo_hit_sentences_per_s"] = round(_rate(len(sentences), lambda: memo.encode(list(sentences))), 1)
    return best


def cold_check(profile_path: Path) -> dict[str, float]:
    """`claimcheck check` of the demo article in a fresh process: wall seconds and its peak RSS (MB)."""
    cmd = [sys.executable, "-m", "claimcheck", "check", str(DEMO_ARTICLE), "--corpus", str(DEMO_CORPUS),
           "--profile", str(profile_path), "--format", "json"]
    return run_cold(cmd)


def run_cold(cmd: Sequence[str]) -> dict[str, float]:
    """Wall seconds of `cmd` in a fresh process and, where GNU time is installed, its own peak RSS (MB); a
    forked child's rusage would count the parent's memory too."""
    gnu_time = Path("/usr/bin/time")
    full = ([str(gnu_time), "-f", "claimcheck-maxrss-kb=%M"] if gnu_time.is_file() else []) + list(cmd)
    t = time.perf_counter()
    proc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    secs = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:5])} failed ({proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}")
    out: dict[str, float] = {"s": round(secs, 2)}
    for line in proc.stderr.splitlines():
        if line.startswith("claimcheck-maxrss-kb="):
            out["peak_rss_mb"] = round(int(line.split("=", 1)[1]) / 1024.0, 1)
    return out


def accuracy(profile_path: Path, device: str, limit: int | None) -> dict[str, Any]:
    """SICK test (eval nli), Climate-FEVER held-out and the news dev set (eval verify), as `eval` runs them."""
    from ..evaluate import EvalContext, get_evaluator, run_evaluator

    out: dict[str, Any] = {}
    runs = [("sick_test", "nli", None, "sick-test"), ("climate_fever", "verify", None, "climate-fever"),
            ("newsdev", "verify", str(NEWSDEV), None)]
    for key, task, dataset, split in runs:
        ctx = EvalContext(profile=str(profile_path), device=device, limit=limit)
        try:
            r = run_evaluator(get_evaluator(task), ctx, dataset, split)
        finally:
            ctx.close()
        out[key] = {k: round(float(r.metrics[k]), 4) for k in ("accuracy", "macro_f1") if k in r.metrics}
        out[key]["n"] = r.n
    return out


def compare_runtimes(profile: str | None, device: str, n_pairs: int, folder: Path, *, with_accuracy: bool = False,
                     accuracy_limit: int | None = None, runtimes: Sequence[str] = ("torch", "onnx")) -> dict[str, Any]:
    from ...core.io import read_text
    from ...runtime.compute import threads
    from ...pipeline import Pipeline

    paths = {rt: profile_with_runtime(profile, rt, folder) for rt in runtimes}
    pipes, warm = {}, {}
    inp = read_text(str(DEMO_ARTICLE))
    for rt, path in paths.items():  # loads (and on first use exports) the models, builds the demo index
        pipes[rt] = Pipeline.create(str(path), device, corpus=str(DEMO_CORPUS))
        pipes[rt].check(inp.text, name=inp.name, path=inp.path)
    for rt, pipe in pipes.items():
        forget(pipe)
        t = time.perf_counter()
        pipe.check(inp.text, name=inp.name, path=inp.path)
        warm[rt] = round(time.perf_counter() - t, 2)
    news, sick = bench_texts(n_pairs), _sick_pairs(n_pairs)
    sentences = _distinct_sentences(n_pairs)
    result: dict[str, Any] = {"threads": threads(), "pairs": {"news": len(news), "sick": len(sick)},
                              "sentences": len(sentences)}
    figures = throughput(pipes, news, sick, sentences)
    for rt in runtimes:
        figures[rt]["check_warm_s"] = warm[rt]
        cold = cold_check(paths[rt])
        figures[rt]["check_cold_s"] = cold["s"]
        if "peak_rss_mb" in cold:
            figures[rt]["check_cold_peak_rss_mb"] = cold["peak_rss_mb"]
    result.update(figures)
    if len(runtimes) == 2:
        a, b = runtimes
        result[f"{b}_over_{a}"] = {k: round(figures[b][k] / figures[a][k], 2) for k in figures[a]
                                   if k in figures[b] and figures[a][k] and k.endswith("_per_s")}
        result[f"{b}_over_{a}"].update({k: round(figures[a][k] / figures[b][k], 2) for k in ("check_warm_s", "check_cold_s")
                                        if figures[b].get(k)})  # speed-ups: > 1 means b is faster
    if with_accuracy:
        del pipes
        result["accuracy"] = {rt: accuracy(paths[rt], device, accuracy_limit) for rt in runtimes}
    return result
