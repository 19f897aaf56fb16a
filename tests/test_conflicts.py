"""Rule-based number / date / negation conflicts: the NLI model's misses caught, other details of the
same event never flagged."""
import pytest

from claimcheck.verify.conflicts import Conflict, alignment, find_conflict

# (claim, premise, kind, claim words, premise words)
CONFLICTS = [
    # the three misses of the small NLI model
    ("North Korea has had two failed launches this year.",
     "North Korea has had three failed launches this year, officials said.",
     "number", "two failed launches", "three failed launches"),
    ("Webb has fuel for about five years.",
     "Webb has enough fuel for more than 20 years of science operations.",
     "number", "about five years", "more than 20 years"),
    ("The country opposed the UN resolution.",
     "The country voted in favour of the UN resolution on Tuesday.",
     "negation", "opposed the UN resolution", "voted in favour of the UN resolution"),
    # dates
    ("Webb was launched on 25 December 2021.",
     "The James Webb Space Telescope lifted off on 24 December 2021 from French Guiana.",
     "date", "25 December 2021", "24 December 2021"),
    ("The company went public in 2018.",
     "The company went public in April 2019, raising $2bn.",
     "date", "2018", "April 2019"),
    ("Armstrong first walked on the Moon on 21 July 1969.",
     "Neil Armstrong first walked on the Moon on July 20, 1969.",
     "date", "21 July 1969", "July 20, 1969"),
    ("The peace treaty was signed in the 1990s.",
     "The peace treaty was signed in 2004 after years of talks.",
     "date", "1990s", "2004"),
    # numbers
    ("The tunnel is 60km long.", "The tunnel is 57 kilometres long.", "number", "60km", "57 kilometres"),
    ("The earthquake killed more than 2,000 people.",
     "The earthquake killed about 300 people, according to the health ministry.",
     "number", "more than 2,000 people", "about 300 people"),
    ("The bridge cost $2.5bn.", "The bridge cost $4 billion to build.", "number", "$2.5bn", "$4 billion"),
    ("The flight lasted 90 minutes.", "The flight lasted three hours.", "number", "90 minutes", "three hours"),
    ("The company employs 1,200 workers in Ohio.", "The company employs 1,500 workers in Ohio.",
     "number", "1,200 workers", "1,500 workers"),
    ("Turnout was 65%.", "Turnout was 72 per cent, the electoral commission said.", "number", "65%", "72 per cent"),
    ("The plane was carrying 150 passengers.", "The plane was carrying 239 passengers and 12 crew.",
     "number", "150 passengers", "239 passengers"),
    ("The strike lasted two and a half weeks.", "The strike lasted six weeks.",
     "number", "two and a half weeks", "six weeks"),
    # negation and opposite verbs
    ("Kim did not attend the lunch.", "Kim attended the lunch.", "negation", "did not attend the lunch",
     "attended the lunch"),
    ("Kim attended the lunch.", "Kim did not attend the lunch.", "negation", "attended the lunch",
     "did not attend the lunch"),
    ("North Korea failed to launch the satellite.", "North Korea launched the satellite on Monday.",
     "negation", "failed to launch the satellite", "launched the satellite"),
    ("Inflation rose to 5.2% in March.", "Inflation fell to 5.2% in March.", "negation", "rose", "fell"),
    # "declined to" and "refused to" negate the verb after them; staying says a state as "was" does
    ("The minister commented on the leaked report.", "The minister declined to comment on the leaked report.",
     "negation", "commented on the leaked report", "declined to comment on the leaked report"),
    ("The club refused to pay the fine.", "The club paid the fine.", "negation", "refused to pay the fine",
     "paid the fine"),
    ("Unemployment declined to 4 percent.", "Unemployment rose to 4 percent.", "negation", "declined", "rose"),
    # a negated noun meets the noun after an article; "that" before a verb is no article
    ("No climber reached the summit on Monday.", "A climber reached the summit on Monday.", "negation",
     "No climber reached", "climber reached"),
    ("The box that arrived does not contain the parts.", "The box that arrived contains the parts.", "negation",
     "does not contain the parts", "contains the parts"),
    ("The museum stayed open to visitors throughout the strike.", "The museum remained closed to visitors "
     "throughout the strike.", "negation", "open to visitors", "closed to visitors"),
    ("Residents were barred from returning to their homes on Sunday.", "Residents were allowed to return to their "
     "homes on Sunday after the fire was brought under control.", "negation", "barred", "allowed to return"),
    ("Smith won the election in 2020.", "Smith lost the election in 2020.", "negation",
     "won the election", "lost the election"),
    ("The ministry confirmed the report.", "The ministry denied the report.", "negation",
     "confirmed the report", "denied the report"),
    ("The government banned the march.", "The government allowed the march to go ahead.", "negation",
     "banned the march", "allowed the march"),
    ("The storm destroyed 300 homes.", "The storm killed 12 people and destroyed 500 homes.",
     "number", "300 homes", "500 homes"),
    ("He was sentenced to 10 years in prison.", "He was sentenced to 12 years in prison.",
     "number", "10 years", "12 years"),
    ("Parliament approved the budget.", "Parliament rejected the budget by 320 votes to 290.", "negation",
     "approved the budget", "rejected the budget"),
    # an aside between subject and verb: the clause it interrupts resumes after it
    ("The new hospital wing will add 420 beds.",
     "The new hospital wing, which cost 85 million euros, will add 240 beds when it opens next spring.",
     "number", "420 beds", "240 beds"),
    ("The bridge will close for six months.",
     "The bridge, which opened in 1964, carries about 60,000 vehicles a day and will close for four months of repairs.",
     "number", "six months", "four months"),
    ("The bridge carries about 90,000 vehicles a day.",
     "The bridge, which opened in 1964, carries about 60,000 vehicles a day.",
     "number", "about 90,000 vehicles a day", "about 60,000 vehicles a day"),
    # opposite verbs: adjuncts after the object (how, when, despite what) do not make it another fact
    ("The prime minister lost the confidence vote.",
     "The prime minister won the confidence vote by a narrow margin on Wednesday night.",
     "negation", "lost the confidence vote", "won the confidence vote"),
    ("The factory's profits fell last year.",
     "The factory's profits rose last year despite higher energy prices, the company said.",
     "negation", "fell", "rose"),
    ("The court overturned the ban on night flights.",
     "The court upheld the ban on night flights, dismissing the airport's appeal.",
     "negation", "overturned the ban", "upheld the ban"),
    ("The senate voted down the data privacy bill.", "The senate passed the data privacy bill on Friday.",
     "negation", "voted down the data privacy bill", "passed the data privacy bill"),
    ("The union turned down the pay offer.", "The union accepted the pay offer, ending a two-week strike.",
     "negation", "turned down the pay offer", "accepted the pay offer"),
    # "its planned orbit" is an adjective, not a plan
    ("The satellite failed to reach its planned orbit.",
     "The launch succeeded, and the satellite reached its planned orbit within an hour.",
     "negation", "failed to reach its planned orbit", "reached its planned orbit"),
    # a title before the name is no other subject; the premise's "2012 water reform bill" holds the claim's "water"
    ("Helen Marsh opposed the water reform bill.", "Senator Helen Marsh supported the 2012 water reform bill and "
     "voted for it at its final reading.", "negation", "opposed the water reform bill",
     "supported the 2012 water reform bill"),
    # a state said with "remained"; "one lane closed" is another subject's
    ("The Old Mill Bridge was closed to traffic during its 2019 restoration.", "The Old Mill Bridge remained open "
     "to traffic throughout its 2019 restoration, with one lane closed at a time.", "negation", "closed to traffic",
     "open to traffic"),
    ("The minister denied the report.", "The minister admitted the report.", "negation", "denied the report",
     "admitted the report"),
    # the premise's adjuncts ("for the first time after a 2-0 win") do not make its clause another fact
    ("The country failed to qualify for the World Cup.", "The country qualified for the World Cup for the first "
     "time after a 2-0 win in its final group match.", "negation", "failed to qualify", "qualified"),
    # "X is a forward who won ...": the relative clause's first verb is said of X
    ("Daniel Okafor never won the Golden Boot.", "Daniel Okafor is a Nigerian forward who won the league's Golden "
     "Boot in 2015 after scoring 27 goals.", "negation", "never won the Golden Boot", "won the league's Golden Boot"),
    # two explicit ranges that only touch at one end are two ranges; ", to a range of" stays with its verb
    ("In December 2024 the Federal Reserve cut its benchmark rate to a range of 4.5% to 4.75%.", "On 18 December "
     "2024 the Federal Reserve cut its benchmark rate by a quarter point, to a range of 4.25% to 4.5%.", "number",
     "4.5% to 4.75%", "4.25% to 4.5%"),
    # the same change said the other way: "rose 2%" / ", down 2%"
    ("Harbourline Foods' second-quarter revenue rose 2% from a year earlier.", "Harbourline Foods reported "
     "second-quarter revenue of 398 million pounds, down 2% from a year earlier.", "number", "rose 2%", "down 2%"),
    # an un- / il- adjective negates the word the other sentence says
    ("Selling the drug is illegal in Norland.", "Selling the drug is legal in Norland.", "negation",
     "illegal in Norland", "legal in Norland"),
    ("The bridge is unsafe for lorries.", "The bridge is safe for lorries.", "negation", "unsafe",
     "safe"),
    # what the premise rules out ("rather than", "instead of", ", not", "not ... but") stated by the claim
    ("The prime minister flew into Kelbridge by helicopter, her office said.",
     "The prime minister arrived in Kelbridge by train rather than by helicopter, her office said.",
     "negation", "by helicopter", "by train rather than by helicopter"),
    ("The minister flew into Kelbridge by helicopter.", "The minister arrived in Kelbridge by train, not helicopter.",
     "negation", "by helicopter", "by train, not helicopter"),
    ("The minister flew into Kelbridge by helicopter.", "The minister arrived in Kelbridge not by helicopter but by "
     "train.", "negation", "by helicopter", "not by helicopter but by train"),
    ("The bill was passed by the House.", "The bill was passed by the Senate instead of the House.", "negation",
     "by the House", "by the Senate instead of the House"),
    # what is counted may come four words after the number
    ("North Korea fired three short-range ballistic missiles into the sea.",
     "On the morning of the summit, North Korea fired two short-range ballistic missiles into the sea.",
     "number", "three short range ballistic missiles", "two short range ballistic missiles"),
    # a clause that says its subject by reference carries the sentence's: ", flowing ...", ", with ...", "; it ..."
    ("The Rhine is 1,050 km long.",
     "The Rhine is one of Europe's major rivers, flowing 1,230 km from the Alps to the North Sea.",
     "number", "1,050 km", "1,230 km"),
    ("The Quiet Orchard runs for 95 minutes.",
     "The Quiet Orchard is a 2003 French comedy film directed by Anne Rivet, with a running time of 104 minutes.",
     "number", "95 minutes", "104 minutes"),
    ("Low Meadows has nine tracks.", "Low Meadows is the second album of the band Ferrow; it contains twelve "
     "tracks and was mixed in Oslo.", "number", "nine tracks", "twelve tracks"),
    # an elevation is a level, not a rise
    ("Mount Elbrus is 4,642 metres high.",
     "Mount Elbrus, the highest peak in Europe, rises 5,642 metres above sea level.",
     "number", "4,642 metres", "5,642 metres"),
    # a measure noun says what its bare number counts; "can seat" states the capacity, it hedges nothing
    ("Dunmore had 3,400 inhabitants in 2011.", "Dunmore is a town in the county of Fell, with a population of "
     "34,000 in 2011.", "number", "3,400 inhabitants", "34,000"),
    ("Riverside Park can seat 18,000 spectators.", "Riverside Park is the home of Ashby Town and has a seating "
     "capacity of 12,500.", "number", "18,000 spectators", "12,500"),
    # ", up 8 percent from a year earlier": a change of the figure before it, "a year earlier" names no other thing
    ("Norvik Foods' annual profit rose 12 percent.", "Norvik Foods reported annual profit of 40 million euros, up "
     "21 percent from a year earlier.", "number", "12 percent", "21 percent"),
    # "stood at" says the level as "was" does
    ("Unemployment stood at 6.2 percent in May.", "Unemployment fell to 5.2 percent in May from 5.5 percent in "
     "April.", "number", "6.2 percent", "5.2 percent"),
    # a count joined to its noun ("five-layer"), against a verb of having; a comparison after a comma is no span
    ("The sunshield of the James Webb Space Telescope consists of three layers.", "Webb's five-layer sunshield, "
     "roughly the size of a tennis court, shades the telescope.", "number", "three layers", "five layer"),
    ("Putin and Kim talked one-on-one for about four hours.", "Putin and Kim first talked one-on-one for about two "
     "hours, longer than had been scheduled.", "number", "about four hours", "about two hours"),
    # a part of a place named by its compass point
    ("Chandrayaan-3 landed near the Moon's north pole.", "India's Chandrayaan-3 lander touched down near the Moon's "
     "south pole on 23 August 2023.", "place", "Moon's north pole", "Moon's south pole"),
    ("Sable Point Lighthouse stands on the southern tip of Grennock Island.", "Sable Point Lighthouse is a tower on "
     "the northern tip of Grennock Island.", "place", "southern tip of Grennock Island",
     "northern tip of Grennock Island"),
]


