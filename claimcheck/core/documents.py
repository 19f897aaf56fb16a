"""Word (.docx) and PDF files as article or corpus text: python-docx and pypdf read them, this module
keeps the prose.

A .docx becomes markdown: its Title or first Heading paragraph a "# " heading (so it is the title, as in
a .md article), every other paragraph (and table row) a paragraph of its own, the body's characters
escaped so that nothing in them reads as markup. Headers and footers live in their own parts of the file
and are never read. A .pdf becomes plain text: lines joined into paragraphs where the page shows a gap,
and the page furniture dropped: lines repeated at the top or bottom of most pages (a running head, a
"Page 3 of 9" footer; digits are ignored when comparing) and bare page numbers.

What cannot be read is one InputError naming the file: a damaged or truncated file, an encrypted one, a
PDF with no text layer (a scan), a .doc saved with a .docx name. Extraction stops once the text passes
`max_chars` (the caller's limit), and a .docx whose parts unpack to more than UNZIPPED_FACTOR times that
(UNZIPPED_MIN at least: Word's own styles alone unpack to about 1 MB) is refused before it is unpacked.
"""
from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from dataclasses import dataclass

from .errors import InputError
from .sanitize import clean_text

# the text format (claimcheck.text.segment) each document type is extracted to
DOCUMENT_FORMATS = {".docx": "md", ".pdf": "txt"}
UNZIPPED_FACTOR = 10
UNZIPPED_MIN = 64 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted Office file or an old .doc


def document_suffix(name: str) -> str:
    """".docx" or ".pdf" when `name` is such a file, else ""."""
    low = name.lower()
    return next((s for s in DOCUMENT_FORMATS if low.endswith(s)), "")


def document_text(data: bytes, name: str, max_chars: int, plain: bool = False) -> str:
    """The text of a .docx (as markdown, or as plain paragraphs with `plain`) or .pdf (plain text) file's
    bytes; InputError when there is none to read. `name` names the file in errors and decides its type."""
    suffix = document_suffix(name)
    if suffix == ".docx":
        text = _docx_text(data, name, max(UNZIPPED_MIN, max_chars * UNZIPPED_FACTOR), plain)
    elif suffix == ".pdf":
        text = _pdf_text(data, name, max_chars)
    else:
        raise ValueError(f"not a .docx or .pdf name: {name}")
    text = clean_text(text)
    if len(text) > max_chars:
        raise InputError(f"{name}: holds too much text (over {max_chars:,} characters, the limit; set "
                         "CLAIMCHECK_MAX_INPUT_BYTES to change it)")
    if not text.strip():
        if suffix == ".pdf":
            raise InputError(f"{name}: has no text layer (a scanned PDF?): run OCR on it first (e.g. ocrmypdf) "
                             "or pass the article's text")
        raise InputError(f"{name}: has no text")
    return text


def _damaged(name: str, kind: str, e: BaseException) -> InputError:
    detail = str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__
    return InputError(f"{name}: is not a readable {kind} file (damaged or truncated: {detail})")


# ---------------------------------------------------------------- .docx


def _docx_text(data: bytes, name: str, max_unzipped: int, plain: bool) -> str:
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InputError(f"{name}: is encrypted (password-protected); save an unprotected copy and pass that")
        raise InputError(f"{name}: is an old Word .doc file, not .docx; save it as .docx (or as text) and pass that")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unzipped = sum(i.file_size for i in z.infolist())
            if unzipped > max_unzipped:
                raise InputError(f"{name}: unpacks to {unzipped:,} bytes, more than the {max_unzipped:,} a .docx "
                                 "may (set CLAIMCHECK_MAX_INPUT_BYTES to change it)")
            bad = z.testzip()  # a truncated or corrupted member fails its CRC here, not halfway through
        if bad is not None:
            raise zipfile.BadZipFile(f"member {bad} fails its checksum")
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        blocks, heading = [], False
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks += _table_rows(block) if plain else [_md_escape(row) for row in _table_rows(block)]
            elif plain:
                blocks.append(block.text.strip())
            else:
                blocks.append(_paragraph_md(block, not heading))
                heading = heading or blocks[-1].startswith("# ")
    except InputError:
        raise
    except Exception as e:  # zipfile.BadZipFile, docx's PackageNotFoundError, lxml's XMLSyntaxError, KeyError ...
        raise _damaged(name, "Word .docx", e) from None
    return "\n\n".join(b for b in blocks if b.strip())


def _paragraph_md(paragraph, first_heading: bool) -> str:
    """A paragraph as markdown: a Title/Heading style becomes a heading ("# " for the first one)."""
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if text and re.fullmatch(r"Title|Heading \d", style):
        return ("# " if first_heading else "## ") + _md_escape(" ".join(text.split()))
    return _md_escape(text)


