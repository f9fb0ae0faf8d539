"""The stop sequences of a request, as a list: add one by typing it and pressing Enter (or Add), remove the
selected ones. Blank and repeated entries are refused with a message right under the field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtGui
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.design import Space
from app.ui.problem_note import ProblemNote

VISIBLE_ROWS = 4


def shown_text(sequence: str) -> str:
    """How a sequence reads in the list: line breaks and tabs made visible (a stop sequence from a preset
    or the command line may hold them, and the line edit cannot)."""
    return sequence.replace("\n", "⏎").replace("\t", "⇥")


class _SequenceList(QListWidget):
    """The list; Delete removes the selection."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class StopSequencesEditor(QWidget):
    """A list of stop sequences. Sequences are kept exactly as typed (surrounding spaces are significant).

    Signals:
        changed(list): the user added or removed a sequence; the whole list.
    """

    changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = _SequenceList(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(self.tr("Stop sequences"))
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(self.tr("Add a stop sequence"))
        self.entry.setAccessibleName(self.tr("New stop sequence"))
        self.entry.setClearButtonEnabled(True)
        self.add_button = QToolButton(self)
        self.add_button.setText(self.tr("Add"))
        self.remove_button = QToolButton(self)
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected stop sequences (Delete)"))
        self.note = ProblemNote(self)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(Space.XS)
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.XS)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.note)

        self.entry.returnPressed.connect(self.add_entry)
        self.entry.textEdited.connect(lambda _t: self.note.show_messages([]))
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.delete_pressed.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self._sequences: list[str] = []
        self._show()

    def sequences(self) -> list[str]:
        """The stop sequences, in order."""
        return list(self._sequences)

    def set_sequences(self, sequences: Sequence[str]) -> None:
        """Show ``sequences`` without reporting a change."""
        self._sequences = [s for s in sequences if isinstance(s, str)]
        self.note.show_messages([])
        self._show()

    def add(self, text: str) -> bool:
        """Add ``text`` as a sequence; a blank or repeated one is refused with a message. Returns whether added."""
        if not text.strip():
            self.note.show_messages([(self.tr("A stop sequence can't be empty or only spaces."), "error")])
            return False
        if text in self._sequences:
            self.note.show_messages([(self.tr("That stop sequence is already in the list."), "error")])
            return False
        self._sequences.append(text)
        self.note.show_messages([])
        self._show()
        self.changed.emit(self.sequences())
        return True

    def add_entry(self) -> None:
        """Add what the line edit holds (and empty it when accepted)."""
        if self.add(self.entry.text()):
            self.entry.clear()

    def remove_selected(self) -> None:
        rows = sorted({self.list.row(item) for item in self.list.selectedItems()}, reverse=True)
        if not rows:
            return
        for row in rows:
            del self._sequences[row]
        self._show()
        self.changed.emit(self.sequences())

    def _show(self) -> None:
        self.list.clear()
        for sequence in self._sequences:
            item = QListWidgetItem(shown_text(sequence), self.list)
            item.setToolTip(QtGui.Qt.convertFromPlainText(repr(sequence)))  # plain: "<b>" is no markup here
        rows = min(len(self._sequences), VISIBLE_ROWS)
        # The list takes no room while empty, and grows up to a few rows before it scrolls.
        self.list.setVisible(rows > 0)
        self.remove_button.setVisible(rows > 0)
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() + 2 if rows else 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
