"""The GUI's composition root: builds the services, the widgets and the feature controllers (each with the
collaborators it needs, by name) and wires their signals in one place (widgets emit ``…_requested``; this
root, a controller or the library acts). See docs/architecture.md.

Start-up stays light: nothing touches the network before the window is shown; the model list and the
HTTP client come afterwards, lazily.
"""

from __future__ import annotations

import asyncio
import gc
import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from app import __version__
from app.api.providers import DEFAULT_API_VERSION
from app.attachments import Attachment, format_size
from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController, user_content
from app.chat.exchange import can_continue, can_retry
from app.chat.library import NOTICE_MS, ConversationLibrary
from app.chat.new_conversation import NewConversation
from app.chat.on_screen import OnScreen
from app.chat.prompts import Prompts
from app.chat.transcript_loader import TranscriptLoader
from app.paths import AppPaths
from app.render import preload, safe_href
from app.secrets import SecretStore
from app.settings import Settings
from app.settings.options import (
    AI_TITLES,
    DEFAULT_PARAMS,
    LAST_CONVERSATION,
    NEW_DRAFT,
    NEW_PARAMS,
    PARAMS_PANEL_VISIBLE,
    SEND_WITH_CTRL_ENTER,
    SIDEBAR_VISIBLE,
    SPLITTER_STATE,
    TEXT_SIZE,
    THEME,
    TRANSCRIPT_ZOOM,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
)
from app.store import Message, ReadOnlyStoreError, Store, StoreError
from app.ui.composer import Composer
from app.ui.main_window import MainWindow
from app.ui.parameters_panel import ParametersPanel
from app.ui.prompts import QtPrompts
from app.ui.status_figures import StatusFigures
from app.wiring.attachments import AttachmentFlow
from app.wiring.cache_status import CacheStatus
from app.wiring.compare import CompareFeature
from app.wiring.inspector import InspectorFeature
from app.wiring.parameter_errors import show_refusal
from app.wiring.presets import Presets
from app.wiring.providers import Providers

log = logging.getLogger(__name__)

OUTSIDE_CHANGES_INTERVAL_MS = 2000
PRELOAD_DELAY_MS = 300


