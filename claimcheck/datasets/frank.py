"""FRANK (frank/): 501 news articles with reference and system summaries, declared once.

articles-wbertscore-json/ holds one <name>.json per article ({"article", "pgn_reference", "Gold", ...});
XSum (BBC) articles are named by a number, CNN/DM ones by a hash. human_annotations.json scores system
summaries. Every reader (summary ROUGE, faithfulness, claims gold, triage and training guards) uses these.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

ARTICLES = Path("frank") / "articles-wbertscore-json"  # under the data root


def article_files(folder: Path) -> list[Path]:
    """The article files of an articles-wbertscore-json folder, in file-name order."""
    return sorted(Path(folder).glob("*.json"))


def read_article(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def is_xsum(name: str) -> bool:
    """True for an XSum (BBC) article's file stem (a number), False for CNN/DM (a hash)."""
    return re.fullmatch(r"\d+", name) is not None
