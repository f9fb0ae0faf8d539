"""The empty conversation: a greeting and a few starter prompts instead of a blank pane. A starter sends its
prompt as if the user had written it. With the demo, the starters show what the demo can do
(`app.demo.starters`, handed in by the root)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtGui
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.language import tr as _tr
from app.ui.design import Space, TextSize, font

Starter = tuple[str, str]
"""A starter: its label on the button, and the prompt it sends."""


def general_starters() -> list[Starter]:
    """Starters for any provider: a few things people ask for."""
    return [
        (_tr("Explain something"), _tr("Explain how public-key cryptography works, in simple terms.")),
        (_tr("Write code"), _tr("Write a Python function that removes duplicate lines from a text file.")),
        (_tr("Improve a text"), _tr("Give me three tips for writing clearer emails, each with an example.")),
        (_tr("Plan something"), _tr("Plan a relaxed three-day trip to Stockholm in spring.")),
    ]


def demo_starters(prompts: Sequence[tuple[str, str]]) -> list[Starter]:
    """The demo's starters (``(plan, prompt)``, `app.demo.starters.STARTERS`) with their labels. The prompts
    stay as they are: the demo answers by the words in them."""
    labels = {
        "showcase": _tr("Tables and code"),
        "math": _tr("Formulas"),
        "long": _tr("A long answer, streamed"),
        "refusal": _tr("How a refusal looks"),
    }
    return [(labels.get(plan, plan), prompt) for plan, prompt in prompts]


class Greeting(QWidget):
    """A greeting and a grid of starter buttons (two columns).

    Signals:
        starter_chosen(str): the prompt of the starter the user chose.
    """

    starter_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("greeting")
        self.title = QLabel(self.tr("What can I help you with?"), self)
        self.title.setObjectName("greetingTitle")
        self.title.setFont(font(TextSize.HEADING, self.font(), bold=True))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.hint = QLabel(self.tr("Write a message below, or start with one of these:"), self)
        self.hint.setObjectName("greetingHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._grid = QGridLayout()
        self._grid.setSpacing(Space.S)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.L, Space.XL, Space.L, Space.XL)
        layout.setSpacing(Space.M)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(Space.S)
        layout.addLayout(self._grid)
        self.buttons: list[QPushButton] = []
        self._prompts: list[str] = []
        self.set_starters(general_starters())

    def set_starters(self, starters: Sequence[Starter]) -> None:
        """Offer these starters (in place of those shown)."""
        for button in self.buttons:
            self._grid.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self._prompts = [prompt for _label, prompt in starters]
        for index, (label, prompt) in enumerate(starters):
            button = QPushButton(label, self)
            button.setObjectName("starter")
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setMinimumHeight(Space.XXL + Space.S)
            # The prompt is the user's own kind of text: a tooltip would read one that looks like markup as HTML.
            button.setToolTip(QtGui.Qt.convertFromPlainText(self.tr("Send: {prompt}").format(prompt=prompt)))
            button.setAccessibleName(label)
            button.setAccessibleDescription(self.tr("Sends: {prompt}").format(prompt=prompt))
            button.clicked.connect(lambda _checked=False, text=prompt: self.starter_chosen.emit(text))
            self._grid.addWidget(button, index // 2, index % 2)
            self.buttons.append(button)

    def prompts(self) -> list[str]:
        """The prompts offered, in order (for tests)."""
        return list(self._prompts)
