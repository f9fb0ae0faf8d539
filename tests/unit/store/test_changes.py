"""What the store announces: every kind of change, after the commit only, once per transaction."""

from __future__ import annotations

import base64
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import get_args

import pytest

from app.store import (
    Change,
    ConversationChanged,
    ConversationCreated,
    ConversationDeleted,
    ConversationRecord,
    ConversationRestored,
    ConversationTrashed,
    HeadChanged,
    MessageAdded,
    MessageChanged,
    MessageDeleted,
    MessageRecord,
    PresetsChanged,
    ReplyDetails,
    ReplyRecorder,
    Store,
    StoreWriteError,
    TagsChanged,
)
from app.store.changes import Changes
from tests.unit.store.conftest import FakeClock


class Heard:
    """A subscriber that keeps what it is told, one entry per call."""

    def __init__(self) -> None:
        self.calls: list[tuple[Change, ...]] = []
        self.kinds: set[type] = set()  # of every change ever heard

    def __call__(self, changes: Sequence[Change]) -> None:
        self.calls.append(tuple(changes))
        self.kinds |= {type(change) for change in changes}

    def take(self) -> list[Change]:
        """Every change heard since the last take, in order."""
        changes = [change for call in self.calls for change in call]
        self.calls.clear()
        return changes


@pytest.fixture
def heard(store: Store) -> Heard:
    subscriber = Heard()
    store.changes.subscribe(subscriber)
    return subscriber


