"""The typed records every benchmark reader returns, declared once, and the gold-label -> verdict map.

Every reader returns items in a fixed, documented order (the file's own order unless said otherwise),
so `--limit N` always takes the same first N. Gold labels are mapped to the verdict names
(supported / contradicted / not_enough_info).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError
from ..core.types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED

VERDICT_OF_LABEL = {
    "SUPPORTS": SUPPORTED, "SUPPORT": SUPPORTED, "SUPPORTED": SUPPORTED,
    "REFUTES": CONTRADICTED, "CONTRADICT": CONTRADICTED, "REFUTED": CONTRADICTED,
    "NOT_ENOUGH_INFO": NOT_ENOUGH_INFO, "NOT ENOUGH INFO": NOT_ENOUGH_INFO, "": NOT_ENOUGH_INFO,
}


@dataclass(frozen=True)
class LabelledClaim:
    id: str
    claim: str
    label: str  # a verdict name
    evidence_docs: tuple[str, ...] = ()  # documents holding the gold evidence
    cited_docs: tuple[str, ...] = ()  # SciFact: abstracts the claim's source cites
    pool: tuple[str, ...] = ()  # corpus documents that came with the claim (labelled or not)
    kind: str = ""  # claims folders: true | perturbed | other_detail | absent | other_edition | edition_value ("" when not given)
    perturbation: str = ""  # claims folders, kind perturbed: number | date | place | entity | negation ...
    event: str = ""
    split: str = ""  # claims folders and pairs files: "dev" (tuned on) or "heldout" (measured only); "" = dev


@dataclass(frozen=True)
class CorpusDoc:
    id: str
    text: str
    title: str = ""

    def to_json(self) -> str:
        d = {"id": self.id, "text": self.text}
        if self.title:
            d["title"] = self.title
        return json.dumps(d, ensure_ascii=False)


@dataclass(frozen=True)
class LabelledSummary:
    """A summary of one article with human judgements: per-sentence (QAGS) or one score (FRANK)."""

    id: str
    article_id: str
    article: str
    sentences: tuple[str, ...]
    consistent: tuple[bool, ...] = ()  # QAGS: majority "yes" per sentence
    factuality: float | None = None  # FRANK: share of sentences with no error
    system: str = ""


def verdict_of(label: str, name: str) -> str:
    """A gold label (SUPPORTS, REFUTED, NOT ENOUGH INFO, ...) as a verdict name; InputError names the file."""
    try:
        return VERDICT_OF_LABEL[label.strip().upper()]
    except KeyError:
        raise InputError(f"{name}: unknown label {label!r}") from None


def need(path: Path) -> Path:
    """path, or InputError when it does not exist."""
    if not path.exists():
        raise InputError(f"{path}: not found")
    return path
