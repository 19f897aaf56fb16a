"""Reference corpora: load documents (folder of .txt/.md or .jsonl), split sentences, chunk passages.

Sentence splitting is a fast regex splitter (abbreviations, initials, decimals, dotted acronyms) so a
whole archive can be chunked in seconds; every span is an exact ``[start, end)`` offset into the text.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .io import MAX_INPUT_BYTES, decode_text, iter_jsonl, read_bytes
from .types import Passage

TEXT_SUFFIXES = (".txt", ".md")
MAX_TITLE_CHARS = 150


@dataclass(frozen=True)
class Document:
    """One corpus document; `id` is unique in its corpus (relative path for folders)."""

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
    """Documents of a folder of .txt/.md files (recursive), a single .txt/.md file, or a .jsonl file.

    Raises InputError with one line naming the file (and line) for anything unusable.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise InputError(f"corpus not found: {p}")
    if p.is_dir():
        docs = _load_folder(p)
    elif p.suffix.lower() == ".jsonl":
        docs = _load_jsonl(p)
    elif p.suffix.lower() in TEXT_SUFFIXES:
        text = _read_text(p)
        if not text.strip():
            raise InputError(f"corpus file is empty: {p}")
        docs = [Document(id=p.name, text=text, title=guess_title(text))]
    else:
        raise InputError(f"unsupported corpus {p}: expected a folder of .txt/.md files, a .jsonl file or an index folder")
    return docs


def _read_text(p: Path, bounded: bool = True) -> str:
    name = f"corpus file {p}"
    text = decode_text(read_bytes(p, name, MAX_INPUT_BYTES if bounded else None), name, bounded)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _load_folder(root: Path) -> list[Document]:
    files = sorted(
        f
        for f in root.rglob("*")
        if f.suffix.lower() in TEXT_SUFFIXES
        and f.is_file()
        and not any(part.startswith(".") for part in f.relative_to(root).parts)
    )
    if not files:
        raise InputError(f"corpus folder has no .txt or .md files: {root}")
    docs = []
    for f in files:
        text = _read_text(f)
        if not text.strip():
            continue  # an empty file has nothing to retrieve
        docs.append(Document(id=f.relative_to(root).as_posix(), text=text, title=guess_title(text)))
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
        if doc_id in seen:
            raise InputError(f"{where}: duplicate id {doc_id!r} (first on line {seen[doc_id]})")
        seen[doc_id] = lineno
        extra = {}
        for key in ("title", "url", "date"):
            v = obj.get(key)
            if v is not None and not isinstance(v, str):
                raise InputError(f"{where}: \"{key}\" must be a string")
            extra[key] = v or ""
        docs.append(Document(id=doc_id, text=text.replace("\r\n", "\n"), **extra))
    if not docs:
        raise InputError(f"corpus file has no documents: {p}")
    return docs


def guess_title(text: str) -> str:
    """The first non-empty line (markdown '#' stripped) when it is short enough to be a title."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        line = line.lstrip("#").strip()
        return line if 0 < len(line) <= MAX_TITLE_CHARS else ""
    return ""


# ---------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft vs etc al fig figs eq eqs no nos vol vols pp ed eds
    inc ltd co corp dept univ est approx ca cf gen gov sen rep rev col capt lt sgt cmdr adm
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    i.e e.g a.m p.m u.s u.k u.n u.s.a e.u d.c ph.d m.d b.a m.a""".split()
)
# Words that, after a dotted acronym ("U.S."), almost always open a new sentence.
_STARTERS = frozenset("the a an he she it they we i this that these those in on at but and however there his her its their".split())
# Candidate boundary: sentence punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_PARA = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*(?:#{1,6}\s|[-*+•]\s|\d{1,3}[.)]\s))")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT = re.compile(r"\s+([\"'“‘(\[]?)(\S)(\w*)")


def _is_boundary(text: str, punct_start: int, punct_end: int) -> bool:
    """Does the punctuation at text[punct_start:punct_end] end a sentence?"""
    nxt = _NEXT.match(text, punct_end)
    if nxt is None:
        return False
    opener, first = nxt.group(1), nxt.group(2)
    if not (first.isupper() or first.isdigit() or opener):
        return False  # "e.g. the", "approx. five"
    if text[punct_start] != ".":
        return True
    m = re.search(r"[\w.]+$", text[max(0, punct_start - 40) : punct_start])
    word = m.group(0) if m else ""
    if len(word) == 1 and word.isupper():
        return False  # initials: "J. Smith"
    low = word.lower()
    if _ACRONYM.fullmatch(word) or low in ("etc", "al"):
        # "U.S. officials" vs "in the U.S. The ...": only a common sentence opener ends it.
        return not opener and (first + nxt.group(3)).lower() in _STARTERS
    return low not in _ABBREVIATIONS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]``, whitespace trimmed, offsets into `text`."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    blocks = [(m.start(), m.end()) for m in _PARA.finditer(text, start, end)]
    for b_start, b_end in blocks + [(end, end)]:
        seg_start = pos
        for m in _BOUNDARY.finditer(text, pos, b_start):
            if _is_boundary(text, m.start(), m.end()):
                _add_span(text, seg_start, m.end(), spans)
                seg_start = m.end()
        _add_span(text, seg_start, b_start, spans)
        pos = b_end
    return spans


def _add_span(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def _split_long(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a span longer than max_chars at whitespace (or hard, when there is none)."""
    out = []
    while e - s > max_chars:
        cut = text.rfind(" ", s + max_chars // 2, s + max_chars)
        cut = cut if cut > s else s + max_chars
        _add_span(text, s, cut, out)
        s = cut
    _add_span(text, s, e, out)
    return out


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
        sents.extend(_split_long(text, s, e, max_chars) if e - s > max_chars else [(s, e)])
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
