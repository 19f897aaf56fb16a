"""Reading a check request: JSON `{"text", "title"?, "corpus"?, "name"?}` or a form (multipart or
urlencoded) with a `file` (or `text`) field, within the size limits. Uploaded bytes go through io.decode_file
like files: a .docx or .pdf upload is read as a document (claimcheck.core.documents), off the event loop."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, AsyncIterator

from starlette.datastructures import UploadFile
from starlette.requests import Request

from ..core.errors import InputError
from ..core.io import decode_file, refuse_url
from ..core.sanitize import clean_text, load_json
from .config import ServeConfig
from .errors import BadRequest, RequestTimeout, TooLarge, UnsupportedMedia
from .jobs import CheckRequest

USAGE = 'send JSON {"text": "...", "title"?: "...", "corpus"?: "..."} or a multipart form with a "file" or "text" field'


async def read_body(request: Request, limit: int, timeout: float = 0.0) -> bytes:
    """The request body, refusing more than `limit` bytes before reading them when the length is declared,
    and a client that takes more than `timeout` seconds to send it (408; 0 = no limit)."""
    if timeout > 0:
        try:
            return await asyncio.wait_for(_read_body(request, limit), timeout)
        except asyncio.TimeoutError:
            raise RequestTimeout(f"the request body took longer than {timeout:.0f} s to arrive") from None
    return await _read_body(request, limit)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise _too_large_body(int(declared), limit)
        except ValueError:
            raise BadRequest("bad Content-Length header") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large_body(size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large_body(size: int, limit: int) -> TooLarge:
    return TooLarge(f"request too large: over {limit / 1e6:.1f} MB (the article limit is set with --max-chars)")


def _opt_str(obj: dict, key: str, limit: int = 1000) -> str | None:
    v = obj.get(key)
    if v is None or v == "":
        return None
    if not isinstance(v, str):
        raise BadRequest(f'"{key}" must be a string')
    return v[:limit]


def _file_name(raw: str | None) -> str:
    name = Path(clean_text(raw or "").replace("\\", "/")).name.strip()
    return name[:200] or "upload"


def _check_text(text: str, label: str, config: ServeConfig) -> None:
    if not text.strip():
        raise InputError(f"{label}: is empty")
    refuse_url(text, label)
    if len(text) > config.max_chars:
        raise TooLarge(f"{label}: too long ({len(text):,} characters; this server's limit is {config.max_chars:,}, "
                       "set with --max-chars or CLAIMCHECK_SERVE_MAX_CHARS)")


async def parse_check_request(request: Request, config: ServeConfig) -> CheckRequest:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in ("application/json", "multipart/form-data", "application/x-www-form-urlencoded"):
        raise UnsupportedMedia(f"unsupported content type '{ctype or 'none'}': {USAGE}")
    body = await read_body(request, config.max_body_bytes, config.body_timeout)
    if ctype == "application/json":
        return _from_json(body, config)
    return await _from_form(request, body, config)


def _from_json(body: bytes, config: ServeConfig) -> CheckRequest:
    try:
        obj: Any = load_json(body, "the request body")
    except InputError as e:
        raise BadRequest(f"{e}: {USAGE}") from None
    if not isinstance(obj, dict):
        raise BadRequest(f"the request body must be a JSON object: {USAGE}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise BadRequest(f'"text" is missing or not a string: {USAGE}')
    name = _opt_str(obj, "name", 200)
    _check_text(text, "article text", config)
    return CheckRequest(text=text, name=_file_name(name) if name else "stdin",
                        title=_opt_str(obj, "title"), corpus=_opt_str(obj, "corpus", 100), date=_date(obj))


async def _decode_upload(data: bytes, name: str) -> str:
    """An uploaded file as text; a document's extraction (a PDF's may take a second) runs in a worker thread."""
    from starlette.concurrency import run_in_threadpool

    from ..core.documents import document_suffix

    if document_suffix(name):
        return await run_in_threadpool(decode_file, data, name)
    return decode_file(data, name)


def _date(fields: dict) -> str | None:
    """The request's "date" (YYYY-MM-DD) or None; anything else is a bad request, not a silent guess."""
    value = _opt_str(fields, "date", 40)
    if value is None:
        return None
    from ..timeline import article_date

    try:
        article_date("", "txt", "", value)
    except InputError as e:
        raise BadRequest(str(e)) from None
    return value


async def _from_form(request: Request, body: bytes, config: ServeConfig) -> CheckRequest:
    from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

    async def stream() -> AsyncIterator[bytes]:
        yield body

    try:
        if request.headers.get("content-type", "").lower().startswith("multipart/"):
            form = await MultiPartParser(request.headers, stream(), max_files=1, max_fields=8,
                                         max_part_size=config.max_body_bytes).parse()
        else:
            form = await FormParser(request.headers, stream()).parse()
    except MultiPartException as e:
        raise BadRequest(f"bad multipart form ({e.message}): {USAGE}") from None
    try:
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        upload = form.get("file")
        if isinstance(upload, UploadFile):
            name = _file_name(upload.filename)
            text = await _decode_upload(await upload.read(), name)
        elif "text" in fields:
            name, text = "stdin", fields["text"]
        else:
            raise BadRequest(f'the form has no "file" or "text" field: {USAGE}')
    finally:
        await form.close()
    _check_text(text, "article text" if name == "stdin" else name, config)
    return CheckRequest(text=text, name=name, title=_opt_str(fields, "title"), corpus=_opt_str(fields, "corpus", 100),
                        date=_date(fields))