@pytest.mark.parametrize("claim, premise, kind, claim_text, premise_text", CONFLICTS)
def test_conflict_is_found(claim, premise, kind, claim_text, premise_text):
    c = find_conflict(claim, premise)
    assert c is not None, (claim, premise)
    assert (c.kind, c.claim_text, c.premise_text) == (kind, claim_text, premise_text)
    assert c.alignment >= 0.6


NO_CONFLICTS = [
    # the same range in other words, and a value inside a range
    ("The work will take between 5 and 10 years.", "The work will take 5 to 10 years."),
    ("The Fed cut its rate to a range of 4.25% to 4.5%.", "The Fed cut its rate by a quarter point, to a range of "
     "4.25% to 4.5%."),
    ("The work will take about 6 years.", "The work will take 5 to 10 years."),
    # a change the premise says the same way, or of another measure
    ("Harbourline Foods' second-quarter revenue rose 2% from a year earlier.", "Harbourline Foods reported "
     "second-quarter revenue of 398 million pounds, up 2% from a year earlier."),
    ("Exports rose 3 percent in May.", "Imports fell 3 percent in May."),
    # a bracketed span after a name is when the person lived, not when the sentence's fact happened
    ("Leslie Groves was an army engineer officer in the 1940s.", "Lieutenant General Leslie Groves (17 August 1896 "
     "-- 13 July 1970) was an army engineer officer who oversaw the construction of the Pentagon."),
    # ... and still when the claim is about the birth or death
    ("Bal Gangadhar Tilak was born on 23 July 1856.", "Bal Gangadhar Tilak (23 July 1856 -- 1 August 1920), born as "
     "Keshav Gangadhar Tilak, was an Indian nationalist and teacher."),
    # a date of a list the premise gives one of ("in 1913 and 1921", "in 1660 or 1661")
    ("The hotel was built in two stages in 1913 and 1921.", "The hotel was built in two stages in 1921."),
    ("He was governor during a brief period in 1660 or 1661.", "He was governor during a brief period in 1661."),
    # a later verb of the relative clause is someone else's: the club won it
    ("Daniel Okafor never won the Golden Boot.", "Daniel Okafor is a forward who played for the club that won the "
     "Golden Boot."),
    # the claim says both ("opened and closed"); "opening" / "closing" as nouns; "under" is no negated "der"
    ("The games were opened and closed by the king.", "The games were closed by the king."),
    ("The opening ceremony was broadcast live.", "The closing ceremony was broadcast live."),
    ("The union is under pressure.", "The union is in pressure."),
    ("The cave was uncovered in 1940.", "The cave was covered in 1940."),
    # another detail of the same event: the hour is the meeting's, the five hours the visit's
    ("After their formal meeting of about an hour, Putin and Kim held a private conversation.",
     "Putin and Kim spent more than five hours together."),
    ("Putin and Kim spent more than five hours together.",
     "After their formal meeting of about an hour, Putin and Kim held a private conversation."),
    # unit conversion: an hour is 60 minutes
    ("The meeting lasted about an hour.", "The meeting lasted roughly 60 minutes."),
    ("The tunnel is 3.5 km long.", "The tunnel is 3,500 metres long."),
    ("The tunnel is 3.5 km long.", "The tunnel is 3,520 metres long."),
    # same or compatible values
    ("North Korea has had three failed launches this year.", "North Korea has had three failed launches this year."),
    ("Webb has fuel for more than 20 years.", "Webb has fuel for about 25 years."),
    ("The company is worth 3 million dollars.", "The company is worth $3.2 million."),
    ("The storm killed 12 people.", "The storm killed 12 people and injured 40."),
    ("The summit took place on 13 September.", "The summit took place on 13 September 2023."),
    ("The peace treaty was signed in the 1990s.", "The peace treaty was signed in 1995."),
    # another subject, another number
    ("The rocket carried 5 satellites.", "The station has 3 modules."),
    ("Police arrested 12 people after the protest.", "Police said 3 people were killed in the protest."),
    ("North Korea carried out two successful launches.", "North Korea carried out three failed launches."),
    ("The company raised $5 million.", "The company raised £4 million."),
    # two slots differ: another month's figure, not a contradiction
    ("Exports rose 5% in May.", "Exports rose 7% in April."),
    ("Inflation rose in March.", "Inflation fell in April."),
    # change vs level, relative numbers, labels, plans
    ("The unemployment rate rose 2%.", "The unemployment rate rose to 7%."),
    ("The mission will last 10 years.", "The mission lasted five years longer than planned."),
    ("Apollo 11 landed on the Moon in July 1969.", "Apollo 12 landed on the Moon in November 1969."),
    ("The James Webb Space Telescope was launched on 25 December 2021.",
     "The Hubble Space Telescope was launched in April 1990 aboard the Space Shuttle Discovery."),
    ("Webb was launched on 25 December 2021.", "Webb was originally scheduled to launch in 2018."),
    ("Kim did not attend the lunch.", "Kim was expected to attend the lunch."),
    # negation: low alignment, the verb negated elsewhere, subject and object swapped
    ("Putin did not comment.", "Kim attended the lunch."),
    ("Kim did not attend the lunch.", "Kim attended the dinner but did not attend the lunch."),
    ("Biden won Pennsylvania.", "Trump lost Pennsylvania to Biden."),
    ("The Senate approved the bill in March.", "The House rejected the bill in April."),
    ("The president visited Moscow.", "The president did not visit Beijing."),
    ("The senator supported the bill.", "The senator supported the bill, which the House rejected."),
    ("The UN did not approve the resolution.", "The UN approved a different resolution."),
    ("Kim has not visited Russia since 2019.", "Kim visited Russia in 2019."),
    ("Nativity in Black isn't a Black Sabbath album.", "Nativity in Black is the name of two Black Sabbath tribute albums."),
    ("Revolution Money does charge some fees.", "Revolution Money is the only card that does not charge retailers fees."),
    # a year used as a name, a part of a period
    ("The 1979 British Grand Prix took place on 13 July 1979.", "The 1980 British Grand Prix was held on 13 July 1980."),
    ("Shawn Levy directed the film in 1998.", "Just in Time is a 1997 film directed by Shawn Levy."),
    ("Frey was the club's president for the first ten years.", "Frey remained the club's president for 30 years."),
    ("Officials said 20 people died.", "Officials said 25 people were injured."),
    ("The storm killed 12 people.", "The storm, which killed 12 people, also destroyed 300 homes."),
    # another body, or a plan that has not happened
    ("The senate passed the bill.", "The house rejected the bill."),
    ("The satellite reached its orbit.", "The satellite was planned to reach its orbit but failed."),
    # a premise about another thing (export profits) is another fact
    ("The company's profits fell last year.", "The company's export profits rose last year despite a strong pound."),
    ("The company's profits fell last year.", "The company's export profits rose last year."),
    # a count per day is no period of one day
    ("The bridge will close for four months.", "The bridge carries 60,000 vehicles a day and will close for four months."),
    ("The plant ran for a day.", "The plant makes 300 cars a day."),
    # the aside is about another thing than the clause it interrupts
    ("The old wing has 240 beds.", "The new wing, which replaces the old wing, has 420 beds."),
    ("North Korea fired two missiles into the sea.",
     "North Korea fired two short-range ballistic missiles and three cruise missiles into the sea."),
    ("He was sentenced to 10 years in prison.", "He faces up to 20 years in prison."),
    # the phrase the premise asserts, another phrase, a claim that denies it too, another trip
    ("The prime minister arrived in Kelbridge by train.",
     "The prime minister arrived in Kelbridge by train rather than by helicopter."),
    ("The prime minister travelled to Kelbridge by rail.",
     "The prime minister arrived in Kelbridge by train rather than by helicopter."),
    ("The minister did not fly into Kelbridge by helicopter.", "The minister arrived in Kelbridge by train, not helicopter."),
    ("The minister arrived in Kelbridge by train.", "The minister arrived in Kelbridge not by helicopter but by train."),
    ("The minister flew to Rome by helicopter.", "The minister arrived in Kelbridge by train rather than by helicopter."),
    ("The crew reached the ridge by helicopter.", "The crew reached the ridge by a Sea King helicopter rather than "
     "by a Chinook helicopter."),
    # another measure of the same thing; what a measure noun does not count; the subject carried is the sentence's
    ("The pool is 25 metres long.", "The pool is 10 metres wide."),
    ("The village has 300 houses.", "The village lies in the valley, with a population of 2,417."),
    ("The river is 1,850 km long.", "The canal is a branch of the river, running 40 km to the sea."),
    ("Shares in the company fell 8 percent.", "The company reported revenue of 2 billion dollars, up 18 percent."),
    ("The stadium will seat 40,000 spectators.", "The stadium has a seating capacity of 31,000."),
    # alternatives: "four or six wheels" allows four; "seventy - two" is one number
    ("The truck has four or six wheels.", "The truck has four wheels."),
    ("The zither is made of walnut, with seventy - two strings.", "The zither is made of walnut, with seventy-two "
     "strings."),
    ("The sunshield of the James Webb Space Telescope consists of five layers.", "Webb's five-layer sunshield "
     "shades the telescope."),
    ("The mission ran two years longer than planned.", "The mission ran five years longer than planned."),
    # a compass part: the premise names the claim's too, another place's, one close to it, a distance's direction
    ("The town lies on the east bank of the river.", "The town lies on the west bank of the river, facing the old "
     "fort on the east bank."),
    ("The lander touched down near the Moon's south pole.", "The rover drove to the Earth's north pole."),
    ("The lighthouse stands on the north-east tip of the island.", "The lighthouse stands on the northern tip of the "
     "island."),
    # "declined to" before a value is a change, no negator
    ("Exports declined to 3.1 billion euros in May.", "Exports fell to 3.1 billion euros in May."),
    # a noun is no verb, and a denied verb is not asserted
    ("The senator did not vote for or against the climate bill.", "The senator abstained in the vote on the climate "
     "bill."),
    ("The company said it had not misled investors.", "The company denied that it had misled investors about its "
     "losses."),
    # numbers inside a negated clause say nothing about the value
    ("Webb was not launched on 24 December 2021.", "Webb lifted off on 25 December 2021."),
]


