"""Agreements the NLI model misreads as contradictions (verify/conflicts/agreement.py) and what they do to a
passage's scores: the same number in another unit, a superlative said as a negated comparative."""
import pytest

from claimcheck.core.types import Hit, PairScore, Passage
from claimcheck.verify.aggregate import make_evidence
from claimcheck.verify.conflicts import find_agreement, find_conflict

AGREE = [
    ("The ferry crossing is about 31 miles long.", "The ferry crossing is roughly 50 kilometres long, the operator says."),
    ("The new reservoir holds about 2 billion litres of water.", "The new reservoir holds about 528 million gallons "
     "of water."),
    ("No bridge in the country is longer than the Varnholm Bridge.",
     "The Varnholm Bridge is the longest bridge in the country, at 4.2 km."),
    ("Nobody older than Edda Lund has won the title.", "At 41, Edda Lund became the oldest player to win the title."),
]

NOT_AGREE = [
    ("The ferry crossing is about 31 miles long.", "The ferry crossing is roughly 80 kilometres long."),  # 50 miles
    ("Turnout was 58% in the capital.", "Turnout was 58 percent in the capital."),  # one unit, two names
    ("The trip takes under 45 minutes.", "The trip takes one hour."),  # a bound, not a value
    ("No bridge in the country is longer than the Varnholm Bridge.", "The Varnholm Bridge is the shortest bridge in "
     "the country."),
    ("No bridge in the country is longer than the Varnholm Bridge.", "The Sella Bridge is the longest bridge in the "
     "country."),
]


@pytest.mark.parametrize("claim,premise", AGREE)
def test_the_same_fact_in_other_words_is_an_agreement(claim, premise):
    assert find_agreement(claim, premise) is not None
    assert find_conflict(claim, premise) is None


@pytest.mark.parametrize("claim,premise", NOT_AGREE)
def test_another_value_or_another_holder_is_no_agreement(claim, premise):
    assert find_agreement(claim, premise) is None


def test_an_agreement_caps_a_passage_contradiction_and_a_conflict_wins_over_it():
    claim, premise = AGREE[0]
    hit = Hit(Passage("p1", "d1", premise), 0.8)
    model = PairScore(entailment=0.05, contradiction=0.85, neutral=0.10)  # the model reads miles vs km as a conflict
    capped = make_evidence(hit, model, agreement=find_agreement(claim, premise), conflict_confidence=0.9)
    assert capped.contradiction == pytest.approx(0.1) and capped.entailment == pytest.approx(0.05)
    assert capped.neutral == pytest.approx(0.85)
    conflict = find_conflict("The ferry crossing is about 80 miles long.", premise)
    kept = make_evidence(hit, model, conflict=conflict, agreement=find_agreement(claim, premise))
    assert conflict is not None and kept.contradiction >= 0.9
