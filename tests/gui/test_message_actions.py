"""A message's actions in the real window: the F1 list names a message's keys, and Undo after the trash brings the
transcript back as it was shown (hover, focus and the keys themselves: tests/gui/test_transcript.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.key_help import shortcut_groups
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


@pytest.mark.asyncio
async def test_the_f1_list_names_the_keys_of_a_message(qtbot: QtBot, running: Running) -> None:
    lines = [line for _group, group_lines in shortcut_groups(running.root.window) for line in group_lines]
    texts = {line.text: line.keys for line in lines}
    assert texts["Copy the message"] == "C"
    assert texts["Regenerate the reply"] == "R"
    assert "Up" in texts["Previous or next message"]


@pytest.mark.asyncio
async def test_undo_after_the_trash_shows_the_conversation_again_where_it_was_read(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    for text in ("first question", "second question", "third question", "fourth question"):
        await running.send(qtbot, text)
    cid = root.current
    assert cid is not None
    shown_ids = [v.message_id for v in root.transcript.message_views()]
    root.transcript.scroll_to_message(shown_ids[2])  # reading up in the conversation
    qtbot.wait(20)
    reading = root.transcript.reading_position()
    assert reading is not None
    assert reading[0] == shown_ids[2]
    root.sidebar.trash_requested.emit([cid])
    assert root.current is None
    assert root.transcript.message_views() == []
    qtbot.mouseClick(root.sidebar.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not running.store.conversation(cid).in_trash
    assert root.current == cid  # the conversation is on screen again
    assert [v.message_id for v in root.transcript.message_views()] == shown_ids
    qtbot.wait(20)
    assert root.transcript.reading_position() == reading  # at the place the user was reading
    assert root.sidebar.current_conversation_id() == cid
