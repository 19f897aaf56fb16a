"""The summarizer interface and its result type; backends register in claimcheck.core.registry."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Sequence

from ..core import registry
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


def backends() -> list[str]:
    return [b.name for b in registry.backends("summarizer")]


def get_summarizer(cfg: RoleConfig, device: str = "cpu", embedder: Any = None) -> Summarizer:
    """The summarizer a profile's [summarizer] section names. `embedder` is reused when given."""
    return registry.backend("summarizer", cfg.backend).build(cfg, device, embedder=embedder)
