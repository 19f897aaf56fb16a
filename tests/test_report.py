"""Markdown and HTML reports: escaping of untrusted text, span highlighting, flags, layout."""
from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from claimcheck.report import render_html, render_html_fragment, render_markdown, wrap_page
from claimcheck.report.common import highlight_segments, risk_order

from fakes import EVIL_TITLE, S1, make_report


class Tags(HTMLParser):
    """Collects start tags, <script> contents and the text inside each highlight link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.highlights: list[tuple[dict, str]] = []
        self._in: tuple[str, dict] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script" or (tag == "a" and "cc-hl" in (a.get("class") or "")):
            self._in, self._buf = (tag, a), []

    def handle_endtag(self, tag):
        if self._in and tag == self._in[0]:
            (self.scripts if tag == "script" else self.highlights).append((self._in[1], "".join(self._buf)))
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._buf.append(data)


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


# ------------------------------------------------------------------ HTML


def test_html_escapes_every_piece_of_input():
    html = render_html(make_report())
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert unescape(title) == f"Claim check: {EVIL_TITLE}"
    tags = parse(html)
    assert not [t for t, a in tags.tags if t in ("img", "b", "iframe")]
    # only our data block and our own script: nothing from the input became a script
    kinds = [a.get("type") for a, _ in tags.scripts]
    assert kinds == ["application/json", None]
    assert "alert" not in tags.scripts[1][1]
    assert not any(k.startswith("on") for _, a in tags.tags for k in a)


def test_html_json_block_is_safe_and_complete():
    html = render_html(make_report())
    data_text = parse(html).scripts[0][1]
    assert "</" not in data_text and "<" not in data_text
    data = json.loads(data_text)
    c2 = data["claims"][1]
    assert c2["cls"] == "contradicted" and c2["evidence"][0]["contradiction"] == 0.88
    assert "</script><script>alert(2)" in c2["evidence"][0]["text"]  # intact once parsed, as data
    assert "innerHTML" not in html and "textContent" in html


def test_html_highlights_claim_spans_with_the_worst_verdict_where_they_overlap():
    report = make_report()
    hl = parse(render_html(report)).highlights
    by_text = {text: a for a, text in hl}
    assert by_text["The council approved a £2m "]["class"].endswith("cc-v-supported")
    # "budget for the new library" is covered by c1 (supported) and c2 (contradicted): red wins
    overlap = by_text["budget for the new library"]
    assert overlap["class"].endswith("cc-v-contradicted")
    assert overlap["data-claims"] == "1 0"
    assert by_text[" on Monday"]["class"].endswith("cc-v-contradicted")
    assert by_text["The mayor said 120 jobs would be created"]["class"].endswith("cc-v-not_enough_info")
    assert by_text['the plan was "a waste"']["class"].endswith("cc-v-not_checkworthy")
    for i, cc in enumerate(report.claims):  # each claim's highlights put together give its span
        a, b = cc.claim.span
        mine = "".join(t for attrs, t in hl if str(i) in attrs["data-claims"].split())
        assert mine == report.article.text[a:b]
        assert all(attrs["href"].startswith("#cc-claim-") for attrs, _ in hl)  # focusable, works without JS
    # the whole article survives, in order, once tags are stripped
    body = re.search(r'<div class="cc-text">(.*?)</div>', render_html(report), re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", body)) == report.article.text


def test_html_has_details_sorted_by_risk_flagged_summary_legend_and_page_shell():
    report = make_report()
    html = render_html(report)
    ids = re.findall(r'<details class="cc-claim cc-v-(\w+)" id="cc-claim-(\d+)"', html)
    assert ids == [("contradicted", "1"), ("not_enough_info", "2"), ("supported", "0"), ("not_checkworthy", "3")]
    assert '<li class="cc-sum cc-flagged cc-flag-contradicted">' in html
    assert "⚠ Contradicted by the article:</span>The library will open in 2026." in html
    assert '<li class="cc-sum cc-flagged cc-sv-contradicted" data-verdict="contradicted">' in html
    assert "Needs review" in html and "Risk 0.67" in html
    for label in ("Supported", "Contradicted", "Not enough info", "Not check-worthy"):
        assert f">{label}</span>" in html
    assert "repo:models/&lt;b&gt;nli&lt;/b&gt;" in html
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no external requests
    fragment = render_html_fragment(report)
    assert "<html" not in fragment and fragment in html
    assert wrap_page(fragment, "x").count(fragment) == 1


def test_segments_cover_text_and_clip_bad_spans():
    segs = highlight_segments(20, [(2, 10, "supported"), (5, 15, "contradicted"), (18, 40, "not_enough_info"),
                                   (7, 7, "contradicted")])
    assert [(s.start, s.end, s.verdict) for s in segs] == [
        (0, 2, ""), (2, 5, "supported"), (5, 10, "contradicted"), (10, 15, "contradicted"),
        (15, 18, ""), (18, 20, "not_enough_info")]
    assert segs[2].claims == (1, 0)
    assert highlight_segments(0, []) == []


def test_risk_order_puts_confident_contradictions_first():
    report = make_report()
    assert risk_order(report.claims) == [1, 2, 0, 3]


# ------------------------------------------------------------------ Markdown


def test_markdown_table_survives_pipes_and_newlines_in_claims():
    md = render_markdown(make_report())
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert rows[0] == "| # | Claim | Verdict | Deciding passage |"
    assert len(rows) == 5
    for row in rows[1:]:
        assert len(re.findall(r"(?<!\\)\|", row)) == 5  # four cells, pipes inside text escaped
    c3 = next(r for r in rows if r.startswith("| [c3]"))
    assert r"120 jobs \| maybe more would be created" in c3 and "%" not in c3 and "none addresses it" in c3
    c2 = next(r for r in rows if r.startswith("| [c2]"))
    # the figure next to the verdict is the deciding passage's contradiction (88%), not the 84% score
    assert "❌ Contradicted · contradiction 88%" in c2 and "84%" not in c2 and "wire/ap-77 — Title of wire/ap-77" in c2
    assert rows[1].startswith("| [c2](#claim-c2) ")  # by risk, linked to its evidence


def test_markdown_marks_flagged_summary_and_shows_evidence_and_models():
    md = render_markdown(make_report())
    assert md.splitlines()[0] == r'# Claim check: Budget \</title\>\<script\>alert("t")\</script\> news'
    assert "- ⚠️ **contradicted by the article**: The library will open in 2026." in md
    assert f"- ❌ **contradicted by the corpus**: {S1} (claims [c1](#claim-c1), [c2](#claim-c2))" in md
    assert "**Risk 0.67** — **needs review** · coverage 67% · 1 contradicted · 1 not enough info · 1 supported" in md
    assert '<a id="claim-c2"></a>' in md
    assert "### c2 · ❌ Contradicted · contradiction 88%" in md
    assert "similarity 0.80 · entailment 3% · contradiction 88%" in md
    assert r"\<b\>Tuesday\</b\> \</script\>\<script\>alert(2)" in md
    assert "<script>" not in md and "<img" not in md
    assert "- verifier: repo:models/\\<b\\>nli\\</b\\>" in md
    assert "Why: not check-worthy (opinion), so not checked against the corpus" in md
    assert "### c4 · ➖ Not check-worthy\n" in md  # no score next to a claim that was not checked


def test_markdown_renders_safely_in_a_commonmark_renderer():
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(render_markdown(make_report()))
    assert "<script" not in html and "<img" not in html and "<b>" not in html  # raw HTML is on in this preset
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert len(rows) == 4 and all(r.count("<td>") == 4 for r in rows)
    assert "<td>The mayor said 120 jobs | maybe more would be created.</td>" in body
    assert "<strong>contradicted by the article</strong>: The library will open in 2026." in html
    assert '<a href="#claim-c2">c2</a>' in html and '<a id="claim-c2"></a>' in html  # the link has its target
