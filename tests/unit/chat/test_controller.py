"""The chat controller against the real demo server and a real SQLite store: every flow of a reply."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import app.attachments
from app.api.params import Problem
from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController
from app.chat.exchange import can_continue, can_retry
from app.demo import DemoServer, Drop, Hang, Pause, Reply, Stream, text_events
from app.store import ReplyDetails, Store
from tests.fixtures.chat import DEMO_TOKEN as TOKEN
from tests.fixtures.reply_events import reply_events
from tests.fixtures.waiting import until


@pytest.fixture
def controller(store: Store, connections: ConnectionManager) -> ChatController:
    return ChatController(
        store, connections, default_params=lambda: {"model": "claude-demo-sonnet-4-6", "max_tokens": 2000}
    )


class Recorder:
    """Collects the controller's signals."""

    def __init__(self, controller: ChatController) -> None:
        self.progress: list[tuple[int, int, str]] = []
        self.finished: list[tuple[int, int, str]] = []
        self.problems: list[str] = []
        controller.reply_progress.connect(lambda c, m, partial: self.progress.append((c, m, _text(partial))))
        controller.reply_finished.connect(lambda c, m, s: self.finished.append((c, m, s)))
        controller.problem.connect(self.problems.append)


def _start(controller: ChatController, content: str | list[dict[str, Any]]) -> int:
    """Send ``content`` in a new conversation; returns the conversation's id."""
    opened: list[int] = []
    assert controller.send(None, content, opened=opened.append) is None
    return opened[0]


def _text(message: dict[str, Any]) -> str:
    return "".join(b.get("text", "") for b in message.get("content", []) if b.get("type") == "text")


