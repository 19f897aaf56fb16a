"""Model profiles: which backend and model serve each role, read from models/<name>.toml.

Model references and RoleConfig live in claimcheck.runtime.roles, the folders in claimcheck.core.paths (stages import those,
never this module); they are re-exported here for callers above the stages.

Choice order everywhere: CLI option, then CLAIMCHECK_* environment variable, then default.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .core.errors import UnknownProfile, UserError
from .core.paths import PROJECT_ROOT, home_dir, models_dir
from .runtime.roles import RoleConfig, model_present, resolve_device, resolve_model

__all__ = [
    "DEFAULT_PROFILE", "PROJECT_ROOT", "ROLES", "SECTIONS", "TOP_LEVEL", "Profile", "RoleConfig", "home_dir",
    "list_profiles", "load_profile", "model_present", "models_dir", "resolve_device", "resolve_model",
    "resolve_profile_name", "role_options",
]

ROLES = ("claims", "summarizer", "embedder", "verifier")
DEFAULT_PROFILE = "offline"


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
            from .runtime.onnx_runtime import check_runtime

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
        from .runtime.embed import OPTIONS

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
