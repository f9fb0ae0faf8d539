"""store.messages: the message tree and its branches, adding and writing messages, replies left streaming, and
discarding one branch of a conversation (e.g. the replies an A/B compare did not keep)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from app.api import build_request
from app.store import MessageError, NotFoundError, ReplyDetails, Store
from tests.unit.store.conftest import FakeClock, fts_ok, image_block


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


def test_messages_form_a_path_from_root_to_head(store: Store) -> None:
    conversation = store.create_conversation()
    first = store.add_message(conversation.id, "user", "one")
    second = store.add_message(conversation.id, "assistant", [{"type": "text", "text": "two"}])
    third = store.add_message(conversation.id, "user", "three")
    assert first.parent_id is None
    assert second.parent_id == first.id
    assert third.parent_id == second.id
    assert [m.text for m in store.path(conversation.id)] == ["one", "two", "three"]
    assert [m.text for m in store.path(conversation.id, second.id)] == ["one", "two"]
    assert store.conversation(conversation.id).head_id == third.id
    assert first.content == [{"type": "text", "text": "one"}]  # a string is stored as a text block
    assert first.status == "complete"
    assert first.role == "user"


def test_editing_a_message_adds_a_sibling_and_nothing_is_overwritten(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "Capital of Sweden?")
    answer = store.add_message(conversation.id, "assistant", "Stockholm.")
    clock.advance(1)
    edited = store.add_message(conversation.id, "user", "Capital of Norway?", parent_id=None)
    clock.advance(1)
    store.add_message(conversation.id, "assistant", "Oslo.")
    assert [m.text for m in store.path(conversation.id)] == ["Capital of Norway?", "Oslo."]
    assert [m.id for m in store.messages.siblings(question.id)] == [question.id, edited.id]
    assert [m.id for m in store.messages.siblings(edited.id)] == [question.id, edited.id]
    assert store.message(answer.id).text == "Stockholm."
    assert store.conversation(conversation.id).message_count == 4


def test_regenerating_adds_another_reply_to_the_same_question(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "Tell me a joke")
    first = store.add_message(conversation.id, "assistant", "joke one")
    clock.advance(1)
    second = store.add_message(conversation.id, "assistant", "joke two", parent_id=question.id)
    assert [m.id for m in store.messages.children(question.id)] == [first.id, second.id]
    assert [m.id for m in store.messages.siblings(first.id)] == [first.id, second.id]
    assert store.path(conversation.id)[-1].id == second.id


def test_switching_to_a_sibling_restores_that_branchs_continuation(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "q")
    reply_a = store.add_message(conversation.id, "assistant", "a")
    clock.advance(1)
    follow_a = store.add_message(conversation.id, "user", "more about a")
    clock.advance(1)
    reply_a2 = store.add_message(conversation.id, "assistant", "a, continued")
    clock.advance(1)
    reply_b = store.add_message(conversation.id, "assistant", "b", parent_id=question.id)
    assert store.path(conversation.id)[-1].id == reply_b.id

    head = store.messages.switch_to(reply_a.id)
    assert head == reply_a2.id
    assert [m.id for m in store.path(conversation.id)] == [question.id, reply_a.id, follow_a.id, reply_a2.id]
    assert store.messages.switch_to(reply_b.id) == reply_b.id
    assert store.conversation(conversation.id).head_id == reply_b.id


def test_switch_prefers_the_most_recently_created_leaf(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    root = store.add_message(conversation.id, "user", "root")
    old_leaf = store.add_message(conversation.id, "assistant", "old")
    clock.advance(10)
    new_leaf = store.add_message(conversation.id, "assistant", "new", parent_id=root.id)
    store.messages.switch_to(old_leaf.id)
    assert store.messages.switch_to(root.id) == new_leaf.id


def test_add_message_checks_parent_role_and_status(store: Store) -> None:
    one = store.create_conversation()
    other = store.create_conversation()
    foreign = store.add_message(other.id, "user", "elsewhere")
    with pytest.raises(NotFoundError, match="in conversation"):
        store.add_message(one.id, "user", "x", parent_id=foreign.id)
    with pytest.raises(ValueError, match="role"):
        store.add_message(one.id, "system", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="status"):
        store.add_message(one.id, "user", "x", status="done")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="content block"):
        store.add_message(one.id, "user", [{"text": "no type"}])
    with pytest.raises(NotFoundError):
        store.path(one.id, foreign.id)
    assert store.conversation(one.id).message_count == 0


def test_make_head_false_leaves_the_head(store: Store) -> None:
    conversation = store.create_conversation()
    first = store.add_message(conversation.id, "user", "q")
    store.add_message(conversation.id, "assistant", "side", make_head=False)
    assert store.conversation(conversation.id).head_id == first.id


def test_update_message_changes_only_what_is_given(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "q")
    reply = store.add_message(conversation.id, "assistant", [], status="streaming", details=ReplyDetails(model="m1"))
    store.messages.update(reply.id, content="partial")
    store.messages.update(
        reply.id,
        status="error",
        details=ReplyDetails(
            error=MessageError("overloaded_error", "Overloaded", "req_1"),
            usage={"input_tokens": 3, "output_tokens": 1},
            stop_reason="end_turn",
            timings={"duration": 1.5},
            response_headers={"request-id": "req_1"},
            api_id="msg_1",
        ),
    )
    stored = store.message(reply.id)
    assert stored.text == "partial"
    assert stored.status == "error"
    assert stored.error == MessageError("overloaded_error", "Overloaded", "req_1")
    assert stored.model == "m1"
    assert stored.usage == {"input_tokens": 3, "output_tokens": 1}
    assert stored.stop_reason == "end_turn"
    assert stored.stop_sequence is None
    assert stored.timings == {"duration": 1.5}
    assert stored.response_headers == {"request-id": "req_1"}
    assert stored.api_id == "msg_1"
    with pytest.raises(NotFoundError):
        store.messages.update(12345, status="complete")


def test_private_block_keys_and_unknown_blocks_are_kept(store: Store) -> None:
    conversation = store.create_conversation()
    blocks = [
        {"type": "tool_use", "id": "t1", "name": "f", "input": {}, "_incomplete": True, "_partial_json": '{"a'},
        {"type": "web_search_tool_result", "tool_use_id": "s1", "content": [{"type": "x", "url": "u"}]},
    ]
    message = store.add_message(conversation.id, "assistant", blocks)
    assert store.message(message.id).content == blocks


def test_stop_details_are_kept(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "q")
    details = {"type": "refusal", "category": None, "explanation": "No."}
    reply = store.add_message(conversation.id, "assistant", [], status="streaming")
    assert store.message(reply.id).stop_details is None
    store.messages.update(
        reply.id, status="complete", details=ReplyDetails(stop_reason="refusal", stop_details=details)
    )
    assert store.message(reply.id).stop_details == details
    assert store.path(conversation.id)[-1].stop_details == details


def test_api_messages_inline_data_and_skip_empty_replies(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", [image_block()])
    store.add_message(
        conversation.id, "assistant", [], status="error", details=ReplyDetails(error=MessageError("api_error", "boom"))
    )
    store.add_message(conversation.id, "user", "again")
    assert store.messages.api_messages(store.path(conversation.id)) == [
        {"role": "user", "content": [image_block()]},
        {"role": "user", "content": [{"type": "text", "text": "again"}]},
    ]


def test_rows_left_streaming_by_a_dead_writer_become_interrupted(store_path: Path, clock: FakeClock) -> None:
    crashed = Store.open(store_path, clock=clock)
    conversation = crashed.create_conversation()
    crashed.add_message(conversation.id, "user", "q")
    reply = crashed.add_message(conversation.id, "assistant", [], status="streaming")
    crashed.messages.update(reply.id, content="half a rep")
    assert crashed.messages._writer is not None
    crashed.messages._writer.release()  # what the OS does when the process dies

    with Store.open(store_path, clock=clock) as reopened:
        recovered = reopened.message(reply.id)
        assert recovered.status == "interrupted"
        assert recovered.text == "half a rep"
    crashed._conn.close()


def test_a_reply_still_streaming_in_a_live_store_is_left_alone(store_path: Path, clock: FakeClock) -> None:
    with Store.open(store_path, clock=clock) as writer:
        conversation = writer.create_conversation()
        reply = writer.add_message(conversation.id, "assistant", [], status="streaming")
        with Store.open(store_path, clock=clock) as reader:  # e.g. `samtal list` while the GUI streams
            assert reader.message(reply.id).status == "streaming"
        writer.messages.update(reply.id, content="done", status="complete")
        assert writer.message(reply.id).status == "complete"


def test_closing_a_store_interrupts_its_own_unfinished_replies(store_path: Path, clock: FakeClock) -> None:
    with Store.open(store_path, clock=clock) as first:
        conversation = first.create_conversation()
        reply = first.add_message(conversation.id, "assistant", "so far", status="streaming")
        writers_dir = store_path.with_name(store_path.name + "-writers")
        assert len(list(writers_dir.iterdir())) == 1
    assert list(writers_dir.iterdir()) == []
    with Store.open(store_path, clock=clock) as again:
        assert again.message(reply.id).status == "interrupted"


def test_what_a_reply_must_send_back_verbatim_survives_the_store_and_the_request(store: Store) -> None:
    """Withheld thinking (empty, signed), redacted thinking, server tool calls and their results (a fetched
    PDF inside one), and text with citations: stored, read back and sent exactly as the API gave them."""
    pdf = base64.b64encode(b"%PDF-1.4 fetched page").decode()
    content = [
        {"type": "thinking", "thinking": "", "signature": "RW1wdHkgYnV0IHNpZ25lZA=="},
        {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT"},
        {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_fetch", "input": {"url": "https://x.org/a.pdf"}},
        {
            "type": "web_fetch_tool_result",
            "tool_use_id": "srvtoolu_1",
            "content": {
                "type": "web_fetch_result",
                "url": "https://x.org/a.pdf",
                "retrieved_at": "2026-12-01T10:00:00Z",
                "content": {
                    "type": "document",
                    "source": {"type": "base64", "media_type": "application/pdf", "data": pdf},
                    "title": "A",
                    "citations": {"enabled": True},
                },
            },
        },
        {
            "type": "text",
            "text": "The page says so.",
            "citations": [
                {
                    "type": "char_location",
                    "cited_text": "fetched page",
                    "document_index": 0,
                    "document_title": "A",
                    "start_char_index": 9,
                    "end_char_index": 21,
                }
            ],
        },
    ]
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "Read https://x.org/a.pdf")
    store.add_message(conversation.id, "assistant", content, details=ReplyDetails(stop_reason="end_turn"))
    store.add_message(conversation.id, "user", "Thanks")
    body = build_request(store.messages.api_messages(store.path(conversation.id)), {"model": "m", "max_tokens": 10})
    assert body["messages"][1] == {"role": "assistant", "content": content}
