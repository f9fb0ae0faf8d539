"""The status bar's permanent fields: separated from each other, and an empty one takes no room."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from app.ui.main_window import StatusBarFields, StatusField


def filled_fields(qtbot: QtBot) -> tuple[QMainWindow, StatusBarFields, list[StatusField]]:
    """A window's status fields, each with a typical text (not shown yet)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    fields = StatusBarFields(window)
    fields.show_provider("Demo server", "claude-demo-sonnet")
    fields.show_state("Ready")
    fields.show_usage(12_345, 67_890)
    fields.show_speed(0.03, 159.6)
    return window, fields, [fields.provider, fields.state, fields.tokens, fields.speed]


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


def test_a_window_too_narrow_for_every_field_elides_them_and_keeps_the_whole_text(qtbot: QtBot) -> None:
    window, fields, everything = filled_fields(qtbot)
    window.resize(1400, 300)
    window.show()
    qtbot.waitUntil(lambda: fields.speed.width() > 0)
    assert not any(field.is_elided() for field in everything)  # room for all: nothing shortened

    window.resize(420, 300)
    qtbot.waitUntil(lambda: any(field.is_elided() for field in everything))
    for field in everything:
        shown = QLabel.text(field)  # what is painted
        assert field.fontMetrics().horizontalAdvance(shown) <= field.contentsRect().width()  # never cut off
        if field.is_elided():
            assert shown.endswith("…")
    assert not fields.state.is_elided()  # a short text is never shortened
    assert fields.speed.text() == "first token 0.03 s · 159.6 tok/s"  # the whole text for everyone else

    window.resize(1400, 300)
    qtbot.waitUntil(lambda: not any(field.is_elided() for field in everything))


def test_the_fields_give_way_to_a_status_message_that_needs_the_room(qtbot: QtBot) -> None:
    window, fields, everything = filled_fields(qtbot)
    window.resize(sum(field.full_width() for field in everything) + 120, 300)
    window.show()
    qtbot.waitUntil(lambda: fields.speed.width() > 0)
    assert not any(field.is_elided() for field in everything)

    window.statusBar().showMessage("Saved")  # short: it fits beside the fields, which keep their text
    assert not any(field.is_elided() for field in everything)
    message = "Exported to /home/someone/Documents/conversations/a-long-title.md"
    window.statusBar().showMessage(message)
    qtbot.waitUntil(lambda: fields.provider.is_elided())
    room = window.statusBar().width() - sum(field.width() for field in everything)
    assert room >= window.statusBar().fontMetrics().horizontalAdvance(message)  # the message is not cut off
    window.statusBar().clearMessage()
    qtbot.waitUntil(lambda: not any(field.is_elided() for field in everything))


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: the tooltip can't be raised
def test_the_tooltip_of_a_shortened_field_shows_its_text_as_written(qtbot: QtBot) -> None:
    # The model id may come from the provider or an imported conversation: a tooltip reads "<b>…" as markup.
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QTextDocument
    from PySide6.QtGui import Qt as QtGuiNamespace
    from PySide6.QtWidgets import QApplication, QToolTip

    window = QMainWindow()
    qtbot.addWidget(window)
    fields = StatusBarFields(window)
    model = "<b>claude</b>-" + "very-long-model-name-" * 4 + '<img src="missing.png">'
    fields.show_provider("Gateway", model)
    window.resize(320, 300)
    window.show()
    qtbot.waitUntil(fields.provider.is_elided)
    centre = fields.provider.rect().center()
    QApplication.sendEvent(
        fields.provider, QHelpEvent(QEvent.Type.ToolTip, centre, fields.provider.mapToGlobal(centre))
    )
    try:
        tip = QToolTip.text()
        shown = tip
        if QtGuiNamespace.mightBeRichText(tip):
            document = QTextDocument()
            document.setHtml(tip)
            shown = document.toPlainText()
        assert shown == f"Gateway · {model}"
    finally:
        QToolTip.hideText()
