"""The Messages API client: streamed and plain replies, the model list and token counting over httpx."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random as _random
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, cast

import httpx

from app import __version__
from app.api.accumulate import THOUGHT_SECONDS, MessageAccumulator, parse_event
from app.api.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    StreamCorruptError,
    StreamInterruptedError,
    error_from_response,
    stream_corrupt,
    web_page_error,
)
from app.api.models import ModelInfo, parse_model_page
from app.api.providers import ANTHROPIC_BASE_URL, DEFAULT_API_VERSION, AuthStyle, Provider, from_environment
from app.api.request import count_tokens_request
from app.api.retry import DEFAULT_MAX_RETRIES, next_retry_delay
from app.api.sse import SSEDecoder

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
USER_AGENT = f"samtal/{__version__}"


Sleep = Callable[[float], Awaitable[object]]
_MIN_REDACTED_TOKEN = 8  # shorter is no real token, and blanking it would blank ordinary words
# Every exception httpx raises: all of them end as an `APIError` (a test keeps this list complete).
HTTPX_ERRORS: tuple[type[Exception], ...] = (httpx.HTTPError, httpx.InvalidURL, httpx.CookieConflict, httpx.StreamError)
_END_OF_TAIL: tuple[type[BaseException], ...] = (StopAsyncIteration, TimeoutError, *HTTPX_ERRORS)
# After message_stop the body normally ends at once; a server that keeps it open is waited for this long
# (seconds) to see whether it sends more, which would mean the reply was not what it said.
_TAIL_WAIT = 0.5
_PAGE_BYTES = 64 * 1024  # of a web page answered instead of a stream, enough to find its title
_METHOD = "samtal.method"  # request extension: the method the request was sent with, before any redirect


@dataclass
class StreamTimings:
    """When a streamed reply arrived, on the `time.monotonic` clock; the derived figures are in seconds
    and None until known.

    ``first_delta`` is the first generated content of any kind (thinking, text or tool input): output
    speed is measured from it, since ``usage.output_tokens`` counts thinking tokens too.
    """

    started: float
    first_byte: float | None = None
    first_delta: float | None = None
    first_text: float | None = None
    finished: float | None = None
    output_tokens: int | None = None

    @property
    def time_to_first_byte(self) -> float | None:
        """From sending the request (retries included) to the first byte of the reply body."""
        return None if self.first_byte is None else self.first_byte - self.started

    @property
    def time_to_first_text(self) -> float | None:
        """From sending the request to the first text delta."""
        return None if self.first_text is None else self.first_text - self.started

    @property
    def duration(self) -> float | None:
        """From sending the request to the end of the stream (None while it runs)."""
        return None if self.finished is None else self.finished - self.started

    @property
    def output_tokens_per_second(self) -> float | None:
        """Output tokens over the time from the first generated content (else the first byte) to the end."""
        begun = self.first_delta if self.first_delta is not None else self.first_byte
        if self.finished is None or begun is None or not self.output_tokens or self.finished <= begun:
            return None
        return self.output_tokens / (self.finished - begun)


@dataclass(frozen=True)
class WholeReply:
    """A reply received at once (not streamed): the API's Message dict and the response's headers."""

    message: dict[str, Any]
    headers: httpx.Headers

    @property
    def request_id(self) -> str | None:
        """The ``request-id`` header, else the id in the body."""
        found = self.headers.get("request-id") or self.message.get("request_id")
        return found if isinstance(found, str) and found else None


class MessagesClient:
    """An asynchronous client for one provider and token.

    Give either ``base_url`` (+ ``auth``, defaulting to the usual style of that host) or a `Provider`;
    with neither, Anthropic's API is used. ``timeout`` is an ``httpx.Timeout``, or the seconds to wait for
    the server to send something (connecting still gives up after at most 5 s). ``sleep`` and ``random``
    drive the retry backoff (tests pass fakes). The underlying ``httpx.AsyncClient`` is made on the first
    request (making one costs tens of milliseconds); pass ``transport`` to use e.g. ``httpx.MockTransport``,
    or ``http_client`` to use a client of your own, which `aclose` then leaves open. ``api_version`` is
    sent as ``anthropic-version`` (one of `app.api.providers.API_VERSIONS`). Use as ``async with`` or call
    `aclose`.
    """

    def __init__(
        self,
        *,
        token: str,
        base_url: str | None = None,
        auth: AuthStyle | None = None,
        provider: Provider | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        sleep: Sleep = asyncio.sleep,
        random: Callable[[], float] = _random.random,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
        api_version: str = DEFAULT_API_VERSION,
    ) -> None:
        if provider is not None and (base_url is not None or auth is not None):
            raise ValueError("Give either a provider or a base_url/auth, not both.")
        self.provider = provider or Provider.for_url(base_url or ANTHROPIC_BASE_URL, auth)
        self.max_retries = max_retries
        self.api_version = api_version
        if not isinstance(timeout, httpx.Timeout):
            timeout = httpx.Timeout(timeout, connect=min(timeout, DEFAULT_TIMEOUT.connect or timeout))
        self.timeout = timeout
        self._token = token
        self._sleep = sleep
        self._random = random
        self._transport = transport
        self._http = http_client
        self._owns_http = http_client is None
        self._closed = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ, **options: Any) -> MessagesClient:
        """A client configured from ``ANTHROPIC_BASE_URL`` / ``ANTHROPIC_API_KEY`` / ``ANTHROPIC_AUTH_TOKEN``
        (see `app.api.providers.from_environment`); ``options`` go to the constructor. Raises ValueError
        when no token is set."""
        found = from_environment(environ)
        if found is None:
            raise ValueError("Neither ANTHROPIC_API_KEY nor ANTHROPIC_AUTH_TOKEN is set.")
        provider, token = found
        return cls(provider=provider, token=token, **options)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, max_retries={self.max_retries})"

    async def __aenter__(self) -> MessagesClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections (not those of an ``http_client`` passed in). The client is then unusable."""
        self._closed = True
        if self._http is not None and self._owns_http:
            await self._http.aclose()

    def stream(self, body: Mapping[str, Any]) -> MessageStream:
        """A streamed reply to ``body`` (``"stream": true`` is added to a copy): use as
        ``async with client.stream(body) as stream: async for event in stream: ...``."""
        return MessageStream(self, {**body, "stream": True})

    async def create(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """The whole reply to ``body`` at once (sent with ``"stream": false``), as the API's Message dict."""
        return (await self.create_reply(body)).message

    async def create_reply(self, body: Mapping[str, Any]) -> WholeReply:
        """Like `create`, with the response headers (request id, rate limits) the reply came with."""
        response = await self._send("POST", "/v1/messages", body={**body, "stream": False})
        payload = await self._read_json(response)
        if not isinstance(payload, dict):
            raise self._bad_answer(response, "The reply is not a JSON object.")
        content = payload.get("content")
        if not isinstance(content, list) or not all(isinstance(block, dict) for block in content):
            raise self._bad_answer(response, "The reply has no list of content blocks.")
        return WholeReply(payload, response.headers)

    async def count_tokens(self, body: Mapping[str, Any]) -> int:
        """The input tokens ``body`` would use (an estimate, by the API); fields that the token-counting
        endpoint refuses (``max_tokens``, sampling parameters...) are left out (`count_tokens_request`)."""
        request = count_tokens_request(body)
        response = await self._send("POST", "/v1/messages/count_tokens", body=request)
        payload = await self._read_json(response)
        tokens = payload.get("input_tokens") if isinstance(payload, dict) else None
        if not isinstance(tokens, int) or isinstance(tokens, bool):
            raise self._bad_answer(response, "The token count has no integer 'input_tokens'.")
        return tokens

    async def list_models(self) -> list[ModelInfo]:
        """Every model the provider lists, following pages; for Ace Data Cloud, whose list spans many
        vendors, only the ``claude`` models."""
        models: list[ModelInfo] = []
        after_id: str | None = None
        seen: set[str] = set()
        while True:
            response = await self._send("GET", "/v1/models", params={"after_id": after_id} if after_id else None)
            payload = await self._read_json(response)
            try:
                page, after_id = parse_model_page(payload)
            except ValueError as exc:
                raise self._bad_answer(response, str(exc)) from None
            models += page
            if after_id is None or after_id in seen:  # a repeated cursor would loop forever
                break
            seen.add(after_id)
        if self.provider.kind == "acedata":
            models = [model for model in models if model.id.startswith("claude")]
        return models

    def _client(self) -> httpx.AsyncClient:
        if self._closed:
            raise RuntimeError("This MessagesClient is closed.")
        if self._http is None:
            self._http = httpx.AsyncClient(
                transport=self._transport,
                timeout=self.timeout,
                follow_redirects=True,
                event_hooks={"request": [self._keep_token_at_home]},
            )
        return self._http

    async def _keep_token_at_home(self, request: httpx.Request) -> None:
        """Redirects are followed only where they keep the request as it was sent, since its body is the
        conversation: never to another host, never from https to plain http, never as a GET without its body
        (what HTTP 301, 302 and 303 do to a POST); each of those is refused before anything is sent. Within
        the host, a redirect to another scheme or port goes without the token (httpx itself drops only
        ``authorization``)."""
        home = httpx.URL(self.provider.base_url)
        url = request.url
        where = where_of(home)
        if url.host != home.host:
            raise _RefusedRedirect(
                f"{where} redirected the request to another host, {url.host}. Samtal sends nothing there; "
                "if that is the right address, make it the base URL.",
                request=request,
            )
        if home.scheme == "https" and url.scheme != "https":
            raise _RefusedRedirect(
                f"{where} redirected the request to plain http ({url.scheme}://{where_of(url)}), which would send "
                "the conversation unencrypted. Samtal does not follow it; check the base URL.",
                request=request,
            )
        if request.method != request.extensions.get(_METHOD, request.method):
            raise _RefusedRedirect(
                f"{where} redirected the request to {url.scheme}://{where_of(url)}{url.path} in a way that would "
                "send it again as a GET, without its body. Samtal does not follow it; if that is the right "
                "address, make it the base URL.",
                request=request,
            )
        if (url.scheme, url.port) != (home.scheme, home.port):
            request.headers.pop("x-api-key", None)
            request.headers.pop("authorization", None)

    def _headers(self, accept: str) -> dict[str, str]:
        headers = {
            "anthropic-version": self.api_version,
            "content-type": "application/json",
            "accept": accept,
            "user-agent": USER_AGENT,
        }
        if self._token:
            headers.update(self.provider.auth_headers(self._token))
        return headers

    async def _send(
        self,
        method: str,
        path: str,
        *,
        body: object = None,
        params: dict[str, str] | None = None,
        accept: str = "application/json",
    ) -> httpx.Response:
        """The first successful response (body not yet read), retrying per `next_retry_delay`;
        raises the `APIError` of the last failed attempt."""
        http = self._client()
        if self._token and not _sendable_token(self._token):
            # Sent, it would fail in h11 with an error quoting the whole header value, token included.
            raise AuthenticationError(
                "The token contains spaces or characters other than ASCII letters, digits and punctuation, "
                "so it can't be sent. Copy it again from your provider's console.",
                type="authentication_error",
            )
        url = self.provider.base_url + path
        retries = 0
        while True:
            request = http.build_request(
                method, url, json=body, params=params, headers=self._headers(accept), extensions={_METHOD: method}
            )
            try:
                response = await http.send(request, stream=True)
            except HTTPX_ERRORS as exc:
                error = self._transport_error(exc)
                cause: BaseException | None = exc
            else:
                if response.is_success:
                    await self._check_encoding(response)
                    return response
                error, cause = await self._status_error(response), None
            delay = next_retry_delay(error, retries, self.max_retries, self._random)
            if delay is None:
                raise error from cause
            retries += 1
            log.info(
                "Retrying %s %s in %.2f s after %s (retry %d of %d)",
                method,
                path,
                delay,
                error.type if error.status is None else f"HTTP {error.status}",
                retries,
                self.max_retries,
            )
            await self._sleep(delay)

    async def _status_error(self, response: httpx.Response) -> APIError:
        try:
            body = await response.aread()
        except HTTPX_ERRORS:
            body = b""  # the status says enough
        finally:
            await response.aclose()
        return error_from_response(response.status_code, response.headers, body, secret=self._token)

    async def _check_encoding(self, response: httpx.Response) -> None:
        """Raise when a successful answer is compressed in a way that was not asked for: httpx would hand
        its compressed bytes on as they are, and they would be taken for the reply."""
        accepted = {value.strip().lower() for value in response.request.headers.get("accept-encoding", "").split(",")}
        for coding in response.headers.get_list("content-encoding", split_commas=True):
            if coding.strip().lower() not in accepted | {"identity", ""}:
                await response.aclose()
                raise self._bad_answer(
                    response, f"It is compressed with {coding.strip()!r}, which Samtal did not ask for and can't read."
                )

    def _transport_error(self, exc: Exception) -> APIError:
        """The `APIError` for an exception httpx raised before a response arrived (any of `HTTPX_ERRORS`)."""
        where = where_of(httpx.URL(self.provider.base_url))
        reason = " ".join(self._redacted(str(exc)).split()) or type(exc).__name__
        if isinstance(exc, _RefusedRedirect):
            return APIConnectionError(str(exc), type="redirect_refused", retryable=False)
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(_timeout_message(exc, where, self.timeout), type="timeout", retryable=True)
        if isinstance(exc, httpx.TooManyRedirects):
            return APIConnectionError(
                f"{where} redirected the request again and again (a redirect loop); check the base URL.",
                type="redirect_refused",
                retryable=False,
            )
        if isinstance(exc, httpx.DecodingError):
            return APIConnectionError(
                f"The answer from {where} could not be decoded: {reason}", type="connection_error", retryable=True
            )
        if isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol | httpx.ProxyError | httpx.InvalidURL):
            return APIConnectionError(
                f"Could not reach {where}: {reason}",
                type="connection_error",
                retryable=isinstance(exc, httpx.TransportError),
            )
        return APIConnectionError(
            f"The connection to {where} failed before an answer arrived: {reason}",
            type="connection_error",
            retryable=isinstance(exc, httpx.TransportError),
        )

    def _redacted(self, text: str) -> str:
        """``text`` without the token, also as Python quotes it (``b'sk-…\\n…'``), e.g. in an httpx error."""
        token = self._token
        if len(token) < _MIN_REDACTED_TOKEN:
            return text
        for form in sorted({token, repr(token)[1:-1], repr(token.encode("utf-8"))[2:-1]}, key=len, reverse=True):
            text = text.replace(form, "[redacted]")
        return text

    async def _read_json(self, response: httpx.Response) -> object:
        """The parsed body of a successful response; an error envelope sent with a 2xx status raises."""
        try:
            body = await response.aread()
        except HTTPX_ERRORS as exc:
            raise self._transport_error(exc) from exc
        finally:
            await response.aclose()
        payload = _json_or_none(body)
        if payload is None and _is_web_page(response.headers.get("content-type", ""), body):
            raise web_page_error(response.status_code, response.headers, body, secret=self._token)
        if payload is None:
            raise self._bad_answer(response, "The answer is not JSON.")
        if _is_error_envelope(payload):
            raise error_from_response(response.status_code, response.headers, body, secret=self._token)
        return payload

    def _bad_answer(self, response: httpx.Response, problem: str) -> APIError:
        return APIError(
            f"Unexpected answer from {where_of(response.request.url)} (HTTP {response.status_code}): {problem}",
            type="api_error",
            status=response.status_code,
            request_id=response.headers.get("request-id"),
        )


