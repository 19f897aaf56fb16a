"""How often the rule-based conflict finder (claimcheck.verify.conflicts.find_conflict) fires, by itself.

    python scripts/conflict_rule_bench.py                 # swap pairs + every held-out NLI set
    python scripts/conflict_rule_bench.py --no-nli        # swap pairs only (seconds)
    python scripts/conflict_rule_bench.py --misses number # also print the swapped pairs it misses

On seeds/newsdev/swaps.jsonl it counts, per swap kind, the swapped claims the rule calls a conflict with
their source sentence, and the faithful claims it wrongly flags (kind "none": should stay 0). On the
held-out NLI sets (read through claimcheck.datasets, under $CLAIMCHECK_DATA) it counts flagged pairs per
gold label: contradictions are what it may catch, entailment and neutral pairs what it must leave alone.
Prints one JSON object; the rule needs no model, so the whole run takes about a minute.
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
from claimcheck.verify.conflicts import find_conflict  # noqa: E402

SWAPS = REPO / "seeds" / "newsdev" / "swaps.jsonl"


def swap_counts(misses: str | None) -> dict[str, str]:
    pairs, kinds = read_pairs_jsonl(SWAPS), pair_tags(SWAPS)
    hit, total = collections.Counter(), collections.Counter()
    for p, kind in zip(pairs, kinds):
        kind = kind or "none"
        total[kind] += 1
        found = find_conflict(p.hypothesis, p.premise)
        hit[kind] += found is not None
        if misses == kind and found is None:
            print(f"miss: {p.hypothesis} || {p.premise}", file=sys.stderr)
    return {k: f"{hit[k]}/{total[k]}" for k in total}


def nli_counts() -> dict[str, dict[str, str]]:
    out = {}
    for name in HELDOUT_NAMES:
        fired, total = collections.Counter(), collections.Counter()
        for p in load_heldout(name):
            total[p.label] += 1
            fired[p.label] += find_conflict(p.hypothesis, p.premise) is not None
        out[name] = {k: f"{fired[k]}/{total[k]}" for k in sorted(total)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-nli", action="store_true", help="skip the held-out NLI sets")
    ap.add_argument("--misses", metavar="KIND", help="print the swapped pairs of this kind the rule misses (stderr)")
    args = ap.parse_args()
    result = {"swaps": swap_counts(args.misses)}
    if not args.no_nli:
        result["nli"] = nli_counts()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
