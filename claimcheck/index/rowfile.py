"""A .npy file of vector rows written through the file API, never through a memory map.

Writing into a memory-mapped file on a full disk (or over a quota) kills the process with SIGBUS: the
kernel can only report the failure when it flushes the page. Here every row is written with pwrite, so a
full disk is an ordinary OSError (ENOSPC) that claimcheck.core.writing turns into one line; and the file's
space is reserved up front (posix_fallocate), so a disk too small for the index fails before any
embedding, not hours into it. Readers open the result with np.load(..., mmap_mode="r") as before.
"""
from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import numpy as np


class RowFile:
    """`rows[i:j] = block` and `rows[index_array] = block` for a (n, dim) array stored in a .npy file."""

    def __init__(self, path: Path, shape: tuple[int, int], dtype=np.float16):
        self.path, self.shape, self.dtype = path, shape, np.dtype(dtype)
        header = io.BytesIO()
        np.lib.format.write_array_header_1_0(
            header, {"descr": np.lib.format.dtype_to_descr(self.dtype), "fortran_order": False, "shape": shape})
        self.offset = len(header.getvalue())
        self.row_bytes = shape[1] * self.dtype.itemsize
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            self._pwrite_all(header.getvalue(), 0)
            size = self.offset + shape[0] * self.row_bytes
            _reserve(self.fd, size)
        except BaseException:
            os.close(self.fd)
            raise

    def __setitem__(self, key, values) -> None:
        block = np.ascontiguousarray(values, dtype=self.dtype).reshape(-1, self.shape[1])
        if isinstance(key, slice):
            start, stop, step = key.indices(self.shape[0])
            if step != 1 or stop - start != len(block):
                raise ValueError(f"cannot write {len(block)} rows to {key}")
            self._write_rows(start, block)
            return
        rows = np.asarray(key, dtype=np.int64).reshape(-1)
        if len(rows) != len(block):
            raise ValueError(f"{len(rows)} row numbers for {len(block)} rows")
        if len(rows) and (rows.min() < 0 or rows.max() >= self.shape[0]):
            raise IndexError(f"row out of range 0..{self.shape[0] - 1}")
        order = np.argsort(rows, kind="stable")  # consecutive rows go out as one write
        rows, block = rows[order], block[order]
        cuts = [0, *(np.flatnonzero(np.diff(rows) != 1) + 1).tolist(), len(rows)]
        for a, b in zip(cuts, cuts[1:]):
            if b > a:
                self._write_rows(int(rows[a]), block[a:b])

    def _write_rows(self, first: int, block: np.ndarray) -> None:
        self._pwrite_all(block.tobytes(), self.offset + first * self.row_bytes)

    def _pwrite_all(self, data: bytes, offset: int) -> None:
        view = memoryview(data)
        while view:
            n = os.pwrite(self.fd, view, offset)
            view, offset = view[n:], offset + n

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> "RowFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _reserve(fd: int, size: int) -> None:
    """Allocate `size` bytes now (ENOSPC at once on a full disk); where the file system cannot, set the size."""
    try:
        if size > 0:
            os.posix_fallocate(fd, 0, size)
            return
    except OSError as e:
        if e.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
            raise
    except AttributeError:  # pragma: no cover - not POSIX
        pass
    os.ftruncate(fd, size)
