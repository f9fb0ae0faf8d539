"""The Store's operations: conversations, the message tree, tags, trash, drafts, presets, usage, requests."""

from __future__ import annotations

import base64
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.api import build_request
from app.store import ConversationRecord, MessageError, NotFoundError, ReplyDetails, Store
from tests.unit.store.conftest import FakeClock

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4).decode()


def image_block(data: str = PNG) -> dict[str, object]:
    return {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}


def fts_ok(store: Store) -> None:
    """Both full-text indexes agree with their tables (raises otherwise)."""
    conn = store._conn
    conn.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)")
    conn.execute("INSERT INTO conversations_fts(conversations_fts, rank) VALUES ('integrity-check', 1)")


# --- conversations ---


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


# --- tags ---


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


# --- the message tree ---


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


# --- streaming rows and crash recovery ---


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


# --- trash ---


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


# --- attachments and requests ---


def test_attachment_data_is_stored_once_and_inlined_exactly(store: Store) -> None:
    conversation = store.create_conversation()
    first = store.add_message(conversation.id, "user", [image_block(), {"type": "text", "text": "look"}])
    store.add_message(conversation.id, "assistant", "nice")
    second = store.add_message(conversation.id, "user", [image_block()])
    assert "data" not in first.content[0]["source"]
    digest = first.content[0]["_attachment"]
    assert second.content[0]["_attachment"] == digest
    assert store._conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
    attachment = store.attachments.get(digest)
    assert attachment.media_type == "image/png"
    assert attachment.data == base64.b64decode(PNG)
    assert store.attachments.inline(first.content) == [image_block(), {"type": "text", "text": "look"}]
    with pytest.raises(NotFoundError):
        store.attachments.get("0" * 64)


def test_non_canonical_base64_stays_inline(store: Store) -> None:
    conversation = store.create_conversation()
    odd = "QR=="  # decodes, but re-encodes as "QQ=="
    message = store.add_message(conversation.id, "user", [image_block(odd)])
    assert message.content == [image_block(odd)]


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


def test_request_is_stored_compactly_and_read_back_exactly(store: Store) -> None:
    conversation = store.create_conversation()
    for turn in range(5):
        store.add_message(conversation.id, "user", [image_block(), {"type": "text", "text": f"question {turn}"}])
        store.add_message(conversation.id, "assistant", [{"type": "text", "text": f"answer {turn}", "_note": 1}])
    store.add_message(conversation.id, "user", "last question")
    path = store.path(conversation.id)
    sent = [
        {"role": m.role, "content": [{k: v for k, v in b.items() if k != "_note"} for b in c["content"]]}
        for m, c in zip(path, store.messages.api_messages(path), strict=True)
    ]
    sent[-1]["content"][0]["text"] = "last question, altered by the sender"
    body = {"model": "m", "max_tokens": 9, "system": "be brief", "messages": sent}
    reply = store.add_message(conversation.id, "assistant", [], status="streaming", request=body)

    stored = store._conn.execute("SELECT request FROM messages WHERE id = ?", (reply.id,)).fetchone()[0]
    assert PNG not in stored
    assert stored.count('"_message"') == 10
    assert "altered by the sender" in stored
    assert store.requests.get(reply.id, with_attachment_data=True) == body
    compact = store.requests.get(reply.id)
    assert compact is not None
    assert "data" not in compact["messages"][0]["content"][0]["source"]
    assert store.requests.get(path[0].id) is None


# --- usage ---


def test_usage_totals_per_conversation_and_per_day_and_model(store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2025, 3, 1, 12, tzinfo=UTC).timestamp()
    one = store.create_conversation()
    two = store.create_conversation()
    usage = {"input_tokens": 10, "output_tokens": 20, "cache_read_input_tokens": 5, "cache_creation_input_tokens": 1}
    store.add_message(one.id, "user", "q")
    store.add_message(one.id, "assistant", "a", details=ReplyDetails(model="big", usage=usage))
    store.add_message(
        two.id, "assistant", "a", details=ReplyDetails(model="small", usage={"input_tokens": 1, "output_tokens": 2})
    )
    clock.advance(timedelta(days=2).total_seconds())
    store.add_message(
        one.id, "assistant", "b", details=ReplyDetails(model="big", usage={"input_tokens": 100, "output_tokens": 200})
    )
    store.add_message(one.id, "assistant", "no usage reported", details=ReplyDetails(model="big"))

    totals = store.usage.totals(one.id)
    assert (totals.replies, totals.input_tokens, totals.output_tokens) == (2, 110, 220)
    assert (totals.cache_read_input_tokens, totals.cache_creation_input_tokens) == (5, 1)
    assert totals.total_input_tokens == 116
    assert store.usage.replies(one.id) == [("big", usage), ("big", {"input_tokens": 100, "output_tokens": 200})]

    local = datetime(2025, 3, 1, 12, tzinfo=UTC).astimezone().date()
    days = store.usage.by_day()
    assert [(d.day, d.model, d.totals.output_tokens) for d in days] == [
        (local, "big", 20),
        (local, "small", 2),
        (local + timedelta(days=2), "big", 200),
    ]
    assert [d.day for d in store.usage.by_day(since=local + timedelta(days=1))] == [local + timedelta(days=2)]
    assert len(store.usage.by_day(until=local)) == 2
    assert store.usage.by_day(since=date(2030, 1, 1)) == []


