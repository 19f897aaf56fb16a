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


def seed_article() -> Path:
    """The seed article (a news report of the September 2023 Putin-Kim summit, not shipped with the repository):
    seeds/000_9f40cd150d6f9b06.txt in the shared folder that holds the data root."""
    return data_root().parent / "seeds" / "000_9f40cd150d6f9b06.txt"
