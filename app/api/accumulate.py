"""Stream events → the reply: which decoded SSE events matter, and how they build up a Message dict.

`parse_event` turns a `ServerSentEvent` into the event dict callers see (or None for pings, unknown
types, the ``[DONE]`` sentinel and events whose fields have the wrong JSON types; an ``error`` event
raises). `MessageAccumulator` applies those dicts the way the official SDK does, so that after
``message_stop`` its ``message`` equals what the non-streaming endpoint returns.

Samtal's own annotations on a content block have keys starting with ``_`` and are never sent to the API
(`app.api.request.strip_private`). Every block except text is marked ``"_incomplete": True`` from its
``content_block_start`` until its ``content_block_stop``; a tool call whose input JSON never completed
(or does not parse to an object) keeps the mark, with ``"input": {}`` and the raw text in
``"_partial_json"``, so it is never mistaken for a valid call.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from app.api.errors import error_from_event
from app.api.sse import ServerSentEvent

log = logging.getLogger(__name__)

INCOMPLETE = "_incomplete"
PARTIAL_JSON = "_partial_json"

# The event types callers receive; ping and any future type are dropped, "error" raises.
EVENT_TYPES = frozenset(
    {
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    }
)

# Deltas that grow a string: delta type → (key in the delta, field of the block it extends).
_GROWING_DELTAS = {
    "text_delta": ("text", "text"),
    "thinking_delta": ("thinking", "thinking"),
    "input_json_delta": ("partial_json", PARTIAL_JSON),
}
_GROWING_FIELDS = ("text", "thinking", PARTIAL_JSON)


def parse_event(
    sse: ServerSentEvent, *, request_id: str | None = None, secret: str | None = None
) -> dict[str, Any] | None:
    """The event dict for ``sse`` (typed by ``data["type"]``, else by the ``event:`` name), or None when
    callers should not see it. An ``error`` event raises the matching `APIError` (``status`` None)."""
    try:
        payload = json.loads(sse.data)
    except ValueError:
        if sse.event == "error":
            raise error_from_event(sse.data, request_id=request_id, secret=secret) from None
        if sse.data.strip() != "[DONE]":
            log.warning("Ignoring a stream event whose data is not JSON (%d characters)", len(sse.data))
        return None
    if not isinstance(payload, dict):
        return None
    kind = payload.get("type") or sse.event
    if kind == "error":
        raise error_from_event(payload, request_id=request_id, secret=secret)
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        return None
    if not _well_formed(kind, payload):
        log.warning("Ignoring a %s event whose fields have the wrong types", kind)
        return None
    payload.setdefault("type", kind)
    return payload


def _well_formed(kind: str, event: dict[str, Any]) -> bool:
    """Whether the fields that callers and `MessageAccumulator` read have the JSON types they need: a
    gateway may send anything, and a wrong type must not surface as a TypeError in the middle of a reply."""
    if kind == "content_block_delta":  # first: one arrives for every streamed piece
        return type(event.get("index")) is int and isinstance(event.get("delta"), dict)
    if kind == "content_block_start":
        return type(event.get("index")) is int and isinstance(event.get("content_block"), dict)
    if kind == "content_block_stop":
        return type(event.get("index")) is int
    if kind == "message_start":
        message = event.get("message")
        return (
            isinstance(message, dict)
            and _optional(message, "usage", dict)
            and _optional(message, "content", list)
            and all(isinstance(block, dict) for block in message.get("content") or ())
        )
    if kind == "message_delta":
        return _optional(event, "delta", dict) and _optional(event, "usage", dict)
    return True


def _optional(event: dict[str, Any], field: str, kind: type) -> bool:
    return event.get(field) is None or isinstance(event[field], kind)


class MessageAccumulator:
    """Builds the reply from stream events (`add` each one, in order); `message` is valid at any moment.

    Growing strings (text, thinking, tool input JSON) are kept as lists of pieces and joined only when
    `message` or `text` is read, so a long reply costs linear time however it is delivered.
    """

    def __init__(self, model: str | None = None) -> None:
        self._message: dict[str, Any] = {
            "id": None,
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {},
        }
        self._blocks: dict[int, dict[str, Any]] = {}  # by the stream's block index
        self._open: set[int] = set()  # indices started but not yet stopped
        self._pieces: dict[tuple[int, str], list[str]] = {}  # (index, field) → pieces not yet joined
        self.complete = False  # True once message_stop arrived

    @property
    def message(self) -> dict[str, Any]:
        """The reply so far, in the API's Message shape (a live dict: copy it to keep a snapshot)."""
        self._join_pieces()
        return self._message

    @property
    def text(self) -> str:
        """All text blocks of the reply so far, joined."""
        return "".join(block.get("text", "") for block in self.message["content"] if block.get("type") == "text")

    def add(self, event: dict[str, Any]) -> None:
        """Apply one event from `parse_event`."""
        kind = event["type"]
        if kind == "content_block_delta":
            self._on_delta(event)
        elif kind == "content_block_start":
            self._on_block_start(event)
        elif kind == "content_block_stop":
            self._on_block_stop(event.get("index"))
        elif kind == "message_start":
            self._on_message_start(event.get("message") or {})
        elif kind == "message_delta":
            self._message.update(event.get("delta") or {})
            usage = self._message["usage"]
            for key, value in (event.get("usage") or {}).items():
                if value is not None:  # counts are cumulative: the latest replaces the earlier one
                    usage[key] = value
        elif kind == "message_stop":
            self.complete = True
            self.finish()

    def finish(self) -> None:
        """Close the reply when the stream ends, however it ends: blocks still open stay flagged
        ``_incomplete``, and a tool call's unfinished input JSON is kept raw, never as its input."""
        self._join_pieces()
        for index in sorted(self._open):
            block = self._blocks[index]
            if PARTIAL_JSON in block:
                block["input"] = {}
        self._open.clear()
        self._pieces.clear()

    def _on_message_start(self, message: dict[str, Any]) -> None:
        started = dict(message)
        started["content"] = [dict(block) for block in started.get("content") or []]
        started["usage"] = dict(started.get("usage") or {})
        for key, value in self._message.items():
            started.setdefault(key, value)
        self._message = started
        self._blocks = dict(enumerate(started["content"]))

    def _on_block_start(self, event: dict[str, Any]) -> None:
        index = event["index"]
        block = dict(event["content_block"])
        if isinstance(block.get("citations"), list):
            block["citations"] = list(block["citations"])
        if block.get("type") != "text":
            block[INCOMPLETE] = True
            if isinstance(block.get("input"), dict):
                block[PARTIAL_JSON] = ""
        self._message["content"].append(block)
        self._blocks[index] = block
        self._open.add(index)

    def _on_delta(self, event: dict[str, Any]) -> None:
        index: Any = event.get("index")
        delta: dict[str, Any] = event.get("delta") or {}
        kind: Any = delta.get("type")
        growing = _GROWING_DELTAS.get(kind)
        if growing is not None:
            piece = delta.get(growing[0])
            key = (index, growing[1])
            pieces = self._pieces.get(key)
            if pieces is None:
                block = self._blocks.get(index)
                if block is None or index not in self._open or type(piece) is not str:
                    return
                pieces = self._pieces[key] = [block.get(growing[1]) or ""]
            if type(piece) is str:
                pieces.append(piece)
            return
        block = self._blocks.get(index)
        if block is None or index not in self._open:
            return
        if kind == "signature_delta":
            block["signature"] = delta.get("signature", "")  # sent whole: replaces, never appends
        elif kind == "citations_delta" and "citation" in delta:
            if not isinstance(block.get("citations"), list):
                block["citations"] = []
            block["citations"].append(delta["citation"])

    def _on_block_stop(self, index: Any) -> None:
        if index not in self._open:
            return
        self._open.discard(index)
        block = self._blocks[index]
        for field in _GROWING_FIELDS:
            pieces = self._pieces.pop((index, field), None)
            if pieces is not None:
                block[field] = "".join(pieces)
        if PARTIAL_JSON not in block:
            block.pop(INCOMPLETE, None)
            return
        raw = block[PARTIAL_JSON]
        if raw.strip():
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                block["input"] = {}
                return  # stays flagged, raw text kept
            block["input"] = parsed
        del block[PARTIAL_JSON], block[INCOMPLETE]

    def _join_pieces(self) -> None:
        for (index, field), pieces in self._pieces.items():
            if len(pieces) > 1:
                joined = "".join(pieces)
                pieces[:] = [joined]
                self._blocks[index][field] = joined
