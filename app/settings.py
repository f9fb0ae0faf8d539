"""Typed settings, each declared once with its type and default, kept in a small JSON file.

Qt-free on purpose: the ``samtal`` command line reads the provider profiles without importing Qt.
User settings (``settings.json``) are kept apart from window state (``window-state.json``), so a reset of
the window never touches the user's choices. Files are written atomically (temp file + rename) and are
private to the user. Tokens are never stored here: they live in the OS keyring (:mod:`app.secrets`).

A file that can't be read (corrupt, or from a newer Samtal) is set aside as ``<name>.broken-<time>``,
never silently overwritten, and the defaults are used; :attr:`SettingsFile.problem` says what happened.
"""

from __future__ import annotations

import contextlib
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


class SettingsFile:
    """A JSON file of :class:`Option` values. Unknown keys are kept (a newer minor version may use them)."""

    VERSION = 1

    def __init__(self, path: Path, upgrades: dict[int, Callable[[dict[str, Any]], None]] | None = None) -> None:
        self.path = path
        self.problem = ""
        self._upgrades = upgrades or {}
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()  # decoded by json.loads, where bad UTF-8 is a ValueError like bad JSON
        except FileNotFoundError:
            return
        except OSError as exc:
            self.problem = f"Could not read {self.path}: {exc.strerror}. Using defaults."
            return
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            version = data.get("version", 1)
            if not isinstance(version, int) or version > self.VERSION:
                raise ValueError(f"written by a newer Samtal (format {version})")
        except ValueError as exc:
            aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
            with contextlib.suppress(OSError):
                self.path.replace(aside)
            self.problem = f"{self.path} could not be used ({exc}); it was kept as {aside.name} and defaults are used."
            log.warning("%s", self.problem)
            return
        for target in range(version + 1, self.VERSION + 1):
            if target in self._upgrades:
                self._upgrades[target](data)
        data.pop("version", None)
        self._values = data

    def get(self, option: Option[T]) -> T:
        """The stored value, or the default when there is none or it has the wrong shape."""
        value = self._values.get(option.key, option.default)
        if value is not option.default and not option.accepts(value):
            log.warning("setting %s has an unexpected value; using the default", option.key)
            return option.default
        return cast(T, value)

    def set(self, option: Option[T], value: T) -> None:
        """Change a value (kept in memory until :meth:`save`). Raises TypeError for a value of the wrong shape."""
        if not option.accepts(value):
            raise TypeError(f"setting {option.key} does not accept {type(value).__name__}")
        self._values[option.key] = value

    def reset(self, option: Option[Any]) -> None:
        """Go back to the default (the key leaves the file at the next save)."""
        self._values.pop(option.key, None)

    def save(self) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact."""
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


# --- provider profiles ---


@dataclass(frozen=True)
class Profile:
    """A way to reach the Messages API: where, and how the token is sent. The token is in the keyring."""

    id: str
    name: str
    kind: ProviderKind
    base_url: str
    auth: AuthStyle
    default_model: str = ""

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
        try:
            kind: ProviderKind = data["kind"] if data["kind"] in ("anthropic", "acedata", "custom") else "custom"
            auth: AuthStyle = data["auth"] if data.get("auth") in ("x-api-key", "bearer") else "x-api-key"
            return cls(
                id=str(data["id"]),
                name=str(data.get("name") or data["id"]),
                kind=kind,
                base_url=str(data["base_url"]),
                auth=auth,
                default_model=str(data.get("default_model") or ""),
            )
        except (KeyError, TypeError):
            return None


def _is_profile_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _is_str_dict(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) for k in value)


# --- the registry: every user setting, once ---

PROFILES: Option[list[dict[str, Any]]] = Option(
    "profiles", [], "Provider profiles (no tokens).", check=_is_profile_list
)
ACTIVE_PROFILE: Option[str] = Option("active_profile", "", "Id of the profile used for new requests.")
SEND_WITH_CTRL_ENTER: Option[bool] = Option(
    "send_with_ctrl_enter", False, "Ctrl+Enter sends and Enter inserts a newline."
)
AI_TITLES: Option[bool] = Option("ai_titles", False, "Ask the model for a short title for new conversations.")
THEME: Option[str] = Option(
    "theme", "system", "system, light or dark.", check=lambda v: v in ("system", "light", "dark")
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
