"""`claimcheck feedback list|export|import`: the editors' decisions that `serve` stored (claimcheck.feedback)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

feedback_app = typer.Typer(help="Editors' decisions on verdicts, stored by `claimcheck serve`: counts, exports for "
                                "training and evaluation, merging another desk's file.", no_args_is_help=True)

DbOpt = typer.Option(None, "--db", metavar="PATH", help="The feedback file (default CLAIMCHECK_HOME/feedback.sqlite, "
                                                        "what `serve` writes unless given --feedback PATH).")


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    pairs = "pairs"
    claims = "claims"


def _open(db: Optional[Path], create: bool = False):
    from ..feedback import FeedbackStore, default_path

    return FeedbackStore(db if db is not None else default_path(), create=create)


@feedback_app.command("list")
def list_(db: Optional[Path] = DbOpt,
          format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table or json.")) -> None:
    """Counts: decisions, claims, right / wrong, and how many of each verdict change (last decision per claim)."""
    import json

    from ..feedback.export import summary

    with _open(db) as store:
        s = summary(list(store.rows()))
    if format == ListFormat.json:
        typer.echo(json.dumps(s, indent=2))
        return
    typer.echo(f"{s['rows']} decisions on {s['claims']} claims of {s['articles']} articles: "
               f"{s['right']} right, {s['wrong']} wrong")
    for change, n in s["changes"].items():
        typer.echo(f"  {n:6d}  {change}")


@feedback_app.command("export")
def export(
    out: Path = typer.Option(..., "--out", "-o", help="pairs: a .jsonl file; claims: a folder (absent or empty)."),
    format: ExportFormat = typer.Option(ExportFormat.pairs, "--format", "-f", help="pairs: {premise, hypothesis, label} lines for `train verifier --data`; claims: claims.jsonl + corpus.jsonl for `eval verify --dataset`."),
    db: Optional[Path] = DbOpt,
) -> None:
    """Export the last decision on each claim, as NLI training pairs or as a claims folder."""
    from ..feedback.export import write_claims_folder, write_pairs

    with _open(db) as store:
        rows = list(store.rows())
    if format == ExportFormat.pairs:
        n = write_pairs(rows, out)
        typer.echo(f"wrote {n} pairs to {out}", err=True)
    else:
        n_claims, n_docs = write_claims_folder(rows, out)
        typer.echo(f"wrote {n_claims} claims and {n_docs} passages to {out}", err=True)


@feedback_app.command("import")
def import_(other: Path = typer.Argument(..., help="Another desk's feedback file."), db: Optional[Path] = DbOpt) -> None:
    """Merge another desk's feedback file into this one; a decision already here (same content hash) is skipped."""
    from ..feedback import FeedbackStore

    with FeedbackStore(other, create=False) as theirs, _open(db, create=True) as mine:
        added, dup = mine.merge(theirs)
    typer.echo(f"imported {added} decisions from {other} ({dup} already here)", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(feedback_app, name="feedback")
