"""The JSON that ``--json`` prints: stable shapes, documented in the README. Add keys; never rename or
remove one. Times are ISO 8601 UTC with milliseconds (``2025-01-31T12:34:56.789Z``)."""

from __future__ import annotations

from typing import Any, Final

from app.store import Conversation, ConversationHits, Message, SearchHit
from app.store.timestamps import iso

_NOT_IN_SHOW: Final = frozenset({"response_headers", "api_id"})


def conversation_json(conversation: Conversation) -> dict[str, Any]:
    """A conversation (without its messages)."""
    return {
        "id": conversation.id,
        "uuid": conversation.uuid,
        "title": conversation.title,
        "created_at": iso(conversation.created_at),
        "updated_at": iso(conversation.updated_at),
        "pinned": conversation.pinned,
        "archived": conversation.archived,
        "trashed_at": iso(conversation.trashed_at) if conversation.trashed_at else None,
        "tags": list(conversation.tags),
        "message_count": conversation.message_count,
        "head_id": conversation.head_id,
        "params": conversation.params,
    }


def message_json(message: Message) -> dict[str, Any]:
    """A message: its fields (as :meth:`~app.store.MessageFields.to_json` writes them, but for the response
    headers and the API's id, which the published shape leaves out) with its ``id`` and ``parent_id``;
    ``text`` joins its text blocks."""
    shown = {key: value for key, value in message.to_json().items() if key not in _NOT_IN_SHOW}
    return {"id": message.id, "uuid": message.uuid, "parent_id": message.parent_id, **shown, "text": message.text}


def search_hit_json(hit: SearchHit) -> dict[str, Any]:
    """A search hit; ``message_id`` and ``role`` are None when the title matched."""
    return {
        "conversation_id": hit.conversation_id,
        "conversation_title": hit.conversation_title,
        "message_id": hit.message_id,
        "role": hit.role,
        "snippet": hit.snippet,
        "created_at": iso(hit.created_at),
    }


def conversation_hits_json(found: ConversationHits) -> dict[str, Any]:
    """A conversation's search results: its best hit's keys (as `search_hit_json`), then ``matches`` (how many
    of its messages match; at least that many when ``matches_complete`` is false) and ``hits``, its best
    hits (the title's, then messages'), each as `search_hit_json` without the conversation's keys."""
    hits = [search_hit_json(hit) for hit in found.hits]
    for hit in hits:
        del hit["conversation_id"], hit["conversation_title"]
    return {
        **search_hit_json(found.best),
        "matches": found.matches,
        "matches_complete": found.complete,
        "hits": hits,
    }
