"""Qt's side of `app.chat.prompts.Prompts` where it has a dialog of its own: the list to tick items in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.prompts import ChecklistDialog


def test_the_checklist_starts_with_the_items_given_ticked_and_answers_the_ticked_ones(qtbot: QtBot) -> None:
    dialog = ChecklistDialog("Keep which?", "Tick <b>some</b>", ["one", "two", "three"], {0, 2})
    qtbot.addWidget(dialog)
    assert dialog.chosen() == [0, 2]
    assert dialog.list.accessibleName() == "Keep which?"
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.list.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen() == [1, 2]
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.list.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen() == []  # an answer too: none
