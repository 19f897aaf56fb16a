"""One registry: every backend of every model role, and every settings table of a profile, with typed options.

A backend registers a name, an `Options` dataclass (field names, types, defaults and, in field metadata, a doc
line each: see `option`) and a factory `(role_config, options, device, **deps) -> part`:

    @dataclass(frozen=True)
    class RulesOptions:
        min_words: int = option(3, "shortest claim kept, in words")

    @register("claims", "rules", RulesOptions, "dependency-parse rules (spaCy)")
    def _rules(cfg, options, device, **deps):
        from .rules import RulesExtractor          # heavy code is imported by the factory, not at registration
        return RulesExtractor(cfg, options)

Research registers under two more kinds with the same call: "eval" (each `claimcheck eval` task; the factory
`(options) -> Evaluator`) and "bench" (each `claimcheck bench` benchmark; the factory `(options, profile,
device) -> figures`). Their registrations live in claimcheck.research, which the product never imports.

A profile table that is not a role ([judge], [rationale], [retrieval], [risk]) registers its Options class with
`register_section`. `parse_options` checks a table against an Options class, names and types, with one line per
error; Components runs it over a whole profile before any weights load. This module imports nothing of
claimcheck but errors, so every stage can register here.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable, Literal

from .errors import UserError

Factory = Callable[..., Any]


def option(default: Any, doc: str) -> Any:
    """A dataclass field with its default and the one-line doc `claimcheck models` shows."""
    return dataclasses.field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Backend:
    role: str
    name: str
    options: type
    factory: Factory
    doc: str = ""

    def build(self, cfg: Any, device: str = "cpu", **deps: Any) -> Any:
        """The part `cfg` (a RoleConfig of this backend) describes, its options checked first."""
        return self.factory(cfg, parse_options(self.options, cfg.options, f"[{self.role}]"), device, **deps)


_BACKENDS: dict[str, dict[str, Backend]] = {}
_SECTIONS: dict[str, type] = {}


def register(role: str, name: str, options: type, doc: str = "") -> Callable[[Factory], Factory]:
    """Decorator: make `factory` backend `name` of `role`; built-in backends use it as any other would."""

    def deco(factory: Factory) -> Factory:
        _BACKENDS.setdefault(role, {})[name] = Backend(role, name, options, factory, doc)
        return factory

    return deco


def register_section(name: str) -> Callable[[type], type]:
    """Class decorator: the Options class of a profile's [name] table."""

    def deco(cls: type) -> type:
        _SECTIONS[name] = cls
        return cls

    return deco


def backend(role: str, name: str, what: str = "") -> Backend:
    """The backend `name` of `role`; an unknown name is one line naming the known ones (`what` says what is
    looked up, e.g. "eval task"; default "<role> backend")."""
    known = _BACKENDS.get(role, {})
    if name not in known:
        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise UserError(f"unknown {what or role + ' backend'} '{name}' (known: {', '.join(sorted(known)) or 'none'}){hint}")
    return known[name]


def backends(role: str, in_order: bool = False) -> list[Backend]:
    """The backends of `role` by name, or with `in_order` in the order they registered (eval tasks run so)."""
    known = _BACKENDS.get(role, {})
    return list(known.values()) if in_order else [b for _, b in sorted(known.items())]


def roles() -> list[str]:
    return sorted(_BACKENDS)


def section(name: str) -> type | None:
    """The Options class of the profile table [name], None for a table no module registered."""
    return _SECTIONS.get(name)


def sections() -> dict[str, type]:
    return dict(sorted(_SECTIONS.items()))


# ---------------------------------------------------------------- options: names, types, docs

@dataclass(frozen=True)
class OptionInfo:
    name: str
    type: str
    default: Any
    doc: str


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _base(hint: Any) -> Any:
    """`float | None` -> float (TOML has no null); other hints as they are."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else hint
    return hint


def _type_name(hint: Any) -> str:
    hint = _base(hint)
    if typing.get_origin(hint) is Literal:
        return " | ".join(json.dumps(a) for a in typing.get_args(hint))
    return getattr(hint, "__name__", str(hint))


def describe(cls: type) -> list[OptionInfo]:
    """Each option of an Options class: name, type, default and doc, in declaration order."""
    hints = _hints(cls)
    return [OptionInfo(f.name, _type_name(hints[f.name]), f.default, f.metadata.get("doc", ""))
            for f in dataclasses.fields(cls) if f.init]


def _expected(hint: Any) -> str:
    hint = _base(hint)
    if typing.get_origin(hint) is Literal:
        return "one of " + ", ".join(json.dumps(a) for a in typing.get_args(hint))
    return {bool: "true or false", int: "an integer", float: "a number", str: "a string"}.get(hint, _type_name(hint))


def _typed(hint: Any, value: Any) -> tuple[bool, Any]:
    """(whether `value` fits `hint`, the value to use): ints are accepted for floats, bools are strict."""
    hint = _base(hint)
    if typing.get_origin(hint) is Literal:
        return value in typing.get_args(hint) and not isinstance(value, bool), value
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return ok, float(value) if ok else value
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool), value
    if hint in (bool, str):
        return isinstance(value, hint), value
    return True, value


def unknown_key(where: str, given: Any, known: Any, what: str = "option") -> None:
    """One line for keys no one reads (a typo would otherwise run with the default): the first one, its close
    match, the others, and the known keys."""
    known = tuple(known)
    unknown = sorted(set(given) - set(known))
    if not unknown:
        return
    key = unknown[0]
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    more = f" (and {', '.join(unknown[1:])})" if len(unknown) > 1 else ""
    raise UserError(f"{where} has unknown {what} '{key}'{hint}{more}; known: {', '.join(sorted(known))}")


def parse_options(cls: type, given: dict[str, Any], where: str) -> Any:
    """An instance of the Options class `cls` from a profile table, names and types checked.

    `where` starts each error line, e.g. "profile models/x.toml: [judge]"."""
    hints = _hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    unknown_key(where, given, names)
    values = {}
    for key, value in given.items():
        ok, typed = _typed(hints[key], value)
        if not ok:
            raise UserError(f"{where} option '{key}' must be {_expected(hints[key])}, not {json.dumps(value, default=str)}")
        values[key] = typed
    return cls(**values)
