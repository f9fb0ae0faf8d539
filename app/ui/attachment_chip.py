"""One attachment as a chip: an image's thumbnail or a document's page icon, the file's name, its kind and size
(and what was changed, e.g. "scaled from …"), and in the composer a remove button. The composer's attachments
waiting to be sent and a sent message's attachments are the same chip, so they look alike everywhere.

A click on an image's chip (or Space or Enter while it has the focus) shows the image full size. An image's
thumbnail is not decoded while the chip is built: the chip asks for it when it is first painted
(:func:`app.ui.attachment_previews.request_thumbnail`), so only chips that come into view decode anything, and
that in the thumbnail thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QLocale, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from app.attachments import PDF_TYPE
from app.ui.attachment_previews import ImageViewer, decode_image, document_icon, request_thumbnail
from app.ui.design import Radius, Space, current_colors
from app.ui.icons import icon
from app.ui.transcript_style import make_small

CHIP_HEIGHT = 64
PREVIEW_SIZE = QSize(56, 56)
THUMBNAIL_SIZE = PREVIEW_SIZE - QSize(6, 6)  # inside its button's frame
PLACEHOLDER_SIZE = QSize(24, 24)  # an image's icon until (or when never) its thumbnail is there
DOCUMENT_ICON_HEIGHT = 44
TEXT_WIDTH = 230  # names longer than this are elided (the whole name is in the tooltip)
MIN_TEXT_WIDTH = 96  # a chip gives way to this much in a narrow window
_KINDS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP", PDF_TYPE: "PDF"}


def _no_data() -> bytes | None:
    return None


@dataclass(frozen=True)
class ChipFacts:
    """What a chip shows of one attachment, wherever it comes from (the composer's file, a stored block).

    ``digest`` is the hash of an image's data when known (a stored attachment's); ``load`` gives its bytes
    (called on the UI thread, only when the thumbnail is not cached or the image is opened full size).
    """

    name: str  # the file name; "" when unknown (an imported image)
    media_type: str  # "" when unknown
    size: int | None  # bytes; None when unknown
    is_image: bool
    note: str = ""  # what was changed before sending, e.g. "scaled from 4032×3024 to 1568×1176"
    is_link: bool = False  # the attachment is a URL the API fetches, not data
    digest: str | None = None
    load: Callable[[], bytes | None] = field(default=_no_data, compare=False)


class ElidingLabel(QLabel):
    """A line of plain text that asks for at most :data:`TEXT_WIDTH` pixels and, given less, is cut with an
    ellipsis (a narrow window keeps whole chips rather than cutting them off); :meth:`full_text` is all of it."""

    def __init__(self, text: str, mode: Qt.TextElideMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a file name, never markup
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._text, self._mode = text, mode
        self.setText(text)

    def full_text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        wanted = min(self.fontMetrics().horizontalAdvance(self._text) + 1, TEXT_WIDTH)
        return QSize(wanted, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), MIN_TEXT_WIDTH), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setText(self.fontMetrics().elidedText(self._text, self._mode, self.width()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()


class AttachmentChip(QFrame):
    """One attachment (see the module docstring). Focusable; Delete or Backspace removes a ``removable`` chip
    while it (or its remove button) has the focus.

    Signals:
        remove_requested(): the × button, Delete or Backspace was pressed (only a ``removable`` chip).
    """

    remove_requested = Signal()

    def __init__(self, facts: ChipFacts, *, removable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.setObjectName("attachmentChip")
        self.setFixedHeight(CHIP_HEIGHT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewer: ImageViewer | None = None  # the full-size view last opened
        self._thumbnail_asked = False
        self._thumbnail_shown = False
        name = self.display_name()
        self.kind = self.kind_label()

        self.preview: QLabel | QToolButton
        if facts.is_image:  # its thumbnail (an image icon until then) is a button that shows it full size
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chip takes the focus: one stop per chip
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setIcon(icon("image", "muted"))
            button.setIconSize(PLACEHOLDER_SIZE)
            button.setToolTip(self.tr("Show the image full size"))
            button.setAccessibleName(self.tr("Show {name} full size").format(name=name))
            button.clicked.connect(self.open_image)
            self.preview = button
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.preview = QLabel(self)
            self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._draw_document_icon()
        self.preview.setFixedSize(PREVIEW_SIZE)

        self.name_label = ElidingLabel(name, Qt.TextElideMode.ElideMiddle, self)
        bold = self.name_label.font()
        bold.setBold(True)
        self.name_label.setFont(bold)
        size = self.size_text()
        self.details_label = ElidingLabel(
            f"{self.kind} · {size}" if size else self.kind, Qt.TextElideMode.ElideRight, self
        )
        self.note_label = ElidingLabel(facts.note, Qt.TextElideMode.ElideRight, self)
        for label in (self.details_label, self.note_label):
            make_small(label)
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note_label.setVisible(bool(facts.note))
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addStretch(1)
        text.addWidget(self.name_label)
        text.addWidget(self.details_label)
        text.addWidget(self.note_label)
        text.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(Space.XS, Space.XS, Space.S, Space.XS)
        layout.setSpacing(Space.S)
        layout.addWidget(self.preview)
        layout.addLayout(text)
        self.remove_button: QToolButton | None = None
        if removable:
            remove = QToolButton(self)
            remove.setIcon(icon("close"))
            remove.setAutoRaise(True)
            # A file name is shown as written: Qt would read one that looks like markup as HTML.
            remove.setToolTip(QtGui.Qt.convertFromPlainText(self.tr("Remove {name}").format(name=name)))
            remove.setAccessibleName(self.tr("Remove {name}").format(name=name))
            remove.clicked.connect(self.remove_requested)
            layout.setContentsMargins(Space.XS, Space.XS, Space.HAIR, Space.XS)
            layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self.remove_button = remove
        tip = name if not facts.note else f"{name}\n{facts.note}"
        self.setToolTip(QtGui.Qt.convertFromPlainText(tip))
        self.setAccessibleName(", ".join(part for part in (name, self.kind, size) if part))
        hints = []
        if facts.is_image:
            hints.append(self.tr("Space shows the image full size."))
        if removable:
            hints.append(self.tr("Delete removes it."))
        self.setAccessibleDescription(" ".join(hints))

    # --- what it shows ---

    def display_name(self) -> str:
        """The file name, or what the attachment is when its name is not known."""
        if self.facts.name:
            return self.facts.name
        return self.tr("Image") if self.facts.is_image else self.tr("Document")

    def kind_label(self) -> str:
        """The kind shown under the name: "PNG", "PDF", "Text"…"""
        media_type = self.facts.media_type
        if media_type in _KINDS:
            return _KINDS[media_type]
        if media_type.startswith("text/"):
            return self.tr("Text")
        if self.facts.is_link:
            return self.tr("Link")
        if media_type:
            return media_type.rsplit("/", 1)[-1].upper()
        return self.tr("Image") if self.facts.is_image else self.tr("Document")

    def size_text(self) -> str:
        """The size in the locale's words ("120.0 KB"), or "" when unknown."""
        size = self.facts.size
        if size is None:
            return ""
        return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)

    def has_thumbnail(self) -> bool:
        """True once an image's thumbnail is shown (not the image icon)."""
        return self._thumbnail_shown

    # --- acting ---

    def open_image(self) -> None:
        """Show the image full size in a dialog (nothing for a document, or when the data is not available)."""
        data = self.facts.load() if self.facts.is_image else None
        image = decode_image(data) if data else None
        if image is None or image.isNull():
            return
        title = self.tr("{name} · {width}×{height}").format(
            name=self.display_name(), width=image.width(), height=image.height()
        )
        self.viewer = ImageViewer(image, title, self.window())
        self.viewer.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.remove_button is not None:
            event.accept()
            self.remove_requested.emit()
            return
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.facts.is_image:
            event.accept()
            self.open_image()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            self.facts.is_image
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self.open_image()
            return
        super().mouseReleaseEvent(event)

    # --- painting ---

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._thumbnail_asked and self.facts.is_image:
            self._thumbnail_asked = True  # first painted: in view now, so its thumbnail is wanted
            self._ask_thumbnail()
        colors = current_colors(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QtGui.QColor(colors.border), 1.0))
        painter.setBrush(QtGui.QColor(colors.surface_alt))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), Radius.M, Radius.M)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self.facts.is_image:
            self._draw_document_icon()  # in the new theme's colour

    def _ask_thumbnail(self) -> None:
        facts, ratio = self.facts, self.devicePixelRatioF()
        pixmap = request_thumbnail(facts.digest, facts.load, THUMBNAIL_SIZE, ratio, self, self._show_thumbnail)
        if pixmap is not None:
            self._show_thumbnail(pixmap)

    def _show_thumbnail(self, pixmap: QPixmap | None) -> None:
        if pixmap is None or not isinstance(self.preview, QToolButton):
            if isinstance(self.preview, QToolButton):
                self.preview.setEnabled(False)  # no data, or not an image Qt can read: nothing to open
                self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        self.preview.setIcon(QIcon(pixmap))
        self.preview.setIconSize(pixmap.deviceIndependentSize().toSize())
        self._thumbnail_shown = True

    def _draw_document_icon(self) -> None:
        if isinstance(self.preview, QLabel):
            label = "PDF" if self.facts.media_type == PDF_TYPE else "TXT"
            colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
            self.preview.setPixmap(document_icon(label, colour, DOCUMENT_ICON_HEIGHT, self.devicePixelRatioF()))
