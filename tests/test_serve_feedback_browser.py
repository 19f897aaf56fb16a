"""An editor corrects one verdict in a real browser (Debian's chromium through Playwright) and undoes another;
the rows are in the feedback file when the page says "Saved". The server runs in this process over the fake
pipeline of tests/fakes.py (no models), so the test takes seconds."""
from __future__ import annotations

import threading
import time

import pytest

from claimcheck.feedback import FeedbackStore
from claimcheck.serve import Checker, ServeConfig, create_app
from claimcheck.serve.checker import Corpus

from fakes import FakePipeline
from helpers import free_port, system_chromium


@pytest.fixture()
def fake_server(tmp_path):
    import uvicorn

    db = tmp_path / "feedback.sqlite"
    eng = Checker([Corpus("demo", "demo.jsonl", FakePipeline())], profile="fake")
    app = create_app(eng, ServeConfig(feedback=str(db), access_log=None))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", db
    finally:
        server.should_exit = True
        thread.join(10)


def test_editor_corrects_a_verdict_and_undoes_another(fake_server):
    exe = system_chromium()
    from playwright.sync_api import expect, sync_playwright

    base, db = fake_server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
            page.goto(base + "/")
            page.fill("#article", "The council approved a budget for the new library on Monday.")
            page.click("#check-button")
            card = page.locator("#cc-claim-1")  # c2: contradicted by wire/ap-77 (its card opens by itself)
            expect(card.locator(".app-fb")).to_have_count(1)
            expect(page.locator("#cc-claim-3 .app-fb")).to_have_count(0)  # not check-worthy: nothing to judge

            # wrong -> not enough info, deciding passage: the card's first evidence item, with a note
            card.locator(".app-fb-wrong").click()
            options = card.locator(".app-fb-verdict option").all_inner_texts()
            assert [o.split(" ", 1)[1] for o in options] == ["supported", "not enough info"]  # not the model's own
            card.locator(".app-fb-verdict").select_option("not_enough_info")
            passage = card.locator(".app-fb-passage option").nth(1).get_attribute("value")
            card.locator(".app-fb-passage").select_option(passage)
            card.locator(".app-fb-note").fill("<img src=x onerror=window.__pwned=1> another vote")
            card.locator(".app-fb-save").click()
            expect(card.locator(".app-fb-status")).to_have_text("Saved: contradicted -> not enough info. ")
            rows = list(FeedbackStore(db).rows())
            assert len(rows) == 1
            row = rows[0]
            assert (row.claim_id, row.decision, row.model_verdict, row.verdict) == \
                ("c2", "wrong", "contradicted", "not_enough_info")
            assert row.passage_choice == "passage" and row.passage_id == passage and row.passage_text
            assert row.note == "<img src=x onerror=window.__pwned=1> another vote"

            # "right" on another card is one click; undo removes that row and brings the question back
            first = page.locator("#cc-claim-0")
            first.locator("summary").click()
            first.locator(".app-fb-right").click()
            expect(first.locator(".app-fb-status")).to_have_text("Saved: supported (right). ")
            assert len(FeedbackStore(db)) == 2
            first.locator(".app-fb-undo").click()
            expect(first.locator(".app-fb-right")).to_be_visible()
            assert [r.claim_id for r in FeedbackStore(db).rows()] == ["c2"]
            assert page.evaluate("window.__pwned") is None
            assert not errors, errors
        finally:
            browser.close()
