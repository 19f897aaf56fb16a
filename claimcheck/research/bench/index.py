"""Index benchmarks: build throughput vs the raw encoder, re-index cost, query latency and memory at
10k-1M rows, and retrieval quality on SciFact dev (recall@5/10, nDCG@10; dense, BM25, RRF, the profile's
fusion), ranked by `eval retrieve`'s code (claimcheck.research.evaluate.retrieve.abstract_rankings), so the
profile's row is `eval retrieve`'s figure.

`run_index_bench(...)` returns a metrics dict (primary metric: ``quality.cited.hybrid.ndcg@10``);
`claimcheck bench index` (and `bench --index`) runs it.
"""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...index.corpus import Document, chunk_document
from ...datasets.records import LabelledClaim
from ...index.build import embed_text
from ...index.config import RetrievalConfig


def default_scifact_zip() -> Path:
    """scifact.zip under the data root ($CLAIMCHECK_DATA, else ../shared/data)."""
    from ...datasets import scifact
    from ...datasets.root import data_root

    return data_root() / scifact.ZIP


# ---------------------------------------------------------------- SciFact


def load_scifact_corpus(zip_path: Path | None = None) -> list[Document]:
    """The 5,183 abstracts as `eval retrieve` reads them (claimcheck.datasets.scifact: id = doc_id, title,
    text = the sentences joined by blank lines, so passages window SciFact's own sentences)."""
    from ...datasets import scifact

    folder = (zip_path or default_scifact_zip()).parent
    return [Document(id=d.id, text=d.text, title=d.title) for d in scifact.corpus(folder)]


def load_scifact_claims(zip_path: Path | None = None) -> list[LabelledClaim]:
    """SciFact dev claims as `eval retrieve` reads them (cited_docs: all 300; evidence_docs: the 188 with rationales)."""
    from ...datasets import scifact

    return scifact.claims((zip_path or default_scifact_zip()).parent, "dev")


# ---------------------------------------------------------------- metrics


def rank_metrics(rankings: Sequence[Sequence[str]], qrels: Sequence[frozenset[str]]) -> dict[str, float]:
    """Mean recall@5, recall@10 and nDCG@10 (claimcheck.research.evaluate.metrics) over queries with a relevant document."""
    from ..evaluate.metrics import ranking_metrics

    m = ranking_metrics(rankings, qrels, ks=(5, 10), ndcg_k=10)
    out: dict[str, float] = {k: round(m[k], 4) for k in ("recall@5", "recall@10", "ndcg@10")}
    out["n_queries"] = sum(1 for q in qrels if q)
    return out


# ---------------------------------------------------------------- benchmarks


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def build_bench(docs: Sequence[Document], embedder: Any, config: RetrievalConfig, out_dir: Path) -> dict[str, Any]:
    """First build, raw encoder on the same texts, and re-index of the unchanged corpus."""
    from ...index.build import build_index

    passages = [p for d in docs for p in chunk_document(d, config.chunk_sentences, config.chunk_overlap, config.max_chars)]
    texts = [embed_text(p, config.title_in_embedding) for p in passages]
    if config.title_vectors:
        texts += [d.title for d in docs if d.title.strip()]
    t, c = time.perf_counter(), time.process_time()
    embedder.encode(texts)
    raw_s, raw_cpu = time.perf_counter() - t, time.process_time() - c
    c = time.process_time()
    first = build_index(docs, out_dir, embedder, config)
    build_cpu = time.process_time() - c
    again = build_index(docs, out_dir, embedder, config)
    edited = [Document(d.id, d.text + " (corrected)", d.title) if i % 100 == 0 else d for i, d in enumerate(docs)]
    update = build_index(edited, out_dir, embedder, config)  # 1% of the documents changed
    build_index(docs, out_dir, embedder, config)  # back to the original for the quality runs
    return {
        "n_documents": len(docs),
        "n_passages": first.n_passages,
        "n_texts_embedded": len(texts),  # passages + titles
        "raw_encode_s": round(raw_s, 2),
        "raw_texts_per_s": round(len(texts) / raw_s, 1),
        "build_s": round(first.seconds, 2),
        "build_texts_per_s": round(len(texts) / first.seconds, 1),
        "build_passages_per_s": round(first.n_passages / first.seconds, 1),
        "build_vs_raw": round(raw_s / first.seconds, 3),  # wall clock: noisy on a shared machine
        "raw_cpu_s": round(raw_cpu, 2),
        "build_cpu_s": round(build_cpu, 2),
        "build_vs_raw_cpu": round(raw_cpu / build_cpu, 3),  # CPU time of this process: fair under load
        "reindex_unchanged_s": round(again.seconds, 3),
        "reindex_fraction": round(again.seconds / first.seconds, 4),
        "update_1pct_docs": update.changed,
        "update_1pct_s": round(update.seconds, 2),
        "update_1pct_embedded": update.embedded,
    }


