"""The status bar says while the prompt cache of the conversation on screen is warm ("cache warm for 3:12",
counting down), from the last reply that wrote or read it (`app.chat.cache_warmth`); the field goes when the
cache goes cold. It is read from the store whenever the conversation on screen or its replies change, and
ticks once a second only while it is shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, QObject, QTimer

from app.chat.cache_warmth import CacheWarmth, cache_warmth
from app.store import StoreError
from app.ui.main_window import add_status_field

if TYPE_CHECKING:
    from app.gui import Samtal

TICK_MS = 1000


class CacheStatusWiring(QObject):
    """The status field and its countdown; lives as long as the root (its Qt child).

    ``now`` gives the current time (tests move it)."""

    def __init__(self, root: Samtal) -> None:
        super().__init__(root)
        self._root = root
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.warmth: CacheWarmth | None = None
        self.field = add_status_field(root.window, "statusCacheWarm")
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.show_countdown)
        self._reader = QTimer(self)
        self._reader.setSingleShot(True)
        self._reader.setInterval(0)  # after the root's own slots changed the conversation on screen
        self._reader.timeout.connect(self.refresh)
        root.current_changed.connect(self._reader.start)
        root.branch_shown.connect(self._reader.start)
        root.controller.reply_finished.connect(lambda cid, _mid, _status: self._on_changed(cid))
        root.controller.conversation_changed.connect(self._on_changed)
        root.window.closing.connect(self._on_closing)

    def refresh(self) -> None:
        """Read the conversation's last use of the cache again and show how long it stays warm."""
        current = self._root.current
        self.warmth = None
        if current is not None:
            try:
                found = self._root.store.usage.last_cache_use(current)
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
            self.field.hide()
            return
        clock = _clock(left)
        self.field.setText(
            self.tr("cache warm for {time}").format(time=clock), self.tr("cache {time}").format(time=clock)
        )
        moment = QDateTime.fromMSecsSinceEpoch(int(warmth.message.created_at.timestamp() * 1000)).toLocalTime()
        last = QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat)
        tip = (
            self.tr(
                "The prompt cache of this conversation stays warm for 5 minutes after the last request that wrote "
                "or read it (at {time}). A request sent before then reads the cached start of the conversation "
                "at a fraction of the input price, and keeps the cache warm."
            )
            if warmth.ttl == "5m"
            else self.tr(
                "The prompt cache of this conversation stays warm for an hour after the last request that wrote "
                "or read it (at {time}). A request sent before then reads the cached start of the conversation "
                "at a fraction of the input price, and keeps the cache warm."
            )
        )
        self.field.setToolTip(tip.format(time=last))
        if not self._ticker.isActive():
            self._ticker.start()

    def _on_changed(self, conversation_id: int) -> None:
        if conversation_id == self._root.current:
            self._reader.start()

    def _on_closing(self) -> None:
        self._ticker.stop()
        self._reader.stop()


def _clock(seconds: int) -> str:
    """``3:12``, ``59:59``, ``1:00:00``."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def install(root: Samtal) -> None:
    """Install the cache countdown in the status bar (see the module docstring)."""
    CacheStatusWiring(root)
