"""A finished reply, and the two ways of sending it: one JSON Message or a sequence of SSE events.

`complete()` turns drafts (what the reply would say with no limits: text with its citations, thinking,
tool and server tool calls, server tool results, and where the turn pauses or is refused) into a
`Completion`, applying the request's `stop_sequences`, `max_tokens` and the room left in the context
window exactly as the API reports them (`stop_sequence`, `max_tokens`, `model_context_window_exceeded`,
`pause_turn`, `refusal` with `stop_details`). Both `message()` and `events()` come from the same blocks,
so a streamed reply always accumulates to the non-streamed one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from app.demo.prompt_cache import NO_CACHE, CacheUse
from app.demo.signatures import sign_thinking
from app.demo.tokens import count_tokens, split_tokens

__all__ = [
    "Completion",
    "Draft",
    "OutputBlock",
    "PauseDraft",
    "RefusalDraft",
    "ServerResultDraft",
    "ServerToolUseDraft",
    "TextDraft",
    "ThinkingDraft",
    "ToolUseDraft",
    "complete",
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
    """Text the reply would contain with no limits; `citations` (the API's citation objects) support it."""

    text: str
    citations: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class ThinkingDraft:
    """Thinking the reply starts with; `shown=False` (display "omitted") sends only its signature."""

    text: str
    shown: bool = True


@dataclass(frozen=True)
class ToolUseDraft:
    """A call of one of the request's own tools (the reply ends with the calls)."""

    id: str
    name: str
    input: Mapping[str, Any]


@dataclass(frozen=True)
class ServerToolUseDraft:
    """A call of a server tool (web search, web fetch), which the server runs itself."""

    id: str
    name: str
    input: Mapping[str, Any]


@dataclass(frozen=True)
class ServerResultDraft:
    """A server tool's result block, sent whole; `counts_as` names the usage counter it adds one to
    (`web_search_requests`, `web_fetch_requests`), None for an error, which is not billed."""

    block: Mapping[str, Any]
    counts_as: str | None = None


@dataclass(frozen=True)
class PauseDraft:
    """A long server-tool turn pauses here: stop_reason `pause_turn`."""


@dataclass(frozen=True)
class RefusalDraft:
    """The reply is refused here: stop_reason `refusal`, with `stop_details`."""

    category: str | None
    explanation: str | None


Draft: TypeAlias = (
    TextDraft | ThinkingDraft | ToolUseDraft | ServerToolUseDraft | ServerResultDraft | PauseDraft | RefusalDraft
)


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
    """A reply ready to send, with its stop reason and token usage.

    `input_tokens` is the whole prompt; `cache` says how much of it was read from the prompt cache or
    written to it. `server_tool_use` is the usage counters of server tools (None when none was offered).
    """

    model: str
    blocks: tuple[OutputBlock, ...]
    stop_reason: str
    stop_sequence: str | None
    input_tokens: int
    output_tokens: int
    cache: CacheUse = NO_CACHE
    server_tool_use: Mapping[str, int] | None = None
    stop_details: Mapping[str, Any] | None = None

    def usage(self, output_tokens: int | None = None) -> dict[str, Any]:
        """The usage object, with the final output count unless another is given."""
        usage: dict[str, Any] = {
            "input_tokens": self.input_tokens - self.cache.read - self.cache.written,
            "cache_creation_input_tokens": self.cache.written,
            "cache_read_input_tokens": self.cache.read,
            "cache_creation": {
                "ephemeral_5m_input_tokens": self.cache.written_5m,
                "ephemeral_1h_input_tokens": self.cache.written_1h,
            },
            "output_tokens": self.output_tokens if output_tokens is None else output_tokens,
            "service_tier": "standard",
        }
        if self.server_tool_use is not None:
            usage["server_tool_use"] = dict(self.server_tool_use)
        return usage

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
            "stop_details": dict(self.stop_details) if self.stop_details is not None else None,
            "usage": self.usage(),
        }

    def events(self, message_id: str) -> list[dict[str, Any]]:
        """The reply as the SSE events of a streaming response, message_start to message_stop."""
        start = self.message(message_id) | {"content": [], "stop_reason": None, "stop_sequence": None}
        start["stop_details"] = None
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
        ending: dict[str, Any] = {"stop_reason": self.stop_reason, "stop_sequence": self.stop_sequence}
        if self.stop_details is not None:
            ending["stop_details"] = dict(self.stop_details)
        # As the API sends it: cumulative counts, without the start's breakdown and service tier.
        usage = {key: value for key, value in self.usage().items() if key not in ("cache_creation", "service_tier")}
        events.append({"type": "message_delta", "delta": ending, "usage": usage})
        events.append({"type": "message_stop"})
        return events


