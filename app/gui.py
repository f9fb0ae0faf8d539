"""The GUI's composition root: builds the store, settings, secrets, connection, controllers and widgets,
and wires their signals in one place (widgets emit ``…_requested``; this root or a controller acts).

Start-up stays light: nothing touches the network before the window is shown; the model list and the
HTTP client come afterwards, lazily.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import html
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from app import __version__, language
from app.api.providers import from_environment
from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController, user_content
from app.chat.exchange import CONTEXT_FULL, PAUSED, can_continue, can_retry
from app.chat.transcript_loader import TranscriptLoader
from app.logs import setup_logging
from app.paths import AppPaths, resolve_paths
from app.render import preload, safe_href
from app.secrets import SecretStore
from app.settings import (
    AI_TITLES,
    DEFAULT_PARAMS,
    LANGUAGE,
    PARAMS_PANEL_VISIBLE,
    SEND_WITH_CTRL_ENTER,
    SIDEBAR_VISIBLE,
    SPLITTER_STATE,
    THEME,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Option,
    Profile,
    Settings,
)
from app.store import Message, ReadOnlyStoreError, Store, StoreError
from app.ui.composer import Composer
from app.ui.main_window import MainWindow
from app.ui.parameters_panel import ParametersPanel
from app.wiring import install_all

log = logging.getLogger(__name__)
_P = ParamSpec("_P")
_R = TypeVar("_R")

NEW_DRAFT: Option[str] = Option("new_conversation_draft", "", "The draft of a conversation not yet started.")
LAST_CONVERSATION: Option[int] = Option("last_conversation", 0, "The conversation on screen when the app was closed.")
OUTSIDE_CHANGES_INTERVAL_MS = 2000
PRELOAD_DELAY_MS = 300
_IMPORT_ERRORS_SHOWN = 10  # an import's error lines listed in its report; the rest are counted
NEW_PARAMS: Option[dict[str, Any]] = Option(
    "new_conversation_params", {}, "Parameters chosen for a conversation not yet started."
)


def _shows_store_errors(
    slot: Callable[Concatenate[Samtal, _P], _R],
) -> Callable[Concatenate[Samtal, _P], _R | None]:
    """For a slot that writes to the store: a write the store refuses (a read-only data folder, a full
    disk) is said in the status bar instead of ending in a traceback nobody sees; what the user typed stays
    in its widget."""

    @functools.wraps(slot)
    def guarded(root: Samtal, *args: _P.args, **kwargs: _P.kwargs) -> _R | None:
        try:
            return slot(root, *args, **kwargs)
        except StoreError as exc:
            root.show_store_problem(exc)
            return None

    return guarded


class Samtal(QObject):
    """The running application: owns the collaborators and connects them.

    Signals:
        current_changed(object): the conversation on screen changed (its id, or None for a new one).
        branch_shown(): the conversation on screen was shown afresh from the store (opened, another branch,
            a reply started, or written by another process): what is derived from its branch is out of date.
    """

    current_changed = Signal(object)
    branch_shown = Signal()

    def __init__(self, paths: AppPaths, settings: Settings, store: Store, secrets: SecretStore, *, smoke: bool) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.store = store
        self.secrets = secrets
        self.smoke = smoke
        self.finished: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._current: int | None = None
        self._keep_position = False
        # Another process writing the store (samtal ask, an import) shows up within a couple of seconds.
        self._data_version = 0
        self._outside_changes = QTimer(self)
        self._outside_changes.setInterval(OUTSIDE_CHANGES_INTERVAL_MS)
        self._outside_changes.timeout.connect(self._pick_up_outside_changes)
        self._shutdown_task: asyncio.Task[None] | None = None

        self.connections = ConnectionManager(settings, secrets, paths.cache)
        self.controller = ChatController(
            store,
            self.connections,
            default_params=lambda: self.settings.user.get(DEFAULT_PARAMS),
            ai_titles=lambda: self.settings.user.get(AI_TITLES),
        )
        self.loader = TranscriptLoader(store)
        self._build_widgets()
        self._connect_signals()
        install_all(self)
        if store.read_only:  # browsing works; typing would make a draft that can't be kept or sent
            self.composer.edit.setReadOnly(True)
            self.composer.show_problem(self.controller.read_only_notice())

    @property
    def current(self) -> int | None:
        """The conversation on screen; None: a new one not yet started."""
        return self._current

    @current.setter
    def current(self, conversation_id: int | None) -> None:
        if conversation_id != self._current:
            self._current = conversation_id
            self.current_changed.emit(conversation_id)

    # --- construction ---

    def _build_widgets(self) -> None:
        from app.chat.conversation_models import ConversationListModel, SearchResultsModel
        from app.chat.profiles import ProfileService
        from app.ui.sidebar import Sidebar
        from app.ui.transcript import TranscriptView

        self.list_model = ConversationListModel(self.store)
        self.search_model = SearchResultsModel(self.store)
        self.profiles = ProfileService(self.settings, self.secrets, self.connections)
        self.sidebar = Sidebar(self.list_model, self.search_model)
        self.transcript = TranscriptView()
        self.composer = Composer()
        self.parameters = ParametersPanel()
        self.welcome: Any = None  # app.ui.welcome.WelcomeView, built the first time it is shown
        self.window = MainWindow(self.sidebar, self.transcript, self.composer, self.parameters)
        self.window.setWindowIcon(_icon())
        self.composer.set_send_with_ctrl_enter(self.settings.user.get(SEND_WITH_CTRL_ENTER))

    def _connect_signals(self) -> None:
        c, w, a = self.controller, self.window, self.window.commands
        # composer
        self.composer.send_requested.connect(self.send)
        self.composer.stop_requested.connect(self.stop)
        self.composer.draft_changed.connect(self._save_draft)
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
        t.settings_requested.connect(self._open_settings)
        # controller
        c.conversation_created.connect(self._on_conversation_created)
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
        s.rename_requested.connect(self._rename)
        s.pin_requested.connect(self._pin)
        s.archive_requested.connect(self._archive)
        s.trash_requested.connect(self._trash)
        s.restore_requested.connect(self._restore)
        s.delete_forever_requested.connect(self._delete_forever)
        s.tags_requested.connect(self._edit_tags)
        s.export_requested.connect(self._export)
        s.filter_changed.connect(self._sync_view_actions)
        # parameters
        self.parameters.params_changed.connect(self._save_params)
        self.parameters.refresh_models_requested.connect(self.connections.refresh_models)
        self.connections.models_changed.connect(lambda: self.parameters.set_models(self.connections.models))
        self.connections.models_failed.connect(
            lambda text: w.statusBar().showMessage(self.tr("Could not list models: {e}").format(e=text), 8000)
        )
        self.connections.changed.connect(self._on_connection_changed)
        w.banner.action_requested.connect(self._add_provider)
        w.focus_left_panel.connect(self.composer.focus_input)
        # profiles
        self.profiles.problem.connect(self._show_problem)
        self.profiles.preferences_changed.connect(self._apply_preferences)
        # window commands
        a.new_conversation.triggered.connect(self.new_conversation)
        a.search.triggered.connect(self._focus_search)
        a.import_export.triggered.connect(self._import)
        a.export_conversation.triggered.connect(lambda: self._export([self.current] if self.current else []))
        a.export_all.triggered.connect(self._export_all)
        a.settings.triggered.connect(self._open_settings)
        a.quit.triggered.connect(w.close)
        a.copy_last_reply.triggered.connect(self._copy_last_reply)
        a.stop.triggered.connect(self.stop)
        a.retry.triggered.connect(self._retry_last)
        a.continue_reply.triggered.connect(self._continue_last)
        a.regenerate.triggered.connect(self._regenerate_last)
        a.rename.triggered.connect(self._rename_current)
        a.toggle_pin.triggered.connect(lambda on: self._pin([self.current], on) if self.current else None)
        a.edit_tags.triggered.connect(lambda: self._edit_tags([self.current]) if self.current else None)
        a.archive.triggered.connect(self._toggle_archive_current)
        a.trash.triggered.connect(lambda: self._trash([self.current]) if self.current else None)
        a.previous_conversation.triggered.connect(self.sidebar.select_previous)
        a.next_conversation.triggered.connect(self.sidebar.select_next)
        a.jump_to_latest.triggered.connect(self.transcript.jump_to_latest)
        a.show_archived.toggled.connect(lambda on: self._show_view("archived" if on else "active"))
        a.show_trash.toggled.connect(lambda on: self._show_view("trash" if on else "active"))
        a.shortcuts_help.triggered.connect(self._show_shortcuts)
        a.about.triggered.connect(self._about)
        w.closing.connect(self._on_closing)

    # --- start and stop ---

    def start(self, *, demo: bool, profile: str | None) -> None:
        """Show the window at once; connecting (keyring, demo server, HTTP client) waits for the first paint."""
        self._restore_layout()
        if self.settings.user.get(THEME) != "system":
            self._apply_theme(self.settings.user.get(THEME))
        if demo or self.configured(profile):
            self.window.show_chat()
        else:
            self._show_welcome()
        self._show_new_conversation()
        self._reopen_last_conversation()
        self._update_actions()
        self.window.show()
        self.composer.focus_input()
        QTimer.singleShot(0, lambda: self._after_first_paint(demo, profile))

    def _reopen_last_conversation(self) -> None:
        last = self.settings.window.get(LAST_CONVERSATION)
        if not last:
            return
        try:
            conversation = self.store.conversation(last)
        except StoreError:
            return  # deleted meanwhile (e.g. from the command line)
        if not conversation.in_trash:
            self.open_conversation(last)

    def _show_welcome(self, profile: str | None = None) -> None:
        """The welcome view: for a profile (the named or active one) whose token is gone, it asks for that
        token again (a new profile would be a duplicate); otherwise for a provider and its token."""
        if self.welcome is None:
            from app.ui.welcome import WelcomeView

            self.welcome = WelcomeView()
            self.profiles.attach_form(self.welcome)
            self.welcome.demo_requested.connect(self.profiles.start_demo)
        lost = self._profile_without_token(profile)
        if lost is not None and self.welcome.form.profile_id != lost.id:
            self.welcome.ask_token_for(lost)
        elif lost is None and self.welcome.form.profile_id:
            self.welcome.ask_new_provider()
        self.window.show_welcome(self.welcome)
        self.welcome.form.token_edit.setFocus()  # the first thing to do there is paste a token

    def _profile_without_token(self, name: str | None) -> Profile | None:
        """The profile Samtal would use (named, else the active one) when it has no token (e.g. it was kept
        for the last session only, with no keyring)."""
        chosen = self.settings.profile(name) if name else self.settings.active_profile
        if chosen is None or self.secrets.get(chosen.id):
            return None
        return chosen

    def configured(self, profile: str | None) -> bool:
        """Whether something to connect to is configured (without reading the keyring yet)."""
        chosen = self.settings.profile(profile) if profile else self.settings.active_profile
        return chosen is not None or from_environment(os.environ) is not None

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
            self._show_welcome(profile)  # e.g. a profile whose token is not in the keyring (any more)
        self._data_version = self.store.data_version()
        self._outside_changes.start()
        # python-markdown and Pygments (~50 ms) load while the user reads or types, not on the first reply.
        QTimer.singleShot(PRELOAD_DELAY_MS, self, preload)

    def _on_closing(self) -> None:
        self._outside_changes.stop()
        self.composer.flush_draft()
        self.parameters.flush()
        self._save_layout()
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
        win = self.settings.window
        self.window.restore_layout(win.get(WINDOW_GEOMETRY), win.get(WINDOW_STATE), win.get(SPLITTER_STATE))
        self.window.commands.show_sidebar.setChecked(win.get(SIDEBAR_VISIBLE))
        self.window.commands.show_parameters.setChecked(win.get(PARAMS_PANEL_VISIBLE))

    def _save_layout(self) -> None:
        layout = self.window.save_layout()
        win = self.settings.window
        win.set(WINDOW_GEOMETRY, layout["geometry"])
        win.set(WINDOW_STATE, layout["state"])
        win.set(SPLITTER_STATE, layout["splitter"])
        win.set(SIDEBAR_VISIBLE, self.window.commands.show_sidebar.isChecked())
        win.set(PARAMS_PANEL_VISIBLE, self.window.commands.show_parameters.isChecked())
        win.set(LAST_CONVERSATION, self.current or 0)
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
            self._show_welcome()
            self._show_problem(self.tr("Set up a provider (or try the demo) to start a conversation."))
        self.composer.focus_input()

    def _show_new_conversation(self) -> None:
        self.transcript.clear()
        self.composer.set_text(self.settings.user.get(NEW_DRAFT))
        self.composer.set_streaming(False)
        defaults: dict[str, Any] = self.settings.user.get(DEFAULT_PARAMS)
        chosen: dict[str, Any] = self.settings.user.get(NEW_PARAMS)
        params = {**defaults, **chosen}
        if not params.get("model"):
            params["model"] = self.controller.default_model()
        params.setdefault("max_tokens", self.controller.params_for(None)["max_tokens"])
        self.parameters.set_params(params)
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
        self.branch_shown.emit()

    def _load_older(self) -> None:
        views = self.transcript.message_views()
        if self.current is not None and views:
            self.transcript.prepend_page(self.loader.older(self.current, views[0].message_id))

    # --- sending ---

    def send(self, text: str) -> None:
        """Send the composer's text (the composer is cleared once the send is accepted)."""
        if self.send_blocks(text):
            self.composer.clear()

    def send_blocks(self, content: str | list[dict[str, Any]]) -> bool:
        """Send a message (text or content blocks) in the conversation on screen, starting one when there
        is none. Returns whether it was accepted (when not, the reason is in the status bar)."""
        self.parameters.flush()  # a system prompt typed just now goes with this message
        starting = self.current is None
        result = self.controller.send(self.current, content, new_params=self._new_params())
        if result is None:
            return False
        if starting:
            # The reply started before this window knew the conversation: show it now.
            self.clear_new_conversation_state()
            self.current = result
            self._show_current_transcript()
            self._show_title(self.store.conversation(result).title)
            self._on_reply_started(result, 0)
        self.sidebar.select_conversation(result)
        return True

    def next_request(self, content: str | list[dict[str, Any]] | None) -> dict[str, Any]:
        """The request body that `send_blocks` of ``content`` would make now, in the conversation on screen
        (``content`` None: its history alone). Raises StoreError when the conversation is gone."""
        return self.controller.next_request(self.current, content, new_params=self._new_params())

    def draft_request(self) -> dict[str, Any] | None:
        """The request Send would make now from the composer (its attachments and text), or None when it
        would hold no message at all."""
        content = user_content(self.composer.text(), [attachment.block for attachment in self.composer.attachments()])
        body = self.next_request(content or None)
        return body if body["messages"] else None

    def _new_params(self) -> dict[str, Any] | None:
        """The parameters a conversation not started yet would start with: the panel's (None: one is on screen)."""
        return self.parameters.params() if self.current is None else None

    def clear_new_conversation_state(self) -> None:
        """Forget the draft and parameters kept for a conversation not yet started (it just started)."""
        self.settings.user.reset(NEW_DRAFT)
        self.settings.user.reset(NEW_PARAMS)

    def stop(self) -> None:
        if self.current is not None:
            self.controller.stop(self.current)

    @_shows_store_errors
    def _save_draft(self, text: str) -> None:
        if self.current is None:
            self.settings.user.set(NEW_DRAFT, text)
            self.save_user_settings()
        else:
            self.store.set_draft(self.current, text)

    @_shows_store_errors
    def _save_params(self, params: dict[str, Any]) -> None:
        if self.current is None:
            self.settings.user.set(NEW_PARAMS, params)
            self.save_user_settings()
        else:
            self.store.set_params(self.current, params)

    def save_user_settings(self) -> None:
        """Write the user settings now; a failure is logged (the values stay in force until Samtal quits)."""
        try:
            self.settings.user.save()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    # --- controller events ---

    def _on_conversation_created(self, conversation_id: int) -> None:
        self.list_model.refresh_conversation(conversation_id)

    def _on_conversation_changed(self, conversation_id: int) -> None:
        self.list_model.refresh_conversation(conversation_id)
        if conversation_id == self.current:
            self._show_title(self.store.conversation(conversation_id).title)

    def _show_title(self, title: str) -> None:
        self.window.setWindowTitle(f"{title or self.tr('New conversation')} — Samtal")

    def _on_branch_changed(self, conversation_id: int) -> None:
        if conversation_id == self.current:
            self._show_current_transcript()
            self._update_actions()

    def _pick_up_outside_changes(self) -> None:
        """Another process (``samtal ask``, an import from the command line) changed the store: show it."""
        version = self.store.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        self.list_model.reload()
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
            self._show_reply_usage(partial.get("usage") or {}, None)

    def _on_reply_finished(self, conversation_id: int, message_id: int, _status: str) -> None:
        still_streaming = self.controller.is_streaming(conversation_id)  # other replies of a compare
        self.list_model.set_streaming(conversation_id, still_streaming)
        if conversation_id != self.current:
            return
        self.composer.set_streaming(still_streaming)
        self.transcript.finish_reply(self.loader.entry(message_id))
        self._show_reply_figures()
        self._update_actions()

    def _show_reply_figures(self) -> None:
        """Tokens and speed in the status bar: always those of the last reply on the branch on screen (while
        it streams, what it has reported so far), read afresh; none for a conversation not started."""
        reply = self._last_reply_of(self.current, on_top=False) if self.current is not None else None
        if reply is None:
            self._show_reply_usage(None, None)
            return
        streaming = dict(self.controller.streaming_replies(reply.conversation_id)).get(reply.id)
        if streaming is not None:
            self._show_reply_usage(streaming.get("usage") or {}, None)
        else:
            self._show_reply_usage(reply.usage or {}, reply.timings or {})

    def _show_reply_usage(self, usage: Mapping[str, Any] | None, timings: Mapping[str, Any] | None) -> None:
        status = self.window.status
        status.show_usage(*((_input_tokens(usage), usage.get("output_tokens")) if usage is not None else (None, None)))
        if timings is None:
            status.show_speed(None, None)
        else:
            status.show_speed(timings.get("time_to_first_text"), timings.get("output_tokens_per_second"))

    def _apply_preferences(self, prefs: Any) -> None:
        self.composer.set_send_with_ctrl_enter(prefs.send_with_ctrl_enter)
        self._apply_theme(prefs.theme)

    def _apply_theme(self, name: str) -> None:
        from app.ui.theme import apply_theme

        self.transcript.set_theme(apply_theme(name))

    def _add_provider(self) -> None:
        from app.ui.token_dialog import TokenDialog

        dialog = TokenDialog(None, self.window, purpose="add", activate=True)
        self.profiles.attach_form(dialog)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def _on_connection_changed(self) -> None:
        connection = self.connections.connection
        if self.connections.is_demo:
            self.window.banner.show_notice(
                self.tr("Demo mode: replies come from a small server on this computer; nothing leaves it."),
                self.tr("Set up a provider…"),
            )
        else:
            self.window.banner.hide()
        if self.current is None and "model" not in self.settings.user.get(NEW_PARAMS):
            self.composer.flush_draft()  # a draft typed just now must not be lost
            self._show_new_conversation()  # a new conversation takes the new provider's default model
        model = self.parameters.model_id()
        self.window.status.show_provider(self.connections.label, model)
        if connection is not None:
            self.window.show_chat()
            self.connections.refresh_models()
        self._update_actions()

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
            a.toggle_pin.setChecked(conversation.pinned)
            a.archive.setText(self.tr("Un&archive") if conversation.archived else self.tr("&Archive"))
        connection = self.connections.connection
        self.window.status.show_provider(
            self.connections.label if connection else self.tr("Not connected"), self.parameters.model_id()
        )
        if not streaming:
            self.window.status.show_state(
                self._reply_state(last) if connection else self.tr("Set up a provider to start")
            )

    def _reply_state(self, reply: Message | None) -> str:
        """The status bar's word for the conversation on screen: how its last reply ended (the reply's own
        box says why), else Ready."""
        if reply is None:
            return self.tr("Ready")
        states = {"stopped": self.tr("Stopped"), "error": self.tr("Failed"), "interrupted": self.tr("Interrupted")}
        endings = {
            "refusal": self.tr("Declined"),
            CONTEXT_FULL: self.tr("Context window full"),
            PAUSED: self.tr("Paused"),
        }
        if reply.status in states:
            return states[reply.status]
        return endings.get(reply.stop_reason or "", self.tr("Ready"))

    def _last_reply(self) -> Message | None:
        """The reply at the head of the branch on screen (None when the head is not a reply)."""
        return self._last_reply_of(self.current, on_top=True) if self.current is not None else None

    def _last_reply_of(self, conversation_id: int, *, on_top: bool) -> Message | None:
        """The last reply on a conversation's branch; ``on_top``: only when it is the head. Walks up from
        the head rather than reading the whole branch (a long one takes tens of ms to read)."""
        message_id = self.store.conversation(conversation_id).head_id
        while message_id is not None:
            message = self.store.message(message_id)
            if message.role == "assistant":
                return message
            if on_top:
                return None
            message_id = message.parent_id
        return None

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

    # --- list operations ---

    @_shows_store_errors
    def _rename(self, conversation_id: int, title: str) -> None:
        self.store.rename(conversation_id, title)
        self.list_model.refresh_conversation(conversation_id)
        if conversation_id == self.current:
            self._show_title(title)

    def _rename_current(self) -> None:
        """Rename in place in the list (a dialog when the list is hidden or shows something else)."""
        if self.current is None:
            return
        if self.sidebar.isVisible() and self.sidebar.current_conversation_id() == self.current:
            self.sidebar.rename_current()
            return
        old = self.store.conversation(self.current).title
        title, ok = QInputDialog.getText(self.window, self.tr("Rename"), self.tr("Title:"), text=old)
        if ok and title.strip():
            self._rename(self.current, title.strip())

    @_shows_store_errors
    def _pin(self, ids: list[int], pinned: bool) -> None:
        for conversation_id in ids:
            self.store.set_pinned(conversation_id, pinned)
            self.list_model.refresh_conversation(conversation_id)
        self._update_actions()

    def _toggle_archive_current(self) -> None:
        if self.current is not None:
            self._archive([self.current], not self.store.conversation(self.current).archived)

    @_shows_store_errors
    def _archive(self, ids: list[int], archived: bool) -> None:
        ids = [i for i in ids if i]
        for conversation_id in ids:
            self.store.set_archived(conversation_id, archived)
            self.list_model.refresh_conversation(conversation_id)  # leaves (or joins) the list on screen
        if archived:
            self._leave_if_current(ids)
            text = (
                self.tr("Archived the conversation")
                if len(ids) == 1
                else self.tr("Archived {n} conversations").format(n=len(ids))
            )
            self.sidebar.show_undo(text, ids)
        self._update_actions()

    @_shows_store_errors
    def _trash(self, ids: list[int]) -> None:
        ids = [i for i in ids if i]
        if not ids:
            return
        for conversation_id in ids:
            self.controller.stop(conversation_id)
            self.store.move_to_trash(conversation_id)
            self.list_model.remove_conversation(conversation_id)
        self._leave_if_current(ids)
        text = (
            self.tr("Moved the conversation to the trash")
            if len(ids) == 1
            else self.tr("Moved {n} conversations to the trash").format(n=len(ids))
        )
        self.sidebar.show_undo(text, ids)

    @_shows_store_errors
    def _restore(self, ids: list[int]) -> None:
        """Back to the list: out of the trash (Restore, or Undo after a delete), or out of the archive
        (Undo after archiving: only then is a restored conversation archived and not in the trash)."""
        for conversation_id in ids:
            if self.store.conversation(conversation_id).in_trash:
                self.store.restore(conversation_id)
            else:
                self.store.set_archived(conversation_id, False)
            self.list_model.refresh_conversation(conversation_id)
        self.composer.focus_input()  # never leave focus wherever the vanished bar left it

    @_shows_store_errors
    def _delete_forever(self, ids: list[int]) -> None:
        answer = QMessageBox.question(
            self.window,
            self.tr("Delete permanently"),
            self.tr("Delete {n} conversation(s) permanently? This can't be undone.").format(n=len(ids)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        for conversation_id in ids:
            self.controller.stop(conversation_id)  # (Shift+Del works outside the trash too)
            self.store.delete_conversation(conversation_id)
            self.list_model.remove_conversation(conversation_id)
        self._leave_if_current(ids)

    def _leave_if_current(self, ids: list[int]) -> None:
        if self.current in ids:
            self.new_conversation()

    @_shows_store_errors
    def _edit_tags(self, ids: list[int]) -> None:
        from app.ui.tags_dialog import TagsDialog

        ids = [i for i in ids if i]
        if not ids:
            return
        conversations = [self.store.conversation(i) for i in ids]
        if len(conversations) == 1:
            subject = f"“{conversations[0].title or self.tr('New conversation')}”"
        else:
            subject = self.tr("{n} conversations").format(n=len(conversations))
        all_tags = [t for t, _n in self.store.tags()]
        dialog = TagsDialog(all_tags, [c.tags for c in conversations], self.window, subject=subject)
        try:
            if not dialog.exec():
                return
            added, removed = dialog.changes()
        finally:
            dialog.deleteLater()
        for conversation_id in ids:
            for tag in added:
                self.store.add_tag(conversation_id, tag)
            for tag in removed:
                self.store.remove_tag(conversation_id, tag)
            self.list_model.refresh_conversation(conversation_id)
        self.sidebar.refresh_tags()

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

    # --- import / export ---

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import conversations"),
            str(Path.home()),
            self.tr("claude.ai export or Samtal JSON (*.zip *.json);;All files (*)"),
        )
        if not path:
            return
        from app.store import ImportFileError, import_file

        try:
            report = import_file(self.store, Path(path))
        except (ImportFileError, StoreError, OSError, ValueError) as exc:
            self._warn(self.tr("Import failed"), str(exc))
            return
        self.list_model.reload()
        self.sidebar.refresh_tags()
        text = self.tr("Imported from {name}: {summary}").format(name=Path(path).name, summary=report.summary())
        icon, title = QMessageBox.Icon.Information, self.tr("Import finished")
        if report.errors:  # say which conversations were left out and why, as `samtal import` does
            icon, title = QMessageBox.Icon.Warning, self.tr("Import finished with errors")
            shown = report.errors[:_IMPORT_ERRORS_SHOWN]
            more = report.error_count - len(shown)
            text += "\n\n" + "\n".join(shown) + (self.tr("\n… and {n} more").format(n=more) if more else "")
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # titles and error messages come from the file
        box.exec()
        box.deleteLater()

    def _export(self, ids: list[int]) -> None:
        ids = [i for i in ids if i]
        if not ids:
            return
        title = self.store.conversation(ids[0]).title if len(ids) == 1 else "conversations"
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip() or "conversation"
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export"),
            str(Path.home() / f"{safe}.md"),
            self.tr("Markdown (*.md);;JSON, lossless (*.json)"),
        )
        if path:
            target, as_json = export_target(path, chosen)
            self._write_export(target, ids, as_json=as_json)

    def _export_all(self) -> None:
        ids = [c.id for c in self.store.list_conversations(limit=None)]
        ids += [c.id for c in self.store.list_conversations(archived=True, limit=None)]
        self._export(ids)

    def _write_export(self, path: Path, ids: list[int], *, as_json: bool) -> None:
        import json

        from app.store import conversation_markdown, export_archive

        try:
            if as_json:
                text = json.dumps(export_archive(self.store, ids), ensure_ascii=False, indent=1)
            else:
                text = "\n\n---\n\n".join(conversation_markdown(self.store, i) for i in ids)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:  # its own text is "[Errno 2] No such file or directory: '/…'"
            reason = exc.strerror or str(exc)
            self._warn(
                self.tr("Export failed"), self.tr("Can't write {path}: {reason}").format(path=path, reason=reason)
            )
            return
        except StoreError as exc:
            self._warn(self.tr("Export failed"), str(exc))
            return
        self.window.statusBar().showMessage(self.tr("Exported to {p}").format(p=path), 6000)

    def _warn(self, title: str, text: str) -> None:
        """A warning whose text is shown as written: it may quote a file name or a file's contents, and a
        message box reads text that looks like markup as HTML (loading any image it names)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        box.deleteLater()

    # --- providers ---

    def _update_token(self) -> None:
        """After a 401: ask for a new token for the profile in use, then retry the failed reply."""
        from app.ui.token_dialog import TokenDialog

        connection = self.connections.connection
        profile = self.settings.profile(connection.profile_id) if connection and connection.profile_id else None
        last = self._last_reply()
        reason = last.error.message if last is not None and last.error is not None else ""
        dialog = TokenDialog(profile, self.window, purpose="token" if profile else "add", activate=True, reason=reason)
        self.profiles.attach_form(dialog)
        try:
            if dialog.exec() and last is not None and last.status == "error":
                self.controller.retry(last.id)
        finally:
            dialog.deleteLater()

    def _open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window)
        self.profiles.attach_settings(dialog)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

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

        QMessageBox.about(
            self.window,
            self.tr("About Samtal"),
            self.tr(
                "<b>Samtal</b> {v}<br>A native desktop chat client for the Claude Messages API.<br>"
                "{kept}<br>MIT licence."
            ).format(v=__version__, kept=html.escape(token_storage_text(self.secrets.persistent))),
        )


def export_target(path: str, chosen_filter: str) -> tuple[Path, bool]:
    """Where an export goes and whether as JSON: the name's suffix decides (.json, or .md, .markdown or
    .txt for Markdown, as for ``samtal export``); any other name gets the chosen filter's suffix and format."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in (".json", ".md", ".markdown", ".txt"):
        return target, suffix == ".json"
    as_json = "json" in chosen_filter.lower()
    return target.with_name(target.name + (".json" if as_json else ".md")), as_json


