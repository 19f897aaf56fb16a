"""Training-data recipe for the offline 3-way NLI verifier.

build_recipe() reads the TRAIN splits (recipe_sources), drops anything that overlaps a held-out
evaluation set, deduplicates, carves a grouped dev split, adds generated contradictions (synth),
balances the labels per preset and writes train.jsonl, dev.jsonl and stats.json.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from claimcheck.datasets import averitec, climate_fever, covid_fact, scifact
from claimcheck.datasets.nli import HELDOUT_NAMES, LABELS, Pair, load_heldout
from claimcheck.datasets.root import data_root as default_root
from claimcheck.core.errors import InputError, UserError
from claimcheck.research.train import recipe_sources, synth
from claimcheck.research.train.hard_pairs import HARD_SOURCES

# every source a recipe may name: the public TRAIN splits, then the hard neutrals and swaps of verifier v2
SOURCES = {**recipe_sources.SOURCES, **HARD_SOURCES}

DEV_SHARE = 0.03
SYNTH_FROM = ("fever", "climate-fever", "scifact", "covid-fact", "sick", "lingnli", "rte", "taxinli")


@dataclass(frozen=True)
class Preset:
    """How many pairs per label to keep, and how strongly each source is favoured when sampling."""

    name: str
    per_label: int | None  # None: as many as the scarcest label allows
    synth: int | None  # contradictions to generate; None: ~10% of the final set
    weights: dict[str, float] = field(default_factory=dict)  # missing source -> 1.0
    sources: tuple[str, ...] | None = None  # None: the v1 sources
    # per_source: label-balanced within each source, at most this many pairs per label and source, so no
    # source's topic predicts its label (v2); sources lacking a label are dropped. None: balance over the pool.
    per_source: dict[str, int] | None = None


V1_SOURCES = ("fever", "lingnli", "conjnli", "cad-nli", "breaking-nli", "sick", "rte", "covid-fact",
              "climate-fever", "scifact")
# v2: hard same-topic neutrals and swaps (hard_pairs), MultiNLI train pairs (TaxiNLI), COVID-Fact with
# neutrals; RTE (entailment only) and plain COVID-Fact (no neutral class) are left out: one-label sources
# teach topic -> label shortcuts.
V2_CAPS = {"fever": 6000, "news": 4000, "lingnli": 4500, "taxinli": 3000, "sick": 1400, "climate-fever": 1500,
           "scifact": 1500, "covid-fact": 900, "cad-nli": 1200, "conjnli": 1200, "breaking-nli": 400}

V2_SOURCES = ("fever", "fever-hard", "news", "lingnli", "taxinli", "sick", "climate-fever", "scifact",
              "covid-fact-balanced", "cad-nli", "conjnli", "breaking-nli")
UNCAPPED = {s: 10**9 for s in (*SOURCES, "synth")}  # per_source caps that never bind

PRESETS: dict[str, Preset] = {
    "cpu": Preset("cpu", per_label=20_000, synth=6_000, weights={
        "fever": 3.0, "climate-fever": 3.0, "scifact": 3.0, "covid-fact": 3.0, "synth": 3.0, "sick": 2.0,
        "lingnli": 1.5, "rte": 1.0, "conjnli": 0.5, "cad-nli": 0.5, "breaking-nli": 0.5}),
    "full": Preset("full", per_label=None, synth=None),
    "v2": Preset("v2", per_label=None, synth=8_000, per_source=V2_CAPS,
                 sources=V2_SOURCES),
    # gpu: every v2 source, uncapped (each source still label-balanced within itself); synth ~30% of the scarcer
    # of entailment / neutral. What `claimcheck train pack` puts in the GPU bundle (a few hundred thousand pairs).
    "gpu": Preset("gpu", per_label=None, synth=None, per_source=UNCAPPED, sources=V2_SOURCES),
}


class UnknownPreset(UserError):
    """A recipe preset name that does not exist."""


def norm(text: str) -> str:
    """Comparison key: lower-case alphanumeric tokens (matches tokenised and plain copies of a sentence)."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


class HeldoutGuard:
    """Everything that must never be trained on: held-out pairs, their premises (SNLI/MNLI), held-out claims."""

    def __init__(self, root: Path) -> None:
        self.pairs: set[tuple[str, str]] = set()
        self.premises: set[str] = set()
        self.claims: set[str] = set()
        for name in HELDOUT_NAMES:
            for p in load_heldout(name, root):
                self.pairs.add((norm(p.premise), norm(p.hypothesis)))
                if name.startswith(("snli-", "mnli-")):
                    self.premises.add(norm(p.premise))
                if name == "fever-nli-dev":
                    self.claims.add(norm(p.hypothesis))
        self.claims |= {norm(c) for c in _heldout_claims(root)}
        self.claims.discard("")

    def allows(self, p: Pair) -> bool:
        prem, hyp = norm(p.premise), norm(p.hypothesis)
        return (prem, hyp) not in self.pairs and prem not in self.premises and hyp not in self.claims


