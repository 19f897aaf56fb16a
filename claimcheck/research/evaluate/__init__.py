"""Offline evaluation on public benchmarks: one evaluator per task family, each registered by name in the one
registry (kind "eval": name, Options, doc line, factory); `claimcheck eval` builds its task commands from it.

    from claimcheck.research.evaluate import EvalContext, get_evaluator, run_evaluator, write_result
    ctx = EvalContext(profile="offline", device="cpu", limit=50)
    result = run_evaluator(get_evaluator("verify"), ctx, split="scifact")
    write_result(result, "verify.json")   # {"task","dataset","split","n","metrics",...}

Heavy imports (models, pipeline) happen inside the evaluators.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...core import registry
from .base import EvalContext, EvalResult, Evaluator, SplitOutcome, SplitSpec, locate, read_result, result_json, run_evaluator, write_result


@dataclass(frozen=True)
class NoOptions:
    """A task without options of its own: the `eval` command's (--dataset, --split, --limit, ...) serve every task."""


@registry.register("eval", "nli", NoOptions,
                   "The verifier as an NLI classifier: SICK test, RTE dev, FEVER-NLI dev, ANLI dev R1-R3, MNLI dev m/mm.")
def _nli(options: NoOptions) -> Evaluator:
    from .nli import NLIEvaluator

    return NLIEvaluator()


@registry.register("eval", "verify", NoOptions,
                   "Claim verification with retrieval: Climate-FEVER held-out, SciFact dev, COVID-Fact test.")
def _verify(options: NoOptions) -> Evaluator:
    from .verify import VerifyEvaluator

    return VerifyEvaluator()


@registry.register("eval", "retrieve", NoOptions,
                   "Retrieval of SciFact dev claims' cited abstracts: recall@5/10/100, nDCG@10, MRR@10.")
def _retrieve(options: NoOptions) -> Evaluator:
    from .retrieve import RetrieveEvaluator

    return RetrieveEvaluator()


@registry.register("eval", "summarize", NoOptions,
                   "Summaries of FRANK's CNN/DM and XSum articles: ROUGE-1/2/L/Lsum and the share flagged.")
def _summarize(options: NoOptions) -> Evaluator:
    from .summarize import SummarizeEvaluator

    return SummarizeEvaluator()


@registry.register("eval", "faithfulness", NoOptions,
                   "The summary-sentence checker vs human labels: QAGS (balanced accuracy, ROC-AUC), FRANK (Pearson, "
                   "Spearman).")
def _faithfulness(options: NoOptions) -> Evaluator:
    from .faithfulness import FaithfulnessEvaluator

    return FaithfulnessEvaluator()


@registry.register("eval", "claims", NoOptions,
                   "The claim extractor vs hand-written atomic facts (seeds/claims-gold; articles read from FRANK in the "
                   "data root): coverage, precision, F1 at cosine >= 0.75, self-containedness, claim length. --dataset: "
                   "another folder with facts.jsonl (and optionally articles/<id>.txt).")
def _claims(options: NoOptions) -> Evaluator:
    from .claims import ClaimsEvaluator

    return ClaimsEvaluator()


TASKS: tuple[str, ...] = tuple(t.name for t in registry.backends("eval", in_order=True))  # `eval all` runs them so


def get_evaluator(name: str) -> Evaluator:
    """The evaluator of task `name`; an unknown name is one line naming the known tasks."""
    task = registry.backend("eval", name, "eval task")
    return task.factory(registry.parse_options(task.options, {}, f"eval {name}"))


__all__ = [
    "TASKS", "EvalContext", "EvalResult", "Evaluator", "NoOptions", "SplitOutcome", "SplitSpec", "get_evaluator",
    "locate", "read_result", "result_json", "run_evaluator", "write_result",
]
