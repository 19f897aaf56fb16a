"""`claimcheck bench`: throughput on this machine."""
from __future__ import annotations

import json
from typing import Optional

import typer

from .common import DeviceOpt, OutputOpt, ProfileOpt


def bench(
    pairs: int = typer.Option(512, "--pairs", min=16, help="Claim-passage pairs for the verifier figure."),
    index: bool = typer.Option(False, "--index", help="Also run the index benchmark on SciFact (minutes)."),
    claims: int = typer.Option(100, "--claims", min=0, help="FRANK articles for the claims figure (segment + claims, articles/minute; 0 skips; needs the data folder)."),
    triage: int = typer.Option(0, "--triage", min=0, help="Instead: triage N FRANK articles vs a loop of N `check` calls, against a SciFact index (tens of minutes)."),
    triage_full: int = typer.Option(0, "--triage-full", min=0, help="With --triage: also triage this many FRANK articles (501 = all) for articles/minute."),
    work: Optional[str] = typer.Option(None, "--work", help="With --triage: working folder (default runs/bench-triage)."),
    waits: bool = typer.Option(True, "--waits/--no-waits", help="check cold (fresh process) and warm, demo and seed article, beside `import claimcheck`; serve to first answer; verifier pairs/s as a share of the CPU's fp32 peak."),
    runtimes: bool = typer.Option(True, "--runtimes/--no-runtimes", help="torch vs ONNX Runtime side by side (verifier, embedder, check cold/warm)."),
    accuracy: bool = typer.Option(False, "--accuracy", help="With the runtimes: SICK test, Climate-FEVER held-out and news dev scores of each (tens of minutes; needs the data folder)."),
    accuracy_limit: Optional[int] = typer.Option(None, "--accuracy-limit", min=1, help="With --accuracy: only the first N items of each set (a smoke run)."),
    output: Optional[str] = OutputOpt,
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Throughput figures on this machine: check (cold, warm), claims, torch vs ONNX (verifier, embedder), optionally accuracy and the index."""
    from rich.console import Console

    from ..research.bench.run import run_bench
    from ..core.io import emit
    from ..profiles import resolve_device

    dev = resolve_device(device)
    if triage:
        from pathlib import Path

        from ..datasets.root import data_root
        from ..research.bench.triage import run_triage_bench

        result = run_triage_bench(data_root(), Path(work or "runs/bench-triage"), n_loop=triage,
                                  n_full=triage_full or None, profile=profile)
        emit(json.dumps(result, indent=2), output)
        return
    with Console(stderr=True).status("benchmarking ...", spinner="dots"):
        result = run_bench(profile, dev, n_pairs=pairs, index=index, n_claims=claims, runtimes=runtimes,
                           accuracy=accuracy, accuracy_limit=accuracy_limit, waits=waits)
    emit(json.dumps(result, indent=2), output)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
