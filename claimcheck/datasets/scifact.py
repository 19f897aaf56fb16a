"""SciFact (scifact/scifact.zip: CSV exports of the claims and the 5,183-abstract corpus), parsed once.

The corpus CSV stores each abstract as a Python list of sentence strings; `abstract_sentences` reads it.
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

ZIP = Path("scifact") / "scifact.zip"  # under the data root
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
