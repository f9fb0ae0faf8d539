"""A conversation's current branch as a readable Markdown document with a small metadata header."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.store.models import Conversation, Message, refusal_reason
from app.store.store import Store

_ROLE_NAMES = {"user": "User", "assistant": "Assistant"}
_STATUS_NOTES = {
    "streaming": "reply still streaming when exported",
    "stopped": "reply stopped",
    "interrupted": "reply interrupted",
}


def conversation_markdown(store: Store, conversation_id: int) -> str:
    """The Markdown for one conversation: title, metadata line, system prompt, then each message."""
    conversation = store.conversation(conversation_id)
    parts = [f"# {conversation.title or 'Untitled conversation'}", _metadata(conversation)]
    system = conversation.params.get("system")
    if isinstance(system, str) and system.strip():
        parts.append("**System prompt**\n\n" + _quote(system))
    for message in store.path(conversation_id):
        parts.append(_message_markdown(message))
    return "\n\n".join(parts) + "\n"


def local_time(moment: datetime) -> str:
    """``2025-01-31 13:34``, in the local time zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _metadata(conversation: Conversation) -> str:
    items = [
        f"Conversation {conversation.id}",
        f"created {local_time(conversation.created_at)}",
        f"updated {local_time(conversation.updated_at)}",
    ]
    model = conversation.params.get("model")
    if isinstance(model, str) and model:
        items.append(f"model {model}")
    if conversation.tags:
        items.append("tags: " + ", ".join(conversation.tags))
    return "*" + " · ".join(items) + "*"


def _message_markdown(message: Message) -> str:
    heading = [_ROLE_NAMES[message.role]]
    if message.role == "assistant" and message.model:
        heading.append(message.model)
    heading.append(local_time(message.created_at))
    parts = ["## " + " · ".join(heading)]
    parts.extend(filter(None, (block_markdown(block) for block in message.content)))
    if message.error is not None:
        request = f" (request id {message.error.request_id})" if message.error.request_id else ""
        parts.append(f"*Error: {message.error.type}: {message.error.message}{request}*")
    elif message.declined:
        reason = refusal_reason(message.stop_details)
        parts.append(f"*(the model declined{': ' + reason if reason else ''})*")
    elif message.status in _STATUS_NOTES:
        parts.append(f"*({_STATUS_NOTES[message.status]})*")
    return "\n\n".join(parts)


def block_markdown(block: Mapping[str, Any]) -> str:
    """One content block as Markdown: text as it is, tool calls and results fenced, images and documents
    named, thinking folded away; "" for a block with nothing to show (redacted thinking)."""
    kind = block.get("type")
    if kind == "text":
        return str(block.get("text") or "")
    if kind == "thinking":
        return f"<details><summary>Thinking</summary>\n\n{block.get('thinking') or ''}\n\n</details>"
    if kind in ("tool_use", "server_tool_use"):
        arguments = json.dumps(block.get("input") or {}, indent=2, ensure_ascii=False)
        return f"**Tool call `{block.get('name')}`**\n\n{_fenced(arguments, 'json')}"
    if kind == "tool_result":
        return "**Tool result**\n\n" + _fenced(_tool_result_text(block.get("content")), "")
    if kind == "image":
        source = block.get("source") or {}
        return f"*[image: {source.get('media_type') or source.get('url') or 'attached'}]*"
    if kind == "document":
        return f"*[document: {block.get('title') or (block.get('source') or {}).get('media_type') or 'attached'}]*"
    if kind == "redacted_thinking":
        return ""
    return f"*[{kind} block]*"


def _tool_result_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(item.get("text")) for item in content if isinstance(item, Mapping) and "text" in item)
    return ""


def _fenced(text: str, language: str) -> str:
    """A code block whose fence is longer than any run of backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())
