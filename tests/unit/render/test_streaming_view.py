"""The QTextCursor recipe for applying RenderUpdates (StreamingMessageView) shows what setHtml shows."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from app.render import IncrementalRenderer, render_markdown
from tests.unit.render.qt_documents import LoadInQt, StreamingMessageView, blocks, fragments
from tests.unit.render.streaming import chunks
from tests.unit.render.test_incremental import MORE, REPLY, UNFINISHED

SAMPLES = {
    "reply": REPLY,
    "more": MORE,  # ends with a late reference definition: a reset
    "unfinished": UNFINISHED,
    "rules and quotes": "text\n\n---\n\n> quote\n>\n> > deeper\n\nafter\n\n***\n\n# Heading\n\n- a\n- b\n",
}


def visible_lines(text: str) -> list[str]:
    return [line for line in text.replace("\u2029", "\n").split("\n") if line.strip()]


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("size", [3, 50])
def test_streaming_into_a_document_shows_the_whole_render(name: str, size: int, load_in_qt: LoadInQt) -> None:
    text = SAMPLES[name]
    reference = load_in_qt(render_markdown(text))
    streamed = load_in_qt("<p>An earlier message.</p>")
    view = StreamingMessageView(streamed)
    renderer = IncrementalRenderer()
    for delta in chunks(text, [size]):
        view.apply(renderer.append(delta))
    view.apply(renderer.finish())

    assert visible_lines(streamed.toPlainText()) == ["An earlier message.", *visible_lines(reference.toPlainText())]
    sizes = {f.text(): f.charFormat().fontPointSize() for f in fragments(reference)}
    streamed_sizes = {f.text(): f.charFormat().fontPointSize() for f in fragments(streamed)}
    assert {k: v for k, v in streamed_sizes.items() if k in sizes} == sizes  # headings stay headings
    margins = [b.blockFormat().topMargin() for b in blocks(reference) if b.text().strip()]
    streamed_margins = [b.blockFormat().topMargin() for b in blocks(streamed) if b.text().strip()][1:]
    assert streamed_margins == margins  # paragraph and heading spacing kept
    assert abs(streamed.size().height() - reference.size().height()) < 0.05 * reference.size().height() + 40


def test_the_earlier_content_is_left_alone(load_in_qt: LoadInQt) -> None:
    document = load_in_qt("<h1>Earlier</h1><p>message</p>")
    view = StreamingMessageView(document)
    renderer = IncrementalRenderer()
    for delta in chunks("Reply *text*.\n\nMore.", [2]):
        view.apply(renderer.append(delta))
    view.apply(renderer.finish())
    cursor = QTextCursor(document)
    assert cursor.block().text() == "Earlier"
    assert visible_lines(document.toPlainText()) == ["Earlier", "message", "Reply text.", "More."]
