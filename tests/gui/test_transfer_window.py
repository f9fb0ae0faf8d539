"""Import and export from the File menu of the real window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.ui.prompts import message_box
from tests.fixtures.prompts import Told
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


def claude_export(path: Path) -> Path:
    """A conversations.json with one good conversation and one malformed one."""
    good = {
        "uuid": "c1000001-0000-4000-8000-000000000001",
        "name": "Trip <b>plans</b>",
        "chat_messages": [
            {"uuid": "m1000001-0000-4000-8000-000000000001", "sender": "human", "text": "Plan a day in Kyoto"},
            {"uuid": "m1000001-0000-4000-8000-000000000002", "sender": "assistant", "text": "Fushimi Inari."},
        ],
    }
    broken = {"uuid": "c1000002-0000-4000-8000-000000000002", "name": "Broken", "chat_messages": "oops"}
    path.write_text(json.dumps([good, broken]), encoding="utf-8")
    return path


@pytest.mark.asyncio
async def test_an_import_with_errors_says_which_conversation_failed_and_why(
    qtbot: QtBot, running: Running, tmp_path: Path
) -> None:
    export = claude_export(tmp_path / "conversations.json")
    running.prompts.answer("open_file", str(export))
    running.root.window.commands.import_export.trigger()

    [(title, text, warning)] = [(told.title, told.text, told.warning) for told in running.prompts.told]
    assert warning
    assert title == "Import finished with errors"
    assert text.startswith("Imported from conversations.json: 1 new conversation,")
    assert "conversation c1000002-0000-4000-8000-000000000002 (#2): no list of messages" in text
    assert running.root.list_model.rowCount() == 1  # the good one was imported all the same


@pytest.mark.asyncio
async def test_a_clean_import_is_reported_as_information(qtbot: QtBot, running: Running, tmp_path: Path) -> None:
    await running.send(qtbot, "keep me")
    cid = running.root.current
    assert cid is not None
    target = tmp_path / "backup.json"
    running.prompts.answer("save_file", (str(target), "JSON, lossless (*.json)"))
    running.root.window.commands.export_conversation.trigger()
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "samtal.conversations"

    running.prompts.answer("open_file", str(target))
    running.root.window.commands.import_export.trigger()
    assert [(told.warning, told.text) for told in running.prompts.told] == [
        (
            False,
            "Imported from backup.json: 0 new conversations, 0 updated, 1 already present; 0 new messages; "
            "0 skipped (empty); 0 errors",
        )
    ]


@pytest.mark.asyncio
async def test_an_export_that_cannot_be_written_says_where_and_why(
    qtbot: QtBot, running: Running, tmp_path: Path
) -> None:
    await running.send(qtbot, "keep me")
    target = tmp_path / "no such folder" / "notes.md"
    running.prompts.answer("save_file", (str(target), "Markdown (*.md)"))
    running.root.window.commands.export_conversation.trigger()
    assert running.prompts.told == [Told("Export failed", f"Can't write {target}: No such file or directory", True)]


@pytest.mark.asyncio
async def test_a_failed_import_shows_the_reason_as_plain_text(qtbot: QtBot, running: Running, tmp_path: Path) -> None:
    # The reason may quote the file (here a member's name, in zipfile's "Bad CRC-32 for file '…'"): a message box
    # reads text that looks like markup as HTML, and <img src=…> would load the file it names.
    import zipfile

    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as QtGuiNamespace

    bundle = tmp_path / "data.zip"
    member = '<img src="missing.png">/conversations.json'
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(member, "[]" + " " * 64)
    data = bundle.read_bytes()
    bundle.write_bytes(data.replace(b"[]" + b" " * 64, b"[]" + b" " * 63 + b"\t", 1))  # a bad CRC
    running.prompts.answer("open_file", str(bundle))
    running.root.window.commands.import_export.trigger()

    [told] = running.prompts.told
    assert (told.title, told.warning) == ("Import failed", True)
    assert member in told.text
    # The Qt prompts show it as plain text (a message box would read it as markup):
    box = message_box(None, told.title, told.text, warning=told.warning)
    assert box.textFormat() == Qt.TextFormat.PlainText or not QtGuiNamespace.mightBeRichText(told.text)
    box.deleteLater()
