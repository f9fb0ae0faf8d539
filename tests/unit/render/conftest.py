"""The ``load_in_qt`` fixture: rendered HTML in a Qt document, as the transcript will hold it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QImage, QPainter

from app.render import LIGHT, Theme, stylesheet
from tests.unit.render.qt_documents import LoadInQt, ResourceRecordingDocument


@pytest.fixture
def load_in_qt(qapp: Any) -> LoadInQt:
    """Load HTML into a styled document, lay it out and paint it (painting is when Qt loads images)."""

    def load(html: str, *, theme: Theme = LIGHT, width: int = 400) -> ResourceRecordingDocument:
        document = ResourceRecordingDocument()
        document.setDefaultStyleSheet(stylesheet(theme))
        document.setHtml(html)
        document.setTextWidth(width)
        image = QImage(width, max(1, int(document.size().height())), QImage.Format.Format_RGB32)
        painter = QPainter(image)
        document.drawContents(painter)
        painter.end()
        return document

    return load
