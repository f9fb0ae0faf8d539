"""`samtal` without a subcommand on a machine with no display: one clear line, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.main import display_problem
from tests.fixtures.processes import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"DISPLAY": ""},
        {"QT_QPA_PLATFORM": "xcb"},
        {"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"},  # only Wayland was asked for
        {"QT_QPA_PLATFORM": "wayland-egl;xcb"},
        {"XDG_RUNTIME_DIR": "/nonexistent"},
    ],
)
def test_no_display_server_is_a_problem(environ: dict[str, str]) -> None:
    problem = display_problem(environ, "linux")
    assert problem is not None
    assert problem.startswith("no display found")
    assert "samtal ask" in problem


@pytest.mark.parametrize(
    "environ",
    [
        {"DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-1"},
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "vnc:size=800x600"},
        {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"},
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": "localhost:10.0"},
    ],
)
def test_a_display_or_a_platform_without_one_is_fine(environ: dict[str, str]) -> None:
    assert display_problem(environ, "linux") is None


def test_the_default_wayland_socket_counts(tmp_path: Path) -> None:
    assert display_problem({"XDG_RUNTIME_DIR": str(tmp_path)}, "linux") is not None
    (tmp_path / "wayland-0").touch()
    assert display_problem({"XDG_RUNTIME_DIR": str(tmp_path)}, "linux") is None


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_other_systems_have_no_display_variables(platform: str) -> None:
    assert display_problem({}, platform) is None


def test_the_window_without_a_display_says_so_in_one_line(tmp_path: Path) -> None:
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_RUNTIME_DIR", "SAMTAL_DATA_DIR")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    done = run(
        [sys.executable, "-m", "app.main", "--data-dir", str(tmp_path / "data")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr.startswith("samtal: no display found (DISPLAY and WAYLAND_DISPLAY are not set): ")
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "data").exists()  # nothing was set up for a window that can't open
