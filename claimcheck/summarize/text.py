"""Non-content (boilerplate) detection for summarizers."""
from __future__ import annotations

import re

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
