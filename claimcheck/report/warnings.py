"""The warnings a report opens with: what the reader must know before trusting its verdicts."""
from __future__ import annotations

from ..text.language import probably_not_english, stop_word_rate
from ..core.types import Article, Risk
from ..verify.aggregate import LOW_COVERAGE, low_coverage


def coverage_warning(risk: Risk) -> str:
    """One line when the corpus does not cover the article, else ""."""
    if not low_coverage(risk.coverage):
        return ""
    return (f"the corpus does not cover this article: only {round(100 * risk.coverage)}% of its check-worthy "
            f"claims have a passage that addresses them (under {round(100 * LOW_COVERAGE)}%), so 'not enough info' "
            "here means 'not in the corpus', not 'doubtful'; check it against another source")


def language_warning(article: Article) -> str:
    """One line when the article is probably not English (the models read English only), else ""."""
    if not probably_not_english(article.text):
        return ""
    rate, _ = stop_word_rate(article.text)
    return (f"this text is probably not English ({round(100 * rate)}% common English words; English prose has "
            "30% or more): claimcheck reads English only, so its claims and verdicts are unreliable")


def report_warnings(article: Article, risk: Risk) -> tuple[str, ...]:
    return tuple(w for w in (language_warning(article), coverage_warning(risk)) if w)
