"""RichTextView / MarkdownView: safe documents, fitted heights, streamed Markdown patched tail-only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.render import DARK, DEFAULT_LABELS, LIGHT, SYNC_RENDER_COST, cached_render, render_markdown, render_plain
from app.ui.rich_text import MarkdownView, RichTextView, SafeDocument
from tests.gui.transcript_samples import CODE, HOSTILE_MARKDOWN, REPLY_MARKDOWN
from tests.unit.render.test_incremental import MORE, REPLY, UNFINISHED


@pytest.fixture
def resource_requests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL any SafeDocument is asked to load during the test."""
    requests: list[str] = []
    original = SafeDocument.loadResource

    def spy(self: SafeDocument, kind: int, name: QUrl | str) -> object:
        requests.append(name.toString() if isinstance(name, QUrl) else name)
        return original(self, kind, name)

    monkeypatch.setattr(SafeDocument, "loadResource", spy)
    return requests


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """A window for the views under test (a top-level view would ask the window system for a fixed height)."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(800, 800)
    window.show()
    return window


def _hosted(view: RichTextView, host: QWidget, width: int = 600) -> None:
    view.setParent(host)
    view.move(0, 0)
    view.resize(width, 100)
    view.show()


def _markdown_view(host: QWidget, width: int = 600) -> MarkdownView:
    view = MarkdownView()
    _hosted(view, host, width)
    return view


def _whole(text: str) -> QTextDocument:
    document = QTextDocument()
    view = MarkdownView()
    document.setDefaultStyleSheet(view.document().defaultStyleSheet())
    document.setHtml(render_markdown(text, labels=DEFAULT_LABELS))
    view.deleteLater()
    return document


def _stream(view: MarkdownView, text: str, step: int) -> None:
    for end in range(step, len(text) + step, step):
        view.stream_markdown(text[:end])
    view.finish_markdown(text)


SAMPLES = {
    "reply": REPLY_MARKDOWN,
    "long reply": REPLY,
    "late reference": MORE,  # a reference defined at the end: the finished blocks are reset
    "unfinished": UNFINISHED,
    "rules and quotes": "text\n\n---\n\n> quote\n>\n> > deeper\n\nafter\n\n***\n\n# Heading\n\n- a\n- b\n",
    "long table": "| a | b | c |\n|---|:-:|--:|\n"
    + "".join(f"| r{i} | *x* | {i} |\n" for i in range(130))
    + "\nAfter.\n",
}


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("step", [1, 7, 64])
def test_streamed_document_equals_a_whole_render(host: QWidget, name: str, step: int) -> None:
    view = _markdown_view(host)
    _stream(view, SAMPLES[name], step)
    assert view.document().toHtml() == _whole(SAMPLES[name]).toHtml()
    assert not view.is_streaming


def test_finished_blocks_are_inserted_once_and_never_touched_again(
    host: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_html_calls: list[int] = []
    original_set_html = SafeDocument.setHtml

    def counting_set_html(self: SafeDocument, html: str) -> None:
        set_html_calls.append(len(html))
        original_set_html(self, html)

    monkeypatch.setattr(SafeDocument, "setHtml", counting_set_html)
    view = _markdown_view(host)
    first_paragraph = "First paragraph, finished once the next block has a line.\n\n"
    text = first_paragraph + "Second paragraph.\n\n" + REPLY_MARKDOWN
    start = len(first_paragraph + "Second paragraph.\n")
    view.stream_markdown(text[:start])
    assert view.plain_text().startswith("First paragraph")
    finished = _mark_text(view.document(), 0, len("First paragraph, finished once the next block has a line."))
    calls_after_first_block = len(set_html_calls)

    for end in range(start + 5, len(text) + 5, 5):
        view.stream_markdown(text[:end])
        assert _marked_length(view.document(), finished) == finished  # a re-inserted block loses the mark
    view.finish_markdown(text)

    assert _marked_length(view.document(), finished) == finished
    assert len(set_html_calls) == calls_after_first_block  # no whole-document resets while streaming
    assert view.plain_text() == _whole(text).toPlainText()


def test_a_code_block_streams_by_adding_its_new_lines(qtbot: QtBot, host: QWidget) -> None:
    code = "".join(f"value_{i} = compute({i})\t# <{i}> & more\n" for i in range(300)) + "\n  \n```x\n``"
    text = "Intro, then the code:\n```python\n" + code
    start = text.index("\n", text.index("value_0")) + 1
    marked_view = _markdown_view(host)
    marked_view.stream_markdown(text[:start])
    first_line = marked_view.document().find("value_0 = compute(0)")
    marked = _mark_text(marked_view.document(), first_line.selectionStart(), first_line.selectionEnd())
    view = _markdown_view(host)

    for end in range(text.index("value_0"), len(text) + 3, 3):
        view.stream_markdown(text[:end])
        if end > start:
            marked_view.stream_markdown(text[:end])
        if end < start + 60 or end % 97 == 0:
            assert view.document().toHtml() == _shown_at_once(host, text[:end])
    assert view.document().toHtml() == _shown_at_once(host, text)
    assert view.code_block(0) == code.removesuffix("``").rstrip("\n")
    at = QTextCursor(marked_view.document())
    at.setPosition(first_line.selectionStart() + marked)
    assert at.charFormat().property(_MARK)  # the block's first line was never inserted again

    view.finish_markdown(text + "`\n")
    qtbot.waitUntil(lambda: not view.is_rendering)  # the highlighted block is a few tables, added a turn each
    assert view.document().toHtml() == _whole(text + "`\n").toHtml()


def _shown_at_once(host: QWidget, text: str) -> str:
    view = _markdown_view(host)
    view.stream_markdown(text)
    shown = view.document().toHtml()
    view.deleteLater()
    return shown


def test_a_text_that_does_not_continue_the_previous_one_restarts_cleanly(qtbot: QtBot, host: QWidget) -> None:
    view = _markdown_view(host)
    view.stream_markdown("Partial answer with trailing space   \n\nmore ")
    view.stream_markdown("Partial answer with trailing space")  # a Continue trims trailing space
    view.finish_markdown("Partial answer with trailing space, continued.")
    assert view.plain_text() == "Partial answer with trailing space, continued."


def test_copy_link_puts_the_exact_code_on_the_clipboard(qtbot: QtBot, host: QWidget) -> None:
    view = _markdown_view(host)
    view.show_markdown(REPLY_MARKDOWN)
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(view.code_copied, timeout=1000):
        _click_anchor(qtbot, view, "copy:0")
    assert QGuiApplication.clipboard().text() == CODE.removesuffix("\n")  # the fence's content, exactly


def test_selected_text_is_copied_with_ctrl_c(qtbot: QtBot, host: QWidget) -> None:
    view = _markdown_view(host)
    view.show_markdown("Select **this** text.")
    view.setFocus()
    cursor = view.textCursor()
    cursor.setPosition(7)
    cursor.setPosition(11, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "this"


def test_copy_works_for_a_code_block_still_streaming(qtbot: QtBot, host: QWidget) -> None:
    view = _markdown_view(host)
    view.stream_markdown("Intro\n\n```sh\necho one\necho two\n")
    assert view.code_block(0) == "echo one\necho two"
    assert view.code_block(1) is None


def test_safe_links_are_signalled_and_others_are_not(qtbot: QtBot, host: QWidget) -> None:
    view = _markdown_view(host)
    view.show_markdown("See [the docs](https://example.com/docs) or [x](javascript:alert(1)).")
    with qtbot.waitSignal(view.link_activated, timeout=1000) as blocker:
        _click_anchor(qtbot, view, "https://example.com/docs")
    assert blocker.args == [QUrl("https://example.com/docs")]
    assert _anchors(view.document()) == ["https://example.com/docs"]  # the javascript: link is text
    with qtbot.assertNotEmitted(view.link_activated), qtbot.assertNotEmitted(view.copy_requested):
        view.anchorClicked.emit(QUrl("javascript:alert(1)"))
        view.anchorClicked.emit(QUrl("file:///etc/passwd"))
        view.anchorClicked.emit(QUrl("copy:not-a-number"))


def test_hostile_markdown_is_shown_as_text_and_fetches_nothing(
    qtbot: QtBot, host: QWidget, resource_requests: list[str]
) -> None:
    view = _markdown_view(host)
    _stream(view, HOSTILE_MARKDOWN, 9)
    view.grab()  # paint: images would be requested now
    text = view.plain_text()
    assert '<img src="http://127.0.0.1:9/track.png">' in text
    assert '<script>alert("x")</script>' in text
    assert '<div onclick="alert(3)">' in text
    assert resource_requests == []
    assert not _has_image(view.document())
    # Only web links remain clickable (opened on click in the browser, never fetched here).
    assert all(href.startswith("http://127.0.0.1:9/") for href in _anchors(view.document()))


def test_plain_text_shows_as_render_plain_does_and_growing_text_only_has_its_end_added(host: QWidget) -> None:
    text = "\nFirst <b>line</b> &amp; <img src='http://127.0.0.1:9/x.png'>\r\n\tsecond\x01 line\r\n\nthird\n"
    view, reference = RichTextView(), RichTextView()
    for shown in (view, reference):
        _hosted(shown, host)
        shown.set_style(LIGHT)
    view.show_plain(text[:12])
    marked = _mark_text(view.document(), 0, 5)
    for end in range(13, len(text) + 1):
        view.show_plain(text[:end])
    reference.set_html(render_plain(text))

    assert _marked_length(view.document(), marked) == marked  # never set again, only added to
    assert (
        view.plain_text()
        == reference.plain_text()
        == "First <b>line</b> &amp; <img src='http://127.0.0.1:9/x.png'>\n\tsecond line\n\nthird"
    )
    assert view.document().size() == reference.document().size()
    assert not _has_image(view.document())
    assert _anchors(view.document()) == []


def test_the_document_refuses_resources_even_for_raw_html(
    qtbot: QtBot, host: QWidget, resource_requests: list[str]
) -> None:
    view = RichTextView()
    _hosted(view, host)
    view.set_html('<p>x<img src="http://127.0.0.1:9/a.png"></p>')
    view.grab()
    assert resource_requests
    assert set(resource_requests) == {"http://127.0.0.1:9/a.png"}
    assert view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(resource_requests[0])) is None
    assert not view.openLinks()
    assert not view.openExternalLinks()


def test_height_fits_the_content_and_follows_the_width(qtbot: QtBot, host: QWidget) -> None:
    view = _markdown_view(host, width=700)
    view.show_markdown("word " * 300)
    qtbot.waitUntil(lambda: view.height() > 40, timeout=1000)
    wide_height = view.height()
    assert view.verticalScrollBar().maximum() == 0
    assert abs(wide_height - view.document().size().height()) <= 2
    view.resize(300, wide_height)
    qtbot.waitUntil(lambda: view.height() > wide_height * 1.8, timeout=1000)
    assert view.verticalScrollBar().maximum() == 0


def test_theme_change_re_renders_in_the_new_colours(qtbot: QtBot, host: QWidget) -> None:
    view = _markdown_view(host)
    view.show_markdown(REPLY_MARKDOWN)
    assert DARK.code_background not in view.document().toHtml()
    view.set_theme(DARK, DEFAULT_LABELS)
    assert DARK.code_background in view.document().toHtml()
    assert view.plain_text() == _whole(REPLY_MARKDOWN).toPlainText()


_MARK = QTextFormat.Property.UserProperty + 7


def _mark_text(document: QTextDocument, start: int, end: int) -> int:
    """Tag the characters start..end with a private format property; return how many were tagged."""
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    mark = QTextCharFormat()
    mark.setProperty(_MARK, True)
    cursor.mergeCharFormat(mark)
    return end - start


def _marked_length(document: QTextDocument, limit: int) -> int:
    """How many of the first ``limit`` characters still carry the mark."""
    cursor = QTextCursor(document)
    marked = 0
    for position in range(1, limit + 1):
        cursor.setPosition(position)
        marked += bool(cursor.charFormat().property(_MARK))
    return marked


def _anchors(document: QTextDocument) -> list[str]:
    hrefs = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor():
                hrefs.append(fragment.charFormat().anchorHref())
            iterator += 1
        block = block.next()
    return hrefs


def _has_image(document: QTextDocument) -> bool:
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            if iterator.fragment().charFormat().isImageFormat():
                return True
            iterator += 1
        block = block.next()
    return False


def _click_anchor(qtbot: QtBot, view: RichTextView, href: str) -> None:
    """Click the middle of the first link to ``href``, as a user would."""
    document = view.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + max(fragment.length() // 2, 0))
                point: QPoint = view.cursorRect(cursor).center()
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
                QApplication.processEvents()
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


# --- replies too costly for the UI thread ---------------------------------------------------------------

LINKS_PARAGRAPH = "".join(f"[{n}](https://example.com/page/{n}) " for n in range(6_000))  # ~200 KB, one paragraph
LONG_REPLY = "".join(
    f"## Part {n}\n\nSome *text* with `code` and a [link](https://example.com/{n}).\n\n" for n in range(400)
)


@pytest.fixture
def ui_conversions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The render cost of every conversion done on the UI thread (by the converter) during the test."""
    import threading

    from app.render import _markdown, render_cost

    costs: list[int] = []
    original = _markdown.render_fragment

    def spy(text: str, **kwargs: object) -> object:
        if threading.current_thread() is threading.main_thread():
            costs.append(render_cost(text))
        return original(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_markdown, "render_fragment", spy)
    monkeypatch.setattr("app.render._incremental.render_fragment", spy)
    return costs


