"""Opening store files: the schema, upgrades from version 1, and files that must be refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

import pytest

from app.store import (
    SCHEMA_VERSION,
    CorruptStoreError,
    MigrationError,
    NewerStoreError,
    NotADatabaseError,
    Store,
    StoreOpenError,
)
from app.store import database as database_module
from app.store.schema import APPLICATION_ID, MIGRATIONS, Migration
from tests.unit.store.conftest import FakeClock

V1_FIXTURE = Path(__file__).with_name("store_v1.sql")


def make_v1_store(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(V1_FIXTURE.read_text(encoding="utf-8"))
    conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_a_new_store_has_the_current_schema_in_wal_mode(store_path: Path) -> None:
    with Store.open(store_path) as store:
        conn = store._conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert [p.name for p in store_path.parent.iterdir() if p.name.endswith(".bak")] == []


def test_the_current_schema_version_is_the_last_migration() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def test_a_version_1_file_is_upgraded_with_its_data_intact(store_path: Path) -> None:
    make_v1_store(store_path)
    with Store.open(store_path, clock=FakeClock(1_700_000_020.0)) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

        lakes = store.conversations.find("0b7f7c52")
        assert (lakes.title, lakes.pinned, lakes.draft, lakes.tags) == (
            "Swedish lakes",
            True,
            "unsent words",
            ("geography", "Sweden"),
        )
        assert lakes.params == {"model": "claude-sonnet-4-5", "max_tokens": 1024, "temperature": 0.5}
        path = store.path(lakes.id)
        assert [m.text for m in path] == [
            "Which is the largest lake in Sweden?",
            "Lake Vänern, by far.",
            "And the deepest?",
            "Hornavan is the deep",
        ]
        assert path[-1].status == "interrupted"  # its writer died long ago
        assert [m.text for m in store.messages.siblings(path[1].id)] == [
            "Vänern is the largest lake in Sweden.",
            "Lake Vänern, by far.",
        ]
        first_reply = store.messages.siblings(path[1].id)[0]
        assert first_reply.usage == {"input_tokens": 12, "output_tokens": 9}
        assert first_reply.response_headers == {"request-id": "req_fixture"}
        assert store.attachments.get(path[0].content[1]["_attachment"]).data.startswith(b"\x89PNG")
        assert store.usage.totals(lakes.id).output_tokens == 15
        assert store.presets.get("Precise").params == {"temperature": 0.0}
        assert [c.title for c in store.list_conversations(trash=True)] == ["Trashed one"]

        # The search index was built for the messages that were already there.
        assert {hit.message_id for hit in store.search("vanern")} == {2, 3}
        assert [hit.conversation_id for hit in store.search("quokkas", include_trash=True)] == [2]
        assert [hit.message_id for hit in store.search("lakes")] == [None]  # the title

    backups = [p for p in store_path.parent.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1
    assert backups[0].name.startswith("samtal.sqlite3.v1-")
    assert pragma(backups[0], "user_version") == 1


def test_a_failing_migration_is_rolled_back_and_names_the_backup(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_v1_store(store_path)
    broken = Migration(2, "broken", ("CREATE TABLE half_done (x)", "THIS IS NOT SQL"))
    monkeypatch.setattr(database_module, "MIGRATIONS", (MIGRATIONS[0], broken))
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", 2)
    with pytest.raises(MigrationError) as caught:
        Store.open(store_path)
    message = str(caught.value)
    assert str(store_path) in message
    assert "version 2" in message
    assert ".bak" in message
    assert caught.value.backup is not None
    assert caught.value.backup.exists()
    assert pragma(store_path, "user_version") == 1
    conn = sqlite3.connect(store_path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    conn.close()


def test_a_file_from_a_newer_samtal_is_refused_untouched(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.create_conversation("from the future")
        store._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = digest(store_path)
    with pytest.raises(NewerStoreError) as caught:
        Store.open(store_path)
    assert str(store_path) in str(caught.value)
    assert "newer version of Samtal" in str(caught.value)
    assert "not changed" in str(caught.value)
    assert (caught.value.found, caught.value.supported) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)
    assert digest(store_path) == before


def test_a_file_that_is_not_a_database_is_refused_untouched(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text("these are my notes, not a database\n" * 100)
    before = digest(store_path)
    with pytest.raises(NotADatabaseError, match="not an SQLite database") as caught:
        Store.open(store_path)
    assert str(store_path) in str(caught.value)
    assert digest(store_path) == before
    assert sorted(p.name for p in store_path.parent.iterdir()) == [store_path.name]


def test_another_programs_database_is_refused_untouched(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(store_path)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.commit()
    conn.close()
    before = digest(store_path)
    with pytest.raises(NotADatabaseError, match="another program"):
        Store.open(store_path)
    assert digest(store_path) == before


def test_a_corrupt_file_is_refused_untouched(store_path: Path) -> None:
    with Store.open(store_path) as store:
        for index in range(50):
            conversation = store.create_conversation(f"conversation {index}")
            store.add_message(conversation.id, "user", "text " * 200)
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(store_path.read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # the schema's page, past the file header
    store_path.write_bytes(bytes(data))
    before = digest(store_path)
    with pytest.raises(CorruptStoreError) as caught:
        Store.open(store_path)
    assert str(store_path) in str(caught.value)
    assert "not changed" in str(caught.value)
    assert digest(store_path) == before


def test_an_empty_file_becomes_a_new_store(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.touch()
    with Store.open(store_path) as store:
        assert store.conversations.count() == 0
    assert pragma(store_path, "user_version") == SCHEMA_VERSION


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_store_and_its_backups_are_private(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.create_conversation("secret")
        assert (store_path.stat().st_mode & 0o777) == 0o600
        wal = store_path.with_name(store_path.name + "-wal")
        assert (wal.stat().st_mode & 0o777) == 0o600
    v1 = store_path.with_name("old.sqlite3")
    make_v1_store(v1)
    Store.open(v1).close()
    (backup,) = store_path.parent.glob("old.sqlite3.v1-*.bak")
    assert (backup.stat().st_mode & 0o777) == 0o600


def test_a_place_where_the_file_cannot_be_created_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(StoreOpenError, match="folder can't be created") as caught:
        Store.open(tmp_path / "a-file" / "samtal.sqlite3")
    assert str(tmp_path / "a-file" / "samtal.sqlite3") in str(caught.value)
    with pytest.raises(StoreOpenError, match="it can't be created"):
        database_module.connect(tmp_path / "missing" / "samtal.sqlite3")
