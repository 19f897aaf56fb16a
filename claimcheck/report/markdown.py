"""Markdown report: warnings, risk line, summary marked by verdict and linked to its claims, claims
table, the reason and deciding evidence of each claim, models."""
from __future__ import annotations

import re

from ..core.types import FLAG_OK, Report
from .common import (
    CLEAR,
    FLAG_LABELS,
    STATE_LABELS,
    SUMMARY_VERDICT_LABELS,
    check_first,
    claim_reason,
    coverage_text,
    date_text,
    event_note,
    possible_conflicts,
    display_verdict,
    passage_label,
    pct,
    risk_order,
    risk_state,
    source_label,
    summary_mark,
    unique_evidence,
    verdict_badge,
)
CHECK_LIST_MAX = 8

# "_" inside a word (snake_case ids) cannot start emphasis in CommonMark, so it stays as it is.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|&~]|(?<!\w)_|_(?!\w))")
_MD_LINE_START = re.compile(r"^([#+=>-]|\d+(?=[.)]))")
ICONS = {"supported": "✅", "contradicted": "❌", "possible_conflict": "⚠️", "not_enough_info": "❔", "not_checkworthy": "➖"}
MAX_EVIDENCE = 3


def md(text: object) -> str:
    """Untrusted text as one line of literal Markdown: whitespace collapsed, markup and HTML escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    m = _MD_LINE_START.match(text)
    if m:  # would start a heading, list or quote where the text opens a line
        end = m.end()
        text = text[:end] + "\\" + text[end:] if m.group(1)[0].isdigit() else "\\" + text
    return text


def anchor(claim_id: str) -> str:
    """The Markdown/HTML anchor of a claim: "claim-" and the id's word characters."""
    return "claim-" + re.sub(r"[^\w-]", "", claim_id)


def claim_links(ids: tuple[str, ...]) -> str:
    return ", ".join(f"[{md(i)}](#{anchor(i)})" for i in ids)


def deciding_source(cc) -> str:
    """The passage named in the claims table: the deciding one, or none when no passage addresses the claim."""
    ev = cc.judgement.evidence
    if not cc.claim.checkworthy:
        return "—"
    if not ev or (cc.judgement.verdict == "not_enough_info" and not ev[0].rationale):
        return "none addresses it"
    return md(source_label(ev[0]))


def _summary_lines(report: Report) -> list[str]:
    out = []
    for s in report.summary.sentences:
        marks = []
        mark = summary_mark(s.verdict, s.attention)
        if mark in SUMMARY_VERDICT_LABELS:
            marks.append(f"{ICONS[mark]} **{SUMMARY_VERDICT_LABELS[mark]}**")
        if s.flag != FLAG_OK:
            marks.append(f"⚠️ **{md(FLAG_LABELS.get(s.flag, s.flag))}**")
        claims = f" (claims {claim_links(s.claims)})" if s.claims else ""
        out.append(f"- {' · '.join(marks) + ': ' if marks else ''}{md(s.text)}{claims}")
    return out


def render_markdown(report: Report, max_evidence: int = MAX_EVIDENCE) -> str:
    a, r = report.article, report.risk
    out = [f"# Claim check: {md(a.title or a.id or 'article')}", ""]
    meta = [f"article {md(a.id)}" if a.id else "", f"{a.n_words} words", f"{a.n_sentences} sentences", md(date_text(a))]
    out += [" · ".join(m for m in meta if m), ""]
    for w in report.warnings:
        out += [f"> ⚠️ **Warning:** {md(w)}", ""]
    state = risk_state(r)
    label = STATE_LABELS[state].lower()
    n_possible = possible_conflicts(report)
    parts = [f"**{label}**" if state != CLEAR else label, coverage_text(r), f"{r.n_contradicted} contradicted",
             f"**{n_possible} possible conflict{'s' if n_possible != 1 else ''}**" if n_possible else "",
             f"{r.n_not_enough_info} not enough info", f"{r.n_supported} supported"]
    out += [f"**Risk {r.score:.2f}** — " + " · ".join(p for p in parts if p), ""]
    first = check_first(report.claims)
    if first:  # the claims that set the state: contradicted, possible conflicts, then what is not confirmed
        out += ["**Check first:**", ""]
        for i in first[:CHECK_LIST_MAX]:
            cc = report.claims[i]
            out.append(f"{ICONS[display_verdict(cc)]} [{md(cc.claim.id)}](#{anchor(cc.claim.id)}) "
                       f"{md(verdict_badge(cc))}: {md(cc.claim.text)}  ")
        if len(first) > CHECK_LIST_MAX:
            out.append(f"and {len(first) - CHECK_LIST_MAX} more not confirmed by the corpus (see Claims).")
        out.append("")

    out += ["## Summary", ""]
    if report.summary.sentences:
        out += _summary_lines(report)
    else:
        out.append(f"_{md(report.summary.text) or 'No summary.'}_")
    if report.summary.model:
        out += ["", f"_Summary by {md(report.summary.model)}; each sentence is checked against the article, and marked "
                    "with the most serious corpus verdict of the claims it carries._"]
    out.append("")

    out += ["## Claims", ""]
    order = risk_order(report.claims)
    if not order:
        out += ["No check-worthy claims found.", ""]
    else:
        out += ["| # | Claim | Verdict | Deciding passage |", "|---|---|---|---|"]
        for i in order:
            cc = report.claims[i]
            v = display_verdict(cc)
            out.append(f"| [{md(cc.claim.id)}](#{anchor(cc.claim.id)}) | {md(cc.claim.text)} | {ICONS[v]} "
                       f"{md(verdict_badge(cc))} | {deciding_source(cc)} |")
        out.append("")

        out += ["## Evidence", ""]
        for i in order:
            cc = report.claims[i]
            j, v = cc.judgement, display_verdict(cc)
            out += [f'<a id="{anchor(cc.claim.id)}"></a>', "",
                    f"### {md(cc.claim.id)} · {ICONS[v]} {md(verdict_badge(cc))}", "", f"> {md(cc.claim.text)}", "",
                    f"Why: {md(claim_reason(cc))}", ""]
            if not cc.claim.checkworthy:
                continue
            for n, ev in enumerate(unique_evidence(j.evidence, max_evidence), 1):
                out += [
                    f"{n}. **{md(source_label(ev))}** (passage {md(passage_label(ev))}) · similarity "
                    f"{ev.similarity:.2f} · entailment {pct(ev.entailment)} · contradiction "
                    f"{pct(ev.contradiction)} · neutral {pct(ev.neutral)}",
                    *([f"   Conflict: {md(ev.conflict)}"] if ev.conflict else []),
                    *([f"   _{md(event_note(ev))}_"] if event_note(ev) else []),
                    f"   > {md(ev.rationale)}" if ev.rationale else f"   > {md(ev.text)}",
                    *([] if ev.rationale else ["   _(no sentence of this passage addresses the claim)_"]),
                ]
            out.append("")

    out += ["## Models", ""]
    out += [f"- {md(role)}: {md(name)}" for role, name in report.models.items()] or ["- (not recorded)"]
    if report.timings:
        out += ["", "Timings: " + " · ".join(f"{md(k)} {v:.2f} s" for k, v in report.timings.items())]
    return "\n".join(out).rstrip() + "\n"
