"""check, claims, summarize, verify: the single-article commands."""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Optional

import typer

from .common import CorpusOpt, DeviceOpt, OutputOpt, ProfileOpt, TopKOpt

ArticleArg = typer.Argument(..., help="Article file (.txt, .md, .html, .json, .docx, .pdf) or - for stdin.")


class ReportFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"


class ClaimsFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


class VerifyFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


class SummaryFormat(str, Enum):
    text = "text"
    json = "json"


def _stderr():
    from rich.console import Console

    return Console(stderr=True)


def _load(article: str, profile: Optional[str], device: Optional[str], corpus: Optional[str] = None, top_k: int = 5):
    """Validate the input first (cheap), then build the pipeline: bad input never waits for models."""
    from ..core.io import read_text
    from ..text.markup import check_raw_article
    from ..pipeline import Pipeline

    inp = read_text(article)
    check_raw_article(inp.text, inp.name)
    pipe = Pipeline.create(profile, device, corpus=corpus, top_k=top_k)
    return inp, pipe


DateOpt = typer.Option(
    None, "--date", metavar="YYYY-MM-DD",
    help="The article's date (the claims' date for verify): anchors 'on Wednesday', 'last year' and the events the "
         "claims state, so passages about another edition of an event cannot decide them. Without it: the file's "
         "metadata or dateline, else inferred from the corpus (check), else claims are anchored only by their own dates.")


def _check_date(value: Optional[str]):
    """--date as a date, or None; a value that is no YYYY-MM-DD date is a usage error (exit 2)."""
    if value is None:
        return None
    from ..timeline import article_date

    return article_date("", "txt", "", value)[0]


