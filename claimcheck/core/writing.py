"""Writing output files: atomically, only where we may, and with a full disk as a user error.

- `atomic_write` replaces a file through a temp file beside it and a rename, so readers never see half a
  file; a symlink is followed (its target is replaced, the link stays), a device or FIFO is written in
  place (`-o /dev/stdout`, `-o /dev/null`), a socket is refused.
- Names of temporary things are ours alone: `.cc-tmp-<8 hex>` for one-off temp files (short enough beside
  any legal file name, no glob characters), `sibling(target, role)` for the lock, resume cache and
  build folders that belong to one output path.
- `write_error` turns the failures a user can fix (a full disk, a read-only place, no permission, a busy
  mount point) into one UserError line; `writing(what)` does it for a block of writes.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from pathlib import Path
from typing import Iterator

from .errors import UserError

NAME_MAX = 255

# errno -> what the user is told; all are fixed outside claimcheck (space, permissions, mounts)
_REASONS = {
    errno.ENOSPC: "no space left on the device; free some space or write elsewhere",
    errno.EDQUOT: "disk quota exceeded; free some space or write elsewhere",
    errno.EFBIG: "the file is too large for this file system",
    errno.EROFS: "the file system is read-only; write elsewhere",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EBUSY: "the place is busy (a mount point, or in use by the system); write elsewhere",
    errno.ENAMETOOLONG: "the name is too long for this file system",
    errno.EIO: "the device reported an input/output error",
}
USER_ERRNOS = frozenset(_REASONS)


def write_error(e: BaseException, what: str) -> UserError | None:
    """The UserError "WHAT: why" to show for `e` while writing `what`, or None when `e` is not a problem a user
    can fix (a bug).

    An OSError with one of USER_ERRNOS, or SQLite's "database or disk is full" / "readonly database"."""
    if isinstance(e, UserError):
        return e
    if isinstance(e, OSError) and e.errno in USER_ERRNOS:
        return UserError(f"{what}: {_REASONS.get(e.errno) or e.strerror or e}")
    msg = str(e).lower()
    if type(e).__name__ in ("OperationalError", "DatabaseError") and type(e).__module__.startswith("sqlite3"):
        if "disk is full" in msg:
            return UserError(f"{what}: {_REASONS[errno.ENOSPC]}")
        if "disk i/o" in msg:
            return UserError(f"{what}: {_REASONS[errno.EIO]}")
        if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
            return UserError(f"{what}: {_REASONS[errno.EROFS]}")
    return None


@contextlib.contextmanager
def writing(what: str) -> Iterator[None]:
    """Inside the block a full disk, a read-only place or a permission problem is a UserError naming `what`."""
    try:
        yield
    except Exception as e:
        err = write_error(e, what)
        if err is None or err is e:
            raise
        raise err from None


def tmp_name() -> str:
    """A fresh temporary name: `.cc-tmp-` and 8 random hex digits."""
    return f".cc-tmp-{secrets.token_hex(4)}"


def sibling(target: str | Path, role: str) -> Path:
    """The path of `target`'s `role` (lock, embedded, build, old) beside it: `.NAME.ROLE` when that fits in
    a file name, else `.cc-ROLE-<hash of NAME>`. Never a pattern: only this exact name is ever removed."""
    target = Path(target)
    name = f".{target.name}.{role}"
    if len(os.fsencode(name)) > NAME_MAX:
        digest = hashlib.sha256(os.fsencode(target.name)).hexdigest()[:16]
        name = f".cc-{role}-{digest}"
    return target.parent / name


def new_file_mode(path: Path) -> int:
    """The mode a written file gets: an existing file's own mode, else 0o666 less the umask (what
    open() gives; mkstemp's temp files are 0o600, which would make every output private)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where /proc allows (os.umask sets it to read it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_target(path: str | Path) -> Path:
    """Where writing `path` really goes: a symlink's final target (the link itself is kept)."""
    p = Path(path).expanduser()
    return Path(os.path.realpath(p)) if p.is_symlink() else p


def is_special(path: Path) -> str:
    """'' for a regular file or nothing; else what it is ("a device", "a FIFO", "a socket", "a folder")."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return ""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a FIFO" if stat.S_ISFIFO(mode) else "a device"


def atomic_write(path: str | Path, text: str | bytes) -> None:
    """Write `text` to `path` via a temp file in the same folder and a rename: readers never see half a file.

    A symlink's target is replaced (the link stays a link); a device or FIFO is written in place; a socket or
    a folder is refused. The file gets normal permissions (see new_file_mode), not the temp file's 0o600.
    A full disk or an unwritable place is a UserError; the temp file is removed and `path` is untouched."""
    shown = str(path)
    target = write_target(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    kind = is_special(target)
    if kind in ("a socket", "a folder"):
        raise UserError(f"{shown}: is {kind}, not a file that can be written")
    if kind:  # a device or FIFO: written as the shell's `>` would, nothing to replace
        with writing(shown), open(target, "wb") as f:
            f.write(data)
        return
    parent = target.parent
    if not parent.is_dir():
        raise UserError(f"{shown}: folder {parent} does not exist")
    mode = new_file_mode(target)
    tmp = parent / tmp_name()
    try:
        with writing(shown):
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.fchmod(fd, mode)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
            except BaseException:
                with contextlib.suppress(OSError):
                    os.close(fd)
                raise
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def refuse_overwriting_inputs(output: str | None, inputs: dict) -> None:
    """--output naming one of the command's input files (an article, a corpus file, claims) is refused:
    writing there would destroy the input. `inputs` are the command's other arguments, of any kind."""
    if not output or output == "-":
        return
    out = write_target(output)
    if not out.exists() or is_special(out):
        return
    for name, value in inputs.items():
        for v in value if isinstance(value, (list, tuple)) else (value,):
            if not isinstance(v, (str, Path)) or str(v) in ("", "-"):
                continue
            try:
                same = Path(v).expanduser().is_file() and os.path.samefile(Path(v).expanduser(), out)
            except (OSError, ValueError):
                same = False
            if same:
                raise UserError(f"--output {output}: is the input file {v}; writing there would destroy it, "
                                "choose another --output")
