"""The Ray cluster: where `--engine ray` runs the per-item work of triage, eval and index builds.

"Engine" names the --engine choice: `local` (the default) works in this process, `ray` spreads the work
over Ray workers (the optional `ray` extra: pip install 'claimcheck[ray]'), on a local Ray runtime started
for the run or on an existing cluster (--address auto | ray://HOST:PORT). This package connects to Ray and
pools its actors (pool); ray_triage, ray_eval and ray_index hold each command's workers. The driver alone
writes every output file, so outputs, resume semantics and exit codes are the local engine's.

Each worker is a Ray actor holding one Pipeline (or one model): models and the corpus index load once
per worker. Every worker must reach the --corpus path (on a cluster: shared storage, or an index
folder built once with `claimcheck index --engine ray`) and have claimcheck installed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from ..core.errors import UserError

ENGINES = ("local", "ray")
RAY_MISSING = "--engine ray needs the ray extra: pip install 'claimcheck[ray]' (or pip install 'ray>=2.9')"


def check_engine(name: str) -> str:
    """The engine name, checked; --engine ray without ray installed is one line (exit 2)."""
    if name not in ENGINES:
        raise UserError(f"unknown --engine '{name}' (choose {', '.join(ENGINES)})")
    if name == "ray":
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            raise UserError(RAY_MISSING)
    return name


@dataclass(frozen=True)
class Cluster:
    """A connected Ray runtime and the workers a run places on it."""

    workers: int  # actors
    cpus_per_worker: float  # Ray CPUs per actor (its torch threads: at least 1)

    @property
    def threads(self) -> int:
        return max(1, int(self.cpus_per_worker))
    owned: bool  # this run started the runtime, so it shuts it down

    def shutdown(self) -> None:
        if self.owned:
            import ray

            ray.shutdown()


def connect(address: str | None, workers: int = 0) -> Cluster:
    """Join the Ray runtime: one already initialised in this process, the cluster at `address`, or a new
    local one on this machine's CPUs. `workers` 0 means one per CPU; each worker gets an equal share
    of the CPUs (1 worker on a 2-core machine gets both, as the local engine's torch threads do)."""
    import logging

    import ray

    owned = False
    if not ray.is_initialized():
        kw = dict(logging_level=logging.WARNING, log_to_driver=False, include_dashboard=False)
        try:
            if address:
                ray.init(address=address, **kw)
            else:
                ray.init(num_cpus=os.cpu_count() or 1, **kw)
        except (ConnectionError, ValueError, RuntimeError) as e:
            where = address or "a local Ray runtime"
            raise UserError(f"--engine ray: cannot start or reach {where}: {str(e).splitlines()[0] if str(e) else e}") from None
        owned = True
    cpus = int(ray.cluster_resources().get("CPU", 1))
    node_cpus = max((int(n["Resources"].get("CPU", 0)) for n in ray.nodes() if n.get("Alive")), default=cpus)
    n = workers or cpus
    # an equal share, within one node; more workers than CPUs share them (fractional Ray CPUs, 1 thread each)
    share = min(cpus // n, node_cpus) if n <= cpus else cpus / n
    return Cluster(workers=n, cpus_per_worker=share, owned=owned)


def remote_cause(exc: BaseException) -> BaseException:
    """The exception a Ray task raised inside the worker (a UserError stays a UserError on the driver)."""
    cause = getattr(exc, "cause", None)
    return cause if isinstance(cause, BaseException) else exc
