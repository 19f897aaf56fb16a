"""Hybrid retrieval over an index: exact dense search + BM25, fused; and open_retriever()."""
from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..core.errors import IndexMismatch
from ..core.types import Hit
from . import bm25, dense
from .build import BuildStats, EmbedderLike, build_index
from .config import RetrievalConfig
from .fusion import fuse
from .store import MANIFEST, IndexStore, is_index_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RankedHit:
    """A hit with how it was ranked: `score` is the fused score, ranks are 1-based (None: not a candidate)."""

    hit: Hit
    score: float
    dense_rank: int | None
    bm25_rank: int | None


class Retriever:
    """Searches one index. `Hit.similarity` is always the dense cosine of the passage, whatever the fusion."""

    def __init__(self, store: IndexStore, embedder: EmbedderLike, config: RetrievalConfig | None = None,
                 build: BuildStats | None = None):
        self.embedder = embedder
        self.config = config or RetrievalConfig()
        self.build = build  # what open_retriever had to (re)build, if anything
        self._lock = threading.Lock()
        self._stamp = _manifest_stamp(store.path)  # before the lazy parts load: a swap after it is seen
        self.store = self._complete(store)

    def _complete(self, store: IndexStore) -> IndexStore:
        """Load the parts IndexStore reads lazily from its folder now, so every part of one store comes
        from the same build: a BM25 loaded after a rebuild was swapped in would rank rows the open
        vectors and passages do not have."""
        if self.config.fusion != "dense":
            _ = store.bm25
        if store.titles is not None:
            _ = store.doc_spans
        return store

    def refresh(self) -> bool:
        """Take up an index rebuilt in this store's folder since it was opened (`claimcheck index` into
        the same --out, or another run updating the cached index), as one unit: the new store is opened,
        verified and loaded whole, then replaces the old one in a single assignment. Returns True when it
        did. A folder that is mid-swap or cannot be used (another embedder, damaged) keeps the current
        index, which stays consistent (its open files outlive the rename), and is tried again next call.

        Callers that search from several threads call this where no search runs (claimcheck serve: under
        the engine's lock, between checks)."""
        with self._lock:
            stamp = _manifest_stamp(self.store.path)
            if stamp is None or stamp == self._stamp:
                return False
            try:
                new = IndexStore(self.store.path)
            except (IndexMismatch, OSError, ValueError):
                return False  # half-swapped or damaged: the current index goes on serving
            if new.manifest.get("manifest_sha256") == self.store.manifest.get("manifest_sha256"):
                new.close()
                self._stamp = stamp
                return False
            try:
                check_embedder(new, self.store.params.embedder)
                new = self._complete(new)
            except (IndexMismatch, OSError, ValueError) as e:
                new.close()
                self._stamp = stamp  # not this build again; a later rebuild is looked at afresh
                log.warning("index %s changed on disk but cannot replace the one in use (%s); keeping it",
                            self.store.path, e)
                return False
            # the old store is not closed here: a search holding it finishes first (its files are freed
            # when the last reference goes)
            self.store, self._stamp = new, stamp
            return True

    @property
    def n_passages(self) -> int:
        return self.store.n_passages

    def search(self, query: str, top_k: int = 5) -> list[Hit]:
        return self.search_batch([query], top_k)[0]

    def search_batch(self, queries: Sequence[str], top_k: int = 5) -> list[list[Hit]]:
        return [[r.hit for r in rs] for rs in self.search_batch_ranked(queries, top_k)]

    def search_batch_ranked(self, queries: Sequence[str], top_k: int = 5) -> list[list[RankedHit]]:
        """The `top_k` passages per query, best first, with fused scores and per-list ranks."""
        if not queries:
            return []
        cfg = self.config
        store = self.store  # one index for the whole batch, even if refresh() swaps in another meanwhile
        n_cand = max(cfg.candidates, top_k)
        qv = self.encode_queries(queries)
        if cfg.fusion != "bm25":
            dense_lists = self._dense_lists(store, qv, n_cand)
        else:
            dense_lists = [([], {}) for _ in queries]
        if cfg.fusion != "dense":
            bm25_lists = bm25.topk(store.bm25, queries, n_cand, store.params.bm25)
        else:
            bm25_lists = [[] for _ in queries]
        out: list[list[RankedHit]] = []
        for q, (d_list, cos), b_list in zip(qv, dense_lists, bm25_lists):
            ranked = fuse(d_list, b_list, cfg.fusion, rrf_k=cfg.rrf_k, dense_weight=cfg.dense_weight,
                          norm=cfg.score_norm)[:top_k]
            out.append(self._hits(store, q, ranked, d_list, b_list, cos))
        return out

    def encode_queries(self, queries: Sequence[str]) -> np.ndarray:
        prefix = self.config.query_prefix
        qv = np.asarray(self.embedder.encode([prefix + q for q in queries]), dtype=np.float32)
        return qv / np.maximum(np.linalg.norm(qv, axis=1, keepdims=True), 1e-12)

    def _dense_lists(self, store: IndexStore, qv: np.ndarray, n_cand: int) -> list[tuple[list[tuple[int, float]], dict[int, float]]]:
        """Per query: dense candidates [(row, score)] best first, and each row's own cosine.

        With title vectors, a document's best passage scores max(its cosine, the title's cosine), so a
        document whose title matches is found through its best passage ("title as one more passage").
        """
        d_idx, d_val = dense.topk(store.vectors, qv, n_cand)
        if store.titles is None:
            return [(list(zip(i.tolist(), v.tolist())), dict(zip(i.tolist(), v.tolist()))) for i, v in zip(d_idx, d_val)]
        t_idx, t_val = dense.topk(store.titles, qv, n_cand)
        first, count = store.doc_spans
        out = []
        for q, rows, vals, t_docs, t_vals in zip(qv, d_idx, d_val, t_idx, t_val):
            cos = dict(zip(rows.tolist(), vals.tolist()))
            best: dict[int, int] = {}  # doc_row -> its best candidate row (rows come best first)
            for r, d in zip(rows.tolist(), store.doc_row_of(rows).tolist()):
                best.setdefault(d, r)
            title = dict(zip(t_docs.tolist(), t_vals.tolist()))
            no_title = np.array([d for d in best if d not in title], dtype=np.int64)
            title.update(zip(no_title.tolist(), dense.cosines(store.titles, q, no_title).tolist()))
            unseen = [d for d in t_docs.tolist() if d not in best and count[d] > 0]
            if unseen:  # title-only documents: find their best passage
                extra = np.concatenate([np.arange(first[d], first[d] + count[d]) for d in unseen])
                extra_cos = dense.cosines(store.vectors, q, extra)
                cos.update(zip(extra.tolist(), extra_cos.tolist()))
                for d in unseen:
                    rs = range(int(first[d]), int(first[d] + count[d]))
                    best[d] = max(rs, key=lambda r: (cos[r], -r))
            score = {r: c for r, c in zip(rows.tolist(), vals.tolist())}
            for d, r in best.items():
                score[r] = max(cos[r], title[d])
            out.append((sorted(score.items(), key=lambda kv: (-kv[1], kv[0])), cos))
        return out

    def _hits(self, store: IndexStore, q: np.ndarray, ranked, d_list, b_list, cos: dict[int, float]) -> list[RankedHit]:
        rows = [int(r) for r, _ in ranked]
        cos = dict(cos)
        d_rank = {r: i for i, (r, _) in enumerate(d_list, start=1)}
        b_rank = {r: i for i, (r, _) in enumerate(b_list, start=1)}
        missing = np.array([r for r in rows if r not in cos], dtype=np.int64)
        cos.update(zip(missing.tolist(), dense.cosines(store.vectors, q, missing).tolist()))
        passages = store.passages(rows)
        return [
            RankedHit(Hit(p, round(float(cos[r]), 6)), float(s), d_rank.get(r), b_rank.get(r))
            for p, r, (_, s) in zip(passages, rows, ranked)
        ]

    def close(self) -> None:
        self.store.close()


