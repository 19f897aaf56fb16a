"""Embedded batches kept beside an index build, so a killed or crashed build resumes instead of
re-embedding everything (embedding is nearly all of a build's time).

Each batch the encoder returns is saved at once to `.NAME.embedded/batch-NNNNNN.npz` (keys: sha1 of
embedder name, dimension and text; vectors: the normalised float16 rows written to the index), by a
temp file and a rename, so a kill leaves whole batches only. The next build of the same target reads
them back and sends only the other texts to the encoder. The folder is removed once the new index is
in place.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Sequence

import numpy as np

from ..core.writing import sibling

KEY_BYTES = 20


def cache_dir(out: Path) -> Path:
    return sibling(out, "embedded")


class EmbedCache:
    def __init__(self, folder: Path, embedder: str, dim: int):
        self.folder, self.dim = folder, dim
        self._tag = f"{embedder}\0{dim}\0"
        self.vectors: dict[bytes, np.ndarray] = {}
        self._next = 0
        for f in sorted(folder.glob("batch-*.npz")) if folder.is_dir() else ():
            self._next += 1
            try:
                with np.load(f) as z:
                    keys, vecs = z["keys"], z["vectors"]
            except Exception:  # a damaged batch file is only a lost batch
                continue
            if keys.ndim == 2 and keys.shape[1] == KEY_BYTES and vecs.shape == (len(keys), dim):
                self.vectors.update((k.tobytes(), v) for k, v in zip(keys, vecs))

    def key(self, text: str) -> bytes:
        return hashlib.sha1((self._tag + text).encode("utf-8")).digest()

    def save(self, keys: Sequence[bytes], vectors: np.ndarray) -> None:
        """Keep one embedded batch (written whole or not at all)."""
        self.folder.mkdir(exist_ok=True)
        name = f"batch-{self._next:06d}.npz"
        self._next += 1
        tmp = self.folder / f".{name}.tmp.npz"
        try:
            np.savez(tmp, keys=np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, KEY_BYTES),
                     vectors=np.asarray(vectors, dtype=np.float16))
            os.replace(tmp, self.folder / name)
        except BaseException:  # a full disk: no half batch left behind
            tmp.unlink(missing_ok=True)
            raise

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
