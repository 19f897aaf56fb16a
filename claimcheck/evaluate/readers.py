"""Readers for the benchmark files in ../shared/data (formats as described in each SOURCE.md).

Every reader returns items in a fixed, documented order (the file's own order unless said
otherwise), so `--limit N` always takes the same first N. Gold labels are mapped to the verdict
names (supported / contradicted / not_enough_info).
"""
from __future__ import annotations

import ast
import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED

_VERDICT = {
    "SUPPORTS": SUPPORTED, "SUPPORT": SUPPORTED, "SUPPORTED": SUPPORTED,
    "REFUTES": CONTRADICTED, "CONTRADICT": CONTRADICTED, "REFUTED": CONTRADICTED,
    "NOT_ENOUGH_INFO": NOT_ENOUGH_INFO, "NOT ENOUGH INFO": NOT_ENOUGH_INFO, "": NOT_ENOUGH_INFO,
}


@dataclass(frozen=True)
class LabelledClaim:
    id: str
    claim: str
    label: str  # a verdict name
    evidence_docs: tuple[str, ...] = ()  # documents holding the gold evidence
    cited_docs: tuple[str, ...] = ()  # SciFact: abstracts the claim's source cites
    pool: tuple[str, ...] = ()  # corpus documents that came with the claim (labelled or not)


@dataclass(frozen=True)
class CorpusDoc:
    id: str
    text: str
    title: str = ""

    def to_json(self) -> str:
        d = {"id": self.id, "text": self.text}
        if self.title:
            d["title"] = self.title
        return json.dumps(d, ensure_ascii=False)


def verdict_of(label: str, name: str) -> str:
    try:
        return _VERDICT[label.strip().upper()]
    except KeyError:
        raise InputError(f"{name}: unknown label {label!r}") from None


def _need(path: Path) -> Path:
    if not path.exists():
        raise InputError(f"{path}: not found")
    return path


# ---------------------------------------------------------------- Climate-FEVER


def climate_fever_heldout(folder: Path, train: bool = False) -> tuple[list[LabelledClaim], list[CorpusDoc]]:
    """Held-out claims (claim_id % 5 == 0, DISPUTED left out) in file order, and their pooled evidence;
    with train=True the other four fifths instead (what thresholds may be fitted on).

    The corpus is every evidence sentence of every held-out claim (DISPUTED ones included, as
    distractors), deduplicated by evidence_id, in file order; title = the Wikipedia article.
    """
    path = _need(folder / "climate-fever.jsonl")
    claims: list[LabelledClaim] = []
    docs: dict[str, CorpusDoc] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            if (int(r["claim_id"]) % 5 == 0) == train:
                continue
            for ev in r["evidences"]:
                docs.setdefault(ev["evidence_id"], CorpusDoc(ev["evidence_id"], ev["evidence"], ev["article"]))
            if r["claim_label"] == "DISPUTED":
                continue
            used = tuple(dict.fromkeys(ev["evidence_id"] for ev in r["evidences"] if ev["evidence_label"] != "NOT_ENOUGH_INFO"))
            pool = tuple(dict.fromkeys(ev["evidence_id"] for ev in r["evidences"]))
            claims.append(LabelledClaim(str(r["claim_id"]), r["claim"], verdict_of(r["claim_label"], path.name), used, pool=pool))
    return claims, list(docs.values())


# ---------------------------------------------------------------- SciFact

