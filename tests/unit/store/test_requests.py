"""store.requests: the request that produced each reply, kept compact and read back exactly."""

from __future__ import annotations

from app.store import Store
from tests.unit.store.conftest import PNG, image_block


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
