"""From (passage, NLI scores) pairs to one verdict per claim, and from claims to an article risk score.

Pure functions, no models: every rule here is unit-tested on crafted numbers.

Claim rule (evidence = the retrieved passages whose retrieval similarity >= min_similarity; each
passage's scores are those of its rationale sentences, see verify.rationale; a passage none of whose
sentences addresses the claim has neutral 1.0):
  s = max entailment over evidence, c = max contradiction over evidence.
  - supported     when s >= support_threshold and s >= c
  - contradicted  when c >= contradict_threshold and c > s
                  (one strong contradicting passage decides, unless another entails more strongly);
                  only passages whose rationale is close to the claim (cosine >= contradict_min_similarity)
                  may contradict: NLI models read a sentence about the same names as a contradiction.
                  A number / date / negation conflict found by verify.conflicts in an aligned sentence
                  raises that passage's contradiction to at least conflict_confidence.
                  A contradiction the rules did not find, while another passage entails the claim at
                  contested_support or more, is contested: not_enough_info, flagged as a possible conflict.
  - not_enough_info otherwise, and always when there is no evidence.
Claim probabilities: supported = s, contradicted = c, scaled down together if s + c > 1,
not_enough_info = the rest. `score` is the probability of the chosen verdict.
Deciding evidence comes first: the strongest entailing passage for supported, the strongest
contradicting one for contradicted; for not_enough_info the passages that address the claim come
first, one that leans a way (entailment or contradiction >= 0.5) before the others, then by similarity.
The reason line names that first passage and the figure the rule compared with its bar.

Events (claimcheck.timeline): a passage marked `event = "other"` (its times are all apart from the claim's
time anchor: another year's summit, another quarter's figure) is shown after the others and never decides:
it neither supports nor contradicts, and the reason line says so when it was the one that would have.
Attention: a not_enough_info claim whose strongest aligned passage (one that may contradict, see above) has
contradiction >= possible_conflict_threshold and above its entailment carries attention "possible_conflict"
with that figure and passage, listed first; the verdict stays not_enough_info.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from ..core.registry import option, register_section
from ..timeline import OTHER
from ..core.types import (
    CONTRADICTED,
    NOT_ENOUGH_INFO,
    SUPPORTED,
    CheckedClaim,
    Evidence,
    Hit,
    Judgement,
    PairScore,
    Risk,
)


@register_section("judge")
@dataclass(frozen=True)
class AggregateConfig:
    """The claim rule's settings, a profile's [judge] (fitted ones travel with the verifier: verify.judge_config)."""

    support_threshold: float = option(0.5, "entailment a supported claim needs")
    contradict_threshold: float = option(0.5, "contradiction a contradicted claim needs")
    min_similarity: float = option(0.0, "retrieval cosine under which a passage is neither read nor reported")
    contradict_min_similarity: float = option(0.0, "rationale cosine a passage needs to contradict the claim")
    conflict_rule: bool = option(True, "number / date / negation conflicts found by rule (verify.conflicts) count")
    conflict_confidence: float = option(0.9, "contradiction of a passage with a rule-found conflict")
    max_evidence: int = option(5, "evidence items kept in the report, deciding one first")
    possible_conflict_threshold: float = option(
        0.6, "contradiction at which a not-enough-info claim's best aligned passage is a possible conflict")
    contested_support: float = option(
        1.0, "entailment elsewhere that makes a model-only contradiction contested (1.0: off)")
    event_rule: bool = option(True, "passages about another event than the claim's (claimcheck.timeline) cannot decide")
    substitution_margin: float = option(
        0.25, "the claim with the passage's vehicle or place in place of its own, read as supported and this much more "
              "entailed than the claim, makes the two a conflict (verify.conflicts.substitution; above 1: off)")


def make_evidence(hit: Hit, score: PairScore, rationale: str = "", rationale_similarity: float = 0.0,
                  conflict=None, conflict_confidence: float = 0.9, event: str = "unknown", event_time: str = "",
                  agreement=None) -> Evidence:
    """One passage's evidence record; a rule-found `conflict` (verify.conflicts.Conflict) overrides entailment;
    a rule-found `agreement` (the same number in another unit, a superlative as a negated comparative, ...:
    verify.conflicts.Agreement) caps contradiction at 1 - conflict_confidence, the rest going to neutral, and
    when it restates the claim (the claim says nothing else the premise does not) raises entailment to
    conflict_confidence: the rules read the claim in the passage, as they read a conflict."""
    p = hit.passage
    if conflict is not None:
        c = max(score.contradiction, conflict_confidence)
        e = min(score.entailment, 1.0 - c)
        score = PairScore(entailment=e, contradiction=c, neutral=max(0.0, 1.0 - c - e))
    elif agreement is not None and (score.contradiction > 1.0 - conflict_confidence
                                    or (agreement.restates and score.entailment < conflict_confidence)):
        c = min(score.contradiction, 1.0 - conflict_confidence)
        e = max(score.entailment, conflict_confidence) if agreement.restates else score.entailment
        score = PairScore(entailment=e, contradiction=c, neutral=max(0.0, 1.0 - c - e))
    return Evidence(
        passage_id=p.passage_id,
        doc_id=p.doc_id,
        title=p.title,
        text=p.text,
        similarity=round(float(hit.similarity), 4),
        entailment=round(float(score.entailment), 4),
        contradiction=round(float(score.contradiction), 4),
        neutral=round(float(score.neutral), 4),
        rationale=rationale,
        rationale_similarity=round(float(rationale_similarity), 4),
        conflict=conflict.reason() if conflict is not None else "",
        conflict_kind=conflict.kind if conflict is not None else "",
        agreement=agreement.reason() if agreement is not None and agreement.restates and conflict is None else "",
        date=p.date,
        event=event,
        event_time=event_time,
    )


def claim_probabilities(evidence: Sequence[Evidence]) -> dict[str, float]:
    s = max((e.entailment for e in evidence), default=0.0)
    c = max((e.contradiction for e in evidence), default=0.0)
    total = s + c
    if total > 1.0:
        s, c = s / total, c / total
    return {SUPPORTED: s, CONTRADICTED: c, NOT_ENOUGH_INFO: max(0.0, 1.0 - s - c)}


def judge(evidence: Sequence[Evidence], cfg: AggregateConfig = AggregateConfig(), time: dict | None = None,
          claim: str = "") -> Judgement:
    """Aggregate one claim's scored passages into a verdict (see the module docstring for the rule);
    `time` is the claim's time anchor as the JSON shows it (Anchor.to_dict), carried on the judgement;
    `claim`, when given, lets the reason quote the part of a long passage that bears on it."""
    usable = [e for e in evidence if e.similarity >= cfg.min_similarity]
    others = [e for e in usable if e.event == OTHER] if cfg.event_rule else []
    usable = [e for e in usable if e not in others]
    if not usable:
        ordered = sorted(others, key=_lean, reverse=True) + [e for e in evidence if e not in others]
        reason = _other_event_reason(ordered[0], ordered, time, cfg) if others else \
            "no passage of the corpus addresses this claim"
        return Judgement(NOT_ENOUGH_INFO, 1.0, {SUPPORTED: 0.0, CONTRADICTED: 0.0, NOT_ENOUGH_INFO: 1.0},
                         tuple(ordered[: cfg.max_evidence]), reason=reason, time=time)
    s = max(e.entailment for e in usable)
    usable = [_off_topic(e) if e.closeness < cfg.contradict_min_similarity and not e.conflict else e for e in usable]
    c = max(e.contradiction for e in usable)
    probs = claim_probabilities(usable)
    attention = None
    if s >= cfg.support_threshold and s >= c:
        verdict, key = SUPPORTED, (lambda e: (e.entailment, e.similarity))
    elif c >= cfg.contradict_threshold and c > s and not _contested(usable, s, cfg):
        verdict, key = CONTRADICTED, (lambda e: (e.contradiction, e.similarity))
    else:
        # passages that address the claim first; of those, the ones that lean a way by how much, then the rest
        verdict, key = NOT_ENOUGH_INFO, (lambda e: (bool(e.rationale), _lean(e) if _lean(e) >= LEAN else 0.0,
                                                    e.similarity, -e.neutral))
        attention = possible_conflict(usable, cfg)
    ordered = sorted(usable, key=key, reverse=True)
    if attention is not None:
        ordered.remove(attention)
        ordered.insert(0, attention)
    ordered += sorted(others, key=_lean, reverse=True)
    shown = {e.passage_id for e in ordered}  # a passage moved to neutral above is listed once, as it was judged
    ordered += [e for e in evidence if e.passage_id not in shown]
    probs = {k: round(v, 4) for k, v in probs.items()}
    reason = explain(verdict, ordered, cfg, claim)
    strongest_other = max(others, key=_lean, default=None)
    if verdict == NOT_ENOUGH_INFO and attention is None and strongest_other is not None \
            and _lean(strongest_other) >= max(LEAN, _lean(ordered[0]) if ordered[0].rationale else 0.0):
        reason = _other_event_reason(strongest_other, ordered, time, cfg)
    return Judgement(verdict, probs[verdict], probs, tuple(ordered[: cfg.max_evidence]), reason=reason,
                     attention="possible_conflict" if attention is not None else "",
                     attention_score=attention.contradiction if attention is not None else 0.0,
                     attention_passage=attention.passage_id if attention is not None else "", time=time)


def _contested(usable: Sequence[Evidence], s: float, cfg: AggregateConfig) -> bool:
    """The strongest contradiction is the model's alone (no rule conflict) while another passage entails the
    claim at contested_support or more: 'Kim left Russia on 17 September' against 'crossing into Russia on
    12 September' and 'left Russia on 17 September'. The editor reads both; the verdict is not the model's."""
    top = max(usable, key=lambda e: e.contradiction)
    return not top.conflict and s >= cfg.contested_support


def possible_conflict(usable: Sequence[Evidence], cfg: AggregateConfig) -> Evidence | None:
    """The aligned passage that leans hardest to contradiction, when it reaches the possible-conflict bar
    (passages too far from the claim to contradict have had their contradiction moved to neutral)."""
    leaning = [e for e in usable if e.rationale and e.contradiction > e.entailment]
    best = max(leaning, key=lambda e: (e.contradiction, e.similarity), default=None)
    return best if best is not None and best.contradiction >= cfg.possible_conflict_threshold else None


LEAN = 0.5  # a passage whose entailment or contradiction reaches this "leans" one way


def _lean(e: Evidence) -> float:
    return max(e.entailment, e.contradiction)


QUOTE_CHARS = 220


def _quote(text: str, claim_words: frozenset[str] = frozenset(), n: int = QUOTE_CHARS) -> str:
    """The passage's words in quotes: all of them when short, else the stretch of about n characters that
    holds most of `claim_words` (where the words that decide are), marked with ellipses where it is cut."""
    words = text.split()
    text = " ".join(words)
    if len(text) <= n:
        return f"\u201c{text}\u201d"
    best, best_start = -1, 0
    for i in range(len(words)):
        window, size, hits = [], 0, 0
        for w in words[i:]:
            if size + len(w) + 1 > n and window:
                break
            window.append(w)
            size += len(w) + 1
            hits += _word(w) in claim_words
        if hits > best:
            best, best_start = hits, i
        if size < n:  # the rest fits: no later start can hold more
            break
    out, size = [], 0
    for w in words[best_start:]:
        if size + len(w) + 1 > n and out:
            break
        out.append(w)
        size += len(w) + 1
    cut = " ".join(out)
    head = "\u2026" if best_start > 0 else ""
    tail = "\u2026" if best_start + len(out) < len(words) else ""
    return f"\u201c{head}{cut}{tail}\u201d"


def _word(w: str) -> str:
    return w.strip(".,;:!?\"'()\u201c\u201d\u2018\u2019").lower()


def _claim_words(e: Evidence, claim: str = "") -> frozenset[str]:
    """The words a quote should show: a conflict's two sides, else the claim's longer words."""
    text = e.conflict or claim
    return frozenset(_word(w) for w in text.split() if len(_word(w)) > 3)


def explain(verdict: str, ordered: Sequence[Evidence], cfg: AggregateConfig = AggregateConfig(), claim: str = "") -> str:
    """One line for an editor: why this verdict, naming the deciding passage (ordered[0]) and its figure."""
    top = ordered[0] if ordered else None
    focus = _claim_words(top, claim) if top is not None else frozenset()
    if verdict == SUPPORTED and top is not None:
        why = f"by rule, {top.agreement}" if top.agreement else _quote(top.rationale or top.text, focus)
        return f"{_name(top)} states it ({top.entailment:.2f}): {why}"
    if verdict == CONTRADICTED and top is not None:
        why = top.conflict or f"it says {_quote(top.rationale or top.text, focus)}"
        return f"{_name(top)} contradicts it ({top.contradiction:.2f}): {why}"
    if top is None or not top.rationale or top.event == OTHER:
        return "no passage of the corpus addresses this claim"
    if _lean(top) >= LEAN or top.contradiction >= cfg.possible_conflict_threshold:
        if top.contradiction > top.entailment:
            how, fig, bar = "may contradict", top.contradiction, cfg.contradict_threshold
        else:
            how, fig, bar = "may state", top.entailment, cfg.support_threshold
        below = f"below the {bar:.2f} bar" if fig < bar else \
            "and another passage states it" if how == "may contradict" else "outweighed by another passage"
        return f"{_name(top)} {how} it ({fig:.2f}, {below}); read it: {_quote(top.rationale, focus)}"
    return (f"{_name(top)} is about this topic but neither states nor contradicts the claim "
            f"(entailment {top.entailment:.2f}, contradiction {top.contradiction:.2f})")


def _other_event_reason(e: Evidence | None, ordered: Sequence[Evidence], time: dict | None,
                        cfg: AggregateConfig) -> str:
    """Why a passage that would have decided does not: it is about another event than the claim's."""
    if e is None:
        return explain(NOT_ENOUGH_INFO, ordered, cfg)
    how = "would contradict" if e.contradiction > e.entailment else "would state"
    fig = max(e.contradiction, e.entailment)
    when = f" ({e.event_time})" if e.event_time else ""
    claim_when = f"; the claim's time: {time['label']}" if time and time.get("label") else ""
    return (f"{_name(e)} {how} it ({fig:.2f}) but is about another event{when}{claim_when}: no passage about the "
            f"claim's own event decides it")


