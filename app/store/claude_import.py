"""Reading a claude.ai data export (``conversations.json``, alone or in the export's ``.zip``).

The export's shape has drifted over the years, so reading is lenient: a top-level array or
``{"conversations": [...]}`` (or a single conversation), ``chat_messages`` or ``messages``, ``sender``
``human``/``assistant`` (or ``role``), content blocks preferred over the flattened ``text``. Block fields that
are claude.ai's own (``start_timestamp``, ``flags``, ...) move under ``"_claude"`` so that the block keeps the
API's shape; unknown block types are kept as they are. An attachment's extracted text becomes a text
``document`` block titled with the file name. Uuids are kept, so importing the same export again adds
nothing and a later export adds only what is new. Where the export records a tree (``parent_message_uuid``)
the branches are kept; otherwise messages are chained in order.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from app.store import content as blocks
from app.store.models import Block, ConversationRecord, MessageRecord, Role
from app.store.timestamps import parse_iso

_SENDERS: Final[dict[str, Role]] = {"human": "user", "user": "user", "assistant": "assistant"}
# The keys each block type has in the API; anything else a claude.ai block carries goes under "_claude".
_API_KEYS: Final = {
    "text": {"type", "text"},
    "thinking": {"type", "thinking", "signature"},
    "redacted_thinking": {"type", "data"},
    "tool_use": {"type", "id", "name", "input"},
    "tool_result": {"type", "tool_use_id", "content", "is_error"},
    "image": {"type", "source"},
    "document": {"type", "source", "title", "context"},
}
_PRIVATE: Final = "_claude"
# The parent claude.ai records for a first message, and for each edit of it: such a message starts the tree.
_ROOT_PARENT: Final = "00000000-0000-4000-8000-000000000000"
# Stable ids for exports that lack them, so a re-import still recognises what it already has.
_NAMESPACE: Final = uuid.UUID("6b1c1f8e-7d9a-4c4e-9a53-0f6c2f1d7a10")


def export_conversations(data: object) -> list[Any]:
    """The raw conversations of a parsed ``conversations.json``. Raises ValueError for another document."""
    if isinstance(data, list):
        return data
    if isinstance(data, Mapping):
        if isinstance(data.get("conversations"), list):
            return list(data["conversations"])
        if _messages_of(data) is not None:
            return [data]
    raise ValueError("this is not a claude.ai export (no list of conversations)")


def parse_conversation(raw: Any) -> ConversationRecord | None:
    """One exported conversation as a record, or None when it has no messages (skipped).
    Raises ValueError or TypeError when it is malformed."""
    if not isinstance(raw, Mapping):
        raise ValueError("not a JSON object")
    items = _messages_of(raw)
    if items is None:
        raise ValueError("no list of messages")
    conversation_uuid = _str(raw.get("uuid")) or str(
        uuid.uuid5(_NAMESPACE, f"{raw.get('name')!r}/{raw.get('created_at')!r}")
    )
    created_at = _time(raw.get("created_at"))
    model = _str(raw.get("model")) or None

    messages: list[MessageRecord] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        message = _message(item, index, conversation_uuid, messages, seen, created_at, model)
        if message is not None:
            messages.append(message)
            seen.add(message.uuid)
    if not messages:
        return None

    first = messages[0].created_at
    last = max(message.created_at for message in messages)
    leaf = _str(raw.get("current_leaf_message_uuid"))
    title = blocks.one_line(_str(raw.get("name"))) or next(
        filter(None, (blocks.title_from(m.content) for m in messages if m.role == "user")), ""
    )
    return ConversationRecord(
        uuid=conversation_uuid,
        title=title,
        created_at=created_at or first,
        updated_at=max(_time(raw.get("updated_at")) or last, last),
        messages=messages,
        head_uuid=leaf if leaf in seen else messages[-1].uuid,
        params={"model": model} if model else {},
    )


def _messages_of(raw: Mapping[str, Any]) -> list[Any] | None:
    for key in ("chat_messages", "messages"):
        if isinstance(raw.get(key), list):
            return list(raw[key])
    return None


def _message(
    item: Any,
    index: int,
    conversation_uuid: str,
    earlier: list[MessageRecord],
    seen: set[str],
    conversation_time: datetime | None,
    model: str | None,
) -> MessageRecord | None:
    if not isinstance(item, Mapping):
        return None
    role = _SENDERS.get(_str(item.get("sender") or item.get("role")).lower())
    if role is None:
        return None
    content = [*_attachment_blocks(item), *_content_blocks(item)]
    if not content:
        return None
    message_uuid = _str(item.get("uuid")) or str(uuid.uuid5(_NAMESPACE, f"{conversation_uuid}/{index}"))
    if message_uuid in seen:
        return None
    parent = _str(item.get("parent_message_uuid"))
    if parent == _ROOT_PARENT:  # a first message; a second one is an edit of the first, a branch beside it
        parent = ""
    elif parent not in seen:  # no tree recorded: chain to the message before
        parent = earlier[-1].uuid if earlier else ""
    created_at = _time(item.get("created_at"))
    if created_at is None:  # keep the order: borrow the time of the message before, or the conversation's
        created_at = earlier[-1].created_at if earlier else conversation_time or datetime.now(UTC)
    return MessageRecord(
        uuid=message_uuid,
        parent_uuid=parent or None,
        role=role,
        content=content,
        created_at=created_at,
        model=model if role == "assistant" else None,
    )


def _content_blocks(item: Mapping[str, Any]) -> list[Block]:
    raw_blocks = item.get("content")
    result: list[Block] = []
    if isinstance(raw_blocks, list):
        for block in raw_blocks:
            if isinstance(block, Mapping) and isinstance(block.get("type"), str):
                converted = _api_shaped(block)
                if converted is not None:
                    result.append(converted)
    if not result and _str(item.get("text")).strip():
        result.append({"type": "text", "text": _str(item["text"])})
    return result


def _api_shaped(block: Mapping[str, Any]) -> Block | None:
    kind = block["type"]
    if kind == "text" and not _str(block.get("text")).strip():
        return None
    allowed = _API_KEYS.get(kind)
    if allowed is None:
        return blocks.normalise_content([block])[0]  # unknown: kept whole
    shaped = {key: value for key, value in block.items() if key in allowed}
    extra = {key: value for key, value in block.items() if key not in allowed and value not in (None, [], {}, "")}
    if extra:
        shaped[_PRIVATE] = extra
    return blocks.normalise_content([shaped])[0]


def _attachment_blocks(item: Mapping[str, Any]) -> list[Block]:
    result: list[Block] = []
    for attachment in item.get("attachments") or []:
        if not isinstance(attachment, Mapping):
            continue
        text = _str(attachment.get("extracted_content"))
        if not text:
            continue
        document: Block = {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": text}}
        name = _str(attachment.get("file_name"))
        if name:
            document["title"] = name
        result.append(document)
    return result


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
