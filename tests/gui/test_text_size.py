"""Zoom (Ctrl+= / Ctrl+- / Ctrl+0) scales the transcript and what is in it, live and remembered; the text size
setting scales the whole window, live (fonts set by widgets of their own too) and remembered."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.settings.options import TEXT_SIZE, TRANSCRIPT_ZOOM
from app.ui.design import TextSize, font
from app.ui.text_size import ZOOM_STEPS, Zoom, scale_fonts
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


def _points(widget: QWidget) -> float:
    return widget.font().pointSizeF()


def _smaller_label(running: Running) -> QLabel:
    """A label of the transcript with a font of its own (a reply's time or usage line, made small)."""
    labels = [
        w
        for w in running.root.transcript.findChildren(QLabel)
        if w.isVisible() and w.text() and _points(w) < _points(running.root.transcript) - 0.01
    ]
    assert labels
    return labels[0]


@pytest.mark.asyncio
async def test_zoom_scales_the_transcript_and_its_small_texts_and_is_remembered(qtbot: QtBot, running: Running) -> None:
    a = running.root.window.commands
    await running.send(qtbot, "hello")
    transcript = running.root.transcript
    base, small = _points(transcript), _points(_smaller_label(running))
    composer_size = _points(running.root.composer.edit)

    a.zoom_in.trigger()
    a.zoom_in.trigger()
    assert running.root.zoom.percent == 125
    assert _points(transcript) == pytest.approx(base * 1.25)
    assert _points(_smaller_label(running)) == pytest.approx(small * 1.25)
    assert _points(running.root.composer.edit) == pytest.approx(composer_size)  # the transcript alone
    # A reply that arrives afterwards is zoomed too.
    await running.send(qtbot, "again")
    assert all(_points(label) == pytest.approx(small * 1.25) for label in [_smaller_label(running)])

    a.zoom_out.trigger()
    assert running.root.zoom.percent == 110
    restarted = await running.restart()
    try:
        assert restarted.root.settings.get(TRANSCRIPT_ZOOM) == 110
        assert restarted.root.zoom.percent == 110
        assert _points(restarted.root.transcript) == pytest.approx(base * 1.1)
        restarted.root.window.commands.zoom_reset.trigger()
        assert _points(restarted.root.transcript) == pytest.approx(base)
    finally:
        await window_harness.stop_root(restarted)


def test_zoom_stops_at_its_ends(qtbot: QtBot) -> None:
    view = QWidget()
    qtbot.addWidget(view)
    zoom = Zoom(view)
    for _ in range(len(ZOOM_STEPS) + 2):
        zoom.zoom_in()
    assert zoom.percent == ZOOM_STEPS[-1]
    for _ in range(len(ZOOM_STEPS) + 2):
        zoom.zoom_out()
    assert zoom.percent == ZOOM_STEPS[0]


def test_scaling_reads_every_size_before_setting_any(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setFont(font(TextSize.BODY))
    child = QLabel("bold, inheriting its size", parent)
    bold = child.font()
    bold.setBold(True)
    child.setFont(bold)
    before = _points(child)
    scale_fonts([parent, child], 2.0)
    assert _points(child) == pytest.approx(before * 2)  # not 4 times: the parent's change came second
    assert child.font().bold()


@pytest.mark.asyncio
async def test_the_text_size_setting_scales_the_whole_window_live_and_is_remembered(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    await running.send(qtbot, "hello")
    app_points = QGuiApplication.font().pointSizeF()
    composer = _points(root.composer.edit)
    small = _points(_smaller_label(running))
    try:
        root.profiles.set_text_size(130)
        assert QGuiApplication.font().pointSizeF() == pytest.approx(app_points * 1.3)
        assert _points(root.composer.edit) == pytest.approx(composer * 1.3)
        assert _points(_smaller_label(running)) == pytest.approx(small * 1.3)  # a font of its own too
        assert font(TextSize.SMALL).pointSizeF() == pytest.approx(app_points * 1.3 * TextSize.SMALL.value)
        restarted = await running.restart()
        try:
            assert restarted.root.settings.get(TEXT_SIZE) == 130
            assert QGuiApplication.font().pointSizeF() == pytest.approx(app_points * 1.3)
        finally:
            await window_harness.stop_root(restarted)
    finally:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        from app.ui.text_size import TextSizes

        TextSizes.install(app).set_percent(100)  # the next test starts at the system's size
    assert QGuiApplication.font().pointSizeF() == pytest.approx(app_points)


_LEFT_BEHIND: list[float] = []  # the system's size, as the test that leaves a larger one saw it


def test_a_test_that_leaves_a_larger_text_size_behind(qapp: QApplication) -> None:
    from app.ui.text_size import TextSizes

    sizes = TextSizes.install(qapp)
    _LEFT_BEHIND.append(QGuiApplication.font().pointSizeF())
    sizes.set_percent(150)  # and no finally: tests/conftest.py puts it back after every Qt test
    assert QGuiApplication.font().pointSizeF() == pytest.approx(_LEFT_BEHIND[-1] * 1.5)


def test_the_next_test_starts_at_the_systems_text_size(qapp: QApplication) -> None:
    # Runs after the test above (file order): the status bar's fields measured with one font and were shown
    # with another when an earlier test left the application's font larger.
    from app.ui.text_size import TextSizes

    sizes = TextSizes.install(qapp)
    assert sizes.percent == 100
    assert [QGuiApplication.font().pointSizeF()] == _LEFT_BEHIND[-1:] or not _LEFT_BEHIND
