"""Definite descriptions for coreference: "the two leaders", "the country", "the singer", "the 57-year-old".

A mixin of `coref.Coref` (it uses the entity table, salience and referents from there):
- groups ("the two leaders", "both men") -> the two most salient people;
- "the country", "the nation" -> the most recent country (a US state is not a country);
- "the company" -> the most recent organisation;
- a role the article gave a person ("North Korean leader Kim" -> "the North Korean leader");
- a profile noun re-mentioning a person ("the singer", "the performer", "the 57-year-old") as a clause
  subject -> the person named (or pronoun-referred) most recently in the last two sentences, skipping
  people the article gave another role ("Prime Minister X" is not "the singer"; an age fits anyone).
  Only nouns that describe who someone is, not nouns that bring in somebody new ("the officer", "the
  judge", "the victim" stay as they are);
- a subject naming the kind of a thing named before ("the observatory" after "the James Webb Space
  Telescope") -> that name.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .entities import WINDOW, Referent, norm_word
from .lexicon import COUNTRY_HEADS, GROUP_HEADS, ORG_HEADS, PROFILE_NOUNS, THING_CLASSES, US_STATES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

PROFILE_WINDOW = 2  # sentences back a profile noun looks for its person


def _age_head(head: "Token") -> bool:
    """'the 57-year-old': spaCy makes 'old' (an adjective) the head."""
    return head.lower_ == "old" and head.i >= 2 and head.doc[head.i - 2].lower_ == "year"


class DescriptionMixin:
    def description_span(self, head: "Token") -> tuple[int, int] | None:
        """Token range of a definite description headed by `head` ("the two leaders"), else None."""
        if head.dep_ in ("compound", "appos") or (head.pos_ not in ("NOUN", "NUM") and not _age_head(head)):
            return None
        lefts = list(head.lefts)
        if not lefts or lefts[0].lower_ not in ("the", "both") or lefts[0].dep_ not in ("det", "predet", "nummod"):
            return None
        if any((c.dep_ in ("appos", "acl", "relcl") and not self._aside(c)) or (c.dep_ == "prep" and c.lower_ == "of")
               for c in head.rights):
            return None  # "the leader of the DPRK", "the man who ..." name themselves; ", who ...," does not
        if any(t.ent_type_ in ("PERSON",) for t in lefts):
            return None
        if head.pos_ == "NUM" and head.lower_ != "two":
            return None
        return lefts[0].i, head.i + 1

    def _aside(self, clause: "Token") -> bool:
        """A relative clause set off by a comma ("the performer, who was ...,"): it does not restrict."""
        left = clause.left_edge.i - 1
        return clause.dep_ == "relcl" and left >= 0 and self.doc[left].text == ","

    def resolve_description(self, head: "Token") -> "Referent | None":
        """'the two leaders', 'the leaders', 'the North Korean leader', 'the country' -> a referent."""
        span = self.description_span(head)
        if span is None or self.sent_of[head.i] < 0:
            return None
        start = span[0]
        words = [t for t in self.doc[span[0]:span[1] - 1] if t.dep_ not in ("det", "predet")]
        lemma = "year-old" if _age_head(head) else head.lemma_.lower() if head.pos_ == "NOUN" else head.lower_
        dual = any(t.lower_ in ("two", "both") for t in self.doc[span[0]:span[1]])
        plural = head.tag_ in ("NNS", "NNPS") or head.pos_ == "NUM"
        if plural and (lemma in GROUP_HEADS or head.lower_ == "two"):
            people = self._people_pair(start, head.lower_ if head.pos_ == "NUM" else lemma)
            return self.referent(frozenset(people)) if len(people) == 2 else None
        if lemma in COUNTRY_HEADS:
            places = [e for e in self._recent(start, "g", n=3) if self.entities[e].name.lower() not in US_STATES]
            if plural and dual and len(places) >= 2:
                return self.referent(frozenset(places[:2]))
            return self.referent(frozenset(places[:1])) if places and not plural else None
        if lemma in ORG_HEADS and not plural:
            orgs = [e for e in self._recent(start, "n", n=3) if self.entities[e].label == "ORG"]
            return self.referent(frozenset(orgs[:1])) if orgs else None
        if plural:
            return None
        mods = frozenset(norm_word(t.text) for t in words if t.pos_ in ("ADJ", "PROPN", "NOUN"))
        matches = [
            e.eid for e in self.entities
            if any(r[0] == lemma and mods <= r[1] and r[2] < start for r in e.roles)
        ]
        if not matches:
            return self._profile_person(head, lemma, start) or self._named_kind(head, lemma, start)
        ranked = [eid for _, eid in self.salience(start, "P", window=10**6) if eid in matches] or matches
        return self.referent(frozenset({ranked[0]}))

    def _profile_person(self, head: "Token", lemma: str, start: int) -> "Referent | None":
        if lemma not in PROFILE_NOUNS or head.dep_ not in ("nsubj", "nsubjpass"):
            return None
        if any(lemma == r[0] for e in self.entities for r in e.roles):
            return None  # the article gives this role to someone: the role rule decides
        here = self.sent_of[start]
        near = [e for e in self._recent(start, "P", n=4) if here - self.sent_of[self._last_before(e, start)] <= PROFILE_WINDOW]
        if lemma != "year-old":  # anyone has an age; "the singer" is not the person the article calls a minister
            near = [e for e in near if not self.entities[e].roles]
        return self.referent(frozenset(near[:1])) if near else None

    def counted_noun(self, tok: "Token") -> str | None:
        """'More than 10,000 have not survived' after 'more than 25,000 people have fought Ebola': the
        noun a bare number subject counts, taken from the last counted noun of the sentence before."""
        if tok.pos_ != "NUM" or tok.dep_ not in ("nsubj", "nsubjpass") or tok.right_edge.i != tok.i:
            return None
        here = self.sent_of[tok.i]
        if here <= 0 or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            return None
        nouns = [t for t in self.sents[here - 1] if t.pos_ == "NOUN" and t.tag_ == "NNS"
                 and any(c.dep_ == "nummod" and c.pos_ == "NUM" for c in t.children)]
        return nouns[-1].lower_ if nouns else None

    def _named_kind(self, head: "Token", lemma: str, start: int) -> "Referent | None":
        """'The observatory was launched ...' after 'the James Webb Space Telescope': a subject naming the
        kind of a thing named before (telescope ~ observatory) stands for that name."""
        if head.dep_ not in ("nsubj", "nsubjpass") or not any(lemma in c for c in THING_CLASSES):
            return None
        found = self._named_thing(head, start)
        ok = found is not None and found.text.removeprefix("the ")[:1].isupper()
        return Referent(found.text, found.eids) if ok else None

    def _people_pair(self, before: int, head: str) -> list[int]:
        ranked = [eid for _, eid in self.salience(before, "P", window=WINDOW + 1)]
        if head in ("leader", "president", "head", "statesman"):
            leaders = [e for e in ranked if self.entities[e].roles]
            if len(leaders) >= 2:
                ranked = leaders
        return ranked[:2]