_PY_STRING = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\"""", re.S)


def _scifact_csv(folder: Path, member: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 28)
    with zipfile.ZipFile(_need(folder / "scifact.zip")) as zf:
        with zf.open(member) as raw:
            return list(csv.DictReader(io.TextIOWrapper(raw, "utf-8")))


def _id_list(value: str) -> tuple[str, ...]:
    """'[123 456]' (a numpy repr) -> ('123', '456')."""
    return tuple(v for v in value.strip("[] \n").split() if v)


def scifact_claims(folder: Path, split: str = "dev") -> list[LabelledClaim]:
    """SciFact claims of claims_validation.csv (dev) or claims_train.csv, grouped by id, in first-seen order.

    Label: SUPPORT/CONTRADICT from the evidence rows; a claim with no evidence is not_enough_info.
    """
    member = {"dev": "claims_validation.csv", "train": "claims_train.csv"}.get(split)
    if member is None:
        raise InputError(f"unknown SciFact split {split!r} (dev or train; test has no labels)")
    grouped: dict[str, dict] = {}
    for r in _scifact_csv(folder, member):
        g = grouped.setdefault(r["id"], {"claim": r["claim"], "labels": [], "docs": [], "cited": _id_list(r["cited_doc_ids"])})
        if r["evidence_label"]:
            g["labels"].append(verdict_of(r["evidence_label"], member))
            g["docs"].append(r["evidence_doc_id"].split(".")[0])
    out = []
    for cid, g in grouped.items():
        labels = set(g["labels"])
        if len(labels) > 1:
            raise InputError(f"scifact {member}: claim {cid} has conflicting labels {sorted(labels)}")
        label = labels.pop() if labels else NOT_ENOUGH_INFO
        out.append(LabelledClaim(cid, g["claim"], label, tuple(dict.fromkeys(g["docs"])), g["cited"]))
    return out


def scifact_corpus(folder: Path) -> list[CorpusDoc]:
    """The 5,183 abstracts in file order; sentences joined by blank lines so they stay sentences."""
    docs = []
    for r in _scifact_csv(folder, "corpus_train.csv"):
        sents = [ast.literal_eval(m.group(0)) for m in _PY_STRING.finditer(r["abstract"])]
        docs.append(CorpusDoc(r["doc_id"], "\n\n".join(s.strip() for s in sents if s.strip()), r["title"].strip()))
    return docs


# ---------------------------------------------------------------- COVID-Fact


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def covid_fact_test(folder: Path) -> tuple[list[LabelledClaim], list[CorpusDoc], int]:
    """COVID-Fact test claims (RTE-covidfact_test.tsv order) with labels from COVIDFACT_dataset.jsonl.

    The test TSV has no labels; its claims are matched to the labelled file by case- and
    space-insensitive text. Returns (claims, pooled evidence sentences of those claims, unmatched count).
    """
    labelled: dict[str, dict] = {}
    with _need(folder / "COVIDFACT_dataset.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                labelled.setdefault(_norm(r["claim"]), r)
    claims, docs, unmatched = [], {}, 0
    lines = _need(folder / "RTE-covidfact_test.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) < 3:
            unmatched += 1
            continue
        r = labelled.get(_norm(cols[2]))
        if r is None:
            unmatched += 1
            continue
        ids = []
        for sent in r["evidence"]:
            key = _norm(sent)
            if not key:
                continue
            doc = docs.setdefault(key, CorpusDoc(f"cf-ev-{len(docs)}", sent.strip()))
            ids.append(doc.id)
        claims.append(LabelledClaim(f"test-{cols[0]}", r["claim"], verdict_of(r["label"], "COVIDFACT_dataset.jsonl"),
                                    tuple(ids), pool=tuple(ids)))
    return claims, list(docs.values()), unmatched


# ---------------------------------------------------------------- summary factuality


@dataclass(frozen=True)
class LabelledSummary:
    """A summary of one article with human judgements: per-sentence (QAGS) or one score (FRANK)."""

    id: str
    article_id: str
    article: str
    sentences: tuple[str, ...]
    consistent: tuple[bool, ...] = ()  # QAGS: majority "yes" per sentence
    factuality: float | None = None  # FRANK: share of sentences with no error
    system: str = ""


def qags(folder: Path, subset: str) -> list[LabelledSummary]:
    """QAGS mturk_{cnndm,xsum}.jsonl in file order; a sentence is consistent when most workers said yes."""
    path = _need(folder / f"mturk_{subset}.jsonl")
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(l for l in fh if l.strip()):
            r = json.loads(line)
            sents, labels = [], []
            for s in r["summary_sentences"]:
                votes = [x["response"].strip().lower() == "yes" for x in s["responses"]]
                sents.append(s["sentence"])
                labels.append(sum(votes) * 2 > len(votes))
            out.append(LabelledSummary(f"qags-{subset}-{i}", f"qags-{subset}-{i}", r["article"], tuple(sents), tuple(labels)))
    return out


def frank_annotations(folder: Path, split: str = "test") -> list[LabelledSummary]:
    """FRANK human_annotations.json records of one split (test or valid) in file order.

    Summary sentences are the article file's `<model>_lines`; the score is `Factuality`.
    """
    records = json.loads(_need(folder / "human_annotations.json").read_text(encoding="utf-8"))
    articles: dict[str, dict] = {}
    out = []
    for r in records:
        if r["split"] != split:
            continue
        h, model = r["hash"], r["model_name"]
        if h not in articles:
            articles[h] = json.loads(_need(folder / "articles-wbertscore-json" / f"{h}.json").read_text(encoding="utf-8"))
        a = articles[h]
        lines = a.get(f"{model}_lines") or [a.get(model, "")]
        sents = tuple(s.strip() for s in lines if isinstance(s, str) and s.strip())
        out.append(LabelledSummary(f"{h}:{model}", h, a["article"], sents, factuality=float(r["Factuality"]),
                                   system=f"{r['dataset']}:{model}"))
    return out