def _name(e: Evidence) -> str:
    """How a reason line names a passage: its title or document, and the passage id."""
    return f"{e.title or e.doc_id} ({e.passage_id})" if e.passage_id and e.passage_id != e.doc_id else (e.title or e.doc_id)


def addressed(j: Judgement) -> bool:
    """Whether some passage of the corpus addresses the claim (see addressed_by)."""
    return addressed_by(j.verdict, (e.rationale if e.addresses is None else e.addresses for e in j.evidence))


def addressed_by(verdict: str, rationales: Iterable[str | bool]) -> bool:
    """A verdict was reached, or a passage above the similarity floor has a sentence close to the claim (its
    rationale) that shares the claim's subject and predicate (Evidence.addresses, verify.addressing; a passage
    only about the claim's topic does not address it; where that was not judged, the rationale alone counts)."""
    return verdict in (SUPPORTED, CONTRADICTED) or any(rationales)


def _off_topic(e: Evidence) -> Evidence:
    """A passage about something else cannot contradict: its contradiction mass counts as neutral."""
    return replace(e, neutral=round(e.neutral + e.contradiction, 4), contradiction=0.0)


# ---------------------------------------------------------------- article risk

# Weight of a claim the corpus did not decide, in the doubt part of the risk score: one the corpus
# addresses without confirming it weighs more than one the corpus does not cover at all.
DOUBT_WEIGHTS = {"addressed": 1.0, "uncovered": 0.5, "supported": 0.4}  # supported: x (1 - confidence)
DOUBT_SHARE = 0.45  # an article without contradictions scores at most this, below any contradiction >= 0.5
# An article with a possible conflict (and no contradiction) scores in [DOUBT_SHARE, DOUBT_SHARE + POSSIBLE_BAND):
# above every article with doubt alone, below any contradiction >= 0.5.
POSSIBLE_BAND = 0.049
LOW_COVERAGE = 0.5  # below this share of addressed claims, the corpus "does not cover" the article


