"""What the store announces when it changes, and to whom: a plain observer (no Qt: the command line uses the
store too).

    def show(changes: Sequence[Change]) -> None:
        for change in changes:
            match change:
                case MessageAdded(conversation_id=cid): ...

    store.changes.subscribe(show)

A subscriber is called once per committed transaction with every change it made, in the order they were
made; a transaction that rolls back (a failed write, a savepoint left by an exception) announces nothing of
what it undid. Nothing is announced before the commit, so a subscriber that reads the store sees what the
change made. A batch operation announces each conversation or message it touched (emptying the trash: one
``ConversationDeleted`` each, importing: one ``ConversationCreated`` or ``ConversationChanged`` each), all
in the one call for its transaction: a subscriber that would rather start over after many changes can count
them. Each change carries ids, not values: read what is needed from the store.

Subscribers run on the store's thread, in the order they subscribed. One that raises does not undo the write
nor keep the others from hearing of it: its exception goes to ``sys.excepthook``, as an exception in a Qt
slot does. A subscriber may write to the store; what that write changes is announced after it, in a call of
its own.

Only this store's own writes are announced: another process writing to the file (``samtal ask`` in a
terminal) is seen through ``Store.data_version``. Opening (recovering interrupted replies, emptying an old
trash) and closing announce nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ConversationCreated:
    """A new conversation (created, or imported)."""

    conversation_id: int


@dataclass(frozen=True, slots=True)
class ConversationChanged:
    """Some of a conversation's own values changed; ``fields`` names them as ``Conversation`` attributes
    (``title``, ``pinned``, ``archived``, ``params``, ``draft``, ``updated_at``, ``message_count``). Its
    head and its tags have changes of their own."""

    conversation_id: int
    fields: frozenset[str]


@dataclass(frozen=True, slots=True)
class ConversationTrashed:
    """A conversation was moved to the trash."""

    conversation_id: int


@dataclass(frozen=True, slots=True)
class ConversationRestored:
    """A conversation was taken out of the trash."""

    conversation_id: int


@dataclass(frozen=True, slots=True)
class ConversationDeleted:
    """A conversation and all its messages were deleted for good."""

    conversation_id: int


@dataclass(frozen=True, slots=True)
class TagsChanged:
    """A conversation's tags changed (so may the list of every tag in use)."""

    conversation_id: int


@dataclass(frozen=True, slots=True)
class HeadChanged:
    """The branch a conversation shows now ends at ``head_id`` (None: it has no messages left)."""

    conversation_id: int
    head_id: int | None


@dataclass(frozen=True, slots=True)
class MessageAdded:
    """A message was added to a conversation (one change per message added through ``Messages.add``; an
    import announces the conversation instead)."""

    conversation_id: int
    message_id: int


@dataclass(frozen=True, slots=True)
class MessageChanged:
    """A message was written to (a streaming reply growing, then ending); ``fields`` names what was written:
    ``Message`` attributes, and ``request`` for the request that produced it."""

    conversation_id: int
    message_id: int
    fields: frozenset[str]


@dataclass(frozen=True, slots=True)
class MessageDeleted:
    """A message was deleted, and every message below it."""

    conversation_id: int
    message_id: int


@dataclass(frozen=True, slots=True)
class PresetsChanged:
    """A preset was saved, renamed or deleted."""


Change = (
    ConversationCreated
    | ConversationChanged
    | ConversationTrashed
    | ConversationRestored
    | ConversationDeleted
    | TagsChanged
    | HeadChanged
    | MessageAdded
    | MessageChanged
    | MessageDeleted
    | PresetsChanged
)
Subscriber = Callable[[Sequence[Change]], None]


class Changes:
    """The store's changes and their subscribers. The store's transactions call :meth:`begin`,
    :meth:`savepoint`, :meth:`roll_back_to`, :meth:`commit` and :meth:`roll_back`; its writes call
    :meth:`announce`. See the module docstring."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._pending: list[Change] = []
        self._in_transaction = False

    def subscribe(self, subscriber: Subscriber) -> None:
        """Call ``subscriber`` with the changes of every transaction committed from now on."""
        self._subscribers.append(subscriber)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Stop calling ``subscriber`` (nothing happens if it was not subscribed)."""
        if subscriber in self._subscribers:
            self._subscribers.remove(subscriber)

    def announce(self, change: Change) -> None:
        """Record a change, told when its transaction commits (at once outside one: a read-only store's
        branch switched for the session)."""
        if self._in_transaction:
            self._pending.append(change)
        else:
            self._tell([change])

    def begin(self) -> None:
        """A transaction started."""
        self._in_transaction = True
        self._pending = []

    def savepoint(self) -> int:
        """A savepoint inside the transaction: a mark for :meth:`roll_back_to`."""
        return len(self._pending)

    def roll_back_to(self, mark: int) -> None:
        """The transaction rolled back to the savepoint ``mark``: forget what was announced since."""
        del self._pending[mark:]

    def roll_back(self) -> None:
        """The transaction rolled back: forget everything it announced."""
        self._in_transaction = False
        self._pending = []

    def commit(self) -> None:
        """The transaction committed: tell every subscriber what it changed."""
        self._in_transaction = False
        changes, self._pending = self._pending, []
        if changes:
            self._tell(changes)

    def _tell(self, changes: list[Change]) -> None:
        told = tuple(changes)
        for subscriber in list(self._subscribers):  # a subscriber may unsubscribe while being told
            try:
                subscriber(told)
            except Exception as exc:
                sys.excepthook(type(exc), exc, exc.__traceback__)
