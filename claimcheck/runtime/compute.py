"""Threads for model inference, and ONNX Runtime sessions that use them.

Every model runs with `threads()` threads (CLAIMCHECK_THREADS, set by --threads; default: the CPUs this process
may use), one pool per process, so ONNX Runtime and torch never each take all cores at once. A bottom module:
the runtimes (claimcheck.runtime.onnx_runtime, claimcheck.runtime.onnx_export) and the torch loaders (claimcheck.runtime.classifier,
claimcheck.runtime.embed) all take their threads from here.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core.errors import ModelNotAvailable, UserError


def threads() -> int:
    """Threads for model inference: CLAIMCHECK_THREADS, else the CPUs this process may run on."""
    env = os.environ.get("CLAIMCHECK_THREADS")
    if env:
        try:
            n = int(env)
        except ValueError:
            n = 0
        if n < 1:
            raise UserError(f"CLAIMCHECK_THREADS={env!r}: give a whole number of threads, 1 or more")
        return n
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def set_threads(n: int | None) -> None:
    """--threads N: every model loaded from now on (and torch, if loaded) uses N threads."""
    if n is None:
        return
    if n < 1:
        raise UserError(f"--threads {n}: give 1 or more")
    os.environ["CLAIMCHECK_THREADS"] = str(n)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(n)


def torch_threads() -> None:
    """Give torch the same thread count as ONNX Runtime (call where a torch model is loaded)."""
    import torch

    n = threads()
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


def session(path: Path):
    """An ONNX Runtime CPU session with `threads()` intra-op threads, no inter-op pool, and every graph
    optimization ORT has for this graph (for MiniLM: LayerNorm, bias + GELU and scaled-MatMul fusions)."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.intra_op_num_threads = threads()
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.log_severity_level = 3
    try:
        return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    except Exception as e:  # a truncated or foreign file in the cache
        raise ModelNotAvailable(f"cannot load ONNX model {path}: {' '.join(str(e).split())[:200]}") from None
