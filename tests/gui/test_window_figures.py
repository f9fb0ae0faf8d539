"""The window's numbers, through the real root against the demo server: the draft's token estimate is of
the request Send would make now, and the reply figures in the status bar are those of the reply at the head
of the branch on screen, however the branch came to be shown."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.demo import Pause, Stream, text_events
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server

COUNT_PATH = "/v1/messages/count_tokens"


def _counted_bodies(app: Running) -> list[dict[str, Any]]:
    return [r.json for r in app.server.requests if r.path == COUNT_PATH and r.json is not None]


async def _next_count(app: Running, qtbot: QtBot, typed: str) -> dict[str, Any]:
    """Type ``typed`` into the composer and return the request body the token count asked about."""
    before = len(_counted_bodies(app))
    app.root.composer.focus_input()
    qtbot.keyClicks(app.root.composer.edit, typed)
    await app.until(lambda: len(_counted_bodies(app)) > before)
    return _counted_bodies(app)[-1]


def _send_would_make(app: Running) -> dict[str, Any]:
    root = app.root
    return root.controller.next_request(root.current, root.composer.text())


@pytest.mark.asyncio
async def test_the_token_estimate_follows_a_branch_chosen_from_a_search_hit(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "hello there")
    user_id = root.transcript.message_views()[0].message_id
    await running.finished_reply(lambda: root.transcript.edit_submitted.emit(user_id, "zebra short"))
    edited_id = root.transcript.message_views()[0].message_id
    root.transcript.sibling_requested.emit(edited_id, -1)  # ‹: back to "hello there"
    assert running.reply_texts()[0] == "hello there"
    body = await _next_count(running, qtbot, "a draft")
    assert body["messages"][0]["content"][0]["text"] == "hello there"
    root.composer.clear()

    qtbot.keyClicks(root.sidebar.search_field, "zebra")
    await running.until(lambda: root.search_model.rowCount() > 0)
    conversation_id, message_id = root.search_model.result_at(0)
    assert message_id == edited_id
    root.sidebar.conversation_activated.emit(conversation_id, message_id)
    assert running.reply_texts()[0] == "zebra short"  # the search hit's branch is on screen

    body = await _next_count(running, qtbot, "and now?")
    expected = _send_would_make(running)
    assert body["messages"] == expected["messages"]
    assert body["messages"][0]["content"][0]["text"] == "zebra short"


@pytest.mark.asyncio
async def test_the_token_estimate_follows_messages_added_by_another_process(qtbot: QtBot, running: Running) -> None:
    from app.store import Store

    root = running.root
    await running.send(qtbot, "first question")
    conversation_id = root.current
    assert conversation_id is not None
    await _next_count(running, qtbot, "draft")
    root.composer.clear()
    assert root.store.file is not None
    with Store.open(root.store.file) as other:  # `samtal ask -c` in a terminal
        question = other.add_message(conversation_id, "user", "asked from a terminal")
        other.add_message(conversation_id, "assistant", "answered in a terminal", parent_id=question.id)
    await running.until(lambda: "answered in a terminal" in running.reply_texts(), timeout=5)

    body = await _next_count(running, qtbot, "next")
    assert body["messages"] == _send_would_make(running)["messages"]
    assert len(body["messages"]) == 5


def _tokens_of(app: Running, message_id: int) -> str:
    """The status bar's token figures for a stored reply."""
    usage = app.store.message(message_id).usage or {}
    return f"{usage['input_tokens']:,} in · {usage['output_tokens']:,} out"


@pytest.mark.asyncio
async def test_the_reply_figures_follow_the_branch_shown(qtbot: QtBot, running: Running) -> None:
    root = running.root
    running.server.script.push(Stream(text_events("Short.", model="claude-demo-sonnet-5")))
    first = await running.send(qtbot, "hello")
    running.server.script.push(
        Stream(text_events("A much longer answer this time. " * 20, model="claude-demo-sonnet-5"))
    )
    second = await running.finished_reply(root.window.commands.regenerate.trigger)
    status = root.window.status
    assert status.reply.short_text() == _tokens_of(running, second)
    assert _tokens_of(running, first) != _tokens_of(running, second)

    root.transcript.sibling_requested.emit(second, -1)  # ‹
    assert running.reply_texts()[-1] == "Short."
    assert status.reply.short_text() == _tokens_of(running, first)
    speed = running.store.message(first).timings or {}
    assert f"First token after {speed['time_to_first_text']:.2f} s" in status.reply.toolTip()

    root.transcript.sibling_requested.emit(first, 1)  # ›
    assert status.reply.short_text() == _tokens_of(running, second)


@pytest.mark.asyncio
async def test_the_reply_figures_are_those_of_the_reply_kept_from_a_compare(qtbot: QtBot, running: Running) -> None:
    from tests.gui.test_compare import feature, open_compare

    root = running.root
    window = await open_compare(qtbot, running, "Tell me about rivers")
    # One reply ends at once, the other a moment later: keep the one that ended first.
    late = text_events("Rivers carve valleys over a very long time. " * 10, model="claude-demo-sonnet-5")
    running.server.script.push(Stream(text_events("Rivers are long.", model="claude-demo-sonnet-5")))
    running.server.script.push(Stream([*late[:3], Pause(0.5), *late[3:]]))
    window.run_button.click()
    cid = root.current
    assert cid is not None
    await running.until(lambda: not root.controller.is_streaming(cid))
    replies = running.store.messages.siblings(running.store.path(cid)[-1].id)
    assert len(replies) == 2
    kept = next(reply for reply in replies if reply.text == "Rivers are long.")
    column = next(c for c in window.columns if c.pane.markdown() == kept.text)
    assert _tokens_of(running, replies[0].id) != _tokens_of(running, replies[1].id)

    column.keep_button.click()  # Keep This
    await running.until(lambda: feature(running).window is None and len(running.store.messages.siblings(kept.id)) == 1)
    await running.until(lambda: root.transcript.message_views()[-1].message_id == kept.id)
    assert root.window.status.reply.short_text() == _tokens_of(running, kept.id)
