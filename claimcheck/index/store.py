"""The on-disk index: layout, manifest with checksums, and a read-only view used at query time.

An index folder holds
  index.sqlite   documents (id, title, url, date, sha256, first_row, n_passages, doc_row), passages
                 (row = vector row, passage_id, doc_id, start, end, text), meta (key/value JSON)
  vectors.npy    float16 (n_passages, dim), L2-normalised, memory-mapped at query time
  titles.npy     float16 (n_documents, dim): one title vector per document (row = doc_row; zeros if untitled)
  bm25/          the bm25s index over the same rows
  manifest.json  format version, embedder, parameters, row counts, size + sha256 of every file,
                 and a hash of itself, so a damaged, edited or half-written index is refused.

Every open checks every file's checksum, whatever the index size, except a file whose (size, mtime,
ctime, inode) still match those recorded after its last full check (CLAIMCHECK_HOME/verified/): any
write to a file changes its ctime, so a changed file is always hashed again. The index folder itself is
never written by a reader.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..core.errors import IndexMismatch, InputError
from ..core.outdir import listed_files
from ..core.sanitize import load_json
from ..core.types import Passage
from .bm25 import BM25Params

FORMAT_VERSION = 1
DB, VECTORS, TITLES, BM25_DIR, MANIFEST = "index.sqlite", "vectors.npy", "titles.npy", "bm25", "manifest.json"

SCHEMA = """
CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, url TEXT, date TEXT, sha256 TEXT NOT NULL,
                        first_row INTEGER NOT NULL, n_passages INTEGER NOT NULL, doc_row INTEGER NOT NULL UNIQUE);