@lru_cache(maxsize=2)
def heldout_guard(root: Path) -> HeldoutGuard:
    """One guard per data folder and process (loading every held-out set takes a few seconds)."""
    return HeldoutGuard(root)


def _heldout_claims(root: Path) -> Iterable[str]:
    """Claims of held-out claim-verification sets (SciFact dev, COVID-Fact test, Climate-FEVER %5==0, AVeriTeC)."""
    # fever-train-evidence/{eval,test}_data_vanilla.csv.gz are NOT guarded: every one of their claims is a
    # FEVER train claim (a re-split of train by that project), not FEVER dev/test.
    yield from (r["claim"] for r in scifact.read_claim_rows(root / scifact.ZIP, "dev"))
    yield from covid_fact.test_claim_texts(root / covid_fact.FOLDER)
    yield from climate_fever.heldout_claim_texts(root / climate_fever.FOLDER)
    yield from averitec.dev_claim_texts(root / averitec.FOLDER)


def dedupe(pairs: Iterable[Pair]) -> tuple[list[Pair], int]:
    """Keep the first of identical (premise, hypothesis); drop all copies when their labels disagree."""
    first: dict[tuple[str, str], Pair] = {}
    conflict: set[tuple[str, str]] = set()
    dropped = 0
    for p in pairs:
        k = (norm(p.premise), norm(p.hypothesis))
        if k in first:
            dropped += 1
            if first[k].label != p.label:
                conflict.add(k)
        else:
            first[k] = p
    kept = [p for k, p in first.items() if k not in conflict]
    return kept, dropped + len(first) - len(kept)


def is_dev(p: Pair, seed: int) -> bool:
    """Grouped split: every pair of a claim/hypothesis goes to the same side."""
    key = norm(p.group or p.hypothesis)
    h = hashlib.sha1(f"{seed}:{key}".encode()).digest()
    return int.from_bytes(h[:4], "big") < DEV_SHARE * 2**32


def waterfill(counts: dict[str, int], weights: dict[str, float], target: int) -> dict[str, int]:
    """How many to take from each source so the total is target and source s gets at most weight*c."""
    if sum(counts.values()) <= target:
        return dict(counts)
    lo, hi = 0.0, float(max(counts.values()))
    w = {s: weights.get(s, 1.0) for s in counts}
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(min(n, int(w[s] * mid)) for s, n in counts.items()) < target:
            lo = mid
        else:
            hi = mid
    take = {s: min(n, int(w[s] * lo)) for s, n in counts.items()}
    short = target - sum(take.values())
    for s in sorted(counts, key=lambda s: -w[s]):
        if short <= 0:
            break
        extra = min(short, counts[s] - take[s])
        take[s] += extra
        short -= extra
    return take


def balance(pairs: list[Pair], per_label: int, weights: dict[str, float], rng: random.Random) -> list[Pair]:
    """Sample per_label pairs of each label, spreading the cut over sources by weight."""
    out: list[Pair] = []
    for label in LABELS:
        by_src: dict[str, list[Pair]] = defaultdict(list)
        for p in pairs:
            if p.label == label:
                by_src[p.source].append(p)
        take = waterfill({s: len(v) for s, v in by_src.items()}, weights, per_label)
        for s in sorted(by_src):
            out.extend(rng.sample(by_src[s], take[s]))
    rng.shuffle(out)
    return out


def balance_per_source(pairs: list[Pair], caps: dict[str, int], rng: random.Random) -> list[Pair]:
    """Within each source, the same number of pairs of every label (at most caps[source] each).

    A source that lacks a label gives nothing: its topic would predict its label.
    """
    by: dict[str, dict[str, list[Pair]]] = defaultdict(lambda: defaultdict(list))
    for p in pairs:
        by[p.source][p.label].append(p)
    out: list[Pair] = []
    for src in sorted(by):
        n = min([len(by[src][lab]) for lab in LABELS] + [caps.get(src, 0)])
        for lab in LABELS:
            out.extend(rng.sample(by[src][lab], n) if n else [])
    rng.shuffle(out)
    return out


