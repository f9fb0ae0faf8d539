"""How the transcript looks: colours derived from a render :class:`~app.render.Theme`, and painted cards.

Widgets are coloured through palettes and a few painted shapes rather than a Qt style sheet: style
sheets re-polish every widget they reach, which costs time on pages of hundreds of widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QWidget

from app.render import Theme
from app.ui.design import Radius, TextSize, blend, colors_for, font

CARD_RADIUS = float(Radius.M)


@dataclass(frozen=True)
class TranscriptColors:
    """The colours of the transcript's chrome for one theme (message text colours live in the HTML)."""

    theme: Theme
    background: QColor
    text: QColor
    muted: QColor
    bubble: QColor  # the user's messages
    card: QColor  # tool calls, tool results, thinking
    card_border: QColor
    error: QColor
    error_fill: QColor
    notice: QColor  # stopped / max_tokens notes
    notice_fill: QColor

    @classmethod
    def from_theme(cls, theme: Theme) -> TranscriptColors:
        tokens = colors_for(theme)
        error, notice = tokens.danger, tokens.warning
        return cls(
            theme=theme,
            background=QColor(theme.background),
            text=QColor(theme.text),
            muted=QColor(theme.muted_text),
            bubble=QColor(tokens.user_bubble),
            card=QColor(theme.code_background),
            card_border=QColor(theme.border),
            error=QColor(error),
            error_fill=blend(theme.background, error, 0.10),
            notice=QColor(notice),
            notice_fill=blend(theme.background, notice, 0.10),
        )

    def palette(self, base: QPalette) -> QPalette:
        """``base`` with the transcript's background and text colours (buttons stay quiet: muted text)."""
        palette = QPalette(base)
        for role, colour in (
            (QPalette.ColorRole.Window, self.background),
            (QPalette.ColorRole.Base, self.background),
            (QPalette.ColorRole.AlternateBase, self.card),
            (QPalette.ColorRole.WindowText, self.text),
            (QPalette.ColorRole.Text, self.text),
            (QPalette.ColorRole.Button, self.card),
            (QPalette.ColorRole.ButtonText, self.text),
            (QPalette.ColorRole.PlaceholderText, self.muted),
            (QPalette.ColorRole.ToolTipBase, self.card),
            (QPalette.ColorRole.ToolTipText, self.text),
            (QPalette.ColorRole.Link, QColor(self.theme.link)),
        ):
            palette.setColor(role, colour)
        return palette


def set_muted(widget: QWidget, colors: TranscriptColors) -> None:
    """Grey text: headers, usage lines, quiet buttons."""
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
        palette.setColor(role, colors.muted)
    widget.setPalette(palette)


def make_small(widget: QWidget) -> None:
    """A slightly smaller font than the text around (call once per widget)."""
    widget.setFont(font(TextSize.SMALL, widget.font()))


class CardFrame(QFrame):
    """A frame painted as a rounded box (fill and optional border): bubbles, cards, error boxes."""

    def __init__(self, parent: QWidget | None = None, *, radius: float = CARD_RADIUS) -> None:
        super().__init__(parent)
        self._fill = QColor(Qt.GlobalColor.transparent)
        self._border: QColor | None = None
        self._radius = radius

    def set_colors(self, fill: QColor, border: QColor | None = None) -> None:
        self._fill, self._border = QColor(fill), QColor(border) if border is not None else None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(self._border, 1.0) if self._border is not None else Qt.PenStyle.NoPen)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(rect, self._radius, self._radius)
        painter.end()
