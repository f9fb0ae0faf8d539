"""Whole conversations as records keyed by uuids, every branch, for a lossless export and for import (the
formats are :mod:`app.store.archive` and :mod:`app.store.claude_import`; files: :mod:`app.store.transfer`).
``store.records``."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import cast

from app.store import content as blocks
from app.store.attachments import Attachments
from app.store.changes import ConversationChanged, ConversationCreated, HeadChanged
from app.store.conversations import Conversations, clean_tag, clean_title, params_json
from app.store.database import Database
from app.store.json_columns import dumps, dumps_object
from app.store.message_rows import COLUMNS, check_status, detail_columns, message_from_row
from app.store.messages import Messages
from app.store.models import ROLES, ConversationRecord, ImportResult, MessageFields, MessageRecord, ReplyDetails
from app.store.timestamps import to_ms


class Records:
    """Conversations in and out of the store as records. Importing announces ``ConversationCreated`` for a
    conversation added, ``ConversationChanged`` and ``HeadChanged`` for one that new messages were merged
    into (not each message)."""

    def __init__(
        self, db: Database, conversations: Conversations, messages: Messages, attachments: Attachments
    ) -> None:
        self._db = db
        self._conn = db.conn
        self._conversations = conversations
        self._messages = messages
        self._attachments = attachments

    def import_conversation(self, record: ConversationRecord) -> ImportResult:
        """Add a conversation, or merge into the one with the same uuid the messages it does not have yet
        (re-importing adds nothing). One transaction: on any error nothing of it is kept. Message uuids must
        be unique across the store; a message left ``streaming`` is imported as ``interrupted``."""
        with self._db.batch():
            row = self._conn.execute(
                "SELECT id, head_id, updated_at FROM conversations WHERE uuid = ?", (record.uuid,)
            ).fetchone()
            if row is None:
                conversation_id = self._insert_conversation(record)
                known: dict[str, int] = {}
            else:
                conversation_id = row["id"]
                known = dict(
                    self._conn.execute(
                        "SELECT uuid, id FROM messages WHERE conversation_id = ?", (conversation_id,)
                    ).fetchall()
                )
            fresh = [message for message in record.messages if message.uuid not in known]
            if row is not None and not fresh:
                return ImportResult(conversation_id, "unchanged", 0)
            ids = {**known, **self._insert_messages(conversation_id, fresh, known)}
            head = ids.get(record.head_uuid) if record.head_uuid else None
            head = head if head is not None else self._messages.latest_leaf(conversation_id)
            updated = max(to_ms(record.updated_at), row["updated_at"] if row is not None else 0)
            self._conn.execute(
                "UPDATE conversations SET head_id = ?, updated_at = ? WHERE id = ?", (head, updated, conversation_id)
            )
            if row is None:
                self._db.changes.announce(ConversationCreated(conversation_id))
            else:
                changed = frozenset({"updated_at", "message_count"})
                self._db.changes.announce(ConversationChanged(conversation_id, changed))
                if head != row["head_id"]:
                    self._db.changes.announce(HeadChanged(conversation_id, head))
        return ImportResult(conversation_id, "added" if row is None else "merged", len(fresh))

    def conversation_record(self, conversation_id: int) -> ConversationRecord:
        """The whole conversation, every branch, as a record keyed by uuids (for a lossless export).
        Content keeps ``_attachment`` references; requests keep their compact form."""
        conversation = self._conversations.get(conversation_id)
        rows = self._conn.execute(
            f"SELECT {COLUMNS}, m.request, p.uuid AS parent_uuid FROM messages m "
            "LEFT JOIN messages p ON p.id = m.parent_id WHERE m.conversation_id = ? ORDER BY m.id",
            (conversation_id,),
        ).fetchall()
        uuids = {row["id"]: row["uuid"] for row in rows}
        records = []
        for row in rows:
            message = message_from_row(row)
            records.append(
                MessageRecord(
                    **{item.name: getattr(message, item.name) for item in fields(MessageFields)},
                    parent_uuid=row["parent_uuid"],
                    request=json.loads(row["request"]) if row["request"] else None,
                )
            )
        return ConversationRecord(
            uuid=conversation.uuid,
            title=conversation.title,
            created_at=conversation.created_at,
            updated_at=conversation.updated_at,
            messages=records,
            head_uuid=uuids.get(conversation.head_id) if conversation.head_id else None,
            params=conversation.params,
            tags=conversation.tags,
            pinned=conversation.pinned,
            archived=conversation.archived,
            trashed_at=conversation.trashed_at,
            draft=conversation.draft,
        )

    def _insert_conversation(self, record: ConversationRecord) -> int:
        cursor = self._conn.execute(
            "INSERT INTO conversations (uuid, title, created_at, updated_at, pinned, archived, trashed_at, params,"
            " draft) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.uuid,
                clean_title(record.title),
                to_ms(record.created_at),
                to_ms(record.updated_at),
                int(record.pinned),
                int(record.archived),
                to_ms(record.trashed_at) if record.trashed_at else None,
                params_json(record.params),
                record.draft,
            ),
        )
        conversation_id = cast(int, cursor.lastrowid)
        self._conn.executemany(
            "INSERT OR IGNORE INTO tags (conversation_id, tag) VALUES (?, ?)",
            ((conversation_id, clean_tag(tag)) for tag in record.tags),
        )
        return conversation_id

    def _insert_messages(
        self, conversation_id: int, records: Sequence[MessageRecord], known: Mapping[str, int]
    ) -> dict[str, int]:
        """Insert in one statement per table; ids are assigned here (the write lock is held) so that
        children can point at parents inserted in the same batch."""
        next_id = int(self._conn.execute("SELECT coalesce(max(id), 0) + 1 FROM messages").fetchone()[0])
        ids: dict[str, int] = {}
        rows: list[dict[str, object]] = []
        links: list[tuple[int, str]] = []
        for offset, record in enumerate(records):
            if record.role not in ROLES:
                raise ValueError(f"message {record.uuid}: unknown role {record.role!r}")
            check_status(record.status)
            parent = None
            if record.parent_uuid is not None:
                parent = ids.get(record.parent_uuid, known.get(record.parent_uuid))
                if parent is None:
                    raise ValueError(
                        f"message {record.uuid}: its parent {record.parent_uuid} comes later or is missing"
                    )
            message_id = next_id + offset
            ids[record.uuid] = message_id
            stored, found = blocks.extract_attachments(blocks.normalise_content(record.content))
            self._attachments.insert(found)
            links.extend((message_id, digest) for digest in blocks.attachment_refs(stored))
            if record.request is not None:
                links.extend((message_id, digest) for digest in blocks.request_attachment_refs(record.request))
            rows.append(
                {
                    "id": message_id,
                    "uuid": record.uuid,
                    "conversation_id": conversation_id,
                    "parent_id": parent,
                    "role": record.role,
                    "content": dumps(stored),
                    "search_text": blocks.search_text(stored),
                    "status": "interrupted" if record.status == "streaming" else record.status,
                    "created_at": to_ms(record.created_at),
                    "request": dumps_object(record.request),
                    **detail_columns({item.name: getattr(record, item.name) for item in fields(ReplyDetails)}),
                }
            )
        if rows:
            columns = list(rows[0])
            self._conn.executemany(
                f"INSERT INTO messages ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                (tuple(row.values()) for row in rows),
            )
        self._conn.executemany("INSERT OR IGNORE INTO message_attachments (message_id, hash) VALUES (?, ?)", links)
        return ids
