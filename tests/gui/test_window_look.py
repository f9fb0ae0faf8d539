"""The window's look across a restart: the conversation list's width and the chosen theme are remembered."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.render import Theme
from app.ui.design import DARK_COLORS
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


@pytest.mark.asyncio
async def test_the_conversation_list_keeps_the_width_it_was_dragged_to(qtbot: QtBot, running: Running) -> None:
    window = running.root.window
    # Room for a wider list and a readable chat on the small offscreen screen (800 px wide).
    window.commands.show_parameters.setChecked(False)
    window.resize(800, 600)
    await asyncio.sleep(0.05)
    sizes = window.splitter.sizes()
    wider = sizes[0] + 30
    window.splitter.setSizes([wider, sizes[1] - 30, sizes[2]])
    await asyncio.sleep(0.05)
    assert window.splitter.sizes()[0] == wider
    restarted = await running.restart()
    try:
        assert abs(restarted.root.window.splitter.sizes()[0] - wider) <= 2
    finally:
        await window_harness.stop_root(restarted)


@pytest.mark.asyncio
async def test_a_chosen_dark_theme_is_there_from_the_start(qtbot: QtBot, running: Running) -> None:
    running.root.profiles.set_theme("dark")
    try:
        restarted = await running.restart()
        try:
            palette = QGuiApplication.palette()
            assert palette.color(palette.ColorRole.Window).name() == DARK_COLORS.window
            assert restarted.root.appearance.theme.name == "dark"
            assert restarted.root.transcript.theme.name == "dark"
        finally:
            restarted.root.profiles.set_theme("system")
            await window_harness.stop_root(restarted)
    finally:
        running.root.profiles.set_theme("system") if not running.stopped else None


@pytest.mark.asyncio
async def test_the_window_follows_the_systems_light_and_dark_live(qtbot: QtBot, running: Running) -> None:
    """With the System theme, the platform switching to dark recolours the window, the transcript and an open
    Compare window without a restart, and switching back recolours them again."""
    from PySide6.QtCore import Qt

    from app.render import DARK, LIGHT
    from tests.gui.test_compare import open_compare

    root = running.root
    await running.send(qtbot, "short")
    window = await open_compare(qtbot, running, "Say something short")
    hints = QGuiApplication.styleHints()
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        palette = QGuiApplication.palette()
        assert palette.color(palette.ColorRole.Window).name() == DARK_COLORS.window
        assert root.transcript.theme is DARK
        assert _panes_in(window, DARK)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert root.transcript.theme is LIGHT
        assert _panes_in(window, LIGHT)
    finally:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Unknown)
        window.close()


def _panes_in(window: object, theme: Theme) -> bool:
    from PySide6.QtGui import QPalette

    from app.ui.transcript_style import TranscriptColors

    background = TranscriptColors.from_theme(theme).background
    columns = getattr(window, "columns", [])
    return bool(columns) and all(c.pane.palette().color(QPalette.ColorRole.Window) == background for c in columns)
