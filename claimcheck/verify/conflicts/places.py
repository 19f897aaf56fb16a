"""Place conflicts: "launched from Baikonur in Kazakhstan" / "from Kourou in French Guiana".

A place mention is a preposition of place (in, at, near, from, to ...) and the names after it, read as a
chain: "the Baikonur Cosmodrome in Kazakhstan", "Nagano, Japan", "Kourou in French Guiana" each say the
spot lies inside every name of the chain. Names resolve through the gazetteer (gazetteer.py); a name it
does not know may still be placed by what the text says around it ("Maridon, in northern Elbia": see
`place_facts`). Two mentions in the same role (where / from where / to where) of aligned clauses conflict
when some name of one is apart from some name of the other: neither holds the other, they are not one
place under two names, and (for cities) they are not close enough to be a city and its suburb.
Unknown names never conflict by themselves, unless both say they are one kind of place and each has words of its
own ("the Pacific Ocean" / "the Atlantic Ocean"); a list ("in Paris and Lyon") is never read as a place.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .align import Conflict, other_entity, slot_guard
from .gazetteer import APART, CONTAINS, INSIDE, NEAR, SAME, Place, fold, gazetteer, names_relation
from .text import _Analysis, _lemma, _share, bare

# preposition -> (role, near)
_PREPS = {"in": ("at", False), "at": ("at", False), "inside": ("at", False), "within": ("at", False),
          "near": ("at", True), "outside": ("at", True), "off": ("at", True), "from": ("from", False),
          "to": ("to", False), "into": ("to", False)}
# lower-case words allowed between the preposition and the name: "off the coast of northern Chile"
_BEFORE_NAME = frozenset("""the a an northern southern eastern western central north south east west northeast
northwest southeast southwest northeastern northwestern southeastern southwestern coast coastal city town port village region province state capital of mountains
outskirts centre center heart suburbs island islands shores banks area county district far nearby neighbouring
neighboring remote rural small tiny historic old new border""".split())
_INNER = frozenset("of de del della la le da do dos das upon".split())  # inside a name: Palace of Versailles
_LEAVE = frozenset(["left", "leaves", "leaving", "leave"])  # "left Tromso": from where
# verbs that only say where something is or happens: "held in X" restates "took place in X"
_WHERE_VERBS = frozenset(_lemma(w) for w in """hold held take place locate located base based headquarter
headquartered lie lies stand stands situate situated be is are was were stage staged host hosted open opened
begin begins sit sits meet met gather convene depart leave left sail sailed fly flew travel travelled traveled
""".split())
# a person's title, no name of its own: "Prime Minister Narendra Modi"
TITLES = frozenset("""president prime minister foreign finance health chancellor king queen prince princess
judge striker goalkeeper coach captain mayor senator governor general dr mr mrs ms sir lord lady pope
chief executive director novelist author singer actor""".split())
# an adjective of a people or place, no name of its own: "The European handball championship"
DEMONYM = ("ian", "ean", "can", "ese", "ish", "ic", "ch", "ni", "qi", "li")


@dataclass(frozen=True)
class Mention:
    role: str  # at | from | to
    near: bool
    i: int  # preposition token
    j: int  # one past the last name token
    names: tuple[tuple[str, frozenset[Place]], ...]  # each name of the chain and its places (empty: unknown)
    name_toks: frozenset[int]

    @property
    def known(self) -> bool:
        return any(p for _, p in self.names)

    @property
    def kinded(self) -> bool:
        """One name the gazetteer does not know, that says what kind of place it is ("the Pacific Ocean")."""
        return len(self.names) == 1 and not self.names[0][1] and _kind_word(self.names[0][0]) is not None


class PlaceFacts:
    """What a corpus says about places the gazetteer does not know: 'Maridon, in northern Elbia' -> Maridon
    lies in Elbia. Built by `place_facts(texts)`; pass it to find_conflict(..., places=...)."""

    def __init__(self, inside: dict[str, frozenset[Place]] | None = None) -> None:
        self.inside = inside or {}

    def places(self, name: str) -> frozenset[Place]:
        return self.inside.get(fold(name), frozenset())


_NO_FACTS = PlaceFacts()


_NOT_NAMES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter mondays tuesdays wednesdays thursdays fridays
saturdays sundays""".split())


def _cap(t) -> bool:
    return (t.kind == "word" and t.text[0].isupper() and t.tag != "date" and t.low not in _NOT_NAMES) \
        or t.tag == "label"


