"""How often the rule-based conflict finder (claimcheck.verify.conflicts) fires, by itself, per rule.

    claimcheck bench conflicts                        # swap pairs (dev + original) + every held-out NLI set
    claimcheck bench conflicts --opt nli=false        # swap pairs only (seconds)
    claimcheck bench conflicts --opt misses=place     # also print the dev / original swaps of a kind it misses
    claimcheck bench conflicts --opt heldout=true     # also the held-out swap lines (measure once, when final)
    claimcheck bench conflicts --opt parse=false      # without spaCy's parse (the arguments rule off)
    claimcheck bench conflicts --opt substitution=true  # also the substitution check (the profile's verifier)

On seeds/newsdev/swaps.jsonl it counts, per split ("orig": lines without a split field, "dev", "heldout")
and swap kind, the swapped claims the rules call a conflict with their source sentence, and the faithful
claims they wrongly flag (kind "none": should stay 0); `by_rule` says which rule kind fired. Held-out
swap lines are skipped unless heldout (tune on dev and orig only; misses never prints held-out lines).
On the held-out NLI sets (read through claimcheck.datasets, under $CLAIMCHECK_DATA) it counts flagged
pairs per gold label, and per rule the false alarms (flagged entailment / neutral pairs) per 1,000 such
pairs over all sets, and over the sets with a true neutral class (FEVER-NLI dev's "neutral" is "not entailed": its
refuted claims count as alarms in the first figure). One JSON object; the rules need no NLI model: the whole run
takes a minute or two without the parse, about five minutes with it (spaCy reads every pair sentence), about ten
with the substitution check. With substitution, a pair the rules leave
alone is also put to the substitution check (verify.conflicts.substitution), counted as kind "substitution": the
verifier reads only the pairs with a candidate, claim and rewritten claim.
"""
from __future__ import annotations

import collections
import sys
from dataclasses import replace

from ...datasets.newsdev import pair_tags
from ...datasets.nli import BINARY_HELDOUT, HELDOUT_NAMES, load_heldout, read_pairs_jsonl
from ...core.paths import PROJECT_ROOT
from ...verify.conflicts import KINDS, find_conflicts, prepare

SWAPS = PROJECT_ROOT / "seeds" / "newsdev" / "swaps.jsonl"


def _parser(on: bool, pairs) -> object | None:
    """spaCy's pipeline for the rule that reads a verb's named arguments, the pairs parsed in one batch."""
    if not on:
        return None
    from ...runtime.nlp import get_nlp

    nlp = get_nlp()
    prepare([x for p in pairs for x in (p.hypothesis, p.premise)], nlp)
    return nlp


def _substituted(models, pairs, found: list[list]) -> list[list]:
    """The rule findings with the substitution check's for the pairs the rules leave alone (kind "substitution")."""
    if models is None:
        return found
    from ...verify.conflicts.substitution import substitutions
    from ...verify.scoring import substituted

    todo = [k for k, p in enumerate(pairs) if not found[k] and substitutions(p.hypothesis, p.premise)]
    if not todo:
        return found
    scores = models.verifier.score_pairs([pairs[k].premise for k in todo], [pairs[k].hypothesis for k in todo])
    got = substituted(models, [(pairs[k].hypothesis, pairs[k].premise, [pairs[k].premise]) for k in todo], scores,
                      [None] * len(todo))
    out = list(found)
    for k, c in zip(todo, got):
        if c is not None:
            out[k] = [replace(c, kind="substitution")]
    return out


def swap_counts(misses: str | None, heldout: bool, parse_on: bool = True, models=None) -> dict:
    pairs, kinds, splits = read_pairs_jsonl(SWAPS), pair_tags(SWAPS), pair_tags(SWAPS, "split")
    parse = _parser(parse_on, pairs)
    hit, total = collections.Counter(), collections.Counter()
    by_rule: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    rows = [(p, kind or "none", split or "orig") for p, kind, split in zip(pairs, kinds, splits)
            if heldout or split != "heldout"]
    every = _substituted(models, [p for p, _, _ in rows],
                         [find_conflicts(p.hypothesis, p.premise, parse=parse) for p, _, _ in rows])
    for (p, kind, split), found in zip(rows, every):
        total[split, kind] += 1
        hit[split, kind] += bool(found)
        if found:
            by_rule[split, kind][found[0].kind] += 1
        if misses == kind and not found and split != "heldout":
            print(f"miss [{split}]: {p.hypothesis} || {p.premise}", file=sys.stderr)
        if kind == "none" and found and split != "heldout" and misses:
            print(f"FLAGGED [{split}]: {p.hypothesis} || {p.premise} -> {found[0]}", file=sys.stderr)
    out: dict = {}
    for (split, kind), n in sorted(total.items()):
        out.setdefault(split, {})[kind] = f"{hit[split, kind]}/{n}"
    out["by_rule"] = {f"{s}/{k}": dict(c) for (s, k), c in sorted(by_rule.items())}
    return out


def nli_counts(parse_on: bool = True, models=None) -> dict:
    out, alarms, pairs = {}, collections.Counter(), 0
    alarms3, pairs3 = collections.Counter(), 0  # the sets whose neutral pairs are neutral (not BINARY_HELDOUT)
    for name in HELDOUT_NAMES:
        fired, total = collections.Counter(), collections.Counter()
        heldout = list(load_heldout(name))
        parse = _parser(parse_on, heldout)
        every = _substituted(models, heldout, [find_conflicts(p.hypothesis, p.premise, parse=parse) for p in heldout])
        for p, found in zip(heldout, every):
            total[p.label] += 1
            fired[p.label] += bool(found)
            if p.label != "contradiction":
                pairs += 1
                pairs3 += name not in BINARY_HELDOUT
                for kind in {c.kind for c in found}:
                    alarms[kind] += 1
                    alarms3[kind] += name not in BINARY_HELDOUT
        out[name] = {k: f"{fired[k]}/{total[k]}" for k in sorted(total)}
    kinds = (*KINDS, "substitution") if models is not None else KINDS
    out["false_alarms_per_1000"] = {k: round(1000 * alarms[k] / max(pairs, 1), 3) for k in kinds}
    out["entailment_neutral_pairs"] = pairs
    # FEVER-NLI dev's "neutral" is "not entailed": refuted claims among them, so a caught refutation counts as an alarm
    out["false_alarms_per_1000_three_way_sets"] = {k: round(1000 * alarms3[k] / max(pairs3, 1), 3) for k in kinds}
    out["three_way_entailment_neutral_pairs"] = pairs3
    return out


def rule_counts(nli: bool = True, misses: str | None = None, heldout: bool = False, parse: bool = True,
                models=None) -> dict:
    """The swap pairs' counts and, with `nli`, the held-out NLI sets'; with `models` (a Pipeline: its verifier and
    judge settings), the substitution check's too."""
    result = {"swaps": swap_counts(misses, heldout, parse, models)}
    if nli:
        result["nli"] = nli_counts(parse, models)
    return result
