"""One message of the transcript: header (role · time · model, actions, branch navigator), its content
blocks, an inline editor for the user's messages, and the error / stopped / max_tokens box of a reply."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QEnterEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api.errors import CONNECTION_ERROR_TYPES
from app.chat.exchange import (
    CONTEXT_FULL,
    MAX_PAUSE_CONTINUATIONS,
    PAUSED,
    can_continue,
    can_retry,
    model_to_continue_with,
)
from app.chat.transcript_loader import TranscriptEntry
from app.language import format_number
from app.language import tr as _tr
from app.store.models import Block, Message
from app.ui.composer import ComposerEdit
from app.ui.design import Space
from app.ui.icons import icon
from app.ui.message_blocks import (
    BlockContext,
    BlockView,
    ToolResultView,
    ToolUseView,
    create_block_view,
    display_blocks,
    fit_to_lines,
    sync_block_views,
)
from app.ui.rich_text import RichTextView
from app.ui.transcript_style import CardFrame, make_small, set_muted

FEEDBACK_MS = 1500
ACTIVITY_INTERVAL_MS = 400
AUTHENTICATION_ERROR = "authentication_error"
# The keys a message handles while it has the focus (read by TranscriptView.key_help for the F1 list).
KEY_COPY, KEY_EDIT, KEY_REGENERATE, KEY_INSPECT = Qt.Key.Key_C, Qt.Key.Key_E, Qt.Key.Key_R, Qt.Key.Key_I
KEY_PREVIOUS_VERSION, KEY_NEXT_VERSION = Qt.Key.Key_Left, Qt.Key.Key_Right
KEY_PREVIOUS_MESSAGE, KEY_NEXT_MESSAGE = Qt.Key.Key_Up, Qt.Key.Key_Down
_EDITOR_MIN_LINES, _EDITOR_MAX_LINES = 3, 12


class MessageView(QWidget):
    """Shows one :class:`TranscriptEntry` and, while it streams, the reply so far.

    Signals (message ids are this message's):
        edit_submitted(int, str): the user edited their message and pressed Send.
        regenerate_requested(int), retry_requested(int), continue_requested(int): reply actions.
        edit_question_requested(int): edit the message this reply answers (offered when the model declined).
        sibling_requested(int, int): show the previous (-1) or next (+1) version of this message.
        link_activated(QUrl): a safe external link was clicked.
        update_token_requested(): the user clicked "Update token" on an authentication error.
        settings_requested(): the user clicked "Settings" on a connection error.
        continue_with_model_requested(int, str): the reply failed because its model is no longer available;
            the user chose to go on with this model (its line's current one) and retry the reply.
        inspect_requested(int): show the request, response headers and usage of this reply.
        tool_results_submitted(int, list): the user answered every tool call of this reply; the list holds
            ``{"tool_use_id", "content", "is_error"}`` dicts in the calls' order (``ChatController.answer_tools``).
        neighbour_requested(int): the message has the focus and the user pressed Up (-1) or Down (+1).

    Its actions (copy, edit, regenerate, inspect, the ‹ › of its versions) are icons drawn only while the
    message is *revealed*: under the pointer, or holding the keyboard focus (the message itself takes the focus
    by Tab, and then its keys work: C copy, E edit, R regenerate, I inspect, ← → versions, ↑ ↓ other messages).
    Hidden, they keep their place and stay in the focus chain, so nothing moves and Tab still reaches them.

    ``usage_note`` adds words to a reply's usage line (e.g. its cost); it is given the finished message.
    """

    edit_submitted = Signal(int, str)
    regenerate_requested = Signal(int)
    retry_requested = Signal(int)
    continue_requested = Signal(int)
    edit_question_requested = Signal(int)
    continue_with_model_requested = Signal(int, str)
    sibling_requested = Signal(int, int)
    link_activated = Signal(QUrl)
    update_token_requested = Signal()
    settings_requested = Signal()
    inspect_requested = Signal(int)
    tool_results_submitted = Signal(int, list)
    neighbour_requested = Signal(int)

    def __init__(
        self,
        entry: TranscriptEntry,
        context: BlockContext,
        parent: QWidget | None = None,
        *,
        usage_note: Callable[[Message], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._entry = entry
        self._context = context
        self._usage_note = usage_note
        self._streaming = False
        self._model = entry.message.model
        self._blocks: list[BlockView] = []
        self._editor: InlineEditor | None = None
        self._status_box: StatusBox | None = None
        self._navigator: SiblingNavigator | None = None
        self._activity_timer: QTimer | None = None
        self._activity_step = 0
        self._tool_names: dict[str, str] = {}  # tool_use id → name, from the previous message
        self._tool_answers: dict[str, Block] = {}  # tool_use id → its tool_result, from the next message
        self._is_head = False  # the newest message of the branch: only its tool calls can be answered
        self._answer_bar: ToolAnswerBar | None = None
        self._hovered = False
        self._focus_within = False
        self.setObjectName(f"message-{entry.message.role}")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleDescription(
            self.tr("Keys: C copy, E edit, R regenerate, I inspect, Left and Right versions, Up and Down messages")
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, Space.S, 0, Space.S)
        layout.setSpacing(Space.XS)
        # The header: who and when (the title part), then the navigator and the buttons (the actions part),
        # side by side; in a view too narrow for both on one line, the actions go under the title instead
        # of squeezing it to "Assistan · 17:" (see `_arrange_header`).
        self._title_row = QHBoxLayout()
        self._title_row.setSpacing(Space.XS)
        self._header = QHBoxLayout()  # the actions
        self._header.setSpacing(Space.XS)
        self._header.addStretch(1)
        self._head = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._head.setSpacing(Space.XS)
        self._head.addLayout(self._title_row, 1)
        self._head.addLayout(self._header)
        self.role_label = QLabel(self)
        self.meta_label = QLabel(self)
        # Wrapped in a narrow window ("· 17:35 ·" over the model's name), never cut to "· 17:".
        self.meta_label.setWordWrap(True)
        self.meta_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.activity_label = QLabel(self)  # streaming dots
        self.feedback_label = QLabel(self)  # "Copied"
        self.feedback_label.hide()
        self.feedback_timer = QTimer(self)
        self.feedback_timer.setSingleShot(True)
        self.feedback_timer.setInterval(FEEDBACK_MS)
        self.feedback_timer.timeout.connect(self.feedback_label.hide)
        self.copy_button = self._tool_button(self.tr("Copy"), self.tr("Copy this message as Markdown"), "copy")
        self.copy_button.clicked.connect(self.copy_markdown)
        is_user = entry.message.role == "user"
        self.edit_button = self._tool_button(
            self.tr("Edit"), self.tr("Edit and resend this message (a new branch)"), "edit"
        )
        self.edit_button.clicked.connect(self.start_editing)
        self.edit_button.setVisible(is_user)
        self.regenerate_button = self._tool_button(
            self.tr("Regenerate"), self.tr("Write a new version of this reply"), "regenerate"
        )
        self.regenerate_button.clicked.connect(lambda: self.regenerate_requested.emit(self.message_id))
        self.regenerate_button.setVisible(False)
        self.inspect_button = self._tool_button(
            self.tr("Inspect"), self.tr("Show the request, response headers and usage of this reply"), "inspect"
        )
        self.inspect_button.clicked.connect(lambda: self.inspect_requested.emit(self.message_id))
        self.inspect_button.setVisible(not is_user)
        self._title_row.addWidget(self.role_label)
        self._title_row.addWidget(self.meta_label, 1)
        self._title_row.addWidget(self.activity_label)
        self._title_row.addWidget(self.feedback_label)
        self._header.addWidget(self.copy_button)
        self._header.addWidget(self.edit_button)
        self._header.addWidget(self.regenerate_button)
        self._header.addWidget(self.inspect_button)
        layout.addLayout(self._head)

        self._bubble = CardFrame(self)
        self._body = QVBoxLayout(self._bubble)
        margin = Space.M if is_user else 0
        self._body.setContentsMargins(margin, Space.S if is_user else 0, margin, Space.S if is_user else 0)
        self._body.setSpacing(Space.S)
        layout.addWidget(self._bubble)
        self.footer = QLabel(self)
        self.footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.footer.hide()
        layout.addWidget(self.footer)

        for widget in (self.role_label, self.meta_label, self.activity_label, self.feedback_label, self.footer):
            make_small(widget)
        # The model's name and the stop reason come from the server: a QLabel would take "<b>…" as markup.
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.footer.setTextFormat(Qt.TextFormat.PlainText)
        self._apply_colors()
        self._show_content(entry.message.content, streaming=entry.message.status == "streaming")
        if entry.message.status == "streaming":
            self._enter_streaming()
        else:
            self._show_final_state()
        self._update_header()

    # --- queries ---

    @property
    def message_id(self) -> int:
        return self._entry.message.id

    @property
    def entry(self) -> TranscriptEntry:
        return self._entry

    @property
    def role(self) -> str:
        return self._entry.message.role

    @property
    def is_streaming(self) -> bool:
        return self._streaming

    @property
    def revealed(self) -> bool:
        """Whether the actions are drawn: the pointer is over the message or the focus is in it."""
        return self._hovered or self._focus_within

    def set_focus_within(self, inside: bool) -> None:
        """The keyboard focus came into the message (itself or one of its parts) or left it."""
        if inside != self._focus_within:
            self._focus_within = inside
            self._reveal()

    @property
    def status_box(self) -> StatusBox | None:
        return self._status_box

    @property
    def navigator(self) -> SiblingNavigator | None:
        return self._navigator

    def focus_version_button(self, offset: int) -> bool:
        """Give the keyboard focus to the ‹ (``offset`` < 0) or › button, or the other one when that one is
        disabled (at the first or last version). False when there are no versions to step through."""
        navigator = self._navigator
        if navigator is None or not navigator.isVisible():
            return False
        wanted, other = navigator.previous_button, navigator.next_button
        if offset > 0:
            wanted, other = other, wanted
        (wanted if wanted.isEnabled() else other).setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    @property
    def editor(self) -> InlineEditor | None:
        return self._editor

    @property
    def blocks(self) -> list[BlockView]:
        return list(self._blocks)

    def markdown(self) -> str:
        """The message's text as Markdown (the user's text as typed), what "Copy" puts on the clipboard."""
        return "\n\n".join(text for text in (block.markdown() for block in self._blocks) if text)

    # --- changes ---

    def update_partial(self, partial: Mapping[str, Any]) -> None:
        """Show the reply so far (an API Message dict, read now: it keeps changing)."""
        if not self._streaming:
            self._enter_streaming()
        model = partial.get("model")
        if isinstance(model, str) and model and model != self._model:
            self._model = model
            self._update_header()
        content = partial.get("content")
        self._show_content(content if isinstance(content, list) else [], streaming=True)

    def finish(self, entry: TranscriptEntry) -> None:
        """The message's final state: content, status, error box, usage and actions."""
        self._entry = entry
        self._model = entry.message.model or self._model
        self._streaming = False
        if self._activity_timer is not None:
            self._activity_timer.stop()
        self.activity_label.clear()
        self._show_content(entry.message.content, streaming=False)
        self._show_final_state()
        self._update_header()

    def set_context(self, context: BlockContext) -> None:
        """New theme colours and renderer words."""
        self._context = context
        self._apply_colors()
        for block in self._blocks:
            block.set_context(context)
        if self._status_box is not None:
            self._status_box.set_context(context)
        if self._editor is not None:
            self._editor.set_context(context)
        if self._navigator is not None:
            self._navigator.set_context(context)
        if self._answer_bar is not None:
            self._answer_bar.set_context(context)

    def set_usage_note(self, usage_note: Callable[[Message], str] | None) -> None:
        """Change what is added to the usage line (shown at once on a finished reply)."""
        self._usage_note = usage_note
        if not self._streaming:
            self._show_footer(self._entry.message)

    def link_tools(self, previous: Message | None, following: Message | None) -> None:
        """Tie tool blocks to the neighbours on the branch: tool results are titled with the name of the call
        they answer (in ``previous``); tool calls show that ``following`` answered them or, when this is the
        newest message (``following`` is None) and it stopped for them, wait for the user's results."""
        kinds = {block.kind for block in self._blocks}
        self._tool_names = _tool_names(previous) if previous is not None and "tool_result" in kinds else {}
        self._tool_answers = _tool_answers(following) if following is not None and "tool_use" in kinds else {}
        self._is_head = following is None
        self._update_tool_links()

    @property
    def answer_bar(self) -> ToolAnswerBar | None:
        """The "Send results" row, while the reply waits for tool results (else None or hidden)."""
        return self._answer_bar

    def awaits_tool_results(self) -> bool:
        """True while the user can answer this reply's tool calls."""
        message = self._entry.message
        calls = self._tool_calls()
        return (
            self._is_head
            and not self._streaming
            and message.role == "assistant"
            and message.status == "complete"
            and message.stop_reason == "tool_use"
            and bool(calls)
            and not any(call.incomplete for call in calls)
        )

    def submit_tool_results(self) -> bool:
        """Emit ``tool_results_submitted`` when every call has a result; else focus the first one without."""
        if not self.awaits_tool_results():
            return False
        calls = self._tool_calls()
        answers = [call.answer() for call in calls]
        for call, answer in zip(calls, answers, strict=True):
            if answer is None:
                call.focus_answer()
                return False
        self.tool_results_submitted.emit(self.message_id, answers)
        return True

    def copy_markdown(self) -> None:
        """Put the message's Markdown on the clipboard."""
        QGuiApplication.clipboard().setText(self.markdown())
        self.show_feedback(self.tr("Copied"))

    def show_feedback(self, text: str) -> None:
        """A short-lived note in the header ("Copied")."""
        self.feedback_label.setText(text)
        self.feedback_label.show()
        self.feedback_timer.start()

    def start_editing(self) -> None:
        """Replace the user's message by an editor holding its text (Send emits ``edit_submitted``)."""
        if self.role != "user" or self._streaming:
            return
        if self._editor is None:
            self._editor = InlineEditor(self._context, self)
            self._editor.submitted.connect(self._on_edit_submitted)
            self._editor.cancelled.connect(self.cancel_editing)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self._bubble) + 1, self._editor)
        self._editor.set_text(self._entry.message.text)
        self._bubble.hide()
        self.edit_button.setEnabled(False)
        self._editor.show()
        self._editor.focus()

    def cancel_editing(self) -> None:
        if self._editor is None:
            return
        self._editor.hide()
        self._bubble.show()
        self.edit_button.setEnabled(True)
        self.edit_button.setFocus()

    # --- internals ---

    def _tool_button(self, text: str, description: str, icon_name: str) -> ActionButton:
        button = ActionButton(self)
        button.setText(text)  # not shown: the icon is; the text names it where Qt reads one (style, tests)
        button.setIcon(icon(icon_name, "muted"))
        button.setToolTip(description)
        button.setAccessibleName(description)
        return button

    def _action_buttons(self) -> list[ActionButton]:
        buttons = [self.copy_button, self.edit_button, self.regenerate_button, self.inspect_button]
        if self._navigator is not None:
            buttons += [self._navigator.previous_button, self._navigator.next_button]
        return buttons

    def _apply_colors(self) -> None:
        colors = self._context.colors
        is_user = self.role == "user"
        self._bubble.set_colors(colors.bubble if is_user else colors.background)
        role_font = self.role_label.font()
        role_font.setBold(True)
        self.role_label.setFont(role_font)
        for widget in (
            self.role_label,
            self.meta_label,
            self.activity_label,
            self.feedback_label,
            self.footer,
            self.copy_button,
            self.edit_button,
            self.regenerate_button,
            self.inspect_button,
        ):
            set_muted(widget, colors)

    def _show_content(self, content: list[Block], *, streaming: bool) -> None:
        """Bring the block widgets in line with ``content``, updating existing ones in place."""
        shown = display_blocks(content, self.role, streaming=streaming, output_schema=self._entry.output_schema)
        sync_block_views(self._blocks, shown, streaming=streaming, create=self._create_block_view, layout=self._body)

    def _create_block_view(self, block: Block) -> BlockView:
        view = create_block_view(block, self.role, self._context, self._bubble)
        view.link_activated.connect(self.link_activated)
        view.copied.connect(lambda: self.show_feedback(self.tr("Copied")))
        if isinstance(view, ToolUseView):
            view.answer_changed.connect(self._update_answer_bar)
            view.send_requested.connect(self.submit_tool_results)
            view.regenerate_requested.connect(lambda: self.regenerate_requested.emit(self.message_id))
        return view

    def _enter_streaming(self) -> None:
        self._streaming = True
        self.regenerate_button.hide()
        self.cancel_editing()
        if self._status_box is not None:
            self._status_box.hide()
        if self._navigator is not None:
            self._navigator.setEnabled(False)
        if self._activity_timer is None:
            self._activity_timer = QTimer(self)
            self._activity_timer.setInterval(ACTIVITY_INTERVAL_MS)
            self._activity_timer.timeout.connect(self._step_activity)
        self._activity_step = 0
        self._step_activity()
        self._activity_timer.start()
        self._update_tool_links()
        self.footer.setText(self.tr("Writing… press Esc to stop"))
        self.footer.show()

    def _step_activity(self) -> None:
        self._activity_step = self._activity_step % 3 + 1
        self.activity_label.setText("•" * self._activity_step + " " * (3 - self._activity_step))
        self.activity_label.setAccessibleName(self.tr("The reply is being written"))

    def _show_final_state(self) -> None:
        message = self._entry.message
        self.regenerate_button.setVisible(message.role == "assistant" and message.status == "complete")
        self._update_status_box(message)
        self._show_footer(message)
        self._update_tool_links()

    def _show_footer(self, message: Message) -> None:
        footer = ""
        if message.role == "assistant":
            note = self._usage_note(message) if self._usage_note is not None else ""
            footer = " · ".join(part for part in (_usage_line(message), note) if part)
        self.footer.setText(footer)
        self.footer.setVisible(bool(footer))

    def _tool_calls(self) -> list[ToolUseView]:
        return [block for block in self._blocks if isinstance(block, ToolUseView)]

    def _update_tool_links(self) -> None:
        awaiting = self.awaits_tool_results()
        for block in self._blocks:
            if isinstance(block, ToolUseView):
                block.set_answered(self._tool_answers.get(block.tool_use_id))
                block.set_answering(awaiting)
            elif isinstance(block, ToolResultView):
                block.set_tool_name(self._tool_names.get(block.tool_use_id))
        if awaiting and self._answer_bar is None:
            self._answer_bar = ToolAnswerBar(self._context, self)
            self._answer_bar.send_button.clicked.connect(self.submit_tool_results)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self._bubble) + 1, self._answer_bar)
        if self._answer_bar is not None:
            self._answer_bar.setVisible(awaiting)
            self._update_answer_bar()

    def _update_answer_bar(self) -> None:
        if self._answer_bar is not None:
            calls = self._tool_calls()
            self._answer_bar.show_progress(sum(call.answer() is not None for call in calls), len(calls))

    def _update_header(self) -> None:
        message = self._entry.message
        self.role_label.setText(self.tr("You") if message.role == "user" else self.tr("Assistant"))
        parts = [_format_time(message.created_at)]
        if message.role == "assistant" and self._model:
            parts.append(self._model)
        self.meta_label.setText("· " + " · ".join(parts))
        self.meta_label.setToolTip(_format_time(message.created_at, long=True))
        self.setAccessibleName(f"{self.role_label.text()} {self.meta_label.text()}")
        self._update_navigator()
        self._arrange_header()

    def _arrange_header(self) -> None:
        """Title and actions on one line when the view is wide enough for both, else the actions below."""
        spacing = self._title_row.spacing()
        title = [w for w in (self.role_label, self.activity_label, self.feedback_label) if not w.isHidden()]
        needed = sum(w.sizeHint().width() + spacing for w in title)
        needed += self.meta_label.fontMetrics().horizontalAdvance(self.meta_label.text()) + 2
        needed += self._head.spacing() + self._header.sizeHint().width()
        direction = QBoxLayout.Direction.LeftToRight if needed <= self.width() else QBoxLayout.Direction.TopToBottom
        if self._head.direction() != direction:
            self._head.setDirection(direction)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_header()

    def enterEvent(self, event: QEnterEvent) -> None:
        super().enterEvent(event)
        self._hovered = True
        self._reveal()

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._hovered = False
        self._reveal()

    def _reveal(self) -> None:
        for button in self._action_buttons():
            button.set_revealed(self.revealed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The message's keys while it has the focus itself (its parts handle their own)."""
        key, mods = event.key(), event.modifiers()
        plain = not mods & ~Qt.KeyboardModifier.KeypadModifier
        if key == KEY_COPY and (plain or mods == Qt.KeyboardModifier.ControlModifier):
            self.copy_markdown()
        elif plain and key in (KEY_PREVIOUS_MESSAGE, KEY_NEXT_MESSAGE):
            self.neighbour_requested.emit(-1 if key == KEY_PREVIOUS_MESSAGE else 1)
        elif plain and key in (KEY_PREVIOUS_VERSION, KEY_NEXT_VERSION) and self._navigator is not None:
            button = self._navigator.previous_button if key == KEY_PREVIOUS_VERSION else self._navigator.next_button
            if self._navigator.isVisible() and button.isEnabled():
                button.click()
        elif plain and key in (KEY_EDIT, KEY_REGENERATE, KEY_INSPECT):
            button = self.edit_button if key == KEY_EDIT else self.inspect_button
            button = self.regenerate_button if key == KEY_REGENERATE else button
            if button.isVisibleTo(self) and button.isEnabled():
                button.click()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _update_navigator(self) -> None:
        entry = self._entry
        if entry.sibling_count <= 1:
            if self._navigator is not None:
                self._navigator.hide()
            return
        if self._navigator is None:
            self._navigator = SiblingNavigator(self._context, self)
            self._navigator.step.connect(lambda offset: self.sibling_requested.emit(self.message_id, offset))
            self._header.insertWidget(self._header.indexOf(self.copy_button), self._navigator)
            self._reveal()
        self._navigator.show_position(entry.sibling_index, entry.sibling_count)
        self._navigator.setEnabled(not self._streaming)
        self._navigator.show()

    def _update_status_box(self, message: Message) -> None:
        problem = _problem_of(message)
        if problem is None:
            if self._status_box is not None:
                self._status_box.hide()
            return
        if self._status_box is None:
            self._status_box = StatusBox(self._context, self)
            self._status_box.retry_button.clicked.connect(lambda: self.retry_requested.emit(self.message_id))
            self._status_box.continue_button.clicked.connect(lambda: self.continue_requested.emit(self.message_id))
            self._status_box.edit_button.clicked.connect(lambda: self.edit_question_requested.emit(self.message_id))
            self._status_box.update_token_button.clicked.connect(self.update_token_requested)
            self._status_box.settings_button.clicked.connect(self.settings_requested)
            self._status_box.switch_model_button.clicked.connect(self._continue_with_successor)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.footer), self._status_box)
        self._status_box.show_problem(message, problem)
        self._status_box.show()

    def _continue_with_successor(self) -> None:
        if self._status_box is not None and self._status_box.successor:
            self.continue_with_model_requested.emit(self.message_id, self._status_box.successor)

    def _on_edit_submitted(self, text: str) -> None:
        self.cancel_editing()
        self.edit_submitted.emit(self.message_id, text)


