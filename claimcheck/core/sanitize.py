"""Text and JSON from users, made safe to process and to print.

`clean_text` drops control characters (NUL, ANSI escape sequences' ESC, C1 controls) so nothing a
user typed can reach a terminal or a report as a control sequence; `load_json` is the one JSON reader
for user input: a depth limit (no RecursionError), no lone surrogates (they cannot be written as UTF-8),
strings cleaned; every failure is an InputError naming where it happened.
"""
from __future__ import annotations

import json
import re
from typing import Any

from .errors import InputError, printable

MAX_JSON_DEPTH = 64  # articles, corpus lines, claims and request bodies are a handful of levels deep

# C0 controls but tab, newline, carriage return and form feed; DEL; C1 controls (U+0080-U+009F, 8-bit CSI)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_VTAB = re.compile(r"\x0b")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` without control characters (a vertical tab becomes a space); offsets are those of the result."""
    if _CONTROL.search(text) is not None:
        text = _CONTROL.sub("", text)
    if "\x0b" in text:
        text = _VTAB.sub(" ", text)
    return text


def check_unicode(text: str, where: str) -> None:
    """Refuse a lone surrogate (from a JSON escape such as "\\ud800" or a mis-decoded file name)."""
    m = _SURROGATE.search(text)
    if m is not None:
        raise InputError(f"{where}: holds a lone surrogate ({printable(m.group(0))} at character {m.start()}), "
                         "which is not valid Unicode text")


def load_json(text: str | bytes, where: str) -> Any:
    """Parse user JSON; InputError "<where>: ..." when it is invalid, nested deeper than MAX_JSON_DEPTH
    or holds a lone surrogate. Every string value is passed through clean_text."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputError(f"{where}: is not UTF-8 text (bad byte at offset {e.start})") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not valid JSON ({e.msg}, line {e.lineno} column {e.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply (the limit is {MAX_JSON_DEPTH} levels)") from None
    return _clean_tree(obj, where)


def _clean_tree(obj: Any, where: str) -> Any:
    """Check depth and strings without recursion; string values are cleaned in place."""
    if isinstance(obj, str):
        check_unicode(obj, where)
        return clean_text(obj)
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise InputError(f"{where}: JSON nested too deeply (the limit is {MAX_JSON_DEPTH} levels)")
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(value, str):
                check_unicode(value, where)
                cleaned = clean_text(value)
                if cleaned is not value:
                    node[key] = cleaned
            elif isinstance(value, (dict, list)):
                stack.append((value, depth + 1))
            if isinstance(key, str):
                check_unicode(key, where)
    return obj
