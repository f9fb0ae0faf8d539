"""store.attachments: image and document data kept once and put back exactly."""

from __future__ import annotations

import base64

import pytest

from app.store import NotFoundError, Store
from tests.unit.store.conftest import PNG, image_block


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
