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

from .articles import ArticleDate, article_date, corpus_date, dateline_date, infer_date, metadata_date
from .events import (OTHER, SAME, UNKNOWN, Anchor, anchor_of, editions_only, event_statements, mark_events,
                     once_only, relation)
from .expressions import REPORT_LAG_DAYS, TimeSpan, find_times, parse_date, reported_span

__all__ = ["OTHER", "REPORT_LAG_DAYS", "SAME", "UNKNOWN", "Anchor", "ArticleDate", "TimeSpan", "anchor_of",
           "article_date", "corpus_date", "dateline_date", "editions_only", "event_statements", "find_times", "infer_date",
           "mark_events", "metadata_date", "once_only", "parse_date", "relation", "reported_span"]
