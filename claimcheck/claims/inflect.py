"""Verb forms the rules write into claims: simple present and simple past of a lemma.

A literal form is a `Verb` (a str subclass), so a claim made of it still counts as having a verb.
"""
from __future__ import annotations


class Verb(str):
    """A literal verb form the rules put into a claim ("is", "faces"): it counts as the claim's verb."""


_PRESENT = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do"), "go": ("goes", "go")}
_PAST = dict(w.split(":") for w in (
    "be:was have:had do:did go:went say:said tell:told make:made take:took give:gave get:got come:came see:saw "
    "know:knew find:found think:thought leave:left keep:kept put:put set:set let:let cut:cut hit:hit run:ran "
    "win:won lose:lost send:sent spend:spent build:built buy:bought bring:brought catch:caught teach:taught "
    "fight:fought seek:sought lead:led meet:met feel:felt hold:held stand:stood understand:understood "
    "write:wrote speak:spoke break:broke choose:chose drive:drove ride:rode rise:rose fall:fell fly:flew "
    "grow:grew throw:threw draw:drew show:showed begin:began sing:sang drink:drank swim:swam sit:sat "
    "pay:paid lay:laid sell:sold become:became forget:forgot shoot:shot steal:stole wear:wore bear:bore "
    "strike:struck spread:spread shut:shut quit:quit cost:cost hurt:hurt read:read eat:ate sleep:slept "
    "flee:fled bleed:bled feed:fed hang:hung light:lit mean:meant deal:dealt freeze:froze wake:woke "
    "admit:admitted commit:committed submit:submitted permit:permitted omit:omitted regret:regretted "
    "refer:referred prefer:preferred occur:occurred control:controlled patrol:patrolled equip:equipped"
).split())


def present(lemma: str, plural: bool) -> Verb:
    """Simple present of a verb lemma: 'face' -> 'faces' (singular) or 'face' (plural)."""
    lemma = lemma.lower()
    if lemma in _PRESENT:
        return Verb(_PRESENT[lemma][1 if plural else 0])
    if plural:
        return Verb(lemma)
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return Verb(lemma[:-1] + "ies")
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return Verb(lemma + "es")
    return Verb(lemma + "s")


def past(lemma: str, plural: bool = False) -> Verb:
    """Simple past of a verb lemma: 'finish' -> 'finished', 'prompt' -> 'prompted', 'leave' -> 'left'."""
    lemma = lemma.lower()
    if lemma == "be":
        return Verb("were" if plural else "was")
    if lemma in _PAST:
        return Verb(_PAST[lemma])
    if lemma.endswith("e"):
        return Verb(lemma + "d")
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return Verb(lemma[:-1] + "ied")
    vowels = "aeiou"
    if (3 <= len(lemma) <= 4 and lemma[0] not in vowels and lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels
            and lemma[-3] not in vowels):
        return Verb(lemma + lemma[-1] + "ed")  # "stop" -> "stopped", "plan" -> "planned"
    return Verb(lemma + "ed")
