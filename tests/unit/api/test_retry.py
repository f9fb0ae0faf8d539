"""The retry policy, alone and as the client applies it (with an injected sleep: no test waits)."""

from __future__ import annotations

import email.utils
import json
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from app.api import MessagesClient
from app.api.errors import APIConnectionError, APIError, APITimeoutError, RateLimitError, error_from_response
from app.api.retry import is_retryable, next_retry_delay

NOW = 1_700_000_000.0
BODY = {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
SPEND_LIMIT_BODY = {
    "type": "error",
    "error": {
        "type": "rate_limit_error",
        "message": "You have reached your specified workspace API usage limits.",
        "details": {"error_code": "enforced_spend_limit_reached"},
    },
}


def status_error(status: int, headers: dict[str, str] | None = None, body: object = None) -> APIError:
    raw = json.dumps(body).encode() if body is not None else b""
    return error_from_response(status, httpx.Headers(headers or {}), raw)


def delay(error: APIError, retries_taken: int = 0, random: float = 0.0) -> float | None:
    return next_retry_delay(error, retries_taken, 2, lambda: random, now=lambda: NOW)


# --- which failures are retried ----------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504, 529])
def test_retryable_statuses(status: int) -> None:
    assert status_error(status).retryable


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 413, 422])
def test_final_statuses(status: int) -> None:
    assert not status_error(status).retryable


def test_x_should_retry_header_overrides_the_status_both_ways() -> None:
    assert status_error(400, {"x-should-retry": "true"}).retryable
    assert not status_error(529, {"x-should-retry": "false"}).retryable
    assert status_error(529, {"x-should-retry": "maybe"}).retryable


def test_spend_limit_429_is_never_retried() -> None:
    assert not status_error(429, body=SPEND_LIMIT_BODY).retryable
    assert not status_error(429, {"x-should-retry": "true"}, SPEND_LIMIT_BODY).retryable
    by_message = {"type": "error", "error": {"type": "rate_limit_error", "message": "Monthly Spend Limit reached"}}
    assert not status_error(429, body=by_message).retryable
    assert status_error(429, body={"type": "error", "error": {"type": "rate_limit_error", "message": "slow"}}).retryable


def test_transient_types_without_status_are_retryable() -> None:
    assert is_retryable(None, None, None, "overloaded_error")
    assert is_retryable(None, None, None, "connection_error")
    assert not is_retryable(None, None, None, "invalid_request_error")


# --- how long to wait --------------------------------------------------------------------------------


def test_retry_after_ms_wins_over_retry_after() -> None:
    assert delay(status_error(429, {"retry-after-ms": "1500", "retry-after": "9"})) == 1.5


def test_retry_after_seconds_as_float() -> None:
    assert delay(status_error(429, {"retry-after": "2.5"})) == 2.5


def test_retry_after_http_date() -> None:
    date = email.utils.formatdate(NOW + 12, usegmt=True)
    assert delay(status_error(503, {"retry-after": date})) == pytest.approx(12.0)


@pytest.mark.parametrize("value", ["0", "-3", "61", "3600", "soon", "nan", "inf"])
def test_out_of_range_or_unreadable_retry_after_falls_back_to_backoff(value: str) -> None:
    assert delay(status_error(429, {"retry-after": value}), retries_taken=1) == 1.0


def test_retry_after_in_the_past_falls_back_to_backoff() -> None:
    date = email.utils.formatdate(NOW - 5, usegmt=True)
    assert delay(status_error(429, {"retry-after": date})) == 0.5


def test_exactly_sixty_seconds_is_still_honoured() -> None:
    assert delay(status_error(429, {"retry-after-ms": "60000"})) == 60.0


@pytest.mark.parametrize(
    ("retries_taken", "random", "expected"),
    [(0, 0.0, 0.5), (0, 1.0, 0.375), (1, 0.0, 1.0), (1, 0.5, 0.875), (2, 0.0, 2.0), (4, 0.0, 8.0), (9, 0.0, 8.0)],
)
def test_backoff_formula(retries_taken: int, random: float, expected: float) -> None:
    error = status_error(500)
    assert next_retry_delay(error, retries_taken, 10, lambda: random) == pytest.approx(expected)


def test_no_retry_when_the_budget_is_spent_or_the_error_is_final() -> None:
    assert delay(status_error(500), retries_taken=2) is None
    assert delay(status_error(400)) is None


# --- the client applies the policy -------------------------------------------------------------------


