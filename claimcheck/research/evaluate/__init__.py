"""Offline evaluation on public benchmarks: one evaluator per task family, a registry by name.

    from claimcheck.research.evaluate import EvalContext, get_evaluator, run_evaluator, write_result
    ctx = EvalContext(profile="offline", device="cpu", limit=50)
    result = run_evaluator(get_evaluator("verify"), ctx, split="scifact")
    write_result(result, "verify.json")   # {"task","dataset","split","n","metrics",...}

Heavy imports (models, pipeline) happen inside the evaluators.
"""
from __future__ import annotations

from typing import Callable

from ...core.errors import UserError
from .base import EvalContext, EvalResult, Evaluator, SplitOutcome, SplitSpec, locate, read_result, result_json, run_evaluator, write_result


def _nli() -> Evaluator:
    from .nli import NLIEvaluator

    return NLIEvaluator()


def _verify() -> Evaluator:
    from .verify import VerifyEvaluator

    return VerifyEvaluator()


def _retrieve() -> Evaluator:
    from .retrieve import RetrieveEvaluator

    return RetrieveEvaluator()


def _summarize() -> Evaluator:
    from .summarize import SummarizeEvaluator

    return SummarizeEvaluator()


def _claims() -> Evaluator:
    from .claims import ClaimsEvaluator

    return ClaimsEvaluator()


def _faithfulness() -> Evaluator:
    from .faithfulness import FaithfulnessEvaluator

    return FaithfulnessEvaluator()


EVALUATORS: dict[str, Callable[[], Evaluator]] = {
    "nli": _nli, "verify": _verify, "retrieve": _retrieve, "summarize": _summarize, "faithfulness": _faithfulness,
    "claims": _claims,
}
TASKS: tuple[str, ...] = tuple(EVALUATORS)


def get_evaluator(name: str) -> Evaluator:
    try:
        return EVALUATORS[name]()
    except KeyError:
        raise UserError(f"unknown eval task '{name}' (choose {', '.join(TASKS)})") from None


__all__ = [
    "EVALUATORS", "TASKS", "EvalContext", "EvalResult", "Evaluator", "SplitOutcome", "SplitSpec", "get_evaluator",
    "locate", "read_result", "result_json", "run_evaluator", "write_result",
]
