"""Facts packed into a noun phrase, stated as claims of their own.

- An age: "Kim Rose, 57, was questioned" and "The 57-year-old has criticised ..." (once the description
  names its person) -> "Kim Rose is 57 years old."
- A base: "Wichita-based South Wind Women's Center" -> "South Wind Women's Center is based in Wichita."

Each comes with the tokens it is made of, so its span points at the words in the article.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .coref import Coref
    from .render import Renderer


def _age(tok: "Token") -> int | None:
    text = tok.text.replace(",", "")
    return int(text) if text.isdigit() and 1 <= int(text) <= 120 else None


def embedded_facts(span: "Span", coref: "Coref", renderer: "Renderer", quoted: frozenset[int]
                   ) -> Iterator[tuple[str, list[int]]]:
    """(claim text, source tokens) for each age or base fact in sentence `span`."""
    for tok in span:
        if tok.i in quoted:
            continue
        # "Kim Rose, 57,": a bare number in apposition to a person's name
        if tok.dep_ == "appos" and tok.pos_ == "NUM" and _age(tok) is not None:
            m = coref.mention_at.get(tok.head.i)
            if m is not None and coref.entities[m.eid].label == "PERSON" and coref.entities[m.eid].name[:1].isupper():
                yield f"{coref.entities[m.eid].name} is {_age(tok)} years old.", [m.start, m.end - 1, tok.i]
        # "the 57-year-old" resolved to a person
        if tok.lower_ == "old" and tok.i >= 4 and tok.doc[tok.i - 2].lower_ == "year":
            number = tok.doc[tok.i - 4]
            start = tok.doc[tok.i - 5].i if tok.i >= 5 and tok.doc[tok.i - 5].lower_ == "the" else number.i
            found = renderer.descriptions.get(start)
            if found is not None and _age(number) is not None and len(found[1].eids) == 1:
                eid = next(iter(found[1].eids))
                if coref.entities[eid].label == "PERSON":
                    yield f"{coref.entities[eid].name} is {_age(number)} years old.", [start, tok.i]
        # "Wichita-based South Wind Women's Center"
        if tok.lower_ == "based" and tok.dep_ == "amod" and tok.i >= 2 and tok.doc[tok.i - 1].text in ("-", "‐"):
            place = tok.doc[tok.i - 2]
            head = tok.head
            if place.ent_type_ in ("GPE", "LOC") and head.pos_ == "PROPN":
                name = [t for t in head.subtree if t.i > tok.i and t.i <= head.i]
                if name:
                    words = "".join(t.text_with_ws for t in name).strip()
                    yield f"{words} is based in {place.text}.", [place.i, head.i]
