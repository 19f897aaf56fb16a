"""Labelled NLI pairs: a user JSONL reader and loaders for the held-out evaluation sets.

Held-out sets are never trained on; the training recipe (claimcheck.research.train.recipe) filters them out.
SICK and RTE rows are read here for both sides (`sick_rows`, `rte_rows`); the training-only NLI sets
are read in claimcheck.datasets.nli_train.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from claimcheck.core.errors import InputError
from claimcheck.core.io import decode_text, iter_jsonl

LABELS = ("entailment", "neutral", "contradiction")

# Files under the data root.
SICK = Path("sick") / "SICK.txt"  # TRAIN / TRIAL / TEST rows (SemEval_set)
RTE = "rte-glue-resplit"  # train.tsv, dev.tsv
FEVER_NLI = "fever-nli-dev"  # dev.raw.input0 (evidence), dev.raw.input1 (claim), dev.label
ANLI = "anli-devtest"  # R1..R3/{dev,test}.jsonl
MNLI = Path("nli-datasets-salvatore") / "mnli" / "dev.csv"  # dev_matched then dev_mismatched
SNLI = "esnli-snli-devtest"  # s1.<split>, s2.<split>, labels.<split>

_SYNONYMS = {
    "entailment": "entailment", "entails": "entailment", "entailed": "entailment", "e": "entailment",
    "supports": "entailment", "supported": "entailment", "support": "entailment",
    "neutral": "neutral", "n": "neutral", "not enough info": "neutral", "not_enough_info": "neutral",
    "nei": "neutral", "not enough information": "neutral",
    "contradiction": "contradiction", "contradicts": "contradiction", "c": "contradiction",
    "refutes": "contradiction", "refuted": "contradiction", "contradict": "contradiction",
}


@dataclass(frozen=True)
class Pair:
    """One labelled (premise, hypothesis) pair; group ties pairs that share a claim/hypothesis."""

    premise: str
    hypothesis: str
    label: str
    source: str
    group: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"premise": self.premise, "hypothesis": self.hypothesis, "label": self.label, "source": self.source}


def normalize_label(value: object) -> str | None:
    """Map a label or a synonym (SUPPORTS/REFUTES/NOT ENOUGH INFO, e/n/c) to the 3-way name; None if unknown.

    Integers are deliberately not accepted: datasets disagree on what 0/1/2 mean.
    """
    if not isinstance(value, str):
        return None
    return _SYNONYMS.get(" ".join(value.strip().lower().split()))


def iter_pairs_file(path: Path, lenient: bool = False) -> Iterator[Pair]:
    """The pairs of a {"premise","hypothesis","label"} JSONL file read line by line, for files over the input limit
    (a training recipe is ~90 MB). A line that is no such object is an InputError naming file and line; an unknown
    label or an empty premise / hypothesis is one too, or skipped when `lenient` (a recipe sampled for replay)."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                prem, hyp, label = row["premise"], row["hypothesis"], normalize_label(row["label"])
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise InputError(f"{path}:{n}: not a {{premise, hypothesis, label}} object ({type(e).__name__})") from None
            if label is None or not isinstance(prem, str) or not isinstance(hyp, str) or not prem.strip() \
                    or not hyp.strip():
                if lenient:
                    continue
                raise InputError(f"{path}:{n}: needs non-empty premise and hypothesis and a known label")
            yield Pair(prem, hyp, label, str(row.get("source") or path.stem), str(row.get("group") or ""))


