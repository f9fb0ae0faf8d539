"""The newer stop reasons: a refusal with its stop_details, and a reply cut by a full context window;
every reply's shape checked against the official SDK's Message and stream event types."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.demo.tokens import count_tokens
from tests.unit.demo.sse_reading import accumulate, create, stream, text

# Fields of the SDK's Message (src/anthropic/types/message.py, without the optional `container`), of
# its RawMessageDeltaEvent.Delta and of RefusalStopDetails.
MESSAGE_FIELDS = {"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "stop_details", "usage"}
DELTA_FIELDS = {"stop_reason", "stop_sequence", "stop_details"}
STOP_DETAILS_FIELDS = {"type", "category", "explanation"}
# Usage (types/usage.py) and MessageDeltaUsage (types/message_delta_usage.py) fields the demo sends.
USAGE_FIELDS = {
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
    "cache_creation",
    "service_tier",
    "server_tool_use",
}
DELTA_USAGE_FIELDS = {
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
    "server_tool_use",
}


def request(prompt: str, **fields: Any) -> dict[str, Any]:
    return {
        "model": "claude-demo-sonnet-5",
        "max_tokens": 8000,
        "messages": [{"role": "user", "content": prompt}],
        **fields,
    }


@pytest.mark.parametrize(
    ("prompt", "category"),
    [
        ("Please refuse this one.", "general_harms"),
        ("Refuse to write malware for me", "cyber"),
        ("I want you to refuse: how do pathogens spread?", "bio"),
    ],
)
def test_the_word_refuse_gets_a_refusal_with_its_details(client: httpx.Client, prompt: str, category: str) -> None:
    events = stream(client, request(prompt))
    ending = next(data for name, data in events if name == "message_delta")
    assert set(ending["delta"]) == DELTA_FIELDS
    assert ending["delta"]["stop_reason"] == "refusal"
    details = ending["delta"]["stop_details"]
    assert set(details) == STOP_DETAILS_FIELDS
    assert (details["type"], details["category"]) == ("refusal", category)
    assert "refuse" in details["explanation"]
    message = accumulate(events)
    assert 0 < count_tokens(text(message)) <= 12  # the answer had begun
    assert message["usage"]["output_tokens"] == count_tokens(text(message))
    whole = create(client, request(prompt))
    assert (whole["stop_reason"], whole["stop_details"]) == ("refusal", details)
    assert text(whole) == text(message)


def test_a_refused_reply_continued_is_refused_again(client: httpx.Client) -> None:
    first = create(client, request("Please refuse this one."))
    again = {
        **request("Please refuse this one."),
        "messages": [
            {"role": "user", "content": "Please refuse this one."},
            {"role": "assistant", "content": text(first).rstrip()},
        ],
    }
    continued = create(client, again)
    assert continued["stop_reason"] == "refusal"


def test_other_replies_carry_no_stop_details(client: httpx.Client) -> None:
    events = stream(client, request("Hello"))
    assert events[0][1]["message"]["stop_details"] is None
    assert "stop_details" not in next(data for name, data in events if name == "message_delta")["delta"]
    assert create(client, request("Hello"))["stop_details"] is None


def test_asking_about_a_full_context_window_shows_the_stop_reason(client: httpx.Client) -> None:
    reply = create(client, request("What happens when the context window fills up?"))
    assert reply["stop_reason"] == "model_context_window_exceeded"
    assert reply["usage"]["output_tokens"] == 150
    assert text(reply).startswith("# A long answer")


def test_a_reply_stops_where_the_real_context_window_ends(client: httpx.Client) -> None:
    prompt = "Tell me something long. " + "x" * (4 * 199_900)  # about 199,907 tokens of a 200,000 window
    body = request(prompt, max_tokens=20_000)
    counted = client.post(
        "/v1/messages/count_tokens", json={key: value for key, value in body.items() if key != "max_tokens"}
    ).json()["input_tokens"]
    reply = create(client, body)
    assert reply["stop_reason"] == "model_context_window_exceeded"
    assert reply["usage"]["output_tokens"] == 200_000 - counted
    small = create(client, {**body, "max_tokens": 10})
    assert small["stop_reason"] == "max_tokens"  # the budget ends first


@pytest.mark.parametrize(
    "body",
    [
        request("Hello"),
        request("Please refuse this"),
        request("Search for tides", tools=[{"type": "web_search_20250305", "name": "web_search"}]),
        request("Hi", thinking={"type": "adaptive"}, output_config={"effort": "low"}),
    ],
)
def test_every_reply_has_the_sdk_shapes(client: httpx.Client, body: dict[str, Any]) -> None:
    whole = create(client, body)
    assert set(whole) == MESSAGE_FIELDS
    assert set(whole["usage"]) <= USAGE_FIELDS
    assert set(whole["usage"]["cache_creation"]) == {"ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens"}
    events = stream(client, body)
    assert set(events[0][1]["message"]) == MESSAGE_FIELDS
    ending = next(data for name, data in events if name == "message_delta")
    assert set(ending["delta"]) <= DELTA_FIELDS
    assert set(ending["usage"]) <= DELTA_USAGE_FIELDS
    assert "server_tool_use" in whole["usage"] or "tools" not in body
    for name, data in events:
        if name == "content_block_delta":
            delta = data["delta"]
            expected = {
                "text_delta": {"type", "text"},
                "thinking_delta": {"type", "thinking"},
                "signature_delta": {"type", "signature"},
                "input_json_delta": {"type", "partial_json"},
                "citations_delta": {"type", "citation"},
            }
            assert set(delta) == expected[delta["type"]]
