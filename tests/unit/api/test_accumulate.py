"""Event dispatch and accumulation: recorded streams replayed into the Message the API would return."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.api.accumulate import MessageAccumulator, parse_event
from app.api.errors import APIError, OverloadedError, RateLimitError, StreamCorruptError
from app.api.sse import ServerSentEvent, SSEDecoder

FIXTURES = Path(__file__).parent / "fixtures"


def replay(name: str, chunk_size: int = 7) -> tuple[list[dict[str, Any]], MessageAccumulator]:
    """Feed a fixture through decoder → parse_event → accumulator, in small chunks; finish at EOF."""
    stream = (FIXTURES / name).read_bytes()
    decoder, accumulator, events = SSEDecoder(), MessageAccumulator(), []
    for start in range(0, len(stream), chunk_size):
        for sse in decoder.feed(stream[start : start + chunk_size]):
            event = parse_event(sse)
            if event is not None:
                accumulator.add(event)
                events.append(event)
    accumulator.finish()
    return events, accumulator


def assert_message(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    """Field by field, so a failure names the field."""
    assert sorted(actual) == sorted(expected)
    for key, value in expected.items():
        assert actual[key] == value, key


def start(message_id: str = "msg_1", **usage: int) -> dict[str, Any]:
    message = {
        "id": message_id,
        "type": "message",
        "role": "assistant",
        "model": "m",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": usage or {"input_tokens": 1, "output_tokens": 1},
    }
    return {"type": "message_start", "message": message}


def delta(index: int, **fields: Any) -> dict[str, Any]:
    return {"type": "content_block_delta", "index": index, "delta": fields}


def block_start(index: int, **block: Any) -> dict[str, Any]:
    return {"type": "content_block_start", "index": index, "content_block": block}


def fed(*events: dict[str, Any]) -> MessageAccumulator:
    accumulator = MessageAccumulator()
    for event in events:
        accumulator.add(event)
    return accumulator


# --- recorded streams --------------------------------------------------------------------------------


def test_text_reply() -> None:
    events, accumulator = replay("text_reply.sse")
    assert [event["type"] for event in events] == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]  # the ping is not handed out
    assert accumulator.complete
    assert accumulator.text == "Hello there!"
    assert_message(
        accumulator.message,
        {
            "id": "msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK",
            "type": "message",
            "role": "assistant",
            "model": "claude-3-opus-latest",
            "content": [{"type": "text", "text": "Hello there!"}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 11, "output_tokens": 6},
        },
    )


def test_tool_use_reply_parses_the_input_json_at_block_stop() -> None:
    _, accumulator = replay("tool_use_reply.sse")
    assert_message(
        accumulator.message,
        {
            "id": "msg_019Q1hrJbZG26Fb9BQhrkHEr",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-20250514",
            "content": [
                {"type": "text", "text": "I'll check the current weather in Paris for you."},
                {
                    "type": "tool_use",
                    "id": "toolu_01NRLabsLyVHZPKxbKvkfSMn",
                    "name": "get_weather",
                    "caller": {"type": "direct"},
                    "input": {"location": "Paris"},
                },
            ],
            "stop_reason": "tool_use",
            "stop_sequence": None,
            "usage": {
                "input_tokens": 377,
                "cache_creation_input_tokens": 0,
                "cache_read_input_tokens": 0,
                "output_tokens": 65,
                "service_tier": "standard",
            },
        },
    )


def test_thinking_reply_keeps_thinking_signature_and_redacted_thinking() -> None:
    _, accumulator = replay("thinking_reply.sse")
    assert_message(
        accumulator.message,
        {
            "id": "msg_01Thinking",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-5-20250929",
            "content": [
                {
                    "type": "thinking",
                    "thinking": "Let me solve this step by step:\n\n1. First break down 27 * 453",
                    "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...",
                },
                {"type": "text", "text": "27 * 453 = 12231"},
                {
                    "type": "redacted_thinking",
                    "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP",
                },
            ],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 40, "output_tokens": 118},
        },
    )


def test_citations_are_collected_on_their_text_block() -> None:
    _, accumulator = replay("citations_reply.sse")
    content = accumulator.message["content"]
    assert content[0] == {
        "type": "text",
        "text": "the grass is green",
        "citations": [
            {
                "type": "char_location",
                "cited_text": "The grass is green. ",
                "document_index": 0,
                "document_title": "Facts",
                "start_char_index": 0,
                "end_char_index": 20,
            },
            {
                "type": "page_location",
                "cited_text": "The sky is blue.",
                "document_index": 1,
                "document_title": None,
                "start_page_number": 2,
                "end_page_number": 3,
            },
        ],
    }
    assert content[1] == {"type": "text", "text": " and the sky is blue."}
    assert accumulator.message["usage"] == {"input_tokens": 610, "output_tokens": 24, "cache_read_input_tokens": 0}


def test_server_tools_and_unknown_blocks_are_kept_verbatim() -> None:
    events, accumulator = replay("server_tools_reply.sse")
    assert "content_block_glow" not in [event["type"] for event in events]
    assert accumulator.message["content"] == [
        {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {"query": "weather Paris"}},
        {
            "type": "web_search_tool_result",
            "tool_use_id": "srvtoolu_01",
            "content": [
                {
                    "type": "web_search_result",
                    "title": "Paris weather",
                    "url": "https://example.com/paris",
                    "encrypted_content": "Eq0A",
                    "page_age": None,
                }
            ],
        },
        {"type": "hologram", "payload": {"frames": [1, 2, 3]}},
    ]
    # Ace's cost and the server tool counter survive; cumulative counts replace the earlier ones.
    assert accumulator.message["usage"] == {
        "input_tokens": 2000,
        "output_tokens": 75,
        "cost": 0.0042,
        "server_tool_use": {"web_search_requests": 1},
    }


def test_error_event_raises_and_keeps_the_partial_reply() -> None:
    with pytest.raises(OverloadedError) as caught:
        replay("error_event.sse")
    error = caught.value
    assert (error.status, error.type, error.message, error.retryable) == (None, "overloaded_error", "Overloaded", True)
    # The events before the error were applied: replay them alone to see the partial reply.
    stream = (FIXTURES / "error_event.sse").read_bytes()
    accumulator = MessageAccumulator()
    for sse in SSEDecoder().feed(stream)[:-1]:
        accumulator.add(parse_event(sse) or {})
    accumulator.finish()
    assert accumulator.text == "Once upon"
    assert not accumulator.complete


def test_truncated_tool_call_is_flagged_not_presented_as_valid_input() -> None:
    _, accumulator = replay("truncated_tool_use.sse")
    message = accumulator.message
    assert message["stop_reason"] == "max_tokens"
    assert message["content"][0] == {"type": "text", "text": "Writing the file."}
    assert message["content"][1] == {
        "type": "tool_use",
        "id": "toolu_01Trunc",
        "name": "write_file",
        "input": {},
        "_partial_json": '{"path": "notes.txt", "text": "Dear',
        "_incomplete": True,
    }


# --- accumulation rules ------------------------------------------------------------------------------


def test_message_is_valid_before_any_event() -> None:
    message = MessageAccumulator(model="claude-x").message
    assert message == {
        "id": None,
        "type": "message",
        "role": "assistant",
        "model": "claude-x",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {},
    }


def test_message_is_valid_at_every_step_of_a_stream() -> None:
    stream = (FIXTURES / "tool_use_reply.sse").read_bytes()
    accumulator = MessageAccumulator()
    seen_texts = []
    for sse in SSEDecoder().feed(stream):
        event = parse_event(sse)
        if event is None:
            continue
        accumulator.add(event)
        message = accumulator.message
        json.dumps(message)  # always a plain JSON value
        for block in message["content"]:
            if block["type"] == "tool_use" and block.get("_incomplete"):
                assert block["input"] == {}, "an unfinished call never shows input as valid"
        seen_texts.append(accumulator.text)
    assert seen_texts[:4] == ["", "", "I", "I'll check the current weather in Paris for you."]
    assert accumulator.message["content"][1]["input"] == {"location": "Paris"}


def test_open_tool_call_exposes_its_raw_json_while_streaming() -> None:
    accumulator = fed(
        start(),
        block_start(0, type="tool_use", id="t", name="n", input={}),
        delta(0, type="input_json_delta", partial_json='{"a": '),
    )
    block = accumulator.message["content"][0]
    assert block == {
        "type": "tool_use",
        "id": "t",
        "name": "n",
        "input": {},
        "_partial_json": '{"a": ',
        "_incomplete": True,
    }
    accumulator.add(delta(0, type="input_json_delta", partial_json="[1, 2]}"))
    accumulator.add({"type": "content_block_stop", "index": 0})
    assert accumulator.message["content"][0] == {"type": "tool_use", "id": "t", "name": "n", "input": {"a": [1, 2]}}


@pytest.mark.parametrize("raw", ['{"a": 1', "[1, 2]", '"text"', "{bad json}"])
def test_tool_input_that_is_not_a_json_object_stays_flagged(raw: str) -> None:
    accumulator = fed(
        start(),
        block_start(0, type="tool_use", id="t", name="n", input={}),
        delta(0, type="input_json_delta", partial_json=raw),
        {"type": "content_block_stop", "index": 0},
    )
    block = accumulator.message["content"][0]
    assert (block["input"], block["_partial_json"], block["_incomplete"]) == ({}, raw, True)


def test_tool_call_without_input_deltas_keeps_its_start_input() -> None:
    accumulator = fed(
        start(),
        block_start(0, type="tool_use", id="t", name="now", input={}),
        delta(0, type="input_json_delta", partial_json=""),
        {"type": "content_block_stop", "index": 0},
    )
    assert accumulator.message["content"] == [{"type": "tool_use", "id": "t", "name": "now", "input": {}}]


def test_tool_call_cut_before_any_delta_is_flagged() -> None:
    accumulator = fed(start(), block_start(0, type="tool_use", id="t", name="n", input={}))
    accumulator.finish()
    assert accumulator.message["content"][0]["_incomplete"] is True
    assert accumulator.message["content"][0]["_partial_json"] == ""


def test_signature_is_replaced_not_appended() -> None:
    accumulator = fed(
        start(),
        block_start(0, type="thinking", thinking="", signature=""),
        delta(0, type="thinking_delta", thinking="Hmm"),
        delta(0, type="thinking_delta", thinking=""),
        delta(0, type="signature_delta", signature="first"),
        delta(0, type="signature_delta", signature="second"),
        {"type": "content_block_stop", "index": 0},
    )
    assert accumulator.message["content"] == [{"type": "thinking", "thinking": "Hmm", "signature": "second"}]


def test_thinking_cut_off_is_flagged_incomplete_but_text_is_not() -> None:
    accumulator = fed(
        start(),
        block_start(0, type="text", text=""),
        delta(0, type="text_delta", text="partial"),
        block_start(1, type="thinking", thinking=""),
        delta(1, type="thinking_delta", thinking="half a tho"),
    )
    accumulator.finish()
    assert accumulator.message["content"] == [
        {"type": "text", "text": "partial"},
        {"type": "thinking", "thinking": "half a tho", "_incomplete": True},
    ]
    assert not accumulator.complete


def test_usage_counts_are_replaced_not_added_and_extra_keys_kept() -> None:
    accumulator = fed(
        start(input_tokens=10, output_tokens=1, cache_read_input_tokens=5),
        {"type": "message_delta", "delta": {"stop_reason": None}, "usage": {"output_tokens": 7, "cost": 0.01}},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "refusal", "stop_sequence": None, "stop_details": {"type": "refusal"}},
            "usage": {"output_tokens": 9, "input_tokens": None, "cost": 0.02},
        },
    )
    message = accumulator.message
    assert message["usage"] == {"input_tokens": 10, "output_tokens": 9, "cache_read_input_tokens": 5, "cost": 0.02}
    assert (message["stop_reason"], message["stop_details"]) == ("refusal", {"type": "refusal"})


def test_stop_sequence_is_recorded() -> None:
    accumulator = fed(
        start(), {"type": "message_delta", "delta": {"stop_reason": "stop_sequence", "stop_sequence": "END"}}
    )
    assert (accumulator.message["stop_reason"], accumulator.message["stop_sequence"]) == ("stop_sequence", "END")


@pytest.mark.parametrize(
    ("event", "what"),
    [
        (delta(3, type="text_delta", text="nowhere"), "a text_delta for block 3, which never started"),
        (delta(0, type="text_delta", text=" late"), "a text_delta for block 0 after it ended"),
        (delta(0, type="citations_delta", citation={"n": 1}), "a citations_delta for block 0 after it ended"),
        (delta(1, type="text_delta", text="x"), "a text_delta for a tool_use block"),
        (delta(1, type="thinking_delta", thinking="x"), "a thinking_delta for a tool_use block"),
        (delta(2, type="input_json_delta", partial_json="{"), "a input_json_delta for a text block"),
        (delta(2, type="signature_delta", signature="s"), "a signature_delta for a text block"),
        (delta(1, type="citations_delta", citation={"n": 1}), "a citations_delta for a tool_use block"),
        (delta(2, type="text_delta", text=5), "a text_delta without its text"),
        (delta(2, type="text_delta"), "a text_delta without its text"),
        (delta(1, type="input_json_delta"), "a input_json_delta without its partial_json"),
        (delta(2, type="citations_delta"), "a citations_delta without its citation"),
        (block_start(1, type="text", text=""), "a second content_block_start for block 1"),
        ({"type": "content_block_stop", "index": 7}, "a content_block_stop for block 7, which never started"),
        (start(), "a message_start after the reply had begun"),
        (
            {"type": "message_delta", "delta": {"content": []}},
            "a message_delta that would replace the reply's own fields",
        ),
    ],
)
def test_an_event_that_does_not_fit_the_reply_raises_and_changes_nothing(event: dict[str, Any], what: str) -> None:
    accumulator = fed(
        start(),
        block_start(0, type="text", text=""),
        delta(0, type="text_delta", text="kept"),
        {"type": "content_block_stop", "index": 0},
        block_start(1, type="tool_use", id="t", name="f", input={}),
        delta(1, type="input_json_delta", partial_json='{"a": '),
        block_start(2, type="text", text=""),
        delta(2, type="text_delta", text="more"),
    )
    before = json.dumps(accumulator.message)
    with pytest.raises(StreamCorruptError) as caught:
        accumulator.add(event)
    assert caught.value.type == "stream_corrupt"
    assert caught.value.message == f"The reply stream was damaged: {what}. The reply is kept up to that point."
    assert json.dumps(accumulator.message) == before
    accumulator.add(delta(2, type="text_delta", text=" still"))  # the reply itself is unharmed
    assert accumulator.text == "keptmore still"


def test_anything_after_message_stop_raises() -> None:
    accumulator = fed(start(), block_start(0, type="text", text="hi"), {"type": "content_block_stop", "index": 0})
    accumulator.add({"type": "message_stop"})
    for event in (
        delta(0, type="text_delta", text="!"),
        {"type": "message_delta", "delta": {}},
        {"type": "message_stop"},
    ):
        with pytest.raises(StreamCorruptError, match=f"a {event['type']} event after message_stop"):
            accumulator.add(event)
    assert accumulator.text == "hi"


def test_unknown_delta_types_and_a_second_block_stop_are_harmless() -> None:
    accumulator = fed(
        start(),
        block_start(0, type="text", text=""),
        delta(0, type="future_delta", whatever=1),
        delta(0, type="text_delta", text="ok"),
        {"type": "content_block_stop", "index": 0},
        {"type": "content_block_stop", "index": 0},
    )
    assert accumulator.message["content"] == [{"type": "text", "text": "ok"}]


def test_blocks_are_found_by_index_not_by_position() -> None:
    accumulator = fed(
        start(),
        block_start(5, type="text", text="a"),
        block_start(2, type="text", text="b"),
        delta(2, type="text_delta", text="B"),
        delta(5, type="text_delta", text="A"),
    )
    assert accumulator.text == "aAbB"


def test_the_message_dict_is_not_the_event_dict() -> None:
    begin = start()
    block = block_start(0, type="text", text="", citations=[])
    accumulator = fed(begin, block, delta(0, type="citations_delta", citation={"n": 1}))
    assert begin["message"]["content"] == []
    assert block["content_block"] == {"type": "text", "text": "", "citations": []}
    assert accumulator.message["content"][0]["citations"] == [{"n": 1}]


def test_reading_the_message_mid_stream_does_not_disturb_accumulation() -> None:
    accumulator = fed(start(), block_start(0, type="text", text=""))
    for piece in ["a", "b", "c"]:
        accumulator.add(delta(0, type="text_delta", text=piece))
        assert accumulator.message["content"][0]["text"].endswith(piece)
    accumulator.add({"type": "content_block_stop", "index": 0})
    assert accumulator.text == "abc"


def test_a_stream_without_message_start_still_accumulates() -> None:
    accumulator = fed(block_start(0, type="text", text=""), delta(0, type="text_delta", text="hi"))
    assert accumulator.message["content"] == [{"type": "text", "text": "hi"}]


# --- parse_event -------------------------------------------------------------------------------------


def test_ping_unknown_and_done_are_not_handed_out() -> None:
    assert parse_event(ServerSentEvent("ping", '{"type": "ping"}')) is None
    assert parse_event(ServerSentEvent("future_event", '{"type": "future_event"}')) is None
    assert parse_event(ServerSentEvent(None, '{"type": "future_event"}')) is None
    assert parse_event(ServerSentEvent(None, "[DONE]")) is None
    # The API may add event types: whatever an unknown or harmless one carries is ignored.
    assert parse_event(ServerSentEvent("future_event", "not json")) is None
    assert parse_event(ServerSentEvent("ping", "[1, 2]")) is None
    assert parse_event(ServerSentEvent("future_event", '{"type": "future_event"}', invalid_utf8=True)) is None


@pytest.mark.parametrize(
    ("sse", "what"),
    [
        (ServerSentEvent("content_block_delta", "MIDDLE-PIECE"), "a content_block_delta event whose data is not JSON"),
        (ServerSentEvent("message_stop", "not json"), "a message_stop event whose data is not JSON"),
        (ServerSentEvent(None, '{"type": "content_block_delta", "ind'), "an event whose data is not JSON"),
        (ServerSentEvent("message_stop", "[1, 2]"), "a message_stop event whose data is not a JSON object"),
        (ServerSentEvent(None, '"text"'), "an event whose data is not a JSON object"),
        (
            ServerSentEvent(None, '{"index": 0, "delta": {"type": "text_delta", "text": "a"}}'),
            "an event without a type",
        ),
        (
            ServerSentEvent(
                "content_block_delta",
                '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"caf\ufffd"}}',
                invalid_utf8=True,
            ),
            "a content_block_delta event that is not UTF-8 text",
        ),
    ],
)
def test_an_event_that_cant_be_read_as_sent_raises(sse: ServerSentEvent, what: str) -> None:
    with pytest.raises(StreamCorruptError) as caught:
        parse_event(sse, request_id="req_c")
    assert (caught.value.type, caught.value.request_id, caught.value.status) == ("stream_corrupt", "req_c", None)
    assert caught.value.message == f"The reply stream was damaged: {what}. The reply is kept up to that point."


def test_type_comes_from_data_then_from_the_event_name() -> None:
    assert parse_event(ServerSentEvent(None, '{"type":"message_stop"}')) == {"type": "message_stop"}
    assert parse_event(ServerSentEvent("message_stop", "{}")) == {"type": "message_stop"}
    assert parse_event(ServerSentEvent("ping", '{"type":"message_stop"}')) == {"type": "message_stop"}


@pytest.mark.parametrize(
    "data",
    [
        '{"type": ["content_block_delta"]}',
        '{"type": {"name": "message_stop"}}',
        '{"type": "content_block_delta", "index": [0], "delta": {"type": "text_delta", "text": "a"}}',
        '{"type": "content_block_delta", "index": 0, "delta": "text"}',
        '{"type": "content_block_delta", "index": true, "delta": {"type": "text_delta", "text": "a"}}',
        '{"type": "content_block_start", "index": 0, "content_block": []}',
        '{"type": "content_block_stop", "index": {"i": 0}}',
        '{"type": "message_start", "message": [1]}',
        '{"type": "message_start", "message": {"content": "text"}}',
        '{"type": "message_start", "message": {"content": [1]}}',
        '{"type": "message_start", "message": {"usage": [1]}}',
        '{"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": [1]}',
        '{"type": "message_delta", "delta": "end_turn"}',
    ],
)
def test_events_whose_fields_have_the_wrong_types_raise(data: str) -> None:
    with pytest.raises(StreamCorruptError, match=r"whose fields have the wrong types|whose type is not a string"):
        parse_event(ServerSentEvent(None, data))


def test_events_of_the_right_shape_pass_with_optional_fields_left_out() -> None:
    for data in [
        '{"type": "message_start", "message": {"id": "msg_1"}}',
        '{"type": "message_delta", "usage": {"output_tokens": 3}}',
        '{"type": "content_block_stop", "index": 2}',
    ]:
        assert parse_event(ServerSentEvent(None, data)) == json.loads(data)


def test_padded_json_is_tolerated() -> None:
    assert parse_event(ServerSentEvent(None, '{"type" : "message_stop"}          ')) == {"type": "message_stop"}


def test_error_event_raises_the_class_of_its_type() -> None:
    data = '{"type":"error","error":{"type":"rate_limit_error","message":"Slow down"},"request_id":"req_9"}'
    with pytest.raises(RateLimitError) as caught:
        parse_event(ServerSentEvent("error", data))
    assert (caught.value.status, caught.value.request_id, caught.value.retryable) == (None, "req_9", True)


def test_error_event_recognised_by_its_data_type_alone() -> None:
    with pytest.raises(OverloadedError):
        parse_event(ServerSentEvent(None, '{"type":"error","error":{"type":"overloaded_error","message":"x"}}'))


def test_an_error_in_ace_data_clouds_envelope_is_recognised_without_a_type() -> None:
    data = '{"error": {"code": "used_up", "message": "Your balance is used up"}, "trace_id": "t-1"}'
    with pytest.raises(APIError) as caught:
        parse_event(ServerSentEvent(None, data))
    assert (caught.value.type, caught.value.message, caught.value.request_id) == (
        "billing_error",
        "Your balance is used up",
        "t-1",
    )


def test_error_event_of_unknown_type_or_not_json() -> None:
    with pytest.raises(APIError) as caught:
        parse_event(ServerSentEvent("error", '{"type":"error","error":{"type":"cosmic_ray","message":"Bit flip"}}'))
    assert type(caught.value) is APIError
    assert (caught.value.type, caught.value.message) == ("cosmic_ray", "Bit flip")
    with pytest.raises(APIError) as caught:
        parse_event(ServerSentEvent("error", "upstream  went\naway"), request_id="req_h")
    assert (caught.value.type, caught.value.message, caught.value.request_id) == (
        "api_error",
        "upstream went away",
        "req_h",
    )
