"""What the feedback file becomes: counts per verdict change, NLI training pairs, and a claims folder.

Only the last decision on each claim counts (an editor who changed their mind; see store.latest_per_claim).

Pairs (`train verifier --data`): {"premise", "hypothesis", "label", "source": "feedback", "group"}, the premise
being the passage sentence(s) the verifier read (the evidence item's rationale, else its text):
- a chosen passage: (that passage, claim, the right verdict's label);
- "none" (no shown passage decides it), or not enough info with no passage chosen: every shown passage is
  neutral to the claim;
- supported / contradicted with no passage chosen: the shown passage the model leaned that way most (its first
  evidence item when the editor said "right").
Pairs that repeat (same premise and claim) keep one copy; copies whose labels disagree are all dropped.

Claims folder (`eval verify --dataset FOLDER`): claims.jsonl {"id", "claim", "label", "event", "passage"?}
(event: the article id; passage: the chosen passage) and corpus.jsonl with every passage the page showed.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..core.errors import UserError
from ..core.types import CONTRADICTED, NOT_ENOUGH_INFO, SUPPORTED
from ..core.writing import atomic_write
from .store import NO_PASSAGE, PASSAGE, RIGHT, FeedbackRow, latest_per_claim

NLI_LABEL = {SUPPORTED: "entailment", CONTRADICTED: "contradiction", NOT_ENOUGH_INFO: "neutral"}
LEANING = {SUPPORTED: "entailment", CONTRADICTED: "contradiction"}
CLAIMS, CORPUS = "claims.jsonl", "corpus.jsonl"  # the claims folder layout (claimcheck.datasets.newsdev)


def summary(rows: list[FeedbackRow]) -> dict:
    """Counts: rows, claims (last decision each), right / wrong, and per verdict change."""
    last = latest_per_claim(rows)
    changes = Counter(r.change for r in last)
    return {"rows": len(rows), "claims": len(last), "right": sum(r.decision == RIGHT for r in last),
            "wrong": sum(r.decision != RIGHT for r in last),
            "changes": dict(sorted(changes.items(), key=lambda kv: (-kv[1], kv[0]))),
            "articles": len({r.article_hash for r in last})}


def _premise(ev: dict) -> str:
    return (ev.get("rationale") or ev.get("text") or "").strip()


def row_pairs(row: FeedbackRow) -> list[tuple[str, str, str]]:
    """(premise, hypothesis, label) for one decision (see the module docstring)."""
    claim = row.claim_text
    if row.passage_choice == PASSAGE:
        ev = next((e for e in row.evidence if e.get("passage_id") == row.passage_id), None)
        premise = _premise(ev) if ev else (row.passage_text or "").strip()
        return [(premise, claim, NLI_LABEL[row.verdict])] if premise else []
    if row.passage_choice == NO_PASSAGE or row.verdict == NOT_ENOUGH_INFO:
        return [(p, claim, "neutral") for p in map(_premise, row.evidence) if p]
    shown = [e for e in row.evidence if _premise(e)]
    if not shown:
        return []
    if row.decision == RIGHT:
        best = shown[0]  # the deciding evidence comes first
    else:
        best = max(shown, key=lambda e: float(e.get(LEANING[row.verdict], 0.0)))
    return [(_premise(best), claim, NLI_LABEL[row.verdict])]


def pairs(rows: list[FeedbackRow]) -> list[dict]:
    """Training pairs of the last decision on each claim, deduplicated."""
    out: dict[tuple[str, str], dict] = {}
    clash: set[tuple[str, str]] = set()
    for row in latest_per_claim(rows):
        for premise, hypothesis, label in row_pairs(row):
            key = (" ".join(premise.split()).lower(), " ".join(hypothesis.split()).lower())
            if key in out and out[key]["label"] != label:
                clash.add(key)
            out.setdefault(key, {"premise": premise, "hypothesis": hypothesis, "label": label, "source": "feedback",
                                 "group": row.claim_key[:16]})
    return [p for k, p in out.items() if k not in clash]


def write_jsonl(path: str | Path, items: list[dict]) -> None:
    atomic_write(path, "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items))


def write_pairs(rows: list[FeedbackRow], path: str | Path) -> int:
    got = pairs(rows)
    if not got:
        raise UserError("the feedback file holds no decision that makes a training pair")
    write_jsonl(path, got)
    return len(got)


def claims_and_corpus(rows: list[FeedbackRow]) -> tuple[list[dict], list[dict]]:
    """claims.jsonl and corpus.jsonl rows: each claim with its right verdict; each shown passage once."""
    docs: dict[str, dict] = {}
    by_text: dict[tuple[str, str], str] = {}

    def doc_id(ev: dict) -> str:
        pid, text = str(ev.get("passage_id") or "passage"), str(ev.get("text") or "")
        if (pid, text) in by_text:
            return by_text[(pid, text)]
        new, n = pid, 2
        while new in docs:  # the same id with another text (the corpus changed between checks)
            new, n = f"{pid}~{n}", n + 1
        docs[new] = {"id": new, "text": text}
        by_text[(pid, text)] = new
        return new

    claims = []
    for row in latest_per_claim(rows):
        ids = {str(e.get("passage_id")): doc_id(e) for e in row.evidence if str(e.get("text") or "").strip()}
        item = {"id": f"fb-{row.id}" if row.id is not None else f"fb-{row.content_hash[:12]}", "claim": row.claim_text,
                "label": row.verdict, "event": row.article_id, "model_verdict": row.model_verdict,
                "decision": row.decision}
        if row.passage_choice == PASSAGE and row.passage_id in ids:
            item["passage"] = ids[row.passage_id]
        claims.append(item)
    return claims, list(docs.values())


def write_claims_folder(rows: list[FeedbackRow], folder: str | Path) -> tuple[int, int]:
    """claims.jsonl + corpus.jsonl in `folder` (absent, empty, or holding only those two files); (claims, passages)."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: is a file; the claims export is a folder")
    if out.is_dir():
        foreign = sorted(p.name for p in out.iterdir() if p.name not in (CLAIMS, CORPUS))
        if foreign:
            raise UserError(f"--out {out}: holds other files ({', '.join(foreign[:3])}); use an empty folder")
    claims, corpus = claims_and_corpus(rows)
    if not claims:
        raise UserError("the feedback file holds no decisions")
    if not corpus:
        raise UserError("the feedback file's decisions show no passages: there is no corpus to export")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"--out {out}: cannot be created ({e.strerror or e})") from None
    write_jsonl(out / CORPUS, corpus)  # the corpus first: a claims.jsonl never names passages that are not there
    write_jsonl(out / CLAIMS, claims)
    return len(claims), len(corpus)
