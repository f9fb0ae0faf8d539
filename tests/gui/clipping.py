"""Finding text that a window shows only in part: a label or a combo box narrower than its text.

`clipped` walks every visible label and combo box of a window and compares the width its text needs
(QFontMetrics) with the room the widget gives it (its contents rect); a cut text ("…") counts as clipped
too. A word-wrapped label must have the height its lines need at its width. A status field may show its
short text instead of the whole one (that is a text of its own, not a cut one), and the status bar's
message must fit in the room its fields leave."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QStyle, QStyleOptionComboBox, QWidget

from app.ui.main_window import StatusField

_SLACK = 1  # a pixel of rounding between QFontMetrics and the text engine


def clipped(window: QWidget) -> list[str]:
    """A line for every visible label or combo box of ``window`` that shows less than its text."""
    found: list[str] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisibleTo(window) or widget.width() <= 0 or not widget.visibleRegion().boundingRect().width():
            continue
        if isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
        elif isinstance(widget, QLabel):
            problem = _label_problem(widget)
        else:
            continue
        if problem:
            found.append(f"{type(widget).__name__} {widget.objectName() or '(no name)'}: {problem}")
    if isinstance(window, QMainWindow):
        found += _message_problem(window)
    return found


def _message_problem(window: QMainWindow) -> list[str]:
    bar = window.statusBar()
    message = bar.currentMessage()
    if not message:
        return []
    fields = [f for f in bar.findChildren(QWidget) if f.isVisible() and f.parentWidget() is bar and f.width() > 0]
    room = bar.width() - sum(f.width() for f in fields)
    needed = bar.fontMetrics().horizontalAdvance(message) + 8
    return [f"status message {message!r} needs {needed} px, has {room}"] if needed > room else []


def _label_problem(label: QLabel) -> str:
    text = QLabel.text(label)  # what it paints (a status field's text() is its whole text)
    if isinstance(label, StatusField) and text != label.text() and text.endswith("…"):
        return f"{label.text()!r} is cut to {text!r}"
    if (
        not text
        or label.textFormat() == Qt.TextFormat.RichText
        or (label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    ):
        return ""  # rich text lays itself out (and pixmap labels have no text)
    metrics = label.fontMetrics()
    room = label.contentsRect().width() - 2 * max(label.margin(), 0) - max(label.indent(), 0)
    lines = text.split("\n")
    if label.wordWrap():
        if label.minimumSizeHint().width() > label.width() + _SLACK:
            return f"{text!r} needs {label.minimumSizeHint().width()} px to wrap, has {label.width()}"
        needed_height = label.heightForWidth(label.width())
        if needed_height > label.height() + _SLACK:
            return f"{text!r} needs {needed_height} px of height, has {label.height()}"
        return ""
    needed = max(metrics.horizontalAdvance(line) for line in lines)
    if needed > room + _SLACK:
        return f"{text!r} needs {needed} px, has {room}"
    return ""


def _combo_problem(combo: QComboBox) -> str:
    text = combo.currentText() if combo.currentIndex() >= 0 else combo.placeholderText()
    if not text:
        return ""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    room = field.width()
    if combo.currentIndex() >= 0 and not option.currentIcon.isNull():
        room -= option.iconSize.width() + 4
    needed = combo.fontMetrics().horizontalAdvance(text)
    if needed > room + _SLACK:
        return f"{text!r} needs {needed} px, has {room}"
    return ""
