"""Store.delete_message: discarding one branch of a conversation (e.g. the replies an A/B compare did not keep)."""

from __future__ import annotations

import base64

import pytest

from app.store import NotFoundError, Store
from tests.unit.store.conftest import FakeClock
from tests.unit.store.test_store import fts_ok, image_block


def test_deleting_a_sibling_reply_leaves_the_rest_and_the_head(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "q")
    kept = store.add_message(conversation.id, "assistant", "kept words")
    clock.advance(1)
    dropped = store.add_message(conversation.id, "assistant", "dropped words", parent_id=question.id)
    store.messages.switch_to(kept.id)

    store.messages.delete(dropped.id)

    assert [m.id for m in store.messages.siblings(kept.id)] == [kept.id]
    assert [m.id for m in store.path(conversation.id)] == [question.id, kept.id]
    assert store.conversation(conversation.id).message_count == 2
    with pytest.raises(NotFoundError):
        store.message(dropped.id)
    assert [hit.message_id for hit in store.search("dropped")] == []  # gone from the index too
    fts_ok(store)


def test_deleting_the_head_moves_it_to_the_latest_leaf_below_the_parent(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "q")
    first = store.add_message(conversation.id, "assistant", "a")
    clock.advance(1)
    second = store.add_message(conversation.id, "assistant", "b", parent_id=question.id)
    clock.advance(1)
    third = store.add_message(conversation.id, "assistant", "c", parent_id=question.id)
    store.messages.switch_to(first.id)
    store.messages.delete(first.id)
    assert store.conversation(conversation.id).head_id == third.id
    store.messages.delete(third.id)
    assert store.conversation(conversation.id).head_id == second.id
    store.messages.delete(second.id)
    assert store.conversation(conversation.id).head_id == question.id


def test_deleting_takes_the_replies_below_and_a_first_message_moves_the_head(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    old = store.add_message(conversation.id, "user", "old start")
    store.add_message(conversation.id, "assistant", "old reply")
    clock.advance(1)
    new = store.add_message(conversation.id, "user", "new start", parent_id=None)
    new_reply = store.add_message(conversation.id, "assistant", "new reply")
    store.add_message(conversation.id, "user", "follow-up")
    store.messages.switch_to(new.id)

    store.messages.delete(new.id)

    assert [m.text for m in store.path(conversation.id)] == ["old start", "old reply"]
    assert store.conversation(conversation.id).message_count == 2
    with pytest.raises(NotFoundError):
        store.message(new_reply.id)
    store.messages.delete(old.id)
    assert store.conversation(conversation.id).head_id is None
    assert store.path(conversation.id) == []


def test_attachments_only_the_deleted_branch_used_are_forgotten(store: Store) -> None:
    conversation = store.create_conversation()
    shared = base64.b64encode(b"shared image bytes").decode()
    own = base64.b64encode(b"only in the dropped branch").decode()
    question = store.add_message(conversation.id, "user", [image_block(shared), {"type": "text", "text": "q"}])
    kept = store.add_message(conversation.id, "assistant", "kept")
    dropped = store.add_message(conversation.id, "user", [image_block(own), image_block(shared)], parent_id=question.id)
    own_hash = dropped.content[0]["_attachment"]
    shared_hash = question.content[0]["_attachment"]

    store.messages.delete(dropped.id)

    with pytest.raises(NotFoundError):
        store.attachments.get(own_hash)
    assert store.attachments.get(shared_hash).data == b"shared image bytes"
    assert store.path(conversation.id)[-1].id == kept.id


def test_a_streaming_reply_is_not_deleted(store: Store) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "q")
    streaming = store.add_message(conversation.id, "assistant", [], status="streaming")
    with pytest.raises(ValueError, match="still streaming"):
        store.messages.delete(streaming.id)
    with pytest.raises(ValueError, match="still streaming"):
        store.messages.delete(question.id)  # the streaming reply is below it
    assert store.message(streaming.id).status == "streaming"
    store.messages.update(streaming.id, status="stopped")
    store.messages.delete(streaming.id)
    assert store.path(conversation.id)[-1].id == question.id


def test_deleting_an_unknown_message_raises(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.messages.delete(12345)
