"""Attachment data (images, documents): kept once per distinct content, keyed by its SHA-256, and referred to
from content blocks and requests (see :mod:`app.store.content`). ``store.attachments``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from app.store import content as blocks
from app.store.database import Database
from app.store.errors import NotFoundError
from app.store.models import Attachment, Block


class Attachments:
    """The store's attachment data. Announces nothing: attachments are part of the messages that use them."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn = db.conn

    def get(self, digest: str) -> Attachment:
        """Stored attachment data by SHA-256. Raises NotFoundError."""
        row = self._conn.execute("SELECT hash, media_type, data FROM attachments WHERE hash = ?", (digest,)).fetchone()
        if row is None:
            raise NotFoundError(f"No attachment {digest}")
        return Attachment(hash=row["hash"], media_type=row["media_type"], data=bytes(row["data"]))

    def add(self, data: bytes, media_type: str) -> str:
        """Store attachment data (once, however often it is added) and return its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        with self._db.batch():
            self.insert({digest: (media_type, data)})
        return digest

    def inline(self, content: Sequence[Block]) -> list[Block]:
        """``content`` with attachment data put back as base64, ready to send or export."""
        return blocks.inline_attachments(content, lambda digest: self.get(digest).data)

    # --- for the other parts of the store, inside their transactions ---

    def store(self, content: list[Block]) -> tuple[list[Block], set[str]]:
        """``content`` with its attachment data moved out and stored, and the hashes it now refers to."""
        stored, found = blocks.extract_attachments(content)
        self.insert(found)
        return stored, blocks.attachment_refs(stored)

    def insert(self, found: Mapping[str, tuple[str, bytes]]) -> set[str]:
        """Store ``{hash: (media type, data)}`` (what is there already stays); returns the hashes."""
        now = self._db.now()
        self._conn.executemany(
            "INSERT OR IGNORE INTO attachments (hash, media_type, data, created_at) VALUES (?, ?, ?, ?)",
            ((digest, media_type, data, now) for digest, (media_type, data) in found.items()),
        )
        return set(found)

    def link(self, message_id: int, refs: Iterable[str]) -> None:
        """Record that a message uses these attachments (so they are kept while it is)."""
        self._conn.executemany(
            "INSERT OR IGNORE INTO message_attachments (message_id, hash) VALUES (?, ?)",
            ((message_id, digest) for digest in refs),
        )

    def forget_unused(self) -> None:
        """Delete the data no message uses any more (after messages or conversations were deleted)."""
        self._conn.execute(
            "DELETE FROM attachments WHERE NOT EXISTS "
            "(SELECT 1 FROM message_attachments l WHERE l.hash = attachments.hash)"
        )
