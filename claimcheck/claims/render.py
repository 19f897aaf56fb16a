"""Render a claim from a sequence of parse tokens (and a few literal words) into self-contained text.

Short names become full names, definite descriptions ("the two leaders") their entities, and
pronouns their antecedents unless the antecedent is already named earlier in the same claim and
nothing else there could be meant. Inside quotation marks the words stay verbatim; a resolved
third-person pronoun gets the name in brackets ("they [DPRK]").
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from .coref import POSSESSIVE, PRONOUNS, Coref, Referent
from .lexicon import HONORIFIC

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

Item = int | str  # a token index, or a literal word such as "is" or ","
_ATTACH_LEFT = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "’s", "'", "’", "”", "n't", "…"}
_GLUE_LITERALS = ("'", "’", ",", ":", ";", ".")


_OPENS_AFTER = "([{“—–-:"
_CLOSES_BEFORE = ".,;:!?)]”—–-"


def quoted_tokens(doc: "Doc", text: str | None = None) -> frozenset[int]:
    """Token indices inside quotation marks (marks included): “...”, "...", ‘...’ and '...'.

    `text` is the original article text (the parser sees straight apostrophes). Marks pair up within
    a paragraph; a straight or single mark opens before a word and closes after one, so apostrophes
    ("Jo’s", "'90s") and unmatched marks quote nothing. An unclosed “ runs to the paragraph end.
    """
    text = doc.text if text is None else text
    marks: list[tuple[int, str, str, int]] = []  # (token, family, open|close, paragraph)
    para, para_end = 0, {}
    for tok in doc:
        if tok.is_space and tok.text.count("\n") >= 2:
            para += 1
            continue
        para_end[para] = tok.i
        t = text[tok.idx:tok.idx + len(tok.text)]
        before = text[tok.idx - 1] if tok.idx > 0 else " "
        after = text[tok.idx + len(t)] if tok.idx + len(t) < len(text) else " "
        opens = before.isspace() or before in _OPENS_AFTER
        closes = not before.isspace() and (after.isspace() or after in _CLOSES_BEFORE)
        if t in ("“", "«", "``"):
            marks.append((tok.i, "d", "open", para))
        elif t in ("”", "»", "''"):
            marks.append((tok.i, "d", "close", para))
        elif t == '"' and (opens or closes):
            marks.append((tok.i, "d", "open" if opens else "close", para))
        elif t in ("‘", "'", "’") and opens and (after.isalpha() or after in "“\""):  # not "'90s"
            marks.append((tok.i, "s", "open", para))
        elif t in ("’", "'") and closes:
            marks.append((tok.i, "s", "close", para))
    out: set[int] = set()
    for family in ("d", "s"):
        start: tuple[int, int] | None = None  # (token, paragraph) of the open mark
        for i, fam, role, p in marks:
            if fam != family:
                continue
            if start is not None and p != start[1]:
                if doc[start[0]].text in ("“", "«"):
                    out.update(range(start[0], para_end[start[1]] + 1))
                start = None
            if role == "open" and start is None:
                start = (i, p)
            elif role == "close" and start is not None:
                out.update(range(start[0], i + 1))
                start = None
        if start is not None and doc[start[0]].text in ("“", "«"):
            out.update(range(start[0], para_end[start[1]] + 1))
    return frozenset(out)


def _possessive(text: str, suffix: str) -> str:
    return text + (suffix[0] if text.endswith("s") else suffix)


def _balance_straight(text: str) -> str:
    """An odd number of straight double quotes: a lone one at the very end was the closing mark of a
    quote cut from the claim (drop it); otherwise the quote was left open (close it at the end)."""
    if text.count('"') % 2 == 0:
        return text
    if text.endswith('"') and text.count('"') == 1:
        return text[:-1].rstrip()
    return text + '"'


def _balance_quotes(text: str) -> str:
    """Drop closing curly quotes with no opening one; close quotes left open (before the final stop)."""
    out, depth = [], 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth == 0:
                continue
            depth -= 1
        out.append(ch)
    text = "".join(out).rstrip()
    if depth > 0:
        m = re.search(r"[.!?]*$", text)
        text = text[: m.start()] + "”" * depth + text[m.start():]
    return text


def tidy(text: str) -> str:
    """Spacing and punctuation clean-up; balanced quotes; capital first letter; a final full stop."""
    text = re.sub(r"\s+", " ", text).strip()
    text = _balance_straight(_balance_quotes(text))
    text = re.sub(r"\s+([,;:!?%])(?=\s|$)", r"\1", text)
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    text = re.sub(r"^(?:(?:[,;:.\-–—]|\b(?:and|but|or|so)\b)\s*)+", "", text, flags=re.I)
    text = re.sub(r"[\s,;:\-–—]+$", "", text)
    # a dash or comma left before the stop by a cut ("... including Russian celebrities -.")
    text = re.sub(r"(?:\s*[,;:]|\s+-+|\s*[–—]+)+\s*([.!?])$", r"\1", text)
    if not text:
        return text
    if text[-1] not in ".!?" and not (text[-1] in "”\"’'" and len(text) > 1 and text[-2] in ".!?"):
        text += "."
    return text[0].upper() + text[1:]


class Renderer:
    """Renders token sequences of one article; descriptions are resolved once, up front."""

    def __init__(self, doc: "Doc", coref: Coref, quoted: frozenset[int]) -> None:
        self.doc = doc
        self.coref = coref
        self.quoted = quoted
        self.descriptions: dict[int, tuple[int, Referent]] = {}  # start token -> (end, referent)
        for tok in doc:
            if tok.i in quoted:
                continue
            ref = coref.resolve_description(tok)
            span = coref.description_span(tok) if ref is not None else None
            if span is not None:
                self.descriptions[span[0]] = (span[1], ref)
        self._named_heads()

    def _named_heads(self) -> None:
        """'the cosmodrome' after 'the Vostochny Cosmodrome': a definite noun that repeats the head of an
        earlier proper name (compound proper nouns before a capitalised head) stands for that name."""
        doc, named = self.doc, {}
        for tok in doc:
            if tok.i in self.quoted or tok.i in self.coref.mention_at:
                continue
            lefts = list(tok.lefts)
            det = lefts[0] if lefts and lefts[0].dep_ == "det" else None
            if det is not None and det.lower_ == "the" and len(lefts) == 1 and tok.text.islower() and tok.lower_ in named:
                if det.i not in self.descriptions and tok.i not in self.descriptions:
                    self.descriptions[det.i] = (tok.i + 1, named[tok.lower_])
                continue
            comps = [c for c in lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if tok.pos_ == "PROPN" and tok.text[:1].isupper() and comps and all(c.dep_ in ("compound", "det") for c in lefts):
                words = [self.coref.surface(c.i, c.i + 1) for c in lefts if c.dep_ == "compound"]
                name = " ".join([*words, tok.text])
                named[tok.lower_] = Referent(("the " if det is not None and det.lower_ == "the" else "") + name, frozenset())

    def _expanded_next(self, seq: Sequence[Item], i: int) -> bool:
        """Is the next token a name mention that rendering replaces by a fuller name?"""
        m = self.coref.mention_at.get(i + 1)
        return m is not None and m.start == i + 1 and (i + 1) in seq and (i + 1) not in self.quoted \
            and self.coref.expansion(m) is not None

    def pronoun(self, tok: "Token") -> Referent | None:
        return self.coref.resolve_pronoun(tok)

    def _is_pronoun(self, tok: "Token") -> bool:
        return tok.lower_ in PRONOUNS and tok.tag_ in ("PRP", "PRP$")

    def render(self, seq: Sequence[Item]) -> str:
        doc, coref = self.doc, self.coref
        parts: list[str] = []
        seen: set[int] = set()  # entities named so far in this claim
        emitted: set[int] = set()
        prev_end, prev_ws, prev_left_punct = -1, "", False
        skip: tuple[int, int] = (0, 0)
        for item in seq:
            if isinstance(item, str):
                glue = item.startswith(_GLUE_LITERALS)
                parts.append(("" if glue or not parts else " ") + item)
                prev_end, prev_ws, prev_left_punct = -1, " ", False
                continue
            i = item
            if skip[0] < i < skip[1]:
                continue
            tok = doc[i]
            if tok.is_space:
                continue
            if tok.lower_.rstrip(".") in HONORIFIC and self._expanded_next(seq, i):
                continue  # "Mr Rose" -> "Kim Rose", not "Mr Kim Rose"
            end, text = i + 1, coref.surface(i, i + 1)
            m = coref.mention_at.get(i)
            quoted = i in self.quoted
            if m is not None and m.start == i:
                end = m.end
                text = coref.surface(m.start, m.end) if quoted else (coref.expansion(m) or coref.surface(m.start, m.end))
                seen.add(m.eid)
            elif i in self.descriptions and not quoted:
                end, ref = self.descriptions[i]
                text = ref.text
                seen.update(ref.eids)
            elif self._is_pronoun(tok):
                text = self._pronoun_text(tok, text, seen, emitted)
            elif parts and tok.is_sent_start and tok.pos_ in ("DET", "NOUN", "ADJ", "ADV") and not tok.ent_type_ \
                    and text[1:].islower():
                text = text[0].lower() + text[1:]  # "according to X, the cancer returned": no capital mid-claim
            if i == prev_end:
                sep = prev_ws
            elif prev_end != -1 and i > prev_end and all(doc[j].is_space for j in range(prev_end, i)):
                sep = " "  # only an extra space token between ("ridiculous'  investigation")
            elif prev_end == -1 and parts:  # after a literal word
                sep = " "
            elif not parts or prev_left_punct or tok.tag_ == "POS" or tok.text in _ATTACH_LEFT:
                sep = ""
            else:
                sep = " "
            counted = coref.counted_noun(tok) if not quoted else None
            parts.append(sep + text + (f" {counted}" if counted else ""))
            emitted.update(range(i, end))
            skip = (i, end)
            prev_end, prev_ws = end, doc[end - 1].whitespace_
            prev_left_punct = tok.is_left_punct and end == i + 1 and tok.text != '"'
        return tidy("".join(parts))

    def _pronoun_text(self, tok: "Token", surface: str, seen: set[int], emitted: set[int]) -> str:
        ref = self.pronoun(tok)
        if ref is None or (not ref.text and ref.anchor is None):
            return surface
        possessive = tok.tag_ == "PRP$" or (tok.lower_ in POSSESSIVE and tok.lower_ != "her")
        kind = self.coref.kind_of(tok)
        if kind == "p":  # other people compete with a group of people, other places with places
            people = all(self.coref.entities[e].label == "PERSON" for e in ref.eids)
            kind = "P" if people else "n"
        others = {e for e in seen if self.coref.compatible(e, kind)} - set(ref.eids)
        suffix = self.coref.possessive(tok.i)
        if tok.i in self.quoted:
            if not ref.text or (ref.anchor is not None and ref.anchor in emitted):
                return surface
            name = _possessive(ref.text, suffix) if possessive else ref.text
            return f"{surface} [{name}]"
        named_here = (ref.anchor is not None and ref.anchor in emitted) or (ref.eids and ref.eids <= seen)
        if (named_here and not others) or not ref.text:
            seen.update(ref.eids)
            return surface
        seen.update(ref.eids)
        return _possessive(ref.text, suffix) if possessive else ref.text
