"""A message's text is in its view's font: a zoom or the text size setting reaches it, also in a view made
afterwards, and a monospace view keeps its fixed-width family at the new size."""

from __future__ import annotations

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.rich_text import MarkdownView, RichTextView, monospace_font
from app.ui.text_size import Zoom


def _host(qtbot: QtBot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(600, 400)
    host.show()
    return host


def test_a_view_made_in_a_zoomed_conversation_shows_its_text_zoomed(qtbot: QtBot) -> None:
    host = _host(qtbot)
    before = MarkdownView(host)
    before.show_markdown("Some *text* at the size of the conversation.")
    Zoom(host).set_percent(150)
    after = MarkdownView(host)  # a reply that arrives after the zoom
    after.show_markdown("Some *text* at the size of the conversation.")
    for view in (before, after):
        assert view.document().defaultFont().pointSizeF() == view.font().pointSizeF() == host.font().pointSizeF()


def test_a_monospace_view_keeps_its_fixed_width_family_when_zoomed(qtbot: QtBot) -> None:
    host = _host(qtbot)
    view = RichTextView(host, monospace=True)
    view.show_plain('{"tool": "input"}')
    fixed = monospace_font().family()
    assert view.document().defaultFont().family() == fixed
    Zoom(host).set_percent(200)
    font = view.document().defaultFont()
    assert font.family() == fixed
    assert QFontInfo(font).fixedPitch()
    assert font.pointSizeF() == host.font().pointSizeF()
