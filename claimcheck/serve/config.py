"""Server settings, the per-client rate limiter and the token check."""
from __future__ import annotations

import hmac
import ipaddress
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable, Mapping

from .errors import RateLimited, Unauthorized

DEFAULT_MAX_CHARS = 200_000
DEFAULT_RATE = 30  # check requests per minute per client address
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


@dataclass(frozen=True)
class ServeConfig:
    max_chars: int = DEFAULT_MAX_CHARS
    rate: int = DEFAULT_RATE  # 0 = no limit
    token: str | None = None
    max_pending: int = 8  # checks queued or running at once; more are refused with 503
    keep_jobs: int = 64  # finished jobs kept in memory for polling and downloads
    allowed_hosts: tuple[str, ...] | None = None  # Host header check (DNS rebinding); None = any

    @property
    def max_body_bytes(self) -> int:
        """Request bodies above this are refused before parsing: 4 UTF-8 bytes per character plus room
        for JSON escapes and multipart framing."""
        return 6 * self.max_chars + 64 * 1024


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_token(expected: str | None, headers: Mapping[str, str]) -> None:
    """Raise Unauthorized unless `Authorization: Bearer <expected>` (constant-time compare)."""
    if not expected:
        return
    auth = headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="claimcheck"'}
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("this server needs an access token: send the header 'Authorization: Bearer <token>'", challenge)
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise Unauthorized("wrong access token", challenge)


class RateLimiter:
    """At most `per_minute` hits per key in any 60-second window (sliding log)."""

    def __init__(self, per_minute: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self.window = window
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        """Record one request from `key`, or raise RateLimited (with Retry-After) if it is over the limit."""
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
                    f"too many checks from this address: the limit is {self.per_minute} a minute; "
                    f"try again in {wait} s", {"Retry-After": str(wait)})
            q.append(now)
