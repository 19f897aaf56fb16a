"""A claim in the making (`Piece`: a token sequence plus the tokens it covers) and the edits every atomic rule
makes to one: cut a region with the commas or dashes that set it off, put words in its place, name who said it.

The rules themselves live in claimcheck.claims.atomic (`Atomizer`), claims.coordination and claims.modifiers;
they share these edits through `PieceEdits`, which `Atomizer` inherits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from .checkworthy import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

Item = int | str

_DASHES = ("--", "—", "–")


def tree(tok: "Token") -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


@dataclass(frozen=True)
class Piece:
    """A claim in the making: its token sequence, the tokens its span covers, whether a rule made it."""

    seq: tuple[Item, ...]
    covered: frozenset[int]
    changed: bool = False
    done: frozenset[int] = field(default=frozenset())  # triggers already used on this line

    @property
    def tokens(self) -> set[int]:
        return {x for x in self.seq if isinstance(x, int)}


class PieceEdits:
    """The edits the atomic rules make to a Piece of one parsed article (`doc`; `quoted`: tokens in quotes)."""

    doc: "Doc"
    quoted: frozenset[int]

    def _free(self, tok: "Token", piece: Piece) -> bool:
        return tok.i in piece.tokens and tok.i not in self.quoted and tok.i not in piece.done

    def _cut(self, seq: Sequence[Item], remove: set[int]) -> tuple[Item, ...]:
        """`seq` without `remove` and the commas or dashes that set it off."""
        toks = {x for x in seq if isinstance(x, int)}
        present_ = sorted(remove & toks)
        if present_:
            left, right = present_[0] - 1, present_[-1] + 1
            lcomma = left in toks and self.doc[left].text == ","
            rcomma = right in toks and self.doc[right].text == ","
            after_word = right in toks and not self.doc[right].is_punct
            ldash = left in toks and self.doc[left].text in _DASHES
            rdash = right in toks and self.doc[right].text in _DASHES
            closed = self.doc[present_[-1]].text in _DASHES  # the parse gave the closing dash to the region
            if lcomma and (rcomma or not after_word):
                remove = remove | {left}
                if rcomma:
                    remove = remove | {right}
            elif ldash and (rdash or closed or not after_word):  # "-- before he moved to Vegas --"
                remove = remove | {left} | ({right} if rdash and not closed else set())
            elif (rcomma or rdash) and not any(x < present_[0] for x in toks):  # it opened the claim
                remove = remove | {right}
        return tuple(x for x in seq if not (isinstance(x, int) and x in remove))

    @staticmethod
    def _replace(seq: Sequence[Item], region: set[int], new: Sequence[Item]) -> tuple[Item, ...] | None:
        at = [k for k, x in enumerate(seq) if isinstance(x, int) and x in region]
        if not at:
            return None
        rest = [x for x in seq if not (isinstance(x, int) and x in region)]
        pos = sum(1 for x in seq[: at[0]] if not (isinstance(x, int) and x in region))
        return tuple(rest[:pos] + list(new) + rest[pos:])

    def _attribution(self, piece: Piece, inside: int) -> tuple[list[Item], list[Item]]:
        """(prefix, suffix) naming who said what token `inside` belongs to, as far as the claim has it."""
        toks = piece.tokens
        for x in sorted(toks):
            t = self.doc[x]
            if t.lower_ == "according" and x not in self.quoted:
                return [], [",", *sorted(tree(t) & toks)]
        for x in sorted(toks):
            t = self.doc[x]
            if t.lemma_.lower() not in SPEECH_VERBS or x in self.quoted:
                continue
            comp = next((c for c in t.children if c.dep_ == "ccomp" and inside in tree(c)), None)
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in toks), None)
            if comp is not None and subj is not None:
                who: list[Item] = sorted(tree(subj) & toks)
                first = self.doc[who[0]]
                if first.is_sent_start and first.pos_ != "PROPN" and not first.ent_type_ and first.i not in self.quoted:
                    who[0] = first.text.lower()  # "Officials say" -> "according to officials"
                return ["according", "to", *who, ","], []
        return [], []

    def _past(self, tok: "Token") -> bool:
        """Is the nearest finite verb above `tok` in the past tense?"""
        node = tok
        while True:
            if node.pos_ in ("VERB", "AUX") and node is not tok:
                tags = {node.tag_} | {c.tag_ for c in node.children if c.dep_ in ("aux", "auxpass")}
                if "VBD" in tags:
                    return True
                if tags & {"VBZ", "VBP", "MD"}:
                    return False
            if node.head.i == node.i:
                return False
            node = node.head
