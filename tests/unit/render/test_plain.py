"""render_plain: user messages exactly as typed."""

from __future__ import annotations

from app.render import render_plain
from tests.unit.render.qt_documents import LoadInQt, fragments


def test_text_is_escaped_and_kept_whole() -> None:
    assert render_plain("a <b> & **c**\r\n  d") == '<p style="white-space: pre-wrap;">a &lt;b&gt; &amp; **c**\n  d</p>'


def test_qt_shows_it_as_typed_with_long_lines_wrapped(load_in_qt: LoadInQt) -> None:
    text = "first  line with  double spaces\n\n\tafter a blank line\n" + "word " * 200 + "\nhttps://example.com"
    document = load_in_qt(render_plain(text), width=300)
    assert document.toPlainText() == text
    assert document.size().width() <= 300
    assert all(not f.charFormat().isAnchor() for f in fragments(document))
