"""SciFact (scifact/scifact.zip: CSV exports of the claims and the 5,183-abstract corpus), parsed once.

The corpus CSV stores each abstract as a Python list of sentence strings; `abstract_sentences` reads it.
Eval (verify, retrieve), the index benchmark, the triage benchmark and the training recipe read it here.
One corpus text per abstract for every retrieval figure: its sentences joined by blank lines, so a
sentence splitter finds SciFact's own sentence boundaries (`abstract_text`).
"""
from __future__ import annotations

import ast
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError
from ..core.types import NOT_ENOUGH_INFO
from .records import CorpusDoc, LabelledClaim, need, verdict_of

FOLDER = "scifact"  # under the data root
ZIP = Path(FOLDER) / "scifact.zip"
CLAIMS_MEMBER = {"dev": "claims_validation.csv", "train": "claims_train.csv"}
CORPUS_MEMBER = "corpus_train.csv"
_PY_STRING = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\"""", re.S)


@dataclass(frozen=True)
class Abstract:
    doc_id: str
    title: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return abstract_text(self.sentences)


def read_csv(zip_path: Path, member: str) -> list[dict[str, str]]:
    """The rows of one CSV inside scifact.zip."""
    csv.field_size_limit(1 << 28)
    with zipfile.ZipFile(zip_path) as zf, zf.open(member) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


def abstract_sentences(raw: str) -> list[str]:
    """The sentences of an abstract cell ("['First sentence.', 'Second ...']"), as written (unstripped)."""
    return [ast.literal_eval(m.group(0)) for m in _PY_STRING.finditer(raw)]


def abstract_text(sentences) -> str:
    """The one corpus text of an abstract: non-empty sentences, stripped, joined by blank lines."""
    return "\n\n".join(s.strip() for s in sentences if s.strip())


def read_corpus(zip_path: Path) -> list[Abstract]:
    """The 5,183 abstracts in file order."""
    return [Abstract(r["doc_id"], r["title"].strip(), tuple(abstract_sentences(r["abstract"])))
            for r in read_csv(zip_path, CORPUS_MEMBER)]


def read_claim_rows(zip_path: Path, split: str) -> list[dict[str, str]]:
    """The rows of claims_validation.csv (dev) or claims_train.csv: one per (claim, evidence abstract)."""
    member = CLAIMS_MEMBER.get(split)
    if member is None:
        raise InputError(f"unknown SciFact split {split!r} (dev or train; test has no labels)")
    return read_csv(zip_path, member)


def id_list(value: str) -> tuple[str, ...]:
    """'[123 456]' (a numpy repr) -> ('123', '456')."""
    return tuple(v for v in value.strip("[] \n").split() if v)


def claims(folder: Path, split: str = "dev") -> list[LabelledClaim]:
    """SciFact claims of claims_validation.csv (dev) or claims_train.csv, grouped by id, in first-seen order.

    Label: SUPPORT/CONTRADICT from the evidence rows; a claim with no evidence is not_enough_info.
    cited_docs: cited_doc_ids (BEIR's relevance); evidence_docs: the abstracts with rationales.
    """
    member = CLAIMS_MEMBER.get(split, split)
    grouped: dict[str, dict] = {}
    for r in read_claim_rows(need(Path(folder) / ZIP.name), split):
        g = grouped.setdefault(r["id"], {"claim": r["claim"], "labels": [], "docs": [], "cited": id_list(r["cited_doc_ids"])})
        if r["evidence_label"]:
            g["labels"].append(verdict_of(r["evidence_label"], member))
            g["docs"].append(r["evidence_doc_id"].split(".")[0])
    out = []
    for cid, g in grouped.items():
        labels = set(g["labels"])
        if len(labels) > 1:
            raise InputError(f"scifact {member}: claim {cid} has conflicting labels {sorted(labels)}")
        label = labels.pop() if labels else NOT_ENOUGH_INFO
        out.append(LabelledClaim(cid, g["claim"], label, tuple(dict.fromkeys(g["docs"])), g["cited"]))
    return out


def corpus(folder: Path) -> list[CorpusDoc]:
    """The 5,183 abstracts in file order as corpus documents (text: `abstract_text`)."""
    return [CorpusDoc(a.doc_id, a.text, a.title) for a in read_corpus(need(Path(folder) / ZIP.name))]
