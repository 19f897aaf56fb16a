"""Light coreference for claim extraction: pronouns and definite descriptions.

Builds on the article's entity table (`entities.EntityTable`). A pronoun or description resolves
only to entities mentioned before it, using gender/number cues, the subjects of the clauses above it,
then recency-weighted salience; "it"/"its" fall back to the discourse topic (the non-person subject of the
sentences before, named by the fullest name seen: "the observatory" -> "the James Webb Space Telescope"). Kinds: "m"/"f" he/she, "p" they, "n" it, "P" any person, "g" a place.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .checkworthy import SPEECH_VERBS
from .descriptions import DescriptionMixin
from .entities import WINDOW, Entity, EntityTable, Mention, Referent, name_keys
from .lexicon import (
    CAUSATIVE, EXTRAPOSED_ADJ, FEMALE, IMPERSONAL_VERBS, MALE, PERSON_NOUNS, PLEONASTIC_NOUNS, PLURAL, POSSESSIVE,
    PRONOUNS, THING_CLASSES,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["Coref", "Entity", "Mention", "Referent", "POSSESSIVE", "PRONOUNS", "name_keys"]


class Coref(DescriptionMixin, EntityTable):
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
        self._named_np: list[tuple[int, frozenset[str], str]] | None = None
        self.chain: list[Mention] = []  # he/she pronouns and person descriptions resolved, in text order
        self._follow_chains()

    def _follow_chains(self) -> None:
        """Resolve person pronouns and descriptions in text order, each one keeping its person salient
        for the next ("Kayahan ... He ... The performer ... He"), so a chain is not lost after WINDOW
        sentences without the name."""
        for tok in self.doc:
            if self.sent_of[tok.i] < 0:
                continue
            if tok.lower_ in MALE or tok.lower_ in FEMALE:
                ref = self.resolve_pronoun(tok) if tok.tag_ in ("PRP", "PRP$") else None
            elif tok.dep_ in ("nsubj", "nsubjpass") and tok.i not in self.mention_at and tok.i not in self.quoted:
                ref = self.resolve_description(tok)
                ref = ref if ref is not None and all(self.entities[e].label == "PERSON" for e in ref.eids) else None
            else:
                continue
            if ref is not None and len(ref.eids) == 1:
                eid = next(iter(ref.eids))
                self.chain.append(Mention(eid, tok.i, tok.i + 1, self.sent_of[tok.i], tok.dep_ in ("nsubj", "nsubjpass")))

    def expansion(self, m: Mention) -> str | None:
        """The full name for a short mention ("Putin" -> "Vladimir Putin"), else None."""
        e = self.entities[m.eid]
        keys = name_keys(self.surface(m.start, m.end))
        if e.label == "PERSON" and keys < name_keys(e.name):
            return e.name
        if m.start in self.acronym_of and self.doc[m.start].dep_ != "compound":  # not in "the TSA officer"
            name = self.acronym_of[m.start]  # "WHO in Liberia" -> "World Health Organization (WHO) in Liberia"
            return f"{name} ({self.surface(m.start, m.end)})"
        return None

    def referent(self, eids: frozenset[int], anchor: int | None = None) -> Referent:
        ordered = sorted(eids, key=lambda x: self._first_start(x))
        names = [self.entities[x].det + self.entities[x].name for x in ordered]
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
            return e.label in ("GPE", "ORG", "THING")
        if kind == "P":  # any person
            return e.label == "PERSON"
        if kind == "g":  # a country or place
            return e.label == "GPE"
        return True

    def salience(self, before: int, kind: str, window: int = WINDOW) -> list[tuple[float, int]]:
        """(score, eid) of compatible entities mentioned before token `before`, best first."""
        here = self.sent_of[before]
        scores: dict[int, float] = {}
        for mentions in (self.mentions, self.chain):
            for m in mentions:
                if m.start >= before:
                    break
                dist = here - m.sent
                if dist > window or not self.compatible(m.eid, kind):
                    continue
                scores[m.eid] = scores.get(m.eid, 0.0) + 0.5**dist * (2.0 if m.subject else 1.0)
        return sorted(((s, e) for e, s in scores.items()), key=lambda x: (-x[0], -self._last_before(x[1], before)))

    def _last_before(self, eid: int, before: int) -> int:
        return max((m.start for ms in (self.mentions, self.chain) for m in ms if m.eid == eid and m.start < before), default=-1)

    def _recent(self, before: int, kind: str, n: int = 1) -> list[int]:
        """The n most recently mentioned distinct compatible entities before token `before`."""
        out: list[int] = []
        for m in sorted((m for ms in (self.mentions, self.chain) for m in ms if m.start < before), key=lambda m: -m.start):
            if self.sent_of[before] - m.sent > WINDOW:
                break
            if self.compatible(m.eid, kind) and m.eid not in out and not (kind == "n" and self._in_measure_pp(m)):
                out.append(m.eid)
                if len(out) == n:
                    break
        return out

    def _in_measure_pp(self, m: Mention) -> bool:
        """Is the mention only a reference point of a measure ("1.5 million kilometres from Earth")?"""
        root = self.doc[m.start:m.end].root
        if root.dep_ != "pobj" or root.head.i == 0:
            return False
        prev = self.doc[root.head.i - 1]
        return prev.ent_type_ in ("QUANTITY", "CARDINAL") or prev.like_num or any(c.dep_ == "nummod" for c in prev.children)

    def _subject_referent(self, np: "Token", kind: str) -> Referent | None:
        """The entity a clause subject names (a name, a resolvable pronoun, a group, a description)."""
        if kind == "n":
            return self._thing_referent(np, np.i)
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
            child, node = node, node.head
            if kind == "n" and node.lemma_ in CAUSATIVE and child.dep_ in ("ccomp", "xcomp") and tok.head.i == child.i:
                continue  # "light, which lets it see": "it" is not what lets
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
            topic = self._topic(tok) if tok.i not in self.quoted else None
            if topic is not None:
                return topic
            recent = [e for e in self._recent(tok.i, "n") if self.sent_of[self._last_before(e, tok.i)] >= self.sent_of[tok.i] - 1]
            return self.referent(frozenset(recent[:1])) if recent and tok.lower_ == "its" else None
        ranked = self.salience(tok.i, kind)
        return self.referent(frozenset({ranked[0][1]})) if ranked else None

    def _pleonastic(self, tok: "Token") -> bool:
        """'It is clear that', 'it seems', 'it was the first time', 'it rained'; an object 'it' too."""
        if tok.lower_ != "it":
            return False
        head = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or head.lemma_ in IMPERSONAL_VERBS:
            return True
        if any(c.dep_ in ("ccomp", "xcomp", "csubj", "csubjpass", "expl") for c in head.children):
            return True
        if head.lemma_ not in ("be", "remain", "become", "get"):
            return False
        for c in head.children:
            if c.dep_ == "acomp" and c.lemma_.lower() in EXTRAPOSED_ADJ:
                return True
            if c.dep_ == "attr" and (c.ent_type_ in ("DATE", "TIME") or c.lemma_.lower() in PLEONASTIC_NOUNS
                                     or any(d.dep_ in ("relcl", "acl") for d in c.children)):
                return True
        return not any(c.dep_ in ("attr", "acomp", "prep", "agent") for c in head.children)

    # ------------------------------------------------------------ "it": the discourse topic

    def _topic(self, tok: "Token") -> Referent | None:
        """What a neuter pronoun continues: the subject of the nearest sentence before that has one
        (the reported subject after a speech verb), when that subject is a singular non-person."""
        here = self.sent_of[tok.i]
        for si in range(here - 1, max(-1, here - 1 - WINDOW), -1):
            subj = self._main_subject(self.sents[si])
            if subj is None or (subj.lower_ == "it" and self._pleonastic(subj)):
                continue
            return self._thing_referent(subj, tok.i)
        return None

    @staticmethod
    def _main_subject(sent: "Span") -> "Token | None":
        root = sent.root
        if root.lemma_.lower() in SPEECH_VERBS:
            comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
            inner = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None) if comp is not None else None
            if inner is not None:
                return inner
        return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)

    def thing(self, eid: int, anchor: int | None = None) -> Referent:
        e = self.entities[eid]
        return Referent(e.det + e.name, frozenset({eid}), anchor=anchor)

    def _thing_referent(self, np: "Token", before: int) -> Referent | None:
        """The non-person thing a subject noun phrase names; None for people, plurals, pronouns."""
        if np.lower_ == "it":
            ref = self.resolve_pronoun(np)
            return Referent(ref.text, ref.eids, ref.plural, anchor=np.i) if ref is not None and not ref.plural else None
        if np.pos_ == "PRON" or np.tag_ in ("NNS", "NNPS", "WDT", "WP", "DT", "EX") or any(c.dep_ == "conj" for c in np.children):
            return None
        m = self.mention_at.get(np.i)
        if m is not None:
            return self.thing(m.eid, np.i) if self.entities[m.eid].label != "PERSON" else None
        desc = self.resolve_description(np)
        if desc is not None:
            ok = (len(desc.eids) == 1 and all(self.entities[e].label != "PERSON" for e in desc.eids)) or (
                not desc.eids and bool(desc.text))  # a named thing the tagger missed ("the Cassini spacecraft")
            return Referent(desc.text, desc.eids, anchor=np.i) if ok else None
        low = np.lemma_.lower()
        if np.pos_ not in ("NOUN", "PROPN") or np.ent_type_ in ("PERSON", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY") \
                or low in PERSON_NOUNS or low.endswith(("ist", "-old")):
            return None
        named = self._named_thing(np, before)
        if named is not None:
            return named
        text = self._np_text(np)
        return Referent(text, frozenset(), anchor=np.i) if text else None

    def _named_thing(self, np: "Token", before: int) -> Referent | None:
        """The fullest earlier name that 'Webb', 'the Webb telescope', 'the observatory' refer back to:
        a named ORG/product entity, or a subject like 'the Cassini spacecraft' (a name + a noun)."""
        words = [t for t in np.lefts if t.dep_ == "compound"] + [np]
        if any(t.pos_ not in ("PROPN", "NOUN") for t in words) or any(c.dep_ in ("amod", "nummod", "poss") for c in np.lefts):
            return None
        keys = frozenset(t.lower_ for t in words)
        head = np.lemma_.lower()
        best: tuple[int, Referent] | None = None
        candidates = [(self._last_before(e.eid, before), e.keys, e.name.split()[-1].lower(), e.eid)
                      for e in self.entities if e.label in ("ORG", "THING") and len(e.keys) >= 2]
        candidates += [(i, k, h, -1) for i, k, h in self._named_subjects() if i < before and i != np.i]
        for last, e_keys, e_head, eid in candidates:
            if last < 0:
                continue
            same_kind = len(keys) == 1 and any(head in c and e_head in c for c in THING_CLASSES)
            if (keys <= e_keys and (np.pos_ == "PROPN" or head == e_head) or same_kind) and (best is None or last > best[0]):
                ref = self.thing(eid, np.i) if eid >= 0 else Referent(self._np_text(self.doc[last]), frozenset(), anchor=np.i)
                best = (last, ref)
        return best[1] if best is not None and best[1].text else None

    def _named_subjects(self) -> list[tuple[int, frozenset[str], str]]:
        """(head token, name words, head noun) of subjects like 'the Cassini spacecraft' the tagger missed."""
        if self._named_np is None:
            self._named_np = []
            for t in self.doc:
                names = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
                if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and t.tag_ == "NN" and names and t.i not in self.mention_at:
                    keys = frozenset(c.lower_ for c in t.lefts if c.dep_ == "compound") | {t.lower_}
                    self._named_np.append((t.i, keys, t.lemma_.lower()))
        return self._named_np

    def _np_text(self, np: "Token", limit: int = 6) -> str:
        """'the new bridge' for a plain noun phrase subject (an article made definite); '' when too long."""
        drop = ("relcl", "acl", "appos", "punct", "prep", "advmod", "cc", "conj")
        toks = [np] + [t for c in np.children if c.dep_ not in drop and c.i < np.i for t in c.subtree]
        toks.sort(key=lambda t: t.i)
        if len(toks) > limit or any(t.pos_ == "PRON" or t.i in self.quoted for t in toks):
            return ""
        if toks[-1].i - toks[0].i + 1 != len(toks):
            return ""
        words = [self.surface(t.i, t.i + 1) for t in toks]
        if toks[0].dep_ == "det" and toks[0].lower_ in ("a", "an", "the", "this", "that"):
            words[0] = "the"
        elif toks[0].pos_ != "PROPN":
            words[0] = words[0][:1].lower() + words[0][1:]
        return " ".join(words)

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
