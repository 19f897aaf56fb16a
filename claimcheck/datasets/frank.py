"""FRANK (frank/): 501 news articles with reference and system summaries, declared once.

articles-wbertscore-json/ holds one <name>.json per article ({"article", "pgn_reference", "Gold", ...});
XSum (BBC) articles are named by a number, CNN/DM ones by a hash. human_annotations.json scores system
summaries. Every reader (summary ROUGE, faithfulness, claims gold, triage and training guards) uses these.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .records import LabelledSummary, need

FOLDER = "frank"  # under the data root
ARTICLES = Path(FOLDER) / "articles-wbertscore-json"
ANNOTATIONS = "human_annotations.json"


def article_files(folder: Path) -> list[Path]:
    """The article files of an articles-wbertscore-json folder, in file-name order."""
    return sorted(Path(folder).glob("*.json"))


def read_article(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def article_path(data_root: Path, article_id: str) -> Path:
    """Where one article's file lies under the data root (it may not exist)."""
    return Path(data_root).joinpath(*ARTICLES.parts, f"{article_id}.json")


def is_xsum(name: str) -> bool:
    """True for an XSum (BBC) article's file stem (a number), False for CNN/DM (a hash)."""
    return re.fullmatch(r"\d+", name) is not None


def reference(article: dict, xsum: bool) -> tuple[str, ...]:
    """The reference summary's sentences: XSum's one `Gold` sentence; CNN/DM's lower-cased, tokenised
    `pgn_reference` ("a b . c d .") split at its " . " marks, each sentence keeping its " ."."""
    if xsum:
        return (str(article.get("Gold") or article.get("reference") or "").strip(),)
    body = article["pgn_reference"].strip()
    body = body[:-1].rstrip() if body.endswith(" .") or body == "." else body
    return tuple(s.strip() + " ." for s in body.split(" . ") if s.strip(" ."))


def annotations(folder: Path, split: str = "test") -> list[LabelledSummary]:
    """FRANK human_annotations.json records of one split (test or valid) in file order.

    Summary sentences are the article file's `<model>_lines`; the score is `Factuality`.
    """
    folder = Path(folder)
    records = json.loads(need(folder / ANNOTATIONS).read_text(encoding="utf-8"))
    articles: dict[str, dict] = {}
    out = []
    for r in records:
        if r["split"] != split:
            continue
        h, model = r["hash"], r["model_name"]
        if h not in articles:
            articles[h] = read_article(need(folder / ARTICLES.name / f"{h}.json"))
        a = articles[h]
        lines = a.get(f"{model}_lines") or [a.get(model, "")]
        sents = tuple(s.strip() for s in lines if isinstance(s, str) and s.strip())
        out.append(LabelledSummary(f"{h}:{model}", h, a["article"], sents, factuality=float(r["Factuality"]),
                                   system=f"{r['dataset']}:{model}"))
    return out
