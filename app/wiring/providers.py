"""Providers and tokens in the window: the welcome view (a provider and its token, a token lost, or the
demo), the token dialog (a provider added from the demo banner, a token refused by the provider), the
settings dialog, and the demo banner. The forms themselves are run by `app.chat.profiles.ProfileService`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

from app.api.providers import from_environment
from app.chat.connection import ConnectionManager
from app.chat.profiles import ProfileService
from app.paths import AppPaths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from app.ui.main_window import Banner, MainWindow

if TYPE_CHECKING:  # built the first time they are shown
    from app.ui.token_dialog import Purpose
    from app.ui.welcome import WelcomeView


class Providers(QObject):
    """The welcome view, the token and settings dialogs over ``window``, and the demo ``banner``.

    ``welcome`` is the welcome view once it was first shown (else None)."""

    def __init__(
        self,
        *,
        settings: Settings,
        secrets: SecretStore,
        connections: ConnectionManager,
        profiles: ProfileService,
        window: MainWindow,
        banner: Banner,
        paths: AppPaths,
        parent: QObject | None = None,
    ) -> None:
        """``paths``: where the data and the logs are (the settings dialog opens their folders)."""
        super().__init__(parent)
        self._paths = paths
        self._settings = settings
        self._secrets = secrets
        self._connections = connections
        self._profiles = profiles
        self._window = window
        self._banner = banner
        self.welcome: WelcomeView | None = None
        banner.action_requested.connect(self.add_provider)

    def configured(self, profile: str | None) -> bool:
        """Whether something to connect to is configured (without reading the keyring yet)."""
        chosen = self._settings.profile(profile) if profile else self._settings.active_profile
        return chosen is not None or from_environment(os.environ) is not None

    def show_welcome(self, profile: str | None = None) -> None:
        """The welcome view: for a profile (the named or active one) whose token is gone, it asks for that
        token again (a new profile would be a duplicate); otherwise for a provider and its token."""
        if self.welcome is None:
            from app.ui.welcome import WelcomeView

            self.welcome = WelcomeView()
            self._profiles.attach_form(self.welcome)
            self.welcome.demo_requested.connect(self._profiles.start_demo)
        welcome = self.welcome
        lost = self._profile_without_token(profile)
        if lost is not None and welcome.profile_id != lost.id:
            welcome.ask_token_for(lost)
        elif lost is None and welcome.profile_id:
            welcome.ask_new_provider()
        self._window.show_welcome(welcome)
        welcome.focus_token()  # the first thing to do there is paste a token

    def _profile_without_token(self, name: str | None) -> Profile | None:
        """The profile Samtal would use (named, else the active one) when it has no token (e.g. it was kept
        for the last session only, with no keyring)."""
        chosen = self._settings.profile(name) if name else self._settings.active_profile
        if chosen is None or self._secrets.get(chosen.id):
            return None
        return chosen

    def show_banner(self) -> None:
        """The demo banner while the demo answers (with a way to set up a real provider), else none."""
        if self._connections.is_demo:
            self._banner.show_notice(
                self.tr("Demo mode: replies come from a small server on this computer; nothing leaves it."),
                self.tr("Set up a provider…"),
            )
        else:
            self._banner.hide()

    def add_provider(self) -> None:
        """The token dialog for a new provider (made the active one)."""
        self._token_dialog(None, purpose="add")

    def ask_token(self, reason: str) -> bool:
        """After a 401: ask for a new token for the profile in use (``reason``: the provider's words).
        Returns whether one was saved."""
        connection = self._connections.connection
        profile = self._settings.profile(connection.profile_id) if connection and connection.profile_id else None
        return self._token_dialog(profile, purpose="token" if profile else "add", reason=reason)

    def _token_dialog(self, profile: Profile | None, *, purpose: Purpose, reason: str = "") -> bool:
        from app.ui.token_dialog import TokenDialog

        dialog = TokenDialog(profile, self._window, purpose=purpose, activate=True, reason=reason)
        self._profiles.attach_form(dialog)
        try:
            return bool(dialog.exec())
        finally:
            dialog.deleteLater()

    def open_folder(self, path: str) -> None:
        """Show a folder of Samtal's in the system's file manager (made first if it is not there yet)."""
        from pathlib import Path

        try:
            Path(path).mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            pass  # the file manager says what is wrong with it
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def open_settings(self) -> None:
        """The settings dialog (providers, tokens, preferences)."""
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._window)
        self._profiles.attach_settings(dialog)
        dialog.show_folders(str(self._paths.data), str(self._paths.logs))
        dialog.open_folder_requested.connect(self.open_folder)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
