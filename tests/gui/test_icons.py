"""The Lucide icon set: the files, their licence and packaging, rendering at 1× and 2× in the palette's colours."""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from app.ui.design import DARK_COLORS, LIGHT_COLORS
from app.ui.icons import ICON_DIR, NAMES, icon, render, svg_source
from app.ui.theme import apply_theme

ROOT = Path(__file__).parents[2]


@pytest.fixture
def light(qapp: QApplication) -> Iterator[None]:
    apply_theme("light")
    try:
        yield
    finally:
        apply_theme("system")


def _ink(image: QImage) -> list[QColor]:
    """The opaque pixels of ``image`` (the icon's strokes, not their anti-aliased edges)."""
    return [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    ]


def test_every_icon_is_a_lucide_svg_here_and_every_file_is_used() -> None:
    files = {path.stem for path in ICON_DIR.glob("*.svg")}
    assert set(NAMES.values()) == files  # nothing missing, nothing shipped for nothing
    for name in NAMES:
        assert b'stroke="currentColor"' in svg_source(name)  # tinted by replacing currentColor
    licence = (ICON_DIR / "LICENSE").read_text()
    assert "ISC License" in licence
    assert "Lucide" in licence


def test_the_icons_and_their_licence_are_packaged() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["app"]
    shipped = [path.relative_to(ROOT / "app").as_posix() for path in ICON_DIR.iterdir()]
    assert all(any(fnmatch.fnmatch(name, pattern) for pattern in data) for name in shipped), shipped
    spec = (ROOT / "packaging" / "samtal.spec").read_text()
    assert '(str(root / "app" / "ui" / "icons"), "app/ui/icons")' in spec


def test_an_icon_is_drawn_at_1x_and_2x_in_the_colour_asked_for(qapp: QApplication) -> None:
    red = QColor(255, 0, 0)
    one, two = render("copy", red, QSize(16, 16), 1.0), render("copy", red, QSize(16, 16), 2.0)
    assert (one.width(), one.devicePixelRatio()) == (16, 1.0)
    assert (two.width(), two.devicePixelRatio()) == (32, 2.0)
    assert {c.name() for c in _ink(two.toImage())} == {red.name()}
    assert render("copy", red, QSize(16, 16), 2.0).cacheKey() == two.cacheKey()  # cached


def test_an_unknown_icon_name_is_an_error() -> None:
    with pytest.raises(KeyError):
        icon("no-such-icon")


def _stroke_colour(button: QToolButton) -> str:
    """The most frequent colour on the button other than its background: the icon's strokes."""
    image = button.grab().toImage()
    background = button.palette().color(QPalette.ColorRole.Window).name()
    counts = Counter(image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height()))
    counts.pop(background, None)
    return counts.most_common(1)[0][0]


def test_a_button_icon_takes_the_palette_colour_and_follows_a_theme_switch(qtbot: QtBot, light: None) -> None:
    button = QToolButton()
    qtbot.addWidget(button)
    button.setAutoRaise(True)  # no frame: the window's colour around the icon
    button.setIcon(icon("copy"))
    button.setIconSize(QSize(24, 24))
    button.resize(32, 32)
    assert _stroke_colour(button) == LIGHT_COLORS.text
    apply_theme("dark")
    assert _stroke_colour(button) == DARK_COLORS.text


def test_a_disabled_icon_is_greyed(qtbot: QtBot, light: None) -> None:
    palette = QGuiApplication.palette()
    disabled = icon("trash").pixmap(QSize(16, 16), QIcon.Mode.Disabled).toImage()
    colours = {c.name() for c in _ink(disabled)}
    assert colours == {palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()}


def test_importing_the_icons_does_not_load_qtsvg() -> None:
    """QtSvg comes with the first icon painted, not with the import (start-up stays light)."""
    code = "import sys, app.ui.icons; print('PySide6.QtSvg' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "False"
