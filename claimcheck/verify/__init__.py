"""Verification: a registry of pair scorers (the NLI cross-encoder) and the aggregation rule."""
from __future__ import annotations

from typing import Protocol, Sequence

from ..core.errors import UserError
from ..runtime.roles import RoleConfig
from ..core.types import PairScore


class Verifier(Protocol):
    name: str

    def score_pairs(self, premises: Sequence[str], hypotheses: Sequence[str]) -> list[PairScore]: ...


def _nli(cfg: RoleConfig, device: str, embedder=None) -> Verifier:
    from .nli import load_nli_verifier

    options = {k: v for k, v in cfg.options.items() if k != "runtime"}
    return load_nli_verifier(cfg.model, base_ref=cfg.get("base"), device=device, runtime=cfg.get("runtime", "torch"),
                             **options)


BACKENDS = {"nli": _nli}


def backend_options(backend: str) -> tuple[str, ...] | None:
    """The [verifier] keys a backend reads: its own, plus the claim rule's (aggregate) and rationale selection's."""
    if backend not in BACKENDS:
        return None
    from .aggregate import AggregateConfig
    from .nli import OPTIONS
    from .rationale import RationaleConfig

    return ("base", "runtime", *OPTIONS, *AggregateConfig.__dataclass_fields__, *RationaleConfig.OPTIONS)


def get_verifier(cfg: RoleConfig, device: str = "cpu", embedder=None) -> Verifier:
    """The role's verifier behind a pair cache (verify.cache): no (premise, hypothesis) pair is scored twice."""
    from .cache import PairCache

    try:
        factory = BACKENDS[cfg.backend]
    except KeyError:
        raise UserError(f"unknown verifier backend '{cfg.backend}' (known: {', '.join(sorted(BACKENDS))})") from None
    return PairCache(factory(cfg, device, embedder))
