"""The store's schema, as the list of migrations that builds it.

The schema version is ``PRAGMA user_version``; migration N takes a file from version N-1 to N and runs in
one transaction together with the version bump, so a file is always at exactly one version. Append new
migrations at the end; never edit one that has shipped (``tests/unit/store/store_v1.sql`` is a file as
version 1 left it, and the tests migrate it).

Times are integer milliseconds since the Unix epoch (UTC). JSON columns hold compact JSON text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from app.store.content import search_text

# "Samt": marks the file as Samtal's, so that another program's SQLite file is never migrated.
APPLICATION_ID = 0x53616D74


Step = str | Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Migration:
    """One schema version: its steps, in order: SQL statements, or Python for what SQL can't express."""

    version: int
    description: str
    steps: tuple[Step, ...]


_V1_TABLES: tuple[Step, ...] = (
    f"PRAGMA application_id = {APPLICATION_ID}",
    """
    CREATE TABLE conversations (
        id          INTEGER PRIMARY KEY,
        uuid        TEXT NOT NULL UNIQUE,
        title       TEXT NOT NULL DEFAULT '',
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        pinned      INTEGER NOT NULL DEFAULT 0,
        archived    INTEGER NOT NULL DEFAULT 0,
        trashed_at  INTEGER,
        head_id     INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        params      TEXT NOT NULL DEFAULT '{}',
        draft       TEXT NOT NULL DEFAULT ''
    )
    """,
    # The conversation list: pinned first, then most recently updated, trash kept apart.
    """
    CREATE INDEX conversations_recent
        ON conversations(archived, pinned DESC, updated_at DESC, id DESC) WHERE trashed_at IS NULL
    """,
    "CREATE INDEX conversations_trash ON conversations(trashed_at) WHERE trashed_at IS NOT NULL",
    """
    CREATE TABLE messages (
        id               INTEGER PRIMARY KEY,
        uuid             TEXT NOT NULL UNIQUE,
        conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent_id        INTEGER REFERENCES messages(id) ON DELETE CASCADE,
        role             TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        status           TEXT NOT NULL DEFAULT 'complete'
                         CHECK (status IN ('complete', 'streaming', 'stopped', 'error', 'interrupted')),
        writer           TEXT,
        created_at       INTEGER NOT NULL,
        model            TEXT,
        stop_reason      TEXT,
        stop_sequence    TEXT,
        input_tokens                 INTEGER,
        output_tokens                INTEGER,
        cache_creation_input_tokens  INTEGER,
        cache_read_input_tokens      INTEGER,
        api_id           TEXT,
        error            TEXT,
        usage            TEXT,
        timings          TEXT,
        response_headers TEXT,
        -- The large values last: SQLite reads a row's columns in order, and a column after a big one
        -- costs a walk through overflow pages.
        content          TEXT NOT NULL DEFAULT '[]',
        request          TEXT
    )
    """,
    "CREATE INDEX messages_conversation ON messages(conversation_id, created_at)",
    "CREATE INDEX messages_parent ON messages(parent_id, created_at)",
    # Rows left 'streaming' are looked for at every open: keep that lookup off the table scan.
    "CREATE INDEX messages_streaming ON messages(writer) WHERE status = 'streaming'",
    # Usage per day and model is read from this index alone.
    """
    CREATE INDEX messages_usage ON messages(
        created_at, model, input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens
    ) WHERE output_tokens IS NOT NULL
    """,
    """
    CREATE TABLE tags (
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        tag             TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (conversation_id, tag)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX tags_by_tag ON tags(tag, conversation_id)",
    """
    CREATE TABLE attachments (
        hash        TEXT PRIMARY KEY,
        media_type  TEXT NOT NULL,
        data        BLOB NOT NULL,
        created_at  INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE message_attachments (
        message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        hash        TEXT NOT NULL REFERENCES attachments(hash),
        PRIMARY KEY (message_id, hash)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX message_attachments_hash ON message_attachments(hash)",
    """
    CREATE TABLE presets (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        params      TEXT NOT NULL DEFAULT '{}',
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
    )
    """,
)

_FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def _fill_search_text(conn: sqlite3.Connection) -> None:
    """Give the messages a version-1 file already holds their ``search_text``. (Before the index and its
    triggers exist: an update trigger would try to un-index text that was never indexed.)"""
    rows = conn.execute("SELECT id, content FROM messages").fetchall()
    conn.executemany(
        "UPDATE messages SET search_text = ? WHERE id = ?",
        ((search_text(_blocks(content)), message_id) for message_id, content in rows),
    )


def _blocks(content: str) -> list[dict[str, object]]:
    try:
        blocks = json.loads(content)
    except ValueError:
        return []
    return [block for block in blocks if isinstance(block, dict)] if isinstance(blocks, list) else []


# Full-text search over message text and conversation titles: external-content FTS5 tables kept in sync
# by triggers, so that every write path (cascading deletes included) keeps the index right.
_V2_SEARCH: tuple[Step, ...] = (
    "ALTER TABLE messages ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
    _fill_search_text,
    f"""
    CREATE VIRTUAL TABLE messages_fts USING fts5(
        search_text, content='messages', content_rowid='id', tokenize='{_FTS_TOKENIZER}'
    )
    """,
    """
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END
    """,
    """
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END
    """,
    """
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO messages_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END
    """,
    f"""
    CREATE VIRTUAL TABLE conversations_fts USING fts5(
        title, content='conversations', content_rowid='id', tokenize='{_FTS_TOKENIZER}'
    )
    """,
    """
    CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO conversations_fts(rowid, title) VALUES (new.id, new.title);
    END
    """,
    """
    CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
        INSERT INTO conversations_fts(conversations_fts, rowid, title) VALUES ('delete', old.id, old.title);
    END
    """,
    """
    CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
        INSERT INTO conversations_fts(conversations_fts, rowid, title) VALUES ('delete', old.id, old.title);
        INSERT INTO conversations_fts(rowid, title) VALUES (new.id, new.title);
    END
    """,
    "INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')",
    "INSERT INTO conversations_fts(conversations_fts) VALUES ('rebuild')",
)


# Why a reply stopped, in the API's words beyond its stop reason (a refusal's category and explanation).
# It lands after the large columns, but it is NULL in almost every row, and SQLite reads a NULL from the
# record's header without walking the overflow pages (measured: no difference reading 1,200 long replies).
_V3_STOP_DETAILS: tuple[Step, ...] = ("ALTER TABLE messages ADD COLUMN stop_details TEXT",)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "conversations, message trees, tags, attachments, presets", _V1_TABLES),
    Migration(2, "full-text search over message text and titles", _V2_SEARCH),
    Migration(3, "the stop details of a reply (why the model declined)", _V3_STOP_DETAILS),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
