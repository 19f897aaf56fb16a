"""Feedback through `claimcheck serve`'s API (fake pipeline, no models): store, dedup, undo, token, cross-site."""
from __future__ import annotations

import pytest

from claimcheck.feedback import FeedbackStore
from claimcheck.feedback.store import text_hash

from fakes import fake_client, make_report
from helpers import wait_for

TOKEN = "s3cret-token-for-tests"


def finished_job(client, headers=None) -> dict:
    job = client.post("/api/jobs", json={"text": "The council approved a budget."}, headers=headers).json()
    return wait_for(client, job["id"], headers=headers)


def test_a_correction_is_stored_with_what_the_report_said(tmp_path):
    db = tmp_path / "fb.sqlite"
    client = fake_client(feedback=str(db))
    assert client.get("/api/health").json()["feedback"] is True
    view = finished_job(client)
    targets = view["feedback"]
    assert [t["id"] for t in targets] == ["c1", "c2", "c3"]  # c4 is not check-worthy
    c2 = targets[1]
    assert c2["index"] == 1 and c2["verdict"] == "contradicted" and c2["evidence"][0]["passage_id"]
    r = client.post("/api/feedback", json={"job": view["id"], "claim_index": 1, "decision": "wrong",
                                            "verdict": "not_enough_info", "passage": c2["evidence"][0]["passage_id"],
                                            "note": "<b>another</b> vote"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] and body["change"] == "contradicted -> not_enough_info"
    rows = list(FeedbackStore(db).rows())  # committed before the response
    assert len(rows) == 1
    row = rows[0]
    report = make_report()
    cc = report.claims[1]
    assert (row.article_id, row.article_hash) == (report.article.id, text_hash(report.article.text))
    assert (row.claim_id, row.claim_text, row.span) == ("c2", cc.claim.text, tuple(cc.claim.span))
    assert row.model_verdict == "contradicted" and row.model_score == pytest.approx(0.84)
    assert row.passage_choice == "passage" and row.passage_text == cc.judgement.evidence[0].text
    assert row.note == "<b>another</b> vote" and row.profile == "fake" and row.token_name is None
    assert row.model_version == report.models["verifier"]
    # the same decision again is the same row; "right" is one click; undo deletes
    again = client.post("/api/feedback", json={"job": view["id"], "claim_index": 1, "decision": "wrong",
                                                "verdict": "not_enough_info", "passage": c2["evidence"][0]["passage_id"],
                                                "note": "<b>another</b> vote"})
    assert again.status_code == 200 and again.json() == {**body, "stored": False}
    right = client.post("/api/feedback", json={"job": view["id"], "claim_index": 0, "decision": "right"}).json()
    assert right["change"] == "supported (right)"
    assert client.delete(f"/api/feedback/{right['id']}").json() == {"id": right["id"], "undone": True}
    assert client.delete(f"/api/feedback/{right['id']}").status_code == 404
    assert len(FeedbackStore(db)) == 1


@pytest.mark.parametrize("payload, msg", [
    ({"job": None, "claim_index": 1, "decision": "right"}, '"job" must be'),
    ({"job": "nope", "claim_index": 1, "decision": "right"}, "no job"),
    ({"claim_index": 9, "decision": "right"}, '"claim_index" must be'),
    ({"claim_index": True, "decision": "right"}, '"claim_index" must be'),
    ({"claim_index": 3, "decision": "right"}, "not check-worthy"),
    ({"claim_index": 1, "decision": "maybe"}, '"decision" must be'),
    ({"claim_index": 1, "decision": "wrong"}, '"verdict" must be'),
    ({"claim_index": 1, "decision": "wrong", "verdict": "contradicted"}, "needs another verdict"),
    ({"claim_index": 1, "decision": "wrong", "verdict": "supported", "passage": "elsewhere#9"}, "not one of"),
    ({"claim_index": 1, "decision": "right", "note": 5}, '"note" must be a string'),
])
def test_bad_feedback_is_one_line_400(tmp_path, payload, msg):
    client = fake_client(feedback=str(tmp_path / "fb.sqlite"))
    view = finished_job(client)
    body = {k: v for k, v in {"job": view["id"], **payload}.items() if v is not None}
    r = client.post("/api/feedback", json=body)
    assert r.status_code in (400, 404) and msg in r.json()["error"], r.text
    assert len(FeedbackStore(tmp_path / "fb.sqlite")) == 0


def test_feedback_needs_the_token_and_same_origin(tmp_path):
    db = tmp_path / "fb.sqlite"
    client = fake_client(feedback=str(db), token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    view = finished_job(client, auth)
    payload = {"job": view["id"], "claim_index": 0, "decision": "right"}
    assert client.post("/api/feedback", json=payload).status_code == 401
    evil = client.post("/api/feedback", json=payload, headers={**auth, "Origin": "https://evil.example"})
    assert evil.status_code == 403
    ok = client.post("/api/feedback", json=payload, headers={**auth, "Origin": "http://testserver"})
    assert ok.status_code == 201
    assert client.delete(f"/api/feedback/{ok.json()['id']}", headers={"Origin": "https://evil.example", **auth}).status_code == 403
    assert [r.token_name for r in FeedbackStore(db).rows()] == ["token"]


def test_feedback_off(tmp_path):
    client = fake_client()
    assert client.get("/api/health").json()["feedback"] is False
    view = finished_job(client)
    assert "feedback" not in view
    r = client.post("/api/feedback", json={"job": view["id"], "claim_index": 0, "decision": "right"})
    assert r.status_code == 404 and "feedback is off" in r.json()["error"]


def test_serve_feedback_option(tmp_path, monkeypatch):
    from claimcheck.cli.serve_cmd import _feedback_path
    from claimcheck.core.errors import UserError

    monkeypatch.setenv("CLAIMCHECK_HOME", str(tmp_path / "home"))
    assert _feedback_path("off") is None and _feedback_path(" OFF ") is None
    assert _feedback_path(None) == str(tmp_path / "home" / "feedback.sqlite")
    assert (tmp_path / "home" / "feedback.sqlite").is_file()  # created and checked before any model loads
    with pytest.raises(UserError, match="is a folder"):
        _feedback_path(str(tmp_path))
    (tmp_path / "junk.sqlite").write_text("junk" * 500)
    with pytest.raises(UserError, match="not a claimcheck feedback database"):
        _feedback_path(str(tmp_path / "junk.sqlite"))
