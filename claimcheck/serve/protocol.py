"""uvicorn's HTTP/1.1 protocol with a deadline for the request head.

uvicorn closes an idle keep-alive connection after a response, but waits forever for the first request
head, or for the rest of a head sent a byte at a time, so a few slow clients can hold every socket.
Here a connection that has not sent a complete head within HEADER_TIMEOUT seconds of opening (or of
its previous response) is closed. The body has its own limit (ServeConfig.body_timeout, in the app).
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
log = logging.getLogger("claimcheck.serve")


class TimedH11Protocol(H11Protocol):
    header_timeout = HEADER_TIMEOUT
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a complete request head arrived
            self._disarm()

    def on_response_complete(self) -> None:
        self._arm()  # before the parent, whose handle_events may meet a pipelined request at once
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            host = self.client[0] if self.client else "unknown"
            log.warning("closed a connection from %s: no complete request head within %.0f s", host, self.header_timeout)
            self.transport.close()
