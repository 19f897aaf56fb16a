"""FEVER train with gold evidence (fever-train-evidence/split_wiki_data_<N>.csv.gz), declared once.

Each row: {"claim", "label" (SUPPORTS | REFUTES | NOT ENOUGH INFO), "evidence" (a Python list of PTB-
tokenised Wikipedia sentences; empty for NOT ENOUGH INFO)}. The training recipe reads these (plain FEVER
pairs and same-page hard neutrals). {eval,test}_data_vanilla.csv.gz are a re-split of FEVER *train* (every
claim is a train claim), so they are neither read nor guarded. FEVER dev, held out, is fever-nli-dev
(claimcheck.datasets.nli).
"""
from __future__ import annotations

import ast
import csv
import gzip
import re
from pathlib import Path
from typing import Iterator

from .nli import detokenize

TRAIN_FOLDER = "fever-train-evidence"  # under the data root
NEI = "NOT ENOUGH INFO"


def train_files(folder: Path) -> list[Path]:
    """The split_wiki_data_<N>.csv.gz files in N order (0, 1, 2, ..., 10, ...)."""
    return sorted(Path(folder).glob("split_wiki_data_*.csv.gz"), key=lambda p: int(re.findall(r"\d+", p.name)[-1]))


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of one split_wiki_data file in file order."""
    csv.field_size_limit(1 << 28)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def evidence(row: dict[str, str]) -> list[str]:
    """A row's evidence sentences, detokenised, in order (repeats kept; [] when it has none)."""
    return [detokenize(s) for s in ast.literal_eval(row["evidence"])] if row["evidence"].strip() else []
