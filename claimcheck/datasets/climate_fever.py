"""Climate-FEVER (climate-fever/climate-fever.jsonl): the held-out rule, declared once.

A fifth of the claims is held out for evaluation and never trained or fitted on: those whose claim_id
is a multiple of 5 (eval verify scores 268 of them, DISPUTED left out). Training pairs, threshold
fits (evaluate.sweep) and the held-out guard of training recipes all go through `is_heldout`.
"""
from __future__ import annotations

from pathlib import Path

FILE = Path("climate-fever") / "climate-fever.jsonl"  # under the data root
HELDOUT_RULE = "claim_id % 5 == 0"


def is_heldout(claim_id: str | int) -> bool:
    """True for the evaluation fifth (claim_id % 5 == 0)."""
    return int(claim_id) % 5 == 0