class Samtal(QObject):
    """The running application: builds the collaborators, each feature with the ones it needs (by name), and
    connects them; which conversation is on screen is `on_screen`'s."""

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        store: Store,
        secrets: SecretStore,
        *,
        smoke: bool,
        prompts: Prompts | None = None,
    ) -> None:
        """``prompts``: what asks the user things (Qt's dialogs unless given)."""
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.store = store
        self.secrets = secrets
        self.smoke = smoke
        self.finished: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.on_screen = OnScreen(self)
        self._keep_position = False
        # Another process writing the store (samtal ask, an import) shows up within a couple of seconds.
        self._outside_changes = QTimer(self)
        self._outside_changes.setInterval(OUTSIDE_CHANGES_INTERVAL_MS)
        self._outside_changes.timeout.connect(self._pick_up_outside_changes)
        self._shutdown_task: asyncio.Task[None] | None = None

        self.connections = ConnectionManager(settings, secrets, paths.cache)
        self.controller = ChatController(
            store,
            self.connections,
            default_params=lambda: self.settings.get(DEFAULT_PARAMS),
            ai_titles=lambda: self.settings.get(AI_TITLES),
        )
        self.loader = TranscriptLoader(store)
        self.new = NewConversation(settings, draft=NEW_DRAFT, params=NEW_PARAMS, save=self.save_user_settings)
        from app.ui.focus_ring import FocusRing
        from app.ui.text_size import TextSizes
        from app.ui.theme import Appearance

        # Before the widgets exist: a palette set later would re-polish all of them.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.appearance = Appearance.install(app)
        self.appearance.set_theme(settings.get(THEME))
        FocusRing.install(app)
        self.text_sizes = TextSizes.install(app)
        self.text_sizes.set_percent(settings.get(TEXT_SIZE))  # before the widgets too: nothing to scale yet
        self._build_widgets(prompts)
        self._connect_signals()
        self._build_features()
        if store.read_only:  # browsing works; typing would make a draft that can't be kept or sent
            self.composer.set_read_only(self.controller.read_only_notice())

    @property
    def current(self) -> int | None:
        """The conversation on screen; None: a new one not yet started."""
        return self.on_screen.id

    @current.setter
    def current(self, conversation_id: int | None) -> None:
        self.on_screen.show(conversation_id)

    # --- construction ---

    def _build_widgets(self, prompts: Prompts | None) -> None:
        from app.chat.conversation_models import ConversationListModel, SearchResultsModel
        from app.chat.profiles import ProfileService
        from app.ui.sidebar import Sidebar
        from app.ui.transcript import TranscriptView

        self.list_model = ConversationListModel(self.store)
        self.search_model = SearchResultsModel(self.store)
        self.profiles = ProfileService(self.settings, self.secrets, self.connections)
        self.sidebar = Sidebar(self.list_model, self.search_model)
        self.transcript = TranscriptView(theme=self.appearance.theme)
        self.composer = Composer()
        self.parameters = ParametersPanel()
        self.window = MainWindow(self.sidebar, self.transcript, self.composer, self.parameters)
        self.window.setWindowIcon(_icon())
        self.figures = StatusFigures(self.window)  # after the window's own fields
        self.prompts: Prompts = prompts if prompts is not None else QtPrompts(self.window)
        self.providers = Providers(
            settings=self.settings,
            secrets=self.secrets,
            connections=self.connections,
            profiles=self.profiles,
            window=self.window,
            paths=self.paths,
            parent=self,
        )
        self.library = ConversationLibrary(self.store, self.prompts, stop=self.controller.stop, parent=self)
        self.composer.set_send_with_ctrl_enter(self.settings.get(SEND_WITH_CTRL_ENTER))
        from app.ui.text_size import Zoom

        self.zoom = Zoom(self.transcript, parent=self)
        self.zoom.set_percent(self.settings.get(TRANSCRIPT_ZOOM))

    def _build_features(self) -> None:
        """Each feature with the collaborators it needs, by name; each connects itself to what it follows."""
        w, user = self.window, self.settings
        self.attachments = AttachmentFlow(
            composer=self.composer,
            window=w,
            commands=w.commands,
            transcript=self.transcript,
            store=self.store,
            prompts=self.prompts,
            parent=self,
        )
        self.compare = CompareFeature(
            controller=self.controller,
            store=self.store,
            connections=self.connections,
            library=self.library,
            new=self.new,
            on_screen=self.on_screen,
            user_settings=user,
            open_conversation=self.open_conversation,
            new_conversation=self.new_conversation,
            main_window=w,
            commands=w.commands,
            composer=self.composer,
            parameters=self.parameters,
            transcript=self.transcript,
            parent=self,
        )
        self.appearance.changed.connect(self.compare.follow_theme)
        self.inspector = InspectorFeature(
            store=self.store,
            connections=self.connections,
            controller=self.controller,
            on_screen=self.on_screen,
            user_settings=user,
            save_settings=self.save_user_settings,
            draft_request=self.draft_request,
            window=w,
            commands=w.commands,
            figures=self.figures,
            transcript=self.transcript,
            composer=self.composer,
            parameters=self.parameters,
            parent=self,
        )
        self.presets = Presets(
            store=self.store,
            user_settings=user,
            save_settings=self.save_user_settings,
            parameters=self.parameters,
            tell=lambda text: w.statusBar().showMessage(text, NOTICE_MS),
            store_refused=self.show_store_problem,
            parent=self,
        )
        self.cache_status = CacheStatus(
            store=self.store, controller=self.controller, on_screen=self.on_screen, figures=self.figures, parent=self
        )

    def _connect_signals(self) -> None:
        # A chosen theme, or the system's light/dark: each view takes it from the signal (no order to keep).
        self.appearance.changed.connect(self.transcript.set_theme)
        c, w, a, lib = self.controller, self.window, self.window.commands, self.library
        # composer
        self.composer.send_requested.connect(self.send)
        self.composer.stop_requested.connect(self.stop)
        self.composer.draft_changed.connect(self._save_draft)
        self.composer.quick.choice_requested.connect(self.parameters.choose)
        # transcript
        t = self.transcript
        t.edit_submitted.connect(self._edit_and_resend)
        t.regenerate_requested.connect(lambda message_id: self._redo_reply(c.regenerate, message_id))
        t.retry_requested.connect(lambda message_id: self._redo_reply(c.retry, message_id))
        t.continue_requested.connect(lambda message_id: self._redo_reply(c.continue_reply, message_id))
        t.sibling_requested.connect(self._switch_sibling)
        t.link_activated.connect(self._open_link)
        t.load_older_requested.connect(self._load_older)
        t.update_token_requested.connect(self._update_token)
        t.settings_requested.connect(self.providers.open_settings)
        t.tool_results_submitted.connect(c.answer_tools)  # refusals reach the status bar as `problem`
        t.continue_with_model_requested.connect(self._continue_with_model)
        t.starter_chosen.connect(self.composer.send_text)
        # controller
        c.conversation_created.connect(self.list_model.refresh_conversation)
        c.conversation_changed.connect(self.list_model.refresh_conversation)
        c.conversation_changed.connect(self._on_conversation_changed)
        c.branch_changed.connect(self._on_branch_changed)
        c.reply_started.connect(self._on_reply_started)
        c.reply_progress.connect(self._on_reply_progress)
        c.reply_finished.connect(self._on_reply_finished)
        c.problem.connect(self._show_problem)
        # sidebar
        s = self.sidebar
        s.conversation_activated.connect(self.open_conversation)
        s.new_conversation_requested.connect(self.new_conversation)
        s.rename_requested.connect(lib.rename)
        s.pin_requested.connect(lib.set_pinned)
        s.archive_requested.connect(lib.set_archived)
        s.trash_requested.connect(lib.move_to_trash)
        s.restore_requested.connect(self._restore)
        s.delete_forever_requested.connect(lib.delete_forever)
        s.tags_requested.connect(lib.edit_tags)
        s.export_requested.connect(lib.export_asking)
        s.filter_changed.connect(self._sync_view_actions)
        # library: the list follows what changed; the window leaves what was put away
        lib.changed.connect(self.list_model.refresh_conversation)
        lib.changed.connect(self._on_conversation_changed)
        lib.removed.connect(self.list_model.remove_conversation)
        lib.reloaded.connect(self.list_model.reload)
        lib.tags_changed.connect(self.sidebar.refresh_tags)
        lib.put_away.connect(self._leave_if_current)
        lib.undo_offered.connect(self.sidebar.show_undo)
        lib.notice.connect(lambda text: w.statusBar().showMessage(text, NOTICE_MS))
        lib.store_refused.connect(self.show_store_problem)
        # parameters
        self.parameters.params_changed.connect(self._save_params)
        # The status bar names the model the next request will use as soon as it is chosen.
        self.parameters.params_changed.connect(lambda _params: w.status.show_model(self.parameters.model_id()))
        self.parameters.refresh_models_requested.connect(self.connections.refresh_models)
        self.parameters.choices_shown.connect(lambda: self.composer.quick.show_choices(self.parameters.quick_choices()))
        self.composer.quick.show_choices(self.parameters.quick_choices())
        self.connections.models_changed.connect(lambda: self.parameters.set_models(self.connections.models))
        self.connections.models_failed.connect(
            lambda text: w.statusBar().showMessage(self.tr("Could not list models: {e}").format(e=text), 8000)
        )
        self.connections.changed.connect(self._on_connection_changed)
        w.focus_left_panel.connect(self.composer.focus_input)
        # profiles
        self.profiles.problem.connect(self._show_problem)
        self.profiles.preferences_changed.connect(self._apply_preferences)
        self.profiles.default_model_changed.connect(self._on_default_model_changed)
        # window commands
        a.new_conversation.triggered.connect(self.new_conversation)
        a.search.triggered.connect(self._focus_search)
        a.import_export.triggered.connect(lib.import_asking)
        a.export_conversation.triggered.connect(lambda: lib.export_asking(self._current_only()))
        a.export_all.triggered.connect(lib.export_all_asking)
        a.settings.triggered.connect(self.providers.open_settings)
        a.quit.triggered.connect(w.close)
        a.copy_last_reply.triggered.connect(self._copy_last_reply)
        a.stop.triggered.connect(self.stop)
        a.retry.triggered.connect(self._retry_last)
        a.continue_reply.triggered.connect(self._continue_last)
        a.regenerate.triggered.connect(self._regenerate_last)
        a.rename.triggered.connect(self._rename_current)
        a.toggle_pin.triggered.connect(lambda on: lib.set_pinned(self._current_only(), on))
        a.edit_tags.triggered.connect(lambda: lib.edit_tags(self._current_only()))
        a.archive.triggered.connect(lambda: lib.toggle_archived(self.current) if self.current is not None else None)
        a.trash.triggered.connect(lambda: lib.move_to_trash(self._current_only()))
        a.previous_conversation.triggered.connect(self.sidebar.select_previous)
        a.next_conversation.triggered.connect(self.sidebar.select_next)
        a.jump_to_latest.triggered.connect(self.transcript.jump_to_latest)
        a.zoom_in.triggered.connect(self.zoom.zoom_in)
        a.zoom_out.triggered.connect(self.zoom.zoom_out)
        a.zoom_reset.triggered.connect(self.zoom.reset)
        self.zoom.changed.connect(
            lambda percent: w.statusBar().showMessage(self.tr("Zoom {percent} %").format(percent=percent), 2000)
        )
        a.show_archived.toggled.connect(lambda on: self._show_view("archived" if on else "active"))
        a.show_trash.toggled.connect(lambda on: self._show_view("trash" if on else "active"))
        a.shortcuts_help.triggered.connect(self._show_shortcuts)
        a.about.triggered.connect(self._about)
        w.closing.connect(self._on_closing)

    # --- start and stop ---

    def start(self, *, demo: bool, profile: str | None) -> None:
        """Show the window at once; connecting (keyring, demo server, HTTP client) waits for the first paint."""
        self._restore_layout()
        if demo or self.providers.configured(profile):
            self.window.show_chat()
        else:
            self.providers.show_welcome()
        self._show_new_conversation()
        self._reopen_last_conversation()
        self._update_actions()
        self.window.show()
        self.composer.focus_input()
        QTimer.singleShot(0, lambda: self._after_first_paint(demo, profile))

    def _reopen_last_conversation(self) -> None:
        last = self.settings.get(LAST_CONVERSATION)
        if not last:
            return
        try:
            conversation = self.store.conversation(last)
        except StoreError:
            return  # deleted meanwhile (e.g. from the command line)
        if not conversation.in_trash:
            self.open_conversation(last)

    def _after_first_paint(self, demo: bool, profile: str | None) -> None:
        # Start-up objects live as long as the app: keep them out of every later garbage collection
        # (full collections otherwise walk them all and stall streaming for tens of ms); app.main turned
        # the collector off for the start-up.
        gc.freeze()
        gc.enable()
        if self.smoke:
            log.info("smoke test: window shown, event loop idle")
            self.window.close()
            return
        if not self.connections.connect_initial(demo=demo, profile=profile):
            self.providers.show_welcome(profile)  # e.g. a profile whose token is not in the keyring (any more)
        self._outside_changes.start()
        # python-markdown and Pygments (~50 ms) load while the user reads or types, not on the first reply.
        QTimer.singleShot(PRELOAD_DELAY_MS, self, preload)

    def _on_closing(self) -> None:
        self._outside_changes.stop()
        self.composer.flush_draft()
        self.parameters.flush()
        self._save_layout()
        self.inspector.close()  # then nothing more is counted or read: the store closes soon
        self.cache_status.close()
        self._shutdown_task = asyncio.ensure_future(self._shutdown())  # kept: the loop holds tasks weakly

    async def _shutdown(self) -> None:
        try:
            for step in (self.controller.shutdown, self.profiles.aclose, self.connections.aclose):
                try:
                    await step()
                except Exception:  # the other steps still run, and the app still quits
                    log.exception("shutting down: %s failed", step.__qualname__)
        finally:
            if not self.finished.done():
                self.finished.set_result(0)

    def _restore_layout(self) -> None:
        get = self.settings.get
        self.window.restore_layout(get(WINDOW_GEOMETRY), get(WINDOW_STATE), get(SPLITTER_STATE))
        self.window.commands.show_sidebar.setChecked(get(SIDEBAR_VISIBLE))
        self.window.commands.show_parameters.setChecked(get(PARAMS_PANEL_VISIBLE))

    def _save_layout(self) -> None:
        layout = self.window.save_layout()
        put = self.settings.set
        put(WINDOW_GEOMETRY, layout["geometry"])
        put(WINDOW_STATE, layout["state"])
        put(SPLITTER_STATE, layout["splitter"])
        put(SIDEBAR_VISIBLE, self.window.commands.show_sidebar.isChecked())
        put(PARAMS_PANEL_VISIBLE, self.window.parameters_wanted())
        put(LAST_CONVERSATION, self.current or 0)
        put(TRANSCRIPT_ZOOM, self.zoom.percent)
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    # --- conversations ---

    def new_conversation(self) -> None:
        self.composer.flush_draft()
        self.parameters.flush()
        self.current = None
        self.sidebar.select_conversation(0)
        self._show_new_conversation()
        if self.connections.connection:
            self.window.show_chat()
        else:
            self.providers.show_welcome()
            self._show_problem(self.tr("Set up a provider (or try the demo) to start a conversation."))
        self.composer.focus_input()

    def _show_new_conversation(self) -> None:
        self.transcript.clear()
        self.composer.set_text(self.new.draft())
        self.composer.set_streaming(False)
        defaults: dict[str, Any] = self.settings.get(DEFAULT_PARAMS)
        self.parameters.set_params(
            self.new.start_params(
                defaults,
                model=self.controller.default_model(),
                max_tokens=self.controller.params_for(None)["max_tokens"],
            )
        )
        self.window.setWindowTitle("Samtal")
        self._show_reply_figures()
        self._update_actions()

    def open_conversation(self, conversation_id: int, message_id: int = 0) -> None:
        """Show a conversation (at ``message_id`` when given, switching to its branch if needed)."""
        if conversation_id == self.current and not message_id:
            return
        self.composer.flush_draft()
        self.parameters.flush()
        try:
            conversation = self.store.conversation(conversation_id)
        except StoreError as exc:
            self._show_problem(str(exc))
            return
        if message_id:
            path_ids = {m.id for m in self.store.path(conversation_id)}
            if message_id not in path_ids:
                self.controller.show_branch(message_id)  # as ‹ › would: whatever follows the branch hears of it
        self.current = conversation_id
        self.window.show_chat()  # history can be read before a provider is set up
        self.sidebar.select_conversation(conversation_id)
        self._show_current_transcript()
        if message_id:
            self.transcript.scroll_to_message(message_id)
        self.composer.set_text(conversation.draft)
        self.composer.set_streaming(self.controller.is_streaming(conversation_id))
        self.parameters.set_params(self.controller.params_for(conversation_id))
        self._show_title(conversation.title)
        self._update_actions()

    def _edit_and_resend(self, message_id: int, text: str) -> None:
        self.controller.edit_and_resend(message_id, text)
        self.composer.focus_input()  # what the user types next goes to the composer, not the closed editor

    def _redo_reply(self, redo: Callable[[int], object], message_id: int) -> None:
        """Regenerate, Retry or Continue from a reply's button, which goes away with the reply it was on."""
        redo(message_id)
        self.composer.focus_input()  # not the transcript's scroll area, where Qt would put the focus

    def _continue_with_model(self, message_id: int, model: str) -> None:
        """The reply failed because its model is no longer available: the conversation goes on with ``model``
        (the panel shows it, the store keeps it) and the reply is retried, in one step."""
        if self.current is None:
            return
        self.parameters.apply({**self.parameters.params(), "model": model})  # saved through params_changed
        self._redo_reply(self.controller.retry, message_id)

    def _switch_sibling(self, message_id: int, offset: int) -> None:
        self._keep_position = True  # the reload that follows stays where the user is reading
        try:
            self.controller.switch_sibling(message_id, offset)
        finally:
            self._keep_position = False

    def _show_current_transcript(self) -> None:
        if self.current is None:
            self.transcript.clear()
        else:
            self.transcript.show_page(self.loader.latest(self.current), keep_position=self._keep_position)
            for message_id, partial in self.controller.streaming_replies(self.current):
                self.transcript.update_reply(message_id, partial)
        self._show_reply_figures()
        self.on_screen.branch_shown.emit()

    def _load_older(self) -> None:
        views = self.transcript.message_views()
        if self.current is not None and views:
            self.transcript.prepend_page(self.loader.older(self.current, views[0].message_id))

    # --- sending ---

    def send(self, text: str, attachments: Sequence[Attachment] = ()) -> bool:
        """Send the attachments and the text as one message in the conversation on screen (with none, one is
        started first); the composer is cleared once it is sent. Returns whether it was sent (when not, the
        composer or the status bar says why, and the composer keeps everything)."""
        self.parameters.flush()  # a system prompt typed just now goes with this message
        refusal = self.controller.send(
            self.current, _content(text, attachments), new_params=self._new_params(), opened=self._show_started
        )
        if refusal is None:
            self.composer.clear()
            if self.current is not None:
                self.sidebar.select_conversation(self.current)
            return True
        if refusal.too_large and attachments:
            largest = max(attachments, key=lambda a: a.sent_size())
            self.composer.show_problem(
                self.tr("{problem} Remove {name} ({size}) or another attachment, or start a new conversation.").format(
                    problem=refusal.message, name=largest.name, size=format_size(largest.sent_size())
                )
            )
        else:
            self._show_problem(refusal.message)
        return False

    def _show_started(self, conversation_id: int) -> None:
        """The conversation not started yet was just created for its first message: show it (its reply is
        followed like any other's), and forget what was kept for it."""
        self.new.forget()
        self.current = conversation_id
        self._show_current_transcript()
        self._show_title(self.store.conversation(conversation_id).title)

    def draft_request(self) -> dict[str, Any] | None:
        """The request Send would make now from the composer (its attachments and text), or None when it
        would hold no message at all. Raises StoreError when the conversation is gone."""
        content = _content(self.composer.text(), self.composer.attachments())
        body = self.controller.next_request(self.current, content or None, new_params=self._new_params())
        return body if body["messages"] else None

    def _new_params(self) -> dict[str, Any] | None:
        """The parameters a conversation not started yet would start with: the panel's (None: one is on screen)."""
        return self.parameters.params() if self.current is None else None

    def stop(self) -> None:
        if self.current is not None:
            self.controller.stop(self.current)

    def _save_draft(self, text: str) -> None:
        if self.current is None:
            self.new.keep_draft(text)
        else:
            self.library.keep_draft(self.current, text)

    def _save_params(self, params: dict[str, Any]) -> None:
        if self.current is None:
            self.new.keep_params(params)
        else:
            self.library.keep_params(self.current, params)

    def save_user_settings(self) -> None:
        """Write the settings that changed now; a failure is logged (the values stay in force until Samtal quits)."""
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    # --- controller events ---

    def _show_title(self, title: str) -> None:
        self.window.setWindowTitle(f"{title or self.tr('New conversation')} — Samtal")

    def _on_branch_changed(self, conversation_id: int) -> None:
        if conversation_id == self.current:
            self._show_current_transcript()
            self._update_actions()

    def _pick_up_outside_changes(self) -> None:
        """Another process (``samtal ask``, an import from the command line) changed the store: show it."""
        if not self.library.pick_up_outside_changes():  # the lists are read again
            return
        if self.current is not None:
            self.sidebar.select_conversation(self.current)
            if not self.controller.is_streaming(self.current):
                self._show_current_transcript()

    def _on_reply_started(self, conversation_id: int, _message_id: int) -> None:
        self.list_model.set_streaming(conversation_id, True)
        if conversation_id == self.current:
            self.window.statusBar().clearMessage()  # e.g. why an earlier send was refused
            self.composer.set_streaming(True)
            self.window.status.show_state(self.tr("Streaming…"))
            self._show_reply_figures()
            self._update_actions()

    def _on_reply_progress(self, conversation_id: int, message_id: int, partial: dict[str, Any]) -> None:
        if conversation_id != self.current:
            return
        self.transcript.update_reply(message_id, partial)
        views = self.transcript.message_views()
        if views and views[-1].message_id == message_id:  # the reply at the end of the branch on screen
            self.window.status.show_reply(partial.get("usage") or {}, None)

    def _on_reply_finished(self, conversation_id: int, message_id: int, status: str) -> None:
        still_streaming = self.controller.is_streaming(conversation_id)  # other replies of a compare
        self.list_model.set_streaming(conversation_id, still_streaming)
        if conversation_id != self.current:
            return
        self.composer.set_streaming(still_streaming)
        self.transcript.finish_reply(self.loader.entry(message_id))
        self._show_reply_figures()
        self._update_actions()
        show_refusal(self.parameters, self.store, message_id, status)

    def _show_reply_figures(self) -> None:
        """Tokens and speed in the status bar: always those of the last reply on the branch on screen (while
        it streams, what it has reported so far), read afresh; none for a conversation not started."""
        current = self.current
        reply = self.loader.last_reply(current, on_top=False) if current is not None else None
        streaming = dict(self.controller.streaming_replies(reply.conversation_id)).get(reply.id) if reply else None
        if reply is None:
            self.window.status.show_reply(None, None)
        elif streaming is not None:
            self.window.status.show_reply(streaming.get("usage") or {}, None)
        else:
            self.window.status.show_reply(reply.usage or {}, reply.timings or {})

    def _apply_preferences(self, prefs: Any) -> None:
        self.composer.set_send_with_ctrl_enter(prefs.send_with_ctrl_enter)
        self._apply_theme(prefs.theme)
        self.text_sizes.set_percent(prefs.text_size)

    def _on_default_model_changed(self, _model: str) -> None:
        """A new conversation on screen whose model the user did not choose starts with the new default."""
        if self.current is None and not self.new.chose_model():
            self.composer.flush_draft()
            self._show_new_conversation()

    def _apply_theme(self, name: str) -> None:
        self.appearance.set_theme(name)

    def _on_connection_changed(self) -> None:
        connection = self.connections.connection
        self.providers.show_banner()
        self._offer_starters()
        self.parameters.set_api_version(self.connections.api_version)  # its rules follow the version
        if self.current is None and not self.new.chose_model():
            self.composer.flush_draft()  # a draft typed just now must not be lost
            self._show_new_conversation()  # a new conversation takes the new provider's default model
        model = self.parameters.model_id()
        self.window.status.show_provider(self.connections.label, model, self._connection_about())
        if connection is not None:
            self.window.show_chat()
            self.connections.refresh_models()
        self._update_actions()

    def _offer_starters(self) -> None:
        """The empty conversation's starters: with the demo, what it can show; else a few for any model."""
        from app.ui.greeting import demo_starters, general_starters

        if self.connections.is_demo:
            from app.demo.starters import STARTERS  # the demo server is running: its package is loaded

            self.transcript.greeting.set_starters(demo_starters(STARTERS))
        else:
            self.transcript.greeting.set_starters(general_starters())

    def _connection_about(self) -> str:
        """Where the connection in use comes from, for the status bar's tooltip: so that a key in the shell's
        environment, which comes before the active profile, is no surprise."""
        connection = self.connections.connection
        if connection is None:
            return ""
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

    def _show_problem(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    def show_store_problem(self, exc: StoreError) -> None:
        """Say that the store refused something: for a read-only store, in the window's own words."""
        log.warning("%s", exc)
        self._show_problem(self.controller.read_only_notice() if isinstance(exc, ReadOnlyStoreError) else str(exc))

    def _update_actions(self) -> None:
        a = self.window.commands
        streaming = self.current is not None and self.controller.is_streaming(self.current)
        a.stop.setEnabled(streaming)
        has = self.current is not None
        for action in (a.rename, a.toggle_pin, a.edit_tags, a.archive, a.trash, a.export_conversation):
            action.setEnabled(has)
        last = self._last_reply()
        a.retry.setEnabled(not streaming and last is not None and can_retry(last))
        a.continue_reply.setEnabled(not streaming and last is not None and can_continue(last))
        a.regenerate.setEnabled(not streaming and last is not None)
        if has and self.current is not None:
            conversation = self.store.conversation(self.current)
            a.follow_conversation(pinned=conversation.pinned, archived=conversation.archived)
        connection = self.connections.connection
        self.window.status.show_provider(
            self.connections.label if connection else self.tr("Not connected"),
            self.parameters.model_id(),
            self._connection_about(),
        )
        if streaming:
            return  # the state says "Streaming…" until it ends
        if connection is None:
            self.window.status.show_state(self.tr("Set up a provider to start"))
        else:
            self.window.status.show_ending(last.status if last else None, last.stop_reason if last else None)

    def _last_reply(self) -> Message | None:
        """The reply at the head of the branch on screen (None when the head is not a reply)."""
        return self.loader.last_reply(self.current, on_top=True) if self.current is not None else None

    def _retry_last(self) -> None:
        last = self._last_reply()
        if last is not None:
            self.controller.retry(last.id)

    def _continue_last(self) -> None:
        last = self._last_reply()
        if last is not None:
            self.controller.continue_reply(last.id)

    def _regenerate_last(self) -> None:
        last = self._last_reply()
        if last is not None:
            self.controller.regenerate(last.id)

    def _copy_last_reply(self) -> None:
        text = self.transcript.last_reply_markdown()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.window.statusBar().showMessage(self.tr("Copied the last reply"), 3000)

    def _open_link(self, url: QUrl) -> None:
        href = safe_href(url.toString())
        if href is not None:
            QDesktopServices.openUrl(QUrl(href))

    # --- the library ---

    def _on_conversation_changed(self, conversation_id: int) -> None:
        """Its title, pin or archive state may have changed (the list follows by itself)."""
        if conversation_id == self.current:
            self._show_title(self.store.conversation(conversation_id).title)
            self._update_actions()

    def _rename_current(self) -> None:
        """Rename in place in the list (a dialog when the list is hidden or shows something else)."""
        if self.current is None:
            return
        if self.sidebar.isVisible() and self.sidebar.current_conversation_id() == self.current:
            self.sidebar.rename_current()
        else:
            self.library.rename_asking(self.current)

    def _restore(self, ids: list[int]) -> None:
        self.library.restore(ids)
        self.composer.focus_input()  # never leave focus wherever the vanished bar left it

    def _leave_if_current(self, ids: list[int]) -> None:
        if self.current in ids:
            self.new_conversation()

    def _current_only(self) -> list[int]:
        """The conversation on screen, for a command about it ([] for one not started yet)."""
        return [self.current] if self.current is not None else []

    def _show_view(self, view: Literal["active", "archived", "trash"]) -> None:
        self.window.commands.show_sidebar.setChecked(True)  # a view of a hidden list would show nothing
        self.sidebar.set_view(view)
        self._sync_view_actions()

    def _sync_view_actions(self) -> None:
        """The View menu's Archived/Trash checks follow the sidebar's view, however it was changed."""
        a = self.window.commands
        for action, name in ((a.show_archived, "archived"), (a.show_trash, "trash")):
            action.blockSignals(True)
            action.setChecked(self.sidebar.view == name)
            action.blockSignals(False)

    def _focus_search(self) -> None:
        if not self.window.commands.show_sidebar.isChecked():
            self.window.commands.show_sidebar.setChecked(True)
        self.sidebar.focus_search()

    # --- providers ---

    def _update_token(self) -> None:
        """After a 401: ask for a new token for the profile in use, then retry the failed reply."""
        last = self._last_reply()
        reason = last.error.message if last is not None and last.error is not None else ""
        if self.providers.ask_token(reason) and last is not None and last.status == "error":
            self.controller.retry(last.id)

    # --- help ---

    def _show_shortcuts(self) -> None:
        from app.ui.key_help import ShortcutsDialog, shortcut_groups

        dialog = ShortcutsDialog(shortcut_groups(self.window), self.window)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def _about(self) -> None:
        from app.ui.provider_form import token_storage_text

        self.prompts.about(
            self.tr("About Samtal"),
            self.tr(
                "<b>Samtal</b> {v}<br>A native desktop chat client for the Claude Messages API.<br>"
                "{kept}<br>MIT licence."
            ).format(v=__version__, kept=html.escape(token_storage_text(self.secrets.persistent))),
        )


def _icon() -> QIcon:
    path = Path(__file__).resolve().parent.parent / "resources" / "icons" / "samtal.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def _content(text: str, attachments: Sequence[Attachment]) -> list[dict[str, Any]]:
    """What the composer's text and attachments send: one user message, the attachments first."""
    return user_content(text, [attachment.block for attachment in attachments])


__all__ = ["Samtal"]
