"""FRANK's articles with their reference summaries, for `eval summarize` (claimcheck.research.evaluate.summarize).

FRANK (claimcheck.datasets.frank) carries 250 CNN/DM and 251 XSum test articles with their reference
summaries. Articles are segmented with claimcheck.text.sentences.split_scraped, so the figures do not move
when the pipeline's segmenter changes. ROUGE is claimcheck.research.evaluate.metrics.rouge.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...datasets import frank
from ...core.errors import InputError
from ...core.types import Article, Sentence
from ...text.sentences import split_scraped

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
        ref = frank.reference(d, xsum=dataset == "xsum")
        out.append(RefExample(id=f.stem, article=article_from_text(d["article"], f.stem), reference=ref))
        if limit is not None and len(out) >= limit:
            break
    return out
