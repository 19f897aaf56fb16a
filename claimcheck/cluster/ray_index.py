"""`claimcheck index CORPUS --out DIR --engine ray`: the passages to embed are sharded over Ray workers.

RayEmbedder is an embedder like any other to claimcheck.index.build_index (name, dim, batch_size,
encode), so the build itself is unchanged: the driver alone decides what is new or changed, writes the
SQLite store, vectors and BM25 into a temporary folder and renames it into place (atomic,
incremental, resumable from the embedded batches a killed build kept). Only `encode` is spread out:
each call's texts (longest first, as the builder sorts them) are dealt round-robin to the workers, so
every worker gets texts of about the same lengths, and the vectors come back in input order.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from . import Cluster, connect
from .pool import get_all, kill, start_actors


class EmbedWorker:
    """One Ray actor: the profile's embedder, loaded once."""

    def __init__(self, profile, device: str):
        from ..index.retriever import _load_embedder

        self.embedder = _load_embedder(profile, device)

    def info(self) -> tuple[str, int, int]:
        return self.embedder.name, int(self.embedder.dim), int(getattr(self.embedder, "batch_size", 64) or 64)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.embedder.encode(list(texts)), dtype=np.float32)


class RayEmbedder:
    """An EmbedderLike whose encode() runs on every worker at once (see the module docs)."""

    def __init__(self, cluster: Cluster, actors: list, name: str, dim: int, worker_batch: int):
        self.cluster, self.actors, self.name, self.dim = cluster, actors, name, dim
        self.batch_size = worker_batch * len(actors)  # the builder sends 4 batches per call: 4 per worker

    @classmethod
    def start(cls, profile, device: str, address: str | None = None, workers: int = 0) -> "RayEmbedder":
        cluster = connect(address, workers)
        actors = start_actors(EmbedWorker, cluster, profile, device)
        try:
            name, dim, batch = get_all([a.info.remote() for a in actors])[0]
        except BaseException:
            kill(actors)
            cluster.shutdown()
            raise
        return cls(cluster, actors, name, dim, batch)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        n = len(self.actors)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = get_all([a.encode.remote(texts[k::n]) for k, a in enumerate(self.actors) if texts[k::n]])
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for k, vecs in enumerate(parts):
            out[k::n] = vecs
        return out

    def close(self) -> None:
        kill(self.actors)
        self.actors = []
        self.cluster.shutdown()
