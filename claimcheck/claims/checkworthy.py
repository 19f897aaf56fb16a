"""Is a sentence worth checking? Rules over the text and its parse; each 'no' carries a reason.

Reasons: boilerplate (page furniture: view counters, share/print/subscribe lines, bylines), headline
(a headline of a linked story glued into the text: a participle with a subject and no auxiliary),
fragment (too short, or no verb), question, imperative, opinion (first/second person without a
checkable fact, evaluative predicates, a vague source voicing an evaluation: "critics argue it was too
expensive"), speculation (hedged, unattributed: a reported expectation or plan with a named holder, "Kim was expected to
...", is a report and stays check-worthy), rhetoric (exclamations).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Collection

from ..text.boilerplate import is_boilerplate

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

SPEECH_VERBS = frozenset(
    "say tell add announce state claim report insist argue warn confirm deny reveal note explain write "
    "pledge vow promise declare assert allege acknowledge admit suggest predict estimate ask answer "
    "reply respond quote stress emphasise emphasize".split()
)
OPINION_VERBS = frozenset("think believe feel guess suppose hope wish reckon love hate like prefer".split())
HEDGES = frozenset(
    "perhaps maybe possibly probably likely unlikely presumably supposedly conceivably arguably "
    "speculate speculation rumour rumor".split()
)
SPECULATIVE_MODALS = frozenset({"might", "may", "could"})
EVALUATIVE = frozenset(
    "good great bad terrible awful horrible wonderful amazing fantastic excellent brilliant superb "
    "outstanding disgraceful shameful shocking outrageous ridiculous absurd stupid silly pathetic "
    "disastrous catastrophic tragic sad beautiful ugly best worst nice lovely evil wrong right fair "
    "unfair incredible unbelievable remarkable impressive disappointing inspiring boring exciting "
    "important crucial vital essential appalling deplorable despicable heroic brave cowardly".split()
)
FIRST_SECOND = frozenset({"i", "we", "you", "me", "us"})
# vague sources: "critics argue", "many astronomers say", "some experts believe", "people think"
VAGUE_SOURCES = frozenset(
    "critics sceptics skeptics opponents supporters fans observers commentators pundits experts analysts "
    "astronomers scientists economists people others many some most observers insiders".split()
)
VAGUE_DETS = frozenset("many some most several few numerous various other".split())
_EVALUATIVE_PHRASE = re.compile(
    r"\b(too\s+(much|many|\w+)|(speaks?|spoke|speaking)\s+for\s+(it|them)sel(f|ves)|worth(while|y)?|"
    r"should|ought|must|overrated|overpriced|underrated|a\s+(waste|mistake|disaster|disgrace|triumph|success|failure)|"
    r"(far|much)\s+(better|worse))\b",
    re.I,
)


def headline(doc: "Doc", tokens: Collection[int]) -> bool:
    """A headline glued into the text ("Former TSA agent sentenced for recording coworker All this came
    to light ..."): a past participle with a subject and no auxiliary heads the claim's words."""
    toks = set(tokens)
    for i in toks:
        t = doc[i]
        if t.tag_ != "VBN" or t.dep_ not in ("ROOT", "conj", "ccomp") or (t.head.i in toks and t.head.i != t.i):
            continue
        kids = [c for c in t.children if c.i in toks]
        if any(c.dep_ == "nsubj" for c in kids) and not any(c.dep_ in ("aux", "auxpass") for c in kids):
            return True
    return False


_SUBORDINATE = ("relcl", "acl", "pcomp", "amod", "compound")
_RELATIVE = frozenset("who whom whose which that where when".split())


def main_verb(doc: "Doc", tokens: Collection[int]) -> bool:
    """Do `tokens` hold a verb of their own, not only one inside a relative clause or a modifier of a noun
    they also hold? "Two fascists who wore brown uniforms" is a noun phrase, not a claim. A relative clause
    whose relative word is left out ("Kim arrived on Tuesday", from "Kim, who arrived ...") is a clause."""
    toks = set(tokens)
    for i in toks:
        if doc[i].pos_ not in ("VERB", "AUX"):
            continue
        node, main = doc[i], True
        while node.head.i != node.i and node.head.i in toks:
            if node.dep_ in _SUBORDINATE and not (node.dep_ == "relcl" and _relative_left_out(node, toks)):
                main = False
                break
            node = node.head
        if main:
            return True
    return False


def _relative_left_out(verb: "Token", toks: set[int]) -> bool:
    rel = [t for t in verb.subtree if t.lower_ in _RELATIVE and t.tag_ in ("WDT", "WP", "WP$", "WRB")]
    return bool(rel) and not any(t.i in toks for t in rel)


# a reported expectation or plan: "Kim was expected to ...", "was seen as likely to ...", "is set to ..."
EXPECT_VERBS = frozenset("expect see tip believe think consider report say rumour rumor understand set due "
                         "plan intend schedule poise prepare aim".split())
_NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


def reported_expectation(tok: "Token") -> bool:
    """Is `tok` (a hedge) inside an expectation or plan with a named holder ("Kim was seen as likely to request
    help", "Putin was expected to ...", "Moscow plans to ...")? Such a report is checkable: a corpus may say
    the same; bare speculation ("the deal is likely to be signed") has no holder."""
    for anc in (tok, *tok.ancestors):
        if anc.lemma_.lower() not in EXPECT_VERBS:
            continue
        subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = any(c.dep_ == "auxpass" for c in anc.children) or anc.tag_ == "VBN"
        plan = anc.lemma_.lower() in ("plan", "intend", "schedule", "aim", "prepare", "set", "due", "poise")
        if subj is not None and (passive or plan) and (
                subj.pos_ == "PROPN" or subj.ent_type_ in _NAMED or any(t.ent_type_ in _NAMED for t in subj.subtree)):
            return True
    return False


def _under_attribution(tok: "Token") -> bool:
    """Is `tok` inside what somebody said ('officials said the deal would likely ...')?"""
    for anc in tok.ancestors:
        if anc.lemma_.lower() in SPEECH_VERBS and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in FIRST_SECOND for c in anc.children
        ):
            return True
        if anc.lower_ == "according":
            return True
    return any(c.lower_ == "according" for c in tok.sent.root.subtree)


