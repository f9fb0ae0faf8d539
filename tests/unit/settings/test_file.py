"""One settings file: types checked on set and on load, unknown keys kept, atomic saves, unusable files
reported in one line naming them and never moved or overwritten by reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.settings import FORMAT, SettingsFile
from app.settings.options import ACTIVE_PROFILE, PROFILES, SEND_WITH_CTRL_ENTER, THEME, WINDOW_GEOMETRY


def test_wrong_types_are_refused_on_set_and_ignored_on_load(tmp_path: Path) -> None:
    f = SettingsFile(tmp_path / "s.json", "user")
    with pytest.raises(TypeError):
        f.set(SEND_WITH_CTRL_ENTER, "yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        f.set(THEME, "purple")
    (tmp_path / "s.json").write_text(json.dumps({"version": 1, "send_with_ctrl_enter": "yes", "extra": 1}))
    f = SettingsFile(tmp_path / "s.json", "user")
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
        f"it was written by a newer version of Samtal (settings format 99; this version reads format {FORMAT})",
    ),
]


@pytest.mark.parametrize(("content", "reason"), UNUSABLE)
def test_an_unusable_file_is_one_line_naming_it_and_is_never_moved_or_overwritten(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    f = SettingsFile(path, "user")
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
    f = SettingsFile(path, "user")
    assert f.problem == f"{path} can't be used: it is not UTF-8 text (byte 0x80 at offset 11)"
    assert f.get(THEME) == "system"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_a_value_of_the_wrong_shape_is_named_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "purple", "send_with_ctrl_enter": "yes", "profiles": {"id": "x"}}))
    f = SettingsFile(path, "user")
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
    f = SettingsFile(tmp_path / "sub" / "s.json", "user")
    f.set(THEME, "dark")
    f.save()
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["s.json"]  # no temp file left behind
    assert (tmp_path / "sub" / "s.json").stat().st_mode & 0o777 == 0o600


def test_a_file_knows_whether_it_changed_since_it_was_read_or_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": FORMAT, "theme": "dark"}))
    f = SettingsFile(path, "user")
    assert (f.version, f.changed) == (FORMAT, False)
    f.reset(ACTIVE_PROFILE)  # nothing there: nothing changes
    assert f.changed is False
    f.set(THEME, "light")
    assert f.changed is True
    f.save()
    assert f.changed is False
    f.reset(THEME)
    assert f.changed is True


def test_a_file_refuses_an_option_another_file_keeps(tmp_path: Path) -> None:
    f = SettingsFile(tmp_path / "settings.json", "user")
    with pytest.raises(ValueError, match="'geometry' is kept in the state file"):
        f.get(WINDOW_GEOMETRY)
    with pytest.raises(ValueError, match="'geometry' is kept in the state file"):
        f.set(WINDOW_GEOMETRY, "AAAA")
