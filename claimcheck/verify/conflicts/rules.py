"""The number and date rules, and `find_conflict`, which runs every rule on a claim and a premise sentence."""
from __future__ import annotations

from collections.abc import Collection

from .align import (_SCHEDULE, Conflict, _analyse, _clause_of, _other_label, _other_named, _others_agree,
                    _slot_context_ok, short_names)
from .dates import _dates_compatible
from .arguments import Parse, argument_conflicts
from .mentions import PlaceFacts
from .places import place_conflicts
from .distance import distance_conflicts, part_conflicts
from .exclusion import exclusion_conflicts
from .comparatives import comparative_conflicts
from .names import name_conflicts
from .ordinals import ordinal_conflicts
from .persons import person_conflicts
from .negation import _antonym_conflicts, _negation_conflicts, prefix_negated
from .quantities import _bare_compatible, _compatible
from .text import _BE, _CHANGE_LEMMAS, _LEX, _OPPOSITE_LEMMAS, _UP_DOWN, _Analysis, _lemma, _share


def _follow(a: _Analysis, q, n: int = 3) -> set[str]:
    """Content words in the n tokens after a quantity, inside its clause: what it counts or measures."""
    c = a.toks[q.i].clause
    return {t.lemma for t in a.toks[q.j : q.j + n] if t.clause == c and t.lemma}


_MEASURE_VERBS = frozenset(_lemma(w) for w in """total totalled reach reached rise rose fall fell come came stand
stood amount amounted hit climb climbed drop dropped grow grew""".split())
# verbs of having, which a count said before its noun leaves out: "consists of three layers" / "a five-layer shield"
_POSSESS = frozenset(_lemma(w) for w in "consist consists comprise comprises contain contains include includes "
                     "feature features boast boasts".split())
_SUBJECT_END = frozenset("for in of at on during over from since after before with by".split())


def _measured(a: _Analysis, q) -> str | None:
    """What a quantity measures, when the sentence names it before the number: "revenue of £398 million" ->
    revenue; "Harbourline's operating profit for the quarter was £29 million" -> profit (the subject's last word
    before its first preposition); None when it does not ("cut 1,200 jobs": _follow reads what follows)."""
    toks, c = a.toks, a.toks[q.i].clause
    k = q.i - 1
    if k >= 1 and toks[k].low == "of" and toks[k - 1].lemma and toks[k - 1].clause == c and not toks[k - 1].tag:
        return toks[k - 1].lemma
    while k >= 0 and toks[k].clause == c and (toks[k].low in ("to", "at", "in", "by") or toks[k].tag == "qual"):
        k -= 1
    if k < 1 or toks[k].clause != c or not (toks[k].low in _BE or _lemma(toks[k].text) in _MEASURE_VERBS):
        return None
    start = next(m for m in range(k + 1) if toks[m].clause == c)
    end = next((m for m in range(start, k) if toks[m].low in _SUBJECT_END or toks[m].kind == "punct"), k)
    heads = [t.lemma for t in toks[start:end] if t.lemma and not t.tag and not t.text[:1].isupper()]
    return heads[-1] if heads else None


def _other_measure(ca: _Analysis, cq, pa: _Analysis, p) -> bool:
    """The two numbers measure two things: both name it, and the names differ ("operating profit" / "revenue",
    "each mirror segment" / "the primary mirror")."""
    if cq.measure and p.measure and cq.measure != p.measure:  # "25 metres long" / "10 metres wide"
        return True
    cm, pm = _measured(ca, cq), _measured(pa, p)
    return cm is not None and pm is not None and cm != pm


# what a measure noun counts: "a population of 2,417" counts inhabitants, "a seating capacity of 31,000" seats
_COUNTED = {_lemma(k): frozenset(_lemma(w) for w in v.split()) for k, v in {
    "population": "inhabitants residents people citizens",
    "capacity": "seats spectators people fans visitors passengers guests",
    "attendance": "spectators people fans visitors",
    "workforce": "employees workers people staff",
    "enrolment": "students pupils", "enrollment": "students pupils",
}.items()}


def _counts(a: _Analysis) -> frozenset:
    """What the measure nouns of a sentence count: "with a population of 2,417" -> inhabitants, residents ..."""
    return frozenset().union(*(_COUNTED.get(t.lemma, ()) for t in a.toks))


