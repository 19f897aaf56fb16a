"""Numbers read from CLAIMCHECK_* environment variables, validated like any other user input.

A limit is a whole positive number ("20000", "20_000" is not one, nor "1e5", "-5" or "abc"). Modules
read their limit once at import with `limit()`, which falls back to the default on a bad value so an
import never fails; every command calls `check_environment()` first, which turns a bad value into one
clear line and exit 2 before any work.
"""
from __future__ import annotations

import os

from .errors import UserError, printable

# variable -> default; the limits every entry point applies (claimcheck.core.io, claimcheck.core.limits)
LIMITS = {
    "CLAIMCHECK_MAX_INPUT_BYTES": 20 * 1024 * 1024,
    "CLAIMCHECK_MAX_ARTICLE_CHARS": 200_000,
    "CLAIMCHECK_MAX_QUERY_CHARS": 10_000,
    "CLAIMCHECK_MAX_CLAIMS": 100_000,  # claims one `claimcheck verify` run accepts
}


def parse_positive(value: str) -> int | None:
    """A whole number of 1 or more written in decimal digits, else None."""
    value = value.strip()
    if not value.isascii() or not value.isdigit():
        return None
    n = int(value)
    return n if n >= 1 else None


def limit(name: str) -> int:
    """The value of limit `name` (one of LIMITS): the environment's if valid, else the default."""
    raw = os.environ.get(name)
    n = parse_positive(raw) if raw is not None and raw.strip() else None
    return n if n is not None else LIMITS[name]


def check_environment() -> None:
    """Refuse (UserError) a CLAIMCHECK_* limit that is set but is not a whole number of 1 or more."""
    for name in LIMITS:
        raw = os.environ.get(name)
        if raw is not None and raw.strip() and parse_positive(raw) is None:
            raise UserError(f"{name}={printable(raw, 40)!s}: give a whole number of 1 or more "
                            f"(the default is {LIMITS[name]})")
