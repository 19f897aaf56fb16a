"""serve: a page for editors and a JSON API over the same pipeline and report renderer."""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from ..serve.config import DEFAULT_HOST, DEFAULT_MAX_CHARS, DEFAULT_PORT, DEFAULT_RATE, DEFAULT_TIME_BUDGET
from .common import DeviceOpt, ProfileOpt, TopKOpt


def _check_port(host: str, port: int) -> None:
    """Fail with one clear line (exit 2) when the address cannot be bound, before loading any model."""
    import socket

    from ..core.errors import UserError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
    except OSError as e:
        raise UserError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def _check_access_log(path: str) -> None:
    """The access log must be a file this process can append to: checked before any model loads."""
    import os

    from ..core.errors import UserError

    if os.path.isdir(path):
        raise UserError(f"--access-log {path}: is a folder, expected a file")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as e:
        raise UserError(f"--access-log {path}: cannot be written ({e.strerror or e})") from None
    os.close(fd)


def _feedback_path(value: str | None) -> str | None:
    """The feedback file (opened, created if absent, and checked before any model loads), or None for 'off'."""
    if value is not None and value.strip().lower() == "off":
        return None
    from ..feedback import FeedbackStore, default_path

    path = str(default_path() if not value else value)
    FeedbackStore(path).close()
    return path


def serve(
    corpus: List[str] = typer.Option(..., "--corpus", "-c", help="Reference corpus (repeat for several): a folder, a .jsonl file or an index folder; NAME=PATH names it."),
    host: str = typer.Option(DEFAULT_HOST, "--host", help="Address to listen on. Anything but loopback is reachable by others: set a token."),
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, help="Port to listen on."),
    token: Optional[str] = typer.Option(None, "--token", envvar="CLAIMCHECK_TOKEN", help="Require 'Authorization: Bearer TOKEN' on every /api call."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=1, envvar="CLAIMCHECK_SERVE_MAX_CHARS", help="Longest article accepted, in characters (at most the CLI's limit, CLAIMCHECK_MAX_ARTICLE_CHARS)."),
    rate: int = typer.Option(DEFAULT_RATE, "--rate", min=0, envvar="CLAIMCHECK_SERVE_RATE", help="Checks per minute per client address; 0 = no limit."),
    time_budget: float = typer.Option(DEFAULT_TIME_BUDGET, "--time-budget", min=0, envvar="CLAIMCHECK_SERVE_TIME_BUDGET", help="Seconds one check may run before it is stopped (between stages) with a 503; 0 = none."),
    access_log: str = typer.Option("-", "--access-log", metavar="PATH", help="One line per request (time, client, method, path without query, status, ms; never bodies or tokens): - for stderr, a file to append to, or 'off'."),
    feedback: Optional[str] = typer.Option(None, "--feedback", metavar="PATH", help="Editors' decisions on verdicts (right / wrong and the right verdict) are stored in this SQLite file (default CLAIMCHECK_HOME/feedback.sqlite); 'off' hides the feedback controls. See `claimcheck feedback`."),
    trust_proxy: List[str] = typer.Option([], "--trust-proxy", help="Address of a reverse proxy whose X-Forwarded-For header names the client (repeat for several); otherwise the connecting address is the client."),
    top_k: int = TopKOpt,
    profile: Optional[str] = ProfileOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Serve a web page and a JSON API for checking articles; models and indexes load once."""
    from ..core.errors import UserError
    from ..core.limits import MAX_ARTICLE_CHARS
    from ..serve.config import ServeConfig, check_token_strength, is_loopback, loopback_hosts

    token = (token or "").strip() or None
    check_token_strength(token)
    if max_chars > MAX_ARTICLE_CHARS:
        raise UserError(f"--max-chars {max_chars:,} is over the article limit of {MAX_ARTICLE_CHARS:,} characters "
                        "(CLAIMCHECK_MAX_ARTICLE_CHARS)")
    _check_port(host, port)
    log_to = None if access_log.strip().lower() == "off" else access_log
    if log_to not in (None, "-"):
        _check_access_log(log_to)
    feedback_path = _feedback_path(feedback)
    if not is_loopback(host) and not token:
        print(f"claimcheck: warning: listening on {host} with no authentication: anyone who can reach this "
              "port can use the server; set --token or CLAIMCHECK_TOKEN", file=sys.stderr)
    import uvicorn

    from ..serve import Checker, create_app
    from ..serve.protocol import TimedH11Protocol

    checker = Checker.load(corpus, profile=profile, device=device, top_k=top_k)
    config = ServeConfig(max_chars=max_chars, rate=rate, token=token, time_budget=time_budget,
                         allowed_hosts=loopback_hosts(host), access_log=log_to, feedback=feedback_path)  # Host header check against DNS rebinding
    app = create_app(checker, config)
    shown = f"[{host}]" if ":" in host else host
    print(f"claimcheck: serving http://{shown}:{port}/ (corpora: {', '.join(checker.corpora)}; "
          f"{'token required' if token else 'no token'}; Ctrl+C stops)", file=sys.stderr, flush=True)
    # the rate limit keys on the socket peer: X-Forwarded-For only from a proxy named with --trust-proxy
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, http=TimedH11Protocol,
                proxy_headers=bool(trust_proxy), forwarded_allow_ips=",".join(trust_proxy) or None)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