def quality_bench(index_dir: Path, embedder: Any, claims: Sequence[LabelledClaim],
                  configs: dict[str, RetrievalConfig]) -> dict[str, Any]:
    """nDCG@10 / recall for each named config, against cited (300) and evidence (188) abstracts, each
    ranked as `eval retrieve` ranks (its abstract_rankings: the config's candidates per list, fused)."""
    from ..evaluate.retrieve import abstract_rankings
    from ...index.retriever import Retriever
    from ...index.store import IndexStore

    store = IndexStore(index_dir)
    texts = [c.claim for c in claims]
    out: dict[str, Any] = {"cited": {}, "evidence": {}}
    for name, cfg in configs.items():
        docs = abstract_rankings(Retriever(store, embedder, cfg), texts)
        out["cited"][name] = rank_metrics(docs, [frozenset(c.cited_docs) for c in claims])
        out["evidence"][name] = rank_metrics(docs, [frozenset(c.evidence_docs) for c in claims])
    store.close()
    return out


_LATENCY_SCRIPT = r"""
import json, resource, sys, time, tracemalloc
import numpy as np
from claimcheck.index import dense
path, n_queries = sys.argv[1], int(sys.argv[2])
m = np.load(path, mmap_mode="r")
rng = np.random.default_rng(1)
q = rng.standard_normal((n_queries, m.shape[1])).astype(np.float32)
q /= np.linalg.norm(q, axis=1, keepdims=True)
dense.topk(m, q[:1], 100)  # warm the page cache
tracemalloc.start()
lat = []
for i in range(n_queries):
    t = time.perf_counter(); dense.topk(m, q[i:i + 1], 100); lat.append(time.perf_counter() - t)
_, peak_py = tracemalloc.get_traced_memory()
tracemalloc.stop()
t = time.perf_counter(); dense.topk(m, q, 100); batch = time.perf_counter() - t
print(json.dumps({"p50_ms": round(float(np.percentile(lat, 50)) * 1e3, 1),
                  "p95_ms": round(float(np.percentile(lat, 95)) * 1e3, 1),
                  "batch_per_query_ms": round(batch / n_queries * 1e3, 2),
                  "peak_numpy_mb": round(peak_py / 2**20, 1),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def latency_bench(sizes: Sequence[int] = (10_000, 100_000, 1_000_000), dim: int = 384, n_queries: int = 20,
                  work_dir: Path | None = None) -> dict[str, Any]:
    """Dense exact search over synthetic float16 memory maps, each size in a fresh process (clean peak RSS)."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        for n in sizes:
            path = Path(tmp) / f"v{n}.npy"
            m = np.lib.format.open_memmap(path, mode="w+", dtype=np.float16, shape=(n, dim))
            rng = np.random.default_rng(0)
            for s in range(0, n, 65536):
                block = rng.standard_normal((min(65536, n - s), dim)).astype(np.float32)
                m[s : s + len(block)] = (block / np.linalg.norm(block, axis=1, keepdims=True)).astype(np.float16)
            m.flush()
            del m
            res = subprocess.run([sys.executable, "-c", _LATENCY_SCRIPT, str(path), str(n_queries)],
                                 capture_output=True, text=True, check=True)
            out[str(n)] = __import__("json").loads(res.stdout.strip().splitlines()[-1])
            path.unlink()
    return out


def default_quality_configs(base: RetrievalConfig) -> dict[str, RetrievalConfig]:
    """Each list alone, plain RRF of both, and the profile's own settings ("hybrid": its fusion)."""
    return {"dense": base.with_(fusion="dense"), "bm25": base.with_(fusion="bm25"), "rrf": base.with_(fusion="rrf"),
            "hybrid": base}


def run_index_bench(
    *,
    scifact_zip: Path | None = None,
    embedder: Any = None,
    profile: Any = None,
    device: str = "cpu",
    config: RetrievalConfig | None = None,
    max_docs: int | None = None,
    latency_sizes: Sequence[int] = (10_000, 100_000, 1_000_000),
    quality: bool = True,
    work_dir: Path | None = None,
) -> dict[str, Any]:
    """Build throughput, re-index cost, query latency/memory and SciFact dev quality, as one dict.

    `max_docs` limits the SciFact corpus for a quick run (quality then only means something when None).
    `scifact_zip` defaults to scifact/scifact.zip under the data root ($CLAIMCHECK_DATA, else ../shared/data).
    The primary metric is ``quality.cited.hybrid.ndcg@10``.
    """
    import os
    import platform

    from ...profiles import load_profile
    from ...index.retriever import _load_embedder

    prof = profile if profile is not None and not isinstance(profile, str) else (
        load_profile(profile) if embedder is None or profile is not None else None
    )
    config = config or RetrievalConfig.from_profile(prof)
    embedder = embedder or _load_embedder(prof, device)
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "device": device},
        "embedder": embedder.name,
        "config": config.__dict__,
    }
    scifact_zip = scifact_zip or default_scifact_zip()
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        if scifact_zip.is_file():
            docs = load_scifact_corpus(scifact_zip)[: max_docs or None]
            result["build"] = build_bench(docs, embedder, config, Path(tmp) / "scifact")
            if quality and max_docs is None:
                claims = load_scifact_claims(scifact_zip)
                result["quality"] = quality_bench(Path(tmp) / "scifact", embedder, claims, default_quality_configs(config))
                result["primary"] = {"quality.cited.hybrid.ndcg@10": result["quality"]["cited"]["hybrid"]["ndcg@10"]}
        else:
            result["build"] = {"skipped": f"{scifact_zip} not found"}
        if latency_sizes:
            result["latency"] = latency_bench(latency_sizes, dim=int(embedder.dim), work_dir=work_dir)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result
