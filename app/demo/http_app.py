"""The demo server's ASGI application: routing, authentication, response headers, the request log and
the playback of scripted scenarios.

Routes: `POST /v1/messages`, `POST /v1/messages/count_tokens`, `GET /v1/models`, `GET /v1/models/{id}`;
anything else is a 404 `not_found_error`, and so is a request naming a retired model. The
`anthropic-version` header chooses the rules (`model_rules`); the prompt cache is the app's, shared by
every connection. A scripted scenario queued for the request's path takes
precedence over everything (authentication and validation included), so a test controls exactly what
the client receives.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import itertools
import json
import threading
import time
import uuid
import zlib
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any, TypeAlias
from urllib.parse import parse_qs

from app.demo.model_catalog import find_model, model_info, models_page
from app.demo.model_rules import api_version
from app.demo.prompt_cache import DEFAULT_MIN_CACHE_TOKENS, PromptCache
from app.demo.replies import compose_reply
from app.demo.scenarios import (
    ENCODINGS,
    Drop,
    Hang,
    Pause,
    Redirect,
    Reply,
    Scenario,
    Script,
    Stream,
    StreamItem,
    Unencoded,
)
from app.demo.tokens import estimate_input_tokens
from app.demo.validation import (
    InvalidRequest,
    ModelNotFound,
    validate_count_tokens_request,
    validate_messages_request,
)

__all__ = ["MAX_REQUEST_BYTES", "ConnectionRegistry", "DemoApp", "RecordedRequest", "error_body"]

Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
Address: TypeAlias = tuple[str, int]

MAX_REQUEST_BYTES = 32 * 1024 * 1024  # larger bodies get the 413 a CDN answers before the API sees them
_REQUESTS_PER_MINUTE = 4_000
_TOKENS_PER_MINUTE = 2_000_000
_NO_HEADERS: Mapping[str, str] = MappingProxyType({})
_SECRET_HEADERS = frozenset({"x-api-key", "authorization"})
_TOO_LARGE_HTML = (
    b"<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
    b"<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
# The error type and message the API uses for each status (for scripted replies without a body).
_STANDARD_ERRORS = {
    400: ("invalid_request_error", "Invalid request."),
    401: ("authentication_error", "invalid x-api-key"),
    402: ("billing_error", "Your credit balance is too low to access the Anthropic API."),
    403: ("permission_error", "Your API key does not have permission to use the specified resource."),
    404: ("not_found_error", "The requested resource could not be found."),
    409: ("conflict_error", "Conflict."),
    413: ("request_too_large", "Request exceeds the maximum allowed number of bytes."),
    429: ("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."),
    500: ("api_error", "Internal server error"),
    504: ("timeout_error", "Request timed out"),
    529: ("overloaded_error", "Overloaded"),
}


@dataclass(frozen=True, repr=False)
class RecordedRequest:
    """A request as the demo server received it: header names lower-case, `json` None unless the body
    was a JSON object, `path` without the query string (which is in `query`)."""

    method: str
    path: str
    headers: dict[str, str]
    json: dict[str, Any] | None
    query: str = ""

    def __repr__(self) -> str:
        # Tokens must not leak into test output or logs, even fake ones.
        shown = {name: ("<redacted>" if name in _SECRET_HEADERS else value) for name, value in self.headers.items()}
        return (
            f"RecordedRequest(method={self.method!r}, path={self.path!r}, query={self.query!r}, "
            f"headers={shown!r}, json={self.json!r})"
        )


def error_body(kind: str, message: str, request_id: str) -> dict[str, Any]:
    """The API's error envelope."""
    return {"type": "error", "error": {"type": kind, "message": message}, "request_id": request_id}


class ConnectionRegistry:
    """The live connections of one server, by client address, so that one can be cut on purpose
    (a scripted `Drop`) and all of them when the server stops. Used on the server's event loop only."""

    def __init__(self) -> None:
        self._transports: dict[Address, asyncio.Transport] = {}
        self._closed = False

    def opened(self, address: Address | None, transport: asyncio.Transport) -> None:
        """Note a new connection (or refuse it if the server is stopping)."""
        if self._closed:
            transport.abort()
        elif address is not None:
            self._transports[address] = transport

    def lost(self, address: Address | None) -> None:
        """Forget a connection that has closed."""
        if address is not None:
            self._transports.pop(address, None)

    def cut(self, address: Address | None, *, abort: bool = False) -> None:
        """Close one connection: after flushing what was written, or at once with `abort`."""
        transport = self._transports.get(address) if address is not None else None
        if transport is None:
            return
        if abort:
            transport.abort()
        else:
            transport.close()

    def cut_all(self) -> None:
        """Abort every connection, and every one that opens from now on."""
        self._closed = True
        for transport in list(self._transports.values()):
            transport.abort()


