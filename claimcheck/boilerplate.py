"""Page furniture removed from an article's text before segmentation, so it never becomes a claim.

Web copy of news carries share bars, view counters, video notices, bylines and credit lines, often
glued to a real sentence ("Copy this linkResearchers found ...", "on this deviceLang, who ...").
Only patterns that are never news are removed:
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
"""
from __future__ import annotations

import re

_SHARE_WORDS = r"(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|Linkedin|LinkedIn|Reddit|Telegram|Google\+?)"
_INLINE = re.compile(
    r"(?:Share this with\s*(?:" + _SHARE_WORDS + r"\s*)*Copy this link"
    r"|Rhannu hwn ar\s*(?:Ebost|" + _SHARE_WORDS + r"|\s)*Copïo’r ddolen (?:hon|yma)"
    r"|These are external links and will open in a new window"
    r"|Mae’r rhain yn ddolenni allanol ac yn agor mewn ffenest newydd"
    r"|Media playback is (?:not supported|unsupported) on (?:this|your) device"
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
