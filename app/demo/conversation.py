"""Read-only views over a Messages request body that has passed validation.

The API merges consecutive messages of the same role into one turn; so do these views. A string
`content` is shorthand for one text block.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.demo.markdown_quoting import code_span

__all__ = [
    "Turn",
    "content_blocks",
    "describe_attachments",
    "last_user_turn",
    "prefill",
    "system_text",
    "text_of",
    "turns",
]

Block = Mapping[str, Any]


@dataclass(frozen=True)
class Turn:
    """Consecutive messages of one role, merged; `index` is where the first of them sits in `messages`."""

    role: str
    blocks: tuple[Block, ...]
    index: int


def content_blocks(content: str | Sequence[Block]) -> list[Block]:
    """A message's content as blocks."""
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    return list(content)


def turns(messages: Sequence[Mapping[str, Any]]) -> list[Turn]:
    """`messages` with runs of one role merged into single turns."""
    merged: list[Turn] = []
    for index, message in enumerate(messages):
        blocks = tuple(content_blocks(message["content"]))
        if merged and merged[-1].role == message["role"]:
            previous = merged[-1]
            merged[-1] = Turn(previous.role, previous.blocks + blocks, previous.index)
        else:
            merged.append(Turn(message["role"], blocks, index))
    return merged


def last_user_turn(conversation: Sequence[Turn]) -> Turn | None:
    """The last user turn, looking past a final assistant prefill."""
    return next((turn for turn in reversed(conversation) if turn.role == "user"), None)


def prefill(conversation: Sequence[Turn]) -> Turn | None:
    """The final assistant turn the reply must continue, if the request ends with one."""
    return conversation[-1] if conversation and conversation[-1].role == "assistant" else None


def text_of(blocks: Sequence[Block]) -> str:
    """The text blocks among `blocks`, joined by blank lines."""
    return "\n\n".join(block["text"] for block in blocks if block.get("type") == "text")


def system_text(system: str | Sequence[Block] | None) -> str:
    """The system prompt as one string."""
    if system is None:
        return ""
    return system if isinstance(system, str) else text_of(system)


def describe_attachments(blocks: Sequence[Block]) -> list[str]:
    """One phrase per image or document among `blocks`, e.g. "an image (image/png, 1,234 bytes)"."""
    phrases = []
    for block in blocks:
        if block.get("type") not in ("image", "document"):
            continue
        phrase = _describe_source(block["type"], block["source"])
        title = block.get("title")
        if isinstance(title, str) and title:
            phrase += f" titled {code_span(title)}"
        phrases.append(phrase)
    return phrases


def _describe_source(kind: str, source: Mapping[str, Any]) -> str:
    noun = "an image" if kind == "image" else "a document"
    match source.get("type"):
        case "base64":
            size = _decoded_size(source["data"])
            return f"{noun} ({source['media_type']}, {size:,} bytes)"
        case "text":
            return f"{noun} (text/plain, {len(source['data']):,} characters)"
        case "url":
            return f"{noun} from {code_span(source['url'])}"
        case "content":
            parts = source["content"]
            count = 1 if isinstance(parts, str) else len(parts)
            return f"{noun} made of {count} content block{'s' if count != 1 else ''}"
    return noun


def _decoded_size(data: str) -> int:
    # Validation already decoded it once; arithmetic is enough here.
    return len(data) // 4 * 3 - (len(data) - len(data.rstrip("=")))
