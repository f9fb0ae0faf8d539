"""A finished reply, and the two ways of sending it: one JSON Message or a sequence of SSE events.

`complete()` turns drafts (what the reply would say with no limits) into a `Completion`, applying the
request's `stop_sequences` and `max_tokens` exactly as the API reports them. Both `message()` and
`events()` come from the same blocks, so a streamed reply always accumulates to the non-streamed one.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from app.demo.tokens import count_tokens, split_tokens

__all__ = [
    "Completion",
    "Draft",
    "OutputBlock",
    "TextDraft",
    "ThinkingDraft",
    "ToolUseDraft",
    "complete",
    "fake_signature",
    "text_events",
]

# Tokens per text/thinking delta, cycled: "a few words" of varying size, like the real API.
_WORD_GROUPS = (2, 3, 1, 4, 2, 5, 3, 2)
# Tool input is counted in 4-character tokens; deltas of 1-3 of them split the JSON mid-token.
_JSON_TOKEN_CHARS = 4
_JSON_GROUPS = (2, 1, 3)
_PING_EVERY = 40  # content_block_delta events between two pings


@dataclass(frozen=True)
class TextDraft:
    """Text the reply would contain with no limits."""

    text: str


@dataclass(frozen=True)
class ThinkingDraft:
    """Thinking the reply starts with; `shown=False` (display "omitted") sends only its signature."""

    text: str
    shown: bool = True


@dataclass(frozen=True)
class ToolUseDraft:
    """A tool call the reply ends with."""

    id: str
    name: str
    input: Mapping[str, Any]


Draft: TypeAlias = TextDraft | ThinkingDraft | ToolUseDraft


@dataclass(frozen=True)
class OutputBlock:
    """One content block: how it starts, the deltas it streams in, and its final (non-streamed) form.

    `complete` is False for a tool call cut off by max_tokens: its stream never gets a
    content_block_stop, as with the real API.
    """

    start: Mapping[str, Any]
    deltas: tuple[Mapping[str, Any], ...]
    final: Mapping[str, Any]
    complete: bool = True


@dataclass(frozen=True)
class Completion:
    """A reply ready to send, with its stop reason and token usage."""

    model: str
    blocks: tuple[OutputBlock, ...]
    stop_reason: str
    stop_sequence: str | None
    input_tokens: int
    output_tokens: int

    def usage(self, output_tokens: int | None = None) -> dict[str, int]:
        """The usage object, with the final output count unless another is given."""
        return {
            "input_tokens": self.input_tokens,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
            "output_tokens": self.output_tokens if output_tokens is None else output_tokens,
        }

    def message(self, message_id: str) -> dict[str, Any]:
        """The reply as one JSON Message (non-streaming response)."""
        return {
            "id": message_id,
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": [dict(block.final) for block in self.blocks],
            "stop_reason": self.stop_reason,
            "stop_sequence": self.stop_sequence,
            "usage": self.usage(),
        }

    def events(self, message_id: str) -> list[dict[str, Any]]:
        """The reply as the SSE events of a streaming response, message_start to message_stop."""
        start = self.message(message_id) | {"content": [], "stop_reason": None, "stop_sequence": None}
        start["usage"] = self.usage(output_tokens=min(1, self.output_tokens))
        events: list[dict[str, Any]] = [{"type": "message_start", "message": start}]
        if not self.blocks:
            events.append({"type": "ping"})
        deltas_sent = 0
        for index, block in enumerate(self.blocks):
            events.append({"type": "content_block_start", "index": index, "content_block": dict(block.start)})
            if index == 0:
                events.append({"type": "ping"})
            for delta in block.deltas:
                events.append({"type": "content_block_delta", "index": index, "delta": dict(delta)})
                deltas_sent += 1
                if deltas_sent % _PING_EVERY == 0:
                    events.append({"type": "ping"})
            if block.complete:
                events.append({"type": "content_block_stop", "index": index})
        events.append(
            {
                "type": "message_delta",
                "delta": {"stop_reason": self.stop_reason, "stop_sequence": self.stop_sequence},
                "usage": self.usage(),
            }
        )
        events.append({"type": "message_stop"})
        return events


def complete(
    drafts: Sequence[Draft],
    *,
    model: str,
    input_tokens: int,
    max_tokens: int,
    stop_sequences: Sequence[str] = (),
) -> Completion:
    """Apply the stop sequences (to text only), then the token budget (to everything, in order)."""
    natural_stop = "tool_use" if any(isinstance(draft, ToolUseDraft) for draft in drafts) else "end_turn"
    drafts, matched = _stop_at_sequence(drafts, stop_sequences)
    stop_reason = "stop_sequence" if matched is not None else natural_stop
    blocks: list[OutputBlock] = []
    used = 0
    for draft in drafts:
        if isinstance(draft, TextDraft) and not draft.text:
            continue
        tokens = _tokens_of(draft)
        room = max_tokens - used
        if len(tokens) > room:
            if room > 0:
                blocks.append(_block(draft, tokens[:room], cut=True))
                used = max_tokens
            stop_reason, matched = "max_tokens", None
            break
        blocks.append(_block(draft, tokens, cut=False))
        used += len(tokens)
    return Completion(model, tuple(blocks), stop_reason, matched, input_tokens, used)


def text_events(
    text: str,
    model: str = "claude-demo",
    stop_reason: str = "end_turn",
    chunk: int = 4,
    *,
    stop_sequence: str | None = None,
    input_tokens: int = 1,
) -> list[dict[str, Any]]:
    """A complete, valid event sequence for a one-text-block reply, `chunk` characters per delta.

    Handy for scripting a `Stream`: mix these dicts with raw text, pauses and drops.
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1 character")
    pieces = [text[i : i + chunk] for i in range(0, len(text), chunk)]
    block = OutputBlock(
        start={"type": "text", "text": ""},
        deltas=tuple({"type": "text_delta", "text": piece} for piece in pieces),
        final={"type": "text", "text": text},
    )
    completion = Completion(model, (block,), stop_reason, stop_sequence, input_tokens, count_tokens(text))
    return completion.events("msg_demo_" + hashlib.sha256(text.encode()).hexdigest()[:24])


