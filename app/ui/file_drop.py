"""Files and images arriving by drag and drop or paste: what a QMimeData carries that can be attached, and an
event filter that lets any widget take such drops.

Local files win over everything else; an image is taken only when no text comes with it (office programs put
a picture of copied cells next to their text: pasting that text must stay pasting text).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage
from PySide6.QtWidgets import QWidget


def mime_files(mime: QMimeData) -> list[Path]:
    """The local files among the mime data's URLs."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def mime_image(mime: QMimeData) -> QImage | None:
    """The image the mime data carries when it carries no text (and no local files)."""
    if not mime.hasImage() or mime.hasText() or mime_files(mime):
        return None
    image = mime.imageData()
    return image if isinstance(image, QImage) and not image.isNull() else None


def carries_attachments(mime: QMimeData) -> bool:
    """Whether dropping or pasting this would attach something (rather than insert text)."""
    return bool(mime_files(mime)) or (mime.hasImage() and not mime.hasText())


class FileDropFilter(QObject):
    """An event filter that makes the widgets it watches take dropped files and images.

    Other drops (text) go on to the widget as before.

    Signals:
        files_dropped(list): the local files dropped (``list[Path]``).
        image_dropped(QImage): an image dropped without files or text.
        hover_changed(bool): a drag that would attach something entered (True) or left or dropped (False).
    """

    files_dropped = Signal(list)
    image_dropped = Signal(QImage)
    hover_changed = Signal(bool)

    def watch(self, widget: QWidget) -> None:
        """Take drops on ``widget`` (and on its children that don't take them themselves)."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, (QDragEnterEvent, QDragMoveEvent))
            if not carries_attachments(event.mimeData()):
                return False
            event.acceptProposedAction()
            if kind == QEvent.Type.DragEnter:
                self.hover_changed.emit(True)
            return True
        if kind == QEvent.Type.DragLeave:
            self.hover_changed.emit(False)
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            mime = event.mimeData()
            if not carries_attachments(mime):
                return False
            event.acceptProposedAction()
            self.hover_changed.emit(False)
            files = mime_files(mime)
            image = mime_image(mime)
            if files:
                self.files_dropped.emit(files)
            elif image is not None:
                self.image_dropped.emit(image)
            return True
        return False
