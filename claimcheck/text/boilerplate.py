"""Page furniture (boilerplate): the share bars, view counters, bylines and video notices of web news.

Three stages ask about it, with rules of different reach:

- strip_boilerplate (segment stage) removes furniture from an article's text before segmentation,
  so it never becomes a claim. It changes the text every stage reads, so it removes only patterns
  that are never news:
  - inline widgets, wherever they sit: "Share this with Email Facebook ... Copy this link" (and the
    BBC's Welsh version), "These are external links and will open in a new window", "Media playback is
    not supported on this device", "Scroll down for video", "18 March 2014 Last updated at 09:22 GMT";
  - whole lines or sentences: view and share counters ("Total Views : 139"), widget rows ("Zoom In Zoom
    Out Read Later Print"), "Share this article",
    Daily Mail bylines ("By . Jane Doe . PUBLISHED: 10:01 EST, 1 May 2014 . | . UPDATED: ..."),
    "CNN's Jane Doe contributed to this report.", "Follow @BBCNewsbeat on Twitter ...", "Sorry we are not
    currently accepting comments on this article.";
  - a leading "(CNN)" dateline, with its place ("New Delhi, India (CNN)").
  A removed piece between two sentences leaves one space, or a paragraph break where it was a line.
  Headlines glued to the next sentence without punctuation ("... than a colleague The cost of divorce")
  are left alone: no rule tells them from a sentence safely.
- is_boilerplate (claims stage) marks a sentence not check-worthy: counters, widget rows, copyright
  lines anywhere; subscribe/follow prompts, "Updated ...", bylines and photo credits on short lines.
- clean_sentence and is_widget_sentence (extractive summarizer) cut widget text glued to the front of
  a sentence and skip a sentence that opens like a widget or credit line or is mostly widget words and
  numbers. They only decide what a summary may quote, so they reach further than strip_boilerplate.
"""
from __future__ import annotations

import re

# phrases more than one rule matches verbatim
_MEDIA_PLAYBACK = r"Media playback is (?:not supported|unsupported) on (?:this|your) device"
_EXTERNAL_LINKS = r"These are external links and will open in a new window"
_EXTERNAL_LINKS_CY = r"Mae’r rhain yn ddolenni allanol ac yn agor mewn ffenest newydd"
_COPY_LINK_CY = r"Copïo’r ddolen (?:hon|yma)"  # the Welsh share bar's "Copy this link"

# ---------------------------------------------------------------------------------- article text

_SHARE_WORDS = r"(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|Linkedin|LinkedIn|Reddit|Telegram|Google\+?)"
_INLINE = re.compile(
    r"(?:Share this with\s*(?:" + _SHARE_WORDS + r"\s*)*Copy this link"
    r"|Rhannu hwn ar\s*(?:Ebost|" + _SHARE_WORDS + r"|\s)*" + _COPY_LINK_CY +
    r"|" + _EXTERNAL_LINKS +
    r"|" + _EXTERNAL_LINKS_CY +
    r"|" + _MEDIA_PLAYBACK +
    r"|Scroll down for (?:the )?videos?\b"
    r"|Read more on this story and other news from [A-Z][a-z]+(?: [A-Z][a-z]+)?(?=[A-Z\s]|$)"
    r"|\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) "
    r"\d{4} Last updated at \d{1,2}:\d{2} (?:GMT|BST|UTC|EST|EDT|CET|CEST))"
)
_SENTENCE = re.compile(
    r"(?:^|(?<=[\s.!?\"'”’:)]))"
    r"(?:(?:Total (?:Views|Shares|Reads|Comments)\s*:?|(?:Views|Shares|Comments)\s*:)\s*[\d,.]+[km]?(?=\s*(?:$|[A-Z(]))"
    r"|Share (?:this|on|via) (?:article|story|page|Facebook|Twitter)\b"
    r"|By \. [^.\n]{1,80} \. (?:PUBLISHED: [^|\n]{1,40}\| \. UPDATED: [^.\n]{1,40}\d{4} \. )?"
    r"|(?:PUBLISHED|UPDATED): \d{1,2}:\d{2} [A-Z]{2,4}, \d{1,2} \w+ \d{4} \.?(?: \| \.)?"
    r"|CNN's [A-Z][^\n]{1,120}? contributed to this report\."
    r"|Follow @\w+ on (?:Twitter|Instagram|Facebook)[^.\n]{0,160}?(?=$|\n|[.]\s|(?<=YouTube))"
    r"|For the latest [^.\n]{1,80}? follow @\w+ on (?:Twitter|Instagram|Facebook)\."
    r"|Sorry we are not currently accepting comments on this article\."
    r"|(?<![^\n])(?:(?:Zoom In|Zoom Out|Read Later|Print|Share|Email|Save|Tweet|Comments?|Facebook|Twitter|WhatsApp)"
    r"[ \t|·•]*){2,}$"
    r")",
    re.MULTILINE,
)
_DATELINE = re.compile(r"\A(\s*)(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}(?:, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})? )?\(CNN\)\s*")


