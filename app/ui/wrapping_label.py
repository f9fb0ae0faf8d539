"""A label that wraps rather than being cut: one line when the layout gives it the room, several when not."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget


class WrappingLabel(QLabel):
    """Plain text on one line when there is room, wrapped (at spaces and hyphens, or inside a long word) when
    there is not: never cut off, as a QLabel is in a row short of room, and not wrapped early either, as a
    word-wrapped QLabel is (it asks for a width of its own choosing, narrower than its line).

    ``one_line_up_to``: a text no wider than this (in pixels) is never wrapped: its whole line is the
    label's minimum width, so the layout around it makes the room (a short name stays readable on one line)."""

    def __init__(self, parent: QWidget | None = None, *, one_line_up_to: int = 0) -> None:
        super().__init__(parent)
        self._one_line_up_to = one_line_up_to
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def one_line_width(self) -> int:
        """The width the text needs on one line (its widest line, if it has several)."""
        margins = self.contentsMargins()
        lines = self.text().split("\n")
        widest = max(self.fontMetrics().horizontalAdvance(line) for line in lines) if lines else 0
        return widest + margins.left() + margins.right() + 2 * max(self.margin(), 0) + 2

    def sizeHint(self) -> QSize:
        width = self.one_line_width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        kept = min(self.one_line_width(), self._one_line_up_to)
        return QSize(max(hint.width(), kept), hint.height())
