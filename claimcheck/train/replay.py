"""Replay: a sample of the original training recipe mixed into a continued-training run (a desk's feedback pairs)
so the verifier learns the desk's beat without forgetting what it knew (catastrophic forgetting).

The sample is label-balanced, seeded, drawn by one streaming pass (reservoir sampling per label), so a recipe of
a few hundred thousand pairs is never held in memory; pairs whose hypothesis is one of the new data's are left out.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from claimcheck.datasets.nli import LABELS, normalize_label
from claimcheck.errors import InputError

DEFAULT_RATIO = 2.0  # replayed pairs per new pair
DEV_SAMPLE = 1500  # recipe dev pairs used for calibration when no --dev is given


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def sample_pairs(path: Path, n: int, seed: int = 13, exclude_hypotheses: set[str] | None = None,
                 balanced: bool = True) -> list[dict]:
    """Up to n {premise, hypothesis, label, source} rows of a pairs file, n/3 per label when balanced."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    rng = random.Random(seed)
    exclude = {_key(h) for h in (exclude_hypotheses or ())}
    per = {lab: (n // len(LABELS) + (1 if i < n % len(LABELS) else 0)) for i, lab in enumerate(LABELS)} if balanced \
        else {"all": n}
    pools: dict[str, list[dict]] = {k: [] for k in per}
    seen: dict[str, int] = {k: 0 for k in per}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                label = normalize_label(row["label"])
                prem, hyp = row["premise"], row["hypothesis"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(f"{path}:{lineno}: not a {{premise, hypothesis, label}} object") from None
            if label is None or not isinstance(prem, str) or not isinstance(hyp, str) or _key(hyp) in exclude:
                continue
            k = label if balanced else "all"
            seen[k] += 1
            item = {"premise": prem, "hypothesis": hyp, "label": label,
                    "source": f"replay:{row.get('source') or path.stem}"}
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
    from claimcheck.writing import atomic_write

    atomic_write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def count_and_hypotheses(files: list[Path]) -> tuple[int, set[str]]:
    """How many pairs the new data holds, and their hypotheses (left out of the replay sample)."""
    from claimcheck.train.verifier import load_training_pairs

    pairs = load_training_pairs(files)
    return len(pairs), {p.hypothesis for p in pairs}