CREATE TABLE passages (row INTEGER PRIMARY KEY, passage_id TEXT NOT NULL, doc_id TEXT NOT NULL,
                       start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class IndexParams:
    """Everything that decides the content of the rows; a change means re-embedding all documents."""

    embedder: str
    dim: int
    chunk_sentences: int = 3
    chunk_overlap: int = 1
    max_chars: int = 1000
    title_in_embedding: bool = False  # embed "title. text" (BM25 always sees the title)
    title_vectors: bool = True  # one more vector per document: its title
    bm25: BM25Params = field(default_factory=BM25Params)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["bm25"] = self.bm25.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "IndexParams":
        d = dict(d)
        d["bm25"] = BM25Params.from_dict(d.get("bm25", {}))
        return cls(**d)

    def differences(self, other: "IndexParams") -> list[str]:
        a, b = self.to_dict(), other.to_dict()
        return [f"{k} {a[k]!r} -> {b[k]!r}" for k in a if a[k] != b.get(k)]


def sha256_file(path: Path, bufsize: int = 4 * 2**20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(bufsize):
            h.update(chunk)
    return h.hexdigest()


def index_files(folder: Path) -> list[Path]:
    """The data files a manifest covers (everything but the manifest), sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def _fingerprint(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _verify_checksums(folder: Path, m: dict[str, Any], bad: str, use_cache: bool) -> None:
    """sha256 of every file (streamed, 4 MiB at a time), skipping files whose fingerprint matches the
    cache written after their last full check; the cache is refreshed best effort (a read-only index
    is simply hashed on every open)."""
    from ..profiles import home_dir

    key = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:32]
    cache: dict[str, Any] = {}
    cache_path: Path | None = None
    try:
        cache_path = home_dir() / "verified" / f"{key}.json"
        if use_cache:
            cache = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        cache = {}
    known = cache.get("files", {}) if isinstance(cache, dict) and cache.get("manifest_sha256") == m.get("manifest_sha256") else {}
    fresh: dict[str, list[int]] = {}
    for rel, info in m["files"].items():
        fp = _fingerprint(folder / rel)
        if known.get(rel) != fp:
            if sha256_file(folder / rel) != info["sha256"]:
                raise IndexMismatch(f"{bad}: {rel} does not match its checksum")
        fresh[rel] = fp
    if fresh != known and cache_path is not None:
        try:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_path.with_name(f".{key}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"manifest_sha256": m.get("manifest_sha256"), "files": fresh}), encoding="utf-8")
            os.replace(tmp, cache_path)
        except OSError:
            pass


def _self_hash(manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "manifest_sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def write_manifest(folder: Path, params: IndexParams, n_documents: int, n_passages: int, extra: dict[str, Any]) -> dict:
    files = {
        p.relative_to(folder).as_posix(): {"size": p.stat().st_size, "sha256": sha256_file(p)} for p in index_files(folder)
    }
    m = {
        "format": "claimcheck-index",
        "format_version": FORMAT_VERSION,
        "params": params.to_dict(),
        "n_documents": n_documents,
        "n_passages": n_passages,
        "files": files,
        **extra,
    }
    m["manifest_sha256"] = _self_hash(m)
    (folder / MANIFEST).write_text(json.dumps(m, indent=1, sort_keys=True), encoding="utf-8")
    return m


def is_index_dir(path: Path) -> bool:
    return path.is_dir() and ((path / MANIFEST).exists() or (path / DB).exists())


def owned_files(folder: Path) -> list[str] | None:
    """The files an earlier `claimcheck index` wrote into `folder` (its manifest's list and the manifest),
    or None when the folder holds no manifest of ours. Read like user input: a foreign or damaged
    manifest.json is not ours. With no manifest at all (deleted), the folder is ours when it holds our
    SQLite file and nothing but the index layout (index.sqlite, vectors.npy, titles.npy, bm25/)."""
    mpath = folder / MANIFEST
    if not mpath.exists() and not mpath.is_symlink():
        files = listed_files(folder)
        layout = all(rel in (DB, VECTORS, TITLES) or (rel.startswith(BM25_DIR + "/") and rel.count("/") == 1)
                     for rel in files)
        return files if layout and _is_sqlite(folder / DB) else None
    try:
        m = load_json(mpath.read_bytes(), MANIFEST)
    except (OSError, InputError):
        return None
    if not isinstance(m, dict) or m.get("format") != "claimcheck-index" or not isinstance(m.get("files"), dict):
        return None
    return [MANIFEST, *(rel for rel in m["files"] if isinstance(rel, str))]


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_manifest(folder: Path, verify: bool | None = None) -> dict[str, Any]:
    """The manifest after checking the folder against it; IndexMismatch names the first problem.

    Sizes are always checked, and checksums of every file whatever its size, except files unchanged
    (same size, mtime, ctime and inode) since their last full check; `verify=True` hashes everything,
    `verify=False` skips checksums.
    """
    bad = f"index {folder} is damaged or half-written"
    mpath = folder / MANIFEST
    if not mpath.is_file():
        raise IndexMismatch(f"{bad}: no {MANIFEST} (rebuild it with `claimcheck index`)")
    try:
        m = load_json(mpath.read_bytes(), MANIFEST)
    except InputError as e:  # invalid, nested too deeply, not UTF-8
        raise IndexMismatch(f"{bad}: {e}") from None
    except OSError as e:
        raise IndexMismatch(f"{bad}: {MANIFEST} cannot be read ({e.strerror or e})") from None
    if not isinstance(m, dict) or m.get("format") != "claimcheck-index":
        raise IndexMismatch(f"{folder} is not a claimcheck index")
    if m.get("manifest_sha256") != _self_hash(m):
        raise IndexMismatch(f"{bad}: {MANIFEST} was edited (its checksum does not match)")
    if m.get("format_version") != FORMAT_VERSION:
        raise IndexMismatch(f"index {folder} has format {m.get('format_version')}, this version reads {FORMAT_VERSION}; rebuild it")
    files: dict[str, dict] = m["files"]
    for rel, info in files.items():
        p = folder / rel
        if not p.is_file():
            raise IndexMismatch(f"{bad}: {rel} is missing")
        if p.stat().st_size != info["size"]:
            raise IndexMismatch(f"{bad}: {rel} has {p.stat().st_size} bytes, the manifest says {info['size']}")
    if verify is not False:
        _verify_checksums(folder, m, bad, use_cache=verify is None)
    return m


class IndexStore:
    """Read-only view of a verified index folder: params, vectors (memory map), passages, BM25."""

    def __init__(self, folder: str | Path, verify: bool | None = None):
        self.path = Path(folder)
        self.manifest = read_manifest(self.path, verify=verify)
        self.params = IndexParams.from_dict(self.manifest["params"])
        self.n_passages = int(self.manifest["n_passages"])
        self.n_documents = int(self.manifest["n_documents"])
        self.vectors = np.load(self.path / VECTORS, mmap_mode="r")
        if self.vectors.shape != (self.n_passages, self.params.dim) or self.vectors.dtype != np.float16:
            raise IndexMismatch(
                f"index {self.path} is damaged: vectors are {self.vectors.shape} {self.vectors.dtype}, "
                f"expected ({self.n_passages}, {self.params.dim}) float16"
            )
        self.titles: np.ndarray | None = None
        if self.params.title_vectors:
            self.titles = np.load(self.path / TITLES, mmap_mode="r")
            if self.titles.shape != (self.n_documents, self.params.dim):
                raise IndexMismatch(f"index {self.path} is damaged: titles are {self.titles.shape}")
        uri = f"file:{(self.path / DB).as_posix()}?mode=ro"
        self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        (rows,) = self.db.execute("SELECT count(*) FROM passages").fetchone()
        if rows != self.n_passages:
            raise IndexMismatch(f"index {self.path} is damaged: {rows} passages in {DB}, manifest says {self.n_passages}")

    @cached_property
    def bm25(self) -> Any:
        from . import bm25

        return bm25.load(self.path / BM25_DIR)

    def meta(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def passages(self, rows: Sequence[int]) -> list[Passage]:
        """Passages for vector rows, in the order given."""
        if not rows:
            return []
        uniq = sorted(set(int(r) for r in rows))
        found: dict[int, Passage] = {}
        for i in range(0, len(uniq), 500):
            part = uniq[i : i + 500]
            q = (
                'SELECT p.row, p.passage_id, p.doc_id, p.text, p.start, p."end", d.title, d.url, d.date '
                "FROM passages p JOIN documents d ON d.id = p.doc_id "
                f"WHERE p.row IN ({','.join('?' * len(part))})"
            )
            for r, pid, did, text, s, e, title, url, date in self.db.execute(q, part):
                found[r] = Passage(pid, did, text, title or "", s, e, url or "", date or "")
        return [found[int(r)] for r in rows]

    def doc_rows(self) -> dict[str, tuple[str, int, int, int]]:
        """doc id -> (sha256, first_row, n_passages, doc_row)."""
        q = "SELECT id, sha256, first_row, n_passages, doc_row FROM documents"
        return {d: (h, f, n, r) for d, h, f, n, r in self.db.execute(q)}

    @cached_property
    def doc_spans(self) -> tuple[np.ndarray, np.ndarray]:
        """first_row and n_passages of every document, indexed by doc_row."""
        rows = self.db.execute("SELECT first_row, n_passages FROM documents ORDER BY doc_row").fetchall()
        arr = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
        return arr[:, 0].copy(), arr[:, 1].copy()

    def doc_row_of(self, rows: np.ndarray) -> np.ndarray:
        """doc_row of each passage row (documents are stored in row order)."""
        first, _ = self.doc_spans
        return np.searchsorted(first, rows, side="right") - 1

    def close(self) -> None:
        self.db.close()
