"""Settings over two files: each option read and written in the file that keeps it, saved when changed, an
unusable file set aside by the window, profiles."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from app.paths import resolve_paths
from app.settings import FORMAT, Option, Profile, Settings
from app.settings.options import (
    ACTIVE_PROFILE,
    DEFAULT_PARAMS,
    LAST_CONVERSATION,
    NEW_DRAFT,
    PROFILES,
    SEND_WITH_CTRL_ENTER,
    THEME,
    WINDOW_GEOMETRY,
)


def test_defaults_then_saved_values_survive_a_restart(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    settings = Settings.load(paths)
    assert settings.get(SEND_WITH_CTRL_ENTER) is False
    settings.set(SEND_WITH_CTRL_ENTER, True)
    settings.set(WINDOW_GEOMETRY, "AAAA")
    settings.save()
    again = Settings.load(paths)
    assert again.get(SEND_WITH_CTRL_ENTER) is True
    assert again.get(WINDOW_GEOMETRY) == "AAAA"
    # Window state is kept apart from the user's settings.
    assert "geometry" not in json.loads(paths.settings.read_text())
    assert json.loads(paths.window_state.read_text())["geometry"] == "AAAA"


def test_values_keep_their_key_order_and_the_file_its_own(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    settings = Settings.load(paths)
    schema = {"type": "object", "properties": {"reasoning": {"type": "string"}, "answer": {"type": "string"}}}
    params = {"model": "claude-x", "tools": [{"name": "give_answer", "input_schema": schema}]}
    settings.set(DEFAULT_PARAMS, params)
    settings.set(THEME, "dark")
    settings.save()
    again = Settings.load(paths).get(DEFAULT_PARAMS)
    assert json.dumps(again) == json.dumps(params)  # the schema's properties as written, not sorted
    keys = list(json.loads(paths.settings.read_text()))
    assert keys[0] == "version"
    assert keys[1:] == sorted(keys[1:])


def test_each_option_goes_to_the_file_that_keeps_it_and_only_changed_files_are_written(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    paths.ensure()
    by_hand = f'{{"version": {FORMAT},   "theme": "dark"}}'  # the user's own spacing
    paths.settings.write_text(by_hand)
    settings = Settings.load(paths)
    settings.set(NEW_DRAFT, "half a thought")
    settings.set(LAST_CONVERSATION, 7)
    settings.save()
    assert paths.settings.read_text() == by_hand  # nothing of the user's changed: their file is not rewritten
    assert json.loads(paths.window_state.read_text()) == {
        "version": FORMAT,
        "last_conversation": 7,
        "new_conversation_draft": "half a thought",
    }
    settings.reset(NEW_DRAFT)
    settings.set(SEND_WITH_CTRL_ENTER, True)
    settings.save()
    assert json.loads(paths.settings.read_text()) == {"version": FORMAT, "send_with_ctrl_enter": True, "theme": "dark"}
    assert "new_conversation_draft" not in json.loads(paths.window_state.read_text())


def test_an_option_declared_outside_the_registry_is_refused(tmp_path: Path) -> None:
    settings = Settings.load(resolve_paths(tmp_path))
    stray = Option("theme", "system", "A second theme, declared elsewhere.", section="user")
    with pytest.raises(ValueError, match=r"'theme' is not declared in app\.settings\.options"):
        settings.get(stray)
    with pytest.raises(ValueError, match="not declared"):
        settings.set(stray, "dark")


def test_profiles_written_as_an_option_are_read_back_as_profiles(tmp_path: Path) -> None:
    settings = Settings.load(resolve_paths(tmp_path))
    assert settings.profiles == []  # read (and kept) once
    work = Profile.new("Work", "anthropic")
    settings.set(PROFILES, [asdict(work)])
    assert settings.profiles == [work]
    settings.reset(PROFILES)
    assert settings.profiles == []


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
    settings.set(THEME, "dark")
    settings.save()
    assert json.loads(paths.settings.read_text())["theme"] == "dark"
    assert settings.set_aside_unusable() == [said]  # said again, moved once
    assert len(list(paths.config.glob("settings.json.broken-*"))) == 1


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
    assert reloaded.get(ACTIVE_PROFILE) == ace.id
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
