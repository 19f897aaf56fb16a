"""The models and indexes `claimcheck serve` loads once, and one check at a time through them."""
from __future__ import annotations

import logging
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ..core.errors import UserError
from .errors import NotFound

# Stages Pipeline.check reports through its progress callback, in order, with what the page shows.
STAGES: tuple[tuple[str, str], ...] = (
    ("segment", "Reading the article"),
    ("claims", "Extracting claims"),
    ("summarize", "Summarizing"),
    ("summary_check", "Checking the summary against the article"),
    ("retrieve", "Retrieving evidence from the corpus"),
    ("verify", "Verifying claims"),
)
STAGE_INDEX = {name: i for i, (name, _) in enumerate(STAGES)}
WARM_UP_TEXT = "The committee met in Geneva on Monday. It approved a budget of 2 million euros for 2025."
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
log = logging.getLogger("claimcheck.serve")


@dataclass
class Corpus:
    name: str
    path: str
    pipeline: Any  # a claimcheck.pipeline.Pipeline, or anything with the same check()/models()

    def describe(self, default: bool) -> dict:
        retriever = getattr(self.pipeline, "_retriever", None)
        n = getattr(retriever, "n_passages", None)
        return {"name": self.name, "source": Path(self.path).name, "default": default,
                **({"passages": int(n)} if n is not None else {})}


def corpus_names(specs: Sequence[str]) -> list[tuple[str, str]]:
    """`PATH` or `NAME=PATH` -> (name, path); names default to the file or folder stem, made unique."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for spec in specs:
        left, eq, right = spec.partition("=")
        if eq and _NAME.match(left) and not Path(spec).exists():
            name, path = left, right
        else:
            path = spec
            stem = Path(spec.rstrip("/\\")).stem or "corpus"
            name = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")[:64] or "corpus"
        if not name or not _NAME.match(name):
            raise UserError(f"corpus name '{name}' must be letters, digits, '.', '_' or '-'")
        base, n = name, 2
        while name in seen:
            name, n = f"{base}-{n}", n + 1
        seen.add(name)
        out.append((name, path))
    return out


class Checker:
    """Corpora by name, each with a pipeline; all pipelines share one set of models. Checks run one at
    a time (a lock): torch already uses every core, and the pipelines are not thread-safe."""

    def __init__(self, corpora: Sequence[Corpus], profile: str = "", device: str = "cpu"):
        if not corpora:
            raise UserError("no reference corpus given (use --corpus PATH)")
        self.corpora = {c.name: c for c in corpora}
        self.default = corpora[0].name
        self.profile = profile
        self.device = device
        self._lock = threading.Lock()

    @classmethod
    def load(cls, specs: Sequence[str], profile: str | None = None, device: str | None = None, top_k: int = 5,
             warm_up: bool = True, log: Callable[[str], None] | None = None) -> "Checker":
        """Open (or build) every corpus index and load every model once, then run one small check so
        the first real request does not pay for lazy initialisation."""
        from ..pipeline import Pipeline

        say = log or (lambda msg: print(f"claimcheck: {msg}", file=sys.stderr, flush=True))
        named = corpus_names(specs)
        if not named:
            raise UserError("no reference corpus given (use --corpus PATH)")
        t0 = time.perf_counter()
        base: Pipeline | None = None
        corpora = []
        for name, path in named:
            if base is None:
                pipe = base = Pipeline.create(profile, device, corpus=path, top_k=top_k)
            else:
                pipe = base.with_corpus(path)  # one set of models for every corpus
            say(f"opening corpus '{name}' ({path})")
            pipe.index_progress = sys.stderr.isatty()
            _ = pipe.retriever  # builds or updates the cached index; a bad corpus fails here
            corpora.append(Corpus(name, path, pipe))
        assert base is not None
        say(f"loading models (profile {base.profile.name}, device {base.device})")
        base.components.load_all()
        checker = cls(corpora, profile=base.profile.name, device=base.device)
        if warm_up:
            base.check(WARM_UP_TEXT, name="warm-up")
        say(f"ready in {time.perf_counter() - t0:.1f} s")
        return checker

    # ------------------------------------------------------------------ queries
    def resolve(self, name: str | None) -> Corpus:
        if not name:
            return self.corpora[self.default]
        try:
            return self.corpora[name]
        except KeyError:
            raise NotFound(f"unknown corpus '{name}' (this server has: {', '.join(self.corpora)})") from None

    def describe(self) -> list[dict]:
        return [c.describe(c.name == self.default) for c in self.corpora.values()]

    def models(self) -> dict[str, str]:
        return dict(self.corpora[self.default].pipeline.models())

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    def check(self, text: str, *, name: str, title: str | None = None, corpus: str | None = None,
              progress: Callable[[str], None] | None = None, date: str | None = None) -> Any:
        """One article through the chosen corpus's pipeline; returns a claimcheck.core.types.Report."""
        c = self.resolve(corpus)
        with self._lock:
            self._refresh(c)
            return c.pipeline.check(text, name=name, title=title, progress=progress, date=date)

    def _refresh(self, c: Corpus) -> None:
        """An index rebuilt on disk since the last check (`claimcheck index` into the folder this corpus
        reads) is taken up whole, between checks; one that cannot be used is ignored (the last one serves)."""
        retriever = getattr(c.pipeline, "_retriever", None)
        refresh = getattr(retriever, "refresh", None)
        if refresh is not None and refresh():
            log.warning("corpus '%s': its index was rebuilt on disk; now using it (%d passages)", c.name,
                        retriever.n_passages)
