"""A report written as JSON reads back into the same typed Report (`Report.from_dict`)."""
from __future__ import annotations

import json

import pytest

from claimcheck.report.markdown import render_markdown
from claimcheck.core.types import Report

from fakes import make_report


def test_report_round_trips_through_json():
    report = make_report()
    d = json.loads(json.dumps(report.to_dict()))
    back = Report.from_dict(d)
    assert back.to_dict() == d
    assert [c.claim for c in back.claims] == [c.claim for c in report.claims]  # parts and reasons included
    assert [c.judgement.evidence for c in back.claims] == [c.judgement.evidence for c in report.claims]
    assert back.risk.needs_review == report.risk.needs_review and back.summary.text == report.summary.text
    assert not all(c.claim.checkworthy for c in back.claims)  # a not check-worthy claim keeps its reason
    assert render_markdown(back) == render_markdown(report)  # reads and renders as the original


def test_real_report_round_trips(demo_check_json):
    assert Report.from_dict(demo_check_json).to_dict() == demo_check_json


def test_other_json_is_refused():
    with pytest.raises(ValueError, match="schema_version"):
        Report.from_dict({"claims": []})