def read_pairs_jsonl(path: str | Path, source: str | None = None) -> list[Pair]:
    """Read a user file of {"premise","hypothesis","label"} lines; InputError names file and line on bad input."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    src = source or p.stem
    pairs: list[Pair] = []
    text = decode_text(p.read_bytes(), str(p))
    for n, row in iter_jsonl(text, str(p)):
        for key in ("premise", "hypothesis", "label"):
            if key not in row:
                raise InputError(f"{p}:{n}: missing field {key!r}")
        prem, hyp = row["premise"], row["hypothesis"]
        if not isinstance(prem, str) or not isinstance(hyp, str) or not prem.strip() or not hyp.strip():
            raise InputError(f"{p}:{n}: premise and hypothesis must be non-empty strings")
        label = normalize_label(row["label"])
        if label is None:
            raise InputError(
                f"{p}:{n}: unknown label {row['label']!r} (use entailment/neutral/contradiction "
                "or SUPPORTS/NOT ENOUGH INFO/REFUTES; numeric labels are ambiguous)"
            )
        pairs.append(Pair(prem, hyp, label, str(row.get("source") or src), str(row.get("group") or "")))
    if not pairs:
        raise InputError(f"{p}: no pairs in file")
    return pairs


# --- text clean-up -------------------------------------------------------------------------

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "-COLON-": ":", "``": '"', "''": '"'}
_PTB_RE = re.compile("|".join(re.escape(k) for k in _PTB))


def detokenize(text: str) -> str:
    """Undo PTB tokenisation (FEVER/Wikipedia dumps, e-SNLI): -LRB- -> (, spaces before punctuation."""
    t = _PTB_RE.sub(lambda m: _PTB[m.group(0)], text)
    t = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", t)
    t = re.sub(r"([(\[{$])\s+", r"\1", t)
    t = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", t)
    t = re.sub(r'"\s+([^"]*?)\s+"', r'"\1"', t)
    return " ".join(t.split())


# --- held-out loaders ----------------------------------------------------------------------

def _root(data_root: str | Path | None) -> Path:
    from .root import data_root as default_root

    root = Path(data_root) if data_root else default_root()
    if not root.is_dir():
        raise InputError(f"data folder {root} not found (set CLAIMCHECK_DATA)")
    return root


def _csv_rows(path: Path, delimiter: str = ",", quoting: int = csv.QUOTE_MINIMAL) -> Iterable[dict[str, str]]:
    csv.field_size_limit(1 << 28)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter, quoting=quoting)


def sick_rows(root: Path, sets: tuple[str, ...]) -> Iterable[dict[str, str]]:
    """SICK.txt rows of the given SemEval_set parts (TRAIN, TRIAL, TEST), in file order."""
    return (r for r in _csv_rows(root / SICK, "\t", csv.QUOTE_NONE) if r["SemEval_set"] in sets)


def rte_rows(root: Path, split: str) -> Iterable[dict[str, str]]:
    """GLUE RTE (re-split) rows of train.tsv or dev.tsv: index, sentence1, sentence2, label."""
    return _csv_rows(root / RTE / f"{split}.tsv", "\t", csv.QUOTE_NONE)


def _sick(root: Path, want: tuple[str, ...]) -> list[Pair]:
    return [Pair(r["sentence_A"], r["sentence_B"], r["entailment_label"].lower(), "sick", "sick:" + r["pair_ID"])
            for r in sick_rows(root, want)]


def _mnli(root: Path, part: str) -> list[Pair]:
    rows = list(_csv_rows(root / MNLI))
    # The file is dev_matched (9,815 rows) followed by dev_mismatched (9,832 rows).
    cut = next(i for i, r in enumerate(rows) if r["premise"].startswith("Your contribution helped make it possible"))
    rows = rows[:cut] if part == "m" else rows[cut:]
    return [Pair(r["premise"], r["hypothesis"], r["label"], f"mnli-dev-{part}") for r in rows]


def _snli(root: Path, split: str) -> list[Pair]:
    d = root / SNLI
    s1 = (d / f"s1.{split}").read_text(encoding="utf-8").splitlines()
    s2 = (d / f"s2.{split}").read_text(encoding="utf-8").splitlines()
    lab = (d / f"labels.{split}").read_text(encoding="utf-8").splitlines()
    return [Pair(detokenize(a), detokenize(b), c.strip(), f"snli-{split}") for a, b, c in zip(s1, s2, lab)
            if c.strip() in LABELS]


def _anli(root: Path, rnd: str, split: str) -> list[Pair]:
    out = []
    with (root / ANLI / rnd.upper() / f"{split}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                out.append(Pair(r["context"], r["hypothesis"], _SYNONYMS[r["label"]], f"anli-{split}-{rnd}", r["uid"]))
    return out


def _fever_dev(root: Path) -> list[Pair]:
    """Binary set: not_entailment means refuted OR unverifiable, so it becomes "neutral" = not entailed.

    Score it 2-way (entailment vs the rest); its "neutral" rows include FEVER REFUTES claims.
    """
    d = root / FEVER_NLI
    a = (d / "dev.raw.input0").read_text(encoding="utf-8").split("\n")
    b = (d / "dev.raw.input1").read_text(encoding="utf-8").split("\n")
    lab = (d / "dev.label").read_text(encoding="utf-8").split("\n")
    return [Pair(detokenize(p), h, "entailment" if y == "entailment" else "neutral", "fever-nli-dev")
            for p, h, y in zip(a, b, lab) if y.strip()]


def _rte_dev(root: Path) -> list[Pair]:
    return [Pair(r["sentence1"], r["sentence2"], "entailment" if r["label"] == "entailment" else "neutral",
                 "rte-dev", "rte:" + r["index"])
            for r in rte_rows(root, "dev")]


_LOADERS: dict[str, Callable[[Path], list[Pair]]] = {
    "sick-test": lambda r: _sick(r, ("TEST",)),
    "mnli-dev-m": lambda r: _mnli(r, "m"),
    "mnli-dev-mm": lambda r: _mnli(r, "mm"),
    "snli-dev": lambda r: _snli(r, "dev"),
    "snli-test": lambda r: _snli(r, "test"),
    **{f"anli-{s}-{k}": (lambda r, k=k, s=s: _anli(r, k, s)) for s in ("dev", "test") for k in ("r1", "r2", "r3")},
    "fever-nli-dev": _fever_dev,
    "rte-dev": _rte_dev,
}

HELDOUT_NAMES: tuple[str, ...] = tuple(_LOADERS)
# Where `eval nli` finds each set: (folder under the data root, a file inside it that the loader reads).
HELDOUT_FILES: dict[str, tuple[str, str]] = {
    "sick-test": (SICK.parts[0], SICK.name), "rte-dev": (RTE, "dev.tsv"), "fever-nli-dev": (FEVER_NLI, "dev.label"),
    **{f"anli-{s}-{k}": (ANLI, f"{k.upper()}/{s}.jsonl") for s in ("dev", "test") for k in ("r1", "r2", "r3")},
    **{f"mnli-dev-{p}": (MNLI.parts[0], "/".join(MNLI.parts[1:])) for p in ("m", "mm")},
    **{f"snli-{s}": (SNLI, f"s1.{s}") for s in ("dev", "test")},
}
# Sets whose non-entailment class merges "contradiction" and "neutral": score them entailment vs not.
BINARY_HELDOUT: frozenset[str] = frozenset({"fever-nli-dev", "rte-dev"})


def load_heldout(name: str, data_root: str | Path | None = None, limit: int | None = None) -> list[Pair]:
    """Load one held-out evaluation set by name (see HELDOUT_NAMES).

    Binary sets (BINARY_HELDOUT) carry "neutral" for not-entailed; evaluate them 2-way.
    """
    if name not in _LOADERS:
        raise InputError(f"unknown held-out set {name!r}; choose from {', '.join(HELDOUT_NAMES)}")
    pairs = _LOADERS[name](_root(data_root))
    return pairs[:limit] if limit is not None else pairs
