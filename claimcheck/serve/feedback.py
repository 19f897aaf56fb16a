"""Editors' feedback through the API: a decision on one claim of a finished job, stored at once; undo by row id.

    POST   /api/feedback         {"job", "claim_index", "decision": "right"|"wrong", "verdict"?, "passage"?, "note"?}
    DELETE /api/feedback/{id}    undo one stored decision

The claim, its span, the evidence shown and the model's verdict and scores are read from the job's own report
on the server, never from the request: a client names a claim and says what is right about it, nothing more.
`passage` is the passage id of one of the evidence items shown on the card, or "none". The row is committed
(claimcheck.feedback.store) before the response is sent.
"""
from __future__ import annotations

from typing import Any

from ..core.errors import InputError
from ..feedback.store import NO_PASSAGE, PASSAGE, RIGHT, UNSET, WRONG, FeedbackRow, FeedbackStore, text_hash
from ..core.sanitize import load_json
from ..core.types import VERDICTS
from .errors import BadRequest

MAX_BODY = 64 * 1024
SHOWN_EVIDENCE = 3  # the evidence items a claim card shows (claimcheck.report.html.MAX_EVIDENCE)
USAGE = ('send JSON {"job", "claim_index", "decision": "right" or "wrong", "verdict"?: the right verdict, '
         '"passage"?: a passage id of the card or "none", "note"?}')


def targets(report: Any) -> list[dict]:
    """What the page needs to put feedback controls on each check-worthy claim card (cc-claim-<index>)."""
    out = []
    for i, cc in enumerate(report.claims):
        if not cc.claim.checkworthy:
            continue
        out.append({"index": i, "id": cc.claim.id, "verdict": cc.judgement.verdict,
                    "evidence": [{"passage_id": ev.passage_id, "doc_id": ev.doc_id}
                                 for ev in cc.judgement.evidence[:SHOWN_EVIDENCE]]})
    return out


def _evidence(ev: Any) -> dict:
    return {"passage_id": ev.passage_id, "doc_id": ev.doc_id, "text": ev.text, "rationale": ev.rationale,
            "entailment": round(float(ev.entailment), 4), "contradiction": round(float(ev.contradiction), 4),
            "neutral": round(float(ev.neutral), 4)}


def parse(body: bytes) -> dict:
    try:
        obj = load_json(body, "the request body")
    except InputError as e:
        raise BadRequest(f"{e}: {USAGE}") from None
    if not isinstance(obj, dict):
        raise BadRequest(f"the request body must be a JSON object: {USAGE}")
    return obj


def _field(obj: dict, key: str, limit: int) -> str:
    v = obj.get(key)
    if v is None:
        return ""
    if not isinstance(v, str):
        raise BadRequest(f'"{key}" must be a string: {USAGE}')
    if len(v) > limit:
        raise BadRequest(f'"{key}" is over {limit} characters')
    return v.strip()


def build_row(obj: dict, report: Any, *, profile: str, model_version: str, token_name: str | None) -> FeedbackRow:
    """The row for one decision on the report's claim `claim_index` (BadRequest, one line, for anything wrong)."""
    index = obj.get("claim_index")
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(report.claims):
        raise BadRequest(f'"claim_index" must be the index of a claim of this report (0-{len(report.claims) - 1})')
    cc = report.claims[index]
    if not cc.claim.checkworthy:
        raise BadRequest(f"claim {cc.claim.id} is not check-worthy: it has no verdict to judge")
    j = cc.judgement
    decision = _field(obj, "decision", 10)
    if decision not in (RIGHT, WRONG):
        raise BadRequest(f'"decision" must be "right" or "wrong": {USAGE}')
    verdict = _field(obj, "verdict", 40) or (j.verdict if decision == RIGHT else "")
    if verdict not in VERDICTS:
        raise BadRequest(f'"verdict" must be one of {", ".join(VERDICTS)}')
    shown = j.evidence[:SHOWN_EVIDENCE]
    passage = _field(obj, "passage", 500)
    choice, pid, ptext = UNSET, None, None
    if passage == NO_PASSAGE:
        choice = NO_PASSAGE
    elif passage:
        chosen = next((ev for ev in shown if ev.passage_id == passage), None)
        if chosen is None:
            raise BadRequest(f'"passage" {passage[:80]!r} is not one of this claim\'s evidence items (or "none")')
        choice, pid, ptext = PASSAGE, chosen.passage_id, chosen.text
    a = report.article
    try:
        return FeedbackRow(
            article_id=a.id or "article", article_hash=text_hash(a.text), claim_id=cc.claim.id,
            claim_text=cc.claim.text, span=(int(cc.claim.span[0]), int(cc.claim.span[1])), model_verdict=j.verdict,
            model_score=round(float(j.score), 4),
            model_probabilities={k: round(float(v), 4) for k, v in j.probabilities.items()},
            decision=decision, verdict=verdict, evidence=tuple(_evidence(ev) for ev in shown), passage_choice=choice,
            passage_id=pid, passage_text=ptext, note=_field(obj, "note", 2000), profile=profile,
            model_version=model_version, token_name=token_name)
    except InputError as e:
        raise BadRequest(str(e)) from None


def open_store(path: str | None) -> FeedbackStore | None:
    return FeedbackStore(path) if path else None
