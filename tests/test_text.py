"""The shared text utilities (claimcheck.text): splitters, word lists, page furniture, titles."""
from __future__ import annotations

import pytest

from claimcheck.text.language import probably_not_english
from claimcheck.text import words
from claimcheck.text.boilerplate import clean_sentence, is_boilerplate, is_widget_sentence, strip_boilerplate
from claimcheck.text.sentences import scraped_sentences, split_at_stops, split_scraped, split_sentences, unglue
from claimcheck.text.titles import MAX_TITLE_CHARS, guess_title, same_title, txt_title


def passage_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# ---------------------------------------------------------------------------------- splitters

BOTH = [passage_sentences, scraped_sentences]


@pytest.mark.parametrize("split", BOTH)
def test_abbreviations_initials_and_decimals_do_not_end_a_sentence(split):
    assert split("Dr. Smith paid $3.5 million to the U.S. Treasury on Jan. 5. The deal closed.") == [
        "Dr. Smith paid $3.5 million to the U.S. Treasury on Jan. 5.", "The deal closed."]
    assert split("J. K. Rowling wrote it. Sales rose 2.5% in 2019.") == ["J. K. Rowling wrote it.", "Sales rose 2.5% in 2019."]
    assert split("He met Gen. Lee at 10 a.m. on Monday. Talks ended.") == [
        "He met Gen. Lee at 10 a.m. on Monday.", "Talks ended."]


@pytest.mark.parametrize("split", BOTH)
def test_a_closing_quote_stays_with_its_sentence(split):
    assert split('"It is over." She left. He asked: "Why?" Nobody answered.') == [
        '"It is over."', "She left.", 'He asked: "Why?"', "Nobody answered."]


def test_passage_splitter_keeps_wrapped_lines_and_reads_acronyms():
    text = "First line of a paragraph\nwraps here. Second sentence.\n\nNew paragraph."
    assert passage_sentences(text) == ["First line of a paragraph\nwraps here.", "Second sentence.", "New paragraph."]
    # after "U.S." only a common sentence opener starts a new sentence
    assert passage_sentences("It was held in the U.S. The result was a deal.") == [
        "It was held in the U.S.", "The result was a deal."]
    assert passage_sentences("It was held in the U.S. Officials said so.") == ["It was held in the U.S. Officials said so."]
    assert passage_sentences("Prices fell on Wed. The market closed.") == ["Prices fell on Wed. The market closed."]


def test_scraped_splitter_splits_lines_and_glued_sentences():
    text = 'The lab was praised by the community.Dr Venter met Mr. Smith.\nLife was "cheap".Jon left.'
    assert scraped_sentences(text) == [
        "The lab was praised by the community.", "Dr Venter met Mr. Smith.", 'Life was "cheap".', "Jon left."]
    # the passage splitter leaves glued text as it is
    assert passage_sentences("The lab was praised by the community.Dr Venter met him.") == [
        "The lab was praised by the community.Dr Venter met him."]


def test_spans_are_trimmed_offsets_into_the_text():
    text = "  One. Two.\n\n  Three.  "
    for split in (split_sentences, split_scraped):
        spans = split(text)
        assert [text[s:e] for s, e in spans] == ["One.", "Two.", "Three."]
    assert split_sentences(text, 2, 11) == [(2, 6), (7, 11)]


def test_unglue_puts_back_the_lost_space_only_between_sentences():
    assert unglue("knocked on their door.Prof Ruggles said") == "knocked on their door. Prof Ruggles said"
    assert unglue('it was "cheap".Jon left') == 'it was "cheap". Jon left'
    assert unglue("It cost 3.5m, see bbc.co.uk.") == "It cost 3.5m, see bbc.co.uk."
    assert unglue("He met J.K. Rowling in the U.S.") == "He met J.K. Rowling in the U.S."


def test_split_at_stops_cuts_a_one_line_answer():
    assert split_at_stops('Webb launched in 2021. "It works." it said. Mr. Smith agreed.') == [
        "Webb launched in 2021.", '"It works." it said.', "Mr.", "Smith agreed."]


# --------------------------------------------------------------------------------- word lists


def test_each_stop_list_is_the_core_plus_its_named_groups():
    core = words.CORE_STOP_WORDS
    assert {"the", "of", "and", "is", "was", "that"} <= core and "said" not in core
    assert words.GROUNDING_STOP_WORDS - core == {"he", "she", "they", "his", "her", "their", "them", "who", "which",
                                                 "said", "says"}
    assert "them" not in words.PAIR_STOP_WORDS and {"not", "two", "new"} <= words.PAIR_STOP_WORDS
    assert core <= words.STOP_WORDS and "says" not in words.STOP_WORDS and len(words.STOP_WORDS) == 80


