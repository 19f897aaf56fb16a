"""The Starlette app: one page, its static files, and the JSON API.

    GET  /                          the page for editors
    GET  /api/health                what is loaded, limits, queue
    GET  /api/corpora               the corpora this server checks against
    POST /api/check[?format=html]   check one article, wait, return the schema-v1 report (or the HTML page)
    POST /api/jobs                  start a check, return {"id"}; GET /api/jobs/{id} polls its stage
    GET  /api/jobs/{id}/report.json | report.html   the finished report, as `check --format json|html` prints it
    POST /api/feedback              an editor's decision on one claim of a finished job; DELETE /api/feedback/{id} undoes it

Every /api call needs `Authorization: Bearer <token>` when the server has a token; a POST (or any /api
call) that a browser says comes from another origin is refused with 403 first (claimcheck.serve.guards),
and each request is one access-log line. Errors are
`{"error": "<the line the CLI would print>"}` with a 4xx status; bugs are a generic 500 and a logged traceback.
"""
from __future__ import annotations

import functools
import json
import logging
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, Awaitable, Callable

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..core.errors import UserError
from .config import KnownClients, MissingToken, RateLimiter, ServeConfig, check_token
from .checker import STAGES, Checker
from .errors import BadRequest, NotFound, Unauthorized, status_of
from .feedback import MAX_BODY as FEEDBACK_MAX_BODY
from .feedback import build_row, open_store, parse, targets
from .guards import AccessLog, CrossSiteCheck, FileSink, stderr_sink
from .inputs import parse_check_request, read_body
from .jobs import DONE, FAILED, JobRunner

log = logging.getLogger("claimcheck.serve")
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
                    "x-frame-options": "DENY", "cross-origin-resource-policy": "same-origin"}
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
Handler = Callable[[Request], Awaitable[Response]]


