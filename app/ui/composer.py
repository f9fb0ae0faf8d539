"""The composer: a multi-line editor with a Send button that turns into Stop while a reply streams.

Enter sends and Shift+Enter inserts a newline (or, with the Ctrl+Enter setting, the other way round).
The draft is reported (debounced) as the user types so the controller can save it per conversation.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

DRAFT_DEBOUNCE_MS = 400


class ComposerEdit(QPlainTextEdit):
    """The text field. Emits :attr:`submit` for the send key; everything else is ordinary editing.

    Signals:
        submit(): the user pressed the send key combination.
    """

    submit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.send_with_ctrl_enter = False
        self.setTabChangesFocus(True)
        self.setPlaceholderText(self.tr("Message Claude…  (Enter to send, Shift+Enter for a new line)"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            sends = ctrl if self.send_with_ctrl_enter else not (shift or ctrl)
            if sends:
                event.accept()
                self.submit.emit()
                return
            if not shift:  # Enter in Ctrl+Enter mode, or Ctrl+Enter in Enter mode: a plain newline
                self.insertPlainText("\n")
                event.accept()
                return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        lines = 4
        height = self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 12
        return QSize(super().sizeHint().width(), height)


class Composer(QWidget):
    """Editor + Send/Stop button.

    Signals:
        send_requested(str): the user wants to send this text (never empty or whitespace-only).
        stop_requested(): the user pressed Stop while a reply streams.
        draft_changed(str): the text, at most every DRAFT_DEBOUNCE_MS while typing (and on focus loss).
    """

    send_requested = Signal(str)
    stop_requested = Signal()
    draft_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = ComposerEdit(self)
        self.button = QPushButton(self)
        self.button.setObjectName("sendButton")
        self.button.setAutoDefault(False)
        self._streaming = False
        self._suppress_draft = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self._emit_draft)

        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.edit, 1)
        layout.addLayout(buttons)

        self.edit.submit.connect(self._on_submit)
        self.edit.textChanged.connect(self._on_text_changed)
        self.button.clicked.connect(self._on_button)
        self._refresh_button()

    # --- public ---

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Show a draft (e.g. when switching conversations) without reporting it back as a change."""
        self._draft_timer.stop()
        self._suppress_draft = True
        try:
            self.edit.setPlainText(text)
            self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        finally:
            self._suppress_draft = False
        self._refresh_button()

    def clear(self) -> None:
        self.set_text("")

    def set_streaming(self, streaming: bool) -> None:
        """While a reply streams the button is Stop (typing the next message stays possible)."""
        self._streaming = streaming
        self._refresh_button()

    def is_streaming(self) -> bool:
        return self._streaming

    def set_send_with_ctrl_enter(self, enabled: bool) -> None:
        self.edit.send_with_ctrl_enter = enabled
        hint = (
            self.tr("Message Claude…  (Ctrl+Enter to send, Enter for a new line)")
            if enabled
            else self.tr("Message Claude…  (Enter to send, Shift+Enter for a new line)")
        )
        self.edit.setPlaceholderText(hint)

    def focus_input(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def flush_draft(self) -> None:
        """Report a pending draft change now (before switching conversations or quitting)."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._emit_draft()

    # --- internals ---

    def _has_text(self) -> bool:
        # Whitespace-only drafts count as empty; a cheap check first for the common empty case.
        return not self.edit.document().isEmpty() and bool(self.edit.toPlainText().strip())

    def _refresh_button(self) -> None:
        if self._streaming:
            self.button.setText(self.tr("Stop"))
            self.button.setToolTip(self.tr("Stop the reply (Esc); the partial reply is kept"))
            self.button.setEnabled(True)
        else:
            self.button.setText(self.tr("Send"))
            self.button.setToolTip(self.tr("Send the message"))
            self.button.setEnabled(self._has_text())

    def _on_text_changed(self) -> None:
        if not self._streaming:
            self.button.setEnabled(self._has_text())
        if not self._suppress_draft:
            self._draft_timer.start()

    def _emit_draft(self) -> None:
        self.draft_changed.emit(self.edit.toPlainText())

    def _on_submit(self) -> None:
        if self._streaming:
            return  # Enter while streaming does not stop anything by surprise; Esc or the button does
        self._send()

    def _on_button(self) -> None:
        if self._streaming:
            self.stop_requested.emit()
        else:
            self._send()

    def _send(self) -> None:
        text = self.edit.toPlainText()
        if not text.strip():
            return
        self._draft_timer.stop()
        self.send_requested.emit(text)
