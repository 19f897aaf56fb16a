"""Verdicts of the real offline verifier on crafted news cases: what `contradicted` must and must not mean."""
from __future__ import annotations

import json

import pytest


PASSAGES = [
    ("summit-day", "Summit day",
     "Vladimir Putin and Kim Jong Un spent more than five hours together at the Vostochny Cosmodrome on "
     "13 September 2023. The Russian president gave his guest a tour of the launch site before the talks."),
    ("satellites", "Spy satellites",
     "North Korea has made three failed attempts this year to put a military reconnaissance satellite into orbit. "
     "Pyongyang has said it will try again in October."),
    ("un-vote", "UN vote",
     "At the United Nations in March, Ghana voted in favour of the UN General Assembly resolution on West African "
     "fisheries, which passed with a large majority."),
    ("webb", "Webb launch",
     "The James Webb Space Telescope lifted off on 25 December 2021 aboard an Ariane 5 rocket from Kourou in "
     "French Guiana."),
    ("escort", "Tanker escorted",
     "The frigate HMS Calder escorted the damaged tanker Nordic Star into Falmouth, the Royal Navy said."),
    ("wind-farm", "Wind farm",
     "The new wind farm will be built about 40 miles off the coast of Norfolk and could power some 800,000 homes."),
    ("peaks", "Peaks of East Africa",
     "Mount Kilimanjaro is higher than Mount Kenya, which makes it the tallest peak in Africa."),
]


@pytest.fixture(scope="module")
def pipe(tmp_path_factory, real_pipeline):
    d = tmp_path_factory.mktemp("verdicts")
    corpus = d / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "title": t, "text": x}) for i, t, x in PASSAGES) + "\n")
    return real_pipeline.with_corpus(str(corpus))


def _judge(pipe, claim):
    [j] = pipe.verify_texts([claim])
    return j


def test_a_passage_with_another_detail_of_the_same_event_does_not_decide(pipe):
    j = _judge(pipe, "After their formal talks, Vladimir Putin and Kim Jong Un held a private conversation.")
    assert j.verdict == "not_enough_info", j


def test_a_swapped_number_is_contradicted_and_the_reason_names_it(pipe):
    j = _judge(pipe, "North Korea has made two failed attempts this year to launch a spy satellite.")
    assert j.verdict == "contradicted"
    assert j.evidence[0].doc_id == "satellites"
    assert "three" in j.reason and "two" in j.reason


def test_a_swapped_date_and_an_opposite_stance_are_contradicted(pipe):
    assert _judge(pipe, "The James Webb Space Telescope was launched on 24 December 2021.").verdict == "contradicted"
    assert _judge(pipe, "Ghana opposed the UN General Assembly resolution on West African fisheries.").verdict == "contradicted"


def test_the_stated_fact_is_supported_with_the_deciding_sentence(pipe):
    j = _judge(pipe, "The James Webb Space Telescope was launched on an Ariane 5 rocket.")
    assert j.verdict == "supported"
    assert j.evidence[0].doc_id == "webb" and "Ariane 5" in j.evidence[0].rationale


def test_another_ship_in_the_same_role_is_contradicted_with_both_names(pipe):
    # the verb's arguments from the parse the pipeline already loads: only one of them differs, and it is a name
    j = _judge(pipe, "The frigate HMS Brenton escorted the damaged tanker Nordic Star into Falmouth.")
    assert j.verdict == "contradicted", j
    assert "Brenton" in j.evidence[0].conflict and "Calder" in j.evidence[0].conflict


def test_a_distance_restated_in_another_unit_is_supported(pipe):
    # the model reads "64 kilometres" as the premise writes it, "40 miles" (the rules' conversion, within 10%)
    j = _judge(pipe, "The new wind farm will be built around 64 kilometres off the Norfolk coast.")
    assert j.verdict == "supported", j


def test_a_comparison_said_from_the_other_side_is_supported_by_rule_and_its_swap_contradicted(pipe):
    # the small model reads "lower than" against "higher than" as a contradiction (0.80); the rules read the
    # same comparison with its two sides swapped, and say so in the reason
    j = _judge(pipe, "Mount Kenya stands lower than Mount Kilimanjaro.")
    assert j.verdict == "supported", j
    assert j.evidence[0].doc_id == "peaks" and "the same comparison" in j.evidence[0].agreement
    assert "higher than Mount Kenya" in j.reason and "lower than Mount Kilimanjaro" in j.reason
    swapped = _judge(pipe, "Mount Kenya stands higher than Mount Kilimanjaro.")
    assert swapped.verdict == "contradicted" and swapped.evidence[0].agreement == ""


def test_a_vehicle_or_place_in_another_wording_is_contradicted_by_substitution(pipe, tmp_path):
    # the role rules cannot align "were sent back by" with "sent back"; the verifier reads the claim with the
    # passage's lander in place of the probe as supported, and the claim itself as not
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "title": i, "text": x}) for i, x in [
        ("far-side", "The first images of the far side of the Moon were sent back by the Chang'e 4 lander in 2019."),
        ("relay", "The broadcast reached viewers in Asia through the Intelsat 20 satellite."),
        ("tower", "The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris."),
    ]) + "\n")
    other = pipe.with_corpus(str(corpus))
    [probe, relay, tower, faithful] = other.verify_texts([
        "The Luna 3 probe sent back the first pictures of the Moon's far side.",
        "Asian viewers received the broadcast via the Eutelsat 70B satellite.",
        "The Eiffel Tower stands in Lyon.",
        "Intelsat 20 relayed the broadcast to viewers in Asia."])
    assert probe.verdict == "contradicted", probe
    assert "Luna 3" in probe.evidence[0].conflict and "Chang'e 4" in probe.evidence[0].conflict
    assert relay.verdict == "contradicted" and "Intelsat 20" in relay.evidence[0].conflict, relay
    assert tower.verdict == "contradicted" and "Paris" in tower.evidence[0].conflict, tower
    assert faithful.verdict != "contradicted", faithful