def test_a_long_reply_shows_as_typed_at_once_and_rendered_when_the_background_has_it(
    qtbot: QtBot, host: QWidget, ui_conversions: list[int]
) -> None:
    view = _markdown_view(host)
    view.show_markdown(LONG_REPLY)
    assert view.is_rendering
    assert view.plain_text().startswith("## Part 0")  # as typed, at once
    qtbot.waitUntil(lambda: not view.is_rendering, timeout=20_000)
    assert max(ui_conversions, default=0) <= SYNC_RENDER_COST
    assert view.document().toHtml() == _whole(LONG_REPLY).toHtml()


def test_a_reply_too_costly_to_render_while_it_streams_streams_as_typed_and_is_rendered_at_the_end(
    qtbot: QtBot, host: QWidget, ui_conversions: list[int]
) -> None:
    text = "Intro *text*.\n\n" + LINKS_PARAGRAPH + "\n\nThe end."
    view = _markdown_view(host)
    for end in range(0, len(text) + 2_000, 2_000):
        view.stream_markdown(text[:end])
    assert view.is_streaming
    assert view.plain_text().endswith(text[: len(text)][-20:])  # all of it shown, as typed
    view.finish_markdown(text)
    qtbot.waitUntil(lambda: not view.is_rendering, timeout=60_000)
    assert max(ui_conversions) <= SYNC_RENDER_COST  # the UI thread never converted more at once
    assert sum(ui_conversions) < 20 * SYNC_RENDER_COST
    assert view.document().toHtml() == _whole(text).toHtml()


