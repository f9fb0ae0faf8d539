"""Attachments in the transcript: image thumbnails from stored data (loaded through the callable the root
hands in), the full-size view, and page icons for documents."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.attachments import IMAGE_NAME_KEY
from app.ui.attachment_previews import ImageViewer
from app.ui.message_blocks import THUMBNAIL_SIZE, AttachmentChipView
from app.ui.transcript import TranscriptView
from tests.fixtures.attachment_files import solid_image
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


def _chips(view: TranscriptView) -> list[AttachmentChipView]:
    return [
        block
        for message_view in view.message_views()
        for block in message_view.blocks
        if isinstance(block, AttachmentChipView)
    ]


def test_a_stored_image_shows_as_a_thumbnail(transcript: TranscriptView) -> None:
    photo = solid_image(1568, 1176, "#8e44ad")
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    content = [_image_ref(photo), {"type": "text", "text": "What colour is this?"}]
    transcript.show_page(page(entry(message(1, "user", content))))
    (chip,) = _chips(transcript)
    assert chip.thumbnail_button.isVisible()
    icon_size = chip.thumbnail_button.iconSize()
    assert icon_size.height() <= THUMBNAIL_SIZE.height()
    assert icon_size.width() <= THUMBNAIL_SIZE.width()
    assert abs(icon_size.width() / icon_size.height() - 1568 / 1176) < 0.02  # the image's proportions
    pixmap = chip.thumbnail_button.icon().pixmap(icon_size)
    assert pixmap.toImage().pixelColor(pixmap.width() // 2, pixmap.height() // 2) == QColor("#8e44ad")
    assert chip.label.text().startswith("[image: png, ")
    assert stored.reads == [hashlib.sha256(photo).hexdigest()]


def test_thumbnails_are_decoded_once_per_image(transcript: TranscriptView) -> None:
    photo = solid_image(300, 200, "#16a085")
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    content = [_image_ref(photo), {"type": "text", "text": "again"}]
    transcript.show_page(page(entry(message(1, "user", content)), conversation_id=1))
    transcript.show_page(page(entry(message(1, "user", content)), conversation_id=2))  # all widgets made anew
    assert len(_chips(transcript)) == 1
    assert len(stored.reads) <= 1  # the second conversation's thumbnail came from the cache


def test_clicking_a_thumbnail_opens_the_image_full_size(qtbot: QtBot, transcript: TranscriptView) -> None:
    photo = solid_image(900, 600, "#c0392b")
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    transcript.show_page(page(entry(message(1, "user", [{**_image_ref(photo), IMAGE_NAME_KEY: "brick.png"}]))))
    (chip,) = _chips(transcript)
    assert chip.label.text().endswith(" — brick.png]")  # the file name, known when Samtal attached it
    qtbot.mouseClick(chip.thumbnail_button, Qt.MouseButton.LeftButton)
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


def test_an_image_without_data_keeps_its_plain_chip(transcript: TranscriptView) -> None:
    stored = Stored()  # the data is not in the store (e.g. an archive imported without it)
    transcript.set_attachment_sources(stored.size, stored.load)
    missing = {"type": "image", "source": {"type": "base64", "media_type": "image/png"}, "_attachment": "ab" * 32}
    transcript.show_page(page(entry(message(1, "user", [missing, png_block(64)]))))
    chips = _chips(transcript)
    assert [chip.thumbnail_button.isVisible() for chip in chips] == [False, False]  # unknown; not an image
    assert chips[0].label.text() == "[image: png]"
    chips[0].open_image()
    assert chips[0].viewer is None


def test_an_image_without_a_known_name_is_called_image(qtbot: QtBot, transcript: TranscriptView) -> None:
    photo = solid_image(90, 60, "#2980b9")
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    transcript.show_page(page(entry(message(1, "user", [_image_ref(photo)]))))  # e.g. imported from claude.ai
    (chip,) = _chips(transcript)
    assert "—" not in chip.label.text()
    chip.open_image()
    assert chip.viewer is not None
    assert chip.viewer.windowTitle() == "Image · 90×60"


def test_documents_show_a_page_icon_with_title_and_size(transcript: TranscriptView) -> None:
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
    assert text_chip.icon.isVisible()
    assert pdf_chip.icon.isVisible()
    assert not text_chip.thumbnail_button.isVisible()
    assert text_chip.label.text() == "[document: plain, 8 bytes — table.csv]"
    assert pdf_chip.label.text().startswith("[document: pdf, 3 ")  # 2,700 bytes
    assert pdf_chip.label.text().endswith(" — report.pdf]")
    assert stored.reads == []  # a document's bytes are never read for showing it


def test_sources_set_later_reach_the_messages_already_shown(transcript: TranscriptView) -> None:
    photo = solid_image(64, 64, "#f1c40f")
    transcript.show_page(page(entry(message(1, "user", [_image_ref(photo)]))))
    (chip,) = _chips(transcript)
    assert not chip.thumbnail_button.isVisible()
    assert chip.label.text() == "[image: png]"
    stored = Stored(photo)
    transcript.set_attachment_sources(stored.size, stored.load)
    assert chip.thumbnail_button.isVisible()
    assert chip.label.text().startswith("[image: png, ")