def fake_signature(thinking: str) -> str:
    """A stable, opaque-looking signature for a thinking block (base64 of a hash of its text)."""
    digest = hashlib.sha256(b"samtal-demo-thinking\0" + thinking.encode()).digest()
    return base64.b64encode(b"demo" + digest).decode("ascii")


def _stop_at_sequence(drafts: Sequence[Draft], stop_sequences: Sequence[str]) -> tuple[list[Draft], str | None]:
    """Drafts up to the first stop sequence in their text (cut just before it), and the one matched."""
    kept: list[Draft] = []
    for draft in drafts:
        if isinstance(draft, TextDraft):
            hits = [(draft.text.find(s), order, s) for order, s in enumerate(stop_sequences) if s in draft.text]
            if hits:
                position, _, sequence = min(hits)
                kept.append(TextDraft(draft.text[:position]))
                return kept, sequence
        kept.append(draft)
    return kept, None


def _tokens_of(draft: Draft) -> list[str]:
    if isinstance(draft, ToolUseDraft):
        raw = json.dumps(draft.input, ensure_ascii=False)
        return [raw[i : i + _JSON_TOKEN_CHARS] for i in range(0, len(raw), _JSON_TOKEN_CHARS)]
    return split_tokens(draft.text)


def _groups(tokens: Sequence[str], sizes: Sequence[int]) -> Iterator[str]:
    """Consecutive tokens joined into deltas of the cycling `sizes`."""
    position = 0
    for size in itertools.cycle(sizes):
        if position >= len(tokens):
            return
        yield "".join(tokens[position : position + size])
        position += size


def _block(draft: Draft, tokens: Sequence[str], *, cut: bool) -> OutputBlock:
    produced = "".join(tokens)
    if isinstance(draft, TextDraft):
        return OutputBlock(
            start={"type": "text", "text": ""},
            deltas=tuple({"type": "text_delta", "text": g} for g in _groups(tokens, _WORD_GROUPS)),
            final={"type": "text", "text": produced},
        )
    if isinstance(draft, ThinkingDraft):
        signature = fake_signature(produced)
        shown = produced if draft.shown else ""
        thinking_deltas = _groups(tokens, _WORD_GROUPS) if draft.shown else iter(())
        return OutputBlock(
            start={"type": "thinking", "thinking": "", "signature": ""},
            deltas=(
                *({"type": "thinking_delta", "thinking": g} for g in thinking_deltas),
                {"type": "signature_delta", "signature": signature},
            ),
            final={"type": "thinking", "thinking": shown, "signature": signature},
        )
    return OutputBlock(
        start={"type": "tool_use", "id": draft.id, "name": draft.name, "input": {}},
        deltas=(
            {"type": "input_json_delta", "partial_json": ""},
            *({"type": "input_json_delta", "partial_json": g} for g in _groups(tokens, _JSON_GROUPS)),
        ),
        # A call cut short has no parseable input; a non-streamed reply shows it empty.
        final={"type": "tool_use", "id": draft.id, "name": draft.name, "input": {} if cut else dict(draft.input)},
        complete=not cut,
    )
