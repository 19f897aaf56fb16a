"""Reading a clause's named arguments from spaCy's dependency parse, for the argument rule (arguments.py): the
logical subject (nsubj, or the agent of a passive), the object (dobj, or a passive's subject), each preposition's
object, and the two sides of a copula ("be" twice). A receiver is "prep:to" however it is said: "awarded the medal
to X", "awarded X the medal", and a passive that keeps its object, "X was awarded the medal". A passive joined to
another verb has that verb's subject as its object ("Reyes served ... and was succeeded by Morales"), and an
apposition beside a definite role reads as a copula ("The opposition leader, Sofia Brandt, said" -> the opposition
leader is Sofia Brandt). A work's maker is the frame "author" however it is said: "written by X", "a novel by X",
"was by X"."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .mentions import _NOT_NAMES
from .text import bare, event_verb

_SUBJ = ("nsubj", "csubj")
_NAME_DEPS = ("compound", "flat", "appos", "nmod")
_RELATIVE = frozenset("who that which whom".split())
# the number and date rules' slots, and a people's adjective ("an extinct Turkic language", "the British")
_NOT_A_NAME = frozenset("DATE TIME CARDINAL ORDINAL QUANTITY MONEY PERCENT NORP".split())
_PLACES = frozenset(["GPE", "LOC"])  # the place rule's, which knows what lies inside what
_LIGHT_VERBS = frozenset(["pay", "make"])
_LIGHT_NOUNS = frozenset(["visit", "call", "trip"])
# prepositions that say one relation: "inside the Channel Tunnel" / "in the Channel Tunnel", "aboard" / "on"
_PREP_SAME = {"inside": "in", "within": "in", "aboard": "on", "onboard": "on", "upon": "on"}
_LISTING = frozenset(["and", "or", "&", "/", "(", ")", "nor"])
# "known as X", "stylized as Y": a thing has several names, and one does not rule out another
_NAMING = frozenset("know call name nickname style stylize dub title refer bill brand".split())
# who made a work: "Northwind was written by X" and "Northwind is a novel by Y" are one frame, "author". Works
# whose "by" names their maker; not songs, albums or films, where "by" names a performer or a director, not the
# writer
_AUTHOR_VERBS = frozenset("write author pen compose paint sculpt".split())
_WORKS = frozenset("""novel book poem painting portrait sculpture symphony opera memoir essay play biography
novella concerto mural fresco""".split())


@dataclass(frozen=True)
class Arg:
    head: str  # the head's lemma, lower case
    names: frozenset[str]  # lower-case words of the names the argument holds (its head, compounds, appositions)
    text: str  # the argument's words, for the reason
    listed: bool  # one member of a list ("Atwood and Evaristo")
    person: bool
    words: frozenset[str] = frozenset()  # every lower-case word under the argument (an owner's left out)
    definite: bool = False  # "the aircraft", "Nordwind Air's aircraft": one thing, not "an office building"
    owners: frozenset[str] = frozenset()  # the words of its owner: "Harbourline Foods' chief executive"
    derived: bool = False  # read through a relative pronoun, whose antecedent the parse may attach wrongly
    joined: str = ""  # the conjunction of its list: "and" for a set of people, "or" for alternatives or aliases


@dataclass(frozen=True)
class Frame:
    verb: str
    negated: bool
    args: tuple[tuple[str, Arg], ...]  # (role, argument); a copula's two sides are roles "be" twice


_ROMAN = re.compile(r"[ivxl]+")  # "Edward I": a regnal number parsed on its own is no name


def _name_words(tok) -> frozenset[str]:
    words = set()
    todo = [tok]
    while todo:
        t = todo.pop()
        if t.pos_ == "PROPN" and t.lower_ not in _NOT_NAMES and t.ent_type_ not in _NOT_A_NAME:
            words.add(bare(t.lower_))
        for c in t.children:  # not an owner: "Apollo 11's lunar module" is no part of the module's name
            if c.dep_ in _NAME_DEPS and not any(g.dep_ == "case" for g in c.children):
                todo.append(c)
    words = {w for w in words if w.isalnum() or "-" in w}
    return frozenset() if all(_ROMAN.fullmatch(w) for w in words) else frozenset(words)


def _owner(t) -> bool:
    """An owner inside a noun phrase: "Rosa Delgado's grandson", "Apollo 11's lunar module"."""
    return t.dep_ == "poss" or (t.dep_ == "nmod" and any(g.dep_ == "case" for g in t.children))


def _arg(tok, listed: bool = False) -> Arg | None:
    derived = False
    if tok.pos_ == "PRON" and tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        tok, derived = tok.head.head, True  # "the aircraft that made the landing": the aircraft made it
    if tok.pos_ == "PRON" or tok.ent_type_ in _PLACES:
        return None
    span = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl") and not _inside(t, tok, ("relcl", "acl", "prep"))]
    cut = min((c.i - (c.nbor(-1).dep_ == "cc") for c in tok.subtree if _verbal(c)), default=len(tok.doc))
    span = [t for t in span if t.i < cut]
    # one of several or one name of several: "Atwood and Evaristo", "Alison Brie, Colin Hanks", "X (also Y)"
    listed = listed or tok.dep_ == "conj" or any(t.dep_ in ("conj", "cc") or t.lower_ in _LISTING for t in span)
    own = [t for t in span if not _inside(t, tok, ("conj", "cc"))]  # one member of a list, for the reason
    text = tok.doc[min(t.i for t in own):max(t.i for t in own) + 1].text if own else tok.text
    text = text.strip(" ,;:—–-")
    person = tok.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in tok.children if t.dep_ in _NAME_DEPS)
    owned = {t.i for c in tok.children if _owner(c) for t in c.subtree}
    # not a relative clause's that tells what else it did: "the skater Lise Holm, who beat Femke Bos" holds no Femke
    # Bos; "its producer, whose name is Marta Ruiz" does hold her
    telling = {x.i for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() != "be"
               and c.lemma_.lower() not in _NAMING for x in c.subtree}
    words = frozenset(bare(t.lower_) for t in tok.subtree if t.i not in owned and t.i < cut and t.i not in telling)
    owners = frozenset(bare(tok.doc[i].lower_) for i in owned)
    definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "some")
                   for c in tok.children) or _owner(tok)
    return Arg(tok.lemma_.lower(), _name_words(tok), text, listed, person, words, definite, owners, derived)


_TIMES = frozenset(["DATE", "TIME"])


def _verbal(t) -> bool:
    """A verb read as a noun in a list: "operated by Tessel Energy and supplies drinking water" (the parse makes
    "drinking" a participle hung on "supplies" or on a name before it)."""
    if t.dep_ != "conj" or t.tag_ != "NNS" or any(c.i < t.i for c in t.children) or t.i + 1 >= len(t.doc):
        return False
    nxt = t.nbor(1)
    return nxt.tag_ in ("VBG", "VBN") and nxt.dep_ in ("acl", "amod") and nxt.head.i in {t.i, *(a.i for a in t.ancestors)}


def _args(role: str, tok, listed: bool = False) -> list[tuple[str, Arg]]:
    """The argument at tok and every member of its list ("not only Akrotiri but the whole Minoan civilization")."""
    members = [tok, *(c for c in tok.children if c.dep_ == "conj" and not _verbal(c))]
    listed = listed or len(members) > 1
    joined = "".join(sorted({c.lower_ for m in members for c in m.children if c.dep_ == "cc"}))
    return [(role, replace(a, joined=joined)) for m in members if (a := _arg(m, listed)) is not None]


def _inside(t, top, deps) -> bool:
    """t lies under a child of `top` attached by one of `deps` (a relative clause, a prepositional phrase)."""
    while t.i != top.i and t.head.i != t.i:  # spaCy makes a new Token object on every access: compare indices
        if t.dep_ in deps and t.head.i == top.i:
            return True
        t = t.head
    return False


def _asked(v) -> bool:
    """The verb is asked about or supposed: "whether Ames was a monopolist", "if the bridge opens"."""
    t = v
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _described(noun):
    """What a noun describes when it is the predicate of a copula: "Jurassic Park is a film ..." -> Jurassic Park."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subj = [c for c in noun.head.children if c.dep_ in _SUBJ]
        if len(subj) == 1:
            return subj[0]
    return noun


