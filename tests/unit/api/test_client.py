"""MessagesClient and MessageStream over httpx.MockTransport: headers, streaming, stopping, endpoints."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
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
    StreamInterruptedError,
    StreamTimings,
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
            json={"type": "error", "error": {"type": "not_found_error", "message": "model: nope"}},
        )

    async with make_client(handler) as client:
        with pytest.raises(APIError) as caught:
            await collect(client)
    assert (caught.value.status, caught.value.message, caught.value.request_id) == (404, "model: nope", "req_404")


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


# --- the other endpoints -----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_create_returns_the_message() -> None:
    reply = json.loads(json.dumps({"id": "msg_1", "type": "message", "role": "assistant", "content": []}))

    async with make_client(lambda request: httpx.Response(200, json=reply)) as client:
        assert await client.create(BODY) == reply


@pytest.mark.asyncio
async def test_create_rejects_a_non_json_answer() -> None:
    async with make_client(lambda request: httpx.Response(200, text="<html>hi</html>")) as client:
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
    client = MessagesClient(token=TOKEN, transport=httpx.MockTransport(lambda r: httpx.Response(200, json={})))
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
    async with httpx.AsyncClient(transport=httpx.MockTransport(lambda r: httpx.Response(200, json={}))) as http:
        client = MessagesClient(token=TOKEN, http_client=http)
        assert await client.create(BODY) == {}
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
