"""Hostile replies reach the document in bounded steps: no turn of the event loop makes Qt lay out more than a
bounded amount (counted, not timed: the characters and table cells of every block a change touches), and the
text shown in the end is all of it (copying gives it exactly)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.render import LAYOUT_AT_ONCE, LINE_PIECE_CHARS, cached_render
from app.render._converter import TABLE_CHUNK_CELLS
from app.render._long_lines import CELL_COST
from app.ui.rich_text import MarkdownView
from app.ui.text_size import Zoom

# What one turn may make Qt lay out: a turn's worth of new text, the block it lands in (a piece of a line at
# most) and the piece a cut splits (Qt lays out both halves again), or a turn's worth of table cells.
MAX_CHARS_PER_TURN = LAYOUT_AT_ONCE + 3 * LINE_PIECE_CHARS
# (Qt lays the table before out again when a chunk is added after it; while streaming, the tail's chunk follows.)
MAX_CELLS_PER_TURN = max(LAYOUT_AT_ONCE // CELL_COST, 3 * TABLE_CHUNK_CELLS) + 3  # + a code block's header row

PROSE = "The quick brown fox jumps over the lazy dog. "


def _table(rows: int, columns: int = 4) -> str:
    head = "| " + " | ".join(f"Head {c}" for c in range(columns)) + " |\n|" + "---|" * columns + "\n"
    return head + "".join("| " + " | ".join(f"cell {r}.{c}" for c in range(columns)) + " |\n" for r in range(rows))


SHAPES = {
    # shown as typed (too many elements for Qt in one paragraph), one line of 200 KB
    "links": "[a](http://h/) " * 13_000,
    "underscores": "_a " * 66_000,
    "no white space": "x" * 200_000,
    # rendered: one paragraph of 100 KB, a long table, a table too wide to lay out a row of at once
    "prose": PROSE * 2_200,
    "table 3,000 rows": _table(3_000),
    "table 300 columns": _table(10, 300),
    "code block": "```python\n" + "".join(f"value_{i} = compute({i})  # more\n" for i in range(4_500)) + "```\n",
}


@dataclass
class Turn:
    """What Qt had to lay out again in one turn of the event loop."""

    chars: int = 0  # characters of the blocks changed, outside tables
    cells: int = 0  # cells of the tables changed (Qt lays a table out whole)


class LayoutRecorder:
    """Records, per turn, the blocks and tables that the document's changes touch."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self.turn = Turn()
        self._tables: set[int] = set()
        document.contentsChange.connect(self._changed)

    def _changed(self, position: int, removed: int, added: int) -> None:
        document = self._document
        block = document.findBlock(position)
        end = position + added
        while block.isValid() and block.position() <= end:
            table = QTextCursor(block).currentTable()
            if table is None:
                self.turn.chars += block.length()
            elif table.firstPosition() not in self._tables:
                self._tables.add(table.firstPosition())
                self.turn.cells += _cells(table)
                self.turn.chars += table.lastPosition() - table.firstPosition()
                block = document.findBlock(table.lastPosition())
            block = block.next()

    def take(self) -> Turn:
        turn, self.turn = self.turn, Turn()
        self._tables.clear()
        return turn


def _cells(table: QTextTable) -> int:
    return table.rows() * table.columns()


def _turns(view: MarkdownView, action: Callable[[], None], qtbot: QtBot) -> list[Turn]:
    """The turns ``action`` and what it leaves to later turns take, until the view has shown everything."""
    recorder = LayoutRecorder(view.document())
    action()
    turns = [recorder.take()]
    for _ in range(10_000):
        if not view.is_rendering:
            break
        QApplication.processEvents()  # one turn: the timers due now, not those they start
        turns.append(recorder.take())
        if not turns[-1].chars:
            time.sleep(0.001)  # the render thread is at work (qtbot.wait would run several turns at once)
    QApplication.processEvents()
    turns.append(recorder.take())
    assert not view.is_rendering
    return turns


def _assert_bounded(turns: list[Turn]) -> None:
    assert max(turn.chars for turn in turns) <= MAX_CHARS_PER_TURN
    assert max(turn.cells for turn in turns) <= MAX_CELLS_PER_TURN


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(860, 600)
    window.show()
    return window


@pytest.fixture
def view(host: QWidget) -> MarkdownView:
    shown = MarkdownView(host)
    shown.resize(800, 100)
    shown.show()
    return shown


