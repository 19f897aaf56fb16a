"""Errors a user can act on. The CLI prints them as one line and exits 2."""
from __future__ import annotations

import re

# what an error line never prints as itself: controls, newlines, lone surrogates
_SHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str, limit: int = 0) -> str:
    """One line safe for a terminal: newlines and other controls shown as escapes (\\n, \\x1b)."""
    out = _SHOWN.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
    return out if not limit or len(out) <= limit else out[: limit - 1] + "…"


class UserError(Exception):
    """Bad usage or bad input: one clear line, exit code 2.

    The message is always one printable line: newlines and control characters from user input (a file
    name, a JSON value) are shown as escapes, so an error can never move the cursor or inject a line."""

    exit_code = 2

    def __str__(self) -> str:
        return printable(super().__str__(), 2000)


class InputError(UserError):
    """An input file or stream that cannot be used (missing, empty, binary, bad encoding, malformed)."""


class ModelNotAvailable(UserError):
    """A profile names a model whose weights are not on this machine."""


class UnknownProfile(UserError):
    """No models/<name>.toml and no file at that path."""


class IndexMismatch(UserError):
    """An index was built with another embedder or is damaged."""
