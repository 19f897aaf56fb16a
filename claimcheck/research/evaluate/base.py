"""What every evaluator shares: the result type, the run context, dataset location and JSON files.

An evaluator evaluates one named set (a "split") at a time and returns a SplitOutcome (n, metrics,
what was run); `run_evaluator` times each set, wraps it in an EvalResult and, for several sets,
combines them into one result whose `splits` hold the per-set results.
"""
from __future__ import annotations

import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, Sequence

from ...datasets.root import data_root
from ...core.errors import InputError, UserError
from .metrics import rounded

RESULT_FIELDS = ("task", "dataset", "split", "n", "metrics", "primary_metric", "models", "device", "seconds")


@dataclass(frozen=True)
class SplitSpec:
    """Where a set's data lives: `folder` under the data root, holding `marker` (a file or folder)."""

    name: str
    folder: str
    marker: str
    # A layout users may bring (not a benchmark): never among the default sets, found where --dataset
    # points when no default set is there; a folder holding `marker` itself is named by its folder.
    user_layout: bool = False


@dataclass(frozen=True)
class SplitOutcome:
    """One evaluated set: how many items, the metrics, and what was run (corpus size, top_k, notes)."""

    n: int
    metrics: dict[str, Any]
    config: dict[str, Any] = field(default_factory=dict)
    primary_metric: str | None = None  # when this set's differs from the evaluator's


@dataclass(frozen=True)
class EvalResult:
    """The JSON of `claimcheck eval`: one set, or several (then `splits` holds each and `metrics` is flat)."""

    task: str
    dataset: str
    split: str
    n: int
    metrics: dict[str, Any]
    primary_metric: str
    models: dict[str, str]
    device: str
    seconds: float
    config: dict[str, Any] = field(default_factory=dict)
    splits: tuple["EvalResult", ...] = ()

    @property
    def primary_value(self) -> Any:
        return self.metrics.get(self.primary_metric)

    def leaves(self) -> tuple["EvalResult", ...]:
        """The single-set results (itself when it is one)."""
        return tuple(s for r in self.splits for s in r.leaves()) if self.splits else (self,)

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in RESULT_FIELDS}
        d["metrics"] = rounded(self.metrics)
        d["seconds"] = round(self.seconds, 2)
        d["config"] = dict(self.config)
        if self.splits:
            d["splits"] = [s.to_dict() for s in self.splits]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], name: str = "result") -> "EvalResult":
        missing = [k for k in RESULT_FIELDS if k not in d]
        if missing:
            raise InputError(f"{name}: not a claimcheck eval result (missing {', '.join(missing)})")
        if not isinstance(d["metrics"], dict):
            raise InputError(f"{name}: \"metrics\" is not an object")
        return cls(
            task=str(d["task"]), dataset=str(d["dataset"]), split=str(d["split"]), n=int(d["n"]),
            metrics=d["metrics"], primary_metric=str(d["primary_metric"]), models=dict(d["models"] or {}),
            device=str(d["device"]), seconds=float(d["seconds"]), config=dict(d.get("config") or {}),
            splits=tuple(cls.from_dict(s, name) for s in d.get("splits") or ()),
        )


class Evaluator(Protocol):
    """One task family: the sets it knows (in default order), its primary metric, and one set's run."""

    name: str
    primary_metric: str
    specs: tuple[SplitSpec, ...]
    default_splits: tuple[str, ...]
    accepts_file: bool  # may --dataset be a single file (e.g. user NLI pairs)?

    def evaluate(self, split: str, path: Path, ctx: "EvalContext") -> SplitOutcome: ...


# ---------------------------------------------------------------- run context