def _shown_text(view: MarkdownView) -> str:
    return view.plain_text()


@pytest.mark.parametrize("name", SHAPES)
def test_a_hostile_reply_is_shown_in_bounded_steps_and_whole(view: MarkdownView, qtbot: QtBot, name: str) -> None:
    text = SHAPES[name]
    turns = _turns(view, lambda: view.show_markdown(text), qtbot)
    _assert_bounded(turns)
    assert sum(1 for turn in turns if turn.chars) > 1  # it did not go in at once
    _assert_whole(view, name, text)


def _assert_whole(view: MarkdownView, name: str, text: str) -> None:
    if name.startswith("table"):
        assert _shown_text(view).count("cell") == text.count("cell")
    elif name == "code block":
        assert _shown_text(view).count("compute") == text.count("compute")
        assert view.code_block(0) == text.removeprefix("```python\n").removesuffix("\n```\n")
    else:
        assert _shown_text(view).strip() == text.strip()


@pytest.mark.parametrize("name", SHAPES)
def test_a_hostile_reply_streams_in_bounded_steps_and_is_shown_whole(
    view: MarkdownView, qtbot: QtBot, name: str
) -> None:
    text = SHAPES[name]
    step = len(text) // 100
    turns: list[Turn] = []
    for end in range(step, len(text), step):
        turns += _turns(view, lambda end=end: view.stream_markdown(text[:end]), qtbot)  # type: ignore[misc]
    turns += _turns(view, lambda: view.finish_markdown(text), qtbot)
    _assert_bounded(turns)
    _assert_whole(view, name, text)


