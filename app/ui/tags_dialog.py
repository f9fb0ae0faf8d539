"""A small dialog to edit the tags of one or several conversations.

Every tag in use is listed with a check box: checked when every chosen conversation has it, partly checked
when only some do (left partly checked, it stays as it is on each), unchecked when none does. A field adds a
new tag. The dialog only reports what to add and what to remove; the caller applies it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _fold(tag: str) -> str:
    # Tags compare case-insensitively, as in the store.
    return tag.casefold()


class TagsDialog(QDialog):
    """Edit the tags of some conversations. After ``exec()`` returns Accepted, :meth:`changes` tells what to do."""

    def __init__(
        self,
        all_tags: Iterable[str],
        tag_sets: Sequence[Collection[str]],
        parent: QWidget | None = None,
        *,
        subject: str = "",
    ) -> None:
        """``all_tags``: every tag in use; ``tag_sets``: the tags of each conversation being edited;
        ``subject``: what is being tagged, for the heading (a title, or "3 conversations")."""
        super().__init__(parent)
        self.setObjectName("tagsDialog")
        self.setWindowTitle(self.tr("Tags"))
        self._count = len(tag_sets)
        self._holders: dict[str, int] = {}  # folded tag -> how many of the conversations carry it
        names: dict[str, str] = {}
        for tags in tag_sets:
            for tag in {_fold(tag): tag for tag in tags}.values():
                self._holders[_fold(tag)] = self._holders.get(_fold(tag), 0) + 1
                names.setdefault(_fold(tag), tag)
        for tag in all_tags:
            names.setdefault(_fold(tag), tag)

        heading = self.tr("Tags of {subject}").format(subject=subject) if subject else self.tr("Tags")
        self.heading = QLabel(heading, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a title may be the model's words
        self.heading.setWordWrap(True)
        self.tag_list = QListWidget(self)
        self.tag_list.setObjectName("tagList")
        for folded, name in sorted(names.items()):
            self._add_item(name, self._holders.get(folded, 0))
        self.new_tag = QLineEdit(self)
        self.new_tag.setObjectName("newTag")
        self.new_tag.setPlaceholderText(self.tr("New tag"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_tag, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tag_list, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.buttons)

        self.new_tag.textChanged.connect(lambda text: self.add_button.setEnabled(bool(text.strip())))
        self.add_button.clicked.connect(self.add_new_tag)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(320, 360)
        self.new_tag.setFocus()

    def _add_item(self, name: str, holders: int) -> QListWidgetItem:
        item = QListWidgetItem(name, self.tag_list)
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
        if 0 < holders < self._count:
            flags |= Qt.ItemFlag.ItemIsUserTristate  # the user can go back to "leave as it is"
        item.setFlags(flags)
        if holders == 0:
            item.setCheckState(Qt.CheckState.Unchecked)
        elif holders == self._count:
            item.setCheckState(Qt.CheckState.Checked)
        else:
            item.setCheckState(Qt.CheckState.PartiallyChecked)
        return item

    def add_new_tag(self) -> None:
        """Add the typed tag, checked (an existing tag of the same name, in any case, is checked instead)."""
        name = " ".join(self.new_tag.text().split())
        if not name:
            return
        for row in range(self.tag_list.count()):
            item = self.tag_list.item(row)
            if _fold(item.text()) == _fold(name):
                break
        else:
            item = self._add_item(name, 0)
        item.setCheckState(Qt.CheckState.Checked)
        self.tag_list.scrollToItem(item)
        self.new_tag.clear()

    def accept(self) -> None:
        """OK keeps a typed tag that was not added yet. Enter in the new-tag field adds it and stays open."""
        if self.new_tag.text().strip():
            typing = self.new_tag.hasFocus()
            self.add_new_tag()
            if typing:
                return
        super().accept()

    def changes(self) -> tuple[list[str], list[str]]:
        """(tags to add to every conversation, tags to remove from every conversation), by name."""
        added: list[str] = []
        removed: list[str] = []
        for row in range(self.tag_list.count()):
            item = self.tag_list.item(row)
            holders = self._holders.get(_fold(item.text()), 0)
            state = item.checkState()
            if state == Qt.CheckState.Checked and holders < self._count:
                added.append(item.text())
            elif state == Qt.CheckState.Unchecked and holders > 0:
                removed.append(item.text())
        return added, removed
