"""The claimcheck command line: a thin typer app. Heavy imports live inside the commands."""
from __future__ import annotations

import os
import sys

import typer

app = typer.Typer(
    name="claimcheck",
    help="Check a news article against a reference corpus: claims, summary, evidence, verdicts. Runs offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options(
    threads: int = typer.Option(None, "--threads", min=1, show_default=False,
                                help="CPU threads for the models (env CLAIMCHECK_THREADS; default: all this process may use)."),
) -> None:
    """Check a news article against a reference corpus: claims, summary, evidence, verdicts. Runs offline."""
    if threads:
        os.environ["CLAIMCHECK_THREADS"] = str(threads)  # read by claimcheck.runtime.compute.threads()


_registered = False


def _register() -> typer.Typer:
    """Add every command module's commands to the app (once) and return it."""
    global _registered
    if not _registered:
        from . import (bench_cmd, check_cmd, eval_cmd, feedback_cmd, index_cmd, models_cmd, serve_cmd, train_cmd,
                       triage_cmd)
        from .common import wrap_commands

        for mod in (check_cmd, models_cmd, index_cmd, triage_cmd, eval_cmd, bench_cmd, train_cmd, serve_cmd,
                    feedback_cmd):
            mod.register(app)
        wrap_commands(app)
        _registered = True
    return app


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 2; bugs exit 1."""
    from ..core.errors import UserError

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # our own progress bars only
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import warnings

    warnings.filterwarnings("ignore", category=FutureWarning)  # library deprecation notes are not for users
    warnings.filterwarnings("ignore", message="The given NumPy array is not writable")
    try:
        from typer._click import exceptions as click  # typer vendors its own click
    except ImportError:  # pragma: no cover - older typer
        from click import exceptions as click

    from ..core.errors import printable

    _register()
    try:
        rc = app(standalone_mode=False)  # usage errors come back here, to be printed as one line
        sys.stdout.flush()  # here, where a closed pipe can still be caught, not at interpreter exit
    except getattr(click, "NoArgsIsHelpError", ()) as e:  # click >= 8.2
        e.show()
        sys.exit(2)
    except click.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "claimcheck"
        print(f"claimcheck: error: {printable(e.format_message())} (see {where} --help)", file=sys.stderr)
        sys.exit(2)
    except click.ClickException as e:
        print(f"claimcheck: error: {printable(e.format_message())}", file=sys.stderr)
        sys.exit(e.exit_code)
    except typer.Abort:
        print("claimcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except UserError as e:
        print(f"claimcheck: error: {printable(str(e))}", file=sys.stderr)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # stdout's reader went away: end quietly (see common.closed_pipe)
        from .common import CLOSED_PIPE, silence_stdout

        silence_stdout()
        sys.exit(CLOSED_PIPE)
    except Exception as e:
        from ..core.writing import write_error

        err = write_error(e, getattr(e, "filename", None) or "cannot write")  # a full disk, a read-only place
        if err is not None:
            print(f"claimcheck: error: {printable(str(err))}", file=sys.stderr)
            sys.exit(err.exit_code)
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        print(f"claimcheck: internal error: {type(e).__name__}: {printable(str(e), 500)} (set CLAIMCHECK_DEBUG=1 for a traceback)",
              file=sys.stderr)
        sys.exit(1)
    if rc == 130:
        print("claimcheck: interrupted", file=sys.stderr)
    sys.exit(rc if isinstance(rc, int) and not isinstance(rc, bool) else 0)
