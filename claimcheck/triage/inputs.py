"""The articles of a triage run: a folder of files or a JSONL file, each under a stable id.

Listing is cheap and never reads a whole article folder into memory; a JSONL line that cannot be used
(bad JSON, not UTF-8, no id or text, a repeated id) becomes an `ArticleRef` carrying its error, so it
is reported on its own and the rest of the run goes on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError, UserError
from ..core.io import decode_text, read_text
from ..core.limits import check_article_size
from ..core.sanitize import load_json
from ..pipeline import ArticleInput

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".docx", ".pdf")  # .docx/.pdf: claimcheck.core.documents


@dataclass(frozen=True)
class ArticleRef:
    """Where one article lives; `error` is set when listing already found it unusable."""

    id: str
    source: str  # shown to users: a relative path, or "file.jsonl:line N"
    path: str = ""  # the file to read
    line: int = 0  # JSONL line number (1-based); 0 for a file in a folder
    offset: int = -1  # byte offset of that JSONL line
    error: str = ""


def list_articles(articles: str | Path, exclude: str | Path | None = None) -> list[ArticleRef]:
    """Every article of a folder (sorted by relative path) or a .jsonl file (in line order).

    Raises UserError when there is nothing to triage: no such path, an empty folder, a file that is
    not .jsonl, an unreadable or empty JSONL file. `exclude` is a folder skipped inside `articles`
    (the output folder, so reports never come back as input).
    """
    p = Path(articles).expanduser()
    if not p.exists():
        raise UserError(f"{articles}: no such file or folder")
    if p.is_dir():
        return _list_folder(p, Path(exclude).resolve() if exclude else None)
    if not p.is_file():
        raise UserError(f"{articles}: is not a regular file (a FIFO, device or socket)")
    if p.suffix.lower() != ".jsonl":
        raise UserError(f"{articles}: expected a folder of articles or a .jsonl file with {{\"id\", \"text\"}} per line")
    return _list_jsonl(p)


def _list_folder(root: Path, exclude: Path | None) -> list[ArticleRef]:
    files = []
    for f in root.rglob("*"):
        rel = f.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or f.suffix.lower() not in SUFFIXES or not f.is_file():
            continue
        if exclude is not None and f.resolve().is_relative_to(exclude):
            continue
        files.append((rel.as_posix(), f))
    if not files:
        raise UserError(f"{root}: holds no articles ({', '.join(SUFFIXES)} files)")
    refs: list[ArticleRef] = []
    seen: dict[str, str] = {}
    for rel, f in sorted(files):
        aid = rel[: -len(f.suffix)]
        err = f"same id as {seen[aid]}" if aid in seen else ""
        seen.setdefault(aid, rel)
        refs.append(ArticleRef(id=aid, source=rel, path=str(f), error=err))
    return refs


def _list_jsonl(path: Path) -> list[ArticleRef]:
    refs: list[ArticleRef] = []
    seen: dict[str, int] = {}
    try:
        f = path.open("rb")
    except OSError as e:
        raise UserError(f"{path}: cannot be read ({e.strerror})") from None
    with f:
        head = f.read(8192)
        if b"\x00" in head:
            raise UserError(f"{path}: looks like a binary file, not JSONL")
        f.seek(0)
        no, offset = 0, 0
        while True:
            data = f.readline()
            if not data:
                break
            no += 1
            start, offset = offset, offset + len(data)
            if not data.strip():
                continue
            source = f"{path.name}:line {no}"
            aid, err = _parse_line_head(data, source)
            if not err and aid in seen:
                err = f"id {aid!r} already used on line {seen[aid]}"
            if not err:
                seen[aid] = no
            refs.append(ArticleRef(id=aid, source=source, path=str(path), line=no, offset=start, error=err))
    if not refs:
        raise UserError(f"{path}: is empty (expected one {{\"id\", \"text\"}} object per line)")
    return refs


def _parse_line(data: bytes, source: str) -> dict:
    """One JSONL line -> its object; InputError naming the line when it cannot be used."""
    obj = load_json(decode_text(data, source), source)
    if not isinstance(obj, dict):
        raise InputError(f"{source}: not a JSON object")
    aid = obj.get("id")
    if isinstance(aid, bool) or not isinstance(aid, (str, int)) or not str(aid).strip():
        raise InputError(f"{source}: has no \"id\"")
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{source}: has no \"text\"")
    return obj


def _parse_line_head(data: bytes, source: str) -> tuple[str, str]:
    """(id, error) for a listing; a line without a usable id is named after its line number."""
    try:
        obj = _parse_line(data, source)
    except InputError as e:
        fallback = source.rsplit(":", 1)[-1].replace(" ", "-")  # "line-7"
        try:
            raw_id = json.loads(data).get("id")
            aid = str(raw_id).strip() if isinstance(raw_id, (str, int)) and str(raw_id).strip() else fallback
        except Exception:
            aid = fallback
        return aid, str(e)
    return str(obj["id"]).strip(), ""


def load_article(ref: ArticleRef) -> ArticleInput:
    """Read one article for the pipeline; InputError (naming its source) when it cannot be used.

    The text is also normalised once here (cheap, no model), so an article with no text left after
    stripping markup fails on its own instead of failing its whole batch inside the pipeline.
    """
    if ref.error:
        raise InputError(ref.error if ref.error.startswith(ref.source) else f"{ref.source}: {ref.error}")
    inp = _read_file(ref) if ref.line == 0 else _read_line(ref)
    from ..core.io import refuse_url
    from ..text.markup import detect_format, normalize

    try:
        refuse_url(inp.raw, "text")
        text, _ = normalize(inp.raw, inp.fmt or detect_format(inp.name, inp.raw))
        check_article_size(text, "text")
    except InputError as e:
        raise InputError(f"{ref.source}: {e}") from None
    return inp


def _read_file(ref: ArticleRef) -> ArticleInput:
    try:
        inp = read_text(ref.path)
    except InputError as e:
        msg, name = str(e), Path(ref.path).name
        raise InputError(f"{ref.source}{msg[len(name):]}" if msg.startswith(name) else msg) from None
    return ArticleInput(raw=inp.text, name=Path(ref.path).name, path=ref.source)


def _read_line(ref: ArticleRef) -> ArticleInput:
    from ..text.markup import detect_format

    with open(ref.path, "rb") as f:
        f.seek(ref.offset)
        data = f.readline()
    obj = _parse_line(data, ref.source)
    text = obj["text"]
    title = obj.get("title") if isinstance(obj.get("title"), str) and obj["title"].strip() else None
    url = obj.get("url") if isinstance(obj.get("url"), str) else ""
    day = obj.get("date") if isinstance(obj.get("date"), str) and obj["date"].strip() else None
    if day is not None:
        from ..timeline import article_date

        try:
            article_date("", "txt", "", day)
        except InputError as e:
            raise InputError(f"{ref.source}: {e}") from None
    return ArticleInput(raw=text, name=ref.id, path=url or ref.source, fmt=detect_format("", text), title=title,
                        date=day)
