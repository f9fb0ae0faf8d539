"""Typed settings in JSON: defaults, types, atomic saves, unusable files reported (never moved by reading), profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.paths import resolve_paths
from app.settings import (
    ACTIVE_PROFILE,
    DEFAULT_PARAMS,
    PROFILES,
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


UNUSABLE = [
    ("{not json", "it is not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
    (
        '{\n  "theme": "dark"\n  "ai_titles": true\n}\n',
        "it is not valid JSON: Expecting ',' delimiter (line 3, column 3)",
    ),
    ("", "it is not valid JSON: Expecting value (line 1, column 1)"),
    ("[1, 2]", "it should hold a JSON object of settings, not an array"),
    ('"settings"', "it should hold a JSON object of settings, not a string"),
    ('{"version": "1"}', 'its "version" should be a number, not a string'),
    (
        '{"version": 99}',
        "it was written by a newer version of Samtal (settings format 99; this version reads format 1)",
    ),
]


@pytest.mark.parametrize(("content", "reason"), UNUSABLE)
def test_an_unusable_file_is_one_line_naming_it_and_is_never_moved_or_overwritten(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    f = SettingsFile(path)
    assert f.problem == f"{path} can't be used: {reason}"
    assert f.get(THEME) == "system"
    f.set(THEME, "dark")
    with pytest.raises(OSError, match="not overwritten"):
        f.save()
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    assert path.read_text() == content


def test_a_file_that_is_not_utf8_says_where(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"theme": "\x80dark"}')
    f = SettingsFile(path)
    assert f.problem == f"{path} can't be used: it is not UTF-8 text (byte 0x80 at offset 11)"
    assert f.get(THEME) == "system"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_the_window_sets_an_unusable_file_aside_and_says_where_it_went(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    paths.ensure()
    paths.settings.write_text("{oops")
    settings = Settings.load(paths)
    (said,) = settings.set_aside_unusable()
    (aside,) = paths.config.glob("settings.json.broken-*")
    assert aside.read_text() == "{oops"
    assert said == (
        f"{paths.settings} can't be used: it is not valid JSON: Expecting property name enclosed in double quotes "
        f"(line 1, column 2). It was kept as {aside.name} and the default settings are used"
    )
    settings.user.set(THEME, "dark")
    settings.save()
    assert json.loads(paths.settings.read_text())["theme"] == "dark"
    assert settings.set_aside_unusable() == [said]  # said again, moved once
    assert len(list(paths.config.glob("settings.json.broken-*"))) == 1


def test_a_value_of_the_wrong_shape_is_named_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "purple", "send_with_ctrl_enter": "yes", "profiles": {"id": "x"}}))
    f = SettingsFile(path)
    assert f.problem == ""
    assert (f.get(THEME), f.get(SEND_WITH_CTRL_ENTER)) == ("system", False)
    assert f.check(THEME) == f'{path} can\'t be used: its "theme" should be "system", "light" or "dark", not a string'
    assert f.check(SEND_WITH_CTRL_ENTER) == (
        f'{path} can\'t be used: its "send_with_ctrl_enter" should be true or false, not a string'
    )
    assert f.check(PROFILES) == (
        f'{path} can\'t be used: its "profiles" should be an array of profiles (objects), not an object'
    )
    assert f.check(ACTIVE_PROFILE) == ""  # absent: the default, nothing wrong


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
    loaded = Settings.load(paths)
    assert [p.id for p in loaded.profiles] == ["y"]
    assert loaded.profiles_problem == f'{paths.settings} can\'t be used: its profile #1 has no "kind"'


def test_profiles_problem_names_the_file_whatever_is_wrong(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    paths.ensure()
    assert Settings.load(paths).profiles_problem == ""  # no file: nothing wrong
    cases = {
        '{"profiles": [}': "it is not valid JSON: Expecting value (line 1, column 15)",
        '{"profiles": "work"}': 'its "profiles" should be an array of profiles (objects), not a string',
        '{"active_profile": 3}': 'its "active_profile" should be a string, not a number',
        '{"profiles": [{"id": "w", "name": "work", "kind": "custom"}]}': 'its profile #1 (work) has no "base_url"',
    }
    for content, reason in cases.items():
        paths.settings.write_text(content)
        assert Settings.load(paths).profiles_problem == f"{paths.settings} can't be used: {reason}", content
