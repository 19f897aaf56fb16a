"""`claimcheck index` and `claimcheck search`: build/update a corpus index, query it."""
from __future__ import annotations

import json
import sys

import typer

from .common import AddressOpt, CorpusOpt, DeviceOpt, EngineOpt, OptStr, ProfileOpt, TopKOpt

FORMATS = ("text", "json")


def _check_format(value: str) -> str:
    from ..core.errors import UserError

    if value not in FORMATS:
        raise UserError(f"unknown --format '{value}' (choose {', '.join(FORMATS)})")
    return value


def _read_query(query: str) -> str:
    """QUERY or stdin ('-'), as clean text within the query limit; bad bytes are one line, exit 2."""
    from ..core.errors import InputError
    from ..core.io import decode_text
    from ..core.limits import MAX_QUERY_CHARS, check_query_size
    from ..core.sanitize import check_unicode, clean_text

    if query == "-":
        data = sys.stdin.buffer.read(4 * MAX_QUERY_CHARS + 1)  # never more than the limit can need
        if len(data) > 4 * MAX_QUERY_CHARS:
            raise InputError(f"stdin: query too long (over {4 * MAX_QUERY_CHARS:,} bytes; the limit is "
                             f"{MAX_QUERY_CHARS:,} characters, set CLAIMCHECK_MAX_QUERY_CHARS to change it)")
        query = decode_text(data, "stdin", bounded=False)
    check_unicode(query, "query")
    query = clean_text(query).strip()
    if not query:
        raise InputError("empty query")
    check_query_size(query)
    return query


def _snippet(text: str, width: int = 160) -> str:
    from ..core.sanitize import clean_text

    flat = " ".join(clean_text(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def register(app: typer.Typer) -> None:
    @app.command("index")
    def index(
        corpus: str = typer.Argument(..., help="A folder of .txt/.md/.docx/.pdf files or a .jsonl file ({id, text, title?, url?, date?})."),
        out: str = typer.Option(..., "--out", "-o", help="Index folder to create or update (incrementally)."),
        fmt: str = typer.Option("text", "--format", "-f", help="text (summary on stderr only) or json (summary on stdout too)."),
        profile: OptStr = ProfileOpt,
        device: OptStr = DeviceOpt,
        engine: str = EngineOpt,
        address: OptStr = AddressOpt,
        workers: int = typer.Option(0, "--workers", "-w", min=0, help="--engine ray: embedding workers (0 = one per CPU)."),
    ) -> None:
        """Build or update a persistent hybrid (dense + BM25) index; only new or changed documents are embedded.

        With --engine ray the embedding is shared out over Ray workers; this process alone writes the index."""
        from pathlib import Path

        from ..index.corpus import load_documents
        from ..core.errors import InputError
        from ..index import RetrievalConfig, build_index
        from ..index.build import check_out_folder
        from ..index.retriever import _load_embedder
        from ..index.store import is_index_dir
        from ..profiles import load_profile

        _check_format(fmt)
        if is_index_dir(Path(corpus)):
            raise InputError(f"{corpus} is already an index; give the corpus it was built from")
        check_out_folder(out)  # only an earlier index is ever replaced; checked before any model loads
        prof = load_profile(profile)
        config = RetrievalConfig.from_profile(prof)
        docs = load_documents(corpus)
        if engine == "ray":
            from ..cluster.ray_index import RayEmbedder
            from ..profiles import resolve_device

            embedder = RayEmbedder.start(prof, resolve_device(device), address, workers)
        else:
            embedder = _load_embedder(prof, device)
        try:
            stats = build_index(docs, out, embedder, config, progress=sys.stderr.isatty(), source=str(Path(corpus).resolve()))
        finally:
            getattr(embedder, "close", lambda: None)()
        print(stats.summary(), file=sys.stderr)
        if fmt == "json":
            print(json.dumps(stats.to_dict()))

    @app.command("search")
    def search(
        query: str = typer.Argument(..., help="Query text; '-' reads it from stdin."),
        corpus: str = CorpusOpt,
        top_k: int = TopKOpt,
        fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
        profile: OptStr = ProfileOpt,
        device: OptStr = DeviceOpt,
    ) -> None:
        """Show the passages of a corpus or index that best match QUERY (hybrid dense + BM25)."""
        from ..index import open_retriever
        from ..profiles import load_profile
        from ..core.errors import printable

        _check_format(fmt)
        query = _read_query(query)
        retriever = open_retriever(corpus, profile=load_profile(profile), device=device, progress=sys.stderr.isatty())
        if retriever.build is not None and not retriever.build.skipped:
            print(retriever.build.summary(), file=sys.stderr)
        ranked = retriever.search_batch_ranked([query], top_k)[0]
        if fmt == "json":
            rows = [
                {
                    "rank": i,
                    "passage_id": r.hit.passage.passage_id,
                    "doc_id": r.hit.passage.doc_id,
                    "title": r.hit.passage.title,
                    "text": r.hit.passage.text,
                    "similarity": r.hit.similarity,
                    "score": round(r.score, 6),
                    "start": r.hit.passage.start,
                    "end": r.hit.passage.end,
                    "url": r.hit.passage.url,
                    "date": r.hit.passage.date,
                }
                for i, r in enumerate(ranked, start=1)
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        if not ranked:
            print("no matching passages", file=sys.stderr)
        for i, r in enumerate(ranked, start=1):
            p = r.hit.passage
            title = f"  {printable(p.title)}" if p.title else ""  # an index built before input was cleaned
            print(f"{i:>2}. {r.score:.4f}  cos {r.hit.similarity:.3f}  {printable(p.doc_id)}{title}")
            print(f"    {_snippet(p.text)}")
