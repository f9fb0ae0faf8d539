"""The exchange runner against the real demo server (scripted streams) and a real SQLite store: what it
sends, what it records while the reply streams and at its end, how each way of ending comes out, and how a
paused turn goes on by itself."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from app.api import MessagesClient
from app.chat.exchange import (
    MAX_PAUSE_CONTINUATIONS,
    Exchange,
    ReplyStopped,
    can_continue,
    can_retry,
    model_to_continue_with,
    request_body,
    size_problem,
)
from app.demo import DemoServer, Drop, Hang, Pause, Reply, Stream, text_events
from app.store import Message, MessageError, Store, StoreWriteError
from tests.fixtures.reply_events import reply_events, reply_message
from tests.fixtures.waiting import until

MODEL = "claude-demo-sonnet-5"


@pytest_asyncio.fixture
async def client(demo_server: DemoServer) -> AsyncIterator[MessagesClient]:
    async with MessagesClient(base_url=demo_server.url, token="sk-test-exchange") as opened:
        yield opened


def begin(store: Store, question: str = "hello", **options: Any) -> tuple[int, Exchange]:
    """A conversation with the question saved, and the exchange of its reply (row created)."""
    conversation = store.create_conversation(params={"model": MODEL, "max_tokens": 500})
    store.add_message(conversation.id, "user", question)
    body = request_body(
        store.messages.api_messages(store.path(conversation.id)), None, {"model": MODEL, "max_tokens": 500}
    )
    return conversation.id, Exchange.start(store, conversation.id, body=body, model=MODEL, **options)


def sent(server: DemoServer, index: int = -1) -> dict[str, Any]:
    body = server.requests[index].json
    assert isinstance(body, dict)
    return body


def test_the_runner_imports_no_qt() -> None:
    code = "import sys, app.chat.exchange; print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout.strip() == "[]"


def test_the_request_is_the_branch_and_the_new_message() -> None:
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": [{"type": "text", "text": "yo"}]}]
    body = request_body(history, "and now?", {"model": "m", "max_tokens": 9})
    assert body == {
        "model": "m",
        "max_tokens": 9,
        "messages": [*history, {"role": "user", "content": [{"type": "text", "text": "and now?"}]}],
    }
    assert request_body(history, None, {"model": "m"})["messages"] == history
    assert size_problem(body) is None
    huge = request_body([], "x" * 33_000_000, {"model": "m"})
    assert size_problem(huge) is not None
    assert "32 MB" in str(size_problem(huge))


@pytest.mark.asyncio
async def test_a_reply_streams_through_the_callback_and_is_saved_complete(
    store: Store, client: MessagesClient, demo_server: DemoServer
) -> None:
    demo_server.script.push(Stream(text_events("Hello there.", model=MODEL)))
    conversation_id, exchange = begin(store)
    seen: list[str] = []
    outcome = await exchange.run(client, on_event=lambda event: seen.append(event["type"]))
    assert (outcome.status, outcome.error, outcome.saved) == ("complete", None, True)
    assert seen[0] == "message_start"
    assert seen[-1] == "message_stop"
    assert "ping" not in seen
    reply = store.path(conversation_id)[-1]
    assert (reply.id, reply.status, reply.text, reply.stop_reason) == (
        exchange.message_id,
        "complete",
        "Hello there.",
        "end_turn",
    )
    assert reply.timings is not None
    assert reply.timings["duration"] > 0
    assert reply.response_headers is not None
    assert reply.response_headers["request-id"] == outcome.request_id
    assert store.requests.get(reply.id) == exchange.body
    assert "stream" not in exchange.body  # the client adds it to what it sends
    assert sent(demo_server)["stream"] is True


@pytest.mark.asyncio
async def test_the_reply_is_in_the_store_while_it_streams_and_a_stop_keeps_it(
    store: Store, client: MessagesClient, demo_server: DemoServer
) -> None:
    events = text_events("Partial words and more words", model=MODEL, chunk=8)
    demo_server.script.push(Stream([*events[:5], Hang()]))
    conversation_id, exchange = begin(store, record_interval=0.05)
    task = asyncio.ensure_future(exchange.run(client))
    await until(lambda: store.path(conversation_id)[-1].text)  # saved with the first words, before the end
    assert store.path(conversation_id)[-1].status == "streaming"
    task.cancel()
    outcome = await task
    assert outcome.status == "stopped"
    reply = store.path(conversation_id)[-1]
    assert (reply.status, reply.text) == ("stopped", "Partial words an")
    assert reply.usage is not None
    assert reply.usage["_estimated_output"] is True  # cut before the API counted


@pytest.mark.asyncio
async def test_a_callback_can_stop_the_reply_and_a_bug_in_it_fails_it(
    store: Store, client: MessagesClient, demo_server: DemoServer
) -> None:
    demo_server.script.push(Stream(text_events("One two three four", model=MODEL, chunk=4)))
    demo_server.script.push(Stream(text_events("One two three four", model=MODEL, chunk=4)))

    def stop_at_text(event: dict[str, Any]) -> None:
        if event["type"] == "content_block_delta":
            raise ReplyStopped

    conversation_id, exchange = begin(store)
    outcome = await exchange.run(client, on_event=stop_at_text)
    assert (outcome.status, type(outcome.ended_by)) == ("stopped", ReplyStopped)
    assert store.path(conversation_id)[-1].text == "One "

    def broken(event: dict[str, Any]) -> None:
        raise TypeError("unexpected NoneType")

    conversation_id, exchange = begin(store)
    outcome = await exchange.run(client, on_event=broken)
    assert outcome.status == "error"
    assert outcome.error is not None
    assert (outcome.error.type, outcome.error.message) == ("internal_error", "TypeError: unexpected NoneType")
    assert isinstance(outcome.ended_by, TypeError)
    assert store.path(conversation_id)[-1].status == "error"


@pytest.mark.asyncio
async def test_errors_and_lost_connections_keep_what_arrived(
    store: Store, client: MessagesClient, demo_server: DemoServer
) -> None:
    events = text_events("Cut off in the middle", model=MODEL, chunk=6)
    demo_server.script.push(Stream([*events[:5], Pause(0.01), Drop()]))
    conversation_id, exchange = begin(store)
    outcome = await exchange.run(client)
    assert outcome.status == "interrupted"
    assert outcome.error is not None
    assert outcome.error.type == "stream_interrupted"
    reply = store.path(conversation_id)[-1]
    assert (reply.status, reply.text) == ("interrupted", "Cut off in t")

    demo_server.script.push(Reply(401))
    conversation_id, exchange = begin(store)
    outcome = await exchange.run(client)
    assert (outcome.status, outcome.message["content"]) == ("error", [])
    reply = store.path(conversation_id)[-1]
    assert reply.error is not None
    assert reply.error.type == "authentication_error"


@pytest.mark.asyncio
async def test_a_store_that_fails_is_raised_and_a_deleted_reply_ends_quietly(
    store: Store, client: MessagesClient, demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_server.script.push(Stream(text_events("Words", model=MODEL)))
    _conversation_id, exchange = begin(store)
    assert exchange.recorder is not None

    def full(*_args: object, **_kwargs: object) -> bool:
        raise StoreWriteError(None, "the disk is full")

    monkeypatch.setattr(exchange.recorder, "update", full)
    with pytest.raises(StoreWriteError):
        await exchange.run(client)

    events = text_events("Never finished", model=MODEL)
    demo_server.script.push(Stream([*events[:4], Pause(0.3), *events[4:]]))
    conversation_id, exchange = begin(store, record_interval=0.0)
    task = asyncio.ensure_future(exchange.run(client))
    await until(lambda: store.path(conversation_id)[-1].text)
    store.conversations.delete(conversation_id)
    await until(lambda: task.done())  # the next event finds the row gone
    outcome = task.result()
    assert (outcome.status, outcome.saved) == ("stopped", False)


@pytest.mark.asyncio
async def test_without_a_store_nothing_is_saved(client: MessagesClient, demo_server: DemoServer) -> None:
    demo_server.script.push(Stream(text_events("Not kept.", model=MODEL)))
    exchange = Exchange(request_body([], "hi", {"model": MODEL, "max_tokens": 50}))
    outcome = await exchange.run(client)
    assert (outcome.status, outcome.saved, exchange.message_id) == ("complete", False, None)
    assert outcome.message["content"] == [{"type": "text", "text": "Not kept."}]
    with pytest.raises(RuntimeError):
        await exchange.run(client)  # once


@pytest.mark.asyncio
async def test_a_reply_received_at_once(store: Store, client: MessagesClient, demo_server: DemoServer) -> None:
    demo_server.script.push(Reply(body=reply_message([{"type": "text", "text": "All at once."}])))
    conversation_id, exchange = begin(store, streamed=False)
    seen: list[object] = []
    outcome = await exchange.run(client, on_event=seen.append)
    assert (outcome.status, seen) == ("complete", [])
    assert sent(demo_server)["stream"] is False
    reply = store.path(conversation_id)[-1]
    assert reply.text == "All at once."
    assert reply.timings is not None
    assert reply.timings["duration"] == reply.timings["time_to_first_text"] > 0
    assert "output_tokens_per_second" not in reply.timings


@pytest.mark.asyncio
async def test_going_on_from_a_saved_reply_appends_to_it(
    store: Store, client: MessagesClient, demo_server: DemoServer
) -> None:
    conversation_id, exchange = begin(store)
    demo_server.script.push(
        Stream(
            reply_events([{"type": "text", "text": "The first half, "}], usage={"input_tokens": 5, "output_tokens": 4})
        )
    )
    await exchange.run(client)
    first = store.path(conversation_id)[-1]
    base = [{"type": "text", "text": first.text.rstrip()}]
    body = request_body(
        [*store.messages.api_messages(store.path(conversation_id)[:-1]), {"role": "assistant", "content": base}],
        None,
        {"model": MODEL},
    )
    demo_server.script.push(
        Stream(
            reply_events([{"type": "text", "text": " and the rest."}], usage={"input_tokens": 9, "output_tokens": 3})
        )
    )
    going_on = Exchange.resume(store, first, body=body, base_content=base)
    assert store.message(first.id).status == "streaming"
    outcome = await going_on.run(client)
    continued = store.message(first.id)
    assert (outcome.status, continued.status) == ("complete", "complete")
    assert continued.content == [{"type": "text", "text": "The first half, and the rest."}]
    assert continued.usage == {"input_tokens": 9, "output_tokens": 4 + 3}  # the new request's input, all the output
    assert store.requests.get(first.id) == body
    assert sent(demo_server)["messages"][-1] == {"role": "assistant", "content": base}


# --- pause_turn: the paused turn goes back as it is, and the reply is one ------------------------------

SEARCH_CALL = {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "lake depth"}}
SEARCH_RESULT = {
    "type": "web_search_tool_result",
    "tool_use_id": "srvtoolu_1",
    "content": [
        {
            "type": "web_search_result",
            "url": "https://example.org/lakes",
            "title": "Lakes of Sweden",
            "page_age": "2026-03-01",
            "encrypted_content": "EqQBCioIBhgCIiQ0",
        }
    ],
}
CITED = {
    "type": "text",
    "text": "Hornavan is the deepest lake in Sweden.",
    "citations": [
        {
            "type": "web_search_result_location",
            "url": "https://example.org/lakes",
            "title": "Lakes of Sweden",
            "cited_text": "Hornavan, 221 m deep",
            "encrypted_index": "Eo8BCioIBhgC",
        }
    ],
}
PAUSED_USAGE = {
    "input_tokens": 100,
    "output_tokens": 30,
    "cache_read_input_tokens": 0,
    "server_tool_use": {"web_search_requests": 1},
    "service_tier": "standard",
}
FINAL_USAGE = {
    "input_tokens": 180,
    "output_tokens": 12,
    "cache_read_input_tokens": 50,
    "server_tool_use": {"web_search_requests": 0},
    "service_tier": "standard",
}
THINKING = {"type": "thinking", "thinking": "", "signature": "c2lnbmF0dXJlLW9taXR0ZWQ="}  # display: omitted


@pytest.mark.asyncio
async def test_a_paused_turn_is_sent_back_as_it_is_and_stored_as_one_reply(
    store: Store, client: MessagesClient, demo_server: DemoServer
) -> None:
    paused = [THINKING, {"type": "text", "text": "Let me look that up."}, SEARCH_CALL, SEARCH_RESULT]
    demo_server.script.push(Stream(reply_events(paused, stop_reason="pause_turn", usage=PAUSED_USAGE)))
    demo_server.script.push(Stream(reply_events([CITED], usage=FINAL_USAGE, message_id="msg_second")))
    conversation_id, exchange = begin(store, "How deep is Hornavan?")
    texts: list[str] = []
    outcome = await exchange.run(
        client,
        on_event=lambda e: texts.append(e["delta"].get("text", "")) if e["type"] == "content_block_delta" else None,
    )
    assert (outcome.status, outcome.stop_reason, outcome.continuations) == ("complete", "end_turn", 1)
    assert "".join(texts).endswith("Let me look that up." + CITED["text"])  # one stream, without a break

    first, second = sent(demo_server, 0), sent(demo_server, 1)
    # No new user message: the paused content is the last message, exactly as it came.
    assert second["messages"] == [*first["messages"], {"role": "assistant", "content": paused}]
    assert {k: v for k, v in second.items() if k != "messages"} == {k: v for k, v in first.items() if k != "messages"}

    reply = store.path(conversation_id)[-1]
    assert reply.content == [*paused, CITED]
    assert (reply.status, reply.stop_reason, reply.api_id) == ("complete", "end_turn", "msg_second")
    assert reply.usage == {
        "input_tokens": 280,
        "output_tokens": 42,
        "cache_read_input_tokens": 50,
        "server_tool_use": {"web_search_requests": 1},
        "service_tier": "standard",
    }
    assert store.requests.get(reply.id) == exchange.body  # the request the user's message made
    assert reply.timings is not None
    assert reply.timings["duration"] >= reply.timings["time_to_first_byte"]


@pytest.mark.asyncio
async def test_a_turn_that_keeps_pausing_ends_after_a_few_rounds_and_continue_goes_on(
    store: Store, client: MessagesClient, demo_server: DemoServer
) -> None:
    rounds = MAX_PAUSE_CONTINUATIONS + 1
    for number in range(rounds):
        search = {**SEARCH_CALL, "id": f"srvtoolu_{number}"}
        result = {**SEARCH_RESULT, "tool_use_id": f"srvtoolu_{number}"}
        demo_server.script.push(Stream(reply_events([search, result], stop_reason="pause_turn")))
    conversation_id, exchange = begin(store)
    outcome = await exchange.run(client)
    assert (outcome.status, outcome.stop_reason, outcome.continuations) == ("complete", "pause_turn", 5)
    assert len(demo_server.requests) == rounds
    reply = store.path(conversation_id)[-1]
    assert len(reply.content) == 2 * rounds
    assert reply.stop_reason == "pause_turn"
    assert can_continue(reply)
    assert not can_retry(reply)


@pytest.mark.asyncio
async def test_a_continuation_that_fails_keeps_the_paused_part(
    store: Store, client: MessagesClient, demo_server: DemoServer
) -> None:
    demo_server.script.push(Stream(reply_events([SEARCH_CALL, SEARCH_RESULT], stop_reason="pause_turn")))
    second = reply_events([{"type": "text", "text": "Hornavan is deep"}])
    demo_server.script.push(Stream([*second[:4], Pause(0.01), Drop()]))
    conversation_id, exchange = begin(store)
    outcome = await exchange.run(client)
    assert outcome.status == "interrupted"
    reply = store.path(conversation_id)[-1]
    assert reply.status == "interrupted"
    assert reply.content[:2] == [SEARCH_CALL, SEARCH_RESULT]
    assert reply.text.startswith("Hornavan")


# --- what may be retried or continued --------------------------------------------------------------------


def reply(**fields: Any) -> Message:
    base: dict[str, Any] = {
        "id": 2,
        "uuid": "u",
        "conversation_id": 1,
        "parent_id": 1,
        "role": "assistant",
        "content": [{"type": "text", "text": "words"}],
        "status": "complete",
        "created_at": None,
    }
    return Message(**{**base, **fields})


def test_what_a_reply_offers() -> None:
    assert not can_retry(reply())
    assert not can_continue(reply())
    assert can_continue(reply(stop_reason="max_tokens"))
    assert can_retry(reply(status="error"))
    assert can_continue(reply(status="error"))
    assert not can_continue(reply(status="error", content=[{"type": "tool_use", "id": "t", "name": "f", "input": {}}]))
    declined = reply(stop_reason="refusal", content=[], stop_details={"type": "refusal", "category": "cyber"})
    assert can_retry(declined)
    assert not can_continue(declined)
    full = reply(stop_reason="model_context_window_exceeded")
    assert not can_continue(full)
    assert not can_retry(full)
    assert can_continue(reply(stop_reason="pause_turn", content=[SEARCH_CALL, SEARCH_RESULT]))


def test_a_reply_whose_model_is_gone_offers_its_lines_current_model_and_no_other_does() -> None:
    gone = MessageError("not_found_error", "claude-demo-opus-4-1 is no longer available")
    failed = reply(status="error", content=[], model="claude-demo-opus-4-1", error=gone)
    assert model_to_continue_with(failed) == "claude-demo-opus-5"
    assert model_to_continue_with(reply(status="error", model="claude-demo-opus-4-1")) is None  # no error kept
    overloaded = MessageError("overloaded_error", "Overloaded")
    assert model_to_continue_with(reply(status="error", model="claude-demo-opus-4-1", error=overloaded)) is None
    assert model_to_continue_with(reply(status="error", model="gpt-unknown", error=gone)) is None  # none known
    assert model_to_continue_with(reply(status="error", model="claude-demo-opus-5", error=gone)) is None  # newest
