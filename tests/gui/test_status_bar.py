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
    fields.show_provider("Demo server", "claude-demo-sonnet-5")
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


def _painted(field: StatusField) -> str:
    return QLabel.text(field)


def test_a_window_too_narrow_for_every_field_shortens_them_from_the_right_and_keeps_the_whole_text(
    qtbot: QtBot,
) -> None:
    window, fields, everything = filled_fields(qtbot)
    window.resize(1400, 300)
    window.show()
    qtbot.waitUntil(lambda: fields.speed.width() > 0)
    assert not any(field.is_shortened() for field in everything)  # room for all: nothing shortened

    # Room for the short texts, not for every whole one: the rightmost fields give way first, uncut.
    spacing = window.statusBar().layout().spacing()
    short_total = sum(field.short_width() + spacing for field in everything)
    provider_saves = fields.provider.full_width() - fields.provider.short_width()
    window.resize(short_total + provider_saves + 60, 300)
    qtbot.waitUntil(lambda: fields.speed.is_shortened())
    assert _painted(fields.speed) == "0.03 s · 160 tok/s"
    assert _painted(fields.tokens) in ("12,345 in · 67,890 out", "tokens: 12,345 in · 67,890 out")
    assert not fields.provider.is_shortened()  # the leftmost keeps its whole text longest
    assert not any(field.is_elided() for field in everything)
    for field in everything:
        assert field.fontMetrics().horizontalAdvance(_painted(field)) <= field.contentsRect().width()
    assert fields.speed.text() == "first token 0.03 s · 159.6 tok/s"  # the whole text for everyone else

    window.resize(420, 300)  # too narrow even for the short texts: the last resort cuts them with "…"
    qtbot.waitUntil(lambda: any(field.is_elided() for field in everything))
    for field in everything:
        assert field.fontMetrics().horizontalAdvance(_painted(field)) <= field.contentsRect().width()  # no clip
        if field.is_elided():
            assert _painted(field).endswith("…")
    assert not fields.state.is_shortened()  # a short text is never shortened

    window.resize(1400, 300)
    qtbot.waitUntil(lambda: not any(field.is_shortened() for field in everything))


def test_the_fields_give_way_to_a_status_message_that_needs_the_room(qtbot: QtBot) -> None:
    window, fields, everything = filled_fields(qtbot)
    window.resize(sum(field.full_width() for field in everything) + 120, 300)
    window.show()
    qtbot.waitUntil(lambda: fields.speed.width() > 0)
    assert not any(field.is_shortened() for field in everything)
    bar = window.statusBar()

    bar.showMessage("Saved")  # short: it fits beside the fields, which keep their text
    qtbot.wait(20)
    assert not any(field.is_shortened() for field in everything)
    message = "Exported to /home/someone/Documents/conversations/a-rather-long-title-for-a-conversation.md"
    bar.showMessage(message)
    qtbot.waitUntil(lambda: fields.speed.is_shortened() or fields.speed.standing_aside())

    def room() -> int:
        return bar.width() - sum(field.width() for field in everything if field.isVisible())

    qtbot.waitUntil(lambda: room() >= bar.fontMetrics().horizontalAdvance(message))  # the message is not cut
    assert not any(field.is_elided() for field in everything)  # shortened or aside, never cut
    aside = [field.standing_aside() for field in everything]
    assert aside == sorted(aside)  # from the right: the leftmost stays longest
    bar.clearMessage()
    qtbot.waitUntil(lambda: all(field.isVisible() and not field.is_shortened() for field in everything))


def test_a_field_its_owner_hid_stays_hidden_whatever_the_room(qtbot: QtBot) -> None:
    window, fields, _everything = filled_fields(qtbot)
    window.resize(1400, 300)
    window.show()
    fields.speed.hide()
    window.statusBar().showMessage("A message")
    window.statusBar().clearMessage()
    window.resize(1300, 300)
    qtbot.wait(20)
    assert not fields.speed.isVisible()
    fields.show_speed(0.5, 10.0)  # new figures: shown again
    assert fields.speed.isVisible()


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
    qtbot.waitUntil(fields.provider.is_shortened)
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
