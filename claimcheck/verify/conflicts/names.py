"""Named things of one kind in one role: "launched on a Soyuz rocket" / "on an Ariane 5 rocket".

A named thing is the noun phrase after a preposition of means or vehicle (on, aboard, by, with, using, in,
into) that holds a name: capitalised words or a label ("Ariane 5", "Falcon 9"), with or without a head noun
("a Soyuz rocket", "the frigate HMS Calder", "an Atlas V", "a 12-metre trimaran named Sea Wren", "the MV Isle of
Arran"). So is the object of "used ... to V" (V's instrument, as "by" or "with" one: "used a Sea King helicopter to
lift"), a named vehicle that is the subject of a verb of carrying ("A Boeing 747 freighter flew the gear",
"Shenzhou 15 carried the crew", as "on" one), and a named vehicle that is the subject of any other verb ("The
submersible Alvin found the wreck", as the "by" of a passive). Two of them conflict when they take the same role
after the same word (the claim's verb or noun before the preposition is in the premise clause, or both clauses
tell of moving: "came back" / "returned"), share their head noun (or both have none, or both are vehicles of one
kind: "freighter" / "cargo plane"; or one is a bare name sharing a word with the other's: "the RRS James Cook" /
"the research ship RRS Discovery"), are two things (each name has words of its own, neither is the other's
initials or misspelling), the premise names the claim's thing nowhere, and the clauses align once the names are
left out (align.slot_guard). This is the counterpart of align.other_entity, which keeps two telescopes in two
different sentences from being compared: here the names ARE the slot compared.
A place name is no named thing (places.py reads it), unless a vehicle's noun heads it ("the tug Hercules"); neither
is a date.
"""
from __future__ import annotations

from dataclasses import dataclass

from .align import Conflict, listed, other_entity, slot_guard
from .gazetteer import gazetteer
from .mentions import _NOT_NAMES, PLACE_KINDS, mentions
from ...claims.lexicon import VEHICLE_CLASSES
from .text import (_AUX, _IRREGULAR_VERBS, _MONTHS, _Analysis, _lemma, _share, bare, initials, near_spelling,
                   possessive, variants)

ROLE = {"on": "on", "aboard": "on", "onboard": "on", "in": "on", "into": "on", "by": "by", "with": "with",
         "using": "with"}
# verbs whose object is the vehicle one travels on: "took the ferry Pride of Kent", "boarded an Airbus A321"
_BOARD = frozenset("took take takes taking boarded board boards boarding rode ride rides riding".split())
_USE = frozenset(["use", "used", "uses"])  # "used X to lift the climber": X is the instrument, as "with X" or "by X"
_USED = frozenset(_lemma(w) for w in _USE)
_SKIP = frozenset("the a an its his her their our chartered commercial private new old small single".split())
_STOP = frozenset("on aboard in into by with using from to at for of after before while and or when as than "
                  "that which who rather".split())
_PHRASE_END = _STOP | _AUX  # what may follow a noun phrase's last word


@dataclass(frozen=True)
class Thing:
    role: str
    i: int  # the preposition, the subject's determiner or first word
    m: int  # the phrase's first word
    j: int  # one past the phrase
    names: frozenset[str]
    head: str  # lemma of the lower-case head noun, "" when none
    toks: frozenset[int]
    subject: bool = False  # the subject of a verb ("A Soyuz rocket carried", "Shenzhou 15 carried")
    verb_at: int = -1  # the word its role hangs on, when not the usual one: "reach" in "X was used to reach"


_ADVERBS = frozenset("overnight today yesterday tonight together alone again ago late early".split())


def _not_head(t) -> bool:
    """A word after a noun phrase that is no noun of it: a participle ("a Falcon 9 rocket launched from"), an adverb
    ("in Chinook helicopters overnight")."""
    return t.low.endswith("ed") or t.low in _ADVERBS


def _lower_owner(t) -> bool:
    return t.kind == "word" and t.text[0].islower() and possessive(t.low)


# common nouns written in capitals: "aired on TV" names no channel, "released on DVD" no one format
_CAPITAL_NOUNS = frozenset("tv dvd cd vhs".split())


