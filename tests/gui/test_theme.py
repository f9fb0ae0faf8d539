"""The dark theme: disabled controls look disabled and unchecked boxes stand out from the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QSlider, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from app.ui.theme import apply_theme


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    apply_theme("dark")
    try:
        yield
    finally:
        apply_theme("system")


def _slider(qtbot: QtBot, enabled: bool) -> QImage:
    slider = QSlider(Qt.Orientation.Horizontal)
    qtbot.addWidget(slider)
    slider.setRange(0, 100)
    slider.setValue(60)
    slider.setEnabled(enabled)
    slider.resize(160, 24)
    return slider.grab().toImage()


def test_a_disabled_slider_does_not_look_like_an_enabled_one(qtbot: QtBot, dark: None) -> None:
    palette = QGuiApplication.palette()
    disabled_fill = palette.color(palette.ColorGroup.Disabled, palette.ColorRole.Highlight)
    assert disabled_fill.hsvSaturation() < 40  # grey, not the accent colour of the filled groove
    assert _slider(qtbot, enabled=True) != _slider(qtbot, enabled=False)  # handle and groove differ too


def test_an_unchecked_box_stands_out_from_the_window(qtbot: QtBot, dark: None) -> None:
    box = QCheckBox("Temperature")
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    image = box.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    inside = image.pixelColor(indicator.center())
    window = QGuiApplication.palette().color(QGuiApplication.palette().ColorRole.Window)
    assert inside.lightness() - window.lightness() >= 10  # a lighter box (its outline is darker than both)


def _scheme_changes_to(scheme: Qt.ColorScheme) -> None:
    """What the platform does when the user switches light/dark (offscreen has no such setting to change)."""
    QGuiApplication.styleHints().colorSchemeChanged.emit(scheme)


def test_the_system_theme_follows_the_platform_live(qtbot: QtBot, qapp: QApplication) -> None:
    from app.render import DARK, LIGHT
    from app.ui.design import DARK_COLORS, LIGHT_COLORS
    from app.ui.icons import icon
    from app.ui.theme import Appearance

    appearance = Appearance.install(qapp)  # the application's one
    chosen = appearance.name
    appearance.set_theme("system")
    themes: list[object] = []
    appearance.changed.connect(themes.append)
    button = QCheckBox("Temperature")
    qtbot.addWidget(button)
    button.setIcon(icon("copy"))
    try:
        _scheme_changes_to(Qt.ColorScheme.Dark)
        assert QGuiApplication.palette().color(QGuiApplication.palette().ColorRole.Window).name() == DARK_COLORS.window
        assert themes == [DARK]
        assert _ink(button.icon().pixmap(QSize(16, 16)).toImage()) == {DARK_COLORS.text}
        _scheme_changes_to(Qt.ColorScheme.Light)
        assert QGuiApplication.palette().color(QGuiApplication.palette().ColorRole.Window).name() == LIGHT_COLORS.window
        assert themes == [DARK, LIGHT]
        assert _ink(button.icon().pixmap(QSize(16, 16)).toImage()) == {LIGHT_COLORS.text}
        appearance.set_theme("light")  # a chosen theme stays, whatever the platform says
        _scheme_changes_to(Qt.ColorScheme.Dark)
        assert QGuiApplication.palette().color(QGuiApplication.palette().ColorRole.Window).name() == LIGHT_COLORS.window
    finally:
        appearance.changed.disconnect(themes.append)
        appearance.set_theme(chosen)


def _ink(image: QImage) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }
