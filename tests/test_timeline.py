"""Time anchors (claimcheck.timeline) and what they change in verdicts: another event's passage never decides."""
from __future__ import annotations

from datetime import date

import pytest

from claimcheck.core.errors import InputError
from claimcheck.timeline import (OTHER, SAME, UNKNOWN, Anchor, anchor_of, article_date, dateline_date, editions_only,
                                 find_times, infer_date, metadata_date, relation)
from claimcheck.core.types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED, Evidence
from claimcheck.verify.aggregate import AggregateConfig, article_risk, judge

WED = date(2023, 9, 13)  # a Wednesday


def _spans(text, anchor=WED):
    return [(s.start.isoformat(), s.end.isoformat()) for s in find_times(text, anchor)]


def test_relative_times_resolve_against_the_article_date():
    assert _spans("Kim arrived on Wednesday") == [("2023-09-13", "2023-09-13")]  # the paper's own day
    assert _spans("Kim arrived last Wednesday") == [("2023-09-06", "2023-09-06")]
    assert _spans("Shoigu visited Pyongyang in July") == [("2023-07-01", "2023-07-31")]
    assert _spans("two failed launches this year") == [("2023-01-01", "2023-12-31")]
    assert _spans("sales fell last year") == [("2022-01-01", "2022-12-31")]
    # without an anchor a relative time says nothing; an explicit one still does
    assert find_times("Kim arrived on Wednesday", None) == []
    assert _spans("they first met in April 2019", None) == [("2019-04-01", "2019-04-30")]


def test_explicit_dates_quarters_and_what_is_no_year():
    assert _spans("launched on 25 December 2021") == [("2021-12-25", "2021-12-25")]
    assert _spans("On Sept. 13, 2023, the leaders met") == [("2023-09-13", "2023-09-13")]
    assert _spans("in its second-quarter 2024 report") == [("2024-04-01", "2024-06-30")]
    assert _spans("a site 1500 km away where 2000 people work") == []
    assert _spans("It was the second meeting in four years") == []


def test_a_year_before_a_noun_names_an_edition():
    claim = anchor_of("The 2019 summit lasted about three hours.", True, None, "article", "claim")
    assert editions_only(claim)
    assert not editions_only(anchor_of("The company was founded in 1998.", True, None, "article", "claim"))


def test_article_dates_from_option_metadata_and_dateline():
    assert article_date("", "txt", "", "2023-09-13") == (WED, "option")
    with pytest.raises(InputError, match="use YYYY-MM-DD"):
        article_date("", "txt", "", "13/09/2023")
    assert metadata_date('{"text": "x", "date": "2023-09-13"}', "json") == (WED, "json")
    html = '<html><head><meta property="article:published_time" content="2023-09-13T08:00:00Z"></head></html>'
    assert metadata_date(html, "html") == (WED, "html")
    assert dateline_date("Kim meets Putin\n\nVLADIVOSTOK, 13 September 2023 - Kim Jong Un arrived at the cosmodrome "
                         "on Wednesday for talks with the Russian president about arms and satellites.") == WED
    # a date inside the story is the event's, not the article's
    assert dateline_date("Webb marks a year in space\n\nThe observatory was launched on 25 December 2021 on an Ariane "
                         "5 rocket from Kourou, and has since sent back thousands of images.") is None


def test_the_event_relation_of_a_claim_and_a_passage():
    claim = anchor_of("The formal meeting lasted about an hour.", True, WED, "article", "claim")
    summit_2019 = anchor_of("The talks lasted about three hours.", True, date(2019, 4, 25), "publication", "passage")
    next_day = anchor_of("The talks lasted about an hour.", True, date(2023, 9, 14), "publication", "passage")
    background = anchor_of("The two had first met in April 2019.", True, WED, "publication", "passage")
    assert relation(claim, summit_2019) == OTHER
    assert relation(claim, next_day) == SAME
    assert relation(claim, background) == OTHER
    # a timeless fact is decided by any passage, whatever its date
    timeless = anchor_of("Vostochny lies in the Amur region.", False, WED, "article", "claim")
    assert not timeless.bound and relation(timeless, summit_2019) == UNKNOWN
    # a claim with no date at all cannot be told apart from another edition: unknown, never "other"
    assert relation(anchor_of("The talks lasted an hour.", True, None, "article", "claim"), summit_2019) == UNKNOWN


def test_the_article_date_is_inferred_only_where_the_corpus_agrees():
    d23, d19 = date(2023, 9, 13), date(2019, 4, 25)
    votes = [("c1", "p1", d23, 0.9), ("c2", "p2", date(2023, 9, 14), 0.8), ("c3", "p9", d19, 0.7)]
    found = infer_date(votes)
    assert found.date == date(2023, 9, 14) and found.source == "inferred" and set(found.passages) == {"p1", "p2"}
    assert infer_date([("c1", "p1", d23, 0.9)]).date is None  # one claim is not enough
    assert infer_date([("c1", "p1", d23, 0.9), ("c2", "p9", d19, 0.9)]).date is None  # a tie is no answer


