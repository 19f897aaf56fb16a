"""Is this text English? A stop-word rate, the cheap, offline signal the report warns on.

The offline models read English only. English prose has 30-55 % of its words among the most common
English function words; German, French or Welsh prose under 5 % (FRANK's 501 articles: the 499 English
ones 0.106-0.536, the 2 Welsh ones 0.016 and 0.028). Below MIN_RATE, with at least MIN_WORDS words to
judge on, the text is reported as probably not English.
"""
from __future__ import annotations

import re

from .words import STOP_WORDS

MIN_RATE = 0.08
MIN_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def stop_word_rate(text: str) -> tuple[float, int]:
    """(share of words that are common English function words, number of words)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in STOP_WORDS) / len(words), len(words)


def probably_not_english(text: str) -> bool:
    rate, n = stop_word_rate(text)
    return n >= MIN_WORDS and rate < MIN_RATE
