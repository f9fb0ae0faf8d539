"""Asking the demo server and reading what it sends, for the demo tests: SSE text to events to a
message."""

from __future__ import annotations

import json
from typing import Any

import httpx


def create(client: httpx.Client, request: dict[str, Any]) -> dict[str, Any]:
    """The non-streamed reply to `request`, which must succeed."""
    response = client.post("/v1/messages", json=request)
    assert response.status_code == 200, response.text
    return dict(response.json())


def stream(client: httpx.Client, request: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The events of the streamed reply to `request`, which must succeed."""
    response = client.post("/v1/messages", json={**request, "stream": True})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    return parse_sse(response.text)


def parse_sse(wire: str) -> list[tuple[str, dict[str, Any]]]:
    """(event name, data) for every event in a complete SSE body."""
    events = []
    for chunk in wire.split("\n\n"):
        if not chunk.strip():
            continue
        fields = dict(line.split(": ", 1) for line in chunk.split("\n"))
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def accumulate(events: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The message a client would build from the events (tool input left as its JSON string)."""
    message: dict[str, Any] = {}
    for name, data in events:
        assert name == data["type"]
        if name == "message_start":
            message = {**data["message"], "content": []}
        elif name == "content_block_start":
            assert data["index"] == len(message["content"])
            message["content"].append(dict(data["content_block"], partial_json=""))
        elif name == "content_block_delta":
            block, delta = message["content"][data["index"]], data["delta"]
            field = {"text_delta": "text", "thinking_delta": "thinking", "input_json_delta": "partial_json"}
            if delta["type"] == "signature_delta":
                block["signature"] = delta["signature"]
            elif delta["type"] == "citations_delta":
                block.setdefault("citations", []).append(delta["citation"])
            else:
                key = field[delta["type"]]
                block[key] += delta[key]
        elif name == "message_delta":
            message.update(data["delta"])
            message["usage"] = {**message["usage"], **data["usage"]}  # cumulative counts over the start's
    return message


def text(message: dict[str, Any]) -> str:
    """All text blocks of a message, joined."""
    return "".join(block["text"] for block in message["content"] if block["type"] == "text")
