"""Reading what the demo server streams, for the demo tests: SSE text to events to a message."""

from __future__ import annotations

import json
from typing import Any


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
            else:
                key = field[delta["type"]]
                block[key] += delta[key]
        elif name == "message_delta":
            message.update(data["delta"])
            message["usage"] = data["usage"]
    return message


def text(message: dict[str, Any]) -> str:
    """All text blocks of a message, joined."""
    return "".join(block["text"] for block in message["content"] if block["type"] == "text")
