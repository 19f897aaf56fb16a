"""Place conflicts: "launched from Baikonur in Kazakhstan" / "from Kourou in French Guiana".

The place mentions of both sentences (mentions.py) are compared: two mentions in the same role (where / from where
/ to where) of aligned clauses conflict when some name of one is apart from some name of the other: neither holds
the other, they are not one place under two names, and (for cities) they are not close enough to be a city and its
suburb. Unknown names never conflict by themselves, unless both say they are one kind of place and each has words
of its own ("the Pacific Ocean" / "the Atlantic Ocean").
"""
from __future__ import annotations

from .align import Conflict, other_entity, slot_guard
from .gazetteer import APART, CONTAINS, INSIDE, NEAR, SAME, fold, names_relation
from .mentions import _INNER, _NO_FACTS, Mention, PlaceFacts, _cap, _kind_word, list_before, meet, mentions
from .names import MOTION
from .subjects import antecedent
from .text import _Analysis, _lemma, _share, bare

# verbs that only say where something is or happens: "held in X" restates "took place in X"
_WHERE_VERBS = frozenset(_lemma(w) for w in """hold held take place locate located base based headquarter
headquartered lie lies stand stands situate situated be is are was were stage staged host hosted open opened play played
begin begins sit sits meet met gather convene depart leave left sail sailed fly flew travel travelled traveled
""".split())
# a person's title, no name of its own: "Prime Minister Narendra Modi"
TITLES = frozenset("""president prime minister foreign finance health chancellor king queen prince princess
judge striker goalkeeper coach captain mayor senator governor general dr mr mrs ms sir lord lady pope
chief executive director novelist author singer actor""".split())
# an adjective of a people or place, no name of its own: "The European handball championship"
DEMONYM = ("ian", "ean", "can", "ese", "ish", "ic", "ch", "ni", "qi", "li")


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
    if m.host:
        return _lemma("host")
    if m.attributive:
        return a.toks[m.j].lemma  # "Vienna airport": the airport, as in "the airport in Munich"
    c, i = a.toks[m.i].clause, m.i
    if m.role == "ends":  # a route's second end: the word before "between X and"
        i = next((k for k in range(m.i, -1, -1) if a.toks[k].low == "between"), m.i)
    for t in reversed(a.toks[:i]):
        if t.clause != c:
            return None
        if t.lemma and t.tag != "date" and t.low not in _PERIOD_WORDS:
            return t.lemma  # "held every September in Venice": held
    return None


def place_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float, facts: PlaceFacts = _NO_FACTS):
    claimed = mentions(ca, facts)
    cms = [m for m in claimed if m.known or m.kinded]
    if not cms:
        return []
    route = _route(claimed)
    every = mentions(pa, facts)
    pms = [m for m in every if m.known or m.kinded]
    placed = _placed(every, pa)
    out = []
    for cm in cms:
        own = _place_words(ca, cm) | _WHERE_VERBS
        if _share(ca.content() - own, pa.content() - _WHERE_VERBS) < min_alignment:
            continue
        same_fact = [(share, pm) for pm in pms if meet(pm.role, cm.role)
                     and (share := _told(ca, cm, pa, pm, min_alignment, placed, route)) is not None]
        if any(_compatible(cm, pm) for _, pm in same_fact):
            continue  # the premise also puts it where the claim's place can be
        anchor = _anchor(ca, cm)  # of two places as aligned, the one said with the claim's verb
        # a place that opens the sentence alone may say where the claim's fact is ("In Germany, the magazine Der
        # Spiegel ..."), but not that it is elsewhere ("In Rome, La Repubblica reported ...": where it was reported)
        best = max(((share, pm, pair) for share, pm in same_fact
                    if not _alone(pa, pm, pa.toks[pm.i].clause) and (pair := _pair_apart(cm, pm))),
                   key=lambda x: (x[0], _anchor(pa, x[1]) == anchor), default=None)
        if best is not None and not _named_beside(pa, best[1], cm, ca):
            pm = best[1]
            out.append((best[0], 3, Conflict("place", cm.text(ca), pm.text(pa), round(g, 3))))
    return out


def place_restatement(ca: _Analysis, pa: _Analysis, min_alignment: float) -> tuple[str, str] | None:
    """(the claim's place words, the premise's) when the premise puts the same fact at a place inside the
    claim's, or at the same place under another name: "will take place in France" / "will be held in Lyon";
    "launched from French Guiana" / "lifted off from Kourou". Every known name of the premise's mention lies
    inside (or is) a name of the claim's, and none is apart."""
    every, claimed = mentions(pa), mentions(ca)
    pms, placed, route = [m for m in every if m.known], _placed(every, pa), _route(claimed)
    for cm in (m for m in claimed if m.known):
        for pm in pms:
            if not meet(pm.role, cm.role) or pm.near != cm.near:
                continue
            rels = [names_relation(pp, cp) for _, pp in pm.names if pp for _, cp in cm.names if cp]
            if not rels or APART in rels or not any(r in (INSIDE, SAME) for r in rels) or CONTAINS in rels:
                continue
            if _same_fact(ca, cm, pa, pm, min_alignment, placed, route=route) is not None:
                return cm.text(ca), pm.text(pa)
    return None


