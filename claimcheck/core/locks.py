"""One writer per output folder: an exclusive lock on `.NAME.lock` beside it, removed when done.

`index --out DIR` waits for a build into the same folder to finish; `triage --out DIR` refuses to start
while another run writes there (two runs would both do all the work and write each article twice).
The lock file is deleted by its holder while still locked; a process that was waiting on the deleted
file notices (the path no longer names the file it locked) and locks the new one instead.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable, Iterator

from .errors import UserError
from .writing import sibling, write_error


def lock_path(target: Path) -> Path:
    return sibling(target, "lock")


@contextlib.contextmanager
def exclusive(target: str | Path, *, wait: bool = True, busy: str = "",
              on_wait: Callable[[], None] | None = None) -> Iterator[Path]:
    """Hold the lock for `target` (a file or folder path) inside the block.

    wait=False: raise UserError(`busy`) at once when another process holds it; wait=True: call
    `on_wait` (if given) and block until it is free.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no locking
        yield lock_path(Path(target))
        return
    path = lock_path(Path(target).expanduser().absolute())
    fd = _acquire(path, fcntl, wait, busy or f"{Path(target).name} is in use by another claimcheck process", on_wait)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # still locked: nobody can take the old file in between
        os.close(fd)


def _acquire(path: Path, fcntl, wait: bool, busy: str, on_wait: Callable[[], None] | None) -> int:
    waited = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            err = write_error(e, f"cannot create the lock file {path}")
            raise err or UserError(f"cannot create the lock file {path} ({e.strerror or e})") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    raise UserError(busy) from None
                if on_wait is not None and not waited:
                    on_wait()
                waited = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed the file we waited on: lock the current one
