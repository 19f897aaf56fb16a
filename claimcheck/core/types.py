"""Typed results shared by every stage.

All are frozen dataclasses; `to_dict()` gives the JSON shape of DESIGN.md's schema v1.
Character spans are half-open ``[start, end)`` offsets into ``Article.text``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
NOT_ENOUGH_INFO = "not_enough_info"
VERDICTS: tuple[str, str, str] = (SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO)
Verdict = Literal["supported", "contradicted", "not_enough_info"]

# Summary-sentence flags.
FLAG_OK = "ok"
FLAG_UNSUPPORTED = "unsupported"
FLAG_CONTRADICTED = "contradicted"


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """A normalised article: plain text plus its sentences with offsets into that text."""

    id: str
    text: str
    sentences: tuple[Sentence, ...]
    title: str = ""
    path: str = ""
    # (n_sentences, n_words) of an article read back from a report (Report.from_dict), whose text the JSON omits
    counts: tuple[int, int] | None = None
    # the date its claims are anchored to (ISO "YYYY-MM-DD", "" when none), where it came from (option, json,
    # html, dateline, inferred; see claimcheck.timeline.ArticleDate) and, when inferred, the passages it came from
    date: str = ""
    date_source: str = ""
    date_passages: tuple[str, ...] = ()

    @property
    def n_words(self) -> int:
        return len(self.text.split()) if self.counts is None else self.counts[1]

    @property
    def n_sentences(self) -> int:
        return len(self.sentences) if self.counts is None else self.counts[0]


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    sentence_index: int
    span: tuple[int, int]
    checkworthy: bool = True
    reason: str = ""  # why not check-worthy (question, opinion, ...), empty otherwise
    # the runs of source words the claim is made of, in text order, when they are not one run
    # ("Kim arrived on Tuesday" from "Kim arrived in Vladivostok on Tuesday": "Kim arrived", "on Tuesday")
    parts: tuple[tuple[int, int], ...] = ()

    @property
    def spans(self) -> list[list[int]]:
        """`parts`, or the one span: what a report highlights."""
        return [list(p) for p in self.parts] or [list(self.span)]

    def to_dict(self) -> dict:
        """The claim as `claimcheck claims` prints it (schema v1); `reason` only when not check-worthy."""
        d = {"id": self.id, "text": self.text, "sentence_index": self.sentence_index,
             "span": [self.span[0], self.span[1]], "spans": self.spans, "checkworthy": self.checkworthy}
        if self.reason:
            d["reason"] = self.reason
        return d


@dataclass(frozen=True)
class Passage:
    """A retrievable chunk of a corpus document; start/end are offsets into the document text."""

    passage_id: str
    doc_id: str
    text: str
    title: str = ""
    start: int = 0
    end: int = 0
    url: str = ""
    date: str = ""


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with its retrieval similarity (cosine, or fused score)."""

    passage: Passage
    similarity: float


@dataclass(frozen=True)
class PairScore:
    """NLI probabilities for one (premise, hypothesis) pair; they sum to 1."""

    entailment: float
    contradiction: float
    neutral: float


@dataclass(frozen=True)
class Evidence:
    passage_id: str
    doc_id: str
    title: str
    text: str
    similarity: float  # retrieval similarity of the passage (dense cosine)
    entailment: float
    contradiction: float
    neutral: float
    # The sentence(s) of the passage the verifier read (rationale selection); empty: the passage was
    # retrieved but no sentence of it addresses the claim, so it cannot decide the verdict.
    rationale: str = ""
    rationale_similarity: float = 0.0  # cosine of the closest rationale sentence to the claim
    conflict: str = ""  # a number / date / negation conflict the rule found, in one line
    conflict_kind: str = ""  # that conflict's kind (number, date, negation, place, ...), "" when none
    # a restatement the rules read instead (the same distance in another unit, the same comparison from the
    # other side), in one line: the passage states the claim by rule; "" when none
    agreement: str = ""
    date: str = ""  # the passage's corpus date, when it has one
    # which event the passage is about, next to the claim's time (claimcheck.timeline): "same", "other" (another
    # event: shown, but it cannot decide the claim) or "unknown" (no time on one side, or a timeless claim)
    event: str = "unknown"
    event_time: str = ""  # the passage's time as read, e.g. "April 2019", when it has one
    # whether a read sentence shares the claim's subject and predicate (verify.addressing); None: not judged
    # (no parser, or the passage was not read), the rationale alone says whether it addresses the claim
    addresses: bool | None = None

    @property
    def closeness(self) -> float:
        """How close the text that was read is to the claim: the rationale's cosine, else the passage's."""
        return self.rationale_similarity if self.rationale else self.similarity

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Judgement:
    """The aggregated verdict of one claim over its evidence."""

    verdict: Verdict
    score: float  # calibrated confidence in `verdict`
    probabilities: dict[str, float]  # keys: the three verdicts
    evidence: tuple[Evidence, ...]  # deciding evidence first
    reason: str = ""  # one line: why this verdict
    # what an editor must look at although no verdict was reached: "possible_conflict" (a not-enough-info claim
    # whose best aligned passage leans to contradiction) with that passage's contradiction and id; "" when none
    attention: str = ""
    attention_score: float = 0.0
    attention_passage: str = ""
    time: dict | None = None  # the claim's time anchor (claimcheck.timeline.Anchor.to_dict); None: timeless

    def to_dict(self) -> dict:
        """Verdict, rounded confidence and probabilities, the one-line reason, the evidence, and the additive
        `attention` and `time` fields (schema v1)."""
        return {
            "verdict": self.verdict,
            "score": round(self.score, 4),
            "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
            "reason": self.reason,
            "attention": self.attention or None,
            "attention_score": round(self.attention_score, 4) if self.attention else None,
            "attention_passage": self.attention_passage or None,
            "time": self.time,
            "evidence": [e.to_dict() for e in self.evidence],
        }