def test_conflict_rules_see_negators_numbers_and_but():
    assert {"but", "no", "not", "one"}.isdisjoint(words.CONFLICT_STOP_WORDS)
    assert {"the", "approximately", "according", "said"} <= words.CONFLICT_STOP_WORDS


def test_english_rate_uses_the_common_function_words():
    welsh = ("Roedd y cyngor wedi cyfarfod ddydd Llun i drafod y cynllun newydd ar gyfer canol y dref a’r ardal "
             "gyfagos, meddai llefarydd ar ran y cyngor sir.")
    english = ("The council met on Monday to discuss the new plan for the town centre and the area around it, "
               "and it said that it would decide in May.")
    assert probably_not_english(welsh) and not probably_not_english(english)


def test_abbreviation_lists_share_one_base():
    base = words.ABBREVIATIONS
    assert {"mr", "dr", "gen", "jan", "inc", "etc"} <= base
    assert base <= words.PASSAGE_ABBREVIATIONS and {"wed", "al", "ph.d"} <= words.PASSAGE_ABBREVIATIONS - base
    assert words.SCRAPED_ABBREVIATIONS - base == {"cpl", "hon", "ave", "blvd", "e.g", "i.e", "u.s", "u.k"}
    assert base - words.SCRAPED_ABBREVIATIONS == {"nos", "pp", "vol"}


# ------------------------------------------------------------------------------ page furniture


@pytest.mark.parametrize("line", ["Total Views : 139", "Zoom In Zoom Out Read Later Print", "Share this article"])
def test_counters_and_widget_rows_are_furniture_to_every_rule(line):
    assert strip_boilerplate(line) == ("", [line])
    assert is_boilerplate(line) and is_widget_sentence(line)


def test_sentence_rules_reach_further_than_the_article_stripper():
    for line in ("Subscribe to our newsletter", "© 2014 Daily Mail"):
        assert strip_boilerplate(line) == (line, [])  # it may be news: the article text keeps it
        assert is_boilerplate(line) and is_widget_sentence(line)
    assert is_boilerplate("Photo credit: Reuters")


@pytest.mark.parametrize("news", [
    "The mayor said the flood defences would be rebuilt before winter.",
    "The council said residents could subscribe to a new flood alert service from next Monday, and more than "
    "4,000 people already had, officials added today.",
])
def test_news_sentences_are_not_furniture(news):
    assert strip_boilerplate(news) == (news, [])
    assert not is_boilerplate(news) and not is_widget_sentence(news)
    assert clean_sentence(news) == news


def test_widget_text_glued_to_a_sentence_is_cut_off():
    assert clean_sentence("Media playback is not supported on this devicePound, who chaired it, said so.") == (
        "Pound, who chaired it, said so.")
    assert clean_sentence("Share this withEmailFacebookCopy this linkResearchers found a frog.") == "Researchers found a frog."


# ------------------------------------------------------------------------------------- titles


def test_corpus_title_is_the_first_line():
    assert guess_title("\n\n# Kim meets Putin\n\nBody.") == "Kim meets Putin"
    assert guess_title("Webb launched.\nBody") == "Webb launched."
    assert guess_title("x" * MAX_TITLE_CHARS + "\nBody") == "x" * MAX_TITLE_CHARS
    assert guess_title("x" * (MAX_TITLE_CHARS + 1) + "\nBody") == ""
    assert guess_title("  \n ") == ""


def test_article_title_is_a_short_line_before_a_blank_line_without_a_final_period():
    assert txt_title("Kim meets Putin\n\nKim met Putin on Wednesday.") == "Kim meets Putin"
    assert txt_title("Webb launched.\n\nBody.") == ""  # a one-line lead sentence, not a title
    assert txt_title("Kim meets Putin\nKim met Putin.") == ""
    assert txt_title("x" * (MAX_TITLE_CHARS - 1) + "\n\nBody") == "x" * (MAX_TITLE_CHARS - 1)
    assert txt_title("x" * MAX_TITLE_CHARS + "\n\nBody") == ""


def test_same_title_ignores_case_and_punctuation():
    assert same_title("Flood Warning For River Town!", "Flood warning for river town")
    assert not same_title("Flood warning", "Flood warning for river town")
    assert not same_title("", "")
