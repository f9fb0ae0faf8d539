"""Attached images made fit for the Messages API with QtGui alone: decoded (so that a damaged image is refused
here, not by the API in every later request of the conversation), scaled down to MAX_IMAGE_EDGE px on the long
edge and kept under MAX_IMAGE_BYTES of base64.

QtGui is imported inside the functions, so ``samtal ask`` loads Qt only when an image is attached. QImage
and QImageReader are reentrant: these functions may run in a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

MAX_IMAGE_EDGE = 1568  # px; larger images cost more tokens and are scaled down by the API anyway
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # per image, counted as base64 text (what the API measures)
JPEG_QUALITIES = (85, 70, 50)  # tried in turn until a JPEG fits MAX_IMAGE_BYTES
_QT_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
_NAMES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP"}


class ImageError(ValueError):
    """An image that can't be decoded or made small enough; the message is a sentence about "the image"."""


def fit_image(data: bytes, media_type: str) -> tuple[bytes, str, str]:
    """``data`` (a PNG, JPEG, GIF or WebP image) as the API takes it: ``(data, media type, note)``.

    An image that fits is returned unchanged with an empty note. Otherwise it is scaled down (smooth
    transformation) and re-encoded: PNG stays PNG and JPEG stays JPEG; GIF becomes PNG, WebP becomes PNG
    when it has transparency and JPEG otherwise; an animation becomes its first frame; a PNG still over
    MAX_IMAGE_BYTES becomes a JPEG. The note says what happened, e.g. "scaled from 4032×3024 to 1568×1176".
    Raises ImageError when the image can't be decoded or is too large to scale down.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
    from PySide6.QtGui import QImageIOHandler, QImageReader

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(_QT_FORMATS.get(media_type, "").lower().encode("ascii")))
    reader.setAutoTransform(True)  # a photo's EXIF orientation is applied before scaling
    if not reader.canRead():
        raise ImageError("the image can't be decoded (it is damaged or of a kind Samtal can't read).")
    size = reader.size()
    rotated = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    width, height = (size.height(), size.width()) if rotated else (size.width(), size.height())
    target = _fitted(width, height)
    animated = reader.imageCount() > 1
    if _over_decoding_budget(width, height, QImageReader.allocationLimit()):
        if not reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize):
            raise ImageError(
                f"the image is {width}×{height} pixels, too large to scale down here (the API takes at most 8000×8000)."
            )
        # Decoded straight at the smaller size (JPEG can): the full size would not fit in memory.
        reader.setScaledSize(QSize(target[1], target[0]) if rotated else QSize(*target))
    image = reader.read()
    if image.isNull():
        raise ImageError(f"the image can't be decoded ({reader.errorString()}).")
    if not animated and (width, height) == target and _base64_size(len(data)) <= MAX_IMAGE_BYTES:
        return data, media_type, ""

    notes: list[str] = []
    if animated:
        notes.append("only the first frame of the animation is sent")
    if (width, height) != target:
        notes.append(f"scaled from {width}×{height} to {target[0]}×{target[1]}")
    if (image.width(), image.height()) != target:
        image = image.scaled(
            target[0], target[1], Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    out_type = _output_type(media_type, image.hasAlphaChannel())
    encoded = _encode(image, out_type, -1) if out_type == "image/png" else _smallest_jpeg(_opaque(image))
    if out_type == "image/png" and _base64_size(len(encoded)) > MAX_IMAGE_BYTES:
        out_type, encoded = "image/jpeg", _smallest_jpeg(_opaque(image))
        notes.append("saved as JPEG to stay under 5 MB")
    elif out_type != media_type:
        notes.append(f"converted from {_NAMES[media_type]} to {_NAMES[out_type]}")
    return encoded, out_type, "; ".join(notes)


def png_data(image: QImage) -> bytes:
    """``image`` encoded as PNG (e.g. an image pasted from the clipboard)."""
    return _encode(image, "image/png", -1)


# --- internals ---


def _fitted(width: int, height: int) -> tuple[int, int]:
    """The size with the long edge at most MAX_IMAGE_EDGE, keeping the aspect ratio (at least 1×1)."""
    long_edge = max(width, height)
    if long_edge <= MAX_IMAGE_EDGE:
        return width, height
    scale = MAX_IMAGE_EDGE / long_edge
    return max(1, round(width * scale)), max(1, round(height * scale))


def _over_decoding_budget(width: int, height: int, limit_mb: int) -> bool:
    # Qt refuses to allocate more than QImageReader.allocationLimit() MB (0: no limit) for one image.
    return limit_mb > 0 and width * height * 4 > limit_mb * 1024 * 1024


def _output_type(media_type: str, has_alpha: bool) -> str:
    if media_type in ("image/png", "image/jpeg"):
        return media_type
    if media_type == "image/webp" and not has_alpha:
        return "image/jpeg"
    return "image/png"  # GIF (Qt does not write GIF), transparent WebP


def _base64_size(size: int) -> int:
    return (size + 2) // 3 * 4


def _opaque(image: QImage) -> QImage:
    """``image`` over white: JPEG has no transparency (Qt would otherwise turn transparent pixels black)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    if not image.hasAlphaChannel():
        return image
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat


def _smallest_jpeg(image: QImage) -> bytes:
    for quality in JPEG_QUALITIES:
        encoded = _encode(image, "image/jpeg", quality)
        if _base64_size(len(encoded)) <= MAX_IMAGE_BYTES:
            return encoded
    raise ImageError("the image can't be made smaller than 5 MB.")


def _encode(image: QImage, media_type: str, quality: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageWriter

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(_QT_FORMATS[media_type].encode("ascii")))
    writer.setQuality(quality)
    if not writer.write(image):
        raise ImageError(f"the image could not be saved as {_NAMES[media_type]} ({writer.errorString()}).")
    return bytes(buffer.data().data())
