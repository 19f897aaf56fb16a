"""Simulate a desk learning from its own corrections on seeds/newsdev (issue 25 item 4).

The news dev claims are split by event *family* (every edition of a recurring event on the same side, so no
held-out claim has a sibling edition among the corrected ones):
  corrected half: Putin-Kim summits, Starship test flights, UN votes on Ukraine, G20 summits
  held-out half:  JWST launch, Chandrayaan-3 landing, Fed rate decisions, Harbourline Foods reports
For the corrected half, the current verifier (--profile) checks every claim against the news dev corpus, and an
"editor" who knows the gold label records a decision the way the page would: right, or wrong -> the gold verdict;
the deciding passage is the gold passage when it is among the three shown, "none" for a not-enough-info claim
whose passage is not shown, else not chosen. The rows go to OUT/feedback.sqlite (claimcheck.feedback); the
held-out half is written as a claims folder OUT/heldout (claims.jsonl + the whole corpus.jsonl) for
`claimcheck eval verify --dataset`. No held-out claim is ever corrected.

    python scripts/feedback_desk_sim.py --out runs/desk-sim
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWSDEV = ROOT / "seeds" / "newsdev"
CORRECTED = ("putin-kim-", "starship-", "unga-", "g20-")
HELDOUT = ("jwst-", "chandrayaan3-", "fed-", "harbourline-")


def family_side(event: str) -> str:
    if event.startswith(CORRECTED):
        return "corrected"
    if event.startswith(HELDOUT):
        return "heldout"
    raise SystemExit(f"event {event!r} belongs to no family; add it to CORRECTED or HELDOUT")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--profile", default=None)
    args = ap.parse_args()

    from claimcheck.feedback.store import NO_PASSAGE, PASSAGE, UNSET, FeedbackRow, FeedbackStore, text_hash
    from claimcheck.pipeline import Pipeline
    from claimcheck.core.types import NOT_ENOUGH_INFO

    rows = [json.loads(line) for line in (NEWSDEV / "claims.jsonl").read_text().splitlines() if line.strip()]
    sides = {"corrected": [], "heldout": []}
    for r in rows:
        sides[family_side(r["event"])].append(r)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    held = out / "heldout"
    held.mkdir(exist_ok=True)
    (held / "claims.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sides["heldout"]))
    shutil.copyfile(NEWSDEV / "corpus.jsonl", held / "corpus.jsonl")

    pipe = Pipeline.create(args.profile, "cpu", corpus=str(NEWSDEV / "corpus.jsonl"))
    claims = sides["corrected"]
    judgements = pipe.verify_texts([r["claim"] for r in claims])
    db = out / "feedback.sqlite"
    if db.exists():
        db.unlink()
    store = FeedbackStore(db)
    verifier = pipe.models().get("verifier", "")
    for r, j in zip(claims, judgements):
        shown = j.evidence[:3]
        gold = r["label"]
        chosen = next((ev for ev in shown if r.get("passage") and ev.doc_id == r["passage"]), None)
        if chosen is not None:
            choice, pid, ptext = PASSAGE, chosen.passage_id, chosen.text
        elif gold == NOT_ENOUGH_INFO:
            choice, pid, ptext = NO_PASSAGE, None, None
        else:
            choice, pid, ptext = UNSET, None, None
        store.add(FeedbackRow(
            article_id=r["event"], article_hash=text_hash(r["event"]), claim_id=r["id"], claim_text=r["claim"],
            span=(0, len(r["claim"])), model_verdict=j.verdict, model_score=round(float(j.score), 4),
            model_probabilities={k: round(float(v), 4) for k, v in j.probabilities.items()},
            decision="right" if j.verdict == gold else "wrong", verdict=gold,
            evidence=tuple({"passage_id": ev.passage_id, "doc_id": ev.doc_id, "text": ev.text, "rationale": ev.rationale,
                            "entailment": float(ev.entailment), "contradiction": float(ev.contradiction),
                            "neutral": float(ev.neutral)} for ev in shown),
            passage_choice=choice, passage_id=pid, passage_text=ptext, note="simulated editor",
            profile=pipe.profile.name, model_version=verifier))
    wrong = sum(j.verdict != r["label"] for r, j in zip(claims, judgements))
    print(f"corrected half: {len(claims)} claims ({wrong} verdicts wrong) -> {db}; "
          f"held-out half: {len(sides['heldout'])} claims -> {held}")


if __name__ == "__main__":
    main()