def _alone(pa: _Analysis, pm: Mention, pc: int) -> bool:
    """Clause pc holds nothing but the mention: "In Germany, ..."."""
    return all(pm.i <= k < pm.j or t.kind == "punct" for k, t in enumerate(pa.toks) if t.clause == pc)


def _named_beside(pa: _Analysis, pm: Mention, cm: Mention, ca: _Analysis) -> bool:
    """The premise names the claim's place next to pm, as one of a list the mentions leave out ("south to Florida
    and west to Colorado"); "near the border with Kenya" or another clause ("presented in Oslo, while the other
    prizes are awarded in Stockholm") is another fact."""
    name = fold(cm.text(ca)).split()
    toks, n = pa.toks, len(pa.toks)
    for k in range(n - len(name) + 1):
        if [fold(t.text) for t in toks[k:k + len(name)]] != name:
            continue
        gap = toks[k + len(name):pm.i + 1] if k < pm.i else toks[pm.j:k]
        words = {t.low for t in gap}
        if words & _LIST_LINKS and words <= _LIST_LINKS | _LIST_GAP:
            return True
    return False


_LIST_LINKS = frozenset(["and", "or", ",", "&"])
_LIST_GAP = frozenset("in at to from into through then north south east west".split())


def _route(claimed: list[Mention]) -> frozenset[int]:
    """The name tokens of a sentence's route places (from, to, between): a route's other end is no other party."""
    return _placed([m for m in claimed if m.role in _ROUTE])


def _placed(every: list[Mention], a: _Analysis | None = None) -> frozenset[int]:
    """The tokens of a sentence's place names: another place is another slot, not another party (_more_names); with
    the sentence `a`, a list's names that a mention holds too ("in Milan and Cortina in northern Italy")."""
    return frozenset(k for m in every for k in (m.name_toks | (list_before(a, m) if a is not None else frozenset())))


def _clauses(pa: _Analysis, pm: Mention) -> list[int]:
    """The premise clauses a place mention tells of: its own, and a "where" clause right after it ("in a cottage
    near Whitby, where she died in 1998": she died near Whitby)."""
    own, j = pa.toks[pm.i].clause, pm.j
    if j + 1 < len(pa.toks) and pa.toks[j].text == "," and pa.toks[j + 1].low == "where":
        return [own, pa.toks[j + 1].clause]
    return [own]


def _told(ca: _Analysis, cm: Mention, pa: _Analysis, pm: Mention, min_alignment: float,
          placed: frozenset[int], route: frozenset[int]) -> float | None:
    """The best alignment of the claim's fact with a clause the premise mention tells of (_clauses), or None."""
    shares = [x for pc in _clauses(pa, pm)
              if (x := _same_fact(ca, cm, pa, pm, min_alignment, placed, pc, route)) is not None]
    return max(shares, default=None)


def _same_fact(ca: _Analysis, cm: Mention, pa: _Analysis, pm: Mention, min_alignment: float,
               placed: frozenset[int] = frozenset(), pc: int | None = None,
               route: frozenset[int] = frozenset()) -> float | None:
    """The clause alignment when both mentions are the place of one fact (slot_guard, the claim's verb or
    noun before the place in the premise clause, no other entity), else None. `placed`: the premise's place
    name tokens (_placed); `pc`: the premise clause to read (default: the mention's own, see _clauses); `route`:
    the claim's route place tokens (_route)."""
    cc, own = ca.toks[cm.i].clause, pa.toks[pm.i].clause
    pc = own if pc is None else pc  # a "where" clause says who with its head clause's words ("she" is the poet)
    share = slot_guard(ca, cc, set(cm.name_toks), pa, pc, set(pm.name_toks), min_alignment,
                       exclude=_place_words(ca, cm) | _place_words(pa, pm) | _WHERE_VERBS, light=_WHERE_VERBS,
                       pextra=frozenset(pa.clause_words(own)) if pc != own else frozenset())
    if share is None:
        return None
    if _more_names(pa, pm, ca, placed):
        return None  # the premise clause names others: "Foreign Minister Lena Marsh met her counterpart ..."
    if _unnamed(ca, cm, pa, route if cm.role in _ROUTE else frozenset()):
        return None  # the claim names its thing, the premise does not: "the Treaty of Versailles" / "the treaty"
    anchor, panchor = _anchor(ca, cm), _anchor(pa, pm)
    if cm.attributive and fold(cm.text(ca)) in fold(pa.text):
        return None  # the premise names the claim's place too: "Rugby union in Guam"
    if (cm.attributive or pm.attributive) and (cm.attributive == pm.attributive or anchor is None or anchor != panchor):
        return None  # "Vienna airport" is read only against "the airport in X" (without a parse the word after a
        # place may be a verb, and two places before nouns are often two things: "the Wayne beach ... the Warren beach")
    # a clause that is the place alone ("In Germany, the magazine ...") is read with its sentence
    said = {t.lemma for t in pa.toks if t.lemma} if _alone(pa, pm, pc) else pa.clause_words(pc)
    if pa.toks and pa.toks[0].clause == pc:  # "Located in the Andes of northern Chile, the observatory ...": its noun
        said = said | antecedent(pa, pc)
    if anchor and anchor not in said and anchor not in _WHERE_VERBS \
            and not (anchor in MOTION and panchor in MOTION):  # "arrived in Djibouti" / "docked at Port Sudan"
        return None
    main = next((t.clause for t in pa.toks if t.lemma), pc)
    if anchor in _WHERE_VERBS and panchor not in _WHERE_VERBS and pc != main:
        return None  # "is located in Kenya" vs an aside's "the highest mountain in Africa"
    if other_entity(ca, pa, [(ca.toks[cm.i].start, ca.toks[cm.j - 1].end)],
                    [(pa.toks[pm.i].start, pa.toks[pm.j - 1].end)]):
        return None
    return share


