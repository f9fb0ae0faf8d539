"""The dark theme: disabled controls look disabled and unchecked boxes stand out from the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
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
