"""The named benchmarks of `claimcheck bench NAME ...`, each registered in the one registry (kind "bench"): a
name, an Options dataclass (typed, documented; given as `--opt key=value`), a doc line and a factory
`(options, profile, device) -> figures` that imports the benchmark's module when it runs, so listing them
stays light. `claimcheck bench` with no name runs DEFAULT.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...core import registry
from ...core.errors import UserError

DEFAULT = "check"


def _ints(text: str, where: str) -> tuple[int, ...]:
    """"100000,200000" -> (100000, 200000); anything else is one line naming the option."""
    try:
        return tuple(int(x) for x in text.replace(" ", "").split(",") if x)
    except ValueError:
        raise UserError(f"{where} must be whole numbers separated by commas, not '{text}'") from None


@dataclass(frozen=True)
class CheckOptions:
    pairs: int = registry.option(512, "claim-passage pairs for the verifier figures (waits, runtimes)")
    claims: int = registry.option(100, "FRANK articles for the claims figure (segment + claims, articles/minute; "
                                       "0 skips; needs the data folder)")
    waits: bool = registry.option(True, "check cold (fresh process) and warm, demo and seed article, beside `import "
                                        "claimcheck`; serve to first answer; verifier pairs/s as a share of the "
                                        "CPU's fp32 peak")
    runtimes: bool = registry.option(True, "torch vs ONNX Runtime side by side (verifier, embedder, check cold/warm)")
    accuracy: bool = registry.option(False, "with the runtimes: SICK test, Climate-FEVER held-out and news dev scores "
                                            "of each (tens of minutes; needs the data folder)")
    accuracy_limit: int | None = registry.option(None, "with accuracy: only the first N items of each set")
    index: bool = registry.option(False, "also the index benchmark on SciFact (minutes)")


@registry.register("bench", "check", CheckOptions, "Throughput on this machine: check (cold, warm), claims, what a "
                   "user waits for, torch vs ONNX (verifier, embedder), optionally accuracy and the index")
def _check(o: CheckOptions, profile: str | None, device: str) -> dict:
    from .run import run_bench

    return run_bench(profile, device, n_pairs=o.pairs, index=o.index, n_claims=o.claims, runtimes=o.runtimes,
                     accuracy=o.accuracy, accuracy_limit=o.accuracy_limit, waits=o.waits)


@dataclass(frozen=True)
class WaitsOptions:
    pairs: int = registry.option(512, "claim-passage pairs for the verifier's share of the CPU's peak")
    rounds: int = registry.option(3, "rounds of each timing (the median is reported)")


@registry.register("bench", "waits", WaitsOptions, "What a user waits for: check cold and warm (demo and seed "
                   "article), serve to its first answer, the verifier's share of the CPU's fp32 peak")
def _waits(o: WaitsOptions, profile: str | None, device: str) -> dict:
    from ...pipeline import Pipeline
    from .runtime import DEMO_CORPUS
    from .waits import user_waits

    return user_waits(Pipeline.create(profile, device, corpus=str(DEMO_CORPUS)), profile, device, o.pairs, o.rounds)


@dataclass(frozen=True)
class RuntimesOptions:
    pairs: int = registry.option(512, "claim-passage pairs (and distinct sentences) timed")
    accuracy: bool = registry.option(False, "also SICK test, Climate-FEVER held-out and news dev scores of each")
    accuracy_limit: int | None = registry.option(None, "with accuracy: only the first N items of each set")


@registry.register("bench", "runtimes", RuntimesOptions, "torch vs ONNX Runtime side by side: verifier pairs/s, "
                   "embedder sentences/s, check cold and warm")
def _runtimes(o: RuntimesOptions, profile: str | None, device: str) -> dict:
    import tempfile

    from .runtime import compare_runtimes

    with tempfile.TemporaryDirectory() as folder:
        return compare_runtimes(profile, device, o.pairs, Path(folder), with_accuracy=o.accuracy,
                                accuracy_limit=o.accuracy_limit)


@dataclass(frozen=True)
class IndexOptions:
    max_docs: int | None = registry.option(None, "only the first N SciFact abstracts (quality then means nothing)")
    latency: str = registry.option("10000,100000,1000000", "rows of the dense search latency runs, comma-separated "
                                                           "(empty: none)")
    quality: bool = registry.option(True, "SciFact dev retrieval quality (dense, BM25, RRF, the profile's fusion)")


@registry.register("bench", "index", IndexOptions, "The index on SciFact: build throughput vs the raw encoder, "
                   "re-index cost, query latency at 10k-1M rows, retrieval quality (minutes)")
def _index(o: IndexOptions, profile: str | None, device: str) -> dict:
    from ...profiles import load_profile
    from .index import run_index_bench

    return run_index_bench(profile=load_profile(profile), device=device, max_docs=o.max_docs,
                           latency_sizes=_ints(o.latency, "bench index option 'latency'"), quality=o.quality)


@dataclass(frozen=True)
class TriageOptions:
    articles: int = registry.option(50, "FRANK articles triaged, and checked by a loop of `check` processes")
    full: int | None = registry.option(None, "also triage this many FRANK articles (501 = all) for articles/minute")
    work: str = registry.option("runs/bench-triage", "working folder")


@registry.register("bench", "triage", TriageOptions, "Articles per minute: triage vs a loop of `check` calls, "
                   "against a SciFact index (tens of minutes; needs the data folder)")
def _triage(o: TriageOptions, profile: str | None, device: str) -> dict:
    from ...datasets.root import data_root
    from .triage import run_triage_bench

    return run_triage_bench(data_root(), Path(o.work), n_loop=o.articles, n_full=o.full or None, profile=profile)


@dataclass(frozen=True)
class RayOptions:
    articles: int = registry.option(50, "FRANK articles triaged by each engine")
    workers: str = registry.option("1,2", "Ray worker counts to run, comma-separated")
    index: bool = registry.option(False, "also time the SciFact index build on Ray (2 workers)")
    index_dir: str = registry.option("", "an existing SciFact index folder to triage against (skips the local build)")
    work: str = registry.option("runs/bench-ray", "working folder")
    data: str = registry.option("", "data root (default $CLAIMCHECK_DATA, else ../shared/data)")


@registry.register("bench", "ray", RayOptions, "Triage on the local engine vs Ray (1 and 2 workers): articles per "
                   "minute, peak RSS per process, same verdicts")
def _ray(o: RayOptions, profile: str | None, device: str) -> dict:
    from ...datasets.root import data_root
    from .ray_workers import run_ray_bench

    return run_ray_bench(Path(o.data) if o.data else data_root(), Path(o.work), articles=o.articles,
                         workers=_ints(o.workers, "bench ray option 'workers'"), index=o.index,
                         index_dir=Path(o.index_dir) if o.index_dir else None, profile=profile)


@dataclass(frozen=True)
class ServeOptions:
    corpus: str = registry.option("seeds/corpus.jsonl", "the corpus the server loads")
    checks: int = registry.option(400, "POST /api/check requests, one after another")
    article: str = registry.option("", "a text file to check (default: a two-sentence article)")
    max_seconds: float = registry.option(1800.0, "everything stops after this long")


@registry.register("bench", "serve", ServeOptions, "A bounded loopback load test of `claimcheck serve`: throughput, "
                   "latency, memory and overload (503s)")
def _serve(o: ServeOptions, profile: str | None, device: str) -> dict:
    from .serve import DEFAULT_ARTICLE, run

    article = Path(o.article).read_text(encoding="utf-8") if o.article else DEFAULT_ARTICLE
    return run(o.corpus, o.checks, article, o.max_seconds, profile)


@dataclass(frozen=True)
class SizeOptions:
    sizes: str = registry.option("100000,200000,400000,1000000", "article sizes in characters, comma-separated")
    flat: bool = registry.option(False, "no paragraph breaks at all")
    timeout_s: int = registry.option(900, "seconds a size may take")


@registry.register("bench", "size", SizeOptions, "Segment + claim extraction time and peak memory per article size, "
                   "each size in a fresh process")
def _size(o: SizeOptions, profile: str | None, device: str) -> list:
    from .size import run_sizes

    return run_sizes(_ints(o.sizes, "bench size option 'sizes'"), o.flat, profile, o.timeout_s)


@dataclass(frozen=True)
class ConflictsOptions:
    nli: bool = registry.option(True, "also every held-out NLI set (about five minutes with the parse; false: "
                                      "the swap pairs only, seconds)")
    misses: str = registry.option("", "print the dev / orig swaps of this kind the rules miss, and the faithful ones "
                                      "they flag (stderr)")
    heldout: bool = registry.option(False, "also count the held-out swap lines (measure once, when final)")
    parse: bool = registry.option(True, "with spaCy's parse (false: the rule reading a verb's named arguments is "
                                        "off, as in a pipeline without a parser)")
    substitution: bool = registry.option(False, "also the substitution check, which asks the profile's verifier "
                                                "(kind \"substitution\"; only pairs with a candidate are read)")


@registry.register("bench", "conflicts", ConflictsOptions, "How often the conflict rules fire alone, per rule, on "
                   "the swap pairs and the held-out NLI sets (no model unless substitution)")
def _conflicts(o: ConflictsOptions, profile: str | None, device: str) -> dict:
    from .conflicts import rule_counts

    models = None
    if o.substitution:
        from ...pipeline import Pipeline

        models = Pipeline.create(profile, device)
    return rule_counts(o.nli, o.misses or None, o.heldout, o.parse, models)


# ---------------------------------------------------------------- the command's side


def benchmark(name: str) -> registry.Backend:
    """The benchmark `name`; an unknown name is one line naming the known ones."""
    return registry.backend("bench", name, "benchmark")


def parse_opts(names: list[str], given: list[str]) -> dict[str, Any]:
    """Each named benchmark's Options from `key=value` strings (`name.key=value` when several are named); values
    read as TOML values (true, 3, 0.5), a string option's as written. One line for a bad one."""
    raw: dict[str, dict[str, Any]] = {n: {} for n in names}
    for item in given:
        key, eq, text = item.partition("=")
        name, dot, key = key.strip().rpartition(".")
        if not eq or not key:
            raise UserError(f"--opt '{item}': expected key=value")
        if not dot:
            if len(names) > 1:
                raise UserError(f"--opt '{item}': several benchmarks are named; say whose, as NAME.{key}=...")
            name = names[0]
        if name not in raw:
            raise UserError(f"--opt '{item}': '{name}' is not among the benchmarks run ({', '.join(names)})")
        types = {o.name: o.type for o in registry.describe(benchmark(name).options)}
        raw[name][key] = text if types.get(key) == "str" else _value(text.strip())
    return {n: registry.parse_options(benchmark(n).options, raw[n], f"bench {n}") for n in names}


def _value(text: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text  # a bare word: the option's type check names what it must be


def run(name: str, options: Any, profile: str | None, device: str) -> Any:
    return benchmark(name).factory(options, profile, device)


def listing() -> str:
    """Every benchmark, its doc line and its options (type, default, doc), as `bench --list` prints them."""
    def shown(default: Any) -> str:
        return "(unset)" if default is None else json.dumps(default)

    every = [(b, registry.describe(b.options)) for b in registry.backends("bench", in_order=True)]
    rows = [o for _, opts in every for o in opts]
    w = [max(len(f(o)) for o in rows) for f in (lambda o: o.name, lambda o: o.type, lambda o: shown(o.default))]
    lines = []
    for b, opts in every:
        lines.append(f"{b.name}{' (default)' if b.name == DEFAULT else ''}: {b.doc}")
        lines += [f"  {o.name:<{w[0]}}  {o.type:<{w[1]}}  {shown(o.default):<{w[2]}}  {o.doc}" for o in opts]
    return "\n".join(lines) + "\n"


__all__ = ["DEFAULT", "benchmark", "listing", "parse_opts", "run"]
