"""One settings file: JSON values of the options of one section, read once, written atomically.

A file that can't be used (not JSON, the wrong shape, from a newer Samtal) is never moved or overwritten by
reading it: the defaults are used, :attr:`SettingsFile.problem` says in one line what is wrong and where
(``<file> can't be used: it is not valid JSON: ... (line 3, column 5)``), and :meth:`SettingsFile.save`
refuses to write over it until :meth:`SettingsFile.set_aside` has moved it away (the window's doing, never
the command line's).
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any, TypeVar, cast

from app.settings._option import Option, Section, json_kind
from app.settings._upgrades import FORMAT
from app.settings.options import REGISTRY

log = logging.getLogger(__name__)

T = TypeVar("T")


class SettingsFile:
    """The values of one section's options (see :data:`~app.settings.Section`) in a JSON file. Unknown keys
    are kept (a newer minor version may use them); :class:`~app.settings.Settings` upgrades the values of an
    older format (see ``_upgrades.py``)."""

    def __init__(self, path: Path, section: Section) -> None:
        self.path = path
        self.section: Section = section
        self.problem = ""
        """What is wrong with the file, in one line that names it ("" when nothing is)."""
        self.unusable = False
        """The file is there but could not be used: :meth:`save` won't write over it (see :meth:`set_aside`)."""
        self.version: int | None = None
        """The format the file was written in (None: there is no usable file)."""
        self.changed = False
        """Values were changed since the file was read or written: :meth:`Settings.save` writes it."""
        self.values: dict[str, Any] = {}
        """The values as stored, by key (for upgrades; options are read with :meth:`get`)."""
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
                raise ValueError(f"it should hold a JSON object of settings, not {json_kind(data)}")
            version = data.pop("version", 1)
            if not isinstance(version, int) or isinstance(version, bool):
                raise ValueError(f'its "version" should be a number, not {json_kind(version)}')
            if version > FORMAT:
                raise ValueError(
                    f"it was written by a newer version of Samtal (settings format {version}; "
                    f"this version reads format {FORMAT})"
                )
        except ValueError as exc:
            self.problem = f"{self.path} can't be used: {_reason(exc)}"
            self.unusable = True
            log.info("%s", self.problem)
            return
        self.version = version
        self.values = data

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
        self._require(option)
        value = self.values.get(option.key, option.default)
        if value is not option.default and not option.accepts(value):
            log.info("%s", self.check(option))
            return option.default
        return cast(T, value)

    def check(self, option: Option[Any]) -> str:
        """What is wrong with the stored value of ``option``, naming the file ("" when it is usable or absent)."""
        self._require(option)
        if option.key not in self.values or option.accepts(self.values[option.key]):
            return ""
        found = json_kind(self.values[option.key])
        return f'{self.path} can\'t be used: its "{option.key}" should be {option.describe_expected()}, not {found}'

    def set(self, option: Option[T], value: T) -> None:
        """Change a value (kept in memory until :meth:`save`). Raises TypeError for a value of the wrong shape."""
        self._require(option)
        if not option.accepts(value):
            raise TypeError(f"setting {option.key} does not accept {type(value).__name__}")
        self.values[option.key] = value
        self.changed = True

    def reset(self, option: Option[Any]) -> None:
        """Go back to the default (the key leaves the file at the next save)."""
        self._require(option)
        if option.key in self.values:
            del self.values[option.key]
            self.changed = True

    def _require(self, option: Option[Any]) -> None:
        """Refuse an option this file does not keep: a programming error, said at once."""
        if not REGISTRY.declares(option):
            raise ValueError(f"the option {option.key!r} is not declared in app.settings.options")
        if option.section != self.section:
            raise ValueError(f"the option {option.key!r} is kept in the {option.section} file, not in {self.path}")

    def save(self) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact. Raises OSError, also when the
        file there could not be used and has not been set aside (it is the user's: never written over)."""
        if self.unusable:
            raise PermissionError(errno.EPERM, f"{self.problem}; it is not overwritten", str(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # The settings in key order (a stable file), each value as it came: parameters hold tool schemas,
        # whose key order the model sees.
        values = {"version": FORMAT, **dict(sorted(self.values.items()))}
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
        self.version = FORMAT
        self.changed = False


def _reason(exc: ValueError) -> str:
    """What is wrong with a file's text, with the line and column for bad JSON."""
    if isinstance(exc, json.JSONDecodeError):
        return f"it is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    if isinstance(exc, UnicodeDecodeError):
        return f"it is not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start})"
    return str(exc)
