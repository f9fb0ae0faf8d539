"""The composer's row of attachments waiting to be sent: one chip each (thumbnail or page icon, name, size,
what was changed, and a remove button), scrolling sideways when there are more than fit. A click on an
image's thumbnail (or Space on it) shows the image full size, as in the transcript."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtGui
from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QIcon, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from app.attachments import PDF_TYPE, Attachment
from app.ui.attachment_previews import ImageViewer, decode_image, document_icon, thumbnail
from app.ui.design import Space
from app.ui.icons import icon
from app.ui.transcript_style import make_small

CHIP_HEIGHT = 64
PREVIEW_SIZE = QSize(56, 56)
THUMBNAIL_SIZE = PREVIEW_SIZE - QSize(6, 6)  # inside its button's frame
TEXT_WIDTH = 230  # names longer than this are elided (the whole name is in the tooltip)
_KINDS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP", PDF_TYPE: "PDF"}


class AttachmentChip(QFrame):
    """One attachment in the strip. Delete or Backspace removes it while it (or one of its buttons) has the
    focus.

    Signals:
        remove_requested(): the × button was pressed.
    """

    remove_requested = Signal()

    def __init__(self, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachment = attachment
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedHeight(CHIP_HEIGHT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        kind = _KINDS.get(attachment.media_type, self.tr("Text"))
        self.viewer: ImageViewer | None = None  # the full-size view last opened
        ratio = self.devicePixelRatioF()
        pixmap = thumbnail(attachment.data(), THUMBNAIL_SIZE, ratio) if attachment.is_image else None
        self.preview: QLabel | QToolButton
        if pixmap is not None:  # an image: its thumbnail is a button that shows it full size
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setIcon(QIcon(pixmap))
            button.setIconSize(pixmap.deviceIndependentSize().toSize())
            button.setToolTip(self.tr("Show the image full size"))
            button.setAccessibleName(self.tr("Show {name} full size").format(name=attachment.name))
            button.clicked.connect(self.open_image)
            self.preview = button
        else:
            colour = self.palette().color(QPalette.ColorRole.WindowText)
            label = QLabel(self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setPixmap(document_icon("PDF" if attachment.media_type == PDF_TYPE else "TXT", colour, 44, ratio))
            self.preview = label
        self.preview.setFixedSize(PREVIEW_SIZE)

        self.name_label = QLabel(self)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name, never markup
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setText(
            QFontMetrics(font).elidedText(attachment.name, Qt.TextElideMode.ElideMiddle, TEXT_WIDTH)
        )
        size = QLocale().formattedDataSize(attachment.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
        self.details_label = QLabel(f"{kind} · {size}", self)
        self.note_label = QLabel(self)
        for label in (self.details_label, self.note_label):
            make_small(label)
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        note_metrics = QFontMetrics(self.note_label.font())
        self.note_label.setText(note_metrics.elidedText(attachment.note, Qt.TextElideMode.ElideRight, TEXT_WIDTH))
        self.note_label.setVisible(bool(attachment.note))
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addStretch(1)
        text.addWidget(self.name_label)
        text.addWidget(self.details_label)
        text.addWidget(self.note_label)
        text.addStretch(1)

        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setIcon(icon("close"))
        self.remove_button.setAutoRaise(True)
        # A file name is shown as written: Qt would read one that looks like markup as HTML.
        self.remove_button.setToolTip(
            QtGui.Qt.convertFromPlainText(self.tr("Remove {name}").format(name=attachment.name))
        )
        self.remove_button.setAccessibleName(self.tr("Remove {name}").format(name=attachment.name))
        self.remove_button.clicked.connect(self.remove_requested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(Space.XS, Space.XS, Space.HAIR, Space.XS)
        layout.setSpacing(Space.S)
        layout.addWidget(self.preview)
        layout.addLayout(text)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        tip = attachment.name if not attachment.note else f"{attachment.name}\n{attachment.note}"
        self.setToolTip(QtGui.Qt.convertFromPlainText(tip))
        self.setAccessibleName(f"{attachment.name}, {kind}, {size}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            event.accept()
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)

    def open_image(self) -> None:
        """Show the attached image full size in the transcript's image viewer (nothing for a document)."""
        image = decode_image(self.attachment.data()) if self.attachment.is_image else None
        if image is None or image.isNull():
            return
        title = self.tr("{name} · {width}×{height}").format(
            name=self.attachment.name, width=image.width(), height=image.height()
        )
        self.viewer = ImageViewer(image, title, self.window())
        self.viewer.show()


class AttachmentStrip(QScrollArea):
    """A sideways-scrolling row of :class:`AttachmentChip`; hidden while there is nothing attached.

    Signals:
        remove_requested(int): the index of the attachment whose × was pressed.
    """

    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentStrip")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._row = QWidget()
        self._layout = QHBoxLayout(self._row)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(Space.S)
        self._layout.addStretch(1)
        self.setWidget(self._row)
        self._chips: list[AttachmentChip] = []
        self.hide()

    def set_attachments(self, attachments: Sequence[Attachment]) -> None:
        """Show these attachments (chips of attachments already shown are kept)."""
        kept = {id(chip.attachment): chip for chip in self._chips}
        chips: list[AttachmentChip] = []
        for attachment in attachments:
            chip = kept.pop(id(attachment), None)
            if chip is None:
                chip = AttachmentChip(attachment, self._row)
                chip.remove_requested.connect(lambda c=chip: self.remove_requested.emit(self._chips.index(c)))
            chips.append(chip)
        for stale in kept.values():
            stale.hide()
            stale.deleteLater()
        for index, chip in enumerate(chips):
            self._layout.insertWidget(index, chip)
            chip.show()
        self._chips = chips
        self.setVisible(bool(chips))
        self._fit_height()

    def chips(self) -> list[AttachmentChip]:
        return list(self._chips)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # Room for the scroll bar only when the chips are wider than the strip, so that it never covers them.
        overflowing = self._row.sizeHint().width() > self.viewport().width()
        bar = self.horizontalScrollBar().sizeHint().height() if overflowing else 0
        self.setFixedHeight(CHIP_HEIGHT + bar)
