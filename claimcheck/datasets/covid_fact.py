"""COVID-Fact (covid-fact/): the labelled claims, the RTE-format test and train files, declared once.

COVIDFACT_dataset.jsonl holds every claim with its label and evidence sentences; RTE-covidfact_test.tsv
(index, sentence1, claim, ...) names the test claims but has no labels, so `test` matches them to the
labelled file; RTE-covidfact_train.tsv (sentence1 = evidence, Sentence2 = claim, label) is the training
side. Evaluation reads `test`, the training recipe `train_rows` and, for its leak guard, `test_claim_texts`.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator

from .records import CorpusDoc, LabelledClaim, need, verdict_of

FOLDER = "covid-fact"  # under the data root
LABELLED = "COVIDFACT_dataset.jsonl"
TEST = "RTE-covidfact_test.tsv"
TRAIN = "RTE-covidfact_train.tsv"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _test_columns(folder: Path) -> Iterator[list[str]]:
    """The tab-separated columns of each test line after the header (short lines included)."""
    for line in need(Path(folder) / TEST).read_text(encoding="utf-8").splitlines()[1:]:
        yield line.split("\t")


def test_claim_texts(folder: Path) -> Iterator[str]:
    """The claim column of every test line, as written: what training must never see."""
    return (cols[2] for cols in _test_columns(folder) if len(cols) >= 3)


def test(folder: Path) -> tuple[list[LabelledClaim], list[CorpusDoc], int]:
    """COVID-Fact test claims (RTE-covidfact_test.tsv order) with labels from COVIDFACT_dataset.jsonl.

    The test TSV has no labels; its claims are matched to the labelled file by case- and
    space-insensitive text. Returns (claims, pooled evidence sentences of those claims, unmatched count).
    """
    labelled: dict[str, dict] = {}
    with need(Path(folder) / LABELLED).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                labelled.setdefault(_norm(r["claim"]), r)
    claims, docs, unmatched = [], {}, 0
    for cols in _test_columns(folder):
        if len(cols) < 3:
            unmatched += 1
            continue
        r = labelled.get(_norm(cols[2]))
        if r is None:
            unmatched += 1
            continue
        ids = []
        for sent in r["evidence"]:
            key = _norm(sent)
            if not key:
                continue
            doc = docs.setdefault(key, CorpusDoc(f"cf-ev-{len(docs)}", sent.strip()))
            ids.append(doc.id)
        claims.append(LabelledClaim(f"test-{cols[0]}", r["claim"], verdict_of(r["label"], LABELLED),
                                    tuple(ids), pool=tuple(ids)))
    return claims, list(docs.values()), unmatched


def train_rows(folder: Path) -> Iterator[dict[str, str]]:
    """The rows of RTE-covidfact_train.tsv ({"sentence1": evidence, "Sentence2": claim, "label"}) in file order."""
    csv.field_size_limit(1 << 28)
    with need(Path(folder) / TRAIN).open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
