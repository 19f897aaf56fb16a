"""Readers for the benchmark files in ../shared/data (formats as described in each SOURCE.md), and for
a labelled-claims folder (claims.jsonl + corpus.jsonl, e.g. seeds/newsdev) or an NLI pairs file
(e.g. seeds/newsdev/swaps.jsonl, read as claims and a corpus of its premises) a user may bring.

Every reader returns items in a fixed, documented order (the file's own order unless said
otherwise), so `--limit N` always takes the same first N. Gold labels are mapped to the verdict
names (supported / contradicted / not_enough_info).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..datasets import frank, scifact
from ..datasets.climate_fever import is_heldout
from ..errors import InputError
from ..io import decode_text, iter_jsonl
from ..types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED, VERDICTS

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
    kind: str = ""  # claims folders: true | perturbed | other_detail | absent ("" when not given)
    perturbation: str = ""  # claims folders, kind perturbed: number | date | place | entity | negation ...
    event: str = ""


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
            if is_heldout(r["claim_id"]) == train:
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

def _scifact_csv(folder: Path, member: str) -> list[dict[str, str]]:
    return scifact.read_csv(_need(folder / scifact.ZIP.name), member)


def _id_list(value: str) -> tuple[str, ...]:
    """'[123 456]' (a numpy repr) -> ('123', '456')."""
    return tuple(v for v in value.strip("[] \n").split() if v)


def scifact_claims(folder: Path, split: str = "dev") -> list[LabelledClaim]:
    """SciFact claims of claims_validation.csv (dev) or claims_train.csv, grouped by id, in first-seen order.

    Label: SUPPORT/CONTRADICT from the evidence rows; a claim with no evidence is not_enough_info.
    """
    member = scifact.CLAIMS_MEMBER.get(split)
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
    """The 5,183 abstracts in file order (claimcheck.datasets.scifact: sentences joined by blank lines)."""
    return [CorpusDoc(a.doc_id, a.text, a.title) for a in scifact.read_corpus(_need(folder / scifact.ZIP.name))]


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


# ---------------------------------------------------------------- a labelled-claims folder

CLAIM_KINDS = {"true": SUPPORTED, "perturbed": CONTRADICTED, "other_detail": NOT_ENOUGH_INFO, "absent": NOT_ENOUGH_INFO}
PERTURBATIONS = ("number", "date", "place", "entity", "negation")
_CLAIM_LABEL = {**{k: v for k, v in _VERDICT.items() if k}, **{v.upper(): v for v in VERDICTS}}


def claims_folder(folder: Path) -> tuple[list[LabelledClaim], Path, int]:
    """A folder holding claims.jsonl and corpus.jsonl (the layout of seeds/newsdev, see its README.md).

    claims.jsonl: one {"claim", "label", "id"?, "kind"?, "perturbation"?, "passage"?, "event"?} per line,
    in file order. label: supported | contradicted | not_enough_info (or SUPPORTS/REFUTES/NOT ENOUGH INFO).
    kind, when given, must agree with the label (true: supported, perturbed: contradicted,
    other_detail/absent: not_enough_info); perturbation is a string or null; passage (the deciding
    document) must be a corpus id. corpus.jsonl is a claimcheck corpus ({"id","text","title"?,"date"?}),
    checked here and searched as it is. Returns (claims, the corpus path, its document count);
    InputError names "file:LINE: what" on bad input.
    """
    from ..corpus import load_documents

    corpus = _need(folder / "corpus.jsonl")
    doc_ids = {d.id for d in load_documents(corpus)}
    path = _need(folder / "claims.jsonl")
    claims: list[LabelledClaim] = []
    seen: dict[str, int] = {}
    for n, row in iter_jsonl(decode_text(path.read_bytes(), str(path)), str(path)):
        where = f"{path}:{n}"
        for key in ("claim", "label"):
            if key not in row:
                raise InputError(f"{where}: missing field {key!r}")
        text = row["claim"]
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{where}: \"claim\" must be a non-empty string")
        label = row["label"]
        verdict = _CLAIM_LABEL.get(label.strip().upper()) if isinstance(label, str) and label.strip() else None
        if verdict is None:
            raise InputError(f"{where}: unknown label {label!r} (use {' / '.join(VERDICTS)})")
        cid = row.get("id", f"line{n}")
        if isinstance(cid, int) and not isinstance(cid, bool):
            cid = str(cid)
        if not isinstance(cid, str) or not cid:
            raise InputError(f"{where}: \"id\" must be a non-empty string")
        if cid in seen:
            raise InputError(f"{where}: duplicate id {cid!r} (first on line {seen[cid]})")
        seen[cid] = n
        kind = row.get("kind") or ""
        if kind and kind not in CLAIM_KINDS:
            raise InputError(f"{where}: unknown kind {kind!r} (use {' / '.join(CLAIM_KINDS)})")
        if kind and CLAIM_KINDS[kind] != verdict:
            raise InputError(f"{where}: kind {kind!r} needs label {CLAIM_KINDS[kind]!r}, not {label!r}")
        pert = row.get("perturbation") or ""
        if not isinstance(pert, str):
            raise InputError(f"{where}: \"perturbation\" must be a string or null")
        passage = row.get("passage")
        if passage is not None and (not isinstance(passage, str) or passage not in doc_ids):
            raise InputError(f"{where}: passage {passage!r} is not a document id of {corpus.name}")
        event = row.get("event") or ""
        if not isinstance(event, str):
            raise InputError(f"{where}: \"event\" must be a string or null")
        claims.append(LabelledClaim(cid, text.strip(), verdict, (passage,) if passage else (), kind=kind,
                                    perturbation=pert, event=event))
    if not claims:
        raise InputError(f"{path}: holds no claims")
    return claims, corpus, len(doc_ids)


PAIR_KINDS = {"entailment": ("true", SUPPORTED), "contradiction": ("perturbed", CONTRADICTED),
              "neutral": ("other_detail", NOT_ENOUGH_INFO)}


def pairs_claims(path: Path) -> tuple[list[LabelledClaim], list[CorpusDoc]]:
    """An NLI pairs file ({"premise","hypothesis","label"} lines, e.g. seeds/newsdev/swaps.jsonl) as claims
    and a corpus, so `eval verify` can search each hypothesis among the file's premises.

    Each distinct premise is one document, id "p1", "p2", ... in first-seen order. Each pair is one
    claim (the hypothesis), in file order, id "pair<N>" (N counts pairs from 1): entailment ->
    supported (kind true), contradiction -> contradicted (kind perturbed), neutral -> not_enough_info
    (kind other_detail); perturbation = the pair's "swap" field unless it is "none" or absent;
    evidence_docs = its premise's id; event = its "group". Pairs are read with
    claimcheck.datasets.nli.read_pairs_jsonl (InputError names file:LINE on bad input).
    """
    from ..datasets.newsdev import pair_tags
    from ..datasets.nli import read_pairs_jsonl

    _pairs_not_claims(path)
    pairs = read_pairs_jsonl(path)
    swaps = pair_tags(path)
    docs: dict[str, CorpusDoc] = {}
    claims = []
    for i, (pair, swap) in enumerate(zip(pairs, swaps), 1):
        doc = docs.setdefault(pair.premise, CorpusDoc(f"p{len(docs) + 1}", pair.premise))
        kind, verdict = PAIR_KINDS[pair.label]
        pert = swap if swap and swap != "none" else ""
        claims.append(LabelledClaim(f"pair{i}", pair.hypothesis.strip(), verdict, (doc.id,), kind=kind,
                                    perturbation=pert, event=pair.group))
    return claims, list(docs.values())


def _pairs_not_claims(path: Path) -> None:
    """A claims.jsonl passed as a file gets a pointer to its folder, not "missing field 'premise'"."""
    for n, row in iter_jsonl(decode_text(_need(path).read_bytes(), str(path)), str(path)):
        if "premise" not in row and "claim" in row:
            raise InputError(f"{path}:{n}: a claims file, not NLI pairs: pass its folder (claims.jsonl + "
                             "corpus.jsonl) to --dataset, or a file of {\"premise\",\"hypothesis\",\"label\"} lines")
        return


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
            articles[h] = frank.read_article(_need(folder / frank.ARTICLES.name / f"{h}.json"))
        a = articles[h]
        lines = a.get(f"{model}_lines") or [a.get(model, "")]
        sents = tuple(s.strip() for s in lines if isinstance(s, str) and s.strip())
        out.append(LabelledSummary(f"{h}:{model}", h, a["article"], sents, factuality=float(r["Factuality"]),
                                   system=f"{r['dataset']}:{model}"))
    return out


# ---------------------------------------------------------------- atomic-facts gold (seeds/claims-gold)

FRANK_ARTICLES = frank.ARTICLES.parts


@dataclass(frozen=True)
class GoldFact:
    id: str
    article: str  # the FRANK article hash (file stem)
    fact: str
    sentence: int  # 0-based index of the article sentence it comes from (claimcheck's segmenter)


def claims_gold(folder: Path) -> list[tuple[str, tuple[GoldFact, ...]]]:
    """facts.jsonl of an atomic-facts folder (seeds/claims-gold, see its README.md), grouped by article.

    One {"article", "id", "fact", "sentence"} per line: article = a FRANK article hash, id unique,
    fact a non-empty string, sentence an int >= 0. Articles in first-seen order, facts in file
    order. InputError names "file:LINE: what" on bad input. Article texts: gold_article_text.
    """
    path = _need(folder / "facts.jsonl")
    groups: dict[str, list[GoldFact]] = {}
    seen: dict[str, int] = {}
    for n, row in iter_jsonl(decode_text(path.read_bytes(), str(path)), str(path)):
        where = f"{path}:{n}"
        for key in ("article", "id", "fact", "sentence"):
            if key not in row:
                raise InputError(f"{where}: missing field {key!r}")
        article, fid, fact, sent = row["article"], row["id"], row["fact"], row["sentence"]
        if not isinstance(article, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", article):
            raise InputError(f"{where}: \"article\" must be an article id (a FRANK hash), not {article!r}")
        if not isinstance(fid, str) or not fid.strip():
            raise InputError(f"{where}: \"id\" must be a non-empty string")
        if fid in seen:
            raise InputError(f"{where}: duplicate id {fid!r} (first on line {seen[fid]})")
        seen[fid] = n
        if not isinstance(fact, str) or not fact.strip():
            raise InputError(f"{where}: \"fact\" must be a non-empty string")
        if isinstance(sent, bool) or not isinstance(sent, int) or sent < 0:
            raise InputError(f"{where}: \"sentence\" must be an integer >= 0, not {sent!r}")
        groups.setdefault(article, []).append(GoldFact(fid, article, " ".join(fact.split()), sent))
    if not groups:
        raise InputError(f"{path}: holds no facts")
    return [(a, tuple(fs)) for a, fs in groups.items()]


def gold_article_text(folder: Path, article: str, data: Path) -> tuple[str, str]:
    """(text, where it was read) of one gold article: <folder>/articles/<id>.txt when present, else
    the `article` field of <data>/frank/articles-wbertscore-json/<id>.json (never copied into the repo)."""
    local = folder / "articles" / f"{article}.txt"
    if local.is_file():
        return decode_text(local.read_bytes(), str(local)), str(local)
    path = data.joinpath(*FRANK_ARTICLES, f"{article}.json")
    if not path.is_file():
        raise InputError(f"article {article}: neither {local} nor {path} found (set CLAIMCHECK_DATA to the data root)")
    try:
        text = json.loads(path.read_text(encoding="utf-8"))["article"]
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(f"{path}: no \"article\" text ({e})") from None
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{path}: empty \"article\" text")
    return text, str(path)
