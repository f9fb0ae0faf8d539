"""store.conversations: creating, finding and listing conversations; titles, pins, archive, parameters,
drafts, tags, the trash."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.store import ConversationRecord, NotFoundError, Store
from tests.unit.store.conftest import FakeClock, fts_ok, image_block


def test_new_conversation_is_empty_and_dated(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation(params={"model": "m", "temperature": None}, tags=["work"])
    assert conversation.title == ""
    assert conversation.head_id is None
    assert conversation.message_count == 0
    assert conversation.params == {"model": "m"}  # None values are not kept
    assert conversation.tags == ("work",)
    assert conversation.created_at == datetime.fromtimestamp(clock.now, UTC)
    assert len(conversation.uuid) == 36
    assert store.path(conversation.id) == []


def test_missing_conversation_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="No conversation 99"):
        store.conversation(99)
    with pytest.raises(NotFoundError):
        store.conversations.rename(99, "x")
    with pytest.raises(KeyError):  # NotFoundError is a KeyError too
        store.add_message(99, "user", "hi")


def test_title_comes_from_the_first_user_message(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "  How do I\nreverse a list   in Python?  ")
    store.add_message(conversation.id, "assistant", "Use reversed().")
    store.add_message(conversation.id, "user", "And a string?")
    assert store.conversation(conversation.id).title == "How do I reverse a list in Python?"


def test_a_title_from_a_markdown_message_is_plain_text(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(
        conversation.id, "user", "# Test\nGive me a **markdown** table with `code` and [a link](https://x)"
    )
    assert store.conversation(conversation.id).title == "Test Give me a markdown table with code and a link"


def test_long_first_message_gives_a_title_cut_at_a_word(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "word " * 40)
    title = store.conversation(conversation.id).title
    assert title.endswith("word…")
    assert len(title) <= 61


def test_explicit_title_is_kept_and_rename_cleans_it(store: Store) -> None:
    conversation = store.create_conversation("Plans")
    store.add_message(conversation.id, "user", "something else")
    assert store.conversation(conversation.id).title == "Plans"
    store.conversations.rename(conversation.id, "New\ttitle\x1b[31m ")
    assert store.conversation(conversation.id).title == "New title [31m"


def test_find_conversation_by_id_uuid_and_prefix(store: Store) -> None:
    conversation = store.create_conversation("x")
    assert store.conversations.find(str(conversation.id)).id == conversation.id
    assert store.conversations.find(conversation.uuid).id == conversation.id
    assert store.conversations.find(conversation.uuid[:8].upper()).id == conversation.id
    with pytest.raises(NotFoundError):
        store.conversations.find("abc")  # too short to be a prefix
    with pytest.raises(NotFoundError):
        store.conversations.find("ffffffff-nothing")


def test_find_conversation_refuses_an_ambiguous_prefix(store: Store) -> None:
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    for suffix in ("1111", "2222"):
        store.records.import_conversation(
            ConversationRecord(f"abcd{suffix}-0000-4000-8000-000000000000", "", moment, moment, [])
        )
    with pytest.raises(NotFoundError, match="More than one"):
        store.conversations.find("abcd")
    assert store.conversations.find("abcd2").uuid.startswith("abcd2222")


def test_a_uuid_prefix_of_digits_only_is_still_found(store: Store) -> None:
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    store.records.import_conversation(
        ConversationRecord("12345678-0000-4000-8000-000000000000", "", moment, moment, [])
    )
    assert store.conversations.find("12345678").uuid.startswith("12345678")
    assert store.conversations.find("1").id == 1  # a short number is an id


def test_list_puts_pinned_first_then_most_recently_updated(store: Store, clock: FakeClock) -> None:
    ids = []
    for title in ("a", "b", "c", "d"):
        ids.append(store.create_conversation(title).id)
        clock.advance(1)
    store.add_message(ids[0], "user", "bump a")  # a is now the most recently updated
    store.conversations.set_pinned(ids[2])
    assert [c.title for c in store.list_conversations()] == ["c", "a", "d", "b"]
    assert [c.title for c in store.list_conversations(limit=2, offset=1)] == ["a", "d"]
    assert store.conversations.count() == 4
    assert store.conversations.most_recent().title == "a"  # type: ignore[union-attr]


def test_archived_and_trashed_conversations_have_their_own_lists(store: Store, clock: FakeClock) -> None:
    _kept, archived, trashed = (store.create_conversation(t) for t in ("kept", "archived", "trashed"))
    store.conversations.set_archived(archived.id)
    store.conversations.move_to_trash(trashed.id)
    assert [c.title for c in store.list_conversations()] == ["kept"]
    assert [c.title for c in store.list_conversations(archived=True)] == ["archived"]
    trash = store.list_conversations(trash=True)
    assert [c.title for c in trash] == ["trashed"]
    assert trash[0].in_trash
    assert trash[0].trashed_at == datetime.fromtimestamp(clock.now, UTC)
    assert store.conversations.count(trash=True) == 1
    store.conversations.set_archived(archived.id, False)
    store.conversations.restore(trashed.id)
    assert {c.title for c in store.list_conversations()} == {"kept", "archived", "trashed"}


def test_most_recent_conversation_ignores_the_trash(store: Store, clock: FakeClock) -> None:
    assert store.conversations.most_recent() is None
    older = store.create_conversation("older")
    clock.advance(1)
    newer = store.create_conversation("newer")
    store.conversations.move_to_trash(newer.id)
    assert store.conversations.most_recent().id == older.id  # type: ignore[union-attr]


def test_params_and_draft(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    clock.advance(5)
    store.conversations.set_params(
        conversation.id, {"model": "m", "max_tokens": 100, "stop_sequences": ["END"], "top_k": None}
    )
    store.conversations.set_draft(conversation.id, "half a thought")
    reloaded = store.conversation(conversation.id)
    assert reloaded.params == {"model": "m", "max_tokens": 100, "stop_sequences": ["END"]}
    assert reloaded.draft == "half a thought"
    assert reloaded.updated_at == conversation.updated_at  # typing a draft does not reorder the list


def test_tags_are_case_insensitive_and_filter_the_list(store: Store) -> None:
    work = store.create_conversation("work")
    home = store.create_conversation("home")
    store.conversations.add_tag(work.id, " Work ")
    store.conversations.add_tag(work.id, "work")  # the same tag
    store.conversations.add_tag(work.id, "urgent")
    store.conversations.add_tag(home.id, "family")
    assert store.conversation(work.id).tags == ("urgent", "Work")
    assert [c.title for c in store.list_conversations(tag="WORK")] == ["work"]
    assert store.conversations.count(tag="family") == 1
    assert store.conversations.tags() == [("family", 1), ("urgent", 1), ("Work", 1)]
    store.conversations.remove_tag(work.id, "work")
    assert store.conversation(work.id).tags == ("urgent",)
    store.conversations.move_to_trash(home.id)
    assert store.conversations.tags() == [("urgent", 1)]
    with pytest.raises(ValueError, match="empty"):
        store.conversations.add_tag(work.id, "  ")


def test_a_tag_is_found_and_removed_as_it_was_typed(store: Store) -> None:
    conversation = store.create_conversation("notes")
    store.conversations.add_tag(conversation.id, "reading  list\t")
    assert store.conversation(conversation.id).tags == ("reading list",)
    assert store.conversations.count(tag="reading  list") == 1
    store.conversations.remove_tag(conversation.id, "reading\tlist")
    assert store.conversation(conversation.id).tags == ()


def test_trash_is_emptied_after_thirty_days(store_path: Path, clock: FakeClock) -> None:
    with Store.open(store_path, clock=clock) as store:
        old = store.create_conversation("old")
        store.add_message(old.id, "user", [image_block()])
        recent = store.create_conversation("recent")
        store.conversations.move_to_trash(old.id)
        clock.advance(timedelta(days=20).total_seconds())
        store.conversations.move_to_trash(recent.id)
        clock.advance(timedelta(days=10, seconds=1).total_seconds())
    with Store.open(store_path, clock=clock) as store:
        assert [c.title for c in store.list_conversations(trash=True)] == ["recent"]
        assert store._conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
        assert store._conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
        fts_ok(store)
        assert store.conversations.empty_trash() == 1
        assert store.conversations.count(trash=True) == 0


def test_delete_conversation_removes_its_messages_search_entries_and_unused_attachments(store: Store) -> None:
    keep = store.create_conversation("keep")
    store.add_message(keep.id, "user", [image_block(), {"type": "text", "text": "shared picture"}])
    drop = store.create_conversation("drop")
    store.add_message(drop.id, "user", [image_block(), {"type": "text", "text": "zebra crossing"}])
    other_png = base64.b64encode(b"other").decode()
    store.add_message(drop.id, "assistant", [image_block(other_png)])
    store.conversations.delete(drop.id)
    assert store.search("zebra") == []
    assert store._conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1  # still used by "keep"
    fts_ok(store)
    with pytest.raises(NotFoundError):
        store.conversations.delete(drop.id)
