"""Small inline messages next to a field: an icon and a line of text coloured by severity
(blocking problems in red, warnings in amber, notes in the secondary text colour)."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.ui.design import Space, current_colors
from app.ui.icons import IconLabel, Tone, icon

Severity = Literal["error", "warning", "note"]

ICON_SIZE = 14
_RANK: dict[Severity, int] = {"note": 0, "warning": 1, "error": 2}
_TONES: dict[Severity, Tone] = {"error": "danger", "warning": "warning", "note": "muted"}


def worst(severities: list[Severity]) -> Severity | None:
    """The most serious of ``severities`` (None for none)."""
    return max(severities, key=_RANK.__getitem__, default=None)


def severity_colour(severity: Severity, palette: QPalette) -> QColor:
    """A text colour for ``severity`` that reads on the palette's background (light or dark)."""
    if severity == "note":
        return palette.color(QPalette.ColorRole.PlaceholderText)
    colors = current_colors(palette)
    return QColor(colors.danger if severity == "error" else colors.warning)


def severity_icon(severity: Severity, widget: QWidget) -> QIcon:
    """The icon for ``severity``, in its colour on ``widget``'s palette."""
    return icon(severity, _TONES[severity], widget.palette())


class ProblemNote(QWidget):
    """An icon and a wrapped message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemNote")
        self.icon = IconLabel(ICON_SIZE, self)
        self.icon.setFixedWidth(ICON_SIZE + 2)  # a little room before the text
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # an API error message is server text
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.XS)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self._severity: Severity | None = None
        self.hide()

    @property
    def severity(self) -> Severity | None:
        """The severity shown (None while hidden)."""
        return self._severity

    def text(self) -> str:
        """The message shown ("" while hidden)."""
        return self.label.text() if self._severity is not None else ""

    def show_messages(self, messages: list[tuple[str, Severity]]) -> None:
        """Show ``messages`` (one per line) under the icon of the most serious; none: hide."""
        severity = worst([s for _m, s in messages])
        self._severity = severity
        if severity is None:
            self.label.clear()
            self.hide()
            return
        self.label.setText("\n".join(m for m, _s in messages))
        self._paint()
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and self._severity is not None:
            self._paint()  # another theme: the colour that reads on the new background, the style's icon

    def _paint(self) -> None:
        severity = self._severity
        assert severity is not None
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, severity_colour(severity, self.palette()))
        self.label.setPalette(palette)
        self.icon.set_icon(severity_icon(severity, self))
