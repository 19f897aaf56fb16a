"""The output folder of a triage run and how a killed run picks up where it stopped.

results.jsonl is the commit log: one schema-v1 report per line, appended whole with flush + fsync
after the article's HTML page is written. On start a torn last line (a kill mid-write) is cut off by
truncating to the last newline, and the ids found are skipped. triage-state.json records what the
folder is a triage of, so a rerun on other input is refused instead of mixed in; it is also the mark that
the folder is ours (claimcheck.core.outdir): a folder without it must be absent or empty, and --force deletes
only this run's files (the fixed names below and the pages of the articles in results.jsonl).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..core.errors import InputError, UserError
from ..core.outdir import check_folder, remove_listed
from ..core.sanitize import load_json
from ..core.writing import atomic_write, writing

RESULTS = "results.jsonl"
ERRORS = "errors.jsonl"
RANKING = "ranking.csv"
INDEX = "index.html"
REPORTS = "reports"
STATE = "triage-state.json"
OUTPUTS = (RESULTS, ERRORS, RANKING, INDEX, REPORTS, STATE)


@dataclass(frozen=True)
class RunState:
    """What the output folder is a triage of; any difference makes a rerun refuse without --force."""

    articles: str
    corpus: str
    profile: str
    top_k: int
    review_threshold: float | None

    def describe_change(self, old: dict) -> str:
        """'' when `old` (a state file's content) matches, else which setting changed."""
        for key, value in asdict(self).items():
            if old.get(key) != value:
                return f"{key} was {old.get(key)!r}, now {value!r}"
        return ""


def safe_name(article_id: str) -> str:
    """A file name for an article's page: safe characters only, plus a short hash when the id had others
    (so "a/b" and "a_b" never share a page)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", article_id).strip("_")[:80] or "article"
    if safe != article_id:
        safe += "-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]
    return safe


class OutputDir:
    """The files of one triage folder; see the module docstring for the durability rules."""

    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser()
        self.reports = self.root / REPORTS
        self.results = self.root / RESULTS
        self.errors = self.root / ERRORS
        self.state_file = self.root / STATE

    # ------------------------------------------------------------ opening
    def check(self, state: RunState, force: bool) -> None:
        """Refuse (UserError) a folder that is not ours (claimcheck.core.outdir), or holds a triage of other input
        unless force; writes nothing."""
        if not check_folder(self.root, "--out", lambda _: self.read_state() is not None, "a claimcheck triage folder",
                            names=OUTPUTS):
            return
        if force:
            return
        change = state.describe_change(self.read_state() or {})
        if change:
            raise UserError(f"{self.root} holds a triage of other input ({change}); "
                            "rerun with --force to start over, or choose another --out")

    def read_state(self) -> dict | None:
        """The earlier run's state (read like user input: depth-limited), or None when there is none of ours."""
        try:
            old = load_json(self.state_file.read_bytes(), str(self.state_file))
        except (OSError, InputError):
            return None
        fields = RunState.__dataclass_fields__
        return old if isinstance(old, dict) and all(k in old for k in fields) else None

    def prepare(self, state: RunState, force: bool) -> None:
        """Create the folder (with force, after removing earlier outputs) and record the state."""
        self.check(state, force)
        if force:
            self.clear()
        self.reports.mkdir(parents=True, exist_ok=True)
        atomic_write(self.state_file, json.dumps(asdict(state), indent=2) + "\n")

    def clear(self) -> None:
        """Remove the earlier run's outputs: its fixed files and the pages of the articles it recorded in
        results.jsonl (then reports/ if that leaves it empty); never anything else in the folder."""
        pages = [f"{REPORTS}/{safe_name(aid)}.html" for aid in self._result_ids()]
        with writing(f"--out {self.root}"):
            remove_listed(self.root, [RESULTS, ERRORS, RANKING, INDEX, STATE, *pages])

    def _result_ids(self) -> list[str]:
        """The article ids of results.jsonl's readable lines."""
        ids: list[str] = []
        try:
            data = self.results.read_bytes()
        except OSError:
            return ids
        for line in data.split(b"\n"):
            try:
                aid = json.loads(line)["article"]["id"]
            except (ValueError, KeyError, TypeError, IndexError, RecursionError):
                continue
            if isinstance(aid, str):
                ids.append(aid)
        return ids

    # ------------------------------------------------------------ results
    def recover_results(self) -> tuple[list[dict], int]:
        """The reports already written (first copy of each id), and how many bytes were dropped: a torn
        or damaged tail, and second copies of an article (left by runs before triage took a lock). The
        file is cut to its last complete, valid line, and rewritten (temp file + rename) without copies."""
        if not self.results.exists():
            return [], 0
        with self.results.open("rb+") as f:
            data = f.read()
            keep = data.rfind(b"\n") + 1  # 0 when there is no complete line at all
            good_end, reports, seen, unique = 0, [], set(), []
            pos = 0
            for line in data[:keep].split(b"\n")[:-1]:
                end = pos + len(line) + 1
                try:
                    obj = json.loads(line)
                    aid = obj["article"]["id"]
                except (ValueError, KeyError, TypeError, RecursionError):
                    break  # a damaged line: it and everything after it are redone
                if aid not in seen:
                    seen.add(aid)
                    reports.append(obj)
                    unique.append(line)
                good_end, pos = end, end
            dropped = len(data) - good_end
            copies = good_end - sum(len(x) + 1 for x in unique)
            if dropped and not copies:
                f.truncate(good_end)
                f.flush()
                os.fsync(f.fileno())
        if copies:
            atomic_write(self.results, b"".join(x + b"\n" for x in unique).decode("utf-8"))
            dropped += copies
        return reports, dropped

    def append_result(self, report: dict) -> None:
        _append_line(self.results, report)

    def reset_errors(self) -> None:
        """Failures are retried on every run, so each run's errors.jsonl starts empty."""
        atomic_write(self.errors, "")

    def append_error(self, row: dict) -> None:
        _append_line(self.errors, row)

    def report_path(self, article_id: str) -> Path:
        return self.reports / f"{safe_name(article_id)}.html"


def _append_line(path: Path, obj: dict) -> None:
    """Append one JSON line whole: a single write, then flush and fsync. On a full disk the file is cut
    back to where it was (no torn line) and the failure is a UserError naming the file."""
    line = (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
    with writing(str(path)):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            size = os.fstat(fd).st_size
            try:
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)
                raise
        finally:
            os.close(fd)

