"""Where files go: platform directories, and --data-dir / SAMTAL_DATA_DIR moving everything."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.paths import resolve_paths


def test_data_dir_argument_moves_everything(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "d", environ={"SAMTAL_DATA_DIR": str(tmp_path / "other")})
    assert paths.data == tmp_path / "d"
    assert all(p.is_relative_to(tmp_path / "d") for p in paths.all())
    assert paths.store == tmp_path / "d" / "samtal.sqlite3"


def test_environment_variable_is_used_when_no_argument(tmp_path: Path) -> None:
    paths = resolve_paths(environ={"SAMTAL_DATA_DIR": str(tmp_path)})
    assert paths.config == tmp_path / "config"


@pytest.mark.skipif(sys.platform != "linux", reason="XDG is the Linux convention")
def test_xdg_directories_and_relative_values_ignored(tmp_path: Path) -> None:
    env = {
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": "relative/ignored",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    paths = resolve_paths(environ=env)
    assert paths.data == tmp_path / "data" / "samtal"
    assert paths.config == tmp_path / ".config" / "samtal"
    assert paths.cache == tmp_path / "cache" / "samtal"
    assert paths.logs == tmp_path / ".local" / "state" / "samtal" / "logs"


def test_ensure_creates_private_directories(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "d").ensure()
    for p in paths.all():
        assert p.is_dir()
        if sys.platform != "win32":
            assert p.stat().st_mode & 0o077 == 0


def test_ensure_not_strict_leaves_out_what_cant_be_made(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "config").write_text("a file where a folder should be")
    paths = resolve_paths(tmp_path / "d")
    with pytest.raises(OSError):
        paths.ensure()
    assert paths.ensure(strict=False) is paths
    assert [p.is_dir() for p in paths.all()] == [True, False, True, True]
