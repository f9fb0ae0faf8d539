"""`Settings`: the two settings files of one set of paths, read through the options declared in
:mod:`app.settings.options`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from app.paths import AppPaths
from app.settings._file import SettingsFile
from app.settings._option import Option
from app.settings._profile import Profile
from app.settings._upgrades import FORMAT, upgrade
from app.settings.options import ACTIVE_PROFILE, PROFILES

T = TypeVar("T")


@dataclass
class Settings:
    """The user's settings and what Samtal remembers between runs, for one set of :class:`AppPaths`.

    Options are read and written here (:meth:`get`, :meth:`set`, :meth:`reset`), each in the file its
    declaration names; :meth:`save` writes the files that changed."""

    user: SettingsFile
    state: SettingsFile
    _profiles_cache: list[Profile] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, paths: AppPaths) -> Settings:
        """Read both files (defaults for what is missing or unusable; see :attr:`problems`), upgraded from an
        older format in memory (written at the next :meth:`save`)."""
        settings = cls(user=SettingsFile(paths.settings, "user"), state=SettingsFile(paths.window_state, "state"))
        settings._upgrade()
        return settings

    def _upgrade(self) -> None:
        files = (self.user, self.state)
        versions = [file.version for file in files if file.version is not None]
        if not versions or min(versions) >= FORMAT:
            return
        changed = upgrade({file.section: file.values for file in files}, min(versions))
        for file in files:
            file.changed = file.changed or file.section in changed

    def get(self, option: Option[T]) -> T:
        """The value of ``option``, from the file that keeps it (its default when unset or unusable)."""
        return self._file(option).get(option)

    def set(self, option: Option[T], value: T) -> None:
        """Change a value (kept in memory until :meth:`save`). Raises TypeError for a value of the wrong shape."""
        self._file(option).set(option, value)
        if option is PROFILES:
            self._profiles_cache = None

    def reset(self, option: Option[Any]) -> None:
        """Go back to the default (the key leaves its file at the next save)."""
        self._file(option).reset(option)
        if option is PROFILES:
            self._profiles_cache = None

    def _file(self, option: Option[Any]) -> SettingsFile:
        return self.user if option.section == "user" else self.state

    @property
    def problems(self) -> list[str]:
        """What went wrong reading the files, for the user ([] when nothing did)."""
        return [p for p in (self.user.problem, self.state.problem) if p]

    def set_aside_unusable(self) -> list[str]:
        """Set aside each file that could not be used (see :meth:`SettingsFile.set_aside`); what to tell the
        user about each. The window's doing: the command line never moves a user's file."""
        return [file.set_aside() for file in (self.user, self.state) if file.problem]

    @property
    def profiles_problem(self) -> str:
        """Why the profiles the user wrote may not all be here, in one line naming the file ("" when they
        are): the file can't be used, its profiles have the wrong shape, or one of them lacks a field."""
        problem = self.user.problem or self.user.check(PROFILES) or self.user.check(ACTIVE_PROFILE)
        if problem:
            return problem
        stored = self.get(PROFILES)
        for number, data in enumerate(stored, start=1):
            lacking = Profile.missing(data)
            if lacking:
                name = f" ({data['name']})" if isinstance(data.get("name"), str) and data["name"] else ""
                return f'{self.user.path} can\'t be used: its profile #{number}{name} has no "{lacking}"'
        return ""

    def save(self) -> None:
        """Write the files whose values changed, the window state first: an upgrade may have moved values
        from the user's file to it, and they must not be lost if only one write succeeds. Raises OSError."""
        for file in (self.state, self.user):
            if file.changed:
                file.save()

    # profiles

    @property
    def profiles(self) -> list[Profile]:
        """Every usable profile, in the order they were added (a copy: change them with :meth:`put_profile`)."""
        if self._profiles_cache is None:
            loaded = (Profile.from_dict(d) for d in self.get(PROFILES))
            self._profiles_cache = [p for p in loaded if p is not None]
        return list(self._profiles_cache)

    def _store_profiles(self, profiles: Iterable[Profile]) -> None:
        items = list(profiles)
        self.set(PROFILES, [asdict(p) for p in items])
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
        return self.get(ACTIVE_PROFILE)

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
            self.set(ACTIVE_PROFILE, profile.id)

    def remove_profile(self, profile_id: str) -> None:
        """Forget a profile (not its token); when it was the active one, the first left becomes active."""
        self._store_profiles(p for p in self.profiles if p.id != profile_id)
        if self.active_profile_id == profile_id:
            remaining = self.profiles
            self.set(ACTIVE_PROFILE, remaining[0].id if remaining else "")

    def set_active_profile(self, profile_id: str) -> None:
        """Use this profile from now on. Raises KeyError when there is none with that id."""
        if self.profile(profile_id) is None:
            raise KeyError(profile_id)
        self.set(ACTIVE_PROFILE, profile_id)
