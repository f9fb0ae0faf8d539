"""Settings files written by an older Samtal: upgraded when read, nothing lost, written only when saved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.paths import AppPaths, resolve_paths
from app.settings import FORMAT, Profile, Settings
from app.settings._upgrades import UPGRADES, Values, upgrade
from app.settings.options import (
    DEFAULT_PARAMS,
    LAST_CONVERSATION,
    NEW_DRAFT,
    NEW_PARAMS,
    SIDEBAR_VISIBLE,
    THEME,
    WINDOW_GEOMETRY,
)

# As Samtal wrote them in format 1: the new conversation's draft and parameters with the user's settings.
FORMAT_1_USER = {
    "version": 1,
    "active_profile": "work-1",
    "default_params": {"model": "claude-x", "temperature": 0.3},
    "new_conversation_draft": "a thought typed before closing",
    "new_conversation_params": {"model": "claude-y", "system": "Be brief."},
    "profiles": [
        {"id": "work-1", "name": "Work", "kind": "custom", "base_url": "http://127.0.0.1:1", "auth": "x-api-key"}
    ],
    "some_key_of_a_newer_minor_version": [1, 2],
    "theme": "dark",
}
FORMAT_1_STATE = {"version": 1, "geometry": "AAAA", "last_conversation": 12, "sidebar_visible": False}


def _write(path: Path, values: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values, indent=2))


def _read(path: Path) -> dict[str, Any]:
    values: dict[str, Any] = json.loads(path.read_text())
    return values


@pytest.fixture
def format_1(tmp_path: Path) -> AppPaths:
    paths = resolve_paths(tmp_path)
    _write(paths.settings, FORMAT_1_USER)
    _write(paths.window_state, FORMAT_1_STATE)
    return paths


def test_format_1_files_are_upgraded_without_losing_a_value(format_1: AppPaths) -> None:
    settings = Settings.load(format_1)
    assert settings.problems == []
    assert settings.get(NEW_DRAFT) == "a thought typed before closing"
    assert settings.get(NEW_PARAMS) == {"model": "claude-y", "system": "Be brief."}
    assert (settings.get(THEME), settings.get(DEFAULT_PARAMS)) == ("dark", {"model": "claude-x", "temperature": 0.3})
    assert (settings.get(WINDOW_GEOMETRY), settings.get(LAST_CONVERSATION), settings.get(SIDEBAR_VISIBLE)) == (
        "AAAA",
        12,
        False,
    )
    assert settings.active_profile == Profile("work-1", "Work", "custom", "http://127.0.0.1:1", "x-api-key")

    settings.save()
    user, state = _read(format_1.settings), _read(format_1.window_state)
    assert user["version"] == state["version"] == FORMAT
    assert "new_conversation_draft" not in user
    assert "new_conversation_params" not in user
    # Every value is still there, each in one file: the two files together hold what they held before.
    before = {k: v for k, v in (FORMAT_1_USER | FORMAT_1_STATE).items() if k != "version"}
    after = {k: v for k, v in (user | state).items() if k != "version"}
    assert after == before
    assert set(user).isdisjoint(set(state) - {"version"})

    again = Settings.load(format_1)
    assert again.get(NEW_DRAFT) == "a thought typed before closing"
    assert again.get(NEW_PARAMS) == {"model": "claude-y", "system": "Be brief."}
    assert (again.user.changed, again.state.changed) == (False, False)  # nothing left to upgrade


def test_reading_an_older_file_rewrites_nothing(format_1: AppPaths) -> None:
    before = (format_1.settings.read_bytes(), format_1.window_state.read_bytes())
    settings = Settings.load(format_1)  # as the command line does: it reads, and never saves
    assert settings.get(NEW_DRAFT) == "a thought typed before closing"
    assert (format_1.settings.read_bytes(), format_1.window_state.read_bytes()) == before
    assert sorted(p.name for p in format_1.config.iterdir()) == ["settings.json", "window-state.json"]


def test_a_format_1_user_file_without_window_state_gets_one(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    _write(paths.settings, FORMAT_1_USER)
    settings = Settings.load(paths)
    assert settings.get(NEW_DRAFT) == "a thought typed before closing"
    settings.save()
    assert _read(paths.window_state)["new_conversation_draft"] == "a thought typed before closing"


def test_an_upgrade_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    """A format-1 file without a new conversation's draft holds what format 2 would: an older Samtal can
    still read it until the user changes a setting."""
    paths = resolve_paths(tmp_path)
    _write(paths.settings, {"version": 1, "theme": "dark"})
    before = paths.settings.read_bytes()
    settings = Settings.load(paths)
    settings.set(LAST_CONVERSATION, 3)
    settings.save()
    assert paths.settings.read_bytes() == before
    assert _read(paths.window_state) == {"version": FORMAT, "last_conversation": 3}


def test_the_draft_stays_in_the_users_file_until_the_window_state_is_written(format_1: AppPaths) -> None:
    format_1.window_state.unlink()
    format_1.window_state.mkdir()  # the window state can't be written
    settings = Settings.load(format_1)
    assert settings.get(NEW_DRAFT) == "a thought typed before closing"
    with pytest.raises(OSError):
        settings.save()
    assert _read(format_1.settings) == FORMAT_1_USER  # not written either: the draft is still kept there


def test_a_draft_already_in_the_window_state_is_the_newer_one(format_1: AppPaths) -> None:
    """The window state was upgraded and written, the user's file was not (it could not be): what was typed
    since is in the window state, and the user's copy is the older one."""
    _write(format_1.window_state, {**FORMAT_1_STATE, "version": FORMAT, "new_conversation_draft": "typed since"})
    settings = Settings.load(format_1)
    assert settings.get(NEW_DRAFT) == "typed since"
    assert settings.get(NEW_PARAMS) == {"model": "claude-y", "system": "Be brief."}  # only the user's file had them
    settings.save()
    assert "new_conversation_draft" not in _read(format_1.settings)
    assert _read(format_1.window_state)["new_conversation_draft"] == "typed since"


def test_upgrades_run_in_order_from_the_files_format_on() -> None:
    ran: list[int] = []

    def hook(number: int) -> Any:
        def run(values: Values) -> None:
            ran.append(number)
            values["state"][f"added_by_{number}"] = True

        return run

    values: Values = {"user": {"theme": "dark"}, "state": {}}
    changed = upgrade(values, 2, {4: hook(4), 2: hook(2), 3: hook(3)})
    assert ran == [3, 4]
    assert changed == {"state"}
    assert values == {"user": {"theme": "dark"}, "state": {"added_by_3": True, "added_by_4": True}}


def test_the_format_is_the_newest_upgrades() -> None:
    assert max(UPGRADES) == FORMAT
    assert all(hook.__doc__ for hook in UPGRADES.values()), "an upgrade says what changed"