@pytest.mark.parametrize("claim, premise", NO_CONFLICTS)
def test_no_conflict(claim, premise):
    assert find_conflict(claim, premise) is None


def test_reason_names_both_sides():
    c = find_conflict(*CONFLICTS[0][:2])
    assert c.reason() == 'the passage says "three failed launches", the claim "two failed launches"'
    assert isinstance(c, Conflict)


def test_alignment_uses_lemmas_and_skips_values():
    assert alignment("two failed launches", "three failed launch") == 1.0
    assert alignment("Kim's visit lasted five hours", "Kim visits lasted 3 hours") == 1.0
    assert alignment("Putin did not comment", "Kim attended the lunch") == 0.0
    assert alignment("", "anything") == 0.0
    assert alignment("Webb was launched", "Webb lifted off") == 1.0  # a small synonym list


def test_min_alignment_is_a_hard_floor():
    claim, premise = "In central Paris on Saturday, police arrested 12 protesters.", "Police arrested 30 protesters."
    assert alignment(claim, premise) == 0.5  # central, Paris, Saturday are not in the premise
    c = find_conflict(claim, premise, min_alignment=0.5)
    assert c is not None and (c.claim_text, c.premise_text, c.alignment) == ("12 protesters", "30 protesters", 0.5)
    assert find_conflict(claim, premise) is None
    claim, premise = "North Korea has had two failed launches.", "North Korea has had three failed launches."
    assert find_conflict(claim, premise, min_alignment=1.0) is not None