def _run(a: _Analysis, k: int) -> tuple[int, list[tuple[int, int]]]:
    """Capitalised run from token k -> (its end, name parts as token ranges; a possessive splits it:
    "Europe's Spaceport" -> the owner is left out, "Spaceport" is the name)."""
    toks, n, j, parts, start = a.toks, len(a.toks), k, [], k
    while j < n:
        t = toks[j]
        if _cap(t):
            if t.text.endswith("'s"):
                start = j + 1  # the owner is no part of the place's name
            j += 1
        elif t.low in _INNER and j > k and j + 1 < n and _cap(toks[j + 1]):
            j += 1
        elif t.low in _INNER and j > k and j + 2 < n and toks[j + 1].low == "the" and _cap(toks[j + 2]):
            j += 2  # "the Hall of Mirrors of the Palace of Versailles"
        else:
            break
    if start < j:
        parts.append((start, j))
    return j, parts


def _name_after(a: _Analysis, k: int) -> tuple[int, int, int] | None:
    """A name starting at or a few lower-case words after token k -> (name start, name end, next index)."""
    toks, n, m = a.toks, len(a.toks), k
    while m < n and m - k < 5 and toks[m].kind == "word" and toks[m].low in _BEFORE_NAME and not _cap(toks[m]):
        m += 1
    if m >= n or not _cap(toks[m]):
        return None
    end, parts = _run(a, m)
    if not parts:
        return None
    return parts[0][0], parts[0][1], end


def _resolve(a: _Analysis, i: int, j: int, facts: PlaceFacts) -> tuple[str, frozenset[Place]]:
    name = a.span(i, j)
    got = gazetteer().lookup(name) or facts.places(name)
    return name, got


def mentions(a: _Analysis, facts: PlaceFacts = _NO_FACTS) -> list[Mention]:
    """Every place mention of the sentence (known or not), lists left out."""
    toks, n, out = a.toks, len(a.toks), []
    k = 0
    while k < n:
        t = toks[k]
        if t.kind != "word" or k + 1 >= n or not (t.low in _PREPS or t.low in _LEAVE):
            k += 1
            continue
        role, near = _PREPS.get(t.low, ("from", False))
        first = _name_after(a, k + 1)
        if first is None:
            k += 1
            continue
        ranges = [first[:2]]
        end = first[2]
        while end < n and len(ranges) < 4:  # the chain: ", Japan", " in French Guiana", ", in northern Brazil"
            m = end
            if toks[m].text == ",":
                m += 1
            if m < n and toks[m].low in ("in", "at", "near"):
                near = near or toks[m].low == "near"
                m += 1
            elif m == end:
                break
            nxt = _name_after(a, m) if m < n else None
            if nxt is None:
                break
            ranges.append(nxt[:2])
            end = nxt[2]
        if _list_follows(a, end):
            k = end
            continue  # "in Paris and Lyon", "in Paris, Lyon and Nice": a list, not one place
        if out and _listed_after(a, out[-1].j, k):
            out.pop()
            k = end
            continue  # "within North America and in Europe": the second place of a list
        names = tuple(_resolve(a, i, j, facts) for i, j in ranges)
        if _self_apart(names):
            k = end
            continue  # "in Tokyo, Seoul": a list after all
        span = frozenset(m for i, j in ranges for m in range(i, j))
        out.append(Mention(role, near, k, end, names, span))
        k = end
    return out


def _list_follows(a: _Analysis, end: int) -> bool:
    """A conjunction after the name and another place after it ("in Paris and Lyon", "in Paris, Lyon and Nice",
    "part in California and part in Nevada");
    "born in Bergen and trained as a nurse", "in Belem, in northern Brazil, and is expected to" go on with a verb."""
    toks, n = a.toks, len(a.toks)
    m = end + 1 if end < n and toks[end].text == "," else end
    if m >= n or toks[m].low not in ("and", "or", "&"):
        return False
    for k in range(m + 1, min(m + 4, n)):  # "and Lyon", "and in Lyon", "and part in Nevada"
        if toks[k].low in _PREPS and _name_after(a, k + 1) is not None:
            return True
        if toks[k].kind != "word":
            return False
        if _cap(toks[k]):
            return k == m + 1 or all(t.low in _BEFORE_NAME for t in toks[m + 1:k])
    return False


def _listed_after(a: _Analysis, prev_end: int, k: int) -> bool:
    """The preposition at k follows the place ending at prev_end through a conjunction: "in X and in Y"."""
    between = [t.low for t in a.toks[prev_end:k] if t.text != ","]
    return 0 < len(between) <= 2 and between[0] in ("and", "or", "&")


def _self_apart(names) -> bool:
    known = [p for _, p in names if p]
    return any(names_relation(x, y) == APART for m, x in enumerate(known) for y in known[m + 1:])


