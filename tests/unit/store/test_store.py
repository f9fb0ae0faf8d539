"""The Store as a whole: its transactions, its thread, a store in memory, and what tells of other writers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.store import Store


def test_a_failed_batch_leaves_nothing_behind(store: Store) -> None:
    def half_done() -> None:
        with store.batch():
            conversation = store.create_conversation("half done")
            store.add_message(conversation.id, "user", "q")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        half_done()
    assert store.conversations.count() == 0
    assert store._conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0


def test_a_store_is_used_from_one_thread(store: Store) -> None:
    import threading

    errors: list[BaseException] = []

    def other_thread() -> None:
        try:
            store.list_conversations()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join(timeout=5)
    assert len(errors) == 1
    assert isinstance(errors[0], sqlite3.ProgrammingError)


def test_in_memory_store_works_without_files(tmp_path: Path) -> None:
    with Store.open(":memory:") as store:
        conversation = store.create_conversation()
        reply = store.add_message(conversation.id, "assistant", [], status="streaming")
        assert store.message(reply.id).status == "streaming"
        assert store.file is None
    assert list(tmp_path.iterdir()) == []


def test_data_version_tells_of_other_writers_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as mine, Store.open(tmp_path / "s.sqlite3") as theirs:
        before = mine.data_version()
        mine.create_conversation("mine")
        assert mine.data_version() == before  # our own writes don't count
        theirs.create_conversation("theirs")
        assert mine.data_version() != before