def strip_boilerplate(text: str) -> tuple[str, list[str]]:
    """(text without page furniture, the pieces removed, in order). Paragraph breaks are kept."""
    removed: list[str] = []

    def drop(m: re.Match) -> str:
        removed.append(m.group(0).strip())
        return "\x00"

    text = _DATELINE.sub(lambda m: (removed.append(m.group(0).strip()), m.group(1))[1], text, count=1)
    text = _INLINE.sub(drop, text)
    text = _SENTENCE.sub(drop, text)
    if not removed:
        return text, removed
    # each removed piece leaves a marker: glue the neighbours with one space (or keep a line break)
    text = re.sub(r"[ \t]*(?:\x00[ \t]*)+", " ", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n[ \t]+", "\n", text)
    text = re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", text)  # a removed line leaves no empty paragraph
    return text.strip(), removed


# ---------------------------------------------------------------------------- claims: sentences

_BOILER_LINE = [
    re.compile(r"^\W*(total\s+)?(views?|reads?|shares?|comments?|likes?|hits)\s*[:\-]?\s*[\d,.]+\s*[km]?\W*$", re.I),
    re.compile(r"\b(zoom\s+in|zoom\s+out|read\s+later|font\s+size|text\s+size|print\s+(this|article|page))\b", re.I),
    re.compile(r"^\W*(share|tweet|email|e-mail|print|save|bookmark|whatsapp|facebook|twitter|linkedin|copy\s+link)"
               r"(\s+(this|on|via|article|story|page))*(\s*[|/·•,:]?\s*(share|tweet|email|e-mail|print|save|"
               r"bookmark|whatsapp|facebook|twitter|linkedin|copy\s+link|x|telegram|reddit|this|article|story))*\W*$", re.I),
    re.compile(r"(©|\bcopyright\b|\ball rights reserved\b)", re.I),
    re.compile(r"^\W*(image|photo|picture|video)\s+caption\b|^\W*caption\s*:", re.I),  # "Image caption Crowds ..."
]
_BOILER_SHORT = [  # only on short lines: these words also occur in real news sentences
    re.compile(r"\b(subscribe|sign\s+up|newsletter|follow\s+us|click\s+here|read\s+more|advertisement|"
               r"sponsored|cookies?|log\s*in|related\s*(articles|stories)?\s*:|recommended|most\s+read|"
               r"also\s+read|trending|watch\s*:)\b", re.I),
    re.compile(r"^\W*(updated|published|posted|last\s+modified)\b.*\d", re.I),
    re.compile(r"^\W*by\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}\W*$"),
    re.compile(r"\b(photo|image|picture|video)\s*(credit)?\s*:", re.I),
]


def is_boilerplate(text: str) -> bool:
    """Is this sentence page furniture (not check-worthy)?"""
    if any(p.search(text) for p in _BOILER_LINE):
        return True
    return len(text.split()) <= 15 and any(p.search(text) for p in _BOILER_SHORT)


# ------------------------------------------------------------------------------------- summaries

# Boilerplate that sticks to the front of a sentence (widgets and captions glued to real text).
_LEADING_JUNK = re.compile(
    r"^(?:"
    r"(?:Share this with|Rhannu hwn ar)(?:[A-Z][\w’']*)*?(?:Copy this link|" + _COPY_LINK_CY + ")"
    "(?:" + _EXTERNAL_LINKS_CY + "|" + _EXTERNAL_LINKS + ")?"
    r"|" + _MEDIA_PLAYBACK +
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


def is_widget_sentence(text: str) -> bool:
    """A sentence that opens like a widget or credit line, or is mostly widget words and numbers."""
    if _JUNK_SENTENCE.match(text):
        return True
    words = re.findall(r"[\w’'-]+", text)
    numeric = sum(w.isdigit() for w in words)
    return sum(w.lower() in _WIDGET_WORDS for w in words) + numeric >= max(2, 0.6 * len(words))
