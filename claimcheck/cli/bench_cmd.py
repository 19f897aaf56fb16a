"""`claimcheck bench [NAME ...]`: the named benchmarks (claimcheck.research.bench.named), throughput on this machine."""
from __future__ import annotations

import json
from typing import List, Optional

import typer

from .common import DeviceOpt, OutputOpt, ProfileOpt


LEGACY = "Shortcuts: options of check (--triage: of triage, instead)"


def _legacy(pairs, index, claims, triage, triage_full, work, waits, runtimes, accuracy, accuracy_limit) -> dict:
    """Today's flags as the named benchmarks' options: {benchmark: ["key=value", ...]}."""
    if triage:
        opts = [f"articles={triage}"] + [f"full={triage_full}"] * bool(triage_full) + [f"work={work}"] * bool(work)
        return {"triage": opts}
    check = {"pairs": pairs, "claims": claims, "accuracy_limit": accuracy_limit}
    flags = {"index": index, "waits": waits, "runtimes": runtimes, "accuracy": accuracy}
    opts = [f"{k}={v}" for k, v in check.items() if v is not None]
    opts += [f"{k}={str(v).lower()}" for k, v in flags.items() if v is not None]
    return {"check": opts} if opts else {}


def bench(
    names: Optional[List[str]] = typer.Argument(None, metavar="NAME", show_default=False, help="Benchmarks to run, in turn (default: check); --list names them all."),
    list_: bool = typer.Option(False, "--list", help="List the benchmarks and their options, then exit."),
    opt: Optional[List[str]] = typer.Option(None, "--opt", "-O", metavar="KEY=VALUE", help="An option of the named benchmark (NAME.KEY=VALUE when several are named); repeatable; see --list."),
    pairs: Optional[int] = typer.Option(None, "--pairs", min=16, show_default=False, rich_help_panel=LEGACY, help="pairs=N (default 512): claim-passage pairs for the verifier figure."),
    index: Optional[bool] = typer.Option(None, "--index", show_default=False, rich_help_panel=LEGACY, help="index=true: also run the index benchmark on SciFact (minutes)."),
    claims: Optional[int] = typer.Option(None, "--claims", min=0, show_default=False, rich_help_panel=LEGACY, help="claims=N (default 100): FRANK articles for the claims figure (segment + claims, articles/minute; 0 skips; needs the data folder)."),
    triage: int = typer.Option(0, "--triage", min=0, rich_help_panel=LEGACY, help="triage, articles=N: instead, triage N FRANK articles vs a loop of N `check` calls, against a SciFact index (tens of minutes)."),
    triage_full: int = typer.Option(0, "--triage-full", min=0, rich_help_panel=LEGACY, help="triage, full=N: with --triage, also triage this many FRANK articles (501 = all) for articles/minute."),
    work: Optional[str] = typer.Option(None, "--work", rich_help_panel=LEGACY, help="triage, work=DIR: with --triage, working folder (default runs/bench-triage)."),
    waits: Optional[bool] = typer.Option(None, "--waits/--no-waits", show_default=False, rich_help_panel=LEGACY, help="waits=true|false (default on): check cold (fresh process) and warm, demo and seed article, beside `import claimcheck`; serve to first answer; verifier pairs/s as a share of the CPU's fp32 peak."),
    runtimes: Optional[bool] = typer.Option(None, "--runtimes/--no-runtimes", show_default=False, rich_help_panel=LEGACY, help="runtimes=true|false (default on): torch vs ONNX Runtime side by side (verifier, embedder, check cold/warm)."),
    accuracy: Optional[bool] = typer.Option(None, "--accuracy", show_default=False, rich_help_panel=LEGACY, help="accuracy=true: with the runtimes, SICK test, Climate-FEVER held-out and news dev scores of each (tens of minutes; needs the data folder)."),
    accuracy_limit: Optional[int] = typer.Option(None, "--accuracy-limit", min=1, rich_help_panel=LEGACY, help="accuracy_limit=N: with --accuracy, only the first N items of each set (a smoke run)."),
    output: Optional[str] = OutputOpt,
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Benchmarks on this machine, by name (see --list); no name: check, the throughput figures (check cold and
    warm, claims, torch vs ONNX, optionally accuracy and the index). One benchmark prints its figures as JSON,
    several an object of them by name."""
    from rich.console import Console

    from ..core.errors import UserError
    from ..core.io import emit
    from ..profiles import resolve_device
    from ..research.bench import named

    if list_:
        typer.echo(named.listing(), nl=False)
        return
    legacy = _legacy(pairs, index, claims, triage, triage_full, work, waits, runtimes, accuracy, accuracy_limit)
    todo = list(names or legacy or [named.DEFAULT])
    for name in todo:
        named.benchmark(name)  # an unknown name fails before anything runs
    for flag_of in set(legacy) - set(todo):
        raise UserError(f"today's {flag_of} flags were given, but {flag_of} is not among the benchmarks named "
                        f"({', '.join(todo)}); name it, or use --opt")
    options = named.parse_opts(todo, [f"{n}.{o}" if len(todo) > 1 else o for n, os in legacy.items() for o in os]
                               + list(opt or []))
    dev = resolve_device(device)
    results = {}
    for name in todo:
        with Console(stderr=True).status(f"benchmarking {name} ...", spinner="dots"):
            results[name] = named.run(name, options[name], profile, dev)
    emit(json.dumps(results[todo[0]] if len(todo) == 1 else results, indent=2), output)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
