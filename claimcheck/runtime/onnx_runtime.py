"""ONNX Runtime for the verifier and the embedder: models exported once, cached, loaded without torch.

A profile role (verifier, embedder) picks `runtime = "torch"` (the default; training and GPU use it) or
`runtime = "onnx"`: the first load builds the ONNX model (from a graph the project ships for it, filled from the
weights without torch, claimcheck.runtime.onnx_graph; else exported with torch, claimcheck.runtime.onnx_export) and caches
the result under CLAIMCHECK_HOME/onnx/<kind>-<hash of the model's files>; later loads read the cache with
onnxruntime and the `tokenizers` library only, so torch, transformers and peft are never imported. The verifier
stays fp32 (the torch graph, run with ORT's graph optimizations, padded batches as torch runs them); the embedder
is quantized to int8 (onnxruntime.quantization.quantize_dynamic). On a GPU (--device cuda) the torch path is used
whatever the profile says.

Threads: every model runs with `threads()` threads (claimcheck.runtime.compute: CLAIMCHECK_THREADS, set by --threads;
default: the CPUs this process may use), one pool per process, so ONNX Runtime and torch never each take all
cores at once.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Sequence

import numpy as np

from .compute import session
from ..core.errors import UserError
from ..core.paths import home_dir, models_dir

RUNTIMES = ("torch", "onnx")
FORMAT = 1  # bump when the export changes, so that older cached models are rebuilt
MODEL_FILE = "model.int8.onnx"
FP32_FILE = "model.fp32.onnx"
META_FILE = "meta.json"
_SOURCE_PATTERNS = ("*.safetensors", "*.bin", "*config*.json", "tokenizer.json", "vocab.txt", "modules.json",
                    "graph.onnx", "graph.json")


def check_runtime(value: object, where: str) -> str:
    """The runtime a role asks for; anything but torch or onnx is one clear error."""
    v = "torch" if value is None else value
    if v not in RUNTIMES:
        raise UserError(f"{where}: unknown runtime {v!r} (choose {' or '.join(repr(r) for r in RUNTIMES)})")
    return str(v)


def uses_onnx(runtime: object, device: str) -> bool:
    return check_runtime(runtime, "runtime") == "onnx" and device == "cpu"


# ---------------------------------------------------------------- the cache

def source_files(*folders: Path) -> list[Path]:
    """The files an exported model depends on: weights, configs, tokenizer (not model cards or metrics)."""
    out: set[Path] = set()
    for d in folders:
        for pat in _SOURCE_PATTERNS:
            out.update(p for p in d.rglob(pat) if p.is_file() and not any(x.startswith(".") for x in p.relative_to(d).parts))
    return sorted(out)


def cache_key(kind: str, folders: Sequence[Path]) -> str:
    import onnxruntime

    h = hashlib.sha256(f"{kind}|{FORMAT}|onnxruntime {onnxruntime.__version__}".encode())
    for d in folders:
        for f in source_files(d):
            h.update(str(f.relative_to(d)).encode())
            with open(f, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    h.update(chunk)
    return h.hexdigest()[:20]


def cache_root() -> Path:
    return home_dir() / "onnx"


def cached_model(kind: str, folders: Sequence[Path], export: Callable[[Path], None], *, int8: bool = True,
                 how: str = "with torch") -> Path:
    """The cache folder of `kind` for the model in `folders`, exporting (and with int8, quantizing) it on first use.

    `export(tmp)` writes tmp/model.onnx (fp32) and tmp/meta.json; it is kept as FP32_FILE or quantized to
    MODEL_FILE. The folder appears whole or not at all (built in a temporary folder, then renamed), so
    concurrent first runs are safe.
    """
    kind = kind if int8 else f"{kind}-fp32"
    model_file = MODEL_FILE if int8 else FP32_FILE
    d = cache_root() / f"{kind}-{cache_key(kind, folders)}"
    if (d / model_file).is_file() and (d / META_FILE).is_file():
        return d
    d.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{d.name}-", dir=d.parent))
    what = kind.replace("-fp32", "") + (" to ONNX int8" if int8 else " to ONNX fp32")
    print(f"claimcheck: exporting the {what} once, {how} (cached in {d})", file=sys.stderr)
    try:
        export(tmp)
        if int8:
            quantize(tmp / "model.onnx", tmp / MODEL_FILE)
            (tmp / "model.onnx").unlink()
        else:
            (tmp / "model.onnx").rename(tmp / FP32_FILE)
        try:
            tmp.rename(d)
        except OSError:  # another process finished first: theirs is the same model
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return d


def quantize(src: Path, dst: Path) -> None:
    """int8 weights, dynamically quantized activations (MatMul / Gemm); what suits a transformer on CPU."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantizer's "consider pre-processing" advice is noise here
    try:
        quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.setLevel(level)


def _read_meta(d: Path) -> dict:
    return json.loads((d / META_FILE).read_text(encoding="utf-8"))


