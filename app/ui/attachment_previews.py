"""How attachments look: image thumbnails, a page icon for documents, and a dialog showing an image full size.

Thumbnails are made off the UI thread and remembered: :func:`request_thumbnail` gives one at once when it is
cached (by the hash of the image's data, the box and the pixel ratio), and otherwise decodes and scales the
image in the thumbnail thread and hands the result to the UI thread later. Chips ask when they are first
painted, so a conversation with many images opens without decoding any, and only those scrolled into view are
decoded, each once. The widgets never read files or the store themselves: the caller hands in the data's
loader, which runs on the UI thread (the store's connection lives there), only on a cache miss.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QImageReader,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.render import SizedCache
from app.ui.rich_text import ui_thread_poster

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

THUMBNAIL_CACHE_BYTES = 24 * 1024 * 1024
"""Thumbnails kept (4 bytes a pixel: a 56-px chip's at 2× is some 50 KB)."""

ThumbnailKey = tuple[str, int, int, float]  # (hash of the data, box width, box height, pixel ratio)
Delivery = Callable[[QPixmap | None], None]

_thumbnails: SizedCache[ThumbnailKey, QImage] = SizedCache(
    THUMBNAIL_CACHE_BYTES, lambda key, image: image.sizeInBytes() + len(key[0])
)
_waiting: dict[ThumbnailKey, list[tuple[QObject, Delivery]]] = {}  # decodes under way, and who waits for them
_executor: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def decode_image(data: bytes) -> QImage:
    """The image in ``data`` the way it looks (EXIF orientation applied); a null image when undecodable.
    Safe in any thread."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    return reader.read()


def data_digest(data: bytes) -> str:
    """The hash a thumbnail of ``data`` is cached by: the one the store keeps attachments by, so that a chip of
    a sent image finds the thumbnail its chip in the composer made."""
    return hashlib.sha256(data).hexdigest()


def thumbnail_image(data: bytes, size: QSize, ratio: float = 1.0) -> QImage | None:
    """``data`` scaled (smoothly) to fit ``size`` in device-independent pixels, sharp at device pixel ratio
    ``ratio``; never enlarged. None when the data is not an image Qt can decode. Safe in any thread."""
    image = decode_image(data)
    if image.isNull():
        return None
    box = size * ratio
    if image.width() > box.width() or image.height() > box.height():
        image = image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    image.setDevicePixelRatio(ratio)
    return image


def request_thumbnail(
    digest: str | None,
    load: Callable[[], bytes | None],
    size: QSize,
    ratio: float,
    receiver: QObject,
    deliver: Delivery,
) -> QPixmap | None:
    """The thumbnail of an image (see :func:`thumbnail_image`), at once when it is cached; otherwise None, and
    ``deliver`` gets it (or None: no data, or not an image) on the UI thread once the thumbnail thread has
    made it, unless ``receiver`` was deleted meanwhile.

    ``digest`` is the hash of the data (:func:`data_digest`) when known (a stored attachment's); ``load`` gives
    the data and is called (on this, the UI thread) only when the thumbnail is not cached. Requests for the
    same image while it is being decoded share one decode.
    """
    if digest is not None:
        cached = _thumbnails.get((digest, size.width(), size.height(), ratio))
        if cached is not None:
            return QPixmap.fromImage(cached)
    post = ui_thread_poster()
    data = load()
    if not data:
        post(lambda: _deliver_to(receiver, deliver, None))
        return None
    if digest is None:
        digest = data_digest(data)  # only a composer's attachments: a few, once each
        cached = _thumbnails.get((digest, size.width(), size.height(), ratio))
        if cached is not None:
            return QPixmap.fromImage(cached)
    key: ThumbnailKey = (digest, size.width(), size.height(), ratio)
    waiting = _waiting.get(key)
    if waiting is not None:
        waiting.append((receiver, deliver))
        return None
    _waiting[key] = [(receiver, deliver)]
    future = _thumbnail_thread().submit(thumbnail_image, data, size, ratio)
    future.add_done_callback(lambda done: post(lambda: _decoded(key, done)))
    return None


def forget_thumbnails() -> None:
    """Drop every cached thumbnail (tests start from nothing)."""
    _thumbnails.clear()


def _thumbnail_thread() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            from concurrent.futures import ThreadPoolExecutor  # not at import: ~5 ms

            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samtal-thumbnails")
        return _executor


def _decoded(key: ThumbnailKey, done: Future[QImage | None]) -> None:  # on the UI thread
    image = None if done.cancelled() or done.exception() is not None else done.result()
    if image is not None:
        _thumbnails.put(key, image)
    for receiver, deliver in _waiting.pop(key, []):
        _deliver_to(receiver, deliver, None if image is None else QPixmap.fromImage(image))


def _deliver_to(receiver: QObject, deliver: Delivery, pixmap: QPixmap | None) -> None:
    if shiboken6.isValid(receiver):  # a chip closed before its thumbnail came gets nothing
        deliver(pixmap)


def document_icon(label: str, colour: QColor, height: int, ratio: float = 1.0) -> QPixmap:
    """A page with a folded corner and a short ``label`` on it ("PDF", "TXT"), drawn in ``colour``."""
    width = round(height * 0.78)
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fold = width * 0.3
    page = QRectF(1, 1, width - 2, height - 2)
    outline = QPainterPath()
    outline.moveTo(page.left(), page.top())
    outline.lineTo(page.right() - fold, page.top())
    outline.lineTo(page.right(), page.top() + fold)
    outline.lineTo(page.right(), page.bottom())
    outline.lineTo(page.left(), page.bottom())
    outline.closeSubpath()
    painter.setPen(QPen(colour, 1.4))
    painter.setBrush(QColor(colour.red(), colour.green(), colour.blue(), 28))
    painter.drawPath(outline)
    corner = QPainterPath()
    corner.moveTo(page.right() - fold, page.top())
    corner.lineTo(page.right() - fold, page.top() + fold)
    corner.lineTo(page.right(), page.top() + fold)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(corner)
    font = QFont(QGuiApplication.font())
    font.setBold(True)
    font.setPixelSize(max(7, round(height * 0.22)))
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(page.adjusted(0, fold, 0, 0), Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return pixmap


class ImageViewer(QDialog):
    """An image in a dialog of its own, fitted to the dialog (never enlarged); a click or Space switches to the
    actual size (scrollable) and back; Esc closes it."""

    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._image = image
        self._fitted = True
        self.image_label = QLabel(self)
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setAccessibleName(title)
        self.image_label.setToolTip(self.tr("Click to switch between the fitted and the actual size"))
        self.image_label.installEventFilter(self)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self.image_label)
        self._scroll.setWidgetResizable(True)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        wanted = image.size()
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        room = screen.availableSize() * 0.9 if screen is not None else QSize(1024, 768)
        if wanted.width() > room.width() or wanted.height() > room.height():
            wanted = wanted.scaled(room, Qt.AspectRatioMode.KeepAspectRatio)  # the image's shape, fitted
        frame = 2 * self._scroll.frameWidth()
        self.resize((wanted + QSize(frame, frame)).expandedTo(QSize(240, 160)))

    @property
    def fitted(self) -> bool:
        """True while the image is fitted to the dialog (False: at its actual size)."""
        return self._fitted

    def toggle_size(self) -> None:
        self._fitted = not self._fitted
        self._show_image()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.image_label and event.type() == QEvent.Type.MouseButtonRelease:
            self.toggle_size()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            self.toggle_size()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_image()

    def _show_image(self) -> None:
        ratio = self.devicePixelRatioF()
        # From the dialog's own size: on the first resize (at show) the scroll area is not laid out yet.
        frame = 2 * self._scroll.frameWidth()
        box = (self.contentsRect().size() - QSize(frame, frame)) * ratio
        image = self._image
        if self._fitted and (image.width() > box.width() or image.height() > box.height()):
            image = image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
        else:
            pixmap = QPixmap.fromImage(image)  # actual size: one image pixel per device-independent pixel
        self.image_label.setPixmap(pixmap)
