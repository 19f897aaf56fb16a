"""The feedback file: one SQLite database in WAL mode, one row per editor decision.

Every write is its own transaction, committed (synchronous=FULL) before `add` returns, so a row the page
was told about survives a kill -9 of the server. Rows are deduplicated by a content hash: the same decision
(right / wrong and the verdict, the passage, the note) on the same claim (text and span) of the same article
text is one row, whoever sends it and whenever; `merge` uses the same key to import another desk's file.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..core.errors import InputError, UserError
from ..core.types import VERDICTS

DEFAULT_NAME = "feedback.sqlite"
SCHEMA = "claimcheck-feedback 1"
RIGHT, WRONG = "right", "wrong"
DECISIONS = (RIGHT, WRONG)
# what the editor said about the deciding passage: one of the evidence items, "none" (no passage decides), or
# nothing ("": not chosen)
PASSAGE, NO_PASSAGE, UNSET = "passage", "none", ""
MAX_NOTE = 2000
MAX_TEXT = 20_000

_COLUMNS = ("article_id", "article_hash", "claim_id", "claim_text", "span_start", "span_end", "model_verdict",
            "model_score", "model_probabilities", "evidence", "decision", "verdict", "passage_choice", "passage_id",
            "passage_text", "note", "profile", "model_version", "created", "token_name", "content_hash")
_CREATE = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL, article_hash TEXT NOT NULL,
  claim_id TEXT NOT NULL, claim_text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  model_verdict TEXT NOT NULL, model_score REAL NOT NULL, model_probabilities TEXT NOT NULL,
  evidence TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('right', 'wrong')),
  verdict TEXT NOT NULL CHECK (verdict IN ({", ".join(repr(v) for v in VERDICTS)})),
  passage_choice TEXT NOT NULL, passage_id TEXT, passage_text TEXT,
  note TEXT NOT NULL, profile TEXT NOT NULL, model_version TEXT NOT NULL, created TEXT NOT NULL,
  token_name TEXT,
  content_hash TEXT NOT NULL UNIQUE
);
"""


def default_path() -> Path:
    """CLAIMCHECK_HOME/feedback.sqlite."""
    from ..profiles import home_dir

    return home_dir() / DEFAULT_NAME


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass(frozen=True)
class FeedbackRow:
    """One decision. `verdict` is the right verdict: the model's own when decision is "right". `evidence` is what
    the page showed for the claim ({passage_id, doc_id, text, rationale, entailment, contradiction, neutral})."""

    article_id: str
    article_hash: str
    claim_id: str
    claim_text: str
    span: tuple[int, int]
    model_verdict: str
    model_score: float
    model_probabilities: dict[str, float]
    decision: str
    verdict: str
    evidence: tuple[dict, ...] = ()
    passage_choice: str = UNSET
    passage_id: str | None = None
    passage_text: str | None = None
    note: str = ""
    profile: str = ""
    model_version: str = ""
    created: str = field(default_factory=now_iso)
    token_name: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        validate(self)

    @property
    def content_hash(self) -> str:
        """The dedup key: the article text, the claim, the decision, the passage and the note."""
        key = [self.article_hash, self.claim_text, list(self.span), self.decision, self.verdict, self.passage_choice,
               self.passage_id, self.passage_text, self.note]
        return text_hash(json.dumps(key, ensure_ascii=False))

    @property
    def claim_key(self) -> str:
        """One claim of one article: a later decision on it replaces an earlier one in exports."""
        return text_hash(json.dumps([self.article_hash, self.claim_text, list(self.span)], ensure_ascii=False))

    @property
    def change(self) -> str:
        """"supported -> contradicted", or "supported (right)"."""
        return f"{self.model_verdict} (right)" if self.decision == RIGHT else f"{self.model_verdict} -> {self.verdict}"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["span"] = list(self.span)
        d["evidence"] = list(self.evidence)
        d["content_hash"] = self.content_hash
        return d


def validate(row: FeedbackRow) -> None:
    """InputError (one line) for a row that cannot be stored."""
    if row.decision not in DECISIONS:
        raise InputError(f"decision must be {' or '.join(DECISIONS)}, not {str(row.decision)[:40]!r}")
    for name in ("model_verdict", "verdict"):
        if getattr(row, name) not in VERDICTS:
            raise InputError(f"{name} must be one of {', '.join(VERDICTS)}, not {str(getattr(row, name))[:40]!r}")
    if row.decision == RIGHT and row.verdict != row.model_verdict:
        raise InputError("a 'right' decision keeps the model's verdict")
    if row.decision == WRONG and row.verdict == row.model_verdict:
        raise InputError(f"a 'wrong' decision needs another verdict than the model's ({row.model_verdict})")
    if row.passage_choice not in (PASSAGE, NO_PASSAGE, UNSET):
        raise InputError(f"unknown passage choice {str(row.passage_choice)[:40]!r}")
    if row.passage_choice == PASSAGE and not (row.passage_id and row.passage_text):
        raise InputError("a chosen passage needs its id and text")
    if not row.claim_text.strip() or len(row.claim_text) > MAX_TEXT:
        raise InputError("the claim text is empty or too long")
    if len(row.note) > MAX_NOTE:
        raise InputError(f"the note is over {MAX_NOTE} characters")


