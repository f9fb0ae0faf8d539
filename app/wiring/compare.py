"""A/B compare: Conversation → Compare Parameters… (Ctrl+Shift+K) opens the compare window for the
conversation on screen (or a new one), prefilled with the composer's text and the conversation's parameters;
what the window asks for runs through an `app.chat.compare.CompareRun`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from app.chat.pricing import load_prices
from app.gui import Samtal
from app.language import tr as _tr

if TYPE_CHECKING:  # imported when first opened: not every session compares
    from app.chat.compare import CompareRun
    from app.ui.compare import CompareWindow

SHORTCUT = "Ctrl+Shift+K"


class CompareFeature(QObject):
    """Opens the compare window (one at a time) and runs what it asks for.

    ``action`` is the menu command; ``window`` the open compare window (None when closed) and ``run`` its
    run once started."""

    def __init__(self, root: Samtal) -> None:
        super().__init__(root)
        self._root = root
        self.window: CompareWindow | None = None
        self.run: CompareRun | None = None
        self._conversation_id: int | None = None  # the conversation compared in (None: a new one)
        self._prefill = ""
        self.action = QAction(_tr("Com&pare Parameters…"), root.window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        tip = _tr("Send the same message with 2 to 4 parameter sets at once and compare the replies")
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.action.triggered.connect(self.open)
        root.window.add_command(self.action, root.window.commands.regenerate)
        root.connections.models_changed.connect(self._on_models_changed)
        # After the root's own slot, which has applied the theme to the application and the transcript.
        root.profiles.preferences_changed.connect(self._on_preferences_changed)

    def open(self) -> None:
        """Show the compare window (bring the open one forward)."""
        if self.window is not None:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
            return
        root = self._root
        root.parameters.flush()  # a system prompt still being typed belongs to the parameters
        self._prefill = root.composer.text()
        self._conversation_id = root.current
        from app.ui.compare import CompareWindow

        window = CompareWindow(
            self._prefill, self._base_params(), root.connections.models, root.window, theme=root.transcript.theme
        )
        window.run_requested.connect(self._run)
        window.stop_requested.connect(lambda index: self.run.stop(index) if self.run is not None else None)
        window.stop_all_requested.connect(lambda: self.run.stop_all() if self.run is not None else None)
        window.keep_requested.connect(self._keep)
        window.link_activated.connect(root.transcript.link_activated)  # opened as the transcript's links are
        window.closed.connect(self._on_closed)
        self.window = window
        window.show()
        window.activateWindow()
        window.prompt.setFocus()

    def _base_params(self) -> dict[str, Any]:
        root = self._root
        if root.current is None:  # a conversation not started yet: what the parameters panel shows
            return {**root.controller.params_for(None), **root.parameters.params()}
        return root.controller.params_for(root.current)

    def _run(self, prompt: str, param_sets: list[dict[str, Any]]) -> None:
        root, window = self._root, self.window
        if window is None:
            return
        starting = self._conversation_id is None
        if self._conversation_id is None:
            # Started and shown first, so that the root follows its replies like any other.
            self._conversation_id = root.controller.new_conversation(root.parameters.params())
            root.open_conversation(self._conversation_id)
        conversation_id = self._conversation_id
        from app.chat.compare import CompareRun

        run = CompareRun(
            root.controller, root.store, conversation_id, cost_of=load_prices(root.settings.user).cost, parent=self
        )
        problems = run.start(prompt, param_sets)
        if problems:
            run.release()
            if starting:  # nothing was sent: the conversation goes again, the new one's draft comes back
                self._conversation_id = None
                root.new_conversation()  # first: leaving a conversation saves its draft and parameters into it
                root.store.delete_conversation(conversation_id)
                root.list_model.remove_conversation(conversation_id)
            window.show_message(" ".join(problems))
            return
        self.run = run
        run.reply_progress.connect(window.show_partial)
        run.reply_finished.connect(window.show_final)
        run.figures_changed.connect(window.show_figures)
        run.settled.connect(lambda: self._show_result(conversation_id))
        window.start_running()
        if starting:  # what was kept for a conversation not yet started went into this one
            root.clear_new_conversation_state()
        elif root.current == conversation_id and root.composer.text() == self._prefill:
            root.composer.clear()  # the composer's message went out with the compare

    def _keep(self, index: int, discard_others: bool) -> None:
        if self.run is None or self.window is None:
            return
        self.run.keep(index, discard_others=discard_others)
        self.window.close()

    def _show_result(self, conversation_id: int) -> None:
        """The choice is carried out: show the conversation with the kept reply."""
        if self._root.current != conversation_id:
            self._root.open_conversation(conversation_id)
        else:  # the kept set's parameters are now the conversation's: show them
            self._root.parameters.set_params(self._root.controller.params_for(conversation_id))

    def _on_closed(self) -> None:
        # Closing without a choice keeps every reply; the replies still streaming go on in the conversation.
        if self.run is not None:
            self.run.release()
        self.run = None
        self.window = None

    def _on_preferences_changed(self, _preferences: object) -> None:
        if self.window is not None:
            self.window.set_theme(self._root.transcript.theme)

    def _on_models_changed(self) -> None:
        if self.window is not None and not self.window.running:
            self.window.set_models(self._root.connections.models)


def install(root: Samtal) -> None:
    """Add the Compare Parameters command and its window (a `CompareFeature` owned by the root)."""
    CompareFeature(root)
