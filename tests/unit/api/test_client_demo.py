"""The client over real sockets, against the loopback demo server: every failure mode a network gives.

Every test is bounded (``asyncio.wait_for``) and retry sleeps are recorded instead of slept.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import Any, TypeVar

import httpx
import pytest
import pytest_asyncio

from app.api import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    InternalServerError,
    MessagesClient,
    MessageStream,
    ModelInfo,
    NotFoundError,
    OverloadedError,
    PermissionDeniedError,
    RateLimitError,
    RequestTooLargeError,
    StreamInterruptedError,
)
from app.demo import DemoServer, Drop, Hang, Pause, Reply, Stream, text_events

TOKEN = "sk-ant-FAKE-DEMO-TOKEN-9z8y7x"
BODY = {"model": "demo", "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]}
LIMIT = 10.0  # seconds any one exchange may take

T = TypeVar("T")


class Recorder:
    """A retry sleep that records the delays and yields to the loop without waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)


def error_body(error_type: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": error_type, "message": message}, "request_id": "req_demo"}


async def bounded(awaitable: Awaitable[T]) -> T:
    return await asyncio.wait_for(awaitable, LIMIT)


async def drain(stream: MessageStream) -> list[dict[str, Any]]:
    return [event async for event in stream]


@pytest.fixture(scope="module")
def running_server() -> Iterator[DemoServer]:
    # One server for the module (stopping one takes ~0.2 s); each test gets it with an empty script and log.
    with DemoServer(delay=0.0) as running:
        yield running


@pytest.fixture
def server(running_server: DemoServer) -> DemoServer:
    running_server.script.clear()
    running_server.clear_requests()
    return running_server


@pytest.fixture
def sleep() -> Recorder:
    return Recorder()


@pytest_asyncio.fixture
async def client(server: DemoServer, sleep: Recorder) -> AsyncIterator[MessagesClient]:
    async with MessagesClient(base_url=server.url, token=TOKEN, sleep=sleep, random=lambda: 0.0) as made:
        yield made


async def stream_reply(client: MessagesClient) -> tuple[list[dict[str, Any]], MessageStream]:
    async with client.stream(BODY) as stream:
        events = await bounded(drain(stream))
    return events, stream


def message_requests(server: DemoServer) -> list[Any]:
    return [request for request in server.requests if request.path == "/v1/messages"]


# --- HTTP errors -------------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "error_type", "cls"),
    [
        (401, "authentication_error", AuthenticationError),
        (403, "permission_error", PermissionDeniedError),
        (404, "not_found_error", NotFoundError),
    ],
)
async def test_final_http_errors(
    server: DemoServer, client: MessagesClient, sleep: Recorder, status: int, error_type: str, cls: type[APIError]
) -> None:
    server.script.push(Reply(status=status, headers={"request-id": "req_hdr"}, body=error_body(error_type, "No.")))
    with pytest.raises(cls) as caught:
        await bounded(stream_reply(client))
    error = caught.value
    assert (error.status, error.type, error.message, error.request_id) == (status, error_type, "No.", "req_hdr")
    assert (len(message_requests(server)), sleep.delays) == (1, [])


@pytest.mark.asyncio
async def test_missing_token_gets_the_servers_401(server: DemoServer) -> None:
    async with MessagesClient(base_url=server.url, token="") as anonymous:
        with pytest.raises(AuthenticationError) as caught:
            await bounded(anonymous.create(BODY))
    assert caught.value.status == 401


@pytest.mark.asyncio
async def test_html_413(server: DemoServer, client: MessagesClient) -> None:
    page = "<html><head><title>413 Request Entity Too Large</title></head><body><h1>413</h1></body></html>"
    server.script.push(Reply(status=413, headers={"content-type": "text/html"}, body=page))
    with pytest.raises(RequestTooLargeError) as caught:
        await bounded(client.create(BODY))
    assert "413" in caught.value.message
    assert "<" not in caught.value.message


@pytest.mark.asyncio
async def test_429_with_retry_after_then_success(server: DemoServer, client: MessagesClient, sleep: Recorder) -> None:
    server.script.push(Reply(status=429, headers={"retry-after": "0.01"}, body=error_body("rate_limit_error", "Slow")))
    server.script.push(Stream(text_events("Hello", model="demo", stop_reason="end_turn")))
    _, stream = await stream_reply(client)
    assert (stream.text, stream.complete) == ("Hello", True)
    assert (len(message_requests(server)), sleep.delays) == (2, [0.01])


