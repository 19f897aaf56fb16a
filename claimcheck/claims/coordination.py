"""Atomic rules over coordination: sequences ("followed by ... and then"), copular coordination ("It was
A, and B") and lists of objects ("request A, B as well as C"). A mixin of `atomic.Atomizer`."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

LIST_VERBS = frozenset(
    "request demand seek want ask expect need call urge offer provide supply deliver send buy sell export "
    "import receive obtain promise pledge".split()
)
SEQUENCE_LINKS = frozenset("then later afterwards subsequently finally".split())
_COLLECTIVE_PREPS = frozenset({"between", "among", "amongst"})
_NOUNS = ("NOUN", "PROPN")


def tree(tok: "Token") -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


class CoordinationRules:
    def _sequence(self, piece):
        """'had a formal meeting, followed by a private conversation and then a lunch' -> one claim each."""
        toks = piece.tokens
        for x in sorted(toks):
            f = self.doc[x]
            if f.lemma_.lower() != "follow" or f.tag_ != "VBN" or f.dep_ not in ("advcl", "acl") or not self._free(f, piece):
                continue
            by = next((c for c in f.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"), None)
            first = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            if first is None or first.pos_ not in _NOUNS:
                continue
            if f.dep_ == "advcl":
                obj = next((c for c in f.head.children if c.dep_ in ("dobj", "attr") and c.i in toks and c.i < f.i), None)
            else:
                obj = f.head if f.head.pos_ in _NOUNS else None
            if obj is None:
                continue
            items = [first, *self._conjuncts(first, toks)]
            seq_tree = tree(f) & toks
            region = (tree(obj) - tree(f)) & toks
            main = type(piece)(self._cut(piece.seq, seq_tree), piece.covered - seq_tree)
            pieces = [main]
            for it in items:
                drop = [c for c in it.children if c.dep_ in ("conj", "cc") or (c.dep_ == "punct" and c.i > it.i)
                        or (c.dep_ == "advmod" and c.lower_ in SEQUENCE_LINKS)]
                np = self._np(it, toks, drop)
                new = self._replace(main.seq, region, sorted(np))
                if new is None:
                    break
                pieces.append(type(piece)(new, frozenset(x for x in new if isinstance(x, int))))
            else:
                yield f.i, pieces

    def _copular(self, piece):
        """'It was the second meeting in four years, and Kim's first trip abroad' -> two claims."""
        toks = piece.tokens
        for x in sorted(toks):
            v = self.doc[x]
            if v.lemma_ != "be" or not self._free(v, piece):
                continue
            attr = next((c for c in v.children if c.dep_ == "attr" and c.i in toks), None)
            conj = next((c for c in v.children if c.dep_ == "conj" and c.pos_ in _NOUNS and c.i in toks), None)
            if attr is None or conj is None or conj.i < attr.i:
                continue
            links = {c.i for c in v.children if c.dep_ in ("cc", "punct") and attr.right_edge.i < c.i < conj.left_edge.i}
            second_part = tree(conj) & toks
            one = type(piece)(self._cut(piece.seq, second_part | links), piece.covered - second_part - links)
            two_seq = self._cut(piece.seq, (tree(attr) & toks) | links)
            yield v.i, [one, type(piece)(two_seq, frozenset(x for x in two_seq if isinstance(x, int)))]

    def _objects(self, piece):
        """'request access to technology for satellites and submarines as well as food aid' -> three claims."""
        toks = piece.tokens
        for x in sorted(toks):
            n = self.doc[x]
            if n.dep_ not in ("dobj", "pobj") or n.pos_ not in _NOUNS or not self._free(n, piece):
                continue
            items = [n, *self._conjuncts(n, toks)]
            if len(items) < 2 or any(not t.text[:1].isalnum() for t in items) or any(t.like_num or t.ent_type_ in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY")
                                     or any(c.dep_ == "nummod" for c in t.children) for t in items):
                continue
            verb, top, path_ok = n, n, True
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                if verb.dep_ in ("nsubj", "nsubjpass") or (verb.dep_ == "prep" and verb.lower_ in _COLLECTIVE_PREPS):
                    path_ok = False
                if verb.pos_ in _NOUNS and verb.dep_ in ("dobj", "pobj", "attr"):
                    top = verb
                verb = verb.head
            if not path_ok or verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("nsubj", "csubj"):
                continue
            high = {it.i for it in items[1:] if self._as_well_as(it)}
            if not (len(items) >= 3 or high or verb.lemma_.lower() in LIST_VERBS):
                continue
            region = tree(n) & toks
            pieces = []
            links = self._links(items)
            last = max(tree(items[-1]))
            tail = {i for i in tree(n) & toks if i > last}  # "rice, wheat and sugar from India": shared
            for k, it in enumerate(items):
                np = (tree(it) & toks) - set().union(*(tree(o) for o in items if o is not it and o.i in tree(it))) - links
                np = (np - tail) | (tail if it.i not in high else set())
                if it.i in high:
                    new = self._replace(piece.seq, tree(top) & toks, sorted(np))
                else:
                    new = self._replace(piece.seq, region, sorted(np))
                if new is None:
                    break
                pieces.append(type(piece)(new, frozenset(x for x in new if isinstance(x, int))))
            else:
                yield n.i, pieces

    def _links(self, items: list["Token"]) -> set[int]:
        out: set[int] = set()
        for it in items:
            for c in it.children:
                if c.dep_ == "cc" or (c.dep_ == "punct" and c.text in (",", ";")):
                    out |= tree(c)
        return out

    def _as_well_as(self, conj: "Token") -> bool:
        cc = [c for c in conj.head.children if c.dep_ == "cc" and c.i < conj.i]
        c = max(cc, key=lambda t: t.i) if cc else None
        return c is not None and c.lower_ == "as" and c.i >= 2 and self.doc[c.i - 1].lower_ == "well"

    def _conjuncts(self, n: "Token", toks: set[int]) -> list["Token"]:
        out = []
        for c in n.children:
            if c.dep_ == "conj" and c.pos_ in _NOUNS and c.i in toks:
                out.append(c)
                out.extend(self._conjuncts(c, toks))
        return sorted(out, key=lambda t: t.i)
