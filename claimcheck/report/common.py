"""What both renderers share: verdict labels and severity, risk ordering, highlight segments."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..timeline import OTHER
from ..core.types import (CONTRADICTED, FLAG_OK, NOT_ENOUGH_INFO, SUPPORTED, Article, CheckedClaim, Evidence, Report, Risk,
                     unchecked_reason)
from ..verify.aggregate import low_coverage

NOT_CHECKWORTHY = "not_checkworthy"  # display class only; never a verdict in JSON
# display class of a not_enough_info claim with attention "possible_conflict"; the JSON verdict stays not_enough_info
POSSIBLE_CONFLICT = "possible_conflict"

LABELS = {
    SUPPORTED: "Supported",
    CONTRADICTED: "Contradicted",
    POSSIBLE_CONFLICT: "Possible conflict",
    NOT_ENOUGH_INFO: "Not enough info",
    NOT_CHECKWORTHY: "Not check-worthy",
}
# Higher is worse: decides the colour where claim spans overlap and the order of the claims list.
SEVERITY = {CONTRADICTED: 4, POSSIBLE_CONFLICT: 3, NOT_ENOUGH_INFO: 2, SUPPORTED: 1, NOT_CHECKWORTHY: 0}
FLAG_LABELS = {FLAG_OK: "ok", "unsupported": "not supported by the article", CONTRADICTED: "contradicted by the article"}


def display_verdict(cc: CheckedClaim) -> str:
    """The verdict a reader sees: not check-worthy claims are shown apart from the three verdicts, and a
    not-enough-info claim that may be contradicted as a possible conflict."""
    if not cc.claim.checkworthy:
        return NOT_CHECKWORTHY
    if cc.judgement.verdict == NOT_ENOUGH_INFO and cc.judgement.attention == POSSIBLE_CONFLICT:
        return POSSIBLE_CONFLICT
    return cc.judgement.verdict


def pct(x: float) -> str:
    return f"{round(100 * float(x))}%"


def verdict_figure(cc: CheckedClaim) -> str:
    """The figure the verdict rule compared with its bar, as shown next to the verdict: the deciding
    passage's entailment (supported) or contradiction (contradicted), named, as the evidence lists show it;
    a possible conflict shows that passage's contradiction. Not enough info and claims that were not checked
    show none: their reason line says why."""
    j = cc.judgement
    if display_verdict(cc) == POSSIBLE_CONFLICT:
        return f"contradiction {pct(j.attention_score)}"
    if not cc.claim.checkworthy or j.verdict == NOT_ENOUGH_INFO:
        return ""
    if not j.evidence:
        return pct(j.score)
    top = j.evidence[0]
    return f"{'entailment' if j.verdict == SUPPORTED else 'contradiction'} {pct(top.entailment if j.verdict == SUPPORTED else top.contradiction)}"


def verdict_badge(cc: CheckedClaim) -> str:
    """"Supported · entailment 92%", "Not enough info", "Not check-worthy"."""
    fig = verdict_figure(cc)
    return LABELS[display_verdict(cc)] + (f" · {fig}" if fig else "")


def claim_reason(cc: CheckedClaim) -> str:
    """The claim's one-line reason, as the JSON gives it."""
    return cc.judgement.reason if cc.claim.checkworthy else unchecked_reason(cc.claim.reason)


REVIEW, UNCOVERED, CLEAR = "review", "uncovered", "clear"
STATE_LABELS = {REVIEW: "Needs review", UNCOVERED: "Corpus does not cover this article", CLEAR: "No review needed"}


def risk_state(risk: Risk) -> str:
    """review (a contradiction, or much unconfirmed), uncovered (the corpus does not cover the
    article: its own state, not a clean bill), or clear."""
    if risk.needs_review:
        return REVIEW
    return UNCOVERED if low_coverage(risk.coverage) else CLEAR


def coverage_text(risk: Risk) -> str:
    """"coverage 83%" (share of check-worthy claims a passage addresses), or "" without claims."""
    return "" if risk.coverage is None else f"coverage {pct(risk.coverage)}"


SUMMARY_VERDICT_LABELS = {CONTRADICTED: "contradicted by the corpus", POSSIBLE_CONFLICT: "possible conflict with the corpus",
                          NOT_ENOUGH_INFO: "not confirmed by the corpus"}


def summary_mark(verdict: str | None, attention: str | None) -> str | None:
    """How a summary sentence is marked: its corpus verdict, or a possible conflict over not enough info."""
    return POSSIBLE_CONFLICT if verdict == NOT_ENOUGH_INFO and attention == POSSIBLE_CONFLICT else verdict


