"""The composer's row of attachments waiting to be sent: one :class:`~app.ui.attachment_chip.AttachmentChip`
each (as in the transcript, plus a remove button), scrolling sideways when there are more than fit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QWidget

from app.attachments import Attachment
from app.ui.attachment_chip import CHIP_HEIGHT, AttachmentChip, ChipFacts
from app.ui.design import Space


def chip_facts(attachment: Attachment) -> ChipFacts:
    """What a chip shows of an attachment waiting in the composer."""
    return ChipFacts(
        name=attachment.name,
        media_type=attachment.media_type,
        size=attachment.size,
        is_image=attachment.is_image,
        note=attachment.note,
        load=attachment.data,
    )


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
        self._shown: list[Attachment] = []  # what each chip shows
        self.hide()

    def set_attachments(self, attachments: Sequence[Attachment]) -> None:
        """Show these attachments (chips of attachments already shown are kept)."""
        kept = {id(attachment): chip for attachment, chip in zip(self._shown, self._chips, strict=True)}
        chips: list[AttachmentChip] = []
        for attachment in attachments:
            chip = kept.pop(id(attachment), None)
            if chip is None:
                chip = AttachmentChip(chip_facts(attachment), removable=True, parent=self._row)
                chip.remove_requested.connect(lambda c=chip: self.remove_requested.emit(self._chips.index(c)))
            chips.append(chip)
        for stale in kept.values():
            stale.hide()
            stale.deleteLater()
        for index, chip in enumerate(chips):
            self._layout.insertWidget(index, chip)
            chip.show()
        self._chips = chips
        self._shown = list(attachments)
        self.setVisible(bool(chips))
        self._fit_height()

    def chips(self) -> list[AttachmentChip]:
        return list(self._chips)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # Room for the scroll bar only when the chips, however narrow they may get, are wider than the strip,
        # so that it never covers them.
        overflowing = self._row.minimumSizeHint().width() > self.viewport().width()
        bar = self.horizontalScrollBar().sizeHint().height() if overflowing else 0
        self.setFixedHeight(CHIP_HEIGHT + bar)
