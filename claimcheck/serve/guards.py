"""Pure ASGI middleware in front of the app: the cross-site check and the access log.

Cross-site: a page on another site can make an editor's browser POST to this server (a form needs no
script and no CORS), with the editor's address and any cookie-less credentials the browser adds. Browsers
say where such a request comes from (Origin, else Sec-Fetch-Site); a request whose origin is not this
server's own is refused with 403 before anything else reads it, so it can neither start a check nor count
as a failed token attempt. Requests that name no origin at all (curl, scripts) pass, and the token rules
still apply to them.

Access log: one line per request, `TIME CLIENT METHOD PATH STATUS DURATIONms`; the path is logged without
its query string, and never a header, a body or a token.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable
from urllib.parse import urlsplit

from ..core.errors import printable

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_SITE_FETCH = frozenset({"same-origin", "none"})  # Sec-Fetch-Site values of a request this server's page (or the user) made
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def _endpoint(scheme: str, netloc: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of `scheme://netloc`, the port filled in from the scheme; None if unreadable."""
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return scheme, parts.hostname.lower().rstrip("."), port if port is not None else DEFAULT_PORTS.get(scheme, 0)


def own_origin(scope: dict) -> tuple[str, str, int] | None:
    """This server's origin as the client reached it: the scheme of the connection (X-Forwarded-Proto
    when uvicorn trusts the proxy) and the Host header (checked against loopback names by _HostCheck
    when the server listens on loopback)."""
    scheme = str(scope.get("scheme") or "http").lower()
    host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").strip()
    if not host and scope.get("server"):
        h, p = scope["server"][:2]
        host = f"[{h}]:{p}" if ":" in str(h) else f"{h}:{p}"
    return _endpoint(scheme, host) if host else None


def cross_site(scope: dict) -> str | None:
    """Why this request comes from another site, or None when it is same-origin or names no origin."""
    headers = dict(scope.get("headers") or [])
    origin = headers.get(b"origin")
    if origin is not None:
        value = origin.decode("latin-1").strip()
        if value.lower() == "null":
            return "Origin: null (a sandboxed page, a file or a redirect)"
        scheme, _, netloc = value.partition("://")
        theirs = _endpoint(scheme.lower(), netloc.rstrip("/")) if netloc and "/" not in netloc.rstrip("/") else None
        mine = own_origin(scope)
        if theirs is None or mine is None or theirs != mine:
            return f"Origin {printable(value, 100)}"
        return None
    site = headers.get(b"sec-fetch-site")
    if site is not None and site.decode("latin-1").strip().lower() not in SAME_SITE_FETCH:
        return f"Sec-Fetch-Site: {printable(site.decode('latin-1').strip(), 40)}"
    return None


class CrossSiteCheck:
    """Refuse (403) every state-changing request, and every /api/ request, that a browser says comes from
    another origin. Navigating to the page from a link elsewhere (a cross-site GET of /) stays allowed."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and (scope.get("method", "GET") not in SAFE_METHODS
                                        or scope.get("path", "").startswith("/api/")):
            why = cross_site(scope)
            if why is not None:
                from starlette.responses import JSONResponse

                msg = (f"cross-site request refused ({why}): this server answers only its own page "
                       "and clients that send no Origin (curl, scripts)")
                await JSONResponse({"error": msg}, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def access_line(scope: dict, status: int | None, seconds: float, when: float) -> str:
    """TIME CLIENT METHOD PATH STATUS MS: the path without its query string, every field one printable
    token (a client cannot break the line or forge another)."""
    client = scope.get("client")
    who = str(client[0]) if client else "-"
    raw = scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, (bytes, bytearray)) else str(scope.get("path", ""))
    path = path.split("?", 1)[0] or "/"
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(when))

    def field(text: str, limit: int) -> str:
        return printable(text, limit).replace(" ", "%20") or "-"

    return (f"{stamp} {field(who, 64)} {field(str(scope.get('method', '-')), 16)} {field(path, 300)} "
            f"{status if status is not None else '-'} {seconds * 1000:.1f}ms")


def stderr_sink(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed or gone: the log is lost, the request is not
        pass


class FileSink:
    """Appends lines to a file, one write() per line (O_APPEND: lines from several servers never mix);
    a failed write (disk full) is reported once on stderr, and the server goes on."""

    def __init__(self, path: str):
        self.path = path
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self._warned = False

    def __call__(self, line: str) -> None:
        try:
            os.write(self.fd, (line + "\n").encode("utf-8", "replace"))
        except OSError as e:
            if not self._warned:
                self._warned = True
                stderr_sink(f"claimcheck: warning: cannot write the access log {self.path} ({e.strerror or e}); "
                            "requests go on unlogged")

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass


class AccessLog:
    """One access line per HTTP request, written when the response ends (or the request fails)."""

    def __init__(self, app: Any, sink: Callable[[str], None]):
        self.app = app
        self.sink = sink

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        when, t0 = time.time(), time.perf_counter()
        status: list[int] = []

        async def send_status(message: dict) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        except BaseException:
            if not status:
                status.append(500)  # Starlette's error middleware answers 500 after this
            raise
        finally:
            self.sink(access_line(scope, status[0] if status else None, time.perf_counter() - t0, when))