def test_a_table_wider_than_the_view_scrolls_sideways_with_readable_columns(qtbot: QtBot, host: QWidget) -> None:
    columns = 40
    text = (
        "| " + " | ".join(f"Column {c}" for c in range(columns)) + " |\n|" + "---|" * columns + "\n"
        "| " + " | ".join(f"value {c}" for c in range(columns)) + " |\n"
    )
    view = _markdown_view(host, width=600)
    view.show_markdown(text)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0, timeout=2_000)
    bar = view.horizontalScrollBar()
    assert view.document().size().width() > 40 * 60  # every column has room for its words
    assert view.height() >= view.document().size().height() + bar.sizeHint().height()  # the bar hides no text
    view.resize(4_000, view.height())
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0, timeout=2_000)


def test_a_long_rendered_reply_reaches_the_document_a_batch_of_blocks_at_a_time(qtbot: QtBot, host: QWidget) -> None:
    text = "| a | b |\n|---|---|\n" + "".join(f"| row {i} | *{i}* |\n" for i in range(1_000))
    cached_render(text)  # remembered: shown without the background thread
    view = _markdown_view(host)
    view.show_markdown(text)
    assert view.is_rendering  # not all of it in one go: Qt lays a table out at some 0.3 ms a row
    assert 0 < view.plain_text().count("row") < 1_000
    qtbot.waitUntil(lambda: not view.is_rendering, timeout=20_000)
    assert view.document().toHtml() == _whole(text).toHtml()


