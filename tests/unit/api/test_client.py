"""MessagesClient and MessageStream over httpx.MockTransport: headers, streaming, stopping, endpoints."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import zlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import app.api
from app.api import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    MessagesClient,
    OverloadedError,
    Provider,
    RateLimitError,
    StreamCorruptError,
    StreamInterruptedError,
    StreamTimings,
    strip_private,
)

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "sk-ant-FAKE-TOKEN-a1b2c3d4e5"  # recognisable, so its absence can be asserted
BODY = {"model": "claude-x", "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]}
SSE_HEADERS = {"content-type": "text/event-stream", "request-id": "req_stream"}

Handler = Callable[[httpx.Request], httpx.Response]


class ScriptedBody(httpx.AsyncByteStream):
    """A response body sent piece by piece: bytes, an exception to raise, or an Event to wait for."""

    def __init__(self, *items: bytes | Exception | asyncio.Event) -> None:
        self.items = items
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for item in self.items:
            if isinstance(item, asyncio.Event):
                await item.wait()
            elif isinstance(item, Exception):
                raise item
            else:
                yield item

    async def aclose(self) -> None:
        self.closed = True


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def make_client(handler: Handler, **options: Any) -> MessagesClient:
    options.setdefault("token", TOKEN)
    return MessagesClient(transport=httpx.MockTransport(handler), **options)


def sse_reply(*items: bytes | Exception | asyncio.Event) -> tuple[Handler, ScriptedBody]:
    body = ScriptedBody(*items)
    return (lambda request: httpx.Response(200, headers=SSE_HEADERS, stream=body)), body


async def collect(client: MessagesClient, body: dict[str, Any] = BODY) -> tuple[list[dict[str, Any]], Any]:
    events = []
    async with client.stream(body) as stream:
        async for event in stream:
            events.append(event)
    return events, stream


async def drain(stream: AsyncIterator[dict[str, Any]], sink: list[dict[str, Any]]) -> None:
    async for event in stream:
        sink.append(event)


# --- what is sent ------------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("options", "auth_header", "auth_value", "url"),
    [
        ({}, "x-api-key", TOKEN, "https://api.anthropic.com/v1/messages"),
        (
            {"base_url": "https://api.acedata.cloud/v1/", "auth": "bearer"},
            "authorization",
            f"Bearer {TOKEN}",
            "https://api.acedata.cloud/v1/messages",
        ),
        ({"provider": Provider.acedata()}, "authorization", f"Bearer {TOKEN}", "https://api.acedata.cloud/v1/messages"),
        ({"auth": "bearer"}, "authorization", f"Bearer {TOKEN}", "https://api.anthropic.com/v1/messages"),
    ],
)
async def test_headers_and_url_for_each_auth_style(
    options: dict[str, Any], auth_header: str, auth_value: str, url: str
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": "m", "type": "message", "content": []})

    async with make_client(handler, **options) as client:
        await client.create(BODY)
    request = seen[0]
    assert str(request.url) == url
    assert request.headers[auth_header] == auth_value
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"] == f"samtal/{app.__version__}"
    other = "authorization" if auth_header == "x-api-key" else "x-api-key"
    assert other not in request.headers
    assert not any(name.startswith("x-stainless") for name in request.headers)


@pytest.mark.asyncio
async def test_stream_and_create_set_the_stream_flag_without_mutating_the_body() -> None:
    sent: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        if sent[-1]["stream"]:
            return httpx.Response(200, headers=SSE_HEADERS, content=fixture("text_reply.sse"))
        return httpx.Response(200, json={"id": "m", "type": "message", "content": []})

    body = {**BODY, "stream": False}
    async with make_client(handler) as client:
        await collect(client, body)
        await client.create({**BODY, "stream": True})
    assert [request["stream"] for request in sent] == [True, False]
    assert body["stream"] is False
    assert sent[0]["messages"] == BODY["messages"]


@pytest.mark.asyncio
async def test_no_auth_header_without_a_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(401, json={"type": "error", "error": {"type": "authentication_error", "message": "no"}})

    async with make_client(handler, token="") as client:
        with pytest.raises(AuthenticationError):
            await client.create(BODY)
    assert "x-api-key" not in seen[0].headers
    assert "authorization" not in seen[0].headers


@pytest.mark.asyncio
async def test_a_redirect_within_the_host_is_followed_without_the_token_on_another_port() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v1/messages" and request.url.port is None:
            return httpx.Response(307, headers={"location": "/v1/moved"})
        if request.url.path == "/v1/moved":
            return httpx.Response(307, headers={"location": "https://api.anthropic.com:8443/v1/other"})
        return httpx.Response(200, json={"id": "m", "type": "message", "content": []})

    async with make_client(handler) as client:
        await client.create(BODY)
    assert [request.url.path for request in seen] == ["/v1/messages", "/v1/moved", "/v1/other"]
    assert seen[1].headers["x-api-key"] == TOKEN  # same origin keeps it
    assert "x-api-key" not in seen[2].headers  # another port of the host: followed, without the token


@pytest.mark.asyncio
async def test_a_redirect_to_another_host_is_refused_and_nothing_is_sent_there() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "api.anthropic.com":
            return httpx.Response(307, headers={"location": "https://elsewhere.example/v1/messages"})
        return httpx.Response(200, json={"id": "m", "type": "message", "content": []})

    async with make_client(handler) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.create(BODY)
    assert [request.url.host for request in seen] == ["api.anthropic.com"]  # the conversation stayed home
    error = caught.value
    assert error.type == "redirect_refused"
    assert not error.retryable
    assert "elsewhere.example" in error.message
    assert "base URL" in error.message
    assert TOKEN not in str(error)


@pytest.mark.asyncio
async def test_a_redirect_from_https_to_http_on_the_same_host_is_refused() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.scheme == "https":
            return httpx.Response(307, headers={"location": "http://api.anthropic.com/v1/messages"})
        return httpx.Response(200, json={"id": "m", "type": "message", "content": []})

    async with make_client(handler) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.create(BODY)
        with pytest.raises(APIConnectionError):
            await collect(client)
    assert [request.url.scheme for request in seen] == ["https", "https"]  # nothing went in cleartext
    assert caught.value.type == "redirect_refused"
    assert not caught.value.retryable
    assert caught.value.message == (
        "api.anthropic.com redirected the request to plain http (http://api.anthropic.com), which would send the "
        "conversation unencrypted. Samtal does not follow it; check the base URL."
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [301, 302, 303])
async def test_a_redirect_that_would_resend_the_request_as_a_get_is_refused(status: int) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v1/messages":
            return httpx.Response(status, headers={"location": "/api/v1/messages"})
        return httpx.Response(200, json={"data": [], "has_more": False})

    async with make_client(handler) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.create(BODY)
        await client.list_models()  # a GET stays a GET: followed
    assert [request.method for request in seen] == ["POST", "GET"]
    assert caught.value.type == "redirect_refused"
    assert "https://api.anthropic.com/api/v1/messages" in caught.value.message
    assert "as a GET, without its body" in caught.value.message


@pytest.mark.asyncio
async def test_a_connection_error_names_the_host_and_its_port() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused")

    async with make_client(refuse, base_url="http://127.0.0.1:8765", max_retries=0) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.create(BODY)
    assert caught.value.message == "Could not reach 127.0.0.1:8765: [Errno 111] Connection refused"
    async with make_client(refuse, max_retries=0) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.create(BODY)
    assert caught.value.message == "Could not reach api.anthropic.com: [Errno 111] Connection refused"


def test_where_of_names_a_port_only_when_it_is_not_the_usual_one() -> None:
    from app.api.client import where_of

    assert where_of(httpx.URL("https://api.anthropic.com/v1")) == "api.anthropic.com"
    assert where_of(httpx.URL("https://api.anthropic.com:443")) == "api.anthropic.com"
    assert where_of(httpx.URL("http://127.0.0.1:8765")) == "127.0.0.1:8765"
    assert where_of(httpx.URL("http://[::1]:8080/")) == "[::1]:8080"


# --- streaming ---------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_stream_yields_events_and_exposes_the_reply() -> None:
    handler, body = sse_reply(*[fixture("tool_use_reply.sse")[i : i + 50] for i in range(0, 2002, 50)])
    async with make_client(handler) as client:
        events, stream = await collect(client)
    assert [event["type"] for event in events][:2] == ["message_start", "content_block_start"]
    assert events[-1] == {"type": "message_stop"}
    assert stream.complete
    assert stream.status_code == 200
    assert stream.headers["content-type"] == "text/event-stream"
    assert stream.request_id == "req_stream"
    assert stream.text == "I'll check the current weather in Paris for you."
    assert stream.message["content"][1]["input"] == {"location": "Paris"}
    assert stream.message["stop_reason"] == "tool_use"
    assert body.closed


@pytest.mark.asyncio
async def test_message_follows_the_events_handed_out() -> None:
    handler, _ = sse_reply(fixture("text_reply.sse"))
    texts = []
    async with make_client(handler) as client, client.stream(BODY) as stream:
        assert stream.message["content"] == []
        async for _ in stream:
            texts.append(stream.text)
    assert texts == ["", "", "Hello", "Hello there", "Hello there!", "Hello there!", "Hello there!", "Hello there!"]


@pytest.mark.asyncio
async def test_stream_timings() -> None:
    handler, _ = sse_reply(fixture("text_reply.sse"))
    async with make_client(handler) as client:
        _, stream = await collect(client)
    timings = stream.timings
    assert timings.time_to_first_byte is not None
    assert timings.time_to_first_text is not None
    assert timings.duration is not None
    assert 0 <= timings.time_to_first_byte <= timings.time_to_first_text <= timings.duration
    assert timings.output_tokens == 6


def test_stream_timings_arithmetic() -> None:
    timings = StreamTimings(started=100.0, first_byte=100.5, first_delta=101.0, first_text=102.0, finished=105.0)
    timings.output_tokens = 80
    assert (timings.time_to_first_byte, timings.time_to_first_text, timings.duration) == (0.5, 2.0, 5.0)
    assert timings.output_tokens_per_second == 20.0  # 80 tokens over 101.0 → 105.0
    assert StreamTimings(started=1.0, first_byte=2.0, finished=4.0, output_tokens=10).output_tokens_per_second == 5
    assert StreamTimings(started=1.0).output_tokens_per_second is None
    assert StreamTimings(started=1.0, first_byte=2.0, finished=2.0, output_tokens=3).output_tokens_per_second is None


@pytest.mark.asyncio
async def test_stream_without_message_stop_raises_at_the_end_and_keeps_the_partial_reply() -> None:
    cut = fixture("truncated_tool_use.sse").split(b"event: message_delta")[0]
    handler, body = sse_reply(cut)
    async with make_client(handler) as client:
        with pytest.raises(StreamInterruptedError) as caught:
            await collect(client)
    assert (caught.value.type, caught.value.status, caught.value.request_id) == (
        "stream_interrupted",
        None,
        "req_stream",
    )
    assert body.closed


@pytest.mark.asyncio
async def test_partial_reply_after_an_interruption_flags_the_unfinished_tool_call() -> None:
    cut = fixture("truncated_tool_use.sse").split(b"event: message_delta")[0]
    handler, _ = sse_reply(cut)
    async with make_client(handler) as client, client.stream(BODY) as stream:
        with pytest.raises(StreamInterruptedError):
            async for _ in stream:
                pass
    assert not stream.complete
    assert stream.text == "Writing the file."
    assert stream.message["content"][1]["_incomplete"] is True
    assert stream.message["content"][1]["input"] == {}
    assert stream.timings.duration is not None


@pytest.mark.asyncio
async def test_error_event_raises_after_the_events_before_it() -> None:
    handler, body = sse_reply(fixture("error_event.sse"))  # all in one chunk
    events: list[dict[str, Any]] = []
    async with make_client(handler) as client, client.stream(BODY) as stream:
        with pytest.raises(OverloadedError) as caught:
            await drain(stream, events)
    assert [event["type"] for event in events] == ["message_start", "content_block_start", "content_block_delta"]
    assert (caught.value.status, caught.value.retryable, caught.value.request_id) == (None, True, "req_stream")
    assert stream.text == "Once upon"
    assert body.closed


@pytest.mark.asyncio
@pytest.mark.parametrize(("headers", "expected"), [({}, "req_in_stream"), ({"request-id": "req_header"}, "req_header")])
async def test_request_id_from_the_header_else_from_message_start(headers: dict[str, str], expected: str) -> None:
    with_id = fixture("error_event.sse").replace(b'"id":"msg_01Err"', b'"id":"msg_01Err","request_id":"req_in_stream"')
    response_headers = {"content-type": "text/event-stream", **headers}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=response_headers, stream=ScriptedBody(with_id))

    async with make_client(handler) as client, client.stream(BODY) as stream:
        with pytest.raises(OverloadedError) as caught:
            await drain(stream, [])
    assert stream.request_id == caught.value.request_id == expected


@pytest.mark.asyncio
async def test_connection_lost_mid_stream() -> None:
    handler, body = sse_reply(fixture("text_reply.sse")[:400], httpx.RemoteProtocolError("peer closed connection"))
    async with make_client(handler) as client, client.stream(BODY) as stream:
        with pytest.raises(StreamInterruptedError) as caught:
            async for _ in stream:
                pass
    assert "RemoteProtocolError" in caught.value.message
    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)
    assert stream.message["id"] == "msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK"
    assert body.closed


@pytest.mark.asyncio
async def test_server_going_silent_mid_stream_is_a_timeout() -> None:
    handler, _ = sse_reply(fixture("text_reply.sse")[:400], httpx.ReadTimeout("silence"))
    async with make_client(handler, timeout=httpx.Timeout(5.0, read=0.25)) as client:
        with pytest.raises(APITimeoutError) as caught:
            await collect(client)
    assert caught.value.message == "api.anthropic.com sent nothing for 0.25 s."


@pytest.mark.asyncio
async def test_done_sentinel_and_unknown_events_are_skipped() -> None:
    stream = fixture("text_reply.sse") + b"event: mystery\ndata: {}\n\ndata: [DONE]\n\n"
    handler, _ = sse_reply(b"data: [DONE]\n\n" + stream)
    async with make_client(handler) as client:
        events, reply = await collect(client)
    assert len(events) == 8
    assert reply.complete


@pytest.mark.asyncio
async def test_nothing_after_message_stop_is_read() -> None:
    never = asyncio.Event()
    handler, body = sse_reply(fixture("text_reply.sse"), never)  # the server keeps the connection open
    async with make_client(handler) as client:
        _, stream = await asyncio.wait_for(collect(client), 5)
    assert stream.complete
    assert body.closed


@pytest.mark.asyncio
async def test_leaving_the_loop_early_closes_the_response() -> None:
    never = asyncio.Event()
    handler, body = sse_reply(fixture("text_reply.sse")[:400], never)
    async with make_client(handler) as client, client.stream(BODY) as stream:
        async for event in stream:
            assert event["type"] == "message_start"
            break
    assert body.closed
    assert stream.message["id"] == "msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK"
    assert stream.timings.duration is not None


@pytest.mark.asyncio
async def test_cancelling_the_iterating_task_closes_the_response_and_keeps_the_partial_reply() -> None:
    first_part = fixture("text_reply.sse").split(b"event: content_block_stop")[0]
    never = asyncio.Event()
    handler, body = sse_reply(first_part, never)
    got_text = asyncio.Event()
    holder: dict[str, Any] = {}

    async def consume(client: MessagesClient) -> None:
        async with client.stream(BODY) as stream:
            holder["stream"] = stream
            async for event in stream:
                if event["type"] == "content_block_delta" and stream.text == "Hello there!":
                    got_text.set()

    async with make_client(handler) as client:
        task = asyncio.create_task(consume(client))
        await asyncio.wait_for(got_text.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    stream = holder["stream"]
    assert body.closed
    assert stream.text == "Hello there!"
    assert not stream.complete
    assert stream.timings.duration is not None


@pytest.mark.asyncio
async def test_error_status_on_the_stream_request_raises_on_enter() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            404,
            headers={"request-id": "req_404"},
            json={"type": "error", "error": {"type": "not_found_error", "message": "Not found: /v1/messages"}},
        )

    async with make_client(handler) as client:
        with pytest.raises(APIError) as caught:
            await collect(client)
    assert (caught.value.status, caught.value.message, caught.value.request_id) == (
        404,
        "Not found: /v1/messages",
        "req_404",
    )


@pytest.mark.asyncio
async def test_json_error_sent_with_200_instead_of_a_stream() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"success": False, "error": {"code": "used_up", "message": "No balance"}})

    async with make_client(handler) as client:
        with pytest.raises(APIError) as caught:
            await collect(client)
        assert (caught.value.type, caught.value.message) == ("billing_error", "No balance")
        with pytest.raises(APIError, match="billing_error"):
            await client.create(BODY)


@pytest.mark.asyncio
async def test_non_stream_json_on_the_stream_endpoint_is_an_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "m", "type": "message", "content": []})

    async with make_client(handler) as client:
        with pytest.raises(APIError, match="instead of an event stream"):
            await collect(client)


@pytest.mark.asyncio
async def test_a_stream_can_be_entered_once_and_must_be_entered_to_iterate() -> None:
    handler, _ = sse_reply(fixture("text_reply.sse"))
    async with make_client(handler) as client:
        stream = client.stream(BODY)
        with pytest.raises(RuntimeError, match="async with"):
            await stream.__anext__()
        async with stream:
            pass
        with pytest.raises(RuntimeError, match="once"):
            await stream.__aenter__()


# --- a reply is complete only when it is exactly what the server sent ---------------------------------


def sse(event: dict[str, Any]) -> bytes:
    return f"event: {event['type']}\ndata: {json.dumps(event)}\n\n".encode()


def text_stream(*pieces: str) -> list[bytes]:
    """The events of a one-block text reply, one item per event; message_stop last."""
    head = [
        {"type": "message_start", "message": {"id": "msg_t", "type": "message", "role": "assistant", "content": []}},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    ]
    deltas = [{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": p}} for p in pieces]
    tail = [
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 3}},
        {"type": "message_stop"},
    ]
    return [sse(event) for event in [*head, *deltas, *tail]]


async def printed_then_raised(client: MessagesClient) -> tuple[str, APIError, Any]:
    """Stream, collecting the text as a reader would print it, until the stream raises."""
    printed: list[str] = []

    async def read(stream: Any) -> None:
        async for event in stream:
            if event["type"] == "content_block_delta":
                printed.append(event["delta"]["text"])

    async with client.stream(BODY) as stream:
        with pytest.raises(APIError) as caught:
            await read(stream)
    return "".join(printed), caught.value, stream


@pytest.mark.asyncio
@pytest.mark.parametrize("together", [False, True], ids=["chunk per event", "one chunk"])
async def test_a_data_line_that_is_not_json_fails_the_reply_where_it_is(together: bool) -> None:
    events = text_stream("before ", "MIDDLE-PIECE", " after")
    events[3] = b'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"te\n\n'
    handler, body = sse_reply(b"".join(events)) if together else sse_reply(*events)
    async with make_client(handler) as client:
        printed, error, stream = await printed_then_raised(client)
    assert isinstance(error, StreamCorruptError)
    assert (error.type, error.request_id, error.retryable) == ("stream_corrupt", "req_stream", True)
    assert error.message == (
        "The reply stream was damaged: a content_block_delta event whose data is not JSON. "
        "The reply is kept up to that point."
    )
    assert printed == stream.text == "before "  # what was handed out is the reply, and nothing after the hole
    assert not stream.complete
    assert body.closed


@pytest.mark.asyncio
async def test_a_delta_for_a_block_that_never_started_fails_the_reply() -> None:
    events = text_stream("one", "two")
    events[3] = sse({"type": "content_block_delta", "index": 4, "delta": {"type": "text_delta", "text": "lost"}})
    handler, _ = sse_reply(*events)
    async with make_client(handler) as client:
        printed, error, stream = await printed_then_raised(client)
    assert error.message.startswith("The reply stream was damaged: a text_delta for block 4, which never started.")
    assert error.request_id == "req_stream"
    assert printed == stream.text == "one"


@pytest.mark.asyncio
@pytest.mark.parametrize("together", [False, True], ids=["later chunk", "same chunk"])
async def test_an_event_after_message_stop_fails_the_reply(together: bool) -> None:
    late = sse({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": " more"}})
    events = [*text_stream("all"), late]
    handler, _ = sse_reply(b"".join(events)) if together else sse_reply(*events)
    async with make_client(handler) as client:
        printed, error, stream = await printed_then_raised(client)
    assert isinstance(error, StreamCorruptError)
    assert "a content_block_delta event after message_stop" in error.message
    assert printed == stream.text == "all"
    assert not stream.complete


@pytest.mark.asyncio
async def test_an_error_event_after_message_stop_is_raised() -> None:
    late = b'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'
    handler, _ = sse_reply(*text_stream("all"), late)
    async with make_client(handler) as client:
        _, error, stream = await printed_then_raised(client)
    assert isinstance(error, OverloadedError)
    assert not stream.complete


@pytest.mark.asyncio
async def test_pings_unknown_events_and_a_lost_connection_after_message_stop_change_nothing() -> None:
    after = [b"event: ping\ndata: {}\n\n", b"event: future\ndata: whatever\n\n", b": bye\n\ndata: [DONE]\n\n"]
    handler, _ = sse_reply(*text_stream("all"), *after, httpx.ReadError("reset"))
    async with make_client(handler) as client:
        events, stream = await collect(client)
    assert events[-1] == {"type": "message_stop"}
    assert stream.complete
    assert stream.text == "all"


@pytest.mark.asyncio
async def test_a_server_that_keeps_the_stream_open_after_message_stop_is_waited_for_only_a_moment() -> None:
    never = asyncio.Event()
    handler, body = sse_reply(*text_stream("all"), never)
    started = time.monotonic()
    async with make_client(handler) as client:
        _, stream = await asyncio.wait_for(collect(client), 5)
    assert time.monotonic() - started < 2
    assert stream.complete
    assert body.closed
    assert stream.timings.duration is not None
    assert stream.timings.duration < 0.4  # the wait is not the reply's time


@pytest.mark.asyncio
async def test_text_that_is_not_utf8_fails_the_reply() -> None:
    events = text_stream("caf", "X", "!")
    events[3] = events[3].replace(b'"X"', b'"\xe9"')  # Latin-1, as a server with the wrong charset sends it
    handler, _ = sse_reply(*events)
    async with make_client(handler) as client:
        printed, error, stream = await printed_then_raised(client)
    assert "a content_block_delta event that is not UTF-8 text" in error.message
    assert printed == stream.text == "caf"


@pytest.mark.asyncio
async def test_a_gzip_stream_that_turns_to_garbage_fails_the_reply_and_keeps_what_was_handed_out() -> None:
    events = text_stream("before ", "after")
    compressor = zlib.compressobj(wbits=zlib.MAX_WBITS | 16)
    good = compressor.compress(b"".join(events[:3])) + compressor.flush(zlib.Z_SYNC_FLUSH)  # decodable as it is
    body = ScriptedBody(good, b"\xff" * 32)  # then a block of a type that does not exist
    headers = {**SSE_HEADERS, "content-encoding": "gzip"}
    async with make_client(lambda request: httpx.Response(200, headers=headers, stream=body)) as client:
        printed, error, stream = await printed_then_raised(client)
    assert isinstance(error, StreamCorruptError)
    assert error.message.startswith("The reply stream was damaged: the gzip compression could not be undone.")
    assert isinstance(error.__cause__, httpx.DecodingError)
    assert printed == stream.text == "before "
    assert body.closed


@pytest.mark.asyncio
async def test_an_encoding_that_was_not_asked_for_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert "compress" not in request.headers["accept-encoding"]
        headers = {**SSE_HEADERS, "content-encoding": "compress"}
        return httpx.Response(200, headers=headers, content=b"\x1f\x9d\x90garbage")

    async with make_client(handler) as client:
        with pytest.raises(APIError) as caught:
            await collect(client)
        assert "compressed with 'compress', which Samtal did not ask for" in caught.value.message
        with pytest.raises(APIError, match="compress"):
            await client.create(BODY)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("content_type", "page"),
    [
        (
            "text/html; charset=utf-8",
            b"<html><head><title>Hotel  Wi-Fi\nlogin</title></head><body>Sign in</body></html>",
        ),
        ("text/plain", b"  <!DOCTYPE html><html><title>Hotel Wi-Fi login</title>"),
        ("", b"<html><title>Hotel Wi-Fi login</title></html>"),
        ("text/html", b"<p>Hotel Wi-Fi login</p>"),
    ],
)
async def test_a_web_page_answered_instead_of_the_stream_says_so(content_type: str, page: bytes) -> None:
    headers = {"content-type": content_type} if content_type else {}
    body = ScriptedBody(page[:20], page[20:])
    async with make_client(lambda request: httpx.Response(200, headers=headers, stream=body)) as client:
        with pytest.raises(APIError) as caught:
            await collect(client)
    assert caught.value.status == 200
    title = " (“Hotel Wi-Fi login”)" if b"title" in page else ""
    assert caught.value.message == (
        f"The server answered with a web page{title} instead of the API's reply: a proxy, a captive portal or a "
        "wrong base URL is in the way. Check the base URL and the network."
    )
    assert body.closed


@pytest.mark.asyncio
async def test_an_answer_that_holds_no_event_says_so() -> None:
    body = ScriptedBody(b"Service temporarily moved\n")
    handler = lambda request: httpx.Response(200, headers={"content-type": "text/plain"}, stream=body)  # noqa: E731
    async with make_client(handler) as client:
        with pytest.raises(APIError) as caught:
            await collect(client)
    assert caught.value.message == (
        "Unexpected answer from api.anthropic.com (HTTP 200): It is not an event stream (content type text/plain)."
    )


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("items", "message"),
    [
        ((), "The server ended the reply stream before sending anything."),
        ((b'event: message_start\ndata: {"type":"message_st',), "The reply stream ended in the middle of an event"),
        ((b"event: ping\ndata: {}\n\n",), "The reply stream ended before the reply was complete."),
    ],
)
async def test_a_stream_that_ends_early_says_how(items: tuple[bytes, ...], message: str) -> None:
    handler, _ = sse_reply(*items)
    async with make_client(handler) as client:
        with pytest.raises(StreamInterruptedError) as caught:
            await collect(client)
    assert caught.value.message.startswith(message)


@pytest.mark.asyncio
async def test_an_ace_error_envelope_with_200_is_an_error() -> None:
    envelope = {"error": {"code": "too_many_requests", "message": "Slow down"}, "trace_id": "trace-9"}
    async with make_client(lambda request: httpx.Response(200, json=envelope)) as client:
        with pytest.raises(RateLimitError) as caught:
            await collect(client)
    assert (caught.value.message, caught.value.request_id) == ("Slow down", "trace-9")


# --- every httpx error ends in the error tree -------------------------------------------------------


def _httpx_exceptions() -> list[type[Exception]]:
    found = [getattr(httpx, name) for name in httpx.__all__]
    return sorted((c for c in found if isinstance(c, type) and issubclass(c, Exception)), key=lambda c: c.__name__)


def _instance(cls: type[Exception]) -> Exception:
    request = httpx.Request("POST", "https://api.anthropic.com/v1/messages")
    if issubclass(cls, httpx.HTTPStatusError):
        return cls("boom", request=request, response=httpx.Response(500, request=request))
    if issubclass(cls, httpx.RequestError):
        return cls("boom", request=request)
    try:
        return cls("boom")
    except TypeError:
        return cls()


def test_the_list_of_httpx_errors_covers_every_exception_httpx_has() -> None:
    from app.api.client import HTTPX_ERRORS

    assert _httpx_exceptions()  # httpx still lists its exceptions in __all__
    for cls in _httpx_exceptions():
        assert issubclass(cls, HTTPX_ERRORS), cls


@pytest.mark.asyncio
@pytest.mark.parametrize("cls", _httpx_exceptions(), ids=lambda cls: cls.__name__)
async def test_every_httpx_error_before_the_answer_is_an_api_error(cls: type[Exception]) -> None:
    def failing(request: httpx.Request) -> httpx.Response:
        raise _instance(cls)

    async with make_client(failing, max_retries=0) as client:
        with pytest.raises(APIError) as caught:
            await collect(client)
        assert isinstance(caught.value, APIConnectionError)
        with pytest.raises(APIConnectionError):
            await client.count_tokens(BODY)


@pytest.mark.asyncio
@pytest.mark.parametrize("cls", _httpx_exceptions(), ids=lambda cls: cls.__name__)
async def test_every_httpx_error_in_the_middle_of_the_stream_keeps_the_partial_reply(cls: type[Exception]) -> None:
    handler, body = sse_reply(*text_stream("kept")[:3], _instance(cls))
    async with make_client(handler) as client:
        printed, error, stream = await printed_then_raised(client)
    assert isinstance(error, APITimeoutError | StreamInterruptedError | StreamCorruptError)
    assert error.request_id == "req_stream"
    assert printed == stream.text == "kept"
    assert body.closed


@pytest.mark.asyncio
async def test_a_redirect_loop_says_so() -> None:
    handler = lambda request: httpx.Response(307, headers={"location": "/v1/messages"})  # noqa: E731
    async with make_client(handler) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.create(BODY)
    assert (
        caught.value.message
        == "api.anthropic.com redirected the request again and again (a redirect loop); check the base URL."
    )


# --- the other endpoints -----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_create_returns_the_message() -> None:
    reply = json.loads(json.dumps({"id": "msg_1", "type": "message", "role": "assistant", "content": []}))

    async with make_client(lambda request: httpx.Response(200, json=reply)) as client:
        assert await client.create(BODY) == reply


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "reply", [{"id": "m", "type": "message"}, {"type": "message", "content": "hi"}, {"content": ["hi"]}]
)
async def test_create_rejects_a_reply_without_a_list_of_content_blocks(reply: dict[str, Any]) -> None:
    async with make_client(lambda request: httpx.Response(200, json=reply)) as client:
        with pytest.raises(APIError, match="The reply has no list of content blocks"):
            await client.create(BODY)


@pytest.mark.asyncio
async def test_create_and_the_other_endpoints_say_when_a_web_page_answered() -> None:
    page = b"<html><head><title>Proxy login</title></head></html>"
    async with make_client(lambda request: httpx.Response(200, content=page)) as client:
        for call in (client.create(BODY), client.count_tokens(BODY), client.list_models()):
            with pytest.raises(APIError, match=r"answered with a web page \(“Proxy login”\)"):
                await call


@pytest.mark.asyncio
async def test_create_rejects_a_non_json_answer() -> None:
    async with make_client(lambda request: httpx.Response(200, text="Service moved.")) as client:
        with pytest.raises(APIError, match="not JSON") as caught:
            await client.create(BODY)
    assert caught.value.status == 200


@pytest.mark.asyncio
async def test_count_tokens_drops_fields_it_does_not_take() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"input_tokens": 14})

    body = {
        **BODY,
        "stream": True,
        "temperature": 0.5,
        "top_p": 0.9,
        "top_k": 3,
        "stop_sequences": ["x"],
        "metadata": {"user_id": "u"},
        "system": "sys",
        "tools": [],
        "thinking": {"type": "adaptive"},
    }
    async with make_client(handler) as client:
        assert await client.count_tokens(body) == 14
    assert sent[0].url.path == "/v1/messages/count_tokens"
    assert json.loads(sent[0].content) == {
        "model": "claude-x",
        "messages": BODY["messages"],
        "system": "sys",
        "tools": [],
        "thinking": {"type": "adaptive"},
    }


@pytest.mark.asyncio
async def test_count_tokens_needs_an_integer() -> None:
    async with make_client(lambda request: httpx.Response(200, json={"tokens": 3})) as client:
        with pytest.raises(APIError, match="input_tokens"):
            await client.count_tokens(BODY)


def model_pages(pages: dict[str | None, dict[str, Any]], seen: list[httpx.Request]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=pages[request.url.params.get("after_id")])

    return handler


@pytest.mark.asyncio
async def test_list_models_follows_pages() -> None:
    pages: dict[str | None, dict[str, Any]] = {
        None: {"data": [{"id": "claude-a", "display_name": "A"}], "has_more": True, "last_id": "claude-a"},
        "claude-a": {"data": [{"id": "claude-b"}], "has_more": False, "last_id": "claude-b"},
    }
    seen: list[httpx.Request] = []
    async with make_client(model_pages(pages, seen)) as client:
        models = await client.list_models()
    assert [(model.id, model.display_name) for model in models] == [("claude-a", "A"), ("claude-b", "claude-b")]
    assert [request.url.path for request in seen] == ["/v1/models", "/v1/models"]


@pytest.mark.asyncio
async def test_list_models_stops_on_a_repeated_cursor() -> None:
    page = {"data": [{"id": "claude-a"}], "has_more": True, "last_id": "claude-a"}
    seen: list[httpx.Request] = []
    async with make_client(model_pages({None: page, "claude-a": page}, seen)) as client:
        models = await client.list_models()
    assert len(seen) == 2
    assert [model.id for model in models] == ["claude-a", "claude-a"]


@pytest.mark.asyncio
async def test_list_models_from_ace_keeps_only_claude() -> None:
    payload = {"object": "list", "data": [{"id": "gpt-5"}, {"id": "claude-opus-4-5"}, {"id": "gemini-3"}]}
    async with make_client(lambda request: httpx.Response(200, json=payload), provider=Provider.acedata()) as c:
        assert [model.id for model in await c.list_models()] == ["claude-opus-4-5"]
    async with make_client(lambda request: httpx.Response(200, json=payload)) as client:
        assert len(await client.list_models()) == 3  # other providers keep everything


@pytest.mark.asyncio
async def test_list_models_rejects_a_strange_answer() -> None:
    async with make_client(lambda request: httpx.Response(200, json={"models": []})) as client:
        with pytest.raises(APIError, match="data"):
            await client.list_models()


# --- construction, lifetime, secrecy -----------------------------------------------------------------


def test_provider_and_base_url_are_exclusive() -> None:
    with pytest.raises(ValueError, match="either"):
        MessagesClient(token=TOKEN, provider=Provider.acedata(), base_url="https://x.example")


def test_from_environment() -> None:
    client = MessagesClient.from_environment(
        {"ANTHROPIC_AUTH_TOKEN": TOKEN, "ANTHROPIC_BASE_URL": "api.acedata.cloud/v1"}, max_retries=5
    )
    assert (client.provider, client.max_retries) == (Provider.acedata(), 5)
    with pytest.raises(ValueError, match="ANTHROPIC_API_KEY"):
        MessagesClient.from_environment({})


def test_default_timeouts() -> None:
    client = MessagesClient(token=TOKEN)
    assert (client.timeout.connect, client.timeout.read) == (5.0, 600.0)


@pytest.mark.asyncio
async def test_the_http_client_is_made_on_first_use_only(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []
    real = httpx.AsyncClient

    def spy(**options: Any) -> httpx.AsyncClient:
        made.append(options)
        return real(**options)

    monkeypatch.setattr(httpx, "AsyncClient", spy)
    reply = httpx.MockTransport(lambda r: httpx.Response(200, json={"content": []}))
    client = MessagesClient(token=TOKEN, transport=reply)
    assert made == []
    await client.create(BODY)
    await client.create(BODY)
    assert len(made) == 1
    assert made[0]["follow_redirects"] is True  # type: ignore[index]
    await client.aclose()
    with pytest.raises(RuntimeError, match="closed"):
        await client.create(BODY)


@pytest.mark.asyncio
async def test_a_given_http_client_is_used_and_left_open() -> None:
    reply = httpx.MockTransport(lambda r: httpx.Response(200, json={"content": []}))
    async with httpx.AsyncClient(transport=reply) as http:
        client = MessagesClient(token=TOKEN, http_client=http)
        assert await client.create(BODY) == {"content": []}
        await client.aclose()
        assert not http.is_closed


@pytest.mark.asyncio
async def test_the_token_appears_in_no_repr_error_or_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    echo = {"type": "error", "error": {"type": "authentication_error", "message": f"invalid x-api-key {TOKEN}"}}
    replies = iter([httpx.Response(529), httpx.Response(401, json=echo)])
    client = make_client(lambda request: next(replies), sleep=lambda seconds: asyncio.sleep(0))
    texts = [repr(client), str(client)]
    with pytest.raises(AuthenticationError) as caught:
        await client.create(BODY)
    texts += [str(caught.value), repr(caught.value), caught.value.message, caplog.text]

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused {request.url}")

    async with make_client(refuse, max_retries=0) as failing:
        with pytest.raises(APIError) as transport_error:
            await failing.create(BODY)
    texts += [str(transport_error.value), repr(transport_error.value)]
    await client.aclose()
    assert "Retrying POST /v1/messages" in caplog.text  # the log was captured, and still holds no token
    assert all(TOKEN not in text for text in texts)
    assert all(TOKEN[8:20] not in text for text in texts)


@pytest.mark.asyncio
async def test_a_transport_error_quoting_the_auth_header_is_redacted() -> None:
    # httpx's errors may quote a header value (h11: "Illegal header value b'…'"); the token never goes on.
    def quoting(request: httpx.Request) -> httpx.Response:
        raise httpx.LocalProtocolError(f"Illegal header value {request.headers['x-api-key'].encode()!r}")

    async with make_client(quoting, max_retries=0) as client:
        with pytest.raises(APIError) as caught:
            await client.create(BODY)
    texts = [str(caught.value), repr(caught.value), caught.value.message]
    assert "Illegal header value" in caught.value.message
    assert all(TOKEN[8:20] not in text for text in texts)


# --- the package -------------------------------------------------------------------------------------


def test_importing_the_api_loads_no_qt_and_no_other_layer() -> None:
    code = (
        "import sys, app.api\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qasync')"
        " or m.split('.')[:2] in (['app', 'store'], ['app', 'ui'], ['app', 'chat'], ['app', 'demo']))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        cwd=Path(__file__).parents[3],
    )
    assert result.stdout.strip() == ""


def test_all_is_honest() -> None:
    assert sorted(app.api.__all__) == sorted(set(app.api.__all__))
    for name in app.api.__all__:
        assert getattr(app.api, name) is not None
    public = {
        name for name, value in vars(app.api).items() if not name.startswith("_") and not isinstance(value, type(app))
    }
    assert public == set(app.api.__all__)


@pytest.mark.asyncio
async def test_a_thinking_block_carries_how_long_it_took_from_its_start_to_its_stop() -> None:
    gate = asyncio.Event()
    start = {"id": "msg_1", "type": "message", "role": "assistant", "model": "m", "content": [], "usage": {}}
    handler, _ = sse_reply(
        sse({"type": "message_start", "message": start}),
        sse({"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": ""}}),
        sse({"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "Hm."}}),
        gate,  # the model thinks for a while
        sse({"type": "content_block_stop", "index": 0}),
        sse({"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}}),
        sse({"type": "content_block_delta", "index": 1, "delta": {"type": "text_delta", "text": "Yes."}}),
        sse({"type": "content_block_stop", "index": 1}),
        sse({"type": "message_stop"}),
    )
    asyncio.get_running_loop().call_later(0.3, gate.set)
    async with make_client(handler) as client:
        _, stream = await collect(client)
    thinking, text = stream.message["content"]
    assert 0.3 <= thinking["_thought_seconds"] < 5  # measured on the stream's clock, in seconds
    assert "_thought_seconds" not in text  # only thinking is timed
    assert strip_private([thinking]) == [{"type": "thinking", "thinking": "Hm."}]  # never sent back to the API