def unchecked_reason(why: str) -> str:
    """The one-line reason of a claim that is not check-worthy (`why`: question, opinion, ...)."""
    return f"not check-worthy ({why}), so not checked against the corpus" if why else \
        "not check-worthy, so not checked against the corpus"


def _unchecked_why(reason: str) -> str:
    """unchecked_reason's `why`, read back from its line."""
    head, _, rest = reason.partition("not check-worthy (")
    return rest.rsplit("), so not checked", 1)[0] if not head and rest else ""


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    judgement: Judgement

    def to_dict(self) -> dict:
        c = self.claim
        d = {k: v for k, v in c.to_dict().items() if k != "reason"}
        d.update(self.judgement.to_dict())
        if not c.checkworthy:
            d["reason"] = unchecked_reason(c.reason)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "CheckedClaim":
        span = (int(d["span"][0]), int(d["span"][1]))
        spans = [tuple(s) for s in d.get("spans", [])]
        parts = tuple((int(s), int(e)) for s, e in spans) if spans and spans != [span] else ()
        worthy = bool(d.get("checkworthy", True))
        claim = Claim(id=d["id"], text=d["text"], sentence_index=int(d["sentence_index"]), span=span,
                      checkworthy=worthy, reason="" if worthy else _unchecked_why(d.get("reason", "")), parts=parts)
        judgement = Judgement(verdict=d["verdict"], score=float(d["score"]), probabilities=dict(d["probabilities"]),
                              evidence=tuple(Evidence(**e) for e in d.get("evidence", [])),
                              reason=d.get("reason", ""), attention=d.get("attention") or "",
                              attention_score=float(d.get("attention_score") or 0.0),
                              attention_passage=d.get("attention_passage") or "", time=d.get("time"))
        return cls(claim, judgement)


@dataclass(frozen=True)
class SummarySentence:
    text: str
    flag: str = FLAG_OK  # ok | unsupported | contradicted: faithfulness to the article
    score: float = 0.0  # support probability from the checker
    span: tuple[int, int] | None = None  # where the sentence comes from in Article.text, when known
    claims: tuple[str, ...] = ()  # ids of the article's claims whose spans fall in `span`
    verdict: str | None = None  # most serious corpus verdict among those claims that are check-worthy
    attention: str | None = None  # "possible_conflict" when one of those claims carries it and none is contradicted


@dataclass(frozen=True)
class Summary:
    text: str
    model: str
    sentences: tuple[SummarySentence, ...]

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "model": self.model,
            "sentences": [{"text": s.text, "flag": s.flag, "claims": list(s.claims), "verdict": s.verdict,
                           "attention": s.attention} for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Summary":
        return cls(text=d["text"], model=d["model"], sentences=tuple(
            SummarySentence(text=s["text"], flag=s["flag"], claims=tuple(s.get("claims", [])), verdict=s.get("verdict"),
                            attention=s.get("attention"))
            for s in d.get("sentences", [])))


@dataclass(frozen=True)
class Risk:
    score: float
    n_supported: int
    n_contradicted: int
    n_not_enough_info: int
    needs_review: bool
    # share of check-worthy claims that some corpus passage addresses; None when there are none
    coverage: float | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["score"] = round(self.score, 4)
        d["coverage"] = None if self.coverage is None else round(self.coverage, 4)
        return d


@dataclass(frozen=True)
class Report:
    article: Article
    summary: Summary
    claims: tuple[CheckedClaim, ...]
    risk: Risk
    models: dict[str, str]
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # what the reader should know first: low corpus coverage, not English, ...

    def to_dict(self) -> dict:
        a = self.article
        return {
            "schema_version": 1,
            "article": {
                "id": a.id,
                "title": a.title,
                "path": a.path,
                "n_sentences": a.n_sentences,
                "n_words": a.n_words,
                "date": a.date or None,
                "date_source": a.date_source or None,
                "date_passages": list(a.date_passages),
            },
            "summary": self.summary.to_dict(),
            "claims": [c.to_dict() for c in self.claims],
            "risk": self.risk.to_dict(),
            "models": dict(self.models),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Report":
        """A report read back from its schema-v1 JSON (`to_dict`): `Report.from_dict(r.to_dict()).to_dict()`
        equals `r.to_dict()`. The JSON has no article text or sentence offsets, so those come back empty
        (the counts are kept), as do what it omits of a summary sentence (its score and span)."""
        if d.get("schema_version") != 1:
            raise ValueError(f"not a claimcheck report (schema_version {d.get('schema_version')!r}, expected 1)")
        a = d["article"]
        article = Article(id=a["id"], text="", sentences=(), title=a.get("title", ""), path=a.get("path", ""),
                          counts=(int(a["n_sentences"]), int(a["n_words"])), date=a.get("date") or "",
                          date_source=a.get("date_source") or "", date_passages=tuple(a.get("date_passages", ())))
        return cls(article=article, summary=Summary.from_dict(d["summary"]),
                   claims=tuple(CheckedClaim.from_dict(c) for c in d["claims"]), risk=Risk(**d["risk"]),
                   models=dict(d["models"]), timings=dict(d.get("timings", {})), warnings=tuple(d.get("warnings", [])))
