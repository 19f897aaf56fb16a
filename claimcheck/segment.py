"""Segment stage: normalise an article (txt, md, html, json) and split it into sentences with offsets.

`normalize` turns the raw input into plain text plus a title; `segment_with_doc` parses the text once
with spaCy and returns the `Article` (sentences with exact character offsets into `Article.text`) and
the parsed `Doc`, which the claims stage reuses. Paragraph breaks always end a sentence.
"""
from __future__ import annotations

import html
import re
from collections import OrderedDict
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .documents import DOCUMENT_FORMATS
from .errors import InputError, UserError
from .sanitize import clean_text, load_json
from .text.boilerplate import strip_boilerplate
from .text.sentences import unglue
from .text.titles import txt_title
from .text.words import ABBREVIATIONS
from .types import Article, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

FORMATS = ("txt", "md", "html", "json")
_SUFFIX = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".mdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json",
    **DOCUMENT_FORMATS,  # what claimcheck.documents extracts a .docx or .pdf to
}


# ---------------------------------------------------------------- format detection


def detect_format(path_or_name: str, text: str) -> str:
    """txt|md|html|json from the file suffix, else by sniffing the content."""
    fmt = _SUFFIX.get(Path(path_or_name or "").suffix.lower())
    if fmt:
        return fmt
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    low = head.lower()
    if low.startswith(("<!doctype html", "<html", "<?xml")) or re.search(r"<(html|body|p|div|article)[\s>]", low):
        return "html"
    if head.startswith("{"):
        try:
            if isinstance(load_json(text, "article"), dict):
                return "json"
        except InputError:
            pass
    if re.match(r"#{1,6} \S", head):
        return "md"
    return "txt"


# ---------------------------------------------------------------- normalisation


def normalize(raw: str, fmt: str, furniture: bool = False) -> tuple[str, str]:
    """Raw article -> (plain text with blank lines between paragraphs, title). Page furniture (share
    bars, view counters, bylines, video notices; see claimcheck.text.boilerplate) is removed unless
    `furniture` is True, so it never becomes a claim."""
    if fmt not in FORMATS:
        raise UserError(f"unknown article format '{fmt}' (choose {', '.join(FORMATS)})")
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "html":
        text, title = _html_text(raw)
    elif fmt == "md":
        text, title = _markdown_text(raw)
    elif fmt == "json":
        text, title = _json_text(raw)
    else:
        text, title = raw, txt_title(raw)
    text, title = clean_text(text), clean_text(title)  # "&#27;" in HTML is an escape character too
    text = unglue(text)  # "knocked on their door.Prof Ruggles said": scraped text lost its spaces
    if not furniture:
        text, _ = strip_boilerplate(text)
    if not text.strip():
        raise InputError("article has no text")
    return text, title


def _json_text(raw: str) -> tuple[str, str]:
    obj: Any = load_json(raw, "article")
    if not isinstance(obj, dict):
        raise InputError('a JSON article must be an object with a "text" field')
    for key in ("text", "body", "content"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            title = obj.get("title")
            return value.replace("\r\n", "\n"), title.strip() if isinstance(title, str) else ""
    raise InputError('a JSON article must be an object with a "text" field (or "body"/"content")')


_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "canvas", "object"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "blockquote", "pre", "figure", "figcaption", "dl", "dt", "dd",
    "form", "hr", "address", "details", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "body", "caption",
}
_CELL_TAGS = {"td", "th"}


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.skip = 0  # depth inside script/style/...
        self.in_head = False
        self.in_title = False
        self.in_pre = 0
        self.title = ""
        self.h1: list[str] | None = None
        self.h1_done = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "head":
            self.in_head = True
        elif tag == "title":
            self.in_title = True
        elif tag == "br":
            self.chunks.append("\n")
        elif tag in _CELL_TAGS:
            self.chunks.append(" ")
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")
            if tag == "pre":
                self.in_pre += 1
            if tag == "h1" and not self.h1_done:
                self.h1 = []

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.chunks.append("\n")
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")
            if tag == "pre":
                self.in_pre = max(0, self.in_pre - 1)
            if tag == "h1" and self.h1 is not None and not self.h1_done:
                self.h1_done = True

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.in_title:
            self.title += data
            return
        if self.in_head:
            return
        if self.h1 is not None and not self.h1_done:
            self.h1.append(data)
        self.chunks.append(data if self.in_pre else re.sub(r"\s+", " ", data))


