"""app.attachment_images.fit_image: images scaled and re-encoded with Qt to what the API takes."""

from __future__ import annotations

import base64

import pytest
from PySide6.QtGui import QColor, QImage, QImageReader

from app.attachment_images import MAX_IMAGE_BYTES, MAX_IMAGE_EDGE, ImageError, fit_image, png_data
from tests.fixtures.attachment_files import (
    animated_gif,
    decoded,
    encoded,
    noise_image,
    png_header_only,
    solid_image,
)


def _b64_size(data: bytes) -> int:
    return len(base64.b64encode(data))


def test_an_image_that_fits_is_returned_unchanged() -> None:
    data = solid_image(1568, 1000, fmt="JPEG")
    assert fit_image(data, "image/jpeg") == (data, "image/jpeg", "")


def test_a_large_png_is_scaled_to_the_long_edge_and_stays_png() -> None:
    data, media_type, note = fit_image(solid_image(4000, 3000, "#2e8b57"), "image/png")
    assert media_type == "image/png"
    assert note == "scaled from 4000×3000 to 1568×1176"
    image = decoded(data)
    assert (image.width(), image.height()) == (MAX_IMAGE_EDGE, 1176)
    assert data.startswith(b"\x89PNG")
    assert QColor(image.pixel(700, 500)) == QColor("#2e8b57")  # smooth scaling keeps a flat colour flat


def test_a_tall_jpeg_is_scaled_and_stays_jpeg() -> None:
    data, media_type, note = fit_image(solid_image(3024, 4032, fmt="JPEG"), "image/jpeg")
    assert media_type == "image/jpeg"
    assert note == "scaled from 3024×4032 to 1176×1568"
    assert decoded(data).size().toTuple() == (1176, 1568)


def test_a_png_over_5_mb_becomes_a_jpeg_under_it() -> None:
    original = png_data(noise_image(1200, 1200))
    assert _b64_size(original) > MAX_IMAGE_BYTES
    data, media_type, note = fit_image(original, "image/png")
    assert media_type == "image/jpeg"
    assert note == "saved as JPEG to stay under 5 MB"
    assert _b64_size(data) <= MAX_IMAGE_BYTES
    assert decoded(data).size().toTuple() == (1200, 1200)  # small enough already: only re-encoded


def test_transparency_becomes_white_in_a_jpeg() -> None:
    data, media_type, _note = fit_image(png_data(noise_image(1400, 1400, transparent_rows=100)), "image/png")
    assert media_type == "image/jpeg"
    top = QColor(decoded(data).pixel(20, 20))
    assert min(top.red(), top.green(), top.blue()) > 245


def test_an_animated_gif_becomes_its_first_frame_and_says_so() -> None:
    gif = animated_gif(40, 30, ["#ff0000", "#0000ff", "#00ff00"])
    assert QImageReader.imageFormat(_device(gif)) == b"gif"
    data, media_type, note = fit_image(gif, "image/gif")
    assert media_type == "image/png"
    assert note == "only the first frame of the animation is sent; converted from GIF to PNG"
    image = decoded(data)
    assert image.size().toTuple() == (40, 30)
    assert QColor(image.pixel(5, 5)) == QColor("#ff0000")


def test_a_still_gif_that_fits_stays_a_gif() -> None:
    gif = animated_gif(8, 8, ["#123456"])
    assert fit_image(gif, "image/gif") == (gif, "image/gif", "")


def test_webp_is_read_with_qts_plugin() -> None:
    assert b"webp" in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]
    small = solid_image(300, 200, fmt="WEBP")
    assert fit_image(small, "image/webp") == (small, "image/webp", "")


def test_a_large_opaque_webp_becomes_a_jpeg_and_a_transparent_one_a_png() -> None:
    data, media_type, note = fit_image(solid_image(2000, 1000, fmt="WEBP"), "image/webp")
    assert (media_type, note) == ("image/jpeg", "scaled from 2000×1000 to 1568×784; converted from WebP to JPEG")
    assert decoded(data).size().toTuple() == (1568, 784)
    clear = QImage(2000, 1000, QImage.Format.Format_ARGB32)
    clear.fill(QColor(0, 0, 0, 0))
    data, media_type, _note = fit_image(encoded(clear, "WEBP"), "image/webp")
    assert media_type == "image/png"
    assert decoded(data).hasAlphaChannel()


def test_an_image_that_cannot_be_decoded_is_refused() -> None:
    with pytest.raises(ImageError, match="can't be decoded"):
        fit_image(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "image/png")


def test_an_image_too_large_to_decode_is_refused_before_decoding() -> None:
    with pytest.raises(ImageError, match=r"^the image is 20000×20000 pixels, too large to scale down here"):
        fit_image(png_header_only(20000, 20000), "image/png")


def test_pasted_images_are_encoded_as_png() -> None:
    image = QImage(3, 2, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    data = png_data(image)
    assert data.startswith(b"\x89PNG")
    assert QColor(decoded(data).pixel(1, 1)) == QColor("orange")


def _device(data: bytes):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer
