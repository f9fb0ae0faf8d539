"""Pages of a conversation's shown branch for the transcript: newest first, older pages on demand.

A 2,000-message conversation opens as fast as a short one: the branch path is one indexed query, and
only the newest page of it gets sibling counts and widgets; older pages follow as the user scrolls up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.chat.structured_output import output_schema
from app.store import Message, Store

PAGE_SIZE = 40


@dataclass(frozen=True)
class TranscriptEntry:
    """A message as the transcript shows it, with its place among its siblings (``< 2/3 >``) and, for a
    reply asked for as structured output, the JSON Schema its request gave (``output_schema``)."""

    message: Message
    sibling_index: int = 0  # 0-based
    sibling_count: int = 1
    output_schema: dict[str, Any] | None = None

    @property
    def id(self) -> int:
        return self.message.id


@dataclass(frozen=True)
class TranscriptPage:
    """Consecutive messages of the branch, oldest first, and whether older ones exist before them."""

    conversation_id: int
    entries: list[TranscriptEntry]
    has_older: bool


class TranscriptLoader:
    """Reads branch pages from the store."""

    def __init__(self, store: Store, page_size: int = PAGE_SIZE) -> None:
        self._store = store
        self.page_size = page_size

    def latest(self, conversation_id: int) -> TranscriptPage:
        """The newest page of the branch that is shown."""
        path = self._store.path(conversation_id)
        return self._page(conversation_id, path, len(path))

    def older(self, conversation_id: int, before_message_id: int) -> TranscriptPage:
        """The page just before ``before_message_id`` (the oldest message the view has)."""
        path = self._store.path(conversation_id)
        end = next((i for i, m in enumerate(path) if m.id == before_message_id), 0)
        return self._page(conversation_id, path, end)

    def entry(self, message_id: int) -> TranscriptEntry:
        message = self._store.message(message_id)
        return self._entry(message, self._schemas([message]))

    def _page(self, conversation_id: int, path: list[Message], end: int) -> TranscriptPage:
        start = max(0, end - self.page_size)
        messages = path[start:end]
        schemas = self._schemas(messages)
        return TranscriptPage(conversation_id, [self._entry(m, schemas) for m in messages], has_older=start > 0)

    def _schemas(self, messages: list[Message]) -> dict[int, dict[str, Any]]:
        """message id → the output schema its request gave, for the replies among ``messages`` that had one."""
        replies = [message.id for message in messages if message.role == "assistant"]
        options = self._store.requests.options(replies) if replies else {}
        return {mid: schema for mid, found in options.items() if (schema := output_schema(found)) is not None}

    def _entry(self, message: Message, schemas: dict[int, dict[str, Any]]) -> TranscriptEntry:
        schema = schemas.get(message.id)
        siblings = self._store.messages.siblings(message.id)
        if len(siblings) == 1:
            return TranscriptEntry(message, output_schema=schema)
        index = next(i for i, s in enumerate(siblings) if s.id == message.id)
        return TranscriptEntry(message, index, len(siblings), schema)

    def last_reply(self, conversation_id: int, *, on_top: bool) -> Message | None:
        """The last reply on a conversation's branch; ``on_top``: only when it is the head. Walks up from
        the head rather than reading the whole branch (a long one takes tens of ms to read)."""
        message_id = self._store.conversation(conversation_id).head_id
        while message_id is not None:
            message = self._store.message(message_id)
            if message.role == "assistant":
                return message
            if on_top:
                return None
            message_id = message.parent_id
        return None