def _is_name(t) -> bool:
    return (t.kind == "word" and t.text[0].isupper() and t.low not in _NOT_NAMES and t.low not in _CAPITAL_NOUNS
            and t.tag != "date") \
        or (t.kind == "num" and t.tag == "label")


def things(a: _Analysis) -> list[Thing]:
    toks, n, out = a.toks, len(a.toks), []
    for k, t in enumerate(toks):
        opens = k == 0 or toks[k - 1].clause != t.clause or toks[k - 1].text == ","
        subject = opens and t.low in ("a", "an", "the")
        plain = opens and not subject and t.kind == "word" and _is_name(t)  # a model: "Shenzhou 15 carried the crew"
        if t.kind != "word" or (t.low not in ROLE and t.low not in _USE and t.low not in _BOARD and not subject
                                and not plain):
            continue
        m = k if plain else k + 1
        while m < n and (toks[m].low in _SKIP or _lower_owner(toks[m])):
            m += 1  # "used the station's Canadarm2 arm": a common noun's possessive is a determiner
        names, head, idx, end, inside = [], "", [], m, False
        while end < n and end - m < 6:
            u = toks[end]
            if u.low == "of" and names and _is_name(toks[end - 1]) and end + 1 < n and _is_name(toks[end + 1]):
                end += 1  # "the MV Isle of Arran": "of" inside a name
                continue
            if u.kind == "punct" and u.text not in ("-",) or u.low in _STOP or u.tag == "date" \
                    or (u.low in _NOT_NAMES and not (names and u.low in _MONTHS)):  # "a Long March 5 rocket"
                break
            if not names and (u.tag in ("value", "unit") or (head and u.low in ("named", "called"))):
                end += 1  # "a 12-metre trimaran named Sea Wren": a size before the head, the name after "named"
                continue
            if _is_name(u) or (names and u.low in _MONTHS and u.text[0].isupper()):  # "Kim's honour" names Kim
                if head and names and inside and head not in _VEHICLES:
                    # "the Chandra X-ray Observatory": a lower-case word inside a name; "the Air Zermatt helicopter
                    # HB-ZVS" is a helicopter
                    names.append(head)
                    head = ""
                names.extend(bare(w) for w in u.low.split("-"))
                idx.append(end)
                if len(names) > 1 and possessive(u.low) and end + 1 < n and not _is_name(toks[end + 1]):
                    end += 1  # "the James Webb Space Telescope's infrared spectrograph": the telescope's own part
                    break
            elif u.kind == "word" and u.lemma and not u.tag:
                if (subject or plain) and names and u.lemma in _CARRY:
                    break  # "Shenzhou 15 carried": the verb, no head noun
                last = end + 1 >= n or toks[end + 1].kind != "word" or toks[end + 1].low in _PHRASE_END
                if names and head and (u.lemma in _VEHICLES or (last and inside and not _not_head(u))):
                    # a compound head: "an Antonov An-124 cargo plane", "the Dextre robotic arm", "the Atlas drilling
                    # rig was used"
                    head = u.lemma
                    idx.append(end)
                    end += 1
                    continue
                if names and head:
                    break
                head, inside = u.lemma, bool(names)  # inside: the word came after a name began
                idx.append(end)
            elif u.kind == "num" and names:
                names.append(u.low)
                idx.append(end)
            else:
                break
            end += 1
        if possessive(toks[end - 1].low) and not (end < n and toks[end].kind == "word" and toks[end].text[0].islower()):
            continue  # "on NBC's "Chuck"": the owner of an unread name
        if not names or end == m or (not head and t.low in ("in", "into", "by")):
            continue  # "in Montbrac": a place or nothing; a bare name needs on / aboard / with
        if t.low in _USE and not (end + 1 < n and toks[end].low == "to" and toks[end + 1].lemma):
            continue  # "used a Sea King helicopter to lift": the instrument of the verb after "to"
        verb = toks[end].lemma if (subject or plain) and end < n and toks[end].kind == "word" else None
        used = _used_for(a, end) if subject or plain else None
        if used is not None and not listed(a, m, end, _is_name, before=False):
            # "The Atlas drilling rig was used to reach the miners": the instrument, as in "used X to reach"; "was
            # used in the operation": the instrument of the operation
            out.append(Thing("use", k, m, end, frozenset(names), head, frozenset(idx), verb_at=used))
            continue
        if plain and not ((verb in _CARRY and any(toks[x].kind == "num" for x in idx)) or (head in _VEHICLES and verb)) \
                or subject and not (head in _VEHICLES and verb):
            continue  # "A Boeing 747 freighter flew the gear to Lima": a vehicle that carries, as "on" one;
            # "The submersible Alvin found the wreck": a vehicle that does, as "by" one ("found by the ROV Hercules")
        if listed(a, m, end, _is_name, before=False):
            continue  # one of a list: "with Derek George and John Tirro"
        text = a.span(m, end)
        if head not in _VEHICLES and (not head or head in PLACE_KINDS) \
                and (gazetteer().lookup(" ".join(toks[x].text for x in idx if _is_name(toks[x])))
                     or gazetteer().lookup(text)):
            continue  # a place: places.py reads it ("the tug Hercules" is a vessel, "a Mako robotic arm" an arm)
        if t.low in _BOARD and not (head in _VEHICLES or _model(names)):
            continue  # "took the ferry Pride of Kent", "boarded an Airbus A321"; not "took the Senate"
        role = ("on" if verb in _CARRY else "subj") if verb else "on" if t.low in _BOARD else ROLE.get(t.low, "use")
        out.append(Thing(role, k, m, end, frozenset(names), head, frozenset(idx), bool(verb)))
    return out


