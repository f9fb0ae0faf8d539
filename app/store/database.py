"""The store's SQLite file: opening it (checks that refuse a file without touching it, pragmas, migrations)
and :class:`Database`, the one connection that the store's parts share, with its transactions.

The order matters for "the file is left untouched": the header is read with plain file I/O, then the
schema version and the schema are read through SQLite, and only a file that passed every check is
written to (journal mode, migrations). Before migrating an existing file a consistent copy is taken
with SQLite's backup API (``<name>.v<N>-<time>.bak``, next to it).

:func:`connect_read_only` opens the file for reading only and leaves it, its WAL files and its folder as they
were (see there): the reading commands use it, and the window when the data folder can't be written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from app.store.changes import Changes
from app.store.errors import (
    CorruptStoreError,
    MigrationError,
    NewerStoreError,
    NotADatabaseError,
    ReadOnlyStoreError,
    StoreOpenError,
    StoreWriteError,
)
from app.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

MEMORY = ":memory:"
_SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# What SQLite reports when a write fails for a reason outside Samtal, and how to say it. Anything else
# (a constraint, a bug) stays an sqlite3 error.
_WRITE_FAILURES = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_IOERR": "the disk could not be written to",
    "SQLITE_READONLY": "the file can't be written any more",
    "SQLITE_CANTOPEN": "a file beside it can't be created",
}
# Free space below which a failed write is taken for a full disk (SQLite reports one as an I/O error when
# it grows its -shm file, or when the file system says EFBIG or EDQUOT).
_NEARLY_FULL = 1 << 20


class Database:
    """One open store file: its connection, its clock, its transactions and the changes they announce. The
    store's parts (``app.store.conversations``, ``messages``...) share one; use it from the thread that opened
    it. Made by ``Store.open``."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, clock: Callable[[], float], *, read_only: bool = False
    ) -> None:
        self.conn = conn
        self.conn.row_factory = sqlite3.Row
        self.file = path
        """The SQLite file, or None for an in-memory store."""
        self.read_only = read_only
        """Whether the file was opened for reading only (every write raises ReadOnlyStoreError)."""
        self.changes = Changes()
        """Where writes announce what they changed, and subscribers hear it (see app.store.changes)."""
        self._clock = clock

    def now(self) -> int:
        """The time by the store's clock, in milliseconds since the epoch (as the store keeps times)."""
        return int(self._clock() * 1000)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """A transaction (nested uses become savepoints): all or nothing, and faster. Every write goes through
        here, and what it announced is told when the outermost one commits. Raises ReadOnlyStoreError for a
        store opened ``read_only``, and StoreWriteError (rolled back) when the disk is full or can't be
        written."""
        if self.read_only:
            assert self.file is not None  # an in-memory store is never read-only
            raise ReadOnlyStoreError(self.file, folder=not folder_is_writable(self.file))
        if self.conn.in_transaction:
            mark = self.changes.savepoint()
            self.conn.execute("SAVEPOINT batch")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK TO batch")
                self.conn.execute("RELEASE batch")
                self.changes.roll_back_to(mark)
                raise
            self.conn.execute("RELEASE batch")
            return
        committed = False
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.changes.begin()
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:  # SQLite rolls back by itself after some I/O errors
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            committed = True
        except sqlite3.OperationalError as exc:
            reason = write_failure(exc, self.file)
            if reason is None:
                raise
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise StoreWriteError(self.file, reason) from exc
        finally:
            if not committed:
                self.changes.roll_back()
        self.changes.commit()


