"""The status bar's permanent fields: separated from each other, and an empty one takes no room."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.ui.main_window import StatusBarFields


def test_fields_show_only_with_text_and_each_starts_with_a_separator(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    fields = StatusBarFields(window)
    window.show()
    assert not fields.tokens.isVisible()  # nothing to say yet: no lone separator either
    fields.show_usage(9, 355)
    assert fields.tokens.isVisible()
    assert fields.tokens.text() == "tokens: 9 in · 355 out"
    fields.show_speed(None, None)
    assert not fields.speed.isVisible()
    fields.show_usage(None, None)
    assert not fields.tokens.isVisible()

    fields.show_state("Ready")
    palette = fields.state.palette()
    palette.setColor(QPalette.ColorRole.Mid, QColor("#ff0000"))
    fields.state.setPalette(palette)
    image = fields.state.grab().toImage()
    middle = image.height() // 2
    assert image.pixelColor(0, middle) == QColor("#ff0000")  # the separator at its left edge
    assert fields.state.contentsMargins().left() >= 6  # and room between it and the text
