"""The parameters panel as a drawer: beside the chat in a wide window, put away in a narrow one (the chat keeps
its room) and laid over the chat when asked for there; its state remembered across a restart."""

from __future__ import annotations

import asyncio

import pytest
from pytestqt.qtbot import QtBot

from app.settings.options import PARAMS_PANEL_VISIBLE
from app.ui.main_window import MIN_CHAT_WIDTH
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


async def _resize(running: Running, width: int, height: int) -> None:
    running.root.window.resize(width, height)
    await asyncio.sleep(0.05)


@pytest.mark.asyncio
async def test_a_narrow_window_puts_the_panel_away_and_gives_the_chat_its_room(qtbot: QtBot, running: Running) -> None:
    window = running.root.window
    await _resize(running, 1400, 800)
    assert window.parameters.isVisible()
    assert not window.parameters_over_chat()
    assert window.splitter.sizes()[2] > 0

    await _resize(running, 800, 600)
    assert not window.parameters.isVisible()
    assert window.splitter.sizes()[2] == 0
    assert window.centre.width() >= MIN_CHAT_WIDTH  # far more than the ~320 px it had beside the panel
    assert not window.commands.show_parameters.isChecked()  # the button says what is on screen
    assert window.parameters_wanted()  # …and the user's wish is kept

    await _resize(running, 1400, 800)
    assert window.parameters.isVisible()
    assert not window.parameters_over_chat()
    assert window.commands.show_parameters.isChecked()


@pytest.mark.asyncio
async def test_asked_for_in_a_narrow_window_the_panel_lies_over_the_chat(qtbot: QtBot, running: Running) -> None:
    window = running.root.window
    await _resize(running, 800, 600)
    chat_width = window.centre.width()
    window.commands.show_parameters.trigger()
    await asyncio.sleep(0.05)
    assert window.parameters.isVisible()
    assert window.parameters_over_chat()
    drawer = window.drawer.geometry()
    assert drawer.right() == window.splitter.geometry().right()  # at the chat's right edge
    assert drawer.width() < window.splitter.width()
    assert window.centre.width() == chat_width  # over the chat, not beside it
    # A control of the panel can be used there.
    assert window.parameters.isVisibleTo(window)
    assert window.parameters.window() is window

    window.commands.show_parameters.trigger()
    await asyncio.sleep(0.05)
    assert not window.drawer.isVisible()
    assert not window.parameters_wanted()  # hidden by the user: it stays hidden when the window widens
    await _resize(running, 1400, 800)
    assert not window.parameters.isVisible()


@pytest.mark.asyncio
async def test_the_panel_state_is_remembered_including_when_put_away_for_a_narrow_window(
    qtbot: QtBot, running: Running
) -> None:
    window = running.root.window
    await _resize(running, 800, 600)  # put away, still wanted
    restarted = await running.restart()
    try:
        assert restarted.root.settings.get(PARAMS_PANEL_VISIBLE) is True
        window = restarted.root.window
        await _resize(restarted, 1400, 800)
        assert window.parameters.isVisible()
        window.commands.show_parameters.trigger()  # hidden by the user
    finally:
        await window_harness.stop_root(restarted)
    again = await window_harness.start_root(running.directory, running.server, running.keyring)
    try:
        assert again.root.settings.get(PARAMS_PANEL_VISIBLE) is False
        await _resize(again, 1400, 800)
        assert not again.root.window.parameters.isVisible()
    finally:
        await window_harness.stop_root(again)


@pytest.mark.asyncio
async def test_the_tool_bar_shows_and_hides_both_side_panels(qtbot: QtBot, running: Running) -> None:
    window = running.root.window
    await _resize(running, 1400, 800)
    sidebar_button = window.tool_bar.widgetForAction(window.commands.show_sidebar)
    panel_button = window.tool_bar.widgetForAction(window.commands.show_parameters)
    assert sidebar_button is not None
    assert panel_button is not None
    assert panel_button.accessibleName()
    assert "Ctrl+Shift+M" in panel_button.toolTip()
    panel_button.click()
    await asyncio.sleep(0.05)
    assert not window.parameters.isVisible()
    sidebar_button.click()
    await asyncio.sleep(0.05)
    assert not window.sidebar.isVisible()
    assert window.centre.width() > 1000
