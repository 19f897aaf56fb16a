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

from ..runtime.roles import RoleConfig
from .base import Draft, Summarizer, backend_options, backends, get_summarizer, register_backend


def _extractive(cfg: RoleConfig, device: str, embedder: Any) -> Summarizer:
    from .extractive import ExtractiveSummarizer

    return ExtractiveSummarizer.from_config(cfg, device=device, embedder=embedder)


def _seq2seq(cfg: RoleConfig, device: str, embedder: Any) -> Summarizer:
    from .seq2seq import Seq2SeqSummarizer

    return Seq2SeqSummarizer.from_config(cfg, device=device)


def _extractive_options() -> type:
    from .extractive import ExtractiveOptions

    return ExtractiveOptions


def _seq2seq_options() -> type:
    from .seq2seq import Seq2SeqOptions

    return Seq2SeqOptions


register_backend("extractive", _extractive, _extractive_options)
register_backend("seq2seq", _seq2seq, _seq2seq_options)

__all__ = ["Draft", "Summarizer", "backend_options", "backends", "get_summarizer", "register_backend"]