def _vague_opinion(root: "Token") -> bool:
    """'Critics argue the telescope was far too expensive': a vague source voicing an evaluation."""
    if root.lemma_.lower() not in SPEECH_VERBS | OPINION_VERBS:
        return False
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.ent_type_ or any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in subj.subtree):
        return False
    vague = subj.lower_ in VAGUE_SOURCES and (subj.tag_ in ("NNS", "NN") or subj.lower_ in VAGUE_DETS) and all(
        c.lower_ in VAGUE_DETS or c.dep_ in ("amod", "compound") for c in subj.lefts
    )
    if not vague:
        return False
    comp = [t for c in root.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree]
    said = " ".join(t.text for t in comp)
    return bool(comp) and (bool(_EVALUATIVE_PHRASE.search(said)) or any(t.lower_ in EVALUATIVE for t in comp))


def classify(sent: "Span", quoted: Collection[int] = (), is_title: bool = False) -> tuple[bool, str]:
    """(checkworthy, reason) for one sentence; `quoted` holds token indices inside quotation marks."""
    text = sent.text.strip()
    words = [t for t in sent if t.is_alpha or t.like_num]
    if is_boilerplate(text):
        return False, "boilerplate"
    if len(words) < 4:
        return False, "fragment"
    if is_title:
        return True, ""
    if text.rstrip("\"'”’) ").endswith("?"):
        return False, "question"
    if text.rstrip("\"'”’) ").endswith("!"):
        return False, "rhetoric"
    if not main_verb(sent.doc, [t.i for t in sent]):
        return False, "fragment"  # a caption or list item: "Two fascists who wore brown uniforms"
    root = sent.root
    outside = [t for t in sent if t.i not in quoted]
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if root.i not in quoted and subj is None and root.tag_ == "VB" and first is not None and (
        first.i == root.i or first.lower_ in ("please", "do", "don't", "let", "never", "always")
    ):
        return False, "imperative"
    if subj is not None and subj.lower_ in FIRST_SECOND and subj.i not in quoted:
        facts = [t for t in outside if t.ent_type_ or t.like_num]
        if root.lemma_.lower() in OPINION_VERBS or not facts:
            return False, "opinion"
    if root.i not in quoted and _vague_opinion(root):
        return False, "opinion"
    facts = [t for t in outside if (t.ent_type_ and t.ent_type_ != "ORDINAL") or t.like_num]
    if not facts and not _under_attribution(root):
        if any(t.lower_ in ("us", "our", "we") and t.pos_ == "PRON" for t in outside):
            return False, "opinion"  # the writer's voice: "systems that are supposed to protect us"
        if root.lemma_ in ("appear", "seem") and any(c.dep_ == "xcomp" for c in root.children):
            return False, "speculation"  # "both sides appear to be prepared to ..."
        if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll") for c in root.children) and root.i not in quoted:
            return False, "speculation"  # an unsourced prediction with nothing to check: "life will never be the same"
    if root.lemma_ in ("be", "seem", "look", "sound", "feel") and root.i not in quoted:
        preds = [c for c in root.children if c.dep_ in ("acomp", "attr")]
        evaluative = any(t.lower_ in EVALUATIVE for p in preds for t in p.subtree if t.pos_ == "ADJ")
        if evaluative and not any(t.like_num for t in outside):
            return False, "opinion"
    for t in outside:
        hedge = t.lower_ in HEDGES or (
            t.lower_ in SPECULATIVE_MODALS and t.tag_ == "MD" and not any(c.dep_ == "neg" for c in t.head.children)
        )
        if hedge and not _under_attribution(t) and not reported_expectation(t):
            return False, "speculation"
    return True, ""
