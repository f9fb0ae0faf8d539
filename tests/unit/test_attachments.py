"""app.attachments: what a file is (by its bytes), the block that carries it, and what is refused."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.attachments import (
    IMAGE_NAME_KEY,
    MAX_IMAGES_PER_REQUEST,
    MAX_REQUEST_BYTES,
    PDF_TYPE,
    Attachment,
    AttachmentError,
    attachment_from_bytes,
    check_request_size,
    format_size,
    load_attachment,
    sniff_media_type,
)
from tests.fixtures.attachment_files import animated_gif, pdf, solid_image


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (solid_image(4, 3, fmt="PNG"), "image/png"),
        (solid_image(4, 3, fmt="JPEG"), "image/jpeg"),
        (animated_gif(2, 2, ["red"]), "image/gif"),
        (b"GIF87a" + bytes(20), "image/gif"),
        (solid_image(4, 3, fmt="WEBP"), "image/webp"),
        (pdf(), PDF_TYPE),
        (b"# A heading\n", None),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", None),
    ],
)
def test_the_type_comes_from_the_first_bytes(data: bytes, expected: str | None) -> None:
    assert sniff_media_type(data) == expected


def test_a_misnamed_file_is_judged_by_its_bytes(tmp_path: Path) -> None:
    png = solid_image(8, 6)
    attachment = load_attachment(_write(tmp_path, "notes.txt", png))
    assert attachment.media_type == "image/png"
    assert attachment.block["type"] == "image"


def test_a_small_image_goes_unchanged_as_an_image_block(tmp_path: Path) -> None:
    jpeg = solid_image(640, 480, fmt="JPEG")
    attachment = load_attachment(_write(tmp_path, "cat.jpg", jpeg))
    assert attachment == Attachment(
        "cat.jpg",
        "image/jpeg",
        len(jpeg),
        {
            "type": "image",
            "source": {"type": "base64", "media_type": "image/jpeg", "data": _b64(jpeg)},
            IMAGE_NAME_KEY: "cat.jpg",  # for the transcript; private keys are never sent
        },
    )
    assert attachment.is_image
    assert attachment.data() == jpeg
    assert attachment.sent_size() == len(_b64(jpeg))


def test_a_large_image_is_scaled_and_says_so(tmp_path: Path) -> None:
    attachment = load_attachment(_write(tmp_path, "wide.png", solid_image(4000, 3000)))
    assert attachment.media_type == "image/png"
    assert attachment.note == "scaled from 4000×3000 to 1568×1176"
    assert attachment.block["source"]["media_type"] == "image/png"
    assert attachment.size == len(attachment.data())


def test_a_pdf_is_a_document_block_titled_with_the_file_name(tmp_path: Path) -> None:
    data = pdf()
    attachment = load_attachment(_write(tmp_path, "report.pdf", data))
    assert attachment.block == {
        "type": "document",
        "source": {"type": "base64", "media_type": "application/pdf", "data": _b64(data)},
        "title": "report.pdf",
    }
    assert not attachment.is_image
    assert attachment.size == len(data)


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AttachmentError, match=r"^secret\.pdf is an encrypted or password-protected PDF"):
        load_attachment(_write(tmp_path, "secret.pdf", pdf(encrypted=True)))


def test_the_word_encrypt_in_a_pdf_is_not_encryption() -> None:
    data = pdf().replace(b"/MediaBox", b"/Title (/Encrypt me) /MediaBox")
    assert attachment_from_bytes(data, "talk.pdf").media_type == PDF_TYPE


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("notes.md", "# Plan\n\n- one\n- two\n"),
        ("table.csv", "a,b\n1,2\n"),
        ("data.json", '{"ünïcode": true}\n'),
        ("main.py", "def f() -> int:\n\treturn 1\n"),
        ("README", "no extension at all\n"),
    ],
)
def test_text_files_are_text_documents(tmp_path: Path, name: str, text: str) -> None:
    attachment = load_attachment(_write(tmp_path, name, text.encode("utf-8")))
    assert attachment.block == {
        "type": "document",
        "source": {"type": "text", "media_type": "text/plain", "data": text},
        "title": name,
    }
    assert attachment.media_type == "text/plain"
    assert attachment.size == len(text.encode("utf-8"))
    assert attachment.data() == text.encode("utf-8")


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    attachment = load_attachment(_write(tmp_path, "bom.txt", b"\xef\xbb\xbfhello"))
    assert attachment.block["source"]["data"] == "hello"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02binary\xff", r"^blob\.bin is not a file Samtal can attach: images \(PNG, JPEG, GIF, WebP\)"),
        (b"ok text\x00with a NUL", r"^blob\.bin is not a file Samtal can attach"),
        ("café".encode("latin-1"), r"^blob\.bin is not a file Samtal can attach"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff", r"^blob\.bin is a ZIP archive or an office document\. Samtal can"),
        (b"BM\x36\x00\x00\x00\x00\x00\x00\x00\xff", r"^blob\.bin is a BMP image\."),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", r"^blob\.bin is a HEIC image\."),
        (b"", r"^blob\.bin is empty\.$"),
        (b" \n\t\n", r"^blob\.bin has no text in it\.$"),
    ],
)
def test_binary_and_empty_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(AttachmentError, match=message):
        load_attachment(_write(tmp_path, "blob.bin", data))


def test_text_that_merely_starts_like_a_binary_format_is_text() -> None:
    assert attachment_from_bytes(b"BMW and MZ are letters\n", "cars.txt").media_type == "text/plain"


def test_missing_and_unreadable_paths_are_refused(tmp_path: Path) -> None:
    with pytest.raises(AttachmentError, match=r"^Can't read gone\.png: No such file or directory\.$"):
        load_attachment(tmp_path / "gone.png")
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(AttachmentError, match=r"^folder is not a file\.$"):
        load_attachment(folder)


def test_an_image_that_cannot_be_decoded_is_refused() -> None:
    broken = solid_image(300, 200)[:60]  # the header survives, the pixels do not
    with pytest.raises(AttachmentError, match=r"^broken\.png: the image can't be decoded"):
        attachment_from_bytes(broken, "broken.png")


def test_data_claimed_to_be_an_image_must_be_one() -> None:
    with pytest.raises(AttachmentError, match=r"^Pasted image\.png is not a valid image\.$"):
        attachment_from_bytes(b"plain words", "Pasted image.png", "image/png")


def test_one_file_larger_than_a_whole_request_is_refused() -> None:
    huge = b"%PDF-1.4\n" + bytes(30_000_000 - 9)  # 40 MB as base64
    with pytest.raises(
        AttachmentError, match=r"^big\.pdf is too large: 40 MB as sent, and a request can be at most 32 MB\.$"
    ):
        attachment_from_bytes(huge, "big.pdf")


def test_request_size_is_measured_as_sent() -> None:
    text = "x" * (MAX_REQUEST_BYTES - 100)
    body = {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": text}]}
    check_request_size(body)  # just under: fine
    body["messages"][0]["content"] = text + "é" * 100  # two bytes each in UTF-8: now just over
    with pytest.raises(AttachmentError, match=r"^The request would be 32 MB, over the API's limit of 32 MB\.$"):
        check_request_size(body)
    body["messages"][0]["content"] = "x" * 40_000_000
    with pytest.raises(AttachmentError, match=r"^The request would be 40 MB, over"):
        check_request_size(body)


def test_request_size_counts_images_in_every_message_and_tool_result() -> None:
    image = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AA=="}}
    half = MAX_IMAGES_PER_REQUEST // 2
    messages = [
        {"role": "user", "content": [image] * half},
        {"role": "assistant", "content": "ok"},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": [image] * half}]},
    ]
    check_request_size({"messages": messages})
    messages[0]["content"] = [image] * (half + 1)
    with pytest.raises(AttachmentError, match=rf"carry {MAX_IMAGES_PER_REQUEST + 1} images"):
        check_request_size({"messages": messages})


def test_sizes_are_given_in_decimal_units_like_the_api_limits() -> None:
    sizes = (1, 532, 12_500, 3_240_000, MAX_REQUEST_BYTES)
    assert [format_size(n) for n in sizes] == ["1 byte", "532 bytes", "12.5 kB", "3.2 MB", "32 MB"]


def test_a_text_attachment_adds_its_json_escaped_size() -> None:
    attachment = attachment_from_bytes(b'say "hi"\n', "q.txt")
    assert attachment.sent_size() == len(json.dumps('say "hi"\n'))


def test_non_ascii_text_is_measured_as_the_request_carries_it() -> None:
    # The body goes out as UTF-8 JSON with non-ASCII characters as they are (3 bytes for each of these),
    # not as \\u escapes (6 bytes): measured the escaped way, a large file would be refused for nothing.
    attachment = attachment_from_bytes("東京の天気\n".encode(), "tokyo.txt")
    assert attachment.sent_size() == len('"東京の天気\\n"'.encode()) == 19


def test_importing_the_core_does_not_load_qt() -> None:
    code = "import sys, app.attachments; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout.strip() == "False"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@pytest.mark.parametrize(("name", "kind"), [("photo.png", "image"), ("scan.JPG", "image"), ("paper.pdf", "PDF")])
def test_a_file_whose_name_promises_an_image_or_pdf_must_be_one(tmp_path: Path, name: str, kind: str) -> None:
    path = tmp_path / name
    path.write_text("not really what the name says")
    with pytest.raises(AttachmentError, match=f"{name} is not a valid {kind}"):
        load_attachment(path)
