"""A segmented control: a few mutually exclusive choices side by side (effort levels, thinking modes, the
prompt cache's time to live...), where every choice is visible at a glance and one click picks one.

It behaves as a group of radio buttons does for the keyboard: Tab enters it at the chosen segment (or the
first one that can be chosen) and leaves it with the next Tab; the arrow keys, Home and End choose another
segment. A segment the model can't take is disabled with the reason as its tooltip, or hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QWidget,
)

Option = tuple[str, str, str]
"""A segment: its value, its label and one sentence on what it does (its tooltip)."""

_SEGMENT_PADDING = 5  # pixels left and right of a segment's label: a row of five fits a narrow panel
_NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)
_PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up)


class _Segment(QToolButton):
    """One segment: as wide as its label and a little padding (a tool button's style adds more), so that a
    row of segments stays narrow."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().horizontalAdvance(self.text()) + 2 * _SEGMENT_PADDING), hint.height()
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        # The chosen segment in the selection's colours: a style's "pressed" look (Fusion's, dark above all)
        # barely differs from the others.
        if not (self.isChecked() and self.isEnabled()):
            super().paintEvent(event)
            return
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        palette = QPalette(option.palette)
        palette.setColor(QPalette.ColorRole.Button, palette.color(QPalette.ColorRole.Highlight))
        palette.setColor(QPalette.ColorRole.ButtonText, palette.color(QPalette.ColorRole.HighlightedText))
        option.palette = palette
        option.state &= ~QStyle.StateFlag.State_Sunken  # the fill says it: no darker pressed gradient over it
        option.state |= QStyle.StateFlag.State_Raised
        QStylePainter(self).drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)


class SegmentedControl(QWidget):
    """Exclusive choices as a row of buttons; at most one is chosen (none: `value` is None).

    Signals:
        chosen(str): the user chose this value (emitted also when it was the chosen one already, so that a
            default shown as chosen can be made explicit); never for `set_value`.
    """

    chosen = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._buttons: dict[str, QToolButton] = {}
        self._descriptions: dict[str, str] = {}
        self._reasons: dict[str, str] = {}
        self._allowed: set[str] | None = None  # None: every segment (see `restrict`)
        self._reason_of: Callable[[str], str] = lambda _value: ""
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._group.buttonClicked.connect(self._on_clicked)

    # --- building ---

    def set_options(self, options: Sequence[Option]) -> None:
        """Make these segments, in this order (the chosen value is kept when it is among them). Call it once:
        the segments' place in the tab order is where they are made; `restrict` shows and hides them."""
        chosen = self.value()
        for button in self._buttons.values():
            self._group.removeButton(button)
            button.deleteLater()
        self._buttons.clear()
        self._descriptions.clear()
        self._reasons.clear()
        for value, label, description in options:
            button = _Segment(self)
            button.setText(label)
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"{self._name}: {label}")
            button.setAccessibleDescription(description)
            button.installEventFilter(self)
            self._group.addButton(button)
            self._layout.addWidget(button, 1)
            self._buttons[value] = button
            self._descriptions[value] = description
            self._show_tooltip(value)
        self.set_value(chosen if chosen in self._buttons else None)

    def values(self) -> list[str]:
        """Every segment's value, shown or not, in order."""
        return list(self._buttons)

    def button(self, value: str) -> QToolButton:
        """The segment of ``value`` (for tests and for the tab order)."""
        return self._buttons[value]

    # --- state ---

    def value(self) -> str | None:
        """The chosen value (None: none is)."""
        return next((value for value, button in self._buttons.items() if button.isChecked()), None)

    def set_value(self, value: str | None) -> None:
        """Show ``value`` as chosen (None, or a value that is not offered: none) without emitting `chosen`."""
        self._group.setExclusive(False)  # an exclusive group never lets the last checked button go
        for key, button in self._buttons.items():
            button.setChecked(key == value)
        self._group.setExclusive(True)
        self._apply_restriction()

    def restrict(self, allowed: Collection[str], reason_of: Callable[[str], str]) -> None:
        """Offer only the ``allowed`` values: any other segment is hidden, except the chosen one, which stays
        shown but disabled, with ``reason_of(value)`` (why it can't be chosen) in its tooltip, so that what
        is chosen is always seen."""
        self._allowed = set(allowed)
        self._reason_of = reason_of
        self._apply_restriction()

    def _apply_restriction(self) -> None:
        chosen = self.value()
        for value, button in self._buttons.items():
            allowed = self._allowed is None or value in self._allowed
            button.setVisible(allowed or value == chosen)
            button.setEnabled(allowed)
            self._reasons[value] = "" if allowed else self._reason_of(value)
            self._show_tooltip(value)
        self._update_focus_policies()

    def is_available(self, value: str) -> bool:
        button = self._buttons[value]
        return button.isEnabled() and not button.isHidden()

    # --- keyboard ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and watched in self._buttons.values():
            key = event.key()
            if key in (*_NEXT_KEYS, *_PREVIOUS_KEYS, Qt.Key.Key_Home, Qt.Key.Key_End):
                self._step(watched, key)
                return True
        return super().eventFilter(watched, event)

    def _step(self, current: QObject, key: int) -> None:
        """Choose the next (previous, first, last) segment that can be chosen, as the arrow keys do in a group
        of radio buttons."""
        usable = [value for value in self._buttons if self.is_available(value)]
        if not usable:
            return
        values = list(self._buttons)
        here = next((value for value in values if self._buttons[value] is current), usable[0])
        if key == Qt.Key.Key_Home:
            target = usable[0]
        elif key == Qt.Key.Key_End:
            target = usable[-1]
        else:
            step = 1 if key in _NEXT_KEYS else -1
            index = values.index(here)
            target = here
            for offset in range(1, len(values) + 1):
                candidate = values[(index + step * offset) % len(values)]
                if candidate in usable:
                    target = candidate
                    break
        self._buttons[target].setFocus(Qt.FocusReason.TabFocusReason)
        self._choose(target)

    # --- internals ---

    def _on_clicked(self, button: QToolButton) -> None:
        value = next(key for key, candidate in self._buttons.items() if candidate is button)
        self._choose(value)

    def _choose(self, value: str) -> None:
        self.set_value(value)
        self.chosen.emit(value)

    def _update_focus_policies(self) -> None:
        """Only one segment takes Tab (the chosen one, else the first that can be chosen); the others take
        a click. So Tab goes into the control and out of it, and the arrows move inside it."""
        usable = [value for value in self._buttons if self.is_available(value)]
        chosen = self.value()
        entry = chosen if chosen in usable else (usable[0] if usable else None)
        for value, button in self._buttons.items():
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if value == entry else Qt.FocusPolicy.ClickFocus)

    def _show_tooltip(self, value: str) -> None:
        reason = self._reasons.get(value, "")
        text = self._descriptions[value] + (f"\n{reason}" if reason else "")
        self._buttons[value].setToolTip(QtGui.Qt.convertFromPlainText(text) if text else "")
