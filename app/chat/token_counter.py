"""The live input-token count of the next request, from the provider's ``POST /v1/messages/count_tokens``,
or the provider's word that it is too long for the model (the count is refused the way the send would be)."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from app.api.errors import APIError

if TYPE_CHECKING:
    from app.api.client import MessagesClient
    from app.chat.connection import Connection

__all__ = ["DEBOUNCE_MS", "TokenCounter", "TooLong"]

log = logging.getLogger(__name__)

DEBOUNCE_MS = 600  # after the last keystroke (or change of conversation or parameters)

# The API's words when the input exceeds the model's context: "prompt is too long: 512345 tokens > 200000 maximum".
_TOO_LONG = re.compile(r"prompt is too long(?:\D*?([\d,]+)\s*tokens?\s*>\s*([\d,]+))?", re.IGNORECASE)


@dataclass(frozen=True)
class TooLong:
    """The provider refused to count because the request is more than it accepts: more tokens than the
    model's context (``tokens`` > ``limit`` when it said the figures) or, HTTP 413, more bytes than a
    request may have. ``message`` is the provider's own (untrusted text)."""

    tokens: int | None
    limit: int | None
    message: str


class Connections(Protocol):
    """What the counter needs of `app.chat.connection.ConnectionManager`."""

    @property
    def connection(self) -> Connection | None: ...

    def client(self) -> MessagesClient: ...


class TokenCounter(QObject):
    """Counts the input tokens of the request the user is writing, quietly and without blocking typing.

    Call `schedule` whenever the draft, the conversation or the parameters change: ``build_body`` is
    called `delay_ms` after the last call and its request is counted in a task; a newer count cancels one
    still running. ``build_body`` returns the request (as sent to ``/v1/messages``) or None when there is
    nothing to count. A provider that does not offer counting (HTTP 404, 405 or 501 for the endpoint) is
    remembered per connection and not asked again.

    Signals:
        counted(int): the provider's estimate for the latest request.
        too_long(TooLong): the latest request is more than the model or the provider accepts (sending it
            would fail the same way).
        hidden(): nothing to show: nothing to count, the count failed, or the provider does not count.
    """

    counted = Signal(int)
    too_long = Signal(object)
    hidden = Signal()

    def __init__(
        self,
        connections: Connections,
        build_body: Callable[[], dict[str, Any] | None],
        *,
        delay_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connections = connections
        self._build_body = build_body
        self._not_offered: set[str] = set()  # connections' cache keys
        self._task: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)

    @property
    def offered(self) -> bool:
        """Whether the active connection can count tokens (as far as is known)."""
        connection = self._connections.connection
        return connection is not None and connection.cache_key not in self._not_offered

    @property
    def running(self) -> bool:
        """Whether a count is waiting for its delay or for the provider's answer."""
        return self._timer.isActive() or (self._task is not None and not self._task.done())

    def schedule(self) -> None:
        """Count again once things have been quiet for the delay (restarting the delay)."""
        if not self.offered:
            self.cancel()
            self.hidden.emit()
            return
        self._timer.start()

    def cancel(self) -> None:
        """Forget a count that is waiting or running (e.g. when the window closes)."""
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _start(self) -> None:
        connection = self._connections.connection
        body = self._build_body() if self.offered else None
        self.cancel()
        if connection is None or body is None:
            self.hidden.emit()
            return
        self._task = asyncio.ensure_future(self._count(connection.cache_key, body))

    async def _count(self, key: str, body: dict[str, Any]) -> None:
        try:
            tokens = await self._connections.client().count_tokens(body)
        except APIError as exc:
            too_long = _too_long(exc)
            if too_long is None and _not_offered(exc):
                log.info("the provider does not count tokens (%s); not asking again", exc)
                self._not_offered.add(key)
            elif too_long is None:
                log.debug("could not count tokens: %s", exc)
            self._finish(key, too_long)
            return
        except RuntimeError as exc:  # the connection went away (its client was closed)
            log.debug("could not count tokens: %s", exc)
            self._finish(key, None)
            return
        self._finish(key, tokens)

    def _finish(self, key: str, result: int | TooLong | None) -> None:
        connection = self._connections.connection
        if self._task is not asyncio.current_task() or connection is None or connection.cache_key != key:
            return  # a newer count or another connection took over
        self._task = None
        if isinstance(result, TooLong):
            self.too_long.emit(result)
        elif result is None:
            self.hidden.emit()
        else:
            self.counted.emit(result)


def _too_long(exc: APIError) -> TooLong | None:
    """What the error says about a request too long for the model (HTTP 400 "prompt is too long") or too
    large for the provider (HTTP 413); None for any other error."""
    if exc.status == 413 or exc.type == "request_too_large":
        return TooLong(None, None, exc.message)
    match = _TOO_LONG.search(exc.message) if exc.status == 400 else None
    if match is None:
        return None
    tokens, limit = (int(n.replace(",", "")) if n else None for n in match.groups())
    return TooLong(tokens, limit, exc.message)


def _not_offered(exc: APIError) -> bool:
    """Whether the error says the endpoint does not exist (rather than that this request is wrong: a 404
    naming the model means an unknown model, which the next request may fix)."""
    if exc.status in (405, 501):
        return True
    if exc.status == 404 or exc.type == "not_found_error":
        return "model" not in exc.message.lower()
    return False
