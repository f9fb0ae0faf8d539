"""The F1 list of keyboard shortcuts, read from what the window really has, and the dialog that shows it.

Two sources, each the owner of its keys: the window's commands (every menu's actions with a shortcut, by menu),
and the widgets that handle keys themselves where they have the focus (the message field's Enter, the search
field's Down and Esc...): such a widget has a ``key_help()`` method (`HasKeyHelp`) that describes the keys it
handles, from the same settings and constants its key handling uses. `shortcut_groups` puts them together,
each (keys, meaning) once; `ShortcutsDialog` shows them grouped, with a field that filters them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.language import tr as _tr
from app.ui.screen_fit import resize_to_fit

__all__ = ["HasKeyHelp", "KeyHelp", "ShortcutsDialog", "keys_text", "shortcut_groups"]

_DETAIL = Qt.ItemDataRole.UserRole + 1
_RETURN = re.compile(r"\bReturn\b")


@dataclass(frozen=True)
class KeyHelp:
    """One line of the list: what ``keys`` do (``keys`` as people read them: "Shift+Del", "Ctrl+K or Ctrl+F"),
    in ``group`` (where they work: a part of the window, or a menu); ``detail`` says more (a command's status
    tip: the line's tooltip, and the filter reads it too)."""

    group: str
    text: str
    keys: str
    detail: str = ""


@runtime_checkable
class HasKeyHelp(Protocol):
    """A widget that handles keys itself and says which (see the module docstring)."""

    def key_help(self) -> list[KeyHelp]: ...


def keys_text(*sequences: QKeySequence | str | int) -> str:
    """Key sequences as people read them, in this platform's words ("Ctrl+K or Ctrl+F"; the key Qt calls
    Return is the Enter key on the keyboard)."""
    texts = [QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
    texts = [_RETURN.sub(_tr("Enter"), text) for text in texts]
    return _tr(" or ").join(t for t in texts if t)


def shortcut_groups(window: QMainWindow) -> list[tuple[str, list[KeyHelp]]]:
    """Every shortcut of ``window``, grouped: first the keys its widgets handle where they have the focus, then
    the commands with a shortcut, menu by menu. A line that says what another already says is left out."""
    lines: list[KeyHelp] = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, HasKeyHelp):
            lines += widget.key_help()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        group = top.text().replace("&", "")
        for action in menu.actions():
            keys = keys_text(*action.shortcuts())
            if keys and not action.isSeparator():
                text = action.text().replace("&", "").rstrip("…").strip()
                lines.append(KeyHelp(group, text, keys, action.statusTip()))
    groups: dict[str, list[KeyHelp]] = {}
    seen: set[tuple[str, str]] = set()
    for line in lines:
        if (line.text, line.keys) not in seen:
            seen.add((line.text, line.keys))
            groups.setdefault(line.group, []).append(line)
    return list(groups.items())


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts, grouped, with a filter field: typing keeps the lines whose words, details or keys
    contain what was typed (and the groups that still have lines)."""

    def __init__(self, groups: list[tuple[str, list[KeyHelp]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.filter = QLineEdit(self)
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setPlaceholderText(self.tr("Filter: a word or a key (e.g. “branch” or “Ctrl+K”)"))
        self.filter.setAccessibleName(self.tr("Filter the shortcuts"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsList")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the filter keeps the keyboard
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        self._items: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for group, lines in groups:
            top = QTreeWidgetItem(self.tree, [group])
            top.setFont(0, bold)
            top.setFirstColumnSpanned(True)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            rows = []
            for line in lines:
                item = QTreeWidgetItem(top, [line.text, line.keys])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setData(0, _DETAIL, line.detail)
                if line.detail:
                    item.setToolTip(0, QtGui.Qt.convertFromPlainText(line.detail))
                rows.append(item)
            self._items.append((top, rows))
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.apply_filter)
        resize_to_fit(self, 520, 560)
        self.filter.setFocus()

    def apply_filter(self, text: str) -> None:
        """Show the lines whose command, detail or keys contain ``text`` (case-insensitive), in their groups."""
        wanted = text.strip().casefold()
        for group, rows in self._items:
            shown = 0
            for item in rows:
                words = f"{item.text(0)}\t{item.text(1)}\t{item.data(0, _DETAIL)}"
                matches = not wanted or wanted in words.casefold()
                item.setHidden(not matches)
                shown += matches
            group.setHidden(shown == 0)

    def shown_lines(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) of every line shown now."""
        return [
            (group.text(0), item.text(0), item.text(1))
            for group, rows in self._items
            if not group.isHidden()
            for item in rows
            if not item.isHidden()
        ]