def _ev(pid, ent=0.0, con=0.0, event=UNKNOWN, event_time="", sim=0.7):
    return Evidence(pid, pid, pid.title(), f"text of {pid}", sim, ent, con, round(1 - ent - con, 4),
                    rationale=f"text of {pid}", rationale_similarity=sim, event=event, event_time=event_time)


def test_a_passage_about_another_event_neither_supports_nor_contradicts():
    cfg = AggregateConfig(support_threshold=0.4, contradict_threshold=0.9, contradict_min_similarity=0.5)
    j = judge([_ev("summit2019", ent=0.95, event=OTHER, event_time="April 2019")], cfg)
    assert j.verdict == NOT_ENOUGH_INFO
    assert "another event (April 2019)" in j.reason
    j = judge([_ev("visit2024", con=0.95, event=OTHER, event_time="June 2024"), _ev("summit2023", ent=0.2, event=SAME)], cfg)
    assert j.verdict == NOT_ENOUGH_INFO and j.attention == ""
    assert j.evidence[0].passage_id == "summit2023" and j.evidence[-1].passage_id == "visit2024"
    assert "another event (June 2024)" in j.reason
    # the same passages, same event: they decide as before
    assert judge([_ev("summit2023", ent=0.95, event=SAME)], cfg).verdict == SUPPORTED
    assert judge([_ev("summit2023", con=0.95, event=SAME)], cfg).verdict == CONTRADICTED


def test_a_possible_conflict_is_flagged_ranked_and_needs_review():
    from claimcheck.core.types import CheckedClaim, Claim

    cfg = AggregateConfig(support_threshold=0.4, contradict_threshold=0.9, contradict_min_similarity=0.5,
                          possible_conflict_threshold=0.5)
    j = judge([_ev("weak", ent=0.3, con=0.1), _ev("cosmodrome", con=0.86, ent=0.02)], cfg)
    assert j.verdict == NOT_ENOUGH_INFO and j.attention == "possible_conflict"
    assert j.attention_score == pytest.approx(0.86) and j.attention_passage == "cosmodrome"
    assert j.evidence[0].passage_id == "cosmodrome" and "may contradict it (0.86, below the 0.90 bar)" in j.reason
    d = j.to_dict()
    assert d["verdict"] == NOT_ENOUGH_INFO and d["attention"] == "possible_conflict" and d["attention_score"] == 0.86
    # too far from the claim to contradict: no attention
    assert judge([_ev("far", con=0.86, sim=0.3)], cfg).attention == ""
    # below the bar: none
    assert judge([_ev("mild", con=0.45)], cfg).attention == ""

    def checked(i, judgement):
        return CheckedClaim(Claim(f"c{i}", f"claim {i}", i, (i, i + 1)), judgement)

    calm = judge([_ev("a", ent=0.9)], cfg)
    unconfirmed = judge([_ev("b", ent=0.2, con=0.1)], cfg)
    flagged = article_risk([checked(0, calm), checked(1, j)])
    doubtful = article_risk([checked(0, unconfirmed), checked(1, unconfirmed)])
    assert flagged.needs_review and flagged.score > doubtful.score
    contradicted = article_risk([checked(0, judge([_ev("c", con=0.95)], cfg))])
    assert contradicted.score > flagged.score


def test_anchor_json_shape():
    a = anchor_of("Kim arrived on Wednesday.", True, WED, "article", "claim")
    assert a.to_dict() == {"anchored": True, "start": "2023-09-13", "end": "2023-09-13", "text": "on Wednesday",
                           "label": "13 September 2023", "source": "claim"}
    assert Anchor((), False).to_dict() is None
    assert anchor_of("Kim arrived at the cosmodrome.", True, None, "article", "claim").to_dict()["anchored"] is False


# ---------------------------------------------------------------- the real pipeline on recurring events

EDITIONS = [
    ("summit-2019", "Vladivostok summit", "2019-04-25",
     "Vladimir Putin and Kim Jong Un held talks on Russky Island in Vladivostok. Their one-on-one talks lasted "
     "about two hours before the delegations joined them. Russky Island lies in the Sea of Japan, just south of "
     "the centre of Vladivostok."),
    ("summit-2023", "Vostochny summit", "2023-09-13",
     "Vladimir Putin and Kim Jong Un met at the Vostochny Cosmodrome in the Amur region. The Russian president "
     "showed his guest the launch pads before their talks."),
    ("visit-2024", "Putin in Pyongyang", "2024-06-19",
     "Vladimir Putin arrived in Pyongyang for his first visit to North Korea in 24 years and signed a strategic "
     "partnership treaty with Kim Jong Un."),
]


@pytest.fixture(scope="module")
def editions(tmp_path_factory, real_pipeline):
    import json

    corpus = tmp_path_factory.mktemp("editions") / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "title": t, "date": d, "text": x}) for i, t, d, x in EDITIONS) + "\n")
    return real_pipeline.with_corpus(str(corpus))