def open_retriever(
    corpus: str | Path,
    *,
    profile: Any = None,
    device: str = "cpu",
    embedder: EmbedderLike | None = None,
    config: RetrievalConfig | None = None,
    progress: bool = False,
) -> Retriever:
    """A Retriever for an index folder, a corpus folder or a .jsonl file.

    For a corpus, the index is built once under home_dir()/indexes/<key> and updated incrementally
    when the corpus changes (key: corpus path + embedder + chunking). `profile` is a Profile, a name,
    or None (the default profile; with an injected `embedder` and no profile, built-in defaults).
    """
    from .corpus import load_documents
    from ..profiles import Profile, home_dir, load_profile

    prof = profile if isinstance(profile, Profile) else (
        load_profile(profile) if profile is not None or embedder is None else None
    )
    if config is None:
        config = RetrievalConfig.from_profile(prof)
        if prof is not None and "embedder" in prof.roles and prof.role("embedder").get("query_prefix"):
            config = config.with_(query_prefix=str(prof.role("embedder").get("query_prefix")))
    if embedder is not None:
        want = embedder.name
    else:
        from ..runtime.embed import embedder_id
        from ..profiles import resolve_device

        want = embedder_id(prof.role("embedder"), resolve_device(device))
    path = Path(corpus).expanduser()
    if is_index_dir(path):
        store = IndexStore(path)
        check_embedder(store, want)
        return Retriever(store, embedder or _load_embedder(prof, device), config)
    docs = load_documents(path)  # raises InputError for anything unusable
    embedder = embedder or _load_embedder(prof, device)
    out = home_dir() / "indexes" / cache_key(path, want, config)
    stats = build_index(docs, out, embedder, config, progress=progress, source=str(path.resolve()))
    return Retriever(IndexStore(out), embedder, config, build=stats)


def _manifest_stamp(folder: Path) -> tuple[int, int, int] | None:
    """(inode, mtime, size) of an index folder's manifest, or None while there is none (mid-swap): a
    rebuild renames a new folder into place, so its manifest is another file."""
    try:
        st = (Path(folder) / MANIFEST).stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def check_embedder(store: IndexStore, want: str) -> None:
    have = store.params.embedder
    if have != want:
        store.close()
        raise IndexMismatch(
            f"index {store.path} was built with embedder '{have}', but this profile uses '{want}'; "
            "rebuild it with `claimcheck index` and this --profile"
        )


def cache_key(path: Path, embedder_name: str, config: RetrievalConfig) -> str:
    chunking = config.index_params(embedder_name, 0).to_dict()
    blob = json.dumps({"path": str(path.resolve()), "chunking": chunking}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def _load_embedder(prof: Any, device: str) -> EmbedderLike:
    from ..runtime.embed import load_role_embedder
    from ..profiles import resolve_device

    return load_role_embedder(prof.role("embedder"), resolve_device(device))