# what a vehicle's phrase never holds: "the", "its", a preposition ("via the Eutelsat 70B satellite")
_OPENERS = _STOP | frozenset("the a an its his her their our via through from inside".split())


def vehicles(a: _Analysis) -> list[Thing]:
    """Every named vehicle of the sentence, whatever its role or verb (role "any"): a vehicle noun with a name before or
    after it ("a Canadair CL-415 water bomber", "the Intelsat 20 satellite", "the navy frigate HMS Argyll"), or a
    name with a model number ("an LC-130 Hercules", "a Boeing 767"). For the substitution check (substitution.py),
    where the verifier, not the role rules, says the two sentences tell of one act."""
    toks, n, out, taken = a.toks, len(a.toks), [], set()

    def name(x: int) -> bool:  # "Long March 5": a month's word inside a name
        t = toks[x]
        return t.low not in _OPENERS and (_is_name(t) or (x > 0 and t.low in _MONTHS and t.text[0].isupper()
                                                          and _is_name(toks[x - 1])))

    def word(x: int) -> bool:  # a word a vehicle's phrase may hold before its noun
        t = toks[x]
        return name(x) or (_modifier(t) and t.low not in _OPENERS and t.low not in _AUX and t.tag != "date")

    for h, t in enumerate(toks):
        if t.kind != "word" or not t.text[0].islower() or t.lemma not in _VEHICLES or _not_head(t) or h in taken:
            continue
        i = h
        while i > 0 and h - i < 6 and word(i - 1):
            i -= 1
        j = h + 1
        while j < n and name(j):
            j += 1
        idx = [x for x in range(i, j) if name(x) and (x > 0 or toks[x].tag == "label")]  # "All cars": no name
        if idx and not (i > 0 and possessive(toks[i - 1].low)):
            names = frozenset(bare(w) for x in idx for w in toks[x].low.split("-"))
            out.append(Thing("any", i, i, j, names, t.lemma, frozenset(range(i, j))))
            taken.update(range(i, j))
    k = 0
    while k < n:  # a model without a noun: "an LC-130 Hercules flew"
        if k in taken or not name(k):
            k += 1
            continue
        j = k
        while j < n and name(j) and j not in taken:
            j += 1
        names = frozenset(bare(w) for x in range(k, j) for w in toks[x].low.split("-"))
        if _model(names) and k > 0 and toks[k - 1].low in ("a", "an", "the", "aboard", "on", "by") \
                and not (j < n and _noun_after(toks[j])):
            out.append(Thing("any", k, k, j, names, "", frozenset(range(k, j))))
        k = j
    return sorted(out, key=lambda th: th.m)


