"""`claimcheck verify --out FILE.jsonl`: rows appended as claims are judged, and a rerun resumes.

A claim's identity (its *key*) is the input's `id` when the input gives one (a .jsonl line with "id"),
else the SHA-256 of its text (a .txt line, a .jsonl line without "id"): a rerun over the same input skips
every claim whose key a row in FILE already has, so a run killed halfway and rerun writes every claim
exactly once. A row is written (one write, flushed) as soon as its batch is judged; a last line cut short
by a kill is dropped and its claim judged again.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence, TextIO

from ..core.errors import InputError, UserError
from ..core.io import ClaimInput

PROGRESS_ITEMS = 100  # a progress line at least every this many claims ...
PROGRESS_SECONDS = 10.0  # ... or this many seconds, when stderr is not a terminal


def text_key(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_key(c: ClaimInput) -> str:
    """The input's id if it gave one, else the hash of the claim's text."""
    return f"id:{c.id}" if c.given_id else text_key(c.claim)


def row_keys(row: dict) -> tuple[str, str]:
    """Both keys a written row answers to: its id, and its claim text's hash."""
    return f"id:{row['id']}", text_key(str(row["claim"]))


def done_keys(path: Path) -> set[str]:
    """Keys of the rows already in `path` (empty if it does not exist). A last line without its newline
    (a kill mid-write) is cut off; any other line that is not a verify row is an error naming it."""
    keys: set[str] = set()
    if not path.exists():
        return keys
    if not path.is_file():
        raise UserError(f"--out {path}: is not a regular file")
    from ..core.writing import writing

    with writing(f"--out {path}"), open(path, "rb+") as f:  # opened for writing: it is appended to next
        data = f.read()
        end = len(data)
        if data and not data.endswith(b"\n"):  # a torn last row: judged again
            end = data.rfind(b"\n") + 1
            f.truncate(end)
    for no, line in enumerate(data[:end].split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            keys.update(row_keys(row))
        except (ValueError, KeyError, TypeError):
            raise InputError(f"{path}:{no}: is not a row `claimcheck verify` wrote; choose another --out") from None
    return keys


class ProgressLines:
    """Plain progress lines for a log (stderr not a terminal): one every `every` items or `seconds`."""

    def __init__(self, total: int, skipped: int = 0, out: TextIO | None = None, every: int = PROGRESS_ITEMS,
                 seconds: float = PROGRESS_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.total, self.skipped, self.out = total, skipped, out
        self.every, self.seconds, self.clock = every, seconds, clock
        self.done = self.last_done = 0
        self.t0 = self.last_t = clock()

    def advance(self, n: int) -> None:
        self.done += n
        now = self.clock()
        if self.done - self.last_done >= self.every or now - self.last_t >= self.seconds:
            self.last_done, self.last_t = self.done, now
            rate = self.done / max(now - self.t0, 1e-9)
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            self._say(f"verified {self.done + self.skipped:,}/{self.total + self.skipped:,} claims "
                      f"({100 * (self.done + self.skipped) / max(self.total + self.skipped, 1):.0f}%), "
                      f"{rate:.1f} claims/s, about {_duration(left)} left")

    def finish(self) -> None:
        self._say(f"verified {self.done:,} claims in {_duration(self.clock() - self.t0)}"
                  + (f" ({self.skipped:,} already in the output, skipped)" if self.skipped else ""))

    def _say(self, line: str) -> None:
        try:
            print(f"claimcheck: {line}", file=self.out or sys.stderr, flush=True)
        except (OSError, ValueError):
            pass  # a closed log pipe stops the progress, not the work


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


Judge = Callable[[Sequence[str]], Sequence[dict]]  # claim texts -> one judgement dict each, in order


def verify_rows(items: Sequence[ClaimInput], judge: Judge, step: int = 64,
                advance: Callable[[int], None] | None = None) -> Iterable[dict]:
    """Rows `{"id", "claim", **judgement}` in input order, judged `step` claims at a time."""
    for b in range(0, len(items), step):
        chunk = items[b : b + step]
        for c, j in zip(chunk, judge([c.claim for c in chunk])):
            yield {"id": c.id, "claim": c.claim, **j}
        if advance is not None:
            advance(len(chunk))


def plan_resume(items: Sequence[ClaimInput], out: Path) -> tuple[list[ClaimInput], int]:
    """The claims still to judge for `out` (in input order, each key once) and how many were skipped."""
    seen = done_keys(out)
    todo: list[ClaimInput] = []
    for c in items:
        k = claim_key(c)
        if k not in seen:
            seen.add(k)
            todo.append(c)
    return todo, len(items) - len(todo)


def append_rows(out: Path, rows: Iterable[dict]) -> int:
    """Append each row as one JSON line, written and flushed on its own; returns how many."""
    from ..core.writing import writing

    n = 0
    with writing(f"--out {out}"):
        fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            for row in rows:
                data = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
                while data:  # one write in practice; a short write is finished before the next row
                    data = data[os.write(fd, data):]
                n += 1
            os.fsync(fd)
        finally:
            os.close(fd)
    return n
