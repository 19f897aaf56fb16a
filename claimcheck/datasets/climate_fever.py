"""Climate-FEVER (climate-fever/climate-fever.jsonl): the file, its records and the held-out rule, declared once.

A fifth of the claims is held out for evaluation and never trained or fitted on: those whose claim_id
is a multiple of 5 (eval verify scores 268 of them, DISPUTED left out). Training pairs, threshold
fits (evaluate.sweep) and the held-out guard of training recipes all go through `is_heldout`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .records import CorpusDoc, LabelledClaim, need, verdict_of

FOLDER = "climate-fever"  # under the data root
FILE = Path(FOLDER) / "climate-fever.jsonl"
HELDOUT_RULE = "claim_id % 5 == 0"


def is_heldout(claim_id: str | int) -> bool:
    """True for the evaluation fifth (claim_id % 5 == 0)."""
    return int(claim_id) % 5 == 0


def read_rows(folder: Path) -> Iterator[dict]:
    """The claim records of <folder>/climate-fever.jsonl in file order ({"claim_id", "claim", "claim_label",
    "evidences": [{"evidence_id", "evidence", "article", "evidence_label"}, ...]}), read lazily."""
    with need(Path(folder) / FILE.name).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def heldout(folder: Path, train: bool = False) -> tuple[list[LabelledClaim], list[CorpusDoc]]:
    """Held-out claims (claim_id % 5 == 0, DISPUTED left out) in file order, and their pooled evidence;
    with train=True the other four fifths instead (what thresholds may be fitted on).

    The corpus is every evidence sentence of every held-out claim (DISPUTED ones included, as
    distractors), deduplicated by evidence_id, in file order; title = the Wikipedia article.
    """
    claims: list[LabelledClaim] = []
    docs: dict[str, CorpusDoc] = {}
    for r in read_rows(folder):
        if is_heldout(r["claim_id"]) == train:
            continue
        for ev in r["evidences"]:
            docs.setdefault(ev["evidence_id"], CorpusDoc(ev["evidence_id"], ev["evidence"], ev["article"]))
        if r["claim_label"] == "DISPUTED":
            continue
        used = tuple(dict.fromkeys(ev["evidence_id"] for ev in r["evidences"] if ev["evidence_label"] != "NOT_ENOUGH_INFO"))
        pool = tuple(dict.fromkeys(ev["evidence_id"] for ev in r["evidences"]))
        claims.append(LabelledClaim(str(r["claim_id"]), r["claim"], verdict_of(r["claim_label"], FILE.name), used, pool=pool))
    return claims, list(docs.values())


def heldout_claim_texts(folder: Path) -> Iterator[str]:
    """The text of every held-out claim (DISPUTED included): what training must never see."""
    return (r["claim"] for r in read_rows(folder) if is_heldout(r["claim_id"]))
