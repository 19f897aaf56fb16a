"""The embedder wrapper: normalised rows, and each text encoded once while it is remembered."""
from __future__ import annotations

import numpy as np

from claimcheck.runtime.embed import Embedder

from fakes import FakeSentenceModel


def test_repeated_texts_are_encoded_once_and_rows_keep_input_order():
    model = FakeSentenceModel()
    emb = Embedder("fake", model, memo_size=10)
    a = emb.encode(["alpha", "beta", "alpha"])
    b = emb.encode(["beta", "gamma"])
    assert model.seen == ["alpha", "beta", "gamma"]
    assert np.allclose(a[0], a[2]) and np.allclose(a[1], b[0])
    assert np.allclose(np.linalg.norm(b, axis=1), 1.0)
    a[0] += 1  # callers get copies: the remembered vector is untouched
    assert not np.allclose(emb.encode(["alpha"])[0], a[0])


def test_memory_is_bounded_and_big_batches_bypass_it():
    model = FakeSentenceModel()
    emb = Embedder("fake", model, memo_size=3)
    emb.encode(["a", "b", "c", "d"])  # more than the memo holds: encoded, not remembered
    emb.encode(["a"])
    assert model.seen == ["a", "b", "c", "d", "a"]
    emb.encode(["b", "c", "e"])  # "a" is now the oldest and falls out
    emb.encode(["a"])
    assert model.seen[-1] == "a" and len(emb._memo) == 3
