"""Stream events → the reply: which decoded SSE events matter, and how they build up a Message dict.

`parse_event` turns a `ServerSentEvent` into the event dict callers see, or None for pings, the ``[DONE]``
sentinel and event types this version does not know (the API may add types: they are ignored, as its
versioning policy asks). An ``error`` event raises its `APIError`; an event that is known (or can't be
told apart from one) but can't be read as sent raises `StreamCorruptError`: data that is not JSON or not
UTF-8, fields of the wrong JSON types. `MessageAccumulator` applies those dicts the way the official SDK
does, so that after ``message_stop`` its ``message`` equals what the non-streaming endpoint returns; an
event that does not fit the reply so far (a delta for a block that never started or has ended, a second
``message_start``, anything after ``message_stop``) raises `StreamCorruptError` too, and changes nothing.
A reply is complete only when it is exactly what the server sent.

Samtal's own annotations on a content block have keys starting with ``_`` and are never sent to the API
(`app.api.request.strip_private`). Every block except text is marked ``"_incomplete": True`` from its
``content_block_start`` until its ``content_block_stop``; a tool call whose input JSON never completed
(or does not parse to an object) keeps the mark, with ``"input": {}`` and the raw text in
``"_partial_json"``, so it is never mistaken for a valid call. A thinking block with text that streamed to its end
carries ``"_thought_seconds"``: how long it took, from its ``content_block_start`` to its
``content_block_stop`` (measured by `app.api.client.MessageStream`, which has the clock).
"""

from __future__ import annotations

import json
from typing import Any

from app.api.errors import error_from_event, stream_corrupt
from app.api.sse import ServerSentEvent

INCOMPLETE = "_incomplete"
PARTIAL_JSON = "_partial_json"
THOUGHT_SECONDS = "_thought_seconds"

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
# What a message_delta may not change: the reply's content and what it is (it carries the stop reason).
_MESSAGE_OWN = frozenset({"content", "usage", "type", "role"})
# The delta types this version knows → the block type that takes each (None: a block with a tool input).
_DELTA_BLOCKS = {
    "text_delta": "text",
    "thinking_delta": "thinking",
    "input_json_delta": None,
    "signature_delta": "thinking",
    "citations_delta": "text",
}


def parse_event(
    sse: ServerSentEvent, *, request_id: str | None = None, secret: str | None = None
) -> dict[str, Any] | None:
    """The event dict for ``sse`` (typed by ``data["type"]``, else by the ``event:`` name), or None when
    callers should not see it. An ``error`` event raises the matching `APIError` (``status`` None); an
    event that can't be read as sent raises `StreamCorruptError`."""
    try:
        payload = json.loads(sse.data)
    except ValueError:
        if sse.event == "error":
            raise error_from_event(sse.data, request_id=request_id, secret=secret) from None
        if sse.data.strip() == "[DONE]" or _ignored(sse.event):
            return None
        raise stream_corrupt(f"{_an_event(sse.event)} whose data is not JSON", request_id=request_id) from None
    if not isinstance(payload, dict):
        if _ignored(sse.event):
            return None
        raise stream_corrupt(f"{_an_event(sse.event)} whose data is not a JSON object", request_id=request_id)
    kind = payload.get("type") or sse.event
    if kind == "error" or (kind is None and _is_error_envelope(payload)):
        raise error_from_event(payload, request_id=request_id, secret=secret)
    if kind is None:
        raise stream_corrupt("an event without a type", request_id=request_id)
    if not isinstance(kind, str):
        raise stream_corrupt("an event whose type is not a string", request_id=request_id)
    if kind not in EVENT_TYPES:
        return None
    if sse.invalid_utf8:
        raise stream_corrupt(f"a {kind} event that is not UTF-8 text", request_id=request_id)
    if not _well_formed(kind, payload):
        raise stream_corrupt(f"a {kind} event whose fields have the wrong types", request_id=request_id)
    payload.setdefault("type", kind)
    return payload


def _ignored(name: str | None) -> bool:
    """Whether an event of this ``event:`` name can be ignored whatever its data: a ping, or a type this
    version does not know. Without a name, the data must say what the event is."""
    return name is not None and (name == "ping" or (name not in EVENT_TYPES and name != "error"))


def _an_event(name: str | None) -> str:
    return f"a {name} event" if name else "an event"


