"""How often the rule-based conflict finder (claimcheck.verify.conflicts) fires, by itself, per rule.

    claimcheck bench conflicts                        # swap pairs (dev + original) + every held-out NLI set
    claimcheck bench conflicts --opt nli=false        # swap pairs only (seconds)
    claimcheck bench conflicts --opt misses=place     # also print the dev / original swaps of a kind it misses
    claimcheck bench conflicts --opt heldout=true     # also the held-out swap lines (measure once, when final)
    claimcheck bench conflicts --opt parse=false      # without spaCy's parse (the arguments rule off)

On seeds/newsdev/swaps.jsonl it counts, per split ("orig": lines without a split field, "dev", "heldout")
and swap kind, the swapped claims the rules call a conflict with their source sentence, and the faithful
claims they wrongly flag (kind "none": should stay 0); `by_rule` says which rule kind fired. Held-out
swap lines are skipped unless heldout (tune on dev and orig only; misses never prints held-out lines).
On the held-out NLI sets (read through claimcheck.datasets, under $CLAIMCHECK_DATA) it counts flagged
pairs per gold label, and per rule the false alarms (flagged entailment / neutral pairs) per 1,000 such
pairs over all sets. One JSON object; the rules need no NLI model: the whole run takes a minute or two without
the parse, about five minutes with it (spaCy reads every pair sentence).
"""
from __future__ import annotations

import collections
import sys

from ...datasets.newsdev import pair_tags
from ...datasets.nli import HELDOUT_NAMES, load_heldout, read_pairs_jsonl
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


def swap_counts(misses: str | None, heldout: bool, parse_on: bool = True) -> dict:
    pairs, kinds, splits = read_pairs_jsonl(SWAPS), pair_tags(SWAPS), pair_tags(SWAPS, "split")
    parse = _parser(parse_on, pairs)
    hit, total = collections.Counter(), collections.Counter()
    by_rule: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    for p, kind, split in zip(pairs, kinds, splits):
        kind, split = kind or "none", split or "orig"
        if split == "heldout" and not heldout:
            continue
        total[split, kind] += 1
        found = find_conflicts(p.hypothesis, p.premise, parse=parse)
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


def nli_counts(parse_on: bool = True) -> dict:
    out, alarms, pairs = {}, collections.Counter(), 0
    for name in HELDOUT_NAMES:
        fired, total = collections.Counter(), collections.Counter()
        heldout = list(load_heldout(name))
        parse = _parser(parse_on, heldout)
        for p in heldout:
            total[p.label] += 1
            found = find_conflicts(p.hypothesis, p.premise, parse=parse)
            fired[p.label] += bool(found)
            if p.label != "contradiction":
                pairs += 1
                for kind in {c.kind for c in found}:
                    alarms[kind] += 1
        out[name] = {k: f"{fired[k]}/{total[k]}" for k in sorted(total)}
    out["false_alarms_per_1000"] = {k: round(1000 * alarms[k] / max(pairs, 1), 3) for k in KINDS}
    out["entailment_neutral_pairs"] = pairs
    return out


def rule_counts(nli: bool = True, misses: str | None = None, heldout: bool = False, parse: bool = True) -> dict:
    """The swap pairs' counts and, with `nli`, the held-out NLI sets'."""
    result = {"swaps": swap_counts(misses, heldout, parse)}
    if nli:
        result["nli"] = nli_counts(parse)
    return result
