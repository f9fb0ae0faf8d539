"""Pages of a conversation's shown branch for the transcript: newest first, older pages on demand.

A 2,000-message conversation opens as fast as a short one: the branch path is one indexed query, and
only the newest page of it gets sibling counts and widgets; older pages follow as the user scrolls up.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.store import Message, Store

PAGE_SIZE = 40


@dataclass(frozen=True)
class TranscriptEntry:
    """A message as the transcript shows it, with its place among its siblings (``< 2/3 >``)."""

    message: Message
    sibling_index: int = 0  # 0-based
    sibling_count: int = 1

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
        return self._entry(self._store.message(message_id))

    def _page(self, conversation_id: int, path: list[Message], end: int) -> TranscriptPage:
        start = max(0, end - self.page_size)
        return TranscriptPage(conversation_id, [self._entry(m) for m in path[start:end]], has_older=start > 0)

    def _entry(self, message: Message) -> TranscriptEntry:
        siblings = self._store.siblings(message.id)
        if len(siblings) == 1:
            return TranscriptEntry(message)
        index = next(i for i, s in enumerate(siblings) if s.id == message.id)
        return TranscriptEntry(message, index, len(siblings))
