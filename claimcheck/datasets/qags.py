"""QAGS (qags/mturk_{cnndm,xsum}.jsonl): summaries with per-sentence crowd judgements, declared once.

`eval faithfulness` scores `summaries`; the training recipe keeps every article QAGS scores out of its
news pairs (`articles`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .records import LabelledSummary, need

FOLDER = "qags"  # under the data root
SUBSETS = ("cnndm", "xsum")


def file_name(subset: str) -> str:
    return f"mturk_{subset}.jsonl"


def summaries(folder: Path, subset: str) -> list[LabelledSummary]:
    """QAGS mturk_{cnndm,xsum}.jsonl in file order; a sentence is consistent when most workers said yes."""
    path = need(Path(folder) / file_name(subset))
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(l for l in fh if l.strip()):
            r = json.loads(line)
            sents, labels = [], []
            for s in r["summary_sentences"]:
                votes = [x["response"].strip().lower() == "yes" for x in s["responses"]]
                sents.append(s["sentence"])
                labels.append(sum(votes) * 2 > len(votes))
            out.append(LabelledSummary(f"qags-{subset}-{i}", f"qags-{subset}-{i}", r["article"], tuple(sents), tuple(labels)))
    return out


def articles(folder: Path) -> Iterator[str]:
    """The article text of every line of both subsets that are present ("" where a line has none)."""
    for subset in SUBSETS:
        path = Path(folder) / file_name(subset)
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield json.loads(line).get("article", "")
