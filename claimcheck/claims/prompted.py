"""The "prompted" claims backend: a seq2seq or instruction model decomposes each sentence.

Each check-worthy sentence is put into a template from prompts/ (placeholders {title}, {context},
{sentence}); the output is read one claim per line, and a line must be grounded in the sentence or
its context (most of its content words appear there) to be kept. A sentence whose output is empty
or unparseable falls back to the rules backend, as do sentences the rules mark not check-worthy.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from ..core.errors import ModelNotAvailable, UserError
from ..core.paths import PROJECT_ROOT
from ..runtime.roles import RoleConfig, resolve_model
from ..text.sentences import split_at_stops
from ..text.words import GROUNDING_STOP_WORDS
from ..core.registry import parse_options
from . import ClaimExtractor, Draft, PromptedOptions, finalize
from .render import tidy
from .rules import RulesExtractor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..core.types import Article, Claim

Generate = Callable[[list[str]], list[str]]
_BULLET = re.compile(r"^\s*(?:[-*•·]+|\(?\d{1,2}[.):]|claim\s*\d*\s*[:.)-])\s*", re.I)
_LABEL = re.compile(r"^\s*(claims?|sentence|context|title|answer|output)\s*:\s*$", re.I)


def load_template(name: str) -> str:
    """A prompt template by name (prompts/<name>.txt) or by path."""
    path = Path(name)
    if not path.is_file():
        path = PROJECT_ROOT / "prompts" / f"{name}.txt"
    if not path.is_file():
        raise UserError(f"prompt template '{name}' not found (looked for {path})")
    return path.read_text(encoding="utf-8")


def fill(template: str, *, sentence: str, context: str = "", title: str = "") -> str:
    """Fill the placeholders; plain replacement, so braces in the article are harmless."""
    return template.replace("{title}", title or "-").replace("{context}", context or "-").replace("{sentence}", sentence)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", text.lower().replace("’", "'")) if w not in GROUNDING_STOP_WORDS]


def parse_claims(output: str, source: str, min_overlap: float = 0.6, min_words: int = 3) -> list[str]:
    """Model output -> claims, one per line (or per sentence when the model wrote one line).

    A claim is kept when at least `min_overlap` of its content words occur in `source` (the
    sentence plus its context), which filters hallucinated and garbled lines.
    """
    lines = [line for line in output.replace("\r", "").split("\n") if line.strip()]
    if len(lines) == 1:
        lines = split_at_stops(lines[0])
    known = set(_words(source))
    out: list[str] = []
    for line in lines:
        if _LABEL.match(line):
            continue
        text = _BULLET.sub("", line).strip().strip('"')
        words = _words(text)
        if len(text.split()) < min_words or not words:
            continue
        if sum(w in known for w in words) / len(words) < min_overlap:
            continue
        text = tidy(text)
        if text not in out:
            out.append(text)
    return out


def load_generator(ref: str, device: str = "cpu", options: dict | None = None) -> Generate:
    """Load `ref` with transformers (seq2seq if the config says encoder-decoder, else causal LM with
    the tokenizer's chat template when it has one) and return a batch generate function."""
    options = dict(options or {})
    path = Path(resolve_model(ref))
    kwargs = {}
    if path.is_file() and path.suffix == ".gguf":
        kwargs["gguf_file"] = path.name
        path = path.parent
    elif options.get("gguf_file"):
        kwargs["gguf_file"] = str(options["gguf_file"])
    try:
        import torch
        from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

        config = AutoConfig.from_pretrained(str(path), **kwargs)
        tokenizer = AutoTokenizer.from_pretrained(str(path), **kwargs)
        seq2seq = bool(getattr(config, "is_encoder_decoder", False))
        cls = AutoModelForSeq2SeqLM if seq2seq else AutoModelForCausalLM
        model = cls.from_pretrained(str(path), **kwargs).to(device).eval()
    except (OSError, ValueError, ImportError) as e:
        raise ModelNotAvailable(f"cannot load claims model '{ref}': {str(e).splitlines()[0]}") from None
    if not seq2seq:
        tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    chat = not seq2seq and bool(getattr(tokenizer, "chat_template", None))
    max_new = int(options.get("max_new_tokens", 128))
    max_input = int(options.get("max_input_tokens", 512))

    def generate(prompts: list[str]) -> list[str]:
        texts = [
            tokenizer.apply_chat_template([{"role": "user", "content": p}], tokenize=False, add_generation_prompt=True)
            if chat else p
            for p in prompts
        ]
        enc = tokenizer(texts, return_tensors="pt", padding=True, truncation=True, max_length=max_input).to(device)
        with torch.inference_mode():
            out = model.generate(**enc, max_new_tokens=max_new, do_sample=False, num_beams=1,
                                 pad_token_id=tokenizer.pad_token_id)
        if not seq2seq:
            out = out[:, enc["input_ids"].shape[1]:]
        return tokenizer.batch_decode(out, skip_special_tokens=True)

    return generate


class PromptedExtractor(ClaimExtractor):
    name = "prompted"

    def __init__(self, cfg: "RoleConfig", device: str = "cpu", generate: Generate | None = None,
                 options: PromptedOptions | None = None) -> None:
        self.cfg = cfg
        self.device = device
        self.options = options or parse_options(PromptedOptions, dict(cfg.options), "[claims]")
        self.template = load_template(self.options.template)
        self.batch_size = self.options.batch_size
        self.context_sentences = self.options.context_sentences
        self.min_overlap = self.options.min_overlap
        self.near_duplicate = self.options.near_duplicate
        self.rules = RulesExtractor(RoleConfig("claims", "rules", self.options.spacy))
        self.label = f"prompted:{cfg.model}"
        self._generate = generate
        self.stats: Counter[str] = Counter()  # prompts, parsed, fallback: how often each path ran

    def generate(self, prompts: list[str]) -> list[str]:
        if self._generate is None:
            self._generate = load_generator(self.cfg.model, self.device, dataclasses.asdict(self.options))
        out: list[str] = []
        for k in range(0, len(prompts), self.batch_size):
            out.extend(self._generate(prompts[k:k + self.batch_size]))
        return out

    def prompt(self, article: "Article", index: int) -> str:
        sents = article.sentences
        context = " ".join(s.text for s in sents[max(0, index - self.context_sentences):index])
        return fill(self.template, sentence=sents[index].text, context=context, title=article.title)

    def extract_many(self, articles: Sequence["Article"], docs: Sequence["Doc | None"] | None = None) -> list[list["Claim"]]:
        docs = list(docs) if docs is not None else [None] * len(articles)
        fallback = [self.rules.drafts(a, d) for a, d in zip(articles, docs)]
        jobs: list[tuple[int, int]] = []  # (article, sentence) pairs sent to the model
        for ai, drafts in enumerate(fallback):
            worthy = sorted({d.sentence_index for d in drafts if d.checkworthy})
            jobs.extend((ai, si) for si in worthy)
        outputs = self.generate([self.prompt(articles[ai], si) for ai, si in jobs]) if jobs else []
        self.stats["prompts"] += len(jobs)
        answers = dict(zip(jobs, outputs))
        results = []
        for ai, (article, drafts) in enumerate(zip(articles, fallback)):
            chosen: list[Draft] = []
            for si, sent in enumerate(article.sentences):
                rule_drafts = [d for d in drafts if d.sentence_index == si]
                if (ai, si) not in answers:
                    chosen.extend(rule_drafts)
                    continue
                lo = max(0, si - self.context_sentences)
                source = " ".join([article.title] + [s.text for s in article.sentences[lo:si + 1]])
                parsed = parse_claims(answers[(ai, si)], source, self.min_overlap)
                if parsed:
                    self.stats["parsed"] += 1
                    chosen.extend(Draft(t, si, (sent.start, sent.end), rank=k) for k, t in enumerate(parsed))
                else:
                    self.stats["fallback"] += 1
                    chosen.extend(rule_drafts)
            results.append(finalize(chosen, self.near_duplicate))
        return results
