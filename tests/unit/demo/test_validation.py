"""Requests the API would refuse get a 400 `invalid_request_error` naming the problem; ones it accepts
pass (both endpoints, over HTTP)."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(8)).decode()
JPEG = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(8)).decode()
USE = {"type": "tool_use", "id": "toolu_1", "name": "get_time", "input": {}}
RESULT = {"type": "tool_result", "tool_use_id": "toolu_1", "content": "noon"}
TOOLS = [{"name": "get_time", "input_schema": {"type": "object"}}]
THINKING = {"type": "enabled", "budget_tokens": 1024}


def request(**changes: Any) -> dict[str, Any]:
    made: dict[str, Any] = {
        "model": "claude-demo-sonnet-4-6",
        "max_tokens": 2048,
        "messages": [{"role": "user", "content": "Hi"}],
    }
    for name, value in changes.items():
        if value is None:
            del made[name]
        else:
            made[name] = value
    return made


def user(*blocks: Any) -> dict[str, Any]:
    return {"role": "user", "content": list(blocks)}


def assistant(*blocks: Any) -> dict[str, Any]:
    return {"role": "assistant", "content": list(blocks)}


def text(value: str) -> dict[str, str]:
    return {"type": "text", "text": value}


def image(media_type: str, data: str) -> dict[str, Any]:
    return {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data}}


REFUSED = [
    ("missing model", request(model=None), "model: Field required"),
    ("missing max_tokens", request(max_tokens=None), "max_tokens: Field required"),
    ("max_tokens as text", request(max_tokens="10"), "max_tokens: Input should be a valid integer"),
    ("max_tokens as bool", request(max_tokens=True), "max_tokens: Input should be a valid integer"),
    ("negative max_tokens", request(max_tokens=-1), "max_tokens: Input should be greater than or equal to 0"),
    (
        "max_tokens above the model's",
        request(model="claude-demo-haiku-4-5", max_tokens=70_000),
        "max_tokens: 70000 > 64000, which is the maximum allowed number of output tokens for claude-demo-haiku-4-5",
    ),
    ("missing messages", request(messages=None), "messages: Field required"),
    ("no messages", request(messages=[]), "messages: at least one message is required"),
    ("messages not a list", request(messages="Hi"), "messages: Input should be a valid list"),
    ("message not an object", request(messages=["Hi"]), "messages.0: Input should be a valid dictionary"),
    (
        "unknown role",
        request(messages=[{"role": "system", "content": "Hi"}]),
        "messages.0.role: Input should be 'user' or 'assistant'",
    ),
    ("first message not user", request(messages=[assistant(text("Hi"))]), 'first message must use the "user" role'),
    ("content a number", request(messages=[{"role": "user", "content": 5}]), "messages.0.content: Input should be"),
    ("empty content", request(messages=[user()]), "messages.0: all messages must have non-empty content"),
    ("blank text", request(messages=[user(text("  "))]), "messages.0.content.0.text: text content blocks must"),
    ("unknown block", request(messages=[user({"type": "video"})]), "messages.0.content.0: Input tag 'video'"),
    ("tool_use from the user", request(messages=[user(USE)]), "`tool_use` blocks are not allowed in `user` messages"),
    ("temperature above 1", request(temperature=1.5), "temperature: Input should be less than or equal to 1"),
    ("temperature below 0", request(temperature=-0.1), "temperature: Input should be greater than or equal to 0"),
    ("top_p above 1", request(top_p=1.01), "top_p: Input should be less than or equal to 1"),
    ("top_p not a number", request(top_p="high"), "top_p: Input should be a valid number"),
    ("negative top_k", request(top_k=-1), "top_k: Input should be greater than or equal to 0"),
    (
        "thinking budget too small",
        request(thinking={"type": "enabled", "budget_tokens": 1023}),
        "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
    ),
    (
        "thinking budget not below max_tokens",
        request(max_tokens=1024, thinking=THINKING),
        "`max_tokens` must be greater than `thinking.budget_tokens`",
    ),
    ("unknown thinking type", request(thinking={"type": "deep"}), "thinking: Input tag 'deep'"),
    (
        "display without thinking",
        request(thinking={"type": "disabled", "display": "omitted"}),
        "thinking.disabled.display: Extra inputs are not permitted",
    ),
    ("a budget for adaptive", request(thinking={"type": "adaptive", "budget_tokens": 2048}), "thinking.adaptive."),
    ("unknown display", request(thinking={"type": "adaptive", "display": "full"}), "thinking.adaptive.display"),
    ("temperature with thinking", request(temperature=0.5, thinking=THINKING), "`temperature` may only be set to 1"),
    ("top_k with thinking", request(top_k=5, thinking=THINKING), "`top_k` must be unset when thinking is enabled"),
    ("low top_p with thinking", request(top_p=0.9, thinking=THINKING), "`top_p` must be greater than or equal to 0.95"),
    (
        "forced tool use with thinking",
        request(tools=TOOLS, tool_choice={"type": "any"}, thinking=THINKING),
        "Thinking may not be enabled when tool_choice forces tool use.",
    ),
    (
        "tool_use without a tool_result",
        request(tools=TOOLS, messages=[user(text("time?")), assistant(USE), user(text("well?"))]),
        "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1.",
    ),
    (
        "tool_result after text",
        request(tools=TOOLS, messages=[user(text("time?")), assistant(USE), user(text("here"), RESULT)]),
        "`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1.",
    ),
    (
        "tool_result for an unknown call",
        request(tools=TOOLS, messages=[user(text("time?")), assistant(text("Hm.")), user(RESULT)]),
        "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_1.",
    ),
    ("unknown forced tool", request(tools=TOOLS, tool_choice={"type": "tool", "name": "x"}), "Tool 'x' not found"),
    ("duplicate tool names", request(tools=TOOLS * 2), "tools: Tool names must be unique."),
    ("bad tool name", request(tools=[{"name": "a b", "input_schema": {"type": "object"}}]), "tools.0.name"),
    ("empty stop sequence", request(stop_sequences=[""]), "stop_sequences: each stop sequence must contain"),
    ("blank stop sequence", request(stop_sequences=["\n "]), "stop_sequences: each stop sequence must contain"),
    ("stream not a bool", request(stream="yes"), "stream: Input should be a valid boolean"),
    ("misspelt field", request(stop_sequence=["x"]), "stop_sequence: Extra inputs are not permitted"),
    ("bad image media type", request(messages=[user(image("image/bmp", PNG))]), "source.media_type: Input should be"),
    (
        "image of another type",
        request(messages=[user(image("image/png", JPEG))]),
        "specified using the image/png media type, but the image appears to be a image/jpeg image",
    ),
    ("image not base64", request(messages=[user(image("image/png", "%%%"))]), "source.data: Invalid base64 data"),
    (
        "image as a data URL",
        request(messages=[user(image("image/png", f"data:image/png;base64,{PNG}"))]),
        "must not start with a data: URL prefix",
    ),
    (
        "PDF with another media type",
        request(
            messages=[user({"type": "document", "source": {"type": "base64", "media_type": "text/pdf", "data": PNG}})]
        ),
        "messages.0.content.0.source.media_type: Input should be 'application/pdf'",
    ),
    (
        "prefill ending in whitespace",
        request(messages=[user(text("Hi")), assistant(text("Hello "))]),
        "final assistant content cannot end with trailing whitespace",
    ),
    (
        "prefill without thinking while thinking",
        request(thinking=THINKING, messages=[user(text("Hi")), assistant(text("Hello"))]),
        "Expected `thinking` or `redacted_thinking`, but found `text`.",
    ),
    ("body not an object", ["model"], "The request body must be a JSON object"),
]


@pytest.mark.parametrize(("body", "message"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_invalid_requests_are_refused_with_the_reason(client: httpx.Client, body: Any, message: str) -> None:
    response = client.post("/v1/messages", json=body)
    assert response.status_code == 400
    payload = response.json()
    assert payload["type"] == "error"
    assert payload["error"]["type"] == "invalid_request_error"
    assert message in payload["error"]["message"]
    assert payload["request_id"] == response.headers["request-id"]


def test_a_body_that_is_not_json_is_refused(client: httpx.Client) -> None:
    response = client.post("/v1/messages", content=b'{"model": ', headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("There was an error parsing the body of your request")


ACCEPTED = [
    ("unknown model id", request(model="my-proxy-model")),
    # A model the demo does not list has no rules of its own (sampling together, here).
    ("temperature 1 with thinking", request(model="my-proxy-model", temperature=1, thinking=THINKING, top_p=0.95)),
    ("edge sampling values", request(model="my-proxy-model", temperature=0, top_p=1, top_k=0)),
    ("consecutive user messages", request(messages=[user(text("a")), user(text("b"))])),
    ("display null", request(thinking={"type": "adaptive", "display": None})),
    ("empty final assistant", request(messages=[user(text("Hi")), {"role": "assistant", "content": ""}])),
    ("cache control", request(system=[{"type": "text", "text": "Be brief", "cache_control": {"type": "ephemeral"}}])),
    ("metadata", request(metadata={"user_id": "u-1"}, service_tier="auto")),
    ("answered tool call", request(tools=TOOLS, messages=[user(text("time?")), assistant(USE), user(RESULT)])),
    (
        "image by URL",
        request(messages=[user({"type": "image", "source": {"type": "url", "url": "https://x.y/z.png"}})]),
    ),
    ("server tool", request(tools=[{"type": "web_search_20250305", "name": "web_search", "max_uses": 1}])),
]


@pytest.mark.parametrize("body", [case[1] for case in ACCEPTED], ids=[case[0] for case in ACCEPTED])
def test_valid_requests_are_answered(client: httpx.Client, body: dict[str, Any]) -> None:
    response = client.post("/v1/messages", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["type"] == "message"


def test_count_tokens_validates_without_max_tokens(client: httpx.Client) -> None:
    ok = client.post("/v1/messages/count_tokens", json=request(max_tokens=None))
    assert ok.status_code == 200
    refused = client.post("/v1/messages/count_tokens", json=request(max_tokens=None, messages=[]))
    assert refused.status_code == 400
    assert "messages: at least one message is required" in refused.json()["error"]["message"]
    extra = client.post("/v1/messages/count_tokens", json=request())
    assert extra.json()["error"]["message"] == "max_tokens: Extra inputs are not permitted"
