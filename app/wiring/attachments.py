"""Attachments: files chosen with the attach button (or Conversation ▸ Attach Files…), dropped on the window or
the composer, or pasted, are read in a worker thread (images are decoded and maybe scaled down) and shown in
the composer (what can't be attached is explained there); the composer's one send puts them before the text
in one user message (`app.gui.Samtal.send`).

The transcript gets stored attachments' sizes and bytes from the store by hash, for its thumbnails.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from app.attachment_images import png_data
from app.attachments import (
    MAX_REQUEST_BYTES,
    Attachment,
    AttachmentError,
    attachment_from_bytes,
    format_size,
    load_attachment,
    suffixes_of,
)
from app.chat.prompts import Prompts
from app.store import Store, StoreError
from app.ui.actions import Actions
from app.ui.composer import Composer
from app.ui.file_drop import FileDropFilter
from app.ui.transcript import TranscriptView

log = logging.getLogger(__name__)

PASTED_IMAGE_NAME = "Pasted image.png"
Reader = Callable[[], Attachment]  # reads one file (or pasted data) into an attachment


class AttachmentFlow(QObject):
    """Reads files into the composer's attachments (see the module docstring): chosen with ``prompts``, dropped
    on ``window`` or the composer, or pasted; the transcript's thumbnails come from ``store``."""

    def __init__(
        self,
        *,
        composer: Composer,
        window: QWidget,
        commands: Actions,
        transcript: TranscriptView,
        store: Store,
        prompts: Prompts,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._composer = composer
        self._store = store
        self._prompts = prompts
        self._loading = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._directory = str(Path.home())
        composer.attach_requested.connect(self.choose_files)
        composer.files_dropped.connect(self.attach_files)
        composer.image_pasted.connect(self.attach_image)
        self.window_drops = FileDropFilter(self)
        self.window_drops.watch(window)
        self.window_drops.files_dropped.connect(self.attach_files)
        self.window_drops.image_dropped.connect(self.attach_image)
        self.window_drops.hover_changed.connect(composer.set_drop_highlight)
        commands.attach_files.triggered.connect(self.choose_files)
        transcript.set_attachment_sources(self._stored_size, self._stored_data)

    # --- attaching ---

    def choose_files(self) -> None:
        """Ask for files with the platform's file dialog and attach them."""
        names = self._prompts.open_files(self.tr("Attach Files"), self._directory, self.file_filters())
        if names:
            self._directory = str(Path(names[0]).parent)
            self.attach_files([Path(name) for name in names])

    def file_filters(self) -> str:
        """The file dialog's filters: every supported kind first (`app.attachments.suffixes_of`), then each
        kind, then all files (a text file may have any name)."""

        def patterns(*kinds: str) -> str:
            return " ".join(f"*{suffix}" for kind in kinds for suffix in suffixes_of(kind))

        return ";;".join(
            (
                self.tr("Supported files ({patterns})").format(patterns=patterns("image", "pdf", "text")),
                self.tr("Images ({patterns})").format(patterns=patterns("image")),
                self.tr("PDF documents ({patterns})").format(patterns=patterns("pdf")),
                self.tr("Text files ({patterns})").format(patterns=patterns("text")),
                self.tr("All files (*)"),
            )
        )

    def attach_files(self, paths: Sequence[Path]) -> None:
        """Read these files (in a worker thread) and add them to the composer."""
        self._start([partial(load_attachment, path) for path in paths])

    def attach_image(self, image: QImage) -> None:
        """Attach an image pasted or dropped as image data."""
        self._start([partial(attachment_from_bytes, png_data(image), PASTED_IMAGE_NAME, "image/png")])

    def wait(self) -> asyncio.Future[Any]:
        """Finish reading what is being attached (for tests and shutdown)."""
        return asyncio.gather(*self._tasks)

    def _start(self, readers: list[Reader]) -> None:
        if not readers:
            return
        self._loading += 1
        self._composer.set_attaching(True)
        task = asyncio.ensure_future(self._load(readers))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _load(self, readers: list[Reader]) -> None:
        try:
            results = await asyncio.to_thread(_read_all, readers)
        except Exception as exc:  # a bug or no memory: say so rather than lose it in a task nobody awaits
            log.exception("attaching failed")
            self._composer.show_problem(self.tr("Could not attach: {error}").format(error=exc))
            return
        finally:
            self._loading -= 1
            self._composer.set_attaching(self._loading > 0)
        composer = self._composer
        problems = [result.message for result in results if isinstance(result, AttachmentError)]
        fitting: list[Attachment] = []
        total = sum(a.sent_size() for a in composer.attachments())
        for attachment in (result for result in results if isinstance(result, Attachment)):
            if total + attachment.sent_size() > MAX_REQUEST_BYTES:
                problems.append(
                    self.tr("{name} was not attached: the message would be over {limit}.").format(
                        name=attachment.name, limit=format_size(MAX_REQUEST_BYTES)
                    )
                )
                continue
            total += attachment.sent_size()
            fitting.append(attachment)
        for skipped in composer.add_attachments(fitting):
            problems.append(self.tr("{name} is already attached.").format(name=skipped.name))
        if problems:
            composer.show_problem("\n".join(problems))
        else:
            composer.clear_problem()

    # --- the transcript's thumbnails ---

    def _stored_size(self, digest: str) -> int | None:
        try:
            return self._store.attachments.get(digest).size
        except StoreError:
            return None

    def _stored_data(self, digest: str) -> bytes | None:
        try:
            return self._store.attachments.get(digest).data
        except StoreError:
            return None


def _read_all(readers: list[Reader]) -> list[Attachment | AttachmentError]:
    results: list[Attachment | AttachmentError] = []
    for read in readers:
        try:
            results.append(read())
        except AttachmentError as exc:
            results.append(exc)
    return results
