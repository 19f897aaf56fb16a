"""Time expressions: finding them ("on Wednesday", "in April 2019", "second-quarter 2024") and the calendar
stretch each names, relative ones resolved against an anchor date by dateparser."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..text.words import ordinal

# A date inferred from a publication date (a passage's corpus `date`, the article's date) stands for an
# event reported up to this many days before it (and a day after: time zones, late editions).
REPORT_LAG_DAYS = 14
EXACT_SLACK_DAYS = 1  # an explicit day ("13 September") may be a day off across time zones

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

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
            q = ordinal(m.group("qord") or "") or int(m.group("qnum") or 0)
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
