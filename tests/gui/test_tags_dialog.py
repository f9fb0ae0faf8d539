"""The tags dialog: check boxes per tag (partly checked for a mixed selection), adding a tag, the changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidgetItem
from pytestqt.qtbot import QtBot

from app.ui.tags_dialog import TagsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def items(dialog: TagsDialog) -> dict[str, QListWidgetItem]:
    return {dialog.tag_list.item(row).text(): dialog.tag_list.item(row) for row in range(dialog.tag_list.count())}


def test_one_conversation_shows_its_tags_checked(qtbot: QtBot) -> None:
    dialog = TagsDialog(["home", "work", "rust"], [("work",)], subject="“Trip”")
    qtbot.addWidget(dialog)
    states = {name: item.checkState() for name, item in items(dialog).items()}
    assert states == {"home": Qt.CheckState.Unchecked, "rust": Qt.CheckState.Unchecked, "work": Qt.CheckState.Checked}
    assert dialog.changes() == ([], [])
    items(dialog)["rust"].setCheckState(Qt.CheckState.Checked)
    items(dialog)["work"].setCheckState(Qt.CheckState.Unchecked)
    assert dialog.changes() == (["rust"], ["work"])


def test_a_mixed_selection_is_partly_checked_and_left_alone_unless_changed(qtbot: QtBot) -> None:
    dialog = TagsDialog(["work", "home"], [("work", "home"), ("Work",)])
    qtbot.addWidget(dialog)
    work, home = items(dialog)["work"], items(dialog)["home"]
    assert work.checkState() == Qt.CheckState.Checked  # case-insensitive: both carry it
    assert home.checkState() == Qt.CheckState.PartiallyChecked
    assert home.flags() & Qt.ItemFlag.ItemIsUserTristate
    assert not work.flags() & Qt.ItemFlag.ItemIsUserTristate
    assert dialog.changes() == ([], [])
    home.setCheckState(Qt.CheckState.Checked)
    assert dialog.changes() == (["home"], [])
    home.setCheckState(Qt.CheckState.Unchecked)
    assert dialog.changes() == ([], ["home"])


def test_adding_a_tag_checks_it_and_reuses_an_existing_name(qtbot: QtBot) -> None:
    dialog = TagsDialog(["Work"], [()])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.add_button.isEnabled()
    qtbot.keyClicks(dialog.new_tag, "  new   idea ")
    assert dialog.add_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.new_tag.setText("work")
    dialog.add_new_tag()
    assert sorted(items(dialog)) == ["Work", "new idea"]
    assert dialog.changes() == (["Work", "new idea"], [])


def test_enter_in_the_field_adds_and_stays_open_and_ok_keeps_a_typed_tag(qtbot: QtBot) -> None:
    dialog = TagsDialog([], [(), ()], subject="2 conversations")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_tag.setFocus()
    qtbot.waitUntil(dialog.new_tag.hasFocus, timeout=2000)
    qtbot.keyClicks(dialog.new_tag, "first")
    qtbot.keyClick(dialog.new_tag, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.new_tag.setText("second")
    dialog.buttons.setFocus()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.changes() == (["first", "second"], [])


def test_the_heading_shows_a_title_as_plain_text(qtbot: QtBot) -> None:
    dialog = TagsDialog([], [()], subject="“<b>Bold</b> <img src='x.png'>”")
    qtbot.addWidget(dialog)
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText  # a title may be the model's words
    assert "<b>Bold</b>" in dialog.heading.text()
