"""A titled group of fields that folds away: a header button with an arrow, a short summary of what the
section holds (useful when folded) and a badge when something inside needs attention."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from app.ui.design import Space
from app.ui.icons import IconLabel
from app.ui.problem_note import ICON_SIZE, Severity, severity_icon
from app.ui.wrapping_label import WrappingLabel

SUMMARY_ONE_LINE_MAX = 160  # a summary up to this wide stays on one line (the panel widens for it)


class CollapsibleSection(QWidget):
    """A header and a body; ``body`` is a QVBoxLayout to add the section's widgets to.

    Signals:
        expanded_changed(bool): the user folded or unfolded the section.
    """

    expanded_changed = Signal(bool)

    def __init__(self, title: str, parent: QWidget | None = None, *, expanded: bool = True) -> None:
        super().__init__(parent)
        self.header = QToolButton(self)
        self.header.setText(title)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        font = QFont(self.header.font())
        font.setBold(True)
        self.header.setFont(font)
        self.badge = IconLabel(ICON_SIZE, self)
        self.badge.hide()
        # Wrapped, never cut: a model's name is the summary that matters most ("Claude Demo Son…" said less).
        self.summary = WrappingLabel(self, one_line_up_to=SUMMARY_ONE_LINE_MAX)  # plain: a model's name
        self.summary.setObjectName("sectionSummary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.summary.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.content = QWidget(self)
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(Space.S, Space.HAIR, 0, Space.S)
        self.body.setSpacing(Space.S)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(Space.XS)
        head.addWidget(self.header)
        head.addWidget(self.badge)
        head.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(self.content)

        self._expanded = expanded
        self.header.clicked.connect(lambda: self.set_expanded(not self._expanded))
        self._apply()

    def is_expanded(self) -> bool:
        return self._expanded

    def set_expanded(self, expanded: bool) -> None:
        """Fold or unfold (reported through `expanded_changed` when it changes)."""
        if expanded == self._expanded:
            return
        self._expanded = expanded
        self._apply()
        self.expanded_changed.emit(expanded)

    def set_summary(self, text: str) -> None:
        """A few words on what the section holds, shown at the right of the header."""
        self.summary.setText(text)
        # Plain, whatever it looks like: a model's name comes from the provider (a tooltip reads "<b>…" as markup).
        self.summary.setToolTip(QtGui.Qt.convertFromPlainText(text) if text else "")

    def set_severity(self, severity: Severity | None, tooltip: str = "") -> None:
        """Show a warning or error badge in the header (None: no badge)."""
        if severity is None or severity == "note":
            self.badge.hide()
            return
        self.badge.set_icon(severity_icon(severity, self))
        self.badge.setToolTip(QtGui.Qt.convertFromPlainText(tooltip) if tooltip else "")
        self.badge.show()

    def _apply(self) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if self._expanded else Qt.ArrowType.RightArrow)
        self.header.setAccessibleDescription(self.tr("expanded") if self._expanded else self.tr("collapsed"))
        self.content.setVisible(self._expanded)
