"""SummEval (summeval-ppairs/summeval.jsonl): 100 CNN/DM articles x 16 system summaries, declared once.

One line per (article, summary): {"article_id", "article", ...}. The training recipe takes its news
sentences from these articles (claimcheck.research.train.hard_pairs.news_articles).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .records import need

FOLDER = "summeval-ppairs"  # under the data root
FILE = "summeval.jsonl"


def read_rows(folder: Path) -> Iterator[dict]:
    """The records of summeval.jsonl in file order."""
    with need(Path(folder) / FILE).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
