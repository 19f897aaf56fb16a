"""`claimcheck bench`'s claims figures: the demo article warm and FRANK articles per minute."""
from __future__ import annotations

from claimcheck.research.bench.run import DEMO_ARTICLE, claims_figures

from conftest import needs_shared
from fakes import FakePipeline, FakeSentenceModel, FakeVerifier


@needs_shared
def test_claims_figures_count_what_they_timed(real_pipeline):
    pipe = real_pipeline
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    got = claims_figures(pipe, text, DEMO_ARTICLE.name, n_articles=3)
    assert got["demo_claims"] == len(pipe.extract_claims(*pipe.read_article(text, name=DEMO_ARTICLE.name)))
    assert got["demo_warm_s"] > 0
    assert got["frank_articles"] == 3 and got["frank_claims"] > 3 and got["frank_articles_per_min"] > 0
    assert "frank_articles" not in claims_figures(pipe, text, DEMO_ARTICLE.name, n_articles=0)


def test_runtime_profiles_differ_only_in_the_runtime(tmp_path):
    from claimcheck.research.bench.runtime import profile_with_runtime
    from claimcheck.profiles import load_profile

    base = load_profile("offline")
    for rt in ("torch", "onnx"):
        prof = load_profile(str(profile_with_runtime("offline", rt, tmp_path)))
        assert prof.role("verifier").get("runtime") == prof.role("embedder").get("runtime") == rt
        for role in ("claims", "summarizer", "embedder", "verifier"):
            mine = {k: v for k, v in prof.role(role).options.items() if k != "runtime"}
            theirs = {k: v for k, v in base.role(role).options.items() if k != "runtime"}
            assert mine == theirs and prof.role(role).model == base.role(role).model


def test_throughput_encodes_every_sentence_with_the_memo_off_and_reports_the_memo_apart():
    from claimcheck.research.bench.runtime import throughput
    from claimcheck.runtime.embed import Embedder

    model = FakeSentenceModel()
    pipe = FakePipeline(verifier=FakeVerifier(), embedder=Embedder(name="fake", model=model))
    sentences = [f"sentence {i}" for i in range(50)]
    got = throughput({"torch": pipe, "onnx": pipe}, [("p", "c")] * 8, [], sentences, rounds=2)
    # 2 rounds x 2 runtimes, every sentence encoded each time; then once more per runtime to fill the memo
    assert len(model.seen) == 2 * 2 * 50 + 2 * 50
    for rt in ("torch", "onnx"):
        assert {"news_pairs_per_s", "sentences_per_s", "memo_hit_sentences_per_s"} <= set(got[rt])
        assert "sick_pairs_per_s" not in got[rt]


def test_the_verifier_share_times_the_model_not_its_cache_and_says_how_the_peak_was_computed():
    from claimcheck.research.bench.waits import verifier_share
    from claimcheck.research.bench.runtime import forget
    from claimcheck.runtime.embed import Embedder
    from claimcheck.verify.cache import PairCache

    def tokenizer(p, c):
        return {"input_ids": list(range(len(p.split()) + len(c.split()) + 3))}

    # a BERT config.json beside the weights: hidden 384, intermediate 1536, 6 layers
    model = FakeVerifier(name="repo:models/nli-minilm-l6", tokenizer=tokenizer)
    cache = PairCache(model)
    pairs = [("a passage of five words", "a claim")] * 20
    got = verifier_share(cache, pairs, rounds=2)
    assert len(model.pairs) == 8 + 2 * 20  # every pair every round: the cache answered none of them
    # worked by hand: 6 layers x (2 x (4 x 384^2 + 2 x 384 x 1536) + 40 x 384) = 21.3 MFLOP a token, x 10 tokens
    assert got["mean_tokens"] == 10 and got["gflop_per_pair"] == 0.213
    assert got["fp32_lanes"] in (4, 8, 16) and got["fma_units"] == 2 and got["cores"] >= 1 and got["sgemm_gflops"] > 0
    assert got["achieved_gflops"] > 0
    cache.score_pairs(["x"], ["y"])

    pipe = FakePipeline(verifier=cache, embedder=Embedder(name="fake", model=FakeSentenceModel()))
    pipe.embedder.encode(["t"])
    forget(pipe)
    assert cache.pairs_scored == 1 and len(cache._memo) == 0 and len(pipe.embedder._memo) == 0
