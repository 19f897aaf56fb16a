"""Checks as jobs: one worker thread runs them in order; the page polls a job for its stage."""
from __future__ import annotations

import asyncio
import logging
import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import UserError
from .config import ServeConfig
from .checker import STAGE_INDEX, STAGES, Checker
from .errors import Busy, NotFound, OverBudget, status_of

log = logging.getLogger("claimcheck.serve")
INTERNAL_ERROR = "internal error while checking this article (the details are in the server log)"
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "error"


@dataclass(frozen=True)
class CheckRequest:
    text: str
    name: str = "stdin"  # like `claimcheck check -`: the article id is "stdin" unless a file name is given
    title: str | None = None
    corpus: str | None = None
    date: str | None = None  # the article's date, YYYY-MM-DD (anchors its claims; see claimcheck.timeline)


@dataclass
class Job:
    id: str
    request: CheckRequest
    corpus: str
    state: str = QUEUED
    stage: str | None = None
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    report: Any = None  # claimcheck.core.types.Report once done
    fragment: str | None = None  # render_html_fragment(report), rendered once in the worker
    error: str | None = None
    status: int = 200
    future: Future | None = field(default=None, repr=False)

    def view(self) -> dict:
        """What GET /api/jobs/{id} returns."""
        total = len(STAGES)
        done = total if self.state == DONE else STAGE_INDEX.get(self.stage or "", 0)
        label = dict(STAGES).get(self.stage or "", "Waiting for the previous check to finish" if self.state == QUEUED else "")
        end = self.finished or time.monotonic()
        out: dict[str, Any] = {
            "id": self.id, "state": self.state, "corpus": self.corpus, "stage": self.stage,
            "stage_label": "Done" if self.state == DONE else label, "done": done, "total": total,
            "elapsed": round(end - (self.started or self.created), 2),
        }
        if self.state == FAILED:
            out.update(error=self.error, status=self.status)
        if self.state == DONE and self.report is not None:
            d = self.report.to_dict()
            out.update(article=d["article"], risk=d["risk"], fragment=self.fragment)
        return out


class JobRunner:
    def __init__(self, checker: Checker, config: ServeConfig):
        self.checker = checker
        self.config = config
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimcheck-check")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def pending(self) -> int:
        with self._lock:
            return sum(1 for j in self._jobs.values() if j.state in (QUEUED, RUNNING))

    def submit(self, req: CheckRequest) -> Job:
        corpus = self.checker.resolve(req.corpus).name  # an unknown corpus is a 404 now, not a failed job
        with self._lock:
            waiting = sum(1 for j in self._jobs.values() if j.state in (QUEUED, RUNNING))
            if waiting >= self.config.max_pending:
                raise Busy(f"the server is busy: {waiting} checks are queued or running; try again in a minute",
                           {"Retry-After": "30"})
            job = Job(id=secrets.token_urlsafe(12), request=req, corpus=corpus)
            self._jobs[job.id] = job
            self._trim()
        job.future = self._pool.submit(self._run, job)
        return job

    async def run(self, req: CheckRequest) -> Job:
        """Submit and wait without blocking the event loop (POST /api/check)."""
        job = self.submit(req)
        assert job.future is not None
        await asyncio.wrap_future(job.future)
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no job '{job_id[:40]}' (finished jobs are forgotten after a while)")
        return job

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _trim(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.state in (DONE, FAILED)]
        for k in finished[: max(0, len(self._jobs) - self.config.keep_jobs)]:
            del self._jobs[k]

    def _run(self, job: Job) -> None:
        from ..report import render_html_fragment

        job.state, job.started = RUNNING, time.monotonic()
        budget = self.config.time_budget

        def progress(stage: str) -> None:
            """Each stage start: past the time budget, the check stops here (a 503, the worker is free)."""
            spent = time.monotonic() - (job.started or 0.0)
            if budget and spent > budget:
                raise OverBudget(f"this check ran past the server's time budget ({spent:.0f} s of {budget:.0f} s, "
                                 f"stopped before the {stage} stage); send a shorter article")
            job.stage = stage

        r = job.request
        try:
            report = self.checker.check(r.text, name=r.name, title=r.title, corpus=job.corpus, progress=progress,
                                           date=r.date)
            job.fragment = render_html_fragment(report)
            job.report = report
            job.state = DONE
        except UserError as e:
            job.error, job.status, job.state = str(e), status_of(e), FAILED
        except Exception:
            log.exception("check %s failed", job.id)
            job.error, job.status, job.state = INTERNAL_ERROR, 500, FAILED
        finally:
            job.finished = time.monotonic()