def connect(path: Path | str) -> sqlite3.Connection:
    """An open, checked and migrated connection for reading and writing (autocommit mode: transactions are
    explicit).

    Raises a StoreOpenError (NotADatabaseError, CorruptStoreError, NewerStoreError...), with the file unchanged,
    ReadOnlyStoreError when the folder or the file can't be written (nothing touched either), or
    MigrationError with the file rolled back to its previous version.
    """
    memory = str(path) == MEMORY
    if not memory:
        path = Path(path)
        _check_header(path)
        _check_writable(path)
        try:
            _create_private(path)
        except OSError as exc:
            raise StoreOpenError(path, f"it can't be created ({exc.strerror})") from None
    conn = sqlite3.connect(path, isolation_level=None, cached_statements=256)
    try:
        version = _check_readable(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # `PRAGMA optimize` (run at close) then samples instead of reading whole tables: 100 ms → 5 ms on a
        # store of 500,000 messages, which matters to a command that runs for 80 ms.
        conn.execute("PRAGMA analysis_limit = 400")
        conn.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a crash of the process loses nothing; a power cut may lose the last commits but
        # never corrupts the file.
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            backup = _backup(conn, Path(path), version) if version > 0 and not memory else None
            _migrate(conn, path, version, backup)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A checked connection that reads the file and can't write to it (``PRAGMA query_only``), opened so that
    the file, its ``-wal`` and ``-shm`` files and its folder are left as they were:

    - the WAL files exist (the window or ``samtal ask`` has the store open, or one crashed): SQLite's
      read-only mode reads them, and a read-only connection never checkpoints into the file;
    - they don't, and the folder can be written: an ordinary connection, which makes them and removes them
      again at close, writing nothing to the file (a read-only connection would leave them behind);
    - they don't, and the folder can't be written: no process can be writing (WAL mode needs those files),
      so the file is opened ``immutable``, the one way SQLite reads a WAL-mode file there.

    A missing file reads as an empty store (nothing is created); a file of an older schema version is
    upgraded in a private temporary copy, never in place. Raises StoreOpenError as :func:`connect` does.
    """
    _check_header(path)
    if not path.exists():
        conn = sqlite3.connect(MEMORY, isolation_level=None, cached_statements=256)
        _migrate(conn, MEMORY, 0, None)
        conn.execute("PRAGMA query_only = ON")
        return conn
    uri = _read_only_uri(path)
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, cached_statements=256)
    try:
        try:
            version = _check_readable(conn, path)
        except StoreOpenError as exc:
            if isinstance(exc, NotADatabaseError | CorruptStoreError | NewerStoreError) or not _log_is_empty(path):
                raise
            # The WAL files could not be made or set up (a full disk): with nothing in the log, reading the
            # file as it is reads everything, and nobody can be writing, as in a read-only folder.
            conn.close()
            conn = sqlite3.connect(_immutable(path), uri=True, isolation_level=None, cached_statements=256)
            version = _check_readable(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if version < SCHEMA_VERSION:
            # "": a private temporary database (in memory until it grows large), deleted when closed.
            copy = sqlite3.connect("", isolation_level=None, cached_statements=256)
            try:
                conn.backup(copy)
                _migrate(copy, path, version, None, upgraded="a temporary copy of")
            except BaseException:
                copy.close()
                raise
            conn.close()
            conn = copy
        conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only_uri(path: Path) -> str:
    """How :func:`connect_read_only` opens an existing file (see there)."""
    uri = path.absolute().as_uri()
    if all(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-shm")):
        return f"{uri}?mode=ro"
    if folder_is_writable(path):
        return f"{uri}?mode=rw"
    return _immutable(path)


def _log_is_empty(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-wal").stat().st_size == 0
    except FileNotFoundError:
        return True


def _immutable(path: Path) -> str:
    return f"{path.absolute().as_uri()}?mode=ro&immutable=1"


def folder_is_writable(path: Path) -> bool:
    """Whether files can be made in the folder of ``path`` (not on read-only media, nor without permission)."""
    return os.access(path.parent, os.W_OK | os.X_OK)


def _check_writable(path: Path) -> None:
    """Refuse a store that can't be written before anything is touched, rather than fail inside SQLite."""
    if path.parent.is_dir() and not folder_is_writable(path):  # a missing folder is another story
        raise ReadOnlyStoreError(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyStoreError(path, folder=False)


def write_failure(exc: sqlite3.Error, path: Path | None) -> str | None:
    """Why a write failed, in words, when the reason is outside Samtal (the disk is full, the file became
    read-only...); None for anything else."""
    name = "_".join(str(getattr(exc, "sqlite_errorname", "")).split("_")[:2])  # SQLITE_IOERR_WRITE: SQLITE_IOERR
    reason = _WRITE_FAILURES.get(name)
    if reason is None or name == "SQLITE_FULL" or path is None:
        return reason
    try:
        nearly_full = shutil.disk_usage(path.parent).free < _NEARLY_FULL
    except OSError:
        nearly_full = False
    return _WRITE_FAILURES["SQLITE_FULL"] if nearly_full else reason


def _create_private(path: Path) -> None:
    """Create the file readable by its owner only, unless it exists (SQLite gives its -wal and -shm files
    the same permissions). Conversations are private even where the directory is not."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_MAGIC))
    except (FileNotFoundError, NotADirectoryError):  # no such file (yet)
        return
    except OSError as exc:
        raise NotADatabaseError(path, f"it can't be read ({exc.strerror})") from None
    if header and header != _SQLITE_MAGIC:
        raise NotADatabaseError(path, "it is not an SQLite database")


def _check_readable(conn: sqlite3.Connection, path: Path | str) -> int:
    """The file's schema version, after checking that it is a readable Samtal store. Writes nothing."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        failure = write_failure(exc, Path(path) if path != MEMORY else None)
        if failure is not None:  # e.g. no room for the -shm file: the disk, not the file, is the problem
            raise StoreOpenError(path, failure) from exc
        # SQLite says "file is not a database" both for foreign files and for a mangled header.
        raise CorruptStoreError(path, f"SQLite can't read it ({exc})") from None
    if version > SCHEMA_VERSION:
        raise NewerStoreError(path, version, SCHEMA_VERSION)
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables):
        raise NotADatabaseError(path, "it is an SQLite database of another program")
    return int(version)


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    target = path.with_name(f"{path.name}.v{version}-{time.strftime('%Y%m%d-%H%M%S')}.bak")
    _create_private(target)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    log.info("copied %s to %s before upgrading it", path, target)
    return target


def _migrate(
    conn: sqlite3.Connection, path: Path | str, version: int, backup: Path | None, *, upgraded: str = "store"
) -> None:
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Another process may have migrated while this one waited for the lock.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= migration.version:
                conn.execute("COMMIT")
                continue
            for step in migration.steps:
                if isinstance(step, str):
                    conn.execute(step)
                else:
                    step(conn)
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise MigrationError(path, migration.version, str(exc), backup) from exc
        log.info("%s %s upgraded to schema version %d (%s)", upgraded, path, migration.version, migration.description)