def _icon() -> QIcon:
    path = Path(__file__).resolve().parent.parent / "resources" / "icons" / "samtal.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


class _SignalWaker(QObject):
    """Lets SIGINT/SIGTERM close the window cleanly while Qt's C++ loop sleeps (Python signal handlers
    only run when Python code runs: the wake-up fd makes Qt wake up)."""

    def __init__(self, on_signal: Any) -> None:
        super().__init__()
        self._read, write = socket.socketpair()
        self._write = write
        self._read.setblocking(False)
        write.setblocking(False)
        signal.set_wakeup_fd(write.fileno())
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: on_signal())

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._read.recv(64)

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()


async def _run(args: argparse.Namespace, paths: AppPaths) -> int:
    settings = Settings.load(paths)
    # Before any widget is made: each takes its texts, numbers and dates in the language when it is built.
    language.install(settings.user.get(LANGUAGE))
    # A settings file that can't be used is moved aside (so that saving does not destroy it), and the
    # status bar says so below; the command line never moves it.
    notices = settings.set_aside_unusable()
    if settings.profiles_problem and not notices:
        notices.append(settings.profiles_problem)
    try:
        store = open_store(paths.store)
    except StoreError as exc:
        print(f"samtal: {exc}", file=sys.stderr)
        if not args.smoke_test:  # the smoke test never waits for a person
            QMessageBox.critical(None, "Samtal", str(exc))
        return 1
    try:
        root = Samtal(paths, settings, store, SecretStore(), smoke=args.smoke_test)
        waker = _SignalWaker(root.window.close)
        if store.read_only:  # the composer says so too, for as long as the window is open
            notices.append(root.controller.read_only_notice().removesuffix("."))
        for notice in notices:  # also for a terminal the window was started from
            print(f"samtal: {notice}.", file=sys.stderr)
        if notices:
            root.window.statusBar().showMessage(". ".join(notices) + ".", 15000)
        demo = args.demo or (args.demo_if_unconfigured and not root.configured(args.profile))
        root.start(demo=demo, profile=args.profile)
        code = await root.finished
        waker.close()
        # Widgets go before the store closes: a pending search must not run against a closed store.
        root.window.deleteLater()
        await asyncio.sleep(0)
        return code
    finally:
        store.close()


