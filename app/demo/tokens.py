"""Token arithmetic of the demo server: deterministic stand-ins for a real tokenizer.

Output: a token is one word with the whitespace before it; words longer than six characters count one
token per six characters. Splitting keeps every character, so the tokens of a text join back to it.

Input: about one token per four characters of text in the prompt, plus a flat amount per image or PDF
(a real model counts those by pixels and pages). The prompt is read the way prompt caching reads it, as
a sequence of segments: the structured-output schema, each tool definition, each system block, then
each content block of each message; the tokens up to a segment are what a cache entry ending there holds.
Counted: text, thinking, tool calls and results, server tool calls and their results (search results,
fetched documents), text documents, tool and server-tool definitions and the output schema.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ATTACHMENT_TOKENS",
    "Segment",
    "count_tokens",
    "estimate_input_tokens",
    "prompt_segments",
    "prompt_tokens",
    "split_tokens",
]

_TOKEN = re.compile(r"\s*\S{1,6}|\s+")

# Roughly what a real model charges for a ~1,100 px square image.
ATTACHMENT_TOKENS = 1_500


def split_tokens(text: str) -> list[str]:
    """Cut `text` into tokens; `"".join(split_tokens(t)) == t`."""
    return _TOKEN.findall(text)


def count_tokens(text: str) -> int:
    """How many tokens `text` is."""
    return len(split_tokens(text))


@dataclass(frozen=True)
class Segment:
    """One cacheable piece of a prompt: where it is (`place`: a role, "system", "tool" or "format"), the
    block, its size, and the cache_control it carries, if any."""

    place: str
    block: Mapping[str, Any]
    characters: int
    attachments: int

    @property
    def cache_control(self) -> Mapping[str, Any] | None:
        """The block's cache breakpoint, if it has one."""
        control = self.block.get("cache_control")
        return control if isinstance(control, Mapping) else None

    @property
    def key(self) -> str:
        """What the segment is, as text: equal keys, equal prompt (cache_control left out, as a breakpoint
        does not change what is cached)."""
        return f"{self.place}:{_json(_bare(self.block))}"


def prompt_tokens(characters: int, attachments: int) -> int:
    """The input tokens of so many characters of prompt and attachments."""
    return math.ceil(characters / 4) + attachments * ATTACHMENT_TOKENS


def estimate_input_tokens(body: Mapping[str, Any]) -> int:
    """The input token count of an already validated Messages (or count_tokens) request body."""
    segments = prompt_segments(body)
    characters = sum(segment.characters for segment in segments)
    attachments = sum(segment.attachments for segment in segments)
    return max(1, prompt_tokens(characters, 0)) + attachments * ATTACHMENT_TOKENS


def prompt_segments(body: Mapping[str, Any]) -> list[Segment]:
    """The prompt of a validated request as segments, in the order a cache prefix reads them."""
    segments: list[Segment] = []
    output_format = (body.get("output_config") or {}).get("format")
    if output_format:
        segments.append(Segment("format", output_format, len(_json(output_format.get("schema"))), 0))
    for tool in body.get("tools", ()):
        segments.append(Segment("tool", tool, len(_json(_bare(tool))), 0))
    system = body.get("system") or ""
    for block in [{"type": "text", "text": system}] if isinstance(system, str) and system else system or ():
        characters, attachments = _measure([block])
        segments.append(Segment("system", block, characters, attachments))
    for message in body.get("messages", ()):
        for block in _blocks(message["content"]):
            characters, attachments = _measure([block])
            segments.append(Segment(message["role"], block, characters, attachments))
    return segments


def _blocks(content: str | Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    if isinstance(content, str):
        if content:
            yield {"type": "text", "text": content}
        return
    yield from content


def _bare(block: Mapping[str, Any]) -> dict[str, Any]:
    """`block` without its cache_control (a breakpoint does not change what is cached)."""
    return {name: value for name, value in block.items() if name != "cache_control"}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _measure(content: str | Iterable[Mapping[str, Any]]) -> tuple[int, int]:
    """(characters of text, number of images and binary documents) in a content: text or blocks."""
    if isinstance(content, str):
        return len(content), 0
    characters = 0
    attachments = 0
    for block in content:
        kind = block.get("type")
        if kind == "text":
            characters += len(block["text"])
        elif kind == "thinking":
            characters += len(block["thinking"])
        elif kind in ("tool_use", "server_tool_use"):
            characters += len(block["name"]) + len(json.dumps(block["input"], ensure_ascii=False))
        elif kind == "tool_result":
            more_characters, more_attachments = _measure(block.get("content", ""))
            characters += more_characters
            attachments += more_attachments
        elif kind == "web_search_tool_result" and isinstance(block.get("content"), list):
            for result in block["content"]:
                if isinstance(result, Mapping):
                    characters += sum(len(str(result.get(key, ""))) for key in ("title", "url", "encrypted_content"))
        elif kind == "web_fetch_tool_result" and isinstance(block.get("content"), Mapping):
            document = block["content"].get("content")
            if isinstance(document, Mapping):
                more_characters, more_attachments = _measure([document])
                characters += more_characters + len(str(block["content"].get("url", "")))
                attachments += more_attachments
        elif kind == "document" and block["source"].get("type") == "text":
            characters += len(block["source"]["data"])
        elif kind in ("image", "document"):
            attachments += 1
    return characters, attachments
