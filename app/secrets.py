"""API tokens in the OS keyring, never in a file.

Tokens live in the platform's secret store (Secret Service on Linux, Keychain on macOS, Credential
Manager on Windows) under service ``samtal`` and account = provider profile id.

When there is no usable keyring backend (no D-Bus session, a locked or refusing keyring, or only a
plain-text backend such as ``keyrings.alt``), the token is kept in this process's memory for the session
and :attr:`SecretStore.persistent` says so, so the UI can tell the user plainly. It never falls back to a
file. Qt-free: the command line uses it too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE: Final = "samtal"

TokenPlace = Literal["keyring", "session"]
"""Where a token is kept: in the system keyring, or in this process's memory until Samtal quits."""

log = logging.getLogger(__name__)

# Backends that would write the secret to a file in (nearly) plain text, or that store nothing.
_REFUSED_BACKEND_MODULES: Final = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


@dataclass(frozen=True)
class SaveResult:
    """What happened to a token handed to :meth:`SecretStore.set`."""

    persistent: bool
    problem: str = ""  # why it is kept for this session only, in words for the user


class SecretStore:
    """Tokens by profile id: in the OS keyring when one is usable, else in memory for this session.

    ``backend`` is injectable for tests (an in-memory ``KeyringBackend``, or
    ``keyring.backends.fail.Keyring()`` for the no-backend path); by default the keyring library chooses.
    """

    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE) -> None:
        self._backend = backend
        self._service = service
        self._session: dict[str, str] = {}
        self._problem: str | None = None

    def __repr__(self) -> str:  # never list what is held
        return f"<SecretStore service={self._service!r} backend={self.backend_name!r}>"

    # --- backend ---

    def _keyring(self) -> KeyringBackend:
        if self._backend is None:
            import keyring  # picking a backend loads D-Bus libraries: only when a token is needed

            self._backend = keyring.get_keyring()
        return self._backend

    @property
    def backend_name(self) -> str:
        """The backend in use, e.g. ``keyring.backends.SecretService.Keyring`` (a chainer's members, joined)."""
        backend = self._keyring()
        members = getattr(backend, "backends", None) or [backend]
        return ", ".join(f"{type(b).__module__}.{type(b).__name__}" for b in members)

    @property
    def backend_usable(self) -> bool:
        """Whether a real secret store is there (it may still refuse a particular call)."""
        backend = self._keyring()
        module = type(backend).__module__
        if module.startswith(_REFUSED_BACKEND_MODULES):
            return False
        # The chainer wraps the real backends; it is usable when it holds any we accept.
        backends = getattr(backend, "backends", None)
        if backends is not None:
            return any(not type(b).__module__.startswith(_REFUSED_BACKEND_MODULES) for b in backends)
        return True

    @property
    def persistent(self) -> bool:
        """True when tokens saved now will still be there after a restart."""
        return self.backend_usable and self._problem is None

    @property
    def problem(self) -> str:
        """Why tokens are kept for this session only ("" when the keyring works)."""
        if self._problem:
            return self._problem
        if not self.backend_usable:
            return (
                "No system keyring is available, so the token is kept for this session only. "
                "Install and unlock a Secret Service (e.g. GNOME Keyring or KWallet), or set "
                "ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN in the environment."
            )
        return ""

    # --- tokens ---

    def place(self, profile_id: str) -> TokenPlace | None:
        """Where the profile's token is kept now (None: there is none). Every text that says where a token
        is asks this, or :attr:`persistent` for a token about to be saved."""
        if profile_id in self._session:
            return "session"
        return "keyring" if self.get(profile_id) else None

    def get(self, profile_id: str) -> str | None:
        """The token for a profile: from this session first, then the keyring."""
        if profile_id in self._session:
            return self._session[profile_id]
        if not self.backend_usable:
            return None
        try:
            token = self._keyring().get_password(self._service, profile_id)
        except _errors().KeyringError as exc:
            self._note_failure("read", exc)
            return None
        self._note_success()
        return token

    def set(self, profile_id: str, token: str) -> SaveResult:
        """Store a token. Returns whether it was persisted; otherwise it is kept in memory for the session."""
        token = token.strip()
        if not token:
            raise ValueError("The token is empty.")
        if self.backend_usable:
            try:
                self._keyring().set_password(self._service, profile_id, token)
            except _errors().KeyringError as exc:
                self._note_failure("save", exc)
            else:
                self._session.pop(profile_id, None)
                self._note_success()
                return SaveResult(persistent=True)
        self._session[profile_id] = token
        return SaveResult(persistent=False, problem=self.problem)

    def delete(self, profile_id: str) -> None:
        """Forget a profile's token everywhere it might be."""
        self._session.pop(profile_id, None)
        if not self.backend_usable:
            return
        try:
            self._keyring().delete_password(self._service, profile_id)
        except _errors().PasswordDeleteError:
            pass  # there was none
        except _errors().KeyringError as exc:
            self._note_failure("delete", exc)
            return
        self._note_success()

    def _note_success(self) -> None:
        # The keyring answers again: the warning stays only while a token is still held in memory alone.
        if not self._session:
            self._problem = None

    def _note_failure(self, what: str, exc: BaseException) -> None:
        # The exception text comes from the backend and never contains the secret; its type is enough.
        log.warning("keyring %s failed: %s", what, type(exc).__name__)
        self._problem = (
            f"The system keyring refused to {what} the token ({type(exc).__name__}); "
            "it is kept for this session only. Unlock the keyring and try again, or set "
            "ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN in the environment."
        )


def _errors() -> Any:
    """keyring's exception classes (keyring itself is imported on first use)."""
    import keyring.errors

    return keyring.errors
