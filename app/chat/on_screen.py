"""Which conversation the window shows: one small object that the window sets and the features that follow
the conversation on screen (costs, the token count, the cache countdown, compare) read and listen to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class OnScreen(QObject):
    """The conversation on screen (None: a new one not started yet).

    Signals:
        changed(object): another conversation is on screen (its id, or None for a new one).
        branch_shown(): the conversation on screen was shown afresh from the store (opened, another branch,
            a reply started, or written by another process): what is derived from its branch is out of date.
    """

    changed = Signal(object)
    branch_shown = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._id: int | None = None

    @property
    def id(self) -> int | None:
        return self._id

    def show(self, conversation_id: int | None) -> None:
        """Another conversation is on screen (nothing is said when it is the same one)."""
        if conversation_id != self._id:
            self._id = conversation_id
            self.changed.emit(conversation_id)
