"""Windows open no larger than the screen they open on (a 1366×768 laptop must see a dialog's buttons)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.ui.compare import CompareWindow
from app.ui.screen_fit import SCREEN_SHARE, fitted_size, resize_to_fit


def available() -> QSize:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry().size()


def test_a_size_larger_than_the_screen_is_shrunk_to_it(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    resize_to_fit(dialog, 20_000, 20_000)
    room = available()
    assert dialog.width() == int(room.width() * SCREEN_SHARE)
    assert dialog.height() == int(room.height() * SCREEN_SHARE)


def test_a_size_that_fits_is_kept(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    resize_to_fit(dialog, 300, 200)
    assert dialog.size() == QSize(300, 200)


def test_a_child_window_measures_its_parents_screen(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    child = QDialog(parent)
    assert fitted_size(child, QSize(50_000, 100)) == QSize(int(available().width() * SCREEN_SHARE), 100)


def test_the_compare_window_fits_a_small_screen(qtbot: QtBot) -> None:
    window = CompareWindow("prompt", {"model": "claude-demo-sonnet-4-6", "max_tokens": 100}, [])
    qtbot.addWidget(window)
    room = available()
    assert room.width() < 1180 or room.height() < 760, "the offscreen screen is smaller than the wanted size"
    assert window.width() <= room.width()
    assert window.height() <= room.height()
