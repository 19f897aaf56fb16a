"""Server settings, the per-client rate limiter and the token check."""
from __future__ import annotations

import hmac
import ipaddress
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Callable, Mapping

from .errors import RateLimited, Unauthorized

DEFAULT_MAX_CHARS = 50_000  # a long feature is 30k characters; the CLI's limit is claimcheck.core.limits
DEFAULT_RATE = 30  # check requests per minute per client address
DEFAULT_TIME_BUDGET = 120.0  # seconds one check may run; checked between stages; 0 = none
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
AUTH_FAILURES_PER_MINUTE = 10  # wrong or missing tokens per client address; more are answered 429
MIN_TOKEN_CHARS = 16
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")  # and any address ipaddress calls loopback


@dataclass(frozen=True)
class ServeConfig:
    max_chars: int = DEFAULT_MAX_CHARS
    rate: int = DEFAULT_RATE  # 0 = no limit
    token: str | None = None
    max_pending: int = 8  # checks queued or running at once; more are refused with 503
    keep_jobs: int = 64  # finished jobs kept in memory for polling and downloads
    allowed_hosts: tuple[str, ...] | None = None  # Host header check (DNS rebinding); None = any
    auth_failures: int = AUTH_FAILURES_PER_MINUTE
    time_budget: float = DEFAULT_TIME_BUDGET
    body_timeout: float = 30.0  # seconds a client has to send its whole request body
    access_log: str | None = "-"  # one line per request: "-" stderr, a file path (appended), None none
    feedback: str | None = None  # the editors' feedback file (claimcheck.feedback); None: no feedback controls

    @property
    def max_body_bytes(self) -> int:
        """Request bodies above this are refused before parsing: 4 UTF-8 bytes per character plus room
        for JSON escapes and multipart framing."""
        return 6 * self.max_chars + 64 * 1024


def is_loopback(host: str) -> bool:
    """True for a loopback name or address ("localhost", 127.0.0.0/8, ::1, "[::1]")."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_token_strength(token: str | None) -> None:
    """Refuse a token short enough to guess (a UserError: exit 2 before anything loads)."""
    from ..core.errors import UserError

    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise UserError(f"--token is {len(token)} characters; use at least {MIN_TOKEN_CHARS}, e.g. "
                        "python -c 'import secrets; print(secrets.token_urlsafe())'")


def loopback_hosts(host: str) -> tuple[str, ...] | None:
    """The Host header values a server bound to `host` accepts (DNS rebinding), or None (any) for a
    non-loopback bind, which is reachable by other names."""
    if not is_loopback(host):
        return None
    return tuple(dict.fromkeys((*LOOPBACK_NAMES, host.strip("[]").lower())))


def check_token(expected: str | None, headers: Mapping[str, str]) -> None:
    """Raise Unauthorized unless `Authorization: Bearer <expected>` (constant-time compare)."""
    if not expected:
        return
    auth = headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="claimcheck"'}
    if scheme.lower() != "bearer" or not given.strip():
        raise MissingToken("this server needs an access token: send the header 'Authorization: Bearer <token>'", challenge)
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise Unauthorized("wrong access token", challenge)


class MissingToken(Unauthorized):
    """No token at all (as opposed to a wrong one): not a guess."""


class KnownClients:
    """Client addresses that have presented the right token (the most recent `size`): a request from one
    of them without a token is not a guess, and does not count toward its failed-token limit."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: str) -> None:
        with self._lock:
            self._seen[key] = None
            self._seen.move_to_end(key)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._seen


class RateLimiter:
    """At most `per_minute` hits per key in any 60-second window (sliding log)."""

    def __init__(self, per_minute: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self.window = window
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, what: str = "checks") -> None:
        """Record one request from `key`, or raise RateLimited (with Retry-After) if it is over the limit."""
        self._check(key, what, record=True)

    def check(self, key: str, what: str = "checks") -> None:
        """Raise RateLimited if `key` is at the limit now, recording nothing."""
        self._check(key, what, record=False)

    def _check(self, key: str, what: str, record: bool) -> None:
        if self.per_minute <= 0:
            return
        now = self.clock()
        with self._lock:
            if len(self._hits) > 10_000:  # forget idle clients
                self._hits = {k: q for k, q in self._hits.items() if q and q[-1] > now - self.window}
            q = self._hits.setdefault(key, deque())
            while q and q[0] <= now - self.window:
                q.popleft()
            if len(q) >= self.per_minute:
                wait = max(1, int(q[0] + self.window - now + 0.999))
                raise RateLimited(
                    f"too many {what} from this address: the limit is {self.per_minute} a minute; "
                    f"try again in {wait} s", {"Retry-After": str(wait)})
            if record:
                q.append(now)