def test_several_premise_values_conflict_only_when_none_fits():
    claim = "The vaccine was 95% effective."
    assert find_conflict(claim, "The vaccine was 95% effective in adults and 90% effective in children.") is None
    c = find_conflict(claim, "The vaccine was 70% effective in adults and 62% effective in children.")
    assert c is not None and c.kind == "number" and c.claim_text == "95%"


def test_the_value_that_counts_the_same_thing_is_compared():
    premise = ("Mission engineers estimate that Webb carries enough propellant for more than 20 years of science "
               "operations, far beyond its five-year baseline mission.")
    c = find_conflict("Engineers said the spacecraft carries enough fuel for about five years of operations.", premise)
    assert c is not None and c.premise_text == "more than 20 years"
    assert find_conflict("Webb's baseline mission was five years long.", premise) is None


def test_numbers_of_two_things_the_sentences_name_are_not_compared():
    # the claim's figure is a profit, the passage's a revenue; the same quarter, company and currency
    premise = "Larkfield Foods reported third-quarter 2025 revenue of £398 million, down 2% from a year earlier."
    assert find_conflict("Larkfield Foods' operating profit for the third quarter of 2025 was £29 million.",
                         premise) is None
    c = find_conflict("Larkfield Foods' revenue for the third quarter of 2025 was £420 million.", premise)
    assert c is not None and c.kind == "number" and c.premise_text == "£398 million"
    # one segment of a mirror is not the mirror
    mirror = "The telescope's primary mirror is 6.5 metres across and is made of 18 segments."
    assert find_conflict("Each mirror segment of the telescope is about 1.3 metres across.", mirror) is None
    assert find_conflict("The telescope's primary mirror is 8 metres across.", mirror) is not None


