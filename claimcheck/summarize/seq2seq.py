"""Abstractive summarizer: a transformers AutoModelForSeq2SeqLM (BART, PEGASUS, T5) with beam search.

Articles longer than the model's input are cut at sentence borders into chunks that fit; the chunks
are summarized in batches, and when their joined summaries are longer than `max_length` tokens the
join is summarized again (at most `max_rounds` passes).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from ..core.errors import ModelNotAvailable, UserError
from ..core.registry import option
from ..runtime.roles import RoleConfig, resolve_model
from ..core.types import Article
from .base import Draft, Summarizer
from ..text.sentences import scraped_sentences

_FALLBACK_MAX_INPUT = 512


@dataclass(frozen=True)
class Seq2SeqOptions:
    """[summarizer] options of the seq2seq backend; lengths are in tokens."""

    num_beams: int = option(4, "beam search width")
    length_penalty: float = option(2.0, "beam length penalty (> 1 favours longer summaries)")
    no_repeat_ngram_size: int = option(3, "no n-gram of this size twice")
    min_length: int = option(30, "shortest summary, in tokens")
    max_length: int = option(142, "longest summary, in tokens")
    early_stopping: bool = option(True, "stop a beam search when every beam has ended")
    prefix: str = option("", 'put before the input, e.g. "summarize: " for T5')
    max_input_tokens: int = option(0, "input tokens per chunk; 0: the model's own limit")
    batch_size: int = option(4, "chunks per generate call")
    max_rounds: int = option(3, "rounds of summarizing the joined chunk summaries")

    def __post_init__(self) -> None:
        if self.num_beams < 1 or self.batch_size < 1 or self.max_rounds < 1:
            raise UserError("summarizer options num_beams, batch_size and max_rounds must be at least 1")
        if not 0 <= self.min_length <= self.max_length:
            raise UserError("summarizer options need 0 <= min_length <= max_length")


def pack_chunks(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Group consecutive items (token lengths) into chunks of at most `budget` tokens.

    An item longer than the budget gets a chunk of its own (the caller splits it first).
    """
    chunks: list[list[int]] = []
    used = 0
    for i, n in enumerate(lengths):
        if chunks and used + n <= budget:
            chunks[-1].append(i)
            used += n
        else:
            chunks.append([i])
            used = n
    return chunks


