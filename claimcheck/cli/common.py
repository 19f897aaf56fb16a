"""Options every command shares, so names and help texts never drift apart."""
from __future__ import annotations

from typing import Optional

import typer

ProfileOpt = typer.Option(None, "--profile", "-p", help="Model profile: a name in models/ or a .toml path (env CLAIMCHECK_PROFILE; default offline).")
DeviceOpt = typer.Option(None, "--device", help="auto, cpu or cuda (env CLAIMCHECK_DEVICE; default auto).")
CorpusOpt = typer.Option(..., "--corpus", "-c", help="Reference corpus: a folder of .txt/.md/.docx/.pdf files, a .jsonl file, or an index folder.")
TopKOpt = typer.Option(5, "--top-k", "-k", min=1, max=100, help="Passages retrieved per claim.")
def _check_output(value: Optional[str]) -> Optional[str]:
    """--output is checked when the command line is read, before any model loads or work starts."""
    if value and value != "-":
        from ..core.errors import UserError
        from ..core.io import check_output

        try:
            check_output(value)
        except UserError as e:
            _fail(e)
    return value


OutputOpt = typer.Option(None, "--output", "-o", callback=_check_output,
                         help="Write to this file (atomically) instead of stdout; checked before any work.")

OptStr = Optional[str]


def _check_engine(value: str) -> str:
    """--engine is checked when the command line is read: ray without the ray extra is one line, exit 2."""
    from ..core.errors import UserError

    try:
        from ..cluster import check_engine

        return check_engine(value)
    except UserError as e:
        _fail(e)


EngineOpt = typer.Option("local", "--engine", callback=_check_engine,
                         help="local (this process) or ray (Ray workers, one model set each; the ray extra).")
AddressOpt = typer.Option(None, "--address", help="--engine ray: a running Ray cluster (auto, ray://HOST:PORT); "
                          "default: a local Ray runtime on this machine's CPUs.")


def handle_errors(func):
    """Turn a UserError into one line on stderr and exit code 2, the same under CliRunner and main()."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ..core.env import check_environment
        from ..core.errors import UserError
        from ..core.writing import refuse_overwriting_inputs, write_error

        try:
            check_environment()  # a bad CLAIMCHECK_* limit is one line before any work
            refuse_overwriting_inputs(kwargs.get("output"), {k: v for k, v in kwargs.items() if k != "output"})
            return func(*args, **kwargs)
        except UserError as e:
            _fail(e)
        except BrokenPipeError:
            closed_pipe()
        except OSError as e:  # a full disk, a read-only place, no permission: the user's to fix, not a bug
            err = write_error(e, e.filename if isinstance(e.filename, str) else "cannot write")
            if err is None:
                raise
            _fail(err)

    return wrapper


def closed_pipe() -> None:
    """stdout's reader went away (`claimcheck claims x | head -1`): stop quietly with 141 (128 + SIGPIPE), as
    a killed-by-SIGPIPE tool would; stdout is pointed at /dev/null so the final flush cannot fail again."""
    silence_stdout()
    raise typer.Exit(CLOSED_PIPE)


CLOSED_PIPE = 141


def silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null (the reader of a pipe has gone)."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _fail(e) -> None:
    """A UserError as one line on stderr and its exit code (2)."""
    import sys

    print(f"claimcheck: error: {e}", file=sys.stderr)
    raise typer.Exit(e.exit_code) from None


def wrap_commands(app: typer.Typer) -> None:
    """Apply handle_errors to every command of the app and of its sub-apps."""
    for cmd in app.registered_commands:
        if cmd.callback is not None and not getattr(cmd.callback, "__wrapped__", None):
            cmd.callback = handle_errors(cmd.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            wrap_commands(group.typer_instance)
