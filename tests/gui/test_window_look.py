"""The window's look across a restart: the conversation list's width and the chosen theme are remembered."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

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