def check(
    article: str = ArticleArg,
    corpus: str = CorpusOpt,
    format: ReportFormat = typer.Option(ReportFormat.json, "--format", "-f", help="json (schema v1), md or html."),
    output: Optional[str] = OutputOpt,
    top_k: int = TopKOpt,
    title: Optional[str] = typer.Option(None, "--title", help="Article title, when the file has none."),
    date: Optional[str] = DateOpt,
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Summarize an article, extract its claims and check each against the corpus."""
    from ..core.io import emit

    _check_date(date)
    inp, pipe = _load(article, profile, device, corpus, top_k)
    pipe.index_progress = sys.stderr.isatty()
    _ = pipe.retriever  # build or open the index first (its own progress bar): a bad corpus fails before model work
    with _stderr().status("checking article ...", spinner="dots"):
        report = pipe.check(inp.text, name=inp.name, path=inp.path, title=title, date=date)
    if format is ReportFormat.json:
        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    elif format is ReportFormat.md:
        from ..report import render_markdown

        text = render_markdown(report)
    else:
        from ..report import render_html

        text = render_html(report)
    emit(text, output)


def claims(
    article: str = ArticleArg,
    format: ClaimsFormat = typer.Option(ClaimsFormat.json, "--format", "-f", help="json, jsonl or text."),
    output: Optional[str] = OutputOpt,
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Split an article into atomic, self-contained claims."""
    from ..core.io import emit

    inp, pipe = _load(article, profile, device)
    art, doc = pipe.read_article(inp.text, name=inp.name, path=inp.path)
    found = pipe.extract_claims(art, doc)
    rows = [c.to_dict() for c in found]
    if format is ClaimsFormat.text:
        text = "\n".join(f"{r['id']}\t{'' if r['checkworthy'] else '(not check-worthy) '}{r['text']}" for r in rows)
    elif format is ClaimsFormat.jsonl:
        text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    else:
        text = json.dumps({"article": {"id": art.id, "title": art.title, "n_sentences": len(art.sentences)}, "claims": rows}, ensure_ascii=False, indent=2)
    emit(text, output)


def summarize(
    article: str = ArticleArg,
    format: SummaryFormat = typer.Option(SummaryFormat.text, "--format", "-f", help="text or json."),
    output: Optional[str] = OutputOpt,
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Summarize an article and flag summary sentences the article does not support."""
    from ..core.io import emit

    inp, pipe = _load(article, profile, device)
    art, _ = pipe.read_article(inp.text, name=inp.name, path=inp.path)
    summary = pipe.summarize(art)
    if format is SummaryFormat.json:
        text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)
    else:
        text = "\n".join(s.text if s.flag == "ok" else f"[{s.flag}] {s.text}" for s in summary.sentences)
    emit(text, output)


def verify(
    claims_file: str = typer.Argument(..., metavar="CLAIMS", help=".jsonl with {\"id\", \"claim\"} per line, a .txt with one claim per line, or - for stdin."),
    corpus: str = CorpusOpt,
    format: VerifyFormat = typer.Option(VerifyFormat.jsonl, "--format", "-f", help="jsonl (one line per claim) or json."),
    output: Optional[str] = OutputOpt,
    out: Optional[str] = typer.Option(
        None, "--out", metavar="FILE.jsonl",
        help="Append one JSON line per claim as it is judged (flushed row by row); a rerun skips the claims already "
             "in FILE, so a killed run resumes. A claim is known by its input \"id\", else by the SHA-256 of its text."),
    top_k: int = TopKOpt,
    date: Optional[str] = DateOpt,
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Verify claims given directly; output follows input order."""
    from pathlib import Path

    from ..core.io import read_claims
    from ..core.limits import check_claims_count
    from ..pipeline import Pipeline
    from ..verify.stream import ProgressLines, plan_resume, verify_rows

    day = _check_date(date)
    target = _check_verify_out(out, output, format, claims_file, corpus)
    items = read_claims(claims_file)
    check_claims_count(len(items), "stdin" if claims_file == "-" else Path(claims_file).name)
    skipped = 0
    if target is not None:
        items, skipped = plan_resume(items, target)
        if not items:
            print(f"claimcheck: all {skipped:,} claims are already in {out}; nothing to verify", file=sys.stderr)
            return
    pipe = Pipeline.create(profile, device, corpus=corpus, top_k=top_k)
    pipe.index_progress = sys.stderr.isatty()
    _ = pipe.retriever

    def judge(texts):
        return [j.to_dict() for j in pipe.verify_texts(list(texts), article_date=day)]

    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(console=_stderr(), transient=True) as bar:
            task = bar.add_task("verifying claims", total=len(items) + skipped, completed=skipped)
            rows = verify_rows(items, judge, advance=lambda n: bar.advance(task, n))
            _write_verify_rows(rows, target, output, format)
    else:
        lines = ProgressLines(len(items), skipped)
        _write_verify_rows(verify_rows(items, judge, advance=lines.advance), target, output, format)
        lines.finish()


def _check_verify_out(out: Optional[str], output: Optional[str], format: VerifyFormat, claims_file: str, corpus: str):
    """--out as a Path after its checks (before any work), or None."""
    if out is None:
        return None
    import os
    from pathlib import Path

    from ..core.errors import UserError

    if output:
        raise UserError("give --out FILE.jsonl (appended, resumable) or --output FILE (written whole), not both")
    if format is not VerifyFormat.jsonl:
        raise UserError("--out appends JSON lines; --format json cannot be appended to (use --output)")
    target = Path(out).expanduser()
    if not target.parent.is_dir():
        raise UserError(f"--out {out}: its folder does not exist")
    for name, value in (("CLAIMS", claims_file), ("--corpus", corpus)):
        try:
            if value != "-" and target.exists() and os.path.samefile(value, target):
                raise UserError(f"--out {out}: is the {name} input; appending there would damage it")
        except OSError:
            pass
    return target


def _write_verify_rows(rows, target, output: Optional[str], format: VerifyFormat) -> None:
    """Rows appended to --out as they come, or gathered and printed (stdout or --output) at the end."""
    from ..core.io import emit
    from ..verify.stream import append_rows

    if target is not None:
        append_rows(target, rows)
        return
    rows = list(rows)
    if format is VerifyFormat.jsonl:
        text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    else:
        text = json.dumps(rows, ensure_ascii=False, indent=2)
    emit(text, output)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("claims")(claims)
    app.command("summarize")(summarize)
    app.command("verify")(verify)
