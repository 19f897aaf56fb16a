"""Segment + claim extraction time and peak memory at several article sizes (issue 14).

usage: python scripts/size_bench.py 100000 200000 400000 1000000 [--flat]
Each size runs in a fresh subprocess so peak RSS is per size. --flat: no paragraph breaks at all.
"""
import json
import os
import random
import resource
import subprocess
import sys
import time

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


def one(n: int, flat: bool) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("CLAIMCHECK_MAX_ARTICLE_CHARS", "2000000")  # measure past the limit too
    from claimcheck import claims as C
    from claimcheck.pipeline import Pipeline

    fin = {"s": 0.0}
    orig = C.finalize

    def timed(*a, **k):
        t = time.perf_counter()
        try:
            return orig(*a, **k)
        finally:
            fin["s"] += time.perf_counter() - t

    import claimcheck.claims.rules as R
    if hasattr(R, "finalize"):
        R.finalize = timed
    C.finalize = timed
    text = article(n, flat)
    pipe = Pipeline.create()
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


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flat = "--flat" in sys.argv
    if "--child" in sys.argv:
        print(json.dumps(one(int(args[0]), flat)))
        sys.exit(0)
    limit = int(os.environ.get("BENCH_TIMEOUT", "900"))
    for a in args:
        cmd = [sys.executable, __file__, a, "--child"] + (["--flat"] if flat else [])
        t = time.perf_counter()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=limit)
            print(p.stdout.strip() or p.stderr.strip()[-500:], flush=True)
        except subprocess.TimeoutExpired:
            print(json.dumps({"chars": int(a), "flat": flat, "timeout_s": limit}), flush=True)
