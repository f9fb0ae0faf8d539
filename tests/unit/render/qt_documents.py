"""Qt documents holding rendered HTML: looking into them, and streaming into them as the transcript will."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextFragment,
    QTextTable,
)

from app.render import RenderUpdate


class ResourceRecordingDocument(QTextDocument):
    """A QTextDocument that records ``loadResource`` calls (images, style sheets, …)."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> Any:
        self.requested.append(name.toString())
        return super().loadResource(kind, name)


# load_in_qt(html, *, theme=LIGHT, width=400): see the fixture in conftest.py
LoadInQt = Callable[..., ResourceRecordingDocument]


def blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    """Every block (paragraph) of a Qt document, table cells included, in order."""
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def fragments(document: QTextDocument) -> list[QTextFragment]:
    """Every run of equally formatted text in a Qt document (table cells included), in order."""
    found: list[QTextFragment] = []
    for block in blocks(document):
        iterator = block.begin()
        while not iterator.atEnd():
            found.append(iterator.fragment())
            iterator += 1
    return found


def anchors(document: QTextDocument) -> list[str]:
    """Every link target in a Qt document, in order."""
    return [f.charFormat().anchorHref() for f in fragments(document) if f.charFormat().anchorHref()]


def tables(document: QTextDocument) -> list[QTextTable]:
    """Every table of a Qt document, outer ones first."""
    found: list[QTextTable] = []
    frames = list(document.rootFrame().childFrames())
    while frames:
        frame = frames.pop(0)
        if isinstance(frame, QTextTable):
            found.append(frame)
        frames.extend(frame.childFrames())
    return found


class StreamingMessageView:
    """How a view applies :class:`RenderUpdate`s to the end of a QTextDocument (the sketch for app.ui).

    Finished HTML is inserted once where the previous tail began; the tail is removed and inserted
    again on every update. Two Qt quirks shape it: ``insertHtml`` merges the fragment's first block into
    the cursor's block and drops that block's format (margins, heading spacing, rules), and removing
    text leaves the block format behind. So fragments are parsed in a scratch document, inserted into
    a fresh block, and their first block's format is put back; the block where the tail starts gets its
    own format back when the tail is removed.
    """

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._scratch = QTextDocument()
        self._scratch.setDefaultStyleSheet(document.defaultStyleSheet())
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._start = self._tail_start = cursor.position()
        self._start_format = self._tail_block_format = cursor.blockFormat()

    def apply(self, update: RenderUpdate) -> None:
        """Show ``update``: one undo step, only the tail (and new finished blocks) touched."""
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        if update.reset:
            self._tail_start, self._tail_block_format = self._start, self._start_format
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockFormat(self._tail_block_format)
        if update.finished_html:
            self._insert(cursor, update.finished_html)
            self._tail_start, self._tail_block_format = cursor.position(), cursor.blockFormat()
        if update.tail_html:
            self._insert(cursor, update.tail_html)
        cursor.endEditBlock()

    def _insert(self, cursor: QTextCursor, html: str) -> None:
        scratch = self._scratch
        scratch.setHtml(html)
        first = scratch.begin()
        frames = scratch.rootFrame().childFrames()
        # A leading table needs no fresh block: Qt puts a frame after the cursor's block anyway.
        starts_with_table = bool(frames) and first.length() == 1 and frames[0].firstPosition() == 1
        if not starts_with_table:
            block = cursor.block()
            if block.length() > 1 or block.blockFormat().hasProperty(_RULER):
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        start = cursor.position()
        cursor.insertFragment(QTextDocumentFragment(scratch))
        if not starts_with_table and first.textList() is None:
            end = cursor.position()
            cursor.setPosition(start)
            cursor.setBlockFormat(first.blockFormat())
            cursor.setPosition(end)


_RULER = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