@register_section("risk")
@dataclass(frozen=True)
class RiskOptions:
    """article_risk's settings, a profile's [risk]."""

    review_threshold: float = option(0.40, "risk score from which an article needs review")
    contradiction_review: float = option(0.5, "confidence from which one contradiction alone needs review")


RISK_OPTIONS = tuple(RiskOptions.__dataclass_fields__)


def article_risk(claims: Sequence[CheckedClaim], review_threshold: float = RiskOptions.review_threshold,
                 contradiction_review: float = RiskOptions.contradiction_review) -> Risk:
    """How much of the article needs checking, in [0, 1], over its check-worthy claims.

    Contradictions come first: C = 1 - prod(1 - confidence) over contradicted claims (the chance that
    at least one is real). Then doubt: D = the mean over the other claims of 0.4 x (1 - confidence) for a
    supported claim, 1 for one a passage addresses without stating or contradicting it, 0.5 for one no
    passage addresses.
    score = C + (1 - C) * 0.45 * D, so any contradiction at confidence >= 0.5 outranks every article
    without one, an article the corpus does not cover (D = 0.5) outranks a supported one, and an
    on-topic corpus that confirms none of the claims (D = 1) outranks an uncovered one.
    Possible conflicts (not-enough-info claims with attention "possible_conflict", P = 1 - prod(1 - figure))
    replace 0.45 * D by 0.45 + 0.049 * P: such an article ranks after any contradiction >= 0.5 and before
    every article without one, and it needs review.
    coverage is the share of claims some passage addresses (None when there are no claims); below
    LOW_COVERAGE the article is its own state ("the corpus does not cover this article"), not a review.
    needs_review: a contradiction at confidence >= contradiction_review, a possible conflict, or
    score >= review_threshold.
    """
    worthy = [c for c in claims if c.claim.checkworthy]
    counts = {v: 0 for v in (SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO)}
    for c in worthy:
        counts[c.judgement.verdict] += 1
    if not worthy:
        return Risk(0.0, 0, 0, 0, False, coverage=None)
    keep = keep_possible = 1.0
    doubt = []
    for c in worthy:
        j = c.judgement
        if j.verdict == NOT_ENOUGH_INFO and j.attention:
            keep_possible *= 1.0 - min(1.0, max(0.0, float(j.attention_score)))
        if j.verdict == CONTRADICTED:
            keep *= 1.0 - min(1.0, max(0.0, float(j.score)))
        elif j.verdict == SUPPORTED:  # a weakly supported claim is nearly unverified
            doubt.append(DOUBT_WEIGHTS["supported"] * (1.0 - min(1.0, max(0.0, float(j.score)))))
        else:
            doubt.append(DOUBT_WEIGHTS["addressed" if addressed(j) else "uncovered"])
    contra = 1.0 - keep
    d = sum(doubt) / len(doubt) if doubt else 0.0
    possible = any(c.judgement.verdict == NOT_ENOUGH_INFO and c.judgement.attention for c in worthy)
    base = DOUBT_SHARE + POSSIBLE_BAND * (1.0 - keep_possible) if possible else DOUBT_SHARE * d
    score = contra + (1.0 - contra) * base
    coverage = sum(1 for c in worthy if addressed(c.judgement)) / len(worthy)
    strong_contra = any(
        c.judgement.verdict == CONTRADICTED and c.judgement.score >= contradiction_review for c in worthy
    )
    return Risk(
        score=score,
        n_supported=counts[SUPPORTED],
        n_contradicted=counts[CONTRADICTED],
        n_not_enough_info=counts[NOT_ENOUGH_INFO],
        needs_review=bool(score >= review_threshold or strong_contra or possible),
        coverage=coverage,
    )


def low_coverage(coverage: float | None) -> bool:
    """Whether the corpus fails to cover an article (its own state in reports and triage)."""
    return coverage is not None and coverage < LOW_COVERAGE
