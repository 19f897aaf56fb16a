"""Fit the claim rule of a profile: thresholds chosen for `contradicted` precision, then recall.

One retrieval + rationale + NLI pass per fitting set with the contradiction gate off; each candidate
(support_threshold, contradict_threshold, contradict_min_similarity) then re-judges the same evidence
with the pure rule of claimcheck.verify.aggregate, so the sweep costs one pass. The choice: among
candidates whose `contradicted` precision is >= --precision on every set that has contradicted
claims (where any candidate reaches it), the best mean macro-F1 over the sets; ties go to the higher
contradiction thresholds. Fitting sets: Climate-FEVER *training* claims (claim_id % 5 != 0, never the
held-out fifth) and any claims folder (claims.jsonl + corpus.jsonl, e.g. seeds/newsdev). Run:

    python -m claimcheck.research.evaluate.sweep [--claims 400] [--folder seeds/newsdev] [--profile offline] [--write]

--write saves the chosen thresholds beside the profile's verifier weights, in judge.json (claimcheck.verify reads
them there, as the temperature from calibration.json; a profile's [judge] still overrides them): the file's other
settings and notes stay, its "fitted" line says how these were fitted. --judge FILE writes another judge.json.
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import shlex
import sys
import tempfile
from pathlib import Path

from ...datasets import climate_fever
from ...datasets.newsdev import claims_folder
from ...datasets.root import data_root
from ...core.errors import UserError
from ...core.registry import parse_options
from ...core.types import CONTRADICTED, VERDICTS
from ...core.writing import atomic_write
from ...verify import JUDGE_FILE
from ...verify.aggregate import AggregateConfig, judge
from .corpora import write_corpus
from .metrics import classification_metrics

GRID = {
    "support_threshold": (0.3, 0.4, 0.5, 0.6, 0.7),
    "contradict_threshold": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "contradict_min_similarity": (0.0, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7),
}


def collect(profile: str | None, corpus: Path, texts: list[str]) -> tuple[object, list]:
    """(the profile's AggregateConfig, each claim's evidence) with the contradiction gate off."""
    from ...components import Components
    from ...pipeline import Pipeline
    from ...profiles import load_profile

    comps = Components(load_profile(profile), "cpu")
    base = comps.aggregate_config
    pipe = Pipeline(comps.profile, "cpu", corpus=str(corpus))
    pipe.components = comps.replace(aggregate_config=dataclasses.replace(base, contradict_min_similarity=0.0,
                                                                         max_evidence=pipe.top_k))
    evidence = [list(j.evidence) for j in pipe.verify_texts(texts)]
    return base, evidence


def load_sets(n_claims: int, folders: list[Path], profile: str | None, tmp: Path) -> tuple[object, dict]:
    sets = {}
    claims, docs = climate_fever.heldout(data_root() / climate_fever.FOLDER, train=True)
    claims = claims[:n_claims]
    if claims:
        wanted = {d for c in claims for d in c.pool}
        corpus = write_corpus([d for d in docs if d.id in wanted], tmp, "cf-train")
        base, ev = collect(profile, corpus, [c.claim for c in claims])
        sets["climate-fever-train"] = ([c.label for c in claims], ev)
    for f in folders:
        fc, corpus, _ = claims_folder(f)
        base, ev = collect(profile, corpus, [c.claim for c in fc])
        sets[f.name] = ([c.label for c in fc], ev)
    return base, sets


def score(cfg, sets: dict) -> dict:
    out = {}
    for name, (gold, evidence) in sets.items():
        pred = [judge(ev, cfg).verdict for ev in evidence]
        labels = [v for v in VERDICTS if v in gold]
        m = classification_metrics(gold, pred, labels, matrix_labels=list(VERDICTS))
        pl = m["per_label"]
        n_pred_c = sum(p == CONTRADICTED for p in pred)
        out[name] = {"macro_f1": round(m["macro_f1"], 4), "accuracy": round(m["accuracy"], 4),
                     "contradicted_precision": round(pl[CONTRADICTED]["precision"], 4) if n_pred_c else None,
                     "contradicted_recall": round(pl[CONTRADICTED]["recall"], 4) if CONTRADICTED in gold else None,
                     "predicted_contradicted": n_pred_c}
    return out


def fit(base, sets: dict, precision: float = 0.8) -> dict:
    rows = []
    for st, ct, cms in itertools.product(*GRID.values()):
        cfg = dataclasses.replace(base, support_threshold=st, contradict_threshold=ct, contradict_min_similarity=cms)
        rows.append(({"support_threshold": st, "contradict_threshold": ct, "contradict_min_similarity": cms}, score(cfg, sets)))
    # sets where some candidate reaches the precision target (with at least 3 contradicted verdicts)
    reachable = {n for n in sets if any((r[n]["contradicted_precision"] or 0) >= precision and r[n]["predicted_contradicted"] >= 3
                                        for _, r in rows)}

    def ok(r: dict) -> bool:
        return all(r[n]["contradicted_precision"] is None or r[n]["contradicted_precision"] >= precision for n in reachable)

    def mean_f1(r: dict) -> float:
        return sum(v["macro_f1"] for v in r.values()) / len(r)

    pool = [x for x in rows if ok(x[1])] or rows
    best = max(pool, key=lambda x: (round(mean_f1(x[1]), 4), x[0]["contradict_threshold"], x[0]["contradict_min_similarity"]))
    current = score(base, sets)
    return {"precision_target": precision, "precision_sets": sorted(reachable), "candidates": len(rows),
            "meeting_target": len(pool) if pool is not rows else 0, "best": best[0], "best_scores": best[1],
            "profile_now": {k: getattr(base, k) for k in GRID}, "profile_now_scores": current}


def judge_file(profile: str | None) -> Path:
    """judge.json beside the weights of the profile's verifier (what claimcheck.verify.fitted_judge reads)."""
    from ...profiles import load_profile, resolve_model

    return Path(resolve_model(load_profile(profile).role("verifier").model)) / JUDGE_FILE


