"""Word lists, lemmas and tokens: the sentence analysis the conflict rules read (clauses.py cuts it into clauses)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ...text.words import CONFLICT_STOP_WORDS
from .units import _UNIT_WORDS


# ----------------------------------------------------------------------------------------- lexicon

_NEGATORS = frozenset("not never no neither nor none nobody nothing cannot".split())
_DETERMINERS = frozenset("the a an its his her their our my your this that these those".split())
_AUX = frozenset("do does did is are was were be been being has have had will would can could may might "
                 "should must shall".split())
_SPLIT_WORDS = frozenset("but while whereas although though which who whom whose because unless however".split())
_BOUNDARY_PUNCT = frozenset(",;:()[]!?.\"—–")
_MODAL = frozenset("""planned plan plans scheduled schedule expected expect expects originally initially due
target targeted aim aims aimed intend intends intended propose proposed projected forecast predicted hope hopes
hoped decide decided decides agreed will would could might may should shall can cannot can't won't wouldn't
couldn't shouldn't mustn't""".split())
_OTHER = frozenset("different another other separate previous earlier later former".split())
# "has not visited since 2019", "the only card that does not charge", "not all": negation scope is not simple
_TEMPORAL_NEG = frozenset("yet longer anymore again since only some any all every".split())
_BE = frozenset("is are was were be been being isn't aren't wasn't weren't".split())
_ORDINAL_BEFORE = frozenset("first last past next final initial previous recent".split())
_COMPARATIVE = frozenset("""more less fewer longer shorter higher lower larger smaller bigger greater earlier later
than ago older younger faster slower times extra additional another other further""".split())
# irregular past forms and participles of verbs, with their base verb
_IRREGULAR_VERBS = {
    "met": "meet", "upheld": "uphold", "won": "win", "lost": "lose", "fell": "fall", "fallen": "fall",
    "rose": "rise", "risen": "rise", "held": "hold", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "went": "go", "gone": "go", "made": "make", "spent": "spend", "left": "leave", "began": "begin",
    "begun": "begin", "led": "lead", "sold": "sell", "told": "tell", "found": "find", "built": "build",
    "sent": "send", "kept": "keep", "paid": "pay", "flew": "fly", "flown": "fly", "ran": "run", "saw": "see",
    "seen": "see", "came": "come", "became": "become", "struck": "strike", "grew": "grow", "grown": "grow",
    "knew": "know", "known": "know", "brought": "bring", "bought": "buy", "caught": "catch", "fought": "fight",
    "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose", "drove": "drive", "driven": "drive",
    "shot": "shoot", "stood": "stand", "fled": "flee", "shrank": "shrink", "shrunk": "shrink", "slid": "slide",
    "forbade": "forbid", "forbidden": "forbid",
}
# words the stemmer would get wrong, with the word they count as
_IRREGULAR_WORDS = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot", "lives": "life",
    "data": "data", "media": "media", "us": "us", "news": "news", "propellant": "fuel", "liftoff": "launch",
}
_IRREGULAR = {**_IRREGULAR_VERBS, **_IRREGULAR_WORDS}
_IRREGULAR_PLURALS = frozenset("""people men women children police staff personnel crew troops cattle feet aircraft
sheep fish deer species series""".split())

_ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_NUMBER_WORDS = frozenset(_ONES) | frozenset(_TENS) | frozenset(_SCALES) | {"dozen", "half"}

_MONTHS = {m: i + 1 for i, m in enumerate("january february march april may june july august september "
                                          "october november december".split())}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                "oct": 10, "nov": 11, "dec": 12})
