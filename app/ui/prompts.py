"""`app.chat.prompts.Prompts` with Qt's dialogs, over the main window."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget


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
