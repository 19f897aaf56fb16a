"""Markdown report: risk line, flagged summary, claims table, deciding evidence, models."""
from __future__ import annotations

import re

from ..types import FLAG_OK, Report
from .common import FLAG_LABELS, LABELS, display_verdict, passage_label, pct, risk_order, source_label

# "_" inside a word (snake_case ids) cannot start emphasis in CommonMark, so it stays as it is.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|&~]|(?<!\w)_|_(?!\w))")
_MD_LINE_START = re.compile(r"^([#+=>-]|\d+(?=[.)]))")
ICONS = {"supported": "✅", "contradicted": "❌", "not_enough_info": "❔", "not_checkworthy": "➖"}
MAX_EVIDENCE = 3


def md(text: object) -> str:
    """Untrusted text as one line of literal Markdown: whitespace collapsed, markup and HTML escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    m = _MD_LINE_START.match(text)
    if m:  # would start a heading, list or quote where the text opens a line
        end = m.end()
        text = text[:end] + "\\" + text[end:] if m.group(1)[0].isdigit() else "\\" + text
    return text


def render_markdown(report: Report, max_evidence: int = MAX_EVIDENCE) -> str:
    a, r = report.article, report.risk
    out = [f"# Claim check: {md(a.title or a.id or 'article')}", ""]
    meta = [f"article {md(a.id)}" if a.id else "", f"{a.n_words} words", f"{len(a.sentences)} sentences"]
    out += [" · ".join(m for m in meta if m), ""]
    review = "**needs review**" if r.needs_review else "no review needed"
    out += [
        f"**Risk {r.score:.2f}** — {review} · {r.n_contradicted} contradicted · "
        f"{r.n_not_enough_info} not enough info · {r.n_supported} supported",
        "",
    ]

    out += ["## Summary", ""]
    if report.summary.sentences:
        for s in report.summary.sentences:
            if s.flag == FLAG_OK:
                out.append(f"- {md(s.text)}")
            else:
                out.append(f"- ⚠️ **{md(FLAG_LABELS.get(s.flag, s.flag))}:** {md(s.text)}")
    else:
        out.append(f"_{md(report.summary.text) or 'No summary.'}_")
    if report.summary.model:
        out += ["", f"_Summary by {md(report.summary.model)}; each sentence checked against the article._"]
    out.append("")

    out += ["## Claims", ""]
    order = risk_order(report.claims)
    if not order:
        out += ["No check-worthy claims found.", ""]
    else:
        out += ["| # | Claim | Verdict | Confidence | Top evidence |", "|---|---|---|---|---|"]
        for i in order:
            cc = report.claims[i]
            v = display_verdict(cc)
            top = md(source_label(cc.judgement.evidence[0])) if cc.judgement.evidence else "—"
            conf = pct(cc.judgement.score) if cc.claim.checkworthy else "—"
            out.append(f"| {md(cc.claim.id)} | {md(cc.claim.text)} | {ICONS[v]} {LABELS[v]} | {conf} | {top} |")
        out.append("")

        out += ["## Evidence", ""]
        for i in order:
            cc = report.claims[i]
            j, v = cc.judgement, display_verdict(cc)
            head = f"### {md(cc.claim.id)} · {ICONS[v]} {LABELS[v]}"
            out += [head + (f" ({pct(j.score)})" if cc.claim.checkworthy else ""), "", f"> {md(cc.claim.text)}", ""]
            if not cc.claim.checkworthy:
                out += [f"Not checked{': ' + md(cc.claim.reason) if cc.claim.reason else ''}.", ""]
                continue
            probs = " · ".join(f"{LABELS.get(k, k).lower()} {pct(p)}" for k, p in j.probabilities.items())
            out += [f"Probabilities: {probs}", ""]
            if j.reason:
                out += [f"Why: {md(j.reason)}", ""]
            if not j.evidence:
                out.append("No passage in the corpus bears on this claim.")
            for n, ev in enumerate(j.evidence[:max_evidence], 1):
                out += [
                    f"{n}. **{md(source_label(ev))}** (passage {md(passage_label(ev))}) · similarity "
                    f"{ev.similarity:.2f} · entailment {pct(ev.entailment)} · contradiction "
                    f"{pct(ev.contradiction)} · neutral {pct(ev.neutral)}",
                    *([f"   Conflict: {md(ev.conflict)}"] if ev.conflict else []),
                    f"   > {md(ev.rationale)}" if ev.rationale else f"   > {md(ev.text)}",
                    *([] if ev.rationale else ["   _(no sentence of this passage addresses the claim)_"]),
                ]
            out.append("")

    out += ["## Models", ""]
    out += [f"- {md(role)}: {md(name)}" for role, name in report.models.items()] or ["- (not recorded)"]
    if report.timings:
        out += ["", "Timings: " + " · ".join(f"{md(k)} {v:.2f} s" for k, v in report.timings.items())]
    return "\n".join(out).rstrip() + "\n"
