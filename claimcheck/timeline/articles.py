"""The article's own date (--date, JSON or HTML metadata, a dateline) and the date its corpus suggests."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from ..core.errors import InputError
from ..core.types import Evidence
from .expressions import REPORT_LAG_DAYS, find_times, parse_date

_META_DATE = re.compile(
    r"""<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|date|pubdate|"""
    r"""publishdate|datePublished|dc\.date|DC\.date\.issued|sailthru\.date)["'][^>]*>""", re.I)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.I)
_TIME_TAG = re.compile(r"""<time\s[^>]*datetime\s*=\s*["']([^"']+)["']""", re.I)
_DATELINE_CHARS = 400  # a dateline sits at the top: "VLADIVOSTOK, 13 September 2023 -"


def metadata_date(raw: str, fmt: str) -> tuple[date | None, str]:
    """The article's date from its file: a JSON "date" (or "published"), an HTML published-time meta tag or
    <time datetime>; (None, "") when it carries none."""
    if fmt == "json":
        try:
            obj = json.loads(raw)
        except ValueError:
            return None, ""
        if isinstance(obj, dict):
            for key in ("date", "published", "published_at", "datePublished"):
                d = parse_date(obj.get(key))
                if d is not None:
                    return d, "json"
        return None, ""
    if fmt == "html":
        for m in _META_DATE.finditer(raw):
            c = _CONTENT.search(m.group(0))
            d = parse_date(c.group(1)) if c else None
            if d is not None:
                return d, "html"
        m = _TIME_TAG.search(raw)
        d = parse_date(m.group(1)) if m else None
        if d is not None:
            return d, "html"
    return None, ""


_DATELINE_LINE = 80  # a dateline or date line is short: "13 September 2023", "Published: Sept. 13, 2023 10:02"
_DATELINE_OPEN = re.compile(r"^[A-Z][A-Za-z .'\u2019-]{1,40},\s+")  # "VLADIVOSTOK, 13 September 2023 - ..."


def dateline_date(text: str) -> date | None:
    """The article's date from its top: a short line among the first lines that holds a full date (day,
    month and year: "Published 13 September 2023"), or a first paragraph that opens "PLACE, <date>"."""
    lines = [line.strip() for line in text[:_DATELINE_CHARS].splitlines() if line.strip()][:6]
    for i, line in enumerate(lines):
        head = line[:_DATELINE_LINE]
        if len(line) > _DATELINE_LINE:
            m = _DATELINE_OPEN.match(line)
            if not m:
                continue
            head = line[m.end(): m.end() + 40]
        for span in find_times(head, None, "article"):
            if span.start == span.end and (len(line) <= _DATELINE_LINE or head.startswith(span.text)):
                return span.start
    return None


def article_date(raw: str, fmt: str, text: str, given: str | None = None) -> tuple[date | None, str]:
    """The article's own date and where it came from: `given` (--date; "option"), the file's metadata
    (json / html), its dateline; (None, "") when it names none. A `given` that is no date is an InputError."""
    if given:
        day = parse_date(given)
        if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", given.strip()):
            raise InputError(f"date {given!r} is not a date (use YYYY-MM-DD)")
        return day, "option"
    day, source = metadata_date(raw, fmt)
    if day is not None:
        return day, source
    day = dateline_date(text)
    return (day, "dateline") if day is not None else (None, "")


@dataclass(frozen=True)
class ArticleDate:
    """The date an article's claims are anchored to, and where it came from.

    source: "option" (--date), "json", "html", "dateline", "inferred" (from the corpus: `passages` are
    the passages whose dates it was inferred from), or "" when there is none."""

    date: date | None = None
    source: str = ""
    passages: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat() if self.date else None, "date_source": self.source or None,
                "date_passages": list(self.passages)}


def infer_date(votes: Iterable[tuple[str, str, date, float]], min_claims: int = 2) -> ArticleDate:
    """The event date the corpus suggests: `votes` are (claim id, passage id, passage date, entailment) for
    the passages that state the article's claims. Dates fall into buckets of REPORT_LAG_DAYS; the bucket
    with the most weight wins when at least `min_claims` claims back it and it holds over half the weight.
    The anchor is the latest date in it (a report comes after its event); none otherwise."""
    votes = list(votes)
    if not votes:
        return ArticleDate()
    buckets: dict[int, list[tuple[str, str, date, float]]] = {}
    for v in sorted(votes, key=lambda v: v[2]):
        key = v[2].toordinal() // REPORT_LAG_DAYS
        buckets.setdefault(key, []).append(v)
    # a bucket borrows its neighbours' votes so a week that straddles two buckets is not split
    def weight(k: int) -> float:
        return sum(v[3] for j in (k - 1, k, k + 1) for v in buckets.get(j, []))
    best = max(buckets, key=lambda k: (weight(k), len({v[0] for v in buckets[k]})))
    members = [v for j in (best - 1, best, best + 1) for v in buckets.get(j, [])]
    total = sum(v[3] for v in votes)
    if len({v[0] for v in members}) < min_claims or weight(best) <= 0.5 * total:
        return ArticleDate()
    members.sort(key=lambda v: (-v[3], v[1]))
    anchor = max(v[2] for v in members)
    return ArticleDate(anchor, "inferred", tuple(dict.fromkeys(v[1] for v in members))[:3])


def corpus_date(claims: Sequence[tuple[str, str, str, Sequence[Evidence]]], bar: float) -> ArticleDate:
    """The date the corpus suggests for an article (infer_date) from its claims as (id, text, tense as
    events.event_statements gives it, evidence): only past-tense claims with no date of their own vote, with
    each dated passage that states them (entailment >= bar)."""
    votes = []
    for cid, text, tense, evidence in claims:
        if tense != "past" or any(sp.text for sp in find_times(text, None)):
            continue
        for e in evidence:
            day = parse_date(e.date)
            if day is not None and e.entailment >= bar:
                votes.append((cid, e.passage_id, day, e.entailment))
    return infer_date(votes)