def _modifier(t) -> bool:
    """A lower-case word that may stand in a noun phrase before its head: no participle or adverb (`_not_head`), no
    irregular past ("left") and no plural or verb in -s ("designers", "lifts")."""
    return t.kind == "word" and t.text[0].islower() and not _not_head(t) and t.low not in _IRREGULAR_VERBS \
        and not (t.low.endswith("s") and not t.low.endswith("ss"))


def _noun_after(t) -> bool:
    """A lower-case word after a model's name that may be its noun: "the ELA-3 launch complex" is no vehicle (a
    vehicle's noun is read above); "an LC-130 Hercules flew", "A Falcon 9 lifts off" go on with a verb."""
    return _modifier(t) and t.low not in _PHRASE_END


def _model(names) -> bool:
    """A model designation among a thing's name words: "E190", "CRJ900", "AW169"."""
    return any(ch.isdigit() for w in names for ch in w)


def _used_for(a: _Analysis, end: int) -> int | None:
    """After a noun phrase ending at `end`, "was used to V" -> V's index; "was used in / for / during the N" -> N's
    index (the first word with a lemma after the article, within three words); else None."""
    toks, n = a.toks, len(a.toks)
    if end + 3 >= n or toks[end].low not in ("was", "were") or toks[end + 1].low != "used":
        return None
    if toks[end + 2].low == "to":
        return end + 3 if toks[end + 3].lemma else None
    if toks[end + 2].low in ("in", "for", "during"):
        return next((x for x in range(end + 3, min(end + 6, n)) if toks[x].lemma), None)
    return None


def _place_lemmas(a: _Analysis, things_: list[Thing]) -> frozenset[str]:
    """Words of the place mentions, but for those of a named thing ("in a SpaceX Crew Dragon capsule")."""
    own = {k for th in things_ for k in th.toks}
    return frozenset(a.toks[k].lemma for m in mentions(a) for k in range(m.i, m.j) if a.toks[k].lemma and k not in own)


def anchor(a: _Analysis, k: int) -> str | None:
    c = a.toks[k].clause
    for t in reversed(a.toks[:k]):
        if t.clause != c:
            return None
        if t.lemma:
            return t.lemma
    return None


# the kinds of vehicle and craft (claims.lexicon, as lemmas): "a Boeing 747 freighter" / "an Antonov An-124 cargo plane"
_CLASSES = [frozenset(_lemma(w) for w in c) for c in VEHICLE_CLASSES]
_VEHICLES = frozenset().union(*_CLASSES)
MOTION = frozenset(_lemma(w) for w in "launch launched send sent fly flew flown travel travelled traveled arrive "
                    "arrived reach reached carry carried lift lifted return returned come came go went gone sail "
                    "sailed land landed dock docked cross crossed".split())
_PARTICLES = frozenset(_lemma(w) for w in "back up off out away".split())  # "came back", "went up"


def _roles_meet(a: Thing, b: Thing) -> bool:
    """One role; an instrument "used to" is one "by", "with" or "on" ("taken on a Leica camera"); a vehicle "by" is
    one "on" ("carried into orbit by a Long March 5 rocket" / "A Proton rocket carried ...", "by train" / "on a
    train")."""
    x, y = sorted((a.role, b.role))
    return x == y or ("use" in (x, y) and {x, y} <= {"use", "by", "with", "on"}) \
        or (x == "by" and y in ("on", "subj") and (a.head in _VEHICLES or b.head in _VEHICLES))


def _heads_meet(a: Thing, b: Thing) -> bool:
    """One head noun, two of one class of vehicle ("freighter" / "cargo plane", "rocket" / "launcher"), or a vehicle
    and a bare name with a word of its name ("the research ship RRS Discovery" / "the RRS James Cook") or a model
    number ("an Embraer E190 jet" / "a Bombardier CRJ900")."""
    x, y = a.head, b.head
    bare_one = b if x else a  # the one without a head, when one has none
    return x == y or any(x in c and y in c for c in _CLASSES) \
        or (not (x and y) and (x or y) in _VEHICLES and (bool(a.names & b.names) or _model(bare_one.names)))


