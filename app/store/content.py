"""Content blocks as the store keeps them: normalised, searchable, with attachment data kept apart.

Base64 image and document data is moved out of the blocks into the attachments table (once per distinct
content, keyed by SHA-256) and the block keeps ``"_attachment": <hash>`` in its place; :func:`inline_attachments`
puts the data back before a request is sent or a conversation exported. Only data that re-encodes to exactly
the same text is moved, so the round trip is lossless.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.store.models import Block
from app.store.plain_text import MAX_INPUT, plain_text

ATTACHMENT_KEY = "_attachment"
TITLE_LENGTH = 60

# Blocks whose text is noise in search results, or not text at all.
_UNSEARCHED = frozenset({"thinking", "redacted_thinking", "image"})


def normalise_content(content: str | Sequence[Mapping[str, Any]]) -> list[Block]:
    """A detached list of blocks: a string becomes one text block (none if empty); every block must be a
    JSON object with a string ``type``. Raises ValueError otherwise."""
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    try:
        blocks = json.loads(json.dumps(list(content), ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"Content blocks must be JSON: {exc}") from None
    for block in blocks:
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            raise ValueError(f"Not a content block: {str(block)[:80]}")
    return blocks


def title_from(blocks: Sequence[Mapping[str, Any]]) -> str:
    """A conversation title from a message: the first words of its text as plain text (no Markdown syntax:
    ``# Plan`` and ``**bold**`` are shown as "Plan" and "bold"), on one line, cut at a word boundary."""
    text = " ".join(_str(block.get("text")) for block in blocks if block.get("type") == "text")
    text = one_line(plain_text(text[:MAX_INPUT]))
    if len(text) <= TITLE_LENGTH:
        return text
    head = text[: TITLE_LENGTH + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else text[:TITLE_LENGTH]
    return cut.rstrip(" ,.;:-") + "…"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    """``text`` on one line: control characters and runs of white space become single spaces."""
    return " ".join(_CONTROL.sub(" ", text).split())


def search_text(blocks: Sequence[Mapping[str, Any]]) -> str:
    """The words a search should find in a message: text, tool calls' input, tool results, the titles and
    text of documents. Thinking and binary data are left out."""
    parts: list[str] = []
    for block in blocks:
        _collect_text(block, parts)
    return "\n".join(part for part in parts if part)


def _collect_text(block: Mapping[str, Any], parts: list[str]) -> None:
    kind = block.get("type")
    if not isinstance(kind, str) or kind in _UNSEARCHED:
        return
    if kind in ("tool_use", "server_tool_use"):
        parts.append(_str(block.get("name")))
        if block.get("input"):
            parts.append(json.dumps(block["input"], ensure_ascii=False))
        return
    if kind == "document":
        parts.extend((_str(block.get("title")), _str(block.get("context"))))
        source = block.get("source")
        if isinstance(source, Mapping):
            if source.get("type") == "text":
                parts.append(_str(source.get("data")))
            elif isinstance(source.get("content"), list):
                _collect_nested(source["content"], parts)
        return
    parts.append(_str(block.get("text")))
    nested = block.get("content")
    if isinstance(nested, str):  # a tool result's plain-text content
        parts.append(nested)
    elif isinstance(nested, list):
        _collect_nested(nested, parts)


def _collect_nested(items: list[Any], parts: list[str]) -> None:
    for item in items:
        if isinstance(item, Mapping):
            _collect_text(item, parts)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- attachments ---


def extract_attachments(blocks: Sequence[Block]) -> tuple[list[Block], dict[str, tuple[str, bytes]]]:
    """Blocks with their base64 data replaced by ``_attachment`` references, and the data found:
    ``{sha256: (media_type, bytes)}``. Looks inside tool results' content too."""
    found: dict[str, tuple[str, bytes]] = {}

    def visit(block: Block) -> Block:
        source = block.get("source")
        if isinstance(source, dict) and source.get("type") == "base64" and isinstance(source.get("data"), str):
            raw = _decode_exactly(source["data"])
            if raw is None:
                return block
            digest = hashlib.sha256(raw).hexdigest()
            found[digest] = (str(source.get("media_type") or "application/octet-stream"), raw)
            kept = {key: value for key, value in source.items() if key != "data"}
            return {**block, "source": kept, ATTACHMENT_KEY: digest}
        nested = block.get("content")
        if isinstance(nested, list):
            return {**block, "content": [visit(item) if isinstance(item, dict) else item for item in nested]}
        return block

    return [visit(block) for block in blocks], found


def attachment_refs(blocks: Sequence[Mapping[str, Any]]) -> set[str]:
    """The hashes referenced by ``blocks`` (tool results' content included)."""
    refs: set[str] = set()
    for block in blocks:
        ref = block.get(ATTACHMENT_KEY)
        if isinstance(ref, str):
            refs.add(ref)
        nested = block.get("content")
        if isinstance(nested, list):
            refs |= attachment_refs([item for item in nested if isinstance(item, Mapping)])
    return refs


def request_attachment_refs(request: Mapping[str, Any]) -> set[str]:
    """The hashes referenced by the messages of a request body (as the store keeps it)."""
    messages = request.get("messages")
    refs: set[str] = set()
    if isinstance(messages, list):
        for item in messages:
            if isinstance(item, Mapping) and isinstance(item.get("content"), list):
                refs |= attachment_refs(item["content"])
    return refs


def inline_attachments(blocks: Sequence[Block], load: Callable[[str], bytes]) -> list[Block]:
    """Blocks with the data of every ``_attachment`` reference put back as base64 (the reverse of
    :func:`extract_attachments`). ``load`` returns an attachment's bytes by hash."""

    def visit(block: Block) -> Block:
        ref = block.get(ATTACHMENT_KEY)
        if isinstance(ref, str) and isinstance(block.get("source"), dict):
            data = base64.b64encode(load(ref)).decode("ascii")
            inlined = {key: value for key, value in block.items() if key != ATTACHMENT_KEY}
            inlined["source"] = {**block["source"], "data": data}
            return inlined
        nested = block.get("content")
        if isinstance(nested, list):
            return {**block, "content": [visit(item) if isinstance(item, dict) else item for item in nested]}
        return block

    return [visit(block) for block in blocks]


def _decode_exactly(data: str) -> bytes | None:
    """The bytes of canonical base64 text, or None when decoding and re-encoding would not give it back."""
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode("ascii") == data else None