@pytest.mark.asyncio
async def test_send_streams_and_saves_the_complete_reply(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    cid = _start(controller, "Show me a table please")
    assert cid is not None
    assert controller.is_streaming(cid)
    await until(lambda: seen.finished)
    assert seen.finished == [(cid, seen.finished[0][1], "complete")]
    path = store.path(cid)
    assert [m.role for m in path] == ["user", "assistant"]
    reply = path[-1]
    assert reply.status == "complete"
    assert reply.stop_reason == "end_turn"
    assert "|" in reply.text  # the demo's showcase has a table
    assert reply.usage is not None
    assert reply.usage["output_tokens"] > 0
    assert reply.timings is not None
    assert "duration" in reply.timings
    assert reply.response_headers is not None
    assert reply.response_headers.get("request-id", "").startswith("req_")
    # What was sent: the conversation's parameters, the token nowhere in the stored request.
    request = store.requests.get(reply.id)
    assert request is not None
    assert request["model"] == "claude-demo-sonnet-4-6"
    assert request["messages"] == [{"role": "user", "content": [{"type": "text", "text": "Show me a table please"}]}]
    assert TOKEN not in str(request)
    sent = demo_server.requests[-1]
    assert sent.headers["x-api-key"] == TOKEN
    assert "temperature" not in sent.json  # unset parameters are not sent
    # The last progress update carried the whole text; the title came from the first message.
    assert seen.progress[-1][2] == reply.text
    assert store.conversation(cid).title.startswith("Show me a table")
    assert not controller.is_streaming(cid)


@pytest.mark.asyncio
async def test_a_new_conversation_is_created_first_then_sent_to(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    started: list[tuple[int, int]] = []
    controller.reply_started.connect(lambda c, m: started.append((c, m)))
    at_opening: list[tuple[int, list[str], list[tuple[int, int]]]] = []

    def opened(conversation_id: int) -> None:  # what the window sees when it shows the new conversation
        path = [m.role for m in store.path(conversation_id)]
        at_opening.append((conversation_id, path, list(started)))

    assert controller.send(None, "hello", new_params={"temperature": 0.3}, opened=opened) is None
    ((cid, path, started_then),) = at_opening
    assert (path, started_then) == ([], [])  # opened before its message and its reply
    assert store.conversation(cid).params["temperature"] == 0.3
    assert [c for c, _m in started] == [cid]  # then the reply started in it, for all to follow
    await until(lambda: seen.finished)
    assert [m.role for m in store.path(cid)] == ["user", "assistant"]


@pytest.mark.asyncio
async def test_updates_are_coalesced(qtbot: QtBot, controller: ChatController, demo_server: DemoServer) -> None:
    events = text_events("word " * 400, model="claude-demo-sonnet-4-6", chunk=5)  # 400 deltas at once
    demo_server.script.push(Stream(events))
    seen = Recorder(controller)
    _start(controller, "hi")
    await until(lambda: seen.finished)
    deltas = sum(1 for e in events if e["type"] == "content_block_delta")
    assert deltas == 400
    assert len(seen.progress) < deltas / 4  # flushed on a timer, not per delta


@pytest.mark.asyncio
async def test_stop_keeps_the_partial_reply(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    events = text_events("Partial answer that never ends", model="claude-demo-sonnet-4-6", chunk=8)
    demo_server.script.push(Stream([*events[:4], Hang()]))
    seen = Recorder(controller)
    cid = _start(controller, "hello")
    assert cid is not None
    await until(lambda: seen.progress and seen.progress[-1][2])
    controller.stop(cid)
    await until(lambda: seen.finished)
    reply = store.path(cid)[-1]
    assert reply.status == "stopped"
    assert reply.text == "Partial "
    assert seen.finished[-1][2] == "stopped"
    # Cut off before the API reported the output tokens: estimated from the text, and marked so.
    assert reply.usage is not None
    assert reply.usage["_estimated_output"] is True
    assert reply.usage["output_tokens"] == 2


@pytest.mark.asyncio
async def test_error_then_retry_makes_a_sibling(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    demo_server.script.push(
        Reply(
            status=400,
            headers={"request-id": "req_bad"},
            body={
                "type": "error",
                "error": {"type": "invalid_request_error", "message": "max_tokens: too large"},
                "request_id": "req_bad",
            },
        )
    )
    seen = Recorder(controller)
    cid = _start(controller, "hello")
    assert cid is not None
    await until(lambda: seen.finished)
    failed = store.path(cid)[-1]
    assert failed.status == "error"
    assert failed.error is not None
    assert (failed.error.type, failed.error.request_id) == ("invalid_request_error", "req_bad")
    assert "max_tokens" in failed.error.message
    controller.retry(failed.id)
    await until(lambda: len(seen.finished) == 2)
    retried = store.path(cid)[-1]
    assert retried.id != failed.id
    assert retried.status == "complete"
    assert [m.id for m in store.messages.siblings(retried.id)] == [failed.id, retried.id]


@pytest.mark.asyncio
async def test_dropped_stream_is_interrupted_and_continue_appends(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    events = text_events("The first half, ", model="claude-demo-sonnet-4-6", chunk=6)
    demo_server.script.push(Stream([*events[:-3], Pause(0.01), Drop()]))  # no message_stop
    seen = Recorder(controller)
    cid = _start(controller, "Tell me something")
    assert cid is not None
    await until(lambda: seen.finished)
    reply = store.path(cid)[-1]
    assert reply.status == "interrupted"
    assert reply.error is not None
    assert reply.error.type == "stream_interrupted"
    partial = reply.text
    assert partial.startswith("The first")
    demo_server.script.push(Stream(text_events("and the second half.", model="claude-demo-sonnet-4-6")))
    controller.continue_reply(reply.id)
    await until(lambda: len(seen.finished) == 2)
    continued = store.message(reply.id)
    assert continued.status == "complete"
    assert continued.text == partial.rstrip() + "and the second half."
    # The continuation was asked with the partial text as a prefill (no trailing whitespace).
    body = demo_server.requests[-1].json
    assert body["messages"][-1] == {"role": "assistant", "content": [{"type": "text", "text": partial.rstrip()}]}
    assert len(store.path(cid)) == 2  # the same message grew; no new branch


@pytest.mark.asyncio
async def test_continue_after_max_tokens(qtbot: QtBot, controller: ChatController, store: Store) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 12})
    controller.send(cid, "Write something long please")
    await until(lambda: seen.finished)
    first = store.path(cid)[-1]
    assert first.stop_reason == "max_tokens"
    controller.continue_reply(first.id)
    await until(lambda: len(seen.finished) == 2)
    grown = store.message(first.id)
    assert len(grown.text) > len(first.text)
    assert grown.text.startswith(first.text.rstrip())


@pytest.mark.asyncio
async def test_a_continue_too_large_to_send_is_refused_before_anything_changes(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 12})
    controller.send(cid, "Write something long please")
    await until(lambda: seen.finished)
    first = store.path(cid)[-1]
    sent = len(demo_server.requests)
    monkeypatch.setattr(app.attachments, "MAX_REQUEST_BYTES", 200)  # the history alone is larger
    controller.continue_reply(first.id)
    assert seen.problems
    assert "limit" in seen.problems[-1]
    assert not controller.is_streaming(cid)
    assert store.message(first.id).status == first.status  # not left "streaming"
    await asyncio.sleep(0.05)
    assert len(demo_server.requests) == sent


@pytest.mark.parametrize("started", [True, False], ids=["streaming", "before-its-task-ran"])
@pytest.mark.asyncio
async def test_a_reply_deleted_with_its_conversation_ends_quietly(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer, started: bool
) -> None:
    failures: list[dict[str, Any]] = []
    asyncio.get_running_loop().set_exception_handler(lambda _loop, context: failures.append(context))
    demo_server.script.push(Stream([*text_events("Never finished", model="m", chunk=4)[:4], Hang()]))
    seen = Recorder(controller)
    cid = _start(controller, "hello")
    assert cid is not None
    if started:
        await until(lambda: seen.progress and seen.progress[-1][2])
    controller.stop(cid)  # as Delete Permanently does, then deletes at once
    store.conversations.delete(cid)
    await until(lambda: seen.finished)
    assert seen.finished == [(cid, seen.finished[0][1], "stopped")]
    await asyncio.sleep(0.05)
    gc.collect()  # a task's exception nobody retrieved is reported when the task is collected
    assert failures == []


@pytest.mark.asyncio
async def test_edit_makes_a_branch_and_siblings_switch(qtbot: QtBot, controller: ChatController, store: Store) -> None:
    seen = Recorder(controller)
    cid = _start(controller, "short first question")
    assert cid is not None
    await until(lambda: seen.finished)
    original_user = store.path(cid)[0]
    controller.edit_and_resend(original_user.id, "short second question")
    await until(lambda: len(seen.finished) == 2)
    path = store.path(cid)
    assert path[0].text == "short second question"
    assert [m.id for m in store.messages.siblings(path[0].id)] == [original_user.id, path[0].id]
    branches = []
    controller.branch_changed.connect(branches.append)
    controller.switch_sibling(path[0].id, -1)
    assert branches == [cid]
    assert store.path(cid)[0].id == original_user.id
    assert store.path(cid)[-1].role == "assistant"  # the old branch's reply is back
    controller.switch_sibling(original_user.id, -1)  # already the first: nothing happens
    assert branches == [cid]


@pytest.mark.asyncio
async def test_regenerate_and_two_conversations_stream_at_once(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    first_events = text_events("alpha beta gamma", model="m")
    second_events = text_events("delta epsilon zeta", model="m")
    demo_server.script.push(Stream([*first_events[:4], Hang()]))
    demo_server.script.push(Stream([*second_events[:4], Pause(0.3), *second_events[4:]]))
    seen = Recorder(controller)
    first = _start(controller, "one")
    second = _start(controller, "two")
    assert first is not None
    assert second is not None
    await until(lambda: {c for c, _m, text in seen.progress if text} == {first, second})
    assert controller.is_streaming(first)
    assert controller.is_streaming(second)  # both at once
    # The two requests race to the server: either may get the hanging stream.
    hanging = next(c for c, _m, text in seen.progress if text and "alpha beta gamma".startswith(text))
    other = second if hanging == first else first
    refusal = controller.send(hanging, "again?")
    assert refusal is not None  # one reply at a time per conversation
    assert "streaming" in refusal.message
    controller.stop(hanging)
    await until(lambda: len(seen.finished) == 2)
    statuses = {c: s for c, _m, s in seen.finished}
    assert statuses == {hanging: "stopped", other: "complete"}
    assert store.path(other)[-1].text == "delta epsilon zeta"
    reply = store.path(other)[-1]
    controller.regenerate(reply.id)
    await until(lambda: len(seen.finished) == 3)
    assert len(store.messages.siblings(store.path(other)[-1].id)) == 2


@pytest.mark.asyncio
async def test_an_ai_title_in_markdown_is_kept_as_plain_text(
    qtbot: QtBot, store: Store, connections: ConnectionManager, demo_server: DemoServer
) -> None:
    controller = ChatController(store, connections, default_params=lambda: {"model": "m"}, ai_titles=lambda: True)
    answer = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "m",
        "content": [{"type": "text", "text": "# **Sourdough** at `home`"}],
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 5, "output_tokens": 5},
    }
    demo_server.script.push(Stream(text_events("Knead it well.", model="m")))  # the reply
    demo_server.script.push(Reply(body=answer))  # then the title
    cid = _start(controller, "How do I bake sourdough bread at home?")
    assert cid is not None
    await until(lambda: store.conversation(cid).title == "Sourdough at home")


@pytest.mark.asyncio
async def test_no_connection_refuses_to_send(
    qtbot: QtBot, controller: ChatController, connections: ConnectionManager, store: Store
) -> None:
    connections.drop_connection()
    seen = Recorder(controller)
    refusal = controller.send(None, "hello", opened=lambda _cid: pytest.fail("nothing is created"))
    assert refusal is not None
    assert "provider" in refusal.message
    assert seen.problems == []  # returned, for the caller to show where it belongs
    assert store.conversations.count() == 0


@pytest.mark.asyncio
async def test_ai_title_is_asked_after_the_first_reply(
    qtbot: QtBot, store: Store, connections: ConnectionManager, demo_server: DemoServer
) -> None:
    controller = ChatController(store, connections, default_params=lambda: {"model": "m"}, ai_titles=lambda: True)
    changed: list[int] = []
    controller.conversation_changed.connect(changed.append)
    cid = _start(controller, "How do I bake sourdough bread at home?")
    assert cid is not None
    automatic = "How do I bake sourdough bread at home?"  # the title taken from the first message
    await until(lambda: store.conversation(cid).title not in ("", automatic))
    title = store.conversation(cid).title
    assert changed.count(cid) >= 2  # once for the reply, once for the new title
    assert 1 <= len(title.split()) <= 8
    assert '"' not in title

    def title_requests() -> int:
        return sum("name conversations" in str((r.json or {}).get("system", "")) for r in demo_server.requests)

    assert title_requests() == 1
    finished: list[int] = []
    controller.reply_finished.connect(lambda _c, m, _s: finished.append(m))
    controller.send(cid, "And with rye flour?")
    await until(lambda: finished)
    await asyncio.sleep(0.05)
    assert title_requests() == 1  # only the first exchange names the conversation


@pytest.mark.asyncio
async def test_shutdown_stops_running_replies(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    demo_server.script.push(Stream([*text_events("abc def", model="m")[:4], Hang()]))
    cid = _start(controller, "hello")
    assert cid is not None
    await asyncio.sleep(0.1)
    await controller.shutdown()
    assert store.path(cid)[-1].status == "stopped"
    assert not controller.any_streaming()


@pytest.mark.asyncio
async def test_refused_parameters_send_and_save_nothing(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "m", "max_tokens": 100, "stop_sequences": ["  "]})
    refusal = controller.send(cid, "hello")
    assert refusal is not None
    assert "stop" in refusal.message.lower()
    assert seen.problems == []  # returned, for the caller to show where it belongs
    assert store.path(cid) == []  # nothing saved
    assert demo_server.requests == []  # nothing sent


@pytest.mark.asyncio
async def test_thinking_rules_apply_to_what_is_sent(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation(
        {
            "model": "claude-demo-sonnet-4-6",
            "max_tokens": 4000,
            "temperature": 0.3,
            "top_k": 5,
            "thinking": {"type": "enabled", "budget_tokens": 2000},
        }
    )
    controller.send(cid, "think first")
    await until(lambda: seen.finished)
    sent = demo_server.requests[-1].json
    assert "temperature" not in sent
    assert "top_k" not in sent
    assert sent["thinking"] == {"type": "enabled", "budget_tokens": 2000}
    reply = store.path(cid)[-1]
    assert reply.content[0]["type"] == "thinking"
    assert reply.content[0]["signature"]
    # The next turn sends the thinking block back exactly as it came.
    controller.send(cid, "and now?")
    await until(lambda: len(seen.finished) == 2)
    replayed = demo_server.requests[-1].json["messages"][1]["content"][0]
    assert replayed == {k: v for k, v in reply.content[0].items() if not k.startswith("_")}


@pytest.mark.asyncio
async def test_non_streaming_requests(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "m", "max_tokens": 500, "stream": False})
    controller.send(cid, "short")
    await until(lambda: seen.finished)
    assert demo_server.requests[-1].json["stream"] is False
    reply = store.path(cid)[-1]
    assert reply.status == "complete"
    assert reply.text
    assert reply.timings is not None
    assert reply.timings["duration"] > 0
    assert "output_tokens_per_second" not in reply.timings  # a whole reply has no meaningful speed
    assert reply.response_headers is not None
    assert reply.response_headers["request-id"].startswith("req_")


@pytest.mark.asyncio
async def test_compare_streams_siblings_at_once_and_one_can_be_stopped(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    demo_server.script.push(Stream([*text_events("slow one", model="a")[:4], Hang()]))
    demo_server.script.push(Stream(text_events("fast one", model="b")))
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "m", "max_tokens": 100})
    ids = controller.compare(cid, "same question", [{"model": "a", "temperature": 0.2}, {"model": "b"}])
    assert len(ids) == 2
    assert {m for m, _p in controller.streaming_replies(cid)} == set(ids)
    # The two requests race to the server, so either may get the stream that hangs.
    await until(lambda: bool(seen.finished))
    finished = seen.finished[0][1]
    hanging = next(m for m in ids if m != finished)
    assert controller.is_streaming(cid)  # the other one still runs
    controller.stop_reply(hanging)
    await until(lambda: len(seen.finished) == 2)
    assert {m: s for _c, m, s in seen.finished} == {finished: "complete", hanging: "stopped"}
    assert [m.id for m in store.messages.siblings(ids[0])] == ids
    sent = [r.json for r in demo_server.requests[-2:]]
    assert sorted(r["model"] for r in sent) == ["a", "b"]
    assert {r.get("temperature") for r in sent} == {0.2, None}


