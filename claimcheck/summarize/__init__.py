"""Summarizers: a registry of backends by name, each turning Articles into Drafts.

    from claimcheck.profiles import load_profile
    from claimcheck.summarize import get_summarizer
    summ = get_summarizer(load_profile("offline").role("summarizer"), device="cpu", embedder=emb)
    draft = summ.summarize(article)        # Draft(text, sentences, model, sentence_indices)

Built-in backends: "extractive" (embedding centrality + lead bias, needs only the embedder) and
"seq2seq" (a local transformers AutoModelForSeq2SeqLM). Heavy imports happen when a backend is built.
"""
from __future__ import annotations

from typing import Any

from ..core.registry import register
from ..runtime.roles import RoleConfig
from .base import Draft, Summarizer, backends, get_summarizer
from .extractive import ExtractiveOptions
from .seq2seq import Seq2SeqOptions


@register("summarizer", "extractive", ExtractiveOptions, "article sentences by embedding centrality and lead bias")
def _extractive(cfg: RoleConfig, options: ExtractiveOptions, device: str, embedder: Any = None) -> Summarizer:
    from .extractive import ExtractiveSummarizer

    return ExtractiveSummarizer.from_config(cfg, options, device=device, embedder=embedder)


@register("summarizer", "seq2seq", Seq2SeqOptions, "a local transformers seq2seq model (e.g. distilbart-cnn)")
def _seq2seq(cfg: RoleConfig, options: Seq2SeqOptions, device: str, embedder: Any = None) -> Summarizer:
    from .seq2seq import Seq2SeqSummarizer

    return Seq2SeqSummarizer.from_config(cfg, options, device=device)


__all__ = ["Draft", "Summarizer", "backends", "get_summarizer"]