def _framed(a: _Analysis, cq, bare: list) -> list:
    """The premise's unitless numbers that count what the claim's number does, by the noun they follow:
    "24,170 inhabitants" / "with a population of 2,417"."""
    out = []
    for b in bare:
        k = b.i - 1
        if cq.head and cq.key[1] == b.key[1] and k >= 1 and a.toks[k].low == "of" \
                and cq.head in _COUNTED.get(a.toks[k - 1].lemma, ()):
            out.append(b)
    return out


def _number_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    out = []
    for cq in ca.qtys:
        same = [p for p in pa.qtys if p.key == cq.key] + _framed(pa, cq, pa.bare)
        if not same:
            continue
        # "about five years of operations" vs "more than 20 years of science operations, beyond its five-year
        # baseline mission": compare with the premise values that count the same thing, when some do
        follow = _follow(ca, cq)
        if follow and any(_follow(pa, p) & follow for p in same):
            same = [p for p in same if _follow(pa, p) & follow]
        claim_same = [q for q in ca.qtys if q.key == cq.key]
        if any(_compatible(q, p) for q in claim_same for p in same):
            continue
        # "four or six wheels": the first number counts the wheels too
        if any(b.j + 1 == cq.i and ca.toks[b.j].low == "or" and _bare_compatible(p, b) for b in ca.bare for p in same):
            continue
        if any(_bare_compatible(cq, b) for b in pa.bare) or any(p.key[0] == cq.key[0] for p in pa.relative):
            continue
        head = frozenset([cq.head]) if cq.head else frozenset()
        # both values are changes: "rose 18 percent" / "up 8 percent" need not share the verb
        free = _CHANGE_LEMMAS if cq.key[1] == "delta" else frozenset()
        if cq.key[0].startswith("head:"):  # "consists of three layers" / "a five-layer sunshield"
            free |= _POSSESS
        best = None
        for p in same:
            if _other_measure(ca, cq, pa, p):
                continue
            share = _slot_context_ok(ca, cq.i, cq.j, pa, p.i, min_alignment, head, free)
            if share is None:
                continue
            cc, pc = _clause_of(ca, cq.i), _clause_of(pa, p.i)
            if not cq.mods <= pa.clause_words(pc) or not p.mods <= ca.clause_words(cc):
                continue
            if not _others_agree(ca, cc, pa, pc, skip_dates=False, skip_qtys=True):
                continue
            if best is None or share > best[0]:
                best = (share, p)
        if best is not None:
            out.append((best[0], 0, Conflict("number", cq.text, best[1].text, round(g, 3))))
    return out


def _change_word(a: _Analysis, q) -> tuple[int, int] | None:
    """(token, +1 or -1) of the word that says which way a change went: "rose 2%", ", down 2%", "fell by 3 percent"."""
    for k in range(q.i - 1, max(-1, q.i - 4), -1):
        t = a.toks[k]
        if t.clause != a.toks[q.i].clause:
            break
        if t.low in _UP_DOWN:
            return k, _UP_DOWN[t.low]
        group = _OPPOSITE_LEMMAS.get(t.lemma)
        if group and group[0] == "change":
            return k, group[1]
    return None


def _direction_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    """The same change said the other way: "revenue rose 2%" / "revenue of £398 million, down 2%"."""
    out = []
    for cq in (q for q in ca.qtys if q.key[1] == "delta"):
        cw = _change_word(ca, cq)
        if cw is None:
            continue
        for p in (p for p in pa.qtys if p.key == cq.key and _compatible(cq, p)):
            pw = _change_word(pa, p)
            if pw is None or pw[1] != -cw[1]:
                continue
            share = _slot_context_ok(ca, cq.i, cq.j, pa, p.i, min_alignment, free=_CHANGE_LEMMAS | set(_UP_DOWN))
            if share is not None and _others_agree(ca, _clause_of(ca, cq.i), pa, _clause_of(pa, p.i),
                                                   skip_dates=False, skip_qtys=True):
                out.append((share, 0, Conflict("number", ca.span(cw[0], cq.j), pa.span(pw[0], p.j), round(g, 3))))
                break
    return out


