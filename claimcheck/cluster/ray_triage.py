"""Triage on Ray: batches of articles go to Ray actors, each holding one Pipeline; the driver writes.

The driver reads the articles (the worker nodes need not see ARTICLES), sends each batch to an actor,
and hands the checked batches back to the triage runner in input order, which commits them exactly as
the local engine does (claimcheck.triage.runner: results.jsonl, pages, ranking.csv, index.html,
errors.jsonl, resume). An actor works on one batch while the next waits in its queue, so no worker
idles between batches. A worker process that dies (killed, out of memory) is restarted by Ray, which
loads its models again and retries the batch; nothing is written until a batch comes back, so a retry
never duplicates an article. A batch that still fails is one error per article (rerun to retry).
"""
from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path
from typing import Any, Iterator, Sequence

from . import Cluster, connect
from .pool import WorkerDied, get_all, kill, ordered_map, start_actors


class TriageWorker:
    """One Ray actor: a Pipeline built by the run's factory, loaded on first use (and again after a restart)."""

    def __init__(self, cfg, factory, threads: int):
        self.cfg, self.factory, self.threads = cfg, factory, threads
        self.pipe = None

    def _pipeline(self):
        if self.pipe is None:
            import torch

            from ..triage.work import default_pipeline, load_models

            torch.set_num_threads(self.threads)
            pipe = (self.factory or default_pipeline)(self.cfg)
            _ = pipe.retriever  # a bad corpus fails here (the first worker to get here builds a missing index)
            load_models(pipe)
            self.pipe = pipe
        return self.pipe

    def load(self) -> dict:
        """Load the models and open the index; returns the profile's [risk] options."""
        return dict(self._pipeline().profile.section("risk"))

    def check(self, loaded: Sequence[Any]) -> list:
        from ..triage.work import check_loaded

        return [_portable(x) for x in check_loaded(self._pipeline(), loaded)]


def _portable(x):
    """A result the driver can unpickle: an exception that does not pickle becomes a RuntimeError saying what it was."""
    if isinstance(x, BaseException):
        try:
            pickle.loads(pickle.dumps(x))
        except Exception:  # noqa: BLE001
            return RuntimeError(f"{type(x).__name__}: {x}")
    return x


def _absolute(cfg):
    """Paths as every worker sees them (a worker's current folder is not the driver's)."""
    prof = cfg.profile
    if prof and (prof.endswith(".toml") or os.sep in prof) and Path(prof).expanduser().exists():
        prof = str(Path(prof).expanduser().resolve())
    return dataclasses.replace(cfg, corpus=str(Path(cfg.corpus).expanduser().resolve()), profile=prof)


class RayEngine:
    """The triage runner's engine on Ray (see the module docs)."""

    def __init__(self, cluster: Cluster, actors: list, risk_options: dict):
        self.cluster, self.actors, self.risk_options = cluster, actors, risk_options

    @classmethod
    def start(cls, cfg, factory, console) -> "RayEngine":
        cluster = connect(cfg.address, cfg.workers)
        engine = cls(cluster, start_actors(TriageWorker, cluster, _absolute(cfg), factory, cluster.threads), {})
        try:
            with console.status(f"starting {cluster.workers} Ray worker(s), loading models once per worker ...",
                                spinner="dots"):
                engine.risk_options = get_all([a.load.remote() for a in engine.actors])[0]
        except BaseException:
            engine.close()
            raise
        return engine

    def check_batches(self, batches: Sequence[Sequence]) -> Iterator[tuple[list, list]]:
        """(loaded batch, one Report or exception per article), in input order, as the local engine gives."""
        from ..triage.work import load_batch

        loaded: dict[int, list] = {}

        def call(actor, b: int):
            loaded[b] = load_batch(batches[b])  # read here: the workers need not see ARTICLES
            return actor.check.remote([x for _, x in loaded[b]])

        def lost(b: int, e: BaseException) -> list:
            msg = f"the Ray worker checking it died ({type(e).__name__}); rerun to retry it"
            return [WorkerDied(msg)] * len(batches[b])

        for b, results in ordered_map(self.actors, call, len(batches), on_lost=lost):
            yield loaded.pop(b, None) or load_batch(batches[b]), results

    def close(self) -> None:
        kill(self.actors)
        self.actors = []
        self.cluster.shutdown()
