"""Every control a screen reader reaches has a name, and every action of the window is reachable by keyboard:
the real main window (with a conversation, the parameters drawer and the sidebar shown), Settings with its
provider form, and the compare window before and after a run, walked whole (`tests.gui.accessibility`)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.ui.settings_dialog import SettingsDialog
from tests.gui import window_harness
from tests.gui.accessibility import unnamed_controls, unreachable_actions
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


def _listed(missing: list[str]) -> str:
    return "controls without an accessible name:\n  " + "\n  ".join(missing)


def test_the_walk_lists_each_nameless_control_and_each_action_only_a_mouse_reaches(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    body = QWidget(window)
    form = QFormLayout(body)
    form.addRow("Named by its label", QLineEdit(body))
    nameless = QLineEdit(body)
    nameless.setObjectName("nameless")
    form.addRow(nameless)
    named = QComboBox(body)
    named.setAccessibleName("Named")
    form.addRow(named)
    form.addRow(QPushButton("&Text", body))
    icon_only = QToolButton(body)
    icon_only.setToolTip("what it does")
    form.addRow(icon_only)
    form.addRow(QSpinBox(body))  # nameless too; its line edit is its own part
    hidden = QLineEdit(body)
    hidden.hide()
    form.addRow(hidden)
    window.setCentralWidget(body)
    in_menu = QAction("In a menu", window)
    window.menuBar().addMenu(QMenu("File", window)).menu().addAction(in_menu)  # type: ignore[union-attr]
    toolbar = QToolBar(window)
    window.addToolBar(toolbar)
    toolbar.addAction(in_menu)
    toolbar.addAction(QAction("Keyed", window, shortcut="Ctrl+J"))
    toolbar.addAction(QAction("Mouse only", window))

    missing = unnamed_controls([window])

    assert len(missing) == 3
    assert missing[0].startswith("QLineEdit#nameless < QWidget < QMainWindow")
    assert missing[1].startswith("QToolButton < QWidget")
    assert "what it does" in missing[1]
    assert missing[2].startswith("QSpinBox < QWidget")
    assert unreachable_actions(window) == ["'Mouse only' ('Mouse only')"]


@pytest.mark.asyncio
async def test_every_control_of_the_main_window_has_a_name(qtbot: QtBot, running: Running) -> None:
    window = running.root.window
    window.resize(1280, 800)
    window.commands.show_parameters.setChecked(True)
    await running.send(qtbot, "hello with `code` and $x^2$")
    missing = unnamed_controls([window])
    assert not missing, _listed(missing)


@pytest.mark.asyncio
async def test_every_action_of_the_main_window_is_reachable_by_keyboard(qtbot: QtBot, running: Running) -> None:
    await running.send(qtbot, "hello")
    missing = unreachable_actions(running.root.window)
    assert not missing, "actions only a mouse reaches:\n  " + "\n  ".join(missing)


@pytest.mark.asyncio
async def test_every_control_of_settings_and_the_provider_form_has_a_name(qtbot: QtBot, running: Running) -> None:
    dialog = SettingsDialog(running.root.window)
    running.root.profiles.attach_settings(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(0)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # the provider form, in its dialog
    assert dialog.token_dialog is not None
    missing = unnamed_controls([dialog, dialog.token_dialog])
    dialog.token_dialog.close()
    assert not missing, _listed(missing)


@pytest.mark.asyncio
async def test_every_control_of_the_compare_window_has_a_name(qtbot: QtBot, running: Running) -> None:
    running.root.composer.focus_input()
    qtbot.keyClicks(running.root.composer.edit, "Compare me")
    running.root.window.commands.compare.trigger()
    window = running.root.compare.window
    assert window is not None
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    for column in window.columns:
        column.editor.more.set_expanded(True)
    before = unnamed_controls([window])
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: all(not c.stop_button.isEnabled() for c in window.columns))
    after = unnamed_controls([window])
    running.prompts.answer("choose_items", [0])
    window.close()
    missing = sorted(set(before) | set(after))
    assert not missing, _listed(missing)
