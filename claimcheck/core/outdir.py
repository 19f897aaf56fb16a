"""Output folders (`index --out`, `triage --out`): only ever replace what claimcheck made.

A folder is written only when it is absent, empty, or holds this tool's own output from an earlier run
(the caller says how to tell: an index's manifest, a triage's state file); a triage, which adds files
beside others, may also use a folder holding none of the names it writes. Anything else -- a web app
with its own manifest.json, someone's index.html -- is one line, exit 2, and nothing in it is touched.
Removing an earlier run's output deletes only the files that run listed as its own, then the folders
that leaves empty; nothing else in the folder, whatever its name.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import UserError
from .writing import write_error


def check_folder(path: Path, flag: str, ours: Callable[[Path], bool], what: str, *, replaced: bool = False,
                 names: Sequence[str] = ()) -> bool:
    """True when `path` holds `what` from an earlier run (`ours(path)`), False when it is absent or empty;
    UserError for anything else. `replaced`: the folder is swapped as a whole (renamed), so a mount point,
    which cannot be renamed, is refused too. `names`: the entries a run writes into the folder (and nothing
    else); a folder of other things is accepted when it holds none of them, since nothing is replaced."""
    if path.exists() and not path.is_dir():
        raise UserError(f"{flag} {path}: is a file, expected a folder")
    if not path.exists():
        return False
    if replaced and os.path.ismount(path):
        raise UserError(f"{flag} {path}: is a mount point, which cannot be replaced as a whole; "
                        f"give a folder inside it, e.g. {path / 'index'}")
    try:
        entries = sorted(os.listdir(path))
    except OSError as e:
        raise write_error(e, f"{flag} {path}") or UserError(f"{flag} {path}: cannot be read ({e.strerror or e})") from None
    if not entries:
        return False
    if ours(path):
        return True
    if names and not replaced and not set(names) & set(entries):
        return False
    clash = [e for e in entries if e in names] or entries
    shown = ", ".join(clash[:3]) + (", ..." if len(clash) > 3 else "")
    raise UserError(f"{flag} {path}: is not {what} and not empty (it holds {shown}); nothing in it was changed: "
                    "choose a new or empty folder")


def inside(rel: str) -> bool:
    """Whether the relative path `rel` (from a file we wrote, but read back) stays inside its folder."""
    p = Path(rel)
    return bool(rel) and not p.is_absolute() and ".." not in p.parts


def remove_listed(root: Path, rels: Iterable[str]) -> None:
    """Delete the files `rels` (relative to `root`), then those of their folders left empty, root included;
    nothing else. A path leading outside `root` is ignored."""
    folders: set[Path] = {root}
    for rel in rels:
        if not inside(rel):
            continue
        p = root / rel
        if p.is_symlink() or p.is_file():
            p.unlink(missing_ok=True)
        folders.update(q for q in p.parents if q != root and root in q.parents)
    for d in sorted(folders, key=lambda q: len(q.parts), reverse=True):
        try:
            d.rmdir()  # only when empty
        except OSError:
            pass


def listed_files(root: Path) -> list[str]:
    """Every file under `root`, relative and with '/' (what remove_listed takes)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink())
