"""Agreements the NLI model misreads as contradictions (verify/conflicts/agreement.py) and what they do to a
passage's scores: the same number in another unit, a superlative said as a negated comparative, an act said with
its opposite negated."""
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
    ("Mount Kenya stands lower than Mount Kilimanjaro.", "Mount Kilimanjaro is higher than Mount Kenya."),
    ("Revenue at Harwick Bank grew more slowly than its profit.", "Its profit grew faster than revenue, Harwick Bank "
     "said."),
    # a month ranked: "the hottest month" is a rank, not a time, and its holder is a date word
    ("No month on record in Spain was hotter than July.", "The heatwave made July the hottest month on record in "
     "Spain."),
    # one act said with its opposite negated, either side
    ("The court did not overturn the ban on street parking in the old town.", "The court upheld the ban on street "
     "parking in the old town."),
    ("The union did not support the new pay offer from the rail operator.", "The union opposed the new pay offer "
     "from the rail operator."),
    ("The bridge was not closed during the storm.", "The bridge stayed open during the storm despite high winds."),
    ("The senate rejected the treaty.", "The senate did not ratify the treaty, which needed 67 votes."),
]

NOT_AGREE = [
    ("The ferry crossing is about 31 miles long.", "The ferry crossing is roughly 80 kilometres long."),  # 50 miles
    ("Turnout was 58% in the capital.", "Turnout was 58 percent in the capital."),  # one unit, two names
    ("The trip takes under 45 minutes.", "The trip takes one hour."),  # a bound, not a value
    ("No bridge in the country is longer than the Varnholm Bridge.", "The Varnholm Bridge is the shortest bridge in "
     "the country."),
    ("No bridge in the country is longer than the Varnholm Bridge.", "The Sella Bridge is the longest bridge in the "
     "country."),
    ("Mount Kenya stands higher than Mount Kilimanjaro.", "Mount Kilimanjaro is higher than Mount Kenya."),
    ("Mount Kenya stands lower than Mount Elgon.", "Mount Kilimanjaro is higher than Mount Kenya."),
    ("No month on record in Spain was hotter than August.", "July was the hottest month on record in Spain."),
    # the same comparison in the same words: the model reads it, and it says nothing of the rest of the claim
    ("Harwick Bank's profit grew faster than its revenue.", "Its profit grew faster than revenue, Harwick Bank said."),
    # a negated verb and its opposite say the same only of one subject, one time, and not as a plan or both ways
    ("The court did not overturn the ban.", "The court overturned the ban on Friday."),
    ("The court did not uphold the ban.", "The court upheld the ban on Friday."),
    ("The union did not support the pay offer.", "The drivers' union opposed the pay offer."),
    ("Exports did not rise in June.", "Exports fell in May."),
    ("The senate will not reject the treaty.", "The senate ratified the treaty."),
    ("The senator did not vote for or against the bill.", "The senator voted against the bill."),
]


@pytest.mark.parametrize("claim,premise", AGREE)
def test_the_same_fact_in_other_words_is_an_agreement(claim, premise):
    assert find_agreement(claim, premise) is not None
    assert find_conflict(claim, premise) is None


@pytest.mark.parametrize("claim,premise", NOT_AGREE)
def test_another_value_or_another_holder_is_no_agreement(claim, premise):
    assert find_agreement(claim, premise) is None


def test_an_agreement_caps_a_passage_contradiction_and_a_conflict_wins_over_it():
    # the claim names a place the premise does not: the distance agrees, but the passage does not state the claim
    claim, premise = "The ferry crossing to Skarn is about 31 miles long.", AGREE[0][1]
    found = find_agreement(claim, premise)
    assert found is not None and not found.restates
    hit = Hit(Passage("p1", "d1", premise), 0.8)
    model = PairScore(entailment=0.05, contradiction=0.85, neutral=0.10)  # the model reads miles vs km as a conflict
    capped = make_evidence(hit, model, agreement=found, conflict_confidence=0.9)
    assert capped.contradiction == pytest.approx(0.1) and capped.entailment == pytest.approx(0.05)
    assert capped.neutral == pytest.approx(0.85) and capped.agreement == ""
    conflict = find_conflict("The ferry crossing is about 80 miles long.", premise)
    kept = make_evidence(hit, model, conflict=conflict, agreement=find_agreement(*AGREE[0]))
    assert conflict is not None and kept.contradiction >= 0.9 and kept.agreement == ""


RESTATED = [AGREE[0], AGREE[2], AGREE[4], AGREE[7]]  # the claim says nothing but what the premise says


@pytest.mark.parametrize("claim,premise", RESTATED)
def test_a_restatement_states_the_claim_by_rule(claim, premise):
    found = find_agreement(claim, premise)
    assert found is not None and found.restates
    model = PairScore(entailment=0.05, contradiction=0.85, neutral=0.10)
    e = make_evidence(Hit(Passage("p1", "d1", premise), 0.8), model, agreement=found, conflict_confidence=0.9)
    assert (e.entailment, e.contradiction, e.neutral) == pytest.approx((0.9, 0.1, 0.0))
    assert found.claim_text in e.agreement and found.premise_text in e.agreement


@pytest.mark.parametrize("claim,premise", [
    # a name, a number or most other words of the claim are not in the premise
    ("The new ferry crossing from Oban is about 31 miles long.", AGREE[0][1]),
    ("No bridge in the country is longer than the Varnholm Bridge, built in 1962.", AGREE[2][1]),
    ("Mount Kenya, which the Kikuyu hold sacred, stands lower than Mount Kilimanjaro.", AGREE[4][1]),
    # a place inside the claim's says where, not that the rest of the claim happened there
    ("Kim Jong Un's visit to Russia lasted about two days.", "Kim Jong Un's trip to Russia followed a visit to "
     "Pyongyang by Sergei Shoigu."),
])
def test_an_agreement_with_more_in_the_claim_does_not_state_it(claim, premise):
    found = find_agreement(claim, premise)
    assert found is None or not found.restates