class ActionButton(QToolButton):
    """A message's action as a small icon button, drawn only while its message is revealed (hovered or
    focused) or the button itself has the focus. Hidden it keeps its place and its place in the focus chain, so
    the header does not move when the pointer passes and Tab reaches every action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._revealed = False
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    @property
    def revealed(self) -> bool:
        """Whether the button is drawn now."""
        return self._revealed or self.hasFocus()

    def set_revealed(self, revealed: bool) -> None:
        if revealed != self._revealed:
            self._revealed = revealed
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.revealed:
            super().paintEvent(event)


class SiblingNavigator(QWidget):
    """``‹ 2/3 ›``: which version of a message is shown, with buttons to the neighbours.

    Signals:
        step(int): -1 for the previous version, +1 for the next.
    """

    step = Signal(int)

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The arrows are actions (drawn with the message's others); "2/3" always shows: that versions exist.
        self.previous_button = ActionButton(self)
        self.previous_button.setText("‹")
        self.previous_button.setIcon(icon("previous", "muted"))
        self.previous_button.setToolTip(self.tr("Previous version"))
        self.previous_button.setAccessibleName(self.tr("Previous version"))
        self.previous_button.clicked.connect(lambda: self.step.emit(-1))
        self.label = QLabel(self)
        make_small(self.label)
        self.next_button = ActionButton(self)
        self.next_button.setText("›")
        self.next_button.setIcon(icon("next", "muted"))
        self.next_button.setToolTip(self.tr("Next version"))
        self.next_button.setAccessibleName(self.tr("Next version"))
        self.next_button.clicked.connect(lambda: self.step.emit(1))
        for widget in (self.previous_button, self.label, self.next_button):
            layout.addWidget(widget)
        self.set_context(context)

    def show_position(self, index: int, count: int) -> None:
        """Show version ``index`` (0-based) of ``count``."""
        self.label.setText(f"{index + 1}/{count}")
        self.label.setAccessibleName(self.tr("Version {n} of {count}").format(n=index + 1, count=count))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)

    def set_context(self, context: BlockContext) -> None:
        for widget in (self.previous_button, self.label, self.next_button):
            set_muted(widget, context.colors)


class ToolAnswerBar(QWidget):
    """Under a reply that waits for tool results: how many are written, and "Send results"."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, Space.HAIR, 0, Space.HAIR)
        layout.setSpacing(Space.S)
        self.hint = QLabel(self)
        make_small(self.hint)
        self.send_button = QPushButton(self.tr("Send results"), self)
        self.send_button.setToolTip(self.tr("Send the tool results to the model (Ctrl+Enter in a result)"))
        self.send_button.setAccessibleName(self.tr("Send the tool results"))
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.send_button)
        self.set_context(context)

    def show_progress(self, answered: int, total: int) -> None:
        """``answered`` of ``total`` calls have a result: Send is enabled once all do."""
        self.send_button.setEnabled(answered == total)
        if answered == total:
            self.hint.setText(self.tr("Every call has its result. Ctrl+Enter in a result sends them too."))
        elif total == 1:
            self.hint.setText(self.tr("The model is waiting for the tool's result: write it above, then send."))
        else:
            self.hint.setText(
                self.tr("The model is waiting for the results: {n} of {total} written.").format(n=answered, total=total)
            )

    def set_context(self, context: BlockContext) -> None:
        set_muted(self.hint, context.colors)


