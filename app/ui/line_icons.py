"""Small line icons drawn with QPainter: crisp on high-DPI screens, in the palette's colour, no icon theme."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def line_icon(draw: Callable[[QPainter, float], None], colour: QColor, size: int = 16, width: float = 1.6) -> QIcon:
    """An icon of ``size`` pixels at 1× and 2×: ``draw(painter, size)`` draws it with a round-capped pen of
    ``colour`` and ``width`` on a transparent square."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        draw(painter, size)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
