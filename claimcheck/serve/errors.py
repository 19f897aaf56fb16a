"""Errors the API answers with a 4xx status and `{"error": "<message>"}`: the line the CLI would print."""
from __future__ import annotations

from ..core.errors import UserError


class HTTPError(UserError):
    """A user error with an HTTP status (400 unless a subclass says otherwise)."""

    status = 400

    def __init__(self, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.headers = headers or {}


class BadRequest(HTTPError):
    status = 400


class Unauthorized(HTTPError):
    status = 401


class NotFound(HTTPError):
    status = 404


class TooLarge(HTTPError):
    status = 413


class UnsupportedMedia(HTTPError):
    status = 415


class RateLimited(HTTPError):
    status = 429


class Busy(HTTPError):
    status = 503


def status_of(err: UserError) -> int:
    """The HTTP status for any user error: its own, else 400 (bad input, bad corpus, missing model)."""
    return err.status if isinstance(err, HTTPError) else 400


class RequestTimeout(HTTPError):
    status = 408


class OverBudget(HTTPError):
    """A check that ran past the server's time budget (stopped between stages)."""

    status = 503
