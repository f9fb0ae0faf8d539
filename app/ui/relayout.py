"""Laying a large document out again after its width or font changed, a bounded step per turn of the event loop.

Qt lays a ``QTextDocument`` out again whole when its width or its default font changes (a zoom, the text size
setting): ``QTextEdit`` does it at once for everything
its viewport shows (for a view as tall as its text, all of it), and asking the document its size finishes it.
A 3,000-row table took 1.6 s of the UI thread, a 200 KB paragraph 0.3 s. So a view whose document costs more
than ``LAYOUT_AT_ONCE`` to lay out gives the new width or font to the document itself through a
:class:`Relayout`: Qt then lays out only a first piece, and each later turn of the event loop lays out one more
piece (one view at a time, however many are waiting). Qt's own lazy layout, whose steps double up to 200,000
characters, is held back meanwhile; the view paints only the part laid out and keeps its height until the end.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFrame, QTextTable

from app.render import LAYOUT_AT_ONCE
from app.render._long_lines import CELL_COST


def layout_cost_of(document: QTextDocument) -> int:
    """What laying ``document`` out costs, in characters' worth (as ``app.render.layout_cost`` counts HTML): its
    characters plus ``CELL_COST`` per cell of its tables (those in the top level; a quote is a table of two)."""
    cells = sum(_cells(frame) for frame in document.rootFrame().childFrames())
    return document.characterCount() + CELL_COST * cells


class Relayout(QObject):
    """Lays ``document`` out again in steps after a change of its width or font; calls ``done`` once all of it is
    laid out.

    ``laid_height`` is how far down the document is laid out (what may be painted). Qt stops a piece of lazy
    layout only where a piece ends (about 2,000 pixels of content), so a step asks it for one such piece at a
    time beyond what the budget takes.
    """

    def __init__(self, document: QTextDocument, done: Callable[[], None]) -> None:
        super().__init__(document)
        self._document = document
        self._done = done
        self._position = 0  # laid out up to here
        self.laid_height = 0.0
        self.finished = False

    def start(self, change: Callable[[], None]) -> None:
        """Make ``change`` to the document (a new width or default font: Qt forgets every block's layout and lays
        out a first piece now) and lay out this turn's share."""
        layout = self._document.documentLayout()
        layout.installEventFilter(self)  # before: the change starts Qt's own timer
        change()
        if not self.step():
            _queue(self)

    def cancel(self) -> None:
        """Stop here (the document was replaced, or is laid out at another width)."""
        if not self.finished:
            self.finished = True
            if shiboken6.isValid(self._document):
                self._document.documentLayout().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt's lazy layout steps on timers, doubling each step: the steps here take their place until the end.
        return event.type() == QEvent.Type.Timer and not self.finished

    def step(self) -> bool:
        """Lay out the next piece; True once the whole document is laid out (``done`` has been called)."""
        if self.finished:
            return True
        document = self._document
        if not shiboken6.isValid(document):
            self.finished = True
            return True
        block = document.findBlock(self._position)
        budget = LAYOUT_AT_ONCE
        last: QTextBlock | None = None
        table: QTextFrame | None = None
        while block.isValid():
            frame = _top_frame(block)
            if frame is None:
                cost, end = block.length(), block
            else:
                end = document.findBlock(frame.lastPosition())
                cost = frame.lastPosition() - frame.firstPosition() + CELL_COST * _cells(frame)
            if last is not None and cost > budget:
                break
            budget -= cost
            last, table = end, frame
            block = end.next()
        layout = document.documentLayout()
        if last is not None:
            # Lays out through ``last`` (Qt goes on to the end of its piece); nothing after it.
            rect = layout.frameBoundingRect(table) if table is not None else layout.blockBoundingRect(last)
            self.laid_height = max(self.laid_height, rect.bottom())
            self._position = last.position() + last.length()
        if block.isValid():
            return False
        self.cancel()
        self._done()
        return True


def _top_frame(block: QTextBlock) -> QTextFrame | None:
    """The frame (a table) in the document's top level that ``block`` is in; None for a block of the top level."""
    frame = QTextCursor(block).currentFrame()
    if frame is None or frame.parentFrame() is None:
        return None
    while (parent := frame.parentFrame()) is not None and parent.parentFrame() is not None:
        frame = parent
    return frame


def _cells(frame: QTextFrame) -> int:
    return frame.rows() * frame.columns() if isinstance(frame, QTextTable) else 0


_waiting: deque[Relayout] = deque()


def _queue(relayout: Relayout) -> None:
    if not _waiting:
        QTimer.singleShot(0, _step_one)
    _waiting.append(relayout)


def _step_one() -> None:
    """One step of the first relayout waiting (one per turn, however many views wait), then the next turn's."""
    while _waiting:
        relayout = _waiting.popleft()
        if relayout.finished or not shiboken6.isValid(relayout):
            continue
        if not relayout.step():
            _waiting.append(relayout)
        break
    if _waiting:
        QTimer.singleShot(0, _step_one)
