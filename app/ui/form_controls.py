"""Form controls that behave as desktop users expect inside a scrolling panel.

- The mouse wheel scrolls the panel: a slider, spin box or combo box takes the wheel only once it has
  keyboard focus (clicked or tabbed into), never while the pointer merely passes over it
  (`wheel_only_when_focused`).
- A number typed out of a spin box's range becomes the nearest allowed value when editing ends
  (`ClampingSpinBox`, `ClampingDoubleSpinBox`). Qt's own spin boxes refuse the keystroke that leaves the
  range and then fall back to the previous value, or to the minimum: typing 4096 into a box that ends at
  4,095 gave 1,024.
- A combo box in a narrow row is never squeezed so far that its text is cut (`FittedComboBox`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPaintEvent, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)


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


class FittedComboBox(QComboBox):
    """A combo box as wide as the text it shows (its current item, or the placeholder while none is chosen):
    a layout never squeezes it below that, so the text is never cut off mid-word, as a QComboBox's is in a
    row short of room. ``max_width`` (0: none) caps it for texts that may be any length (a tag, a name):
    a longer one is cut with "…", which the combo box's tooltip or popup shows whole."""

    def __init__(self, parent: QWidget | None = None, *, max_width: int = 0) -> None:
        super().__init__(parent)
        self._max_width = max_width
        self.currentIndexChanged.connect(self.updateGeometry)
        self.currentTextChanged.connect(self.updateGeometry)

    def shown_text(self) -> str:
        """The text in the box: the current item's, or the placeholder while there is none."""
        return self.currentText() if self.currentIndex() >= 0 else self.placeholderText()

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._fitted_width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._fitted_width(), super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        option = self._option()
        room = self._text_room(option)
        if self.fontMetrics().horizontalAdvance(option.currentText) <= room:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        if self.currentIndex() < 0:
            option.currentText = self.placeholderText()
        return option

    def _text_room(self, option: QStyleOptionComboBox) -> int:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        icon = option.iconSize.width() + 4 if not option.currentIcon.isNull() else 0
        return field.width() - icon

    def _fitted_width(self) -> int:
        option = self._option()
        metrics = self.fontMetrics()
        content = QSize(metrics.horizontalAdvance(option.currentText) + 2, metrics.height())
        if not option.currentIcon.isNull():
            content.setWidth(content.width() + option.iconSize.width() + 4)
        width = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, content, self).width()
        return min(width, self._max_width) if self._max_width else width
