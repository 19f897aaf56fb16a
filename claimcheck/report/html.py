"""One self-contained HTML page: risk header, flagged summary, the article with claim spans coloured
by verdict (hover, focus or click one for its evidence), claims by risk in <details>, a legend.

Every piece of input text goes through html.escape; the data the script needs is a JSON block with
"<", ">" and "&" escaped, and the script builds DOM with textContent only.
"""
from __future__ import annotations

import json
from pathlib import Path
from html import escape

from ..core.types import FLAG_OK, VERDICTS, CheckedClaim, Report
from .assets import SCRIPT, STYLE, csp
from .common import (
    CLEAR,
    FLAG_LABELS,
    LABELS,
    NOT_CHECKWORTHY,
    POSSIBLE_CONFLICT,
    REVIEW,
    STATE_LABELS,
    SUMMARY_VERDICT_LABELS,
    claim_reason,
    check_first,
    claim_runs,
    coverage_text,
    date_text,
    display_verdict,
    event_note,
    highlight_segments,
    passage_label,
    pct,
    possible_conflicts,
    risk_order,
    risk_state,
    source_label,
    summary_mark,
    unique_evidence,
    verdict_badge,
    verdict_figure,
)

MAX_EVIDENCE = 3


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _json_for_script(data: object) -> str:
    """JSON that cannot close or comment out its <script> element."""
    return (json.dumps(data, ensure_ascii=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _claim_data(cc: CheckedClaim, max_evidence: int) -> dict:
    j, v = cc.judgement, display_verdict(cc)
    return {
        "id": cc.claim.id,
        "text": cc.claim.text,
        "cls": v,
        "label": LABELS[v],
        "checkworthy": cc.claim.checkworthy,
        "reason": cc.claim.reason,
        "why": claim_reason(cc),
        "figure": verdict_figure(cc),
        "score": float(j.score),
        "probabilities": {k: float(j.probabilities.get(k, 0.0)) for k in VERDICTS},
        "evidence": [
            {"source": f"{source_label(ev)} (passage {passage_label(ev)})", "text": ev.text,
             "rationale": ev.rationale, "conflict": ev.conflict, "event": event_note(ev),
             "similarity": float(ev.similarity), "entailment": float(ev.entailment),
             "contradiction": float(ev.contradiction), "neutral": float(ev.neutral)}
            for ev in unique_evidence(j.evidence, max_evidence)
        ],
    }


def _evidence_list(cc: CheckedClaim, max_evidence: int) -> str:
    items = []
    for ev in unique_evidence(cc.judgement.evidence, max_evidence):
        items.append(
            f'<li><div class="cc-src">{_e(source_label(ev))} <span class="cc-muted">(passage {_e(passage_label(ev))})</span></div>'
            f'<div class="cc-scores">similarity {ev.similarity:.2f} · entailment {pct(ev.entailment)} · '
            f"contradiction {pct(ev.contradiction)} · neutral {pct(ev.neutral)}</div>"
            + (f'<p class="cc-probs">Conflict: {_e(ev.conflict)}</p>' if ev.conflict else "")
            + (f'<p class="cc-other-event">{_e(_capital(event_note(ev)))}</p>' if event_note(ev) else "")
            + (f"<blockquote><mark>{_e(ev.rationale)}</mark></blockquote>" if ev.rationale else
               f'<blockquote>{_e(ev.text)}</blockquote><p class="cc-muted">No sentence of this passage addresses the claim.</p>')
            + "</li>"
        )
    why = f'<p class="cc-why">Why: {_e(claim_reason(cc))}</p>'
    if not items:
        return why + '<p class="cc-muted">No passage in the corpus bears on this claim.</p>'
    return why + f'<ol class="cc-evidence">{"".join(items)}</ol>'


def _header(report: Report) -> str:
    a, r = report.article, report.risk
    meta = " · ".join(x for x in (a.id and f"article {a.id}", a.path and Path(a.path).name, f"{a.n_words} words",
                                  f"{a.n_sentences} sentences", date_text(a)) if x)
    state = risk_state(r)
    flag = {REVIEW: "cc-review-flag", CLEAR: "cc-ok-flag"}.get(state, "cc-uncovered-flag")
    order = check_first(report.claims)
    first = {}
    for i in risk_order(report.claims):
        first.setdefault(display_verdict(report.claims[i]), i)
    chips = "".join(
        (f'<a class="cc-chip cc-v-{v}" href="#cc-claim-{first[v]}">' if v in first else f'<span class="cc-chip cc-v-{v}">')
        + f'{n} {LABELS[v].lower()}' + ("</a>" if v in first else "</span>")
        for v, n in (("contradicted", r.n_contradicted), (POSSIBLE_CONFLICT, possible_conflicts(report)),
                     ("not_enough_info", r.n_not_enough_info), ("supported", r.n_supported))
        if n or v != POSSIBLE_CONFLICT
    )
    cov = coverage_text(r)
    cov = (f'<span class="cc-chip cc-coverage" title="share of check-worthy claims that some corpus passage '
           f'addresses">{_e(cov)}</span>') if cov else ""
    cls = "cc-risk cc-review" if state == REVIEW else "cc-risk"
    warnings = "".join(f'<div class="cc-warning" role="alert"><strong>Warning:</strong> {_e(w)}</div>'
                       for w in report.warnings)
    return (f'<header class="cc-header"><h1>{_e(a.title or a.id or "Article")}</h1>'
            f'<div class="cc-meta">{_e(meta)}</div>{warnings}'
            f'<div class="{cls}"><span class="cc-risk-score">Risk {r.score:.2f}</span>'
            f'<span class="cc-chip {flag}">{_e(STATE_LABELS[state])}</span>{cov}{chips}'
            f"{_check_list(report, order)}</div></header>")


CHECK_LIST_MAX = 8


def _check_list(report: Report, order: list[int]) -> str:
    """The claims that set the state, each linked to its card: contradicted, possible conflicts, unconfirmed."""
    if not order:
        return ""
    items = []
    for i in order[:CHECK_LIST_MAX]:
        cc = report.claims[i]
        items.append(f'<li><a class="cc-check cc-v-{display_verdict(cc)}" href="#cc-claim-{i}" data-claim="{i}">'
                     f'<span class="cc-badge">{_e(verdict_badge(cc))}</span> '
                     f'<span class="cc-check-text">{_e(cc.claim.text)}</span></a></li>')
    more = len(order) - CHECK_LIST_MAX
    tail = (f'<p class="cc-muted">and {more} more not confirmed by the corpus, in the claims list below.</p>'
            if more > 0 else "")
    return (f'<div class="cc-check-first"><h2 class="cc-check-head">Check first</h2>'
            f'<ol class="cc-check-list">{"".join(items)}</ol>{tail}</div>')


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _summary(report: Report) -> str:
    """Summary sentences marked with their corpus verdict (and article flag), linked to their claims."""
    s = report.summary
    index = {cc.claim.id: i for i, cc in enumerate(report.claims)}
    if s.sentences:
        items = []
        for sent in s.sentences:
            cls, badges = ["cc-sum"], []
            mark = summary_mark(sent.verdict, sent.attention)
            if mark in SUMMARY_VERDICT_LABELS:
                cls.append(f"cc-flagged cc-sv-{mark}")
                icon = {"contradicted": "✖", POSSIBLE_CONFLICT: "⚠"}.get(mark, "?")
                badges.append(f'<span class="cc-flag-badge">{icon} {_e(_capital(SUMMARY_VERDICT_LABELS[mark]))}:</span>')
            if sent.flag != FLAG_OK:
                cls.append(f"cc-flagged cc-flag-{_e(sent.flag)}")
                badges.append(f'<span class="cc-flag-badge">⚠ {_e(_capital(FLAG_LABELS.get(sent.flag, sent.flag)))}:</span>')
            links = []
            for cid in sent.claims:
                if cid not in index:
                    continue
                i, cc = index[cid], report.claims[index[cid]]
                links.append(f'<a class="cc-sl cc-v-{display_verdict(cc)}" href="#cc-claim-{i}" data-claim="{i}" '
                             f'title="{_e(verdict_badge(cc))}: {_e(cc.claim.text)}">{_e(cid)}</a>')
            claims = f' <span class="cc-sum-claims">claims {" ".join(links)}</span>' if links else ""
            verdict = f' data-verdict="{_e(mark)}"' if mark else ""  # the mark shown: a verdict or possible_conflict
            items.append(f'<li class="{" ".join(cls)}"{verdict}>{"".join(badges)}{_e(sent.text)}{claims}</li>')
        body = f'<ol class="cc-summary-list">{"".join(items)}</ol>'
    else:
        body = f'<p class="cc-muted">{_e(s.text or "No summary.")}</p>'
    model = (f'<p class="cc-model">Summary by {_e(s.model)}; each sentence is checked against the article and marked '
             "with the most serious corpus verdict of the claims it carries.</p>") if s.model else ""
    return f'<section class="cc-section cc-summary"><h2>Summary</h2>{body}{model}</section>'


def _article(report: Report) -> str:
    text = report.article.text
    spans = [(a, b, display_verdict(c), i) for i, c in enumerate(report.claims) for a, b in claim_runs(c)]
    parts = []
    for seg in highlight_segments(len(text), spans):
        chunk = _e(text[seg.start: seg.end])
        if not seg.claims:
            parts.append(chunk)
            continue
        first = report.claims[seg.claims[0]]
        tip = f"{LABELS[seg.verdict]}: {first.claim.text}" + (f" (+{len(seg.claims) - 1} more)" if len(seg.claims) > 1 else "")
        parts.append(f'<a class="cc-hl cc-v-{seg.verdict}" href="#cc-claim-{seg.claims[0]}" '
                     f'data-claims="{" ".join(map(str, seg.claims))}" title="{_e(tip)}">{chunk}</a>')
    panel = ('<aside class="cc-panel" aria-label="Evidence and claims by risk"><h2>Evidence</h2>'
             '<div id="cc-panel-body" aria-live="polite">'
             '<p class="cc-muted">Hover, focus (Tab) or click a highlighted passage, or a claim below, to see its '
             f"verdict and evidence.</p></div>{_risk_list(report)}</aside>")
    return (f'<div class="cc-main"><section class="cc-section"><h2>Article</h2>'
            f'{_legend()}<div class="cc-text">{"".join(parts)}</div></section>{panel}</div>')


def _risk_list(report: Report) -> str:
    """The side panel's compact list of check-worthy claims, most in need of checking first."""
    items = []
    for i in risk_order(report.claims):
        cc = report.claims[i]
        if not cc.claim.checkworthy:
            continue
        v = display_verdict(cc)
        items.append(f'<li><a class="cc-rl cc-v-{v}" href="#cc-claim-{i}" data-claim="{i}">'
                     f'<span class="cc-badge">{_e(verdict_badge(cc))}</span> '
                     f"{_e(cc.claim.text)}</a></li>")
    if not items:
        return ""
    return f'<h2 class="cc-rl-head">Claims by risk</h2><ol class="cc-risk-list">{"".join(items)}</ol>'


def _claims(report: Report, max_evidence: int) -> str:
    order = risk_order(report.claims)
    if not order:
        return '<section class="cc-section"><h2>Claims</h2><p class="cc-muted">No check-worthy claims found.</p></section>'
    needs_editor = set(check_first(report.claims))
    items = []
    for i in order:
        cc = report.claims[i]
        v = display_verdict(cc)
        badge = verdict_badge(cc)
        quote = " … ".join(report.article.text[max(0, a): max(0, b)] for a, b in claim_runs(cc))
        body = f'<p class="cc-muted">In the article: “{_e(quote)}”</p>' if quote and quote != cc.claim.text else ""
        if cc.claim.checkworthy:
            body += _evidence_list(cc, max_evidence)
        else:
            body += f'<p class="cc-why">Why: {_e(claim_reason(cc))}</p>'
        opened = " open" if i in needs_editor else ""
        items.append(f'<details class="cc-claim cc-v-{v}" id="cc-claim-{i}"{opened}><summary>'
                     f'<span class="cc-badge">{_e(badge)}</span><span class="cc-claim-text">{_e(cc.claim.text)}</span>'
                     f'<span class="cc-muted">{_e(cc.claim.id)}</span></summary>{body}</details>')
    return (f'<section class="cc-section"><h2>Claims, most in need of checking first</h2>'
            f'<div class="cc-claims">{"".join(items)}</div></section>')


def _legend() -> str:
    chips = "".join(f'<span class="cc-chip cc-v-{v}">{LABELS[v]}</span>'
                    for v in ("supported", "contradicted", POSSIBLE_CONFLICT, "not_enough_info", NOT_CHECKWORTHY))
    return (f'<div class="cc-legend" aria-label="Legend">{chips}'
            '<span class="cc-muted">Overlapping claims take the colour of the worst verdict.</span></div>')


def _models(report: Report) -> str:
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in report.models.items())
    times = " · ".join(f"{_e(k)} {v:.2f} s" for k, v in report.timings.items())
    return (f'<footer class="cc-section cc-models"><h2>Models</h2><dl>{rows}</dl>'
            + (f"<p>Timings: {times}</p>" if times else "") + "</footer>")


def render_html_fragment(report: Report, max_evidence: int = MAX_EVIDENCE) -> str:
    """The report as a <div> (plus its JSON data block) for embedding in a page that loads
    `assets.STYLE` and `assets.SCRIPT`."""
    data = {"verdicts": list(VERDICTS), "labels": LABELS,
            "claims": [_claim_data(c, max_evidence) for c in report.claims]}
    return (f'<div class="cc-report">{_header(report)}{_summary(report)}{_article(report)}'
            f"{_claims(report, max_evidence)}{_models(report)}</div>"
            f'<script type="application/json" id="cc-data">{_json_for_script(data)}</script>')


def wrap_page(fragment: str, title: str) -> str:
    """A full HTML page around a rendered fragment, with the inline CSS, JS and a no-network CSP."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head>\n<body>\n{fragment}\n"
        f"<script>{SCRIPT}</script>\n</body></html>\n"
    )


def render_html(report: Report, max_evidence: int = MAX_EVIDENCE) -> str:
    """The whole report as one self-contained HTML page."""
    a = report.article
    return wrap_page(render_html_fragment(report, max_evidence), f"Claim check: {a.title or a.id or 'article'}")