def _code_line(view: MarkdownView, start: str) -> int:
    """How many lines Qt lays the code line beginning with ``start`` out on."""
    found = view.document().find(start)
    assert not found.isNull()
    return found.block().layout().lineCount()


def test_a_long_code_line_stays_one_line_and_wrap_wraps_that_block_only(qtbot: QtBot, host: QWidget) -> None:
    long_line = "result = " + " + ".join(f"term_{i}" for i in range(60))
    text = f"Prose first.\n\n```python\n{long_line}\n```\n\n```python\nother = {long_line[9:]}\n```\n"
    view = _markdown_view(host, width=500)
    view.show_markdown(text)
    bar = view.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2_000)  # the view scrolls sideways
    assert _code_line(view, "result = ") == 1
    assert _code_line(view, "other = ") == 1
    assert view.height() >= view.document().size().height() + bar.sizeHint().height()  # the bar hides no code
    assert view.toolTip() == ""
    _click_anchor(qtbot, view, "wrap:0")
    assert view.code_wrapped(0)
    assert _code_line(view, "result = ") > 2  # the first block wraps now...
    assert _code_line(view, "other = ") == 1  # ...the second keeps its line
    view.set_theme(DARK, DEFAULT_LABELS)  # rendered anew: the choice holds
    assert _code_line(view, "result = ") > 2
    _click_anchor(qtbot, view, "wrap:0")
    assert not view.code_wrapped(0)
    assert _code_line(view, "result = ") == 1


def test_a_wrapped_code_block_stays_wrapped_while_the_reply_streams_on(qtbot: QtBot, host: QWidget) -> None:
    long_line = "result = " + " + ".join(f"term_{i}" for i in range(60))
    text = f"```python\n{long_line}\n```\n\nThen"
    view = _markdown_view(host, width=500)
    view.stream_markdown(text)
    view.toggle_code_wrap(0)
    assert _code_line(view, "result = ") > 2
    for more in (" more", " more words", " more words.\n\n```\nopen = 1"):
        view.stream_markdown(text + more)
        assert _code_line(view, "result = ") > 2
    view.finish_markdown(text + " more words.\n\n```\nopen = 1\n```\n")
    qtbot.waitUntil(lambda: not view.is_rendering)
    assert _code_line(view, "result = ") > 2
    assert _code_line(view, "open = 1") == 1