def _same_thing(a: Thing, b: Thing) -> bool:
    """One name inside the other ("Webb" / "the James Webb Space Telescope"); "HMS Calder" / "HMS Brenton" and
    "Soyuz MS-24" / "Soyuz MS-25" each have words of their own: two things. "RAF" is "Royal Air Force", "Monthy
    Python" is "Monty Python" misspelt."""
    own_a, own_b = a.names - b.names, b.names - a.names
    return not own_a or not own_b or initials(own_a, own_b) or initials(own_b, own_a) \
        or any(near_spelling(x, y) for x in own_a for y in own_b) or variants(own_a, own_b)


def _said(a: _Analysis, th: Thing) -> str:
    """The thing as the sentence says it, with its article: "a Soyuz rocket", "Shenzhou 15"."""
    return a.span(min(th.i + 1, th.m), th.j)


def _verb(a: _Analysis, th: Thing) -> str | None:
    """The word a thing's role hangs on: the verb after "to" for an instrument ("used X to lift"), else the word
    before the preposition."""
    if th.verb_at >= 0:
        return a.toks[th.verb_at].lemma
    if th.subject:
        return a.toks[th.j].lemma
    return a.toks[th.j + 1].lemma if th.role == "use" else anchor(a, th.i)


_CARRY = MOTION | frozenset(_lemma(w) for w in "ferried transported delivered took brought towed moved".split())
_MOVE = _CARRY | _PARTICLES  # words of moving, left out of the alignment: "came back to Earth" / "returned to Earth"


def _anchors_meet(can: str | None, pa: _Analysis, pc: int, panchor: str | None) -> bool:
    """The claim's word before its thing is in the premise clause, or both clauses tell of moving ("brought the
    supplies" / "the supplies reached Beira on ...")."""
    return not can or can in pa.clause_words(pc) or (can in _CARRY and (panchor in _CARRY
                                                                         or bool(pa.clause_words(pc) & _CARRY)))


def name_conflicts(ca: _Analysis, pa: _Analysis, g: float, min_alignment: float):
    cts = things(ca)
    if not cts:
        return []
    pts = things(pa)
    places = _place_lemmas(ca, cts) | _place_lemmas(pa, pts)  # another slot, read by places.py
    said = frozenset(bare(w) for w in pa.words_low())
    out = []
    for ct in cts:
        cands = [pt for pt in pts if _roles_meet(ct, pt) and _heads_meet(ct, pt)]
        if not cands or any(_same_thing(ct, pt) for pt in cands) or ct.names <= said:
            continue  # the premise names the claim's thing, in the role or elsewhere ("ranks high on the Human
            # Development Index (66th), Social Progress Index (47th)")
        can = _verb(ca, ct)
        best = None
        for pt in cands:
            pc = pa.toks[pt.i].clause
            panchor = _verb(pa, pt)
            if not _anchors_meet(can, pa, pc, panchor):
                continue
            cown = {t.lemma for t in ca.toks[ct.i:ct.j] if t.lemma}
            # "The four crew members ... in a SpaceX Crew Dragon": a word of the claim outside its thing stays
            outside = {t.lemma for k, t in enumerate(ca.toks) if t.lemma and not ct.i <= k < ct.j}
            pown = {t.lemma for t in pa.toks[pt.i:pt.j] if t.lemma}
            frame = _USED if "use" in (ct.role, pt.role) else frozenset()  # "was used in" says "with"
            if _share(ca.content() - cown - _MOVE - places - frame, pa.content() - _MOVE) < min_alignment:
                continue
            share = slot_guard(ca, ca.toks[ct.i].clause, {ct.i, *ct.toks}, pa, pc, {pt.i, *pt.toks}, min_alignment,
                               exclude=frozenset((cown | pown) - outside) | _MOVE | places | frame)
            if share is None:
                continue
            if other_entity(ca, pa, [(ca.toks[ct.i].start, ca.toks[ct.j - 1].end)],
                            [(pa.toks[pt.i].start, pa.toks[pt.j - 1].end)]):
                continue
            if best is None or share > best[0]:
                best = (share, pt)
        if best is not None:
            pt = best[1]
            out.append((best[0], 3, Conflict("name", _said(ca, ct), _said(pa, pt), round(g, 3))))
    return out
