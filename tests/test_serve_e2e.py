"""End to end: `claimcheck serve` as a real process, driven by Debian's chromium through Playwright.

No browser is downloaded: Playwright's driver launches the system chromium (executable_path). Without
playwright or chromium the test is skipped, unless CLAIMCHECK_REQUIRE_BROWSER=1 (CI), where it fails.
The result page's screenshot goes to the test's tmp dir and to runs/serve-screenshot.png.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO
from helpers import free_port, system_chromium

ARTICLE = REPO / "seeds" / "article.md"
CORPUS = REPO / "seeds" / "corpus.jsonl"
MAX_CHARS = 20_000
EVIL = ("The James Webb Space Telescope was launched in 2021.\n\n"
        "<script>window.__pwned=1</script> Its primary mirror is 6.5 metres across.\n\n"
        '<img src=x onerror="window.__pwned=2"> Webb orbits the Sun near the second Lagrange point.\n')


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`claimcheck serve` on a free port; yields its base URL once /api/health answers."""
    port = free_port()
    home = tmp_path_factory.getbasetemp() / "claimcheck-home"
    home.mkdir(exist_ok=True)
    log = tmp_path_factory.mktemp("serve") / "server.log"
    env = {**os.environ, "CLAIMCHECK_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("CLAIMCHECK_TOKEN", None)
    cmd = [sys.executable, "-m", "claimcheck", "serve", "--corpus", str(CORPUS), "--port", str(port),
           "--max-chars", str(MAX_CHARS)]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            if proc.poll() is not None:
                pytest.fail(f"claimcheck serve exited with {proc.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=5) as r:
                    if json.load(r)["status"] == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"claimcheck serve did not answer within 240 s:\n{log.read_text()}")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _submit(page, text: str) -> None:
    page.fill("#article", text)
    page.click("#check-button")


def test_editor_checks_an_article_in_a_real_browser(server, tmp_path):
    exe = system_chromium()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            ctx = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
            page = ctx.new_page()
            page_errors: list[str] = []
            page.on("pageerror", lambda e: page_errors.append(str(e)))
            console_errors: list[str] = []
            ctx.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.on("dialog", lambda d: (page_errors.append(f"dialog: {d.message}"), d.dismiss()))
            page.goto(server + "/")
            expect(page.locator("#corpus option")).to_have_count(1)
            page.select_option("#corpus", "corpus")

            # 1. the demo article: highlighted claims of several verdicts, evidence one focus away
            page.evaluate("""() => { window.statusLog = [];
              new MutationObserver(() => window.statusLog.push(document.getElementById("status-text").textContent))
                .observe(document.getElementById("status-text"), {childList: true, characterData: true, subtree: true}); }""")
            _submit(page, ARTICLE.read_text())
            expect(page.locator("#result .cc-report")).to_be_visible(timeout=180_000)
            log = page.evaluate("window.statusLog")
            assert any("of 6)" in s for s in log) and "Done" in log[-1], log  # the stages were shown
            classes = page.eval_on_selector_all("#result .cc-hl", "els => els.map(e => e.className)")
            verdicts = {c.split("cc-v-")[1].split()[0] for c in classes}
            assert len(verdicts & {"supported", "contradicted", "not_enough_info", "not_checkworthy"}) >= 2, verdicts
            supported = page.locator("#result .cc-hl.cc-v-supported").first
            supported.focus()  # keyboard: a highlighted claim is focusable and shows its evidence
            card = page.locator("#cc-panel-body .cc-card").first
            expect(card).to_contain_text("Supported")
            expect(card.locator("blockquote").first).not_to_be_empty()
            expect(card.locator(".cc-scores").first).to_contain_text("entailment")
            page.screenshot(path=str(REPO / "runs" / "serve-screenshot-viewport.png"))
            riskiest = page.locator("#result .cc-risk-list .cc-rl").first  # the side panel's list by risk
            riskiest.click()
            expect(card).to_contain_text(riskiest.locator(".cc-badge").inner_text().split(" ·")[0])
            page.locator("#result .cc-panel").screenshot(path=str(tmp_path / "serve-panel.png"))
            expect(page.locator("#result .cc-summary li").first).to_be_visible()

            # the summary marks the sentences whose claims the corpus does not confirm, and links them
            flagged = page.locator("#result .cc-summary li.cc-flagged[data-verdict]").first
            expect(flagged).to_be_visible()
            verdict = flagged.get_attribute("data-verdict")
            expect(flagged.locator(".cc-flag-badge")).to_contain_text(
                {"contradicted": "Contradicted by the corpus", "possible_conflict": "Possible conflict with the corpus"}
                .get(verdict, "Not confirmed by the corpus"))
            link = flagged.locator(".cc-sl").first
            link.click()  # its claim's card, with the reason, in the side panel
            expect(card).to_contain_text("Why:")
            expect(card.locator(".cc-why")).not_to_be_empty()
            # each verdict explains itself: the contradicted fuel claim names its passage and the figure used
            contra = page.locator("#result .cc-risk-list .cc-rl.cc-v-contradicted", has_text="fuel").first
            contra.click()
            expect(card.locator(".cc-badge")).to_contain_text("Contradicted · contradiction 90%")
            expect(card.locator(".cc-why")).to_contain_text("contradicts it (0.90)")
            expect(card.locator(".cc-why")).to_contain_text("more than 20 years")
            expect(page.locator("#result .cc-risk .cc-coverage")).to_contain_text("coverage")
            page.screenshot(path=str(REPO / "runs" / "serve-screenshot-explained.png"))
            expect(page.locator("#result .cc-claims details")).not_to_have_count(0)
            shot = tmp_path / "serve-screenshot.png"
            page.screenshot(path=str(shot), full_page=True)
            (REPO / "runs").mkdir(exist_ok=True)
            shutil.copy(shot, REPO / "runs" / "serve-screenshot.png")
            shutil.copy(tmp_path / "serve-panel.png", REPO / "runs" / "serve-panel.png")

            with page.expect_download() as dl:
                page.click("#dl-json")
            report = json.loads(Path(dl.value.path()).read_text())
            assert report["schema_version"] == 1 and report["claims"]
            with page.expect_download() as dl:
                page.click("#dl-html")
            saved = tmp_path / "report.html"
            dl.value.save_as(saved)
            assert saved.read_text().lstrip().lower().startswith("<!doctype html")
            offline = ctx.new_page()  # the downloaded report works on its own, under its own CSP
            offline.on("pageerror", lambda e: page_errors.append(f"report.html: {e}"))
            offline.goto(saved.as_uri())
            offline.locator(".cc-hl").first.focus()
            expect(offline.locator("#cc-panel-body .cc-card").first).to_be_visible()
            offline.close()

            # 2. a hostile article: nothing runs, the markup is shown as text
            page.click("#new-check")
            _submit(page, EVIL)
            expect(page.locator("#result .cc-text")).to_contain_text("window.__pwned=1", timeout=180_000)
            text = page.inner_text("#result .cc-text")
            assert "<script>window.__pwned=1</script>" in text
            assert '<img src=x onerror="window.__pwned=2">' in text
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.locator("#result img").count() == 0 and page.locator("#result script:not([type])").count() == 0

            # 3. an error shows the CLI's message, not a stack trace
            page.click("#new-check")
            _submit(page, "x" * (MAX_CHARS + 1))
            expect(page.locator("#error")).to_contain_text(
                f"claimcheck: error: article text: too long ({MAX_CHARS + 1:,} characters", timeout=30_000)
            assert "Traceback" not in page.inner_text("#error")
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert not page_errors, page_errors
            # no CSP violation or failed load, except the 413 answer the error step asked for
            assert [e for e in console_errors if "413" not in e] == [], console_errors
        finally:
            browser.close()
