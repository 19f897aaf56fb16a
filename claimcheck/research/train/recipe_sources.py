"""The TRAINING sources of the NLI recipe: each returns list[Pair] with a group key.

Files are read through the data layer (claimcheck.datasets: fever, climate_fever, scifact, covid_fact,
nli_train); this module builds the pairs (FEVER's same-topic neutrals, SciFact's rationale and
non-rationale sentences, Climate-FEVER's per-evidence labels) and samples them. Held-out sets live in
claimcheck.datasets.nli and are filtered out again in claimcheck.research.train.recipe. Premises over
MAX_PREMISE characters are skipped, not cut, so an entailment never loses the sentence that makes it true.
"""
from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

from claimcheck.datasets import climate_fever as cf_data
from claimcheck.datasets import covid_fact as covid_data
from claimcheck.datasets import fever as fever_data
from claimcheck.datasets import nli_train
from claimcheck.datasets import scifact as sf_data
from claimcheck.datasets.nli import Pair, normalize_label

MAX_PREMISE = 1000


def _ok(premise: str, hypothesis: str) -> bool:
    return bool(premise.strip()) and bool(hypothesis.strip()) and len(premise) <= MAX_PREMISE


def _take(pairs: Iterable[Pair], limit: int | None, seed: int = 13) -> list[Pair]:
    """Pairs with a usable premise; with limit, a seeded sample of that many (all labels represented)."""
    out = [p for p in pairs if _ok(p.premise, p.hypothesis)]
    if limit is not None and len(out) > limit:
        out = random.Random(seed).sample(out, limit)
    return out


# --- FEVER ---------------------------------------------------------------------------------

_STOP_FIRST = {"the", "a", "an", "there", "in", "it", "this", "one", "he", "she", "they", "at", "on"}


def _subject_keys(claim: str) -> list[str]:
    """Topic keys for a FEVER claim: its first two words, then its first word when that is a name."""
    words = re.findall(r"[\w'-]+", claim.lower())
    keys = []
    if len(words) >= 2:
        keys.append(" ".join(words[:2]))
    if words and words[0] not in _STOP_FIRST and claim[:1].isupper():
        keys.append(words[0])
    return keys


