"""Title rules: which first line of a text is its title, and whether a sentence repeats a title.

- guess_title (corpus documents, from a folder or a .jsonl line without a "title"): the first non-empty
  line, markdown '#' stripped, at most MAX_TITLE_CHARS long, unless it is the whole text. A corpus
  document is what it is: its first line may end with a period.
- txt_title (plain-text articles): a first line followed by a blank line, without a final period,
  shorter than MAX_TITLE_CHARS. An article's first paragraph is often a one-line lead sentence, so
  the article rule is the stricter one.
- same_title (summaries): a sentence that is the title again, ignoring case and punctuation.
"""
from __future__ import annotations

import re

MAX_TITLE_CHARS = 150


def guess_title(text: str) -> str:
    """The first non-empty line (markdown '#' stripped) when it is short enough to be a title and is not
    the whole text (a one-line passage has no title: it would only repeat itself)."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line == text.strip():
            return ""
        line = line.lstrip("#").strip()
        return line if 0 < len(line) <= MAX_TITLE_CHARS else ""
    return ""


def txt_title(text: str) -> str:
    """A short first line without a final period, followed by a blank line, is the title."""
    m = re.match(r"[ \t]*([^\n]+?)[ \t]*\n[ \t]*\n", text)
    if not m:
        return ""
    line = m.group(1)
    if len(line) >= MAX_TITLE_CHARS or line.endswith("."):
        return ""
    return line


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


def same_title(text: str, title: str) -> bool:
    """Is `text` the (non-empty) title again, up to case and punctuation?"""
    return bool(title) and _norm(text) == _norm(title)