def test_another_editions_passage_does_not_support_a_dated_claim(editions):
    [j] = editions.verify_texts(["In September 2023, Putin and Kim's one-on-one talks lasted about two hours."])
    assert j.verdict != SUPPORTED, j.reason
    other = [e for e in j.evidence if e.doc_id == "summit-2019"]
    assert other and other[0].event == OTHER and other[0].event_time


def test_the_article_date_anchors_claims_that_name_no_year(editions):
    claim = "Putin and Kim's one-on-one talks lasted about two hours."
    [undated] = editions.verify_texts([claim])
    [dated] = editions.verify_texts([claim], article_date=WED)
    [right] = editions.verify_texts([claim], article_date=date(2019, 4, 25))
    assert dated.verdict == NOT_ENOUGH_INFO and "another event" in dated.reason
    assert right.verdict == SUPPORTED and right.evidence[0].doc_id == "summit-2019" and right.evidence[0].event == SAME
    assert undated.time["anchored"] is False  # no date anywhere: reported as not anchored, decided as before


def test_a_timeless_fact_is_decided_by_any_edition(editions):
    [j] = editions.verify_texts(["Russky Island lies in the Sea of Japan, south of central Vladivostok."],
                                article_date=date(2025, 1, 10))
    assert j.verdict == SUPPORTED and j.time is None and j.evidence[0].event == UNKNOWN


def test_adjacent_quarters_are_two_editions_and_adjacent_days_may_be_one():
    q1 = anchor_of("Harbourline reported first-quarter 2024 revenue of £412 million.", True, None, "article", "claim")
    q2 = anchor_of("Harbourline reported second-quarter 2024 revenue of £398 million.", True, date(2024, 7, 25),
                   "publication", "passage")
    assert relation(q1, q2) == OTHER
    launch = anchor_of("Webb was launched on 24 December 2021.", True, None, "article", "claim")
    lifted = anchor_of("Webb lifted off on 25 December 2021.", True, date(2021, 12, 25), "publication", "passage")
    assert relation(launch, lifted) == SAME  # one launch: the dates are what a date conflict compares


def test_a_report_that_recalls_an_earlier_edition_in_a_later_clause_is_about_its_own_day():
    claim = anchor_of("The Vostochny meeting was the second between Putin and Kim.", True, WED, "article", "claim")
    recap = anchor_of("The Vostochny summit was their second meeting, four years after their first, held in April 2019.",
                      True, WED, "publication", "passage")
    history = anchor_of("In April 2019, Putin and Kim met for the first time in Vladivostok.", True, WED,
                        "publication", "passage")
    assert relation(claim, recap) == SAME
    assert relation(claim, history) == OTHER


def test_a_present_perfect_reaches_back_and_a_future_forward():
    has = anchor_of("North Korea has opposed the UN resolution.", "perfect", WED, "article", "claim")
    vote_2022 = anchor_of("North Korea voted against the resolution.", "past", date(2022, 3, 2), "publication", "passage")
    assert relation(has, vote_2022) == SAME
    assert has.to_dict()["start"] is None and has.label() == "any time up to 13 September 2023"
    will = anchor_of("Kim will visit Moscow.", "future", WED, "article", "claim")
    assert relation(will, vote_2022) == OTHER
    assert relation(anchor_of("North Korea opposed the resolution.", "past", WED, "article", "claim"), vote_2022) == OTHER


def test_tenses_by_the_real_tagger(real_pipeline):
    from claimcheck.timeline import event_statements

    assert event_statements(["Putin and Kim met at Vostochny.", "North Korea has opposed the resolution.",
                             "Kim will visit Moscow.", "Vostochny lies in the Amur region.",
                             "Webb's mirror is 6.5 metres wide."], real_pipeline.nlp) == ["past", "perfect", "future", "", ""]


def test_a_once_only_predicate_makes_the_date_the_slot():
    from claimcheck.timeline import once_only

    assert once_only("The company was founded in 2008.") and once_only("The Titanic sank in April 1915.")
    assert not once_only("The museum reopened on 14 May.") and not once_only("The summit lasted two hours.")


def test_another_date_for_a_once_only_event_may_still_decide(editions):
    [j] = editions.verify_texts(["Russky Island was founded as a naval fortress in 1889."], article_date=WED)
    assert all(e.event != OTHER for e in j.evidence)


def test_each_passage_is_listed_once_as_it_was_judged():
    cfg = AggregateConfig(support_threshold=0.4, contradict_threshold=0.9, contradict_min_similarity=0.5)
    far = _ev("far", con=0.7, sim=0.45)  # too far to contradict: its contradiction is read as neutral
    j = judge([_ev("near", ent=0.3), far], cfg)
    assert [e.passage_id for e in j.evidence] == ["near", "far"]
    assert j.evidence[1].contradiction == 0.0
