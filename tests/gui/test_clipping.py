"""No text cut off in the real window: every label and combo box shows its whole text, at a usual size and at
800×600, with what a person has on screen after a while (a reply, an image with a long name, tags, a preset,
the status message after saving it, the demo's model names)."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.attachment_images import png_data
from app.attachments import attachment_from_bytes
from tests.gui import window_harness
from tests.gui.clipping import clipped
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server

SIZES = [(1200, 780), (800, 600)]


async def _fill(app: Running, qtbot: QtBot) -> None:
    root = app.root
    root.profiles.start_demo()  # its models, by their names
    await app.until(lambda: root.connections.is_demo and root.parameters.model_id() == "claude-demo-sonnet-5")
    await app.send(qtbot, "Show me a table")
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    root.composer.add_attachments([attachment_from_bytes(png_data(image), "holiday-photo-from-the-beach.png")])
    root.composer.set_text("What colour is this?")
    await app.finished_reply(lambda: root.view.send(root.composer.text(), root.composer.attachments()))
    assert root.current is not None
    for tag in ("research", "python"):
        root.store.conversations.add_tag(root.current, tag)
    root.list_model.refresh_conversation(root.current)
    root.sidebar.refresh_tags()
    root.presets.save("Precise answers for code")  # the status message says so


@pytest.mark.asyncio
@pytest.mark.parametrize("theme", ["light", "dark"])
async def test_no_label_or_combo_box_is_cut_off_at_a_usual_size_or_at_800_by_600(
    qtbot: QtBot, running: Running, theme: str
) -> None:
    root = running.root
    window = root.window
    root.profiles.set_theme(theme)
    await _fill(running, qtbot)
    assert "Precise answers for code" in window.statusBar().currentMessage()
    assert root.window.status.provider.text().endswith("claude-demo-sonnet-5")
    assert root.sidebar.tag_combo.isVisible()
    views = root.transcript.message_views()
    assert [view.role for view in views] == ["user", "assistant", "user", "assistant"]
    for width, height in SIZES:
        window.resize(width, height)
        await running.until(lambda w=width: window.width() == w)
        problems: set[str] = set()
        for view in views:  # each message in view in turn: its header, its attachment's label
            root.transcript.scroll_to_message(view.message_id)
            with contextlib.suppress(AssertionError):  # (the layout settles within a few events)
                await running.until(lambda: not clipped(window), timeout=1)
            problems.update(clipped(window))
        assert sorted(problems) == [], f"at {width}×{height}"


def test_the_walker_sees_a_cut_label_and_a_cut_combo_box(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("A label with rather more words than room", window)
    combo = QComboBox(window)
    combo.addItem("A combo box entry that is long")
    row = QHBoxLayout(window)
    row.addWidget(label)
    row.addWidget(combo)
    label.setMinimumWidth(10)
    combo.setMinimumWidth(10)
    window.resize(120, 40)
    window.show()
    qtbot.waitExposed(window)
    found = clipped(window)
    assert any(line.startswith("QLabel") for line in found)
    assert any(line.startswith("QComboBox") for line in found)
    window.resize(1000, 40)
    qtbot.waitUntil(lambda: not clipped(window))


def test_a_fitted_combo_box_and_a_wrapping_label_keep_their_text_in_a_narrow_row(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

    from app.ui.form_controls import FittedComboBox
    from app.ui.wrapping_label import WrappingLabel

    window = QWidget()
    qtbot.addWidget(window)
    combo = FittedComboBox(window, max_width=400)
    combo.addItems(["Precise answers for code", "x"])
    label = WrappingLabel(window)
    label.setText("[image: png, 2 kB — holiday-photo-from-the-beach.png]")
    row = QHBoxLayout(window)
    row.addWidget(QLabel("Parameters", window))
    row.addWidget(combo)
    row.addWidget(label, 1)
    window.resize(900, 60)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: label.width() >= label.one_line_width())  # one line while there is room
    assert clipped(window) == []
    window.resize(300, 300)  # narrower than the row asks: the label wraps, the combo box keeps its text
    qtbot.waitUntil(lambda: window.width() >= window.minimumSizeHint().width())
    qtbot.wait(50)
    assert clipped(window) == [], (window.width(), label.width(), label.height())
    assert combo.width() >= combo.fontMetrics().horizontalAdvance("Precise answers for code")
    combo.setCurrentIndex(1)  # a shorter text: the combo box takes less room
    qtbot.waitUntil(lambda: combo.width() < combo.fontMetrics().horizontalAdvance("Precise answers for code"))
