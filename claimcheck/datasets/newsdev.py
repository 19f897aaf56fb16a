"""The project's own labelled claims (seeds/newsdev, see its README.md), read for `eval verify` and `eval nli`.

- a claims folder: claims.jsonl + corpus.jsonl (`claims_folder`), seeds/newsdev or a user's folder;
- an NLI pairs file (swaps.jsonl: {"premise","hypothesis","label"} plus "swap" and "group"), read by
  claimcheck.datasets.nli.read_pairs_jsonl; `pair_tags` reads one extra field per pair, in the same
  order, so `eval nli` can break its figures down by it; `pairs_claims` turns it into claims and a corpus.
"""
from __future__ import annotations

from pathlib import Path

from ..core.errors import InputError
from ..core.io import decode_text, iter_jsonl
from ..core.types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED, VERDICTS
from .nli import read_pairs_jsonl
from .records import VERDICT_OF_LABEL, CorpusDoc, LabelledClaim, need

SWAP_FIELD = "swap"
CLAIMS, CORPUS = "claims.jsonl", "corpus.jsonl"  # a claims folder's two files


def pair_tags(path: str | Path, key: str = SWAP_FIELD) -> list[str]:
    """The string `key` of every pair line of a pairs file, in file order ("" where absent or null).

    Aligned with read_pairs_jsonl (one entry per non-blank line); InputError names file:LINE when the
    value is not a string.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    tags = []
    for n, row in iter_jsonl(decode_text(p.read_bytes(), str(p)), str(p)):
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{p}:{n}: {key!r} must be a string or null")
        tags.append(value or "")
    return tags


# kind -> the labels it allows. other_edition: the claim names one edition of a recurring event but states what only
# another edition's passages say (never supported); edition_value: right for its edition while another edition's
# passage gives another value in the same frame (never contradicted; supported when its own edition's passage is there).
CLAIM_KINDS = {"true": (SUPPORTED,), "perturbed": (CONTRADICTED,), "other_detail": (NOT_ENOUGH_INFO,),
               "absent": (NOT_ENOUGH_INFO,), "other_edition": (NOT_ENOUGH_INFO,),
               "edition_value": (SUPPORTED, NOT_ENOUGH_INFO)}
SPLITS = ("dev", "heldout")
PERTURBATIONS = ("number", "date", "place", "entity", "negation", "distance", "vehicle", "person", "ordinal", "comparative")
_CLAIM_LABEL = {**{k: v for k, v in VERDICT_OF_LABEL.items() if k}, **{v.upper(): v for v in VERDICTS}}


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
    from ..index.corpus import load_documents

    corpus = need(folder / CORPUS)
    doc_ids = {d.id for d in load_documents(corpus)}
    path = need(folder / CLAIMS)
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
        if kind and verdict not in CLAIM_KINDS[kind]:
            raise InputError(f"{where}: kind {kind!r} needs label {' or '.join(map(repr, CLAIM_KINDS[kind]))}, not {label!r}")
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
                                    perturbation=pert, event=event, split=_split(row, where)))
    if not claims:
        raise InputError(f"{path}: holds no claims")
    return claims, corpus, len(doc_ids)


def _split(row: dict, where: str) -> str:
    """A row's "split" (dev / heldout; absent or null: dev)."""
    split = row.get("split") or "dev"
    if split not in SPLITS:
        raise InputError(f"{where}: unknown split {split!r} (use {' / '.join(SPLITS)})")
    return split


PAIR_KINDS = {"entailment": ("true", SUPPORTED), "contradiction": ("perturbed", CONTRADICTED),
              "neutral": ("other_detail", NOT_ENOUGH_INFO)}


def pairs_claims(path: Path) -> tuple[list[LabelledClaim], list[CorpusDoc]]:
    """An NLI pairs file ({"premise","hypothesis","label"} lines, e.g. seeds/newsdev/swaps.jsonl) as claims
    and a corpus, so `eval verify` can search each hypothesis among the file's premises.

    Each distinct premise is one document, id "p1", "p2", ... in first-seen order. Each pair is one
    claim (the hypothesis), in file order, id "pair<N>" (N counts pairs from 1): entailment ->
    supported (kind true), contradiction -> contradicted (kind perturbed), neutral -> not_enough_info
    (kind other_detail); perturbation = the pair's "swap" field unless it is "none" or absent;
    evidence_docs = its premise's id; event = its "group"; split = its "split" (dev / heldout, absent: dev).
    Pairs are read with
    read_pairs_jsonl (InputError names file:LINE on bad input).
    """
    _pairs_not_claims(path)
    pairs = read_pairs_jsonl(path)
    swaps = pair_tags(path)
    splits = [_split({"split": s}, f"{path}: pair {n}") for n, s in enumerate(pair_tags(path, "split"), 1)]
    docs: dict[str, CorpusDoc] = {}
    claims = []
    for i, (pair, swap, split) in enumerate(zip(pairs, swaps, splits), 1):
        doc = docs.setdefault(pair.premise, CorpusDoc(f"p{len(docs) + 1}", pair.premise))
        kind, verdict = PAIR_KINDS[pair.label]
        pert = swap if swap and swap != "none" else ""
        claims.append(LabelledClaim(f"pair{i}", pair.hypothesis.strip(), verdict, (doc.id,), kind=kind,
                                    perturbation=pert, event=pair.group, split=split))
    return claims, list(docs.values())


def _pairs_not_claims(path: Path) -> None:
    """A claims.jsonl passed as a file gets a pointer to its folder, not "missing field 'premise'"."""
    for n, row in iter_jsonl(decode_text(need(path).read_bytes(), str(path)), str(path)):
        if "premise" not in row and "claim" in row:
            raise InputError(f"{path}:{n}: a claims file, not NLI pairs: pass its folder (claims.jsonl + "
                             "corpus.jsonl) to --dataset, or a file of {\"premise\",\"hypothesis\",\"label\"} lines")
        return
