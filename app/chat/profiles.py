"""Provider profiles and their tokens, behind the welcome view, the token dialog and the settings dialog.

`ProfileService` does the I/O those widgets must not do: it tests a token against a provider (a short,
cancellable background request listing the models), stores tokens in the keyring through `SecretStore`
(in memory for the session when there is no usable keyring; never in a file), keeps the profiles and the
General preferences in `Settings`, and switches the `ConnectionManager` to the profile in use.

Widgets talk to it through signals only. ``attach_form`` and ``attach_settings`` connect a view that
follows the `ProfileForm` / `SettingsView` protocols, and route each answer (a test result, a save
problem) back to the view that asked, so the composition root wires each view with one call.

The token passes through here as a plain ``str`` and is never logged, put in an exception message, or
shown in a repr (`ProfileDraft` hides it).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final, Literal, Protocol, cast, get_args

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance, Slot
from shiboken6 import isValid

from app.api import APIError, ModelInfo, Provider, normalise_base_url
from app.api.providers import API_VERSIONS, DEFAULT_API_VERSION
from app.chat.connection import ConnectionManager
from app.connection import describe_provider
from app.logs import SecretRedactor
from app.secrets import SecretStore, TokenPlace
from app.settings import PROVIDER_DEFAULTS, AuthStyle, Option, Profile, ProviderKind, Settings
from app.settings.options import AI_TITLES, LANGUAGE, SEND_WITH_CTRL_ENTER, TEXT_SIZE, THEME

log = logging.getLogger(__name__)

# Long enough for a TLS handshake to a distant gateway plus one page of models; short enough that nobody
# waits on a dead address (the API client's own timeouts are minutes long, made for long replies).
TEST_TIMEOUT_SECONDS: Final = 10.0
KEYRING_CHECK_DELAY_MS: Final = 800

Theme = Literal["system", "light", "dark"]
THEMES: Final[tuple[Theme, ...]] = get_args(Theme)
PROVIDER_KINDS: Final[tuple[ProviderKind, ...]] = get_args(ProviderKind)
AUTH_STYLES: Final[tuple[AuthStyle, ...]] = get_args(AuthStyle)


@dataclass(frozen=True)
class ProfileDraft:
    """What a form holds: a profile to test or save. ``profile_id`` is "" for a new profile; an empty
    ``token`` for an existing profile means "keep (or test with) the saved one". The token is left out of
    the repr."""

    name: str
    kind: str
    base_url: str
    auth: str
    token: str = field(default="", repr=False)
    profile_id: str = ""
    activate: bool = True
    api_version: str = DEFAULT_API_VERSION

    def provider(self) -> Provider:
        """Where the draft points. Anthropic and Ace Data Cloud always use their own address and auth
        style; a custom provider the given ones. Raises ValueError with a sentence for the user."""
        if self.kind not in PROVIDER_KINDS:
            raise ValueError(f"Unknown provider kind {self.kind!r}.")
        kind = self.kind
        if kind in PROVIDER_DEFAULTS:
            base_url, auth = PROVIDER_DEFAULTS[kind]
            return Provider(kind, base_url, auth)
        if self.auth not in AUTH_STYLES:
            raise ValueError(f"Unknown authentication style {self.auth!r}.")
        return Provider(kind, check_base_url(self.base_url), self.auth)


def check_base_url(url: str) -> str:
    """The normalised base URL, or ValueError with a sentence for the user (no scheme other than
    http/https, no host-less URL, no spaces or control characters)."""
    text = url.strip()
    if any(char.isspace() or not char.isprintable() for char in text):
        raise ValueError("The base URL must not contain spaces or control characters.")
    return normalise_base_url(text)


def check_token(token: str) -> str:
    """The token without surrounding whitespace (pasting often adds a newline), or ValueError when it can't
    be sent in an HTTP header. The message never quotes the token."""
    text = token.strip()
    if not text:
        raise ValueError("Paste a token first.")
    if not all(" " < char < "\x7f" for char in text):
        raise ValueError(
            "The token contains spaces or characters other than ASCII letters, digits and punctuation. "
            "Copy it again from your provider's console."
        )
    return text


@dataclass(frozen=True)
class TestResult:
    """The outcome of a connection test. On failure ``message`` is the API's (or the transport's) message,
    ``error_type`` its type (``authentication_error``, ``connection_error``, ``timeout``...), ``request_id``
    the id to quote to support; on success ``models`` are what the provider lists."""

    __test__: ClassVar[bool] = False  # not a pytest test class, whatever its name

    ok: bool
    message: str
    models: tuple[ModelInfo, ...] = ()
    error_type: str = ""
    request_id: str = ""
    status: int | None = None


@dataclass(frozen=True)
class SaveOutcome:
    """A saved profile, and whether its new token is in the keyring. ``persistent`` is False when the token
    is kept in memory for this session only (``problem`` says why); it is True when no new token was given."""

    profile: Profile
    persistent: bool
    problem: str = ""


@dataclass(frozen=True)
class ProfileSummary:
    """One profile as the settings dialog lists it; ``token`` says where its token is kept (None: nowhere)."""

    profile: Profile
    active: bool
    token: TokenPlace | None

    @property
    def has_token(self) -> bool:
        return self.token is not None

    @property
    def provider_label(self) -> str:
        """ "Anthropic", "Ace Data Cloud" or the custom host."""
        return describe_provider(Provider(self.profile.kind, self.profile.base_url, self.profile.auth))


@dataclass(frozen=True)
class Preferences:
    """The General preferences of the settings dialog."""

    send_with_ctrl_enter: bool
    ai_titles: bool
    theme: str
    language: str = "system"
    """``system`` or a code of app.settings.LANGUAGES; used from the next start."""
    text_size: int = 100
    """The window's text size, in per cent of the system's UI font (one of app.settings.options.TEXT_SIZES)."""


@dataclass(frozen=True)
class ModelChoice:
    """What the settings dialog shows of the connection in use: its ``models``, the ``chosen`` default model of
    its profile ("": the provider's default), whether that can be chosen (``editable``: only a profile keeps
    one) and whether requests go to the ``demo``."""

    models: tuple[ModelInfo, ...]
    chosen: str
    editable: bool
    demo: bool


class ProfileForm(Protocol):
    """A view that edits one profile (the welcome view, the token dialog, the settings dialog on behalf of
    the token dialog it opened). Its signals carry `ProfileDraft` objects."""

    @property
    def test_requested(self) -> SignalInstance: ...
    @property
    def save_requested(self) -> SignalInstance: ...
    @property
    def cancel_test_requested(self) -> SignalInstance: ...
    def show_test_result(self, result: TestResult) -> None: ...
    def show_save_problem(self, text: str) -> None: ...
    def show_saved(self, outcome: SaveOutcome) -> None: ...
    def show_token_storage(self, persistent: bool, problem: str) -> None: ...


class SettingsView(ProfileForm, Protocol):
    """The settings dialog: the profile list and the General preferences."""

    @property
    def activate_requested(self) -> SignalInstance: ...
    @property
    def remove_requested(self) -> SignalInstance: ...
    @property
    def forget_token_requested(self) -> SignalInstance: ...
    @property
    def send_with_ctrl_enter_changed(self) -> SignalInstance: ...
    @property
    def ai_titles_changed(self) -> SignalInstance: ...
    @property
    def theme_changed(self) -> SignalInstance: ...
    @property
    def language_changed(self) -> SignalInstance: ...
    @property
    def text_size_changed(self) -> SignalInstance: ...
    @property
    def default_model_changed(self) -> SignalInstance: ...
    @property
    def demo_requested(self) -> SignalInstance: ...
    def show_model_choice(self, choice: ModelChoice) -> None: ...
    def show_profiles(self, summaries: list[ProfileSummary]) -> None: ...
    def show_connection(self, label: str) -> None: ...
    def show_preferences(self, preferences: Preferences) -> None: ...
    def ask_for_token(self, profile_id: str) -> None: ...


class ProfileService(QObject):
    """Tests, saves, activates and removes provider profiles and their tokens; saves the preferences.

    Signals:
        test_finished(TestResult): a connection test ended (not emitted for a cancelled test).
        saved(Profile): a profile was saved or made active.
        profiles_changed(list[ProfileSummary]): the profiles, the active one, or which have tokens changed.
        connection_changed(str): requests now go somewhere else (the label of the new connection).
        preferences_changed(Preferences): a General preference changed (and was saved).
        default_model_changed(str): new conversations with the profile in use start with this model now ("":
            the provider's default).
        model_choice_changed(ModelChoice): the connection in use, its models or its default model changed.
        problem(str): something the user must read that no form shows: the keyring refused a token it
            was expected to keep, or the settings file could not be written.
    """

    test_finished = Signal(object)
    saved = Signal(object)
    profiles_changed = Signal(object)
    connection_changed = Signal(str)
    preferences_changed = Signal(object)
    default_model_changed = Signal(str)
    model_choice_changed = Signal(object)
    problem = Signal(str)

    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore,
        connections: ConnectionManager,
        *,
        test_timeout: float = TEST_TIMEOUT_SECONDS,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._secrets = secrets
        self._connections = connections
        self._test_timeout = test_timeout
        self._test_task: asyncio.Task[None] | None = None
        self._tester: ProfileForm | None = None  # the view that asked for the running test
        connections.changed.connect(self._connection_changed)
        connections.models_changed.connect(lambda: self.model_choice_changed.emit(self.model_choice()))

    def __repr__(self) -> str:
        return f"<ProfileService profiles={len(self._settings.profiles)} secrets={self._secrets!r}>"

    # --- reading ---

    @property
    def storage_problem(self) -> str:
        """Why tokens are kept for this session only ("" when the keyring works)."""
        return self._secrets.problem

    @property
    def tokens_persistent(self) -> bool:
        """Whether a token saved now is kept in the system keyring (else for this session only)."""
        return self._secrets.persistent

    def summaries(self) -> list[ProfileSummary]:
        """Every profile, with whether it is the active one and where its token is kept."""
        active = self._settings.active_profile_id
        return [ProfileSummary(p, p.id == active, self._secrets.place(p.id)) for p in self._settings.profiles]

    def preferences(self) -> Preferences:
        get = self._settings.get
        return Preferences(get(SEND_WITH_CTRL_ENTER), get(AI_TITLES), get(THEME), get(LANGUAGE), get(TEXT_SIZE))

    # --- testing a token ---

    @property
    def testing(self) -> bool:
        """Whether a connection test is running."""
        return self._test_task is not None and not self._test_task.done()

    def test(self, draft: ProfileDraft) -> None:
        """Start a connection test (listing the models) in the background; `test_finished` follows, at once
        when the draft itself is unusable. A test still running is cancelled. An empty token in a draft of
        an existing profile tests the saved token."""
        self._start_test(draft, None)

    def _start_test(self, draft: ProfileDraft, tester: ProfileForm | None) -> None:
        self.cancel_test()
        self._tester = tester
        try:
            provider = draft.provider()
            token = draft.token
            if not token.strip() and draft.profile_id:
                token = self._secrets.get(draft.profile_id) or ""
            token = check_token(token)
        except ValueError as exc:
            self._finish_test(TestResult(False, str(exc), error_type="invalid_input"))
            return
        SecretRedactor.add_secret(token)  # a second line of defence, should a library ever log it
        self._test_task = asyncio.ensure_future(self._run_test(provider, token, draft.api_version))

    def cancel_test(self) -> None:
        """Stop a running test; its result is never reported."""
        self._tester = None
        if self._test_task is not None and not self._test_task.done():
            self._test_task.cancel()
        self._test_task = None

    async def _run_test(self, provider: Provider, token: str, api_version: str = DEFAULT_API_VERSION) -> None:
        client = self._connections.client_for(provider, token, api_version)
        host = provider.base_url.split("://", 1)[-1]
        try:
            async with asyncio.timeout(self._test_timeout):
                models = await client.list_models()
        except TimeoutError:
            message = self.tr("No answer from {host} within {seconds:g} s.")
            result = TestResult(False, message.format(host=host, seconds=self._test_timeout), error_type="timeout")
        except APIError as exc:
            result = TestResult(
                False, exc.message, error_type=exc.type, request_id=exc.request_id or "", status=exc.status
            )
        except Exception as exc:  # never leave the form saying "Testing…"; the text may quote the request
            log.warning("connection test failed unexpectedly: %s", type(exc).__name__)
            message = self.tr("The test failed unexpectedly ({error}).").format(error=type(exc).__name__)
            result = TestResult(False, message, error_type="error")
        else:
            result = TestResult(True, self._models_summary(models), tuple(models))
        finally:
            await client.aclose()
        self._test_task = None
        self._finish_test(result)

    def _models_summary(self, models: list[ModelInfo]) -> str:
        if not models:
            return self.tr("Connected, but the provider lists no Claude models.")
        return self.tr("Connected. %Ln models are available.", None, len(models))

    def _finish_test(self, result: TestResult) -> None:
        tester, self._tester = self._tester, None
        if tester is not None and isValid(tester):
            tester.show_test_result(result)
        self.test_finished.emit(result)

    async def aclose(self) -> None:
        """Cancel a running test and wait until its connection is closed (at quit)."""
        task = self._test_task
        self.cancel_test()
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    # --- saving and switching ---

    def save(self, draft: ProfileDraft) -> SaveOutcome:
        """Store the draft: the token in the keyring (or this session's memory), the profile in the
        settings; with ``draft.activate`` (or when the profile is the one in use) connect to it.

        Raises ValueError, with a sentence for the user, for a bad base URL or token, a new profile
        without a token, or a profile that no longer exists. Nothing is stored then.
        """
        provider = draft.provider()
        token = check_token(draft.token) if draft.token.strip() or not draft.profile_id else ""
        SecretRedactor.add_secret(token)
        existing = self._profile(draft.profile_id) if draft.profile_id else None
        if draft.profile_id and existing is None:
            raise ValueError("This provider profile no longer exists.")
        name = self._unique_name(draft.name.strip() or describe_provider(provider), draft.profile_id)
        api_version = draft.api_version if draft.api_version in API_VERSIONS else DEFAULT_API_VERSION
        base = existing or Profile.new(name, provider.kind, provider.base_url, provider.auth)
        profile = dataclasses.replace(
            base, name=name, kind=provider.kind, base_url=provider.base_url, auth=provider.auth, api_version=api_version
        )
        outcome = SaveOutcome(profile, persistent=True)
        if token:
            stored = self._secrets.set(profile.id, token)
            outcome = SaveOutcome(profile, stored.persistent, stored.problem)
            if not stored.persistent and self._secrets.backend_usable:
                self.problem.emit(stored.problem)  # a surprise: the forms said the keyring works
        in_use = self._in_use(profile.id)
        self._settings.put_profile(profile, activate=draft.activate)
        self._write_settings()
        if draft.activate or in_use:
            self._connections.use_profile(profile, token or None)
        self._profiles_changed()
        self.saved.emit(profile)
        return outcome

    def activate(self, profile_id: str) -> bool:
        """Make a profile the active one and connect to it. False (and nothing changes) when it has no
        token: the UI then asks for one."""
        profile = self._profile(profile_id)
        if profile is None or not self._connections.use_profile(profile):
            return False
        self._settings.set_active_profile(profile.id)
        self._write_settings()
        self._profiles_changed()
        self.saved.emit(profile)
        return True

    def remove(self, profile_id: str) -> None:
        """Delete a profile and its token. When it was in use, requests go where they would at start-up:
        the environment variables, else the active profile with its token, else nowhere."""
        in_use = self._in_use(profile_id)
        self._secrets.delete(profile_id)
        self._settings.remove_profile(profile_id)
        self._write_settings()
        if in_use:
            self._fall_back()
        self._profiles_changed()

    def forget_token(self, profile_id: str) -> None:
        """Delete a profile's token (the profile stays). When it was in use, fall back as `remove` does."""
        self._secrets.delete(profile_id)
        if self._in_use(profile_id):
            self._fall_back()
        self._profiles_changed()

    def _fall_back(self) -> None:
        if not self._connections.connect_initial():  # as at start-up: the environment, else the active profile
            self._connections.drop_connection()

    def set_default_model(self, model: str) -> bool:
        """New conversations with the profile in use start with ``model`` ("": the provider's default); the
        profile keeps it (the command line reads it too). False (nothing changes) when requests don't go
        through a profile (the demo, environment variables)."""
        connection = self._connections.connection
        profile = self._profile(connection.profile_id) if connection is not None and connection.profile_id else None
        if profile is None or connection is None or connection.source != "profile":
            return False
        if profile.default_model == model:
            return True
        updated = dataclasses.replace(profile, default_model=model)
        self._settings.put_profile(updated)
        self._write_settings()
        self._connections.set_default_model(updated)
        self.default_model_changed.emit(model)
        self.model_choice_changed.emit(self.model_choice())
        return True

    def model_choice(self) -> ModelChoice:
        """The connection in use's models and default model, as the settings dialog shows them."""
        connection = self._connections.connection
        editable = connection is not None and connection.source == "profile"
        chosen = connection.default_model if connection is not None and editable else ""
        return ModelChoice(tuple(self._connections.models), chosen, editable, self._connections.is_demo)

    def start_demo(self) -> None:
        """Talk to the in-process demo server (no token, no network)."""
        self._connections.use_demo()

    def _profile(self, profile_id: str) -> Profile | None:
        return next((p for p in self._settings.profiles if p.id == profile_id), None)

    def _in_use(self, profile_id: str) -> bool:
        connection = self._connections.connection
        return connection is not None and connection.source == "profile" and connection.profile_id == profile_id

    def _unique_name(self, name: str, profile_id: str) -> str:
        """``name``, or ``name (2)``… when another profile has it (``samtal --profile NAME`` picks by name)."""
        taken = {p.name.casefold() for p in self._settings.profiles if p.id != profile_id}
        candidate, number = name, 2
        while candidate.casefold() in taken:
            candidate, number = f"{name} ({number})", number + 1
        return candidate

    # --- preferences ---

    @Slot(bool)
    def set_send_with_ctrl_enter(self, on: bool) -> None:
        self._set_preference(SEND_WITH_CTRL_ENTER, on)

    @Slot(bool)
    def set_ai_titles(self, on: bool) -> None:
        self._set_preference(AI_TITLES, on)

    @Slot(str)
    def set_theme(self, theme: str) -> None:
        """``system``, ``light`` or ``dark``; anything else raises ValueError."""
        if theme not in THEMES:
            raise ValueError(f"Unknown theme {theme!r}.")
        self._set_preference(THEME, theme)

    @Slot(str)
    def set_language(self, language: str) -> None:
        """``system`` or a code of app.settings.LANGUAGES (used from the next start); else ValueError."""
        if not LANGUAGE.accepts(language):
            raise ValueError(f"Unknown language {language!r}.")
        self._set_preference(LANGUAGE, language)

    @Slot(int)
    def set_text_size(self, percent: int) -> None:
        """One of app.settings.options.TEXT_SIZES (per cent of the system's UI font); else ValueError."""
        if not TEXT_SIZE.accepts(percent):
            raise ValueError(f"Unknown text size {percent!r}.")
        self._set_preference(TEXT_SIZE, percent)

    def _set_preference(self, option: Option[Any], value: Any) -> None:
        if self._settings.get(option) == value:
            return
        self._settings.set(option, value)
        self._write_settings()
        self.preferences_changed.emit(self.preferences())

    def _profiles_changed(self) -> None:
        self.profiles_changed.emit(self.summaries())

    @Slot()
    def _connection_changed(self) -> None:
        self.connection_changed.emit(self._connections.label)

    def _write_settings(self) -> None:
        try:
            self._settings.save()
        except OSError as exc:
            log.warning("could not write the settings: %s", exc.strerror)
            self.problem.emit(
                self.tr("Your settings could not be saved ({reason}); they last until Samtal quits.").format(
                    reason=exc.strerror or type(exc).__name__
                )
            )

    # --- wiring views ---

    def attach_form(self, form: ProfileForm) -> None:
        """Serve a form: its test and save requests are carried out and answered on that form; closing it
        cancels its test. Tells it up front where a token saved there will be kept."""
        form.test_requested.connect(self._test_for_sender)
        form.save_requested.connect(self._save_for_sender)
        form.cancel_test_requested.connect(self._cancel_for_sender)
        # Asking the keyring which backend it has loads D-Bus libraries (~80 ms): not before the window
        # is on screen. What it says only matters once someone is about to type a token.
        context = form if isinstance(form, QObject) else self  # no call after the form is gone
        QTimer.singleShot(KEYRING_CHECK_DELAY_MS, context, lambda: self._tell_token_storage(form))

    def _tell_token_storage(self, form: ProfileForm) -> None:
        form.show_token_storage(self.tokens_persistent, self.storage_problem)

    def attach_settings(self, view: SettingsView) -> None:
        """Serve the settings dialog: everything `attach_form` does, plus the profile list, activation,
        removal, forgetting tokens and the preferences."""
        self.attach_form(view)
        view.activate_requested.connect(self._activate_for_sender)
        view.remove_requested.connect(self.remove)
        view.forget_token_requested.connect(self.forget_token)
        view.send_with_ctrl_enter_changed.connect(self.set_send_with_ctrl_enter)
        view.ai_titles_changed.connect(self.set_ai_titles)
        view.theme_changed.connect(self.set_theme)
        view.language_changed.connect(self.set_language)
        view.text_size_changed.connect(self.set_text_size)
        view.default_model_changed.connect(self.set_default_model)
        view.demo_requested.connect(self.start_demo)

        # Bound methods of the view: Qt drops these connections when the view is destroyed.
        self.profiles_changed.connect(view.show_profiles)
        self.connection_changed.connect(view.show_connection)
        view.show_preferences(self.preferences())
        view.show_profiles(self.summaries())
        view.show_connection(self._connections.label)
        self.model_choice_changed.connect(view.show_model_choice)
        view.show_model_choice(self.model_choice())

    def _sender_form(self) -> ProfileForm:
        return cast(ProfileForm, self.sender())

    @Slot(object)
    def _test_for_sender(self, draft: ProfileDraft) -> None:
        self._start_test(draft, self._sender_form())

    @Slot(object)
    def _save_for_sender(self, draft: ProfileDraft) -> None:
        form = self._sender_form()
        try:
            outcome = self.save(draft)
        except ValueError as exc:
            form.show_save_problem(str(exc))
            return
        form.show_saved(outcome)

    @Slot()
    def _cancel_for_sender(self) -> None:
        if self._tester is self.sender():
            self.cancel_test()

    @Slot(str)
    def _activate_for_sender(self, profile_id: str) -> None:
        view = cast(SettingsView, self.sender())
        if not self.activate(profile_id):
            view.ask_for_token(profile_id)