@pytest.mark.asyncio
async def test_tool_round_trip(qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer) -> None:
    tools = [
        {
            "name": "get_weather",
            "description": "Weather for a city",
            "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        }
    ]
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "m", "max_tokens": 500, "tools": tools})
    controller.send(cid, "Use get_weather for Oslo")
    await until(lambda: seen.finished)
    call_message = store.path(cid)[-1]
    assert call_message.stop_reason == "tool_use"
    calls = [b for b in call_message.content if b["type"] == "tool_use"]
    assert calls[0]["name"] == "get_weather"
    controller.answer_tools(call_message.id, [])
    assert "get_weather" in seen.problems[-1]  # every call must be answered
    controller.answer_tools(
        call_message.id, [{"tool_use_id": calls[0]["id"], "content": "3 °C and windy", "is_error": False}]
    )
    await until(lambda: len(seen.finished) == 2)
    path = store.path(cid)
    assert path[-2].content[0] == {"type": "tool_result", "tool_use_id": calls[0]["id"], "content": "3 °C and windy"}
    assert "3 °C and windy" in path[-1].text
    assert path[-1].status == "complete"


@pytest.mark.asyncio
async def test_an_incomplete_tool_call_cannot_be_answered(
    qtbot: QtBot, controller: ChatController, store: Store
) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "m", "max_tokens": 100})
    store.add_message(cid, "user", "hi")
    cut = store.add_message(
        cid,
        "assistant",
        [{"type": "tool_use", "id": "toolu_x", "name": "f", "input": {}, "_incomplete": True, "_partial_json": '{"a'}],
        status="interrupted",
    )
    controller.answer_tools(cut.id, [{"tool_use_id": "toolu_x", "content": "x"}])
    assert "cut off" in seen.problems[-1]
    assert store.path(cid)[-1].id == cut.id