def _to_db(row: FeedbackRow) -> tuple:
    d = asdict(row)
    d.update(span_start=row.span[0], span_end=row.span[1], model_probabilities=json.dumps(row.model_probabilities),
             evidence=json.dumps(list(row.evidence), ensure_ascii=False), content_hash=row.content_hash)
    return tuple(d[c] for c in _COLUMNS)


def _from_db(r: sqlite3.Row) -> FeedbackRow:
    return FeedbackRow(
        article_id=r["article_id"], article_hash=r["article_hash"], claim_id=r["claim_id"], claim_text=r["claim_text"],
        span=(int(r["span_start"]), int(r["span_end"])), model_verdict=r["model_verdict"],
        model_score=float(r["model_score"]), model_probabilities=json.loads(r["model_probabilities"]),
        decision=r["decision"], verdict=r["verdict"], evidence=tuple(json.loads(r["evidence"])),
        passage_choice=r["passage_choice"], passage_id=r["passage_id"], passage_text=r["passage_text"],
        note=r["note"], profile=r["profile"], model_version=r["model_version"], created=r["created"],
        token_name=r["token_name"], id=int(r["id"]))


class FeedbackStore:
    """The feedback file. Thread-safe (one connection behind a lock); create=False refuses a missing file."""

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        if self.path.is_dir():
            raise UserError(f"feedback file {self.path}: is a folder, expected a file")
        if not create and not self.path.is_file():
            raise UserError(f"feedback file {self.path}: no such file")
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=10, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._check_schema(create)
        except sqlite3.DatabaseError as e:
            raise UserError(f"feedback file {self.path}: not a claimcheck feedback database ({e})") from None
        except OSError as e:
            raise UserError(f"feedback file {self.path}: cannot be opened ({e.strerror or e})") from None
        self._lock = threading.Lock()

    def _check_schema(self, create: bool) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            if not create:
                raise sqlite3.DatabaseError("it is empty")
            with self._tx():
                for statement in filter(str.strip, _CREATE.split(";")):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
            return
        row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone() if "meta" in tables else None
        if row is None or row[0] != SCHEMA or "feedback" not in tables:
            raise sqlite3.DatabaseError(f"schema {row[0] if row else 'unknown'!r}, expected {SCHEMA!r}")

    def _tx(self):
        db = self._db

        class _Tx:
            def __enter__(self):
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type, *rest):
                db.execute("ROLLBACK" if exc_type else "COMMIT")

        return _Tx()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "FeedbackStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ writes
    def add(self, row: FeedbackRow) -> tuple[int, bool]:
        """Store one decision, committed before returning: (row id, True) or, for a duplicate, (its id, False)."""
        sql = (f"INSERT OR IGNORE INTO feedback ({', '.join(_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(_COLUMNS))})")
        with self._lock, self._writing():
            with self._tx():
                cur = self._db.execute(sql, _to_db(row))
                if cur.rowcount == 1:
                    return int(cur.lastrowid), True
                old = self._db.execute("SELECT id FROM feedback WHERE content_hash=?", (row.content_hash,)).fetchone()
                return int(old[0]), False

    def undo(self, row_id: int) -> bool:
        """Delete one row by id; False when there was none."""
        with self._lock, self._writing():
            with self._tx():
                return self._db.execute("DELETE FROM feedback WHERE id=?", (int(row_id),)).rowcount == 1

    def merge(self, other: "FeedbackStore") -> tuple[int, int]:
        """Copy the rows of another feedback file that this one lacks (by content hash), in their order, in one
        transaction: (added, duplicates)."""
        if other.path.resolve() == self.path.resolve():
            raise UserError(f"{other.path}: is the feedback file being imported into")
        rows = list(other.rows())
        added = 0
        sql = (f"INSERT OR IGNORE INTO feedback ({', '.join(_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(_COLUMNS))})")
        with self._lock, self._writing():
            with self._tx():
                for row in rows:
                    added += self._db.execute(sql, _to_db(row)).rowcount
        return added, len(rows) - added

    def _writing(self):
        """A full disk or a read-only place as one UserError line."""
        store = self

        class _W:
            def __enter__(self):
                return None

            def __exit__(self, exc_type, exc, tb):
                if isinstance(exc, sqlite3.OperationalError):
                    raise UserError(f"feedback file {store.path}: cannot be written ({exc})") from None
                return False

        return _W()

    # ------------------------------------------------------------------ reads
    def rows(self) -> Iterator[FeedbackRow]:
        """Every row, oldest first."""
        with self._lock:
            fetched = self._db.execute("SELECT * FROM feedback ORDER BY id").fetchall()
        for r in fetched:
            yield _from_db(r)

    def get(self, row_id: int) -> FeedbackRow | None:
        with self._lock:
            r = self._db.execute("SELECT * FROM feedback WHERE id=?", (int(row_id),)).fetchone()
        return _from_db(r) if r is not None else None

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])


def latest_per_claim(rows: list[FeedbackRow]) -> list[FeedbackRow]:
    """The last decision on each claim (article text, claim text and span), in the order of those decisions."""
    last: dict[str, FeedbackRow] = {}
    for r in rows:
        last.pop(r.claim_key, None)
        last[r.claim_key] = r
    return list(last.values())


def file_size(path: Path) -> int:
    """Bytes of the database and its WAL (what a desk copies)."""
    return sum(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if p.is_file())
