"""Model profiles: which backend and model serve each role, read from models/<name>.toml.

Plain data: this module imports no stage. The option names and types of each table are checked against
claimcheck.core.registry when Components is built. Model references and RoleConfig live in claimcheck.runtime.roles, the
folders in claimcheck.core.paths (stages import those, never this module); they are re-exported here for callers
above the stages.

Choice order everywhere: CLI option, then CLAIMCHECK_* environment variable, then default.
"""
from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .core.errors import UnknownProfile, UserError
from .core.paths import PROJECT_ROOT, home_dir, models_dir
from .core.registry import unknown_key
from .runtime.roles import RoleConfig, model_present, resolve_device, resolve_model

__all__ = [
    "DEFAULT_PROFILE", "PROJECT_ROOT", "ROLES", "SECTIONS", "TOP_LEVEL", "Profile", "RoleConfig", "home_dir",
    "list_profiles", "load_profile", "model_present", "models_dir", "resolve_device", "resolve_model",
    "resolve_profile_name",
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
        """A non-role table of the profile (e.g. [judge], [retrieval])."""
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
    unknown_key(f"profile {path}: the profile", raw, (*TOP_LEVEL, *ROLES, *SECTIONS), what="section or key")
    raw = _moved_to_sections(path, raw)
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
        roles[role] = RoleConfig(role=role, backend=backend, model=model, options=sec, note=note)
    return Profile(
        name=str(raw.get("name", path.stem)),
        description=str(raw.get("description", "")),
        roles=roles,
        path=path,
        raw=raw,
    )


TOP_LEVEL = ("name", "description")
# settings tables besides the roles; their keys are checked (claimcheck.core.registry) when Components is built
SECTIONS = ("judge", "rationale", "retrieval", "risk")
# [verifier] keys of the layout before [judge] and [rationale] (issue 27): read from their new table, with a warning
_MOVED = {
    **{k: ("judge", k) for k in (
        "support_threshold", "contradict_threshold", "min_similarity", "contradict_min_similarity", "conflict_rule",
        "conflict_confidence", "max_evidence", "possible_conflict_threshold", "contested_support", "event_rule")},
    "rationale_top": ("rationale", "top"),
    "rationale_min_similarity": ("rationale", "min_similarity"),
}


def _moved_to_sections(path: Path, raw: dict[str, Any]) -> dict[str, Any]:
    """`raw` with the old layout's judge and rationale keys of [verifier] moved to [judge] and [rationale] (a key
    the new table also sets keeps the new table's value), and one line on stderr saying so."""
    verifier = raw.get("verifier")
    moved = [k for k in verifier if k in _MOVED] if isinstance(verifier, dict) else []
    if not moved:
        return raw
    raw = {**raw, "verifier": {k: v for k, v in verifier.items() if k not in _MOVED}}
    for key in moved:
        table, new = _MOVED[key]
        section = raw[table] = dict(raw.get(table) or {})
        section.setdefault(new, verifier[key])
    tables = " and ".join(f"[{t}]" for t in sorted({_MOVED[k][0] for k in moved}))
    print(f"claimcheck: profile {path}: [verifier] keys {', '.join(moved)} are read from {tables} now; "
          "move them there (this layout is deprecated)", file=sys.stderr)
    return raw


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