def _html_text(raw: str) -> tuple[str, str]:
    p = _HTMLText()
    p.feed(raw)
    p.close()
    paragraphs = []
    for para in re.split(r"\n[ \t]*\n", "".join(p.chunks)):
        lines = [" ".join(line.split()) for line in para.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    title = " ".join(p.title.split()) or " ".join("".join(p.h1 or []).split())
    return "\n\n".join(paragraphs), title


_MD_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),  # inline html tags
    (re.compile(r"`([^`\n]*)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # escapes
]


def _md_inline(s: str) -> str:
    for pattern, repl in _MD_INLINE:
        s = pattern.sub(repl, s)
    return html.unescape(s).rstrip()


def _markdown_text(raw: str) -> tuple[str, str]:
    """Strip markdown markup, keep paragraphs; headings and list items become their own paragraphs.

    Fenced code blocks are dropped (code is not prose to check).
    """
    out: list[str] = []
    title = ""
    fence = ""
    for line in raw.split("\n"):
        s = line.strip()
        m = re.match(r"(`{3,}|~{3,})", s)
        if m:
            if not fence:
                fence = m.group(1)[0] * 3
            elif s.startswith(fence):
                fence = ""
            out.append("")
            continue
        if fence:
            continue
        if re.fullmatch(r"=+|-+", s) and out and out[-1].strip():  # setext heading underline
            title = title or out[-1].strip()
            out.insert(len(out) - 1, "")
            out.append("")
            continue
        if re.fullmatch(r"([-*_])(\s*\1){2,}", s):  # horizontal rule
            out.append("")
            continue
        if re.match(r"\s{0,3}\[[^\]]+\]:\s*\S+", line):  # link reference definition
            continue
        m = re.match(r"\s{0,3}(#{1,6})\s+(.*?)(\s+#+)?\s*$", line)
        if m:
            heading = _md_inline(m.group(2))
            title = title or heading
            out += ["", heading, ""]
            continue
        while re.match(r"\s{0,3}>", line):  # block quotes
            line = re.sub(r"^\s{0,3}>\s?", "", line)
        m = re.match(r"\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$", line)
        if m:
            out += ["", _md_inline(m.group(1)), ""]
            continue
        out.append(_md_inline(line))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(x.rstrip() for x in out)).strip("\n")
    return text, title


# ---------------------------------------------------------------- sentences

_DOC_CACHE: "OrderedDict[tuple, Doc]" = OrderedDict()
_DOC_CACHE_SIZE = 8
_LINE_SPLIT_MAX = 60  # a line shorter than this, then a capitalised line: a line break ends a sentence


def _mark_boundaries(doc: "Doc", title_end: int) -> None:
    """Pre-set sentence starts the parser must respect: blank lines, short lines, the title line;
    and forbid starts at lowercase words and brackets (". . ." ellipses, "[...]" insertions).

    Linear in the text: lines are found by bisection, and the starts are written in one from_array
    call (setting Token.is_sent_start scans the whole Doc each time)."""
    import numpy as np
    from spacy.attrs import SENT_START

    text = doc.text
    lines = _Lines(text)
    starts = doc.to_array([SENT_START]).astype(np.int64)
    last_end = -1  # end offset of the previous non-space token
    for tok in doc:
        if tok.is_space:
            continue
        if last_end < 0:
            last_end = tok.idx + len(tok.text)
            continue
        gap = text[last_end:tok.idx]
        first = tok.text[0]
        if re.search(r"\n[ \t]*\n", gap) or (title_end and last_end <= title_end <= tok.idx):
            starts[tok.i] = 1
        elif "\n" in gap:
            line_start = lines.start(last_end)
            prev_line = text[line_start:last_end].strip()
            starts_new = first.isupper() or first.isdigit() or first in "-*•“\"'‘"
            if starts_new and (len(prev_line) < _LINE_SPLIT_MAX or prev_line[-1] in ".!?:;”\"’"):
                starts[tok.i] = 1
            elif tok.is_lower and tok.is_alpha:
                starts[tok.i] = -1
        elif not gap and _glued_stop(doc, tok):
            starts[tok.i] = 1
        elif (tok.is_lower and tok.is_alpha) or first in "[)]},;" or lines.short(tok.idx):
            starts[tok.i] = -1
        last_end = tok.idx + len(tok.text)
    doc.from_array([SENT_START], starts.astype(np.uint64))