@pytest.mark.parametrize("claim,premise,claim_text,premise_text", [
    # "May" the month is no modal verb
    ("The gallery reopened on 14 May.", "The gallery reopened to visitors on 14 March with a new wing.", "14 May",
     "14 March"),
    # an aside between the subject and its verb, with a bound in it ("closed since 2019")
    ("The gallery reopened on 14 May.", "The gallery, closed since 2019 for renovation, reopened to visitors on "
     "14 March.", "14 May", "14 March"),
    # "on Thursday, 5 October": the comma does not cut the date from its verb; a rise on a day is one event
    ("The central bank raised rates on 5 September.", "The central bank raised interest rates on Thursday, "
     "5 October, for the third time this year.", "5 September", "5 October"),
    # a named thing that fell once
    ("The Berlin Wall fell in November 1991.", "The Berlin Wall fell on 9 November 1989, when the border opened.",
     "November 1991", "9 November 1989"),
    # a participle after the opening name, in brackets, is about the subject
    ("Tomas Halder was born in 1971.", "Tomas Halder (born 3 March 1961) is a Czech cellist who teaches in Brno.",
     "1971", "3 March 1961"),
    # a participle after what a copula says the subject is ("is the second novel by ..."), is about the subject
    ("Night Harbour was published in 2011.", "Night Harbour is the second novel by the Irish writer Aoife Kerr, "
     "published on 3 May 2013.", "2011", "3 May 2013"),
    # an apposition opened by "its" is an aside: the subject keeps its verb
    ("The bridge will be opened on 4 April.", "The city's new bridge, its longest, will be opened on 14 April by the "
     "mayor.", "4 April", "14 April"),
    # "former" says what the warehouse was, not that the gallery is another one
    ("The Harbour Gallery opened in 2016.", "The Harbour Gallery opened in May 2006 in a former grain warehouse.",
     "2016", "May 2006"),
    # the premise names another thing of the claim's kind besides the claim's own: still the claim's fact
    ("The Vostochny Cosmodrome hosted its first rocket launch in 2012.", "The Vostochny Cosmodrome hosted its first "
     "rocket launch in April 2016; it was built to reduce Russia's dependence on the Baikonur Cosmodrome.", "2012",
     "April 2016"),
    # the aspect verbs: "started" is "began", "completed" is "finished"
    ("The renovation of the museum started in May 2018.", "The renovation of the museum began in May 2016 and cost "
     "12 million euros.", "May 2018", "May 2016"),
    ("The tunnel was completed in 1994.", "The tunnel was finished in 1984 after six years of digging.", "1994",
     "1984"),
    # a day planned: "will" and the present tense ("is on", "is set for") state it alike; "and may ..." is another
    # predicate
    ("The ceremony is on 14 June.", "The city will hold the ceremony on 24 June and may stream it online.",
     "14 June", "24 June"),
    ("The final vote on the budget is set for 3 May.", "Lawmakers will hold the final vote on the budget on 13 May, "
     "a month later than planned.", "3 May", "13 May"),
    # when one state began, said by the same verb on both sides: "since" and "since"
    ("The market has been held since 1992.", "The market, held every Saturday since 1982, moved to the square this "
     "year.", "1992", "1982"),
])
def test_a_date_of_one_event_said_otherwise_conflicts(claim, premise, claim_text, premise_text):
    c = find_conflict(claim, premise)
    assert c is not None and c.kind == "date"
    assert c.claim_text.rstrip(".") == claim_text and c.premise_text == premise_text


