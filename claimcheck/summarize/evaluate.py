"""ROUGE of a summarizer against FRANK's reference summaries (CNN/DM and XSum articles).

FRANK (../shared/data/frank) carries 250 CNN/DM and 251 XSum test articles with their reference
summaries. Articles are segmented with claimcheck.text.sentences.split_scraped, so the figures do not move
when the pipeline's segmenter changes. CNN/DM is scored with rougeLsum over newline-separated
sentences; XSum references are one sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..datasets import frank
from ..errors import InputError
from ..types import Article, Sentence
from ..text.sentences import scraped_sentences, split_scraped

DATASETS = ("cnndm", "xsum")


@dataclass(frozen=True)
class RefExample:
    id: str
    article: Article
    reference: tuple[str, ...]  # reference summary sentences


def article_from_text(text: str, id: str, title: str = "") -> Article:
    """An Article segmented by the rule splitter (for evaluation and tests)."""
    sents = tuple(Sentence(i, text[a:b], a, b) for i, (a, b) in enumerate(split_scraped(text)))
    return Article(id=id, text=text, sentences=sents, title=title)


def load_frank(data_dir: str | Path, dataset: str = "cnndm", limit: int | None = None) -> list[RefExample]:
    """FRANK articles of one dataset with reference summaries, in file-name order."""
    if dataset not in DATASETS:
        raise InputError(f"unknown FRANK dataset '{dataset}' (choose {', '.join(DATASETS)})")
    folder = Path(data_dir) / frank.ARTICLES.name
    if not folder.is_dir():
        raise InputError(f"{folder} not found: point --dataset at the FRANK folder")
    out = []
    for f in frank.article_files(folder):
        if frank.is_xsum(f.stem) != (dataset == "xsum"):
            continue
        d = frank.read_article(f)
        if dataset == "xsum":
            ref = (str(d.get("Gold") or d.get("reference") or "").strip(),)
        else:  # lower-cased, tokenised "a b . c d ." reference
            body = d["pgn_reference"].strip()
            body = body[:-1].rstrip() if body.endswith(" .") or body == "." else body
            ref = tuple(s.strip() + " ." for s in body.split(" . ") if s.strip(" ."))
        out.append(RefExample(id=f.stem, article=article_from_text(d["article"], f.stem), reference=ref))
        if limit is not None and len(out) >= limit:
            break
    return out


def rouge(predictions: Sequence[Sequence[str]], references: Sequence[Sequence[str]]) -> dict[str, float]:
    """Mean ROUGE-1/2/L/Lsum F1 (x100, 2 decimals) over sentence-split predictions and references."""
    from ..evaluate.metrics import rouge as rouge_f1

    return {k: round(v, 2) for k, v in rouge_f1(predictions, references).items()}


def evaluate_frank(summarizer, data_dir: str | Path, dataset: str = "cnndm", limit: int | None = None) -> dict:
    """Metrics dict for `summarizer` on FRANK; the primary metric is rougeLsum."""
    examples = load_frank(data_dir, dataset, limit)
    drafts = summarizer.summarize_many([e.article for e in examples])
    preds = [list(d.sentences) or scraped_sentences(d.text) for d in drafts]
    metrics = rouge(preds, [e.reference for e in examples])
    return {"task": f"frank-{dataset}", "n": len(examples), "primary": "rougeLsum", **metrics}
