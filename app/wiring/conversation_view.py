"""The conversation on screen: opening one (or a new one not started yet), showing its branch (switching
branches, loading older messages), sending from the composer, following its replies as they stream (the
transcript, the composer's Stop, the status bar's figures), and the window's commands about it (retry,
continue, regenerate, copy the last reply, rename) enabled as they apply.

Which conversation that is, is `app.chat.on_screen.OnScreen`'s; what is done to it is the controller's
(`app.chat.controller.ChatController`) and the library's (`app.chat.library.ConversationLibrary`): this
controller asks them and shows what they did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.api.providers import DEFAULT_API_VERSION
from app.attachments import Attachment, format_size
from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController, user_content
from app.chat.exchange import can_continue, can_retry
from app.chat.library import ConversationLibrary
from app.chat.new_conversation import NewConversation
from app.chat.on_screen import OnScreen
from app.chat.transcript_loader import TranscriptLoader
from app.render import safe_href
from app.store import Message, Store, StoreError
from app.ui.actions import Actions
from app.ui.composer import Composer
from app.ui.main_window import MainWindow
from app.ui.parameters_panel import ParametersPanel
from app.ui.sidebar import Sidebar
from app.ui.transcript import TranscriptView
from app.wiring.parameter_errors import show_refusal
from app.wiring.providers import Providers

PROBLEM_MS = 10000
COPIED_MS = 3000


class ConversationView(QObject):
    """The conversation ``on_screen`` in the window's sidebar, transcript, composer, parameters panel and
    status bar (see the module docstring). It connects itself to the widgets' requests and the services'
    news it follows.

    ``default_params()`` gives the user's default parameters for a new conversation.
    """

    def __init__(
        self,
        *,
        store: Store,
        controller: ChatController,
        connections: ConnectionManager,
        loader: TranscriptLoader,
        new: NewConversation,
        on_screen: OnScreen,
        library: ConversationLibrary,
        providers: Providers,
        default_params: Callable[[], dict[str, Any]],
        window: MainWindow,
        sidebar: Sidebar,
        transcript: TranscriptView,
        composer: Composer,
        parameters: ParametersPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._controller = controller
        self._connections = connections
        self._loader = loader
        self._new = new
        self._on_screen = on_screen
        self._library = library
        self._providers = providers
        self._default_params = default_params
        self._window = window
        self._sidebar = sidebar
        self._transcript = transcript
        self._composer = composer
        self._parameters = parameters
        self._keep_position = False
        # The conversation put away from the screen (trash, archive) and where it was read: Undo shows it again.
        self._left: tuple[int, tuple[int, int] | None] | None = None
        self._connect(window.commands)

    def _connect(self, a: Actions) -> None:
        c, t, lib = self._controller, self._transcript, self._library
        self._composer.send_requested.connect(self.send)
        self._composer.stop_requested.connect(self.stop)
        self._composer.draft_changed.connect(self._save_draft)
        t.edit_submitted.connect(self._edit_and_resend)
        t.regenerate_requested.connect(lambda message_id: self._redo_reply(c.regenerate, message_id))
        t.retry_requested.connect(lambda message_id: self._redo_reply(c.retry, message_id))
        t.continue_requested.connect(lambda message_id: self._redo_reply(c.continue_reply, message_id))
        t.sibling_requested.connect(self._switch_sibling)
        t.link_activated.connect(_open_link)
        t.load_older_requested.connect(self._load_older)
        t.update_token_requested.connect(self._update_token)
        t.continue_with_model_requested.connect(self._continue_with_model)
        c.conversation_changed.connect(self._on_conversation_changed)
        c.branch_changed.connect(self._on_branch_changed)
        c.reply_started.connect(self._on_reply_started)
        c.reply_progress.connect(self._on_reply_progress)
        c.reply_finished.connect(self._on_reply_finished)
        self._sidebar.conversation_activated.connect(self.open_conversation)
        self._sidebar.new_conversation_requested.connect(self.new_conversation)
        lib.changed.connect(self._on_conversation_changed)
        lib.put_away.connect(self._leave_if_current)
        self._parameters.params_changed.connect(self._save_params)
        self._connections.changed.connect(self._on_connection_changed)
        a.new_conversation.triggered.connect(self.new_conversation)
        a.export_conversation.triggered.connect(lambda: lib.export_asking(self.current_only()))
        a.copy_last_reply.triggered.connect(self._copy_last_reply)
        a.stop.triggered.connect(self.stop)
        a.retry.triggered.connect(self._retry_last)
        a.continue_reply.triggered.connect(self._continue_last)
        a.regenerate.triggered.connect(self._regenerate_last)
        a.rename.triggered.connect(self._rename_current)
        a.toggle_pin.triggered.connect(lambda on: lib.set_pinned(self.current_only(), on))
        a.edit_tags.triggered.connect(lambda: lib.edit_tags(self.current_only()))
        a.archive.triggered.connect(lambda: lib.toggle_archived(self.current) if self.current is not None else None)
        a.trash.triggered.connect(lambda: lib.move_to_trash(self.current_only()))

    @property
    def current(self) -> int | None:
        """The conversation on screen; None: a new one not yet started."""
        return self._on_screen.id

    def current_only(self) -> list[int]:
        """The conversation on screen, for a command about it ([] for one not started yet)."""
        return [self.current] if self.current is not None else []

    # --- which conversation ---

    def new_conversation(self) -> None:
        """Leave the conversation on screen (its draft and parameters kept) for a new one not started yet."""
        self._composer.flush_draft()
        self._parameters.flush()
        self._on_screen.show(None)
        self._sidebar.select_conversation(0)
        self.show_new_conversation()
        if self._connections.connection:
            self._window.show_chat()
        else:
            self._providers.show_welcome()
            self.show_problem(self.tr("Set up a provider (or try the demo) to start a conversation."))
        self._composer.focus_input()

    def show_new_conversation(self) -> None:
        """Show the conversation not started yet: its draft, and the parameters it would start with."""
        self._transcript.clear()
        self._composer.set_text(self._new.draft())
        self._composer.set_streaming(False)
        self._parameters.set_params(
            self._new.start_params(
                self._default_params(),
                model=self._controller.default_model(),
                max_tokens=self._controller.params_for(None)["max_tokens"],
            )
        )
        self._window.setWindowTitle("Samtal")
        self._show_reply_figures()
        self.update_actions()

    def open_conversation(self, conversation_id: int, message_id: int = 0) -> None:
        """Show a conversation (at ``message_id`` when given, switching to its branch if needed)."""
        if conversation_id == self.current and not message_id:
            return
        self._composer.flush_draft()
        self._parameters.flush()
        try:
            conversation = self._store.conversation(conversation_id)
        except StoreError as exc:
            self.show_problem(str(exc))
            return
        if message_id:
            path_ids = {m.id for m in self._store.path(conversation_id)}
            if message_id not in path_ids:
                self._controller.show_branch(message_id)  # as ‹ › would: whatever follows the branch hears of it
        self._on_screen.show(conversation_id)
        self._window.show_chat()  # history can be read before a provider is set up
        self._sidebar.select_conversation(conversation_id)
        self.show_current_transcript()
        if message_id:
            self._transcript.scroll_to_message(message_id)
        self._composer.set_text(conversation.draft)
        self._composer.set_streaming(self._controller.is_streaming(conversation_id))
        self._parameters.set_params(self._controller.params_for(conversation_id))
        self._show_title(conversation.title)
        self.update_actions()

    def _leave_if_current(self, ids: list[int]) -> None:
        if self.current in ids:
            self._left = (self.current, self._transcript.reading_position())
            self.new_conversation()

    def show_again(self, restored: list[int]) -> None:
        """These conversations came back (Undo, or Restore from the trash): the one the window left when it was
        put away is shown again as it was, at the place it was read, unless another was opened since."""
        left, self._left = self._left, None
        if left is not None and left[0] in restored and self.current is None:
            self.open_conversation(left[0])
            self._transcript.restore_reading_position(left[1])

    # --- its branch ---

    def show_current_transcript(self) -> None:
        """Show the branch on screen afresh from the store (with its replies still streaming)."""
        if self.current is None:
            self._transcript.clear()
        else:
            self._transcript.show_page(self._loader.latest(self.current), keep_position=self._keep_position)
            for message_id, partial in self._controller.streaming_replies(self.current):
                self._transcript.update_reply(message_id, partial)
        self._show_reply_figures()
        self._on_screen.branch_shown.emit()

    def follow_outside_changes(self) -> None:
        """Another process changed the store (the lists were read again): show the conversation afresh."""
        if self.current is not None:
            self._sidebar.select_conversation(self.current)
            if not self._controller.is_streaming(self.current):
                self.show_current_transcript()

    def _switch_sibling(self, message_id: int, offset: int) -> None:
        self._keep_position = True  # the reload that follows stays where the user is reading
        try:
            self._controller.switch_sibling(message_id, offset)
        finally:
            self._keep_position = False

    def _load_older(self) -> None:
        views = self._transcript.message_views()
        if self.current is not None and views:
            self._transcript.prepend_page(self._loader.older(self.current, views[0].message_id))

    def _on_branch_changed(self, conversation_id: int) -> None:
        if conversation_id == self.current:
            self.show_current_transcript()
            self.update_actions()

    def _on_conversation_changed(self, conversation_id: int) -> None:
        """Its title, pin or archive state may have changed (the list follows by itself)."""
        if conversation_id == self.current:
            self._show_title(self._store.conversation(conversation_id).title)
            self.update_actions()

    def _show_title(self, title: str) -> None:
        shown = title or self.tr("New conversation")  # a call of its own: lupdate finds no tr() in an f-string
        self._window.setWindowTitle(f"{shown} — Samtal")

    # --- sending ---

    def send(self, text: str, attachments: Sequence[Attachment] = ()) -> bool:
        """Send the attachments and the text as one message in the conversation on screen (with none, one is
        started first); the composer is cleared once it is sent. Returns whether it was sent (when not, the
        composer or the status bar says why, and the composer keeps everything)."""
        self._parameters.flush()  # a system prompt typed just now goes with this message
        refusal = self._controller.send(
            self.current, _content(text, attachments), new_params=self._new_params(), opened=self._show_started
        )
        if refusal is None:
            self._composer.clear()
            if self.current is not None:
                self._sidebar.select_conversation(self.current)
            return True
        if refusal.too_large and attachments:
            largest = max(attachments, key=lambda a: a.sent_size())
            self._composer.show_problem(
                self.tr("{problem} Remove {name} ({size}) or another attachment, or start a new conversation.").format(
                    problem=refusal.message, name=largest.name, size=format_size(largest.sent_size())
                )
            )
        else:
            self.show_problem(refusal.message)
        return False

    def _show_started(self, conversation_id: int) -> None:
        """The conversation not started yet was just created for its first message: show it (its reply is
        followed like any other's), and forget what was kept for it."""
        self._new.forget()
        self._on_screen.show(conversation_id)
        self.show_current_transcript()
        self._show_title(self._store.conversation(conversation_id).title)

    def draft_request(self) -> dict[str, Any] | None:
        """The request Send would make now from the composer (its attachments and text), or None when it
        would hold no message at all. Raises StoreError when the conversation is gone."""
        content = _content(self._composer.text(), self._composer.attachments())
        body = self._controller.next_request(self.current, content or None, new_params=self._new_params())
        return body if body["messages"] else None

    def _new_params(self) -> dict[str, Any] | None:
        """The parameters a conversation not started yet would start with: the panel's (None: one is on screen)."""
        return self._parameters.params() if self.current is None else None

    def stop(self) -> None:
        """Stop the replies of the conversation on screen."""
        if self.current is not None:
            self._controller.stop(self.current)

    def _save_draft(self, text: str) -> None:
        if self.current is None:
            self._new.keep_draft(text)
        else:
            self._library.keep_draft(self.current, text)

    def _save_params(self, params: dict[str, Any]) -> None:
        if self.current is None:
            self._new.keep_params(params)
        else:
            self._library.keep_params(self.current, params)

    # --- its replies ---

    def _on_reply_started(self, conversation_id: int, _message_id: int) -> None:
        if conversation_id == self.current:
            self._window.statusBar().clearMessage()  # e.g. why an earlier send was refused
            self._composer.set_streaming(True)
            self._window.status.show_state(self.tr("Streaming…"))
            self._show_reply_figures()
            self.update_actions()

    def _on_reply_progress(self, conversation_id: int, message_id: int, partial: dict[str, Any]) -> None:
        if conversation_id != self.current:
            return
        self._transcript.update_reply(message_id, partial)
        views = self._transcript.message_views()
        if views and views[-1].message_id == message_id:  # the reply at the end of the branch on screen
            self._window.status.show_reply(partial.get("usage") or {}, None)

    def _on_reply_finished(self, conversation_id: int, message_id: int, status: str) -> None:
        if conversation_id != self.current:
            return
        self._composer.set_streaming(self._controller.is_streaming(conversation_id))  # other replies of a compare
        self._transcript.finish_reply(self._loader.entry(message_id))
        self._show_reply_figures()
        self.update_actions()
        show_refusal(self._parameters, self._store, message_id, status)

    def _show_reply_figures(self) -> None:
        """Tokens and speed in the status bar: always those of the last reply on the branch on screen (while
        it streams, what it has reported so far), read afresh; none for a conversation not started."""
        current = self.current
        reply = self._loader.last_reply(current, on_top=False) if current is not None else None
        streaming = dict(self._controller.streaming_replies(reply.conversation_id)).get(reply.id) if reply else None
        if reply is None:
            self._window.status.show_reply(None, None)
        elif streaming is not None:
            self._window.status.show_reply(streaming.get("usage") or {}, None)
        else:
            self._window.status.show_reply(reply.usage or {}, reply.timings or {})

    def _edit_and_resend(self, message_id: int, text: str) -> None:
        self._controller.edit_and_resend(message_id, text)
        self._composer.focus_input()  # what the user types next goes to the composer, not the closed editor

    def _redo_reply(self, redo: Callable[[int], object], message_id: int) -> None:
        """Regenerate, Retry or Continue from a reply's button, which goes away with the reply it was on."""
        redo(message_id)
        self._composer.focus_input()  # not the transcript's scroll area, where Qt would put the focus

    def _continue_with_model(self, message_id: int, model: str) -> None:
        """The reply failed because its model is no longer available: the conversation goes on with ``model``
        (the panel shows it, the store keeps it) and the reply is retried, in one step."""
        if self.current is None:
            return
        self._parameters.apply({**self._parameters.params(), "model": model})  # saved through params_changed
        self._redo_reply(self._controller.retry, message_id)

    def _update_token(self) -> None:
        """After a 401: ask for a new token for the profile in use, then retry the failed reply."""
        last = self._last_reply()
        reason = last.error.message if last is not None and last.error is not None else ""
        if self._providers.ask_token(reason) and last is not None and last.status == "error":
            self._controller.retry(last.id)

    # --- the window's commands about it ---

    def update_actions(self) -> None:
        """Enable the commands that apply to the conversation on screen and its last reply, and say in the
        status bar where replies come from and how the last one ended."""
        a = self._window.commands
        streaming = self.current is not None and self._controller.is_streaming(self.current)
        a.stop.setEnabled(streaming)
        has = self.current is not None
        for action in (a.rename, a.toggle_pin, a.edit_tags, a.archive, a.trash, a.export_conversation):
            action.setEnabled(has)
        last = self._last_reply()
        a.retry.setEnabled(not streaming and last is not None and can_retry(last))
        a.continue_reply.setEnabled(not streaming and last is not None and can_continue(last))
        a.regenerate.setEnabled(not streaming and last is not None)
        if has and self.current is not None:
            conversation = self._store.conversation(self.current)
            a.follow_conversation(pinned=conversation.pinned, archived=conversation.archived)
        connection = self._connections.connection
        self._window.status.show_provider(
            self._connections.label if connection else self.tr("Not connected"),
            self._parameters.model_id(),
            self._connection_about(),
        )
        if not streaming:  # (the reply says "Streaming…" until it ends)
            self._window.status.show_ending(last.status if last else None, last.stop_reason if last else None)

    def _last_reply(self) -> Message | None:
        """The reply at the head of the branch on screen (None when the head is not a reply)."""
        return self._loader.last_reply(self.current, on_top=True) if self.current is not None else None

    def _retry_last(self) -> None:
        last = self._last_reply()
        if last is not None:
            self._controller.retry(last.id)

    def _continue_last(self) -> None:
        last = self._last_reply()
        if last is not None:
            self._controller.continue_reply(last.id)

    def _regenerate_last(self) -> None:
        last = self._last_reply()
        if last is not None:
            self._controller.regenerate(last.id)

    def _copy_last_reply(self) -> None:
        text = self._transcript.last_reply_markdown()
        if text:
            QGuiApplication.clipboard().setText(text)
            self._window.statusBar().showMessage(self.tr("Copied the last reply"), COPIED_MS)

    def _rename_current(self) -> None:
        """Rename in place in the list (a dialog when the list is hidden or shows something else)."""
        if self.current is None:
            return
        if self._sidebar.isVisible() and self._sidebar.current_conversation_id() == self.current:
            self._sidebar.rename_current()
        else:
            self._library.rename_asking(self.current)

    def show_problem(self, text: str) -> None:
        """Say in the status bar why something asked for was not done."""
        self._window.statusBar().showMessage(text, PROBLEM_MS)

    # --- the connection its replies go through ---

    def take_default_model(self) -> None:
        """A new conversation on screen whose model the user did not choose starts with the (new) default."""
        if self.current is None and not self._new.chose_model():
            self._composer.flush_draft()  # a draft typed just now must not be lost
            self.show_new_conversation()

    def _on_connection_changed(self) -> None:
        connection = self._connections.connection
        self._providers.show_banner()
        self._offer_starters()
        self._parameters.set_api_version(self._connections.api_version)  # its rules follow the version
        self.take_default_model()  # the new provider's
        model = self._parameters.model_id()
        self._window.status.show_provider(self._connections.label, model, self._connection_about())
        if connection is not None:
            self._window.show_chat()
            self._connections.refresh_models()
        self.update_actions()

    def _offer_starters(self) -> None:
        """The empty conversation's starters: with the demo, what it can show; else a few for any model."""
        from app.ui.greeting import demo_starters, general_starters

        if self._connections.is_demo:
            from app.demo.starters import STARTERS  # the demo server is running: its package is loaded

            self._transcript.set_starters(demo_starters(STARTERS))
        else:
            self._transcript.set_starters(general_starters())

    def _connection_about(self) -> str:
        """Where the connection in use comes from, for the status bar's tooltip: so that a key in the shell's
        environment, which comes before the active profile, is no surprise."""
        connection = self._connections.connection
        if connection is None:
            return self.tr("Set up a provider to start")
        if connection.source == "environment":
            variable = "ANTHROPIC_AUTH_TOKEN" if connection.provider.auth == "bearer" else "ANTHROPIC_API_KEY"
            text = self.tr(
                "From the environment ({variable}), which comes before the active profile. To use a profile "
                "instead for this session, make it active in Settings."
            ).format(variable=variable)
        elif connection.source == "demo":
            text = self.tr("The demo server on this computer: nothing leaves it.")
        else:
            text = self.tr("The profile “{name}”, chosen in Settings.").format(name=connection.label)
        if connection.api_version != DEFAULT_API_VERSION:
            text += " " + self.tr("API version {version}.").format(version=connection.api_version)
        return text


def _open_link(url: QUrl) -> None:
    href = safe_href(url.toString())
    if href is not None:
        QDesktopServices.openUrl(QUrl(href))


def _content(text: str, attachments: Sequence[Attachment]) -> list[dict[str, Any]]:
    """What the composer's text and attachments send: one user message, the attachments first."""
    return user_content(text, [attachment.block for attachment in attachments])
