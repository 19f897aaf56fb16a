"""Ray actors as a pool: work items spread over the actors, results handed back in input order.

Every engine (triage, eval, index) uses this one scheduler. Each actor keeps IN_FLIGHT calls queued
(one running, the next ready), so no worker idles between items; a new item goes to whichever actor
finished one. Actors are created with max_restarts / max_task_retries: a worker process that dies is
restarted by Ray (reloading its models) and the call is retried there.
"""
from __future__ import annotations

import os
from collections import deque
from typing import Any, Callable, Iterator, Sequence

from ..core.errors import UserError
from . import Cluster, remote_cause

MAX_RESTARTS = 2  # a worker process that dies is restarted this often (each restart reloads its models)
IN_FLIGHT = 2  # calls queued per worker: one running, one ready to start
FORWARD_ENV = ("CLAIMCHECK_", "HF_", "TRANSFORMERS_", "TOKENIZERS_")  # driver settings the workers take


class WorkerDied(RuntimeError):
    """The Ray worker doing an item died more often than Ray restarts it."""


def worker_env() -> dict[str, str]:
    """The driver's claimcheck, hub and tokenizer settings, which the workers take over."""
    return {k: v for k, v in os.environ.items() if k.startswith(FORWARD_ENV)}


def start_actors(cls: type, cluster: Cluster, *args: Any) -> list:
    """cluster.workers actors of `cls` (its constructor gets *args), each with an equal share of the CPUs."""
    import ray

    remote = ray.remote(cls).options(
        num_cpus=cluster.cpus_per_worker, max_restarts=MAX_RESTARTS, max_task_retries=MAX_RESTARTS,
        runtime_env={"env_vars": {**worker_env(), "CLAIMCHECK_THREADS": str(cluster.threads)}},  # its CPU share
    )
    return [remote.remote(*args) for _ in range(cluster.workers)]


def get_all(refs: list) -> list:
    """ray.get, with an error raised in a worker re-raised as itself (a UserError stays one line, exit 2)."""
    import ray

    try:
        return ray.get(refs)
    except ray.exceptions.RayError as e:
        cause = remote_cause(e)
        if isinstance(cause, UserError):
            raise cause from None
        raise RuntimeError(f"a Ray worker failed: {type(cause).__name__}: {cause}") from None


def ordered_map(actors: list, call: Callable[[Any, int], Any], n: int,
                on_lost: Callable[[int, BaseException], Any] | None = None) -> Iterator[tuple[int, Any]]:
    """(i, result of call(actor, i)) for i in range(n), in order; call returns an ObjectRef.

    An error raised in the worker is re-raised here (see get_all). A worker that died for good is
    dropped from `actors`; its items become on_lost(i, error) when given, else the run stops.
    """
    import ray

    todo = deque(range(n))
    inflight: dict[Any, tuple[int, Any]] = {}
    done: dict[int, Any] = {}

    def submit(actor) -> None:
        if todo:
            i = todo.popleft()
            inflight[call(actor, i)] = (i, actor)

    for actor in list(actors):
        for _ in range(IN_FLIGHT):
            submit(actor)
    for i in range(n):
        while i not in done:
            if not inflight:
                raise RuntimeError("every Ray worker died; rerun the same command to continue")
            [ref], _ = ray.wait(list(inflight), num_returns=1)
            j, actor = inflight.pop(ref)
            try:
                done[j] = ray.get(ref)
            except ray.exceptions.RayActorError as e:
                if actor in actors:
                    actors.remove(actor)
                if on_lost is None:
                    raise RuntimeError(f"a Ray worker died ({type(e).__name__}) after {MAX_RESTARTS} restarts") from None
                done[j] = on_lost(j, e)
                while not actors and todo:  # nobody left to do the rest
                    k = todo.popleft()
                    done[k] = on_lost(k, e)
                continue
            except ray.exceptions.RayTaskError as e:
                done[j] = get_error(e)
            submit(actor)
        result = done.pop(i)
        if isinstance(result, _Raised):
            raise result.exc
        yield i, result


class _Raised:
    """An item whose call raised in the worker: raised on the driver when its turn comes (earlier items first)."""

    def __init__(self, exc: BaseException):
        self.exc = exc


def get_error(e: BaseException) -> _Raised:
    cause = remote_cause(e)
    if isinstance(cause, UserError):
        return _Raised(cause)
    return _Raised(RuntimeError(f"a Ray worker failed: {type(cause).__name__}: {cause}"))


def kill(actors: Sequence) -> None:
    import ray

    for a in actors:
        try:
            ray.kill(a)
        except Exception:  # noqa: BLE001 - already gone
            pass

