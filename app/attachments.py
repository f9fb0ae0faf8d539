"""Files a user attaches to a message: what they are (judged by their bytes, not their names), whether the
Messages API takes them, and the content block that carries them.

Qt-free, shared by the GUI and ``samtal ask --attach``. Images are checked and, when needed, scaled down by
:func:`app.attachment_images.fit_image`, which loads QtGui only when an image is attached.

What goes where (reference/messages-api.md §1):

- PNG, JPEG, GIF and WebP images: ``image`` blocks with base64 data, at most MAX_IMAGE_EDGE px on the long
  edge and MAX_IMAGE_BYTES of base64 (larger ones are scaled down first); the file name goes in the private
  key IMAGE_NAME_KEY (the API has no field for it; private ``_`` keys are stripped before sending) so that the
  transcript can show it;
- PDFs: ``document`` blocks with base64 data and the file name as title; encrypted PDFs are refused;
- UTF-8 text (plain text, Markdown, source code, CSV, JSON…): ``document`` blocks with a ``text`` source;
- everything else is refused with an :class:`AttachmentError` whose message names the file.

A whole request is at most MAX_REQUEST_BYTES (:func:`check_request_size`).
"""

from __future__ import annotations

import base64
import json
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from app.attachment_images import MAX_IMAGE_BYTES, MAX_IMAGE_EDGE, ImageError, fit_image
from app.plural import plural

IMAGE_NAME_KEY: Final = "_name"  # an image block's file name, for people (never sent)
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
PDF_TYPE = "application/pdf"
TEXT_TYPE = "text/plain"

