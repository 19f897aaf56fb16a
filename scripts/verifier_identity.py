"""Verdicts of the torch verifier and its ONNX Runtime export, pair by pair and claim by claim (issue 28).

Two copies of a profile that differ only in [verifier] runtime ("torch" / "onnx"; the embedder as the profile
says) run the same sets through the `eval` data loaders:
  verify: news dev (seeds/newsdev), the swaps as claims (seeds/newsdev/swaps.jsonl), Climate-FEVER held-out
  nli:    SICK test and the swap pairs (argmax of the verifier's probabilities)
Prints one JSON line per set: n, how many verdicts differ, each difference, and the largest probability gap.

    .venv/bin/python scripts/verifier_identity.py [--sets newsdev,swaps,swaps-nli,sick] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.research.bench.runtime import NEWSDEV  # noqa: E402
from claimcheck.profiles import load_profile  # noqa: E402


def profile_copy(runtime: str, folder: Path, profile: str | None = None) -> str:
    """The profile's TOML with [verifier] runtime set to `runtime`, written into `folder`."""
    out, section = [], ""
    for line in load_profile(profile).path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            section = s[1:-1]
            out.append(line)
            if section == "verifier":
                out.append(f'runtime = "{runtime}"')
            continue
        if section == "verifier" and s.split("=")[0].strip() == "runtime":
            continue
        out.append(line)
    path = folder / f"verifier-{runtime}.toml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return str(path)


class Take:
    def __init__(self, limit: int | None) -> None:
        self.limit = limit

    def take(self, items):
        return list(items)[: self.limit] if self.limit else list(items)


def claim_sets(name: str, limit: int | None, work: Path):
    """(claims, corpus path) for a claims set, through the loaders `eval verify` uses."""
    from claimcheck.datasets import newsdev
    from claimcheck.research.evaluate.corpora import write_corpus

    if name == "newsdev":
        every, corpus, _ = newsdev.claims_folder(NEWSDEV)
        return Take(limit).take(every), corpus
    if name == "swaps":
        every, docs = newsdev.pairs_claims(NEWSDEV / "swaps.jsonl")
        return Take(limit).take(every), write_corpus(docs, work, name)
    if name == "climate-fever":
        from claimcheck.datasets.root import data_root
        from claimcheck.research.evaluate.verify import _load

        claims, docs, _, _ = _load("climate-fever", data_root() / "climate-fever", Take(limit))
        return claims, write_corpus(docs, work, name)
    raise ValueError(name)


def pair_sets(name: str, limit: int | None):
    from claimcheck.datasets.nli import load_heldout, read_pairs_jsonl
    from claimcheck.datasets.root import data_root

    if name == "sick":
        return load_heldout("sick-test", data_root(), limit)
    if name == "swaps-nli":
        return Take(limit).take(read_pairs_jsonl(NEWSDEV / "swaps.jsonl"))
    raise ValueError(name)


def compare_claims(name: str, comps: dict, limit: int | None, work: Path) -> dict:
    from claimcheck.pipeline import Pipeline

    claims, corpus = claim_sets(name, limit, work)
    texts = [c.claim for c in claims]
    got, secs = {}, {}
    for rt, c in comps.items():
        pipe = Pipeline(profile=c.profile, device="cpu", corpus=str(corpus), components=c)
        t = time.perf_counter()
        got[rt] = pipe.verify_texts(texts)
        secs[rt] = round(time.perf_counter() - t, 1)
    a, b = got["torch"], got["onnx"]
    diffs = [{"claim": t, "torch": x.verdict, "onnx": y.verdict, "torch_score": round(x.score, 4), "onnx_score": round(y.score, 4)}
             for t, x, y in zip(texts, a, b) if x.verdict != y.verdict]
    gap = max((abs(x.probabilities[k] - y.probabilities[k]) for x, y in zip(a, b) for k in x.probabilities), default=0.0)
    return {"set": name, "n": len(texts), "verdicts_differ": len(diffs), "max_probability_gap": gap, "seconds": secs,
            "differences": diffs}


def compare_pairs(name: str, verifiers: dict, limit: int | None) -> dict:
    pairs = pair_sets(name, limit)
    labels = ("entailment", "neutral", "contradiction")
    got, secs = {}, {}
    for rt, v in verifiers.items():
        t = time.perf_counter()
        got[rt] = v.score_pairs([p.premise for p in pairs], [p.hypothesis for p in pairs])
        secs[rt] = round(time.perf_counter() - t, 1)

    def arg(s):
        return max(labels, key=lambda k: getattr(s, k))

    diffs = [{"premise": p.premise, "hypothesis": p.hypothesis, "torch": arg(x), "onnx": arg(y)}
             for p, x, y in zip(pairs, got["torch"], got["onnx"]) if arg(x) != arg(y)]
    gap = max((abs(getattr(x, k) - getattr(y, k)) for x, y in zip(got["torch"], got["onnx"]) for k in labels), default=0.0)
    acc = {rt: round(sum(arg(s) == p.label for s, p in zip(ss, pairs)) / max(1, len(pairs)), 4) for rt, ss in got.items()}
    return {"set": name, "n": len(pairs), "labels_differ": len(diffs), "max_probability_gap": gap, "accuracy": acc,
            "seconds": secs, "differences": diffs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="newsdev,swaps,swaps-nli,sick")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--profile", default=None)
    args = ap.parse_args()
    from claimcheck.components import Components

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        comps = {rt: Components(load_profile(profile_copy(rt, work, args.profile)), "cpu") for rt in ("torch", "onnx")}
        shared = comps["onnx"].embedder  # one embedder for both: only the verifier differs
        comps = {rt: c.replace(embedder=shared) for rt, c in comps.items()}
        for name in args.sets.split(","):
            if name in ("sick", "swaps-nli"):
                # the verifiers without their pair cache (get_verifier's): each scores every pair itself
                row = compare_pairs(name, {rt: getattr(c.verifier, "inner", c.verifier) for rt, c in comps.items()},
                                    args.limit)
            else:
                row = compare_claims(name, comps, args.limit, work)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
