"""Reading user input safely and writing output atomically.

Every failure a user can fix becomes an InputError with one clear line naming the file.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .env import limit as env_limit
from .errors import InputError
from .sanitize import clean_text, load_json
from .writing import atomic_write, is_special, new_file_mode, write_target  # noqa: F401  (atomic_write's home was here)

MAX_INPUT_BYTES = env_limit("CLAIMCHECK_MAX_INPUT_BYTES")  # validated by env.check_environment
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s/]+\.[^\s]*\Z", re.IGNORECASE)


def is_url(text: str) -> bool:
    """Whether `text` is a single web address ("https://...", "www...."), not an article."""
    return bool(_URL.match(text.strip()))


def refuse_url(text: str, name: str) -> None:
    """A web address where an article was expected: claimcheck works offline and fetches nothing."""
    if is_url(text):
        raise InputError(f"{name}: is a web address, not an article; claimcheck does not fetch pages "
                         "(it works offline): save the article's text to a file and pass that")


@dataclass(frozen=True)
class TextInput:
    text: str
    name: str  # file name or "stdin"
    path: str  # "" for stdin


def decode_text(data: bytes, name: str, bounded: bool = True) -> str:
    """Bytes -> str, refusing binary data and encodings other than UTF-8 (a UTF-16 BOM is honoured).

    `bounded` applies MAX_INPUT_BYTES, the limit for articles; corpora pass False (they may be gigabytes).
    """
    _check_bytes(data, name, bounded)
    if data.startswith(b"%PDF-") or (data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]):
        raise InputError(f"{name}: looks like a PDF or Word file, not text: pass it as a file named .pdf or .docx")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: has a UTF-16 mark but does not decode as UTF-16") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        where = f"{name}:{line}" if b"\n" in data.rstrip(b"\n") else name  # name the line in multi-line input
        raise InputError(f"{where}: is not UTF-8 text (bad byte at offset {e.start}); convert it, e.g. iconv -t UTF-8") from None
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text[:8192]) // 50):
        raise InputError(f"{name}: looks like a binary file, not text")
    return clean_text(text)  # control characters anywhere (NUL, ANSI escapes) never reach output


def _check_bytes(data: bytes, name: str, bounded: bool) -> None:
    if bounded and len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: too large (over {MAX_INPUT_BYTES:,} bytes, the limit; set CLAIMCHECK_MAX_INPUT_BYTES to change it)")


def decode_file(data: bytes, name: str, bounded: bool = True, plain: bool = False) -> str:
    """A file's bytes as text: a .docx or .pdf (by its name) through claimcheck.core.documents (furniture dropped;
    a .docx as markdown unless `plain`), anything else through decode_text. The byte limit applies to both,
    and the text extracted from a document is held to MAX_INPUT_BYTES characters."""
    from .documents import document_suffix, document_text

    if not document_suffix(name):
        return decode_text(data, name, bounded)
    _check_bytes(data, name, bounded)
    return document_text(data, name, MAX_INPUT_BYTES, plain=plain)


def read_bytes(path: Path, name: str, limit: int | None = None) -> bytes:
    """A regular file's bytes (at most limit + 1 of them); a FIFO, device or socket is refused (reading
    one could block forever or never end), and an unreadable file is one clear line."""
    import stat

    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, device or socket)"
            raise InputError(f"{name}: is {kind}, expected a file")
        with path.open("rb") as f:
            return f.read() if limit is None else f.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror or e})") from None


def read_text(source: str) -> TextInput:
    """Read a file path or '-' (stdin) as text; refuse missing, empty, binary and non-UTF-8 input.
    A .docx or .pdf file is read as a document (decode_file)."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name, path = "stdin", ""
    else:
        p = Path(source)
        if not p.exists():
            refuse_url(source, source)
            raise InputError(f"{source}: no such file")
        data = read_bytes(p, source, MAX_INPUT_BYTES)
        name, path = p.name, str(p)
    text = decode_file(data, name)
    if not text.strip():
        raise InputError(f"{name}: is empty")
    refuse_url(text, name)
    return TextInput(text=text, name=name, path=path)


def iter_jsonl(text: str, name: str) -> Iterator[tuple[int, dict]]:
    """Yield (line number, object) for each non-blank line; errors read "name:LINE: what is wrong"."""
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        obj = load_json(line, f"{name}:{no}")
        if not isinstance(obj, dict):
            raise InputError(f"{name}:{no}: not a JSON object")
        yield no, obj


@dataclass(frozen=True)
class ClaimInput:
    id: str
    claim: str
    given_id: bool = True  # False when the input named no id (a .txt line, a .jsonl line without "id")


def read_claims(source: str) -> list[ClaimInput]:
    """Claims to verify: .jsonl with {"id", "claim"} per line, or plain text with one claim per line;
    a claim is held to the query limit (claimcheck.core.limits)."""
    from .limits import check_query_size

    inp = read_text(source)
    stripped = inp.text.lstrip()
    is_jsonl = inp.name.endswith(".jsonl") or (source == "-" and stripped.startswith("{"))
    claims: list[ClaimInput] = []
    if is_jsonl:
        for no, obj in iter_jsonl(inp.text, inp.name):
            text = obj.get("claim")
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{inp.name}:{no}: has no \"claim\" text")
            cid = obj.get("id", f"line{no}")
            check_query_size(text.strip(), f"{inp.name}:{no}: claim")
            claims.append(ClaimInput(id=str(cid), claim=text.strip(), given_id="id" in obj))
    else:
        for no, line in enumerate(inp.text.splitlines(), start=1):
            if line.strip():
                check_query_size(line.strip(), f"{inp.name}:{no}: claim")
                claims.append(ClaimInput(id=str(len(claims) + 1), claim=line.strip(), given_id=False))
    if not claims:
        raise InputError(f"{inp.name}: holds no claims")
    return claims


def check_output(path: str | Path) -> None:
    """Refuse an output path that cannot be written, before any work: its folder is missing or not
    writable, or it is a folder or socket, or an existing file that cannot be replaced. A symlink is checked
    as its target (the file that gets replaced); a device or FIFO is written in place."""
    p = write_target(path)
    parent = p.parent if str(p.parent) else Path(".")
    kind = is_special(p)
    if kind in ("a folder", "a socket"):
        raise InputError(f"{path}: is {kind}; --output names a file")
    if kind:
        return
    if not parent.is_dir():
        raise InputError(f"{path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"{path}: folder {parent} is not writable")
    if p.exists() and not os.access(p, os.W_OK):
        raise InputError(f"{path}: exists and is not writable")


def emit(text: str, output: str | None) -> None:
    """Print to stdout, or write atomically to `output`."""
    if output and output != "-":
        atomic_write(output, text if text.endswith("\n") else text + "\n")
        print(f"claimcheck: wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
