"""seeds/claims-gold: hand-written atomic facts of FRANK articles (see its README.md), read for `eval claims`.

facts.jsonl lists the facts; each article's text is <folder>/articles/<id>.txt when present, else the
FRANK article file under the data root (never copied into the repo).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError
from ..core.io import decode_text, iter_jsonl
from . import frank
from .records import need

FOLDER = "claims-gold"  # under seeds/
FILE = "facts.jsonl"


@dataclass(frozen=True)
class GoldFact:
    id: str
    article: str  # the FRANK article hash (file stem)
    fact: str
    sentence: int  # 0-based index of the article sentence it comes from (claimcheck's segmenter)


def facts(folder: Path) -> list[tuple[str, tuple[GoldFact, ...]]]:
    """facts.jsonl of an atomic-facts folder (seeds/claims-gold, see its README.md), grouped by article.

    One {"article", "id", "fact", "sentence"} per line: article = a FRANK article hash, id unique,
    fact a non-empty string, sentence an int >= 0. Articles in first-seen order, facts in file
    order. InputError names "file:LINE: what" on bad input. Article texts: article_text.
    """
    path = need(folder / FILE)
    groups: dict[str, list[GoldFact]] = {}
    seen: dict[str, int] = {}
    for n, row in iter_jsonl(decode_text(path.read_bytes(), str(path)), str(path)):
        where = f"{path}:{n}"
        for key in ("article", "id", "fact", "sentence"):
            if key not in row:
                raise InputError(f"{where}: missing field {key!r}")
        article, fid, fact, sent = row["article"], row["id"], row["fact"], row["sentence"]
        if not isinstance(article, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", article):
            raise InputError(f"{where}: \"article\" must be an article id (a FRANK hash), not {article!r}")
        if not isinstance(fid, str) or not fid.strip():
            raise InputError(f"{where}: \"id\" must be a non-empty string")
        if fid in seen:
            raise InputError(f"{where}: duplicate id {fid!r} (first on line {seen[fid]})")
        seen[fid] = n
        if not isinstance(fact, str) or not fact.strip():
            raise InputError(f"{where}: \"fact\" must be a non-empty string")
        if isinstance(sent, bool) or not isinstance(sent, int) or sent < 0:
            raise InputError(f"{where}: \"sentence\" must be an integer >= 0, not {sent!r}")
        groups.setdefault(article, []).append(GoldFact(fid, article, " ".join(fact.split()), sent))
    if not groups:
        raise InputError(f"{path}: holds no facts")
    return [(a, tuple(fs)) for a, fs in groups.items()]


def article_text(folder: Path, article: str, data: Path) -> tuple[str, str]:
    """(text, where it was read) of one gold article: <folder>/articles/<id>.txt when present, else
    the `article` field of <data>/frank/articles-wbertscore-json/<id>.json (never copied into the repo)."""
    local = folder / "articles" / f"{article}.txt"
    if local.is_file():
        return decode_text(local.read_bytes(), str(local)), str(local)
    path = frank.article_path(data, article)
    if not path.is_file():
        raise InputError(f"article {article}: neither {local} nor {path} found (set CLAIMCHECK_DATA to the data root)")
    try:
        text = frank.read_article(path)["article"]
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(f"{path}: no \"article\" text ({e})") from None
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{path}: empty \"article\" text")
    return text, str(path)