@dataclass
class EvalContext:
    """Settings of one run plus the (lazily created, shared) pipelines.

    `pipeline_factory(corpus)` may be injected (tests use fakes); the default builds a Pipeline per
    corpus, shares loaded models between them, and on CUDA uses 4x the profile's batch sizes and
    runs the verifier and embedder in fp16.
    """

    profile: str | None = None
    device: str = "cpu"
    limit: int | None = None
    top_k: int = 5
    progress: bool = False
    pipeline_factory: Callable[[str | None], Any] | None = None
    engine: str = "local"  # ray: map_batches shards the model calls over Ray workers (claimcheck.cluster.ray_eval)
    address: str | None = None  # ray: an existing cluster; None starts a local one
    workers: int = 0  # ray: workers (0: one per CPU)
    _pipes: dict[str | None, Any] = field(default_factory=dict, repr=False)
    _engine: Any = field(default=None, repr=False)

    def map_batches(self, call: str, batches: Sequence[tuple], corpus: str | None = None) -> Iterator[Any]:
        """pipeline(corpus).<call>(*batch) for each batch, in order; `call` is a method path such as
        "verify_texts" or "verifier.score_pairs". Local: here; --engine ray: each batch on a Ray worker."""
        from ...cluster.ray_eval import attr_path

        if self.engine == "ray":
            if self._engine is None:
                from ...cluster.ray_eval import RayEvalPool

                self._engine = RayEvalPool.start(self)
            yield from self._engine.map(call, batches, corpus)
            return
        fn = attr_path(self.pipeline(corpus), call)
        for batch in batches:
            yield fn(*batch)

    def close(self) -> None:
        """Stop the Ray workers of this run, if any."""
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def take(self, items: Sequence) -> list:
        """The first `limit` items (all when no limit): --limit always keeps the documented order."""
        return list(items if self.limit is None else items[: self.limit])

    def pipeline(self, corpus: str | None = None) -> Any:
        key = str(corpus) if corpus is not None else None
        if key not in self._pipes:
            make = self.pipeline_factory or self._make_pipeline
            self._pipes[key] = make(key)
        return self._pipes[key]

    def models(self) -> dict[str, str]:
        pipe = next(iter(self._pipes.values()), None) or self.pipeline()
        return dict(pipe.models())

    def work_dir(self) -> Path:
        from ...profiles import home_dir

        d = home_dir() / "eval"
        d.mkdir(parents=True, exist_ok=True)
        return d

    @contextmanager
    def bar(self, total: int, description: str) -> Iterator[Callable[[int], None]]:
        """A rich progress bar on stderr (transient); yields advance(n). Silent when progress is off."""
        if not self.progress or total <= 0:
            yield lambda n=1: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        cols = (TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
        with Progress(*cols, console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task(description, total=total)
            yield lambda n=1: progress.advance(task, n)

    def open_index(self, pipe: Any, corpus: str | Path, **config_changes: Any) -> Any:
        """Build (with a progress bar) or open the index of `corpus` for `pipe`; returns a retriever.

        With no changes this is the index `pipe.retriever` then opens without re-embedding;
        `config_changes` adjust query-time settings (e.g. candidates) of the returned retriever.
        An injected pipeline without a profile is a fake: its own retriever is returned.
        """
        profile = getattr(pipe, "profile", None)
        if profile is None:
            return pipe.retriever
        from ...index import RetrievalConfig, open_retriever

        cfg = RetrievalConfig.from_profile(profile)
        return open_retriever(str(corpus), profile=profile, device=self.device, embedder=pipe.embedder,
                              config=cfg.with_(**config_changes) if config_changes else cfg, progress=self.progress)

    # -- the default factory ------------------------------------------------------
    def _make_pipeline(self, corpus: str | None) -> Any:
        from ...components import Components
        from ...pipeline import Pipeline
        from ...profiles import load_profile

        # one set of models for every corpus of this run: the first pipeline's components
        shared = next((p.components for p in self._pipes.values() if isinstance(getattr(p, "components", None), Components)), None)
        if shared is None:
            profile = load_profile(self.profile)
            if self.device == "cuda":
                profile = scaled_batches(profile, 4)
            shared = Components(profile, self.device)
        pipe = Pipeline(profile=shared.profile, device=self.device, corpus=corpus, top_k=self.top_k, components=shared)
        if self.device == "cuda":
            _half_precision(pipe)
        return pipe


def scaled_batches(profile: Any, factor: int) -> Any:
    """A copy of a Profile whose embedder and verifier batch sizes are `factor` times larger."""
    defaults = {"embedder": 64, "verifier": 32}
    roles = dict(profile.roles)
    for role, default in defaults.items():
        if role in roles:
            cfg = roles[role]
            opts = dict(cfg.options)
            opts["batch_size"] = int(opts.get("batch_size", default)) * factor
            roles[role] = replace(cfg, options=opts)
    return replace(profile, roles=roles)


def _half_precision(pipe: Any) -> None:
    """fp16 weights for the verifier's and embedder's torch modules (inference only; logits are read as float)."""
    import torch

    for name in ("verifier", "embedder"):
        model = getattr(getattr(pipe, name, None), "model", None)
        if isinstance(model, torch.nn.Module) and next(model.parameters()).dtype == torch.float32:
            model.half()


# ---------------------------------------------------------------- locating data


def locate(evaluator: Evaluator, dataset: str | None, split: str | None) -> list[tuple[str, Path]]:
    """(set name, path) pairs to evaluate. Raises UserError (one line, exit 2) when data is missing.

    `dataset` may be the data root (holding the sets' folders), one set's folder, or, for evaluators
    that accept it, a single file (its stem names the set). Without `dataset`, the default data root.
    """
    specs = {s.name: s for s in evaluator.specs}
    if split is not None and split not in specs and not (dataset and evaluator.accepts_file and Path(dataset).is_file()):
        raise UserError(f"unknown set '{split}' for eval {evaluator.name} (choose {', '.join(specs)})")
    if dataset is not None:
        base = Path(dataset).expanduser()
        if not base.exists():
            raise UserError(f"--dataset {dataset}: no such file or folder")
        if base.is_file():
            if not evaluator.accepts_file:
                raise UserError(f"--dataset {dataset}: eval {evaluator.name} needs a folder (the data root or one set's folder)")
            return [(split or base.stem, base)]
        names = [split] if split else list(evaluator.default_splits)
        found = [(n, p) for n in names if (p := _find(specs[n], base)) is not None]
        if not found and not split:
            names = [s.name for s in evaluator.specs if s.user_layout]
            found = [(_user_set_name(specs[n], p, base, specs), p) for n in names if (p := _find(specs[n], base)) is not None]
            names = list(evaluator.default_splits) + names
        if not found:
            wanted = ", ".join(f"{specs[n].folder}/{specs[n].marker}" for n in names)
            raise UserError(f"--dataset {dataset}: holds no data for eval {evaluator.name} (looked for {wanted})")
        return found
    root = getattr(evaluator, "default_root", None) or data_root()  # e.g. eval claims: gold kept in the repo
    names = [split] if split else list(evaluator.default_splits)
    out = []
    for n in names:
        p = _find(specs[n], root)
        if p is None:
            raise UserError(
                f"no data for eval {evaluator.name} ({n}): {root / specs[n].folder} not found; "
                "pass --dataset PATH or set CLAIMCHECK_DATA"
            )
        out.append((n, p))
    return out


def _user_set_name(spec: SplitSpec, found: Path, base: Path, specs: dict[str, SplitSpec]) -> str:
    """A user folder in a set's layout is named by the folder (unless that name is another set's)."""
    name = base.resolve().name if found == base else spec.name
    return name if name and (name == spec.name or name not in specs) else spec.name


def _find(spec: SplitSpec, base: Path) -> Path | None:
    if (base / spec.folder / spec.marker).exists():
        return base / spec.folder
    if (base / spec.marker).exists():
        return base
    return None


# ---------------------------------------------------------------- running


def set_seeds(seed: int = 0) -> None:
    """Fix every random source the models may touch, so reruns give the same numbers."""
    import random

    import numpy as np

    random.seed(seed)
    np.random.seed(seed)
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a dependency
        return
    torch.manual_seed(seed)


def run_evaluator(evaluator: Evaluator, ctx: EvalContext, dataset: str | None = None, split: str | None = None,
                  on_result: Callable[[EvalResult], None] | None = None) -> EvalResult:
    """Evaluate each located set in turn; one result, or a combined one over several sets."""
    targets = locate(evaluator, dataset, split)
    set_seeds(0)
    results = []
    for name, path in targets:
        t0 = time.perf_counter()
        outcome = evaluator.evaluate(name, path, ctx)
        config = {"limit": ctx.limit, **outcome.config}
        result = EvalResult(
            task=evaluator.name, dataset=str(path), split=name, n=outcome.n, metrics=outcome.metrics,
            primary_metric=outcome.primary_metric or evaluator.primary_metric, models=ctx.models(), device=ctx.device,
            seconds=time.perf_counter() - t0, config=config,
        )
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results[0] if len(results) == 1 else combine(evaluator.name, results)


def combine(task: str, results: Sequence[EvalResult]) -> EvalResult:
    """Several sets as one result: flat "<set>/<metric>" scalars, led by mean_<primary> when every set
    has the same primary metric (else the first set's primary metric is the combined one's)."""
    flat: dict[str, Any] = {}
    for r in results:
        for k, v in r.metrics.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                flat[f"{r.split}/{k}"] = v
    first = results[0]
    if len({r.primary_metric for r in results}) == 1:
        primary = f"mean_{first.primary_metric}"
        values = [r.primary_value for r in results if isinstance(r.primary_value, (int, float))]
        flat = {primary: sum(values) / len(values) if values else None, **flat}
    else:
        primary = f"{first.split}/{first.primary_metric}"
    parents = {str(Path(r.dataset).parent) for r in results}
    return EvalResult(
        task=task, dataset=parents.pop() if len(parents) == 1 else ",".join(r.dataset for r in results),
        split=",".join(r.split for r in results), n=sum(r.n for r in results), metrics=flat,
        primary_metric=primary, models=first.models, device=first.device,
        seconds=sum(r.seconds for r in results), config={"limit": first.config.get("limit")}, splits=tuple(results),
    )


# ---------------------------------------------------------------- files


def result_json(result: EvalResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_result(result: EvalResult, path: str | Path) -> None:
    """Write the result JSON atomically (readers never see half a file)."""
    from ...core.io import atomic_write

    atomic_write(path, result_json(result))


def read_result(path: str | Path) -> EvalResult:
    """Read a result file written by `claimcheck eval`; InputError names the file on bad input."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    from ...core.io import read_bytes
    from ...core.sanitize import load_json

    d = load_json(read_bytes(p, str(p)), f"{p}: not a JSON result file")  # depth-limited, like any user input
    if not isinstance(d, dict):
        raise InputError(f"{p}: not a claimcheck eval result (expected a JSON object)")
    return EvalResult.from_dict(d, str(p))
