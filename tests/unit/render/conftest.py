"""Qt documents for render tests: load rendered HTML the way the transcript will, and record every
resource Qt asks for (it must never ask for one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument

from app.render import LIGHT, Theme, stylesheet


class ResourceRecordingDocument(QTextDocument):
    """A QTextDocument that records ``loadResource`` calls (images, style sheets, …)."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> Any:  # noqa: N802 - Qt calls this
        self.requested.append(name.toString())
        return super().loadResource(kind, name)


LoadInQt = Callable[..., ResourceRecordingDocument]


@pytest.fixture
def load_in_qt(qapp: Any) -> LoadInQt:
    """Load HTML into a styled document, lay it out and paint it (painting is when Qt loads images)."""

    def load(html: str, *, theme: Theme = LIGHT, width: int = 400) -> ResourceRecordingDocument:
        document = ResourceRecordingDocument()
        document.setDefaultStyleSheet(stylesheet(theme))
        document.setHtml(html)
        document.setTextWidth(width)
        size = document.size()
        image = QImage(width, max(1, int(size.height())), QImage.Format.Format_RGB32)
        painter = QPainter(image)
        document.drawContents(painter)
        painter.end()
        return document

    return load
