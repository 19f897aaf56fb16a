"""AVeriTeC (averitec/dev.json): 500 real-world claims with QA evidence, declared once.

No claimcheck task scores it yet; its dev claims are held out all the same: the training recipe's
leak guard never trains on them (`dev_claim_texts`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .records import need

FOLDER = "averitec"  # under the data root
DEV = "dev.json"


def dev_claim_texts(folder: Path) -> Iterator[str]:
    """The claim text of every dev record, in file order."""
    records = json.loads(need(Path(folder) / DEV).read_text(encoding="utf-8"))
    return (r["claim"] for r in records)
