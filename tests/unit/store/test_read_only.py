"""A store opened for reading only: it writes nothing, in the file or beside it; in a read-only folder it
still reads, and writing says that the folder is read-only. A write the disk refuses is one clear error."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.store import ReadOnlyStoreError, Store, StoreWriteError
from tests.fixtures.surroundings import changed, read_only, snapshot
from tests.unit.store.conftest import FakeClock
from tests.unit.store.test_database import digest, make_v1_store, pragma

ROOT = Path(__file__).resolve().parents[3]


def fill(path: Path, clock: FakeClock) -> None:
    """A store with a conversation, one in the trash long enough to be due for deletion, and a reply left
    ``streaming`` by a process that died: all things a writing open would tidy up."""
    with Store.open(path, clock=clock) as store:
        lakes = store.create_conversation("Swedish lakes")
        store.add_message(lakes.id, "user", "Which lake is the largest?")
        store.add_message(lakes.id, "assistant", "Vänern.")
        old = store.create_conversation("Old")
        store.conversations.move_to_trash(old.id)
        store._conn.execute(
            "UPDATE messages SET status = 'streaming', writer = '1-deadbeef0000' WHERE role = 'assistant'"
        )
    clock.advance(60 * 86_400)


def test_reading_writes_nothing_in_the_file_or_beside_it(store_path: Path, clock: FakeClock) -> None:
    fill(store_path, clock)
    before = snapshot(store_path.parent)
    with Store.open(store_path, clock=clock, read_only=True) as store:
        assert store.read_only
        conversations = store.list_conversations()
        assert [c.title for c in conversations] == ["Swedish lakes"]
        assert [m.text for m in store.path(conversations[0].id)] == ["Which lake is the largest?", "Vänern."]
        assert [hit.conversation_title for hit in store.search("Vänern")] == ["Swedish lakes"]
        assert store.conversations.count(trash=True) == 1  # due for deletion, but deleting is writing
        store.usage.by_day()
    assert changed(before, snapshot(store_path.parent)) == []


def test_a_read_only_store_refuses_every_write_and_keeps_what_it_holds(store_path: Path, clock: FakeClock) -> None:
    fill(store_path, clock)
    before = digest(store_path)
    with Store.open(store_path, read_only=True) as store:
        conversation = store.list_conversations()[0]
        writes = [
            lambda: store.create_conversation("new"),
            lambda: store.add_message(conversation.id, "user", "more"),
            lambda: store.conversations.set_draft(conversation.id, "a draft"),
            lambda: store.conversations.rename(conversation.id, "renamed"),
            lambda: store.presets.save("p", {}),
            lambda: store._conn.execute("DELETE FROM messages"),  # even past the store's own check
        ]
        for write in writes:
            with pytest.raises((ReadOnlyStoreError, sqlite3.OperationalError)):
                write()
        assert store.conversation(conversation.id).title == "Swedish lakes"
    assert digest(store_path) == before


def test_a_read_only_store_says_what_is_read_only(store_path: Path, clock: FakeClock) -> None:
    fill(store_path, clock)
    with Store.open(store_path, read_only=True) as store, pytest.raises(ReadOnlyStoreError) as caught:
        store.conversations.set_draft(1, "words")
    # The folder can be written here, so it is the store that was opened read-only.
    assert str(caught.value) == (
        f"The conversation store {store_path} is read-only: conversations can be read, but nothing can be saved."
    )


def test_an_older_store_is_read_through_a_temporary_copy_and_not_upgraded(store_path: Path) -> None:
    make_v1_store(store_path)
    before = snapshot(store_path.parent)
    with Store.open(store_path, read_only=True) as store:
        lakes = store.conversations.find("0b7f7c52")
        assert lakes.title == "Swedish lakes"
        assert store.path(lakes.id)[0].text == "Which is the largest lake in Sweden?"
        assert store.search("Vänern")  # the search index a later version added, built in the copy
    assert changed(before, snapshot(store_path.parent)) == []
    assert pragma(store_path, "user_version") == 1


def test_a_missing_store_reads_as_empty_and_nothing_is_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "samtal.sqlite3"
    with Store.open(path, read_only=True) as store:
        assert store.list_conversations() == []
        assert store.search("anything") == []
        with pytest.raises(ReadOnlyStoreError):
            store.create_conversation("x")
    assert not path.parent.exists()


def test_a_store_open_in_another_process_is_read_with_its_latest_commits(store_path: Path) -> None:
    with Store.open(store_path) as writer:
        conversation = writer.create_conversation("first")
        writer._conn.execute("PRAGMA wal_autocheckpoint = 0")  # the commit below stays in the -wal file
        writer.add_message(conversation.id, "user", "only in the log so far")
        size = store_path.stat().st_size
        with Store.open(store_path, read_only=True) as reader:
            assert [m.text for m in reader.path(conversation.id)] == ["only in the log so far"]
        assert store_path.stat().st_size == size  # the reader did not checkpoint the log into the file


def test_a_write_the_disk_refuses_is_a_store_write_error_and_rolled_back(store_path: Path) -> None:
    with Store.open(store_path) as store:
        conversation = store.create_conversation("kept")
        store.add_message(conversation.id, "user", "kept too")
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
        with pytest.raises(StoreWriteError) as caught:
            store.add_message(conversation.id, "user", "x" * 200_000)
        assert str(caught.value) == f"Could not save to the conversation store {store_path}: the disk is full."
        assert [m.text for m in store.path(conversation.id)] == ["kept too"]
        store.conversations.set_draft(conversation.id, "a small write still fits")  # the store goes on working
    with Store.open(store_path) as store:
        assert store.conversation(conversation.id).draft == "a small write still fits"


_IN_READ_ONLY_FOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.store import ReadOnlyStoreError, Store
    path = Path(sys.argv[1])
    with Store.open(path, read_only=True) as store:
        print([c.title for c in store.list_conversations()])
        try:
            store.conversations.set_draft(1, "words")
        except ReadOnlyStoreError as exc:
            print(exc)
    try:
        Store.open(path)
    except ReadOnlyStoreError as exc:
        print(exc)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and mounts")
def test_in_a_read_only_folder_the_store_reads_and_writing_says_the_folder_is_read_only(
    store_path: Path, clock: FakeClock
) -> None:
    fill(store_path, clock)
    folder = store_path.parent
    before = snapshot(folder)
    with read_only(folder) as wrap:
        done = subprocess.run(
            wrap([sys.executable, "-c", _IN_READ_ONLY_FOLDER, str(store_path)]),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    said = f"The data folder {folder} is read-only: conversations can be read, but nothing can be saved."
    assert done.stdout.splitlines() == ["['Swedish lakes']", said, said]
    assert changed(before, snapshot(folder)) == []


def test_in_a_read_only_store_switching_branches_lasts_for_the_session(store_path: Path) -> None:
    with Store.open(store_path) as store:
        conversation = store.create_conversation("branches")
        question = store.add_message(conversation.id, "user", "Which?")
        first = store.add_message(conversation.id, "assistant", "This one.", parent_id=question.id)
        store.add_message(conversation.id, "assistant", "That one.", parent_id=question.id)
    before = digest(store_path)
    with Store.open(store_path, read_only=True) as store:
        assert store.path(conversation.id)[-1].text == "That one."
        assert store.messages.switch_to(first.id) == first.id
        assert store.conversation(conversation.id).head_id == first.id
        assert store.list_conversations()[0].head_id == first.id
        assert store.path(conversation.id)[-1].text == "This one."
    assert digest(store_path) == before
    with Store.open(store_path, read_only=True) as store:
        assert store.path(conversation.id)[-1].text == "That one."