def _has(v, dep: str) -> bool:
    return any(c.dep_ == dep for c in v.children)


def _stray_by(v) -> list:
    """The agent of a passive that the parse hung on a noun: "will be replaced as chief executive by Sara Lund"."""
    nouns = [g for c in v.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [g for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "by"
            for g in c.children if g.dep_ == "pobj"]


def _frames(doc) -> list[Frame]:
    out = []
    for v in doc:
        if v.pos_ not in ("VERB", "AUX") or v.dep_ in ("aux", "auxpass") or _asked(v):
            continue
        args: list[tuple[str, Arg]] = []
        subj = [c for c in v.children if c.dep_ in _SUBJ]
        if not subj and v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") and not _has(v, "nsubjpass"):
            subj = [c for c in v.head.children if c.dep_ in _SUBJ]  # "X escorted ... and stayed"
        if not subj and v.dep_ == "relcl":
            subj = [v.head]  # "Maren Solberg, who was born in Bergen" (the relative pronoun is the nsubj)
        if not subj and v.dep_ in ("xcomp", "advcl") and v.head.pos_ in ("VERB", "AUX") and v.head.lemma_ != "be":
            subj = [c for c in v.head.children if c.dep_ == "nsubj"]  # "Varga travelled to Valdor to visit Reyn"
        copula = v.lemma_ == "be"
        passive = _has(v, "auxpass")
        # a passive that takes another verb's subject has it as its object: "Reyes served ... and was succeeded by"
        inherited = "obj" if passive and v.dep_ != "relcl" and all(c.head.i != v.i for c in subj) else "subj"
        for c in subj:
            args += _args("be" if copula else inherited, c)
        if not subj and v.dep_ == "conj" and v.tag_ == "VBN" and _has(v.head, "auxpass") \
                and not any(c.dep_ in ("nsubjpass", "dobj") for c in v.children):
            # "Dahl was sacked and replaced by Berg": the passive's subject is the joined participle's object too
            args += [x for c in v.head.children if c.dep_ == "nsubjpass" for x in _args("obj", c)]
        if passive and not _has(v, "agent"):
            args += [x for by in _stray_by(v) for x in _args("subj", by)]
        # "a 1993 film directed by Steven Spielberg": the film was directed; only a participle right after its noun
        # (", released by Syco Records" after a long apposition is often hung on the wrong noun)
        if v.dep_ == "acl" and v.tag_ == "VBN" and v.i == v.head.i + 1 and v.lemma_.lower() not in _NAMING \
                and not any(c.dep_ in ("nsubjpass", "dobj") for c in v.children):
            args += _args("obj", _described(v.head))
        for c in v.children:
            if c.dep_ == "nsubjpass" and _has(v, "dobj"):
                args += _args("prep:to", c)  # "Rooney was awarded a special Oscar": the Oscar was awarded to him
            elif c.dep_ in ("dobj", "nsubjpass"):
                args += _args("obj", c)
            elif c.dep_ == "dative":  # "awarded the prize to Karl Dorn", "awarded Karl Dorn the prize"
                for g in ([g for g in c.children if g.dep_ == "pobj"] if c.pos_ == "ADP" else [c]):
                    args += _args("prep:to", g)
            elif c.dep_ == "attr" and copula:
                args += _args("be", c)
            elif c.dep_ in ("agent", "prep"):
                role = "subj" if c.dep_ == "agent" else "prep:" + _PREP_SAME.get(c.lower_, c.lower_)
                # "either by Mr Nowell or by William Scott": a list of phrases
                listed = any(g.dep_ == "conj" for g in c.children) or c.dep_ == "conj"
                for pobj in (g for g in c.children if g.dep_ == "pobj"):
                    # "on Wednesday on a TAP flight": a time fills no place of the act's (the date rule reads it)
                    args += _args("time" if pobj.ent_type_ in _TIMES else role, pobj, listed)
        # a phrase the parse hung on the object ("shared the Nobel Prize ... with Pierre Curie") read as the verb's
        have = {r for r, _ in args}
        for obj in (c for c in v.children if c.dep_ == "dobj"):
            for c in obj.children:
                if c.dep_ == "prep" and c.lower_ != "of" and "prep:" + c.lower_ not in have:
                    listed = any(g.dep_ == "conj" for g in c.children)
                    for pobj in (g for g in c.children if g.dep_ == "pobj"):
                        args += _args("prep:" + c.lower_, pobj, listed)
        verb = event_verb(v.lemma_.lower())
        if verb in _AUTHOR_VERBS:
            verb = "author"
        elif copula and any(r == "prep:by" for r, _ in args) and any(r == "be" for r, _ in args):
            # "The painting sold was by Pieter Hals": the maker, said with a copula
            args = [("subj", a) if r == "prep:by" else ("obj", a) if r == "be" else (r, a) for r, a in args]
            verb = "author"
        light = next((c for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() in _LIGHT_NOUNS), None)
        if verb in _LIGHT_VERBS and light is not None:  # "paid a visit to Elsa Varga": visited Elsa Varga
            verb = light.lemma_.lower()
            args = [("obj", a) if r == "prep:to" else (r, a) for r, a in args if not (r == "obj" and a.head == verb)]
        negated = any(c.dep_ == "neg" for c in v.children)
        if args:
            out.append(Frame(verb, negated, tuple(args)))
    return out + _appositions(doc) + _made_by(doc)


def _made_by(doc) -> list[Frame]:
    """A work named with its maker: "Northwind is a 2001 novel by Iona Blackwood", "The painting, by the Dutch artist
    Clara Veen, sold ..." read as "Iona Blackwood authored Northwind", "Clara Veen authored the painting"."""
    out = []
    for n in doc:
        if n.pos_ != "NOUN" or n.lemma_.lower() not in _WORKS:
            continue
        makers = [g for c in n.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        work = _arg(_described(n))
        if len(makers) != 1 or work is None:
            continue
        out.append(Frame("author", False, (*_args("subj", makers[0]), ("obj", work))))
    return out


def _appositions(doc) -> list[Frame]:
    """A name set beside the one who holds a role says who holds it: "The opposition leader, Sofia Brandt, said"
    and "Sofia Brandt, the opposition leader, said" read as "the opposition leader is Sofia Brandt"."""
    out = []
    for a in doc:
        n = a.head
        if a.dep_ != "appos" or a.i == n.i:
            continue
        role, name = (n, a) if n.pos_ == "NOUN" and a.pos_ == "PROPN" else (a, n)
        if role.pos_ != "NOUN" or name.pos_ != "PROPN" or not any(c.dep_ in ("det", "poss") for c in role.children):
            continue
        r, m = _arg(role), _arg(name)
        if r is None or m is None or not m.names:
            continue
        r = replace(r, names=r.names - m.names)
        text = doc[name.left_edge.i:name.i + 1].text if name.i < role.i else m.text  # "Hanna Berg, the captain"
        out.append(Frame("be", False, (("be", r), ("be", replace(m, names=m.names - r.names, text=text)))))
    return out