def _table_rows(table) -> list[str]:
    """Each row of a table as one line, its cells' texts joined by " | " (a merged cell counted once)."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            t = " ".join(cell.text.split())
            if t and (not cells or cells[-1] != t):
                cells.append(t)
        rows.append(" | ".join(cells))
    return rows


# characters the markdown reader (claimcheck.text.segment) would take as markup, written as HTML entities
# (it unescapes them last): a Word paragraph's "*" or "<b>" stays what the writer typed
_MD_CHARS = {c: f"&#{ord(c)};" for c in "&<>*_`[]~\\"}
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-•=]|\d{1,3}(?=[.)]\s))", re.MULTILINE)


def _md_escape(text: str) -> str:
    text = "".join(_MD_CHARS.get(c, c) for c in text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)


# ---------------------------------------------------------------- .pdf


@dataclass(frozen=True)
class _Line:
    text: str
    y: float  # the baseline's height on the page (PDF units, up is larger)
    size: float  # the font's height on the page


_PAGE_NUMBER = re.compile(r"(?i)[-–—(\[]?\s*(?:page|p\.|seite|página)?\s*\d{1,4}\s*(?:(?:of|/|von|de)\s*\d{1,4})?\s*[-–—)\]]?")
_SENTENCE_END = tuple(".!?:\"”’')")


def _pdf_text(data: bytes, name: str, max_chars: int) -> str:
    head = data[:1024]
    if b"%PDF-" not in head:
        raise InputError(f"{name}: is not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(f"{name}: is not a readable PDF file (truncated: it does not end with %%EOF)")
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # pypdf logs repairs of harmless damage as warnings; the CLI's stderr is one line
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _open_encrypted(reader):
                raise InputError(f"{name}: is encrypted (password-protected); save an unprotected copy and pass that")
            pages, total = [], 0
            for page in reader.pages:
                lines = _page_lines(page)
                pages.append(lines)
                total += sum(len(line.text) + 1 for line in lines)
                if total > max_chars:
                    break
    except InputError:
        raise
    except (DependencyError, FileNotDecryptedError):
        raise InputError(f"{name}: is encrypted (password-protected, or AES without the cryptography package); "
                         "save an unprotected copy and pass that") from None
    except Exception as e:  # pypdf's PdfReadError and the KeyError/ValueError/... a mangled object raises
        raise _damaged(name, "PDF", e) from None
    finally:
        quiet.setLevel(level)
    return _paragraphs(_drop_furniture(pages))


def _open_encrypted(reader) -> bool:
    """An encrypted PDF that opens without a password (only printing or copying restricted) is read."""
    from pypdf import PasswordType

    return reader.decrypt("") != PasswordType.NOT_DECRYPTED


def _page_lines(page) -> list[_Line]:
    """The page's lines as pypdf extracts them, each with where it stands: pypdf's visitor sees every piece
    of the text it returns, with the text and page matrices that place it."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        pieces.append((text, y, abs(font_size * tm[3] * cm[3]) or abs(font_size)))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    buf, y, size = "", None, 0.0
    for text, py, psize in pieces:
        for k, part in enumerate(text.split("\n")):
            if k:
                if buf.strip():
                    lines.append(_Line(" ".join(buf.split()), y if y is not None else 0.0, size))
                buf, y = "", None
            if part.strip() and y is None:
                y, size = py, psize
            buf += part
    if buf.strip():
        lines.append(_Line(" ".join(buf.split()), y if y is not None else 0.0, size))
    return lines


def _furniture_key(line: _Line) -> tuple[str, int]:
    """A line as a running head or foot repeats: the same words (digits aside) at the same height."""
    return re.sub(r"\d+", "#", line.text.lower()), round(line.y / 2)


def _edges(lines: list[_Line], n: int = 2) -> set[int]:
    """Indexes of the lines standing highest or lowest on the page (the n top and n bottom rows)."""
    ys = sorted({round(line.y) for line in lines})
    edge = set(ys[:n] + ys[-n:])
    return {i for i, line in enumerate(lines) if round(line.y) in edge}


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without their running heads and feet (a line at a page's top or bottom edge that recurs, digits
    aside, at the same height on at least half the pages, two at least) and bare page numbers at an edge."""
    edges = [_edges(lines) for lines in pages]
    counts: dict[tuple[str, int], int] = {}
    for lines, idx in zip(pages, edges):
        for key in {_furniture_key(lines[i]) for i in idx}:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, len(pages) // 2)
    repeated = {k for k, c in counts.items() if c >= need}
    out = []
    for lines, idx in zip(pages, edges):
        out.append([line for i, line in enumerate(lines)
                    if i not in idx or not (_PAGE_NUMBER.fullmatch(line.text) or _furniture_key(line) in repeated)])
    return out


def _paragraphs(pages: list[list[_Line]]) -> str:
    """Lines joined into paragraphs. A paragraph ends where the gap to the next line is clearly wider than
    the page's usual line spacing, where the font size changes (a heading), or after a short line that ends
    a sentence; at a page break the text runs on unless the last line ended a sentence."""
    paras: list[str] = []
    cur = ""
    for lines in pages:
        gaps = sorted(a.y - b.y for a, b in zip(lines, lines[1:]) if 0 < a.y - b.y)
        step = gaps[len(gaps) // 5] if gaps else 0.0  # the line spacing: most gaps are within paragraphs
        widths = [len(line.text) for line in lines]
        full = sorted(widths)[int(len(widths) * 0.8)] if widths else 0
        if cur and cur.endswith(_SENTENCE_END):
            paras.append(cur)
            cur = ""
        for k, line in enumerate(lines):
            if k and cur:
                prev = lines[k - 1]
                gap = prev.y - line.y
                new = (gap <= 0 or (step and gap > step * 1.35) or abs(line.size - prev.size) > 0.5
                       or (len(prev.text) < 0.7 * full and prev.text.endswith(_SENTENCE_END)))
                if new:
                    paras.append(cur)
                    cur = ""
            cur = _join(cur, line.text)
    if cur:
        paras.append(cur)
    return "\n\n".join(paras)


def _join(text: str, line: str) -> str:
    """Run a line on: a space between, none after a hyphen that breaks a word ("well-" + "known")."""
    if not text:
        return line
    if re.search(r"[^\W\d]-$", text) and line[:1].islower():
        return text + line
    return text + " " + line
