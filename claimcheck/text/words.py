"""Word lists: stop words and abbreviations, each decided here once.

Stop words. Every list is CORE_STOP_WORDS (the grammar words any comparison of content words ignores)
plus named groups, so a word's status in each list reads off this file:

- CORE_STOP_WORDS: near-duplicate claims (claimcheck.claims) compare what is left;
- GROUNDING_STOP_WORDS = core + third-person pronouns, relatives, "said"/"says": a prompted claim is
  kept when its remaining words occur in its sentence (a model may resolve "he" to a name);
- PAIR_STOP_WORDS = core + pronouns (not "them"), relatives, speech + TOPIC_WORDS: training-pair
  overlap and cheap name detection (claimcheck.research.train.hard_pairs);
- STOP_WORDS = core + pronouns, relatives, "said" + COMMON_FUNCTION_WORDS: the most common English
  function words, whose rate says whether a text is English (claimcheck.text.language);
- CONFLICT_STOP_WORDS = STOP_WORDS without "but", "no", "not", "one" (a clause split, negators and a
  number: the conflict rules read them) + CONFLICT_FUNCTION_WORDS (claimcheck.verify.conflicts).

Abbreviations (a period after them rarely ends a sentence). ABBREVIATIONS is the base: titles, months,
units, company forms; the spaCy segmenter's glued-stop rule uses it as it is. Each rule splitter
(claimcheck.text.sentences) adds to it:

- PASSAGE_ABBREVIATIONS: + weekdays, scholarly forms ("al", "eq", "ed", "cf"), dotted forms ("a.m",
  "ph.d"); the passage splitter;
- SCRAPED_ABBREVIATIONS: + "cpl", "hon", "ave", "blvd", "e.g", "i.e", "u.s", "u.k", but not "nos",
  "pp", "vol"; the splitter of scraped text and model output.
"""
from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ------------------------------------------------------------------------------------- stop words

CORE_STOP_WORDS = _words(
    "a an the of to in on at for by with and or but as is are was were be been has have had that this "
    "it its from into than then so"
)
THIRD_PERSON = _words("he she they his her their them")
RELATIVES = _words("who which")
SPEECH = _words("said says")
# what training-pair overlap also ignores: question words, modals, negation, time and amount words
TOPIC_WORDS = _words("what when where will would also not no after before about over more most one two new")
COMMON_FUNCTION_WORDS = _words(
    "about after all also any because can could did do does how i if just more most my no not one only "
    "other our out over some there these up we what when will would you your"
)
CONFLICT_FUNCTION_WORDS = _words(
    """onto upon under above below before between during through throughout within against among across
    along around behind beyond near off down being am done doing having shall should may might must me mine
    myself us ours ourselves yours yourself him himself hers herself itself theirs themselves those here
    whom whose where why both each either few many much such own same too very even still yet already
    again ever once now while whereas although though unless until since however therefore thus say says
    saying according per last next approximately nearly almost roughly circa estimated upwards least fewer
    less excess like well whether via"""
)

GROUNDING_STOP_WORDS = CORE_STOP_WORDS | THIRD_PERSON | RELATIVES | SPEECH
PAIR_STOP_WORDS = CORE_STOP_WORDS | (THIRD_PERSON - {"them"}) | RELATIVES | SPEECH | TOPIC_WORDS
STOP_WORDS = CORE_STOP_WORDS | THIRD_PERSON | RELATIVES | {"said"} | COMMON_FUNCTION_WORDS
CONFLICT_STOP_WORDS = (STOP_WORDS - {"but", "no", "not", "one"}) | CONFLICT_FUNCTION_WORDS

# ---------------------------------------------------------------------------------- abbreviations

ABBREVIATIONS = _words(
    "mr mrs ms dr st jr sr prof gen col capt sen rep gov lt sgt rev no nos vs etc fig inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft pp vol approx est dept univ"
)
PASSAGE_ABBREVIATIONS = ABBREVIATIONS | _words(
    "al figs eq eqs vols ed eds ca cf cmdr adm mon tue tues wed thu thur thurs fri sat sun "
    "i.e e.g a.m p.m u.s u.k u.n u.s.a e.u d.c ph.d m.d b.a m.a"
)
SCRAPED_ABBREVIATIONS = (ABBREVIATIONS - {"nos", "pp", "vol"}) | _words("cpl hon ave blvd e.g i.e u.s u.k")


# ordinals: "third" -> 3, "25th" -> 25 (the conflict rules' ranks, the timeline's quarters)
ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINAL_RE = re.compile(r"^(\d{1,4})(?:st|nd|rd|th)$")


def ordinal(word: str) -> int | None:
    """'third' -> 3, '25th' -> 25, else None."""
    low = word.lower()
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    m = _ORDINAL_RE.match(low)
    return int(m.group(1)) if m else None