def risk_order(claims: Sequence[CheckedClaim]) -> list[int]:
    """Indices of `claims`, most in need of checking first (contradicted, possible conflicts, not enough
    info, ...); within a verdict, the strongest contradiction first and the weakest support first (by the
    figure shown next to the verdict), not-enough-info claims by how strongly their best passage leans
    either way, article order last."""
    def within(cc: CheckedClaim) -> float:
        j = cc.judgement
        top = j.evidence[0] if j.evidence else None
        if j.verdict == SUPPORTED and cc.claim.checkworthy:
            return top.entailment if top else j.score
        if j.verdict == CONTRADICTED and cc.claim.checkworthy:
            return -(top.contradiction if top else j.score)
        if display_verdict(cc) == POSSIBLE_CONFLICT:
            return -j.attention_score
        if j.verdict == NOT_ENOUGH_INFO and cc.claim.checkworthy:
            return -max((max(e.entailment, e.contradiction) for e in j.evidence if e.rationale and e.event != OTHER),
                        default=0.0)
        return -j.score

    return sorted(
        range(len(claims)),
        key=lambda i: (-SEVERITY[display_verdict(claims[i])], within(claims[i]), claims[i].claim.span[0], i),
    )


# What the risk box names, in this order: the claims that set the article's state.
CHECK_FIRST = (CONTRADICTED, POSSIBLE_CONFLICT, NOT_ENOUGH_INFO)


def check_first(claims: Sequence[CheckedClaim]) -> list[int]:
    """Indices of the claims that need the editor, in risk order: contradicted, then possible conflicts, then
    what the corpus does not confirm (check-worthy not-enough-info claims)."""
    return [i for i in risk_order(claims) if display_verdict(claims[i]) in CHECK_FIRST]


def unique_evidence(evidence: Sequence[Evidence], limit: int) -> list[Evidence]:
    """The first `limit` evidence items with each passage once (the first, best-ranked, copy of a repeat)."""
    seen: set[str] = set()
    out = []
    for ev in evidence:
        key = ev.passage_id or f"{ev.doc_id}\x00{ev.text}"
        if key in seen:
            continue
        seen.add(key)
        out.append(ev)
        if len(out) >= limit:
            break
    return out


def possible_conflicts(report: Report) -> int:
    """How many check-worthy claims are possible conflicts (shown beside the verdict counts)."""
    return sum(display_verdict(cc) == POSSIBLE_CONFLICT for cc in report.claims)


DATE_SOURCES = {"option": "given with --date", "json": "from the article's JSON", "html": "from the page's metadata",
                "dateline": "from its dateline", "inferred": "inferred from the corpus"}


def date_text(article: Article) -> str:
    """The article's time anchor in one line: its date and where it came from, or that there is none."""
    if not article.date:
        return ("no date found: claims that state events are not time-anchored, so passages about other "
                "editions of an event cannot be told apart (give one with --date)")
    how = DATE_SOURCES.get(article.date_source, article.date_source)
    via = f" (passages {', '.join(article.date_passages)})" if article.date_passages else ""
    return f"dated {article.date}, {how}{via}"


def event_note(ev: Evidence) -> str:
    """"about another event (April 2019)" for a passage that cannot decide the claim; "" otherwise."""
    if ev.event != OTHER:
        return ""
    return f"about another event ({ev.event_time}): shown, but it cannot decide this claim" if ev.event_time else \
        "about another event: shown, but it cannot decide this claim"


def claim_runs(cc: CheckedClaim) -> list[tuple[int, int]]:
    """The runs of article text a claim is made of (Claim.parts), or its one span."""
    return [tuple(p) for p in getattr(cc.claim, "parts", ()) or ()] or [tuple(cc.claim.span)]


def source_label(ev: Evidence) -> str:
    """How a passage's source is named: its document id, with the title when there is one."""
    if ev.title and ev.title != ev.doc_id:
        return f"{ev.doc_id} — {ev.title}"
    return ev.doc_id or ev.passage_id


def passage_label(ev: Evidence) -> str:
    """The passage id, without the document id it repeats ("doc.txt#p2" -> "p2")."""
    pid = ev.passage_id
    if ev.doc_id and pid.startswith(ev.doc_id) and len(pid) > len(ev.doc_id):
        return pid[len(ev.doc_id):].lstrip("#:/_-. ") or pid
    return pid


@dataclass(frozen=True)
class Segment:
    """A stretch of article text; `claims` are indices of the claims whose spans cover it."""

    start: int
    end: int
    claims: tuple[int, ...] = ()
    verdict: str = ""  # the worst display verdict among `claims`, "" when none


def highlight_segments(text_len: int, spans: Iterable[tuple]) -> list[Segment]:
    """Cut [0, text_len) at every span border into non-overlapping segments covering the text.

    `spans` are (start, end, display verdict), one per claim in claim order, or (start, end, verdict,
    claim index) where a claim has several runs of words (claim_runs); spans are clipped to the text
    and empty ones ignored. A segment covered by several claims takes the worst verdict.
    """
    clipped = []
    for i, span in enumerate(spans):
        a, b, verdict = span[:3]
        a, b = max(0, int(a)), min(text_len, int(b))
        if a < b:
            clipped.append((a, b, verdict, span[3] if len(span) > 3 else i))
    cuts = sorted({0, text_len, *(c[0] for c in clipped), *(c[1] for c in clipped)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [c for c in clipped if c[0] <= a and b <= c[1]]
        if not covering:
            out.append(Segment(a, b))
            continue
        worst = max(covering, key=lambda c: SEVERITY.get(c[2], 0))[2]
        ordered = sorted(covering, key=lambda c: (-SEVERITY.get(c[2], 0), c[3]))
        out.append(Segment(a, b, tuple(dict.fromkeys(c[3] for c in ordered)), worst))
    return out
