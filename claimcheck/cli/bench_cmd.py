"""`claimcheck bench`: throughput on this machine."""
from __future__ import annotations

import json
from typing import Optional

import typer

from .common import DeviceOpt, OutputOpt, ProfileOpt


def bench(
    pairs: int = typer.Option(512, "--pairs", min=16, help="Claim-passage pairs for the verifier figure."),
    index: bool = typer.Option(False, "--index", help="Also run the index benchmark on SciFact (minutes)."),
    output: Optional[str] = OutputOpt,
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Throughput figures on this machine: check (cold, warm), embedder, verifier, optionally the index."""
    from rich.console import Console

    from ..bench import run_bench
    from ..io import emit
    from ..profiles import resolve_device

    dev = resolve_device(device)
    with Console(stderr=True).status("benchmarking ...", spinner="dots"):
        result = run_bench(profile, dev, n_pairs=pairs, index=index)
    emit(json.dumps(result, indent=2), output)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