def place_facts(texts: list[str]) -> PlaceFacts:
    """Containment the texts state ("Maridon, in northern Elbia", "Sarreville, France"): for every name the
    gazetteer does not know, the known places a chain puts it in. For the pipeline: build once per corpus
    (or per set of retrieved passages) and pass to find_conflict(..., places=...). Each text is read once
    per process (a passage retrieved for many claims is not parsed again)."""
    inside: dict[str, set[Place]] = {}
    for text in texts:
        for name, places in _stated_places(text):
            inside.setdefault(name, set()).update(places)
    return PlaceFacts({k: frozenset(v) for k, v in inside.items()})


@lru_cache(maxsize=8192)
def _stated_places(text: str) -> tuple[tuple[str, frozenset], ...]:
    """(folded unknown name, the known places the text puts it in) for one text."""
    from .align import _analyse

    out = []
    for m in mentions(_analyse(text)):
        for x, (name, places) in enumerate(m.names):
            if places:
                continue
            outer = [p for _, p in m.names[x + 1:] if p]
            if outer:
                out.append((fold(name), frozenset(outer[0])))
    return tuple(out)


# words that say what kind of place a name is: two names of one kind, each with words of its own, are two places
_KINDS = frozenset("""ocean sea lake river island mount mountain mountains bay gulf strait station airport stadium
park square bridge street road avenue valley desert forest peninsula canal glacier volcano cape""".split())


def _kind_word(name: str) -> str | None:
    words = fold(name).split()
    for w in (words[-1], words[0]) if len(words) > 1 else ():
        if w in _KINDS:
            return w
    return None


def _kinds_apart(a: str, b: str) -> bool:
    """'the Pacific Ocean' / 'the Atlantic Ocean', 'River Ossel' / 'River Wend': one kind, each its own words."""
    kind = _kind_word(a)
    if kind is None or kind != _kind_word(b):
        return False
    wa, wb = set(fold(a).split()) - {"the"}, set(fold(b).split()) - {"the"}
    return bool(wa - wb) and bool(wb - wa)


def _pair_apart(cm: Mention, pm: Mention) -> tuple[str, str] | None:
    """(claim name, premise name) of a pair apart, when no other pair is the same place, else None."""
    if cm.kinded and pm.kinded:
        (cname, _), (pname, _) = cm.names[0], pm.names[0]
        return (cname, pname) if _kinds_apart(cname, pname) else None
    found = None
    for cname, cp in cm.names:
        for pname, pp in pm.names:
            if not cp or not pp:
                continue
            if names_relation(cp, pp, near=cm.near or pm.near) == APART:
                found = found or (cname, pname)
    return found


def _compatible(cm: Mention, pm: Mention) -> bool:
    """No known name of one is apart from a known name of the other, and some pair is the same place, one
    inside the other, or near."""
    rels = [names_relation(cp, pp, near=cm.near or pm.near) for _, cp in cm.names if cp for _, pp in pm.names if pp]
    return APART not in rels and any(r in (SAME, INSIDE, CONTAINS, NEAR) for r in rels)


def _anchor(a: _Analysis, m: Mention) -> str | None:
    c = a.toks[m.i].clause
    for t in reversed(a.toks[:m.i]):
        if t.clause != c:
            return None
        if t.lemma:
            return t.lemma
    return None


def place_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float, facts: PlaceFacts = _NO_FACTS):
    cms = [m for m in mentions(ca, facts) if m.known or m.kinded]
    if not cms:
        return []
    pms = [m for m in mentions(pa, facts) if m.known or m.kinded]
    out = []
    for cm in cms:
        own = _place_words(ca, cm) | _WHERE_VERBS
        if _share(ca.content() - own, pa.content() - _WHERE_VERBS) < min_alignment:
            continue
        same_fact = [(share, pm) for pm in pms if pm.role == cm.role
                     and (share := _same_fact(ca, cm, pa, pm, min_alignment)) is not None]
        if any(_compatible(cm, pm) for _, pm in same_fact):
            continue  # the premise also puts it where the claim's place can be
        best = max(((share, pm, pair) for share, pm in same_fact if (pair := _pair_apart(cm, pm))),
                   key=lambda x: x[0], default=None)
        if best is not None:
            pm = best[1]
            out.append((best[0], 3, Conflict("place", ca.span(cm.i + 1, cm.j), pa.span(pm.i + 1, pm.j), round(g, 3))))
    return out


