"""Saving a streaming reply as it arrives: the one helper that the GUI controller and ``samtal ask`` share.

The assistant row exists (status ``streaming``) before the request is sent, so a crash leaves a visible
partial reply rather than a hole. :meth:`ReplyRecorder.update` is called with the partial reply after each
stream event; it writes as soon as the first words arrive, then at most once per ``interval``.
:meth:`ReplyRecorder.finish` writes the end state. What a crash loses is at most the last ``interval`` of
text; the rest is there, as ``interrupted``, when the store is next opened.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Protocol

from app.store.messages import AT_HEAD
from app.store.models import Message, MessageError, MessageStatus, ReplyDetails
from app.store.store import Store

TIMING_KEYS: Final = ("time_to_first_byte", "time_to_first_text", "duration", "output_tokens_per_second")
_HEADER_PREFIXES: Final = ("anthropic-ratelimit-",)
_HEADERS: Final = frozenset({"request-id", "x-request-id", "retry-after"})


class StreamTimingsLike(Protocol):
    """What a stream's timings offer (``app.api.StreamTimings`` has it); seconds, None when unknown."""

    @property
    def time_to_first_byte(self) -> float | None: ...
    @property
    def time_to_first_text(self) -> float | None: ...
    @property
    def duration(self) -> float | None: ...
    @property
    def output_tokens_per_second(self) -> float | None: ...


class ReplyRecorder:
    """Writes one streaming assistant reply into the store. Not thread-safe: use it on the store's thread.

    ``clock`` (seconds, monotonic) is injectable for tests.
    """

    def __init__(
        self, store: Store, message_id: int, *, clock: Callable[[], float] = time.monotonic, interval: float = 1.0
    ) -> None:
        self._store = store
        self.message_id = message_id
        self._clock = clock
        self._interval = interval
        self._last_write: float | None = None
        self._finished = False

    @classmethod
    def start(
        cls,
        store: Store,
        conversation_id: int,
        *,
        parent_id: int | None = None,
        request: Mapping[str, Any] | None = None,
        model: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        interval: float = 1.0,
    ) -> ReplyRecorder:
        """Create the ``streaming`` assistant row below ``parent_id`` (default: the conversation's head),
        recording the request about to be sent, and a recorder for it."""
        message = store.messages.add(
            conversation_id,
            "assistant",
            [],
            parent_id=AT_HEAD if parent_id is None else parent_id,
            status="streaming",
            details=ReplyDetails(model=model),
            request=request,
        )
        return cls(store, message.id, clock=clock, interval=interval)

    def due(self) -> bool:
        """Whether `update` could write now: nothing was written yet, or the last write is ``interval`` old.
        Cheap (no reply needed): a caller can ask it after every event and build the reply only when due."""
        return not self._finished and (self._last_write is None or self._clock() - self._last_write >= self._interval)

    def update(self, message: Mapping[str, Any]) -> bool:
        """Save the partial reply (an API Message dict): at once when its first words arrive, then unless it
        was saved less than ``interval`` ago. Returns whether it wrote."""
        if self._finished:
            raise RuntimeError("This reply has already been finished.")
        now = self._clock()
        if self._last_write is None:
            if not _has_words(message.get("content") or []):
                return False  # the row exists already; an empty text block adds nothing to save
        elif now - self._last_write < self._interval:
            return False
        self._last_write = now
        self._store.messages.update(
            self.message_id, content=message.get("content") or [], details=ReplyDetails.from_api(message)
        )
        return True

    def finish(
        self,
        status: MessageStatus,
        message: Mapping[str, Any] | None = None,
        *,
        error: MessageError | None = None,
        timings: StreamTimingsLike | Mapping[str, Any] | None = None,
        response_headers: Mapping[str, str] | None = None,
    ) -> Message:
        """Save the end of the reply: ``complete``, or ``stopped`` / ``error`` / ``interrupted`` with the
        partial content kept. ``message`` is the reply as far as it got (None: keep what was saved); its stop
        reason and stop details (a refusal's) are kept as the API sent them."""
        if self._finished:
            raise RuntimeError("This reply has already been finished.")
        if status == "streaming":
            raise ValueError("A finished reply can't be 'streaming'.")
        self._finished = True
        message = message or {}
        details = ReplyDetails.from_api(
            message,
            error=error,
            timings=timings_dict(timings) if timings is not None else None,
            response_headers=selected_headers(response_headers) if response_headers is not None else None,
        )
        self._store.messages.update(
            self.message_id,
            content=message.get("content") if "content" in message else None,
            status=status,
            details=details,
        )
        return self._store.messages.get(self.message_id)


def timings_dict(timings: StreamTimingsLike | Mapping[str, Any]) -> dict[str, float]:
    """The known measurements that have a value, rounded to 0.1 ms."""
    if isinstance(timings, Mapping):
        values = {key: timings.get(key) for key in TIMING_KEYS}
    else:
        values = {key: getattr(timings, key, None) for key in TIMING_KEYS}
    return {
        key: round(float(value), 4)
        for key, value in values.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    }


def selected_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The response headers worth keeping with a reply: its request id and the rate-limit state."""
    kept = {}
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in _HEADERS or lowered.startswith(_HEADER_PREFIXES):
            kept[lowered] = value
    return kept


def _has_words(content: Sequence[Mapping[str, Any]]) -> bool:
    return any(block.get("type") != "text" or block.get("text") for block in content)
