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
  - not_enough_info otherwise, and always when there is no evidence.
Claim probabilities: supported = s, contradicted = c, scaled down together if s + c > 1,
not_enough_info = the rest. `score` is the probability of the chosen verdict.
Deciding evidence comes first: the strongest entailing passage for supported, the strongest
contradicting one for contradicted, the most similar one otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from ..types import (
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


@dataclass(frozen=True)
class AggregateConfig:
    support_threshold: float = 0.5
    contradict_threshold: float = 0.5
    min_similarity: float = 0.0
    contradict_min_similarity: float = 0.0  # a passage must be this close to the claim to contradict it
    conflict_rule: bool = True  # apply verify.conflicts (number / date / negation) to the rationale sentences
    conflict_confidence: float = 0.9  # contradiction probability of a passage with a rule-found conflict
    max_evidence: int = 5  # evidence items kept in the report, deciding one first

    @classmethod
    def from_options(cls, opts: dict) -> "AggregateConfig":
        known = {k: opts[k] for k in cls.__dataclass_fields__ if k in opts}
        return cls(**known)


def make_evidence(hit: Hit, score: PairScore, rationale: str = "", rationale_similarity: float = 0.0,
                  conflict=None, conflict_confidence: float = 0.9) -> Evidence:
    """One passage's evidence record; a rule-found `conflict` (verify.conflicts.Conflict) overrides entailment."""
    p = hit.passage
    if conflict is not None:
        c = max(score.contradiction, conflict_confidence)
        e = min(score.entailment, 1.0 - c)
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
    )


def claim_probabilities(evidence: Sequence[Evidence]) -> dict[str, float]:
    s = max((e.entailment for e in evidence), default=0.0)
    c = max((e.contradiction for e in evidence), default=0.0)
    total = s + c
    if total > 1.0:
        s, c = s / total, c / total
    return {SUPPORTED: s, CONTRADICTED: c, NOT_ENOUGH_INFO: max(0.0, 1.0 - s - c)}


def judge(evidence: Sequence[Evidence], cfg: AggregateConfig = AggregateConfig()) -> Judgement:
    """Aggregate one claim's scored passages into a verdict (see the module docstring for the rule)."""
    usable = [e for e in evidence if e.similarity >= cfg.min_similarity]
    if not usable:
        return Judgement(NOT_ENOUGH_INFO, 1.0, {SUPPORTED: 0.0, CONTRADICTED: 0.0, NOT_ENOUGH_INFO: 1.0},
                         tuple(evidence[: cfg.max_evidence]), reason="no passage of the corpus is close to this claim")
    s = max(e.entailment for e in usable)
    usable = [_off_topic(e) if e.closeness < cfg.contradict_min_similarity and not e.conflict else e for e in usable]
    c = max(e.contradiction for e in usable)
    probs = claim_probabilities(usable)
    if s >= cfg.support_threshold and s >= c:
        verdict, key = SUPPORTED, (lambda e: (e.entailment, e.similarity))
    elif c >= cfg.contradict_threshold and c > s:
        verdict, key = CONTRADICTED, (lambda e: (e.contradiction, e.similarity))
    else:
        verdict, key = NOT_ENOUGH_INFO, (lambda e: (e.similarity, -e.neutral))
    ordered = sorted(usable, key=key, reverse=True)
    ordered += [e for e in evidence if e not in usable]
    probs = {k: round(v, 4) for k, v in probs.items()}
    return Judgement(verdict, probs[verdict], probs, tuple(ordered[: cfg.max_evidence]), reason=explain(verdict, ordered))


def _quote(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    cut = text[:n].rstrip() + ("\u2026" if len(text) > n else "")
    return f"\u201c{cut}\u201d"


def explain(verdict: str, ordered: Sequence[Evidence]) -> str:
    """One line for an editor: why this verdict, naming the deciding sentence."""
    top = ordered[0] if ordered else None
    if verdict == SUPPORTED and top is not None:
        return f"{top.title or top.doc_id} states it: {_quote(top.rationale or top.text)}"
    if verdict == CONTRADICTED and top is not None:
        why = top.conflict or f"it says {_quote(top.rationale or top.text)}"
        return f"{top.title or top.doc_id} disagrees: {why}"
    if not any(e.rationale for e in ordered):
        return "no sentence of the retrieved passages addresses this claim"
    doubt = max(ordered, key=lambda e: max(e.contradiction, e.entailment))
    if max(doubt.contradiction, doubt.entailment) >= 0.5:
        leans = "disagree" if doubt.contradiction > doubt.entailment else "agree"
        return (f"{doubt.title or doubt.doc_id} may {leans}, below the bar for a verdict; read it: "
                f"{_quote(doubt.rationale or doubt.text)}")
    return "the closest passages are about this topic but neither state nor contradict the claim"


def _off_topic(e: Evidence) -> Evidence:
    """A passage about something else cannot contradict: its contradiction mass counts as neutral."""
    return replace(e, neutral=round(e.neutral + e.contradiction, 4), contradiction=0.0)


# ---------------------------------------------------------------- article risk

RISK_WEIGHTS = {CONTRADICTED: 1.0, NOT_ENOUGH_INFO: 0.4, SUPPORTED: 0.0}


def article_risk(claims: Sequence[CheckedClaim], review_threshold: float = 0.35, contradiction_review: float = 0.5) -> Risk:
    """How much of the article needs checking, in [0, 1].

    Over check-worthy claims: the mean of weight(verdict) x confidence, where a contradicted claim
    weighs 1, an unverifiable one 0.4 and a supported one 0 (a supported claim with low confidence
    still adds (1 - score) x 0.4, as it is nearly unverifiable). needs_review is set when the score
    reaches review_threshold or any claim is contradicted with confidence >= contradiction_review.
    """
    worthy = [c for c in claims if c.claim.checkworthy]
    counts = {v: 0 for v in (SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO)}
    for c in worthy:
        counts[c.judgement.verdict] += 1
    if not worthy:
        return Risk(0.0, 0, 0, 0, False)
    total = 0.0
    for c in worthy:
        j = c.judgement
        if j.verdict == SUPPORTED:
            total += (1.0 - j.score) * RISK_WEIGHTS[NOT_ENOUGH_INFO]
        else:
            total += RISK_WEIGHTS[j.verdict] * j.score
    score = total / len(worthy)
    strong_contra = any(
        c.judgement.verdict == CONTRADICTED and c.judgement.score >= contradiction_review for c in worthy
    )
    return Risk(
        score=score,
        n_supported=counts[SUPPORTED],
        n_contradicted=counts[CONTRADICTED],
        n_not_enough_info=counts[NOT_ENOUGH_INFO],
        needs_review=bool(score >= review_threshold or strong_contra),
    )
