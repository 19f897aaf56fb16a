"""Build or update an index folder: incremental by content hash, atomic by rename.

Only new or changed documents are embedded; unchanged ones keep their vector rows (copied);
removed ones are dropped. An unchanged corpus is detected from hashes alone and nothing is written.
The new index is written to a temporary folder beside the target and renamed into place, so a crash
or Ctrl-C at any point leaves the previous index as it was.

Only what claimcheck made is ever replaced (claimcheck.core.outdir): --out must be absent, empty or an index
whose manifest lists every file in it. Vectors are written through the file API (index/rowfile.py), so
a full disk is one line and exit 2, never a SIGBUS; the temporary folder is removed and the previous
index is left as it was.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence

import numpy as np

from .corpus import Document, chunk_document
from ..core.errors import IndexMismatch, UserError
from ..core.locks import exclusive
from ..core.outdir import check_folder, listed_files, remove_listed
from ..core.types import Passage
from ..core.writing import sibling, writing
from . import bm25
from .config import RetrievalConfig
from .resume import EmbedCache, cache_dir
from .rowfile import RowFile
from .store import (BM25_DIR, DB, FORMAT_VERSION, SCHEMA, TITLES, VECTORS, IndexParams, IndexStore, owned_files,
                    write_manifest)


class EmbedderLike(Protocol):
    name: str

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class BuildStats:
    path: str
    added: int
    changed: int
    removed: int
    unchanged: int
    n_documents: int
    n_passages: int
    embedded: int  # passages sent to the encoder (not those a killed build had embedded already)
    seconds: float
    skipped: bool  # nothing changed, nothing written
    note: str = ""  # why everything was re-embedded, if it was

    def summary(self) -> str:
        s = (
            f"indexed {self.n_documents} documents ({self.added} added, {self.changed} changed, "
            f"{self.removed} removed, {self.unchanged} unchanged), {self.n_passages} passages, "
            f"{self.embedded} embedded, {self.seconds:.1f}s -> {self.path}"
        )
        return s + (f" [{self.note}]" if self.note else "")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def embed_text(p: Passage, with_title: bool) -> str:
    """A passage's text, led by its document's title if asked (BM25 always, the encoder if configured)."""
    if with_title and p.title and not p.text.lstrip("# ").startswith(p.title):
        sep = " " if p.title[-1] in ".!?:" else ". "
        return f"{p.title}{sep}{p.text}"
    return p.text


def build_index(
    documents: Sequence[Document],
    out: str | Path,
    embedder: EmbedderLike,
    config: RetrievalConfig | None = None,
    *,
    progress: bool = False,
    source: str = "",
) -> BuildStats:
    """Create or update the index at `out` for `documents`; returns what changed. A folder that is not an
    earlier index, a full disk or a read-only place is a UserError (one line) and changes nothing."""
    out = Path(out).expanduser().resolve()
    with writing(f"--out {out}"):
        return _build_index(documents, out, embedder, config, progress, source)


def check_out_folder(out: str | Path) -> bool:
    """Refuse (UserError) an --out that is neither absent, empty, nor an index claimcheck built; True when it
    holds an earlier index. Called before any model loads, and again under the build's lock."""
    path = Path(out).expanduser().resolve()
    extra: list[str] = []

    def ours(folder: Path) -> bool:
        owned = owned_files(folder)
        extra[:] = sorted(set(listed_files(folder)) - set(owned or ()))
        return owned is not None and not extra

    try:
        return check_folder(path, "--out", ours, "a claimcheck index", replaced=True)
    except UserError:
        if extra and owned_files(path) is not None:
            shown = ", ".join(extra[:3]) + (", ..." if len(extra) > 3 else "")
            raise UserError(f"--out {path}: is a claimcheck index but also holds files it did not write ({shown}); "
                            "nothing was changed: move them away or choose another --out") from None
        raise


def _build_index(documents, out: Path, embedder: EmbedderLike, config: RetrievalConfig | None, progress: bool,
                 source: str) -> BuildStats:
    t0 = time.perf_counter()
    config = config or RetrievalConfig()
    params = config.index_params(embedder.name, embedder.dim)
    _check_unique(documents)
    out.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(out, on_wait=lambda: print(f"claimcheck: waiting for another build into {out} to finish",
                                              file=sys.stderr, flush=True)):
        _recover(out)
        check_out_folder(out)
        old, note = _open_previous(out, params)
        cache = EmbedCache(cache_dir(out), params.embedder, params.dim)  # batches a killed build embedded
        try:
            old_docs = old.doc_rows() if old else {}
            hashes = [d.content_hash for d in documents]
            keep = {d.id for d, h in zip(documents, hashes) if d.id in old_docs and old_docs[d.id][0] == h}
            ids = {d.id for d in documents}
            added = sum(1 for d in documents if d.id not in old_docs)
            removed = sum(1 for i in old_docs if i not in ids)
            changed = len(documents) - added - len(keep)
            if old is not None and len(keep) == len(documents) and removed == 0:
                cache.remove()
                return BuildStats(str(out), 0, 0, 0, len(keep), old.n_documents, old.n_passages, 0,
                                  time.perf_counter() - t0, True)
            tmp = _tmp_name(out)  # ours alone: one build per --out at a time (the lock)
            tmp.mkdir()
            try:
                n_rows, n_embedded = _write(tmp, documents, hashes, keep, old, params, embedder, progress, cache)
                created = old.manifest.get("created") if old else None
                now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
                extra = {"created": created or now, "updated": now, "source": source}
                _write_meta(tmp, params, extra)
                write_manifest(tmp, params, len(documents), n_rows, extra)
                _fsync_tree(tmp)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        finally:
            if old is not None:
                old.close()
        _swap(tmp, out)
        cache.remove()
    return BuildStats(str(out), added, changed, removed, len(keep), len(documents), n_rows, n_embedded,
                      time.perf_counter() - t0, False, note)


