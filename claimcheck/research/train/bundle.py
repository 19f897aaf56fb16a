"""The GPU bundle: what a device machine with no network and no ../shared/data needs to train the verifier.

    gpu-bundle/
      base/                  the base encoder: config.json, model.safetensors in fp16, tokenizer files
      train.jsonl.gz         every training pair of the recipe (preset `gpu`: all v2 sources, uncapped)
      dev.jsonl.gz           the recipe's dev split (calibration)
      eval/<set>.jsonl.gz    small held-out sets (SICK test, MultiNLI dev mismatched) when they fit
      manifest.json          counts, sizes, the recipe's stats and the size rule applied

JSONL lines are sorted by (premise, hypothesis) before gzip (level 9, mtime 0): pairs that share a premise sit
together, so gzip's 32 KiB window finds the repeats (FEVER, LingNLI and the hard neutrals reuse premises), and the
same recipe gives the same bytes. The trainer shuffles anyway.

Size rule (budget_mib, 60 by default; a device machine takes at most 64 MiB of carried files): the base, dev and
eval sets go in first; if the training pairs do not fit in what is left, every (source, label) cell keeps at most
C pairs, C the largest cap that fits (bisection on the gzipped size). The recipe's order is already a seeded
shuffle, so a cap keeps a random subset, and each source stays label-balanced.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from claimcheck.datasets.nli import Pair
from claimcheck.core.errors import UserError
from claimcheck.research.train.verifier import load_training_pairs

MIB = 1 << 20
DEFAULT_BUDGET_MIB = 60.0
EVAL_SETS = ("sick-test", "mnli-dev-mm")
BASE_FILES = ("config.json", "model.safetensors")


def jsonl_gz_bytes(pairs: list[Pair]) -> bytes:
    """Deterministic gzip of the pairs as JSONL, sorted by (premise, hypothesis, label)."""
    rows = sorted(pairs, key=lambda p: (p.premise, p.hypothesis, p.label))
    raw = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in rows).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0)


def cap_per_cell(pairs: list[Pair], cap: int) -> list[Pair]:
    """At most cap pairs of each (source, label), the first ones in the given order."""
    seen: Counter = Counter()
    out = []
    for p in pairs:
        if seen[(p.source, p.label)] < cap:
            seen[(p.source, p.label)] += 1
            out.append(p)
    return out


def fit_to_budget(pairs: list[Pair], budget_bytes: int) -> tuple[bytes, int | None]:
    """The gzipped training pairs and the cap applied (None: all pairs fit)."""
    blob = jsonl_gz_bytes(pairs)
    if len(blob) <= budget_bytes:
        return blob, None
    cells = Counter((p.source, p.label) for p in pairs)
    lo, hi = 0, max(cells.values())  # lo fits (empty), hi does not
    best = jsonl_gz_bytes([])
    while hi - lo > max(1, hi // 200):  # to within 0.5% of the largest cell
        mid = (lo + hi) // 2
        b = jsonl_gz_bytes(cap_per_cell(pairs, mid))
        if len(b) <= budget_bytes:
            lo, best = mid, b
        else:
            hi = mid
    return best, lo


def save_base_fp16(base_ref: str, dst: Path) -> dict:
    """The base encoder (no head) in fp16 safetensors, with its config and tokenizer."""
    import torch
    import transformers
    from transformers import AutoModel, AutoTokenizer

    from claimcheck.profiles import resolve_model

    path = resolve_model(base_ref)
    dst.mkdir(parents=True, exist_ok=True)
    prev = transformers.logging.get_verbosity()
    transformers.logging.set_verbosity_error()
    try:
        model = AutoModel.from_pretrained(path, dtype=torch.float16)
    finally:
        transformers.logging.set_verbosity(prev)
    model.save_pretrained(str(dst), safe_serialization=True)
    AutoTokenizer.from_pretrained(path).save_pretrained(str(dst))
    return {"ref": base_ref, "resolved": str(path), "params": int(sum(p.numel() for p in model.parameters())),
            "dtype": "float16"}


def _size(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() else p.stat().st_size


def pack_bundle(out: Path, recipe_dir: Path, *, base_ref: str, data_root: Path | None = None,
                eval_sets: tuple[str, ...] = EVAL_SETS, eval_limit: int | None = None,
                budget_mib: float = DEFAULT_BUDGET_MIB, log=print) -> dict:
    """Write the bundle from a built recipe folder (train.jsonl, dev.jsonl, stats.json); returns the manifest."""
    from claimcheck.datasets.nli import load_heldout

    t0 = time.time()
    out, recipe_dir = Path(out), Path(recipe_dir)
    for f in ("train.jsonl", "dev.jsonl"):
        if not (recipe_dir / f).is_file():
            raise UserError(f"{recipe_dir / f}: no such file (build the recipe first)")
    out.mkdir(parents=True, exist_ok=True)
    budget = int(budget_mib * MIB)
    base_info = save_base_fp16(base_ref, out / "base")
    base_bytes = _size(out / "base")

    dev = load_training_pairs([recipe_dir / "dev.jsonl"]) if (recipe_dir / "dev.jsonl").stat().st_size else []
    (out / "dev.jsonl.gz").write_bytes(jsonl_gz_bytes(dev))
    evals: dict[str, dict] = {}
    skipped: dict[str, str] = {}
    (out / "eval").mkdir(exist_ok=True)
    for name in eval_sets:
        try:
            pairs = load_heldout(name, data_root, limit=eval_limit)
        except (OSError, UserError) as e:  # the set is absent here: the bundle goes without it
            skipped[name] = " ".join(str(e).split())[:200]
            continue
        blob = jsonl_gz_bytes(pairs)
        if base_bytes + _size(out / "dev.jsonl.gz") + _size(out / "eval") + len(blob) > budget * 0.9:
            skipped[name] = f"does not fit ({len(blob) / MIB:.2f} MiB)"
            continue
        (out / "eval" / f"{name}.jsonl.gz").write_bytes(blob)
        evals[name] = {"pairs": len(pairs), "bytes": len(blob)}

    train = load_training_pairs([recipe_dir / "train.jsonl"])
    left = budget - base_bytes - _size(out / "dev.jsonl.gz") - _size(out / "eval") - 64 * 1024  # manifest room
    full_blob = jsonl_gz_bytes(train)
    if len(full_blob) <= left:
        blob, cap = full_blob, None
    else:
        log(f"the full recipe is {len(full_blob) / MIB:.1f} MiB gzipped, {(len(full_blob) - left) / MIB:.1f} MiB over "
            f"the {left / MIB:.1f} MiB left for it: capping pairs per (source, label)")
        blob, cap = fit_to_budget(train, left)
    kept = cap_per_cell(train, cap) if cap is not None else train
    (out / "train.jsonl.gz").write_bytes(blob)

    stats_file = recipe_dir / "stats.json"
    manifest = {
        "format": 1,
        "created_s": round(time.time() - t0, 1),
        "base": {**base_info, "bytes": base_bytes},
        "recipe": {"folder": str(recipe_dir), "stats": json.loads(stats_file.read_text()) if stats_file.is_file() else None},
        "train": {"pairs": len(kept), "pairs_in_recipe": len(train), "bytes": len(blob),
                  "bytes_uncapped": len(full_blob), "cap_per_source_label": cap,
                  "sha256": hashlib.sha256(blob).hexdigest(), "by_source": _table(kept)},
        "dev": {"pairs": len(dev), "bytes": _size(out / "dev.jsonl.gz"), "by_source": _table(dev)},
        "eval": evals,
        "eval_skipped": skipped,
        "budget_mib": budget_mib,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    manifest["total_bytes"] = _size(out)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    if manifest["total_bytes"] > budget:
        raise UserError(f"bundle {out} is {manifest['total_bytes'] / MIB:.1f} MiB, over the {budget_mib} MiB budget")
    return manifest


def _table(pairs: list[Pair]) -> dict[str, dict[str, int]]:
    t: dict[str, Counter] = defaultdict(Counter)
    for p in pairs:
        t[p.source][p.label] += 1
    return {s: dict(c) for s, c in sorted(t.items())}


def size_lines(out: Path) -> list[str]:
    """One line per bundle part: its size in MiB."""
    out = Path(out)
    parts = [out / "base", out / "train.jsonl.gz", out / "dev.jsonl.gz", out / "eval", out / "manifest.json"]
    lines = [f"{p.relative_to(out)!s:<16} {_size(p) / MIB:8.2f} MiB" for p in parts if p.exists()]
    lines.append(f"{'total':<16} {_size(out) / MIB:8.2f} MiB")
    return lines
