"""The segmented control: one choice among a few, chosen by click or by the arrows as in a radio group, and
the chosen one painted in the selection's colours so that it is seen at once (in a dark theme too)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.segmented import SegmentedControl
from app.ui.theme import apply_theme


@pytest.fixture
def control(qtbot: QtBot) -> SegmentedControl:
    widget = SegmentedControl("Effort")
    widget.set_options([("low", "low", "Less."), ("high", "high", "More."), ("max", "max", "Most.")])
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_chosen_segment_is_painted_in_the_selection_colour(
    qtbot: QtBot, control: SegmentedControl, theme: str
) -> None:
    apply_theme(theme)
    QApplication.processEvents()
    try:
        control.set_value("high")
        highlight = control.palette().color(QPalette.ColorRole.Highlight)

        def fill(value: str) -> QColor:
            button = control.button(value)
            return button.grab().toImage().pixelColor(4, button.height() // 2)

        chosen, other = fill("high"), fill("low")
        assert _distance(chosen, highlight) < _distance(chosen, other)  # nearer the selection than the others
    finally:
        apply_theme("system")
        QApplication.processEvents()


def test_arrows_home_and_end_choose_skipping_what_cannot_be_chosen(qtbot: QtBot, control: SegmentedControl) -> None:
    chosen: list[str] = []
    control.chosen.connect(chosen.append)
    control.restrict(["low", "max"], lambda value: f"{value} is not taken")
    assert not control.button("high").isVisibleTo(control)
    control.set_value("low")
    control.button("low").setFocus()
    qtbot.keyClick(control.button("low"), Qt.Key.Key_Right)
    assert chosen == ["max"]  # high is skipped
    qtbot.keyClick(control.button("max"), Qt.Key.Key_Home)
    assert chosen == ["max", "low"]
    assert control.button("low").focusPolicy() == Qt.FocusPolicy.StrongFocus  # Tab enters at the chosen one
    assert control.button("max").focusPolicy() == Qt.FocusPolicy.ClickFocus
    control.set_value("high")  # a value not taken, chosen: shown, disabled, with why
    assert control.button("high").isVisibleTo(control)
    assert not control.button("high").isEnabled()
    assert "high is not taken" in control.button("high").toolTip().replace("\xa0", " ")
