"""Where things live: the project's own data (profiles, shipped weights, prompts) and the user's state.

PROJECT_ROOT holds models/ (profiles, project weights), prompts/ and seeds/; `models_dir()` is where profiles
and shipped graphs are read (CLAIMCHECK_MODELS_DIR); `home_dir()` is where rebuildable state is cached
(CLAIMCHECK_HOME). Imports nothing of claimcheck but errors, so every layer may use it.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import UserError


def _project_root() -> Path:
    """Where models/ (profiles, project weights), prompts/ and seeds/ are: inside the package
    (claimcheck/_data/, what a built wheel carries, see setup.py), else the source checkout."""
    package = Path(__file__).resolve().parents[1]  # claimcheck/ (this file is claimcheck/core/paths.py)
    packaged = package / "_data"
    return packaged if (packaged / "models").is_dir() else package.parent


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
