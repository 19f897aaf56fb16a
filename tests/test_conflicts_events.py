"""Which event two sentences tell of, as the slot rules read it: another match's scorer is no conflict, a time is no
argument of the act, two airlines stay two though one name is the other's word clipped, a list of places that a
region holds is read as that region's."""
import pytest

from claimcheck.verify.conflicts import find_conflict


@pytest.fixture(scope="module")
def parse():
    from claimcheck.runtime.nlp import get_nlp

    return get_nlp()


@pytest.mark.parametrize("claim,premise", [
    # nothing ties the claim to the premise's match: a corpus holds many winning goals
    ("Kofi Mensah scored the winning goal.",
     "Striker Jonas Vell scored the winning goal in the 88th minute after a cross from Amir Haddad."),
    ("Dr Jane Pell announced the closure of the maternity unit.",
     "The hospital's chief executive, Dr Sam Okafor, announced the closure of the maternity unit."),
])
def test_another_events_person_in_the_role_is_no_conflict(parse, claim, premise):
    assert find_conflict(claim, premise, parse=parse) is None


@pytest.mark.parametrize("claim,premise,cw,pw", [
    # the premise names the claim's person in another role: one match
    ("Amir Haddad scored the winning goal.",
     "Striker Jonas Vell scored the winning goal in the 88th minute after a cross from Amir Haddad.",
     "Amir Haddad", "Jonas Vell"),
    # the two share a named party, or one thing ("penicillin"): one meeting, one discovery
    ("President Xi met Joe Biden in Moscow.", "President Xi met Vladimir Putin in Moscow on Tuesday.",
     "Joe Biden", "Vladimir Putin"),
    ("Robert Koch discovered penicillin.", "Penicillin was first discovered by Alexander Fleming in 1928, in London.",
     "Robert Koch", "Alexander Fleming"),
])
def test_a_person_tied_to_the_premises_event_still_conflicts(parse, claim, premise, cw, pw):
    c = find_conflict(claim, premise, parse=parse)
    assert c is not None and c.kind == "person", c
    assert cw in c.claim_text and pw in c.premise_text


def test_two_airlines_on_one_flight_conflict_and_a_time_is_no_argument(parse):
    premise = "The pope arrived in Lisbon on an ITA Airways flight from Rome on Wednesday morning."
    c = find_conflict("The pope landed in Lisbon on Wednesday on a TAP Air Portugal flight from Rome.", premise,
                      parse=parse)
    assert c is not None and c.kind == "name", c
    assert "TAP Air Portugal" in c.claim_text and "ITA Airways" in c.premise_text
    assert find_conflict("The pope flew from Rome to Lisbon with ITA Airways.", premise, parse=parse) is None
    # one name clipped is still one name: "the Fed Cup" is "the Federation Cup"
    assert find_conflict("Spain won the Fed Cup in 1991.", "Spain won the Federation Cup in 1991.",
                         parse=parse) is None


def test_a_list_of_places_in_a_region_is_read_as_that_regions():
    premise = "The 2026 Winter Olympics were held in Milan and Cortina d'Ampezzo in northern Italy."
    c = find_conflict("The 2026 Winter Olympics were held in Innsbruck, Austria.", premise)
    assert c is not None and c.kind == "place", c
    assert "Innsbruck" in c.claim_text and "Italy" in c.premise_text
    assert find_conflict("Italy hosted the 2026 Winter Olympics.", premise) is None
    assert find_conflict("The 2026 Winter Olympics were held in Milan.", premise) is None