class Recorder:
    """A fake sleep that records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def scripted(*replies: httpx.Response | Exception) -> tuple[Callable[[httpx.Request], httpx.Response], list[int]]:
    """A MockTransport handler answering with ``replies`` in order; also returns the attempt counter."""
    attempts: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        reply = replies[len(attempts)]
        attempts.append(len(attempts))
        if isinstance(reply, Exception):
            raise reply
        return reply

    return handler, attempts


def ok_message() -> httpx.Response:
    return httpx.Response(200, json={"id": "msg_ok", "type": "message", "content": []})


def client_for(
    handler: Callable[[httpx.Request], httpx.Response], sleep: Recorder, **options: object
) -> MessagesClient:
    return MessagesClient(token="t", transport=httpx.MockTransport(handler), sleep=sleep, random=lambda: 0.0, **options)


@pytest.mark.asyncio
async def test_529_twice_then_success_sleeps_with_backoff() -> None:
    handler, attempts = scripted(httpx.Response(529), httpx.Response(529), ok_message())
    sleep = Recorder()
    async with client_for(handler, sleep) as client:
        assert (await client.create(BODY))["id"] == "msg_ok"
    assert (len(attempts), sleep.delays) == (3, [0.5, 1.0])


@pytest.mark.asyncio
async def test_retries_stop_after_max_retries_with_the_last_error() -> None:
    handler, attempts = scripted(*[httpx.Response(503, json={"error": {"message": f"try {i}"}}) for i in range(4)])
    sleep = Recorder()
    async with client_for(handler, sleep, max_retries=2) as client:
        with pytest.raises(APIError) as caught:
            await client.create(BODY)
    assert (len(attempts), caught.value.status, caught.value.message) == (3, 503, "try 2")
    assert len(sleep.delays) == 2


@pytest.mark.asyncio
async def test_max_retries_zero_tries_once() -> None:
    handler, attempts = scripted(httpx.Response(500), ok_message())
    async with client_for(handler, Recorder(), max_retries=0) as client:
        with pytest.raises(APIError):
            await client.create(BODY)
    assert len(attempts) == 1


@pytest.mark.asyncio
async def test_429_with_retry_after_waits_that_long() -> None:
    handler, attempts = scripted(httpx.Response(429, headers={"retry-after": "3"}), ok_message())
    sleep = Recorder()
    async with client_for(handler, sleep) as client:
        await client.create(BODY)
    assert (len(attempts), sleep.delays) == (2, [3.0])


@pytest.mark.asyncio
async def test_spend_limit_429_is_raised_at_once() -> None:
    handler, attempts = scripted(httpx.Response(429, json=SPEND_LIMIT_BODY), ok_message())
    sleep = Recorder()
    async with client_for(handler, sleep) as client:
        with pytest.raises(RateLimitError) as caught:
            await client.create(BODY)
    assert (len(attempts), sleep.delays, caught.value.retryable) == (1, [], False)


@pytest.mark.asyncio
async def test_x_should_retry_false_is_raised_at_once_and_true_retries_a_400() -> None:
    handler, attempts = scripted(httpx.Response(500, headers={"x-should-retry": "false"}))
    async with client_for(handler, Recorder()) as client:
        with pytest.raises(APIError):
            await client.create(BODY)
    assert len(attempts) == 1
    handler, attempts = scripted(httpx.Response(400, headers={"x-should-retry": "true"}), ok_message())
    async with client_for(handler, Recorder()) as client:
        await client.create(BODY)
    assert len(attempts) == 2


@pytest.mark.asyncio
async def test_connection_errors_and_timeouts_are_retried() -> None:
    handler, attempts = scripted(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), ok_message())
    sleep = Recorder()
    async with client_for(handler, sleep) as client:
        await client.create(BODY)
    assert (len(attempts), sleep.delays) == (3, [0.5, 1.0])


@pytest.mark.asyncio
async def test_transport_failures_raise_connection_classes_after_the_retries() -> None:
    handler, _ = scripted(*[httpx.ConnectError("[Errno 111] Connection refused")] * 3)
    async with client_for(handler, Recorder()) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.create(BODY)
    error = caught.value
    assert (error.type, error.status, error.retryable) == ("connection_error", None, True)
    assert "api.anthropic.com" in error.message
    assert "Connection refused" in error.message
    assert isinstance(error.__cause__, httpx.ConnectError)
    handler, _ = scripted(*[httpx.ConnectTimeout("slow")] * 3)
    async with client_for(handler, Recorder()) as client:
        with pytest.raises(APITimeoutError) as timeout:
            await client.create(BODY)
    assert (timeout.value.type, timeout.value.message) == (
        "timeout",
        "Could not connect to api.anthropic.com within 5.0 s.",
    )


@pytest.mark.asyncio
async def test_a_stream_is_retried_before_its_first_byte_only() -> None:
    stream = b'event: message_start\ndata: {"type":"message_start","message":{"id":"m"}}\n\n'
    handler, attempts = scripted(httpx.Response(529), httpx.Response(200, content=stream), ok_message())
    sleep = Recorder()
    async with client_for(handler, sleep) as client, client.stream(BODY) as reply:
        with pytest.raises(APIError) as caught:
            async for _ in reply:
                pass
    assert caught.value.type == "stream_interrupted"  # no message_stop; and no retry after the first byte
    assert (len(attempts), sleep.delays, reply.message["id"]) == (2, [0.5], "m")


class ClosingBody(httpx.AsyncByteStream):
    """An error body that records whether it was read to the end and closed."""

    def __init__(self) -> None:
        self.read = self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'
        self.read = True

    async def aclose(self) -> None:
        self.closed = True


@pytest.mark.asyncio
async def test_the_error_body_is_read_and_closed_before_the_retry() -> None:
    first = ClosingBody()
    state_at_retry: list[tuple[bool, bool]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if not state_at_retry and not first.closed and not first.read:
            state_at_retry.append((False, False))
            return httpx.Response(529, stream=first)
        state_at_retry.append((first.read, first.closed))
        return ok_message()

    async with client_for(handler, Recorder()) as client:
        await client.create(BODY)
    assert state_at_retry == [(False, False), (True, True)]
