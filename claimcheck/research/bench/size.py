"""Segment + claim extraction time and peak memory at several article sizes (issue 14), `claimcheck bench size`.

    claimcheck bench size --opt sizes=100000,200000,400000,1000000 [--opt flat=true]

Each size runs in a fresh process (`python -m claimcheck.research.bench.size N --child`) so peak RSS is per
size; flat: no paragraph breaks at all. One figures dict per size, in order; a size past timeout_s says so.
"""
from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from typing import Sequence

FIRST = "Anna Berg Carl Diaz Elena Fischer Omar Haddad Priya Iyer Jonas Kowalski Lena Moreau Nadia Okafor Pavel Quist Rosa Santos".split()
PLACES = "Geneva Lagos Lima Oslo Pune Quito Riga Sapporo Tunis Utrecht Valencia Windhoek".split()
ORGS = ["the city council", "the ministry of health", "the port authority", "Nordwind Energy", "the central bank", "the water board"]
VERBS = ["approved", "rejected", "announced", "delayed", "funded", "reviewed"]
THINGS = ["a budget of {n} million euros", "{n} new buses", "a tunnel of {n} kilometres", "a tax rise of {n} percent",
          "a school for {n} pupils", "{n} wind turbines"]


def sentence(r: random.Random) -> str:
    who = f"{r.choice(FIRST)} {r.choice(FIRST)}"
    t = r.choice(THINGS).format(n=r.randint(2, 9999))
    kind = r.randrange(4)
    if kind == 0:
        return f"On {r.choice(['Monday','Tuesday','Friday'])}, {r.choice(ORGS)} in {r.choice(PLACES)} {r.choice(VERBS)} {t}."
    if kind == 1:
        return f"{who}, who has led {r.choice(ORGS)} since {r.randint(1990, 2024)}, said the plan would cost {r.randint(2, 900)} million."
    if kind == 2:
        return f"\"We {r.choice(VERBS)} {t} because the old one failed,\" {who} told reporters in {r.choice(PLACES)}."
    return f"The project in {r.choice(PLACES)} was {r.choice(VERBS)} after {r.randint(2, 40)} years of planning, and it employs {r.randint(10, 5000)} people."


def article(n: int, flat: bool, seed: int = 0) -> str:
    r = random.Random(seed)
    out, size, k = [], 0, 0
    while size < n:
        s = sentence(r)
        k += 1
        sep = " " if flat or k % 5 else "\n\n"
        out.append(s + sep)
        size += len(s) + len(sep)
    return "".join(out)[:n].rsplit(" ", 1)[0] + "."


def one(n: int, flat: bool, profile: str | None = None) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("CLAIMCHECK_MAX_ARTICLE_CHARS", "2000000")  # measure past the limit too
    from ... import claims as C
    from ...claims import rules as R
    from ...pipeline import Pipeline

    fin = {"s": 0.0}
    orig = C.finalize

    def timed(*a, **k):
        t = time.perf_counter()
        try:
            return orig(*a, **k)
        finally:
            fin["s"] += time.perf_counter() - t

    if hasattr(R, "finalize"):
        R.finalize = timed
    C.finalize = timed
    text = article(n, flat)
    pipe = Pipeline.create(profile)
    _ = pipe.nlp, pipe.extractor
    pipe.read_article("Warm up. It works.", name="w.txt")
    t0 = time.perf_counter()
    art, doc = pipe.read_article(text, name="a.txt")
    t1 = time.perf_counter()
    claims = pipe.extract_claims(art, doc)
    t2 = time.perf_counter()
    return {"chars": len(text), "flat": flat, "sentences": len(art.sentences), "claims": len(claims),
            "segment_s": round(t1 - t0, 2), "claims_s": round(t2 - t1, 2), "finalize_s": round(fin["s"], 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def run_sizes(sizes: Sequence[int], flat: bool = False, profile: str | None = None, timeout_s: int = 900) -> list[dict]:
    """Each size in a fresh process, one after another; progress (each size's figures) on stderr."""
    out = []
    for n in sizes:
        cmd = [sys.executable, "-m", __name__, str(n), "--child"] + (["--flat"] if flat else [])
        cmd += ["--profile", profile] if profile else []
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
            row = json.loads(p.stdout) if p.returncode == 0 else {"chars": n, "flat": flat, "error": p.stderr.strip()[-500:]}
        except subprocess.TimeoutExpired:
            row = {"chars": n, "flat": flat, "timeout_s": timeout_s}
        print(json.dumps(row), file=sys.stderr, flush=True)
        out.append(row)
    return out


if __name__ == "__main__":  # the child of run_sizes: N --child [--flat] [--profile P]
    args = sys.argv[1:]
    prof = args[args.index("--profile") + 1] if "--profile" in args else None
    print(json.dumps(one(int(args[0]), "--flat" in args, prof)))
