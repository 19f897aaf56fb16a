"""Atomic claims: phrases inside a claim that carry their own checkable fact become claims of their own.

Works on the token sequences the rules backend builds (token indices plus a few literal words) and
uses only the dependency parse, never the words of one article:

- distance and direction phrases after a noun ("the cosmodrome 60km north of Vladivostok"):
  the phrase leaves the claim and "<noun phrase> is 60km north of Vladivostok" is added;
- reduced relatives on an indefinite noun ("in a limousine brought from Pyongyang on his train",
  acl/VBN with a prepositional or agent phrase): "the limousine was brought from Pyongyang ...";
- "with X doing Y" absolutes (prep "with" + pcomp/acl VBG with a subject): "X does Y", split per
  possessor when a plural subject meets coordinated possessed objects ("their countries facing
  sanctions over Moscow's invasion of Ukraine and Pyongyang's weapons programmes");
- sequences ("had A, followed by B and then C"): one claim per element, each in the object slot;
- lists of objects (three or more, "as well as", or after a verb of requesting or supplying);
- copular coordination ("It was A, and B"): one claim per predicate noun.

A phrase taken out of what somebody said keeps the speaker ("According to X, ..."). Every result
must still read as a claim (a verb and enough words); a rule that cannot manage that leaves the
claim as it was.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .coordination import CoordinationRules
from .inflect import Verb, present  # noqa: F401  (both are part of this module's interface)
from .attribution import saying_split
from .modifiers import coordinated_places, modifier_slots, subordinate_clauses, trailing_participle
from .pieces import Item, Piece, PieceEdits, tree

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west south-east "
    "south-west northward southward eastward westward".split()
)
_NOUNS = ("NOUN", "PROPN")


class Atomizer(CoordinationRules, PieceEdits):
    """Splits claim token sequences of one parsed article into atomic ones."""

    MAX_DEPTH = 6

    def __init__(self, doc: "Doc", quoted: frozenset[int], valid: Callable[[Sequence[Item]], bool]) -> None:
        self.doc, self.quoted, self.valid = doc, quoted, valid
        self.rules = (
            self._subordinate, self._saying, self._sequence, self._copular, self._objects, self._absolute, self._direction,
            self._reduced_relative, self._participle, self._places, self._slots,
        )

    def _participle(self, piece: Piece):
        return trailing_participle(self, piece)

    def _saying(self, piece: Piece):
        """'Smith denied it, adding that the firm would appeal' -> 'Smith denied it' + 'Smith added that ...'."""
        toks = piece.tokens
        for x in sorted(toks):
            v = self.doc[x]
            if v.dep_ != "advcl" or v.tag_ != "VBG" or not self._free(v, piece) or v.head.i not in toks:
                continue
            split = saying_split(v.head, toks, self.quoted)
            if split is not None:
                pieces = [Piece(tuple(seq), frozenset(i for i in seq if isinstance(i, int))) for seq in split]
                yield v.i, pieces

    def _places(self, piece: Piece):
        return coordinated_places(self, piece)

    def _subordinate(self, piece: Piece):
        return subordinate_clauses(self, piece)

    def _slots(self, piece: Piece):
        return modifier_slots(self, piece)

    def expand(self, seq: Sequence[Item], covered: Iterable[int]) -> list[Piece]:
        return self._expand(Piece(tuple(seq), frozenset(covered)), 0)

    def _expand(self, piece: Piece, depth: int) -> list[Piece]:
        if depth >= self.MAX_DEPTH:
            return [piece]
        for rule in self.rules:
            for trigger, pieces in rule(piece):
                if all(self.valid(p.seq) for p in pieces) and len(pieces) > 1:
                    out: list[Piece] = []
                    for p in pieces:
                        out.extend(self._expand(Piece(p.seq, p.covered, True, piece.done | p.done | {trigger}), depth + 1))
                    return out
                piece = Piece(piece.seq, piece.covered, piece.changed, piece.done | {trigger})
        return [piece]

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _plural(tok: "Token") -> bool:
        return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)

    def _np(self, noun: "Token", toks: set[int], drop: Iterable["Token"] = ()) -> set[int]:
        out = tree(noun) & toks
        for d in drop:
            out -= tree(d)
        return out

    # ------------------------------------------------------------ rules: each yields (trigger, pieces)

    def _direction(self, piece: Piece):
        """'the cosmodrome 60km north of Vladivostok' -> '<the cosmodrome> is 60km north of Vladivostok'."""
        toks = piece.tokens
        for x in sorted(toks):
            d = self.doc[x]
            if d.lower_ not in DIRECTIONS or not self._free(d, piece):
                continue
            if not any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in d.children):
                continue
            phrase = tree(d) & toks
            anchor = self.doc[d.left_edge.i - 1] if d.left_edge.i > 0 else None
            if anchor is None or anchor.i not in toks or anchor.i in tree(d):
                continue
            if anchor.dep_ not in ("pobj", "dobj", "attr", "appos", "nsubj", "nsubjpass") or anchor.pos_ not in (*_NOUNS, "ADJ"):
                continue
            if anchor.like_num or anchor.ent_type_ in ("QUANTITY", "CARDINAL", "DATE", "TIME"):
                continue  # the measure belongs to the phrase, the parse split it off
            if self.doc[d.left_edge.i].ent_iob_ == "I":
                continue  # the tagger ran a name into the phrase ("Lens 40km"): the name would come out wrong
            np = self._np(anchor, toks) - phrase
            if not np or max(np) != anchor.i:
                continue
            be = Verb("are" if anchor.tag_ in ("NNS", "NNPS") else "is")
            pre, post = self._attribution(piece, d.i)
            main = Piece(self._cut(piece.seq, phrase), piece.covered - phrase)
            side = Piece((*pre, *sorted(np), be, *sorted(phrase), *post), frozenset(np | phrase))
            yield d.i, [main, side]

    def _reduced_relative(self, piece: Piece):
        """'arrived in a limousine brought from Pyongyang' -> 'arrived in a limousine' + 'the limousine was brought from Pyongyang'."""
        toks = piece.tokens
        for x in sorted(toks):
            a = self.doc[x]
            n = a.head
            if a.dep_ != "acl" or a.tag_ != "VBN" or not self._free(a, piece) or n.i not in toks or a.i < n.i:
                continue
            if n.pos_ not in _NOUNS or not any(c.dep_ in ("prep", "agent") for c in a.children):
                continue
            det = next((c for c in n.children if c.dep_ == "det"), None)
            indefinite = det is not None and det.lower_ in ("a", "an")
            aside = a.left_edge.i > 0 and self.doc[a.left_edge.i - 1].text == "," and a.left_edge.i - 1 > n.i
            if not (indefinite or aside):
                continue  # "the first woman elected to parliament", "munitions depleted by ...": restrictive
            if any(c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" for c in n.children):
                continue
            clause = tree(a) & toks
            extra = [c for c in n.children if c.dep_ in ("conj", "cc", "appos", "relcl", "punct") or (c.dep_ == "advmod" and c.i < n.i)]
            np = self._np(n, toks, [a, *extra]) - ({det.i} if indefinite else set())
            if not np or max(np) != n.i:
                continue
            be = Verb("were" if self._plural(n) else "was")  # a participle reports a past event: "founded in 1998"
            pre, post = self._attribution(piece, a.i)
            main = Piece(self._cut(piece.seq, clause), piece.covered - clause)
            the = ["the"] if indefinite else []
            side = Piece((*pre, *the, *sorted(np), be, *sorted(clause), *post), frozenset(np | clause | ({det.i} if det else set())))
            yield a.i, [main, side]

    def _absolute(self, piece: Piece):
        """'met ..., with their countries facing sanctions' -> 'met ...' + 'their countries face sanctions'."""
        toks = piece.tokens
        for x in sorted(toks):
            w = self.doc[x]
            if w.lower_ != "with" or w.dep_ != "prep" or not self._free(w, piece) or w.head.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            pred = subj = None
            for c in w.children:
                if c.dep_ == "pcomp" and c.tag_ == "VBG":
                    pred, subj = c, next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass") and s.i < c.i), None)
                elif c.dep_ == "pobj" and c.pos_ in _NOUNS:
                    acl = next((a for a in c.children if a.dep_ == "acl" and a.tag_ == "VBG" and a.i > c.i), None)
                    if acl is not None:
                        pred, subj = acl, c
            if pred is None or subj is None or subj.pos_ not in _NOUNS or pred.i not in toks:
                continue
            clause = tree(w) & toks
            subject = (tree(subj) - tree(pred)) & toks if subj.dep_ == "pobj" else tree(subj) & toks
            rest = (tree(pred) - tree(subj)) & toks if subj.dep_ != "pobj" else tree(pred) & toks
            rest.discard(pred.i)
            pre, post = self._attribution(piece, w.i)
            main = Piece(self._cut(piece.seq, clause), piece.covered - clause)
            plural = self._plural(subj)
            split = self._distribute(pred, subj, rest, toks) if plural else None
            past = self._past(w)

            def verb(pl: bool) -> list[Item]:  # "faces"; after a past main clause "was facing"
                return [Verb("were" if pl else "was"), pred.i] if past else [present(pred.lemma_, pl)]

            if split:
                sides = [Piece((*pre, *poss, *verb(False), *body, *post), frozenset(clause - other)) for poss, body, other in split]
            else:
                before = sorted(i for i in rest if i < pred.i)
                after = sorted(i for i in rest if i > pred.i)
                sides = [Piece((*pre, *sorted(subject), *before, *verb(plural), *after, *post), frozenset(clause))]
            yield w.i, [main, *sides]

    def _distribute(
        self, pred: "Token", subj: "Token", rest: set[int], toks: set[int]
    ) -> list[tuple[list[Item], list[Item], set[int]]] | None:
        """Per-possessor bodies when a plural subject has coordinated possessed objects:
        'facing sanctions over Moscow's invasion of Ukraine and Pyongyang's programmes'."""
        for p in sorted((self.doc[i] for i in rest), key=lambda t: t.i):
            if p.dep_ != "pobj" or p.head.dep_ != "prep":
                continue
            conj = next((c for c in p.subtree if c.dep_ == "conj" and c.i in toks and c.pos_ in _NOUNS and c.i > p.i), None)
            owners = [self._owner(p), self._owner(conj) if conj is not None else None]
            if conj is None or None in owners or conj.right_edge.i != p.right_edge.i:
                continue
            if any(i > p.right_edge.i for i in rest):
                return None  # the coordination must end the clause
            links = {c.i for c in conj.head.children if c.dep_ in ("cc", "punct") and c.i < conj.left_edge.i and c.i > p.i}
            first = (tree(p) - tree(conj) - links) & toks
            second = tree(conj) & toks
            head = sorted(i for i in rest if i < p.left_edge.i)
            out = []
            for np, owner, other in ((first, owners[0], second), (second, owners[1], first)):
                poss = tree(owner)
                name = [i for i in sorted(poss) if self.doc[i].tag_ != "POS"]
                out.append((name, [*head, "its", *sorted(np - poss)], other | links))
            return out
        return None

    def _owner(self, noun: "Token | None") -> "Token | None":
        if noun is None:
            return None
        poss = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        return poss if poss is not None and poss.ent_type_ in ("GPE", "ORG", "NORP") else None
