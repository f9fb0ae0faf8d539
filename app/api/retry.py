"""When to try a failed request again, and how long to wait first (the official SDK's policy).

Only the initial HTTP response is ever retried, never a stream that has started: the client asks
`next_retry_delay` after each failed attempt and stops when it returns None.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.api.errors import APIError

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A server-sent delay is honoured only up to this many seconds; a longer one gets our own backoff.
MAX_SERVER_DELAY = 60.0

_RETRYABLE_STATUSES = frozenset({408, 409, 429})
# For failures that have no HTTP status: errors inside a stream and transport errors.
_RETRYABLE_TYPES = frozenset(
    {
        "overloaded_error",
        "api_error",
        "rate_limit_error",
        "timeout_error",
        "connection_error",
        "timeout",
        "stream_interrupted",
    }
)
_SPEND_LIMIT_CODE = "enforced_spend_limit_reached"


def is_retryable(status: int | None, headers: Mapping[str, str] | None, payload: object, error_type: str) -> bool:
    """Whether trying the same request again may succeed.

    A spend-limit error never is; otherwise an ``x-should-retry: true|false`` header decides; otherwise
    408, 409, 429 and every 5xx are, and, without a status, the transient error types.
    """
    if _reports_spend_limit(payload):
        return False
    verdict = (headers or {}).get("x-should-retry", "").strip().lower()
    if verdict in ("true", "false"):
        return verdict == "true"
    if status is not None:
        return status in _RETRYABLE_STATUSES or status >= 500
    return error_type in _RETRYABLE_TYPES


def next_retry_delay(
    error: APIError,
    retries_taken: int,
    max_retries: int,
    random: Callable[[], float],
    now: Callable[[], float] = time.time,
) -> float | None:
    """The retry policy: seconds to wait before trying again after ``error``, or None to give up.

    The server's ``retry-after-ms`` / ``retry-after`` (seconds or HTTP-date) is used when it lies in
    (0, 60] s; otherwise ``min(0.5 * 2**n, 8) * (1 - 0.25 * random())`` where n = retries already taken.
    """
    if retries_taken >= max_retries or not error.retryable:
        return None
    server_delay = _server_delay(error.headers, now) if error.headers is not None else None
    if server_delay is not None and 0 < server_delay <= MAX_SERVER_DELAY:
        return server_delay
    return min(INITIAL_RETRY_DELAY * 2**retries_taken, MAX_RETRY_DELAY) * (1 - 0.25 * random())


def _server_delay(headers: Mapping[str, str], now: Callable[[], float]) -> float | None:
    try:
        return float(headers["retry-after-ms"]) / 1000
    except (KeyError, ValueError):
        pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    import email.utils  # rarely needed (an HTTP date instead of seconds): not paid for at start-up

    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment.timestamp() - now()


def _reports_spend_limit(payload: object) -> bool:
    """A spend cap is not transient: retrying only repeats the refusal."""
    error = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(error, dict):
        return False
    details = error.get("details")
    if isinstance(details, dict) and details.get("error_code") == _SPEND_LIMIT_CODE:
        return True
    message = error.get("message")
    return isinstance(message, str) and "spend limit" in message.lower()
