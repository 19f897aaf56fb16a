"""The TRAIN splits of the NLI sets the verifier recipe reads (claimcheck.research.train.recipe_sources), as pairs.

Each reader yields Pair(premise, hypothesis, 3-way label, source, group = the hypothesis) in file
order; sampling, length limits and the held-out guard are the recipe's. Only train splits are named
here: LingNLI train rounds (val unused), ConjNLI adversarial train, CAD-NLI train, Breaking NLI, SICK
TRAIN + TRIAL (TEST is held out), RTE train (entailment rows only), TaxiNLI's MNLI-train pairs (its
MNLI-dev file is never read).
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

from .nli import Pair, normalize_label, rte_rows, sick_rows

LabelMap = dict[str, str]


def tsv_rows(path: Path, quoting: int = csv.QUOTE_NONE) -> Iterator[dict[str, str]]:
    """The rows of a tab-separated file with a header line, in file order."""
    csv.field_size_limit(1 << 28)
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=quoting)


def rows_to_pairs(rows: Iterable[dict[str, str]], source: str, p: str, h: str, y: str,
                  labels: LabelMap | None = None) -> Iterator[Pair]:
    """Rows with premise column p, hypothesis h and label y as pairs; a label outside `labels` (default:
    any 3-way name or synonym) or an empty premise/hypothesis skips the row."""
    for r in rows:
        raw = (r.get(y) or "").strip()
        lab = labels.get(raw) if labels is not None else normalize_label(raw)
        if lab and r.get(p) and r.get(h):
            yield Pair(r[p], r[h], lab, source, r[h])


def json_lines(lines: Iterable[str]) -> Iterator[dict]:
    """One JSON object per non-blank line."""
    return (json.loads(line) for line in lines if line.strip())


def lingnli(root: Path) -> Iterator[Pair]:
    """LingNLI + its two sibling protocols, train rounds only."""
    for f in sorted((root / "lingnli").glob("*/train_round*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            yield from rows_to_pairs(json_lines(fh), "lingnli", "premise", "hypothesis", "label")


def conjnli(root: Path) -> Iterator[Pair]:
    return rows_to_pairs(tsv_rows(root / "conjnli" / "adversarial_train_15k.tsv"), "conjnli", "Premise", "Hypothesis", "Label")


def cad_nli(root: Path) -> Iterator[Pair]:
    return rows_to_pairs(tsv_rows(root / "cad-nli" / "all_combined" / "train.tsv"), "cad-nli",
                         "sentence1", "sentence2", "gold_label")


def breaking_nli(root: Path) -> Iterator[Pair]:
    with zipfile.ZipFile(root / "breaking-nli" / "breaking_nli_dataset.zip") as zf:
        lines = io.TextIOWrapper(zf.open("data/dataset.jsonl"), encoding="utf-8")
        yield from rows_to_pairs(json_lines(lines), "breaking-nli", "sentence1", "sentence2", "gold_label")


def sick(root: Path) -> Iterator[Pair]:
    """SICK TRAIN + TRIAL."""
    for r in sick_rows(root, ("TRAIN", "TRIAL")):
        yield Pair(r["sentence_A"], r["sentence_B"], r["entailment_label"].lower(), "sick", r["sentence_B"])


def rte(root: Path) -> Iterator[Pair]:
    """RTE train, entailment rows only: not_entailment mixes contradiction and neutral."""
    return rows_to_pairs(rte_rows(root, "train"), "rte", "sentence1", "sentence2", "label", labels={"entailment": "entailment"})


def taxinli(root: Path) -> Iterator[Pair]:
    return rows_to_pairs(tsv_rows(root / "taxinli" / "taxinli10k.tsv", csv.QUOTE_MINIMAL), "taxinli", "prem", "hyp", "label")
