"""A large editor for a long system prompt (the panel's field is narrow)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.ui.screen_fit import resize_to_fit


class SystemPromptDialog(QDialog):
    """Edit the system prompt in a roomy window; OK keeps the text, Cancel drops the edits."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("System prompt"))
        intro = QLabel(self.tr("Instructions the model follows for the whole conversation."), self)
        intro.setWordWrap(True)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlainText(text)
        self.edit.setAccessibleName(self.tr("System prompt"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 720, 520)

    def text(self) -> str:
        return self.edit.toPlainText()