def _check_unique(documents: Sequence[Document]) -> None:
    if not documents:
        raise UserError("no documents to index")
    seen: set[str] = set()
    for d in documents:
        if d.id in seen:
            raise UserError(f"duplicate document id {d.id!r}")
        seen.add(d.id)


def _open_previous(out: Path, params: IndexParams) -> tuple[IndexStore | None, str]:
    """The existing index if it can be reused, else None and why everything gets re-embedded (check_out_folder
    has made sure the folder is absent, empty or ours)."""
    if not out.exists() or not any(out.iterdir()):
        return None, ""
    try:
        old = IndexStore(out)
    except IndexMismatch as e:
        return None, f"rebuilt: previous index unusable ({e})"
    diff = old.params.differences(params)
    if diff:
        old.close()
        return None, "rebuilt: " + "; ".join(diff)
    return old, ""


def _write(tmp: Path, documents, hashes, keep: set[str], old: IndexStore | None, params: IndexParams,
           embedder: EmbedderLike, progress: bool, cache: EmbedCache | None = None) -> tuple[int, int]:
    """Write passages, vectors, title vectors and BM25 for `documents` into `tmp`; returns (rows, embedded)."""
    old_docs = old.doc_rows() if old else {}
    plan: list[tuple[Document, str, int, int, list[Passage] | None]] = []  # doc, hash, first_row, n, new passages
    new_passages: list[tuple[int, Passage]] = []
    row = 0
    for d, h in zip(documents, hashes):
        if d.id in keep:
            n = old_docs[d.id][2]
            plan.append((d, h, row, n, None))
        else:
            ps = chunk_document(d, params.chunk_sentences, params.chunk_overlap, params.max_chars)
            plan.append((d, h, row, len(ps), ps))
            new_passages.extend((row + i, p) for i, p in enumerate(ps))
            n = len(ps)
        row += n
    n_rows = row
    with RowFile(tmp / VECTORS, (n_rows, params.dim)) as vectors:  # not a memory map: see index/rowfile.py
        bm25_texts: list[str] = [""] * n_rows
        db = sqlite3.connect(tmp / DB)
        try:
            db.executescript(SCHEMA)
            db.executemany(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?)",
                ((d.id, d.title, d.url, d.date, h, first, n, i) for i, (d, h, first, n, _) in enumerate(plan)),
            )
            title_of = {d.id: d.title for d in documents}
            for new_first, old_first, n in _runs(plan, old_docs):
                vectors[new_first : new_first + n] = old.vectors[old_first : old_first + n]
                cur = old.db.execute(
                    'SELECT row, passage_id, doc_id, start, "end", text FROM passages WHERE row >= ? AND row < ? ORDER BY row',
                    (old_first, old_first + n),
                )
                shifted = [(r - old_first + new_first, pid, did, s, e, t) for r, pid, did, s, e, t in cur]
                db.executemany("INSERT INTO passages VALUES (?,?,?,?,?,?)", shifted)
                for r, _, did, s, e, t in shifted:
                    bm25_texts[r] = embed_text(Passage("", did, t, title_of[did]), True)
            db.executemany(
                "INSERT INTO passages VALUES (?,?,?,?,?,?)",
                ((r, p.passage_id, p.doc_id, p.start, p.end, p.text) for r, p in new_passages),
            )
            db.commit()
        finally:
            db.close()
        dense_texts = {r: embed_text(p, params.title_in_embedding) for r, p in new_passages}
        for r, p in new_passages:
            bm25_texts[r] = embed_text(p, True)
        encoded = _embed_into(vectors, dense_texts, embedder, params.dim, progress, "passages", cache)
    if params.title_vectors:
        _write_titles(tmp, plan, old, old_docs, embedder, params.dim, progress, cache)
    bm25.save(bm25.build(bm25_texts, params.bm25), tmp / BM25_DIR)
    return n_rows, encoded


def _write_titles(tmp: Path, plan, old: IndexStore | None, old_docs, embedder: EmbedderLike, dim: int,
                  progress: bool, cache: EmbedCache | None = None) -> None:
    """titles.npy: kept documents copy their title vector, new or changed ones embed it (untitled: zeros)."""
    with RowFile(tmp / TITLES, (len(plan), dim)) as titles:
        _fill_titles(titles, plan, old, old_docs, embedder, dim, progress, cache)


