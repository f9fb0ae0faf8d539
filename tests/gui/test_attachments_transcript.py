"""Attachments in the transcript: the composer's chip (name, kind · size, thumbnail or page icon), image
thumbnails from stored data (loaded through the callable the root hands in) decoded after the first paint, off
the UI thread and once, the full-size view, and page icons for documents."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QToolButton
from pytestqt.qtbot import QtBot

import app.ui.attachment_previews as previews
from app.attachments import IMAGE_NAME_KEY
from app.ui.attachment_chip import CHIP_HEIGHT, THUMBNAIL_SIZE, AttachmentChip
from app.ui.attachment_previews import ImageViewer, forget_thumbnails
from app.ui.message_blocks import AttachmentChipView
from app.ui.transcript import TranscriptView
from tests.fixtures.attachment_files import solid_image
from tests.fixtures.qt import shown_as_tooltip
from tests.gui.transcript_samples import entry, message, page, png_block


class Stored:
    """Attachments by hash, counting how often their data is read."""

    def __init__(self, *items: bytes) -> None:
        self.data = {hashlib.sha256(item).hexdigest(): item for item in items}
        self.reads: list[str] = []

    def size(self, digest: str) -> int | None:
        found = self.data.get(digest)
        return None if found is None else len(found)

    def load(self, digest: str) -> bytes | None:
        self.reads.append(digest)
        return self.data.get(digest)


class Decodes:
    """Every image decode, and whether it ran on the UI thread."""

    def __init__(self) -> None:
        self.on_ui_thread: list[bool] = []
        self._decode = previews.decode_image

    def __call__(self, data: bytes) -> QImage:
        self.on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return self._decode(data)


@pytest.fixture(autouse=True)
def no_thumbnails_yet() -> Iterator[None]:
    forget_thumbnails()
    yield
    forget_thumbnails()


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> Decodes:
    counted = Decodes()
    monkeypatch.setattr(previews, "decode_image", counted)
    return counted


def _image_ref(data: bytes, media_type: str = "image/png") -> dict[str, object]:
    digest = hashlib.sha256(data).hexdigest()
    return {"type": "image", "source": {"type": "base64", "media_type": media_type}, "_attachment": digest}


@pytest.fixture
def transcript(qtbot: QtBot) -> TranscriptView:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(760, 700)
    view.show()
    return view


def _chips(view: TranscriptView) -> list[AttachmentChip]:
    return [
        block.chip
        for message_view in view.message_views()
        for block in message_view.blocks
        if isinstance(block, AttachmentChipView) and block.chip is not None
    ]


def _centre(chip: AttachmentChip) -> QColor:
    assert isinstance(chip.preview, QToolButton)
    picture = chip.preview.icon().pixmap(chip.preview.iconSize()).toImage()
    return picture.pixelColor(picture.width() // 2, picture.height() // 2)


def test_a_stored_image_is_the_composers_chip_with_its_thumbnail(qtbot: QtBot, transcript: TranscriptView) -> None:
    photo = solid_image(1568, 1176, "#8e44ad")
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    content = [{**_image_ref(photo), IMAGE_NAME_KEY: "plum.png"}, {"type": "text", "text": "What colour is this?"}]
    transcript.show_page(page(entry(message(1, "user", content))))
    (chip,) = _chips(transcript)
    assert chip.remove_button is None  # sent: nothing to take out
    assert chip.height() == CHIP_HEIGHT
    assert chip.name_label.text() == "plum.png"
    assert chip.details_label.text().startswith("PNG · ")
    assert shown_as_tooltip(chip.toolTip()) == "plum.png"
    assert chip.accessibleName().startswith("plum.png, PNG, ")
    assert chip.focusPolicy() == Qt.FocusPolicy.StrongFocus
    qtbot.waitUntil(chip.has_thumbnail, timeout=3000)
    icon_size = chip.preview.iconSize()
    assert icon_size.height() <= THUMBNAIL_SIZE.height()
    assert icon_size.width() <= THUMBNAIL_SIZE.width()
    assert abs(icon_size.width() / icon_size.height() - 1568 / 1176) < 0.05  # the image's proportions
    assert _centre(chip) == QColor("#8e44ad")
    assert stored.reads == [hashlib.sha256(photo).hexdigest()]


def test_thumbnails_are_decoded_after_the_first_paint_off_the_ui_thread_and_once(
    qtbot: QtBot, transcript: TranscriptView, decodes: Decodes
) -> None:
    photo = solid_image(300, 200, "#16a085")
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    content = [_image_ref(photo), {"type": "text", "text": "again"}]
    transcript.show_page(page(entry(message(1, "user", content)), conversation_id=1))
    (chip,) = _chips(transcript)
    assert decodes.on_ui_thread == []  # building the chip decoded nothing
    assert stored.reads == []  # nor read the store
    qtbot.waitUntil(chip.has_thumbnail, timeout=3000)
    assert decodes.on_ui_thread == [False]
    transcript.show_page(page(entry(message(1, "user", content)), conversation_id=2))  # all widgets made anew
    (again,) = _chips(transcript)
    assert again is not chip
    qtbot.waitUntil(again.has_thumbnail, timeout=3000)
    assert decodes.on_ui_thread == [False]  # the second conversation's thumbnail came from the cache
    assert len(stored.reads) == 1


def test_a_conversation_of_fifty_images_decodes_only_those_in_view(
    qtbot: QtBot, transcript: TranscriptView, decodes: Decodes
) -> None:
    photos = [solid_image(400, 300, f"#{index:02x}8040") for index in range(50)]
    stored = Stored(*photos)
    transcript.set_attachment_sources(stored.size, stored.load)
    entries = [entry(message(index + 1, "user", [_image_ref(photo)])) for index, photo in enumerate(photos)]
    transcript.show_page(page(*entries))
    chips = _chips(transcript)
    assert len(chips) == 50
    assert decodes.on_ui_thread == []  # opening the conversation decoded nothing
    qtbot.waitUntil(lambda: chips[-1].has_thumbnail(), timeout=5000)  # the newest, at the bottom, in view
    QApplication.processEvents()
    in_view = sum(chip.has_thumbnail() for chip in chips)
    assert 1 <= in_view < 20
    assert len(decodes.on_ui_thread) == in_view  # one decode per chip in view, none for the others
    assert not any(decodes.on_ui_thread)  # and none on the UI thread
    assert not chips[0].has_thumbnail()
    transcript.scroll_area.verticalScrollBar().setValue(0)  # the oldest come into view: theirs are made now
    qtbot.waitUntil(lambda: chips[0].has_thumbnail(), timeout=5000)
    assert not any(decodes.on_ui_thread)
    assert len(decodes.on_ui_thread) < 50


def test_clicking_an_image_chip_opens_the_image_full_size(qtbot: QtBot, transcript: TranscriptView) -> None:
    photo = solid_image(900, 600, "#c0392b")
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    transcript.show_page(page(entry(message(1, "user", [{**_image_ref(photo), IMAGE_NAME_KEY: "brick.png"}]))))
    (chip,) = _chips(transcript)
    assert chip.name_label.text() == "brick.png"  # the file name, known when Samtal attached it
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    viewer = chip.viewer
    assert isinstance(viewer, ImageViewer)  # a child of the window: closed with it
    assert viewer.isVisible()
    assert viewer.windowTitle() == "brick.png · 900×600"
    viewer.resize(500, 400)  # smaller than the image: it is fitted
    shown = viewer.image_label.pixmap().deviceIndependentSize()
    assert viewer.fitted
    assert shown.width() <= 500
    assert shown.height() <= 400
    assert abs(shown.width() / shown.height() - 1.5) < 0.02
    qtbot.keyClick(viewer, Qt.Key.Key_Space)
    assert not viewer.fitted
    assert viewer.image_label.pixmap().size().toTuple() == (900, 600)  # actual size, scrollable
    qtbot.mouseClick(viewer.image_label, Qt.MouseButton.LeftButton)
    assert viewer.fitted
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()
    chip.setFocus(Qt.FocusReason.TabFocusReason)  # by keyboard: Space on the focused chip
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert chip.viewer is not viewer
    assert chip.viewer is not None
    assert chip.viewer.isVisible()
    chip.viewer.close()


def test_an_image_without_data_keeps_its_image_icon(qtbot: QtBot, transcript: TranscriptView) -> None:
    stored = Stored()  # the data is not in the store (e.g. an archive imported without it)
    transcript.set_attachment_sources(stored.size, stored.load)
    missing = {"type": "image", "source": {"type": "base64", "media_type": "image/png"}, "_attachment": "ab" * 32}
    transcript.show_page(page(entry(message(1, "user", [missing, png_block(64)]))))
    chips = _chips(transcript)
    assert chips[0].details_label.text() == "PNG"  # no size known
    qtbot.waitUntil(lambda: not chips[0].preview.isEnabled(), timeout=3000)  # nothing to open
    qtbot.waitUntil(lambda: not chips[1].preview.isEnabled(), timeout=3000)  # not an image Qt can read
    assert [chip.has_thumbnail() for chip in chips] == [False, False]
    chips[0].open_image()
    assert chips[0].viewer is None


def test_an_image_without_a_known_name_is_called_image(transcript: TranscriptView) -> None:
    photo = solid_image(90, 60, "#2980b9")
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    transcript.show_page(page(entry(message(1, "user", [_image_ref(photo)]))))  # e.g. imported from claude.ai
    (chip,) = _chips(transcript)
    assert chip.name_label.text() == "Image"
    chip.open_image()
    assert chip.viewer is not None
    assert chip.viewer.windowTitle() == "Image · 90×60"


def test_documents_show_a_page_icon_with_title_kind_and_size(transcript: TranscriptView) -> None:
    text_document = {
        "type": "document",
        "source": {"type": "text", "media_type": "text/plain", "data": "a,b\n1,2\n"},
        "title": "table.csv",
    }
    pdf_document = {
        "type": "document",
        "source": {"type": "base64", "media_type": "application/pdf"},
        "_attachment": "cd" * 32,
        "title": "report.pdf",
    }
    stored = Stored()
    stored.data["cd" * 32] = b"%PDF-1.4 " * 300
    transcript.set_attachment_sources(stored.size, stored.load)
    transcript.show_page(page(entry(message(1, "user", [text_document, pdf_document]))))
    text_chip, pdf_chip = _chips(transcript)
    for chip in (text_chip, pdf_chip):
        assert isinstance(chip.preview, QLabel)  # a page icon, nothing to open
        assert not chip.preview.pixmap().isNull()
    assert text_chip.name_label.text() == "table.csv"
    assert text_chip.details_label.text() == "Text · 8 bytes"
    assert pdf_chip.name_label.text() == "report.pdf"
    assert pdf_chip.details_label.text().startswith("PDF · 2.")  # 2,700 bytes
    QApplication.processEvents()
    assert stored.reads == []  # a document's bytes are never read for showing it


def test_sources_set_later_reach_the_messages_already_shown(qtbot: QtBot, transcript: TranscriptView) -> None:
    photo = solid_image(64, 64, "#f1c40f")
    transcript.show_page(page(entry(message(1, "user", [_image_ref(photo)]))))
    (chip,) = _chips(transcript)
    qtbot.waitUntil(lambda: not chip.preview.isEnabled(), timeout=3000)  # no data yet
    assert chip.details_label.text() == "PNG"
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    (chip,) = _chips(transcript)
    qtbot.waitUntil(chip.has_thumbnail, timeout=3000)
    assert chip.details_label.text().startswith("PNG · ")
    assert _centre(chip) == QColor("#f1c40f")


def test_attachments_sent_together_sit_side_by_side_and_wrap(qtbot: QtBot, transcript: TranscriptView) -> None:
    photos = [solid_image(300, 200, colour) for colour in ("#c0392b", "#2980b9", "#27ae60")]
    stored = Stored(*photos)
    transcript.set_attachment_sources(stored.size, stored.load)
    content = [*(_image_ref(photo) for photo in photos[:2]), {"type": "text", "text": "and"}, _image_ref(photos[2])]
    transcript.show_page(page(entry(message(1, "user", content))))
    first, second, after_text = _chips(transcript)

    def at(chip: AttachmentChip) -> tuple[int, int]:
        corner = chip.mapTo(transcript, chip.rect().topLeft())
        return corner.x(), corner.y()

    qtbot.waitUntil(lambda: second.isVisible() and second.width() > 0, timeout=3000)
    assert at(first)[1] == at(second)[1]  # one row, at a usual width
    assert at(first)[0] + first.width() <= at(second)[0]
    assert at(after_text)[1] > at(second)[1]  # the text between parts the runs
    transcript.resize(first.width() + 120, 700)  # too narrow for two: the second wraps under the first
    qtbot.waitUntil(lambda: at(second)[1] >= at(first)[1] + first.height(), timeout=3000)
    qtbot.waitUntil(lambda: second.visibleRegion().boundingRect().size() == second.size(), timeout=3000)  # not cut
    qtbot.waitUntil(lambda: at(after_text)[1] > at(second)[1] + second.height(), timeout=3000)  # the rest moves down
    transcript.show_page(page(entry(message(1, "user", content[:1]))))  # fewer blocks: the rest go, the row stays
    assert len(_chips(transcript)) == 1
