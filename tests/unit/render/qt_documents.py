"""Qt documents holding rendered HTML, and looking into them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QTextBlock,
    QTextDocument,
    QTextFragment,
    QTextTable,
)


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
