"""One pass per article: segment -> claims -> retrieve -> verify -> aggregate, plus summary -> check.

`Pipeline` loads each model once, lazily, and is reused across articles (CLI, triage, server). Scoring the
retrieved passages and judging each claim (rationales, verifier batch, conflict and claim rules) is
claimcheck.verify.scoring's; the Pipeline hands it itself as the source of the models.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from .components import Components
from .profiles import Profile, load_profile, resolve_device
from .core.types import (
    CONTRADICTED,
    FLAG_CONTRADICTED,
    FLAG_OK,
    FLAG_UNSUPPORTED,
    SUPPORTED,
    Article,
    CheckedClaim,
    Claim,
    Hit,
    Judgement,
    Passage,
    Report,
    Summary,
    SummarySentence,
)
from .report.warnings import report_warnings
from .summarize.link import copied_sentences, link_claims
from .timeline import article_date
from .verify.aggregate import RISK_OPTIONS, article_risk
from .verify.scoring import Scored, judge_hits, score_hits
from .verify.scoring import decide as decide_scored


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - t0


@dataclass
class Pipeline:
    profile: Profile
    device: str = "cpu"
    corpus: str | None = None
    top_k: int = 5
    _retriever: object | None = field(default=None, repr=False)
    index_progress: bool = False  # show a passages done / total bar with ETA (stderr) while an index builds
    _progress: Callable[[str], None] | None = field(default=None, repr=False, compare=False)  # set by check()
    # the models and settings (claimcheck.components), loaded lazily; pass one to share or replace parts
    components: Components | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.components is None:
            self.components = Components(self.profile, self.device)

    @classmethod
    def create(cls, profile: str | None = None, device: str | None = None, corpus: str | None = None, top_k: int = 5) -> "Pipeline":
        return cls(profile=load_profile(profile), device=resolve_device(device), corpus=corpus, top_k=top_k)

    def with_corpus(self, corpus: str) -> "Pipeline":
        """A pipeline over another corpus that shares this one's models (each loads once, for both)."""
        return Pipeline(profile=self.profile, device=self.device, corpus=corpus, top_k=self.top_k,
                        index_progress=self.index_progress, components=self.components)

    # ---------------------------------------------------------------- components (lazy, shared)
    nlp = property(lambda self: self.components.nlp)
    embedder = property(lambda self: self.components.embedder)
    extractor = property(lambda self: self.components.extractor)
    summarizer = property(lambda self: self.components.summarizer)
    verifier = property(lambda self: self.components.verifier)
    aggregate_config = property(lambda self: self.components.aggregate_config)
    rationale_config = property(lambda self: self.components.rationale_config)

    @property
    def retriever(self):
        if self._retriever is None:
            if not self.corpus:
                from .core.errors import UserError

                raise UserError("no reference corpus given (use --corpus PATH)")
            from .index import open_retriever

            self._retriever = open_retriever(self.corpus, profile=self.profile, device=self.device,
                                             progress=self.index_progress)
        return self._retriever

    def models(self) -> dict[str, str]:
        return {role: self.profile.role(role).label for role in ("claims", "summarizer", "embedder", "verifier")}

    # ---------------------------------------------------------------- stages
    def read_article(self, raw: str, *, name: str, path: str = "", fmt: str | None = None, title: str | None = None,
                     date: str | None = None) -> tuple[Article, object]:
        from .core.limits import check_article_size
        from .core.sanitize import check_unicode, clean_text
        from .text.markup import detect_format, normalize
        from .text.segment import segment_with_doc

        self._notify("segment")
        fmt = fmt or detect_format(name, raw)
        text, found_title = normalize(raw, fmt)
        check_article_size(text, name or "article")
        if title:
            check_unicode(title, "title")
            title = clean_text(title)
        article_id = Path(name).stem if name and name != "stdin" else "stdin"
        article, doc = segment_with_doc(text, id=article_id, title=title or found_title, path=path, nlp=self.nlp)
        day, source = article_date(raw, fmt, text, date)
        if day is not None:
            article = replace(article, date=day.isoformat(), date_source=source)
        return article, doc

    def _infer_date(self, article: Article, claims: Sequence[tuple[str, str, Sequence[Scored]]]) -> Article:
        """The article with the event date its corpus suggests (timeline.infer_date), from the dated passages
        that state its past-tense claims whose time would come from the article (no date of their own)."""
        from .timeline import corpus_date, event_statements

        events = event_statements([t for _, t, _ in claims], self.nlp)
        found = corpus_date([(cid, text, kind, [x.evidence for x in ss]) for (cid, text, ss), kind in zip(claims, events)],
                            self.aggregate_config.support_threshold)
        if found.date is None:
            return article
        return replace(article, date=found.date.isoformat(), date_source=found.source, date_passages=found.passages)

    def extract_claims(self, article: Article, doc=None) -> list[Claim]:
        self._notify("claims")
        return self.extractor.extract(article, doc=doc)

    def verify_texts(self, texts: Sequence[str], timings: dict[str, float] | None = None,
                     article_date: date | None = None) -> list[Judgement]:
        """Retrieve evidence for each text from the corpus and judge it; order follows the input.

        `article_date` anchors the texts' relative times ("on Wednesday") and their event statements
        (claimcheck.timeline); without it only the texts' own explicit dates anchor them."""
        timings = {} if timings is None else timings
        if not texts:
            return []
        scored = self.score_texts(texts, timings)
        with _timed(timings, "verify"):
            return self.decide(texts, scored, article_date)

    def score_texts(self, texts: Sequence[str], timings: dict[str, float] | None = None) -> list[list[Scored]]:
        """Retrieval, rationale selection and one verifier batch: each text's scored passages, not yet judged."""
        timings = {} if timings is None else timings
        self._notify("retrieve")
        with _timed(timings, "retrieve"):
            hits = self.retriever.search_batch(list(texts), self.top_k)
        self._notify("verify")
        with _timed(timings, "verify"):
            from .verify.addressing import mark_addressing

            return mark_addressing(texts, score_hits(self, texts, hits), self.nlp)

    def decide(self, texts: Sequence[str], scored: Sequence[Sequence[Scored]], article_date: date | None = None,
               ) -> list[Judgement]:
        """The claim rule per text, each passage first marked as about the same event as the text, another
        one, or unknown (claimcheck.timeline; the verifier's [verifier] event_rule turns this off)."""
        return decide_scored(self, texts, scored, article_date)

    def summarize(self, article: Article, timings: dict[str, float] | None = None) -> Summary:
        return self.summarize_many([article], timings)[0]

    def summarize_many(self, articles: Sequence[Article], timings: dict[str, float] | None = None) -> list[Summary]:
        """Summaries of several articles (one summarizer batch), each sentence checked against its article."""
        timings = {} if timings is None else timings
        self._notify("summarize")
        with _timed(timings, "summarize"):
            drafts = self.summarizer.summarize_many(list(articles))
        self._notify("summary_check")
        with _timed(timings, "summary_check"):
            flags = self._check_summaries(articles, [list(d.sentences) for d in drafts])
        from .summarize.link import sentences_span, source_span

        out = []
        for a, d, fl in zip(articles, drafts, flags):
            sents = []
            for n, (s, (f, p, backing)) in enumerate(zip(d.sentences, fl)):
                # where it comes from: the copied sentence, else the article sentences that entail it
                span = source_span(a, s, d.sentence_indices[n : n + 1] if d.sentence_indices else ())
                if span is None and backing is not None and f == FLAG_OK:
                    span = sentences_span(a, *backing)
                sents.append(SummarySentence(text=s, flag=f, score=p, span=span))
            out.append(Summary(text=d.text, model=d.model, sentences=tuple(sents)))
        return out

    def check_against_article(self, article: Article, sentences: list[str], window: int = 3, k: int = 3) -> list[tuple[str, float]]:
        """Flag each sentence the article does not back: ok / unsupported / contradicted (with P(supported))."""
        return self.check_summaries([article], [sentences], window=window, k=k)[0]

    def check_summaries(self, articles: Sequence[Article], sentence_lists: Sequence[Sequence[str]],
                        window: int = 3, k: int = 3) -> list[list[tuple[str, float]]]:
        """check_against_article for several articles: one embedding call and one verifier batch for all.

        Premises are the article's single sentences (a quoted sentence is entailed by itself) and
        overlapping windows of `window` sentences (for fusions); a window's vector is the normalised
        sum of its sentences' vectors, so each sentence is embedded once. The k closest are judged.
        """
        return [[(f, p) for f, p, _ in fl] for fl in self._check_summaries(articles, sentence_lists, window, k)]

    def _check_summaries(self, articles: Sequence[Article], sentence_lists: Sequence[Sequence[str]],
                         window: int = 3, k: int = 3) -> list[list[tuple[str, float, tuple[int, int] | None]]]:
        """check_summaries, each flag with the (first, last) article sentences of its deciding premise.
        A sentence copied whole from its article is faithful by construction: ok, with no model call."""
        out: list[list] = [[] for _ in articles]
        copies = [[copied_sentences(a, s) for s in ss] for a, ss in zip(articles, sentence_lists)]
        asked = [[s for s, c in zip(ss, cs) if c is None] for ss, cs in zip(sentence_lists, copies)]
        todo = [i for i, qs in enumerate(asked) if qs]
        art_sents = {i: [s.text for s in articles[i].sentences] or [articles[i].text] for i in todo}
        texts = [t for i in todo for t in (*art_sents[i], *asked[i])]
        vecs_all, row = (self.embedder.encode(texts) if texts else None), 0
        queries, hits = [], []  # one entry per summary sentence, article by article
        for i in todo:
            sents, qs = art_sents[i], asked[i]
            sv = vecs_all[row : row + len(sents)]
            qv = vecs_all[row + len(sents) : row + len(sents) + len(qs)]
            row += len(sents) + len(qs)
            passages, vecs = list(sents), list(sv)
            ranges = [(j, j) for j in range(len(sents))]  # the article sentences each premise spans
            if window > 1 and len(sents) > 1:
                for j in range(0, max(0, len(sents) - window + 1)):
                    v = sv[j : j + window].sum(axis=0)
                    passages.append(" ".join(sents[j : j + window]))
                    ranges.append((j, j + window - 1))
                    vecs.append(v / (np.linalg.norm(v) or 1.0))
            sims = qv @ np.stack(vecs).T
            for q, sim_row in enumerate(sims):
                queries.append(qs[q])
                hits.append([Hit(Passage("article#{}-{}".format(*ranges[j]), articles[i].id, passages[j]), float(sim_row[j]))
                             for j in np.argsort(-sim_row)[:k]])
        flags = iter(judge_hits(self, queries, hits) if queries else ())
        for i, cs in enumerate(copies):
            for copy in cs:
                if copy is not None:
                    out[i].append((FLAG_OK, 1.0, copy))
                    continue
                j = next(flags)
                flag = {SUPPORTED: FLAG_OK, CONTRADICTED: FLAG_CONTRADICTED}.get(j.verdict, FLAG_UNSUPPORTED)
                backing = None
                if j.evidence and j.evidence[0].passage_id.startswith("article#"):
                    first, last = j.evidence[0].passage_id[len("article#"):].split("-")
                    backing = (int(first), int(last))
                out[i].append((flag, j.probabilities[SUPPORTED], backing))
        return out

    def check(
        self, raw: str, *, name: str, path: str = "", fmt: str | None = None, title: str | None = None,
        progress: Callable[[str], None] | None = None, date: str | None = None,
    ) -> Report:
        """Check one article; `progress`, if given, is called with each stage's name as it starts
        (segment, claims, summarize, summary_check, retrieve, verify); `date` (YYYY-MM-DD) is the
        article's date when the caller knows it."""
        self._progress = progress
        try:
            return self.check_many([ArticleInput(raw, name, path, fmt, title, date)])[0]
        finally:
            self._progress = None

    def _notify(self, stage: str) -> None:
        if self._progress is not None:
            self._progress(stage)

    def check_many(self, inputs: Sequence["ArticleInput"]) -> list[Report]:
        """Check several articles, batching all their claims through retrieval and the verifier at once.

        Per-article timings for the batched stages are the batch's time shared out by claim count.
        """
        t0 = time.perf_counter()
        per_timings: list[dict[str, float]] = [{} for _ in inputs]
        parsed = []
        for inp, timings in zip(inputs, per_timings):
            with _timed(timings, "segment"):
                article, doc = self.read_article(inp.raw, name=inp.name, path=inp.path, fmt=inp.fmt, title=inp.title,
                                                 date=inp.date)
            with _timed(timings, "claims"):
                claims = self.extract_claims(article, doc)
            parsed.append((article, claims))
        batch_timings: dict[str, float] = {}
        summaries = self.summarize_many([a for a, _ in parsed], batch_timings)
        parsed = [(a, c, s) for (a, c), s in zip(parsed, summaries)]
        all_claims = [c for _, claims, _ in parsed for c in claims]
        all_texts = [c.text for c in all_claims]
        # questions, opinion and page furniture are reported but not checked against the corpus
        worthy = [i for i, c in enumerate(all_claims) if c.checkworthy]
        scored = dict(zip(worthy, self.score_texts([all_texts[i] for i in worthy], batch_timings))) if worthy else {}
        judgements: list[Judgement] = []
        dated = []
        with _timed(batch_timings, "verify"):
            pos = 0
            for article, claims, summary in parsed:
                rows = [i for i in range(pos, pos + len(claims)) if i in scored]
                if not article.date and rows:
                    article = self._infer_date(article, [(all_claims[i].id, all_texts[i], scored[i]) for i in rows])
                anchor = date.fromisoformat(article.date) if article.date else None
                decided = iter(self.decide([all_texts[i] for i in rows], [scored[i] for i in rows], anchor))
                judgements += [next(decided) if i in scored else UNCHECKED for i in range(pos, pos + len(claims))]
                dated.append((article, claims, summary))
                pos += len(claims)
        parsed = dated
        reports, pos = [], 0
        risk_opts = {k: float(v) for k, v in self.profile.section("risk").items() if k in RISK_OPTIONS}
        for (article, claims, summary), timings in zip(parsed, per_timings):
            share = len(claims) / max(1, len(all_texts))
            for stage, secs in batch_timings.items():
                timings[stage] = secs * share
            checked = tuple(CheckedClaim(c, j) for c, j in zip(claims, judgements[pos : pos + len(claims)]))
            pos += len(claims)
            with _timed(timings, "aggregate"):
                risk = article_risk(checked, **risk_opts)
                summary = link_claims(summary, checked)
            timings["total"] = sum(v for k, v in timings.items() if k != "total")
            reports.append(Report(article=article, summary=summary, claims=checked, risk=risk, models=self.models(),
                                  timings=timings, warnings=report_warnings(article, risk)))
        if len(inputs) == 1:
            reports[0].timings["total"] = time.perf_counter() - t0
        return reports


@dataclass(frozen=True)
class ArticleInput:
    """Raw article text and where it came from, before segmentation."""

    raw: str
    name: str
    path: str = ""
    fmt: str | None = None
    title: str | None = None
    date: str | None = None  # the article's date as given (--date, the form's field): YYYY-MM-DD


UNCHECKED = Judgement(  # no corpus check, so no confidence in any verdict: score 0, not 1
    verdict="not_enough_info", score=0.0,
    probabilities={"supported": 0.0, "contradicted": 0.0, "not_enough_info": 0.0}, evidence=(),
    reason="not check-worthy, so not checked against the corpus",
)