def _fill_titles(titles: RowFile, plan, old: IndexStore | None, old_docs, embedder: EmbedderLike, dim: int,
                 progress: bool, cache: EmbedCache | None) -> None:
    todo: dict[int, str] = {}
    kept = [(i, old_docs[d.id][3]) for i, (d, _, _, _, ps) in enumerate(plan) if ps is None]
    if kept and old is not None and old.titles is not None:
        new_rows, old_rows = (np.asarray(x, dtype=np.int64) for x in zip(*kept))
        for s in range(0, len(kept), 65536):
            titles[new_rows[s : s + 65536]] = old.titles[old_rows[s : s + 65536]]
    for i, (d, _, _, _, ps) in enumerate(plan):
        if ps is not None and d.title.strip():
            todo[i] = d.title
    _embed_into(titles, todo, embedder, dim, progress, "titles", cache)


def _runs(plan, old_docs) -> Iterator[tuple[int, int, int]]:
    """Contiguous (new_first, old_first, n) row ranges of kept documents, coalesced."""
    run: list[int] | None = None
    for d, _, first, n, ps in plan:
        if ps is not None or n == 0:
            continue
        old_first = old_docs[d.id][1]
        if run and run[0] + run[2] == first and run[1] + run[2] == old_first:
            run[2] += n
            continue
        if run:
            yield tuple(run)  # type: ignore[misc]
        run = [first, old_first, n]
    if run:
        yield tuple(run)  # type: ignore[misc]


def _embed_into(vectors: RowFile, texts: dict[int, str], embedder: EmbedderLike, dim: int, progress: bool,
                what: str, cache: EmbedCache | None = None) -> int:
    """Encode {row: text} longest first (batches of similar length pad little) into vectors[row]; rows
    whose text an interrupted build already embedded come from `cache`. Returns how many were encoded."""
    keys: dict[int, bytes] = {}
    if cache is not None:
        keys = {r: cache.key(t) for r, t in texts.items()}
        done = [r for r in texts if keys[r] in cache.vectors]
        if done:
            vectors[np.asarray(done)] = np.stack([cache.vectors[keys[r]] for r in done])
            texts = {r: t for r, t in texts.items() if keys[r] not in cache.vectors}
    if not texts:
        return 0
    order = sorted(texts, key=lambda r: -len(texts[r]))
    step = 4 * int(getattr(embedder, "batch_size", 64) or 64)  # the bar (and its ETA) moves every few batches
    with _progress(progress, len(order), what) as advance:
        for i in range(0, len(order), step):
            part = order[i : i + step]
            vecs = np.asarray(embedder.encode([texts[r] for r in part]), dtype=np.float32)
            if vecs.shape != (len(part), dim):
                raise IndexMismatch(f"embedder {embedder.name} returned shape {vecs.shape}, expected ({len(part)}, {dim})")
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            rows = (vecs / np.maximum(norms, 1e-12)).astype(np.float16)
            vectors[np.asarray(part)] = rows
            if cache is not None:
                cache.save([keys[r] for r in part], rows)
            advance(len(part))
    return len(order)


@contextlib.contextmanager
def _progress(enabled: bool, total: int, what: str) -> Iterator[Any]:
    if not enabled:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    cols = (TextColumn(f"embedding {what}"), BarColumn(), MofNCompleteColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*cols, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("embed", total=total)
        yield lambda n: bar.advance(task, n)


def _write_meta(tmp: Path, params: IndexParams, extra: dict[str, Any]) -> None:
    db = sqlite3.connect(tmp / DB)
    try:
        items = {"format_version": FORMAT_VERSION, "embedder": params.embedder, "dim": params.dim,
                 "params": params.to_dict(), **extra}
        db.executemany("INSERT INTO meta VALUES (?, ?)", ((k, json.dumps(v)) for k, v in items.items()))
        db.commit()
    finally:
        db.close()


def _fsync_tree(folder: Path) -> None:
    for p in folder.rglob("*"):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())


def _old_name(out: Path) -> Path:
    return sibling(out, "old")


def _tmp_name(out: Path) -> Path:
    return sibling(out, "tmp")


def _recover(out: Path) -> None:
    """Undo what a crash between the two renames of _swap, or during a build, left behind: exactly the
    two names this build uses (never a pattern, which could match another build's folder)."""
    old = _old_name(out)
    if old.exists():
        if out.exists():
            _discard(old)
            if old.exists():
                raise UserError(f"{old} holds files claimcheck did not write; move them away and rerun")
        else:
            old.rename(out)
    tmp = _tmp_name(out)
    if tmp.is_dir() and not tmp.is_symlink():
        shutil.rmtree(tmp, ignore_errors=True)


def _discard(old: Path) -> None:
    """Remove a replaced index: the files its manifest lists, and the folders that leaves empty."""
    remove_listed(old, owned_files(old) or [])


def _swap(tmp: Path, out: Path) -> None:
    if out.exists():
        old = _old_name(out)
        out.rename(old)
        tmp.rename(out)
        _discard(old)
    else:
        tmp.rename(out)
