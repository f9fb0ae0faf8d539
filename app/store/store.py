"""The conversation store: one SQLite file holding every conversation as a tree of messages.

:class:`Store` is the store as callers see it: its parts, by concern, share one
:class:`~app.store.database.Database` (the connection, its transactions and the changes they announce).

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
import sqlite3
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Final

from app.store.attachments import Attachments
from app.store.conversations import Conversations
from app.store.database import MEMORY, Database, connect, connect_read_only
from app.store.errors import StoreOpenError
from app.store.messages import AT_HEAD, Messages
from app.store.presets import Presets
from app.store.records import Records
from app.store.requests import Requests
from app.store.search import FullText
from app.store.usage import Usage

__all__ = ["AT_HEAD", "TRASH_RETENTION", "Store"]

TRASH_RETENTION: Final = timedelta(days=30)


class Store:
    """Conversations, their message trees, search, usage, presets and attachments, in parts by concern:

    - ``conversations`` (:class:`~app.store.conversations.Conversations`): create, find, list, rename, pin,
      archive, parameters, draft, tags, trash;
    - ``messages`` (:class:`~app.store.messages.Messages`): add and write messages, the tree and its branches;
    - ``requests`` (:class:`~app.store.requests.Requests`): the request that produced each reply;
    - ``attachments`` (:class:`~app.store.attachments.Attachments`): image and document data;
    - ``full_text`` (:class:`~app.store.search.FullText`): search;
    - ``usage`` (:class:`~app.store.usage.Usage`): the tokens replies used;
    - ``presets`` (:class:`~app.store.presets.Presets`): named sets of request parameters;
    - ``records`` (:class:`~app.store.records.Records`): whole conversations in and out, for import and export;
    - ``changes`` (:class:`~app.store.changes.Changes`): subscribe to what every committed write changed.

    The calls made most (hundreds of places, mostly tests) are also the store's own: :attr:`create_conversation`,
    :attr:`conversation`, :attr:`list_conversations`, :attr:`add_message`, :attr:`message`,
    :attr:`path` and :attr:`search` are those parts' methods. See the module docstring for threading. Open with
    :meth:`open`; close with :meth:`close` or use as a context manager.
    """

    def __init__(self, db: Database) -> None:
        """Use :meth:`open`."""
        self._db = db
        self._conn = db.conn
        self.file = db.file
        """The SQLite file, or None for an in-memory store."""
        self.read_only = db.read_only
        """Whether the store was opened for reading only (every write raises ReadOnlyStoreError)."""
        self.changes = db.changes
        self.attachments = Attachments(db)
        self.conversations = Conversations(db, self.attachments)
        self.requests = Requests(db, self.attachments)
        self.messages = Messages(db, self.conversations, self.attachments, self.requests)
        self.full_text = FullText(db)
        self.usage = Usage(db)
        self.presets = Presets(db)
        self.records = Records(db, self.conversations, self.messages, self.attachments)
        # Shortcuts: the same methods, under the names callers have always used.
        self.create_conversation = self.conversations.create
        self.conversation = self.conversations.get
        self.list_conversations = self.conversations.listed
        self.add_message = self.messages.add
        self.message = self.messages.get
        self.path = self.messages.path
        self.search = self.full_text.search

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
            return cls(Database(connect_read_only(Path(path)), Path(path), clock, read_only=True))
        if not memory:
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise StoreOpenError(path, f"its folder can't be created ({exc.strerror})") from None
        store = cls(Database(connect(path), None if memory else Path(path), clock))
        try:
            store.messages.recover_interrupted()
            store.conversations.empty_trash(older_than=trash_retention)
        except BaseException:
            store._conn.close()
            raise
        return store

    def close(self) -> None:
        """Mark this store's own still-streaming replies ``interrupted`` and close. Idempotent."""
        if self.read_only:
            self._conn.close()
            return
        self.messages.interrupt_own()
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA optimize")
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.file or MEMORY}>"

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Group writes into one transaction (nested uses become savepoints): all or nothing, and faster, and
        what they change is announced once, when it commits. Raises ReadOnlyStoreError for a store opened
        ``read_only``, and StoreWriteError (rolled back) when the disk is full or can't be written."""
        return self._db.batch()

    def data_version(self) -> int:
        """A number that changes when ANOTHER connection (e.g. ``samtal ask`` in a terminal) commits to
        the file; this store's own writes leave it alone (SQLite's ``PRAGMA data_version``)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
