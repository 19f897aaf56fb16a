"""Side claims of a sentence: appositions ("Ankara, Turkey's capital," -> "Ankara is Turkey's capital.")
and non-restrictive relative clauses ("the album, which catapulted him to prominence,"). A mixin of
`rules.ArticleClaims`: which asides qualify, the tokens that set them off, and the claim each makes."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .render import Item

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_NOT_APPOS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


def _subtree(tok: "Token") -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


class AsideClaims:
    def _names(self, tok: "Token") -> bool:
        return tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", "GPE")

    def _with_delims(self, tok: "Token") -> set[int]:
        """A parenthetical's tokens plus the commas, dashes or brackets around it."""
        return _subtree(tok) | self._delims(tok)

    def _delims(self, tok: "Token") -> set[int]:
        out = set()
        left, right = tok.left_edge.i - 1, tok.right_edge.i + 1
        while left >= 0 and self.doc[left].is_space:  # "Burkhart,  CEO of ...": a double space
            left -= 1
        while right < len(self.doc) and self.doc[right].is_space:
            right += 1
        if left >= 0 and self.doc[left].text in (",", "(", "—", "–", "-", "--"):
            out.add(left)
        if right < len(self.doc) and self.doc[right].text in (",", ")", "—", "–", "--"):
            out.add(right)
        return out

    def _appos_ok(self, a: "Token") -> bool:
        n = a.head
        one_of = a.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in a.children)
        if one_of and n.pos_ == "PROPN":  # "Kayahan, one of Turkey's best-loved singers,"
            return n.i not in self.quoted
        if a.pos_ not in ("NOUN", "PROPN") or n.pos_ not in ("NOUN", "PROPN") or n.i in self.quoted:
            return False
        if a.ent_type_ in _NOT_APPOS or n.ent_type_ in _NOT_APPOS:
            return False
        if any(self.doc[i].text in (":", ";") for i in range(min(a.i, n.i), max(a.i, n.i))):
            return False  # "Giant security gap at airports: Lack of checks": a headline and its subhead
        if any(c.dep_ == "conj" for c in a.children) and any(c.dep_ == "cc" for c in a.children):
            return False  # "a pool, a marble Jacuzzi and an entertainment room": a list the parser misread
        if any(c.lower_ in ("not", "never") for c in a.lefts):
            return False  # "a female passenger -- not a male --": a contrast, not a description
        nxt = self.doc[a.right_edge.i + 1] if a.right_edge.i + 1 < len(self.doc) else None
        if a.i > n.i and n.dep_ in ("nsubj", "nsubjpass") and nxt is not None and nxt.pos_ in ("VERB", "AUX"):
            return False  # "In Sevastopol, base of the Fleet, a majority hold ...": the 'appositive' is the subject
        places = ("GPE", "LOC")
        # "Vladivostok, Russia", "Monterey, California" (even when the tagger missed the town)
        return not (a.ent_type_ in places and (n.ent_type_ in places or n.pos_ == "PROPN"))

    def _nonrestrictive(self, r: "Token") -> bool:
        left = r.left_edge.i - 1
        return left > r.head.i - 1 and left >= 0 and self.doc[left].text in (",", "(", "—", "–")

    def _np(self, n: "Token", removed: set[int]) -> list[int]:
        """The noun phrase headed by `n` without its parentheticals."""
        return sorted(i for i in _subtree(n) if i not in removed and not self.doc[i].is_space)

    def _appos_claim(self, a: "Token", own: set[int], removed: set[int]) -> tuple[list[Item], set[int]] | None:
        n = a.head
        head_np = self._np(n, removed)
        if not head_np or self.doc[n.i].pos_ == "PRON":
            return None
        plural = n.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in n.children)
        body = sorted(own)
        return [*head_np, "are" if plural else "is", *body], set(head_np) | own

    def _relative_word(self, r: "Token") -> "Token | None":
        """The relative pronoun of clause `r` when its role lets the noun take its place."""
        wh = next((t for t in r.subtree if t.tag_ in ("WDT", "WP", "WP$") and t.i <= r.i), None)
        if wh is None:
            return None
        if wh.dep_ in ("nsubj", "nsubjpass", "poss", "dobj") or (wh.dep_ == "pobj" and wh.head.dep_ == "prep"):
            return wh
        return None

    def _relcl_claim(self, r: "Token", own: set[int], removed: set[int]) -> tuple[list[Item], set[int]] | None:
        n = r.head
        wh = self._relative_word(r)
        head_np = self._np(n, removed)
        if wh is None or not head_np:
            return None
        body = sorted(i for i in own if i != wh.i)
        if wh.dep_ in ("nsubj", "nsubjpass"):
            seq: list[Item] = [*head_np, *body]
        elif wh.dep_ == "poss":
            seq = [*head_np, self.coref.possessive(wh.i), *body]
        elif wh.dep_ == "dobj":
            verb = wh.head  # "which Kim said he hoped to raise": the object goes after "raise"
            while True:
                xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i in own), None)
                if xcomp is None or any(c.dep_ == "dobj" for c in xcomp.children):
                    break
                verb = xcomp
            after = max([verb.i] + [c.i for c in verb.children if c.dep_ == "prt"])
            seq = [i for i in body if i <= after] + head_np + [i for i in body if i > after]
        elif wh.dep_ == "pobj" and wh.head.dep_ == "prep":
            seq = [i for i in body if i != wh.head.i] + [wh.head.i, *head_np]
        else:
            return None
        return seq, set(head_np) | own
