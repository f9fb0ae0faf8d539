"""Reading JSON in chunks: the same values as json.loads wherever the chunks split the text, bounded by
size, and a file that is not JSON stops at once."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.store.json_stream import JsonStream, TooLargeError

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=20,
)


class CountingReader(io.BytesIO):
    """Bytes that count how much of them was read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.taken = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.taken += len(data)
        return data


def elements(data: bytes, *, chunk: int = 7, limit: int = 1 << 30, element_limit: int = 1 << 20) -> list[Any]:
    reader = JsonStream(io.BytesIO(data), limit=limit, element_limit=element_limit, chunk=chunk)
    assert reader.first_character() == "["
    return list(reader.array_elements())


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(JSON_VALUES, max_size=8),
    indent=st.sampled_from([None, 0, 2]),
    ensure_ascii=st.booleans(),
    chunk=st.integers(min_value=1, max_value=40),
)
def test_the_elements_are_what_json_loads_reads_however_the_text_is_cut(
    values: list[Any], indent: int | None, ensure_ascii: bool, chunk: int
) -> None:
    text = json.dumps(values, indent=indent, ensure_ascii=ensure_ascii)
    assert elements(text.encode("utf-8"), chunk=chunk) == json.loads(text)


@pytest.mark.parametrize(
    "data",
    [b"[]", b"  [ ]  ", b"\xef\xbb\xbf[1, 2]", b'[1.5e3 , -0, "\\ud83d\\ude00"]\n', b"[true,false,null]"],
)
def test_edge_cases_read_as_json_loads_reads_them(data: bytes) -> None:
    assert elements(data, chunk=1) == json.loads(data)


@pytest.mark.parametrize(
    "data",
    [b"[1 2]", b"[1,]", b"[1] x", b"[{]", b'["\xff"]', b"[1", b"[", b'["unterminated'],
)
def test_text_that_is_not_json_is_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError):  # JSONDecodeError or UnicodeDecodeError: both say where
        elements(data, chunk=3)


def test_garbage_after_the_bracket_stops_the_read_at_once() -> None:
    source = CountingReader(b"[" + b"garbage " * 10_000_000)
    reader = JsonStream(source, limit=1 << 30, chunk=1 << 16)
    assert reader.first_character() == "["
    with pytest.raises(ValueError, match="Expecting value: character 2"):
        list(reader.array_elements())
    assert source.taken <= 1 << 17


def test_the_position_of_an_error_counts_from_the_start_of_the_document() -> None:
    data = b"[" + b"1, " * 100_000 + b"oops]"
    with pytest.raises(ValueError, match=f"Expecting value: character {len(data) - 4:,}"):
        elements(data, chunk=1000)


def test_a_document_larger_than_the_limit_stops_at_the_limit() -> None:
    source = CountingReader(b"[" + b" " * 10_000_000 + b"]")
    reader = JsonStream(source, limit=1_000_000, chunk=65_536)
    reader.first_character()
    with pytest.raises(TooLargeError, match="document"):
        list(reader.array_elements())
    assert source.taken <= 1_000_000 + 65_536


def test_an_element_larger_than_its_limit_stops_the_read() -> None:
    data = b'["' + b"a" * 5_000_000 + b'"]'
    with pytest.raises(TooLargeError, match="element"):
        elements(data, chunk=65_536, element_limit=1_000_000)


def test_a_long_element_is_parsed_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # One element over many chunks: parsed again only when the text kept for it has doubled.
    data = json.dumps([{"text": "word " * 2_000_000}]).encode()
    parsed: list[int] = []
    original = json.JSONDecoder.raw_decode

    def counting(self: json.JSONDecoder, s: str, idx: int = 0) -> tuple[Any, int]:
        parsed.append(len(s) - idx)
        return original(self, s, idx)

    monkeypatch.setattr(json.JSONDecoder, "raw_decode", counting)
    assert elements(data, chunk=4096, element_limit=1 << 30)[0]["text"].startswith("word ")
    assert sum(parsed) < 4 * len(data)


def test_other_documents_are_read_whole() -> None:
    for data in (b'{"conversations": []}', "[1, 2]".encode("utf-16"), b'"text"'):
        reader = JsonStream(io.BytesIO(data), limit=1 << 20, chunk=3)
        if reader.first_character() != "[":
            assert reader.document() == json.loads(data)
