"""How often the rule-based conflict finder (claimcheck.verify.conflicts) fires, by itself, per rule.

    python scripts/conflict_rule_bench.py                  # swap pairs (dev + original) + every held-out NLI set
    python scripts/conflict_rule_bench.py --no-nli         # swap pairs only (seconds)
    python scripts/conflict_rule_bench.py --misses place   # also print the dev / original swaps of a kind it misses
    python scripts/conflict_rule_bench.py --heldout        # also the held-out swap lines (measure once, when final)
    python scripts/conflict_rule_bench.py --no-parse       # without spaCy's parse (the arguments rule off)

On seeds/newsdev/swaps.jsonl it counts, per split ("orig": lines without a split field, "dev", "heldout")
and swap kind, the swapped claims the rules call a conflict with their source sentence, and the faithful
claims they wrongly flag (kind "none": should stay 0); `by_rule` says which rule kind fired. Held-out
swap lines are skipped unless --heldout (tune on dev and orig only; --misses never prints held-out lines).
On the held-out NLI sets (read through claimcheck.datasets, under $CLAIMCHECK_DATA) it counts flagged
pairs per gold label, and per rule the false alarms (flagged entailment / neutral pairs) per 1,000 such
pairs over all sets. Prints one JSON object; the rules need no model, so the whole run takes a minute or two (a few more
with the parse, which spaCy reads every pair sentence for).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimcheck.datasets.newsdev import pair_tags  # noqa: E402
from claimcheck.datasets.nli import HELDOUT_NAMES, load_heldout, read_pairs_jsonl  # noqa: E402
from claimcheck.verify.conflicts import KINDS, find_conflicts, prepare  # noqa: E402

SWAPS = REPO / "seeds" / "newsdev" / "swaps.jsonl"


def _parser(on: bool, pairs) -> object | None:
    """spaCy's pipeline for the rule that reads a verb's named arguments, the pairs parsed in one batch."""
    if not on:
        return None
    from claimcheck.runtime.nlp import get_nlp

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-nli", action="store_true", help="skip the held-out NLI sets")
    ap.add_argument("--misses", metavar="KIND", help="print the dev / orig swaps of this kind the rules miss, and "
                    "the faithful ones they flag (stderr)")
    ap.add_argument("--heldout", action="store_true", help="also count the held-out swap lines")
    ap.add_argument("--no-parse", action="store_true", help="without spaCy: the rule reading a verb's named "
                    "arguments from the parse is off (as in a pipeline without a parser)")
    args = ap.parse_args()
    result = {"swaps": swap_counts(args.misses, args.heldout, not args.no_parse)}
    if not args.no_nli:
        result["nli"] = nli_counts(not args.no_parse)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
