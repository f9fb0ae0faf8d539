"""Typed settings, each declared once with its type and default, kept in a small JSON file.

Qt-free on purpose: the ``samtal`` command line reads the provider profiles without importing Qt.
User settings (``settings.json``) are kept apart from window state (``window-state.json``), so a reset of
the window never touches the user's choices. Files are written atomically (temp file + rename) and are
private to the user. Tokens are never stored here: they live in the OS keyring (:mod:`app.secrets`).

A file that can't be used (not JSON, the wrong shape, from a newer Samtal) is never moved or overwritten by
reading it: the defaults are used, :attr:`SettingsFile.problem` says in one line what is wrong and where
(``<file> is not valid JSON: ... (line 3, column 5)``), and :meth:`SettingsFile.save` refuses to write over
it. The window sets such a file aside as ``<name>.broken-<time>`` (:meth:`Settings.set_aside_unusable`)
and says so; the command line only reports the problem, and only when it needs the settings.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, cast

from app.api.providers import API_VERSIONS, DEFAULT_API_VERSION
from app.paths import AppPaths

log = logging.getLogger(__name__)

T = TypeVar("T")

ProviderKind = Literal["anthropic", "acedata", "custom"]
AuthStyle = Literal["x-api-key", "bearer"]

PROVIDER_DEFAULTS: dict[str, tuple[str, AuthStyle]] = {
    "anthropic": ("https://api.anthropic.com", "x-api-key"),
    "acedata": ("https://api.acedata.cloud", "bearer"),
}


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: its key in the file, its default and a check that a stored value has the right shape."""

    key: str
    default: T
    doc: str = ""
    check: Callable[[Any], bool] | None = None
    expected: str = ""
    """What a usable value is, for a message about one that isn't ("a list of profiles"); by default said
    from the default's type."""

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` may be stored: ``check`` decides, else the default's type (any number for a number)."""
        if self.check is not None:
            return self.check(value)
        default = self.default
        if isinstance(default, bool):
            return isinstance(value, bool)
        if isinstance(default, int | float) and not isinstance(default, bool):
            return isinstance(value, int | float) and not isinstance(value, bool)
        return isinstance(value, type(default))

    def describe_expected(self) -> str:
        """What a usable value is, in words."""
        if self.expected:
            return self.expected
        default = self.default
        if isinstance(default, bool):
            return "true or false"
        if isinstance(default, int | float):
            return "a number"
        return _json_kind(default)


class SettingsFile:
    """A JSON file of :class:`Option` values. Unknown keys are kept (a newer minor version may use them)."""

    VERSION = 1

    def __init__(self, path: Path, upgrades: dict[int, Callable[[dict[str, Any]], None]] | None = None) -> None:
        self.path = path
        self.problem = ""
        """What is wrong with the file, in one line that names it ("" when nothing is)."""
        self.unusable = False
        """The file is there but could not be used: :meth:`save` won't write over it (see :meth:`set_aside`)."""
        self._upgrades = upgrades or {}
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()  # decoded by json.loads, where bad UTF-8 is a ValueError like bad JSON
        except FileNotFoundError:
            return
        except OSError as exc:
            self.problem = f"{self.path} can't be read ({exc.strerror or exc})"
            self.unusable = True
            return
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError(f"it should hold a JSON object of settings, not {_json_kind(data)}")
            version = data.get("version", 1)
            if not isinstance(version, int) or isinstance(version, bool):
                raise ValueError(f'its "version" should be a number, not {_json_kind(version)}')
            if version > self.VERSION:
                raise ValueError(
                    f"it was written by a newer version of Samtal (settings format {version}; "
                    f"this version reads format {self.VERSION})"
                )
        except ValueError as exc:
            self.problem = f"{self.path} can't be used: {_reason(exc)}"
            self.unusable = True
            log.info("%s", self.problem)
            return
        for target in range(version + 1, self.VERSION + 1):
            if target in self._upgrades:
                self._upgrades[target](data)
        data.pop("version", None)
        self._values = data

    def set_aside(self) -> str:
        """Move an unusable file out of the way (to ``<name>.broken-<time>``, beside it) so that the settings
        can be saved again; returns the problem with where the file went. Only the window does this, after
        saying so: the command line never moves a user's file."""
        if not self.unusable:
            return self.problem
        aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            self.path.replace(aside)
        except OSError as exc:
            reason = exc.strerror or exc
            return f"{self.problem}. It could not be set aside ({reason}), so changes to settings won't be saved"
        self.unusable = False
        self.problem = f"{self.problem}. It was kept as {aside.name} and the default settings are used"
        log.info("%s", self.problem)
        return self.problem

    def get(self, option: Option[T]) -> T:
        """The stored value, or the default when there is none or it has the wrong shape (:meth:`check`)."""
        value = self._values.get(option.key, option.default)
        if value is not option.default and not option.accepts(value):
            log.info("%s", self.check(option))
            return option.default
        return cast(T, value)

    def check(self, option: Option[Any]) -> str:
        """What is wrong with the stored value of ``option``, naming the file ("" when it is usable or absent)."""
        if option.key not in self._values or option.accepts(self._values[option.key]):
            return ""
        found = _json_kind(self._values[option.key])
        return f'{self.path} can\'t be used: its "{option.key}" should be {option.describe_expected()}, not {found}'

    def set(self, option: Option[T], value: T) -> None:
        """Change a value (kept in memory until :meth:`save`). Raises TypeError for a value of the wrong shape."""
        if not option.accepts(value):
            raise TypeError(f"setting {option.key} does not accept {type(value).__name__}")
        self._values[option.key] = value

    def reset(self, option: Option[Any]) -> None:
        """Go back to the default (the key leaves the file at the next save)."""
        self._values.pop(option.key, None)

    def save(self) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact. Raises OSError, also when the
        file there could not be used and has not been set aside (it is the user's: never written over)."""
        if self.unusable:
            raise PermissionError(errno.EPERM, f"{self.problem}; it is not overwritten", str(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # The settings in key order (a stable file), each value as it came: parameters hold tool schemas,
        # whose key order the model sees.
        values = {"version": self.VERSION, **dict(sorted(self._values.items()))}
        payload = json.dumps(values, indent=2)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _json_kind(value: object) -> str:
    """What a JSON value is, in words ("a string", "an array"...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    return "an object"


def _reason(exc: ValueError) -> str:
    """What is wrong with a file's text, with the line and column for bad JSON."""
    if isinstance(exc, json.JSONDecodeError):
        return f"it is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    if isinstance(exc, UnicodeDecodeError):
        return f"it is not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start})"
    return str(exc)


# --- provider profiles ---


@dataclass(frozen=True)
class Profile:
    """A way to reach the Messages API: where, how the token is sent (the token is in the keyring), the model
    for new conversations ("": the provider's newest Sonnet, see `app.api.catalog.default_model`), and the
    API version sent as ``anthropic-version`` (one of `API_VERSIONS`; the parameter rules follow it)."""

    id: str
    name: str
    kind: ProviderKind
    base_url: str
    auth: AuthStyle
    default_model: str = ""
    api_version: str = DEFAULT_API_VERSION

    @classmethod
    def new(cls, name: str, kind: ProviderKind, base_url: str = "", auth: AuthStyle | None = None) -> Profile:
        """A profile with a fresh id; base URL and auth style default to the provider's."""
        default_url, default_auth = PROVIDER_DEFAULTS.get(kind, ("", "x-api-key"))
        return cls(
            id=f"{kind}-{uuid.uuid4().hex[:8]}",
            name=name,
            kind=kind,
            base_url=base_url or default_url,
            auth=auth or default_auth,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile | None:
        """Read a profile as the settings file stores it; None when it lacks an id, a kind or a base URL."""
        return None if cls.missing(data) else cls._read(data)

    @staticmethod
    def missing(data: dict[str, Any]) -> str:
        """The first field a stored profile needs and lacks ("" when it has them all)."""
        return next((key for key in _PROFILE_FIELDS if data.get(key) in (None, "")), "")

    @classmethod
    def _read(cls, data: dict[str, Any]) -> Profile:
        kind: ProviderKind = data["kind"] if data["kind"] in ("anthropic", "acedata", "custom") else "custom"
        auth: AuthStyle = data["auth"] if data.get("auth") in ("x-api-key", "bearer") else "x-api-key"
        return cls(
            id=str(data["id"]),
            name=str(data.get("name") or data["id"]),
            kind=kind,
            base_url=str(data["base_url"]),
            auth=auth,
            default_model=str(data.get("default_model") or ""),
            # A version this Samtal doesn't know (a newer one's) is not sent: its rules are unknown here.
            api_version=version if (version := data.get("api_version")) in API_VERSIONS else DEFAULT_API_VERSION,
        )


_PROFILE_FIELDS = ("id", "kind", "base_url")


def _is_profile_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _is_str_dict(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) for k in value)


# --- the registry: every user setting, once ---

PROFILES: Option[list[dict[str, Any]]] = Option(
    "profiles", [], "Provider profiles (no tokens).", check=_is_profile_list, expected="an array of profiles (objects)"
)
ACTIVE_PROFILE: Option[str] = Option("active_profile", "", "Id of the profile used for new requests.")
SEND_WITH_CTRL_ENTER: Option[bool] = Option(
    "send_with_ctrl_enter", False, "Ctrl+Enter sends and Enter inserts a newline."
)
AI_TITLES: Option[bool] = Option("ai_titles", False, "Ask the model for a short title for new conversations.")
THEME: Option[str] = Option(
    "theme",
    "system",
    "system, light or dark.",
    check=lambda v: v in ("system", "light", "dark"),
    expected='"system", "light" or "dark"',
)
LANGUAGES: tuple[str, ...] = ("en", "sv")
"""The languages the window speaks (app/translations holds a catalogue for each; app.language names them)."""
LANGUAGE: Option[str] = Option(
    "language",
    "system",
    "The window's language: system (the system's, when Samtal speaks it), en or sv. The command line stays English.",
    check=lambda v: v == "system" or v in LANGUAGES,
    expected='"system", ' + ", ".join(f'"{code}"' for code in LANGUAGES),
)
DEFAULT_PARAMS: Option[dict[str, Any]] = Option(
    "default_params", {}, "Request parameters for new conversations.", check=_is_str_dict
)
DEFAULT_PRESET: Option[str] = Option("default_preset", "", "Name of the preset new conversations start with.")
PRICES: Option[dict[str, Any]] = Option(
    "prices",
    {},
    "Token prices the user set, by model id prefix (USD per million tokens); see app.chat.pricing.",
    check=_is_str_dict,
)

# --- window state, kept apart ---

WINDOW_GEOMETRY: Option[str] = Option("geometry", "", "Main window geometry (base64 of Qt's saveGeometry).")
WINDOW_STATE: Option[str] = Option("state", "", "Main window state (base64 of Qt's saveState).")
SPLITTER_STATE: Option[str] = Option("splitter", "", "Main splitter sizes (base64).")
PARAMS_PANEL_VISIBLE: Option[bool] = Option("params_panel_visible", True, "Parameters panel shown.")
SIDEBAR_VISIBLE: Option[bool] = Option("sidebar_visible", True, "Conversation list shown.")


@dataclass
class Settings:
    """The user's settings and the window state for one set of :class:`AppPaths`."""

    user: SettingsFile
    window: SettingsFile
    _profiles_cache: list[Profile] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, paths: AppPaths) -> Settings:
        """Read both files (defaults for what is missing or unusable; see :attr:`problems`)."""
        return cls(
            user=SettingsFile(paths.settings),
            window=SettingsFile(paths.config / "window-state.json"),
        )

    @property
    def problems(self) -> list[str]:
        """What went wrong reading the files, for the user ([] when nothing did)."""
        return [p for p in (self.user.problem, self.window.problem) if p]

    def set_aside_unusable(self) -> list[str]:
        """Set aside each file that could not be used (see :meth:`SettingsFile.set_aside`); what to tell the
        user about each. The window's doing: the command line never moves a user's file."""
        return [file.set_aside() for file in (self.user, self.window) if file.problem]

    @property
    def profiles_problem(self) -> str:
        """Why the profiles the user wrote may not all be here, in one line naming the file ("" when they
        are): the file can't be used, its profiles have the wrong shape, or one of them lacks a field."""
        problem = self.user.problem or self.user.check(PROFILES) or self.user.check(ACTIVE_PROFILE)
        if problem:
            return problem
        stored = self.user.get(PROFILES)
        for number, data in enumerate(stored, start=1):
            lacking = Profile.missing(data)
            if lacking:
                name = f" ({data['name']})" if isinstance(data.get("name"), str) and data["name"] else ""
                return f'{self.user.path} can\'t be used: its profile #{number}{name} has no "{lacking}"'
        return ""

    def save(self) -> None:
        """Write both files."""
        self.user.save()
        self.window.save()

    # profiles

    @property
    def profiles(self) -> list[Profile]:
        """Every usable profile, in the order they were added (a copy: change them with :meth:`put_profile`)."""
        if self._profiles_cache is None:
            loaded = (Profile.from_dict(d) for d in self.user.get(PROFILES))
            self._profiles_cache = [p for p in loaded if p is not None]
        return list(self._profiles_cache)

    def _store_profiles(self, profiles: Iterable[Profile]) -> None:
        items = list(profiles)
        self.user.set(PROFILES, [asdict(p) for p in items])
        self._profiles_cache = items

    def profile(self, name_or_id: str) -> Profile | None:
        """A profile by id, or by name (case-insensitive)."""
        for p in self.profiles:
            if p.id == name_or_id:
                return p
        wanted = name_or_id.casefold()
        return next((p for p in self.profiles if p.name.casefold() == wanted), None)

    @property
    def active_profile_id(self) -> str:
        """The id of the profile in use ("" when there is none)."""
        return self.user.get(ACTIVE_PROFILE)

    @property
    def active_profile(self) -> Profile | None:
        """The profile in use, or None."""
        active = self.active_profile_id
        return self.profile(active) if active else None

    def put_profile(self, profile: Profile, *, activate: bool = False) -> None:
        """Add a profile or replace the one with the same id."""
        profiles = self.profiles
        if any(p.id == profile.id for p in profiles):
            self._store_profiles(profile if p.id == profile.id else p for p in profiles)
        else:
            self._store_profiles([*profiles, profile])
        if activate or not self.active_profile_id:
            self.user.set(ACTIVE_PROFILE, profile.id)

    def remove_profile(self, profile_id: str) -> None:
        """Forget a profile (not its token); when it was the active one, the first left becomes active."""
        self._store_profiles(p for p in self.profiles if p.id != profile_id)
        if self.active_profile_id == profile_id:
            remaining = self.profiles
            self.user.set(ACTIVE_PROFILE, remaining[0].id if remaining else "")

    def set_active_profile(self, profile_id: str) -> None:
        """Use this profile from now on. Raises KeyError when there is none with that id."""
        if self.profile(profile_id) is None:
            raise KeyError(profile_id)
        self.user.set(ACTIVE_PROFILE, profile_id)
