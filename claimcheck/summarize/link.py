"""Summary sentences linked to the article's claims and their corpus verdicts.

A summary sentence has a span in the article when it is known where it comes from: an extractive
draft names the article sentence it copies; a generated sentence is located verbatim when it is a
copy, else through the article passage that the summary check found to entail it (see
Pipeline.summarize_many). The claims of a summary sentence are the claims whose spans lie in that
span; its verdict is the most serious corpus verdict among those that are check-worthy:
contradicted > not_enough_info > supported (None when it carries no check-worthy claim).
Pure functions, no models.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..core.types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED, Article, CheckedClaim, Summary

SERIOUSNESS = {CONTRADICTED: 3, NOT_ENOUGH_INFO: 2, SUPPORTED: 1}


def source_span(article: Article, text: str, sentence_indices: Sequence[int] = ()) -> tuple[int, int] | None:
    """Where the summary sentence `text` comes from in article.text, or None when unknown.

    `sentence_indices`: the article sentences it was extracted from (an extractive draft). A cleaned
    sentence (widget text cut from its front) is located inside them; otherwise their whole span.
    Without indices, an exact copy of article text is located anywhere in the article.
    """
    sents = [article.sentences[i] for i in sentence_indices if 0 <= i < len(article.sentences)]
    if sents:
        start, end = min(s.start for s in sents), max(s.end for s in sents)
        pos = article.text.find(text.strip(), start, end) if text.strip() else -1
        return (pos, pos + len(text.strip())) if pos >= 0 else (start, end)
    stripped = text.strip()
    if len(stripped) >= 20:
        pos = article.text.find(stripped)
        if pos >= 0:
            return (pos, pos + len(stripped))
    return None


def sentences_span(article: Article, first: int, last: int) -> tuple[int, int] | None:
    """The span of article sentences first..last (inclusive), clipped to the article."""
    sents = article.sentences[max(0, first): last + 1]
    return (sents[0].start, sents[-1].end) if sents else None


def copied_sentences(article: Article, text: str) -> tuple[int, int] | None:
    """(first, last) when `text` is article sentences first..last copied whole and verbatim (runs of white
    space aside), else None. Such a summary sentence is faithful by construction. Part of a sentence is no
    copy in this sense: "the minister denied that taxes rose" does not back "taxes rose"."""
    want = " ".join(text.split())
    sents = [" ".join(s.text.split()) for s in article.sentences]
    for first, s in enumerate(sents):
        if not s or not want.startswith(s):
            continue
        joined, last = s, first
        while len(joined) < len(want) and last + 1 < len(sents):
            last += 1
            joined = f"{joined} {sents[last]}" if sents[last] else joined
        if joined == want:
            return (first, last)
    return None


def claims_in(span: tuple[int, int] | None, claims: Sequence[CheckedClaim]) -> list[CheckedClaim]:
    """The claims whose spans start inside `span` (a claim belongs to the sentence it starts in)."""
    if span is None:
        return []
    a, b = span
    return [c for c in claims if a <= c.claim.span[0] < b]


def most_serious(claims: Sequence[CheckedClaim]) -> str | None:
    """contradicted > not_enough_info > supported among the check-worthy claims; None when none."""
    verdicts = [c.judgement.verdict for c in claims if c.claim.checkworthy]
    return max(verdicts, key=SERIOUSNESS.__getitem__, default=None)


def attention_of(claims: Sequence[CheckedClaim], verdict: str | None) -> str | None:
    """"possible_conflict" when the sentence's most serious verdict is not_enough_info and one of its
    check-worthy claims is a possible conflict; None otherwise."""
    if verdict != "not_enough_info":
        return None
    return next((c.judgement.attention for c in claims if c.claim.checkworthy and c.judgement.attention), None)


def link_claims(summary: Summary, claims: Sequence[CheckedClaim]) -> Summary:
    """The summary with each sentence's `claims` (ids), corpus `verdict` and `attention` filled in from its span."""
    out = []
    for s in summary.sentences:
        inside = claims_in(s.span, claims)
        verdict = most_serious(inside)
        out.append(replace(s, claims=tuple(c.claim.id for c in inside), verdict=verdict,
                           attention=attention_of(inside, verdict)))
    return replace(summary, sentences=tuple(out))
