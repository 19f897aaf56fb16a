"""Sentence segmentation: an article's plain text split into sentences with exact character offsets (spaCy).

`segment_with_doc` parses the text once with spaCy and returns the `Article` (sentences with exact
character offsets into `Article.text`) and the parsed `Doc`, which the claims stage reuses. Paragraph
breaks always end a sentence. The text comes from claimcheck.text.markup's `normalize`.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import TYPE_CHECKING

from ..core.errors import InputError
from .words import ABBREVIATIONS
from ..core.types import Article, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


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
    from ..runtime.nlp import get_nlp

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
