"""Time anchors: which time a claim or a passage is about, so a passage about another event cannot decide.

News corpora are full of recurring events (summits, launches, quarterly figures): the same words with
another date. Each claim gets a time anchor (its own time expressions resolved against the article's
date, else the article's date when it states an event; a timeless fact gets none) and each passage
sentence the same (its own time expressions resolved against the passage's corpus `date`, else that
date when it states an event). A passage whose times are all clearly apart from the claim's is about
another event.

Finding time expressions is this module's regular expressions (explicit dates, weekdays, "last year",
quarters); resolving them against an anchor date and knowing each one's period (day, month, year) is
dateparser's (DateDataParser with RELATIVE_BASE), which handles weekdays, month names, "last month" and
their abbreviations; spaCy's tagger (the claims model, already loaded) tells an event statement (past
tense, present perfect, future) from a timeless one ("Vostochny lies in the Amur region").
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from .errors import InputError

# A date inferred from a publication date (a passage's corpus `date`, the article's date) stands for an
# event reported up to this many days before it (and a day after: time zones, late editions).
REPORT_LAG_DAYS = 14
EXACT_SLACK_DAYS = 1  # an explicit day ("13 September") may be a day off across time zones

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ORD_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Longest forms first: each alternative is one time expression; a year alone comes last.
_TIME_RE = re.compile(
    rf"""
    (?P<quarter>\b(?:(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter|Q(?P<qnum>[1-4]))
        (?:\s+(?:of\s+)?(?P<qyear>{_YEAR}))?\b)
  | (?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)
  | (?P<dmy>\b(?:(?:{_WEEKDAYS}),?\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+{_YEAR})?\b)
  | (?P<mdy>\b(?:(?:{_WEEKDAYS}),?\s+)?(?:{_MONTHS})\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?)
  | (?P<my>\b(?:early|late|mid-?)?\s*(?:{_MONTHS})\.?,?\s+(?:of\s+)?{_YEAR}\b)
  | (?P<month>\b(?:in|since|during|by|until|from|last|this|next|early|late|mid-?)\s+(?:{_MONTHS})\b(?!\s+\d))
  | (?P<weekday>\b(?:on|last|this|next|since|by|until)\s+(?:{_WEEKDAYS})\b|\b(?:{_WEEKDAYS})\b)
  | (?P<relative>\b(?:yesterday|today|tonight|tomorrow|(?:last|this|next|earlier\s+this|later\s+this)\s+
        (?:week|month|year|summer|winter|spring|autumn))\b)
  | (?P<decade>\bthe\s+(?:1[89]|20)\d0s\b)
  | (?P<year>\b{_YEAR}\b)
    """,
    re.VERBOSE,
)
# what may follow a year that is no year: "1500 km", "2000 people"
_NOT_YEAR_AFTER = re.compile(r"\s*(?:%|km|kilometres|kilometers|miles|metres|meters|feet|ft|kg|tonnes|tons|people|"
                             r"troops|soldiers|votes|jobs|homes|units|[a-z]+s\b(?<!'s)(?<!\bwas)(?<!\bhas)(?<!\bis))")
# a year named as an edition ("the 2019 summit", "their 2023 talks"): a noun follows it
_FUNCTION_WORDS = frozenset(
    "in on at and or to when after before as with the a an was were is are by for of from that which who "
    "while but so than then, it its his her their they he she we since until during".split())


@dataclass(frozen=True)
class TimeSpan:
    """A stretch of calendar time a text is about; `text` is the expression (empty: a publication date)."""

    start: date
    end: date
    text: str = ""
    source: str = ""  # claim | passage | article | publication
    edition: bool = False  # the expression names an edition ("the 2019 summit"), not the predicate's time
    at: int = 0  # where the expression starts in its text (not shown)

    def gap_days(self, other: "TimeSpan") -> int:
        """Days between the two spans; 0 when they overlap."""
        if self.end < other.start:
            return (other.start - self.end).days
        if other.end < self.start:
            return (self.start - other.end).days
        return 0

    def label(self) -> str:
        """"2019", "April 2019", "13 September 2023", or "2023-09-01 to 2023-09-14"."""
        s, e = self.start, self.end
        if s == date.min or e == date.max:
            day = e - timedelta(days=1) if s == date.min else s + timedelta(days=REPORT_LAG_DAYS)
            when = f"{day.day} {calendar.month_name[day.month]} {day.year}"
            return f"any time up to {when}" if s == date.min else f"any time from {when}"
        if s == e:
            return f"{s.day} {calendar.month_name[s.month]} {s.year}"
        if s == date(s.year, 1, 1) and e == date(s.year, 12, 31):
            return str(s.year)
        if s.day == 1 and e == _month_end(s.year, s.month) and s.month == e.month and s.year == e.year:
            return f"{calendar.month_name[s.month]} {s.year}"
        if self.source in ("publication", "article") and not self.text:
            day = e - timedelta(days=1)
            when = f"{day.day} {calendar.month_name[day.month]} {day.year}"
            return f"reported {when}" if self.source == "publication" else f"the article's date, {when}"
        return f"{s.isoformat()} to {e.isoformat()}"

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "text": self.text, "source": self.source}


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def reported_span(day: date, source: str) -> TimeSpan:
    """What a publication date (or an article's date) stands for: the days just before it."""
    return TimeSpan(day - timedelta(days=REPORT_LAG_DAYS), day + timedelta(days=1), "", source)


def parse_date(value: object) -> date | None:
    """A date from metadata: "2023-09-13", "2023-09-13T08:00:00Z", "13 September 2023"; None if not one."""
    if isinstance(value, (date, datetime)):
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    spans = [t for t in find_times(s, None, "article") if t.start == t.end]
    return spans[0].start if spans else None


@lru_cache(maxsize=4096)
def _resolve(expr: str, anchor: date | None, period: str) -> tuple[date, date] | None:
    """(start, end) of one time expression of a known period (day, week, month, year), relative ones
    resolved against `anchor` by dateparser."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        found = dateparser.parse(expr, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; an unparsed expression is no anchor
        return None
    if found is None:
        return None
    d = found.date()
    if period == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if period == "month":
        return date(d.year, d.month, 1), _month_end(d.year, d.month)
    if period == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    return d, d


def _period(kind: str, expr: str) -> str:
    """The period a matched expression names, from the pattern that matched it."""
    low = expr.lower()
    if kind in ("my", "month"):
        return "month"
    if kind == "relative":
        for unit in ("week", "month", "year"):
            if low.endswith(unit):
                return unit
        return "year" if low.endswith(("summer", "winter", "spring", "autumn")) else "day"
    return "day"


_DETERMINERS = frozenset("the a an its their his her this that these those our your".split())


def _edition(text: str, start: int, end: int) -> bool:
    """Whether the expression at text[start:end] names an edition ("the 2019 summit", "its second-quarter 2024
    report", "on the November 2023 test flight"): a determiner or possessive opens its noun phrase and a word
    follows; "in 2019 Putin met Kim" is a time, not an edition."""
    before = re.search(r"([A-Za-z]+(?:['\u2019]s)?)\W*$", text[:start])
    after = re.match(r"(?:['\u2019]s)?\s+([A-Za-z][A-Za-z-]+)", text[end:])
    if not before or not after or after.group(1).lower() in _FUNCTION_WORDS:
        return False
    word = before.group(1).lower()
    return word in _DETERMINERS or word.endswith(("'s", "\u2019s"))


def find_times(text: str, anchor: date | None, source: str = "claim") -> list[TimeSpan]:
    """The time expressions of `text` as spans, relative ones ("on Wednesday", "last year") resolved
    against `anchor` (without one they are left out: they say nothing on their own)."""
    out: list[TimeSpan] = []
    for m in _TIME_RE.finditer(text):
        expr, span = m.group(0).strip(), None
        if m.group("quarter"):
            q = _ORD_QUARTER.get((m.group("qord") or "").lower()) or int(m.group("qnum") or 0)
            year = int(m.group("qyear")) if m.group("qyear") else (anchor.year if anchor else None)
            if q and year:
                span = (date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
        elif m.group("decade"):
            y = int(re.search(r"\d{4}", expr).group())
            span = (date(y, 1, 1), date(y + 9, 12, 31))
        elif m.group("year"):
            if _NOT_YEAR_AFTER.match(text[m.end():]) or (m.start() > 0 and text[m.start() - 1] in "$£€,.") \
                    or text[m.end(): m.end() + 1] in ("-",) and re.match(r"-\d", text[m.end():]):
                continue
            y = int(expr)
            span = (date(y, 1, 1), date(y, 12, 31))
        else:
            absolute = bool(re.search(_YEAR, expr)) or m.group("iso")
            if not absolute and anchor is None:
                continue
            cleaned = re.sub(r"^(?:in|since|during|by|until|from|on|early|late|mid-?|the)\s+", "", expr, flags=re.I)
            cleaned = re.sub(r"\b(?:earlier|later)\s+this\b", "this", cleaned)
            kind = next(k for k in ("iso", "dmy", "mdy", "my", "month", "weekday", "relative") if m.group(k))
            if kind == "weekday" and anchor is not None and not re.match(r"(?i)(last|next)\b", expr) \
                    and calendar.day_name[anchor.weekday()].lower() in expr.lower():
                out.append(TimeSpan(anchor, anchor, expr, source, at=m.start()))  # "on Wednesday" in Wednesday's paper
                continue
            span = _resolve(cleaned, None if absolute else anchor, _period(kind, expr))
            if span is None:
                continue
        if span is not None:
            out.append(TimeSpan(span[0], span[1], expr, source, edition=_edition(text, m.start(), m.end()), at=m.start()))
    return out


# ------------------------------------------------------------------------------ article dates

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


# ------------------------------------------------------------------------------ events

@dataclass(frozen=True)
class Anchor:
    """The times a claim (or a passage sentence) is about; `spans` empty and `bound` True: an event
    statement with no date to anchor it; `bound` False: a timeless fact."""

    spans: tuple[TimeSpan, ...] = ()
    bound: bool = False

    @property
    def anchored(self) -> bool:
        return bool(self.spans)

    def to_dict(self) -> dict | None:
        """The claim's `time` in the JSON: null for a timeless fact."""
        if not self.bound:
            return None
        first = self.spans[0] if self.spans else None
        start = min(s.start for s in self.spans) if self.spans else None
        end = max(s.end for s in self.spans) if self.spans else None
        return {"anchored": bool(self.spans),  # start / end null: open on that side (or no anchor)
                "start": start.isoformat() if start and start != date.min else None,
                "end": end.isoformat() if end and end != date.max else None,
                "text": "; ".join(s.text for s in self.spans if s.text),
                "label": self.label() or None,
                "source": first.source if first else None}

    def label(self) -> str:
        return ", ".join(dict.fromkeys(s.label() for s in self.spans))


def anchor_of(text: str, event: str | bool, base: date | None, base_source: str, source: str) -> Anchor:
    """The times `text` is about: its own expressions resolved against `base`; else, for an event statement
    (`event`, see event_statements; True means "past"), the base date as a report date (a present perfect:
    any time up to it; a future: any time from it); a timeless statement without expressions gets none. A passage sentence
    (source "passage") whose expressions all sit in a later clause ("The summit was their second, four years
    after their first, held in April 2019") is also about its report date: its main clause names no time."""
    spans = find_times(text, base, source)
    if spans:
        if source == "passage" and event and base is not None and all(s.at > _first_clause_end(text) for s in spans):
            spans.append(reported_span(base, base_source))
        return Anchor(tuple(spans), True)
    if not event:
        return Anchor((), False)
    if base is None:
        return Anchor((), True)
    span = reported_span(base, base_source)
    if event == "perfect":
        span = TimeSpan(date.min, span.end, "", base_source)
    elif event == "future":
        span = TimeSpan(span.start, date.max, "", base_source)
    return Anchor((span,), True)


def _first_clause_end(text: str) -> int:
    """Where a sentence's first clause ends: its first comma, semicolon, colon or dash (else its end)."""
    m = re.search(r"[,;:\u2013\u2014]|\s-\s", text)
    return m.start() if m else len(text)


SAME, OTHER, UNKNOWN = "same", "other", "unknown"


def relation(claim: Anchor, passage: Anchor) -> str:
    """same: some time of the passage meets some time of the claim; other: every time of the passage is
    apart from every time of the claim (the passage is about another event); unknown: either has none
    (a timeless claim is decided by any passage)."""
    if not claim.bound or not claim.spans or not passage.spans:
        return UNKNOWN
    def slack(a: TimeSpan, b: TimeSpan) -> int:  # two stated days may be a day apart across time zones
        return EXACT_SLACK_DAYS if a.text and b.text and a.start == a.end and b.start == b.end else 0

    if any(c.gap_days(p) <= slack(c, p) for c in claim.spans for p in passage.spans):
        return SAME
    return OTHER


def editions_only(claim: Anchor) -> bool:
    """Whether every explicit time of the claim names an edition ("the 2019 summit"): then another date in the
    passage means another edition, never a wrong date of the same event."""
    explicit = [s for s in claim.spans if s.text]
    return bool(explicit) and all(s.edition for s in explicit)


# Predicates that happen once to their subject: a company is founded, a person born, a treaty signed, a ship sunk
# once. With one of these, a claim's date is the slot the passage may contradict ("founded in 2008" vs "in 1998"),
# not the mark of another edition. Written for this module; past forms, as claims state them.
_ONCE_ONLY = re.compile(
    r"\b(?:founded|established|born|died|completed|finished|built|constructed|sank|signed|released|published|"
    r"premiered|debuted|invented|discovered|assassinated|inaugurated|incorporated|(?<!re)opened|married|"
    r"demolished|abolished|dissolved|unveiled|ratified|declared independence)\b", re.I)


def once_only(text: str) -> bool:
    """Whether the claim states something that happens once to its subject (founded, born, signed, sank ...)."""
    return bool(_ONCE_ONLY.search(text))


# ------------------------------------------------------------------------------ tense

_EVENT_TAGS = frozenset({"VBD"})  # past tense: "met", "lasted"
_CACHE: dict[str, str] = {}


def event_statements(texts: Sequence[str], nlp: Callable | None) -> list[str]:
    """Whether each text states an event, and when: "past" (past tense), "perfect" (present perfect), "future",
    or "" for a timeless fact ("Vostochny lies in the Amur region"), by spaCy's tags; cached per text. Without
    a tagger, all are "past"."""
    if nlp is None:
        return ["past"] * len(texts)
    todo = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if todo:
        keep = {"tok2vec", "tagger", "attribute_ruler"}
        disable = [n for n in getattr(nlp, "pipe_names", []) if n not in keep]
        for t, doc in zip(todo, nlp.pipe(todo, disable=disable)):
            _CACHE[t] = _is_event(doc)
        if len(_CACHE) > 50_000:
            _CACHE.clear()
    return [_CACHE.get(t, "past") for t in texts]


def _is_event(doc) -> str:
    """"past" (a past-tense verb: an event at the report's time), "perfect" (has/have + participle: some time
    before it), "future" (will: some time after it), or "" (a timeless statement)."""
    toks = list(doc)
    found = ""
    for i, t in enumerate(toks):
        if t.tag_ == "VBN" and any(u.lower_ in ("has", "have", "'s", "'ve") for u in toks[max(0, i - 3): i]):
            found = found or "perfect"
        elif t.tag_ in _EVENT_TAGS and t.lower_ not in ("had",):
            return "past"
        elif t.tag_ == "VBN" and any(u.lower_ == "had" for u in toks[max(0, i - 3): i]):
            return "past"
        elif t.tag_ == "MD" and t.lower_ in ("will", "would", "'ll", "shall"):
            found = found or "future"
    return found
