"""Markup conversion: an article's raw input (txt, md, html, json) as plain text and a title.

`detect_format` names the format from the file suffix or the content; `normalize` turns the raw input into
plain text with blank lines between paragraphs, plus its title, page furniture removed. No model is needed,
so `check_raw_article` holds an article to the size limit before any model loads. A .docx or .pdf file
reaches here already extracted (claimcheck.core.documents) to md or txt.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..core.documents import DOCUMENT_FORMATS
from ..core.errors import InputError, UserError
from ..core.limits import check_article_size
from ..core.sanitize import clean_text, load_json
from .boilerplate import strip_boilerplate
from .sentences import unglue
from .titles import txt_title

FORMATS = ("txt", "md", "html", "json")
_SUFFIX = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".mdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json",
    **DOCUMENT_FORMATS,  # what claimcheck.core.documents extracts a .docx or .pdf to
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


def check_raw_article(raw: str, name: str, fmt: str | None = None) -> None:
    """An article's text checked before any model loads: the markup is stripped (no model needed, a
    fraction of the segment stage), so bad JSON, an empty page or an article over the limit is one line
    at once, not after the models and the corpus index have loaded."""
    try:
        text, _ = normalize(raw, fmt or detect_format(name, raw))
    except InputError as e:  # "article: not valid JSON (...)" -> "story.json: not valid JSON (...)"
        msg = str(e)
        raise InputError(name + msg[len("article"):] if msg.startswith("article") else msg) from None
    check_article_size(text, name)