def _is_error_envelope(payload: dict[str, Any]) -> bool:
    """An error sent without a type, in Ace Data Cloud's envelope ``{"error": {"code", "message"}, ...}``."""
    error = payload.get("error")
    return isinstance(error, dict) and ("message" in error or "code" in error)


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
    `message` or `text` is read, so a long reply costs linear time however it is delivered. An event that
    does not fit the reply so far raises `StreamCorruptError` and leaves the reply as it was.
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
        self._begun = False  # an event has been applied (a message_start must come first)
        self.complete = False  # True once message_stop arrived

    @property
    def message(self) -> dict[str, Any]:
        """The reply so far, in the API's Message shape (a live dict: copy it to keep a snapshot)."""
        self._join_pieces()
        return self._message

    def block(self, index: int) -> dict[str, Any] | None:
        """The block at the stream's ``index`` as it is so far (a live dict), None before it starts."""
        self._join_pieces()
        return self._blocks.get(index)

    def annotate(self, index: int, key: str, value: Any) -> None:
        """Set Samtal's own annotation ``key`` (starting with ``_``) on the block at the stream's ``index``."""
        if not key.startswith("_"):
            raise ValueError(f"{key!r} is not a private key")
        block = self._blocks.get(index)
        if block is not None:
            block[key] = value

    @property
    def text(self) -> str:
        """All text blocks of the reply so far, joined."""
        return "".join(block.get("text", "") for block in self.message["content"] if block.get("type") == "text")

    def add(self, event: dict[str, Any]) -> None:
        """Apply one event from `parse_event`; raises `StreamCorruptError`, changing nothing, when it does
        not fit the reply so far."""
        kind = event["type"]
        if self.complete:
            raise stream_corrupt(f"a {kind} event after message_stop")
        if kind == "content_block_delta":
            self._on_delta(event)
        elif kind == "content_block_start":
            self._on_block_start(event)
        elif kind == "content_block_stop":
            self._on_block_stop(event["index"])
        elif kind == "message_start":
            if self._begun:
                raise stream_corrupt("a message_start after the reply had begun")
            self._on_message_start(event.get("message") or {})
        elif kind == "message_delta":
            changes = event.get("delta") or {}
            if not _MESSAGE_OWN.isdisjoint(changes):
                raise stream_corrupt("a message_delta that would replace the reply's own fields")
            self._message.update(changes)
            usage = self._message["usage"]
            for key, value in (event.get("usage") or {}).items():
                if value is not None:  # counts are cumulative: the latest replaces the earlier one
                    usage[key] = value
        elif kind == "message_stop":
            self.complete = True
            self.finish()
        self._begun = True

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
        if index in self._blocks:
            raise stream_corrupt(f"a second content_block_start for block {index}")
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
        index: int = event["index"]
        delta: dict[str, Any] = event["delta"]
        kind: Any = delta.get("type")
        growing = _GROWING_DELTAS.get(kind)
        if growing is not None:
            key, field = growing
            piece = delta.get(key)
            pieces = self._pieces.get((index, field))  # there once the open block took a first piece
            if pieces is None:
                block = self._open_block(index, kind)
                if type(piece) is str:
                    pieces = self._pieces[(index, field)] = [block.get(field) or ""]
            if pieces is None or type(piece) is not str:
                raise stream_corrupt(f"a {kind} without its {key}")
            pieces.append(piece)
            return
        if kind not in _DELTA_BLOCKS:
            return  # a delta type this version does not know
        block = self._open_block(index, kind)
        if kind == "signature_delta":
            if not isinstance(delta.get("signature"), str):
                raise stream_corrupt("a signature_delta without its signature")
            block["signature"] = delta["signature"]  # sent whole: replaces, never appends
        elif kind == "citations_delta":
            if not isinstance(delta.get("citation"), dict):
                raise stream_corrupt("a citations_delta without its citation")
            if not isinstance(block.get("citations"), list):
                block["citations"] = []
            block["citations"].append(delta["citation"])

    def _open_block(self, index: int, delta_type: str) -> dict[str, Any]:
        """The open block at ``index``, checked to take deltas of this type; raises `StreamCorruptError`."""
        block = self._blocks.get(index)
        if block is None:
            raise stream_corrupt(f"a {delta_type} for block {index}, which never started")
        if index not in self._open:
            raise stream_corrupt(f"a {delta_type} for block {index} after it ended")
        takes = _DELTA_BLOCKS[delta_type]
        if (PARTIAL_JSON not in block) if takes is None else (block.get("type") != takes):
            raise stream_corrupt(f"a {delta_type} for a {block.get('type')} block")
        return block

    def _on_block_stop(self, index: int) -> None:
        if index not in self._blocks:
            raise stream_corrupt(f"a content_block_stop for block {index}, which never started")
        if index not in self._open:
            return  # stopped twice: nothing is lost
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