def report_json(report: Any) -> str:
    """Exactly what `claimcheck check --format json` prints."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def error_response(message: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _static(name: str) -> str:
    return resources.files(__package__ or "claimcheck.serve").joinpath("static", name).read_text(encoding="utf-8")


class _SecurityHeaders:
    """Pure ASGI middleware: the same protective headers on every response; no caching of API answers."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope.get("path", "").startswith("/api/")

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers.setdefault(k, v)
                if api:
                    headers.setdefault("cache-control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _HostCheck:
    """Pure ASGI middleware: refuse a Host header not in `allowed` (DNS rebinding against a loopback
    server). Unlike Starlette's TrustedHostMiddleware it reads IPv6 literals ("[::1]:8000")."""

    def __init__(self, app: Any, allowed: tuple[str, ...]):
        self.app = app
        self.allowed = {h.strip("[]").lower() for h in allowed}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").strip().lower()
            name = raw[1:raw.find("]")] if raw.startswith("[") and "]" in raw else raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw
            if name not in self.allowed:
                await error_response("this server answers only to a loopback host name (Host header refused)", 400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(checker: Checker, config: ServeConfig | None = None) -> Starlette:
    cfg = config or ServeConfig()
    runner = JobRunner(checker, cfg)
    limiter = RateLimiter(cfg.rate)
    failures = RateLimiter(cfg.auth_failures)  # wrong or missing tokens, per client address
    known = KnownClients()  # addresses that have presented the right token
    store = open_store(cfg.feedback)  # editors' decisions (claimcheck.feedback); None: feedback is off
    from ..report import render_html
    from ..report.assets import SCRIPT, STYLE, csp

    static = {"app.js": _static("app.js"), "app.css": _static("app.css"), "feedback.js": _static("feedback.js"),
              "report.js": SCRIPT, "report.css": STYLE}
    page = (_static("index.html").replace("{{AUTH}}", "1" if cfg.token else "0")
            .replace("{{MAX_CHARS}}", str(int(cfg.max_chars))))

    def api(fn: Handler) -> Handler:
        """Token check first (failed attempts count against their own per-address limit), then the
        endpoint; user errors become {"error"} with their status."""

        @functools.wraps(fn)
        async def endpoint(request: Request) -> Response:
            peer = client(request)
            try:
                if cfg.token:
                    failures.check(peer, "failed token attempts")
                    try:
                        check_token(cfg.token, request.headers)
                    except MissingToken:
                        if peer not in known:  # no token from an address that has shown the right one
                            failures.hit(peer, "failed token attempts")  # is no guess (a stray request)
                        raise
                    except Unauthorized:
                        failures.hit(peer, "failed token attempts")  # 429 instead once over the limit
                        raise
                    known.add(peer)
                return await fn(request)
            except ClientDisconnect:
                log.warning("client %s disconnected before sending its whole request (%s %s)", peer, request.method,
                         request.url.path[:100])
                return error_response("the client disconnected", 400)
            except UserError as e:
                return error_response(str(e), status_of(e), getattr(e, "headers", None))
            except Exception:
                log.exception("%s %s failed", request.method, request.url.path)
                return error_response("internal error (the details are in the server log)", 500)

        return endpoint

    def client(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    async def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers={"content-security-policy": PAGE_CSP})

    async def static_file(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in static:
            return error_response(f"no static file '{name[:60]}'", 404)
        return Response(static[name], media_type=STATIC_TYPES[name[name.rindex("."):]],
                        headers={"cache-control": "no-cache"})

    @api
    async def health(request: Request) -> Response:
        return JSONResponse({
            "status": "ok", "profile": checker.profile, "device": checker.device, "models": checker.models(),
            "corpora": list(checker.corpora), "default_corpus": checker.default, "auth": bool(cfg.token),
            "limits": {"max_chars": cfg.max_chars, "rate_per_minute": cfg.rate, "max_pending": cfg.max_pending},
            "queue": {"busy": checker.busy, "pending": runner.pending()},
            "stages": [{"name": n, "label": label} for n, label in STAGES], "feedback": store is not None,
        })

    @api
    async def corpora(request: Request) -> Response:
        return JSONResponse({"corpora": checker.describe(), "default": checker.default})

    @api
    async def check(request: Request) -> Response:
        fmt = request.query_params.get("format", "json")
        if fmt not in ("json", "html"):
            raise BadRequest(f"unknown format '{fmt[:20]}' (json or html)")
        limiter.hit(client(request))
        req = await parse_check_request(request, cfg)
        job = await runner.run(req)
        if job.state == FAILED:
            return error_response(job.error or "check failed", job.status)
        if fmt == "html":
            return _html_report(job.report)
        return Response(report_json(job.report), media_type="application/json")

    @api
    async def start_job(request: Request) -> Response:
        limiter.hit(client(request))
        req = await parse_check_request(request, cfg)
        job = runner.submit(req)
        return JSONResponse({"id": job.id, "state": job.state, "corpus": job.corpus}, status_code=202,
                            headers={"location": f"/api/jobs/{job.id}"})

    @api
    async def job_status(request: Request) -> Response:
        job = runner.get(request.path_params["id"])
        view = job.view()
        if store is not None and job.state == DONE and job.report is not None:
            view["feedback"] = targets(job.report)  # the claim cards that take a decision
        return JSONResponse(view)

    def feedback_store() -> Any:
        if store is None:
            raise NotFound("feedback is off on this server (start it without --feedback off)")
        return store

    @api
    async def add_feedback(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        db = feedback_store()
        obj = parse(await read_body(request, FEEDBACK_MAX_BODY, cfg.body_timeout))
        job_id = obj.get("job")
        if not isinstance(job_id, str) or not job_id:
            raise BadRequest('"job" must be the id of a finished check')
        report = finished_report_of(job_id)
        row = build_row(obj, report, profile=checker.profile, model_version=checker.models().get("verifier", ""),
                        token_name="token" if cfg.token else None)
        row_id, new = await run_in_threadpool(db.add, row)  # committed before the response
        return JSONResponse({"id": row_id, "stored": new, "change": row.change}, status_code=201 if new else 200)

    @api
    async def undo_feedback(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        db = feedback_store()
        raw = request.path_params["id"]
        if not raw.isdigit() or len(raw) > 18:
            raise BadRequest("a feedback id is a whole number")
        if not await run_in_threadpool(db.undo, int(raw)):
            raise NotFound(f"no feedback row {raw}")
        return JSONResponse({"id": int(raw), "undone": True})

    def finished_report(request: Request) -> Any:
        return finished_report_of(request.path_params["id"])

    def finished_report_of(job_id: str) -> Any:
        job = runner.get(job_id)
        if job.state != DONE:
            raise NotFound(f"job {job.id} has no report ({job.state})")
        return job.report

    def _html_report(report: Any) -> Response:
        return Response(render_html(report), media_type="text/html; charset=utf-8",
                        headers={"content-security-policy": csp()})

    @api
    async def job_json(request: Request) -> Response:
        return Response(report_json(finished_report(request)), media_type="application/json")

    @api
    async def job_html(request: Request) -> Response:
        return _html_report(finished_report(request))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        msg = {404: "no such page or endpoint", 405: "method not allowed"}.get(exc.status_code, str(exc.detail))
        return error_response(f"{msg}: {request.method} {request.url.path[:100]}", exc.status_code)

    sink = None if cfg.access_log is None else stderr_sink if cfg.access_log == "-" else FileSink(cfg.access_log)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        runner.shutdown()
        if isinstance(sink, FileSink):
            sink.close()
        if store is not None:
            store.close()

    routes = [
        Route("/", index), Route("/static/{name}", static_file),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/api/health", health), Route("/api/corpora", corpora),
        Route("/api/check", check, methods=["POST"]), Route("/api/jobs", start_job, methods=["POST"]),
        Route("/api/jobs/{id}", job_status), Route("/api/jobs/{id}/report.json", job_json),
        Route("/api/jobs/{id}/report.html", job_html),
        Route("/api/feedback", add_feedback, methods=["POST"]),
        Route("/api/feedback/{id}", undo_feedback, methods=["DELETE"]),
    ]
    middleware = [Middleware(AccessLog, sink=sink)] if sink is not None else []
    middleware.append(Middleware(_SecurityHeaders))
    if cfg.allowed_hosts:
        middleware.append(Middleware(_HostCheck, allowed=tuple(cfg.allowed_hosts)))
    middleware.append(Middleware(CrossSiteCheck))  # before the token check, the rate limits and the body
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: http_error},
                    lifespan=lifespan)
    app.state.checker, app.state.runner, app.state.config, app.state.feedback = checker, runner, cfg, store
    return app