class StatusBox(CardFrame):
    """What went wrong with a reply (or why it stopped), with what the user can do about it."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._is_error = True
        self._summary = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        layout.setSpacing(Space.XS)
        self.details = RichTextView(self)  # selectable: the request id is for support
        self.details.set_style(context.colors.theme)
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        buttons.setSpacing(Space.S)
        self.retry_button = self._button(self.tr("Retry"), self.tr("Send the request again (a new version)"))
        self.continue_button = self._button(self.tr("Continue"), self.tr("Let the reply go on from where it stopped"))
        self.edit_button = self._button(
            self.tr("Edit Your Message…"), self.tr("Edit the message this replies to and send it again (a new branch)")
        )
        self.update_token_button = self._button(self.tr("Update token…"), self.tr("Enter a new API token"))
        self.settings_button = self._button(self.tr("Settings…"), self.tr("Check the provider and its base URL"))
        # The reply's model is no longer available: the conversation moves to its line's current model.
        self.switch_model_button = self._button("", "")
        self.successor: str | None = None
        for button in (
            self.retry_button,
            self.continue_button,
            self.edit_button,
            self.update_token_button,
            self.settings_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # A row of its own, first: the way on, and a model's name is long beside Retry in a narrow column.
        switch_row = QHBoxLayout()
        switch_row.addWidget(self.switch_model_button)
        switch_row.addStretch(1)
        layout.addLayout(switch_row)
        layout.addLayout(buttons)

    def _button(self, text: str, description: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(description)
        button.setAccessibleName(description)
        return button

    @property
    def is_error(self) -> bool:
        """Whether the box is painted as an error (a failure), not as a notice (stopped, cut, declined)."""
        return self._is_error

    def show_problem(self, message: Message, problem: tuple[str, bool]) -> None:
        """Describe ``message``'s problem (``problem`` = (summary HTML, is an error)) and offer actions."""
        self._summary, self._is_error = problem
        self.details.set_html(self._summary)
        self.retry_button.setVisible(can_retry(message))
        self.continue_button.setVisible(can_continue(message))
        self.edit_button.setVisible(message.declined)
        error_type = message.error.type if message.error is not None else None
        self.update_token_button.setVisible(error_type == AUTHENTICATION_ERROR)
        self.settings_button.setVisible(error_type in CONNECTION_ERROR_TYPES)
        self.successor = model_to_continue_with(message)
        if self.successor:
            from app.api.params import rules_for  # the model data is read only when a model is missing

            name = rules_for(self.successor).display_name
            self.switch_model_button.setText(self.tr("Continue with {model}").format(model=name))
            description = self.tr("Use {model} for this conversation from now on and send the request again").format(
                model=self.successor
            )
            self.switch_model_button.setToolTip(description)
            self.switch_model_button.setAccessibleName(description)
            self.switch_model_button.setDefault(True)  # the way on
        self.switch_model_button.setVisible(bool(self.successor))
        self._paint()

    def set_context(self, context: BlockContext) -> None:
        self._context = context
        self.details.set_style(context.colors.theme)
        self.details.set_html(self._summary)  # the style sheet colours HTML only as it is set
        self._paint()

    def _paint(self) -> None:
        colors = self._context.colors
        if self._is_error:
            self.set_colors(colors.error_fill, colors.error)
        else:
            self.set_colors(colors.notice_fill, colors.notice)


