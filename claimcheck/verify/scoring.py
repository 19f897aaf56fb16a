"""The verify half of a pipeline pass, after retrieval: score each text's passages, then judge it.

`score_hits`: rationale selection (verify.rationale), one verifier batch over the selected sentences, the
conflict rule (verify.conflicts) and, where it finds nothing, the substitution check (`substituted`); `decide`: the
claim rule (verify.aggregate.judge) per text, each passage first marked with the event it is about
(claimcheck.timeline). `models` is anything with the lazily loaded parts a
Pipeline has (nlp, embedder, verifier, aggregate_config, rationale_config): the Pipeline passes itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, Sequence

from ..core.types import Evidence, Hit, Judgement, PairScore
from .aggregate import AggregateConfig, judge, make_evidence
from ..timeline import event_statements, mark_events
from .rationale import RationaleConfig, align_names, align_values, passage_sentences, premise, select


class Models(Protocol):
    nlp: Any
    embedder: Any
    verifier: Any
    aggregate_config: AggregateConfig
    rationale_config: RationaleConfig


@dataclass(frozen=True)
class Scored:
    """One passage scored for one text: its evidence record (not yet marked with an event) and the
    sentences the verifier read (empty: none addresses the text)."""

    evidence: Evidence
    sentences: tuple[str, ...]


UNREAD = PairScore(entailment=0.0, contradiction=0.0, neutral=1.0)  # a passage no sentence of which addresses the claim


def score_hits(models: Models, texts: Sequence[str], hits: Sequence[Sequence[Hit]]) -> list[list[Scored]]:
    """Rationale selection and one verifier batch over the selected sentences, per text.

    Passages further from their text than min_similarity are not read and not reported. Of the
    others, only the sentences that address the text (verify.rationale) are read by the verifier,
    together with the conflict rule (verify.conflicts) and the substitution check (`substituted`: a second, small
    verifier batch over the claims rewritten with a passage's vehicle or place); a passage with no such sentence is
    reported with neutral 1.0 and cannot decide the verdict.
    """
    from .conflicts import find_agreement, find_conflict, place_facts, prepare, texts_to_parse

    floor, rcfg = models.aggregate_config.min_similarity, models.rationale_config
    per_text: list[list[Hit]] = [[h for h in hs if h.similarity >= floor] for hs in hits]
    split = {h.passage.text: passage_sentences(h.passage.text) for hs in per_text for h in hs}
    sentences = list(dict.fromkeys(x for ss in split.values() for x in ss))
    vecs = models.embedder.encode(sentences + list(texts)) if sentences else None
    row = {x: i for i, x in enumerate(sentences)}
    jobs = []  # (text index, hit, premise, rationale sentences, best cosine)
    per: list[list[Scored]] = [[] for _ in texts]
    for i, hs in enumerate(per_text):
        if not hs:
            continue
        if rcfg.top > 0:
            chosen = select(vecs[len(sentences) + i], [vecs[[row[x] for x in split[h.passage.text]]] for h in hs], rcfg,
                            keys=[split[h.passage.text] for h in hs])
        else:  # rationale selection off (rationale_top = 0): the whole passage is read, as verifier v1 did
            chosen = [[(j, h.similarity) for j in range(len(split[h.passage.text]))] for h in hs]
        for h, kept in zip(hs, chosen):
            ss = split[h.passage.text]
            if kept:
                jobs.append((i, h, premise(h.passage, ss, [j for j, _ in kept]), [ss[j] for j, _ in kept],
                             max(sim for _, sim in kept)))
            else:
                per[i].append(Scored(make_evidence(h, UNREAD), ()))
    rules = models.aggregate_config.conflict_rule
    hypotheses = [align_names(texts[j[0]], j[2]) for j in jobs]
    if rules:  # a number in another unit, a place more precise: written as the premise writes it
        hypotheses = [align_values(h, j[3]) for h, j in zip(hypotheses, jobs)]
    scores = models.verifier.score_pairs([j[2] for j in jobs], hypotheses)
    # what the passages retrieved for a text say about places the gazetteer does not know ("X, in Y")
    places = {i: place_facts([h.passage.text for h in per_text[i]]) for i in {j[0] for j in jobs}} if rules else {}
    # the rule that reads a verb's named arguments parses claims and rationale sentences, in one batch
    parse = models.nlp if rules and hasattr(models.nlp, "pipe") else None
    if parse is not None:
        prepare(texts_to_parse((texts[j[0]], x) for j in jobs for x in j[3]), parse)
    conflicts = [next((c for x in rationale if (c := find_conflict(texts[i], x, places=places[i], parse=parse))
                       is not None), None) if rules else None for i, _, _, rationale, _ in jobs]
    if rules:
        conflicts = substituted(models, [(texts[j[0]], j[2], j[3]) for j in jobs], scores, conflicts)
    for (i, h, _, rationale, sim), sc, conflict in zip(jobs, scores, conflicts):
        agreement = next((a for x in rationale if (a := find_agreement(texts[i], x)) is not None),
                         None) if rules and conflict is None else None
        per[i].append(Scored(make_evidence(h, sc, rationale=" ".join(rationale), rationale_similarity=sim,
                                           conflict=conflict, conflict_confidence=models.aggregate_config.conflict_confidence,
                                           agreement=agreement),
                             tuple(rationale)))
    return per


def substituted(models: Models, pairs: Sequence[tuple[str, str, Sequence[str]]], scores: Sequence[PairScore],
                conflicts: list) -> list:
    """The conflicts with those the substitution check finds where the rules found none (verify.conflicts.substitution):
    per (claim, premise, rationale sentences) pair the verifier did not read as support, the claim written with a
    vehicle or place of a rationale sentence in place of its own, read by the verifier in one more batch. When that
    claim reads as supported (support_threshold) and substitution_margin more entailed than the claim itself, the
    two vehicles or places are a conflict: on the training NLI sets (45,855 entailment / neutral pairs) that fired on 1
    entailment / neutral pair and 14 contradictions at 0.25; 3 and 14 at 0.2 (docs/results.md)."""
    from .conflicts.substitution import substitutions

    cfg = models.aggregate_config
    if cfg.substitution_margin > 1.0:
        return conflicts
    todo = [(k, s) for k, ((claim, _, rationale), sc, c) in enumerate(zip(pairs, scores, conflicts))
            if c is None and sc.entailment < cfg.support_threshold
            for x in rationale for s in substitutions(claim, x)]
    if not todo:
        return conflicts
    read = models.verifier.score_pairs([pairs[k][1] for k, _ in todo], [s.hypothesis for _, s in todo])
    out = list(conflicts)
    for (k, s), sc in zip(todo, read):
        bar = max(cfg.support_threshold, scores[k].entailment + cfg.substitution_margin)
        if sc.entailment >= bar and (out[k] is None or sc.entailment > out[k].alignment):
            out[k] = s.conflict(sc.entailment)
    return out


def decide(models: Models, texts: Sequence[str], scored: Sequence[Sequence[Scored]],
           article_date: date | None = None) -> list[Judgement]:
    """The claim rule per text, each passage first marked as about the same event as the text, another
    one, or unknown (claimcheck.timeline; the verifier's [verifier] event_rule turns this off)."""
    cfg = models.aggregate_config
    if not cfg.event_rule:
        return [judge([x.evidence for x in ss], cfg, claim=t) for t, ss in zip(texts, scored)]
    sentences = list(dict.fromkeys([*texts, *(y for ss in scored for x in ss for y in x.sentences)]))
    event = dict(zip(sentences, event_statements(sentences, models.nlp)))
    out = []
    for text, ss in zip(texts, scored):
        claim, evidence = mark_events(text, [(x.evidence, x.sentences) for x in ss], event, article_date)
        out.append(judge(evidence, cfg, time=claim.to_dict(), claim=text))
    return out


def judge_hits(models: Models, texts: Sequence[str], hits: Sequence[Sequence[Hit]]) -> list[Judgement]:
    """The claim rule over scored hits, with no event marks (an article checked against itself)."""
    return [judge([x.evidence for x in ss], models.aggregate_config, claim=t)
            for t, ss in zip(texts, score_hits(models, texts, hits))]
