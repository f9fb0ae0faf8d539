"""The transcript: one conversation's shown branch as a scrolling column of messages.

Only loaded pages have widgets (newest page first, older pages as the user scrolls up). While a reply
streams the view follows it if the user is at the bottom; once they scroll up it keeps what they look at
steady (anchored to the first visible message) and offers "Jump to latest". The same anchoring keeps the
position when older messages are added above.

It does no I/O: actions are signals that the composition root wires to the chat controller.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from app.chat.transcript_loader import TranscriptEntry, TranscriptPage
from app.render import LIGHT, Theme
from app.store.models import Message
from app.ui import message_view as keys
from app.ui.design import COLUMN_SIDE_MARGIN, Space, column_margin, column_minimum_width, current_colors
from app.ui.greeting import Greeting, Starter
from app.ui.key_help import KeyHelp, keys_text
from app.ui.message_blocks import AttachmentData, AttachmentSize, BlockContext, translated_labels
from app.ui.message_view import MessageView
from app.ui.transcript_style import TranscriptColors, make_small, set_muted

FOLLOW_SLACK_PX = 24  # this close to the bottom counts as "at the bottom"
OLDER_TRIGGER_PX = 240  # this close to the top asks for the previous page
JUMP_MARGIN_PX = 12


class _Column(QWidget):
    """The scrolled content: messages in one centred column (`app.ui.design.column_margin`).

    Signals:
        geometry_settled(): it was resized or laid out again (restore the scroll position now).
    """

    geometry_settled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.column_layout = QVBoxLayout(self)
        self.column_layout.setSpacing(Space.S)
        self.column_layout.setContentsMargins(COLUMN_SIDE_MARGIN, Space.S, COLUMN_SIDE_MARGIN, Space.L)

    def resizeEvent(self, event: QResizeEvent) -> None:
        side = column_margin(event.size().width())
        margins = self.column_layout.contentsMargins()
        if margins.left() != side:
            self.column_layout.setContentsMargins(side, margins.top(), side, margins.bottom())
        super().resizeEvent(event)
        self.geometry_settled.emit()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        margins = self.column_layout.contentsMargins()
        return QSize(column_minimum_width(hint.width(), margins.left(), margins.right()), hint.height())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self.geometry_settled.emit()  # children moved (a message above grew): keep the view steady
        return handled


class _JumpButton(QToolButton):
    """The floating "Jump to latest" pill over the bottom of the transcript."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        colors = current_colors()
        self._fill = QColor(colors.accent_fill)
        self._text = QColor(colors.accent_text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_colors(self, fill: QColor, text: QColor) -> None:
        self._fill, self._text = QColor(fill), QColor(text)
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 28, metrics.height() + 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        fill = self._fill.lighter(115) if self.underMouse() else self._fill
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(self._text)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
        if self.hasFocus():
            painter.setPen(QPen(self._text, 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), rect.height() / 2 - 3, rect.height() / 2 - 3)
        painter.end()


class TranscriptView(QWidget):
    """Shows a conversation's messages; see the module docstring.

    Signals:
        load_older_requested(): the user scrolled near the top and older messages exist.
        edit_submitted(int, str): message id, new text (a user message edited: creates a branch).
        regenerate_requested(int), retry_requested(int), continue_requested(int): assistant message id.
        sibling_requested(int, int): message id, offset (-1 / +1).
        link_activated(QUrl): an http/https/mailto link the user clicked (checked with ``safe_href``).
        update_token_requested(): the user clicked "Update token" on an authentication error.
        settings_requested(): the user clicked "Settings" on a connection error.
        continue_with_model_requested(int, str): assistant message id, model: the reply's model is no longer
            available; go on with this one (the conversation's model changes) and retry the reply.
        inspect_requested(int): assistant message id (show its request, headers and usage).
        tool_results_submitted(int, list): assistant message id, the user's results for its tool calls
            (``{"tool_use_id", "content", "is_error"}`` dicts, in the calls' order).
        starter_chosen(str): the prompt of a starter the empty conversation's greeting offered: send it.
    """

    load_older_requested = Signal()
    edit_submitted = Signal(int, str)
    regenerate_requested = Signal(int)
    retry_requested = Signal(int)
    continue_requested = Signal(int)
    sibling_requested = Signal(int, int)
    link_activated = Signal(QUrl)
    update_token_requested = Signal()
    settings_requested = Signal()
    continue_with_model_requested = Signal(int, str)
    inspect_requested = Signal(int)
    tool_results_submitted = Signal(int, list)
    starter_chosen = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        theme: Theme = LIGHT,
        attachment_size: AttachmentSize | None = None,
        attachment_data: AttachmentData | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self._theme = theme
        self._attachment_size = attachment_size
        self._attachment_data = attachment_data
        self._context = self._make_context(theme)
        self._conversation_id: int | None = None
        self._views: list[MessageView] = []
        self._by_id: dict[int, MessageView] = {}
        self._has_older = False
        self._older_requested = False
        self._follow = True
        self._anchor: tuple[MessageView, int] | None = None  # (first visible message, offset into it)
        self._restoring = False
        self._usage_note: Callable[[Message], str] | None = None

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("transcriptScroll")
        self._scroll.setAccessibleName(self.tr("Conversation"))
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always on: a scroll bar appearing once a page outgrows the view would re-wrap every message.
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._column = _Column()
        self._column.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._scroll.setWidget(self._column)
        self._older_label = QLabel(self.tr("Scroll up for earlier messages"), self._column)
        self._older_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        make_small(self._older_label)
        self._older_label.hide()
        self._column.column_layout.addWidget(self._older_label)
        self._column.column_layout.addStretch(1)
        # While no message is shown: a greeting and starters, in the middle of the pane.
        self.greeting = Greeting(self._column)
        self.greeting.starter_chosen.connect(self.starter_chosen)
        self._column.column_layout.addWidget(self.greeting)
        self._column.column_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)

        self.jump_button = _JumpButton(self)
        self.jump_button.setText(self.tr("Jump to latest ↓"))
        self.jump_button.setToolTip(self.tr("Scroll to the newest message and follow the reply"))
        self.jump_button.setAccessibleName(self.tr("Jump to latest message"))
        self.jump_button.clicked.connect(self.jump_to_latest)
        self.jump_button.hide()

        bar = self._scroll.verticalScrollBar()
        bar.rangeChanged.connect(self._restore_position)
        bar.valueChanged.connect(self._on_scrolled)
        self._column.geometry_settled.connect(self._restore_position)
        self._focused: MessageView | None = None  # the message the keyboard focus is in
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._apply_theme()

    # --- the contract ---

    def show_page(self, page: TranscriptPage, *, keep_position: bool = False) -> None:
        """Replace everything with ``page`` and scroll to the bottom.

        Messages of the same conversation that are already shown unchanged keep their widgets (a reload
        after a send or a branch switch is cheap). ``keep_position``: for a reload of the same conversation
        (e.g. after the user switched a branch in the middle), stay on the message shown at the top (or the
        one that took its place) instead of scrolling to the bottom.
        """
        same_conversation = page.conversation_id == self._conversation_id
        old = dict(self._by_id)
        previous = self._anchor if keep_position and same_conversation and not self._follow else None
        previous_index = self._views.index(previous[0]) if previous is not None else -1
        layout = self._column.column_layout
        for view in self._views:
            layout.removeWidget(view)
        views: list[MessageView] = []
        for entry in page.entries:
            kept = old.get(entry.id) if same_conversation else None
            if kept is not None and _still_valid(kept, entry):
                del old[entry.id]
                views.append(kept)
            else:
                views.append(self._create_view(entry))
        for stale in old.values():
            stale.hide()
            stale.deleteLater()
        for index, view in enumerate(views):
            layout.insertWidget(1 + index, view)
            view.show()
        self._set_views(views)
        self._link_tools()
        self._conversation_id = page.conversation_id
        self._set_has_older(page.has_older)
        if previous is not None and views:
            kept_view = previous[0] if previous[0] in views else views[min(previous_index, len(views) - 1)]
            self._anchor, self._follow = (kept_view, previous[1]), False
        else:
            self._anchor, self._follow = None, True
        self._restore_position()
        QTimer.singleShot(0, self, self._maybe_request_older)  # a short page may not fill the view

    def prepend_page(self, page: TranscriptPage) -> None:
        """Add older messages above; what the user looks at stays where it is."""
        if page.conversation_id != self._conversation_id:
            return
        if not self._follow and self._anchor is None:
            self._anchor = self._first_visible()
        entries = [entry for entry in page.entries if entry.id not in self._by_id]
        new_views = [self._create_view(entry) for entry in entries]
        layout = self._column.column_layout
        for index, view in enumerate(new_views):
            layout.insertWidget(1 + index, view)
            view.show()
        self._set_views(new_views + self._views)
        self._link_tools()
        self._set_has_older(page.has_older)
        self._restore_position()
        QTimer.singleShot(0, self, self._maybe_request_older)

    def update_reply(self, message_id: int, partial: Mapping[str, Any]) -> None:
        """Streaming: show the reply so far (an API Message dict). Ignored for a message not shown."""
        view = self._by_id.get(message_id)
        if view is not None:
            view.update_partial(partial)

    def finish_reply(self, entry: TranscriptEntry) -> None:
        """A reply ended: show its final state (status, error box, usage line, actions)."""
        view = self._by_id.get(entry.id)
        if view is not None:
            view.finish(entry)
            self._link_tools()

    def conversation_id(self) -> int | None:
        return self._conversation_id

    def clear(self) -> None:
        """Show nothing (no conversation)."""
        for view in self._views:
            self._column.column_layout.removeWidget(view)
            view.hide()
            view.deleteLater()
        self._set_views([])
        self._conversation_id = None
        self._set_has_older(False)
        self._anchor, self._follow = None, True
        self.jump_button.hide()

    def jump_to_latest(self) -> None:
        """Scroll to the bottom and follow the stream again."""
        self._anchor, self._follow = None, True
        self._restore_position()

    def last_reply_markdown(self) -> str | None:
        """The Markdown of the newest reply shown (for "Copy last reply"); None when there is none or it
        has no text."""
        for view in reversed(self._views):
            if view.role == "assistant":
                return view.markdown() or None
        return None

    @property
    def theme(self) -> Theme:
        """The theme the messages are shown in."""
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        """Recolour everything (messages are rendered again in the new colours)."""
        self._theme = theme
        self._context = self._make_context(theme)
        self._apply_theme()
        for view in self._views:
            view.set_context(self._context)

    # --- extras for the root and for tests ---

    def scroll_to_message(self, message_id: int) -> bool:
        """Bring a loaded message to the top of the view (e.g. a search result) and stop following.
        False when the message is not loaded: load its page first."""
        view = self._by_id.get(message_id)
        if view is None:
            return False
        self._anchor, self._follow = (view, 0), False
        self._column.column_layout.activate()  # positions are needed now, not after the next event
        self._restore_position()
        return True

    def reading_position(self) -> tuple[int, int] | None:
        """Where the user is reading: the first message in view and how far into it the view's top is
        (``restore_reading_position`` goes back there); None while following the bottom."""
        if self._follow:
            return None
        anchor = self._anchor or self._first_visible()
        return (anchor[0].message_id, anchor[1]) if anchor is not None else None

    def restore_reading_position(self, position: tuple[int, int] | None) -> bool:
        """Go back to a ``reading_position`` (None: the bottom, following). False when its message is not
        loaded (the view then stays as it is)."""
        if position is None:
            self.jump_to_latest()
            return True
        view = self._by_id.get(position[0])
        if view is None:
            return False
        self._anchor, self._follow = (view, position[1]), False
        self._column.column_layout.activate()
        self._restore_position()
        return True

    def set_attachment_sources(self, size: AttachmentSize | None, data: AttachmentData | None) -> None:
        """Where stored attachments' sizes and bytes come from (by hash), for shown and future messages."""
        self._attachment_size, self._attachment_data = size, data
        self._context = self._make_context(self._theme)
        for view in self._views:
            view.set_context(self._context)

    def set_usage_note(self, usage_note: Callable[[Message], str] | None) -> None:
        """What to add to each reply's usage line (e.g. its cost), for shown and future messages."""
        self._usage_note = usage_note
        for view in self._views:
            view.set_usage_note(usage_note)

    def message_view(self, message_id: int) -> MessageView | None:
        """The widget showing ``message_id``, if it is loaded."""
        return self._by_id.get(message_id)

    def set_starters(self, starters: Sequence[Starter]) -> None:
        """What the empty conversation's greeting offers (in place of what it offers now)."""
        self.greeting.set_starters(starters)

    def message_views(self) -> list[MessageView]:
        """The loaded messages' widgets, oldest first."""
        return list(self._views)

    @property
    def is_following(self) -> bool:
        """True while the view sticks to the bottom (new text scrolls into view)."""
        return self._follow

    @property
    def scroll_area(self) -> QScrollArea:
        return self._scroll

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def key_help(self) -> list[KeyHelp]:
        """The keys a message handles while it has the focus (Tab into the transcript), for the F1 list."""
        group = self.tr("A message (Tab into the transcript)")
        return [
            KeyHelp(group, self.tr("Copy the message"), keys_text(keys.KEY_COPY)),
            KeyHelp(group, self.tr("Edit your message"), keys_text(keys.KEY_EDIT)),
            KeyHelp(group, self.tr("Regenerate the reply"), keys_text(keys.KEY_REGENERATE)),
            KeyHelp(group, self.tr("Inspect the reply"), keys_text(keys.KEY_INSPECT)),
            KeyHelp(
                group,
                self.tr("Previous or next version"),
                keys_text(keys.KEY_PREVIOUS_VERSION, keys.KEY_NEXT_VERSION),
            ),
            KeyHelp(
                group,
                self.tr("Previous or next message"),
                keys_text(keys.KEY_PREVIOUS_MESSAGE, keys.KEY_NEXT_MESSAGE),
            ),
        ]

    def focus_message(self, message_id: int) -> bool:
        """Give the keyboard focus to a loaded message and bring it into view (False when not loaded)."""
        view = self._by_id.get(message_id)
        if view is None:
            return False
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._bring_into_view(view)
        return True

    # --- internals ---

    def _make_context(self, theme: Theme) -> BlockContext:
        colors = TranscriptColors.from_theme(theme)
        return BlockContext(colors, translated_labels(), self._attachment_size, self._attachment_data)

    def _apply_theme(self) -> None:
        colors = self._context.colors
        self.setPalette(colors.palette(self.palette()))
        self._scroll.viewport().setAutoFillBackground(True)
        self._column.setAutoFillBackground(True)
        set_muted(self._older_label, colors)
        self.jump_button.set_colors(QColor(colors.theme.link), colors.background)

    def _create_view(self, entry: TranscriptEntry) -> MessageView:
        view = MessageView(entry, self._context, self._column, usage_note=self._usage_note)
        width = self._column.contentsRect().width()
        if width > 0:
            view.resize(width, view.height())  # lay the text out once, at the width it will have
        view.edit_submitted.connect(self.edit_submitted)
        view.regenerate_requested.connect(self.regenerate_requested)
        view.retry_requested.connect(self.retry_requested)
        view.continue_requested.connect(self.continue_requested)
        view.edit_question_requested.connect(self._edit_question)
        view.sibling_requested.connect(lambda message_id, offset: self._step_version(view, message_id, offset))
        view.link_activated.connect(self.link_activated)
        view.update_token_requested.connect(self.update_token_requested)
        view.settings_requested.connect(self.settings_requested)
        view.continue_with_model_requested.connect(self.continue_with_model_requested)
        view.inspect_requested.connect(self.inspect_requested)
        view.tool_results_submitted.connect(self.tool_results_submitted)
        view.neighbour_requested.connect(lambda offset: self._focus_neighbour(view, offset))
        return view

    def _focus_neighbour(self, view: MessageView, offset: int) -> None:
        """Up and Down on a focused message: the focus moves to the one before or after it."""
        if view not in self._views:
            return
        index = self._views.index(view) + offset
        if 0 <= index < len(self._views):
            self._views[index].setFocus(Qt.FocusReason.OtherFocusReason)
            self._bring_into_view(self._views[index])

    def _bring_into_view(self, view: MessageView) -> None:
        """Scroll so that ``view``'s top is visible (a tall message: its start, not its end)."""
        bar = self._scroll.verticalScrollBar()
        top, height = view.y(), self._scroll.viewport().height()
        if top < bar.value() or top + min(view.height(), height) > bar.value() + height:
            bar.setValue(top - Space.S)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Reveal the actions of the message the focus is in (and no longer of the one it left)."""
        inside: MessageView | None = None
        widget = new
        while widget is not None and widget is not self:
            if isinstance(widget, MessageView):
                inside = widget
                break
            widget = widget.parentWidget()
        if inside is None or not self.isAncestorOf(inside):
            inside = None
        if inside is self._focused:
            return
        if self._focused is not None and isValid(self._focused):
            self._focused.set_focus_within(False)
        self._focused = inside
        if inside is not None:
            inside.set_focus_within(True)

    def _edit_question(self, reply_id: int) -> None:
        """Open the editor of the user message a reply answers (the refusal box's "Edit Your Message")."""
        reply = self.message_view(reply_id)
        parent_id = reply.entry.message.parent_id if reply is not None else None
        question = self.message_view(parent_id) if parent_id is not None else None
        if question is None or question.role != "user":
            return
        self.scroll_to_message(question.message_id)
        question.start_editing()

    def _step_version(self, view: MessageView, message_id: int, offset: int) -> None:
        focus = self.window().focusWidget()
        had_focus = focus is not None and view.isAncestorOf(focus)
        on_message = focus is view
        position = self._views.index(view) if view in self._views else -1
        if position >= 0:
            # The other version takes this one's place on screen (a reload with keep_position holds it there),
            # even when the view was following the bottom: the message the user acted on does not move.
            self._anchor, self._follow = (view, self._scroll.verticalScrollBar().value() - view.y()), False
        self.sibling_requested.emit(message_id, offset)  # the page with the other version is shown at once
        # The version shown now has a new widget: the focus goes to it (it was lost with the old one), to the
        # message itself when it had it (←/→ on a message), else to its ‹ ›.
        if 0 <= position < len(self._views):
            shown = self._views[position]
            if on_message:
                shown.setFocus(Qt.FocusReason.OtherFocusReason)
            elif had_focus:
                shown.focus_version_button(offset)

    def _set_views(self, views: list[MessageView]) -> None:
        self._views = views
        self.greeting.setVisible(not views)
        self._by_id = {view.message_id: view for view in views}
        if self._anchor is not None and self._anchor[0] not in self._by_id.values():
            self._anchor = None

    def _link_tools(self) -> None:
        """Each message learns its neighbours on the branch (tool results name their calls; only the newest
        reply's tool calls can be answered)."""
        views = self._views
        for index, view in enumerate(views):
            previous = views[index - 1].entry.message if index > 0 else None
            following = views[index + 1].entry.message if index + 1 < len(views) else None
            view.link_tools(previous, following)

    def _set_has_older(self, has_older: bool) -> None:
        self._has_older = has_older
        self._older_requested = False
        self._older_label.setVisible(has_older)

    def _first_visible(self) -> tuple[MessageView, int] | None:
        """The first message at least partly visible, and how far into it the view's top is."""
        if not self._views:
            return None
        top = self._scroll.verticalScrollBar().value()
        bottoms = [view.y() + view.height() for view in self._views]
        index = min(bisect.bisect_right(bottoms, top), len(self._views) - 1)
        view = self._views[index]
        return view, top - view.y()

    def _on_scrolled(self, value: int) -> None:
        if self._restoring:
            return
        bar = self._scroll.verticalScrollBar()
        self._follow = value >= bar.maximum() - FOLLOW_SLACK_PX
        self._anchor = None if self._follow else self._first_visible()
        self._update_jump_button()
        self._maybe_request_older()

    def _restore_position(self) -> None:
        """After the content changed size: stay at the bottom when following, else on the anchor."""
        bar = self._scroll.verticalScrollBar()
        self._restoring = True
        try:
            if self._follow:
                bar.setValue(bar.maximum())
            elif self._anchor is not None:
                view, offset = self._anchor
                bar.setValue(view.y() + offset)
        finally:
            self._restoring = False
        self._update_jump_button()

    def _update_jump_button(self) -> None:
        bar = self._scroll.verticalScrollBar()
        away = not self._follow and bar.maximum() - bar.value() > FOLLOW_SLACK_PX
        if away != self.jump_button.isVisible():
            self.jump_button.setVisible(away)
            if away:
                self._place_jump_button()
                self.jump_button.raise_()

    def _place_jump_button(self) -> None:
        size = self.jump_button.sizeHint()
        self.jump_button.resize(size)
        viewport = self._scroll.viewport().geometry()
        x = viewport.x() + (viewport.width() - size.width()) // 2
        y = viewport.y() + viewport.height() - size.height() - JUMP_MARGIN_PX
        self.jump_button.move(x, y)

    def _maybe_request_older(self) -> None:
        if not self._has_older or self._older_requested or not self._views:
            return
        if self._scroll.verticalScrollBar().value() <= OLDER_TRIGGER_PX:
            self._older_requested = True
            self.load_older_requested.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_jump_button()


def _still_valid(view: MessageView, entry: TranscriptEntry) -> bool:
    """Whether ``view`` can keep showing ``entry`` (same state, or the live stream of that reply)."""
    if view.is_streaming:
        return entry.message.status == "streaming"
    return view.entry == entry
