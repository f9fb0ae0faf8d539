"""The conversation store: one SQLite file holding every conversation as a tree of messages.

Threading: a :class:`Store` wraps one SQLite connection and must be used from the thread that opened it
(SQLite's own check raises ``ProgrammingError`` otherwise). The GUI uses its store on the Qt thread; another
thread or process opens a Store of its own on the same file: WAL mode lets readers and one writer work at
the same time, and the busy timeout makes a second writer wait instead of failing. Every write is one
short transaction, in :meth:`Store.batch`.

A store opened with ``read_only=True`` reads without writing anything, not even statistics: the reading
commands (``samtal list``, ``show``, ``search``, ``export``) use it, and so does the window when the data
folder can't be written. Its writes raise :class:`~app.store.errors.ReadOnlyStoreError`.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any, Final, cast

from app.store import content as blocks
from app.store.database import MEMORY, connect, connect_read_only, folder_is_writable, write_failure
from app.store.errors import NotFoundError, ReadOnlyStoreError, StoreOpenError, StoreWriteError
from app.store.models import (
    ROLES,
    STATUSES,
    Attachment,
    Block,
    Conversation,
    ConversationHits,
    ConversationRecord,
    DailyUsage,
    ImportResult,
    Message,
    MessageError,
    MessageRecord,
    MessageStatus,
    Preset,
    Role,
    SearchHit,
    UsageTotals,
)
from app.store.plain_text import plain_text
from app.store.search_query import ParsedQuery, parse_query
from app.store.timestamps import from_ms, to_ms
from app.store.writer_lock import WriterLock

TRASH_RETENTION: Final = timedelta(days=30)
SNIPPET_TOKENS: Final = 16
# Matches ranked at once (see Store._message_hits): bm25 over 20,000 matches of a word takes about 30 ms
# here. A phrase's matches cost several times as much to rank.
RANK_WINDOW: Final = 20_000
PHRASE_RANK_WINDOW: Final = 4_000
# Grouping search results by conversation reads the best hits in windows, from GROUP_WINDOW up to this many.
GROUP_WINDOW: Final = 200
MAX_GROUP_WINDOW: Final = 5_000
HITS_PER_CONVERSATION: Final = 3
# Match markers while a snippet is made plain text (private use: not Markdown, not in what people type).
_MARK: Final = ("\ue000", "\ue001")
_MIN_ROWID: Final = -(2**63)
_MAX_ROWID: Final = 2**63 - 1
_TAG_SEPARATOR: Final = "\x1f"
_USAGE_COLUMNS: Final = ("input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
_MESSAGE_REF: Final = "_message"
_IN_CHUNK: Final = 500  # ids per "IN (…)" list: well under SQLite's limit on parameters


class _Head(enum.Enum):
    AT_HEAD = "at head"


AT_HEAD: Final = _Head.AT_HEAD
"""``add_message(parent_id=AT_HEAD)``: attach the new message below the conversation's current head."""

_CONVERSATION_SELECT = f"""
    SELECT c.id, c.uuid, c.title, c.created_at, c.updated_at, c.pinned, c.archived, c.trashed_at, c.head_id,
           c.params, c.draft,
           (SELECT group_concat(tag, '{_TAG_SEPARATOR}')
              FROM (SELECT tag FROM tags WHERE conversation_id = c.id ORDER BY tag)) AS tags,
           (SELECT count(*) FROM messages WHERE conversation_id = c.id) AS message_count
    FROM conversations c
"""

_MESSAGE_COLUMNS = """
    m.id, m.uuid, m.conversation_id, m.parent_id, m.role, m.content, m.status, m.created_at, m.model,
    m.stop_reason, m.stop_sequence, m.usage, m.error, m.timings, m.response_headers, m.api_id, m.stop_details
"""

# `chain`: the message given as the parameter and its ancestors, the root deepest.
_ANCESTORS = """
    WITH RECURSIVE chain(id, depth) AS (
        SELECT ?, 0
        UNION ALL
        -- A subquery, not a join: the planner would scan the chain once per step of a join.
        SELECT (SELECT parent_id FROM messages WHERE id = chain.id), chain.depth + 1
        FROM chain WHERE chain.id IS NOT NULL
    )
"""

# `below`: the message given as the parameter and every message under it.
_DESCENDANTS = """
    WITH RECURSIVE below(id) AS (
        SELECT ? UNION ALL SELECT m.id FROM below CROSS JOIN messages m ON m.parent_id = below.id
    )
"""


