"""Page furniture is removed before segmentation (claimcheck.text.boilerplate), news text is left alone."""
from __future__ import annotations

import pytest

from claimcheck.text.boilerplate import strip_boilerplate
from claimcheck.text.markup import normalize


@pytest.mark.parametrize("raw,clean", [
    ("Share this withEmailFacebookMessengerTwitterPinterestWhatsAppLinkedinCopy this linkResearchers found "
     "that four in five children ate school lunches.", "Researchers found that four in five children ate school lunches."),
    ("Athletes should be given bans.Media playback is not supported on this devicePound, who chaired it, said so.",
     "Athletes should be given bans. Pound, who chaired it, said so."),
    ("It was remarkable.' Scroll down for video The star covers the magazine.",
     "It was remarkable.' The star covers the magazine."),
    ("(CNN)Blues legend B.B. King was in hospital. He cancelled his tour. CNN's Greg Botelho and Sonya Hamasaki "
     "contributed to this report.", "Blues legend B.B. King was in hospital. He cancelled his tour."),
    ("Title\n\nTotal Views : 139\nZoom In Zoom Out Read Later Print\n\nThe council met on Monday.",
     "Title\n\nThe council met on Monday."),
    ("By . Daily Mail Reporter . PUBLISHED: 10:01 EST, 1 May 2014 . | . UPDATED: 11:20 EST, 1 May 2014 . "
     "The council met.", "The council met."),
    ("18 March 2014 Last updated at 09:22 GMTRichard Blake-Smith won the final.", "Richard Blake-Smith won the final."),
    ('Many favour it."Follow @BBCNewsbeat on Twitter, BBCNewsbeat on Instagram and Radio1Newsbeat on YouTube',
     'Many favour it."'),
    ("He was on a scholarship. Sorry we are not currently accepting comments on this article.",
     "He was on a scholarship."),
])
def test_furniture_is_removed_and_neighbours_stay_apart(raw, clean):
    text, removed = strip_boilerplate(raw)
    assert text == clean and removed


@pytest.mark.parametrize("news", [
    "He had to print the email before the meeting. Share prices rose 3% on Monday.",
    "The video had 139 views by Tuesday, and total views: 12 million were claimed.",
    "The BBC reported that CNN's coverage contributed to the decision.",
    "Scrolling down the list, the video showed the share of votes.",
])
def test_news_text_is_left_alone(news):
    assert strip_boilerplate(news) == (news, [])


def test_normalize_removes_furniture_unless_asked_to_keep_it():
    raw = "Kim meets Putin\n\nTotal Views : 139\n\nKim met Putin on Wednesday."
    assert normalize(raw, "txt") == ("Kim meets Putin\n\nKim met Putin on Wednesday.", "Kim meets Putin")
    assert "Total Views" in normalize(raw, "txt", furniture=True)[0]


@pytest.mark.parametrize("raw,clean", [
    ("New Delhi, India (CNN)As the earth shook in Nepal, tremors were felt.", "As the earth shook in Nepal, tremors were felt."),
    ("He left. CNN's Eliott C. McLaughlin contributed to this report.", "He left."),
    ("The prosecution said: Read more on this story and other news from SuffolkJonathan Rees QC said it.",
     "The prosecution said: Jonathan Rees QC said it."),
    ("Gauzere refereed.For the latest rugby union news follow @bbcrugbyunion on Twitter.", "Gauzere refereed."),
])
def test_datelines_credits_and_promos_seen_in_frank(raw, clean):
    assert strip_boilerplate(raw)[0] == clean
