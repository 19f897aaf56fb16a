"""Summary sentences are linked to the claims they carry through the real pipeline: an extractive
sentence by the article sentence it copies, a generated one by the article sentence that entails it."""
from __future__ import annotations

from claimcheck.pipeline import Pipeline
from claimcheck.components import Components
from claimcheck.profiles import load_profile

from fakes import FakeRetriever, FakeSummarizer, FakeVerifier

ARTICLE = ("A ferry sank near Dover on Tuesday.\n\n"
           "Rescuers saved forty passengers from the cold water.\n\n"
           "The harbour reopened on Friday.")
RESCUED = "Forty people were rescued from the water by rescuers."  # the generated summary sentence


def test_a_generated_summary_sentence_links_to_the_claims_of_the_sentence_that_entails_it():
    profile = load_profile("offline")
    pipe = Pipeline(profile=profile, corpus="x", _retriever=FakeRetriever(),
                    components=Components(profile, verifier=FakeVerifier(), summarizer=FakeSummarizer(RESCUED)))
    report = pipe.check(ARTICLE, name="ferry.txt")
    [sent] = report.summary.sentences
    rescued = [c.claim.id for c in report.claims if c.claim.sentence_index == 1]
    assert sent.flag == "ok" and sent.claims and set(sent.claims) <= set(rescued)
    assert sent.verdict == "supported"
    d = report.to_dict()["summary"]["sentences"][0]
    assert d["claims"] == list(sent.claims) and d["verdict"] == "supported"
