"""The summarizer interface, its result type and the backend registry."""
from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..core.errors import UserError
from ..runtime.roles import RoleConfig
from ..core.types import Article


@dataclass(frozen=True)
class Draft:
    """A summary before it is checked against the article.

    `sentences` is what the pipeline checks one by one; `text` is them joined. `sentence_indices`
    points into `Article.sentences` for extractive drafts (empty for generated ones).
    """

    text: str
    sentences: tuple[str, ...]
    model: str
    sentence_indices: tuple[int, ...] = ()


class Summarizer(ABC):
    """One batch method; `summarize` is the single-article helper."""

    name: str = ""

    @abstractmethod
    def summarize_many(self, articles: Sequence[Article]) -> list[Draft]:
        """One Draft per article, in input order."""

    def summarize(self, article: Article) -> Draft:
        return self.summarize_many([article])[0]


Factory = Callable[[RoleConfig, str, Any], Summarizer]
_BACKENDS: dict[str, Factory] = {}


_OPTIONS: dict[str, Callable[[], type]] = {}


def register_backend(name: str, factory: Factory, options: Callable[[], type] | None = None) -> None:
    """Make `name` usable as `backend` in a profile's [summarizer] section; `options` returns the
    backend's options dataclass (imported only when asked for)."""
    _BACKENDS[name] = factory
    if options is not None:
        _OPTIONS[name] = options


def backend_options(name: str) -> tuple[str, ...] | None:
    """The [summarizer] keys backend `name` reads; None if unknown or if it declares none."""
    cls = _OPTIONS.get(name)
    return tuple(f.name for f in dataclasses.fields(cls())) if cls is not None else None


def backends() -> list[str]:
    return sorted(_BACKENDS)


def get_summarizer(cfg: RoleConfig, device: str = "cpu", embedder: Any = None) -> Summarizer:
    """The summarizer a profile's [summarizer] section names. `embedder` is reused when given."""
    factory = _BACKENDS.get(cfg.backend)
    if factory is None:
        raise UserError(f"unknown summarizer backend '{cfg.backend}' (known: {', '.join(backends())})")
    return factory(cfg, device, embedder)


def parse_options(cls: type, options: dict[str, Any], backend: str):
    """Build the frozen options dataclass `cls` from a profile's options, checking names and types."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(options) - set(fields))
    if unknown:
        raise UserError(
            f"unknown option(s) {', '.join(unknown)} for summarizer backend '{backend}' "
            f"(known: {', '.join(sorted(fields))})"
        )
    values = {}
    for key, value in options.items():
        default = fields[key].default
        kind = type(default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if default is not None and not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise UserError(f"summarizer option '{key}' must be {kind.__name__}, got {value!r}")
        values[key] = value
    return cls(**values)
