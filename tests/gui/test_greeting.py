"""The empty conversation shows a greeting and starters (the demo's own in demo mode); a starter sends its
prompt, and the greeting goes once the conversation has a message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.demo.starters import STARTERS
from app.ui.greeting import general_starters
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


@pytest.mark.asyncio
async def test_a_starter_sends_its_prompt_and_the_greeting_goes(qtbot: QtBot, running: Running) -> None:
    root = running.root
    greeting = root.transcript.greeting
    await running.until(lambda: greeting.isVisible())
    assert greeting.prompts() == [prompt for _label, prompt in general_starters()]
    assert all(button.accessibleName() for button in greeting.buttons)
    first = greeting.buttons[0]
    await running.finished_reply(lambda: qtbot.mouseClick(first, Qt.MouseButton.LeftButton))
    views = root.transcript.message_views()
    assert [view.role for view in views] == ["user", "assistant"]
    assert views[0].markdown() == general_starters()[0][1]
    assert not greeting.isVisible()
    root.view.new_conversation()
    await running.until(lambda: greeting.isVisible())


@pytest.mark.asyncio
async def test_the_demo_offers_what_it_can_show(running: Running) -> None:
    root = running.root
    root.profiles.start_demo()
    await running.until(lambda: root.connections.is_demo)
    assert root.transcript.greeting.prompts() == [prompt for _plan, prompt in STARTERS]
    assert "Formulas" in [button.text() for button in root.transcript.greeting.buttons]