def _feed(sess, enc: dict) -> dict:
    return {i.name: np.asarray(enc[i.name], dtype=np.int64) for i in sess.get_inputs()}


# ---------------------------------------------------------------- the verifier

class OnnxClassifier:
    """A sequence classifier (NLI cross-encoder) under ONNX Runtime, fp32: `config.id2label` as the model's,
    and `logits(encoding)` for a numpy encoding from the tokenizer."""

    is_onnx = True

    def __init__(self, folder: Path) -> None:
        meta = _read_meta(folder)
        id2label = {int(k): v for k, v in meta["id2label"].items()}
        self.config = SimpleNamespace(id2label=id2label, num_labels=len(id2label))
        self.folder = folder
        self.session = session(folder / FP32_FILE)

    def logits(self, enc: dict) -> np.ndarray:
        """One row of logits per pair: the padded batch in one run, as torch runs it. In fp32 the padding mask
        zeroes every padded position, so a pair's logits do not move with the pairs that share its batch
        beyond float rounding (~1e-6); int8 activations would (one quantization scale per run)."""
        feed = _feed(self.session, enc)
        if not len(feed["input_ids"]):
            return np.zeros((0, self.config.num_labels), np.float32)
        return self.session.run(None, feed)[0].astype(np.float32)


def load_onnx_classifier(model_path: str, base_path: str | None = None):
    """(tokenizer, OnnxClassifier) for the fp32 verifier at model_path (a checkpoint or an adapter on base_path)."""
    from .fast_tokenizer import FastTokenizer

    from .onnx_graph import shipped_graph

    folders = [Path(model_path)] + ([Path(base_path)] if base_path else [])
    graph = shipped_graph(model_path)  # the graph shipped beside the weights: filled from them, no torch

    def export(tmp: Path) -> None:
        if graph is not None:
            from .onnx_graph import build_classifier

            build_classifier(graph, model_path, base_path, tmp)
        else:
            from .onnx_export import export_classifier

            export_classifier(model_path, base_path, tmp)

    how = "from its weights and the graph shipped beside them" if graph is not None else "with torch"
    d = cached_model("verifier", folders, export, int8=False, how=how)
    return FastTokenizer(d), OnnxClassifier(d)


# ---------------------------------------------------------------- the embedder

class OnnxSentenceEncoder:
    """A sentence-transformers model (transformer + mean/CLS pooling) under ONNX Runtime, with the two calls
    claimcheck.runtime.embed.Embedder makes of a SentenceTransformer: `encode` and the embedding dimension."""

    is_onnx = True

    def __init__(self, folder: Path) -> None:
        from .fast_tokenizer import FastTokenizer

        meta = _read_meta(folder)
        self.max_length = int(meta["max_length"])
        self.dim = int(meta["dim"])
        self.folder = folder
        self.tokenizer = FastTokenizer(folder)
        self.session = session(folder / MODEL_FILE)

    def get_sentence_embedding_dimension(self) -> int:
        return self.dim

    def encode(self, texts: Sequence[str], batch_size: int = 64, show_progress_bar: bool = False,
               convert_to_numpy: bool = True, normalize_embeddings: bool = False) -> np.ndarray:
        """Rows in input order. Each text runs through the model alone, unpadded: int8 activations are
        quantized with one scale per run, so a text batched with others (or with padding) would get a vector
        that moved with its neighbours (cosine down to 0.974 on SciFact sentences). Alone, a text always gets
        the same vector, whatever else is encoded with it, and as fast (no padding is computed).
        `batch_size` only sets how many texts are tokenized at once."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        names = [i.name for i in self.session.get_inputs()]
        for b in range(0, len(texts), max(1, batch_size)):
            enc = self.tokenizer(texts[b : b + batch_size], padding=True, truncation=True, max_length=self.max_length,
                                 return_tensors="np")
            lengths = enc["attention_mask"].sum(axis=1)
            for r, n in enumerate(lengths):
                feed = {k: enc[k][r : r + 1, : int(n)] for k in names}
                out[b + r] = self.session.run(None, feed)[0][0]
        if normalize_embeddings:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


def load_onnx_encoder(model_path: str) -> OnnxSentenceEncoder:
    """The int8 encoder for the sentence-transformers model at model_path: built from a graph the project ships
    for it (models/graphs, claimcheck.runtime.onnx_graph; no torch) where there is one, else exported with torch."""
    from .onnx_graph import shipped_graph

    graph = shipped_graph(model_path, models_dir() / "graphs")

    def export(tmp: Path) -> None:
        if graph is not None:
            from .onnx_graph import build_encoder

            build_encoder(graph, model_path, tmp)
        else:
            from .onnx_export import export_sentence_encoder

            export_sentence_encoder(model_path, tmp)

    how = "from its weights and the graph shipped for it" if graph is not None else "with torch"
    return OnnxSentenceEncoder(cached_model("embedder", [Path(model_path)], export, how=how))