class _Lines:
    """Line boundaries of a text, found by bisection (scanning back to the previous newline from every
    token is quadratic on a text without line breaks)."""

    def __init__(self, text: str):
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self._short: dict[int, bool] = {}

    def start(self, pos: int) -> int:
        """Offset of the first character of the line holding `pos`."""
        import bisect

        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i - 1] + 1 if i else 0

    def short(self, pos: int) -> bool:
        """Is `pos` inside a short line with no sentence punctuation (a menu, a byline, a heading)?"""
        start = self.start(pos)
        if start not in self._short:
            end = self.text.find("\n", pos)
            line = self.text[start:end if end >= 0 else len(self.text)].strip()
            self._short[start] = len(line) < _LINE_SPLIT_MAX and not re.search(r"[.!?]", line)
        return self._short[start]


def _glued_stop(doc: "Doc", tok: "Token") -> bool:
    """A full stop with no space after it ends a sentence ("for ten years.But he"): the word before it is
    lowercase (an initial capital at most), has no digits and is no abbreviation; `tok` starts uppercase
    (after an opening quote, maybe). "U.S.", "J.K.", "bbc.co.uk" and "3.5" stay single tokens."""
    if tok.i < 2:
        return False
    stop, word = doc[tok.i - 1], doc[tok.i - 2]
    if stop.text != "." or stop.whitespace_ or word.whitespace_:
        return False
    w = word.text
    if not (w.isalpha() and len(w) >= 2 and w[1:].islower()) or w.lower() in ABBREVIATIONS:
        return False
    letters = tok.text.lstrip("'\"‘“")
    return bool(letters) and letters[0].isupper() and len(tok.text) - len(letters) <= 1


def _title_end(text: str, title: str) -> int:
    stripped = text.lstrip()
    if title and stripped.startswith(title):
        return len(text) - len(stripped) + len(title)
    return 0


_PARSER_CHARS = str.maketrans({"’": "'", "‘": "'", "\u00a0": " "})


def parser_text(text: str) -> str:
    """What the parser reads: same length and offsets as `text`, with curly apostrophes made straight
    (the small English pipeline mis-tags "country’s" as punctuation) and no-break spaces made plain."""
    return text.translate(_PARSER_CHARS)


def parse(text: str, *, title: str = "", nlp=None) -> "Doc":
    """Parse `text` for the segment and claims stages (cached, so the claims stage gets the same Doc).

    The Doc's token offsets are offsets into `text`; read surface strings from `text`, not the Doc.
    """
    from .nlp import get_nlp

    nlp = nlp if nlp is not None else get_nlp()
    key = (id(nlp), title, text)
    doc = _DOC_CACHE.get(key)
    if doc is not None:
        _DOC_CACHE.move_to_end(key)
        return doc
    if len(text) > nlp.max_length:
        raise InputError(f"article is too long ({len(text)} characters; the limit is {nlp.max_length})")
    doc = nlp.make_doc(parser_text(text))
    _mark_boundaries(doc, _title_end(text, title))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    _DOC_CACHE[key] = doc
    if len(_DOC_CACHE) > _DOC_CACHE_SIZE:
        _DOC_CACHE.popitem(last=False)
    return doc


def doc_sentences(doc: "Doc", text: str) -> tuple[Sentence, ...]:
    """Sentences of a parsed Doc, stripped of surrounding whitespace, with offsets into `text`."""
    out = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        out.append(Sentence(index=len(out), text=text[start:end], start=start, end=end))
    return tuple(out)


def segment_with_doc(text: str, *, id: str, title: str = "", path: str = "", nlp=None) -> tuple[Article, "Doc"]:
    """Text -> (Article with sentences, the spaCy Doc they came from)."""
    doc = parse(text, title=title, nlp=nlp)
    return Article(id=id, text=text, sentences=doc_sentences(doc, text), title=title, path=path), doc


def segment(text: str, *, id: str, title: str = "", path: str = "", nlp=None) -> Article:
    """Text -> Article whose sentences carry exact character offsets into `text`."""
    return segment_with_doc(text, id=id, title=title, path=path, nlp=nlp)[0]


def sentence_spans(article: Article, doc: "Doc") -> list:
    """The spaCy Span of each article sentence (for stages that reuse the parse)."""
    return [doc.char_span(s.start, s.end, alignment_mode="expand") for s in article.sentences]
