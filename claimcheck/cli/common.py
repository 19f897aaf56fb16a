"""Options every command shares, so names and help texts never drift apart."""
from __future__ import annotations

from typing import Optional

import typer

ProfileOpt = typer.Option(None, "--profile", "-p", help="Model profile: a name in models/ or a .toml path [env CLAIMCHECK_PROFILE, default offline].")
DeviceOpt = typer.Option(None, "--device", help="auto, cpu or cuda [env CLAIMCHECK_DEVICE, default auto].")
CorpusOpt = typer.Option(..., "--corpus", "-c", help="Reference corpus: a folder of .txt/.md, a .jsonl file, or an index folder.")
TopKOpt = typer.Option(5, "--top-k", "-k", min=1, max=100, help="Passages retrieved per claim.")
OutputOpt = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout.")

OptStr = Optional[str]