_PREPOSITIONS = frozenset("in of at for from on by with across".split())


def _named_subject(a: _Analysis, k: int) -> bool:
    """The word before token k is a name: "the Berlin Wall fell" (a thing that falls once), not "exports fell"."""
    return k > 1 and a.toks[k - 1].lemma != "" and a.toks[k - 1].text[:1].isupper() \
        and a.toks[k - 2].low not in _PREPOSITIONS  # "inflation in Teveria fell": the name is no subject


def _changes(a: _Analysis, c: int) -> bool:
    """Clause c says a measure changed ("exports rose", "inflation fell to 3.1 percent"), not that a named thing did."""
    return any(t.clause == c and t.lemma in _CHANGE_LEMMAS and not _named_subject(a, k) for k, t in enumerate(a.toks))


def _date_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    out = []
    for cd in ca.dates:
        since = _since(ca, cd)
        if cd.bounded and not since:
            continue
        cc = _clause_of(ca, cd.i)
        if cd.day is None and _changes(ca, cc):
            continue  # "exports rose in May": a recurring measure, not one event ("raised rates on 5 September",
            # "the Berlin Wall fell in November 1989" are)
        # a bound ("closed since 2019") says when a state began, not when the claim's event was: not compared, and
        # a clause that holds one ("prices in 1996 were up 8% since 1990") compares periods, not an event's date
        # ... but "has been held since 1997" / "held every summer since 1987" say when one state began
        life = any(t.low in _LIFE for t in ca.toks if t.clause == cc)  # "was born in 1856": the span's own dates
        points = [p for p in pa.dates if (_since(pa, p) if since else not p.bounded) and (life or not _lifespan(pa, p))]
        if not points or any(_dates_compatible(d, p) for d in _listed_with(ca, cd) for p in points):
            continue  # "built in 1913 and 1921" / "built in 1921": one of a list the premise gives
        bounded = set() if since else {_clause_of(pa, p.i) for p in pa.dates if p.bounded}
        # "is set for 2 June": the verb says the day is planned, not what happens on it
        plan = frozenset([ca.toks[cd.i - 2].lemma]) if cd.i > 1 and ca.toks[cd.i - 1].low == "for" \
            and ca.toks[cd.i - 2].low in _SCHEDULE else frozenset()
        best = None
        for p in (p for p in points if _clause_of(pa, p.i) not in bounded):
            if cd.day is None and _changes(pa, _clause_of(pa, p.i)):
                continue  # "Inflation in Teveria fell to 3.1 percent in May": the month of a measure, as above
            share = _slot_context_ok(ca, cd.i, cd.j, pa, p.i, min_alignment, free=plan,
                                     scheduled=cd.day is not None and p.day is not None)
            if share is None:
                continue
            if not _others_agree(ca, cc, pa, _clause_of(pa, p.i), skip_dates=True, skip_qtys=False):
                continue
            if best is None or share > best[0]:
                best = (share, p)
        if best is not None:
            out.append((best[0], 1, Conflict("date", cd.text, best[1].text, round(g, 3))))
    return out


_LIFE = frozenset("born birth died death".split())


def _lifespan(a: _Analysis, d) -> bool:
    """A date of a bracketed span after a name, "Leslie Groves (17 August 1896 -- 13 July 1970) was ...": when
    the person lived, not when the sentence's fact happened."""
    toks = a.toks
    start = next((k for k in range(d.i - 1, max(-1, d.i - 8), -1) if toks[k].text in "()"), None)
    if start is None or toks[start].text != "(" or start == 0 or not toks[start - 1].text[:1].isupper() \
            and toks[start - 1].text != ".":
        return False
    end = next((k for k in range(d.j, min(len(toks), d.j + 12)) if toks[k].text in "()"), None)
    inside = [e for e in a.dates if start < e.i and (end is None or e.j <= end)]
    dash = any(t.text in ("-", "–", "—") or t.low == "to" for t in toks[start:end or len(toks)])
    return len(inside) == 2 and dash


