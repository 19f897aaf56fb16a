"""Topic-shortcut probe: can one side of a pair alone (hypothesis only, or premise only) predict the label?

A bag-of-words multinomial Naive Bayes (lower-cased word unigrams + bigrams, binary presence, hashed to
2**18 features) is cross-validated with folds grouped by `Pair.group`, so a claim's pairs never straddle
train and test. Accuracy far above the majority-class rate means the source teaches a shortcut the
verifier can learn without reading the other side.

The "pooled" probe trains on every source mixed together and reports accuracy per source: that is
what shows a cross-source shortcut (e.g. COVID words -> contradiction, because COVID-Fact has no
neutral class, or any RTE hypothesis -> entailment, because only its entailments are kept).

    python -m claimcheck.research.train.probe --limit 4000
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from claimcheck.datasets.nli import Pair
from claimcheck.research.evaluate.metrics import accuracy, balanced_accuracy, macro_f1

N_FEATURES = 2 ** 18
SIDES = ("hypothesis", "premise")
_WORD = re.compile(r"\w+")


# ---------------------------------------------------------------- features


def _ngrams(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    return words + [a + " " + b for a, b in zip(words, words[1:])]


def featurize(texts: Sequence[str], n_features: int = N_FEATURES) -> sp.csr_matrix:
    """Binary bag of hashed unigrams + bigrams, one row per text (crc32, so stable across runs)."""
    mask = n_features - 1 if n_features & (n_features - 1) == 0 else None
    indptr, indices = [0], []
    for t in texts:
        cols = {zlib.crc32(g.encode("utf-8")) for g in _ngrams(t)}
        cols = {c & mask for c in cols} if mask is not None else {c % n_features for c in cols}
        indices.extend(sorted(cols))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                         shape=(len(texts), n_features))


# ---------------------------------------------------------------- folds and model


def grouped_folds(groups: Sequence[str], folds: int = 5, seed: int = 13) -> np.ndarray:
    """Fold index per item; all items of a group share a fold. Groups are shuffled (seeded) and each
    goes to the fold with the fewest items so far, so folds come out near equal in size."""
    order = list(dict.fromkeys(groups))
    random.Random(seed).shuffle(order)
    size = Counter(groups)
    k = max(1, min(folds, len(order)))
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in order:
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[g] = f
        load[f] += size[g]
    return np.asarray([fold_of[g] for g in groups], dtype=np.int64)


def link_groups(pairs: Sequence[Pair], by_premise: bool = False) -> list[str]:
    """Group key per pair: `Pair.group` (a pair without one is its own group); with by_premise, groups
    that share a premise are merged too (union-find), so a premise never sits in train and test at once."""
    keys = [p.group or f"#{i}" for i, p in enumerate(pairs)]
    if not by_premise:
        return keys
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for k, p in zip(keys, pairs):
        other = first.setdefault(p.premise, k)
        a, b = find(k), find(other)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [find(k) for k in keys]


def _nb_fit_predict(X_tr: sp.csr_matrix, y_tr: np.ndarray, X_te: sp.csr_matrix, n_labels: int,
                    alpha: float) -> np.ndarray:
    """Multinomial NB over the features seen in training (unseen test features are ignored)."""
    Y = sp.csr_matrix((np.ones(len(y_tr)), (y_tr, np.arange(len(y_tr)))), shape=(n_labels, len(y_tr)))
    counts = np.asarray((Y @ X_tr).todense(), dtype=np.float64)  # labels x features
    seen = counts.sum(axis=0) > 0
    vocab = int(seen.sum())
    denom = counts[:, seen].sum(axis=1, keepdims=True) + alpha * max(vocab, 1)
    logp = np.where(seen, np.log(counts + alpha) - np.log(denom), 0.0)
    n_c = np.bincount(y_tr, minlength=n_labels)
    prior = np.log((n_c + 1.0) / (len(y_tr) + n_labels))
    scores = np.asarray(X_te @ logp.T) + prior
    return scores.argmax(axis=1)


def oof_predict(X: sp.csr_matrix, y: np.ndarray, groups: Sequence[str], n_labels: int, folds: int = 5,
                seed: int = 13, alpha: float = 1.0) -> np.ndarray:
    """Out-of-fold label indices from grouped k-fold cross-validation (one fold: train = test)."""
    fold = grouped_folds(groups, folds, seed)
    pred = np.zeros(len(y), dtype=np.int64)
    k = int(fold.max()) + 1 if len(fold) else 0
    if k == 1:
        return _nb_fit_predict(X, y, X, n_labels, alpha)
    for f in range(k):
        te, tr = fold == f, fold != f
        pred[te] = _nb_fit_predict(X[tr], y[tr], X[te], n_labels, alpha)
    return pred


# ---------------------------------------------------------------- metrics


def _summary(gold: Sequence[str], pred: Sequence[str]) -> dict:
    counts = Counter(gold)
    labels = sorted(counts)
    n = len(gold)
    return {
        "n": n,
        "labels": dict(sorted(counts.items())),
        "chance": max(counts.values()) / n if n else 0.0,
        "accuracy": accuracy(list(gold), list(pred)),
        "macro_f1": macro_f1(list(gold), list(pred), labels),
        "balanced_accuracy": balanced_accuracy(list(gold), list(pred)),
        "predicted": dict(sorted(Counter(pred).items())),
    }


def _side_texts(pairs: Iterable[Pair], side: str) -> list[str]:
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, not {side!r}")
    return [getattr(p, side) for p in pairs]


def _probe_matrix(X: sp.csr_matrix, pairs: Sequence[Pair], folds: int, seed: int,
                  groups: Sequence[str]) -> tuple[list[str], float]:
    """Out-of-fold predicted labels, and the accuracy of the same probe on seeded shuffled labels
    (the empirical chance of this classifier: it need not fall back on the majority class)."""
    labels = sorted({p.label for p in pairs})
    idx = {lab: i for i, lab in enumerate(labels)}
    y = np.asarray([idx[p.label] for p in pairs], dtype=np.int64)
    pred = oof_predict(X, y, groups, len(labels), folds, seed)
    y_shuf = np.random.default_rng(seed).permutation(y)
    shuffled = float((oof_predict(X, y_shuf, groups, len(labels), folds, seed) == y_shuf).mean())
    return [labels[i] for i in pred], shuffled


def _side_probe(X: sp.csr_matrix, pairs: Sequence[Pair], side: str, folds: int, seed: int,
                groups: Sequence[str]) -> dict:
    pred, shuffled = _probe_matrix(X, pairs, folds, seed, groups)
    return {"side": side, **_summary([p.label for p in pairs], pred), "shuffled_accuracy": shuffled,
            "folds": int(grouped_folds(groups, folds, seed).max()) + 1}


def probe_pairs(pairs: list[Pair], side: str = "hypothesis", folds: int = 5, seed: int = 13,
                by_premise: bool = False) -> dict:
    """Grouped k-fold probe of a one-side bag-of-words NB: {side, n, labels, chance (majority-class
    accuracy), accuracy, macro_f1, balanced_accuracy, shuffled_accuracy, folds}.

    Folds are grouped by `Pair.group` (a pair without one is its own group); by_premise also keeps
    pairs that share a premise together."""
    texts = _side_texts(pairs, side)
    if not pairs:
        return {"side": side, "n": 0, "labels": {}, "chance": 0.0, "accuracy": 0.0, "macro_f1": 0.0,
                "balanced_accuracy": 0.0, "shuffled_accuracy": 0.0, "folds": 0}
    return _side_probe(featurize(texts), pairs, side, folds, seed, link_groups(pairs, by_premise))


# ---------------------------------------------------------------- sources


def probe_sources(root: str | Path, sources: Sequence[str] | None = None, limit: int | None = 4000,
                  seed: int = 13, folds: int = 5, by_premise: bool = False) -> dict[str, dict]:
    """{source: {hypothesis: probe, premise: probe}} for each training source, plus "pooled":
    {side: {overall metrics..., per_source: {source: metrics on that source's out-of-fold predictions}}}
    from one probe trained on all sources mixed. A source that fails to load gets {"error": message}."""
    from claimcheck.research.train.recipe import SOURCES

    root = Path(root)
    names = list(sources) if sources else list(SOURCES)
    unknown = [s for s in names if s not in SOURCES]
    if unknown:
        raise ValueError(f"unknown source(s) {unknown}; known: {sorted(SOURCES)}")
    results: dict[str, dict] = {}
    loaded: dict[str, list[Pair]] = {}
    for name in names:
        try:
            pairs = SOURCES[name](root, limit=limit, seed=seed)
        except Exception as exc:  # noqa: BLE001 - one missing source should not stop the probe
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        if not pairs:
            results[name] = {"error": "no pairs"}
            continue
        loaded[name] = pairs
    return {**results, **probe_groups(loaded, seed, folds, by_premise)}


def probe_file(path: str | Path, seed: int = 13, folds: int = 5, by_premise: bool = False) -> dict[str, dict]:
    """The same probe over a training file (e.g. a built recipe's train.jsonl), per its `source` field:
    shows whether the mix that is really trained on still lets the topic predict the label."""
    from claimcheck.datasets.nli import read_pairs_jsonl

    loaded: dict[str, list[Pair]] = {}
    for p in read_pairs_jsonl(path):
        loaded.setdefault(p.source, []).append(p)
    return probe_groups(dict(sorted(loaded.items())), seed, folds, by_premise)


def probe_groups(loaded: dict[str, list[Pair]], seed: int = 13, folds: int = 5, by_premise: bool = False) -> dict[str, dict]:
    """Per-source probes and the pooled probe over already loaded pairs."""
    results: dict[str, dict] = {}
    mats: dict[str, dict[str, sp.csr_matrix]] = {}
    for name, pairs in loaded.items():
        mats[name] = {}
        results[name] = {}
        groups = link_groups(pairs, by_premise)
        for side in SIDES:
            X = featurize(_side_texts(pairs, side))
            mats[name][side] = X
            results[name][side] = _side_probe(X, pairs, side, folds, seed, groups)
    if loaded:
        allp = [p for ps in loaded.values() for p in ps]
        src = [name for name, ps in loaded.items() for _ in ps]
        groups = [f"{name}\x00{g}" for name, ps in loaded.items() for g in link_groups(ps, by_premise)]
        pooled: dict[str, dict] = {}
        for side in SIDES:
            X = sp.vstack([mats[name][side] for name in loaded], format="csr")
            pred, shuffled = _probe_matrix(X, allp, folds, seed, groups)
            gold = [p.label for p in allp]
            entry = {"side": side, **_summary(gold, pred), "shuffled_accuracy": shuffled, "per_source": {}}
            for name in loaded:
                ix = [i for i, s in enumerate(src) if s == name]
                entry["per_source"][name] = _summary([gold[i] for i in ix], [pred[i] for i in ix])
            pooled[side] = entry
        results["pooled"] = pooled
    return results


# ---------------------------------------------------------------- report


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def format_table(results: dict[str, dict]) -> str:
    """Markdown: source | n | labels | chance | hypothesis-only acc | premise-only acc | pooled hyp-only acc,
    then the shuffled-label control (hyp / prem) and balanced accuracy (hyp / prem, chance = 1 / #labels)."""
    pooled = results.get("pooled", {})
    per = pooled.get("hypothesis", {}).get("per_source", {})
    lines = [
        "| source | n | labels (e/n/c) | chance | hypothesis-only acc | premise-only acc "
        "| pooled hypothesis-only acc on this source | shuffled-label acc (hyp / prem) "
        "| balanced acc (hyp / prem) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    known = ("entailment", "neutral", "contradiction")

    def labs(counts: dict) -> str:
        extra = [f"{k}:{v}" for k, v in counts.items() if k not in known]
        return "/".join(str(counts.get(k, 0)) for k in known) + ((" " + " ".join(extra)) if extra else "")

    def row(name: str, h: dict, p: dict, pooled_acc: float | None) -> str:
        return (f"| {name} | {h['n']} | {labs(h['labels'])} | {_pct(h['chance'])} | {_pct(h['accuracy'])} "
                f"| {_pct(p['accuracy'])} | {_pct(pooled_acc)} "
                f"| {_pct(h.get('shuffled_accuracy'))} / {_pct(p.get('shuffled_accuracy'))} "
                f"| {_pct(h.get('balanced_accuracy'))} / {_pct(p.get('balanced_accuracy'))} |")

    for name, r in results.items():
        if name == "pooled":
            continue
        if "error" in r:
            lines.append(f"| {name} | 0 | error: {r['error']} | - | - | - | - | - | - |")
            continue
        ph = per.get(name)
        lines.append(row(name, r["hypothesis"], r["premise"], ph["accuracy"] if ph else None))
    if pooled:
        lines.append(row("**pooled**", pooled["hypothesis"], pooled["premise"], pooled["hypothesis"]["accuracy"]))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from claimcheck.datasets.root import data_root as default_root

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=None, help="data folder (default: $CLAIMCHECK_DATA, else ../shared/data)")
    ap.add_argument("--limit", type=int, default=4000, help="pairs per source (default 4000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--sources", nargs="*", default=None, help="source names (default: all)")
    ap.add_argument("--data", type=Path, default=None, help="probe this pairs file (e.g. a recipe's train.jsonl) by source")
    ap.add_argument("--by-premise", action="store_true",
                    help="also keep pairs that share a premise in one fold (not only one Pair.group)")
    args = ap.parse_args(argv)
    if args.data is not None:
        results = probe_file(args.data, args.seed, args.folds, args.by_premise)
    else:
        results = probe_sources(args.root or default_root(), args.sources, args.limit, args.seed, args.folds,
                                args.by_premise)
    print(format_table(results))
    pooled = results.get("pooled")
    if pooled:
        print("\nmacro-F1 (hypothesis-only / premise-only / pooled hypothesis-only):")
        for name, r in results.items():
            if name != "pooled" and "error" not in r:
                ph = pooled["hypothesis"]["per_source"][name]
                print(f"  {name}: {r['hypothesis']['macro_f1']:.3f} / {r['premise']['macro_f1']:.3f} "
                      f"/ {ph['macro_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
