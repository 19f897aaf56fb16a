"""seeds/newsdev's NLI pairs (swaps.jsonl): the `swap` kind of each pair, beside read_pairs_jsonl.

swaps.jsonl is an ordinary pairs file ({"premise","hypothesis","label"} plus "swap" and "group"), so
claimcheck.datasets.nli.read_pairs_jsonl reads its pairs; `pair_tags` reads one extra field per pair,
in the same order, so `eval nli` can break its figures down by that field (see seeds/newsdev/README.md).
"""
from __future__ import annotations

from pathlib import Path

from claimcheck.errors import InputError
from claimcheck.io import decode_text, iter_jsonl

SWAP_FIELD = "swap"


def pair_tags(path: str | Path, key: str = SWAP_FIELD) -> list[str]:
    """The string `key` of every pair line of a pairs file, in file order ("" where absent or null).

    Aligned with read_pairs_jsonl (one entry per non-blank line); InputError names file:LINE when the
    value is not a string.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    tags = []
    for n, row in iter_jsonl(decode_text(p.read_bytes(), str(p)), str(p)):
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{p}:{n}: {key!r} must be a string or null")
        tags.append(value or "")
    return tags