@pytest.mark.asyncio
async def test_a_request_over_32_mb_is_refused_before_anything_is_saved(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "m", "max_tokens": 100})
    huge = [{"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "x" * 33_000_000}}]
    refusal = controller.send(cid, [*huge, {"type": "text", "text": "summarise"}])
    assert refusal is not None
    assert refusal.too_large
    assert "32 MB" in refusal.message
    assert seen.problems == []  # returned, for the caller to show where it belongs
    assert store.path(cid) == []
    assert demo_server.requests == []


@pytest.mark.asyncio
async def test_stopping_a_reply_before_it_starts_leaves_nothing_streaming(
    qtbot: QtBot, controller: ChatController, store: Store
) -> None:
    seen = Recorder(controller)
    cid = _start(controller, "hello")
    assert cid is not None
    controller.stop(cid)  # in the same turn of the loop: the task never got to run
    await until(lambda: seen.finished)
    assert not controller.is_streaming(cid)
    assert store.path(cid)[-1].status == "stopped"


@pytest.mark.asyncio
async def test_continue_extends_the_replys_own_request_and_records_it(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation({"model": "claude-demo-opus-4-5", "max_tokens": 12, "temperature": 0.4})
    controller.send(cid, "Write something long please")
    await until(lambda: seen.finished)
    first = store.path(cid)[-1]
    assert first.stop_reason == "max_tokens"
    store.conversations.set_params(cid, {"model": "claude-demo-haiku-4-5", "max_tokens": 50})  # changed since
    controller.continue_reply(first.id)
    await until(lambda: len(seen.finished) == 2)
    sent = demo_server.requests[-1].json
    assert (sent["model"], sent["max_tokens"], sent["temperature"]) == ("claude-demo-opus-4-5", 12, 0.4)
    recorded = store.requests.get(first.id)
    assert recorded is not None
    assert recorded["messages"][-1]["role"] == "assistant"  # the continuation's request, prefill and all


# --- issue 10: the new stop reasons, through the window's controller ------------------------------------

REFUSAL = {"type": "refusal", "category": "bio", "explanation": "Enhancing a pathogen is off limits."}
SEARCH_CALL = {"type": "server_tool_use", "id": "srvtoolu_9", "name": "web_search", "input": {"query": "Vättern"}}
SEARCH_RESULT = {
    "type": "web_search_tool_result",
    "tool_use_id": "srvtoolu_9",
    "content": [
        {
            "type": "web_search_result",
            "url": "https://example.org/vattern",
            "title": "Vättern",
            "page_age": None,
            "encrypted_content": "EqQBCioIBhgCIiQ0Zz",
        }
    ],
}
CITED = {
    "type": "text",
    "text": "Vättern is Sweden's second largest lake.",
    "citations": [
        {
            "type": "web_search_result_location",
            "url": "https://example.org/vattern",
            "title": "Vättern",
            "cited_text": "Vättern, the second largest",
            "encrypted_index": "Eo8BCioIBhgCIiQ0",
        }
    ],
}
WITHHELD = {"type": "thinking", "thinking": "", "signature": "b21pdHRlZC10aGlua2luZy1zaWduYXR1cmU="}


@pytest.mark.asyncio
async def test_a_refusal_is_complete_with_its_stop_details(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    demo_server.script.push(Stream(reply_events([], stop_reason="refusal", stop_details=REFUSAL)))
    seen = Recorder(controller)
    cid = _start(controller, "How do I make it spread?")
    assert cid is not None
    await until(lambda: seen.finished)
    assert seen.finished[0][2] == "complete"
    reply = store.path(cid)[-1]
    assert (reply.status, reply.stop_reason, reply.stop_details, reply.error) == ("complete", "refusal", REFUSAL, None)
    assert reply.declined
    assert can_retry(reply)
    assert not can_continue(reply)


@pytest.mark.asyncio
async def test_a_paused_turn_streams_on_into_one_reply(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    paused = [WITHHELD, {"type": "text", "text": "Looking it up."}, SEARCH_CALL, SEARCH_RESULT]
    demo_server.script.push(Stream(reply_events(paused, stop_reason="pause_turn")))
    second = reply_events([CITED], message_id="msg_after_pause")
    demo_server.script.push(Stream([*second[:3], Pause(0.3), *second[3:]]))
    seen = Recorder(controller)
    finished: list[int] = []
    controller.reply_finished.connect(lambda _c, m, _s: finished.append(m))
    shown: list[list[str]] = []
    controller.reply_progress.connect(lambda _c, _m, partial: shown.append([b["type"] for b in partial["content"]]))
    cid = _start(controller, "Which lake comes second?")
    assert cid is not None
    # While the second request streams, the view already holds the paused part.
    await until(lambda: shown and shown[-1][:4] == [b["type"] for b in paused] and len(shown[-1]) == 5)
    assert controller.is_streaming(cid)
    await until(lambda: seen.finished)
    assert len(finished) == 1  # one reply, finished once
    reply = store.path(cid)[-1]
    assert reply.content == [*paused, CITED]
    assert (reply.status, reply.stop_reason, reply.api_id) == ("complete", "end_turn", "msg_after_pause")
    assert seen.progress[-1][2] == "Looking it up." + CITED["text"]
    first, then = demo_server.requests[-2].json, demo_server.requests[-1].json
    assert then["messages"] == [*first["messages"], {"role": "assistant", "content": paused}]


@pytest.mark.asyncio
async def test_continue_sends_a_turn_still_paused_back_as_it_is(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    cid = controller.new_conversation(
        {"model": "m", "max_tokens": 3000, "thinking": {"type": "enabled", "budget_tokens": 1024}}
    )
    store.add_message(cid, "user", "Search it")
    paused = [WITHHELD, SEARCH_CALL, SEARCH_RESULT]
    reply = store.add_message(
        cid, "assistant", paused, details=ReplyDetails(stop_reason="pause_turn", usage={"output_tokens": 7})
    )
    assert can_continue(reply)
    demo_server.script.push(Stream(reply_events([CITED], usage={"input_tokens": 50, "output_tokens": 9})))
    controller.continue_reply(reply.id)
    await until(lambda: seen.finished)
    sent = demo_server.requests[-1].json
    assert sent["messages"][-1] == {"role": "assistant", "content": paused}  # exactly as it came
    assert sent["thinking"] == {"type": "enabled", "budget_tokens": 1024}  # not a prefill: thinking stays on
    grown = store.message(reply.id)
    assert grown.content == [*paused, CITED]
    assert (grown.status, grown.stop_reason) == ("complete", "end_turn")
    assert grown.usage == {"input_tokens": 50, "output_tokens": 16}


@pytest.mark.asyncio
async def test_a_full_context_window_ends_complete_and_cannot_be_continued(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    text = [{"type": "text", "text": "The summary so"}]
    demo_server.script.push(Stream(reply_events(text, stop_reason="model_context_window_exceeded")))
    seen = Recorder(controller)
    cid = _start(controller, "Summarise everything")
    assert cid is not None
    await until(lambda: seen.finished)
    reply = store.path(cid)[-1]
    assert (reply.status, reply.stop_reason) == ("complete", "model_context_window_exceeded")
    assert not can_continue(reply)


@pytest.mark.asyncio
async def test_server_tool_blocks_citations_and_withheld_thinking_go_back_exactly(
    qtbot: QtBot, controller: ChatController, store: Store, demo_server: DemoServer
) -> None:
    content = [WITHHELD, SEARCH_CALL, SEARCH_RESULT, CITED]
    demo_server.script.push(Stream(reply_events(content)))
    seen = Recorder(controller)
    cid = _start(controller, "Which lake comes second?")
    assert cid is not None
    await until(lambda: seen.finished)
    assert store.path(cid)[-1].content == content
    controller.send(cid, "And its depth?")
    await until(lambda: len(seen.finished) == 2)
    assert demo_server.requests[-1].json["messages"][1] == {"role": "assistant", "content": content}


@pytest.mark.asyncio
async def test_a_connection_gone_before_the_reply_starts_fails_it_and_says_why(
    qtbot: QtBot, controller: ChatController, connections: ConnectionManager, store: Store, demo_server: DemoServer
) -> None:
    seen = Recorder(controller)
    cid = _start(controller, "hello")
    assert cid is not None
    connections.drop_connection()  # before the reply's task first runs
    await until(lambda: seen.finished)
    assert seen.finished[0][2] == "error"
    reply = store.path(cid)[-1]
    assert reply.status == "error"  # not left "streaming"
    assert reply.error is not None
    assert (reply.error.type, reply.error.message) == ("connection_error", "No provider is configured.")
    assert demo_server.requests == []


def test_parameters_refused_are_said_in_the_words_the_controller_is_given(
    qtbot: QtBot, store: Store, connections: ConnectionManager
) -> None:
    def words(problem: Problem) -> str:  # the window's words for a problem, by its code (app.ui.problem_words)
        return f"<{problem.said.code}>" if problem.said is not None else problem.message

    controller = ChatController(store, connections, problem_words=words)
    cid = controller.new_conversation({"model": "claude-demo-sonnet-4-6", "max_tokens": 2000, "stream": "no"})
    refusal = controller.send(cid, "hello")
    assert refusal is not None
    assert refusal.message == "<stream_bool>"
    assert store.path(cid) == []  # nothing was saved
