"""`app.chat.prompts.Prompts` with Qt's dialogs, over the main window."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)


class QtPrompts:
    """Asks with Qt's standard dialogs (and the tags dialog), parented to ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        answer, ok = QInputDialog.getText(self._parent, title, label, text=text)
        return answer if ok else None

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self._parent, title, text) == QMessageBox.StandardButton.Yes

    def open_file(self, title: str, directory: str, filters: str) -> str | None:
        path, _chosen = QFileDialog.getOpenFileName(self._parent, title, directory, filters)
        return path or None

    def open_files(self, title: str, directory: str, filters: str) -> list[str]:
        paths, _chosen = QFileDialog.getOpenFileNames(self._parent, title, directory, filters)
        return list(paths)

    def save_file(self, title: str, path: str, filters: str) -> tuple[str, str] | None:
        chosen_path, chosen_filter = QFileDialog.getSaveFileName(self._parent, title, path, filters)
        return (chosen_path, chosen_filter) if chosen_path else None

    def choose_tags(
        self, all_tags: Sequence[str], tag_sets: Sequence[Collection[str]], subject: str
    ) -> tuple[list[str], list[str]] | None:
        from app.ui.tags_dialog import TagsDialog  # first used long after start-up

        dialog = TagsDialog(all_tags, tag_sets, self._parent, subject=subject)
        try:
            return dialog.changes() if dialog.exec() else None
        finally:
            dialog.deleteLater()

    def choose_items(self, title: str, text: str, items: Sequence[str], checked: Collection[int]) -> list[int] | None:
        # Over the window asking (the compare window, say), not always the main window.
        dialog = ChecklistDialog(title, text, items, checked, QApplication.activeWindow() or self._parent)
        try:
            return dialog.chosen() if dialog.exec() else None
        finally:
            dialog.deleteLater()

    def tell(self, title: str, text: str, *, warning: bool = False) -> None:
        box = message_box(self._parent, title, text, warning=warning)
        box.exec()
        box.deleteLater()

    def about(self, title: str, rich_text: str) -> None:
        QMessageBox.about(self._parent, title, rich_text)


def message_box(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """A message box with OK whose text is shown as written: it may quote a file name or a file's contents,
    and a message box reads text that looks like markup as HTML (loading any image it names)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class ChecklistDialog(QDialog):
    """A question answered by ticking some items of a list (`QtPrompts.choose_items`)."""

    def __init__(
        self, title: str, text: str, items: Sequence[str], checked: Collection[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a reply
        label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self.list.setAccessibleDescription(text)
        label.setBuddy(self.list)
        for index, text_of_item in enumerate(items):
            item = QListWidgetItem(text_of_item, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if index in checked else Qt.CheckState.Unchecked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        """The indices of the items ticked, in order."""
        return [row for row in range(self.list.count()) if self.list.item(row).checkState() == Qt.CheckState.Checked]
