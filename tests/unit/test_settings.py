"""Typed settings in JSON: defaults, types, atomic saves, broken files set aside, profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.paths import resolve_paths
from app.settings import (
    ACTIVE_PROFILE,
    DEFAULT_PARAMS,
    SEND_WITH_CTRL_ENTER,
    THEME,
    WINDOW_GEOMETRY,
    Profile,
    Settings,
    SettingsFile,
)


def test_defaults_then_saved_values_survive_a_restart(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    settings = Settings.load(paths)
    assert settings.user.get(SEND_WITH_CTRL_ENTER) is False
    settings.user.set(SEND_WITH_CTRL_ENTER, True)
    settings.window.set(WINDOW_GEOMETRY, "AAAA")
    settings.save()
    again = Settings.load(paths)
    assert again.user.get(SEND_WITH_CTRL_ENTER) is True
    assert again.window.get(WINDOW_GEOMETRY) == "AAAA"
    # Window state is kept apart from the user's settings.
    assert "geometry" not in json.loads(paths.settings.read_text())


def test_values_keep_their_key_order_and_the_file_its_own(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    settings = Settings.load(paths)
    schema = {"type": "object", "properties": {"reasoning": {"type": "string"}, "answer": {"type": "string"}}}
    params = {"model": "claude-x", "tools": [{"name": "give_answer", "input_schema": schema}]}
    settings.user.set(DEFAULT_PARAMS, params)
    settings.user.set(THEME, "dark")
    settings.save()
    again = Settings.load(paths).user.get(DEFAULT_PARAMS)
    assert json.dumps(again) == json.dumps(params)  # the schema's properties as written, not sorted
    keys = list(json.loads(paths.settings.read_text()))
    assert keys[0] == "version"
    assert keys[1:] == sorted(keys[1:])


def test_wrong_types_are_refused_on_set_and_ignored_on_load(tmp_path: Path) -> None:
    f = SettingsFile(tmp_path / "s.json")
    with pytest.raises(TypeError):
        f.set(SEND_WITH_CTRL_ENTER, "yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        f.set(THEME, "purple")
    (tmp_path / "s.json").write_text(json.dumps({"version": 1, "send_with_ctrl_enter": "yes", "extra": 1}))
    f = SettingsFile(tmp_path / "s.json")
    assert f.get(SEND_WITH_CTRL_ENTER) is False
    f.save()
    assert json.loads((tmp_path / "s.json").read_text())["extra"] == 1  # unknown keys kept


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"version": 99}'])
def test_unusable_file_is_set_aside_not_overwritten(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    f = SettingsFile(path)
    assert "could not be used" in f.problem
    assert f.get(THEME) == "system"
    aside = list(tmp_path.glob("settings.json.broken-*"))
    assert len(aside) == 1
    assert aside[0].read_text() == content
    f.save()
    assert json.loads(path.read_text())["version"] == 1


def test_a_file_that_is_not_utf8_is_set_aside_too(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"theme": "\x80dark"}')
    f = SettingsFile(path)
    assert "could not be used" in f.problem
    assert f.get(THEME) == "system"
    assert [p.read_bytes() for p in tmp_path.glob("settings.json.broken-*")] == [b'{"theme": "\x80dark"}']


def test_save_is_atomic_and_private(tmp_path: Path) -> None:
    f = SettingsFile(tmp_path / "sub" / "s.json")
    f.set(THEME, "dark")
    f.save()
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["s.json"]  # no temp file left behind


def test_profiles_add_replace_activate_remove(tmp_path: Path) -> None:
    settings = Settings.load(resolve_paths(tmp_path))
    assert settings.profiles == []
    ace = Profile.new("Ace", "acedata")
    assert (ace.base_url, ace.auth) == ("https://api.acedata.cloud", "bearer")
    settings.put_profile(ace)
    assert settings.active_profile == ace  # the first profile becomes active
    direct = Profile.new("Work", "anthropic")
    settings.put_profile(direct, activate=True)
    assert settings.active_profile_id == direct.id
    renamed = Profile(**{**direct.__dict__, "name": "Office"})
    settings.put_profile(renamed)
    assert [p.name for p in settings.profiles] == ["Ace", "Office"]
    assert settings.profile("office") == renamed
    settings.save()
    reloaded = Settings.load(resolve_paths(tmp_path))
    assert reloaded.profiles == [ace, renamed]
    reloaded.remove_profile(renamed.id)
    assert reloaded.user.get(ACTIVE_PROFILE) == ace.id
    with pytest.raises(KeyError):
        reloaded.set_active_profile("nope")


def test_malformed_profile_entries_are_skipped(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    paths.ensure()
    paths.settings.write_text(
        json.dumps(
            {
                "version": 1,
                "profiles": [{"id": "x"}, {"id": "y", "kind": "acedata", "base_url": "u", "auth": "bearer"}],
            }
        )
    )
    assert [p.id for p in Settings.load(paths).profiles] == ["y"]