def _more_names(pa: _Analysis, pm: Mention, ca: _Analysis, placed: frozenset[int]) -> bool:
    """Before its place, the premise clause holds a name (a capitalised word past its first token; no title, owner,
    people's adjective or name in an adjunct: "NASA's", "Prime Minister", "European", "on an Ariane 5 rocket") the
    claim does not have: it tells of other people or things ("Foreign Minister Lena Marsh met her counterpart Daniel Okoro in
    Geneva"), where more common words ("Police in Glasgow arrested two men after ...") or a name after the place
    ("... in Andorra ahead of the Tour") only tell more of the same fact."""
    have = {bare(t.low) for t in ca.toks if t.kind == "word"}
    pc = pa.toks[pm.i].clause
    first = next((k for k, t in enumerate(pa.toks) if t.clause == pc), 0)
    return any(t.clause == pc and first < k < pm.i and _cap(t) and t.tag != "label" and not _known_name(pa, k, have)
               and k not in placed
               and not t.low.endswith(DEMONYM) and t.low not in TITLES and not t.low.endswith(("'s", "’s"))
               and not _in_adjunct(pa, k, first) for k, t in enumerate(pa.toks))


_ROUTE = frozenset(["from", "to", "ends"])


def _unnamed(ca: _Analysis, cm: Mention, pa: _Analysis, placed: frozenset[int] = frozenset()) -> bool:
    """A name in the claim's clause (past its first word, not its place nor, for a route, its other end: `placed`)
    that the premise does not give."""
    said = {bare(t.low) for t in pa.toks if t.kind == "word"}
    c = ca.toks[cm.i].clause
    return any(t.clause == c and 0 < k and k not in cm.name_toks and k not in placed and _cap(t) and t.tag != "label"
               and bare(t.low) not in said and t.low not in TITLES for k, t in enumerate(ca.toks))


def _in_adjunct(a: _Analysis, k: int, first: int) -> bool:
    """Token k's name follows a preposition of an adjunct, through a list if need be: "on an Ariane 5 rocket",
    "flows through Peru, Colombia and Brazil"."""
    m = k
    while m > first and (_cap(a.toks[m - 1]) or a.toks[m - 1].text == "," or a.toks[m - 1].low in ("and", "or")
                         or (a.toks[m - 1].low in _INNER and m - 2 >= first and _cap(a.toks[m - 2]))):
        m -= 1  # "on the Champ de Mars": a name's inner word
    return any(x.low in _ADJUNCT for x in a.toks[max(first, m - 3):m])


def _known_name(a: _Analysis, k: int, have: set[str]) -> bool:
    """Token k's name is one the claim gives, in full or in part: "Vladimir Putin" for the claim's "Putin"."""
    i = j = k
    while i > 0 and _cap(a.toks[i - 1]):
        i -= 1
    while j + 1 < len(a.toks) and _cap(a.toks[j + 1]):
        j += 1
    return any(bare(a.toks[m].low) in have for m in range(i, j + 1))


_PERIOD_WORDS = frozenset("every each last next this summer winter spring autumn".split())  # "held every summer in"
# a name after one of these is an adjunct of the fact ("on an Ariane 5 rocket"), not one of its parties
_ADJUNCT = frozenset("on by with aboard for of via under through across past between".split())



def _place_words(a: _Analysis, m: Mention) -> frozenset[str]:
    """The lemmas of the mention's own words (names and the 'northern', 'city of' before them)."""
    return frozenset(t.lemma for t in a.toks[m.i:m.j] if t.lemma)
