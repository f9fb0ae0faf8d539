"""packaging/screenshot.py, run as a person would: it starts its own virtual screen and the real window in
demo mode, and writes each view it was asked for, at the size asked, in the theme and language asked."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

ROOT = Path(__file__).resolve().parents[2]


def _lightness(image: QImage) -> float:
    """The mean lightness (0 to 1) of a grid of pixels across the image."""
    samples = [
        QColor(image.pixel(x, y)).lightnessF()
        for x in range(0, image.width(), 40)
        for y in range(0, image.height(), 40)
    ]
    return sum(samples) / len(samples)


def test_the_views_asked_for_are_written_at_their_size_in_their_theme(tmp_path: Path) -> None:
    if shutil.which("Xvfb") is None:
        pytest.skip("needs Xvfb (tests/run installs it)")
    command = [sys.executable, str(ROOT / "packaging" / "screenshot.py"), "-o", str(tmp_path)]
    options = ["--views", "chat,settings", "--languages", "sv", "--sizes", "800x600"]
    subprocess.run([*command, *options, "--themes", "dark,light"], check=True, timeout=240, cwd=ROOT)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        "chat-dark-sv-800x600.png",
        "chat-light-sv-800x600.png",
        "settings-dark-sv-800x600.png",
        "settings-light-sv-800x600.png",
    ]
    dark, light = QImage(str(tmp_path / names[0])), QImage(str(tmp_path / names[1]))
    assert (dark.width(), dark.height()) == (800, 600)
    assert _lightness(dark) < 0.35 < 0.7 < _lightness(light)
    assert QImage(str(tmp_path / names[2])) != dark  # the dialog is over the window


def test_an_unknown_view_is_refused_with_the_ones_it_knows() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "screenshot.py"), "--views", "chat,nope"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "screenshot: no view nope (known: empty, chat, parameters, search, inspector, settings, compare)"
    )
