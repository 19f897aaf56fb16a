"""Replay: a sample of the original training recipe mixed into a continued-training run (a desk's feedback pairs)
so the verifier learns the desk's beat without forgetting what it knew (catastrophic forgetting).

The sample is label-balanced, seeded, drawn by streaming passes (reservoir sampling per label), so a recipe of
a few hundred thousand pairs is never held in memory; pairs whose hypothesis is one of the new data's are left out.
With by_source, a first pass counts the pairs of each (source, label) and each gets its proportional share of the
label's quota (largest remainder, at least one pair per source while the quota allows), so a small source such as
Climate-FEVER is in every sample rather than by chance.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from claimcheck.datasets.nli import LABELS, iter_pairs_file
from claimcheck.core.errors import InputError

DEFAULT_RATIO = 6.0  # replayed pairs per new pair (2 forgot Climate-FEVER in the desk simulation: README, Learn from the desk)
INIT_EPOCHS = 2.0  # continued training (--init-from): passes; head only at the usual LR, or the LoRA weights too at
INIT_LORA_LR = 2e-4  # this LR (the desk simulation's settings that did not forget)
DEV_SAMPLE = 1500  # recipe dev pairs used for calibration when no --dev is given


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _rows(path: Path, exclude: set[str]):
    """(label, source, premise, hypothesis) of each usable pair of a pairs file, in file order."""
    for p in iter_pairs_file(path, lenient=True):
        if _key(p.hypothesis) not in exclude:
            yield p.label, p.source, p.premise, p.hypothesis


def _shares(quota: int, counts: dict[str, int]) -> dict[str, int]:
    """quota split over counts' keys in proportion (largest remainder), at least 1 each while quota allows."""
    total = sum(counts.values())
    if not total or quota <= 0:
        return {k: 0 for k in counts}
    keys = sorted(counts, key=lambda k: (-counts[k], k))
    floor = 1 if quota >= len(keys) else 0
    rest = quota - floor * len(keys)
    exact = {k: rest * counts[k] / total for k in keys}
    out = {k: floor + int(exact[k]) for k in keys}
    left = quota - sum(out.values())
    for k in sorted(keys, key=lambda k: (-(exact[k] - int(exact[k])), k))[:left]:
        out[k] += 1
    return {k: min(v, counts[k]) for k, v in out.items()}


def sample_pairs(path: Path, n: int, seed: int = 13, exclude_hypotheses: set[str] | None = None,
                 balanced: bool = True, by_source: bool = False) -> list[dict]:
    """Up to n {premise, hypothesis, label, source} rows of a pairs file, n/3 per label when balanced; with
    by_source, every source of the file in proportion to its pairs (per label when balanced)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    rng = random.Random(seed)
    exclude = {_key(h) for h in (exclude_hypotheses or ())}
    per = {lab: (n // len(LABELS) + (1 if i < n % len(LABELS) else 0)) for i, lab in enumerate(LABELS)} if balanced \
        else {"all": n}
    if by_source:  # first pass: how many pairs each (label, source) holds; quotas in proportion
        counts: dict[str, dict[str, int]] = {k: {} for k in per}
        for label, source, _, _ in _rows(path, exclude):
            c = counts[label if balanced else "all"]
            c[source] = c.get(source, 0) + 1
        per = {(k, s): q for k in per for s, q in _shares(per[k], counts[k]).items()}
    pools: dict = {k: [] for k in per}
    seen: dict = {k: 0 for k in per}
    for label, source, prem, hyp in _rows(path, exclude):
        k = label if balanced else "all"
        if by_source:
            k = (k, source)
        seen[k] += 1
        item = {"premise": prem, "hypothesis": hyp, "label": label, "source": f"replay:{source}"}
        if len(pools[k]) < per[k]:
            pools[k].append(item)
        else:
            j = rng.randrange(seen[k])
            if j < per[k]:
                pools[k][j] = item
    out = [x for k in per for x in pools[k]]
    rng.shuffle(out)
    return out


def write_pairs(path: Path, rows: list[dict]) -> None:
    from claimcheck.core.writing import atomic_write

    atomic_write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def count_and_hypotheses(files: list[Path]) -> tuple[int, set[str]]:
    """How many pairs the new data holds, and their hypotheses (left out of the replay sample)."""
    from claimcheck.research.train.verifier import load_training_pairs

    pairs = load_training_pairs(files)
    return len(pairs), {p.hypothesis for p in pairs}
