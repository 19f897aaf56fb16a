"""Layout in a real browser (issue 24 item 3): a report and the triage dashboard at 360, 1,280 and 1,920 px.

Debian's chromium through Playwright, as tests/test_serve_e2e.py (skipped without playwright or chromium,
failed instead under CLAIMCHECK_REQUIRE_BROWSER=1). Screenshots go to the test's tmp dir. Asserted: no claim
badge's box intersects its claim text's box, the risk box links to open cards, each passage is listed once,
and no horizontal scrollbar at 1,280 px or wider (the dashboard fits 1,280 px).
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from claimcheck.report import render_html
from claimcheck.triage.dashboard import render_dashboard
from claimcheck.triage.ranking import RankRow
from claimcheck.core.types import Report

from fakes import make_report
from helpers import system_chromium

WIDTHS = (360, 1280, 1920)
LONG = ("Vladimir Putin said on Wednesday that Moscow would help Pyongyang build satellites and that the two "
        "leaders would discuss weapons supplies, according to Russian state media reports from the summit")

OVERLAPS = """() => {
  const hit = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const out = [];
  for (const s of document.querySelectorAll(".cc-claim > summary")) {
    const badge = s.querySelector(".cc-badge"), text = s.querySelector(".cc-claim-text");
    if (!badge || !text) continue;
    const b = badge.getBoundingClientRect();
    for (const r of text.getClientRects()) if (hit(b, r)) out.push(badge.textContent + " / " + text.textContent);
  }
  return out;
}"""
SCROLL = "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"


def _long_report() -> Report:
    """The test report with wrapping claims and one passage listed twice."""
    rep = make_report()
    claims = []
    for cc in rep.claims:
        ev = cc.judgement.evidence
        j = replace(cc.judgement, evidence=ev + ev[:1]) if ev else cc.judgement
        claims.append(replace(cc, claim=replace(cc.claim, text=f"{cc.claim.text} {LONG}"), judgement=j))
    return replace(rep, claims=tuple(claims))


def _rows() -> list[RankRow]:
    title = "North Korea's Kim Vows Full Support for Russia's Sacred Fight After Meeting Putin at the Cosmodrome"
    return [RankRow(f"article-{i:02d}-with-a-long-identifier.txt", title=title, risk_score=0.35 + i / 100,
                    needs_review=i % 2 == 0, coverage=0.58, n_contradicted=i % 3, n_not_enough_info=26,
                    n_supported=3, top_claim=LONG, top_claim_verdict="contradicted", top_claim_score=0.91,
                    report=f"articles/{i}.html", n_possible_conflict=2) for i in range(9)]


@pytest.fixture(scope="module")
def chromium():
    exe = system_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()


def _pages(tmp_path, demo_check_json):
    pages = {"report": render_html(_long_report()), "demo": render_html(Report.from_dict(demo_check_json)),
             "dashboard": render_dashboard(_rows(), total=9, title="Triage")}
    for name, html in pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    return pages


@pytest.mark.parametrize("width", WIDTHS)
def test_report_and_dashboard_layout_at_width(chromium, tmp_path, demo_check_json, width):
    _pages(tmp_path, demo_check_json)
    page = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        for name in ("report", "demo", "dashboard"):
            page.goto((tmp_path / f"{name}.html").as_uri())
            page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
            assert page.evaluate(OVERLAPS) == [], (name, width)
            scroll, client = page.evaluate(SCROLL)
            if width >= 1280:
                assert scroll <= client, (name, width, scroll, client)
            if name == "dashboard" and width >= 1280:
                table = page.evaluate("() => document.getElementById('cc-triage-table').getBoundingClientRect().right")
                assert table <= client, (width, table, client)
        assert (tmp_path / f"report-{width}.png").stat().st_size > 0
    finally:
        page.close()


def test_risk_box_links_open_cards_and_lists_each_passage_once(chromium, tmp_path, demo_check_json):
    _pages(tmp_path, demo_check_json)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((tmp_path / "report.html").as_uri())
        links = page.eval_on_selector_all(".cc-check-list a", "els => els.map(e => e.getAttribute('href'))")
        assert links, "the risk box names no claim"
        for href in links:
            assert page.eval_on_selector(href, "e => e.tagName === 'DETAILS' && e.open"), href
        order = page.eval_on_selector_all(".cc-check-list a", "els => els.map(e => e.className.split('cc-v-')[1])")
        rank = {"contradicted": 0, "possible_conflict": 1, "not_enough_info": 2}
        assert [rank[v] for v in order] == sorted(rank[v] for v in order), order
        repeats = page.evaluate("""() => [...document.querySelectorAll('.cc-claim .cc-evidence')].filter(ol => {
            const ids = [...ol.querySelectorAll('.cc-src')].map(e => e.textContent);
            return new Set(ids).size !== ids.length; }).length""")
        assert repeats == 0
        page.click(".cc-check-list a >> nth=0")
        target = page.evaluate("() => location.hash")
        box = page.eval_on_selector(target, "e => e.getBoundingClientRect().top")
        assert 0 <= box < 900  # the card is in view
    finally:
        page.close()
