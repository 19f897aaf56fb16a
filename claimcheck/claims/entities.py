"""The entity table of one parsed article: PERSON/GPE/ORG mentions clustered by name.

"Kim" joins "Kim Jong-un"; the canonical name is the first multi-word form; honorifics and titles are
not part of names. Role words are learned from the article ("North Korean leader Kim Jong-un" ->
Kim is a leader with modifiers north, korean); "A and B" mentions are recorded as groups.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import FEMALE_NAMES, HONORIFIC, LABELS, MALE_NAMES, NAME_PREFIXES, NOT_PERSON_HEADS, ROLE_TITLES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

WINDOW = 3  # sentences back that pronouns and descriptions look (claimcheck.claims.coref)


def norm_word(w: str) -> str:
    w = w.lower().replace("’", "'")
    w = re.sub(r"'s?$", "", w)
    if len(w) > 5 and w.endswith(("ian", "ean")) or len(w) > 4 and w.endswith("an"):
        w = w[:-1]  # demonym ~ place: korean -> korea, russian -> russia
    return w


def name_keys(text: str) -> frozenset[str]:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    return frozenset(w for w in re.split(r"[\s\-‐]+", text.lower().replace("’", "'")) if w and w not in {"'s", "'"})


@dataclass
class Entity:
    eid: int
    label: str  # PERSON, GPE or ORG
    name: str
    keys: frozenset[str]
    gender: str = ""  # "m", "f" or unknown
    det: str = ""  # "the " when the name is used with an article ("the James Webb Space Telescope")
    roles: list[tuple[str, frozenset[str], int]] = field(default_factory=list)  # (head, modifiers, token index)


@dataclass(frozen=True)
class Mention:
    eid: int
    start: int
    end: int
    sent: int
    subject: bool

@dataclass(frozen=True)
class Referent:
    """What a pronoun or description stands for. `anchor`: a token of the same sentence that names it."""

    text: str
    eids: frozenset[int]
    plural: bool = False
    anchor: int | None = None


class EntityTable:
    def __init__(
        self,
        doc: "Doc",
        sents: list["Span"],
        title_index: int | None = None,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # surface strings come from here
        self.sents = sents
        self.sent_of = [-1] * len(doc)
        for si, s in enumerate(sents):
            for t in s:
                self.sent_of[t.i] = si
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        self.mention_at: dict[int, Mention] = {}  # every token of a mention -> mention
        self.groups: list[tuple[int, int, frozenset[int]]] = []  # (token, sentence, eids) of "A and B"
        self.acronym_of: dict[int, str] = {}  # token of an acronym -> the name it stands for
        self.first_at: dict[int, int] = {}  # entity -> token of its first and of its last mention so far
        self.last_at: dict[int, int] = {}
        self._collect(title_index)

    def surface(self, start: int, end: int) -> str:
        """The original text of tokens [start, end)."""
        first, last = self.doc[start], self.doc[end - 1]
        return self.text[first.idx:last.idx + len(last.text)]

    def possessive(self, at: int) -> str:
        """The possessive ending the sentence around token `at` uses ("’s" or "'s")."""
        si = self.sent_of[at]
        s = self.sents[si] if si >= 0 else self.doc[:]
        chunk = self.text[s.start_char:s.end_char]
        if "’s" in chunk or ("'s" not in chunk and self.text.count("’s") > self.text.count("'s")):
            return "’s"
        return "'s"

    # ------------------------------------------------------------ building

    def _collect(self, title_index: int | None) -> None:
        spans = []
        for ent in self.doc.ents:
            label = LABELS.get(ent.label_)
            first = ent[0].lower_
            if label != "PERSON" and len(ent) >= 2 and all(t.pos_ == "PROPN" for t in ent) \
                    and (first in MALE_NAMES or first in FEMALE_NAMES):
                label = "PERSON"  # "Clive Ruggles" tagged NORP: a known first name makes it a person
            si = self.sent_of[ent.start]
            if label is None or si < 0:
                continue
            start, end = ent.start, ent.end
            if label != "PERSON":  # "The James Webb Space [Telescope]": the tagger missed the name's first words
                while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].dep_ == "compound" \
                        and not self.doc[start - 1].ent_type_ and ent.start <= self.doc[start - 1].head.i < end \
                        and self.sent_of[start - 1] == si:
                    start -= 1
            while start < end and (self.doc[start].lower_ == "the" or (
                label == "PERSON" and self.doc[start].lower_.rstrip(".") in NAME_PREFIXES
            )):
                start += 1
            while end > start and (self.doc[end - 1].tag_ == "POS" or self.doc[end - 1].is_punct):
                end -= 1
            if label == "PERSON" and self._holiday(end):
                continue  # "Valentine's Day", "St Patrick's Day": a date, not a person
            if label == "PERSON" and self.doc[end - 1].lower_ in NOT_PERSON_HEADS:
                label = "ORG"  # "James Webb Space Telescope", "Sam Houston State University": named after someone
            if start < end:
                spans.append((si == title_index, start, end, label))
        spans = self._vote_people(spans)
        # body first: the title (title case fools NER) may only join entities the body names
        for in_title, start, end, label in sorted(spans, key=lambda x: (x[0], x[1])):
            self._add_mention(start, end, label, create=not in_title)
        # bare short names the tagger missed ("Kim" inside a mis-tagged title span)
        short: dict[str, list[Entity]] = {}
        for e in self.entities:
            for k in e.keys:
                short.setdefault(k, []).append(e)
        for tok in self.doc:
            if tok.i in self.mention_at or tok.pos_ != "PROPN" or self.sent_of[tok.i] < 0:
                continue
            owners = short.get(tok.lower_, [])
            if len(owners) == 1 and owners[0].label == "PERSON":
                self._register(owners[0], tok.i, tok.i + 1)
        self._acronyms()
        self.mentions.sort(key=lambda m: m.start)
        for e in self.entities:
            if e.label == "PERSON":
                self._learn_person(e)
        self._collect_groups()

    def _holiday(self, end: int) -> bool:
        after = self.doc[end:end + 2]
        return len(after) == 2 and after[0].tag_ == "POS" and after[1].lower_ in ("day", "eve")

    def _vote_people(self, spans: list[tuple[bool, int, int, str]]) -> list[tuple[bool, int, int, str]]:
        """A short name the tagger called an organisation or place is a person when the article's
        full name containing it is a person's ("Kayahan" ORG, later "Kayahan Acar" PERSON)."""
        people = [name_keys(self.surface(a, b)) for _, a, b, label in spans if label == "PERSON" and b - a >= 2]
        out = []
        for in_title, start, end, label in spans:
            if label != "PERSON":
                keys = name_keys(self.surface(start, end))
                if keys and any(keys < p for p in people) and all(self.doc[i].pos_ == "PROPN" for i in range(start, end)):
                    label = "PERSON"
            out.append((in_title, start, end, label))
        return out

    def _spelled(self, acronym: str, before: int) -> tuple[Entity, str] | None:
        """The organisation or place named before token `before` whose initials spell `acronym` ('WHO' for
        'World Health Organization', or for 'World Health Organization Report' with the last word left
        out), and the name it stands for."""
        for e in self.entities:
            if e.label not in ("ORG", "GPE") or self.first_at.get(e.eid, before) >= before or " " not in e.name:
                continue
            words = [w for w in e.name.split() if w[:1].isupper() and w.lower() not in ("of", "the", "and", "for")]
            initials = "".join(w[0] for w in words)
            if initials == acronym:
                return e, e.name
            if len(initials) >= 3 and initials[:-1] == acronym and e.name.endswith(words[-1]):
                return e, e.name.rsplit(" ", 1)[0]
        return None

    def _acronyms(self) -> None:
        """Acronyms the tagger missed ('WHO in Liberia'): mentions of the name their letters spell."""
        for tok in self.doc:
            if tok.i in self.mention_at or self.sent_of[tok.i] < 0 or not re.fullmatch(r"[A-Z]{2,6}", tok.text):
                continue
            hit = self._spelled(tok.text, tok.i)
            if hit is not None:
                self._register(hit[0], tok.i, tok.i + 1)
                self.acronym_of[tok.i] = hit[1]

    def _match(self, keys: frozenset[str], label: str) -> Entity | None:
        """The entity a name belongs to; a short name two people share ("Ruggles" after "Alice Ruggles"
        and "Clive Ruggles") goes to the one mentioned last."""
        best = None
        for e in self.entities:
            if label == "PERSON" and e.label == "PERSON":
                if keys <= e.keys or e.keys <= keys:
                    if best is None or self.last_at.get(e.eid, -1) > self.last_at.get(best.eid, -1):
                        best = e
            elif e.label == label and keys == e.keys:
                best = e
        return best

    def _add_mention(self, start: int, end: int, label: str, create: bool) -> None:
        text = self.surface(start, end)
        keys = name_keys(text)
        if not keys:
            return
        hit = self._spelled(text, start) if re.fullmatch(r"[A-Z]{2,6}", text) else None
        if hit is not None:  # "TSA" after "the Transportation Security Administration"
            self._register(hit[0], start, end)
            self.acronym_of[start] = hit[1]
            return
        e = self._match(keys, label)
        if e is None:
            if not create:
                return
            e = Entity(eid=len(self.entities), label=label, name=text, keys=keys, det=self._det(start, label))
            self.entities.append(e)
        elif len(keys) > len(e.keys) and e.keys <= keys:
            if len(e.keys) < 2:
                e.name, e.det = text, self._det(start, label)
            e.keys = keys
        self._register(e, start, end)

    def _det(self, start: int, label: str) -> str:
        return "the " if label in ("ORG", "THING", "GPE") and start > 0 and self.doc[start - 1].lower_ == "the" else ""

    def _register(self, e: Entity, start: int, end: int) -> None:
        root = self.doc[start:end].root
        subject = root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass"))
        m = Mention(e.eid, start, end, self.sent_of[start], subject)
        self.mentions.append(m)
        for i in range(start, end):
            self.mention_at[i] = m
        self.first_at[e.eid] = min(start, self.first_at.get(e.eid, start))
        self.last_at[e.eid] = max(start, self.last_at.get(e.eid, start))

    def _learn_person(self, e: Entity) -> None:
        for m in self.mentions:
            if m.eid != e.eid:
                continue
            first = self.doc[m.start]
            if not e.gender:
                prev = self.doc[m.start - 1].lower_.rstrip(".") if m.start > 0 else ""
                e.gender = HONORIFIC.get(prev, "")
                if not e.gender:
                    fn = first.lower_
                    e.gender = "f" if fn in FEMALE_NAMES else "m" if fn in MALE_NAMES else ""
            # "North Korean leader Kim Jong-un", "President Vladimir Putin"
            run: list[Token] = []
            inside = set(range(m.start, m.end))
            i = m.start - 1
            while i >= 0 and self.doc[i].head.i in inside and self.doc[i].dep_ in ("compound", "amod", "nmod", "poss", "case"):
                inside.add(i)
                run.insert(0, self.doc[i])
                i -= 1
            heads = [t for t in run if t.pos_ == "NOUN" or t.lower_ in ROLE_TITLES]
            if heads:
                head = heads[-1]
                mods = frozenset(norm_word(t.text) for t in run if t.i < head.i and t.tag_ != "POS")
                e.roles.append((head.lemma_.lower(), mods, m.start))
            # appositions in either direction: "Kim, the North Korean leader," / "the leader, Kim,"
            root = self.doc[m.start:m.end].root
            nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                nouns.append(root.head)
            for n in nouns:
                mods = frozenset(norm_word(t.text) for t in n.lefts if t.dep_ in ("amod", "compound", "poss", "nmod"))
                e.roles.append((n.lemma_.lower(), mods, m.start))

    def _collect_groups(self) -> None:
        for m in self.mentions:
            root = self.doc[m.start:m.end].root
            conj = [c for c in root.children if c.dep_ == "conj"]
            eids = {m.eid}
            for c in conj:
                other = self.mention_at.get(c.i)
                if other is not None and self.entities[other.eid].label == self.entities[m.eid].label:
                    eids.add(other.eid)
            if len(eids) > 1:
                self.groups.append((m.start, m.sent, frozenset(eids)))
