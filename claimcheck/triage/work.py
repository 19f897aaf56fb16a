"""The per-article work every triage engine shares (local and Ray): its settings, the pipeline it builds,
reading a batch, checking it with one bad article failing alone."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..core.errors import InputError, UserError
from .inputs import ArticleRef, load_article


@dataclass(frozen=True)
class TriageConfig:
    articles: str
    corpus: str
    out: str
    profile: str | None = None
    device: str | None = None
    top_k: int = 5
    batch_size: int = 8
    review_threshold: float | None = None  # None: the profile's [risk] review_threshold
    workers: int = 0  # local: torch intra-op threads (0: torch's default); ray: workers (0: one per CPU)
    engine: str = "local"  # local: this process; ray: Ray workers, one Pipeline each (claimcheck.cluster.ray_triage)
    address: str | None = None  # ray: an existing cluster (auto, ray://HOST:PORT); None starts a local one
    force: bool = False
    refresh_every: int = 5  # rewrite ranking.csv and index.html every this many batches


PipelineFactory = Callable[[TriageConfig], Any]


def default_pipeline(cfg: TriageConfig):
    """One Pipeline for the whole run: models and the index load once."""
    from ..pipeline import Pipeline

    return Pipeline.create(cfg.profile, cfg.device, corpus=cfg.corpus, top_k=cfg.top_k)


def load_models(pipe) -> None:
    """Load a pipeline's lazy models (each engine does, before its first article)."""
    for stage in ("nlp", "extractor", "summarizer", "verifier"):
        getattr(pipe, stage, None)


def check_loaded(pipe, loaded: Sequence[Any]) -> list:
    """The per-article work of every engine: each ArticleInput (or the error reading it) -> Report or exception."""
    good = iter(check_isolated(pipe, [x for x in loaded if not isinstance(x, Exception)]))
    return [x if isinstance(x, Exception) else next(good) for x in loaded]


def load_batch(refs: Sequence[ArticleRef]) -> list[tuple[ArticleRef, Any]]:
    """Read and decode one batch (in the background thread): (ref, ArticleInput or the InputError)."""
    out = []
    for ref in refs:
        try:
            out.append((ref, load_article(ref)))
        except InputError as e:
            out.append((ref, e))
        except OSError as e:
            out.append((ref, InputError(f"{ref.source}: cannot be read ({e.strerror})")))
    return out


def check_isolated(pipe, inputs: Sequence) -> list:
    """pipe.check_many over the batch; when it fails, each article alone, so one bad article fails alone.

    Returns a Report or the exception per input. A UserError other than InputError (a missing model,
    a damaged index) concerns the whole run and is raised.
    """
    if not inputs:
        return []
    try:
        return list(pipe.check_many(list(inputs)))
    except InputError as e:
        if len(inputs) == 1:
            return [e]
    except UserError:
        raise
    except Exception as e:  # noqa: BLE001 - isolated per article below
        if len(inputs) == 1:
            return [e]
    out = []
    for inp in inputs:
        try:
            out.append(pipe.check_many([inp])[0])
        except InputError as e:
            out.append(e)
        except UserError:
            raise
        except Exception as e:  # noqa: BLE001
            out.append(e)
    return out
