"""Light coreference for claim extraction: pronouns and definite descriptions.

Builds on the article's entity table (`entities.EntityTable`). A pronoun or description resolves
only to entities mentioned before it, using gender/number cues, the subjects of the clauses above it,
then recency-weighted salience. Kinds: "m"/"f" he/she, "p" they, "n" it, "P" any person, "g" a place.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .entities import Entity, EntityTable, Mention, name_keys, norm_word
from .lexicon import COUNTRY_HEADS, FEMALE, GROUP_HEADS, MALE, ORG_HEADS, PLURAL, POSSESSIVE, PRONOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["Coref", "Entity", "Mention", "Referent", "POSSESSIVE", "PRONOUNS", "name_keys"]

WINDOW = 3  # sentences back that pronouns and descriptions look


@dataclass(frozen=True)
class Referent:
    """What a pronoun or description stands for. `anchor`: a token of the same sentence that names it."""

    text: str
    eids: frozenset[int]
    plural: bool = False
    anchor: int | None = None


class Coref(EntityTable):
    """Resolves pronouns and descriptions against the article's entity table."""

    def __init__(
        self,
        doc: "Doc",
        sents: list["Span"],
        title_index: int | None = None,
        quoted: frozenset[int] = frozenset(),
        text: str | None = None,
    ) -> None:
        super().__init__(doc, sents, title_index, text)
        self.quoted = quoted  # tokens inside quotation marks
        self._resolved: dict[int, Referent | None] = {}

    def expansion(self, m: Mention) -> str | None:
        """The full name for a short mention ("Putin" -> "Vladimir Putin"), else None."""
        e = self.entities[m.eid]
        keys = name_keys(self.surface(m.start, m.end))
        if e.label == "PERSON" and keys < name_keys(e.name):
            return e.name
        return None

    def referent(self, eids: frozenset[int], anchor: int | None = None) -> Referent:
        ordered = sorted(eids, key=lambda x: self._first_start(x))
        names = [self.entities[x].name for x in ordered]
        text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return Referent(text, frozenset(eids), plural=len(eids) > 1, anchor=anchor)

    def _first_start(self, eid: int) -> int:
        return next((m.start for m in self.mentions if m.eid == eid), 10**9)

    def compatible(self, eid: int, kind: str) -> bool:
        e = self.entities[eid]
        if kind == "m":
            return e.label == "PERSON" and e.gender != "f"
        if kind == "f":
            return e.label == "PERSON" and e.gender != "m"
        if kind == "n":
            return e.label in ("GPE", "ORG")
        if kind == "P":  # any person
            return e.label == "PERSON"
        if kind == "g":  # a country or place
            return e.label == "GPE"
        return True

    def salience(self, before: int, kind: str, window: int = WINDOW) -> list[tuple[float, int]]:
        """(score, eid) of compatible entities mentioned before token `before`, best first."""
        here = self.sent_of[before]
        scores: dict[int, float] = {}
        for m in self.mentions:
            if m.start >= before:
                break
            dist = here - m.sent
            if dist > window or not self.compatible(m.eid, kind):
                continue
            scores[m.eid] = scores.get(m.eid, 0.0) + 0.5**dist * (2.0 if m.subject else 1.0)
        return sorted(((s, e) for e, s in scores.items()), key=lambda x: (-x[0], -self._last_before(x[1], before)))

    def _last_before(self, eid: int, before: int) -> int:
        return max((m.start for m in self.mentions if m.eid == eid and m.start < before), default=-1)

    def _recent(self, before: int, kind: str, n: int = 1) -> list[int]:
        """The n most recently mentioned distinct compatible entities before token `before`."""
        out: list[int] = []
        for m in sorted((m for m in self.mentions if m.start < before), key=lambda m: -m.start):
            if self.sent_of[before] - m.sent > WINDOW:
                break
            if self.compatible(m.eid, kind) and m.eid not in out:
                out.append(m.eid)
                if len(out) == n:
                    break
        return out

    def _subject_referent(self, np: "Token", kind: str) -> Referent | None:
        """The entity a clause subject names (a name, a resolvable pronoun, a group, a description)."""
        m = self.mention_at.get(np.i)
        if m is not None and kind != "p" and self.compatible(m.eid, kind):
            return self.referent(frozenset({m.eid}), anchor=np.i)
        for start, _, eids in self.groups:
            if start == np.i or (m is not None and start == m.start):
                return self.referent(eids, anchor=np.i) if kind == "p" else None
        if np.lower_ in PRONOUNS and self.kind_of(np) == kind:
            ref = self.resolve_pronoun(np)
            return Referent(ref.text, ref.eids, ref.plural, anchor=np.i) if ref else None
        desc = self.resolve_description(np)
        if desc is not None and (desc.plural == (kind == "p")):
            if kind == "p" or all(self.compatible(x, kind) for x in desc.eids):
                return Referent(desc.text, desc.eids, desc.plural, anchor=np.i)
        if kind == "p" and np.tag_ in ("NNS", "NNPS") and np.pos_ != "PRON":
            return Referent("", frozenset(), True, anchor=np.i)  # a plain plural NP names it in place
        return None

    @staticmethod
    def kind_of(tok: "Token") -> str:
        low = tok.lower_
        return "m" if low in MALE else "f" if low in FEMALE else "p" if low in PLURAL else "n"

    def resolve_pronoun(self, tok: "Token") -> Referent | None:
        """Resolve he/she/they/it and their possessive forms; None when unsure. Memoised."""
        if tok.i not in self._resolved:
            self._resolved[tok.i] = None  # also breaks cycles ("he said he ...", each the other's subject)
            self._resolved[tok.i] = self._resolve_pronoun(tok)
        return self._resolved[tok.i]

    def _resolve_pronoun(self, tok: "Token") -> Referent | None:
        low = tok.lower_
        if low not in PRONOUNS or self.sent_of[tok.i] < 0:
            return None
        kind = self.kind_of(tok)
        if kind == "n" and self._pleonastic(tok):
            return None
        sent = self.sents[self.sent_of[tok.i]]
        # cataphora: "After his meetings with Kim, Putin told ..."
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and tok.i not in self.quoted and tok.i < subj.left_edge.i and not (subj.left_edge.i <= tok.i <= subj.right_edge.i):
            ref = self._subject_referent(subj, kind)
            if ref is not None and ref.eids:
                return ref
        # the subject of a clause above the pronoun: "Kim said he hoped", "Kim pledged his support"
        node = tok
        while node.head.i != node.i:
            node = node.head
            for c in node.children:
                if c.dep_ not in ("nsubj", "nsubjpass") or c.left_edge.i <= tok.i <= c.right_edge.i:
                    continue
                if c.tag_ in ("WP", "WDT") and node.dep_ == "relcl":
                    c = node.head  # "Kim, who arrived ... on his train"
                ref = self._subject_referent(c, kind)
                if ref is not None:
                    return ref
        if kind == "p":
            return self._resolve_plural(tok)
        if kind == "n":
            recent = [e for e in self._recent(tok.i, "n") if self.sent_of[self._last_before(e, tok.i)] >= self.sent_of[tok.i] - 1]
            return self.referent(frozenset(recent[:1])) if recent and tok.lower_ == "its" else None
        ranked = self.salience(tok.i, kind)
        return self.referent(frozenset({ranked[0][1]})) if ranked else None

    def _pleonastic(self, tok: "Token") -> bool:
        if tok.lower_ != "it":
            return False
        head = tok.head
        return head.lemma_ in ("be", "seem", "appear", "take", "remain") or any(
            c.dep_ in ("ccomp", "xcomp", "expl") for c in head.children
        ) or tok.dep_ not in ("nsubj", "nsubjpass")

    def _resolve_plural(self, tok: "Token") -> Referent | None:
        here = self.sent_of[tok.i]
        for start, si, eids in reversed(self.groups):
            if start < tok.i and here - si <= 1:
                return self.referent(eids)
        same = [m for m in self.mentions if m.start < tok.i and m.sent == here and self.entities[m.eid].label == "ORG"]
        if same:
            return self.referent(frozenset({same[-1].eid}))
        people = self._recent(tok.i, "P", n=2)
        if len(people) == 2 and all(here - self.sent_of[self._last_before(e, tok.i)] <= 2 for e in people):
            return self.referent(frozenset(people))
        return None

    def description_span(self, head: "Token") -> tuple[int, int] | None:
        """Token range of a definite description headed by `head` ("the two leaders"), else None."""
        if head.dep_ in ("compound", "appos") or head.pos_ not in ("NOUN", "NUM"):
            return None
        lefts = list(head.lefts)
        if not lefts or lefts[0].lower_ not in ("the", "both") or lefts[0].dep_ not in ("det", "predet", "nummod"):
            return None
        if any(c.dep_ in ("appos", "acl", "relcl") or (c.dep_ == "prep" and c.lower_ == "of") for c in head.rights):
            return None  # "the leader of the DPRK" names itself
        if any(t.ent_type_ in ("PERSON",) for t in lefts):
            return None
        if head.pos_ == "NUM" and head.lower_ != "two":
            return None
        return lefts[0].i, head.i + 1

    def resolve_description(self, head: "Token") -> Referent | None:
        """'the two leaders', 'the leaders', 'the North Korean leader', 'the country' -> a referent."""
        span = self.description_span(head)
        if span is None or self.sent_of[head.i] < 0:
            return None
        start = span[0]
        words = [t for t in self.doc[span[0]:span[1] - 1] if t.dep_ not in ("det", "predet")]
        lemma = head.lemma_.lower() if head.pos_ == "NOUN" else head.lower_
        dual = any(t.lower_ in ("two", "both") for t in self.doc[span[0]:span[1]])
        plural = head.tag_ in ("NNS", "NNPS") or head.pos_ == "NUM"
        if plural and (lemma in GROUP_HEADS or head.lower_ == "two"):
            people = self._people_pair(start, head.lower_ if head.pos_ == "NUM" else lemma)
            return self.referent(frozenset(people)) if len(people) == 2 else None
        if lemma in COUNTRY_HEADS:
            places = self._recent(start, "g", n=2 if plural else 1)
            if plural and dual and len(places) == 2:
                return self.referent(frozenset(places))
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
            return None
        ranked = [eid for _, eid in self.salience(start, "P", window=10**6) if eid in matches] or matches
        return self.referent(frozenset({ranked[0]}))

    def _people_pair(self, before: int, head: str) -> list[int]:
        ranked = [eid for _, eid in self.salience(before, "P", window=WINDOW + 1)]
        if head in ("leader", "president", "head", "statesman"):
            leaders = [e for e in ranked if self.entities[e].roles]
            if len(leaders) >= 2:
                ranked = leaders
        return ranked[:2]
