"""claimcheck index CORPUS --out DIR --engine ray on a real local Ray runtime: the workers embed, the driver
alone writes; the index is the local engine's, and an update embeds only what changed."""
from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import REPO

pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")
pytestmark = pytest.mark.slow  # a Ray runtime and the real embedder in each worker


def index(*args):
    from claimcheck.cli import _register

    r = CliRunner().invoke(_register(), ["index", *map(str, args), "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_index_on_ray_matches_local_and_updates_incrementally(tmp_path, ray_runtime):
    from claimcheck.index import IndexStore, open_retriever

    corpus = tmp_path / "corpus.jsonl"
    docs = [json.loads(line) for line in (REPO / "seeds" / "corpus.jsonl").read_text().splitlines()]
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs))
    local = index(corpus, "--out", tmp_path / "local")
    on_ray = index(corpus, "--out", tmp_path / "ray", "--engine", "ray", "--workers", "2")
    assert on_ray["n_passages"] == local["n_passages"] == on_ray["embedded"] > 10
    a, b = IndexStore(tmp_path / "local"), IndexStore(tmp_path / "ray")
    assert a.params == b.params
    va, vb = (np.asarray(x.vectors, dtype=np.float32) for x in (a, b))
    # the same vectors up to float16 rounding (an int8 ONNX embedder encodes each text alone, so the batches
    # the workers form change nothing)
    assert np.abs(va - vb).max() < 1e-3
    assert [p.passage_id for p in a.passages(range(a.n_passages))] == [p.passage_id for p in b.passages(range(b.n_passages))]
    queries = ["Webb was launched on an Ariane 5 rocket", "the primary mirror has 18 segments"]
    ids = {k: [[h.passage.passage_id for h in hs] for hs in open_retriever(tmp_path / k, profile="offline").search_batch(queries, 3)]
           for k in ("local", "ray")}
    assert ids["ray"] == ids["local"]

    docs[0]["text"] += " It was changed for this test."
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs))
    again = index(corpus, "--out", tmp_path / "ray", "--engine", "ray", "--workers", "2")
    assert (again["changed"], again["unchanged"]) == (1, len(docs) - 1)
    assert 0 < again["embedded"] < local["n_passages"] // 2  # only the changed document's passages (and title)