class Store:
    """Conversations, their message trees, search, usage, presets and attachments. See the module docstring
    for threading. Open with :meth:`open`; close with :meth:`close` or use as a context manager."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, clock: Callable[[], float], *, read_only: bool = False
    ) -> None:
        """Use :meth:`open`."""
        self._conn = conn
        self._conn.row_factory = sqlite3.Row
        self._clock = clock
        self._writer: WriterLock | None = None
        self.file = path
        """The SQLite file, or None for an in-memory store."""
        self.read_only = read_only
        """Whether the store was opened for reading only (every write raises ReadOnlyStoreError)."""
        # Read-only: the branch the user switched to in each conversation, for this session (browsing
        # branches is reading; only keeping the choice would be a write).
        self._session_heads: dict[int, int] = {}

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        clock: Callable[[], float] = time.time,
        trash_retention: timedelta = TRASH_RETENTION,
        read_only: bool = False,
    ) -> Store:
        """Open (creating, checking and upgrading as needed) the store at ``path`` (``":memory:"`` for a
        throw-away one). Replies left ``streaming`` by a process that died become ``interrupted``, and
        conversations in the trash for longer than ``trash_retention`` are deleted.

        With ``read_only`` nothing is created, upgraded, tidied or written, in the file or beside it (see
        :func:`~app.store.database.connect_read_only`): a missing file reads as an empty store.

        Raises a :class:`~app.store.errors.StoreOpenError` (file left untouched),
        :class:`~app.store.errors.ReadOnlyStoreError` when the store can't be written (open it ``read_only``
        then) or :class:`~app.store.errors.MigrationError`. ``clock`` gives the time in epoch seconds (for tests).
        """
        memory = str(path) == MEMORY
        if read_only and not memory:
            return cls(connect_read_only(Path(path)), Path(path), clock, read_only=True)
        if not memory:
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise StoreOpenError(path, f"its folder can't be created ({exc.strerror})") from None
        store = cls(connect(path), None if memory else Path(path), clock)
        try:
            store._recover_interrupted()
            store.empty_trash(older_than=trash_retention)
        except BaseException:
            store._conn.close()
            raise
        return store

    def close(self) -> None:
        """Mark this store's own still-streaming replies ``interrupted`` and close. Idempotent."""
        if self.read_only:
            self._conn.close()
            return
        if self._writer is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute(
                    "UPDATE messages SET status = 'interrupted', writer = NULL "
                    "WHERE status = 'streaming' AND writer = ?",
                    (self._writer.token,),
                )
            self._writer.release()
            self._writer = None
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA optimize")
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.file or MEMORY}>"

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes into one transaction (nested uses become savepoints): all or nothing, and faster.
        Every write goes through here. Raises ReadOnlyStoreError for a store opened ``read_only``, and
        StoreWriteError (rolled back) when the disk is full or can't be written."""
        if self.read_only:
            assert self.file is not None  # an in-memory store is never read-only
            raise ReadOnlyStoreError(self.file, folder=not folder_is_writable(self.file))
        if self._conn.in_transaction:
            self._conn.execute("SAVEPOINT batch")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK TO batch")
                self._conn.execute("RELEASE batch")
                raise
            self._conn.execute("RELEASE batch")
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self._conn.in_transaction:  # SQLite rolls back by itself after some I/O errors
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            reason = write_failure(exc, self.file)
            if reason is None:
                raise
            if self._conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            raise StoreWriteError(self.file, reason) from exc

    def _now(self) -> int:
        return int(self._clock() * 1000)

    # --- conversations ---

    def create_conversation(
        self, title: str = "", *, params: Mapping[str, Any] | None = None, tags: Iterable[str] = ()
    ) -> Conversation:
        """A new, empty conversation. An empty title is filled from the first user message."""
        now = self._now()
        with self.batch():
            cursor = self._conn.execute(
                "INSERT INTO conversations (uuid, title, created_at, updated_at, params) VALUES (?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), _clean_title(title), now, now, _params_json(params)),
            )
            conversation_id = cast(int, cursor.lastrowid)
            for tag in tags:
                self.add_tag(conversation_id, tag)
        return self.conversation(conversation_id)

    def conversation(self, conversation_id: int) -> Conversation:
        """The conversation with this id. Raises NotFoundError."""
        row = self._conn.execute(_CONVERSATION_SELECT + "WHERE c.id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No conversation {conversation_id}")
        return self._with_session_head(_conversation(row))

    def find_conversation(self, ref: str) -> Conversation:
        """A conversation by id, uuid, or a unique prefix of its uuid (at least 4 characters), as typed on
        the command line. Raises NotFoundError (also when a prefix is ambiguous)."""
        ref = ref.strip()
        if ref.isdigit():
            try:
                return self.conversation(int(ref))
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
        return self.conversation(rows[0]["id"])

    def most_recent_conversation(self) -> Conversation | None:
        """The conversation updated last (pinned or not, archived or not; not in the trash)."""
        row = self._conn.execute(
            "SELECT id FROM conversations WHERE trashed_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else self.conversation(row["id"])

    def list_conversations(
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

    def _with_session_head(self, conversation: Conversation) -> Conversation:
        head = self._session_heads.get(conversation.id)
        return conversation if head is None else replace(conversation, head_id=head)

    def count_conversations(self, *, tag: str | None = None, archived: bool = False, trash: bool = False) -> int:
        """How many conversations :meth:`list_conversations` would list with these filters."""
        where, args = _list_filter(tag=tag, archived=archived, trash=trash)
        return int(self._conn.execute(f"SELECT count(*) FROM conversations c WHERE {where}", args).fetchone()[0])

    def rename(self, conversation_id: int, title: str) -> None:
        """Give a conversation a title (made one line)."""
        self._update_conversation(conversation_id, "title = ?", _clean_title(title))

    def set_pinned(self, conversation_id: int, pinned: bool = True) -> None:
        """Pin (or unpin) a conversation: pinned ones head the list."""
        self._update_conversation(conversation_id, "pinned = ?", int(pinned))

    def set_archived(self, conversation_id: int, archived: bool = True) -> None:
        """Archive (or unarchive) a conversation: archived ones have a list of their own."""
        self._update_conversation(conversation_id, "archived = ?", int(archived))

    def set_params(self, conversation_id: int, params: Mapping[str, Any]) -> None:
        """Replace the conversation's request parameters (None values are dropped)."""
        self._update_conversation(conversation_id, "params = ?", _params_json(params))

    def set_draft(self, conversation_id: int, draft: str) -> None:
        """Keep the unsent text of the composer (it does not count as an update of the conversation)."""
        self._update_conversation(conversation_id, "draft = ?", draft)

    def move_to_trash(self, conversation_id: int) -> None:
        """Put a conversation in the trash; it is deleted for good after the retention period."""
        self._update_conversation(conversation_id, "trashed_at = ?", self._now())

    def restore(self, conversation_id: int) -> None:
        """Take a conversation out of the trash."""
        self._update_conversation(conversation_id, "trashed_at = ?", None)

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete a conversation and all its messages now, for good."""
        with self.batch():
            if not self._conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,)).rowcount:
                raise NotFoundError(f"No conversation {conversation_id}")
            self._forget_unused_attachments()

    def empty_trash(self, *, older_than: timedelta = timedelta(0)) -> int:
        """Delete the conversations trashed more than ``older_than`` ago; returns how many."""
        cutoff = self._now() - older_than // timedelta(milliseconds=1)
        expired = "FROM conversations WHERE trashed_at IS NOT NULL AND trashed_at <= ?"
        if self._conn.execute(f"SELECT 1 {expired} LIMIT 1", (cutoff,)).fetchone() is None:
            return 0  # the usual case at every open: no write lock needed
        with self.batch():
            deleted = self._conn.execute(f"DELETE {expired}", (cutoff,)).rowcount
            if deleted:
                self._forget_unused_attachments()
        return deleted

    def _update_conversation(self, conversation_id: int, assignment: str, value: object) -> None:
        with self.batch():
            cursor = self._conn.execute(f"UPDATE conversations SET {assignment} WHERE id = ?", (value, conversation_id))
            if not cursor.rowcount:
                raise NotFoundError(f"No conversation {conversation_id}")

    # --- tags ---

    def add_tag(self, conversation_id: int, tag: str) -> None:
        """Tag a conversation (tags compare case-insensitively; surrounding spaces are dropped)."""
        tag = _clean_tag(tag)
        with self.batch():
            self._require_conversation(conversation_id)
            self._conn.execute(
                "INSERT OR IGNORE INTO tags (conversation_id, tag) VALUES (?, ?)", (conversation_id, tag)
            )

    def remove_tag(self, conversation_id: int, tag: str) -> None:
        """Take a tag off a conversation (nothing happens if it was not there)."""
        with self.batch():
            self._require_conversation(conversation_id)
            self._conn.execute(
                "DELETE FROM tags WHERE conversation_id = ? AND tag = ?", (conversation_id, blocks.one_line(tag))
            )

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with how many conversations (outside the trash) carry it, by name."""
        rows = self._conn.execute(
            "SELECT t.tag, count(*) FROM tags t JOIN conversations c ON c.id = t.conversation_id "
            "WHERE c.trashed_at IS NULL GROUP BY t.tag ORDER BY t.tag"
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def _require_conversation(self, conversation_id: int) -> None:
        if self._conn.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone() is None:
            raise NotFoundError(f"No conversation {conversation_id}")

    # --- messages ---

    def add_message(
        self,
        conversation_id: int,
        role: Role,
        content: str | Sequence[Mapping[str, Any]],
        *,
        parent_id: int | _Head | None = AT_HEAD,
        status: MessageStatus = "complete",
        model: str | None = None,
        stop_reason: str | None = None,
        stop_sequence: str | None = None,
        usage: Mapping[str, Any] | None = None,
        error: MessageError | None = None,
        timings: Mapping[str, Any] | None = None,
        request: Mapping[str, Any] | None = None,
        response_headers: Mapping[str, str] | None = None,
        api_id: str | None = None,
        stop_details: Mapping[str, Any] | None = None,
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
        _check_status(status)
        content_blocks = blocks.normalise_content(content)
        now = self._now()
        with self.batch():
            conversation = self._conn.execute(
                "SELECT head_id, title FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if conversation is None:
                raise NotFoundError(f"No conversation {conversation_id}")
            parent = conversation["head_id"] if parent_id is AT_HEAD else parent_id
            if parent is not None:
                self._require_message_in(parent, conversation_id)
            stored, refs = self._store_attachments(content_blocks)
            cursor = self._conn.execute(
                "INSERT INTO messages (uuid, conversation_id, parent_id, role, content, search_text, status, writer,"
                " error, model, stop_reason, stop_sequence, usage, input_tokens, output_tokens,"
                " cache_creation_input_tokens, cache_read_input_tokens, timings, response_headers, api_id,"
                " stop_details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    conversation_id,
                    parent,
                    role,
                    _json(stored),
                    blocks.search_text(stored),
                    status,
                    self._writer_token() if status == "streaming" else None,
                    _json(error.to_dict()) if error else None,
                    model,
                    stop_reason,
                    stop_sequence,
                    _json_or_none(usage),
                    *_usage_numbers(usage),
                    _json_or_none(timings),
                    _json_or_none(response_headers),
                    api_id,
                    _json_or_none(stop_details),
                    now,
                ),
            )
            message_id = cast(int, cursor.lastrowid)
            self._link_attachments(message_id, refs)
            if request is not None:
                self._set_request(message_id, parent, request)
            title = conversation["title"] or (blocks.title_from(stored) if role == "user" else "")
            self._conn.execute(
                "UPDATE conversations SET updated_at = ?, title = ?, head_id = ? WHERE id = ?",
                (now, title, message_id if make_head else conversation["head_id"], conversation_id),
            )
        return self.message(message_id)

    def update_message(
        self,
        message_id: int,
        *,
        content: str | Sequence[Mapping[str, Any]] | None = None,
        status: MessageStatus | None = None,
        model: str | None = None,
        stop_reason: str | None = None,
        stop_sequence: str | None = None,
        usage: Mapping[str, Any] | None = None,
        error: MessageError | None = None,
        timings: Mapping[str, Any] | None = None,
        request: Mapping[str, Any] | None = None,
        response_headers: Mapping[str, str] | None = None,
        api_id: str | None = None,
        stop_details: Mapping[str, Any] | None = None,
    ) -> None:
        """Change the fields given (None leaves a field as it is): how a streaming reply is saved as it
        grows and when it ends."""
        assignments: dict[str, object] = {}
        if content is not None:
            content_blocks = blocks.normalise_content(content)
            assignments["search_text"] = blocks.search_text(content_blocks)
        if status is not None:
            _check_status(status)
            assignments["status"] = status
            assignments["writer"] = self._writer_token() if status == "streaming" else None
        for column, value in (("model", model), ("stop_reason", stop_reason), ("stop_sequence", stop_sequence)):
            if value is not None:
                assignments[column] = value
        if usage is not None:
            assignments["usage"] = _json(dict(usage))
            assignments.update(zip(_USAGE_COLUMNS, _usage_numbers(usage), strict=True))
        for column, data in (
            ("error", error.to_dict() if error else None),
            ("timings", timings),
            ("stop_details", stop_details),
        ):
            if data is not None:
                assignments[column] = _json(dict(data))
        if response_headers is not None:
            assignments["response_headers"] = _json(dict(response_headers))
        if api_id is not None:
            assignments["api_id"] = api_id
        with self.batch():
            row = self._conn.execute("SELECT parent_id FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"No message {message_id}")
            if content is not None:
                stored, refs = self._store_attachments(content_blocks)
                assignments["content"] = _json(stored)
                self._link_attachments(message_id, refs)
            if assignments:
                columns = ", ".join(f"{column} = ?" for column in assignments)
                self._conn.execute(f"UPDATE messages SET {columns} WHERE id = ?", (*assignments.values(), message_id))
            if request is not None:
                self._set_request(message_id, row["parent_id"], request)

    def message(self, message_id: int) -> Message:
        """The message with this id. Raises NotFoundError."""
        row = self._conn.execute(f"SELECT {_MESSAGE_COLUMNS} FROM messages m WHERE m.id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No message {message_id}")
        return _message(row)

    def path(self, conversation_id: int, head_id: int | None = None) -> list[Message]:
        """The messages from the root down to ``head_id`` (default: the conversation's head): the branch
        that is shown and sent."""
        if head_id is None:
            head_id = self.conversation(conversation_id).head_id
            if head_id is None:
                return []
        else:
            self._require_message_in(head_id, conversation_id)
        rows = self._conn.execute(
            f"{_ANCESTORS} SELECT {_MESSAGE_COLUMNS} FROM chain CROSS JOIN messages m ON m.id = chain.id"
            " ORDER BY chain.depth DESC",
            (head_id,),
        ).fetchall()
        return [_message(row) for row in rows]

    def siblings(self, message_id: int) -> list[Message]:
        """The message and its alternatives (same parent), oldest first: what ``< 2/3 >`` steps through."""
        message = self.message(message_id)
        rows = self._conn.execute(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? AND m.parent_id IS ?"
            " ORDER BY m.created_at, m.id",
            (message.conversation_id, message.parent_id),
        ).fetchall()
        return [_message(row) for row in rows]

    def children(self, message_id: int) -> list[Message]:
        """The replies to a message (several after a regenerate or an edit), oldest first."""
        rows = self._conn.execute(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages m WHERE m.parent_id = ? ORDER BY m.created_at, m.id",
            (message_id,),
        ).fetchall()
        return [_message(row) for row in rows]

    def switch_to(self, message_id: int) -> int:
        """Show the branch through ``message_id``: the head moves to the most recently created leaf below
        it (so switching back to a sibling restores that branch's continuation). Returns the new head id.
        In a read-only store the head moves for this session only."""
        message = self.message(message_id)
        leaf = self._conn.execute(
            f"""{_DESCENDANTS}
            SELECT m.id FROM below CROSS JOIN messages m ON m.id = below.id
            WHERE NOT EXISTS (SELECT 1 FROM messages child WHERE child.parent_id = m.id)
            ORDER BY m.created_at DESC, m.id DESC LIMIT 1
            """,
            (message_id,),
        ).fetchone()["id"]
        if self.read_only:
            self._session_heads[message.conversation_id] = int(leaf)
            return int(leaf)
        with self.batch():
            self._conn.execute("UPDATE conversations SET head_id = ? WHERE id = ?", (leaf, message.conversation_id))
        return int(leaf)

    def delete_message(self, message_id: int) -> None:
        """Delete a message and every message below it (e.g. an alternative reply the user discarded).

        When the conversation's head was among them, the head moves to the most recent leaf left below the
        parent (or in the whole conversation, for a first message). A branch with a reply still streaming
        is refused with ValueError: stop it first. Raises NotFoundError."""
        message = self.message(message_id)
        with self.batch():
            streaming = self._conn.execute(
                f"{_DESCENDANTS} SELECT 1 FROM below CROSS JOIN messages m ON m.id = below.id"
                " WHERE m.status = 'streaming' LIMIT 1",
                (message_id,),
            ).fetchone()
            if streaming is not None:
                raise ValueError("A reply in this branch is still streaming: stop it before deleting it.")
            # Replies below go with it (ON DELETE CASCADE); a head among them becomes NULL (ON DELETE SET NULL).
            self._conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))
            if self.conversation(message.conversation_id).head_id is None:
                if message.parent_id is not None:
                    self.switch_to(message.parent_id)
                else:
                    self._conn.execute(
                        "UPDATE conversations SET head_id = ? WHERE id = ?",
                        (self._latest_leaf(message.conversation_id), message.conversation_id),
                    )
            self._forget_unused_attachments()

    def request(self, message_id: int, *, with_attachment_data: bool = False) -> dict[str, Any] | None:
        """The request body that produced this reply, exactly as it was handed to the API client (which
        adds ``"stream": true``; the token is never part of it), or None. Attachment data stays as
        ``_attachment`` references unless ``with_attachment_data``."""
        row = self._conn.execute("SELECT request FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No message {message_id}")
        if row["request"] is None:
            return None
        request: dict[str, Any] = json.loads(row["request"])
        messages = request.get("messages")
        if isinstance(messages, list):
            request["messages"] = [self._expand_request_message(item) for item in messages]
            if with_attachment_data:
                for item in request["messages"]:
                    if isinstance(item.get("content"), list):
                        item["content"] = self.inline_attachments(item["content"])
        return request

    def request_options(self, message_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The request of each of these replies without its messages (model, output_config, cache_control,
        tools…): what the transcript needs to know about how a reply was asked for, read without the
        conversation each request repeats. Replies without a recorded request are left out."""
        wanted = list(dict.fromkeys(message_ids))
        found: dict[int, dict[str, Any]] = {}
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            rows = self._conn.execute(
                f"SELECT id, json_remove(request, '$.messages') FROM messages"
                f" WHERE id IN ({', '.join('?' * len(chunk))}) AND request IS NOT NULL",
                chunk,
            ).fetchall()
            for row in rows:
                options = json.loads(row[1])
                if isinstance(options, dict):
                    found[int(row[0])] = options
        return found

    def last_cache_use(self, conversation_id: int) -> tuple[Message, dict[str, Any]] | None:
        """The newest reply of a conversation (any branch) that wrote to the prompt cache or read from it,
        with its request's options (see :meth:`request_options`); None when no reply used the cache."""
        row = self._conn.execute(
            f"SELECT {_MESSAGE_COLUMNS}, json_remove(m.request, '$.messages') AS options FROM messages m"
            " WHERE m.conversation_id = ? AND m.role = 'assistant'"
            " AND (m.cache_read_input_tokens > 0 OR m.cache_creation_input_tokens > 0)"
            " ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
            (conversation_id,),
        ).fetchone()
        if row is None:
            return None
        options = json.loads(row["options"]) if row["options"] is not None else {}
        return _message(row), options if isinstance(options, dict) else {}

    def api_messages(self, path: Sequence[Message]) -> list[dict[str, Any]]:
        """``[{"role", "content"}]`` for a request from a branch, attachment data put back in. Messages
        without content (a reply that failed before its first word) are left out: the API refuses them."""
        return [
            {"role": message.role, "content": self.inline_attachments(message.content)}
            for message in path
            if message.content
        ]

    def _require_message_in(self, message_id: int, conversation_id: int) -> None:
        row = self._conn.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None or row[0] != conversation_id:
            raise NotFoundError(f"No message {message_id} in conversation {conversation_id}")

    def _writer_token(self) -> str | None:
        if self.file is None:
            return None  # an in-memory store dies with its process: nothing to tell apart
        if self._writer is None:
            self._writer = WriterLock(self._writers_dir)
        return self._writer.token

    @property
    def _writers_dir(self) -> Path:
        assert self.file is not None
        return self.file.with_name(self.file.name + "-writers")

    def _recover_interrupted(self) -> None:
        writers = [
            row[0] for row in self._conn.execute("SELECT DISTINCT writer FROM messages WHERE status = 'streaming'")
        ]
        dead = [w for w in writers if w is None or self.file is None or not WriterLock.is_held(self._writers_dir, w)]
        if dead:
            with self.batch():
                self._conn.executemany(
                    "UPDATE messages SET status = 'interrupted', writer = NULL"
                    " WHERE status = 'streaming' AND writer IS ?",
                    ((writer,) for writer in dead),
                )

    # --- requests: kept compact ---

    def _set_request(self, message_id: int, parent_id: int | None, request: Mapping[str, Any]) -> None:
        """Store a request body with the messages it repeats from the branch replaced by references.

        Each reply's request holds the whole conversation before it, so storing them verbatim would grow
        with the square of the conversation's length. A request message that is exactly (as sent: private
        keys stripped) a stored message of the branch becomes ``{"role", "_message": uuid}``; anything
        else, such as a message the sender altered, stays verbatim. Attachment data becomes references.
        """
        compact = json.loads(json.dumps(dict(request)))
        refs: set[str] = set()
        messages = compact.get("messages")
        if isinstance(messages, list):
            sent_forms = {
                _canonical([role, _sent_form(json.loads(content))]): uuid_
                for uuid_, role, content in self._branch_contents(parent_id)
            }
            for index, item in enumerate(messages):
                if not isinstance(item, dict) or not isinstance(item.get("content"), list):
                    continue
                item["content"], found = blocks.extract_attachments(item["content"])
                refs |= self._insert_attachments(found)
                uuid_ref = sent_forms.get(_canonical([item.get("role"), _sent_form(item["content"])]))
                if uuid_ref is not None and set(item) == {"role", "content"}:
                    messages[index] = {"role": item["role"], _MESSAGE_REF: uuid_ref}
        self._conn.execute("UPDATE messages SET request = ? WHERE id = ?", (_json(compact), message_id))
        self._link_attachments(message_id, refs)

    def _branch_contents(self, head_id: int | None) -> list[tuple[str, str, str]]:
        """(uuid, role, content JSON) from the root down to ``head_id``: the part of :meth:`path` that
        compacting a request needs, without building whole messages (a long branch has thousands)."""
        if head_id is None:
            return []
        rows = self._conn.execute(
            f"{_ANCESTORS} SELECT m.uuid, m.role, m.content FROM chain CROSS JOIN messages m ON m.id = chain.id"
            " ORDER BY chain.depth DESC",
            (head_id,),
        ).fetchall()
        return [(row[0], row[1], row[2]) for row in rows]

    def _expand_request_message(self, item: Any) -> Any:
        if not isinstance(item, dict) or _MESSAGE_REF not in item:
            return item
        row = self._conn.execute("SELECT content FROM messages WHERE uuid = ?", (item[_MESSAGE_REF],)).fetchone()
        if row is None:  # only possible if the message was deleted; show what is known
            return item
        return {"role": item["role"], "content": _sent_form(json.loads(row["content"]))}

    # --- attachments ---

    def attachment(self, digest: str) -> Attachment:
        """Stored attachment data by SHA-256. Raises NotFoundError."""
        row = self._conn.execute("SELECT hash, media_type, data FROM attachments WHERE hash = ?", (digest,)).fetchone()
        if row is None:
            raise NotFoundError(f"No attachment {digest}")
        return Attachment(hash=row["hash"], media_type=row["media_type"], data=bytes(row["data"]))

    def add_attachment(self, data: bytes, media_type: str) -> str:
        """Store attachment data (once, however often it is added) and return its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        with self.batch():
            self._insert_attachments({digest: (media_type, data)})
        return digest

    def inline_attachments(self, content: Sequence[Block]) -> list[Block]:
        """``content`` with attachment data put back as base64, ready to send or export."""
        return blocks.inline_attachments(content, lambda digest: self.attachment(digest).data)

    def _store_attachments(self, content: list[Block]) -> tuple[list[Block], set[str]]:
        stored, found = blocks.extract_attachments(content)
        self._insert_attachments(found)
        return stored, blocks.attachment_refs(stored)

    def _insert_attachments(self, found: Mapping[str, tuple[str, bytes]]) -> set[str]:
        now = self._now()
        self._conn.executemany(
            "INSERT OR IGNORE INTO attachments (hash, media_type, data, created_at) VALUES (?, ?, ?, ?)",
            ((digest, media_type, data, now) for digest, (media_type, data) in found.items()),
        )
        return set(found)

    def _link_attachments(self, message_id: int, refs: Iterable[str]) -> None:
        self._conn.executemany(
            "INSERT OR IGNORE INTO message_attachments (message_id, hash) VALUES (?, ?)",
            ((message_id, digest) for digest in refs),
        )

    def _forget_unused_attachments(self) -> None:
        self._conn.execute(
            "DELETE FROM attachments WHERE NOT EXISTS "
            "(SELECT 1 FROM message_attachments l WHERE l.hash = attachments.hash)"
        )

    # --- search ---

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        offset: int = 0,
        markers: tuple[str, str] = ("[", "]"),
        include_trash: bool = False,
    ) -> list[SearchHit]:
        """Full-text search: conversation titles first, then messages, each ranked by bm25. ``query`` is
        read leniently (see :mod:`app.store.search_query`): it never raises for its syntax. Snippets are plain
        text (no Markdown syntax, see :mod:`app.store.plain_text`) with the matches marked with ``markers``;
        they hold untrusted model text: escape them before showing as HTML."""
        parsed = parse_query(query)
        if not parsed.match or limit <= 0:
            return []
        wanted = offset + limit
        return [self._with_snippet(hit, parsed.match, markers) for hit in self._hits(parsed, wanted, include_trash)][
            offset:wanted
        ]

    def search_conversations(
        self,
        query: str,
        *,
        limit: int = 50,
        markers: tuple[str, str] = ("[", "]"),
        include_trash: bool = False,
        per_conversation: int = HITS_PER_CONVERSATION,
    ) -> list[ConversationHits]:
        """The same search grouped by conversation, best first (a conversation ranks where its best hit
        does): one entry per conversation with its best hits (at most ``per_conversation``) and how many of
        its messages match. Hits are read in growing windows until ``limit`` conversations are found."""
        parsed = parse_query(query)
        if not parsed.match or limit <= 0:
            return []
        window = max(GROUP_WINDOW, limit * 4)
        while True:
            hits = self._hits(parsed, window, include_trash)
            complete = len(hits) < window
            groups: dict[int, list[SearchHit]] = {}
            for hit in hits:
                groups.setdefault(hit.conversation_id, []).append(hit)
            if complete or len(groups) >= limit or window >= MAX_GROUP_WINDOW:
                break
            window = min(window * 4, MAX_GROUP_WINDOW)
        found = []
        for conversation_id, group in list(groups.items())[:limit]:
            best = [self._with_snippet(hit, parsed.match, markers) for hit in group[:per_conversation]]
            matches = sum(1 for hit in group if hit.message_id is not None)
            found.append(ConversationHits(conversation_id, group[0].conversation_title, tuple(best), matches, complete))
        return found

    def _hits(self, parsed: ParsedQuery, wanted: int, include_trash: bool) -> list[SearchHit]:
        """The best ``wanted`` hits, titles first; a title's snippet is marked with `_MARK`, a message's is
        left empty (made for the hits shown only: see `_with_snippet`)."""
        hits = self._title_hits(parsed.match, wanted, _MARK, include_trash)
        if len(hits) < wanted:
            hits += self._message_hits(parsed.match, wanted - len(hits), include_trash, phrase=parsed.has_phrase)
        return hits

    def _with_snippet(self, hit: SearchHit, match: str, markers: tuple[str, str]) -> SearchHit:
        """``hit`` with its snippet as plain text, the matches marked with ``markers``. A title is shown as it
        is (it is plain text already, and the conversation list shows it so too)."""
        plain = hit.snippet if hit.message_id is None else plain_text(self._snippet(match, hit.message_id, _MARK))
        return replace(hit, snippet=plain.replace(_MARK[0], markers[0]).replace(_MARK[1], markers[1]))

    def _title_hits(self, match: str, limit: int, markers: tuple[str, str], include_trash: bool) -> list[SearchHit]:
        rows = self._conn.execute(
            """
            SELECT c.id, c.title, highlight(conversations_fts, 0, ?, ?) AS snippet,
                   bm25(conversations_fts) AS rank, c.updated_at
            FROM conversations_fts JOIN conversations c ON c.id = conversations_fts.rowid
            WHERE conversations_fts MATCH ? AND (? OR c.trashed_at IS NULL)
            ORDER BY rank, c.id DESC LIMIT ?
            """,
            (*markers, match, include_trash, limit),
        ).fetchall()
        return [SearchHit(row[0], row[1], None, None, row[2], row[3], from_ms(row[4])) for row in rows]

    def _message_hits(self, match: str, limit: int, include_trash: bool, *, phrase: bool) -> list[SearchHit]:
        """The best ``limit`` message hits, without their snippets. bm25 has to be computed for every match
        before the best can be chosen, which for a word found in most messages means hundreds of thousands
        of rows. So ranking works on windows of at most RANK_WINDOW matches, newest first: a query with fewer
        matches (nearly every real one) is ranked exactly over all of them; a very common one gets the best
        of its most recent window of matches first, then of the window before, and so on.

        A phrase is different: bm25 counts the messages that contain it over the whole history, and for a
        phrase of common words ("of the") that count alone takes longer than a search may. A phrase found
        in more than PHRASE_RANK_WINDOW messages is listed newest first instead (among thousands of matches
        of a common phrase, relevance says little); a rarer phrase is ranked like anything else."""
        window = PHRASE_RANK_WINDOW if phrase else RANK_WINDOW
        hits: list[SearchHit] = []
        high = _MAX_ROWID
        while len(hits) < limit:
            start = self._conn.execute(
                "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? AND rowid <= ?"
                " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                (match, high, window - 1),
            ).fetchone()
            if phrase and start is not None:
                return self._ranked_message_hits(match, _MIN_ROWID, _MAX_ROWID, limit, include_trash, ranked=False)
            low = _MIN_ROWID if start is None else start[0]
            hits += self._ranked_message_hits(match, low, high, limit - len(hits), include_trash)
            if start is None:
                break
            high = low - 1
        return hits

    def _ranked_message_hits(
        self, match: str, low: int, high: int, limit: int, include_trash: bool, *, ranked: bool = True
    ) -> list[SearchHit]:
        # bm25() sorted by SQLite beats FTS5's own rank column here: rank computes a phrase's document
        # frequency twice. Snippets come later, for the hits that are shown only. The trash is filtered
        # after ranking; when it took too many, fetch more. Not ``ranked``: newest first, score 0.
        score, order = ("bm25(messages_fts)", "score, rowid DESC") if ranked else ("0.0", "rowid DESC")
        fetch = limit
        while True:
            rows = self._conn.execute(
                f"""
                WITH best AS (
                    SELECT rowid, {score} AS score FROM messages_fts
                    WHERE messages_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY {order} LIMIT ?
                )
                SELECT c.id, c.title, m.id, m.role, best.score, m.created_at, c.trashed_at
                FROM best JOIN messages m ON m.id = best.rowid JOIN conversations c ON c.id = m.conversation_id
                ORDER BY best.score, m.id DESC
                """,
                (match, low, high, fetch),
            ).fetchall()
            kept = [row for row in rows if include_trash or row[6] is None]
            if len(kept) >= limit or len(rows) < fetch:
                break
            fetch *= 4
        return [SearchHit(row[0], row[1], row[2], row[3], "", row[4], from_ms(row[5])) for row in kept[:limit]]

    def _snippet(self, match: str, message_id: int, markers: tuple[str, str]) -> str:
        row = self._conn.execute(
            f"SELECT snippet(messages_fts, 0, ?, ?, '…', {SNIPPET_TOKENS}) FROM messages_fts"
            " WHERE messages_fts MATCH ? AND rowid = ?",
            (*markers, match, message_id),
        ).fetchone()
        return row[0] if row is not None else ""

    # --- usage ---

    def data_version(self) -> int:
        """A number that changes when ANOTHER connection (e.g. ``samtal ask`` in a terminal) commits to
        the file; this store's own writes leave it alone (SQLite's ``PRAGMA data_version``)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def usage_totals(self, conversation_id: int) -> UsageTotals:
        """Tokens used by every reply of a conversation (all branches)."""
        self._require_conversation(conversation_id)
        row = self._conn.execute(
            f"SELECT count(*), {', '.join(f'total({c})' for c in _USAGE_COLUMNS)} FROM messages "
            "WHERE conversation_id = ? AND output_tokens IS NOT NULL",
            (conversation_id,),
        ).fetchone()
        return _usage(row)

    def reply_usages(self, conversation_id: int) -> list[tuple[str | None, dict[str, Any]]]:
        """(model, usage) of every reply of a conversation that reported usage (all branches): what
        pricing needs, without reading the messages' content."""
        self._require_conversation(conversation_id)
        rows = self._conn.execute(
            "SELECT model, usage FROM messages WHERE conversation_id = ? AND role = 'assistant' AND usage IS NOT NULL"
            " ORDER BY id",
            (conversation_id,),
        ).fetchall()
        return [(row[0], json.loads(row[1])) for row in rows]

    def usage_by_day(self, *, since: date | None = None, until: date | None = None) -> list[DailyUsage]:
        """Tokens per local calendar day and model, oldest first; ``since`` and ``until`` are inclusive.
        Replies of deleted conversations no longer count."""
        start = _local_midnight_ms(since) if since else None
        end = _local_midnight_ms(until + timedelta(days=1)) if until else None
        rows = self._conn.execute(
            f"""
            SELECT date(created_at / 1000, 'unixepoch', 'localtime') AS day, model, count(*),
                   {", ".join(f"total({c})" for c in _USAGE_COLUMNS)}
            FROM messages
            WHERE output_tokens IS NOT NULL AND created_at >= ? AND created_at < ?
            GROUP BY day, model ORDER BY day, model
            """,
            (start if start is not None else -(2**62), end if end is not None else 2**62),
        ).fetchall()
        return [DailyUsage(date.fromisoformat(row[0]), row[1], _usage(row[2:])) for row in rows]

    # --- presets ---

    def save_preset(self, name: str, params: Mapping[str, Any]) -> Preset:
        """Create a named preset, or replace the parameters of the one with that name."""
        name = name.strip()
        if not name:
            raise ValueError("A preset needs a name")
        now = self._now()
        with self.batch():
            self._conn.execute(
                "INSERT INTO presets (name, params, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET params = excluded.params, updated_at = excluded.updated_at",
                (name, _params_json(params), now, now),
            )
        return self.preset(name)

    def preset(self, name: str) -> Preset:
        """The preset with this name. Raises NotFoundError."""
        row = self._conn.execute("SELECT * FROM presets WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"No preset {name!r}")
        return _preset(row)

    def presets(self) -> list[Preset]:
        """Every preset, by name."""
        return [_preset(row) for row in self._conn.execute("SELECT * FROM presets ORDER BY name COLLATE NOCASE")]

    def rename_preset(self, name: str, new_name: str) -> None:
        """Rename a preset. Raises NotFoundError, or ValueError when the new name is taken or empty."""
        new_name = new_name.strip()
        if not new_name:
            raise ValueError("A preset needs a name")
        with self.batch():
            try:
                cursor = self._conn.execute(
                    "UPDATE presets SET name = ?, updated_at = ? WHERE name = ?", (new_name, self._now(), name)
                )
            except sqlite3.IntegrityError:
                raise ValueError(f"There is already a preset called {new_name!r}") from None
            if not cursor.rowcount:
                raise NotFoundError(f"No preset {name!r}")

    def delete_preset(self, name: str) -> None:
        """Delete a preset. Raises NotFoundError."""
        with self.batch():
            if not self._conn.execute("DELETE FROM presets WHERE name = ?", (name,)).rowcount:
                raise NotFoundError(f"No preset {name!r}")

    # --- import and export ---

    def import_conversation(self, record: ConversationRecord) -> ImportResult:
        """Add a conversation, or merge into the one with the same uuid the messages it does not have yet
        (re-importing adds nothing). One transaction: on any error nothing of it is kept. Message uuids must
        be unique across the store; a message left ``streaming`` is imported as ``interrupted``."""
        with self.batch():
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
            updated = max(to_ms(record.updated_at), row["updated_at"] if row is not None else 0)
            self._conn.execute(
                "UPDATE conversations SET head_id = ?, updated_at = ? WHERE id = ?",
                (head if head is not None else self._latest_leaf(conversation_id), updated, conversation_id),
            )
        return ImportResult(conversation_id, "added" if row is None else "merged", len(fresh))

    def conversation_record(self, conversation_id: int) -> ConversationRecord:
        """The whole conversation, every branch, as a record keyed by uuids (for a lossless export).
        Content keeps ``_attachment`` references; requests keep their compact form."""
        conversation = self.conversation(conversation_id)
        rows = self._conn.execute(
            f"SELECT {_MESSAGE_COLUMNS}, m.request, p.uuid AS parent_uuid FROM messages m "
            "LEFT JOIN messages p ON p.id = m.parent_id WHERE m.conversation_id = ? ORDER BY m.id",
            (conversation_id,),
        ).fetchall()
        uuids = {row["id"]: row["uuid"] for row in rows}
        records = []
        for row in rows:
            message = _message(row)
            records.append(
                MessageRecord(
                    uuid=message.uuid,
                    parent_uuid=row["parent_uuid"],
                    role=message.role,
                    content=message.content,
                    created_at=message.created_at,
                    status=message.status,
                    model=message.model,
                    stop_reason=message.stop_reason,
                    stop_sequence=message.stop_sequence,
                    usage=message.usage,
                    error=message.error,
                    timings=message.timings,
                    request=json.loads(row["request"]) if row["request"] else None,
                    response_headers=message.response_headers,
                    api_id=message.api_id,
                    stop_details=message.stop_details,
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
                _clean_title(record.title),
                to_ms(record.created_at),
                to_ms(record.updated_at),
                int(record.pinned),
                int(record.archived),
                to_ms(record.trashed_at) if record.trashed_at else None,
                _params_json(record.params),
                record.draft,
            ),
        )
        conversation_id = cast(int, cursor.lastrowid)
        self._conn.executemany(
            "INSERT OR IGNORE INTO tags (conversation_id, tag) VALUES (?, ?)",
            ((conversation_id, _clean_tag(tag)) for tag in record.tags),
        )
        return conversation_id

    def _insert_messages(
        self, conversation_id: int, records: Sequence[MessageRecord], known: Mapping[str, int]
    ) -> dict[str, int]:
        """Insert in one statement per table; ids are assigned here (the write lock is held) so that
        children can point at parents inserted in the same batch."""
        next_id = int(self._conn.execute("SELECT coalesce(max(id), 0) + 1 FROM messages").fetchone()[0])
        ids: dict[str, int] = {}
        rows = []
        links: list[tuple[int, str]] = []
        for offset, record in enumerate(records):
            if record.role not in ROLES:
                raise ValueError(f"message {record.uuid}: unknown role {record.role!r}")
            _check_status(record.status)
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
            self._insert_attachments(found)
            links.extend((message_id, digest) for digest in blocks.attachment_refs(stored))
            if record.request is not None:
                links.extend((message_id, digest) for digest in blocks.request_attachment_refs(record.request))
            rows.append(
                (
                    message_id,
                    record.uuid,
                    conversation_id,
                    parent,
                    record.role,
                    _json(stored),
                    blocks.search_text(stored),
                    "interrupted" if record.status == "streaming" else record.status,
                    _json(record.error.to_dict()) if record.error else None,
                    record.model,
                    record.stop_reason,
                    record.stop_sequence,
                    _json_or_none(record.usage),
                    *_usage_numbers(record.usage),
                    _json_or_none(record.timings),
                    _json_or_none(record.request),
                    _json_or_none(record.response_headers),
                    record.api_id,
                    _json_or_none(record.stop_details),
                    to_ms(record.created_at),
                )
            )
        self._conn.executemany(
            "INSERT INTO messages (id, uuid, conversation_id, parent_id, role, content, search_text, status, error,"
            " model, stop_reason, stop_sequence, usage, input_tokens, output_tokens, cache_creation_input_tokens,"
            " cache_read_input_tokens, timings, request, response_headers, api_id, stop_details, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._conn.executemany("INSERT OR IGNORE INTO message_attachments (message_id, hash) VALUES (?, ?)", links)
        return ids

    def _latest_leaf(self, conversation_id: int) -> int | None:
        row = self._conn.execute(
            "SELECT m.id FROM messages m WHERE m.conversation_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM messages child WHERE child.parent_id = m.id) "
            "ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
            (conversation_id,),
        ).fetchone()
        return None if row is None else int(row[0])


# --- rows to values ---


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


def _message(row: sqlite3.Row) -> Message:
    error = row["error"]
    return Message(
        id=row["id"],
        uuid=row["uuid"],
        conversation_id=row["conversation_id"],
        parent_id=row["parent_id"],
        role=row["role"],
        content=json.loads(row["content"]),
        status=row["status"],
        created_at=from_ms(row["created_at"]),
        model=row["model"],
        stop_reason=row["stop_reason"],
        stop_sequence=row["stop_sequence"],
        usage=_loads(row["usage"]),
        error=MessageError.from_dict(json.loads(error)) if error else None,
        timings=_loads(row["timings"]),
        response_headers=_loads(row["response_headers"]),
        api_id=row["api_id"],
        stop_details=_loads(row["stop_details"]),
    )


def _preset(row: sqlite3.Row) -> Preset:
    return Preset(
        id=row["id"],
        name=row["name"],
        params=json.loads(row["params"]),
        created_at=from_ms(row["created_at"]),
        updated_at=from_ms(row["updated_at"]),
    )


def _usage(values: Sequence[Any]) -> UsageTotals:
    return UsageTotals(int(values[0]), *(int(v) for v in values[1:5]))


# --- small helpers ---


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


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_or_none(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else _json(dict(value))


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _params_json(params: Mapping[str, Any] | None) -> str:
    return _json({key: value for key, value in (params or {}).items() if value is not None})


def _usage_numbers(usage: Mapping[str, Any] | None) -> tuple[int | None, ...]:
    def number(value: object) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return tuple(number((usage or {}).get(column)) for column in _USAGE_COLUMNS)


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"Unknown message status {status!r}")


def _clean_title(title: str) -> str:
    return blocks.one_line(title)


def _clean_tag(tag: str) -> str:
    cleaned = blocks.one_line(tag)
    if not cleaned:
        raise ValueError("A tag can't be empty")
    return cleaned


def _sent_form(content: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Blocks as a request carries them: private ``_`` keys dropped, except the attachment reference that
    stands for the data (also inside a tool result's content)."""
    return [
        {
            key: _sent_form(value) if key == "content" and isinstance(value, list) else value
            for key, value in block.items()
            if not key.startswith("_") or key == blocks.ATTACHMENT_KEY
        }
        for block in content
        if isinstance(block, Mapping)
    ]


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _local_midnight_ms(day: date) -> int:
    return to_ms(datetime.combine(day, clock_time()).astimezone())
