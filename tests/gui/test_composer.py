"""The composer: send keys, the Send/Stop button, drafts, and very large pastes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.ui.composer import DRAFT_DEBOUNCE_MS, Composer


@pytest.fixture
def composer(qtbot: QtBot) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.show()
    widget.focus_input()
    return widget


def test_enter_sends_and_shift_enter_makes_a_new_line(qtbot: QtBot, composer: Composer) -> None:
    qtbot.keyClicks(composer.edit, "first line")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(composer.edit, "second line")
    with qtbot.waitSignal(composer.send_requested, timeout=1000) as sent:
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent.args == ["first line\nsecond line", []]
    assert composer.text() == "first line\nsecond line"  # cleared by the root once the send is accepted


def test_ctrl_enter_mode_swaps_the_keys(qtbot: QtBot, composer: Composer) -> None:
    composer.set_send_with_ctrl_enter(True)
    sent: list[str] = []
    composer.send_requested.connect(lambda text, _attachments: sent.append(text))
    qtbot.keyClicks(composer.edit, "a")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(composer.edit, "b")
    assert sent == []
    assert composer.text() == "a\nb"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent == ["a\nb"]
    assert "Ctrl+Enter" in composer.edit.placeholderText()


def test_send_is_disabled_while_empty_or_blank(qtbot: QtBot, composer: Composer) -> None:
    assert not composer.button.isEnabled()
    qtbot.keyClicks(composer.edit, "   ")
    assert not composer.button.isEnabled()
    sent: list[str] = []
    composer.send_requested.connect(lambda text, _attachments: sent.append(text))
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == []  # a blank message is never sent
    qtbot.keyClicks(composer.edit, "x")
    assert composer.button.isEnabled()


def test_while_streaming_the_button_stops(qtbot: QtBot, composer: Composer) -> None:
    composer.set_streaming(True)
    assert composer.button.text() == "Stop"
    assert composer.button.isEnabled()  # even with an empty composer
    sent: list[str] = []
    composer.send_requested.connect(lambda text, _attachments: sent.append(text))
    qtbot.keyClicks(composer.edit, "next question")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == []  # Enter never sends (or stops) while a reply streams
    with qtbot.waitSignal(composer.stop_requested, timeout=1000):
        qtbot.mouseClick(composer.button, Qt.MouseButton.LeftButton)
    composer.set_streaming(False)
    assert composer.button.text() == "Send"
    assert composer.text() == "next question"


def test_drafts_are_reported_debounced_and_not_for_set_text(qtbot: QtBot, composer: Composer) -> None:
    drafts: list[str] = []
    composer.draft_changed.connect(drafts.append)
    composer.set_text("restored draft")
    qtbot.wait(DRAFT_DEBOUNCE_MS + 100)
    assert drafts == []  # showing a saved draft is not a change
    qtbot.keyClicks(composer.edit, " plus typing")
    qtbot.waitUntil(lambda: bool(drafts), timeout=2000)
    assert drafts == ["restored draft plus typing"]  # one report for the whole burst
    qtbot.keyClicks(composer.edit, "!")
    composer.flush_draft()
    assert drafts[-1] == "restored draft plus typing!"


def test_pasting_a_megabyte_keeps_everything(qtbot: QtBot, composer: Composer) -> None:
    big = ("0123456789abcdef" * 64 + "\n") * 1000  # a little over 1 MB
    QGuiApplication.clipboard().setText(big)
    drafts: list[str] = []
    composer.draft_changed.connect(drafts.append)
    qtbot.keyClick(composer.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert composer.text() == big
    assert composer.button.isEnabled()
    qtbot.waitUntil(lambda: bool(drafts), timeout=3000)
    assert drafts == [big]
