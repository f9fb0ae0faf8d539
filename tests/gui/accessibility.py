"""What a screen reader would find nameless in a window: the one helper the accessibility tests ask.

A control counts as named when it has an accessible name, or a text Qt exposes as its name (a button's or a
check box's text, a tab's), or a label whose buddy it is (QFormLayout rows set that). Labels are their text.
Qt's own parts of a control (a spin box's line edit, a combo box's popup list, a line edit's clear button, a
scroll area's viewport: object names starting ``qt_``) and scroll bars are the control's, not controls of their
own; a widget that hands its focus to another (a tab widget to its tab bar) is that other one. What is hidden
is left out: it is checked in a state that shows it (a screen reader finds only what is shown)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QTabBar,
)


def describe(widget: QWidget) -> str:
    """Where a widget is: its class and object name, up through its parents, and its tooltip."""
    parts = []
    current: QWidget | None = widget
    while current is not None and len(parts) < 5:
        name = current.objectName()
        parts.append(type(current).__name__ + (f"#{name}" if name else ""))
        current = current.parentWidget()
    tip = widget.toolTip()
    return " < ".join(parts) + (f" (tooltip {tip!r})" if tip else "")


def _is_qt_part(widget: QWidget, top: QWidget) -> bool:
    """Part of a Qt control (named with it) rather than a control of its own."""
    if isinstance(widget, QAbstractButton) and isinstance(widget.parentWidget(), QLineEdit):
        return True  # a line edit's clear button or icon
    current: QWidget | None = widget
    while current is not None and current is not top:
        if current.objectName().startswith("qt_") and not isinstance(current, QTabBar):
            return True
        parent = current.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        current = parent
    return False


def _buddied(top: QWidget) -> set[int]:
    return {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None and label.text()}


def _own_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QTabBar):
        texts = [widget.tabText(i) for i in range(widget.count())]
        return "tabs" if texts and all(t.strip() for t in texts) else ""
    return ""


def unnamed_controls(tops: Iterable[QWidget]) -> list[str]:
    """Every interactive or focusable control under ``tops`` (and each top) with no name, described."""
    missing: list[str] = []
    for top in tops:
        buddied = _buddied(top)
        for widget in [top, *top.findChildren(QWidget)]:
            if isinstance(widget, QScrollBar | QMenu | QLabel) or widget.focusProxy() is not None:
                continue
            if not widget.isVisibleTo(top) or _is_qt_part(widget, top):
                continue
            focusable = widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not widget.isWindow()
            if not (isinstance(widget, INTERACTIVE) or focusable):
                continue
            if widget.accessibleName().strip() or _own_text(widget) or id(widget) in buddied:
                continue
            missing.append(describe(widget))
    return missing


def unreachable_actions(window: QMainWindow) -> list[str]:
    """The window's actions with a text that neither a menu of the menu bar (or a context menu) holds nor a
    shortcut reaches: only a mouse could use them."""
    in_menus: set[int] = set()
    for menu in window.findChildren(QMenu):
        for action in menu.actions():
            in_menus.add(id(action))
    missing = []
    for action in window.findChildren(QAction):
        if not action.text() or action.isSeparator() or action.menu() is not None:
            continue
        if id(action) in in_menus or not action.shortcut().isEmpty():
            continue
        if not any(isinstance(o, QWidget) and o.isVisibleTo(window) for o in action.associatedObjects()):
            continue  # Qt's own (a line edit's clear button) or shown nowhere
        missing.append(f"{action.text()!r} ({action.toolTip()!r})")
    return missing
