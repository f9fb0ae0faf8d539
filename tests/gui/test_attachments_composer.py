"""The composer's attachments: the attach button, chips with remove buttons, drops, pastes, problems, and
the signal that sends text with attachments."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDropEvent, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from app.attachments import Attachment, attachment_from_bytes
from app.ui.attachment_chip import CHIP_HEIGHT
from app.ui.attachment_previews import ImageViewer
from app.ui.composer import Composer
from tests.fixtures.attachment_files import pdf, solid_image
from tests.fixtures.qt import focused, shown_as_tooltip


@pytest.fixture
def composer(qtbot: QtBot) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.resize(700, 220)
    widget.show()
    widget.focus_input()
    return widget


def _photo(name: str = "photo.png", colour: str = "#4682b4") -> Attachment:
    return attachment_from_bytes(solid_image(2000, 1000, colour), name)


def _files_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def _drag(target: QWidget, mime: QMimeData) -> tuple[QDragEnterEvent, QDropEvent]:
    """Drag ``mime`` into ``target`` and drop it there, as Qt delivers it to the drop target."""
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(QPointF(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return enter, drop


def test_the_attach_button_asks_for_files(qtbot: QtBot, composer: Composer) -> None:
    assert composer.attach_button.accessibleName() == "Attach files"
    assert not composer.attach_button.icon().isNull()
    with qtbot.waitSignal(composer.attach_requested, timeout=1000):
        qtbot.mouseClick(composer.attach_button, Qt.MouseButton.LeftButton)


def test_attachments_show_as_chips_with_name_size_and_note(qtbot: QtBot, composer: Composer) -> None:
    assert composer.strip.isHidden()
    photo, document = _photo(), attachment_from_bytes(pdf(), "report.pdf")
    assert composer.add_attachments([photo, document]) == []
    assert composer.attachments() == [photo, document]
    assert composer.strip.isVisible()
    image_chip, pdf_chip = composer.strip.chips()
    assert image_chip.height() == CHIP_HEIGHT
    assert image_chip.name_label.text() == "photo.png"
    assert image_chip.details_label.text().startswith("PNG · ")
    assert image_chip.note_label.text() == "scaled from 2000×1000 to 1568×784"
    assert shown_as_tooltip(image_chip.toolTip()) == "photo.png\nscaled from 2000×1000 to 1568×784"
    assert isinstance(image_chip.preview, QToolButton)  # a thumbnail to click
    qtbot.waitUntil(image_chip.has_thumbnail, timeout=3000)  # made after the chip was first painted
    picture = image_chip.preview.icon().pixmap(image_chip.preview.iconSize())
    assert picture.deviceIndependentSize().height() <= 56
    assert picture.toImage().pixelColor(picture.width() // 2, picture.height() // 2) == QColor("#4682b4")
    assert isinstance(pdf_chip.preview, QLabel)  # a page icon, nothing to open
    assert pdf_chip.details_label.text().startswith("PDF · ")
    assert pdf_chip.note_label.isHidden()
    assert pdf_chip.remove_button.accessibleName() == "Remove report.pdf"


def test_clicking_or_pressing_space_on_a_thumbnail_shows_the_image_full_size(qtbot: QtBot, composer: Composer) -> None:
    assert composer.add_attachments([_photo("sky.png", "#87ceeb")]) == []
    (chip,) = composer.strip.chips()
    qtbot.mouseClick(chip.preview, Qt.MouseButton.LeftButton)
    viewer = chip.viewer
    assert isinstance(viewer, ImageViewer)  # the transcript's viewer
    assert viewer.isVisible()
    assert viewer.windowTitle() == "sky.png · 1568×784"  # the image as it will be sent
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()

    chip.setFocus(Qt.FocusReason.TabFocusReason)  # the chip is the one focus stop (its thumbnail is not)
    assert focused(chip)
    assert chip.accessibleDescription() == "Space shows the image full size. Delete removes it."
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert chip.viewer is not viewer
    assert chip.viewer is not None
    assert chip.viewer.isVisible()
    chip.viewer.close()


def test_a_file_name_that_looks_like_markup_shows_as_written(composer: Composer) -> None:
    name = '<b>x</b><img src="/dev/zero">.pdf'
    assert composer.add_attachments([attachment_from_bytes(pdf(), name)]) == []
    (chip,) = composer.strip.chips()
    assert shown_as_tooltip(chip.toolTip()) == name
    assert shown_as_tooltip(chip.remove_button.toolTip()) == f"Remove {name}"


def test_the_remove_button_takes_an_attachment_out(qtbot: QtBot, composer: Composer) -> None:
    first, second = _photo("a.png"), _photo("b.png", "#aa3300")
    changes: list[None] = []
    composer.attachments_changed.connect(lambda: changes.append(None))
    composer.add_attachments([first, second])
    qtbot.mouseClick(composer.strip.chips()[0].remove_button, Qt.MouseButton.LeftButton)
    assert composer.attachments() == [second]
    assert [chip.facts.name for chip in composer.strip.chips()] == [second.name]
    qtbot.mouseClick(composer.strip.chips()[0].remove_button, Qt.MouseButton.LeftButton)
    assert composer.attachments() == []
    assert composer.strip.isHidden()
    assert focused(composer.edit)  # the keyboard does not get lost with the button
    assert len(changes) == 3  # added (both at once), removed, removed


def test_delete_or_backspace_on_a_focused_chip_takes_it_out(qtbot: QtBot, composer: Composer) -> None:
    first, second, third = _photo("a.png"), _photo("b.png", "#aa3300"), _photo("c.png", "#00aa33")
    composer.add_attachments([first, second, third])
    chip = composer.strip.chips()[1]
    chip.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(chip, Qt.Key.Key_Delete)
    assert composer.attachments() == [first, third]
    remove = composer.strip.chips()[0].remove_button
    remove.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(remove, Qt.Key.Key_Backspace)  # on one of its buttons too
    assert composer.attachments() == [third]


def test_the_same_data_is_attached_once(composer: Composer) -> None:
    photo = _photo()
    again = _photo("copy.png")
    assert composer.add_attachments([photo]) == []
    assert composer.add_attachments([again]) == [again]
    assert composer.attachments() == [photo]


def test_sending_with_attachments_is_the_one_send_signal_with_them(qtbot: QtBot, composer: Composer) -> None:
    photo = _photo()
    composer.add_attachments([photo])
    assert composer.button.isEnabled()  # an attachment alone can be sent
    qtbot.keyClicks(composer.edit, "What is in it?")
    with qtbot.waitSignal(composer.send_requested, timeout=1000) as sent:
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent.args == ["What is in it?", [photo]]
    assert composer.attachments() == [photo]  # kept until the root says the send was accepted
    composer.clear()
    assert (composer.text(), composer.attachments(), composer.strip.isHidden()) == ("", [], True)


def test_a_problem_is_shown_in_red_until_dismissed(qtbot: QtBot, composer: Composer) -> None:
    qtbot.keyClicks(composer.edit, "keep me")
    composer.show_problem("blob.bin is not a file Samtal can attach.")
    label = composer.message_label
    assert label.isVisible()
    assert label.text() == "blob.bin is not a file Samtal can attach."
    colour = label.palette().color(QPalette.ColorRole.WindowText)
    assert colour.red() > 150
    assert colour.green() < 80
    qtbot.mouseClick(composer.dismiss_button, Qt.MouseButton.LeftButton)
    assert label.isHidden()
    assert composer.problem() == ""
    assert composer.text() == "keep me"


def test_send_waits_while_files_are_read(qtbot: QtBot, composer: Composer) -> None:
    sent: list[str] = []
    composer.send_requested.connect(lambda text, _attachments: sent.append(text))
    qtbot.keyClicks(composer.edit, "with the file")
    composer.set_attaching(True)
    assert composer.message_label.text() == "Attaching…"
    assert not composer.button.isEnabled()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == []
    composer.set_attaching(False)
    assert composer.message_label.isHidden()
    assert composer.button.isEnabled()


def test_dropping_files_reports_them_and_highlights_while_dragging(
    qtbot: QtBot, composer: Composer, tmp_path: Path
) -> None:
    mime = _files_mime(tmp_path / "a.png", tmp_path / "b.pdf")
    dropped: list[list[Path]] = []
    composer.files_dropped.connect(dropped.append)
    highlights: list[bool] = []
    enter = QDragEnterEvent(
        QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(composer.edit.viewport(), enter)
    assert enter.isAccepted()
    highlights.append(composer.drop_highlighted)
    QApplication.sendEvent(composer.edit.viewport(), QDragLeaveEvent())
    highlights.append(composer.drop_highlighted)
    _drag(composer.edit.viewport(), mime)
    assert highlights == [True, False]
    assert dropped == [[tmp_path / "a.png", tmp_path / "b.pdf"]]
    assert not composer.drop_highlighted
    assert composer.text() == ""  # no path typed into the message


def test_dropping_on_the_rest_of_the_composer_attaches_too(composer: Composer, tmp_path: Path) -> None:
    dropped: list[list[Path]] = []
    composer.files_dropped.connect(dropped.append)
    enter, drop = _drag(composer, _files_mime(tmp_path / "notes.md"))
    assert enter.isAccepted()
    assert drop.isAccepted()
    assert dropped == [[tmp_path / "notes.md"]]


def test_dropping_text_is_not_an_attachment(composer: Composer) -> None:
    mime = QMimeData()
    mime.setText("just words")
    dropped: list[object] = []
    composer.files_dropped.connect(dropped.append)
    composer.image_pasted.connect(dropped.append)
    enter, _drop = _drag(composer, mime)
    assert not enter.isAccepted()
    assert dropped == []
    assert not composer.drop_highlighted


def test_pasting_an_image_attaches_it(qtbot: QtBot, composer: Composer) -> None:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    QGuiApplication.clipboard().setImage(image)
    with qtbot.waitSignal(composer.image_pasted, timeout=1000) as pasted:
        qtbot.keyClick(composer.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(pasted.args[0], QImage)
    assert pasted.args[0].size().toTuple() == (120, 80)
    assert composer.text() == ""


def test_pasting_copied_files_attaches_them(qtbot: QtBot, composer: Composer, tmp_path: Path) -> None:
    QGuiApplication.clipboard().setMimeData(_files_mime(tmp_path / "x.txt"))
    with qtbot.waitSignal(composer.files_dropped, timeout=1000) as pasted:
        qtbot.keyClick(composer.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert pasted.args == [[tmp_path / "x.txt"]]
    assert composer.text() == ""


def test_pasting_text_that_comes_with_a_picture_pastes_the_text(qtbot: QtBot, composer: Composer) -> None:
    mime = QMimeData()  # what a spreadsheet puts on the clipboard: the cells' text and a picture of them
    mime.setText("a\tb")
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    mime.setImageData(image)
    QGuiApplication.clipboard().setMimeData(mime)
    pasted: list[QImage] = []
    composer.image_pasted.connect(pasted.append)
    qtbot.keyClick(composer.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert composer.text() == "a\tb"
    assert pasted == []


def test_in_a_narrow_composer_a_chip_gives_way_and_cuts_its_name_not_itself(qtbot: QtBot, composer: Composer) -> None:
    name = "sunset-over-the-archipelago.png"  # fits in a chip, but not in a narrow one
    assert composer.add_attachments([_photo(name)]) == []
    composer.resize(280, 220)
    (chip,) = composer.strip.chips()
    qtbot.waitUntil(lambda: chip.width() <= composer.strip.viewport().width())  # whole, with its × in view
    assert chip.remove_button is not None
    assert chip.remove_button.geometry().right() < chip.width()
    assert chip.name_label.text() != name
    assert "…" in chip.name_label.text()
    assert chip.name_label.full_text() == name
    assert shown_as_tooltip(chip.toolTip()).startswith(name)
    composer.resize(900, 220)
    qtbot.waitUntil(lambda: chip.name_label.text() == name)
