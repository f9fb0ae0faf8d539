"""Errors raised by the conversation store.

::

    StoreError
    ├── StoreOpenError          the file can't be used; it was left exactly as it was
    │   ├── NotADatabaseError   not an SQLite file, or an SQLite file of another program
    │   ├── CorruptStoreError   an SQLite file that SQLite can't read
    │   └── NewerStoreError     written by a newer Samtal (a higher schema version)
    ├── MigrationError          upgrading the schema failed; the file was rolled back (a backup was taken)
    ├── ReadOnlyStoreError      the data folder (or the file) can't be written: the store can be read, not saved to
    ├── StoreWriteError         a write failed for a reason outside Samtal (disk full, I/O error); rolled back
    └── NotFoundError           no conversation / message / preset / attachment with that id (also a KeyError)

Every message names the file or the id concerned and is fit to show to the user as it is.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class of everything the store raises on purpose."""


class StoreOpenError(StoreError):
    """The store file can't be opened; it has not been modified."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"Cannot open the conversation store {self.path}: {reason}. The file was not changed.")


class NotADatabaseError(StoreOpenError):
    """The file is not an SQLite database, or belongs to another program."""


class CorruptStoreError(StoreOpenError):
    """SQLite reports the file as damaged."""


class NewerStoreError(StoreOpenError):
    """The file's schema version is newer than this Samtal understands."""

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            path,
            f"it was written by a newer version of Samtal (schema version {found}; this version "
            f"understands up to {supported}). Update Samtal to open it",
        )


class MigrationError(StoreError):
    """A schema upgrade failed and was rolled back."""

    def __init__(self, path: Path | str, version: int, reason: str, backup: Path | None) -> None:
        self.path = Path(path)
        self.version = version
        self.backup = backup
        kept = f" A copy taken before the upgrade is at {backup}." if backup else ""
        super().__init__(
            f"Upgrading the conversation store {self.path} to schema version {version} failed ({reason}); "
            f"the file was left at its previous version.{kept}"
        )


class ReadOnlyStoreError(StoreError):
    """The store can't be written where it is (read-only folder or media, or a read-only file).

    Raised by :meth:`Store.open` for writing, before anything is touched, and by every write to a store
    opened with ``read_only=True``. Reading works: open the store with ``read_only=True``.
    """

    def __init__(self, path: Path | str, *, folder: bool = True) -> None:
        self.path = Path(path)
        self.folder = self.path.parent if folder else None
        where = f"The data folder {self.path.parent}" if folder else f"The conversation store {self.path}"
        super().__init__(f"{where} is read-only: conversations can be read, but nothing can be saved.")


class StoreWriteError(StoreError):
    """A write failed for a reason outside Samtal (the disk is full, an I/O error, the file became read-only);
    the transaction was rolled back, so the store holds what it held before the write."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.reason = reason
        where = f" {self.path}" if self.path is not None else ""
        super().__init__(f"Could not save to the conversation store{where}: {reason}.")


class NotFoundError(StoreError, KeyError):
    """No such conversation, message, preset or attachment."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(what)

    def __str__(self) -> str:  # KeyError would quote the message
        return self.what
