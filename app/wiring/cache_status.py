"""The status bar says while the prompt cache of the conversation on screen is warm ("cache warm for 3:12",
counting down), from the last reply that wrote or read it (`app.chat.cache_warmth`); the field goes when the
cache goes cold. It is read from the store whenever the conversation on screen or its replies change, and
ticks once a second only while it is shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer

from app.chat.cache_warmth import CacheWarmth, cache_warmth
from app.chat.controller import ChatController
from app.chat.on_screen import OnScreen
from app.store import Store, StoreError
from app.ui.status_figures import StatusFigures

TICK_MS = 1000


class CacheStatus(QObject):
    """The countdown in ``figures`` for the conversation ``on_screen``.

    ``now`` gives the current time (tests move it)."""

    def __init__(
        self,
        *,
        store: Store,
        controller: ChatController,
        on_screen: OnScreen,
        figures: StatusFigures,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._on_screen = on_screen
        self._figures = figures
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.warmth: CacheWarmth | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.show_countdown)
        # Several changes in one turn of the event loop (a conversation opened, its branch shown) read once.
        self._reader = QTimer(self)
        self._reader.setSingleShot(True)
        self._reader.setInterval(0)
        self._reader.timeout.connect(self.refresh)
        on_screen.changed.connect(self._reader.start)
        on_screen.branch_shown.connect(self._reader.start)
        controller.reply_finished.connect(lambda cid, _mid, _status: self._on_changed(cid))
        controller.conversation_changed.connect(self._on_changed)

    def refresh(self) -> None:
        """Read the conversation's last use of the cache again and show how long it stays warm."""
        current = self._on_screen.id
        self.warmth = None
        if current is not None:
            try:
                found = self._store.usage.last_cache_use(current)
            except StoreError:  # the conversation was just deleted
                found = None
            if found is not None:
                self.warmth = cache_warmth(*found)
        self.show_countdown()

    def show_countdown(self) -> None:
        """Show the time left (or hide the field once the cache is cold)."""
        warmth = self.warmth
        left = warmth.seconds_left(self.now()) if warmth is not None else 0
        if warmth is None or left <= 0:
            self._ticker.stop()
            self._figures.hide_cache_warmth()
            return
        self._figures.show_cache_warmth(left, warmth.ttl, warmth.message.created_at)
        if not self._ticker.isActive():
            self._ticker.start()

    def _on_changed(self, conversation_id: int) -> None:
        if conversation_id == self._on_screen.id:
            self._reader.start()

    def close(self) -> None:
        """The window closes: nothing more to count down."""
        self._ticker.stop()
        self._reader.stop()