@pytest.mark.parametrize("claim,premise", [
    ("Exports rose in May.", "Exports rose in June, the statistics office said."),  # a recurring measure
    # the premise's month is that of a measure that changed (a name inside the subject is no named subject)
    ("Inflation stood at 3.1 percent in March.", "Inflation in Norland fell to 3.1 percent in May."),
    ("The gallery closed on 14 May.", "The gallery, closed since 2019 for renovation, reopened on 14 March."),
    ("Food prices in 1994 were higher than in 1990.", "Food prices in 1996 were up 8 percent since 1990."),
    # "born" after another person named in the predicate is about that person, as "who was born" is
    ("Sara Lind was born in 1931.", "Sara Lind is the daughter of the composer Tomas Lind, born in 1925."),
    ("Sara Lind was born in 1931.", "Sara Lind is the daughter of the composer Tomas Lind, who was born in 1925."),
    ("Tomas Halder was born in 1971.", "Tomas Halder married the painter Ilse Brandt (born 1961) in 1990."),
    # the aside resumes the clause, which dates another event and the publication in March
    ("The novel will be published on 2 March.", "The author's novel, her fourth, was finished on 2 February and "
     "will be published in March."),
    # "other" / "different" said of the thing compared: another gallery
    ("The gallery opened in 2016.", "The city's other gallery opened in 2006."),
    ("The gallery opened in 2016.", "A different gallery opened in 2006 in a former grain warehouse."),
    # when an event began is not when it ended
    ("The tunnel was completed in 1994.", "Work on the tunnel began in 1984 and took ten years."),
    ("The tunnel was completed in 1994.", "Digging of the tunnel commenced in 1984."),
    # a plan is not what happened; a hedge states no day; a month said in the present tense may recur
    ("The vote was scheduled for 2 June.", "The vote took place on 5 June."),
    ("The vote is scheduled for 2 June.", "The vote took place on 5 June."),
    ("The ceremony will be held on 14 June.", "The ceremony was held on 4 June."),
    ("The ceremony is on 14 June.", "The ceremony could be held on 4 June."),
    ("The ceremony is held in June.", "This year the ceremony will be held in May."),
    # a change over two periods; a state's start against an event's date
    ("Prices have risen since 2010.", "Prices have risen 5 percent since 2015."),
    ("The bridge has been closed since 2019.", "The bridge was closed in 2017 for repairs."),
    # the ends of a life span date no event
    ("Rita Hale (1911–1980) was a Welsh poet.", "Rita Hale 1911–1980 was a Welsh poet."),
])
def test_a_recurring_measure_another_event_or_a_period_is_no_date_conflict(claim, premise):
    assert find_conflict(claim, premise) is None


def test_number_words_are_read_as_numbers():
    from claimcheck.verify.conflicts import find_conflict

    claim = "Two hundred and fifty people attended the rally in the square."
    assert find_conflict(claim, "About 250 people attended the rally in the square.") is None
    c = find_conflict(claim, "About 400 people attended the rally in the square.")
    assert c is not None and c.kind == "number"


def test_a_name_the_premise_shortens_still_aligns_but_two_names_of_one_kind_never_do():
    from claimcheck.verify.conflicts import find_conflict

    c = find_conflict("The primary mirror of the James Webb Space Telescope is 4.5 metres across.",
                      "Webb's primary mirror is 6.5 metres across, the agency said.")
    assert c is not None and c.kind == "number" and "6.5 metres" in c.premise_text
    assert find_conflict("The primary mirror of the James Webb Space Telescope is 6.5 metres across.",
                         "Webb's primary mirror is 6.5 metres across, the agency said.") is None
    assert find_conflict("The primary mirror of the Hubble Space Telescope is 6.5 metres across.",
                         "The James Webb Space Telescope's primary mirror is 2.4 metres across.") is None
