"""The status bar: a few labelled fields (connection and model · the last reply · the next request · the
conversation · the cache), details in their tooltips, a separator only between two fields, nothing cut."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from app.chat.pricing import CostTotal
from app.store.models import UsageTotals
from app.ui.main_window import StatusBarFields, StatusField
from app.ui.status_figures import StatusFigures

USAGE = {"input_tokens": 12_345, "output_tokens": 67_890}
TIMINGS = {"time_to_first_text": 0.03, "output_tokens_per_second": 159.6}


def filled_fields(qtbot: QtBot) -> tuple[QMainWindow, StatusBarFields, list[StatusField]]:
    """A window's status fields, each with a typical text (not shown yet)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    fields = StatusBarFields(window)
    figures = StatusFigures(window)
    fields.show_provider("Demo server", "claude-demo-sonnet-5")
    fields.show_ending("complete", "end_turn")
    fields.show_reply(USAGE, TIMINGS)
    figures.show_draft_count(1_234)
    figures.show_conversation_cost(UsageTotals(3, 12_345, 67_890), CostTotal(usd=0.42, priced=3))
    return window, fields, [fields.provider, fields.reply, figures.draft_tokens, figures.conversation_cost]


def test_fields_show_only_with_text_and_a_line_separates_two_fields_but_never_stands_alone(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    fields = StatusBarFields(window)
    window.resize(900, 300)
    window.show()
    assert not fields.reply.isVisible()  # nothing to say yet
    fields.show_reply({"input_tokens": 9, "output_tokens": 355}, None)
    assert fields.reply.isVisible()
    assert fields.reply.text() == "9 in · 355 out"
    assert fields.reply.caption() == "Reply"
    assert fields.reply.accessibleName() == "Reply: 9 in · 355 out"
    fields.show_reply(None, None)
    assert not fields.reply.isVisible()

    fields.show_reply({"input_tokens": 9, "output_tokens": 355}, None)
    qtbot.waitUntil(lambda: fields.reply.width() > 0)
    assert not fields.reply.has_neighbour_on_the_left()  # the only field: no line before it
    fields.show_provider("Demo server", "claude-demo-sonnet-5")
    qtbot.waitUntil(lambda: fields.provider.width() > 0 and fields.provider.x() < fields.reply.x())
    assert fields.reply.has_neighbour_on_the_left()
    assert not fields.provider.has_neighbour_on_the_left()
    for field in (fields.provider, fields.reply):
        palette = field.palette()
        palette.setColor(QPalette.ColorRole.Mid, QColor("#ff0000"))
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#00ff00"))
        field.setPalette(palette)
    middle = fields.reply.height() // 2
    reply = fields.reply.grab().toImage()
    assert reply.pixelColor(0, middle) == QColor("#ff0000")  # the separator at its left edge
    caption = {reply.pixelColor(x, y).name() for x in range(reply.width() // 3) for y in range(reply.height())}
    assert "#00ff00" in caption  # the caption, in the muted colour
    assert fields.reply.contentsMargins().left() >= fields.reply.fontMetrics().horizontalAdvance("Reply") + 6
    provider = fields.provider.grab().toImage()
    assert provider.pixelColor(0, middle) != QColor("#ff0000")  # the leftmost: no stray separator
    fields.provider.clear()
    qtbot.waitUntil(lambda: not fields.reply.has_neighbour_on_the_left())
    qtbot.waitUntil(lambda: fields.reply.grab().toImage().pixelColor(0, middle) != QColor("#ff0000"))


def test_the_reply_says_how_it_ended_only_when_not_well_and_its_details_are_in_the_tooltip(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    fields = StatusBarFields(window)
    usage = {"input_tokens": 5, "cache_read_input_tokens": 1_000, "output_tokens": 7}
    fields.show_reply(usage, TIMINGS)
    fields.show_ending("complete", "end_turn")
    assert fields.state == ""
    assert fields.reply.text() == "1,005 in · 7 out · 160 tok/s"  # no "Ready": nothing to say
    assert fields.reply.short_text() == "1,005 in · 7 out"
    tip = fields.reply.toolTip()
    for detail in ("1,000 read from the cache", "First token after 0.03 s", "159.6 tokens a second"):
        assert detail in tip
    fields.show_ending("stopped", None)
    assert fields.state == "Stopped"
    assert fields.reply.text().startswith("Stopped · 1,005 in")
    assert fields.reply.short_text().startswith("Stopped · ")  # the state stays in the least room
    fields.show_state("Streaming…")
    fields.show_reply({}, None)  # a reply that has reported nothing yet
    assert fields.reply.text() == "Streaming… · – in · – out"


def _painted(field: StatusField) -> str:
    return QLabel.text(field)  # the value it paints (its caption is painted beside it)


def test_a_window_too_narrow_for_every_field_shortens_them_from_the_right_and_keeps_the_whole_text(
    qtbot: QtBot,
) -> None:
    window, fields, everything = filled_fields(qtbot)
    cost = everything[-1]
    window.resize(1600, 300)
    window.show()
    qtbot.waitUntil(lambda: cost.width() > 0)
    assert not any(field.is_shortened() for field in everything)  # room for all: nothing shortened

    # Room for the short texts, not for every whole one: the rightmost fields give way first, uncut.
    spacing = window.statusBar().layout().spacing()
    short_total = sum(field.short_width() + spacing for field in everything)
    provider_saves = fields.provider.full_width() - fields.provider.short_width()
    window.resize(short_total + provider_saves + 60, 300)
    qtbot.waitUntil(cost.is_shortened)
    assert _painted(cost) == "$0.42"
    assert _painted(fields.reply) in ("12,345 in · 67,890 out", "12,345 in · 67,890 out · 160 tok/s")
    assert not fields.provider.is_shortened()  # the leftmost keeps its whole text longest
    assert not any(field.is_elided() for field in everything)
    for field in everything:
        assert field.fontMetrics().horizontalAdvance(_painted(field)) <= field.contentsRect().width()
    assert cost.text() == "80,235 tokens · $0.42"  # the whole text for everyone else
    assert cost.caption() == "Conversation"

    window.resize(420, 300)  # too narrow even for the short texts: the last resort cuts them with "…"
    qtbot.waitUntil(lambda: any(field.is_elided() for field in everything))
    shown = [field for field in everything if field.isVisible()]
    assert shown[0] is fields.provider  # what has no room at all stands aside, from the right
    assert [field.standing_aside() for field in everything] == [field not in shown for field in everything]
    assert sum(field.width() for field in shown) <= window.statusBar().width()
    for field in shown:
        assert field.fontMetrics().horizontalAdvance(_painted(field)) <= field.contentsRect().width()  # no clip
        if field.is_elided():
            assert _painted(field).endswith("…")
        caption = field.fontMetrics().horizontalAdvance(field.caption())
        assert field.contentsRect().left() >= caption  # the caption keeps its room: the label stays

    window.resize(1600, 300)
    qtbot.waitUntil(lambda: all(field.isVisible() and not field.is_shortened() for field in everything))


def test_the_fields_give_way_to_a_status_message_that_needs_the_room(qtbot: QtBot) -> None:
    window, _fields, everything = filled_fields(qtbot)
    window.resize(sum(field.full_width() for field in everything) + 120, 300)
    window.show()
    qtbot.waitUntil(lambda: everything[-1].width() > 0)
    assert not any(field.is_shortened() for field in everything)
    bar = window.statusBar()

    bar.showMessage("Saved")  # short: it fits beside the fields, which keep their text
    qtbot.wait(20)
    assert not any(field.is_shortened() for field in everything)
    message = "Exported to /home/someone/Documents/conversations/a-rather-long-title-for-a-conversation.md"
    bar.showMessage(message)
    qtbot.waitUntil(lambda: everything[-1].is_shortened() or everything[-1].standing_aside())

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
    window.resize(1600, 300)
    window.show()
    fields.reply.hide()
    window.statusBar().showMessage("A message")
    window.statusBar().clearMessage()
    window.resize(1500, 300)
    qtbot.wait(20)
    assert not fields.reply.isVisible()
    fields.show_reply(USAGE, {"time_to_first_text": 0.5, "output_tokens_per_second": 10.0})  # new figures: shown
    assert fields.reply.isVisible()


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


def test_every_field_fits_as_soon_as_the_window_is_resized_before_any_event_is_handled(qtbot: QtBot) -> None:
    # The bar decides at the resize itself: when it decided an event later, Qt squeezed the fields first, and a
    # test (or a screenshot) in between saw a field narrower than the text it shows (once, in a loaded run).
    window, _fields, everything = filled_fields(qtbot)
    window.resize(1600, 300)
    window.show()
    qtbot.waitUntil(lambda: everything[-1].width() > 0)
    spacing = window.statusBar().layout().spacing()
    short_total = sum(field.short_width() + spacing for field in everything)
    for width in (short_total + 60, 1600, 420, 1600):
        window.resize(width, 300)  # no qtbot.wait: nothing else happens in between
        for field in everything:
            if field.isVisible():
                assert field.fontMetrics().horizontalAdvance(_painted(field)) <= field.contentsRect().width(), (
                    width,
                    field.objectName(),
                )
        assert sum(field.width() for field in everything if field.isVisible()) <= window.statusBar().width()
