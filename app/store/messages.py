"""Messages: each conversation's tree of them (``parent_id``; the conversation points at the leaf of the branch
it shows), adding and writing them, and replies left streaming by a process that died. ``store.messages``
(see :class:`app.store.Store`); a message's columns are in :mod:`app.store.message_rows`."""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, Final, cast

from app.store import content as blocks
from app.store.attachments import Attachments
from app.store.changes import ConversationChanged, HeadChanged, MessageAdded, MessageChanged, MessageDeleted
from app.store.conversations import Conversations, new_uuid
from app.store.database import Database
from app.store.errors import NotFoundError
from app.store.json_columns import dumps
from app.store.message_rows import ANCESTORS, COLUMNS, check_status, detail_columns, message_from_row
from app.store.models import ROLES, Message, MessageStatus, ReplyDetails, Role
from app.store.requests import Requests
from app.store.writer_lock import WriterLock


class _Head(enum.Enum):
    AT_HEAD = "at head"


AT_HEAD: Final = _Head.AT_HEAD
"""``add(parent_id=AT_HEAD)``: attach the new message below the conversation's current head."""

NO_DETAILS: Final = ReplyDetails()

# `below`: the message given as the parameter and every message under it.
_DESCENDANTS: Final = """
    WITH RECURSIVE below(id) AS (
        SELECT ? UNION ALL SELECT m.id FROM below CROSS JOIN messages m ON m.parent_id = below.id
    )
"""


