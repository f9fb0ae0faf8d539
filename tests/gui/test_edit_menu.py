"""The Edit menu's Undo, Redo, Cut, Copy, Paste and Select All act on the focused text and are enabled as it can
do them: the composer, a line edit of the panel, a read-only reply (copy only), nothing for other widgets."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.ui.rich_text import RichTextView
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


def _edit_menu(running: Running) -> QMenu:
    window = running.root.window
    menu = next(m for m in window.menuBar().findChildren(QMenu) if window.commands.undo in m.actions())
    menu.aboutToShow.emit()  # what opening it does: look at the focus and the clipboard again
    return menu


def _enabled(running: Running) -> set[str]:
    a = running.root.window.commands
    names = ("undo", "redo", "cut", "copy", "paste", "select_all")
    return {name for name in names if getattr(a, name).isEnabled()}


@pytest.mark.asyncio
async def test_the_edit_menu_holds_the_text_commands_with_the_platforms_keys(qtbot: QtBot, running: Running) -> None:
    a = running.root.window.commands
    menu = _edit_menu(running)
    assert menu.actions()[:2] == [a.undo, a.redo]
    assert {a.cut, a.copy, a.paste, a.select_all} <= set(menu.actions())
    assert a.copy.shortcut().toString() == "Ctrl+C"
    assert a.select_all.shortcut().toString() == "Ctrl+A"


@pytest.mark.asyncio
async def test_the_commands_act_on_the_composer(qtbot: QtBot, running: Running) -> None:
    a = running.root.window.commands
    edit = running.root.composer.edit
    edit.setFocus()
    QGuiApplication.clipboard().setText("pasted")
    _edit_menu(running)
    assert _enabled(running) == {"paste"}  # nothing typed, nothing to undo or select

    qtbot.keyClicks(edit, "hello world")
    _edit_menu(running)
    assert {"undo", "select_all", "paste"} <= _enabled(running)
    assert "copy" not in _enabled(running)  # nothing selected

    a.select_all.trigger()
    assert edit.textCursor().selectedText() == "hello world"
    assert {"cut", "copy"} <= _enabled(running)
    a.cut.trigger()
    assert edit.toPlainText() == ""
    assert QGuiApplication.clipboard().text() == "hello world"
    a.paste.trigger()
    a.paste.trigger()
    assert edit.toPlainText() == "hello worldhello world"
    a.undo.trigger()
    assert edit.toPlainText() != "hello worldhello world"
    assert a.redo.isEnabled()
    a.redo.trigger()
    assert edit.toPlainText() == "hello worldhello world"


@pytest.mark.asyncio
async def test_a_reply_can_be_copied_but_not_cut_or_pasted_into(qtbot: QtBot, running: Running) -> None:
    a = running.root.window.commands
    await running.send(qtbot, "Say something")
    views = [v for v in running.root.transcript.findChildren(RichTextView) if v.isVisible() and v.plain_text()]
    reply = views[-1]
    reply.setFocus()
    QGuiApplication.clipboard().setText("pasted")
    _edit_menu(running)
    assert _enabled(running) == {"select_all"}
    a.select_all.trigger()
    assert _enabled(running) == {"copy", "select_all"}
    a.copy.trigger()
    assert QGuiApplication.clipboard().text().strip() == reply.plain_text().strip()


@pytest.mark.asyncio
async def test_no_text_focused_no_command(qtbot: QtBot, running: Running) -> None:
    running.root.window.sidebar.list_view.setFocus()
    _edit_menu(running)
    assert _enabled(running) == set()


@pytest.mark.asyncio
async def test_a_line_edit_the_search_field(qtbot: QtBot, running: Running) -> None:
    a = running.root.window.commands
    field = running.root.sidebar.search_field
    field.setFocus()
    qtbot.keyClicks(field, "needle")
    _edit_menu(running)
    assert {"undo", "select_all"} <= _enabled(running)
    a.select_all.trigger()
    a.copy.trigger()
    assert QGuiApplication.clipboard().text() == "needle"
