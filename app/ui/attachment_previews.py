"""How attachments look: image thumbnails, a page icon for documents, and a dialog showing an image full size.

Thumbnails are decoded from data handed in (the widgets never read files or the store themselves) and kept
in a small cache by key, so reopening a conversation does not decode its images again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

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

THUMBNAIL_CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, int, int, float], QPixmap] = OrderedDict()


def decode_image(data: bytes) -> QImage:
    """The image in ``data`` the way it looks (EXIF orientation applied); a null image when undecodable."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    return reader.read()


def thumbnail(data: bytes, size: QSize, ratio: float = 1.0) -> QPixmap | None:
    """``data`` scaled (smoothly) to fit ``size`` in device-independent pixels, sharp at device pixel ratio
    ``ratio``; never enlarged. None when the data is not an image Qt can decode."""
    image = decode_image(data)
    if image.isNull():
        return None
    box = size * ratio
    if image.width() > box.width() or image.height() > box.height():
        image = image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def cached_thumbnail(key: str, load: Callable[[], bytes | None], size: QSize, ratio: float = 1.0) -> QPixmap | None:
    """:func:`thumbnail` of the data ``load`` returns, cached by ``key`` (e.g. the attachment's hash) and size.
    ``load`` is called only on a cache miss."""
    cache_key = (key, size.width(), size.height(), ratio)
    pixmap = _cache.get(cache_key)
    if pixmap is not None:
        _cache.move_to_end(cache_key)
        return pixmap
    data = load()
    pixmap = thumbnail(data, size, ratio) if data else None
    if pixmap is not None:
        _cache[cache_key] = pixmap
        while len(_cache) > THUMBNAIL_CACHE_SIZE:
            _cache.popitem(last=False)
    return pixmap


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
