"""Form controls that behave as desktop users expect inside a scrolling panel.

- The mouse wheel scrolls the panel: a slider, spin box or combo box takes the wheel only once it has
  keyboard focus (clicked or tabbed into), never while the pointer merely passes over it
  (`wheel_only_when_focused`).
- A number typed out of a spin box's range becomes the nearest allowed value when editing ends
  (`ClampingSpinBox`, `ClampingDoubleSpinBox`). Qt's own spin boxes refuse the keystroke that leaves the
  range and then fall back to the previous value, or to the minimum: typing 4096 into a box that ends at
  4,095 gave 1,024.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QWidget


def _has_keyboard_focus(widget: QWidget) -> bool:
    """Whether ``widget`` (or a part of it: a spin box's or combo box's line edit) is its window's focus
    widget, whether or not that window is the active one (the wheel scrolls inactive windows too)."""
    focus = widget.window().focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


class _WheelWhenFocused(QObject):
    """Turns a wheel event away from its (unfocused) widget so that it goes on to the parents."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not _has_keyboard_focus(watched):
            # Handled here but not accepted: Qt then offers it to the parents, up to the scroll area.
            event.ignore()
            return True
        return False


def wheel_only_when_focused(*widgets: QWidget) -> None:
    """Let each widget change its value with the wheel only while it has keyboard focus; otherwise the
    wheel scrolls whatever contains it."""
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone never gives focus
        widget.installEventFilter(_WheelWhenFocused(widget))


def _number_text(text: str, prefix: str, suffix: str) -> str:
    """The number in a spin box's text, without its prefix and suffix."""
    text = text.strip()
    if prefix and text.startswith(prefix):
        text = text[len(prefix) :]
    if suffix and text.endswith(suffix):
        text = text[: -len(suffix)]
    return text.strip()


def _out_of_range_allowed(
    checked: tuple[QValidator.State, str, int], number: float | None
) -> tuple[QValidator.State, str, int]:
    """Qt's verdict on a spin box's text, except that a number out of range may be typed (`fixup` brings it in)."""
    state, text, pos = checked
    if state == QValidator.State.Invalid and number is not None:
        state = QValidator.State.Intermediate
    return state, text, pos


class ClampingSpinBox(QSpinBox):
    """A whole-number spin box in which a number typed out of range becomes the nearest allowed value
    (its wheel too only works while it has focus)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wheel_only_when_focused(self)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return _out_of_range_allowed(super().validate(text, pos), self._typed(text))

    def fixup(self, text: str) -> str:
        number = self._typed(text)
        if number is None:
            return super().fixup(text)
        return self.textFromValue(min(max(number, self.minimum()), self.maximum()))

    def _typed(self, text: str) -> int | None:
        number, ok = self.locale().toLongLong(_number_text(text, self.prefix(), self.suffix()))
        return int(number) if ok else None


class ClampingDoubleSpinBox(QDoubleSpinBox):
    """A decimal spin box in which a number typed out of range becomes the nearest allowed value (its
    wheel too only works while it has focus)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        wheel_only_when_focused(self)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return _out_of_range_allowed(super().validate(text, pos), self._typed(text))

    def fixup(self, text: str) -> str:
        number = self._typed(text)
        if number is None:
            return super().fixup(text)
        return self.textFromValue(min(max(number, self.minimum()), self.maximum()))

    def _typed(self, text: str) -> float | None:
        number, ok = self.locale().toDouble(_number_text(text, self.prefix(), self.suffix()))
        return float(number) if ok else None
