"""Where Samtal keeps its files.

Data (the conversation store, attachments), configuration (settings, provider profiles; never tokens),
cache and logs each have a directory in the platform's usual place: XDG on Linux, ``~/Library/...`` on
macOS, ``%APPDATA%`` / ``%LOCALAPPDATA%`` on Windows.

``--data-dir DIR`` or ``SAMTAL_DATA_DIR`` moves *everything* into DIR (``DIR/config``, ``DIR/cache``,
``DIR/logs`` beside the store): a portable install, and the way tests isolate themselves. Qt-free.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "samtal"
DATA_DIR_ENV = "SAMTAL_DATA_DIR"
STORE_FILENAME = "samtal.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """The directories Samtal uses. Nothing is created until :meth:`ensure` is called."""

    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def store(self) -> Path:
        """The SQLite file holding every conversation."""
        return self.data / STORE_FILENAME

    @property
    def settings(self) -> Path:
        """The user's settings file (provider profiles included; never tokens)."""
        return self.config / "settings.json"

    @property
    def window_state(self) -> Path:
        """What the window remembers between runs (layout, the conversation on screen; see app.settings)."""
        return self.config / "window-state.json"

    def ensure(self, *, strict: bool = True) -> AppPaths:
        """Create the directories (private to the user) and return self. Not ``strict``: a directory that
        can't be created is left out (in a read-only data folder the window still opens, to read)."""
        for directory in self.all():
            try:
                directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError:
                if strict:
                    raise
        return self

    def all(self) -> tuple[Path, ...]:
        """Every directory Samtal writes to."""
        return (self.data, self.config, self.cache, self.logs)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> AppPaths:
    """The paths for this run: ``data_dir`` wins, then ``SAMTAL_DATA_DIR``, then the platform's places."""
    env = os.environ if environ is None else environ
    chosen = data_dir if data_dir is not None else env.get(DATA_DIR_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().absolute()
        return AppPaths(data=root, config=root / "config", cache=root / "cache", logs=root / "logs")
    return _platform_paths(env)


def _platform_paths(env: Mapping[str, str]) -> AppPaths:
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "win32":
        roaming = Path(env.get("APPDATA") or home / "AppData" / "Roaming") / "Samtal"
        local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local") / "Samtal"
        return AppPaths(data=roaming, config=roaming / "config", cache=local / "cache", logs=local / "logs")
    if sys.platform == "darwin":
        lib = home / "Library"
        return AppPaths(
            data=lib / "Application Support" / "Samtal",
            config=lib / "Preferences" / "Samtal",
            cache=lib / "Caches" / "Samtal",
            logs=lib / "Logs" / "Samtal",
        )

    def xdg(var: str, default: Path) -> Path:
        value = env.get(var, "")
        # The XDG spec says relative paths are invalid and must be ignored.
        return Path(value) if value and Path(value).is_absolute() else default

    state = xdg("XDG_STATE_HOME", home / ".local" / "state")
    return AppPaths(
        data=xdg("XDG_DATA_HOME", home / ".local" / "share") / APP_NAME,
        config=xdg("XDG_CONFIG_HOME", home / ".config") / APP_NAME,
        cache=xdg("XDG_CACHE_HOME", home / ".cache") / APP_NAME,
        logs=state / APP_NAME / "logs",
    )