class Seq2SeqSummarizer(Summarizer):
    def __init__(self, model: Any, tokenizer: Any, options: Seq2SeqOptions | None = None, *,
                 device: str = "cpu", name: str = "seq2seq") -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.options = options or Seq2SeqOptions()
        self.device = device
        self.name = name
        self.max_input = self._max_input()
        prefix_len = len(self._ids(self.options.prefix)) if self.options.prefix else 0
        self.budget = self.max_input - prefix_len - tokenizer.num_special_tokens_to_add(pair=False)
        if self.budget < 8:
            raise UserError(f"summarizer input budget of {self.budget} tokens is too small (check max_input_tokens)")

    @classmethod
    def from_config(cls, cfg: RoleConfig, opts: Seq2SeqOptions, device: str = "cpu") -> "Seq2SeqSummarizer":
        path = resolve_model(cfg.model)
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        try:
            tokenizer = AutoTokenizer.from_pretrained(path)
            model = AutoModelForSeq2SeqLM.from_pretrained(path)
        except (OSError, ValueError) as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise ModelNotAvailable(f"cannot load seq2seq summarizer '{cfg.model}' from {path}: {first}") from None
        model.to(device).eval()
        return cls(model, tokenizer, opts, device=device, name=cfg.label)

    # -------------------------------------------------------------- tokens

    def _max_input(self) -> int:
        if self.options.max_input_tokens > 0:
            return self.options.max_input_tokens
        limit = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(limit, int) and 0 < limit < 100_000:
            return limit
        limit = getattr(self.model.config, "max_position_embeddings", None)
        return int(limit) if limit else _FALLBACK_MAX_INPUT

    def _ids(self, text: str) -> list[int]:
        return self.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"]

    def n_tokens(self, text: str) -> int:
        return len(self._ids(text))

    def _pieces(self, sentence: str) -> list[str]:
        """A sentence cut into pieces of at most `budget` tokens (at token borders)."""
        ids = self._ids(sentence)
        if len(ids) <= self.budget:
            return [sentence]
        if getattr(self.tokenizer, "is_fast", False):
            offs = self.tokenizer(sentence, add_special_tokens=False, return_offsets_mapping=True,
                                  verbose=False)["offset_mapping"]
            cuts = [offs[i][0] for i in range(self.budget, len(offs), self.budget)]
            bounds = [0, *cuts, len(sentence)]
            return [sentence[a:b].strip() for a, b in zip(bounds, bounds[1:]) if sentence[a:b].strip()]
        return [self.tokenizer.decode(ids[i: i + self.budget]) for i in range(0, len(ids), self.budget)]

    def chunks(self, sentences: Sequence[str]) -> list[str]:
        """The texts that fit the model input, cut at sentence borders."""
        pieces = [p for s in sentences if s.strip() for p in self._pieces(s.strip())]
        if not pieces:
            return []
        lengths = [self.n_tokens(p) + 1 for p in pieces]  # +1: the joining space may add a token
        return [" ".join(pieces[i] for i in group) for group in pack_chunks(lengths, self.budget)]

    # -------------------------------------------------------------- generation

    def generate(self, texts: Sequence[str]) -> list[str]:
        """Summaries of `texts` (each fits the input), in input order; batched by length."""
        import torch

        o = self.options
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[str] = [""] * len(texts)
        for b in range(0, len(order), o.batch_size):
            idx = order[b: b + o.batch_size]
            enc = self.tokenizer([o.prefix + texts[i] for i in idx], return_tensors="pt", padding=True,
                                 truncation=True, max_length=self.max_input)
            enc = {k: v.to(self.device) for k, v in enc.items()}
            shortest = int(enc["attention_mask"].sum(dim=1).min())
            with torch.inference_mode():
                seqs = self.model.generate(
                    **enc,
                    num_beams=o.num_beams,
                    length_penalty=o.length_penalty,
                    no_repeat_ngram_size=o.no_repeat_ngram_size,
                    min_length=min(o.min_length, max(1, shortest // 2)),
                    max_length=o.max_length,
                    early_stopping=o.early_stopping if o.num_beams > 1 else False,
                    do_sample=False,
                )
            decoded = self.tokenizer.batch_decode(seqs, skip_special_tokens=True, clean_up_tokenization_spaces=True)
            for i, text in zip(idx, decoded):
                out[i] = " ".join(text.split())
        return out

    def summarize_many(self, articles: Sequence[Article]) -> list[Draft]:
        results: dict[int, str] = {}
        pending: dict[int, list[str]] = {}
        for i, a in enumerate(articles):
            sents = [s.text for s in a.sentences] or scraped_sentences(a.text)
            if any(s.strip() for s in sents):
                pending[i] = sents
            else:
                results[i] = ""
        for round_no in range(self.options.max_rounds):
            if not pending:
                break
            plan: dict[int, range] = {}
            jobs: list[str] = []
            for i, sents in pending.items():
                chunks = self.chunks(sents)
                plan[i] = range(len(jobs), len(jobs) + len(chunks))
                jobs.extend(chunks)
            outs = self.generate(jobs)
            last = round_no == self.options.max_rounds - 1
            pending = {}
            for i, rows in plan.items():
                joined = " ".join(outs[j] for j in rows if outs[j])
                if len(rows) == 1 or last or self.n_tokens(joined) <= self.options.max_length:
                    results[i] = joined
                else:
                    pending[i] = scraped_sentences(joined)
        drafts = []
        for i in range(len(articles)):
            text = results.get(i, "")
            drafts.append(Draft(text=text, sentences=tuple(scraped_sentences(text)), model=self.name))
        return drafts