def open_store(path: Path) -> Store:
    """The window's store: for reading and writing, or for reading only when it can't be written (a
    read-only folder or media), which the window then says. Raises StoreError."""
    try:
        return Store.open(path)
    except ReadOnlyStoreError as exc:
        log.info("%s", exc)
        return Store.open(path, read_only=True)


def run_gui(args: argparse.Namespace) -> int:
    """Start the window on a qasync event loop; returns the exit code."""
    from app.event_loop import run

    # Not strict: in a read-only data folder the window opens to read (the store says what can't be done).
    paths = resolve_paths(getattr(args, "data_dir", None)).ensure(strict=False)
    setup_logging(paths.logs)
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Samtal")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Samtal")
    app.setDesktopFileName("samtal")
    app.setQuitOnLastWindowClosed(False)  # the coroutine ends the loop after saving
    try:
        return run(_run(args, paths))
    except KeyboardInterrupt:
        return 130
    finally:
        gc.enable()  # also when the window never painted (e.g. the store could not be opened)


def _input_tokens(usage: Mapping[str, Any]) -> int | None:
    """A reply's input tokens as its footer and the conversation's total count them: uncached, cache writes
    and cache reads (None while the provider has said nothing)."""
    counts = [usage.get(key) for key in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")]
    numbers = [n for n in counts if isinstance(n, int) and not isinstance(n, bool)]
    return sum(numbers) if numbers else None


__all__ = ["Samtal", "export_target", "open_store", "run_gui"]
