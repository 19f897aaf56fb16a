"""Atomic rules for the facts a clause carries in its modifiers and subordinate clauses.

- Modifier slots: a verb with two or more modifiers that each carry a checkable fact (a date or time,
  a place, a number or age) gives one claim per modifier, the rest of the clause repeated:
  "Kayahan died of cancer Friday at the age of 66" -> "Kayahan died of cancer Friday." +
  "Kayahan died of cancer at the age of 66." Modifiers of one kind that follow each other with only a
  comma between them refine each other ("in Izmir province, in western Turkey") and stay together.
  Negated, modal, conditional and speech verbs are left whole: their modifiers do not distribute.
- A trailing participle ("..., killing 12 people", "..., finishing 17th") is what the clause's subject
  did next: a claim of its own in the clause's tense, with the clause's date and place.
- Coordinated places in such a modifier ("in Liberia and Sierra Leone") give one claim per place.
- Subordinate clauses with their own subject and a finite verb ("though he recorded nearly 20
  albums", "after he was told he will face no further action", "while A has died down, and B never
  came true") become claims of their own and leave the main clause; causal and conditional clauses
  ("because", "if", "unless") stay, since the clause is what the claim asserts.

Both rules are written against the dependency parse only; they plug into `atomic.Atomizer`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .attribution import SAID
from .checkworthy import SPEECH_VERBS
from .inflect import Verb, past, present
from .pieces import Piece, PieceEdits

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

TIME_ENTS = frozenset({"DATE", "TIME"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
NUMBER_ENTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})  # not ORDINAL: "near the second Lagrange point"
SLOT_PREPS = frozenset(
    "in on at from to into near since during after before until by for over outside inside across throughout within".split()
)
# nouns that make a prepositional phrase a place even when the tagger misses the name ("in a hospital")
PLACE_NOUNS = frozenset(
    "hospital clinic city town village province state region district county capital country border airport "
    "station port harbour harbor prison jail court courthouse school university college hotel church mosque "
    "temple stadium arena office headquarters embassy parliament camp base street road square home house".split()
)
# subordinators whose clause states a fact of its own; "because", "if", "unless", "so that" do not split
SUBORDINATORS = frozenset("though although while whereas after before when since once".split())
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJ = ("nsubj", "nsubjpass")


def _tree(tok: "Token") -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


def slot_of(mod: "Token", toks: set[int] | None = None) -> str | None:
    """'time', 'place' or 'number' when modifier `mod` (a prep or bare noun phrase) carries that fact;
    only the words in `toks` count (a phrase another rule took out no longer speaks for it)."""
    words = [t for t in mod.subtree if toks is None or t.i in toks]
    if mod.dep_ == "prep":
        if mod.lower_ not in SLOT_PREPS or not any(c.dep_ == "pobj" for c in mod.children):
            return None  # "before moving to Istanbul": an event, not a date or a place
        if mod.lower_ == "by" and not any(t.ent_type_ in TIME_ENTS for t in words):
            return None  # "by the police": an agent, not a deadline
    elif mod.dep_ not in ("npadvmod", "advmod"):
        return None
    kinds = {t.ent_type_ for t in words}
    if any(t.lemma_.lower() == "age" and t.dep_ == "pobj" for t in words) and any(t.like_num for t in words):
        return "number"  # "at the age of 66": the tagger calls it a date    if mod.dep_ == "advmod":  # "first", "again", "recently": qualifiers, unless a date ("yesterday")
        return "time" if kinds & TIME_ENTS else None
    if kinds & TIME_ENTS:
        return "time"
    if kinds & PLACE_ENTS or (mod.dep_ == "prep" and any(t.dep_ == "pobj" and t.lemma_.lower() in PLACE_NOUNS
                                                          for t in words if t.head.i == mod.i)):
        return "place"
    if kinds & NUMBER_ENTS or any(t.like_num and t.pos_ == "NUM" and t.ent_type_ != "ORDINAL" for t in words):
        return "number"
    return None


def _undistributive(verb: "Token") -> bool:
    """Negated, modal, conditional or speech verbs: their modifiers cannot be checked one by one."""
    if verb.lemma_.lower() in SPEECH_VERBS or any(c.dep_ == "ccomp" for c in verb.children):
        return True
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") or (c.dep_ == "mark" and c.lower_ in ("if", "unless")):
            return True
    return False


def modifier_slots(at: PieceEdits, piece: Piece) -> Iterator[tuple[int, list[Piece]]]:
    toks = piece.tokens
    for x in sorted(toks):
        verb = at.doc[x]
        if verb.pos_ not in ("VERB", "AUX") or not at._free(verb, piece) or _undistributive(verb):
            continue
        if not any(c.dep_ in _SUBJ and c.i in toks for c in verb.children):
            continue
        groups: list[tuple[str, set[int]]] = []
        for c in sorted(verb.children, key=lambda t: t.i):
            kind = slot_of(c, toks)
            if kind is None or c.i not in toks or any(i in at.quoted for i in _tree(c)):
                continue
            region = _tree(c) & toks
            if groups and _measure_then_reference(at, groups[-1], c, region):
                groups[-1] = ("place", groups[-1][1] | region)  # "1.5 million kilometres from Earth": one distance
                continue
            if groups and groups[-1][0] == kind and _only_comma_between(at, max(groups[-1][1]), min(region)):
                groups[-1][1].update(region | set(range(max(groups[-1][1]) + 1, min(region))))
                continue
            groups.append((kind, set(region)))
        if len(groups) < 2:
            continue
        every = set().union(*(g for _, g in groups))
        pieces = []
        for _, own in groups:
            seq = piece.seq
            for _, other in groups:
                if other is not own:
                    seq = at._cut(seq, other)
            pieces.append(Piece(seq, frozenset(piece.covered - (every - own))))
        yield verb.i, pieces


def _measure_then_reference(at: PieceEdits, group: tuple[str, set[int]], mod: "Token", region: set[int]) -> bool:
    """A measure right before 'from/of X' ('about 1.5 million kilometres from Earth'): the parser hangs both
    on the verb, but together they say one thing."""
    if group[0] != "number" or mod.dep_ != "prep" or mod.lower_ not in ("from", "of", "away") or max(group[1]) + 1 != min(region):
        return False
    return any(at.doc[i].ent_type_ == "QUANTITY" for i in group[1])


def _only_comma_between(at: PieceEdits, left: int, right: int) -> bool:
    between = [at.doc[i] for i in range(left + 1, right)]
    return all(t.text == "," for t in between)


def _finite(verb: "Token") -> bool:
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(tags & _FINITE)


def subordinate_clauses(at: PieceEdits, piece: Piece) -> Iterator[tuple[int, list[Piece]]]:
    toks = piece.tokens
    for x in sorted(toks):
        clause = at.doc[x]
        if clause.dep_ != "advcl" or not at._free(clause, piece) or clause.head.i not in toks:
            continue
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in SUBORDINATORS), None)
        if mark is None or not any(c.dep_ in _SUBJ for c in clause.children) or not _finite(clause):
            continue
        if any(i in at.quoted for i in _tree(clause)):
            continue
        region = _tree(clause) & toks
        verbs = [clause] + [c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                            and any(s.dep_ in _SUBJ for s in c.children) and c.i in toks]
        split_at = [v.left_edge.i for v in verbs[1:]]  # only the words joining clauses that are split
        links = {c.i for v in verbs for c in v.children
                 if (c.dep_ == "cc" or (c.dep_ == "punct" and c.text in (",", ";")))
                 and any(clause.i < c.i < at_ for at_ in split_at)}
        pre, post = at._attribution(piece, clause.i)
        main = Piece(at._cut(piece.seq, region), piece.covered - region)
        sides = []
        for v in verbs:
            inner = set().union(*(_tree(o) for o in verbs if o is not v and o.i in _tree(v)))
            own = (_tree(v) - inner - links - {mark.i}) & toks
            if v is clause:  # the conjuncts' own marks ("while A, and while B")
                own -= {c.i for c in v.children if c.dep_ == "mark"}
            sides.append(Piece((*pre, *sorted(own), *post), frozenset(own)))
        yield clause.i, [main, *sides]


PLACE_PREPS = frozenset("in at near from to into across throughout within inside outside".split())


def coordinated_places(at: PieceEdits, piece: Piece) -> Iterator[tuple[int, list[Piece]]]:
    """'In Liberia and Sierra Leone, cases have fallen' -> one claim per place (not 'between A and B')."""
    toks = piece.tokens
    for x in sorted(toks):
        prep = at.doc[x]
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS or not at._free(prep, piece):
            continue  # "a sad day for Kansas and the United States" is no place
        if prep.head.pos_ not in ("VERB", "AUX") or _undistributive(prep.head):
            continue
        place = next((c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in PLACE_ENTS and c.i in toks), None)
        if place is None:
            continue
        items = [place] + [c for c in place.children if c.dep_ == "conj" and c.ent_type_ in PLACE_ENTS and c.i in toks]
        if len(items) < 2 or any(c.dep_ == "conj" and c.ent_type_ not in PLACE_ENTS for c in place.children):
            continue
        region = _tree(place) & toks
        pieces = []
        for it in items:
            own = _tree(it) - set().union(*(_tree(c) for c in it.children if c.dep_ in ("conj", "cc")))
            own -= {c.i for c in it.children if c.dep_ == "punct"}
            new = at._replace(piece.seq, region, sorted(own & toks))
            if new is None:
                break
            pieces.append(Piece(new, frozenset((piece.covered - region) | own)))
        else:
            yield prep.i, pieces


def trailing_participle(at: PieceEdits, piece: Piece) -> Iterator[tuple[int, list[Piece]]]:
    """'X competed in the contest, finishing 17th' -> 'X competed in the contest.' + 'X finished 17th.';
    'That would trigger an alarm, prompting the officer to ...' -> '... would prompt the officer to ...'.
    The participle takes the clause's subject and tense (past, present, or the modal); speech verbs
    ('..., saying ...') are the attribution rule's."""
    toks = piece.tokens
    for x in sorted(toks):
        v = at.doc[x]
        head = v.head
        if v.dep_ != "advcl" or v.tag_ != "VBG" or v.lemma_.lower() in SAID or not at._free(v, piece):
            continue
        if head.i not in toks or v.i < head.i or any(c.dep_ in _SUBJ or c.dep_ == "mark" for c in v.children):
            continue
        comma = v.left_edge.i - 1
        subj = next((c for c in head.children if c.dep_ in _SUBJ and c.i in toks), None)
        if comma < 0 or at.doc[comma].text != "," or subj is None or any(c.dep_ == "neg" for c in head.children):
            continue
        if head.lemma_.lower() in SPEECH_VERBS:
            continue
        if not any(c.dep_ in ("dobj", "advmod", "npadvmod", "prep", "xcomp", "acomp", "attr") for c in v.children):
            continue  # a bare 'smiling': nothing to check
        modal = next((c for c in head.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
        plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
        if modal is not None:
            verb: list = [modal.i, Verb(v.lemma_.lower())]
        elif at._past(v):
            verb = [past(v.lemma_, plural)]
        else:
            verb = [present(v.lemma_, plural)]
        region = _tree(v) & toks
        rest = sorted(region - {v.i})
        who = sorted(_tree(subj) & toks)
        # the event's date and place hold for what followed from it: "... on Monday, killing 12" -> "killed 12 on Monday"
        when = [c for c in head.children if c.i in toks and c.i != v.i and slot_of(c, toks) in ("time", "place")]
        if not any(c.dep_ == "dobj" for c in v.children):  # "finishing 17th": 17th in what the clause was in
            when += [c for c in head.children if c.i in toks and c.dep_ == "prep" and c.lower_ == "in" and c not in when]
        front = sorted(i for c in when if c.i < subj.i for i in _tree(c) & toks)
        back = sorted(i for c in when if c.i > subj.i for i in _tree(c) & toks)
        if front:
            front.append(",")
        pre, post = at._attribution(piece, v.i)
        main = Piece(at._cut(piece.seq, region | {comma}), piece.covered - region - {comma})
        side = (*pre, *front, *who, *verb, *rest, *back, *post)
        yield v.i, [main, Piece(side, frozenset(set(who) | region | set(front[:-1]) | set(back)))]