def _stats(pairs: list[Pair]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for p in pairs:
        table[p.source][p.label] += 1
        table["total"][p.label] += 1
    return {s: {lab: c[lab] for lab in LABELS} | {"all": sum(c.values())} for s, c in sorted(table.items())}


def _write(path: Path, pairs: list[Pair]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for p in pairs:
            fh.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")


def build_recipe(out_dir: str | Path, data_root: str | Path | None = None, preset: str = "cpu", seed: int = 13,
                 limit: int | None = None, sources: Iterable[str] | None = None, show_progress: bool = True) -> dict:
    """Build train.jsonl / dev.jsonl / stats.json in out_dir; returns the stats dict.

    limit caps the pairs read per source (for quick tests); sources restricts which sources are read.
    Deterministic for a given seed, data and preset.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if preset not in PRESETS:
        raise UnknownPreset(f"unknown recipe preset {preset!r}; choose from {', '.join(PRESETS)}")
    cfg = PRESETS[preset]
    root = Path(data_root) if data_root else default_root()
    if not root.is_dir():
        raise InputError(f"data folder {root} not found (set CLAIMCHECK_DATA)")
    names = list(sources) if sources is not None else list(cfg.sources or V1_SOURCES)
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise UserError(f"unknown recipe source(s) {', '.join(unknown)}; choose from {', '.join(SOURCES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    stats: dict = {"preset": preset, "seed": seed, "limit": limit, "dropped_heldout": {}, "read": {}}

    console = Console(stderr=True, quiet=not show_progress)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("held-out sets (leak guard)", total=1)
        guard = heldout_guard(root.resolve())
        bar.update(task, completed=1)
        task = bar.add_task("reading sources", total=len(names))
        pool: list[Pair] = []
        for name in names:
            bar.update(task, description=f"reading {name}")
            raw = SOURCES[name](root, limit=limit, seed=seed)
            kept = [p for p in raw if guard.allows(p)]
            stats["read"][name] = len(raw)
            stats["dropped_heldout"][name] = len(raw) - len(kept)
            pool.extend(kept)
            bar.advance(task)
        bar.update(task, description="reading sources")
        pool, stats["dropped_duplicates"] = dedupe(pool)
        train_pool = [p for p in pool if not is_dev(p, seed)]
        dev_pool = [p for p in pool if is_dev(p, seed)]

        avail = Counter(p.label for p in train_pool)
        floor = min(avail["entailment"], avail["neutral"])
        n_synth = cfg.synth if cfg.synth is not None else round(0.3 * floor)
        if limit is not None:
            n_synth = min(n_synth, limit)
        base = [p for p in train_pool if p.source in SYNTH_FROM]
        nlp = synth.load_ner()
        task = bar.add_task("generating contradictions", total=min(len(base), 4 * n_synth))
        gen = synth.make_contradictions(base, n_synth, seed=seed, nlp=nlp, progress=lambda i: bar.advance(task))
        bar.update(task, completed=bar.tasks[task].total)
        dev_synth = synth.make_contradictions([p for p in dev_pool if p.source in SYNTH_FROM],
                                              max(1, round(n_synth * DEV_SHARE)), seed=seed, nlp=nlp)
        if cfg.per_source is not None:  # a swap counts for the source of the pair it was made from
            origin = {p.group or p.hypothesis: p.source for p in pool}
            gen, dev_synth = ([replace(p, source=origin.get(p.group, "synth")) for p in ps] for ps in (gen, dev_synth))
        known = {(norm(p.premise), norm(p.hypothesis)) for p in pool}
        train_pool += [p for p in gen if (norm(p.premise), norm(p.hypothesis)) not in known and guard.allows(p)]
        dev_pool += [p for p in dev_synth if (norm(p.premise), norm(p.hypothesis)) not in known and guard.allows(p)]

        task = bar.add_task("balancing and writing", total=2)
        if cfg.per_source is not None:
            train = balance_per_source(train_pool, cfg.per_source, rng)
            dev = balance_per_source(dev_pool, {s: max(1, round(n * DEV_SHARE)) for s, n in cfg.per_source.items()}, rng)
        else:
            counts = Counter(p.label for p in train_pool)
            per_label = min([cfg.per_label or counts[lab] for lab in LABELS] + [counts[lab] for lab in LABELS])
            train = balance(train_pool, per_label, cfg.weights, rng)
            dev_counts = Counter(p.label for p in dev_pool)
            dev_per_label = min([round(per_label * DEV_SHARE)] + [dev_counts[lab] for lab in LABELS])
            dev = balance(dev_pool, dev_per_label, cfg.weights, rng)
        _write(out / "train.jsonl", train)
        bar.advance(task)
        _write(out / "dev.jsonl", dev)
        bar.advance(task)

    stats.update({
        "ner_for_synth": nlp is not None,
        "train": _stats(train), "dev": _stats(dev),
        "train_pairs": len(train), "dev_pairs": len(dev),
        "max_premise_chars": max((len(p.premise) for p in train + dev), default=0),
    })
    (out / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    return stats