@pytest.mark.asyncio
async def test_429_spend_limit_is_not_retried(server: DemoServer, client: MessagesClient, sleep: Recorder) -> None:
    body = error_body("rate_limit_error", "Spend limit reached")
    body["error"]["details"] = {"error_code": "enforced_spend_limit_reached"}
    server.script.push(Reply(status=429, headers={"retry-after": "0.01"}, body=body))
    with pytest.raises(RateLimitError):
        await bounded(client.create(BODY))
    assert (len(message_requests(server)), sleep.delays) == (1, [])


@pytest.mark.asyncio
async def test_500_is_retried_then_raised(server: DemoServer, client: MessagesClient, sleep: Recorder) -> None:
    for _ in range(3):
        server.script.push(Reply(status=500, body=error_body("api_error", "Internal server error")))
    with pytest.raises(InternalServerError) as caught:
        await bounded(client.create(BODY))
    assert caught.value.status == 500
    assert (len(message_requests(server)), sleep.delays) == (3, [0.5, 1.0])


@pytest.mark.asyncio
async def test_529_twice_then_success(server: DemoServer, client: MessagesClient, sleep: Recorder) -> None:
    for _ in range(2):
        server.script.push(Reply(status=529, body=error_body("overloaded_error", "Overloaded")))
    server.script.push(Stream(text_events("Back again", model="demo", stop_reason="end_turn")))
    _, stream = await stream_reply(client)
    assert stream.text == "Back again"
    assert (len(message_requests(server)), sleep.delays) == (3, [0.5, 1.0])


@pytest.mark.asyncio
async def test_empty_502_body(server: DemoServer, sleep: Recorder) -> None:
    server.script.push(Reply(status=502, body=b""))
    async with MessagesClient(base_url=server.url, token=TOKEN, max_retries=0) as client:
        with pytest.raises(InternalServerError) as caught:
            await bounded(client.create(BODY))
    assert caught.value.message == "The server answered HTTP 502 (Bad Gateway) with an empty body."


# --- transport failures ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_connection_refused(sleep: Recorder) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with MessagesClient(base_url=f"http://127.0.0.1:{port}", token=TOKEN, sleep=sleep) as client:
        with pytest.raises(APIConnectionError) as caught:
            await bounded(client.create(BODY))
    assert (caught.value.type, caught.value.status, caught.value.retryable) == ("connection_error", None, True)
    assert "127.0.0.1" in caught.value.message
    assert len(sleep.delays) == 2


@pytest.mark.asyncio
async def test_read_timeout_on_a_hanging_stream(server: DemoServer) -> None:
    events = text_events("Never finished", model="demo", stop_reason="end_turn")
    server.script.push(Stream([*events[:3], Hang()]))
    timeout = httpx.Timeout(5.0, read=0.3)
    client = MessagesClient(base_url=server.url, token=TOKEN, timeout=timeout)
    async with client, client.stream(BODY) as stream:
        with pytest.raises(APITimeoutError) as caught:
            await bounded(drain(stream))
    assert (caught.value.type, caught.value.status) == ("timeout", None)
    assert "0.3 s" in caught.value.message
    assert stream.message["content"]  # the partial reply survives


@pytest.mark.asyncio
async def test_connection_dropped_mid_stream(server: DemoServer, client: MessagesClient, sleep: Recorder) -> None:
    events = text_events("Cut off in the middle", model="demo", stop_reason="end_turn")
    server.script.push(Stream([*events[:3], Pause(0.02), Drop()]))
    async with client.stream(BODY) as stream:
        with pytest.raises(StreamInterruptedError) as caught:
            await bounded(drain(stream))
    assert (caught.value.type, caught.value.status) == ("stream_interrupted", None)
    assert not stream.complete
    assert (len(message_requests(server)), sleep.delays) == (1, [])  # never retried mid-stream


@pytest.mark.asyncio
async def test_error_event_mid_stream(server: DemoServer, client: MessagesClient) -> None:
    events = text_events("Once upon a time", model="demo", stop_reason="end_turn")
    overloaded = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    server.script.push(Stream([*events[:3], overloaded]))
    async with client.stream(BODY) as stream:
        with pytest.raises(OverloadedError) as caught:
            await bounded(drain(stream))
    assert (caught.value.status, caught.value.retryable) == (None, True)
    assert stream.message["id"] == events[0]["message"]["id"]