class DemoApp:
    """The ASGI application: answers like the Messages API, or plays what `script` holds.

    `delay` (seconds between streamed deltas) and `require_token` may be changed while serving.
    With `record_requests` off nothing is logged (a long interactive session would otherwise keep every
    conversation it ever sent). `clock` (seconds, monotonic) times the prompt cache's entries.
    """

    def __init__(
        self, *, delay: float = 0.0, record_requests: bool = True, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.script = Script()
        self.prompt_cache = PromptCache(clock)
        self.delay = delay
        self.record_requests = record_requests
        self.require_token: str | None = None
        self.connections = ConnectionRegistry()
        self._log: list[RecordedRequest] = []
        self._log_lock = threading.Lock()
        self._numbers = itertools.count(1)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of the request log, in arrival order."""
        with self._log_lock:
            return list(self._log)

    def clear_requests(self) -> None:
        """Empty the request log."""
        with self._log_lock:
            self._log.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body, too_large = await _read_body(receive)
        headers = _headers(scope)
        parsed, json_error = _parse_json(body)
        query = scope.get("query_string", b"").decode("latin-1")
        if self.record_requests:
            recorded = RecordedRequest(
                method=scope["method"],
                path=scope["path"],
                headers=headers,
                json=parsed if isinstance(parsed, dict) else None,
                query=query,
            )
            with self._log_lock:
                self._log.append(recorded)
        exchange = _Exchange(scope, receive, send, self.connections, number=next(self._numbers), body_size=len(body))
        try:
            scenario = self.script.pop(scope["path"])
            if scenario is not None:
                await exchange.play(scenario)
            elif too_large:
                await exchange.respond(413, _TOO_LARGE_HTML, "text/html; charset=utf-8")
            else:
                await self._answer(exchange, scope["method"], scope["path"], headers, query, parsed, json_error)
        finally:
            await exchange.close()

    async def _answer(
        self,
        exchange: _Exchange,
        method: str,
        path: str,
        headers: Mapping[str, str],
        query: str,
        body: Any,
        json_error: str | None,
    ) -> None:
        is_messages = path in ("/v1/messages", "/v1/messages/count_tokens") and method == "POST"
        model_id = path.removeprefix("/v1/models/") if path.startswith("/v1/models/") else None
        is_models = method == "GET" and (path == "/v1/models" or bool(model_id))
        if not (is_messages or is_models):
            await exchange.error(404, "not_found_error", "The requested resource could not be found.")
            return
        problem = self._authentication_problem(headers)
        if problem is not None:
            await exchange.error(401, "authentication_error", problem)
            return
        if model_id:
            await self._model(exchange, model_id)
        elif is_models:
            await self._models(exchange, query)
        elif json_error is not None:
            message = f"There was an error parsing the body of your request: {json_error}"
            await exchange.error(400, "invalid_request_error", message)
        else:
            try:
                version = api_version(headers.get("anthropic-version"))
                if path == "/v1/messages":
                    await self._messages(exchange, body, version)
                else:
                    await self._count_tokens(exchange, body, version)
            except InvalidRequest as problem:
                await exchange.error(400, "invalid_request_error", str(problem))
            except ModelNotFound as gone:
                await exchange.error(404, "not_found_error", str(gone))

    def _authentication_problem(self, headers: Mapping[str, str]) -> str | None:
        offered = [headers.get("x-api-key", "").strip()]
        authorization = headers.get("authorization", "")
        if authorization[:7].lower() == "bearer ":
            offered.append(authorization[7:].strip())
        offered = [token for token in offered if token]
        if not offered:
            return "x-api-key header is required (or Authorization: Bearer <token>)"
        required = self.require_token
        if required is None:
            return None
        # As the bytes that came over the wire: compare_digest refuses a str holding anything but ASCII.
        if not any(hmac.compare_digest(token.encode("latin-1"), required.encode()) for token in offered):
            return "invalid x-api-key"
        return None

    async def _messages(self, exchange: _Exchange, body: Any, version: str) -> None:
        validate_messages_request(body, version)
        model = find_model(body["model"])
        cache = self.prompt_cache.use(body, model.min_cache_tokens if model else DEFAULT_MIN_CACHE_TOKENS)
        completion = compose_reply(body, cache)
        message_id = f"msg_demo_{uuid.uuid4().hex[:24]}"
        if body.get("stream"):
            await exchange.stream(200, {}, _paced(completion.events(message_id), self.delay))
        else:
            await exchange.json(200, completion.message(message_id))

    async def _count_tokens(self, exchange: _Exchange, body: Any, version: str) -> None:
        validate_count_tokens_request(body, version)
        await exchange.json(200, {"input_tokens": estimate_input_tokens(body)})

    async def _models(self, exchange: _Exchange, query: str) -> None:
        params = {name: values[-1] for name, values in parse_qs(query).items()}
        limit_text = params.get("limit", "20")
        if not (limit_text.isascii() and limit_text.isdigit()) or not 1 <= int(limit_text) <= 1000:
            await exchange.error(400, "invalid_request_error", "limit: Input should be an integer from 1 to 1000")
            return
        try:
            page = models_page(int(limit_text), params.get("after_id"), params.get("before_id"))
        except KeyError as unknown:
            await exchange.error(400, "invalid_request_error", f"Unknown model id in cursor: {unknown.args[0]}")
            return
        await exchange.json(200, page)

    async def _model(self, exchange: _Exchange, model_id: str) -> None:
        model = find_model(model_id)
        if model is None:
            await exchange.error(404, "not_found_error", f"model: {model_id}")
        else:
            await exchange.json(200, model_info(model))


def _paced(events: Iterable[Mapping[str, Any]], delay: float) -> list[StreamItem]:
    """Events with a pause of `delay` before every delta, the way a model produces them."""
    items: list[StreamItem] = []
    for event in events:
        if delay > 0 and event["type"] == "content_block_delta":
            items.append(Pause(delay))
        items.append(event)
    return items


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The whole request body, and whether it was over the size limit (then the body is dropped)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= MAX_REQUEST_BYTES:
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return (b"", True) if size > MAX_REQUEST_BYTES else (b"".join(chunks), False)


def _headers(scope: Scope) -> dict[str, str]:
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _parse_json(body: bytes) -> tuple[Any, str | None]:
    """(the parsed body, None) or (None, why it is not JSON)."""
    try:
        return json.loads(body), None
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        return None, str(problem)


def _encode_item(item: StreamItem) -> bytes:
    if isinstance(item, bytes):
        return item
    if isinstance(item, str):
        return item.encode()
    assert isinstance(item, Mapping), "pauses, drops, hangs and unencoded bytes are played, not written"
    data = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    return f"event: {item['type']}\ndata: {data}\n\n".encode()


async def _client_gone(receive: Receive) -> None:
    """Return once the client has disconnected (after the request body has been read)."""
    while (await receive())["type"] != "http.disconnect":
        pass


class _Exchange:
    """One request being answered: its default headers, a watch on the client going away, and every
    way of replying (whole, streamed, dropped, hung)."""

    def __init__(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        connections: ConnectionRegistry,
        *,
        number: int,
        body_size: int,
    ) -> None:
        self._send = send
        self._client: Address | None = scope.get("client")
        self._connections = connections
        self.request_id = f"req_demo_{number:06d}"
        self._default_headers = _default_headers(self.request_id, number, body_size)
        self._gone = asyncio.ensure_future(_client_gone(receive))

    async def close(self) -> None:
        """Stop watching the client."""
        self._gone.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._gone

    async def _wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True if the client went away meanwhile."""
        done, _ = await asyncio.wait({self._gone}, timeout=seconds)
        return bool(done)

    async def _start(self, status: int, content_type: str, headers: Mapping[str, str]) -> None:
        merged = self._default_headers | {"content-type": content_type}
        merged |= {name.lower(): value for name, value in headers.items()}
        encoded = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in merged.items()]
        await self._send({"type": "http.response.start", "status": status, "headers": encoded})

    async def _write(self, data: bytes, *, more: bool) -> None:
        await self._send({"type": "http.response.body", "body": data, "more_body": more})

    async def respond(
        self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] = _NO_HEADERS
    ) -> None:
        """Send a whole response."""
        await self._start(status, content_type, headers)
        await self._write(body, more=False)

    async def json(self, status: int, payload: Any, headers: Mapping[str, str] = _NO_HEADERS) -> None:
        """Send a whole JSON response."""
        await self.respond(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json", headers)

    async def error(self, status: int, kind: str, message: str, headers: Mapping[str, str] = _NO_HEADERS) -> None:
        """Send the API's error envelope."""
        await self.json(status, error_body(kind, message, self.request_id), headers)

    async def stream(
        self, status: int, headers: Mapping[str, str], items: Iterable[StreamItem], encoding: str | None = None
    ) -> None:
        """Send the head at once, then each item as its own write (compressed, flushed item by item, with
        an ``encoding``)."""
        compressor = zlib.compressobj(wbits=ENCODINGS[encoding]) if encoding else None
        extra = {"content-encoding": encoding} if encoding else {}
        await self._start(status, "text/event-stream; charset=utf-8", {"cache-control": "no-cache", **extra, **headers})
        for item in items:
            if self._gone.done():
                return
            if isinstance(item, Pause):
                if await self._wait(item.seconds):
                    return
            elif isinstance(item, Drop):
                await self.drop()
                return
            elif isinstance(item, Hang):
                await self.hang()
                return
            else:
                data = item.data if isinstance(item, Unencoded) else _encode_item(item)
                if compressor is not None and not isinstance(item, Unencoded):
                    data = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
                await self._write(data, more=True)
                await asyncio.sleep(0)  # let other connections run while a fast stream is in flight
        await self._write(compressor.flush() if compressor is not None else b"", more=False)

    async def drop(self) -> None:
        """Cut the connection, leaving whatever was sent incomplete."""
        self._connections.cut(self._client)
        if not await self._wait(1.0):  # a client that reads nothing cannot take the flush: abort
            self._connections.cut(self._client, abort=True)
            await self._gone

    async def hang(self) -> None:
        """Send nothing more until the client goes away (the server cuts everyone when it stops)."""
        await self._gone

    async def play(self, scenario: Scenario) -> None:
        """Answer with a scripted scenario."""
        if isinstance(scenario, Drop):
            await self.drop()
        elif isinstance(scenario, Hang):
            await self.hang()
        elif isinstance(scenario, Stream):
            await self.stream(scenario.status, scenario.headers, scenario.items, scenario.encoding)
        elif isinstance(scenario, Redirect):
            await self._play_reply(scenario.reply())
        else:
            await self._play_reply(scenario)

    async def _play_reply(self, reply: Reply) -> None:
        if reply.delay and await self._wait(reply.delay):
            return
        body = reply.body
        if body is None and reply.status >= 400:
            await self.error(reply.status, *_standard_error(reply.status), reply.headers)
        elif isinstance(body, bytes):
            await self.respond(reply.status, body, "application/octet-stream", reply.headers)
        elif isinstance(body, str):
            await self.respond(reply.status, body.encode(), "text/plain; charset=utf-8", reply.headers)
        elif body is None:
            await self.respond(reply.status, b"", "text/plain; charset=utf-8", reply.headers)
        else:
            await self.json(reply.status, body, reply.headers)


def _standard_error(status: int) -> tuple[str, str]:
    """The API's (error type, message) for an error status."""
    if status in _STANDARD_ERRORS:
        return _STANDARD_ERRORS[status]
    return _STANDARD_ERRORS[500] if status >= 500 else _STANDARD_ERRORS[400]


def _default_headers(request_id: str, number: int, body_size: int) -> dict[str, str]:
    """`request-id` and rate-limit headers like the API's: the window resets at the next full minute."""
    now = datetime.now(UTC).replace(microsecond=0)
    reset = (now + timedelta(seconds=60 - now.second)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "request-id": request_id,
        "anthropic-ratelimit-requests-limit": str(_REQUESTS_PER_MINUTE),
        "anthropic-ratelimit-requests-remaining": str(_REQUESTS_PER_MINUTE - 1 - (number - 1) % _REQUESTS_PER_MINUTE),
        "anthropic-ratelimit-requests-reset": reset,
        "anthropic-ratelimit-tokens-limit": str(_TOKENS_PER_MINUTE),
        "anthropic-ratelimit-tokens-remaining": str(max(0, _TOKENS_PER_MINUTE - body_size // 4)),
        "anthropic-ratelimit-tokens-reset": reset,
    }
