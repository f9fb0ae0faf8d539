"""Token arithmetic of the demo server: deterministic stand-ins for a real tokenizer.

Output: a token is one word with the whitespace before it; words longer than six characters count one
token per six characters. Splitting keeps every character, so the tokens of a text join back to it.

Input: about one token per four characters of text in the system prompt, messages and tool
definitions, plus a flat amount per image or PDF (a real model counts those by pixels and pages).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ATTACHMENT_TOKENS", "count_tokens", "estimate_input_tokens", "split_tokens"]

_TOKEN = re.compile(r"\s*\S{1,6}|\s+")

# Roughly what a real model charges for a ~1,100 px square image.
ATTACHMENT_TOKENS = 1_500


def split_tokens(text: str) -> list[str]:
    """Cut `text` into tokens; `"".join(split_tokens(t)) == t`."""
    return _TOKEN.findall(text)


def count_tokens(text: str) -> int:
    """How many tokens `text` is."""
    return len(split_tokens(text))


def estimate_input_tokens(body: Mapping[str, Any]) -> int:
    """The input token count of an already validated Messages (or count_tokens) request body."""
    characters, attachments = _measure(body.get("system") or "")
    for message in body.get("messages", ()):
        more_characters, more_attachments = _measure(message["content"])
        characters += more_characters
        attachments += more_attachments
    if body.get("tools"):
        characters += len(json.dumps(body["tools"], ensure_ascii=False))
    return max(1, math.ceil(characters / 4)) + attachments * ATTACHMENT_TOKENS


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
        elif kind == "tool_use":
            characters += len(block["name"]) + len(json.dumps(block["input"], ensure_ascii=False))
        elif kind == "tool_result":
            more_characters, more_attachments = _measure(block.get("content", ""))
            characters += more_characters
            attachments += more_attachments
        elif kind == "document" and block["source"].get("type") == "text":
            characters += len(block["source"]["data"])
        elif kind in ("image", "document"):
            attachments += 1
    return characters, attachments