def test_a_line_cut_into_blocks_is_copied_as_the_line_it_is(view: MarkdownView, qtbot: QtBot) -> None:
    line = "word " * 3_000 + "x" * 9_000 + " end"
    text = f"First line.\n{line}\nLast line."
    view.show_plain(text)
    qtbot.waitUntil(lambda: not view.is_filling)
    assert view.document().blockCount() > 3  # the long line is several blocks
    view.selectAll()
    assert view.createMimeDataFromSelection().text() == text
    cursor = view.textCursor()
    cursor.setPosition(len("First line.\nword "))
    cursor.setPosition(view.document().lastBlock().position() - 1, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.createMimeDataFromSelection().text() == line[len("word ") :]
    assert view.plain_text() == text


def test_a_growing_line_is_cut_where_the_whole_line_is(view: MarkdownView, qtbot: QtBot) -> None:
    text = PROSE * 1_000
    for end in range(0, len(text), 997):
        view.show_plain(text[:end])
    view.show_plain(text)
    qtbot.waitUntil(lambda: not view.is_filling)
    whole = MarkdownView()
    whole.show_plain(text)
    qtbot.waitUntil(lambda: not whole.is_filling)
    assert [_block_texts(view.document())] == [_block_texts(whole.document())]
    assert max(len(block) for block in _block_texts(view.document())) <= LINE_PIECE_CHARS
    whole.deleteLater()


def _block_texts(document: QTextDocument) -> list[str]:
    texts = []
    block = document.begin()
    while block.isValid():
        texts.append(block.text())
        block = block.next()
    return texts


def test_a_long_paragraph_is_rendered_in_pieces_that_copy_as_one(view: MarkdownView, qtbot: QtBot) -> None:
    text = "Start **" + PROSE * 300 + "end** and [a link](https://example.com) " + PROSE * 100
    cached_render(text)
    turns = _turns(view, lambda: view.show_markdown(text), qtbot)
    _assert_bounded(turns)
    assert view.document().blockCount() > 3
    assert view.plain_text() == text.replace("**", "").replace("[a link](https://example.com)", "a link").strip()


QT_LAZY_PIECE_PX = 2_000
"""Qt's lazy layout stops only where it has laid out this much height since it last could stop (a table is laid
out whole): the least a step of laying out again can do."""


def _cells_in_a_lazy_piece(document: QTextDocument) -> int:
    """The cells of a piece of Qt's lazy layout (plus a chunk on either side), at the document's table rows'
    height."""
    layout = document.documentLayout()
    tables = [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]
    if not tables:
        return 0
    table = tables[len(tables) // 2]  # neither the first (its header) nor the last (its margin)
    row_height = layout.frameBoundingRect(table).height() / table.rows()
    return int((QT_LAZY_PIECE_PX / row_height) * table.columns()) + 2 * TABLE_CHUNK_CELLS


class RelayoutRecorder:
    """Records, per turn, what Qt lays out again after a change of width: the blocks whose layout it made anew
    (a change of width clears every block's), and for a table all its cells at once."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._laid: set[int] = set()

    def take(self) -> Turn:
        turn = Turn()
        tables: set[int] = set()
        block = self._document.begin()
        while block.isValid():
            number = block.blockNumber()
            if number not in self._laid and block.layout().lineCount() > 0:
                self._laid.add(number)
                table = QTextCursor(block).currentTable()
                turn.chars += block.length()
                if table is not None and table.firstPosition() not in tables:
                    tables.add(table.firstPosition())
                    turn.cells += _cells(table)
            block = block.next()
        return turn

    def all_laid(self) -> bool:
        return len(self._laid) == self._document.blockCount()


NARROWED = {name: SHAPES[name] for name in ("links", "prose", "no white space", "code block")} | {
    "table 1,000 rows": _table(1_000)
}


def _relaid_out_in_bounded_steps(
    host: QWidget, view: MarkdownView, qtbot: QtBot, text: str, change: Callable[[], None]
) -> None:
    """Show ``text``, make ``change`` (a new width, a new font); assert that Qt lays it out again in bounded steps."""
    _turns(view, lambda: view.show_markdown(text), qtbot)
    view.document().size()  # all of it laid out as it was
    view.move(0, 600 - view.height())  # its end in sight, as when the transcript follows a reply
    recorder = RelayoutRecorder(view.document())
    change()
    host.repaint()  # painting what is in sight must not lay out everything above it
    turns = [recorder.take()]
    for _ in range(10_000):
        if not view.is_relaying_out:
            break
        QApplication.processEvents()  # one turn
        host.repaint()
        turns.append(recorder.take())
    assert not view.is_relaying_out
    assert max(turn.chars for turn in turns) <= MAX_CHARS_PER_TURN
    assert max(turn.cells for turn in turns) <= _cells_in_a_lazy_piece(view.document())
    assert sum(1 for turn in turns if turn.chars) > 2  # it was laid out in steps
    assert recorder.all_laid()


def _fresh_view(host: QWidget, qtbot: QtBot, text: str, width: int) -> MarkdownView:
    """A view made as the text's view is now, showing ``text``: what laying it out again must come to."""
    fresh = MarkdownView(host)
    fresh.resize(width, 100)
    fresh.show()
    _turns(fresh, lambda: fresh.show_markdown(text), qtbot)
    return fresh


@pytest.mark.parametrize("name", NARROWED)
def test_a_huge_reply_is_laid_out_again_in_bounded_steps_when_the_window_narrows(
    host: QWidget, view: MarkdownView, qtbot: QtBot, name: str
) -> None:
    text = NARROWED[name]
    _relaid_out_in_bounded_steps(host, view, qtbot, text, lambda: view.resize(700, view.height()))
    # Laid out as a view made at that width lays it out, and as tall.
    fresh = _fresh_view(host, qtbot, text, 700)
    qtbot.waitUntil(lambda: fresh.height() == view.height())
    assert view.document().size() == fresh.document().size()


ZOOMED = {name: NARROWED[name] for name in ("prose", "code block", "table 1,000 rows")}


@pytest.mark.parametrize("name", ZOOMED)
def test_a_huge_reply_is_laid_out_again_in_bounded_steps_when_the_conversation_is_zoomed(
    host: QWidget, view: MarkdownView, qtbot: QtBot, name: str
) -> None:
    text = ZOOMED[name]
    zoom = Zoom(host)
    _relaid_out_in_bounded_steps(host, view, qtbot, text, zoom.zoom_in)
    assert view.document().defaultFont() == view.font() == host.font()
    # Laid out as a view made in that font lays it out, and as tall.
    fresh = _fresh_view(host, qtbot, text, view.width())
    qtbot.waitUntil(lambda: fresh.height() == view.height())
    assert view.document().size() == fresh.document().size()
    # The same font again (the text size setting tells every widget twice) lays nothing out again.
    recorder = RelayoutRecorder(view.document())
    recorder.take()
    QApplication.sendEvent(view, QEvent(QEvent.Type.ApplicationFontChange))
    assert not view.is_relaying_out
    assert recorder.take().chars == 0
