"""The feedback file (claimcheck.feedback.store): rows, dedup by content hash, undo, merge, kill -9."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from claimcheck.core.errors import InputError, UserError
from claimcheck.feedback.store import FeedbackStore, latest_per_claim

from conftest import REPO
from fakes import FEEDBACK_EVIDENCE, make_row

def test_add_reads_back_every_field_and_is_wal(tmp_path):
    path = tmp_path / "fb.sqlite"
    with FeedbackStore(path) as store:
        row_id, new = store.add(make_row(token_name="default"))
        assert new and row_id == 1
        got = store.get(row_id)
    assert got is not None
    assert replace(got, id=None) == make_row(token_name="default", created=got.created)
    assert got.evidence == FEEDBACK_EVIDENCE and got.span == (10, 44) and got.change == "contradicted -> not_enough_info"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_duplicates_by_content_hash_and_undo(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite")
    a, new_a = store.add(make_row())
    b, new_b = store.add(make_row(created="2030-01-01T00:00:00Z", token_name="other"))  # same decision, later
    assert new_a and (b, new_b) == (a, False) and len(store) == 1
    c, new_c = store.add(make_row(note="changed my mind"))
    assert new_c and c != a and len(store) == 2
    assert store.undo(c) and not store.undo(c) and len(store) == 1


def test_latest_decision_per_claim():
    first = make_row()
    second = make_row(decision="right", verdict="contradicted", passage_choice="passage",
                      passage_id="wire/ap-77#0", passage_text="The vote took place on Tuesday.")
    other = make_row(claim_text="Another claim.")
    assert latest_per_claim([first, other, second]) == [other, second]


@pytest.mark.parametrize("kw, msg", [
    (dict(decision="maybe"), "decision must be"),
    (dict(verdict="false"), "verdict must be one of"),
    (dict(decision="right", verdict="supported"), "keeps the model's verdict"),
    (dict(verdict="contradicted"), "needs another verdict"),
    (dict(passage_choice="passage"), "needs its id and text"),
    (dict(note="x" * 3000), "note is over"),
])
def test_bad_rows_are_one_line(kw, msg):
    with pytest.raises(InputError, match=msg):
        make_row(**kw)


def test_merge_skips_duplicates(tmp_path):
    mine, theirs = FeedbackStore(tmp_path / "mine.sqlite"), FeedbackStore(tmp_path / "theirs.sqlite")
    mine.add(make_row())
    theirs.add(make_row(created="2031-01-01T00:00:00Z"))  # the same decision
    theirs.add(make_row(claim_text="Another claim.", token_name="desk2"))
    assert mine.merge(theirs) == (1, 1)
    assert mine.merge(theirs) == (0, 2)
    assert [r.claim_text for r in mine.rows()] == ["The budget was approved on Monday.", "Another claim."]
    with pytest.raises(UserError, match="is the feedback file being imported into"):
        mine.merge(FeedbackStore(tmp_path / "mine.sqlite"))


def test_foreign_or_missing_files_are_one_line(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError, match="not a claimcheck feedback database"):
        FeedbackStore(junk)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(UserError, match="not a claimcheck feedback database"):
        FeedbackStore(other)
    with pytest.raises(UserError, match="no such file"):
        FeedbackStore(tmp_path / "absent.sqlite", create=False)
    with pytest.raises(UserError, match="is a folder"):
        FeedbackStore(tmp_path)


def test_a_row_survives_kill_9(tmp_path):
    """The writer is SIGKILLed right after add() returns (no close, no checkpoint): the row is there."""
    path = tmp_path / "fb.sqlite"
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(REPO / 'tests')!r})
        from fakes import make_row
        from claimcheck.feedback.store import FeedbackStore
        store = FeedbackStore({str(path)!r})
        print(store.add(make_row())[0], flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.strip() == "1"
    assert os.path.exists(f"{path}-wal")  # the row sits in the WAL, not yet checkpointed
    rows = list(FeedbackStore(path).rows())
    assert len(rows) == 1 and rows[0].note == "other vote"
