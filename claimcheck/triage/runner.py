"""The triage loop: list, skip what is done, check the rest in batches, write as it goes."""
from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ..core.errors import InputError, UserError
from ..core.writing import atomic_write
from ..core.types import Report
from .dashboard import render_dashboard
from .inputs import ArticleRef, list_articles
from .ranking import RankRow, error_row, ranking_csv, row_from_report
from .store import INDEX, RANKING, OutputDir, RunState
from .work import (PipelineFactory, TriageConfig, check_isolated, check_loaded, default_pipeline,  # noqa: F401
                   load_batch, load_models)

EXIT_SOME_FAILED = 3  # 0: every article checked; 2: bad usage; 1: internal error


class WriteStopped(UserError):
    """The disk filled (or the folder became read-only) mid-run: the articles written so far are kept and a
    rerun resumes; exit 3, as for articles that failed."""

    exit_code = EXIT_SOME_FAILED


@dataclass(frozen=True)
class TriageResult:
    total: int  # articles in the input
    skipped: int  # done by an earlier run
    checked: int  # checked by this run
    failed: int
    needs_review: int  # over all checked articles, earlier runs included
    seconds: float
    out: Path

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.failed else 0


def run_triage(cfg: TriageConfig, *, pipeline_factory: PipelineFactory | None = None, console=None) -> TriageResult:
    """Triage every article of cfg.articles into cfg.out, continuing a killed run (see the package docs).

    One run per --out at a time: a second one is refused at once (exit 2), before any model loads."""
    from ..core.locks import exclusive

    out = Path(cfg.out).expanduser()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)  # the lock file lives beside --out
    except OSError as e:
        raise UserError(f"--out {cfg.out}: cannot create folder {out.parent} ({e.strerror or e})") from None
    busy = (f"--out {cfg.out}: another claimcheck triage is writing into this folder; "
            "wait for it to finish or choose another --out")
    with exclusive(out, wait=False, busy=busy):
        return _run_triage(cfg, pipeline_factory=pipeline_factory, console=console)


def _run_triage(cfg: TriageConfig, *, pipeline_factory: PipelineFactory | None = None, console=None) -> TriageResult:
    from rich.console import Console

    from ..profiles import resolve_profile_name

    t0 = time.perf_counter()
    console = console or Console(stderr=True)
    if cfg.batch_size < 1:
        raise UserError("--batch-size must be at least 1")
    refs = list_articles(cfg.articles, exclude=cfg.out)
    if not Path(cfg.corpus).expanduser().exists():
        raise UserError(f"--corpus {cfg.corpus}: no such file or folder")
    state = RunState(
        articles=str(Path(cfg.articles).expanduser().resolve()),
        corpus=str(Path(cfg.corpus).expanduser().resolve()),
        profile=resolve_profile_name(cfg.profile),
        top_k=cfg.top_k,
        review_threshold=cfg.review_threshold,
    )
    out = OutputDir(cfg.out)
    out.check(state, cfg.force)  # a changed input is refused before any model loads
    engine = _open_engine(cfg, pipeline_factory, console)  # models load (and a bad corpus fails) here
    out.prepare(state, cfg.force)
    earlier, dropped = out.recover_results()
    if dropped:
        console.print(f"claimcheck: recovered {out.results}: dropped {dropped} bytes "
                      "(an unfinished last line, or second copies of an article)")
    rows: dict[str, RankRow] = {}
    for d in earlier:
        report = Report.from_dict(d)
        page = out.report_path(report.article.id)
        rows[report.article.id] = row_from_report(report, _rel(page, out.root) if page.exists() else "")
    errors: list[RankRow] = []
    out.reset_errors()
    pending = [r for r in refs if r.error or r.id not in rows]
    skipped = len(refs) - len(pending)
    run = _Run(cfg, engine.risk_options, out, rows, errors, console, total=len(refs))
    run.refresh(done=False)
    batches = [pending[i : i + cfg.batch_size] for i in range(0, len(pending), cfg.batch_size)]
    checked, completed = 0, False
    try:
        with _progress(console) as bar, contextlib.closing(engine.check_batches(batches)) as outcomes:
            task = bar.add_task(f"triage ({skipped} done earlier)" if skipped else "triage", total=len(pending))
            for b, (loaded, results) in enumerate(outcomes):
                try:
                    checked += run.commit_batch(loaded, results, on_article=lambda: bar.advance(task))
                    if (b + 1) % max(1, cfg.refresh_every) == 0 or b == 0:
                        run.refresh(done=False)
                except UserError as e:  # a full disk or a read-only folder: what is written stays written
                    left = len(pending) - run.committed
                    raise WriteStopped(f"{e}; stopped with {left} of {len(refs)} articles not written "
                                       "(rerun the same command to resume)") from None
        completed = True
    finally:
        engine.close()
        try:
            run.refresh(done=completed)
        except UserError:
            if completed:
                raise  # else the error that stopped the run is the one to show
    return TriageResult(
        total=len(refs), skipped=skipped, checked=checked, failed=len(errors),
        needs_review=sum(1 for r in rows.values() if r.needs_review),
        seconds=time.perf_counter() - t0, out=out.root,
    )


