"""Samtal's own export format: lossless JSON of whole conversation trees.

::

    {"format": "samtal.conversations", "version": 1, "exported_at": "2025-01-31T12:00:00.000Z",
     "conversations": [{"uuid", "title", "created_at", "updated_at", "pinned", "archived", "trashed_at",
                        "tags", "params", "draft", "head", "messages": [{"uuid", "parent", "role", "content",
                        "status", "created_at", "model", "stop_reason", ..., "request"}, ...]}, ...],
     "attachments": {"<sha256>": {"media_type": "image/png", "data": "<base64>"}, ...}}

A message holds its ``uuid``, its ``parent``'s, every field of :class:`~app.store.models.MessageFields` by
name (as :meth:`~app.store.models.MessageFields.to_json` writes them: the details of a reply too) and its
``request``. Messages are in creation order (parents before children); ``parent`` and ``head`` are message
uuids.
Content blocks are in the API's shape; image and document data sits once in ``attachments`` and a block
refers to it with ``"_attachment": "<sha256>"``. Importing the file into any store reproduces every
conversation exactly (and adds nothing the second time).
"""

from __future__ import annotations

import base64
import binascii
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeGuard

from app.store import content as blocks
from app.store.models import ConversationRecord, ImportReport, MessageRecord, details_from_json
from app.store.store import Store
from app.store.timestamps import from_ms, iso, parse_iso

FORMAT: Final = "samtal.conversations"
VERSION: Final = 1


def export_archive(
    store: Store, conversation_ids: Iterable[int], *, clock: Callable[[], float] = time.time
) -> dict[str, Any]:
    """The archive document for these conversations."""
    conversations = []
    referenced: set[str] = set()
    for conversation_id in conversation_ids:
        record = store.records.conversation_record(conversation_id)
        conversations.append(_conversation_json(record))
        for message in record.messages:
            referenced |= blocks.attachment_refs(message.content)
            if message.request is not None:
                referenced |= blocks.request_attachment_refs(message.request)
    attachments = {}
    for digest in sorted(referenced):
        attachment = store.attachments.get(digest)
        attachments[digest] = {
            "media_type": attachment.media_type,
            "data": base64.b64encode(attachment.data).decode("ascii"),
        }
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(from_ms(int(clock() * 1000))),
        "conversations": conversations,
        "attachments": attachments,
    }


def is_archive(data: object) -> TypeGuard[Mapping[str, Any]]:
    """Whether a parsed JSON document is a Samtal archive."""
    return isinstance(data, Mapping) and data.get("format") == FORMAT


def archive_conversations(store: Store, data: Mapping[str, Any], report: ImportReport) -> list[Any]:
    """Check an archive's version, store its attachments, and return its raw conversations (for
    :func:`parse_conversation`). Problems are added to ``report.errors``."""
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        report.errors.append(f"archive format version {version!r} is newer than this Samtal understands")
        return []
    attachments = data.get("attachments") or {}
    if isinstance(attachments, Mapping):
        for digest, item in attachments.items():
            try:
                store.attachments.add(base64.b64decode(item["data"], validate=True), str(item["media_type"]))
            except (KeyError, TypeError, binascii.Error, ValueError):
                report.errors.append(f"attachment {digest}: unreadable")
    conversations = data.get("conversations")
    if not isinstance(conversations, list):
        report.errors.append("the archive holds no list of conversations")
        return []
    return conversations


def _conversation_json(record: ConversationRecord) -> dict[str, Any]:
    return {
        "uuid": record.uuid,
        "title": record.title,
        "created_at": iso(record.created_at),
        "updated_at": iso(record.updated_at),
        "pinned": record.pinned,
        "archived": record.archived,
        "trashed_at": iso(record.trashed_at) if record.trashed_at else None,
        "tags": list(record.tags),
        "params": record.params,
        "draft": record.draft,
        "head": record.head_uuid,
        "messages": [_message_json(message) for message in record.messages],
    }


def _message_json(message: MessageRecord) -> dict[str, Any]:
    return {"uuid": message.uuid, "parent": message.parent_uuid, **message.to_json(), "request": message.request}


def parse_conversation(raw: Any) -> ConversationRecord:
    """One archived conversation as a record. Raises ValueError, KeyError or TypeError when malformed."""
    if not isinstance(raw, Mapping):
        raise ValueError("not a JSON object")
    trashed_at = raw.get("trashed_at")
    return ConversationRecord(
        uuid=_required_str(raw, "uuid"),
        title=str(raw.get("title") or ""),
        created_at=parse_iso(raw["created_at"]),
        updated_at=parse_iso(raw["updated_at"]),
        messages=[_message_record(item) for item in raw.get("messages") or []],
        head_uuid=raw.get("head") or None,
        params=dict(raw.get("params") or {}),
        tags=tuple(str(tag) for tag in raw.get("tags") or ()),
        pinned=bool(raw.get("pinned")),
        archived=bool(raw.get("archived")),
        trashed_at=parse_iso(trashed_at) if trashed_at else None,
        draft=str(raw.get("draft") or ""),
    )


def _message_record(raw: Any) -> MessageRecord:
    if not isinstance(raw, Mapping):
        raise ValueError("a message is not a JSON object")
    return MessageRecord(
        uuid=_required_str(raw, "uuid"),
        parent_uuid=raw.get("parent") or None,
        role=raw["role"],
        content=blocks.normalise_content(raw.get("content") or []),
        created_at=parse_iso(raw["created_at"]),
        status=raw.get("status") or "complete",
        request=raw.get("request"),
        **details_from_json(raw),
    )


def _required_str(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"no {key}")
    return value