class MessageStream:
    """One streamed reply: iterate it for the event dicts (pings and unknown events left out), read
    `message` for the reply so far. Made by `MessagesClient.stream`; use it as an async context manager.

    Entering raises the `APIError` of an answer that is not a reply stream (an error status, an error
    envelope, JSON, a web page). Iteration raises `StreamInterruptedError` when the stream ends before
    ``message_stop``, `StreamCorruptError` when part of it can't be read as the server sent it (the reply
    stops before that part), the error's class for an ``error`` event, `APITimeoutError` when the server
    goes silent; in every case, and when the iterating task is cancelled, `message` keeps the partial reply
    (exactly the events handed out) and the response is closed. ``message_stop`` is handed out only when
    nothing but the end of the body follows it (see `_TAIL_WAIT`).
    """

    def __init__(self, client: MessagesClient, body: dict[str, Any]) -> None:
        self._client = client
        self._body = body
        self._accumulator = MessageAccumulator(model=body.get("model"))
        self._decoder = SSEDecoder()
        self._response: httpx.Response | None = None
        self._chunks: AsyncGenerator[bytes, None] | None = None
        self._ready: list[dict[str, Any]] = []  # decoded events not yet handed out
        self._next = 0
        self._pending_error: APIError | None = None  # raised once the events before it are handed out
        self._finished = False
        self._received = False  # any byte of the body arrived
        self._decoded = False  # the body held at least one event (of any type)
        self._ready_chunk: bytes | None = None  # a chunk read ahead (by `_refuse_a_web_page`), decoded first
        self._request_id: str | None = None  # the header's, else the one message_start reports
        self.timings = StreamTimings(started=time.monotonic())
        self._thinking_since: dict[int, float] = {}  # a thinking block's index → when it started

    async def __aenter__(self) -> MessageStream:
        if self._response is not None:
            raise RuntimeError("A MessageStream can be entered only once.")
        self.timings = StreamTimings(started=time.monotonic())
        response = await self._client._send("POST", "/v1/messages", body=self._body, accept="text/event-stream")
        self._response = response
        self._request_id = response.headers.get("request-id")
        content_type = response.headers.get("content-type", "").lower()
        if "json" in content_type:
            await self._client._read_json(response)  # raises when it is an error envelope
            self._finished = True
            raise self._client._bad_answer(response, "It is JSON instead of an event stream.")
        self._chunks = cast(AsyncGenerator[bytes, None], response.aiter_bytes())
        if "text/event-stream" not in content_type:
            await self._refuse_a_web_page(content_type)
        return self

    async def _refuse_a_web_page(self, content_type: str) -> None:
        """An answer that is not declared an event stream: raise when it is a web page (declared so, or
        opening with ``<``), which a proxy, a captive portal or a wrong base URL sends; otherwise its first
        chunk is kept for the decoder and it is read as a stream."""
        first = await self._next_chunk()
        if first is None:
            return  # empty: reading it says it ended before the reply
        self._ready_chunk = first
        if not _is_web_page(content_type, first):
            return
        page = [first]
        size = len(first)
        while size < _PAGE_BYTES and (chunk := await self._next_chunk()) is not None:
            page.append(chunk)
            size += len(chunk)
        response = self._response
        assert response is not None
        await self._end()
        raise web_page_error(response.status_code, response.headers, b"".join(page), secret=self._client._token)

    async def _next_chunk(self) -> bytes | None:
        """The next chunk of the body (None at its end); the errors of reading it, as `APIError`s."""
        chunks = self._chunks
        if chunks is None:
            raise RuntimeError("Iterate a MessageStream inside `async with client.stream(...)`.")
        try:
            chunk = await anext(chunks)
        except StopAsyncIteration:
            return None
        except httpx.TimeoutException as exc:
            await self._end()
            raise APITimeoutError(
                _timeout_message(exc, self._where(), self._client.timeout),
                type="timeout",
                request_id=self.request_id,
                retryable=True,
            ) from exc
        except httpx.DecodingError as exc:
            await self._end()
            coding = self.headers.get("content-encoding", "").strip() or "its"
            raise stream_corrupt(f"the {coding} compression could not be undone", request_id=self.request_id) from exc
        except HTTPX_ERRORS as exc:
            await self._end()
            raise StreamInterruptedError(
                f"The connection was lost before the reply was complete ({type(exc).__name__}).",
                type="stream_interrupted",
                request_id=self.request_id,
                retryable=True,
            ) from exc
        if chunk and not self._received:
            self._received = True
            self.timings.first_byte = time.monotonic()
        return chunk

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._end()

    def __aiter__(self) -> MessageStream:
        return self

    async def __anext__(self) -> dict[str, Any]:
        while self._next >= len(self._ready):
            if self._pending_error is not None:
                error, self._pending_error = self._pending_error, None
                await self._end()
                raise error
            if self._finished:
                raise StopAsyncIteration
            await self._read_events()
        event = self._ready[self._next]
        self._next += 1
        if event["type"] == "message_stop":
            self.timings.finished = time.monotonic()
            await self._check_the_end()
        try:
            self._accumulator.add(event)
        except StreamCorruptError as error:
            error.request_id = error.request_id or self.request_id
            await self._end()
            raise
        kind = event["type"]
        if kind == "content_block_start" and event["content_block"].get("type") == "thinking":
            self._thinking_since[event["index"]] = time.monotonic()
        elif kind == "content_block_stop" and event["index"] in self._thinking_since:
            # How long the model thought: shown as "Thought for 12 s", also once the reply is reopened (thinking
            # withheld, display "omitted", has no text to show the time with: it stays as the API sent it).
            seconds = time.monotonic() - self._thinking_since.pop(event["index"])
            if (self._accumulator.block(event["index"]) or {}).get("thinking"):
                self._accumulator.annotate(event["index"], THOUGHT_SECONDS, round(seconds, 1))
        if kind == "content_block_delta":
            now = time.monotonic()
            if self.timings.first_delta is None:
                self.timings.first_delta = now
            if self.timings.first_text is None and event["delta"].get("type") == "text_delta":
                self.timings.first_text = now
        elif self._accumulator.complete:
            await self._end()
        return event

    @property
    def message(self) -> dict[str, Any]:
        """The reply so far, in the API's Message shape; after ``message_stop`` the whole reply."""
        return self._accumulator.message

    @property
    def text(self) -> str:
        """The text blocks of the reply so far, joined."""
        return self._accumulator.text

    @property
    def complete(self) -> bool:
        """True once ``message_stop`` arrived."""
        return self._accumulator.complete

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (empty before the response arrived)."""
        return self._response.headers if self._response is not None else httpx.Headers()

    @property
    def status_code(self) -> int | None:
        """The HTTP status of the response, None before it arrived."""
        return self._response.status_code if self._response is not None else None

    @property
    def request_id(self) -> str | None:
        """The ``request-id`` response header, else a ``request_id`` the stream itself reported."""
        return self._request_id

    async def _read_events(self) -> None:
        chunk, self._ready_chunk = self._ready_chunk, None
        if chunk is None:
            chunk = await self._next_chunk()
        if chunk is None:
            await self._end()
            if not self.complete:
                raise self._ended_early()
            return
        ready: list[dict[str, Any]] = []
        try:
            self._decode(chunk, ready)
        except APIError as error:
            self._pending_error = error
        self._ready, self._next = ready, 0

    def _decode(self, chunk: bytes, ready: list[dict[str, Any]]) -> None:
        """Add the events ``chunk`` completes to ``ready``; raises the `APIError` of an error event or of
        an event that can't be read (after adding the events before it)."""
        for sse in self._decoder.feed(chunk):
            self._decoded = True
            event = parse_event(sse, request_id=self._request_id, secret=self._client._token)
            if event is not None:
                ready.append(event)
                if event["type"] == "message_start":
                    self._note_request_id(event.get("message"))

    def _ended_early(self) -> APIError:
        """The error for a body that ended before ``message_stop``."""
        response = self._response
        content_type = response.headers.get("content-type", "") if response is not None else ""
        if response is not None and self._received and not self._decoded and "event-stream" not in content_type:
            shown = content_type.split(";")[0].strip() or "none"
            return self._client._bad_answer(response, f"It is not an event stream (content type {shown}).")
        if not self._received:
            message = "The server ended the reply stream before sending anything."
        elif self._decoder.pending:
            message = "The reply stream ended in the middle of an event, before the reply was complete."
        else:
            message = "The reply stream ended before the reply was complete."
        return StreamInterruptedError(message, type="stream_interrupted", request_id=self.request_id, retryable=True)

    async def _check_the_end(self) -> None:
        """At ``message_stop``: whatever the server sends after it, up to the end of the body, must be
        nothing that belongs to a reply (pings, comments, events of unknown types). The body normally ends
        at once; it is waited for at most `_TAIL_WAIT` seconds, and a connection lost meanwhile changes
        nothing. Raises the error the server sent, or `StreamCorruptError` for an event."""
        error, self._pending_error = self._pending_error, None
        after = self._ready[self._next :]
        if error is None and not after and self._chunks is not None:
            try:
                async with asyncio.timeout(_TAIL_WAIT):
                    while not after:
                        self._decode(await anext(self._chunks), after)
            except APIError as raised:
                error = raised
            except _END_OF_TAIL:
                pass
        if error is None and after:
            error = stream_corrupt(f"a {after[0]['type']} event after message_stop", request_id=self.request_id)
        if error is not None:
            await self._end()
            raise error

    def _note_request_id(self, payload: object) -> None:
        request_id = payload.get("request_id") if isinstance(payload, dict) else None
        if self._request_id is None and isinstance(request_id, str) and request_id:
            self._request_id = request_id

    async def _end(self) -> None:
        """Finish the reply and release the connection; safe to call more than once."""
        self._ready, self._next = [], 0
        if not self._finished:
            self._finished = True
            self._accumulator.finish()
            if self.timings.finished is None:
                self.timings.finished = time.monotonic()
            self.timings.output_tokens = self._accumulator.message["usage"].get("output_tokens")
        chunks, self._chunks = self._chunks, None
        if chunks is not None:
            await chunks.aclose()
        if self._response is not None:
            await self._response.aclose()

    def _where(self) -> str:
        return where_of(httpx.URL(self._client.provider.base_url))


