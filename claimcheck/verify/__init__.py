"""Verification: pair scorers (the NLI cross-encoder) registered by name, and the judge's settings.

The judge's settings (verify.aggregate.AggregateConfig, a profile's [judge]) are fitted for a verifier's weights:
`claimcheck.research.evaluate.sweep` fits them and they are saved beside the weights as judge.json (as the temperature is in
calibration.json); a profile's [judge] overrides any of them.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol, Sequence

from ..core.errors import ModelNotAvailable
from ..core.registry import backend, parse_options, register
from ..runtime.roles import RoleConfig, resolve_model
from ..core.types import PairScore
from .aggregate import AggregateConfig
from .nli import NLIOptions

JUDGE_FILE = "judge.json"  # the judge settings fitted for the weights of the folder that holds it
_JUDGE_NOTES = ("fitted", "notes")  # what that file says about them, for readers


class Verifier(Protocol):
    name: str

    def score_pairs(self, premises: Sequence[str], hypotheses: Sequence[str]) -> list[PairScore]: ...


@register("verifier", "nli", NLIOptions, "a 3-way NLI cross-encoder (transformers or ONNX Runtime)")
def _nli(cfg: RoleConfig, options: NLIOptions, device: str, embedder=None) -> Verifier:
    from .nli import load_nli_verifier

    model = {k: getattr(options, k) for k in ("max_length", "batch_size", "window_stride")}
    if options.temperature is not None:
        model["temperature"] = options.temperature
    return load_nli_verifier(cfg.model, base_ref=options.base or None, device=device, runtime=options.runtime, **model)


def get_verifier(cfg: RoleConfig, device: str = "cpu", embedder=None) -> Verifier:
    """The role's verifier behind a pair cache (verify.cache): no (premise, hypothesis) pair is scored twice."""
    from .cache import PairCache

    return PairCache(backend("verifier", cfg.backend).build(cfg, device, embedder=embedder))


def fitted_judge(cfg: RoleConfig | None) -> dict[str, Any]:
    """The judge settings saved beside the verifier's weights (judge.json), checked; {} when there are none."""
    try:
        folder = Path(resolve_model(cfg.model)) if cfg is not None and cfg.model else None
    except ModelNotAvailable:  # loading the verifier says so, in its own words
        return {}
    f = folder / JUDGE_FILE if folder is not None else None
    if f is None or not f.is_file():
        return {}
    try:
        saved = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelNotAvailable(f"{f} is unreadable ({e})") from None
    if not isinstance(saved, dict):
        raise ModelNotAvailable(f"{f} holds no table of judge settings")
    settings = {k: v for k, v in saved.items() if k not in _JUDGE_NOTES}
    parse_options(AggregateConfig, settings, str(f))
    return settings


def judge_config(cfg: RoleConfig | None, overrides: dict[str, Any], where: str = "[judge]") -> AggregateConfig:
    """The judge's settings: those fitted beside the verifier's weights, each overridden by the profile's [judge]."""
    return parse_options(AggregateConfig, {**fitted_judge(cfg), **overrides}, where)
