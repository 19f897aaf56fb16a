"""Rule sentence splitters and the glued-stop rule; spans are exact ``[start, end)`` offsets.

Articles are segmented with spaCy (claimcheck.text.segment); these dependency-free splitters serve where a
parser is too slow or too much:

- split_sentences: corpus passages (claimcheck.index.corpus) and passage sentences (claimcheck.verify).
  Blank lines, headings and list items end a sentence, a single line break does not (archives wrap
  lines); ellipses end one; after a dotted acronym ("U.S.") only a common sentence opener starts one.
- split_scraped / scraped_sentences: scraped news and model output (seq2seq summaries, evaluation
  articles). Every line break ends a sentence, and so does a stop glued to the next sentence
  ("community.Dr Venter", BBC/XSum text lost its spaces).
- split_at_stops: the bare cut the prompted claims backend applies to a one-line answer.

Both skip a period after an initial ("J. Smith") or an abbreviation (claimcheck.text.words names the
list each one uses). `unglue` puts the missing space back before the spaCy segmenter reads a text.
"""
from __future__ import annotations

import re

from .words import PASSAGE_ABBREVIATIONS, SCRAPED_ABBREVIATIONS

_CLOSERS = r"[\"'”’)\]]*"  # closing quotes and brackets after a sentence's final punctuation
_OPENERS = r"[\"'“‘(\[]"  # an opening quote or bracket before a sentence's first word

# ------------------------------------------------------------------------------- glued sentences

# A sentence end glued to the next sentence's first word: a lowercase word, digit, "%" or ")" then the
# stop, then a capitalised word ("door.Prof Ruggles", "fight".Jon", "wasted."Life").
_WORD_END = r"[a-z0-9%)]"
_NEXT_WORD = r"[A-Z][a-z]"
# unglue: a closing quote may stand before or after the stop.
_GLUED_GAP = re.compile(
    rf"(?<={_WORD_END}[.!?])(?={_NEXT_WORD})|(?<={_WORD_END}[.!?][\"”’])(?={_NEXT_WORD})"
    rf"|(?<={_WORD_END}[\"”’][.!?])(?={_NEXT_WORD})"
)
# split_scraped: the stop itself, after a word end or a closing quote; an opening quote may follow it.
_GLUED_STOP = re.compile(r"(?<=[a-z0-9%)\"”’])[.!?](?=[\"”“]?" + _NEXT_WORD + ")")


def unglue(text: str) -> str:
    """One space between a sentence end and the next sentence glued to it; nothing else changes."""
    return _GLUED_GAP.sub(" ", text)


def _add_span(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    """Append text[s:e] without its surrounding whitespace, unless nothing is left."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


# ------------------------------------------------------------------------------ passage splitter

# Words that, after a dotted acronym ("U.S."), almost always open a new sentence.
_STARTERS = frozenset("the a an he she it they we i this that these those in on at but and however there his her its their".split())
# Candidate boundary: sentence punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+" + _CLOSERS + r"(?=\s)")
_PARA = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*(?:#{1,6}\s|[-*+•]\s|\d{1,3}[.)]\s))")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT = re.compile(r"\s+(" + _OPENERS + r"?)(\S)(\w*)")


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
    return low not in PASSAGE_ABBREVIATIONS


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


def split_long(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a span longer than max_chars at whitespace (or hard, when there is none)."""
    out: list[tuple[int, int]] = []
    while e - s > max_chars:
        cut = text.rfind(" ", s + max_chars // 2, s + max_chars)
        cut = cut if cut > s else s + max_chars
        _add_span(text, s, cut, out)
        s = cut
    _add_span(text, s, e, out)
    return out


# ------------------------------------------------------------------------------ scraped splitter

_SPACED = re.compile(r"[.!?]+" + _CLOSERS + r"\s+(?=" + _OPENERS + r"?[A-Z0-9])")
_LAST_WORD = re.compile(r"(?<![A-Za-z.])([A-Za-z][A-Za-z.]*)$")
_QUOTES = re.compile(r"[\"“”]")


def _is_abbrev(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial ("J. Craig")."""
    if text[dot] != ".":
        return False
    head = text[max(0, dot - 16): dot]
    m = _LAST_WORD.search(head)
    if not m or (m.start(1) == 0 and dot > 16):
        return False
    word = m.group(1).lower()
    return word in SCRAPED_ABBREVIATIONS or (len(word) == 1 and word.isalpha() and m.group(1).isupper())


def split_scraped(text: str) -> list[tuple[int, int]]:
    """Half-open character spans of the sentences of `text` (whitespace trimmed, newlines split too)."""
    cuts: set[int] = set()
    for m in _SPACED.finditer(text):
        if not _is_abbrev(text, m.start()):
            cuts.add(m.end())
    for m in re.finditer(r"\n\s*", text):
        cuts.add(m.end())
    for m in _GLUED_STOP.finditer(text):
        if _is_abbrev(text, m.start()):
            continue
        cut = m.end()
        if text[cut] in "\"”“":
            # The quote closes this sentence when the sentence so far has an odd number of quotes.
            start = max((c for c in cuts if c <= m.start()), default=0)
            if len(_QUOTES.findall(text, start, m.start())) % 2 == 1:
                cut += 1
        cuts.add(cut)
    bounds = [0, *sorted(cuts), len(text)]
    spans: list[tuple[int, int]] = []
    for a, b in zip(bounds, bounds[1:]):
        _add_span(text, a, b, spans)
    return spans


def scraped_sentences(text: str) -> list[str]:
    """The sentences split_scraped finds, as strings."""
    return [text[a:b] for a, b in split_scraped(text)]


# ---------------------------------------------------------------------------- one line of output

_STOP_SPACE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def split_at_stops(line: str) -> list[str]:
    """Pieces of one line of model output, cut at whitespace after .!? before a capital or an opening
    quote; no abbreviation rule, pieces untrimmed (the prompted claims backend reads a one-line answer)."""
    return _STOP_SPACE.split(line)
