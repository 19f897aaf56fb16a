"""Each distinct (premise, hypothesis) pair scored once: a bounded memo in front of any verifier.

A check reads the same pair more than once: two claims with the same text, a passage retrieved for both the
summary check and a claim, a server asked about the same article again. The verifier is deterministic for a
pair (the fp32 ONNX export up to float rounding, see claimcheck.runtime.onnx_runtime), so the second score is the
first. Pairs repeated inside one call are scored once too. Everything else is the wrapped verifier's
(`name`, `model`, `tokenizer`, ... read through), and `inner` is the verifier itself (benchmarks time it).
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Sequence

from ..core.types import PairScore

# pairs remembered, least recently used out first: premises are rationale sentences (a few hundred characters) or
# NLI premises, so a full cache holds some 10-40 MB in a long-running server
DEFAULT_SIZE = 20_000


class PairCache:
    _OWN = ("inner", "size", "_memo", "pairs_scored", "pairs_answered")

    def __init__(self, inner: Any, size: int = DEFAULT_SIZE) -> None:
        self.inner = inner
        self.size = size
        self._memo: OrderedDict[tuple[str, str], PairScore] = OrderedDict()
        self.pairs_scored = 0  # pairs the wrapped verifier was asked to score
        self.pairs_answered = 0  # pairs asked of this wrapper

    def __getattr__(self, name: str) -> Any:
        if name == "inner":  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    def __setattr__(self, name: str, value: Any) -> None:
        """A setting (temperature, max_length, ...) goes to the verifier, and what was scored before it is forgotten."""
        if name in self._OWN:
            object.__setattr__(self, name, value)
        else:
            setattr(self.inner, name, value)
            self._memo.clear()

    def __repr__(self) -> str:
        return f"PairCache({self.inner!r}, remembered={len(self._memo)})"

    def clear(self) -> None:
        self._memo.clear()

    def score_pairs(self, premises: Sequence[str], hypotheses: Sequence[str]) -> list[PairScore]:
        keys = list(zip(premises, hypotheses))
        found: dict[tuple[str, str], PairScore] = {}
        for k in keys:
            if k in self._memo and k not in found:
                self._memo.move_to_end(k)
                found[k] = self._memo[k]
        todo = [k for k in dict.fromkeys(keys) if k not in found]
        if todo:
            scores = self.inner.score_pairs([p for p, _ in todo], [h for _, h in todo])
            self.pairs_scored += len(todo)
            for k, s in zip(todo, scores):
                found[k] = s
                self._memo[k] = s
            while len(self._memo) > self.size:
                self._memo.popitem(last=False)
        self.pairs_answered += len(keys)
        return [found[k] for k in keys]