def place_restatement(ca: _Analysis, pa: _Analysis, min_alignment: float) -> tuple[str, str] | None:
    """(the claim's place words, the premise's) when the premise puts the same fact at a place inside the
    claim's, or at the same place under another name: "will take place in France" / "will be held in Lyon";
    "launched from French Guiana" / "lifted off from Kourou". Every known name of the premise's mention lies
    inside (or is) a name of the claim's, and none is apart."""
    pms = [m for m in mentions(pa) if m.known]
    for cm in (m for m in mentions(ca) if m.known):
        for pm in pms:
            if pm.role != cm.role or pm.near != cm.near:
                continue
            rels = [names_relation(pp, cp) for _, pp in pm.names if pp for _, cp in cm.names if cp]
            if not rels or APART in rels or not any(r in (INSIDE, SAME) for r in rels) or CONTAINS in rels:
                continue
            if _same_fact(ca, cm, pa, pm, min_alignment) is not None:
                return ca.span(cm.i + 1, cm.j), pa.span(pm.i + 1, pm.j)
    return None


def _same_fact(ca: _Analysis, cm: Mention, pa: _Analysis, pm: Mention, min_alignment: float) -> float | None:
    """The clause alignment when both mentions are the place of one fact (slot_guard, the claim's verb or
    noun before the place in the premise clause, no other entity), else None."""
    cc, pc = ca.toks[cm.i].clause, pa.toks[pm.i].clause
    share = slot_guard(ca, cc, set(cm.name_toks), pa, pc, set(pm.name_toks), min_alignment,
                       exclude=_place_words(ca, cm) | _place_words(pa, pm) | _WHERE_VERBS, light=_WHERE_VERBS)
    if share is None:
        return None
    if _more_names(pa, pm, ca):
        return None  # the premise clause names others: "Foreign Minister Lena Marsh met her counterpart ..."
    anchor, panchor = _anchor(ca, cm), _anchor(pa, pm)
    if anchor and anchor not in pa.clause_words(pc) and anchor not in _WHERE_VERBS:
        return None
    main = next((t.clause for t in pa.toks if t.lemma), pc)
    if anchor in _WHERE_VERBS and panchor not in _WHERE_VERBS and pc != main:
        return None  # "is located in Kenya" vs an aside's "the highest mountain in Africa"
    if other_entity(ca, pa, [(ca.toks[cm.i].start, ca.toks[cm.j - 1].end)],
                    [(pa.toks[pm.i].start, pa.toks[pm.j - 1].end)]):
        return None
    return share


def _more_names(pa: _Analysis, pm: Mention, ca: _Analysis) -> bool:
    """Before its place, the premise clause holds a name (a capitalised word past its first token; no title, owner,
    people's adjective or name in an adjunct: "NASA's", "Prime Minister", "European", "on an Ariane 5 rocket") the
    claim does not have: it tells of other people or things ("Foreign Minister Lena Marsh met her counterpart Daniel Okoro in
    Geneva"), where more common words ("Police in Glasgow arrested two men after ...") or a name after the place
    ("... in Andorra ahead of the Tour") only tell more of the same fact."""
    have = {bare(t.low) for t in ca.toks if t.kind == "word"}
    pc = pa.toks[pm.i].clause
    first = next((k for k, t in enumerate(pa.toks) if t.clause == pc), 0)
    return any(t.clause == pc and first < k < pm.i and _cap(t) and t.tag != "label" and not _known_name(pa, k, have)
               and not t.low.endswith(DEMONYM) and t.low not in TITLES and not t.low.endswith(("'s", "’s"))
               and not _in_adjunct(pa, k, first) for k, t in enumerate(pa.toks))


def _in_adjunct(a: _Analysis, k: int, first: int) -> bool:
    """Token k's name follows a preposition of an adjunct, through a list if need be: "on an Ariane 5 rocket",
    "flows through Peru, Colombia and Brazil"."""
    m = k
    while m > first and (_cap(a.toks[m - 1]) or a.toks[m - 1].text == "," or a.toks[m - 1].low in ("and", "or")):
        m -= 1
    return any(x.low in _ADJUNCT for x in a.toks[max(first, m - 3):m])


def _known_name(a: _Analysis, k: int, have: set[str]) -> bool:
    """Token k's name is one the claim gives, in full or in part: "Vladimir Putin" for the claim's "Putin"."""
    i = j = k
    while i > 0 and _cap(a.toks[i - 1]):
        i -= 1
    while j + 1 < len(a.toks) and _cap(a.toks[j + 1]):
        j += 1
    return any(bare(a.toks[m].low) in have for m in range(i, j + 1))


# a name after one of these is an adjunct of the fact ("on an Ariane 5 rocket"), not one of its parties
_ADJUNCT = frozenset("on by with aboard for of via under through across past between".split())



def _place_words(a: _Analysis, m: Mention) -> frozenset[str]:
    """The lemmas of the mention's own words (names and the 'northern', 'city of' before them)."""
    return frozenset(t.lemma for t in a.toks[m.i:m.j] if t.lemma)
