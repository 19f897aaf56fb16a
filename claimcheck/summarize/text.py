"""Text helpers for summarizers: a light sentence splitter and non-content (boilerplate) detection.

The pipeline segments articles with claimcheck.segment; the splitter here serves model output
(seq2seq summaries) and evaluation scripts, where a dependency-free rule splitter is enough.
"""
from __future__ import annotations

import re

# Abbreviations that end with a period but rarely end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen", "rep", "col", "lt",
    "sgt", "capt", "cpl", "rev", "hon", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k",
    "fig", "approx", "est", "dept", "univ", "ft", "ave", "blvd",
}
_SPACED = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
# BBC/XSum text often glues sentences: "community.Dr Venter", "fight".Jon", "wasted."Life".
_GLUED = re.compile(r"(?<=[a-z0-9%)\"”’])[.!?](?=[\"”“]?[A-Z][a-z])")
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
    return word in _ABBREV or (len(word) == 1 and word.isalpha() and m.group(1).isupper())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open character spans of the sentences of `text` (whitespace trimmed, newlines split too)."""
    cuts: set[int] = set()
    for m in _SPACED.finditer(text):
        if not _is_abbrev(text, m.start()):
            cuts.add(m.end())
    for m in re.finditer(r"\n\s*", text):
        cuts.add(m.end())
    for m in _GLUED.finditer(text):
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
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def sentences_of(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# ------------------------------------------------------------------ non-content detection

# Boilerplate that sticks to the front of a sentence (widgets and captions glued to real text).
_LEADING_JUNK = re.compile(
    r"^(?:"
    r"(?:Share this with|Rhannu hwn ar)(?:[A-Z][\w’']*)*?(?:Copy this link|Copïo’r ddolen (?:hon|yma))"
    r"(?:Mae’r rhain yn ddolenni allanol ac yn agor mewn ffenest newydd|These are external links and will open in a new window)?"
    r"|Media playback is (?:not supported|unsupported) on (?:this|your) device"
    r"|Scroll down for (?:the )?video"
    r"|\d{1,2} \w+ \d{4} Last updated at \d{1,2}:\d{2} [A-Z]{2,4}"
    r"|(?:PUBLISHED|UPDATED|Published|Updated): [^.]{0,40}?\d{4}\s*\.?"
    r"|By \. [^.]{0,60} \. "
    r"|\(CNN\)\s*"
    r")\s*"
)
# Whole sentences that carry no news content.
_JUNK_SENTENCE = re.compile(
    r"^(?:Total Views|Zoom (?:In|Out)|Read Later|Print\b|Share (?:this|on|via)|Subscribe\b|Sign up\b|"
    r"Follow (?:@|us|\w+ on (?:Twitter|Facebook|Instagram))|Read more (?:from|on|about|here)|Click here|"
    r"Like us on Facebook|All rights reserved|Copyright\b|©|Advertisement\b|Image (?:copyright|caption)|"
    r"Getty Images|Related:|See also|More from|Watch:|Video:|Listen:|Download\b|Email\b|Comments?\b|"
    r"Join the conversation|Please enable|Do you have a story|Send us your|Contact us\b)",
    re.IGNORECASE,
)
_WIDGET_WORDS = {
    "share", "shares", "email", "facebook", "twitter", "pinterest", "whatsapp", "linkedin", "messenger",
    "print", "zoom", "in", "out", "read", "later", "subscribe", "views", "total", "comments", "comment",
    "save", "copy", "link", "tweet", "like", "follow", "us", "on", "more", "reddit", "google", "next",
    "previous", "article", "close", "menu", "home", "reply",
}


def clean_sentence(text: str) -> str:
    """Drop widget/caption boilerplate glued to the front of a sentence; the rest is a substring."""
    prev = None
    while prev != text:
        prev = text
        text = _LEADING_JUNK.sub("", text, count=1).strip()
    return text


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def skip_reason(text: str, *, title: str = "", min_words: int = 6, skip_questions: bool = True) -> str:
    """Why a (cleaned) sentence is not summary material, or "" when it is."""
    words = re.findall(r"[\w’'-]+", text)
    if not words:
        return "empty"
    if title and _norm(text) == _norm(title):
        return "title"
    if _JUNK_SENTENCE.match(text):
        return "boilerplate"
    lowered = [w.lower() for w in words]
    numeric = sum(w.isdigit() for w in words)
    if sum(w in _WIDGET_WORDS for w in lowered) + numeric >= max(2, 0.6 * len(words)):
        return "boilerplate"
    if skip_questions and text.rstrip("\"'”’) ").endswith("?"):
        return "question"
    if len(words) < min_words:
        return "short"
    return ""
