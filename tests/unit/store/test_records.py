"""store.records: whole conversations out of one store and into another, every field of every message kept."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from app.store import MessageError, MessageFields, ReplyDetails, Store

EVERY_DETAIL = ReplyDetails(
    model="claude-x",
    stop_reason="refusal",
    stop_sequence="END",
    usage={"input_tokens": 3, "output_tokens": 5, "cache_read_input_tokens": 2},
    error=MessageError("overloaded_error", "Overloaded", "req_1"),
    timings={"duration": 1.5},
    response_headers={"request-id": "req_1"},
    api_id="msg_1",
    stop_details={"type": "refusal", "category": None, "explanation": "No."},
)


def test_every_field_of_a_message_survives_a_record_and_an_import(store: Store, tmp_path: Path) -> None:
    conversation = store.create_conversation("Everything", tags=["kept"])
    store.add_message(conversation.id, "user", "q")
    reply = store.add_message(conversation.id, "assistant", "a", status="error", details=EVERY_DETAIL)
    assert all(getattr(reply, item.name) is not None for item in fields(MessageFields))  # none left out here

    record = store.records.conversation_record(conversation.id)
    with Store.open(tmp_path / "other.sqlite3") as other:
        result = other.records.import_conversation(record)
        assert (result.outcome, result.messages_added) == ("added", 2)
        copied = other.path(result.conversation_id)[-1]
        for item in fields(MessageFields):
            assert getattr(copied, item.name) == getattr(reply, item.name), item.name
        assert other.conversation(result.conversation_id).tags == ("kept",)
        assert other.records.import_conversation(record).outcome == "unchanged"


def test_a_record_keeps_the_parent_and_the_request_of_each_message(store: Store) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "q")
    body = {"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": "q"}]}]}
    reply = store.add_message(conversation.id, "assistant", "a", request=body)
    record = store.records.conversation_record(conversation.id)
    assert [(m.uuid, m.parent_uuid) for m in record.messages] == [(question.uuid, None), (reply.uuid, question.uuid)]
    assert record.head_uuid == reply.uuid
    assert record.messages[1].request == {"model": "m", "messages": [{"role": "user", "_message": question.uuid}]}
