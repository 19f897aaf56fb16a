"""eval: offline evaluation on public benchmarks (`eval nli|verify|retrieve|summarize|faithfulness|claims|all|report`)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup

from .common import AddressOpt, DeviceOpt, EngineOpt, OutputOpt, ProfileOpt, wrap_commands

class EvalFormat(str, Enum):
    table = "table"
    json = "json"


DatasetOpt = typer.Option(None, "--dataset", "-d", help=("Data root or one set's folder; for verify also a claims folder (claims.jsonl + corpus.jsonl) or a .jsonl "
                                   "of NLI pairs (premises become the corpus); for nli a .jsonl of pairs. "
                                   "Default ../shared/data or $CLAIMCHECK_DATA."))
SplitOpt = typer.Option(None, "--split", "-s", help="Evaluate only this set (default: every set of the task).")
LimitOpt = typer.Option(None, "--limit", "-n", min=1, help="Only the first N items of each set, in file order (a smoke run).")
FormatOpt = typer.Option(EvalFormat.table, "--format", "-f", help="table: a table on stdout; json: the result JSON on stdout (table on stderr).")
TopKOpt = typer.Option(5, "--top-k", "-k", min=1, max=100, help="Passages retrieved per claim (verify).")
ProgressOpt = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")
WorkersOpt = typer.Option(0, "--workers", "-w", min=0, help="--engine ray: workers, each with its own models (0 = one per CPU).")


def _context(profile, device, limit, top_k, progress, engine="local", address=None, workers=0):
    import sys

    from ..research.evaluate import EvalContext
    from ..profiles import resolve_device

    show = sys.stderr.isatty() if progress is None else progress
    return EvalContext(profile=profile, device=resolve_device(device), limit=limit, top_k=top_k, progress=show,
                       engine=engine, address=address, workers=workers)


def _show(results, to_stderr: bool) -> None:
    from rich.console import Console

    from ..research.evaluate.report import rich_table

    Console(stderr=to_stderr, width=160).print(rich_table(results))


def run_task(task: str, dataset, split, limit, device, profile, output, format, top_k, progress,
             engine="local", address=None, workers=0) -> None:
    """Evaluate one task, show its table and write/print its JSON."""
    from ..research.evaluate import get_evaluator, result_json, run_evaluator, write_result

    evaluator = get_evaluator(task)
    ctx = _context(profile, device, limit, top_k, progress, engine, address, workers)
    try:
        result = run_evaluator(evaluator, ctx, dataset, split)
    finally:
        ctx.close()
    if output:
        write_result(result, output)
    json_out = format is EvalFormat.json and not output
    _show([result], to_stderr=bool(output) or json_out)
    if json_out:
        typer.echo(result_json(result), nl=False)


def _task_command(task: str, doc: str):
    def command(
        dataset: Optional[str] = DatasetOpt,
        split: Optional[str] = SplitOpt,
        limit: Optional[int] = LimitOpt,
        device: Optional[str] = DeviceOpt,
        profile: Optional[str] = ProfileOpt,
        output: Optional[str] = OutputOpt,
        format: EvalFormat = FormatOpt,
        top_k: int = TopKOpt,
        progress: Optional[bool] = ProgressOpt,
        engine: str = EngineOpt,
        address: Optional[str] = AddressOpt,
        workers: int = WorkersOpt,
    ) -> None:
        run_task(task, dataset, split, limit, device, profile, output, format, top_k, progress, engine, address, workers)

    command.__name__ = f"eval_{task}"
    command.__doc__ = doc
    return command


class _TaskGroup(TyperGroup):
    """`eval`'s commands: one per task of the registry (kind "eval"), then `all` and `report`. The tasks are
    read when `eval` itself runs, so that no other command loads research."""

    _loaded = False

    def _add_tasks(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        from ..core import registry
        from ..research import evaluate  # noqa: F401  (registers the tasks)

        tasks = typer.Typer()
        for task in registry.backends("eval", in_order=True):
            tasks.command(task.name)(_task_command(task.name, task.doc))
        wrap_commands(tasks)
        self.commands = {**typer.main.get_group(tasks).commands, **self.commands}

    def list_commands(self, ctx):
        self._add_tasks()
        return list(self.commands)

    def get_command(self, ctx, cmd_name):
        self._add_tasks()
        return super().get_command(ctx, cmd_name)


def eval_all(
    dataset: Optional[str] = typer.Option(None, "--dataset", "-d", help="Data root; default ../shared/data or $CLAIMCHECK_DATA."),
    limit: Optional[int] = LimitOpt,
    device: Optional[str] = DeviceOpt,
    profile: Optional[str] = ProfileOpt,
    output_dir: Optional[Path] = typer.Option(None, "--output-dir", "-o", help="Write <task>.json for each task and report.md here."),
    top_k: int = TopKOpt,
    progress: Optional[bool] = ProgressOpt,
    engine: str = EngineOpt,
    address: Optional[str] = AddressOpt,
    workers: int = WorkersOpt,
) -> None:
    """Run every task in turn (models load once), then print the Markdown report."""
    import sys

    from ..core.errors import UserError
    from ..research.evaluate import TASKS, get_evaluator, run_evaluator, write_result
    from ..research.evaluate.report import markdown_report

    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    ctx = _context(profile, device, limit, top_k, progress, engine, address, workers)
    results, failed = [], []
    for task in TASKS:
        evaluator = get_evaluator(task)
        try:
            result = run_evaluator(evaluator, ctx, _dataset_for(evaluator, dataset), None)
        except UserError as e:
            print(f"claimcheck: eval {task} skipped: {e}", file=sys.stderr)
            failed.append(task)
            continue
        except BaseException:
            ctx.close()
            raise
        results.append(result)
        _show([result], to_stderr=True)
        if output_dir is not None:
            write_result(result, output_dir / f"{task}.json")
    ctx.close()
    if results:
        text = markdown_report(results)
        if output_dir is not None:
            from ..core.io import atomic_write

            atomic_write(output_dir / "report.md", text)
        typer.echo(text, nl=False)
    if failed:
        raise typer.Exit(2)


def _dataset_for(evaluator, dataset):
    """A data root given to `eval all` is no place for a task whose gold is kept in the repo (eval claims):
    such a task keeps its default unless the folder holds its own layout."""
    if dataset is None or getattr(evaluator, "default_root", None) is None:
        return dataset
    base = Path(dataset)
    holds = any((base / s.folder / s.marker).exists() or (base / s.marker).exists() for s in evaluator.specs)
    return dataset if holds else None


def eval_report(
    files: List[str] = typer.Argument(..., help="Result files written by `claimcheck eval ... --output`."),
    output: Optional[str] = OutputOpt,
) -> None:
    """Gather result files into one Markdown table, each row beside its published reference points."""
    from ..research.evaluate import read_result
    from ..research.evaluate.report import markdown_report
    from ..core.io import emit

    emit(markdown_report([read_result(f) for f in files]), output)


def register(app: typer.Typer) -> None:
    eval_app = typer.Typer(
        help=(
            "Offline evaluation on public benchmarks (data in ../shared/data). Each task prints a table; "
            "--output writes JSON {task, dataset, split, n, metrics, primary_metric, models, device, seconds}."
        ),
        no_args_is_help=True,
        cls=_TaskGroup,
    )
    eval_app.command("all")(eval_all)
    eval_app.command("report")(eval_report)
    app.add_typer(eval_app, name="eval")