MAX_REQUEST_BYTES = 32_000_000  # the API's "32 MB" per request body, read conservatively
MAX_IMAGES_PER_REQUEST = 100  # the limit every model and proxy accepts (newer models take more)
MAX_FILE_BYTES = 256 * 1024 * 1024  # never read more than this into memory

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", PDF_TYPE),
)
# Binary formats people try to attach that the API does not take, named so the message can say what the file
# is (only checked once the bytes turned out not to be text).
_UNSUPPORTED: tuple[tuple[bytes, str], ...] = (
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive or an office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif")
# An /Encrypt entry in a trailer or cross-reference stream dictionary: an indirect reference or a dictionary.
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_SUPPORTED = "images (PNG, JPEG, GIF, WebP), PDFs and UTF-8 text files"


class AttachmentError(Exception):
    """A file that can't be attached, or a request that would be too large. ``message`` (also ``str()``) is
    one or two sentences for people, naming the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Attachment:
    """A file ready to send: ``block`` is the API content block (data inline as base64, or the text).

    ``size`` is the size of the data as sent (after any scaling); ``note`` says what was changed, e.g.
    "scaled from 4032×3024 to 1568×1176" (empty when the file goes as it is).
    """

    name: str
    media_type: str
    size: int
    block: dict[str, Any]
    note: str = ""

    @property
    def is_image(self) -> bool:
        """Whether it goes as an ``image`` block."""
        return self.block.get("type") == "image"

    def data(self) -> bytes:
        """The bytes the block carries (decoded from base64; a text document's text as UTF-8)."""
        source = self.block["source"]
        if source["type"] == "base64":
            return base64.b64decode(source["data"])
        return str(source["data"]).encode("utf-8")

    def sent_size(self) -> int:
        """How many bytes this attachment adds to a request body (base64 text, or JSON-escaped text), measured
        as :func:`check_request_size` measures the body."""
        data = self.block["source"]["data"]
        return len(data) if self.block["source"]["type"] == "base64" else len(_json_bytes(data))


__all__ = [
    "IMAGE_NAME_KEY",
    "IMAGE_TYPES",
    "MAX_FILE_BYTES",
    "MAX_IMAGES_PER_REQUEST",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_EDGE",
    "MAX_REQUEST_BYTES",
    "PDF_TYPE",
    "TEXT_TYPE",
    "Attachment",
    "AttachmentError",
    "attachment_from_bytes",
    "check_request_size",
    "format_size",
    "load_attachment",
    "sniff_media_type",
    "suffixes_of",
]


def load_attachment(path: Path) -> Attachment:
    """Read ``path`` and make it an attachment (see the module docstring). Raises AttachmentError."""
    name = path.name or str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise AttachmentError(f"{name} is not a file.")
        if info.st_size > MAX_FILE_BYTES:
            raise AttachmentError(f"{name} is too large to attach ({format_size(info.st_size)}).")
        data = path.read_bytes()
    except OSError as exc:
        raise AttachmentError(f"Can't read {name}: {exc.strerror or exc}.") from None
    return attachment_from_bytes(data, name)


def attachment_from_bytes(data: bytes, name: str, media_type_hint: str | None = None) -> Attachment:
    """Make an attachment of ``data`` (e.g. a pasted image) called ``name``. The type is read from the bytes;
    ``media_type_hint`` is what the source claimed (a clipboard's image type): when it names an image the
    bytes must be one. Raises AttachmentError."""
    if not data:
        raise AttachmentError(f"{name} is empty.")
    media_type = sniff_media_type(data)
    claimed = media_type_hint or _CLAIMED_BY_SUFFIX.get(Path(name).suffix.lower())
    if claimed in IMAGE_TYPES and media_type not in IMAGE_TYPES:
        raise AttachmentError(f"{name} is not a valid image.")
    if claimed == PDF_TYPE and media_type != PDF_TYPE:
        raise AttachmentError(f"{name} is not a valid PDF.")
    if media_type in IMAGE_TYPES:
        attachment = _image(data, name, media_type)
    elif media_type == PDF_TYPE:
        attachment = _pdf(data, name)
    else:
        attachment = _text(data, name)
    sent_size = attachment.sent_size()
    if sent_size > MAX_REQUEST_BYTES:
        raise AttachmentError(
            f"{name} is too large: {format_size(sent_size)} as sent, and a request can be at most "
            f"{format_size(MAX_REQUEST_BYTES)}."
        )
    return attachment


# What a file's name promises: its bytes must keep the promise (a "photo.png" full of text is a mistake).
_CLAIMED_BY_SUFFIX: Final = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": PDF_TYPE,
}
# Names text files usually have (any UTF-8 text is taken: these are what a file dialog offers first).
TEXT_SUFFIXES: Final = (
    ".txt", ".md", ".markdown", ".rst", ".csv", ".tsv", ".json", ".jsonl", ".yaml", ".yml", ".toml", ".xml",
    ".html", ".css", ".log", ".ini", ".cfg", ".py", ".js", ".ts", ".java", ".c", ".h", ".cpp", ".cs", ".go",
    ".rs", ".rb", ".php", ".sh", ".sql", ".swift", ".kt", ".tex",
)  # fmt: skip


def suffixes_of(kind: str) -> tuple[str, ...]:
    """The file name endings of a kind of attachment ("image", "pdf" or "text"), for a file dialog's filters."""
    if kind == "text":
        return TEXT_SUFFIXES
    wanted = IMAGE_TYPES if kind == "image" else (PDF_TYPE,)
    return tuple(suffix for suffix, media_type in _CLAIMED_BY_SUFFIX.items() if media_type in wanted)


def sniff_media_type(data: bytes) -> str | None:
    """The media type of an image or PDF judged by its first bytes; None for anything else."""
    for signature, media_type in _SIGNATURES:
        if data.startswith(signature):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_request_size(body: Mapping[str, Any]) -> None:
    """Raise AttachmentError when a request body (as JSON, the way it is sent) is over MAX_REQUEST_BYTES or
    carries more than MAX_IMAGES_PER_REQUEST images."""
    size = len(_json_bytes(body))
    if size > MAX_REQUEST_BYTES:
        raise AttachmentError(
            f"The request would be {format_size(size)}, over the API's limit of {format_size(MAX_REQUEST_BYTES)}."
        )
    images = sum(_count_images(message.get("content")) for message in body.get("messages") or [])
    if images > MAX_IMAGES_PER_REQUEST:
        raise AttachmentError(
            f"The request would carry {images} images; at most {MAX_IMAGES_PER_REQUEST} can be sent at once."
        )


def format_size(size: int) -> str:
    """``532 bytes``, ``12.5 kB``, ``32 MB``: decimal units, as the API's limits are stated."""
    if size < 1000:
        return plural(size, "{n} byte", "{n} bytes")
    value, unit = (size / 1000, "kB") if size < 1_000_000 else (size / 1_000_000, "MB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


# --- the kinds ---


def _image(data: bytes, name: str, media_type: str) -> Attachment:
    try:
        fitted, fitted_type, note = fit_image(data, media_type)
    except ImageError as exc:
        raise AttachmentError(f"{name}: {exc}") from None
    source = {"type": "base64", "media_type": fitted_type, "data": _b64(fitted)}
    block = {"type": "image", "source": source, IMAGE_NAME_KEY: name}
    return Attachment(name, fitted_type, len(fitted), block, note)


def _pdf(data: bytes, name: str) -> Attachment:
    if _ENCRYPT.search(data):
        raise AttachmentError(f"{name} is an encrypted or password-protected PDF, which the API can't read.")
    block = {
        "type": "document",
        "source": {"type": "base64", "media_type": PDF_TYPE, "data": _b64(data)},
        "title": name,
    }
    return Attachment(name, PDF_TYPE, len(data), block)


def _text(data: bytes, name: str) -> Attachment:
    try:
        if b"\x00" in data:  # valid UTF-8, but no text file has NUL bytes: binary data
            raise ValueError("binary")
        text = data.decode("utf-8-sig")
    except ValueError:
        what = _unsupported_kind(data)
        if what is not None:
            raise AttachmentError(f"{name} is {what}. Samtal can attach {_SUPPORTED}.") from None
        raise AttachmentError(f"{name} is not a file Samtal can attach: {_SUPPORTED} are supported.") from None
    if not text.strip():
        raise AttachmentError(f"{name} has no text in it.")
    block = {"type": "document", "source": {"type": "text", "media_type": TEXT_TYPE, "data": text}, "title": name}
    return Attachment(name, TEXT_TYPE, len(text.encode("utf-8")), block)


def _unsupported_kind(data: bytes) -> str | None:
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "an AVIF image" if data[8:12] == b"avif" else "a HEIC image"
    for signature, what in _UNSUPPORTED:
        if data.startswith(signature):
            return what
    return None


def _count_images(content: Any) -> int:
    if not isinstance(content, list):
        return 0
    count = 0
    for block in content:
        if isinstance(block, Mapping):
            count += block.get("type") == "image"
            count += _count_images(block.get("content"))  # a tool result's images
    return count


def _json_bytes(value: Any) -> bytes:
    """``value`` as the HTTP client sends it: compact UTF-8 JSON, non-ASCII characters unescaped."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
