"""The focus ring: drawn around the control the keyboard moved to, in the theme's colour; not after a click."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QPushButton, QToolButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.design import DARK_COLORS, LIGHT_COLORS, Colors
from app.ui.focus_ring import FocusRing
from app.ui.theme import apply_theme

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def host(qtbot: QtBot, qapp: QApplication) -> Iterator[tuple[QWidget, list[QWidget]]]:
    FocusRing.install(qapp)
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit("first")
    tool = QToolButton()
    tool.setText("Copy")
    tool.setAutoRaise(True)
    tool.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    controls: list[QWidget] = [field, QPushButton("Send"), tool, QCheckBox("Temperature")]
    for control in controls:
        layout.addWidget(control)
    qtbot.addWidget(window)
    window.resize(240, 200)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    field.setFocus()
    yield window, controls
    apply_theme("system")


def _has_ring_colour(window: QWidget, target: QWidget, colour: str) -> bool:
    image = window.grab().toImage()
    ring = QColor(colour)
    area = target.geometry().adjusted(-3, -3, 3, 3)
    for x in range(area.left(), area.right() + 1):
        for y in (area.top(), area.top() + 1, area.bottom(), area.bottom() - 1):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - ring.red()) + abs(pixel.green() - ring.green()) + abs(pixel.blue() - ring.blue()) < 40:
                return True
    return False


@pytest.mark.parametrize("colors", [LIGHT_COLORS, DARK_COLORS], ids=lambda c: c.name)
def test_tab_puts_a_ring_around_each_control_in_turn(
    qtbot: QtBot, qapp: QApplication, host: tuple[QWidget, list[QWidget]], colors: Colors
) -> None:
    apply_theme(colors.name)
    window, controls = host
    keeper = FocusRing.install(qapp)
    for control in controls[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is control
        assert keeper.target() is control
        qtbot.waitUntil(lambda control=control: _has_ring_colour(window, control, colors.selection), timeout=2000)


def test_a_click_gives_no_ring_and_a_field_frames_itself(
    qtbot: QtBot, qapp: QApplication, host: tuple[QWidget, list[QWidget]]
) -> None:
    _window, controls = host
    keeper = FocusRing.install(qapp)
    button = controls[1]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert keeper.target() is button
    qtbot.mouseClick(controls[3], Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is controls[3]
    assert keeper.target() is None
    qtbot.keyClick(controls[3], Qt.Key.Key_Tab)  # round to the line edit: the style draws its focus frame
    assert QApplication.focusWidget() is controls[0]
    assert keeper.target() is None


def test_the_ring_follows_its_control_and_goes_when_it_hides(
    qtbot: QtBot, qapp: QApplication, host: tuple[QWidget, list[QWidget]]
) -> None:
    window, controls = host
    keeper = FocusRing.install(qapp)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    ring = keeper.ring()
    assert ring is not None
    assert ring.geometry().contains(controls[1].geometry())
    window.resize(400, 300)
    qtbot.waitUntil(lambda: ring.geometry().contains(controls[1].geometry()), timeout=2000)
    controls[1].hide()
    assert keeper.ring() is None
