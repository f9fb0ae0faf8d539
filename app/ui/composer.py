"""The composer: a card in the transcript's reading column holding the attachments waiting to go with the
message, a multi-line editor, and a row of controls: attach, the quick controls (model, effort, thinking:
`app.ui.quick_controls`) and a round Send button that turns into Stop while a reply streams (disabled, with
the reason in its tooltip, while there is nothing to send).

Enter sends and Shift+Enter inserts a newline (or, with the Ctrl+Enter setting, the other way round).
The draft is reported (debounced) as the user types so the controller can save it per conversation.
Files come by the attach button, by dropping them on the composer, or by pasting files or an image; the
composer only reports them (the root reads them and hands back :class:`~app.attachments.Attachment` objects
or a problem to show).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QMimeData, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.attachments import Attachment
from app.ui.attachment_strip import AttachmentStrip
from app.ui.design import GRID, Radius, Space, column_margin, column_minimum_width, current_colors, with_alpha
from app.ui.file_drop import FileDropFilter, carries_attachments, mime_files, mime_image
from app.ui.icons import icon, render
from app.ui.key_help import KeyHelp, keys_text
from app.ui.quick_controls import QuickChoices, QuickControls
from app.ui.transcript_style import CardFrame

DRAFT_DEBOUNCE_MS = 400
SEND_BUTTON_SIZE = 8 * GRID  # px: the round Send/Stop button


class ComposerEdit(QPlainTextEdit):
    """The text field. Emits :attr:`submit` for the send key; everything else is ordinary editing, except that
    pasting files or an image reports them instead of inserting them.

    Signals:
        submit(): the user pressed the send key combination.
        files_pasted(list): local files pasted (``list[Path]``).
        image_pasted(QImage): an image pasted (without text).
    """

    submit = Signal()
    files_pasted = Signal(list)
    image_pasted = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.send_with_ctrl_enter = False
        self.setTabChangesFocus(True)
        self.setPlaceholderText(self.tr("Message Claude…  (Enter to send, Shift+Enter for a new line)"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def key_help(self) -> list[KeyHelp]:
        """The keys `keyPressEvent` handles, as the F1 list shows them (they follow the Ctrl+Enter setting)."""
        group = self.tr("Writing a message")
        send, newline = ("Ctrl+Return", "Return") if self.send_with_ctrl_enter else ("Return", "Shift+Return")
        return [
            KeyHelp(group, self.tr("Send the message"), keys_text(send)),
            KeyHelp(group, self.tr("New line in the message"), keys_text(newline)),
        ]

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

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return carries_attachments(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = mime_files(source)
        image = mime_image(source)
        if files:
            self.files_pasted.emit(files)
        elif image is not None:
            self.image_pasted.emit(image)
        else:
            super().insertFromMimeData(source)

    def sizeHint(self) -> QSize:
        lines = 3
        height = self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 12
        return QSize(super().sizeHint().width(), height)


class SendButton(QToolButton):
    """The round Send/Stop button: its icon on the accent colour while it can act, greyed while it can't."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon_name = ""
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)  # the text is its accessible name
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedSize(SEND_BUTTON_SIZE, SEND_BUTTON_SIZE)

    def show_action(self, icon_name: str, text: str) -> None:
        """``icon_name`` (a key of `app.ui.icons.NAMES`) and ``text``, its name for screen readers."""
        if (icon_name, text) == (self._icon_name, self.text()):
            return  # asked on every key typed
        self._icon_name = icon_name
        self.setText(text)
        self.setAccessibleName(text)
        self.setIcon(icon(icon_name))
        self.update()

    def icon_name(self) -> str:
        return self._icon_name

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = current_colors(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colors.accent_fill if self.isEnabled() else colors.disabled_fill)
        if self.isEnabled() and self.underMouse():
            fill = fill.darker(112) if not colors.dark else fill.lighter(115)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawEllipse(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        side = SEND_BUTTON_SIZE // 2
        ink = QColor(colors.accent_text if self.isEnabled() else colors.text_disabled)
        pixmap = render(self._icon_name, ink, QSize(side, side), self.devicePixelRatioF())
        painter.drawPixmap((self.width() - side) // 2, (self.height() - side) // 2, pixmap)
        painter.end()


class Composer(QWidget):
    """The composer card (see the module docstring), centred in the reading column like the transcript's
    messages (`app.ui.design.column_margin`).

    Signals:
        send_requested(str, list): the user wants to send the text with these attachments (``list[Attachment]``,
            in the order shown); the text may be blank only when something is attached.
        stop_requested(): the user pressed Stop while a reply streams.
        draft_changed(str): the text, at most every DRAFT_DEBOUNCE_MS while typing (and on focus loss).
        text_changed(): the text changed, at once (typed, or another draft shown).
        attach_requested(): the user pressed the attach button (choose files to attach).
        files_dropped(list): files dropped on the composer or pasted (``list[Path]``): read and attach them.
        image_pasted(QImage): an image dropped or pasted: attach it.
        attachments_changed(): an attachment was added or removed.
        choice_requested(str, str): a quick control's choice: a params key ("model", "effort" or "thinking")
            and the value chosen (the parameters panel decides what it means).
    """

    send_requested = Signal(str, list)
    stop_requested = Signal()
    draft_changed = Signal(str)
    text_changed = Signal()
    attach_requested = Signal()
    files_dropped = Signal(list)
    image_pasted = Signal(QImage)
    attachments_changed = Signal()
    choice_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = CardFrame(self, radius=Radius.L)
        self.card.setObjectName("composerCard")
        self.edit = ComposerEdit(self.card)
        self.edit.setFrameShape(QFrame.Shape.NoFrame)  # the card is its frame
        self.edit.setAccessibleName(self.tr("Message"))
        self.button = SendButton(self.card)
        self.button.setObjectName("sendButton")
        self.quick = QuickControls(self.card)
        self.quick.choice_requested.connect(self.choice_requested)
        self.attach_button = QToolButton(self.card)
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setAutoRaise(True)
        self.attach_button.setIconSize(QSize(18, 18))
        self.attach_button.setToolTip(self.tr("Attach images, PDFs or text files (or drop or paste them here)"))
        self.attach_button.setAccessibleName(self.tr("Attach files"))
        self.strip = AttachmentStrip(self.card)
        self.message_label = QLabel(self.card)  # what went wrong with a file, or "Attaching…"
        self.message_label.setObjectName("composerMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QToolButton(self.card)
        self.dismiss_button.setText("×")
        self.dismiss_button.setIcon(icon("close"))
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(self.tr("Dismiss the message"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the message"))
        self._streaming = False
        self._read_only = ""  # why nothing can be written or sent ("": it can)
        self._suppress_draft = False
        self._attachments: list[Attachment] = []
        self._attaching = False
        self._problem = ""
        self._drop_highlight = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self._emit_draft)
        self._drops = FileDropFilter(self)
        self._drops.watch(self)
        self._drops.watch(self.edit.viewport())  # before the editor, which would insert a file's path as text

        message_row = QHBoxLayout()
        message_row.addWidget(self.message_label, 1)
        message_row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(Space.XS)
        controls.addWidget(self.attach_button)
        controls.addWidget(self.quick, 1)
        controls.addSpacing(Space.S)
        controls.addWidget(self.button)
        inside = QVBoxLayout(self.card)
        inside.setContentsMargins(Space.M, Space.S, Space.S, Space.S)
        inside.setSpacing(Space.XS)
        inside.addLayout(message_row)
        inside.addWidget(self.strip)
        inside.addWidget(self.edit, 1)
        inside.addLayout(controls)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, Space.XS, 0, Space.M)
        self._layout.addWidget(self.card)
        self.setTabOrder(self.edit, self.attach_button)
        self.setTabOrder(self.attach_button, self.quick.model)
        self.setTabOrder(self.quick.model, self.quick.effort)
        self.setTabOrder(self.quick.effort, self.quick.thinking)
        self.setTabOrder(self.quick.thinking, self.button)

        self.edit.submit.connect(self._on_submit)
        self.edit.textChanged.connect(self.text_changed)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.files_pasted.connect(self.files_dropped)
        self.edit.image_pasted.connect(self.image_pasted)
        self._drops.files_dropped.connect(self.files_dropped)
        self._drops.image_dropped.connect(self.image_pasted)
        self._drops.hover_changed.connect(self.set_drop_highlight)
        self.button.clicked.connect(self._on_button)
        self.attach_button.clicked.connect(self.attach_requested)
        self.dismiss_button.clicked.connect(self.clear_problem)
        self.strip.remove_requested.connect(self.remove_attachment)
        self._refresh_message()
        self._refresh_button()
        self._paint_icons()

    # --- public ---

    def show_choices(self, choices: QuickChoices) -> None:
        """Show in the quick controls what the parameters panel shows now."""
        self.quick.show_choices(choices)

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
        """Empty the composer after a send: text, attachments and any message."""
        self.set_text("")
        self.clear_attachments()
        self.clear_problem()

    def send_text(self, text: str) -> None:
        """Put ``text`` in the composer and send it as the user would (a starter prompt chosen)."""
        self.set_text(text)
        self._send()

    def set_read_only(self, reason: str) -> None:
        """Nothing can be written or sent, for ``reason`` (shown above the editor and on the Send button)."""
        self._read_only = reason
        self.edit.setReadOnly(bool(reason))
        if reason:
            self.show_problem(reason)
        self._refresh_button()

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

    # --- attachments ---

    def attachments(self) -> list[Attachment]:
        """What will be sent with the text, in order."""
        return list(self._attachments)

    def add_attachments(self, attachments: Sequence[Attachment]) -> list[Attachment]:
        """Add attachments after those already there, skipping any whose data is already attached.
        Returns the skipped ones."""
        skipped: list[Attachment] = []
        for attachment in attachments:
            if any(a.block["source"] == attachment.block["source"] for a in self._attachments):
                skipped.append(attachment)
            else:
                self._attachments.append(attachment)
        self._attachments_changed()
        return skipped

    def remove_attachment(self, index: int) -> None:
        del self._attachments[index]
        self._attachments_changed()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)  # the × that had focus is gone

    def clear_attachments(self) -> None:
        if self._attachments:
            self._attachments.clear()
            self._attachments_changed()

    def set_attaching(self, attaching: bool) -> None:
        """While files are being read, say so and hold Send back (they are part of the message)."""
        self._attaching = attaching
        self._refresh_message()
        self._refresh_button()

    def show_problem(self, text: str) -> None:
        """Show what went wrong (in red, above the editor) until dismissed, replaced or the message is sent."""
        self._problem = text
        self._refresh_message()

    def clear_problem(self) -> None:
        self._problem = ""
        self._refresh_message()

    def problem(self) -> str:
        return self._problem

    @property
    def drop_highlighted(self) -> bool:
        return self._drop_highlight

    def set_drop_highlight(self, on: bool) -> None:
        """Mark the composer as the place where dragged files will land."""
        if on != self._drop_highlight:
            self._drop_highlight = on
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._drop_highlight:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(accent, 2, Qt.PenStyle.DashLine))
        painter.setBrush(with_alpha(accent, 40))
        painter.drawRoundedRect(QRectF(self.card.geometry()).adjusted(-2, -2, 2, 2), Radius.L, Radius.L)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The transcript's column is centred in its viewport, beside a scroll bar that is always shown: the
        # card takes the same place, so that its edges are the messages' edges.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        side = column_margin(event.size().width() - bar)
        margins = self._layout.contentsMargins()
        if (margins.left(), margins.right()) != (side, side + bar):
            self._layout.setContentsMargins(side, margins.top(), side + bar, margins.bottom())
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        margins = self._layout.contentsMargins()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(column_minimum_width(hint.width(), margins.left(), margins.right(), bar), hint.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icons()
            self._refresh_message()

    # --- internals ---

    def _attachments_changed(self) -> None:
        self.strip.set_attachments(self._attachments)
        self._refresh_button()
        self.attachments_changed.emit()

    def _refresh_message(self) -> None:
        text = self.tr("Attaching…") if self._attaching and not self._problem else self._problem
        self.message_label.setText(text)
        palette = self.message_label.palette()
        colour = (
            QColor(current_colors(self.palette()).danger)
            if self._problem
            else self.palette().color(QPalette.ColorRole.PlaceholderText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.message_label.setPalette(palette)
        self.message_label.setVisible(bool(text))
        self.dismiss_button.setVisible(bool(self._problem))

    def _paint_icons(self) -> None:
        self.attach_button.setIcon(icon("attach", palette=self.palette()))
        colors = current_colors(self.palette())
        self.card.set_colors(QColor(colors.surface), QColor(colors.border_strong))

    def _has_text(self) -> bool:
        # Whitespace-only drafts count as empty; a cheap check first for the common empty case.
        return not self.edit.document().isEmpty() and bool(self.edit.toPlainText().strip())

    def _refresh_button(self) -> None:
        if self._streaming:
            self.button.show_action("stop", self.tr("Stop"))
            self.button.setToolTip(self.tr("Stop the reply (Esc); the partial reply is kept"))
            self.button.setEnabled(True)
            return
        self.button.show_action("send", self.tr("Send"))
        reason = self._why_not_send()
        self.button.setToolTip(reason or self.tr("Send the message"))
        self.button.setAccessibleDescription(reason)
        self.button.setEnabled(not reason)

    def _why_not_send(self) -> str:
        """Why the message can't be sent now ("" when it can)."""
        if self._read_only:
            return self._read_only
        if self._attaching:
            return self.tr("Wait until the files are attached")
        if not self._attachments and not self._has_text():
            return self.tr("Write a message or attach a file to send it")
        return ""

    def _can_send(self) -> bool:
        return not self._why_not_send()

    def _on_text_changed(self) -> None:
        if not self._streaming:
            self._refresh_button()
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
        if not self._can_send():
            return
        text = self.edit.toPlainText()
        self._draft_timer.stop()
        self.send_requested.emit(text, list(self._attachments))