class InlineEditor(CardFrame):
    """Edits a user message in place: Send (Enter, as in the composer; Shift+Enter for a new line) or
    Cancel (Esc).

    Signals:
        submitted(str): the edited text (never empty).
        cancelled().
    """

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.S, Space.S, Space.S, Space.S)
        layout.setSpacing(Space.S)
        self.text_edit = ComposerEdit(self)  # the composer's keys: nothing new to learn
        self.text_edit.setPlaceholderText("")
        self.text_edit.setAccessibleName(self.tr("Edited message"))
        self.text_edit.textChanged.connect(self._on_text_changed)
        layout.addWidget(self.text_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Keep the message as it was (Esc)"))
        self.cancel_button.clicked.connect(self.cancelled)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setToolTip(self.tr("Send the edited message as a new branch (Enter)"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self._submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        self.text_edit.submit.connect(self._submit)
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel.activated.connect(self.cancelled)
        self.set_context(context)

    def set_text(self, text: str) -> None:
        self.text_edit.setPlainText(text)
        self._on_text_changed()

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def focus(self) -> None:
        self.text_edit.setFocus()
        self.text_edit.moveCursor(QTextCursor.MoveOperation.End)

    def set_context(self, context: BlockContext) -> None:
        self._context = context
        self.set_colors(context.colors.bubble, context.colors.card_border)

    def _on_text_changed(self) -> None:
        self.send_button.setEnabled(bool(self.text().strip()))
        fit_to_lines(self.text_edit, _EDITOR_MIN_LINES, _EDITOR_MAX_LINES)

    def _submit(self) -> None:
        text = self.text()
        if text.strip():
            self.submitted.emit(text)


def _tool_names(message: Message) -> dict[str, str]:
    """tool_use id → tool name, for the calls in ``message``."""
    return {
        str(block.get("id")): str(block.get("name") or "")
        for block in message.content
        if block.get("type") == "tool_use" and block.get("id")
    }


def _tool_answers(message: Message) -> dict[str, Block]:
    """tool_use id → the tool_result block answering it, for the results in ``message``."""
    return {
        str(block.get("tool_use_id")): block
        for block in message.content
        if block.get("type") == "tool_result" and block.get("tool_use_id")
    }


def _problem_of(message: Message) -> tuple[str, bool] | None:
    """HTML describing why the reply is not a complete answer, and whether it is an error; None if it is."""
    tr = _tr
    error = message.error
    if message.status in ("error", "interrupted"):
        title = tr("Error") if message.status == "error" else tr("The reply was interrupted")
        lines = [f"<b>{html.escape(title)}</b>"]
        if error is not None:
            lines.append(f"<b>{html.escape(error.type)}</b>: {html.escape(error.message)}")
            if error.request_id:
                lines.append(html.escape(tr("Request id: {id}").format(id=error.request_id)))
        if message.content:
            lines.append(html.escape(tr("The partial reply above is kept.")))
        return "<br>".join(lines), True
    if message.status == "stopped":
        return html.escape(tr("Stopped. The partial reply above is kept.")), False
    if message.declined:  # an answer the model chose not to give: said calmly, not as a failure
        return _declined(message), False
    if message.stop_reason == "max_tokens":
        return html.escape(tr("The reply reached the max_tokens limit.")), False
    if message.stop_reason == CONTEXT_FULL:
        return html.escape(
            tr(
                "The reply stopped because the conversation fills the model's context window. Start a new "
                "conversation, branch from an earlier message (edit it), or choose a model with a longer context."
            )
        ), False
    if message.stop_reason == PAUSED:
        return html.escape(
            tr(
                "The model paused its turn again after {n} continuations (a long web search or fetch). Continue "
                "lets it go on."
            ).format(n=MAX_PAUSE_CONTINUATIONS)
        ), False
    return None


def _declined(message: Message) -> str:
    """The refusal box's HTML: that the model declined, its category and explanation (server text, escaped),
    and what the user can do."""
    tr = _tr
    details = message.stop_details or {}
    category, explanation = details.get("category"), details.get("explanation")
    lines = [f"<b>{html.escape(tr('The model declined to answer.'))}</b>"]
    if isinstance(category, str) and category.strip():
        lines[0] += " " + html.escape(tr("Category: {category}.").format(category=category.strip()))
    if isinstance(explanation, str) and explanation.strip():
        lines.append(html.escape(" ".join(explanation.split())))
    lines.append(html.escape(tr("You can retry, or edit your message and send it again.")))
    return "<br>".join(lines)


def _usage_line(message: Message) -> str:
    """``12,305 in · 40 out · cache 12,000 read, 300 written · 2 searches · stop: max_tokens``: what the
    reply used (the server's own counts; its cost is the usage note's)."""
    tr = _tr
    parts: list[str] = []
    usage = message.usage or {}

    def count(key: str, within: Mapping[str, Any] = usage) -> int:  # the server's word: not a number is none
        value = within.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0

    if usage:
        read, written = count("cache_read_input_tokens"), count("cache_creation_input_tokens")
        in_tokens = count("input_tokens") + read + written
        parts.append(tr("{i} in · {o} out").format(i=format_number(in_tokens), o=format_number(count("output_tokens"))))
        cache = []
        if read:
            cache.append(tr("{n} read").format(n=format_number(read)))
        if written:
            cache.append(tr("{n} written").format(n=format_number(written)))
        if cache:
            parts.append(tr("cache {figures}").format(figures=", ".join(cache)))
        server_tools = usage.get("server_tool_use")
        if isinstance(server_tools, Mapping):
            searches, fetches = count("web_search_requests", server_tools), count("web_fetch_requests", server_tools)
            if searches:
                parts.append(tr("%Ln search(es)", None, searches))
            if fetches:
                parts.append(tr("%Ln page(s) fetched", None, fetches))
    if message.stop_reason and message.stop_reason not in ("end_turn", "stop_sequence", "tool_use"):
        parts.append(tr("stop: {reason}").format(reason=message.stop_reason))
    return " · ".join(parts)


def _format_time(moment: datetime, *, long: bool = False) -> str:
    """Local time: just the time for today, date and time otherwise (``long``: the full form, for a tooltip)."""
    local = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()
    locale = QLocale()
    if long:
        return locale.toString(local, QLocale.FormatType.LongFormat)
    today = QDateTime.currentDateTime().date()
    if local.date() == today:
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    # "31 Jan 2025 12:00", as the conversation list writes dates (month by name, never 01/02 ambiguity)
    pattern = "d MMM HH:mm" if local.date().year() == today.year() else "d MMM yyyy HH:mm"
    return locale.toString(local, pattern)
