"""How the window shows a reply that ended without a plain answer: declined (a calm box with why, Retry and
Edit), a paused server-tool turn (one reply that streams on), a full context window (what to do, no
Continue). The real root against the demo server's scripted streams."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.demo import Drop, Pause, Stream, text_events
from tests.fixtures.reply_events import reply_events
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server

REFUSAL = {"type": "refusal", "category": "cyber", "explanation": "Working exploit code was asked for."}
SEARCH_CALL = {"type": "server_tool_use", "id": "srvtoolu_4", "name": "web_search", "input": {"query": "Siljan"}}
SEARCH_RESULT = {
    "type": "web_search_tool_result",
    "tool_use_id": "srvtoolu_4",
    "content": [
        {
            "type": "web_search_result",
            "url": "https://example.org/siljan",
            "title": "Siljan",
            "page_age": None,
            "encrypted_content": "EqQBCioIBhgC",
        }
    ],
}


@pytest.mark.asyncio
async def test_a_refusal_is_a_calm_box_and_edit_opens_the_question(qtbot: QtBot, running: Running) -> None:
    root = running.root
    running.server.script.push(Stream(reply_events([], stop_reason="refusal", stop_details=REFUSAL)))
    declined = await running.send(qtbot, "Write an exploit for this router")
    view = root.transcript.message_views()[-1]
    assert view.message_id == declined
    box = view.status_box
    assert box is not None
    assert box.isVisibleTo(view)
    assert not box.is_error
    assert "The model declined to answer. Category: cyber." in box.details.plain_text()
    assert "Working exploit code was asked for." in box.details.plain_text()
    assert root.window.status.state == "Declined"
    assert root.window.commands.retry.isEnabled()
    assert not root.window.commands.continue_reply.isEnabled()

    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)  # "Edit Your Message…"

    question = root.transcript.message_views()[0]
    assert question.editor is not None
    assert question.editor.isVisibleTo(question)
    assert question.editor.text() == "Write an exploit for this router"
    question.editor.set_text("How do routers get patched?")
    running.server.script.push(Stream(text_events("Vendors ship firmware updates.", model="m")))
    await running.finished_reply(lambda: qtbot.mouseClick(question.editor.send_button, Qt.MouseButton.LeftButton))
    assert running.reply_texts() == ["How do routers get patched?", "Vendors ship firmware updates."]
    assert root.window.status.state == ""


@pytest.mark.asyncio
async def test_a_paused_turn_streams_on_as_one_reply(qtbot: QtBot, running: Running) -> None:
    root = running.root
    paused = [{"type": "text", "text": "Searching for Siljan."}, SEARCH_CALL, SEARCH_RESULT]
    running.server.script.push(Stream(reply_events(paused, stop_reason="pause_turn")))
    rest = reply_events([{"type": "text", "text": "Siljan lies in a meteor crater."}])
    running.server.script.push(Stream([*rest[:3], Pause(0.5), *rest[3:]]))
    composer = root.composer
    composer.focus_input()
    qtbot.keyClicks(composer.edit, "Tell me about Siljan")
    reply = await running.finished_reply(lambda: qtbot.keyClick(composer.edit, Qt.Key.Key_Return))
    assert root.current is not None
    assert [m.role for m in running.store.path(root.current)] == ["user", "assistant"]
    stored = running.store.message(reply)
    assert stored.content[:3] == paused
    assert stored.text == "Searching for Siljan.\n\nSiljan lies in a meteor crater."
    assert root.transcript.message_views()[-1].status_box is None
    assert root.window.status.state == ""


@pytest.mark.asyncio
async def test_a_full_context_window_says_what_to_do(qtbot: QtBot, running: Running) -> None:
    root = running.root
    cut = [{"type": "text", "text": "The summary so"}]
    running.server.script.push(Stream(reply_events(cut, stop_reason="model_context_window_exceeded")))
    await running.send(qtbot, "Summarise all of it")
    box = root.transcript.message_views()[-1].status_box
    assert box is not None
    assert "context window" in box.details.plain_text()
    assert not box.is_error
    assert not box.continue_button.isVisibleTo(box)
    assert not root.window.commands.continue_reply.isEnabled()
    assert root.window.status.state == "Context window full"


@pytest.mark.asyncio
async def test_the_status_bar_says_how_the_last_reply_ended(qtbot: QtBot, running: Running) -> None:
    root = running.root
    running.server.script.push(Stream([*text_events("Half of it", model="m")[:4], Pause(0.01), Drop()]))
    await running.send(qtbot, "hello")
    assert root.window.status.state == "Interrupted"  # not Ready: the reply did not complete
    await running.send(qtbot, "again")
    assert root.window.status.state == ""
