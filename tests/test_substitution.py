"""The substitution check: the claim written again with the passage's vehicle or place in its slot, for the verifier
to read where the role rules cannot align two wordings of one act (verify.conflicts.substitution, verify.scoring)."""
from types import SimpleNamespace

import pytest

from claimcheck.core.types import PairScore
from claimcheck.verify.aggregate import AggregateConfig
from claimcheck.verify.conflicts.substitution import substitutions
from claimcheck.verify.scoring import substituted
from fakes import FakeVerifier

LANDER = "The first images of the far side were sent back by the Chang'e 4 lander."
PROBE = "The Luna 3 probe sent back the first pictures of the far side."


def test_a_vehicle_in_another_wording_is_rewritten_with_the_passages_vehicle():
    [s] = substitutions(PROBE, LANDER)
    assert (s.kind, s.claim_text, s.premise_text) == ("name", "Luna 3 probe", "Chang'e 4 lander")
    assert s.hypothesis == "The Chang'e 4 lander sent back the first pictures of the far side."
    # a bare model against a vehicle noun, the article fitted to the new name
    [s] = substitutions("A Boeing 767 of the air force flew the president to Brussels.",
                        "The president travelled to Brussels aboard an Airbus A330 of the national air force.")
    assert s.hypothesis.startswith("An Airbus A330 of the air force flew")


def test_a_place_in_another_wording_is_rewritten_with_the_passages_place():
    [s] = substitutions("The new round of ceasefire talks opened in Cairo on Monday.",
                        "Negotiators from both sides gathered in Doha on Monday for a new round of ceasefire talks.")
    assert (s.kind, s.claim_text, s.premise_text) == ("place", "Cairo", "Doha")
    assert s.hypothesis == "The new round of ceasefire talks opened in Doha on Monday."


@pytest.mark.parametrize("claim,premise", [
    # the passage names the claim's vehicle too, or the claim names the passage's
    ("The Luna 3 probe and the Chang'e 4 lander sent back pictures of the far side.", LANDER),
    ("Chang'e 4 transmitted the first far-side images.", LANDER),
    # two kinds of vehicle: a lander is no ship
    ("The research ship Polarstern sent back the first pictures of the far side.", LANDER),
    # the passage tells little of what the claim says beside the slot: the verifier alone would align them
    ("The comet was discovered with the Pan-STARRS telescope.",
     "The first images of the comet were sent back by the European probe Rosetta in 2014."),
    # the passage names others before its place: their meeting, not the claim's
    ("The prime minister held talks with Emmanuel Macron in Berlin.",
     "Xi Jinping hosted Emmanuel Macron in Beijing in April 2023 for talks on trade."),
    # another year: another trip
    ("In 1959 the Luna 3 probe sent back the first pictures of the far side.",
     "In 2019 the first images of the far side were sent back by the Chang'e 4 lander."),
    # a place inside the passage's, and a claim that names a thing the passage does not (another event)
    ("The ceasefire talks opened in Qatar.", "Negotiators gathered in Doha for a new round of ceasefire talks."),
    ("The Hamdan Accord talks opened in Cairo.", "Negotiators gathered in Doha for a new round of ceasefire talks."),
    # a model's name before another noun is no vehicle: a launch complex
    ("The James Webb Space Telescope was launched from the ELA-3 launch complex.",
     "NASA's James Webb Space Telescope was launched on an Ariane 5 rocket from Europe's Spaceport in Kourou."),
    # a capitalised first word is no name: "All cars", "Two fast cars"
    ("All cars come with car phones.", "The Network Vehicle designers left car phones off the list."),
])
def test_no_candidate_where_no_other_vehicle_or_place_can_stand_in_the_slot(claim, premise):
    assert substitutions(claim, premise) == []


def _models(support: float = 0.4, **cfg):
    return SimpleNamespace(aggregate_config=AggregateConfig(support_threshold=support, **cfg),
                           verifier=FakeVerifier(contradict=("Intelsat",)))


def test_the_rewritten_claim_read_as_supported_makes_a_conflict_naming_both():
    models = _models()
    [c] = substituted(models, [(PROBE, LANDER, [LANDER])], [PairScore(0.1, 0.3, 0.6)], [None])
    assert (c.kind, c.claim_text, c.premise_text) == ("name", "Luna 3 probe", "Chang'e 4 lander")
    assert models.verifier.pairs == [(LANDER, "The Chang'e 4 lander sent back the first pictures of the far side.")]


def test_no_conflict_when_the_claim_is_supported_the_rewrite_is_not_or_the_margin_is_not_met():
    # the verifier already reads the claim as supported: nothing more is read
    models = _models()
    assert substituted(models, [(PROBE, LANDER, [LANDER])], [PairScore(0.7, 0.1, 0.2)], [None]) == [None]
    assert models.verifier.pairs == []
    # the rewritten claim is no better supported than the claim
    premise = "Viewers in Asia received the broadcast through the Intelsat 20 satellite."
    claim = "Asian viewers received the broadcast via the Eutelsat 70B satellite."
    assert substituted(_models(), [(claim, premise, [premise])], [PairScore(0.1, 0.3, 0.6)], [None]) == [None]
    # entailment 0.9 is not 0.25 above the claim's 0.68 (below the support bar of 0.7 set here)
    assert substituted(_models(0.7, substitution_margin=0.25), [(PROBE, LANDER, [LANDER])],
                       [PairScore(0.68, 0.1, 0.22)], [None]) == [None]
    # off above 1, and a rule's conflict is kept as it was
    assert substituted(_models(substitution_margin=1.5), [(PROBE, LANDER, [LANDER])],
                       [PairScore(0.1, 0.3, 0.6)], [None]) == [None]
    kept = object()
    assert substituted(_models(), [(PROBE, LANDER, [LANDER])], [PairScore(0.1, 0.3, 0.6)], [kept]) == [kept]


def test_the_conflicts_bench_counts_the_checks_findings_as_their_own_kind():
    from claimcheck.datasets.nli import Pair
    from claimcheck.research.bench.conflicts import _substituted

    models = SimpleNamespace(aggregate_config=AggregateConfig(support_threshold=0.4),
                             verifier=FakeVerifier(contradict=("Luna",)))  # the claim 0.1, its rewrite 0.9
    pairs = [Pair(LANDER, PROBE, "contradiction", "t"), Pair(LANDER, "The lander was Chinese.", "neutral", "t")]
    found = _substituted(models, pairs, [[], []])
    assert [c.kind for c in found[0]] == ["substitution"] and found[1] == []
    assert _substituted(None, pairs, [[], []]) == [[], []]  # without models: the rules' findings as they were
