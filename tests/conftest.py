"""Shared fixtures: all state in a temp dir, the hub switched off, and paths to shared data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "seeds" / "000_9f40cd150d6f9b06.txt"
DATA = SHARED / "data"

needs_shared = pytest.mark.skipif(
    not SEED_ARTICLE.exists(), reason="../shared (seed article and public data) is not beside this clone"
)


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.getbasetemp() / "claimcheck-home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("CLAIMCHECK_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.delenv("CLAIMCHECK_PROFILE", raising=False)
    monkeypatch.delenv("CLAIMCHECK_DEVICE", raising=False)
    yield


@pytest.fixture(scope="session")
def tiny_nli_dir(tmp_path_factory) -> Path:
    """A randomly initialised 2-layer BERT NLI classifier with a word-level vocab, saved to disk."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    d = tmp_path_factory.mktemp("tiny-nli")
    words = "the a is was in on of and not no kim putin met russia korea city river launched rocket year two three".split()
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words + [f"w{i}" for i in range(40)]
    (d / "vocab.txt").write_text("\n".join(vocab) + "\n")
    tok = BertTokenizerFast(vocab_file=str(d / "vocab.txt"), do_lower_case=True)
    cfg = BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64, num_labels=3,
        id2label={0: "contradiction", 1: "entailment", 2: "neutral"},
        label2id={"contradiction": 0, "entailment": 1, "neutral": 2},
    )
    import torch

    torch.manual_seed(0)
    model = BertForSequenceClassification(cfg)
    model.save_pretrained(d)
    tok.save_pretrained(d)
    return d


# ---------------------------------------------------------------- the real offline models, loaded once

DEMO_ARTICLE = REPO / "seeds" / "article.md"
DEMO_CORPUS = REPO / "seeds" / "corpus.jsonl"


@pytest.fixture(scope="session")
def real_pipeline():
    """The offline profile's real models (spaCy, MiniLM, the project verifier) on CPU, loaded once per
    session over the demo corpus; `real_pipeline.with_corpus(path)` shares them over another corpus."""
    from claimcheck.pipeline import Pipeline

    return Pipeline.create("offline", "cpu", corpus=str(DEMO_CORPUS))


@pytest.fixture(scope="session")
def demo_check_json(tmp_path_factory) -> dict:
    """What `claimcheck check - --corpus seeds/corpus.jsonl --format json` prints for seeds/article.md on
    stdin, run once per session (the CLI tests and the server test compare with it)."""
    import json

    from typer.testing import CliRunner

    from claimcheck.cli import _register

    with pytest.MonkeyPatch.context() as mp:
        home = tmp_path_factory.getbasetemp() / "claimcheck-home"
        home.mkdir(exist_ok=True)
        mp.setenv("CLAIMCHECK_HOME", str(home))
        r = CliRunner().invoke(_register(), ["check", "-", "--corpus", str(DEMO_CORPUS), "--format", "json"],
                               input=DEMO_ARTICLE.read_text(encoding="utf-8"))
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# ---------------------------------------------------------------- claimcheck triage with a fake pipeline


@pytest.fixture
def fake(monkeypatch):
    """The triage pipeline (fakes.triage_pipeline) that helpers.triage() runs with, for one test."""
    import helpers
    from fakes import triage_pipeline

    pipe = triage_pipeline()
    monkeypatch.setitem(helpers.RUNS_WITH, "factory", lambda cfg: pipe)
    return pipe


@pytest.fixture
def corpus(tmp_path):
    """A one-document reference corpus for triage runs whose fake pipeline never reads it."""
    p = tmp_path / "corpus.jsonl"
    p.write_text('{"id": "d1", "text": "Reference text."}\n')
    return p


# ---------------------------------------------------------------- claims and training


@pytest.fixture(scope="module")
def rules():
    """The rules claim extractor (spaCy), loaded once per module."""
    from claimcheck.claims import get_extractor
    from helpers import RULES

    return get_extractor(RULES)


@pytest.fixture
def train_env(monkeypatch, tmp_path):
    """Training as the tests run it: offline, one thread, a fresh CLAIMCHECK_HOME."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("CLAIMCHECK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CLAIMCHECK_TRAIN_THREADS", "1")


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory) -> Path:
    """A 2-layer, 32-wide BERT with a word-level vocab (helpers.WORDS and CUES), saved like a base encoder folder."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    from helpers import CUES, WORDS

    d = tmp_path_factory.mktemp("tiny-base")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS, *CUES]
    (d / "vocab.txt").write_text("\n".join(vocab) + "\n")
    BertTokenizer(str(d / "vocab.txt")).save_pretrained(str(d))
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=64)
    BertModel(cfg).save_pretrained(str(d))
    return d


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> tuple[Path, Path]:
    """(train, dev) pair files for the tiny BERT: 192 and 60 pairs of helpers.write_pairs."""
    from helpers import write_pairs

    d = tmp_path_factory.mktemp("data")
    return write_pairs(d / "train.jsonl", 192, 1), write_pairs(d / "dev.jsonl", 60, 2)


# ---------------------------------------------------------------- Ray


@pytest.fixture(scope="module")
def ray_runtime(request):
    """ray.init(num_cpus=2) for one test module (tests/test_ray_*.py); the engines join it (as with --address
    auto) and yield its address. The test module (and the modules it names in `BY_VALUE`, e.g. fakes) travel to
    the workers by value, so the workers need not import the tests."""
    import logging
    import sys

    ray = pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")
    from ray import cloudpickle

    for mod in (request.module, *getattr(request.module, "BY_VALUE", ())):
        cloudpickle.register_pickle_by_value(mod if not isinstance(mod, str) else sys.modules[mod])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


@pytest.fixture(autouse=True)
def _forget_test_backends():
    """Backends a test registers (an echo extractor, a counting verifier) leave the shared registry with the
    test, so no later test sees them among the known names; built-in ones, registered when their stage is first
    imported, stay."""
    from claimcheck.core import registry

    before = {role: set(names) for role, names in registry._BACKENDS.items()}
    yield
    for role, names in registry._BACKENDS.items():
        for name in [n for n in names if n not in before.get(role, ())]:
            if not names[name].factory.__module__.startswith("claimcheck"):
                del names[name]