def fever(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """FEVER train: gold evidence -> SUPPORTS/REFUTES pairs; NEI claims get same-topic evidence as neutral.

    NEI claims are unverifiable from Wikipedia by construction, so pairing one with gold evidence of
    another claim on the same subject gives a hard, on-topic neutral (not a random off-topic one).
    """
    rows: list[dict[str, str]] = []
    for f in fever_data.train_files(root / fever_data.TRAIN_FOLDER):
        rows.extend(fever_data.read_rows(f))
        if limit is not None and len(rows) >= 3 * limit:
            break
    pairs: list[Pair] = []
    by_topic: dict[str, list[str]] = defaultdict(list)
    nei: list[dict[str, str]] = []
    for r in rows:
        if r["label"] == fever_data.NEI:
            nei.append(r)
            continue
        ev = list(dict.fromkeys(fever_data.evidence(r)))  # the same sentence recurs across evidence sets
        if not ev:
            continue
        premise = " ".join(ev)
        label = "entailment" if r["label"] == "SUPPORTS" else "contradiction"
        pairs.append(Pair(premise, r["claim"], label, "fever", r["claim"]))
        for k in _subject_keys(r["claim"])[:1]:
            by_topic[k].append(premise)
    rng = random.Random(seed)
    for r in nei:
        cands = next((by_topic[k] for k in _subject_keys(r["claim"]) if by_topic.get(k)), None)
        if not cands:
            continue
        uniq = sorted(set(cands))
        for premise in rng.sample(uniq, min(2, len(uniq))):
            pairs.append(Pair(premise, r["claim"], "neutral", "fever", r["claim"]))
    return _take(pairs, limit, seed)


# --- crowd NLI sets (claimcheck.datasets.nli_train) ----------------------------------------

def lingnli(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """LingNLI + its two sibling protocols, train rounds only (val is left unused)."""
    return _take(nli_train.lingnli(root), limit, seed)


def conjnli(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    return _take(nli_train.conjnli(root), limit, seed)


def cad_nli(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    return _take(nli_train.cad_nli(root), limit, seed)


def breaking_nli(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    return _take(nli_train.breaking_nli(root), limit, seed)


def sick(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """SICK TRAIN + TRIAL (TEST is held out)."""
    return _take(nli_train.sick(root), limit, seed)


def rte(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """RTE train, entailment rows only: not_entailment mixes contradiction and neutral, so it is dropped."""
    return _take(nli_train.rte(root), limit, seed)


# --- claim verification sets --------------------------------------------------------------

def covid_fact(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """COVID-Fact RTE train: not_entailment -> contradiction (the set has no NEI class: REFUTED only)."""
    rows = covid_data.train_rows(root / covid_data.FOLDER)
    return _take(nli_train.rows_to_pairs(rows, "covid-fact", "sentence1", "Sentence2", "label",
                                         labels={"entailment": "entailment", "not_entailment": "contradiction"}), limit, seed)


def climate_fever(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """Climate-FEVER per-evidence labels, claims with claim_id % 5 != 0 only (the rest is held out)."""
    def gen() -> Iterable[Pair]:
        for r in cf_data.read_rows(root / cf_data.FOLDER):
            if cf_data.is_heldout(r["claim_id"]):
                continue
            for ev in r["evidences"]:
                lab = normalize_label(ev["evidence_label"])
                if lab:
                    yield Pair(ev["evidence"], r["claim"], lab, "climate-fever", "cf:" + r["claim_id"])
    return _take(gen(), limit, seed)


def scifact(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """SciFact train claims: rationale sentences -> entailment/contradiction; other sentences of cited
    abstracts (and all sentences of an NEI claim's cited abstracts) -> neutral, two per claim and doc."""
    rng = random.Random(seed)
    corpus = {a.doc_id: list(a.sentences) for a in sf_data.read_corpus(root / sf_data.ZIP)}
    claims = sf_data.read_claim_rows(root / sf_data.ZIP, "train")
    rationale: dict[tuple[str, str], set[int]] = defaultdict(set)
    pairs: list[Pair] = []
    for r in claims:
        doc = r["evidence_doc_id"].strip()
        idx = [int(x) for x in re.findall(r"\d+", r["evidence_sentences"])]
        if doc and r["evidence_label"] in ("SUPPORT", "CONTRADICT") and idx and doc in corpus:
            sents = corpus[doc]
            rationale[(r["id"], doc)].update(idx)
            premise = " ".join(sents[i] for i in idx if i < len(sents))
            lab = "entailment" if r["evidence_label"] == "SUPPORT" else "contradiction"
            pairs.append(Pair(premise, r["claim"], lab, "scifact", "sf:" + r["id"]))
    seen: set[tuple[str, str]] = set()
    for r in claims:
        for doc in re.findall(r"\d+", r["cited_doc_ids"]):
            if (r["id"], doc) in seen or doc not in corpus:
                continue
            seen.add((r["id"], doc))
            used = rationale.get((r["id"], doc), set())
            others = [s for i, s in enumerate(corpus[doc]) if i not in used and len(s) > 40]
            for s in rng.sample(others, min(2, len(others))):
                pairs.append(Pair(s, r["claim"], "neutral", "scifact", "sf:" + r["id"]))
    return _take(pairs, limit, seed)


def taxinli(root: Path, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """TaxiNLI's 10k MultiNLI TRAIN pairs (gold MNLI label); its MNLI-dev file is never read."""
    return _take(nli_train.taxinli(root), limit, seed)


# the readers of the public TRAIN splits; with hard_pairs.HARD_SOURCES they make recipe.SOURCES
SOURCES: dict[str, Callable[..., list[Pair]]] = {
    "fever": fever,
    "lingnli": lingnli,
    "conjnli": conjnli,
    "cad-nli": cad_nli,
    "breaking-nli": breaking_nli,
    "sick": sick,
    "rte": rte,
    "covid-fact": covid_fact,
    "climate-fever": climate_fever,
    "scifact": scifact,
    "taxinli": taxinli,
}