def test_a_subscriber_hears_every_kind_of_change(store: Store, heard: Heard, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    cid = conversation.id
    assert heard.take() == [ConversationCreated(cid)]

    store.conversations.rename(cid, "Lakes")
    store.conversations.set_pinned(cid)
    store.conversations.set_archived(cid)
    store.conversations.set_params(cid, {"model": "m"})
    store.conversations.set_draft(cid, "half a")
    assert heard.take() == [
        ConversationChanged(cid, frozenset({"title"})),
        ConversationChanged(cid, frozenset({"pinned"})),
        ConversationChanged(cid, frozenset({"archived"})),
        ConversationChanged(cid, frozenset({"params"})),
        ConversationChanged(cid, frozenset({"draft"})),
    ]

    store.conversations.add_tag(cid, "geo")
    store.conversations.remove_tag(cid, "geo")
    assert heard.take() == [TagsChanged(cid), TagsChanged(cid)]

    question = store.add_message(cid, "user", "Which is the largest?")
    assert heard.take() == [
        MessageAdded(cid, question.id),
        ConversationChanged(cid, frozenset({"updated_at", "message_count"})),
        HeadChanged(cid, question.id),
    ]

    recorder = ReplyRecorder.start(store, cid, request={"model": "m", "messages": []}, interval=0)
    reply_id = recorder.message_id
    assert heard.take() == [
        MessageAdded(cid, reply_id),
        ConversationChanged(cid, frozenset({"updated_at", "message_count"})),
        HeadChanged(cid, reply_id),
    ]
    recorder.update({"content": [{"type": "text", "text": "Vänern"}], "model": "m"})
    recorder.finish("complete", {"content": [{"type": "text", "text": "Vänern."}], "stop_reason": "end_turn"})
    written = heard.take()
    assert [type(change) for change in written] == [MessageChanged, MessageChanged]
    assert all(change == MessageChanged(cid, reply_id, change.fields) for change in written)  # type: ignore[union-attr]
    assert {"content", "model"} <= written[0].fields  # type: ignore[union-attr]
    assert {"content", "status", "stop_reason"} <= written[1].fields  # type: ignore[union-attr]

    other = store.add_message(cid, "assistant", "Vättern?", parent_id=question.id, make_head=False)
    assert HeadChanged(cid, other.id) not in heard.take()
    store.messages.switch_to(other.id)
    assert heard.take() == [HeadChanged(cid, other.id)]
    store.messages.switch_to(other.id)  # already there: nothing changed
    assert heard.take() == []

    store.messages.delete(other.id)  # the head: it moves to the latest leaf left below the question
    assert heard.take() == [
        MessageDeleted(cid, other.id),
        ConversationChanged(cid, frozenset({"message_count"})),
        HeadChanged(cid, reply_id),
    ]

    store.presets.save("Terse", {"max_tokens": 50})
    store.presets.rename("Terse", "Short")
    store.presets.delete("Short")
    assert heard.take() == [PresetsChanged(), PresetsChanged(), PresetsChanged()]

    store.conversations.move_to_trash(cid)
    store.conversations.restore(cid)
    store.conversations.delete(cid)
    assert heard.take() == [ConversationTrashed(cid), ConversationRestored(cid), ConversationDeleted(cid)]
    assert heard.kinds == set(get_args(Change))  # a new kind of change belongs in this test too


def test_a_subscriber_reads_what_the_change_made(store: Store) -> None:
    conversation = store.create_conversation()
    seen: list[str] = []
    store.changes.subscribe(lambda _changes: seen.append(store.conversation(conversation.id).title))
    store.conversations.rename(conversation.id, "After")
    assert seen == ["After"]


def test_a_batch_is_announced_once_after_it_commits(store: Store, heard: Heard) -> None:
    with store.batch():
        one = store.create_conversation("one")
        two = store.create_conversation("two")
        assert heard.calls == []  # nothing before the commit
    assert heard.calls == [(ConversationCreated(one.id), ConversationCreated(two.id))]


def test_a_rolled_back_write_announces_nothing(store: Store, heard: Heard) -> None:
    conversation = store.create_conversation()
    heard.take()

    def half_done() -> None:
        with store.batch():
            store.conversations.rename(conversation.id, "never kept")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        half_done()
    assert store.conversation(conversation.id).title == ""
    assert heard.calls == []
    with pytest.raises(ValueError, match="empty"):
        store.conversations.add_tag(conversation.id, "  ")  # refused before writing
    assert heard.calls == []


def test_a_savepoint_rolled_back_forgets_only_its_own_changes(store: Store, heard: Heard) -> None:
    conversation = store.create_conversation()
    heard.take()

    def pin_then_fail() -> None:
        with store.batch():
            store.conversations.set_pinned(conversation.id)
            raise RuntimeError("inner only")

    with store.batch():
        store.conversations.rename(conversation.id, "kept")
        with pytest.raises(RuntimeError):
            pin_then_fail()
        store.conversations.add_tag(conversation.id, "kept too")
    assert heard.take() == [ConversationChanged(conversation.id, frozenset({"title"})), TagsChanged(conversation.id)]
    assert not store.conversation(conversation.id).pinned


def test_a_write_that_fails_on_disk_announces_nothing(store: Store, heard: Heard) -> None:
    conversation = store.create_conversation()
    heard.take()
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
    with pytest.raises(StoreWriteError):
        store.add_message(conversation.id, "user", "x" * 200_000)
    assert heard.calls == []


def test_batch_operations_announce_each_conversation(store_path: Path, clock: FakeClock) -> None:
    with Store.open(store_path, clock=clock) as store:
        old = [store.create_conversation(f"old {n}").id for n in range(3)]
        for conversation_id in old:
            store.conversations.move_to_trash(conversation_id)
        clock.advance(timedelta(days=2).total_seconds())
        heard = Heard()
        store.changes.subscribe(heard)
        assert store.conversations.empty_trash(older_than=timedelta(days=1)) == 3
        assert heard.calls == [tuple(ConversationDeleted(conversation_id) for conversation_id in old)]


def test_an_import_announces_the_conversation_not_each_message(store: Store, heard: Heard) -> None:
    moment = store.conversation(store.create_conversation().id).created_at
    heard.take()
    question = MessageRecord(uuid="q-uuid", parent_uuid=None, role="user", content=[], created_at=moment)
    record = ConversationRecord("abcd0000-0000-4000-8000-000000000000", "Imported", moment, moment, [question])
    added = store.records.import_conversation(record)
    assert heard.take() == [ConversationCreated(added.conversation_id)]

    answer = MessageRecord(
        uuid="a-uuid", parent_uuid="q-uuid", role="assistant", content=[], created_at=moment, model="m"
    )
    merged = store.records.import_conversation(
        ConversationRecord(record.uuid, "Imported", moment, moment, [question, answer], head_uuid="a-uuid")
    )
    head = store.conversation(merged.conversation_id).head_id
    assert heard.take() == [
        ConversationChanged(merged.conversation_id, frozenset({"updated_at", "message_count"})),
        HeadChanged(merged.conversation_id, head),
    ]
    assert store.records.import_conversation(record).outcome == "unchanged"
    assert heard.take() == []


def test_attachments_and_requests_are_part_of_their_messages_change(store: Store, heard: Heard) -> None:
    conversation = store.create_conversation()
    heard.take()
    png = base64.b64encode(b"\x89PNG" + bytes(64)).decode()
    image = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": png}}
    message = store.add_message(conversation.id, "user", [image])
    store.messages.update(message.id, request={"model": "m", "messages": []})
    changes = heard.take()
    assert changes[0] == MessageAdded(conversation.id, message.id)
    assert changes[-1] == MessageChanged(conversation.id, message.id, frozenset({"request"}))


def test_a_read_only_store_announces_the_branch_switched_for_the_session(store_path: Path) -> None:
    with Store.open(store_path) as writer:
        conversation = writer.create_conversation()
        question = writer.add_message(conversation.id, "user", "q")
        first = writer.add_message(conversation.id, "assistant", "a1")
        writer.add_message(conversation.id, "assistant", "a2", parent_id=question.id)
    with Store.open(store_path, read_only=True) as reader:
        heard = Heard()
        reader.changes.subscribe(heard)
        reader.messages.switch_to(first.id)
        assert heard.calls == [(HeadChanged(conversation.id, first.id),)]


def test_a_subscriber_that_raises_neither_undoes_the_write_nor_silences_the_others(
    store: Store, heard: Heard, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[BaseException] = []

    def hook(_kind: type[BaseException], exc: BaseException, _tb: TracebackType | None) -> None:
        hooked.append(exc)

    def broken(_changes: Sequence[Change]) -> None:
        raise RuntimeError("subscriber bug")

    monkeypatch.setattr(sys, "excepthook", hook)
    store.changes.unsubscribe(heard)
    store.changes.subscribe(broken)
    store.changes.subscribe(heard)
    conversation = store.create_conversation("kept")
    assert store.conversation(conversation.id).title == "kept"
    assert heard.take() == [ConversationCreated(conversation.id)]
    assert [str(exc) for exc in hooked] == ["subscriber bug"]


def test_a_subscriber_may_write_and_its_write_is_announced_after(store: Store, heard: Heard) -> None:
    def title_new_ones(changes: Sequence[Change]) -> None:
        for change in changes:
            if isinstance(change, ConversationCreated):
                store.conversations.rename(change.conversation_id, "Untitled")

    store.changes.subscribe(title_new_ones)
    conversation = store.create_conversation()
    assert heard.calls == [
        (ConversationCreated(conversation.id),),
        (ConversationChanged(conversation.id, frozenset({"title"})),),
    ]
    assert store.conversation(conversation.id).title == "Untitled"


def test_unsubscribing_stops_the_calls() -> None:
    changes = Changes()
    heard = Heard()
    changes.subscribe(heard)
    changes.unsubscribe(heard)
    changes.unsubscribe(heard)  # twice: nothing happens
    changes.begin()
    changes.announce(PresetsChanged())
    changes.commit()
    assert heard.calls == []


def test_reply_details_are_written_with_their_message(store: Store, heard: Heard) -> None:
    conversation = store.create_conversation()
    reply = store.add_message(conversation.id, "assistant", "x", details=ReplyDetails(model="m"))
    heard.take()
    store.messages.update(reply.id, details=ReplyDetails(api_id="msg_1", usage={"output_tokens": 3}))
    assert heard.take() == [MessageChanged(conversation.id, reply.id, frozenset({"api_id", "usage"}))]