def write_judge(path: Path, fitted: dict, command: str) -> dict:
    """Save `fitted`'s chosen thresholds (fit's result) in the judge.json at `path`, keeping the file's other
    settings and notes, with a "fitted" line saying how they were fitted; returns what the file holds now."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError) as e:
        raise UserError(f"{path} is unreadable ({e})") from None
    scores = "; ".join(f"{name} contradicted precision {s['contradicted_precision']} / recall "
                       f"{s['contradicted_recall']}, macro-F1 {s['macro_f1']}" for name, s in fitted["best_scores"].items())
    note = (f"{', '.join(GRID)} fitted with `{command}` for `contradicted` precision >= {fitted['precision_target']} "
            f"on {', '.join(fitted['precision_sets']) or 'no set'}, then mean macro-F1: {scores}; the others as the "
            "notes say. Read by claimcheck.verify.judge_config; a profile's [judge] overrides any key.")
    out = {"fitted": note, **{k: v for k, v in saved.items() if k != "fitted"}, **fitted["best"]}
    parse_options(AggregateConfig, {k: v for k, v in out.items() if k not in ("fitted", "notes")}, str(path))
    atomic_write(path, json.dumps(out, indent=2) + "\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=400, help="Climate-FEVER training claims (0: none)")
    ap.add_argument("--folder", action="append", default=[], help="a claims folder (claims.jsonl + corpus.jsonl); repeatable")
    ap.add_argument("--precision", type=float, default=0.8)
    ap.add_argument("--profile", default=None)
    ap.add_argument("--write", action="store_true", help="save the chosen thresholds in judge.json beside the "
                    "profile's verifier weights (or --judge)")
    ap.add_argument("--judge", type=Path, help="with --write: this judge.json instead")
    a = ap.parse_args()
    target = (a.judge or judge_file(a.profile)) if a.write else None  # a missing model fails before the sweep
    with tempfile.TemporaryDirectory() as tmp:
        base, sets = load_sets(a.claims, [Path(f) for f in a.folder], a.profile, Path(tmp))
    result = fit(base, sets, a.precision)
    print(json.dumps(result, indent=2))
    if target is not None:
        write_judge(target, result, "python -m claimcheck.research.evaluate.sweep " + shlex.join(sys.argv[1:]))
        print(f"sweep: wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
