"""Reference corpora: load documents (folder of .txt/.md/.docx/.pdf or .jsonl), chunk them into passages.

A folder and a .jsonl file holding the same texts are the same corpus: a file's id is its path relative
to the folder without the extension ("news/p51.txt" -> "news/p51"), and a document with no title of its
own takes its first line as the title (claimcheck.text.titles.guess_title) whichever way it came.

Sentences come from the fast rule splitter of claimcheck.text.sentences (abbreviations, initials,
decimals, dotted acronyms), so a whole archive can be chunked in seconds; every span is an exact
``[start, end)`` offset into the text.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError
from ..core.documents import DOCUMENT_FORMATS
from ..core.io import MAX_INPUT_BYTES, decode_file, iter_jsonl, read_bytes
from ..text.sentences import split_long, split_sentences
from ..text.titles import guess_title
from ..core.types import Passage

TEXT_SUFFIXES = (".txt", ".md")
FILE_SUFFIXES = TEXT_SUFFIXES + tuple(DOCUMENT_FORMATS)  # .docx and .pdf are read by claimcheck.core.documents


@dataclass(frozen=True)
class Document:
    """One corpus document; `id` is unique in its corpus (relative path without extension for folders)."""

    id: str
    text: str
    title: str = ""
    url: str = ""
    date: str = ""

    @property
    def content_hash(self) -> str:
        """sha256 of everything that changes its passages (text, title, url, date)."""
        h = hashlib.sha256()
        for part in (self.text, self.title, self.url, self.date):
            b = part.encode("utf-8")
            h.update(len(b).to_bytes(8, "little"))
            h.update(b)
        return h.hexdigest()


# ---------------------------------------------------------------- loading


def load_documents(path: str | Path) -> list[Document]:
    """Documents of a folder of .txt/.md/.docx/.pdf files (recursive), a single such file, or a .jsonl file.

    Raises InputError with one line naming the file (and line) for anything unusable.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise InputError(f"corpus not found: {p}")
    if p.is_dir():
        docs = _load_folder(p)
    elif p.suffix.lower() == ".jsonl":
        docs = _load_jsonl(p)
    elif p.suffix.lower() in FILE_SUFFIXES:
        text = _read_text(p)
        if not text.strip():
            raise InputError(f"corpus file is empty: {p}")
        docs = [Document(id=p.stem, text=text, title=guess_title(text))]
    else:
        raise InputError(f"unsupported corpus {p}: expected a folder of .txt/.md/.docx/.pdf files, a .jsonl file "
                         "or an index folder")
    return docs


def _read_text(p: Path, bounded: bool = True) -> str:
    name = f"corpus file {p}"
    text = decode_file(read_bytes(p, name, MAX_INPUT_BYTES if bounded else None), name, bounded, plain=True)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# a folder's notes about itself, not documents of the corpus ("README.md" beside a corpus.jsonl)
_NOT_DOCUMENTS = frozenset("readme license licence changelog contributing notice copying".split())


def _load_folder(root: Path) -> list[Document]:
    visible = [f for f in root.rglob("*")
               if f.is_file() and not any(part.startswith(".") for part in f.relative_to(root).parts)]
    files = sorted(f for f in visible if f.suffix.lower() in FILE_SUFFIXES and f.stem.lower() not in _NOT_DOCUMENTS)
    if not files:
        jsonl = sorted(f for f in visible if f.suffix.lower() == ".jsonl")
        hint = f"; for a .jsonl corpus pass the file: --corpus {jsonl[0]}" if jsonl else ""
        raise InputError(f"corpus folder has no .txt, .md, .docx or .pdf files (README and LICENSE files are not "
                         f"documents): {root}{hint}")
    docs = []
    seen: dict[str, str] = {}
    for f in files:
        rel = f.relative_to(root).as_posix()
        doc_id = rel[: -len(f.suffix)]
        if doc_id in seen:
            raise InputError(f"corpus folder {root}: {seen[doc_id]} and {rel} would both have the id {doc_id!r} "
                             "(a file's id is its path without the extension); keep one of them")
        seen[doc_id] = rel
        text = _read_text(f)
        if not text.strip():
            continue  # an empty file has nothing to retrieve
        docs.append(Document(id=doc_id, text=text, title=guess_title(text)))
    if not docs:
        raise InputError(f"corpus folder has only empty files: {root}")
    return docs


def _load_jsonl(p: Path) -> list[Document]:
    docs: list[Document] = []
    seen: dict[str, int] = {}
    for lineno, obj in iter_jsonl(_read_text(p, bounded=False), str(p)):
        where = f"{p}:{lineno}"
        for key in ("id", "text"):
            if key not in obj:
                raise InputError(f"{where}: missing \"{key}\"")
        doc_id, text = obj["id"], obj["text"]
        if isinstance(doc_id, int) and not isinstance(doc_id, bool):
            doc_id = str(doc_id)
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"{where}: \"id\" must be a non-empty string")
        if not isinstance(text, str):
            raise InputError(f"{where}: \"text\" must be a string")
        if not text.strip():
            raise InputError(f"{where}: \"text\" is empty")
        if len(text) * 4 > MAX_INPUT_BYTES and len(raw := text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
            raise InputError(f"{where}: \"text\" is too large ({len(raw):,} bytes; one document may have at most "
                             f"{MAX_INPUT_BYTES:,}, as a file in a folder; set CLAIMCHECK_MAX_INPUT_BYTES to change it)")
        if doc_id in seen:
            raise InputError(f"{where}: duplicate id {doc_id!r} (first on line {seen[doc_id]})")
        seen[doc_id] = lineno
        extra = {}
        for key in ("title", "url", "date"):
            v = obj.get(key)
            if v is not None and not isinstance(v, str):
                raise InputError(f"{where}: \"{key}\" must be a string")
            extra[key] = v or ""
        text = text.replace("\r\n", "\n")
        extra["title"] = extra["title"] or guess_title(text)  # as for a file in a folder
        docs.append(Document(id=doc_id, text=text, **extra))
    if not docs:
        raise InputError(f"corpus file has no documents: {p}")
    return docs


# ---------------------------------------------------------------- passages


def chunk_document(
    doc: Document, sentences_per_passage: int = 3, overlap: int = 1, max_chars: int = 1000
) -> list[Passage]:
    """Overlapping windows of sentences; ``doc.text[p.start:p.end] == p.text`` for every passage.

    A window also stops before it would pass `max_chars`; a sentence longer than that is cut at spaces.
    """
    if sentences_per_passage < 1 or not 0 <= overlap < sentences_per_passage:
        raise ValueError("need sentences_per_passage >= 1 and 0 <= overlap < sentences_per_passage")
    text = doc.text
    sents: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        sents.extend(split_long(text, s, e, max_chars) if e - s > max_chars else [(s, e)])
    if not sents:
        return []
    windows: list[tuple[int, int]] = []
    i = 0
    while True:
        j = i + 1
        while j < len(sents) and j - i < sentences_per_passage and sents[j][1] - sents[i][0] <= max_chars:
            j += 1
        windows.append((i, j))
        if j >= len(sents):
            break
        i = max(i + 1, j - overlap)
    out = []
    for n, (i, j) in enumerate(windows):
        s, e = sents[i][0], sents[j - 1][1]
        out.append(
            Passage(
                passage_id=f"{doc.id}#{n}", doc_id=doc.id, text=text[s:e], title=doc.title,
                start=s, end=e, url=doc.url, date=doc.date,
            )
        )
    return out