def _timeout_message(exc: httpx.TimeoutException, where: str, timeout: httpx.Timeout) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"Could not connect to {where} within {timeout.connect} s."
    if isinstance(exc, httpx.ReadTimeout):
        return f"{where} sent nothing for {timeout.read} s."
    if isinstance(exc, httpx.PoolTimeout):
        return f"No free connection to {where} within {timeout.pool} s."
    return f"Sending the request to {where} took longer than {timeout.write} s."


class _RefusedRedirect(httpx.RequestError):
    """A redirect not followed; the message says why (see ``MessagesClient._keep_token_at_home``)."""


def where_of(url: httpx.URL) -> str:
    """The host of ``url``, with its port when that is not the scheme's usual one: what people call the
    server (``api.anthropic.com``, ``127.0.0.1:8765``)."""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return host if url.port is None else f"{host}:{url.port}"


def _sendable_token(token: str) -> bool:
    """Whether ``token`` can go in an HTTP header as it is: printable ASCII without spaces."""
    return all(" " < char < "\x7f" for char in token)


def _is_web_page(content_type: str, body: bytes) -> bool:
    """Whether an answer is a web page: said so, or opening with ``<`` (neither JSON nor an event stream)."""
    return "html" in content_type.lower() or body.lstrip().startswith(b"<")


def _json_or_none(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _is_error_envelope(payload: object) -> bool:
    """Anthropic's error envelope, or Ace Data Cloud's (``success: false``, or an ``error`` object alone)."""
    if not isinstance(payload, dict):
        return False
    error = payload.get("error")
    alone = isinstance(error, dict) and payload.get("type") != "message" and ("message" in error or "code" in error)
    return payload.get("type") == "error" or payload.get("success") is False or alone