def _listed_with(a: _Analysis, d) -> list:
    """d and the dates listed with it ("in 1913 and 1921", "in 1660 or 1661", "in 1998, 2002 and 2006")."""
    runs: list[list] = []
    for e in sorted(a.dates, key=lambda x: x.i):
        last = runs[-1][-1] if runs else None
        if last is not None and e.i - last.j <= 1 and all(t.low in (",", "and", "or") for t in a.toks[last.j:e.i]):
            runs[-1].append(e)
        else:
            runs.append([e])
    return next((r for r in runs if d in r), [d])


def _since(a: _Analysis, d) -> bool:
    return d.bounded and d.i > 0 and a.toks[d.i - 1].low == "since"


KINDS = ("number", "date", "negation", "place", "distance", "name", "person", "ordinal", "comparative")


def find_conflict(claim: str, premise: str, min_alignment: float = 0.6, *, places: PlaceFacts | None = None,
                  kinds: Collection[str] | None = None, parse: Parse | None = None) -> Conflict | None:
    """The strongest conflict between a claim and a premise sentence, or None (see `find_conflicts`)."""
    found = find_conflicts(claim, premise, min_alignment, places=places, kinds=kinds, parse=parse)
    return found[0] if found else None


def find_conflicts(claim: str, premise: str, min_alignment: float = 0.6, *, places: PlaceFacts | None = None,
                   kinds: Collection[str] | None = None, parse: Parse | None = None) -> list[Conflict]:
    """Every conflict the rules find between a claim and a premise sentence, the strongest first.

    Number / date / negation rules: None whenever the claim's content words are less than `min_alignment`
    present in the premise, or the premise is about another entity of the claim's kind. Slot rules
    (place ...) hold their own slot out of both. `places`: what the corpus says about places the gazetteer
    does not know (`place_facts`); `kinds`: run only these rules (default: all, see KINDS); `parse`: a spaCy
    pipeline (text -> Doc) for the rule that reads a verb's named arguments from the parse (arguments.py; its
    conflicts are of kind name or person), off without one."""
    ca, pa = _analyse(claim), _analyse(premise)
    ca = short_names(ca, claim, premise)
    want = frozenset(KINDS if kinds is None else kinds)
    found = []
    if not (_other_label(ca, pa) or _other_named(claim, premise)):
        g = _share(ca.content(), pa.content())
        g_num = _share(ca.content(), pa.content() | _counts(pa))  # "inhabitants" / "a population of 2,417"
        if g_num >= min_alignment and g_num > 0.0 and "number" in want:
            found += _number_conflicts(ca, pa, g_num, min_alignment) + _direction_conflicts(ca, pa, g_num, min_alignment)
        if g >= min_alignment and g > 0.0:
            if "date" in want:
                found += _date_conflicts(ca, pa, g, min_alignment)
            if "negation" in want:
                found += _negation_conflicts(prefix_negated(ca, pa), prefix_negated(pa, ca), g, min_alignment)
        # for opposite verbs the verbs are the values: "opposed" vs "voted in favour of"
        g_lex = _share(ca.content() - _LEX, pa.content() - _LEX)
        if g_lex >= min_alignment and g_lex > 0.0 and "negation" in want:
            found += _antonym_conflicts(ca, pa, g_lex, min_alignment)
    g = _share(ca.content(), pa.content())
    slot_rules = {"place": lambda: place_conflicts(ca, pa, g, min_alignment, places or PlaceFacts()),
                  "distance": lambda: distance_conflicts(ca, pa, g, min_alignment) + part_conflicts(ca, pa, min_alignment),
                  "name": lambda: name_conflicts(ca, pa, g, min_alignment),
                  "person": lambda: person_conflicts(ca, pa, g, min_alignment),
                  "ordinal": lambda: ordinal_conflicts(ca, pa, g, min_alignment),
                  "comparative": lambda: comparative_conflicts(ca, pa, g, min_alignment)}
    for kind, rule in slot_rules.items():
        if kind in want:
            found += rule()
    if "negation" in want:  # what the premise rules out: "by train rather than by helicopter"
        found += exclusion_conflicts(ca, pa, g, min_alignment)
    if parse is not None and want & {"name", "person"}:
        found += [x for x in argument_conflicts(claim, premise, ca, pa, parse, min_alignment) if x[2].kind in want]
    found.sort(key=lambda x: (-x[0], x[1]))
    return [c for _, _, c in found]