_AMBIGUOUS_MONTHS = frozenset(["may", "march", "jan", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                               "nov", "dec", "feb"])
_MONTH_CONTEXT = frozenset("in of since by until early late mid last next this from to between during before "
                           "after on".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DATE_BOUNDS = frozenset("before by until till after since from between through to".split())

_QUALIFIERS = [  # (words, kind), longest first
    (("no", "more", "than"), "upper"), (("no", "fewer", "than"), "lower"), (("no", "less", "than"), "lower"),
    (("in", "excess", "of"), "lower"), (("as", "many", "as"), "upper"), (("as", "much", "as"), "upper"),
    (("more", "than"), "lower"), (("at", "least"), "lower"), (("upwards", "of"), "lower"),
    (("just", "over"), "lower"), (("just", "under"), "upper"), (("less", "than"), "upper"),
    (("fewer", "than"), "upper"), (("up", "to"), "upper"), (("at", "most"), "upper"),
    (("close", "to"), "approx"), (("an", "estimated"), "approx"), (("over",), "lower"), (("under",), "upper"),
    (("below",), "upper"), (("about",), "approx"), (("around",), "approx"), (("approximately",), "approx"),
    (("nearly",), "approx"), (("almost",), "approx"), (("roughly",), "approx"), (("some",), "approx"),
    (("circa",), "approx"), (("estimated",), "approx"), (("~",), "approx"),
]

# opposite verbs: group -> (positive lemmas, negative lemmas); base forms only count after an auxiliary
_OPPOSITES = {
    "stance": ("support endorse", "oppose"),
    "decision": ("accept approve ratify pass", "reject veto"),  # and "turned down", "voted down"
    "ruling": ("uphold", "overturn quash"),
    "outcome": ("win", "lose"),
    "change": ("rise increase grow climb soar surge", "fall decrease decline drop plunge slump shrink tumble"),
    "motion": ("arrive", "depart"),
    "confirm": ("confirm admit acknowledge", "deny"),
    "access": ("open reopen", "close shut"),  # "remained open to traffic" / "was closed to traffic"
    "permission": ("allow permit legalise legalize authorise authorize", "ban bar prohibit forbid outlaw"),
}
_TIME_SENSITIVE = frozenset(["change", "outcome", "access"])  # every date/number must match both ways
_UP_DOWN = {"up": 1, "down": -1}  # a change said without a verb: "revenue of $2.3bn, up 8 percent"


# ------------------------------------------------------------------------------------------ lemmas

def _stem(w: str) -> str:
    if len(w) <= 3 or any(ch.isdigit() for ch in w):
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("ing") and len(w) > 5:
        w = _undouble(w[:-3])
    elif w.endswith("ed") and len(w) > 4:
        w = _undouble(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("our") and len(w) > 5:  # favour -> favor
        w = w[:-3] + "or"
    if w.endswith("is") and len(w) > 5:  # organise -> organize
        w = w[:-2] + "iz"
    return w


def _undouble(w: str) -> str:
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in "aeiou":
        return w[:-1]
    return w


def _lemma(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    s = _stem(_IRREGULAR.get(w, w))
    return _SAME_EVENT.get(s, s)


# verbs that tell one event, each class read as its first word: the aspect verbs, a closed class, say that an event
# began or ended ("began" / "started"); the others are the paraphrases news uses for one act ("was detained in
# Seville" / "was arrested in Marbella", "headed the delegation" / "led the delegation"). None is in _OPPOSITES.
SAME_EVENT_VERBS = ("begin start commence", "finish complete end conclude", "find discover", "gather collect",
                    "arrest detain", "lead head", "build construct", "found establish", "buy acquire purchase",
                    "use employ", "play perform", "catch capture", "arrive land")


def event_verb(word: str) -> str:
    """A verb's base form read as its class's first word ("detain" -> "arrest"), for the parse's lemmas."""
    return _EVENT_WORDS.get(word, word)


_EVENT_WORDS = {w: c.split()[0] for c in SAME_EVENT_VERBS for w in c.split()[1:]}
_SAME_EVENT = {_stem(w): _stem(c.split()[0]) for c in SAME_EVENT_VERBS for w in c.split()[1:]}


_OPPOSITE_LEMMAS: dict[str, tuple[str, int]] = {}
for _group, (_pos, _neg) in _OPPOSITES.items():
    for _w in _pos.split():
        _OPPOSITE_LEMMAS[_lemma(_w)] = (_group, +1)
    for _w in _neg.split():
        _OPPOSITE_LEMMAS[_lemma(_w)] = (_group, -1)
_CHANGE_LEMMAS = frozenset(k for k, (g, _) in _OPPOSITE_LEMMAS.items() if g == "change") | {"cut", "rais"}
_NEG_VERBS = frozenset(_lemma(w) for w in ("fail", "refuse", "decline"))  # negators when followed by "to"
_VOTE = _lemma("vote")
_TURN = _lemma("turn")  # "turned down"
_LEX = frozenset(_OPPOSITE_LEMMAS) | {_VOTE, _lemma("favour"), "back", _TURN}


# ---------------------------------------------------------------------------------------- analysis

_TOKEN_RE = re.compile(
    r"(?P<time>\d{1,2}:\d{2})"
    r"|(?P<num>(?:[A-Z]{1,2}\$|[$€£¥])?\d+(?:,\d{3})*(?:\.\d+)?(?:°?[A-Za-z%]+\d?)?)"
    r"|(?P<word>[^\W\d_][^\W_]*(?:['’][^\W\d_]+)?(?:-\d+[^\W\d_]*)?['’]?)"  # any script's letters: São Paulo, Tromsø
    r"|(?P<punct>[^\w\s])"
)
_NUM_RE = re.compile(r"^(?P<cur>[A-Z]{1,2}\$|[$€£¥])?(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)(?P<suf>°?[A-Za-z%]+\d?)?$")


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    kind: str  # word | num | time | punct
    low: str
    lemma: str = ""
    tag: str = ""  # "" | value | unit | qual | date | neg | lex
    clause: int = 0
    negated: bool = False


@dataclass
class _Qty:
    lo: float
    hi: float
    key: tuple  # (dimension or "head:<lemma>", role)
    unit: str
    i: int  # first token (qualifier included)
    j: int  # one past the last token
    text: str
    mods: frozenset = frozenset()
    head: str = ""
    measure: str = ""  # the dimension an adjective after a length names: "1,850 km long" -> length, "high" -> height
    span: bool = False  # an explicit range, both ends said: "4.25% to 4.5%", "between 5 and 10"


@dataclass
class _Date:
    years: tuple[int, int] | None
    month: int | None
    day: int | None
    bounded: bool
    i: int
    j: int
    text: str


@dataclass
class _Analysis:
    text: str
    toks: list[_Tok]
    qtys: list[_Qty] = field(default_factory=list)
    bare: list[_Qty] = field(default_factory=list)  # numbers without a unit or head noun
    relative: list[_Qty] = field(default_factory=list)  # "five years longer", "two years ago"
    dates: list[_Date] = field(default_factory=list)
    joined: frozenset[int] = frozenset()  # offsets where a hyphen joined a number to a word ("five-layer")

    def clause_words(self, c: int, exclude: frozenset = frozenset()) -> set[str]:
        return {t.lemma for t in self.toks if t.clause == c and t.lemma and t.lemma not in exclude}

    def words_low(self) -> set[str]:
        return {t.low.removesuffix("'s") for t in self.toks if t.kind == "word"}

    def content(self) -> set[str]:
        return {t.lemma for t in self.toks if t.lemma}

    def clause_has(self, c: int, words: frozenset, attributive: bool = True) -> bool:
        """Whether clause c holds one of `words`; with attributive=False a participle between a determiner
        and its noun ("its planned orbit", "the proposed law") does not count. A date's word is none of them: "May"
        the month is no modal."""
        return any(t.clause == c and t.low in words and t.tag != "date" and (attributive or not self.attributive(k))
                   for k, t in enumerate(self.toks))

    def attributive(self, k: int) -> bool:
        """'planned' in 'its planned orbit': a participle used as an adjective, not a verb."""
        t = self.toks[k]
        return (t.low.endswith("ed") and 0 < k < len(self.toks) - 1 and self.toks[k - 1].low in _DETERMINERS
                and self.toks[k + 1].kind == "word" and self.toks[k + 1].clause == t.clause)

    def clause_negated(self, c: int) -> bool:
        return any(t.clause == c and t.tag == "neg" for t in self.toks)

    def span(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start:self.toks[j - 1].end]


def possessive(word: str) -> bool:
    """"NASA's": an owner's word (the analysis normalises ’ to ')."""
    return word.endswith("'s")


def bare(word: str) -> str:
    """A word without its possessive: "Motors'", "NASA's", "Europe’s" -> the name."""
    return word.removesuffix("'s").removesuffix("’s").rstrip("'’")


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    for a, b in (("U.S.", "US"), ("U.K.", "UK"), ("U.N.", "UN"), ("E.U.", "EU")):
        text = text.replace(a, b)
    text = re.sub(r"(?<=[^\W\d_])-(?=up\b)", "", text)  # a start-up, a line-up: one noun, no verb "start"
    # a number joined to a noun is a count of it, marked with a no-break space for the quantity parser and then
    # read as a space: "a five-layer sunshield" (five layers), "10-year", "60-km"
    text = _JOINED_COUNT.sub("\\1" + JOINED, text)
    text = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", text)  # north-east, twenty-five
    text = re.sub(r"(?<=\d)-(?=[^\W\d_])", JOINED, text)
    return _SPACED_TENS.sub(r"\1   ", text)  # "seventy - two strings" (a tokenised text): seventy-two


JOINED = "\u00a0"  # where a hyphen joined a number to a noun (align._analyse reads it, then makes it a space)
_JOINED_COUNT = re.compile(r"(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                           r"thirty|forty|fifty|hundred)-(?=[^\W\d_])")
_SPACED_TENS = re.compile(r"(?i)\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) - "
                          r"(?=(?:one|two|three|four|five|six|seven|eight|nine)\b)")


# ------------------------------------------------------------------------ negation, content, clauses

def _mark_negation_and_content(a: _Analysis) -> None:
    toks, n = a.toks, len(a.toks)
    for k, t in enumerate(toks):
        if t.kind == "word" and not t.tag:
            lem = _lemma(t.text)
            if lem in ("lift", "blast") and k + 1 < n and toks[k + 1].low == "off":
                lem = "launch"
            if k + 1 < n and toks[k + 1].tag == "label":
                lem = f"{lem} {toks[k + 1].low}"
            elif k > 0 and toks[k - 1].tag == "label_next":
                lem = f"{lem} {toks[k - 1].low}"
            if lem == "stand" and k + 2 < n and toks[k + 1].low == "at" and toks[k + 2].tag in ("value", "qual"):
                lem = ""  # "inflation stood at 4.1 percent": a copula for a figure, as "was" is
            t.lemma = lem
    for k, t in enumerate(toks):
        if t.kind != "word" or t.tag:
            continue
        nxt = toks[k + 1].low if k + 1 < n else ""
        is_neg = t.low in _NEGATORS or t.low.endswith("n't")
        if t.low == "not" and nxt in ("only", "just"):
            is_neg = False
        if t.lemma in _NEG_VERBS and nxt == "to" and k + 2 < n:
            after = toks[k + 2]  # "declined to comment"; not "declined to 4 percent", "to a record low"
            is_neg = after.kind == "word" and not after.tag and after.low not in _DETERMINERS
        if is_neg:
            t.tag = "neg"
            t.lemma = ""
    for t in toks:
        low = t.low.rstrip("'")
        if t.tag or t.kind != "word" or low in CONFLICT_STOP_WORDS or low in _NUMBER_WORDS or low in _UNIT_WORDS \
                or low in ("a", "an") or (low in _MONTHS and t.text[0].isupper() and low not in _AMBIGUOUS_MONTHS) \
                or (len(t.lemma) < 2 and not t.text.isupper()):
            t.lemma = ""


def _negation_target(a: _Analysis, k: int) -> int | None:
    """The content word a negator at k negates: the next one within 5 tokens in the same clause."""
    for m in range(k + 1, min(k + 6, len(a.toks))):
        t = a.toks[m]
        if t.kind == "punct" or t.clause != a.toks[k].clause:
            return None
        if t.lemma:
            return m
    return None


def _share(claim_words: set[str], premise_words: set[str]) -> float:
    """Share of the claim's words the premise holds. A premise word with a label ("water 2012" in "the 2012 water
    reform bill") also holds the claim's plain word: the premise is the more specific; not the other way round."""
    if not claim_words:
        return 0.0
    found = claim_words & premise_words
    labelled = {w.split(" ", 1)[0] for w in premise_words if " " in w}
    found |= {w for w in claim_words - found if " " not in w and w in labelled}
    return len(found) / len(claim_words)


def shares_anchor(ca: _Analysis, pa: _Analysis, skip: frozenset[str]) -> bool:
    """The claim names something the premise names too, the words in `skip` (the names compared) left out: a
    number, a date, or a capitalised word past the first. "Kofi Mensah scored the winning goal" names no match, so
    another match's scorer is no conflict; "... in the 88th minute" ties it to the premise's."""
    said = pa.words_low() | {t.low for t in pa.toks if t.kind == "num"}
    return any((t.kind == "num" or t.tag == "date" or (k > 0 and t.kind == "word" and t.text[0].isupper()))
               and (w := t.low.removesuffix("'s")) not in skip and w in said for k, t in enumerate(ca.toks))


def variant(x: str, y: str) -> bool:
    """Word y names a version of x: a model ("777" / "777-200lr", "a320" / "a320neo") or x clipped ("fed" /
    "federation")."""
    if y.startswith(x + "-"):
        return True
    rest = y[len(x):] if y.startswith(x) else ""
    return (any(ch.isdigit() for ch in x) and len(rest) >= 2 and rest.isalpha()) \
        or (len(x) >= 3 and x.isalpha() and len(rest) >= 3)


def variants(xs: frozenset[str], ys: frozenset[str]) -> bool:
    """Every own word of one name is a version of one of the other's (`variant`): "Fed" / "Federation" are one cup;
    "TAP Air Portugal" / "ITA Airways" are two airlines, though "Air" is "Airways" clipped."""
    def each(us, vs):
        return bool(us) and all(any(variant(u, v) or variant(v, u) for v in vs) for u in us)
    return each(xs, ys) or each(ys, xs)


def near_spelling(x: str, y: str) -> bool:
    """One word spelled two ways ("Monthy" / "Monty", "Amreican" / "American"); "M35" / "M36" are two."""
    return min(len(x), len(y)) >= 4 and SequenceMatcher(None, x, y).ratio() >= 0.8


def initials(own: frozenset[str], names: frozenset[str]) -> bool:
    """An own word made of the other name's initials: EKU for Eastern Kentucky University (in any order)."""
    firsts = sorted(w[0] for w in names if w)
    return any(len(w) >= 2 and sorted(w) == firsts for w in own) if len(firsts) >= 2 else False