@pytest.mark.asyncio
async def test_stream_without_message_stop(server: DemoServer, client: MessagesClient) -> None:
    events = text_events("Almost there", model="demo", stop_reason="end_turn")
    assert events[-1]["type"] == "message_stop"
    server.script.push(Stream(events[:-1]))
    async with client.stream(BODY) as stream:
        with pytest.raises(StreamInterruptedError):
            await bounded(drain(stream))
    assert stream.text == "Almost there"
    assert stream.message["stop_reason"] == "end_turn"
    assert not stream.complete


@pytest.mark.asyncio
async def test_done_sentinel_after_message_stop(server: DemoServer, client: MessagesClient) -> None:
    server.script.push(Stream([*text_events("Done.", model="demo", stop_reason="end_turn"), "data: [DONE]\n\n"]))
    events, stream = await stream_reply(client)
    assert (stream.text, stream.complete, events[-1]["type"]) == ("Done.", True, "message_stop")


@pytest.mark.asyncio
async def test_raw_bytes_split_inside_lines_and_characters(server: DemoServer, client: MessagesClient) -> None:
    events = text_events("Grüße, 世界 🙂", model="demo", stop_reason="end_turn")
    wire = b"".join(
        f"event: {event['type']}\r\ndata: {json.dumps(event, ensure_ascii=False)}\r\n\r\n".encode() for event in events
    )
    pieces = [wire[i : i + 5] for i in range(0, len(wire), 5)]
    server.script.push(Stream([*pieces[:20], Pause(0.01), *pieces[20:]]))
    _, stream = await stream_reply(client)
    assert (stream.text, stream.complete) == ("Grüße, 世界 🙂", True)


# --- default replies, other endpoints, headers -------------------------------------------------------


@pytest.mark.asyncio
async def test_default_stream_and_create(client: MessagesClient) -> None:
    _, stream = await stream_reply(client)
    assert stream.complete
    assert stream.text
    assert stream.timings.duration is not None
    message = await bounded(client.create(BODY))
    assert message["type"] == "message"
    assert message["content"]


@pytest.mark.asyncio
async def test_list_models_and_count_tokens(client: MessagesClient) -> None:
    models = await bounded(client.list_models())
    assert models
    assert all(isinstance(model, ModelInfo) and model.id for model in models)
    tokens = await bounded(client.count_tokens(BODY))
    assert isinstance(tokens, int)
    assert tokens > 0


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("auth", "header", "value"), [("x-api-key", "x-api-key", TOKEN), ("bearer", "authorization", f"Bearer {TOKEN}")]
)
async def test_headers_received_by_the_server(server: DemoServer, auth: str, header: str, value: str) -> None:
    async with MessagesClient(base_url=server.url + "/v1/", token=TOKEN, auth=auth) as client:
        await bounded(client.create(BODY))
        await bounded(client.count_tokens(BODY))
    for request in server.requests:
        assert request.headers[header] == value
        assert request.headers["anthropic-version"] == "2023-06-01"
        assert request.headers["content-type"] == "application/json"
        assert request.headers["user-agent"].startswith("samtal/")
        assert ("authorization" if header == "x-api-key" else "x-api-key") not in request.headers
    assert [request.path for request in server.requests] == ["/v1/messages", "/v1/messages/count_tokens"]
    assert server.requests[0].json == {**BODY, "stream": False}
    assert "max_tokens" not in server.requests[1].json


# --- a token that can't be sent ------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "token",
    [
        "sk-ant-FAKE-FIRST-1a2b3c\nsk-ant-FAKE-SECOND-4d5e6f",  # two lines of a key file, pasted whole
        "sk-ant-FAKE-ACCENT-1a2b3cé4d5e6f",  # not ASCII
        "sk-ant-FAKE-CONTROL-1a2b3c\x01d5e6f",
    ],
)
async def test_a_token_that_cant_be_a_header_is_refused_without_quoting_it(server: DemoServer, token: str) -> None:
    # h11 refuses such a header value with an error that quotes it whole ("Illegal header value b'sk-…'"):
    # that text must never become the error shown, saved and printed.
    async with MessagesClient(base_url=server.url, token=token, max_retries=0) as client:
        with pytest.raises(AuthenticationError) as caught:
            await bounded(client.create(BODY))
    texts = [str(caught.value), repr(caught.value), caught.value.message]
    assert "token" in caught.value.message
    for part in token.replace("\n", " ").split():
        assert all(part[8:20] not in text for text in texts)
    assert not message_requests(server)  # nothing was sent