def complete(
    drafts: Sequence[Draft],
    *,
    model: str,
    input_tokens: int,
    max_tokens: int,
    stop_sequences: Sequence[str] = (),
    context_room: int | None = None,
    cache: CacheUse = NO_CACHE,
    server_tools: bool = False,
) -> Completion:
    """Apply the stop sequences (to text only), then the token budget (to everything, in order).

    `context_room` is what is left of the context window after the prompt: a reply that reaches it stops
    with `model_context_window_exceeded`. A pause or a refusal among the drafts ends the reply there.
    `server_tools` says whether server tools were offered (then usage counts their requests).
    """
    natural_stop = "tool_use" if any(isinstance(draft, ToolUseDraft) for draft in drafts) else "end_turn"
    drafts, matched = _stop_at_sequence(drafts, stop_sequences)
    stop_reason = "stop_sequence" if matched is not None else natural_stop
    stop_details: dict[str, Any] | None = None
    budget = max_tokens if context_room is None else max(0, min(max_tokens, context_room))
    blocks: list[OutputBlock] = []
    counts = {"web_search_requests": 0, "web_fetch_requests": 0}
    used = 0
    for draft in drafts:
        if isinstance(draft, PauseDraft):
            stop_reason, matched = "pause_turn", None
            break
        if isinstance(draft, RefusalDraft):
            stop_reason, matched = "refusal", None
            stop_details = {"type": "refusal", "category": draft.category, "explanation": draft.explanation}
            break
        if isinstance(draft, TextDraft) and not draft.text:
            continue
        tokens = _tokens_of(draft)
        room = budget - used
        if len(tokens) > room:
            if room > 0:
                blocks.append(_block(draft, tokens[:room], cut=True))
                used = budget
            stop_reason = "max_tokens" if budget == max_tokens else "model_context_window_exceeded"
            matched = None
            break
        blocks.append(_block(draft, tokens, cut=False))
        used += len(tokens)
        if isinstance(draft, ServerResultDraft) and draft.counts_as is not None:
            counts[draft.counts_as] += 1
    return Completion(
        model,
        tuple(blocks),
        stop_reason,
        matched,
        input_tokens,
        used,
        cache,
        counts if server_tools else None,
        stop_details,
    )


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


def _stop_at_sequence(drafts: Sequence[Draft], stop_sequences: Sequence[str]) -> tuple[list[Draft], str | None]:
    """Drafts up to the first stop sequence in their text (cut just before it), and the one matched."""
    kept: list[Draft] = []
    for draft in drafts:
        if isinstance(draft, TextDraft):
            hits = [(draft.text.find(s), order, s) for order, s in enumerate(stop_sequences) if s in draft.text]
            if hits:
                position, _, sequence = min(hits)
                kept.append(TextDraft(draft.text[:position], draft.citations))
                return kept, sequence
        kept.append(draft)
    return kept, None


def _tokens_of(draft: Draft) -> list[str]:
    if isinstance(draft, ToolUseDraft | ServerToolUseDraft):
        raw = json.dumps(draft.input, ensure_ascii=False)
        return [raw[i : i + _JSON_TOKEN_CHARS] for i in range(0, len(raw), _JSON_TOKEN_CHARS)]
    if isinstance(draft, TextDraft | ThinkingDraft):
        return split_tokens(draft.text)
    return []  # a server tool's result is the server's work, not the model's output


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
        text_deltas = tuple({"type": "text_delta", "text": g} for g in _groups(tokens, _WORD_GROUPS))
        if not draft.citations:
            return OutputBlock({"type": "text", "text": ""}, text_deltas, {"type": "text", "text": produced})
        # As the API streams a cited passage: its citations first, then its text.
        return OutputBlock(
            start={"type": "text", "text": ""},
            deltas=(*({"type": "citations_delta", "citation": dict(c)} for c in draft.citations), *text_deltas),
            final={"type": "text", "text": produced, "citations": [dict(c) for c in draft.citations]},
        )
    if isinstance(draft, ThinkingDraft):
        shown = produced if draft.shown else ""
        signature = sign_thinking(produced, shown)
        thinking_deltas = _groups(tokens, _WORD_GROUPS) if draft.shown else iter(())
        return OutputBlock(
            start={"type": "thinking", "thinking": "", "signature": ""},
            deltas=(
                *({"type": "thinking_delta", "thinking": g} for g in thinking_deltas),
                {"type": "signature_delta", "signature": signature},
            ),
            final={"type": "thinking", "thinking": shown, "signature": signature},
        )
    if isinstance(draft, ServerResultDraft):
        return OutputBlock(dict(draft.block), (), dict(draft.block))
    assert isinstance(draft, ToolUseDraft | ServerToolUseDraft), "pauses and refusals end the reply, not a block"
    kind = "tool_use" if isinstance(draft, ToolUseDraft) else "server_tool_use"
    return OutputBlock(
        start={"type": kind, "id": draft.id, "name": draft.name, "input": {}},
        deltas=(
            {"type": "input_json_delta", "partial_json": ""},
            *({"type": "input_json_delta", "partial_json": g} for g in _groups(tokens, _JSON_GROUPS)),
        ),
        # A call cut short has no parseable input; a non-streamed reply shows it empty.
        final={"type": kind, "id": draft.id, "name": draft.name, "input": {} if cut else dict(draft.input)},
        complete=not cut,
    )