class Messages:
    """The store's messages. Announces ``MessageAdded``, ``MessageChanged``, ``MessageDeleted`` and
    ``HeadChanged``, and ``ConversationChanged`` for what they change in their conversation."""

    def __init__(
        self, db: Database, conversations: Conversations, attachments: Attachments, requests: Requests
    ) -> None:
        self._db = db
        self._conn = db.conn
        self._conversations = conversations
        self._attachments = attachments
        self._requests = requests
        self._writer: WriterLock | None = None

    def add(
        self,
        conversation_id: int,
        role: Role,
        content: str | Sequence[Mapping[str, Any]],
        *,
        parent_id: int | _Head | None = AT_HEAD,
        status: MessageStatus = "complete",
        details: ReplyDetails = NO_DETAILS,
        request: Mapping[str, Any] | None = None,
        make_head: bool = True,
    ) -> Message:
        """Add a message below ``parent_id`` (default: the current head; None: a new root) and, with
        ``make_head``, make it the head. Adding a second child to a message is how a branch starts: nothing
        is ever overwritten. ``content`` is a string or content blocks in the API's shape; base64 data in
        them is stored once as an attachment. An assistant reply that is about to stream is added with
        ``status="streaming"`` and empty content (see :class:`app.store.ReplyRecorder`). A conversation
        without a title takes one from its first user message."""
        if role not in ROLES:
            raise ValueError(f"Unknown role {role!r}")
        check_status(status)
        content_blocks = blocks.normalise_content(content)
        now = self._db.now()
        with self._db.batch():
            conversation = self._conn.execute(
                "SELECT head_id, title FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if conversation is None:
                raise NotFoundError(f"No conversation {conversation_id}")
            parent = conversation["head_id"] if parent_id is AT_HEAD else parent_id
            if parent is not None:
                self.require_in(parent, conversation_id)
            stored, refs = self._attachments.store(content_blocks)
            columns = {
                "uuid": new_uuid(),
                "conversation_id": conversation_id,
                "parent_id": parent,
                "role": role,
                "content": dumps(stored),
                "search_text": blocks.search_text(stored),
                "status": status,
                "writer": self._writer_token() if status == "streaming" else None,
                "created_at": now,
                **detail_columns({item.name: getattr(details, item.name) for item in fields(ReplyDetails)}),
            }
            cursor = self._conn.execute(
                f"INSERT INTO messages ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                tuple(columns.values()),
            )
            message_id = cast(int, cursor.lastrowid)
            self._attachments.link(message_id, refs)
            if request is not None:
                self._requests.record(message_id, parent, request)
            title = conversation["title"] or (blocks.title_from(stored) if role == "user" else "")
            self._conn.execute(
                "UPDATE conversations SET updated_at = ?, title = ?, head_id = ? WHERE id = ?",
                (now, title, message_id if make_head else conversation["head_id"], conversation_id),
            )
            changes = self._db.changes
            changes.announce(MessageAdded(conversation_id, message_id))
            changed = {"updated_at", "message_count"} | ({"title"} if title != conversation["title"] else set())
            changes.announce(ConversationChanged(conversation_id, frozenset(changed)))
            if make_head:
                changes.announce(HeadChanged(conversation_id, message_id))
        return self.get(message_id)

    def update(
        self,
        message_id: int,
        *,
        content: str | Sequence[Mapping[str, Any]] | None = None,
        status: MessageStatus | None = None,
        details: ReplyDetails | None = None,
        request: Mapping[str, Any] | None = None,
    ) -> None:
        """Write what is given (None, and a detail that is None, leave a field as it is): how a streaming
        reply is saved as it grows and when it ends."""
        given = details.given() if details is not None else {}
        assignments = detail_columns(given)
        written = set(given)
        if content is not None:
            content_blocks = blocks.normalise_content(content)
            assignments["search_text"] = blocks.search_text(content_blocks)
            written.add("content")
        if status is not None:
            check_status(status)
            assignments["status"] = status
            assignments["writer"] = self._writer_token() if status == "streaming" else None
            written.add("status")
        if request is not None:
            written.add("request")
        with self._db.batch():
            row = self._conn.execute(
                "SELECT conversation_id, parent_id FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"No message {message_id}")
            if content is not None:
                stored, refs = self._attachments.store(content_blocks)
                assignments["content"] = dumps(stored)
                self._attachments.link(message_id, refs)
            if assignments:
                columns = ", ".join(f"{column} = ?" for column in assignments)
                self._conn.execute(f"UPDATE messages SET {columns} WHERE id = ?", (*assignments.values(), message_id))
            if request is not None:
                self._requests.record(message_id, row["parent_id"], request)
            if written:
                self._db.changes.announce(MessageChanged(row["conversation_id"], message_id, frozenset(written)))

    def get(self, message_id: int) -> Message:
        """The message with this id. Raises NotFoundError."""
        row = self._conn.execute(f"SELECT {COLUMNS} FROM messages m WHERE m.id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No message {message_id}")
        return message_from_row(row)

    def path(self, conversation_id: int, head_id: int | None = None) -> list[Message]:
        """The messages from the root down to ``head_id`` (default: the conversation's head): the branch
        that is shown and sent."""
        if head_id is None:
            head_id = self._conversations.get(conversation_id).head_id
            if head_id is None:
                return []
        else:
            self.require_in(head_id, conversation_id)
        rows = self._conn.execute(
            f"{ANCESTORS} SELECT {COLUMNS} FROM chain CROSS JOIN messages m ON m.id = chain.id"
            " ORDER BY chain.depth DESC",
            (head_id,),
        ).fetchall()
        return [message_from_row(row) for row in rows]

    def siblings(self, message_id: int) -> list[Message]:
        """The message and its alternatives (same parent), oldest first: what ``< 2/3 >`` steps through."""
        message = self.get(message_id)
        rows = self._conn.execute(
            f"SELECT {COLUMNS} FROM messages m WHERE m.conversation_id = ? AND m.parent_id IS ?"
            " ORDER BY m.created_at, m.id",
            (message.conversation_id, message.parent_id),
        ).fetchall()
        return [message_from_row(row) for row in rows]

    def children(self, message_id: int) -> list[Message]:
        """The replies to a message (several after a regenerate or an edit), oldest first."""
        rows = self._conn.execute(
            f"SELECT {COLUMNS} FROM messages m WHERE m.parent_id = ? ORDER BY m.created_at, m.id",
            (message_id,),
        ).fetchall()
        return [message_from_row(row) for row in rows]

    def switch_to(self, message_id: int) -> int:
        """Show the branch through ``message_id``: the head moves to the most recently created leaf below
        it (so switching back to a sibling restores that branch's continuation). Returns the new head id.
        In a read-only store the head moves for this session only."""
        message = self.get(message_id)
        leaf = int(
            self._conn.execute(
                f"""{_DESCENDANTS}
                SELECT m.id FROM below CROSS JOIN messages m ON m.id = below.id
                WHERE NOT EXISTS (SELECT 1 FROM messages child WHERE child.parent_id = m.id)
                ORDER BY m.created_at DESC, m.id DESC LIMIT 1
                """,
                (message_id,),
            ).fetchone()["id"]
        )
        if self._db.read_only:
            self._conversations.set_session_head(message.conversation_id, leaf)
            self._db.changes.announce(HeadChanged(message.conversation_id, leaf))
            return leaf
        with self._db.batch():
            self._set_head(message.conversation_id, leaf)
        return leaf

    def delete(self, message_id: int) -> None:
        """Delete a message and every message below it (e.g. an alternative reply the user discarded).

        When the conversation's head was among them, the head moves to the most recent leaf left below the
        parent (or in the whole conversation, for a first message). A branch with a reply still streaming
        is refused with ValueError: stop it first. Raises NotFoundError."""
        message = self.get(message_id)
        conversation_id = message.conversation_id
        with self._db.batch():
            streaming = self._conn.execute(
                f"{_DESCENDANTS} SELECT 1 FROM below CROSS JOIN messages m ON m.id = below.id"
                " WHERE m.status = 'streaming' LIMIT 1",
                (message_id,),
            ).fetchone()
            if streaming is not None:
                raise ValueError("A reply in this branch is still streaming: stop it before deleting it.")
            # Replies below go with it (ON DELETE CASCADE); a head among them becomes NULL (ON DELETE SET NULL).
            self._conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))
            self._db.changes.announce(MessageDeleted(conversation_id, message_id))
            self._db.changes.announce(ConversationChanged(conversation_id, frozenset({"message_count"})))
            head = self._conn.execute("SELECT head_id FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
            if head["head_id"] is None:  # it was in the branch deleted
                if message.parent_id is not None:
                    self.switch_to(message.parent_id)
                else:
                    leaf = self.latest_leaf(conversation_id)
                    self._conn.execute("UPDATE conversations SET head_id = ? WHERE id = ?", (leaf, conversation_id))
                    self._db.changes.announce(HeadChanged(conversation_id, leaf))
            self._attachments.forget_unused()

    def api_messages(self, path: Sequence[Message]) -> list[dict[str, Any]]:
        """``[{"role", "content"}]`` for a request from a branch, attachment data put back in. Messages
        without content (a reply that failed before its first word) are left out: the API refuses them."""
        return [
            {"role": message.role, "content": self._attachments.inline(message.content)}
            for message in path
            if message.content
        ]

    def latest_leaf(self, conversation_id: int) -> int | None:
        """The most recently created message of a conversation that has no reply, or None when it has none."""
        row = self._conn.execute(
            "SELECT m.id FROM messages m WHERE m.conversation_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM messages child WHERE child.parent_id = m.id) "
            "ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
            (conversation_id,),
        ).fetchone()
        return None if row is None else int(row[0])

    def require_in(self, message_id: int, conversation_id: int) -> None:
        """Raise NotFoundError unless the message is one of this conversation's."""
        row = self._conn.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None or row[0] != conversation_id:
            raise NotFoundError(f"No message {message_id} in conversation {conversation_id}")

    def _set_head(self, conversation_id: int, head_id: int | None) -> None:
        moved = self._conn.execute(
            "UPDATE conversations SET head_id = ? WHERE id = ? AND head_id IS NOT ?",
            (head_id, conversation_id, head_id),
        ).rowcount
        if moved:
            self._db.changes.announce(HeadChanged(conversation_id, head_id))

    # --- replies left streaming ---

    def recover_interrupted(self) -> None:
        """Mark ``interrupted`` the replies left ``streaming`` by a process that is gone (see
        :mod:`app.store.writer_lock`)."""
        writers = [
            row[0] for row in self._conn.execute("SELECT DISTINCT writer FROM messages WHERE status = 'streaming'")
        ]
        file = self._db.file
        dead = [w for w in writers if w is None or file is None or not WriterLock.is_held(self._writers_dir, w)]
        if dead:
            with self._db.batch():
                self._conn.executemany(
                    "UPDATE messages SET status = 'interrupted', writer = NULL"
                    " WHERE status = 'streaming' AND writer IS ?",
                    ((writer,) for writer in dead),
                )

    def interrupt_own(self) -> None:
        """Mark ``interrupted`` this store's own replies still streaming, and let go of the writer lock (the
        store is closing). Outside a transaction, and failing quietly: closing must go on."""
        if self._writer is None:
            return
        try:
            self._conn.execute(
                "UPDATE messages SET status = 'interrupted', writer = NULL WHERE status = 'streaming' AND writer = ?",
                (self._writer.token,),
            )
        except sqlite3.Error:
            pass
        self._writer.release()
        self._writer = None

    def _writer_token(self) -> str | None:
        if self._db.file is None:
            return None  # an in-memory store dies with its process: nothing to tell apart
        if self._writer is None:
            self._writer = WriterLock(self._writers_dir)
        return self._writer.token

    @property
    def _writers_dir(self) -> Path:
        file = self._db.file
        assert file is not None
        return file.with_name(file.name + "-writers")
