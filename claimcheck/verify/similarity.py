"""Interim verifier: embedding similarity only. It can say "supported" when a passage says nearly the
same thing, but it can never say "contradicted": a contradiction is usually very similar text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..embed import Embedder
from ..types import PairScore


@dataclass
class SimilarityVerifier:
    name: str
    embedder: Embedder
    support_at: float = 0.85  # cosine at which a passage counts as saying the same thing

    def score_pairs(self, premises: Sequence[str], hypotheses: Sequence[str]) -> list[PairScore]:
        if not premises:
            return []
        a = self.embedder.encode(list(premises))
        b = self.embedder.encode(list(hypotheses))
        sims = np.clip((a * b).sum(axis=1), 0.0, 1.0)
        out = []
        for s in sims:
            ent = float(np.clip((s - 0.5) / (self.support_at - 0.5), 0.0, 1.0)) * 0.9
            out.append(PairScore(entailment=ent, contradiction=0.0, neutral=1.0 - ent))
        return out