def _open_engine(cfg: TriageConfig, factory: PipelineFactory | None, console):
    """Where the articles are checked: this process (local) or Ray workers; both load their models now."""
    if cfg.engine == "ray":
        from ..cluster.ray_triage import RayEngine

        return RayEngine.start(cfg, factory, console)
    if cfg.workers > 0:
        import torch

        torch.set_num_threads(cfg.workers)
    pipe = (factory or default_pipeline)(cfg)
    if hasattr(pipe, "index_progress"):
        pipe.index_progress = console.is_terminal  # a passages done / total bar while the index builds
    _ = pipe.retriever  # a bad corpus fails here, before any output is touched
    with console.status("loading models ...", spinner="dots"):
        load_models(pipe)  # now, so the progress bar times articles, not model loading
    return LocalEngine(pipe)


class LocalEngine:
    """Checks in this process with one Pipeline; the next batch is read in a background thread meanwhile."""

    def __init__(self, pipe):
        self.pipe = pipe

    @property
    def risk_options(self) -> dict:
        return dict(self.pipe.profile.section("risk"))

    def check_batches(self, batches: Sequence[Sequence[ArticleRef]]) -> Iterator[tuple[list, list]]:
        """(loaded batch, one Report or exception per article), batch by batch in input order."""
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-read")
        try:
            nxt: Future | None = pool.submit(load_batch, batches[0]) if batches else None
            for b in range(len(batches)):
                loaded = nxt.result()
                nxt = pool.submit(load_batch, batches[b + 1]) if b + 1 < len(batches) else None
                yield loaded, check_loaded(self.pipe, [x for _, x in loaded])
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        pass


class _Run:
    """Per-run state: writes pages, results, errors, and the ranking/dashboard refreshes."""

    def __init__(self, cfg, risk_options: dict, out: OutputDir, rows: dict, errors: list, console, total: int):
        self.cfg, self.risk_options, self.out, self.rows, self.errors = cfg, risk_options, out, rows, errors
        self.console, self.total = console, total
        self.committed = 0  # articles whose result or error line is written, this run

    def commit_batch(self, loaded: list[tuple[ArticleRef, Any]], results: list, on_article: Callable[[], None]) -> int:
        """Commit one checked batch, article by article; returns how many were checked."""
        n = 0
        for (ref, _), result in zip(loaded, results):
            if isinstance(result, Exception):
                self.fail(ref, result)
            else:
                self.commit(ref, result)
                n += 1
            self.committed += 1
            on_article()
        return n

    def commit(self, ref: ArticleRef, report) -> None:
        """Page first, then the results line: the line is what marks the article done."""
        from ..report import render_html

        report = dataclasses.replace(report, article=dataclasses.replace(report.article, id=ref.id))
        if self.cfg.review_threshold is not None:
            report = dataclasses.replace(report, risk=self._risk(report))
        page = self.out.report_path(ref.id)
        atomic_write(page, render_html(report))
        d = report.to_dict()
        self.out.append_result(d)
        # ranked as read back from the line (rounded), as a resumed run will rank it
        self.rows[ref.id] = row_from_report(Report.from_dict(d), _rel(page, self.out.root))

    def _risk(self, report):
        from ..verify.aggregate import article_risk

        opts = self.risk_options
        return article_risk(report.claims, review_threshold=float(self.cfg.review_threshold),
                            contradiction_review=float(opts.get("contradiction_review", 0.5)))

    def fail(self, ref: ArticleRef, exc: BaseException) -> None:
        msg = str(exc) if isinstance(exc, InputError) else f"internal error: {type(exc).__name__}: {exc}"
        if not msg.startswith(ref.source):
            msg = f"{ref.source}: {msg}"
        self.out.append_error({"id": ref.id, "source": ref.source, "error": msg})
        self.errors.append(error_row(ref.id, ref.source, msg))
        self.console.print(f"claimcheck: error: {msg}", markup=False, highlight=False, soft_wrap=True)

    def refresh(self, done: bool) -> None:
        rows = [*self.rows.values(), *self.errors]
        atomic_write(self.out.root / RANKING, ranking_csv(rows))
        title = f"Triage of {Path(self.cfg.articles).name}"
        atomic_write(self.out.root / INDEX, render_dashboard(rows, total=self.total, title=title, done=done))


def rate_text(per_second: float) -> str:
    """Articles per second, or per minute when under one a second."""
    return f"{per_second:.2f} articles/s" if per_second >= 1 else f"{per_second * 60:.1f} articles/min"


def _rel(path: Path, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def run_rate(completed: float, elapsed: float | None) -> float | None:
    """Articles per second over the whole run so far. Batches finish several articles at once, so a
    recent-window speed (rich's default) jumps; the run average is what an ETA can rest on."""
    return completed / elapsed if completed and elapsed else None


def eta_text(total: float | None, completed: float, elapsed: float | None) -> str:
    rate = run_rate(completed, elapsed)
    if rate is None or total is None:
        return "-:--:--"
    secs = int(max(0.0, total - completed) / rate)
    return f"{secs // 3600}:{secs // 60 % 60:02d}:{secs % 60:02d}"


def _progress(console):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            speed = run_rate(task.completed, task.elapsed)
            return Text("-- articles/s" if speed is None else rate_text(speed))

    class Eta(ProgressColumn):
        def render(self, task) -> Text:
            return Text("ETA " + eta_text(task.total, task.completed, task.elapsed))

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(), Eta(), console=console)
