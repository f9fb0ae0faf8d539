"""The composer card: in the transcript's reading column, a Send/Stop button that shows its state and why it
can't send, quick controls that are views over the parameters panel, and nothing cut in a narrow window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.composer import Composer
from app.ui.quick_controls import QuickChoices
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


def _global_rect(widget: QWidget, rect: QRect | None = None) -> QRect:
    rect = rect if rect is not None else widget.rect()
    return QRect(widget.mapToGlobal(rect.topLeft()), rect.size())


@pytest.mark.asyncio
async def test_the_card_lines_up_with_the_messages_column(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "Hello")
    column = root.transcript.scroll_area.widget()
    for width in (1600, 1100):
        root.window.resize(width, 800)
        await running.until(lambda w=width: root.window.width() == w)

        def edges() -> tuple[tuple[int, int], tuple[int, int]]:
            margins = column.layout().contentsMargins()
            messages = _global_rect(column, column.rect().marginsRemoved(margins))
            card = _global_rect(root.composer.card)
            return (card.left(), card.right()), (messages.left(), messages.right())

        await running.until(lambda: edges()[0] == edges()[1], timeout=3)
        assert edges()[0] == edges()[1], f"at {width}"
        assert edges()[1][1] - edges()[1][0] <= 861, "the reading column, not the whole width"


def test_the_send_button_shows_its_state_and_why_it_cant_send(qtbot: QtBot) -> None:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.show()
    button = composer.button
    assert not button.isEnabled()
    assert button.icon_name() == "send"
    assert "Write a message or attach a file" in button.toolTip()
    qtbot.keyClicks(composer.edit, "hello")
    assert button.isEnabled()
    assert button.toolTip() == "Send the message"
    composer.set_attaching(True)
    assert not button.isEnabled()
    assert "Wait until the files are attached" in button.toolTip()
    composer.set_attaching(False)
    composer.set_streaming(True)
    assert button.isEnabled()
    assert (button.icon_name(), button.accessibleName()) == ("stop", "Stop")
    composer.set_streaming(False)
    composer.set_read_only("The store is read-only: close the other Samtal first.")
    assert not button.isEnabled()
    assert "read-only" in button.toolTip()
    assert composer.edit.isReadOnly()


def test_the_quick_controls_wrap_and_keep_their_whole_text_in_a_narrow_composer(qtbot: QtBot) -> None:
    composer = Composer()
    qtbot.addWidget(composer)
    quick = composer.quick
    quick.show_choices(
        QuickChoices(model="claude-a-model-with-a-rather-long-name", effort="medium", effort_levels=("medium",))
    )
    composer.resize(360, 200)
    composer.show()
    qtbot.waitUntil(lambda: composer.card.width() > 0)
    composer.layout().activate()
    card = _global_rect(composer.card)
    boxes = [quick.model, quick.effort, quick.thinking]
    for box in boxes:
        assert box.isVisible()
        assert box.width() >= box.sizeHint().width() or box.width() == quick.width(), box.objectName()
        assert card.contains(_global_rect(box)), box.objectName()
    rows = {box.mapTo(composer, QPoint(0, 0)).y() for box in boxes}
    assert len(rows) > 1  # wrapped, not squeezed
    assert card.contains(_global_rect(composer.button))


@pytest.mark.asyncio
async def test_quick_controls_and_the_panel_show_and_change_the_same_parameters(qtbot: QtBot, running: Running) -> None:
    root = running.root
    quick, panel = root.composer.quick, root.parameters
    await running.until(lambda: quick.model.model_id() == panel.model_id() == "claude-demo-sonnet-4-6")
    # Chosen in the composer: the panel shows it, and it is what the conversation sends.
    quick.effort.setFocus()
    quick.effort.setCurrentIndex(quick.effort.findData("low"))
    quick.effort.activated.emit(quick.effort.currentIndex())
    assert panel.effort.value() == "low"
    assert panel.params()["effort"] == "low"
    # Chosen in the panel: the composer shows it.
    panel.thinking_mode.button("adaptive").click()
    assert quick.thinking.value() == "adaptive"
    assert quick.thinking.currentText() == "Adaptive"
    # A model without Effort: the quick control is disabled, with the model's rule as the reason.
    await running.until(lambda: quick.model.findData("claude-demo-haiku-4-5") >= 0)
    index = quick.model.findData("claude-demo-haiku-4-5")
    quick.model.setCurrentIndex(index)
    quick.model.activated.emit(index)
    assert panel.model_id() == "claude-demo-haiku-4-5"
    assert not quick.effort.isEnabled()
    assert "has no Effort setting" in quick.effort.accessibleDescription()
    assert "has no Effort setting" in quick.effort.toolTip().replace("\xa0", " ")
    budget = quick.thinking.findData("adaptive")
    assert not quick.thinking.model().item(budget).isEnabled()  # Haiku 4.5 thinks with a budget only
    assert "budget only" in str(quick.thinking.itemData(budget, Qt.ItemDataRole.ToolTipRole)).replace("\xa0", " ")


@pytest.mark.asyncio
async def test_a_window_made_wide_can_be_narrowed_again(qtbot: QtBot, running: Running) -> None:
    """The card's and the column's side margins grow with their width; their minimum width must not, or the
    window could not be made narrower than it once was."""
    root = running.root
    await running.send(qtbot, "Hello")
    root.window.resize(1800, 800)
    await running.until(lambda: root.composer.width() > 1000)
    wide = root.composer.minimumSizeHint().width(), root.transcript.scroll_area.widget().minimumSizeHint().width()
    root.window.resize(900, 700)
    await running.until(lambda: root.window.width() == 900, timeout=3)
    narrow = root.composer.minimumSizeHint().width(), root.transcript.scroll_area.widget().minimumSizeHint().width()
    assert wide[0] == narrow[0]
    assert max(*wide, *narrow) < 700
