"""The SSE decoder: WHATWG field rules, and the same events however the bytes are chunked."""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.api.sse import ServerSentEvent, SSEDecoder

FIXTURES = Path(__file__).parent / "fixtures"


def decode(*chunks: bytes) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events += decoder.feed(chunk)
    return events


def split_at(stream: bytes, cuts: list[int]) -> list[bytes]:
    points = [0, *sorted(set(cuts)), len(stream)]
    return [stream[a:b] for a, b in itertools.pairwise(points)]


def reference_decode(stream: bytes) -> list[ServerSentEvent]:
    """A deliberately naive reading of the WHATWG rules over the whole stream at once."""
    text = stream.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)
    lines.pop()  # whatever follows the last line ending is an unfinished line
    events, name, data, last_id, retry = [], None, [], None, None
    for line in lines:
        if not line:
            if data:
                events.append(ServerSentEvent(name, "\n".join(data), last_id, retry))
            name, data = None, []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "data":
            data.append(value)
        elif field == "event":
            name = value
        elif field == "id" and "\0" not in value:
            last_id = value
        elif field == "retry" and value.isascii() and value.isdigit():
            retry = int(value)
    return events


# --- the field rules ---------------------------------------------------------------------------------


def test_a_recorded_stream_decodes_to_its_events() -> None:
    events = decode((FIXTURES / "text_reply.sse").read_bytes())
    assert [event.event for event in events] == [
        "message_start",
        "content_block_start",
        "ping",
        "content_block_delta",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    assert events[3].data == '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}'


@pytest.mark.parametrize("ending", ["\n", "\r", "\r\n"])
def test_every_line_ending_style(ending: str) -> None:
    stream = ending.join(["event: a", "data: 1", "", "data: 2", "data: 3", "", ""]).encode()
    assert decode(stream) == [ServerSentEvent("a", "1"), ServerSentEvent(None, "2\n3")]


def test_mixed_line_endings_in_one_stream() -> None:
    assert decode(b"data: 1\r\n\rdata: 2\n\r\ndata: 3\r\r") == [
        ServerSentEvent(None, "1"),
        ServerSentEvent(None, "2"),
        ServerSentEvent(None, "3"),
    ]


def test_cr_ending_one_chunk_and_lf_starting_the_next_are_one_line_ending() -> None:
    # Were "\r" + "\n" read as two endings, the blank line between them would dispatch "a" on its own.
    assert decode(b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n") == [ServerSentEvent(None, "a\nb")]


def test_lf_after_a_cr_chunk_is_skipped_only_once() -> None:
    assert decode(b"data: a\r", b"", b"\n", b"\n") == [ServerSentEvent(None, "a")]


def test_comments_are_ignored() -> None:
    assert decode(b": keep-alive\n:\ndata: x\n: between\n\n") == [ServerSentEvent(None, "x")]


def test_one_leading_space_is_stripped_and_only_one() -> None:
    assert decode(b"data:  two spaces\ndata:none\ndata\n\n") == [ServerSentEvent(None, " two spaces\nnone\n")]


def test_event_name_applies_to_one_event_only() -> None:
    assert decode(b"event: first\ndata: 1\n\ndata: 2\n\n") == [
        ServerSentEvent("first", "1"),
        ServerSentEvent(None, "2"),
    ]


def test_an_event_without_data_is_not_dispatched() -> None:
    assert decode(b"event: ping\n\nid: 7\n\n") == []


def test_id_persists_and_ids_with_nul_are_ignored() -> None:
    events = decode(b"id: 1\ndata: a\n\ndata: b\n\nid: x\x00y\ndata: c\n\n")
    assert [event.id for event in events] == ["1", "1", "1"]


def test_retry_takes_digits_only() -> None:
    events = decode(b"retry: 250\ndata: a\n\nretry: soon\ndata: b\n\n")
    assert [event.retry for event in events] == [250, 250]


def test_unknown_fields_are_ignored() -> None:
    assert decode(b"colour: blue\ndata: a\n\n") == [ServerSentEvent(None, "a")]


def test_a_byte_order_mark_opening_the_stream_is_dropped() -> None:
    assert decode(b"\xef\xbb", b"\xbfdata: a\n\n") == [ServerSentEvent(None, "a")]


def test_done_sentinel_is_plain_data_to_the_decoder() -> None:
    assert decode(b"data: [DONE]\n\n") == [ServerSentEvent(None, "[DONE]")]


def test_an_unfinished_last_event_is_discarded() -> None:
    assert decode(b"data: a\n\ndata: cut sho") == [ServerSentEvent(None, "a")]
    assert decode(b"data: a\n\ndata: b\n") == [ServerSentEvent(None, "a")]


def test_invalid_utf8_is_replaced_and_the_event_says_so() -> None:
    assert decode(b"data: \xff\xfe ok\n\n") == [ServerSentEvent(None, "\ufffd\ufffd ok", invalid_utf8=True)]
    assert decode(b"event: caf\xe9\ndata: x\n\n") == [ServerSentEvent("caf\ufffd", "x", invalid_utf8=True)]
    # The mark belongs to that event only; a comment or an id that is not UTF-8 changes no event's text.
    assert decode(b"data: \xe9\n\ndata: caf\xc3\xa9\n\n: \xff\nid: \xff\ndata: ok\n\n") == [
        ServerSentEvent(None, "\ufffd", invalid_utf8=True),
        ServerSentEvent(None, "café"),
        ServerSentEvent(None, "ok", "\ufffd"),
    ]


def test_pending_says_whether_an_event_was_cut_short() -> None:
    decoder = SSEDecoder()
    assert not decoder.pending
    decoder.feed(b"data: a\n\ndata: b")
    assert decoder.pending
    decoder.feed(b"\n")
    assert decoder.pending
    decoder.feed(b"\n")
    assert not decoder.pending


def test_unicode_line_separators_inside_data_are_not_line_breaks() -> None:
    data = "a\u2028b\u0085c\x0bd"
    assert decode(f"data: {data}\n\n".encode()) == [ServerSentEvent(None, data)]


def test_multibyte_characters_split_at_every_byte() -> None:
    text = "héllo 日本語 🙂 ελληνικά"
    stream = f"event: é\ndata: {text}\n\n".encode()
    for cut in range(len(stream) + 1):
        assert decode(stream[:cut], stream[cut:]) == [ServerSentEvent("é", text)], cut


def test_one_byte_at_a_time_gives_the_same_events() -> None:
    stream = (FIXTURES / "thinking_reply.sse").read_bytes().replace(b"\n", b"\r\n")
    assert decode(*(stream[i : i + 1] for i in range(len(stream)))) == decode(stream)


def test_a_5_mb_event_in_small_chunks_takes_linear_time() -> None:
    payload = ("x" * 1023 + "é") * 5000  # ~5 MB with multi-byte characters on chunk boundaries
    stream = f"event: big\ndata: {payload}\n\n".encode()
    started = time.perf_counter()
    events = decode(*(stream[i : i + 512] for i in range(0, len(stream), 512)))
    elapsed = time.perf_counter() - started
    assert events == [ServerSentEvent("big", payload)]
    # Re-scanning or re-joining the growing buffer per chunk would take minutes here.
    assert elapsed < 5.0


# --- properties --------------------------------------------------------------------------------------

_values = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=12)
_lines = st.one_of(
    _values.map(lambda value: f"data: {value}"),
    _values.map(lambda value: f"data:{value}"),
    _values.map(lambda value: f"event: {value}"),
    _values.map(lambda value: f": {value}"),
    _values.map(lambda value: f"id: {value}"),
    st.sampled_from(["retry: 1500", "retry: x", "data", "event", ":", "data: [DONE]", ""]),
)


@st.composite
def event_streams(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(_lines, max_size=25))
    endings = draw(st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=len(lines), max_size=len(lines)))
    tail = draw(st.sampled_from(["", "\n", "\r", "\r\n\r\n", "data: unfinished"]))
    return ("".join(line + ending for line, ending in zip(lines, endings, strict=True)) + tail).encode()


@settings(max_examples=300, deadline=None, database=None)
@given(stream=event_streams(), data=st.data())
def test_any_chunking_gives_the_same_events_as_the_whole(stream: bytes, data: st.DataObject) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=30))
    assert decode(*split_at(stream, cuts)) == decode(stream)


@settings(max_examples=300, deadline=None, database=None)
@given(stream=event_streams())
def test_the_decoder_agrees_with_a_naive_reading_of_the_rules(stream: bytes) -> None:
    assert decode(stream) == reference_decode(stream)


@settings(max_examples=50, deadline=None, database=None)
@given(stream=event_streams())
def test_one_byte_chunks_give_the_same_events(stream: bytes) -> None:
    assert decode(*(stream[i : i + 1] for i in range(len(stream)))) == decode(stream)


@settings(max_examples=50, deadline=None, database=None)
@given(data=st.data())
def test_recorded_streams_survive_any_chunking(data: st.DataObject) -> None:
    stream = data.draw(st.sampled_from(sorted(FIXTURES.glob("*.sse")))).read_bytes()
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=40))
    assert decode(*split_at(stream, cuts)) == decode(stream)
