"""Attachments through the real root against the demo server: the attach button with a (stubbed) file dialog,
drops on the window, pasted images, what the server receives, the transcript's thumbnails, and refusals."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

import app.attachments
import app.ui.attachment_previews as previews
from app.ui.message_blocks import AttachmentChipView
from app.wiring.attachments import PASTED_IMAGE_NAME, AttachmentFlow
from tests.fixtures.attachment_files import pdf, solid_image
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


def _flow(app: Running) -> AttachmentFlow:
    return app.root.attachments


def _sent(app: Running) -> int:
    """How many messages requests the server has received."""
    return sum(1 for request in app.server.requests if request.path == "/v1/messages")


def _last_request(app: Running) -> dict[str, Any]:
    body = [request for request in app.server.requests if request.path == "/v1/messages"][-1].json
    assert body is not None
    return body


def _last_reply(app: Running) -> str:
    return app.root.transcript.message_views()[-1].markdown()


async def _attached(app: Running, count: int) -> None:
    await app.until(lambda: len(app.root.composer.attachments()) == count and app.root.composer.button.isEnabled())


def _drop_on(target: QWidget, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    actions, button, keys = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(target, QDragEnterEvent(QPoint(40, 40), actions, mime, button, keys))
    drop = QDropEvent(QPointF(40, 40), actions, mime, button, keys)
    QApplication.sendEvent(target, drop)
    return drop


@pytest.mark.asyncio
async def test_an_image_attached_with_the_button_goes_first_and_shows_in_the_transcript(
    qtbot: QtBot, running: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = running.root
    photo = tmp_path / "sunset.png"
    photo.write_bytes(solid_image(3000, 2000, "#e67e22"))
    running.prompts.answer("open_files", [str(photo)])
    opened = running.prompts.opened_in
    qtbot.mouseClick(root.composer.attach_button, Qt.MouseButton.LeftButton)
    await _attached(running, 1)
    assert opened == [str(Path.home())]
    (chip,) = root.composer.strip.chips()
    assert chip.note_label.full_text() == "scaled from 3000×2000 to 1568×1045"
    qtbot.waitUntil(chip.has_thumbnail, timeout=3000)
    decodes: list[bool] = []
    decode = previews.decode_image
    monkeypatch.setattr(previews, "decode_image", lambda data: decodes.append(True) or decode(data))

    await running.send(qtbot, "Describe the colour")
    body = _last_request(running)
    image, text = body["messages"][-1]["content"]
    assert set(image) == {"type", "source"}  # the file name Samtal keeps with the block is not sent
    assert image["type"] == "image"
    assert image["source"]["media_type"] == "image/png"
    sent = base64.b64decode(image["source"]["data"])
    assert QImage.fromData(sent).size().toTuple() == (1568, 1045)
    assert text == {"type": "text", "text": "Describe the colour"}
    assert "an image (image/png" in _last_reply(running)  # the demo server saw a valid image

    assert root.composer.attachments() == []
    assert root.composer.strip.isHidden()
    assert root.composer.text() == ""
    digest = hashlib.sha256(sent).hexdigest()
    assert running.store.attachments.get(digest).data == sent  # stored once, by hash
    user_view = root.transcript.message_views()[0]
    block = user_view.blocks[0]
    assert isinstance(block, AttachmentChipView)
    chip = block.chip
    assert chip is not None
    assert chip.name_label.text() == "sunset.png"  # the composer's chip, in the sent message
    assert chip.remove_button is None
    qtbot.waitUntil(chip.has_thumbnail, timeout=3000)
    assert decodes == []  # the thumbnail the composer's chip made (cached by the data's hash), not decoded again
    assert isinstance(chip.preview, QToolButton)
    picture = chip.preview.icon().pixmap(chip.preview.iconSize()).toImage()
    assert picture.pixelColor(picture.width() // 2, picture.height() // 2) == QColor("#e67e22")

    opened.clear()
    running.prompts.answer("open_files", [str(photo)])
    running.root.window.commands.attach_files.trigger()  # Conversation ▸ Attach Files… opens where the last file was
    await _attached(running, 1)
    assert opened == [str(tmp_path)]


@pytest.mark.asyncio
async def test_files_dropped_anywhere_on_the_window_are_attached(running: Running, tmp_path: Path) -> None:
    root = running.root
    report, notes = tmp_path / "report.pdf", tmp_path / "notes.md"
    report.write_bytes(pdf())
    notes.write_text("# Notes\n\nsecond line\n", encoding="utf-8")
    drop = _drop_on(root.window, [report, notes])
    assert drop.isAccepted()
    await _attached(running, 2)
    assert [a.name for a in root.composer.attachments()] == ["report.pdf", "notes.md"]
    assert not root.composer.drop_highlighted

    await running.finished_reply(lambda: root.composer.button.click())  # attachments alone, no text
    content = _last_request(running)["messages"][-1]["content"]
    assert [block["type"] for block in content] == ["document", "document"]
    assert content[0]["source"]["media_type"] == "application/pdf"
    assert content[0]["title"] == "report.pdf"
    assert content[1]["source"] == {"type": "text", "media_type": "text/plain", "data": "# Notes\n\nsecond line\n"}
    reply = _last_reply(running)
    assert "a document (application/pdf" in reply
    assert "report.pdf" in reply


@pytest.mark.asyncio
async def test_a_pasted_image_is_attached(qtbot: QtBot, running: Running) -> None:
    composer = running.root.composer
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#1abc9c"))
    QGuiApplication.clipboard().setImage(image)
    composer.focus_input()
    qtbot.keyClick(composer.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    await _attached(running, 1)
    (attachment,) = composer.attachments()
    assert attachment.name == PASTED_IMAGE_NAME
    assert attachment.media_type == "image/png"
    assert QImage.fromData(attachment.data()).size().toTuple() == (200, 100)


@pytest.mark.asyncio
async def test_bad_files_are_named_in_the_composer_and_nothing_is_sent(
    qtbot: QtBot, running: Running, tmp_path: Path
) -> None:
    root = running.root
    secret, blob, good = tmp_path / "secret.pdf", tmp_path / "blob.bin", tmp_path / "ok.txt"
    secret.write_bytes(pdf(encrypted=True))
    blob.write_bytes(b"\x00\x01\x02\x03")
    good.write_text("fine\n", encoding="utf-8")
    root.composer.focus_input()
    qtbot.keyClicks(root.composer.edit, "my words stay")
    requests = _sent(running)
    root.composer.files_dropped.emit([secret, blob, good, tmp_path / "missing.png"])
    await _attached(running, 1)
    problem = root.composer.message_label.text().splitlines()
    assert problem == [
        "secret.pdf is an encrypted or password-protected PDF, which the API can't read.",
        "blob.bin is not a file Samtal can attach: images (PNG, JPEG, GIF, WebP), PDFs and UTF-8 text files are "
        "supported.",
        "Can't read missing.png: No such file or directory.",
    ]
    assert root.composer.message_label.isVisible()
    assert [a.name for a in root.composer.attachments()] == ["ok.txt"]
    assert root.composer.text() == "my words stay"
    assert _sent(running) == requests


@pytest.mark.asyncio
async def test_a_request_over_the_size_limit_is_not_sent(
    qtbot: QtBot, running: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = running.root
    notes = tmp_path / "long.txt"
    notes.write_text("word " * 400, encoding="utf-8")
    root.composer.files_dropped.emit([notes])
    await _attached(running, 1)
    monkeypatch.setattr(app.attachments, "MAX_REQUEST_BYTES", 1500)  # the whole request is ~2.2 kB
    root.composer.focus_input()
    qtbot.keyClicks(root.composer.edit, "summarise")
    requests = _sent(running)
    qtbot.keyClick(root.composer.edit, Qt.Key.Key_Return)
    message = root.composer.problem()
    assert message.startswith("The request would be 2.")
    assert "over the API's limit of 1.5 kB. Remove long.txt (2 kB) or another attachment" in message
    assert _sent(running) == requests
    assert root.current is None  # no conversation was started
    assert root.composer.text() == "summarise"
    assert [a.name for a in root.composer.attachments()] == ["long.txt"]


@pytest.mark.asyncio
async def test_the_file_dialog_offers_the_supported_kinds_first(running: Running) -> None:
    filters = running.root.attachments.file_filters().split(";;")
    assert filters[0].startswith("Supported files (")
    assert all(f"*{suffix} " in filters[0] + " " for suffix in (".png", ".jpeg", ".webp", ".pdf", ".md", ".py"))
    assert "*.exe" not in filters[0]
    assert [f.split(" (")[0] for f in filters] == [
        "Supported files",
        "Images",
        "PDF documents",
        "Text files",
        "All files",
    ]
