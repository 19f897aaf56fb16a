"""`claimcheck eval TASK --engine ray`: an evaluator's per-example batches sharded over Ray workers.

Evaluators hand their model calls to EvalContext.map_batches (a pipeline method and one argument tuple
per batch, e.g. "verify_texts" over 32 claims, "verifier.score_pairs" over 256 NLI pairs). With
--engine ray each batch goes, whole, to one worker: an actor holding its own EvalContext (the same
profile, device, top-k and pipeline factory; pipelines per corpus sharing one set of models). The
batches are the local engine's, so every model call sees the same inputs; results come back in
input order and the metrics are computed once, on the driver, from the same numbers.

Corpora and indexes live under CLAIMCHECK_HOME (eval/, indexes/), which the driver's environment
passes to the workers: on a multi-node cluster it must be shared storage.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Any, Iterator, Sequence

from . import Cluster, connect
from .pool import get_all, kill, ordered_map, start_actors


def attr_path(obj: Any, path: str) -> Any:
    """obj.a.b for "a.b" (a pipeline method, or a method of one of its models)."""
    return functools.reduce(getattr, path.split("."), obj)


class EvalWorker:
    """One Ray actor: a local EvalContext with this run's settings; its pipelines load on first use."""

    def __init__(self, ctx, threads: int):
        import torch

        torch.set_num_threads(threads)
        self.ctx = ctx

    def ready(self) -> bool:
        return True

    def call(self, path: str, corpus: str | None, args: tuple) -> Any:
        return attr_path(self.ctx.pipeline(corpus), path)(*args)


class RayEvalPool:
    """The workers of one `claimcheck eval` run (started on the first sharded call, closed by ctx.close())."""

    def __init__(self, cluster: Cluster, actors: list):
        self.cluster, self.actors = cluster, actors

    @classmethod
    def start(cls, ctx) -> "RayEvalPool":
        cluster = connect(ctx.address, ctx.workers)
        local = dataclasses.replace(ctx, engine="local", progress=False, _pipes={}, _engine=None)
        pool = cls(cluster, start_actors(EvalWorker, cluster, local, cluster.threads))
        try:
            get_all([a.ready.remote() for a in pool.actors])
        except BaseException:
            pool.close()
            raise
        return pool

    def map(self, path: str, batches: Sequence[tuple], corpus: str | None) -> Iterator[Any]:
        for _, result in ordered_map(self.actors, lambda a, i: a.call.remote(path, corpus, tuple(batches[i])),
                                     len(batches)):
            yield result

    def close(self) -> None:
        kill(self.actors)
        self.actors = []
        self.cluster.shutdown()
