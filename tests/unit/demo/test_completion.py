"""Completions: limits applied in order, and the JSON and SSE shapes built from the same blocks."""

from __future__ import annotations

import pytest

from app.demo.completion import TextDraft, ThinkingDraft, ToolUseDraft, complete, text_events
from app.demo.tokens import count_tokens


def test_text_events_is_a_complete_sequence_in_chunks() -> None:
    events = text_events("Hello, world!", model="m", chunk=4, input_tokens=9)
    assert [event["type"] for event in events] == [
        "message_start",
        "content_block_start",
        "ping",
        *["content_block_delta"] * 4,
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    assert [event["delta"]["text"] for event in events if event["type"] == "content_block_delta"] == [
        "Hell",
        "o, w",
        "orld",
        "!",
    ]
    start, final = events[0]["message"], events[-2]
    assert (start["model"], start["usage"]["input_tokens"], start["stop_reason"]) == ("m", 9, None)
    assert final["delta"] == {"stop_reason": "end_turn", "stop_sequence": None}
    assert final["usage"]["output_tokens"] == count_tokens("Hello, world!")
    assert text_events("Hello, world!", model="m", chunk=4, input_tokens=9) == events
    stopped = text_events("Hi", stop_reason="stop_sequence", stop_sequence="###")
    assert stopped[-2]["delta"] == {"stop_reason": "stop_sequence", "stop_sequence": "###"}
    assert [event["type"] for event in text_events("")].count("content_block_delta") == 0
    with pytest.raises(ValueError, match="chunk"):
        text_events("Hi", chunk=0)


def test_thinking_counts_toward_max_tokens() -> None:
    drafts = [ThinkingDraft("one two three four"), TextDraft("five six")]
    cut = complete(drafts, model="m", input_tokens=1, max_tokens=2)
    assert (cut.stop_reason, cut.output_tokens, len(cut.blocks)) == ("max_tokens", 2, 1)
    assert cut.message("msg")["content"][0]["thinking"] == "one two"
    exact = complete(drafts, model="m", input_tokens=1, max_tokens=6)
    assert (exact.stop_reason, exact.output_tokens, len(exact.blocks)) == ("end_turn", 6, 2)


def test_stop_sequences_ignore_thinking_and_drop_later_blocks() -> None:
    drafts = [ThinkingDraft("STOP here"), TextDraft("before STOP after"), ToolUseDraft("t", "tool", {"a": 1})]
    done = complete(drafts, model="m", input_tokens=1, max_tokens=100, stop_sequences=["STOP"])
    content = done.message("msg")["content"]
    assert [block["type"] for block in content] == ["thinking", "text"]
    assert (content[0]["thinking"], content[1]["text"]) == ("STOP here", "before ")
    assert (done.stop_reason, done.stop_sequence) == ("stop_sequence", "STOP")


def test_a_tool_call_streams_its_input_in_pieces() -> None:
    done = complete(
        [ToolUseDraft("toolu_x", "lookup", {"query": "Paris, France"})], model="m", input_tokens=1, max_tokens=99
    )
    events = done.events("msg")
    pieces = [event["delta"]["partial_json"] for event in events if event["type"] == "content_block_delta"]
    assert pieces[0] == ""
    assert "".join(pieces) == '{"query": "Paris, France"}'
    assert done.stop_reason == "tool_use"
    assert done.message("msg")["content"][0]["input"] == {"query": "Paris, France"}
