"""Fit the claim-level `min_similarity` floor on Climate-FEVER *training* claims (claim_id % 5 != 0).

One retrieval + NLI pass with no floor; then each candidate floor re-judges the same evidence with the
pure rule of claimcheck.verify.aggregate (a passage below the floor is neither read nor counted, exactly
what Pipeline.verify_texts does), so the sweep costs one pass. Run:

    python -m claimcheck.evaluate.sweep [--claims 400] [--floors 0,0.2,0.25,0.3,0.35]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from pathlib import Path

from ..verify.aggregate import judge
from .base import data_root
from .corpora import write_corpus
from .metrics import accuracy, macro_f1
from .readers import climate_fever_heldout

LABELS = ("supported", "contradicted", "not_enough_info")


def sweep(n_claims: int, floors: list[float], profile: str | None = None) -> dict:
    from ..pipeline import Pipeline

    claims, docs = climate_fever_heldout(data_root() / "climate-fever", train=True)
    claims = claims[:n_claims]
    wanted = {d for c in claims for d in c.pool}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus([d for d in docs if d.id in wanted], Path(tmp), "cf-train")
        pipe = Pipeline.create(profile, "cpu", corpus=str(corpus))
        base = pipe.aggregate_config
        pipe.__dict__["aggregate_config"] = dataclasses.replace(base, min_similarity=0.0, max_evidence=pipe.top_k)
        evidence = [j.evidence for j in pipe.verify_texts([c.claim for c in claims])]
    gold = [c.label for c in claims]
    out = {"claims": len(claims), "profile": pipe.profile.name, "floors": {}}
    for f in floors:
        cfg = dataclasses.replace(base, min_similarity=f)
        pred = [judge(ev, cfg).verdict for ev in evidence]
        read = sum(e.similarity >= f for ev in evidence for e in ev) / max(1, sum(len(ev) for ev in evidence))
        out["floors"][f] = {"macro_f1": round(macro_f1(gold, pred, LABELS), 4), "accuracy": round(accuracy(gold, pred), 4),
                            "pairs_read": round(read, 3)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=400)
    ap.add_argument("--floors", default="0,0.2,0.25,0.3,0.35,0.4")
    ap.add_argument("--profile", default=None)
    a = ap.parse_args()
    print(json.dumps(sweep(a.claims, [float(x) for x in a.floors.split(",")], a.profile), indent=2))


if __name__ == "__main__":
    main()
