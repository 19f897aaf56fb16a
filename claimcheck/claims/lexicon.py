"""Word lists for claim extraction: pronouns, honorifics, first names, role and group nouns."""
from __future__ import annotations

LABELS = {"PERSON": "PERSON", "GPE": "GPE", "ORG": "ORG", "LOC": "GPE"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
NEUTER = {"it", "its"}
POSSESSIVE = {"his", "her", "their", "its"}
PRONOUNS = MALE | FEMALE | PLURAL | NEUTER
HONORIFIC = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "mister": "m",
    "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f", "queen": "f", "princess": "f", "madam": "f",
}
FEMALE_NAMES = set(
    "mary anna anne angela hillary kamala nancy elizabeth margaret theresa ursula christine kristalina "
    "jacinda sanna liz giorgia marine emmanuelle sarah emma olivia sophia maria julia yulia jill "
    "michelle melania nikki condoleezza madeleine golda indira benazir hasina "
    "ruth sonia victoria catherine kate jane alice helen linda susan karen patricia jennifer".split()
)
MALE_NAMES = set(
    "john james robert michael william david richard joseph thomas charles vladimir sergei sergey dmitry "
    "joe donald barack george bill boris emmanuel olaf xi volodymyr recep narendra benjamin rishi keir "
    "justin antony jake lloyd mike mark paul peter jean pierre hans ali mohammed muhammad ahmed yoon "
    "fumio shinzo brad tom tony gordon nick ed hugh ian alan andrew steve stephen chris daniel".split()
)
TITLES = {"dr", "prof", "professor", "president", "prime", "minister", "rev", "gen", "col", "capt", "sen", "rep", "gov"}
NAME_PREFIXES = set(HONORIFIC) | TITLES
GROUP_HEADS = {"leader", "man", "president", "head", "pair", "two", "both", "statesman", "counterpart"}
COUNTRY_HEADS = {"country", "nation"}
ORG_HEADS = {"company", "firm", "organisation", "organization"}
ROLE_TITLES = {
    "president", "leader", "minister", "chancellor", "king", "queen", "prince", "general", "senator",
    "governor", "secretary", "pope", "chairman", "chairwoman", "chair", "ceo", "mayor", "premier",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "commander", "director", "head", "chief",
}
