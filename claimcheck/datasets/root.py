"""Where the public benchmark data lives: one rule for every reader (eval, train, bench, index bench)."""
from __future__ import annotations

import os
from pathlib import Path


def data_root() -> Path:
    """$CLAIMCHECK_DATA, else ../shared/data beside the checkout. Never copied into the repo."""
    env = os.environ.get("CLAIMCHECK_DATA")
    if env:
        return Path(env)
    import claimcheck

    return Path(claimcheck.__file__).resolve().parents[1].parent / "shared" / "data"
