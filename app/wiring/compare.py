"""A/B compare: Conversation → Compare Parameters… (Ctrl+Shift+K) opens the compare window for the
conversation on screen (or a new one), prefilled with the composer's text and the conversation's parameters;
what the window asks for runs through an `app.chat.compare.CompareRun`: one per run, a run again discarding
the one before. Closing the window with replies nobody chose asks (through `app.chat.prompts.Prompts`) which
to keep; keeping none leaves nothing of the run (nor the conversation it started). Quitting Samtal asks the same
first (`may_quit`), and Cancel keeps Samtal open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow
from shiboken6 import isValid

from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController
from app.chat.library import ConversationLibrary
from app.chat.new_conversation import NewConversation
from app.chat.on_screen import OnScreen
from app.chat.pricing import load_prices
from app.chat.prompts import Prompts
from app.render import Theme
from app.settings import Settings
from app.store import NotFoundError, Store
from app.ui.actions import Actions
from app.ui.composer import Composer
from app.ui.parameters_panel import ParametersPanel
from app.ui.transcript import TranscriptView

if TYPE_CHECKING:  # imported when first opened: not every session compares
    from app.chat.compare import CompareRun
    from app.ui.compare import CompareWindow


class CompareFeature(QObject):
    """Opens the compare window (one at a time) and runs what it asks for.

    ``open_conversation(id)`` and ``new_conversation()`` show a conversation, or a new one, in the main
    window. ``window`` is the open compare window (None when closed) and ``run`` its run once started."""

    def __init__(
        self,
        *,
        controller: ChatController,
        store: Store,
        connections: ConnectionManager,
        library: ConversationLibrary,
        new: NewConversation,
        on_screen: OnScreen,
        user_settings: Settings,
        open_conversation: Callable[[int], None],
        new_conversation: Callable[[], None],
        main_window: QMainWindow,
        commands: Actions,
        composer: Composer,
        parameters: ParametersPanel,
        transcript: TranscriptView,
        prompts: Prompts,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._store = store
        self._connections = connections
        self._library = library
        self._new = new
        self._on_screen = on_screen
        self._user_settings = user_settings
        self._open_conversation = open_conversation
        self._new_conversation = new_conversation
        self._main_window = main_window
        self._composer = composer
        self._parameters = parameters
        self._transcript = transcript
        self._prompts = prompts
        self.window: CompareWindow | None = None
        self.run: CompareRun | None = None
        self._conversation_id: int | None = None  # the conversation compared in (None: a new one)
        self._started_conversation = False  # the compare started that conversation
        self._prefill = ""
        commands.compare.triggered.connect(self.open)
        connections.models_changed.connect(self._on_models_changed)

    def open(self) -> None:
        """Show the compare window (bring the open one forward)."""
        if self.window is not None:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
            return
        self._parameters.flush()  # a system prompt still being typed belongs to the parameters
        self._prefill = self._composer.text()
        self._conversation_id = self._on_screen.id
        self._started_conversation = False
        from app.ui.compare import CompareWindow

        window = CompareWindow(
            self._prefill,
            self._base_params(),
            self._connections.models,
            self._main_window,
            theme=self._transcript.theme,
            api_version=self._connections.api_version,
        )
        window.run_requested.connect(self._run)
        window.stop_requested.connect(lambda index: self.run.stop(index) if self.run is not None else None)
        window.stop_all_requested.connect(lambda: self.run.stop_all() if self.run is not None else None)
        window.keep_requested.connect(self._keep)
        window.link_activated.connect(self._transcript.link_activated)  # opened as the transcript's links are
        window.close_requested.connect(self._ask_what_to_keep)
        window.closed.connect(self._on_closed)
        self.window = window
        window.show()
        window.activateWindow()
        window.focus_prompt()

    def _base_params(self) -> dict[str, Any]:
        current = self._on_screen.id
        if current is None:  # a conversation not started yet: what the parameters panel shows
            return {**self._controller.params_for(None), **self._parameters.params()}
        return self._controller.params_for(current)

    def _run(self, prompt: str, param_sets: list[dict[str, Any]]) -> None:
        previous = self.run
        if previous is None:
            self._start(prompt, param_sets)
            return
        # Again: the replies shown make way (stopped, deleted with their prompt), then the new run starts.
        self.run = None
        previous.settled.connect(lambda: self._start(prompt, param_sets, again=True))
        previous.keep_some([])
        previous.release()

    def _start(self, prompt: str, param_sets: list[dict[str, Any]], *, again: bool = False) -> None:
        window = self.window
        if window is None:
            return
        starting = self._conversation_id is None
        if self._conversation_id is None:
            # Started and shown first, so that the root follows its replies like any other.
            self._conversation_id = self._controller.new_conversation(self._parameters.params())
            self._started_conversation = True
            self._open_conversation(self._conversation_id)
        conversation_id = self._conversation_id
        from app.chat.compare import CompareRun

        run = CompareRun(
            self._controller, self._store, conversation_id, cost_of=load_prices(self._user_settings).cost, parent=self
        )
        problems = run.start(prompt, param_sets)
        if problems:
            run.release()
            if starting:  # nothing was sent: the conversation goes again, the new one's draft comes back
                self._conversation_id = None
                self._started_conversation = False
                self._new_conversation()  # first: leaving a conversation saves its draft and parameters into it
                self._library.delete_unsent(conversation_id)
            elif again:
                window.clear_replies()  # the replies shown were discarded
                self._leave_if_empty(conversation_id)
            window.refuse(" ".join(problems))
            return
        self.run = run
        run.reply_progress.connect(window.show_partial)
        run.reply_finished.connect(window.show_final)
        run.figures_changed.connect(window.show_figures)
        run.settled.connect(lambda: self._show_result(conversation_id))
        window.start_running()
        if starting:  # what was kept for a conversation not yet started went into this one
            self._new.forget()
        elif not again and self._on_screen.id == conversation_id and self._composer.text() == self._prefill:
            self._composer.clear()  # the composer's message went out with the compare

    def _keep(self, index: int, discard_others: bool) -> None:
        if self.run is None or self.window is None:
            return
        self.run.keep(index, discard_others=discard_others)
        self.window.close_decided()

    def _ask_what_to_keep(self) -> None:
        """The window is closed with replies nobody chose: which to keep (all ticked to start with)."""
        run, window = self.run, self.window
        if window is None:
            return
        if run is None or run.decided:
            window.close_decided()
            return
        labels = window.choice_labels()
        chosen = self._prompts.choose_items(
            self.tr("Keep Which Replies?"),
            self.tr(
                "The replies ticked stay in the conversation as branches (the first is shown); the others are "
                "deleted. With none ticked, nothing of this compare is kept. The conversation's parameters "
                "stay as they were."
            ),
            labels,
            range(len(labels)),
        )
        if chosen is None:  # cancelled: the window stays open
            return
        run.keep_some(chosen)
        window.close_decided()

    def _show_result(self, conversation_id: int) -> None:
        """The choice is carried out: show the conversation with the kept reply (or what is left of it)."""
        if self._leave_if_empty(conversation_id):
            return
        if self._on_screen.id != conversation_id:
            self._open_conversation(conversation_id)
        else:  # the kept set's parameters may now be the conversation's: show them
            self._parameters.set_params(self._controller.params_for(conversation_id))

    def _leave_if_empty(self, conversation_id: int) -> bool:
        """When nothing of a conversation the compare started is left, and the window is gone, it goes
        (a run again fills it anew); True when the conversation has no message left."""
        try:
            empty = self._store.conversation(conversation_id).message_count == 0
        except NotFoundError:
            return True
        if not empty:
            return False
        if self.window is None and self._started_conversation:
            if self._on_screen.id == conversation_id:
                self._new_conversation()  # first: leaving a conversation saves its draft and parameters into it
            self._library.delete_unsent(conversation_id)
        elif self._on_screen.id == conversation_id:
            self._open_conversation(conversation_id)  # shown again, empty
        return True

    def _on_closed(self) -> None:
        run, self.run, self.window = self.run, None, None
        if run is not None:
            run.release()  # the replies kept that still stream go on in the conversation
        elif self._started_conversation and self._conversation_id is not None:
            self._leave_if_empty(self._conversation_id)  # its replies were discarded by a run again refused

    def may_quit(self) -> bool:
        """Before Samtal quits: the open compare window closes as its own close button closes it (asking
        which replies to keep when nobody chose); False when the user cancelled that, and Samtal stays. A choice
        still being carried out (replies stopped and deleted) is finished first: Samtal quits once it is."""
        window, run = self.window, self.run
        if window is None or not isValid(window):
            return True
        if not window.close():
            return False
        if run is not None and run.deciding:
            run.settled.connect(self._main_window.close)
            return False
        return True

    def follow_theme(self, theme: Theme) -> None:
        """The theme changed: the open compare window takes it too."""
        if self.window is not None and isValid(self.window):  # not a window its main window took along
            self.window.set_theme(theme)

    def _on_models_changed(self) -> None:
        if self.window is not None and not self.window.running:
            self.window.set_api_version(self._connections.api_version)  # a new connection: its version
            self.window.set_models(self._connections.models)
