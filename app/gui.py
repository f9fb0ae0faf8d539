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
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import __version__
from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController
from app.chat.library import NOTICE_MS, ConversationLibrary
from app.chat.new_conversation import NewConversation
from app.chat.on_screen import OnScreen
from app.chat.prompts import Prompts
from app.chat.transcript_loader import TranscriptLoader
from app.paths import AppPaths
from app.render import preload
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
from app.store import ReadOnlyStoreError, Store, StoreError
from app.ui.composer import Composer
from app.ui.main_window import MainWindow
from app.ui.parameters_panel import ParametersPanel
from app.ui.problem_words import problem_text
from app.ui.prompts import QtPrompts
from app.ui.status_figures import StatusFigures
from app.wiring.attachments import AttachmentFlow
from app.wiring.cache_status import CacheStatus
from app.wiring.compare import CompareFeature
from app.wiring.conversation_view import ConversationView
from app.wiring.inspector import InspectorFeature
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
            problem_words=problem_text,
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
            banner=self.window.banner,
            paths=self.paths,
            parent=self,
        )
        self.library = ConversationLibrary(self.store, self.prompts, stop=self.controller.stop, parent=self)
        self.view = ConversationView(
            store=self.store,
            controller=self.controller,
            connections=self.connections,
            loader=self.loader,
            new=self.new,
            on_screen=self.on_screen,
            library=self.library,
            providers=self.providers,
            default_params=lambda: self.settings.get(DEFAULT_PARAMS),
            window=self.window,
            sidebar=self.sidebar,
            transcript=self.transcript,
            composer=self.composer,
            parameters=self.parameters,
            parent=self,
        )
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
            open_conversation=self.view.open_conversation,
            new_conversation=self.view.new_conversation,
            main_window=w,
            commands=w.commands,
            composer=self.composer,
            parameters=self.parameters,
            transcript=self.transcript,
            prompts=self.prompts,
            parent=self,
        )
        self.appearance.changed.connect(self.compare.follow_theme)
        w.add_close_guard(self.compare.may_quit)  # replies nobody chose: which to keep, or don't quit
        self.inspector = InspectorFeature(
            store=self.store,
            connections=self.connections,
            controller=self.controller,
            on_screen=self.on_screen,
            user_settings=user,
            save_settings=self.save_user_settings,
            draft_request=self.view.draft_request,
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
            bar=self.parameters.presets,
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
        c, w, a, lib, v = self.controller, self.window, self.window.commands, self.library, self.view
        # composer (what it asks about the conversation on screen: `view`)
        self.composer.choice_requested.connect(self.parameters.choose)
        # transcript (likewise)
        self.transcript.settings_requested.connect(self.providers.open_settings)
        self.transcript.tool_results_submitted.connect(c.answer_tools)  # refusals reach the status bar as `problem`
        self.transcript.starter_chosen.connect(self.composer.send_text)
        # controller
        c.reply_started.connect(self._mark_streaming)
        c.reply_finished.connect(self._mark_streaming)
        c.problem.connect(v.show_problem)
        # sidebar (which conversation to show: `view`)
        s = self.sidebar
        s.rename_requested.connect(lib.rename)
        s.pin_requested.connect(lib.set_pinned)
        s.archive_requested.connect(lib.set_archived)
        s.trash_requested.connect(lib.move_to_trash)
        s.restore_requested.connect(self._restore)
        s.delete_forever_requested.connect(lib.delete_forever)
        s.tags_requested.connect(lib.edit_tags)
        s.export_requested.connect(lib.export_asking)
        s.filter_changed.connect(self._sync_view_actions)
        # library: the list follows what changed in the store, whoever wrote it (the view leaves what was put away)
        lib.changed.connect(self.list_model.refresh_conversation)
        lib.removed.connect(self.list_model.remove_conversation)
        lib.reloaded.connect(self.list_model.reload)
        lib.tags_changed.connect(self.sidebar.refresh_tags)
        lib.undo_offered.connect(self.sidebar.show_undo)
        lib.notice.connect(lambda text: w.statusBar().showMessage(text, NOTICE_MS))
        lib.store_refused.connect(self.show_store_problem)
        # parameters
        # The status bar names the model the next request will use as soon as it is chosen.
        self.parameters.params_changed.connect(lambda _params: w.status.show_model(self.parameters.model_id()))
        self.parameters.refresh_models_requested.connect(self.connections.refresh_models)
        self.parameters.choices_shown.connect(lambda: self.composer.show_choices(self.parameters.quick_choices()))
        self.composer.show_choices(self.parameters.quick_choices())
        self.connections.models_changed.connect(lambda: self.parameters.set_models(self.connections.models))
        self.connections.models_failed.connect(
            lambda text: w.statusBar().showMessage(self.tr("Could not list models: {e}").format(e=text), 8000)
        )
        w.focus_left_panel.connect(self.composer.focus_input)
        # profiles
        self.profiles.problem.connect(v.show_problem)
        self.profiles.preferences_changed.connect(self._apply_preferences)
        self.profiles.default_model_changed.connect(lambda _model: v.take_default_model())
        # window commands (those about the conversation on screen: `view`)
        a.search.triggered.connect(self._focus_search)
        a.import_export.triggered.connect(lib.import_asking)
        a.export_all.triggered.connect(lib.export_all_asking)
        a.settings.triggered.connect(self.providers.open_settings)
        a.quit.triggered.connect(w.close)
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
        self.view.show_new_conversation()
        self._reopen_last_conversation()
        self.view.update_actions()
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
            self.view.open_conversation(last)

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

    def save_user_settings(self) -> None:
        """Write the settings that changed now; a failure is logged (the values stay in force until Samtal quits)."""
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    # --- what the window follows ---

    def _pick_up_outside_changes(self) -> None:
        """Another process (``samtal ask``, an import from the command line) changed the store: show it."""
        if not self.library.pick_up_outside_changes():  # the lists are read again
            return
        self.view.follow_outside_changes()

    def _mark_streaming(self, conversation_id: int, *_reply: object) -> None:
        """The list marks a conversation while any of its replies streams (a compare runs several)."""
        self.list_model.set_streaming(conversation_id, self.controller.is_streaming(conversation_id))

    def _apply_preferences(self, prefs: Any) -> None:
        self.composer.set_send_with_ctrl_enter(prefs.send_with_ctrl_enter)
        self._apply_theme(prefs.theme)
        self.text_sizes.set_percent(prefs.text_size)

    def _apply_theme(self, name: str) -> None:
        self.appearance.set_theme(name)

    def show_store_problem(self, exc: StoreError) -> None:
        """Say that the store refused something: for a read-only store, in the window's own words."""
        log.warning("%s", exc)
        self.view.show_problem(self.controller.read_only_notice() if isinstance(exc, ReadOnlyStoreError) else str(exc))

    # --- the library ---

    def _restore(self, ids: list[int]) -> None:
        self.library.restore(ids)
        self.view.show_again(ids)  # Undo: the conversation it had left, where it was read
        self.composer.focus_input()  # never leave focus wherever the vanished bar left it

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


__all__ = ["Samtal"]
