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
contradicting one for contradicted; for not_enough_info the passages that address the claim come
first, one that leans a way (entailment or contradiction >= 0.5) before the others, then by similarity.
The reason line names that first passage and the figure the rule compared with its bar.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Sequence

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
                         tuple(evidence[: cfg.max_evidence]), reason="no passage of the corpus addresses this claim")
    s = max(e.entailment for e in usable)
    usable = [_off_topic(e) if e.closeness < cfg.contradict_min_similarity and not e.conflict else e for e in usable]
    c = max(e.contradiction for e in usable)
    probs = claim_probabilities(usable)
    if s >= cfg.support_threshold and s >= c:
        verdict, key = SUPPORTED, (lambda e: (e.entailment, e.similarity))
    elif c >= cfg.contradict_threshold and c > s:
        verdict, key = CONTRADICTED, (lambda e: (e.contradiction, e.similarity))
    else:
        verdict, key = NOT_ENOUGH_INFO, (lambda e: (bool(e.rationale), _lean(e) >= LEAN, e.similarity, -e.neutral))
    ordered = sorted(usable, key=key, reverse=True)
    ordered += [e for e in evidence if e not in usable]
    probs = {k: round(v, 4) for k, v in probs.items()}
    return Judgement(verdict, probs[verdict], probs, tuple(ordered[: cfg.max_evidence]),
                     reason=explain(verdict, ordered, cfg))


LEAN = 0.5  # a passage whose entailment or contradiction reaches this "leans" one way


def _lean(e: Evidence) -> float:
    return max(e.entailment, e.contradiction)


def _quote(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    cut = text[:n].rstrip() + ("\u2026" if len(text) > n else "")
    return f"\u201c{cut}\u201d"


def explain(verdict: str, ordered: Sequence[Evidence], cfg: AggregateConfig = AggregateConfig()) -> str:
    """One line for an editor: why this verdict, naming the deciding passage (ordered[0]) and its figure."""
    top = ordered[0] if ordered else None
    if verdict == SUPPORTED and top is not None:
        return f"{_name(top)} states it ({top.entailment:.2f}): {_quote(top.rationale or top.text)}"
    if verdict == CONTRADICTED and top is not None:
        why = top.conflict or f"it says {_quote(top.rationale or top.text)}"
        return f"{_name(top)} contradicts it ({top.contradiction:.2f}): {why}"
    if top is None or not top.rationale:
        return "no passage of the corpus addresses this claim"
    if _lean(top) >= LEAN:
        if top.contradiction > top.entailment:
            how, fig, bar = "may contradict", top.contradiction, cfg.contradict_threshold
        else:
            how, fig, bar = "may state", top.entailment, cfg.support_threshold
        below = f"below the {bar:.2f} bar" if fig < bar else "outweighed by another passage"
        return f"{_name(top)} {how} it ({fig:.2f}, {below}); read it: {_quote(top.rationale)}"
    return (f"{_name(top)} is about this topic but neither states nor contradicts the claim "
            f"(entailment {top.entailment:.2f}, contradiction {top.contradiction:.2f})")


def _name(e: Evidence) -> str:
    """How a reason line names a passage: its title or document, and the passage id."""
    return f"{e.title or e.doc_id} ({e.passage_id})" if e.passage_id and e.passage_id != e.doc_id else (e.title or e.doc_id)


def addressed(j: Judgement) -> bool:
    """Whether some passage of the corpus addresses the claim (see addressed_by)."""
    return addressed_by(j.verdict, (e.rationale for e in j.evidence))


def addressed_by(verdict: str, rationales: Iterable[str]) -> bool:
    """A verdict was reached, or a passage above the similarity floor has a sentence close to the
    claim (its rationale; not-enough-info evidence lists such passages first)."""
    return verdict in (SUPPORTED, CONTRADICTED) or any(rationales)


def _off_topic(e: Evidence) -> Evidence:
    """A passage about something else cannot contradict: its contradiction mass counts as neutral."""
    return replace(e, neutral=round(e.neutral + e.contradiction, 4), contradiction=0.0)


# ---------------------------------------------------------------- article risk

# Weight of a claim the corpus did not decide, in the doubt part of the risk score: one the corpus
# addresses without confirming it weighs more than one the corpus does not cover at all.
DOUBT_WEIGHTS = {"addressed": 1.0, "uncovered": 0.5, "supported": 0.4}  # supported: x (1 - confidence)
DOUBT_SHARE = 0.45  # an article without contradictions scores at most this, below any contradiction >= 0.5
LOW_COVERAGE = 0.5  # below this share of addressed claims, the corpus "does not cover" the article


RISK_OPTIONS = ("review_threshold", "contradiction_review")  # article_risk's settings, a profile's [risk] keys


def article_risk(claims: Sequence[CheckedClaim], review_threshold: float = 0.35, contradiction_review: float = 0.5) -> Risk:
    """How much of the article needs checking, in [0, 1], over its check-worthy claims.

    Contradictions come first: C = 1 - prod(1 - confidence) over contradicted claims (the chance that
    at least one is real). Then doubt: D = the mean over the other claims of 0.4 x (1 - confidence) for a
    supported claim, 1 for one a passage addresses without stating or contradicting it, 0.5 for one no
    passage addresses.
    score = C + (1 - C) * 0.45 * D, so any contradiction at confidence >= 0.5 outranks every article
    without one, an article the corpus does not cover (D = 0.5) outranks a supported one, and an
    on-topic corpus that confirms none of the claims (D = 1) outranks an uncovered one.
    coverage is the share of claims some passage addresses (None when there are no claims); below
    LOW_COVERAGE the article is its own state ("the corpus does not cover this article"), not a review.
    needs_review: a contradiction at confidence >= contradiction_review, or score >= review_threshold.
    """
    worthy = [c for c in claims if c.claim.checkworthy]
    counts = {v: 0 for v in (SUPPORTED, CONTRADICTED, NOT_ENOUGH_INFO)}
    for c in worthy:
        counts[c.judgement.verdict] += 1
    if not worthy:
        return Risk(0.0, 0, 0, 0, False, coverage=None)
    keep = 1.0
    doubt = []
    for c in worthy:
        j = c.judgement
        if j.verdict == CONTRADICTED:
            keep *= 1.0 - min(1.0, max(0.0, float(j.score)))
        elif j.verdict == SUPPORTED:  # a weakly supported claim is nearly unverified
            doubt.append(DOUBT_WEIGHTS["supported"] * (1.0 - min(1.0, max(0.0, float(j.score)))))
        else:
            doubt.append(DOUBT_WEIGHTS["addressed" if addressed(j) else "uncovered"])
    contra = 1.0 - keep
    d = sum(doubt) / len(doubt) if doubt else 0.0
    score = contra + (1.0 - contra) * DOUBT_SHARE * d
    coverage = sum(1 for c in worthy if addressed(c.judgement)) / len(worthy)
    strong_contra = any(
        c.judgement.verdict == CONTRADICTED and c.judgement.score >= contradiction_review for c in worthy
    )
    return Risk(
        score=score,
        n_supported=counts[SUPPORTED],
        n_contradicted=counts[CONTRADICTED],
        n_not_enough_info=counts[NOT_ENOUGH_INFO],
        needs_review=bool(score >= review_threshold or strong_contra),
        coverage=coverage,
    )


def low_coverage(coverage: float | None) -> bool:
    """Whether the corpus fails to cover an article (its own state in reports and triage)."""
    return coverage is not None and coverage < LOW_COVERAGE