# --- presets ---


def test_presets_can_be_saved_replaced_renamed_and_deleted(store: Store, clock: FakeClock) -> None:
    created = store.presets.save("Precise", {"temperature": 0.0, "top_p": None})
    assert created.params == {"temperature": 0.0}
    clock.advance(1)
    replaced = store.presets.save("Precise", {"temperature": 0.2})
    assert replaced.id == created.id
    assert replaced.params == {"temperature": 0.2}
    assert replaced.updated_at > replaced.created_at
    store.presets.save("creative", {"temperature": 1.0})
    assert [p.name for p in store.presets.all()] == ["creative", "Precise"]
    with pytest.raises(ValueError, match="already"):
        store.presets.rename("creative", "Precise")
    store.presets.rename("creative", "Wild")
    assert store.presets.get("Wild").params == {"temperature": 1.0}
    store.presets.delete("Wild")
    with pytest.raises(NotFoundError):
        store.presets.get("Wild")
    with pytest.raises(NotFoundError):
        store.presets.delete("Wild")
    with pytest.raises(ValueError, match="name"):
        store.presets.save(" ", {})


# --- transactions and threads ---


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


def test_a_uuid_prefix_of_digits_only_is_still_found(store: Store) -> None:
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    store.records.import_conversation(
        ConversationRecord("12345678-0000-4000-8000-000000000000", "", moment, moment, [])
    )
    assert store.conversations.find("12345678").uuid.startswith("12345678")
    assert store.conversations.find("1").id == 1  # a short number is an id


def test_data_version_tells_of_other_writers_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as mine, Store.open(tmp_path / "s.sqlite3") as theirs:
        before = mine.data_version()
        mine.create_conversation("mine")
        assert mine.data_version() == before  # our own writes don't count
        theirs.create_conversation("theirs")
        assert mine.data_version() != before


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


def test_request_options_are_a_replys_request_without_its_messages(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "hi")
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    body = {
        "model": "m",
        "max_tokens": 9,
        "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}],
        "output_config": {"format": {"type": "json_schema", "schema": schema}},
        "cache_control": {"type": "ephemeral", "ttl": "1h"},
    }
    asked = store.add_message(conversation.id, "assistant", "{}", request=body)
    unasked = store.add_message(conversation.id, "assistant", "x")  # imported: no request recorded
    options = store.requests.options([asked.id, unasked.id, asked.id, 999])
    assert options == {asked.id: {k: v for k, v in body.items() if k != "messages"}}
    assert store.requests.options([]) == {}


def test_the_last_cache_use_is_the_newest_reply_that_wrote_or_read_the_cache(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    assert store.usage.last_cache_use(conversation.id) is None
    body = {"model": "m", "messages": [], "cache_control": {"type": "ephemeral", "ttl": "5m"}}
    wrote = store.add_message(
        conversation.id,
        "assistant",
        "a",
        request=body,
        details=ReplyDetails(usage={"input_tokens": 1, "cache_creation_input_tokens": 2_000}),
    )
    clock.advance(60)
    store.add_message(
        conversation.id, "assistant", "b", details=ReplyDetails(usage={"input_tokens": 9, "output_tokens": 1})
    )  # no cache
    found = store.usage.last_cache_use(conversation.id)
    assert found is not None
    assert (found[0].id, found[1]) == (wrote.id, {"model": "m", "cache_control": {"type": "ephemeral", "ttl": "5m"}})
    clock.advance(60)
    read = store.add_message(
        conversation.id, "assistant", "c", details=ReplyDetails(usage={"cache_read_input_tokens": 2_000})
    )
    found = store.usage.last_cache_use(conversation.id)
    assert found is not None
    assert (found[0].id, found[1]) == (read.id, {})  # no request recorded: no options
