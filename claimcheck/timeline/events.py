"""Which event a claim and a passage sentence are about (their anchors), and the tense that decides it."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable, Sequence

from ..core.types import Evidence
from .expressions import EXACT_SLACK_DAYS, TimeSpan, find_times, parse_date, reported_span

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


def mark_events(text: str, passages: Sequence[tuple[Evidence, Sequence[str]]], event: dict[str, str],
                article_date: date | None) -> tuple[Anchor, list[Evidence]]:
    """The claim's anchor and its evidence, each marked with the event it is about next to the claim's
    (`event` gives event_statements' answer for the claim and every sentence read; a passage with no
    sentence read is "unknown").

    A passage that gives the claim's event another date (a single-slot date conflict) is about the same
    event with a wrong date, unless the claim names an edition ("the 2019 summit") or another passage speaks
    of the claim's own time (then the dates tell two editions apart). Likewise a claim whose predicate happens
    once ("was founded in 2008", "sank in April 1915"): a passage that dates it otherwise may decide."""
    claim = anchor_of(text, event[text], article_date, "article", "claim")
    anchors = []
    for e, sentences in passages:
        day = parse_date(e.date)
        spans = tuple(sp for y in sentences for sp in anchor_of(y, event[y], day, "publication", "passage").spans)
        anchors.append(Anchor(spans, bool(spans)))
    rels = [relation(claim, a) if sentences else UNKNOWN for (_, sentences), a in zip(passages, anchors)]
    corroborated = SAME in rels
    editions = editions_only(claim)
    once = not editions and once_only(text)
    out = []
    for (e, _), a, rel in zip(passages, anchors, rels):
        if rel == OTHER and e.conflict_kind == "date" and not corroborated and not editions:
            rel = SAME
        elif rel == OTHER and once:
            rel = UNKNOWN
        out.append(replace(e, event=rel, event_time=a.label() if rel == OTHER else ""))
    return claim, out
