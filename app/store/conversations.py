"""Conversations: creating, finding and listing them; their title, pin, archive, request parameters, draft
and tags; the trash. ``store.conversations`` (see :class:`app.store.Store`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any, Final, cast

from app.store import content as blocks
from app.store.attachments import Attachments
from app.store.changes import (
    Change,
    ConversationChanged,
    ConversationCreated,
    ConversationDeleted,
    ConversationRestored,
    ConversationTrashed,
    TagsChanged,
)
from app.store.database import Database
from app.store.errors import NotFoundError
from app.store.json_columns import dumps
from app.store.models import Conversation
from app.store.timestamps import from_ms

_TAG_SEPARATOR: Final = "\x1f"

_CONVERSATION_SELECT = f"""
    SELECT c.id, c.uuid, c.title, c.created_at, c.updated_at, c.pinned, c.archived, c.trashed_at, c.head_id,
           c.params, c.draft,
           (SELECT group_concat(tag, '{_TAG_SEPARATOR}')
              FROM (SELECT tag FROM tags WHERE conversation_id = c.id ORDER BY tag)) AS tags,
           (SELECT count(*) FROM messages WHERE conversation_id = c.id) AS message_count
    FROM conversations c
"""


class Conversations:
    """The store's conversations. Announces ``ConversationCreated``, ``ConversationChanged``,
    ``ConversationTrashed``, ``ConversationRestored``, ``ConversationDeleted`` and ``TagsChanged``."""

    def __init__(self, db: Database, attachments: Attachments) -> None:
        self._db = db
        self._conn = db.conn
        self._attachments = attachments
        # Read-only: the branch the user switched to in each conversation, for this session (browsing
        # branches is reading; only keeping the choice would be a write).
        self._session_heads: dict[int, int] = {}

    def create(
        self, title: str = "", *, params: Mapping[str, Any] | None = None, tags: Iterable[str] = ()
    ) -> Conversation:
        """A new, empty conversation. An empty title is filled from the first user message."""
        now = self._db.now()
        with self._db.batch():
            cursor = self._conn.execute(
                "INSERT INTO conversations (uuid, title, created_at, updated_at, params) VALUES (?, ?, ?, ?, ?)",
                (new_uuid(), clean_title(title), now, now, params_json(params)),
            )
            conversation_id = cast(int, cursor.lastrowid)
            self._conn.executemany(
                "INSERT OR IGNORE INTO tags (conversation_id, tag) VALUES (?, ?)",
                ((conversation_id, clean_tag(tag)) for tag in tags),
            )
            self._db.changes.announce(ConversationCreated(conversation_id))
        return self.get(conversation_id)

    def get(self, conversation_id: int) -> Conversation:
        """The conversation with this id. Raises NotFoundError."""
        row = self._conn.execute(_CONVERSATION_SELECT + "WHERE c.id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No conversation {conversation_id}")
        return self._with_session_head(_conversation(row))

    def find(self, ref: str) -> Conversation:
        """A conversation by id, uuid, or a unique prefix of its uuid (at least 4 characters), as typed on
        the command line. Raises NotFoundError (also when a prefix is ambiguous)."""
        ref = ref.strip()
        if ref.isdigit():
            try:
                return self.get(int(ref))
            except NotFoundError:
                if len(ref) < 4:
                    raise
                # A uuid can start with digits only ("20251125…"): read it as a prefix too.
        if len(ref) < 4:
            raise NotFoundError(f"No conversation {ref!r}")
        rows = self._conn.execute(
            "SELECT id FROM conversations WHERE uuid >= ? AND uuid < ? LIMIT 2", (ref.lower(), ref.lower() + "\uffff")
        ).fetchall()
        if len(rows) != 1:
            raise NotFoundError(f"{'No' if not rows else 'More than one'} conversation matches {ref!r}")
        return self.get(rows[0]["id"])

    def most_recent(self) -> Conversation | None:
        """The conversation updated last (pinned or not, archived or not; not in the trash)."""
        row = self._conn.execute(
            "SELECT id FROM conversations WHERE trashed_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else self.get(row["id"])

    def listed(
        self,
        *,
        tag: str | None = None,
        archived: bool = False,
        trash: bool = False,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[Conversation]:
        """One page of the list: pinned first, then most recently updated. By default the conversations
        that are neither archived nor in the trash; ``archived`` lists the archived ones instead, ``trash``
        the trash (most recently trashed first). ``tag`` keeps those carrying it. ``limit`` None: all."""
        where, args = _list_filter(tag=tag, archived=archived, trash=trash)
        order = "c.trashed_at DESC, c.id DESC" if trash else "c.pinned DESC, c.updated_at DESC, c.id DESC"
        rows = self._conn.execute(
            f"{_CONVERSATION_SELECT} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            (*args, -1 if limit is None else limit, offset),
        ).fetchall()
        return [self._with_session_head(_conversation(row)) for row in rows]

    def count(self, *, tag: str | None = None, archived: bool = False, trash: bool = False) -> int:
        """How many conversations :meth:`listed` would list with these filters."""
        where, args = _list_filter(tag=tag, archived=archived, trash=trash)
        return int(self._conn.execute(f"SELECT count(*) FROM conversations c WHERE {where}", args).fetchone()[0])

    def rename(self, conversation_id: int, title: str) -> None:
        """Give a conversation a title (made one line)."""
        self._update(conversation_id, "title", clean_title(title))

    def set_pinned(self, conversation_id: int, pinned: bool = True) -> None:
        """Pin (or unpin) a conversation: pinned ones head the list."""
        self._update(conversation_id, "pinned", int(pinned))

    def set_archived(self, conversation_id: int, archived: bool = True) -> None:
        """Archive (or unarchive) a conversation: archived ones have a list of their own."""
        self._update(conversation_id, "archived", int(archived))

    def set_params(self, conversation_id: int, params: Mapping[str, Any]) -> None:
        """Replace the conversation's request parameters (None values are dropped)."""
        self._update(conversation_id, "params", params_json(params))

    def set_draft(self, conversation_id: int, draft: str) -> None:
        """Keep the unsent text of the composer (it does not count as an update of the conversation)."""
        self._update(conversation_id, "draft", draft)

    def move_to_trash(self, conversation_id: int) -> None:
        """Put a conversation in the trash; it is deleted for good after the retention period."""
        self._update(conversation_id, "trashed_at", self._db.now(), ConversationTrashed(conversation_id))

    def restore(self, conversation_id: int) -> None:
        """Take a conversation out of the trash."""
        self._update(conversation_id, "trashed_at", None, ConversationRestored(conversation_id))

    def delete(self, conversation_id: int) -> None:
        """Delete a conversation and all its messages now, for good."""
        with self._db.batch():
            if not self._conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,)).rowcount:
                raise NotFoundError(f"No conversation {conversation_id}")
            self._attachments.forget_unused()
            self._db.changes.announce(ConversationDeleted(conversation_id))

    def empty_trash(self, *, older_than: timedelta = timedelta(0)) -> int:
        """Delete the conversations trashed more than ``older_than`` ago; returns how many."""
        cutoff = self._db.now() - older_than // timedelta(milliseconds=1)
        expired = "FROM conversations WHERE trashed_at IS NOT NULL AND trashed_at <= ?"
        if self._conn.execute(f"SELECT 1 {expired} LIMIT 1", (cutoff,)).fetchone() is None:
            return 0  # the usual case at every open: no write lock needed
        with self._db.batch():
            deleted = [row[0] for row in self._conn.execute(f"SELECT id {expired}", (cutoff,))]
            self._conn.execute(f"DELETE {expired}", (cutoff,))
            if deleted:
                self._attachments.forget_unused()
            for conversation_id in deleted:
                self._db.changes.announce(ConversationDeleted(conversation_id))
        return len(deleted)

    def _update(self, conversation_id: int, column: str, value: object, change: Change | None = None) -> None:
        """Set one column; announce ``change`` (by default: that column's value changed)."""
        with self._db.batch():
            cursor = self._conn.execute(f"UPDATE conversations SET {column} = ? WHERE id = ?", (value, conversation_id))
            if not cursor.rowcount:
                raise NotFoundError(f"No conversation {conversation_id}")
            self._db.changes.announce(change or ConversationChanged(conversation_id, frozenset({column})))

    # --- tags ---

    def add_tag(self, conversation_id: int, tag: str) -> None:
        """Tag a conversation (tags compare case-insensitively; surrounding spaces are dropped)."""
        tag = clean_tag(tag)
        with self._db.batch():
            require(self._conn, conversation_id)
            added = self._conn.execute(
                "INSERT OR IGNORE INTO tags (conversation_id, tag) VALUES (?, ?)", (conversation_id, tag)
            ).rowcount
            if added:
                self._db.changes.announce(TagsChanged(conversation_id))

    def remove_tag(self, conversation_id: int, tag: str) -> None:
        """Take a tag off a conversation (nothing happens if it was not there)."""
        with self._db.batch():
            require(self._conn, conversation_id)
            removed = self._conn.execute(
                "DELETE FROM tags WHERE conversation_id = ? AND tag = ?", (conversation_id, blocks.one_line(tag))
            ).rowcount
            if removed:
                self._db.changes.announce(TagsChanged(conversation_id))

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with how many conversations (outside the trash) carry it, by name."""
        rows = self._conn.execute(
            "SELECT t.tag, count(*) FROM tags t JOIN conversations c ON c.id = t.conversation_id "
            "WHERE c.trashed_at IS NULL GROUP BY t.tag ORDER BY t.tag"
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    # --- the branch shown, in a read-only store ---

    def set_session_head(self, conversation_id: int, head_id: int) -> None:
        """Show the branch ending at ``head_id`` for this session only (a read-only store can't keep it)."""
        self._session_heads[conversation_id] = head_id

    def _with_session_head(self, conversation: Conversation) -> Conversation:
        head = self._session_heads.get(conversation.id)
        return conversation if head is None else replace(conversation, head_id=head)


def require(conn: sqlite3.Connection, conversation_id: int) -> None:
    """Raise NotFoundError unless there is a conversation with this id."""
    if conn.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone() is None:
        raise NotFoundError(f"No conversation {conversation_id}")


def new_uuid() -> str:
    """A new random uuid (version 4) for a row. `uuid` is imported here, when a row is first added, not at
    start-up: it brings `platform` along (~10 ms)."""
    import uuid

    return str(uuid.uuid4())


def clean_title(title: str) -> str:
    """A title as it is kept: one line."""
    return blocks.one_line(title)


def clean_tag(tag: str) -> str:
    """A tag as it is kept: one line, not empty (ValueError)."""
    cleaned = blocks.one_line(tag)
    if not cleaned:
        raise ValueError("A tag can't be empty")
    return cleaned


def params_json(params: Mapping[str, Any] | None) -> str:
    """Request parameters as they are kept: compact JSON without the None values."""
    return dumps({key: value for key, value in (params or {}).items() if value is not None})


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        uuid=row["uuid"],
        title=row["title"],
        created_at=from_ms(row["created_at"]),
        updated_at=from_ms(row["updated_at"]),
        pinned=bool(row["pinned"]),
        archived=bool(row["archived"]),
        trashed_at=from_ms(row["trashed_at"]) if row["trashed_at"] is not None else None,
        tags=tuple(row["tags"].split(_TAG_SEPARATOR)) if row["tags"] else (),
        head_id=row["head_id"],
        params=json.loads(row["params"]),
        draft=row["draft"],
        message_count=row["message_count"],
    )


def _list_filter(*, tag: str | None, archived: bool, trash: bool) -> tuple[str, tuple[object, ...]]:
    args: tuple[object, ...]
    if trash:
        where, args = "c.trashed_at IS NOT NULL", ()
    else:
        where, args = "c.trashed_at IS NULL AND c.archived = ?", (int(archived),)
    if tag is not None:
        where += " AND c.id IN (SELECT conversation_id FROM tags WHERE tag = ?)"
        args = (*args, blocks.one_line(tag))
    return where, args
