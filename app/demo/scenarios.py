"""Scripted scenarios: what the demo server plays instead of its default behaviour.

A test pushes scenarios onto the server's `Script`; each request to a path takes the oldest scenario
queued for that path (FIFO). With nothing queued the server answers as the real API would.

- `Reply`: one whole response (any status, headers and body), optionally after a delay.
- `Redirect`: a redirect (307 unless told) to another location.
- `Stream`: a response whose body is written item by item, so a test chooses every byte and every pause:
  a dict is sent as one SSE event, str/bytes are written raw, `Pause` waits, `Drop` cuts the connection,
  `Hang` stops sending until the client goes away or the server stops. With an ``encoding`` ("gzip",
  "deflate") the body is compressed as it goes (each item flushed, so it still streams), and an
  `Unencoded` item is written as it is, past the compression: a stream that turns to garbage.
- `Drop` / `Hang` pushed on their own act before any response is sent (no status line at all).
"""

from __future__ import annotations

import threading
import zlib
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

__all__ = [
    "ENCODINGS",
    "Drop",
    "Hang",
    "Pause",
    "Redirect",
    "Reply",
    "Scenario",
    "Script",
    "Stream",
    "StreamItem",
    "Unencoded",
]

# What `Stream.encoding` takes: the content-encoding → the zlib window bits of its format.
ENCODINGS = {"gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


@dataclass(frozen=True)
class Pause:
    """Inside a `Stream`: wait this many seconds before writing the next item."""

    seconds: float

    def __post_init__(self) -> None:
        if self.seconds < 0:
            raise ValueError("Pause needs a non-negative number of seconds")


@dataclass(frozen=True)
class Drop:
    """Cut the TCP connection: mid-body inside a `Stream`, or before any response when pushed alone.

    The client sees an incomplete body (or a connection closed without a response), never a clean end.
    """


@dataclass(frozen=True)
class Hang:
    """Stop sending and wait until the client goes away or the server stops.

    Inside a `Stream` this happens mid-body; pushed alone, before any response is sent."""


@dataclass(frozen=True)
class Unencoded:
    """Inside a `Stream` with an ``encoding``: these bytes, written as they are, not compressed."""

    data: bytes


StreamItem: TypeAlias = Mapping[str, Any] | str | bytes | Pause | Drop | Hang | Unencoded


@dataclass(frozen=True)
class Reply:
    """One complete response.

    `body`: a dict or list is sent as JSON; str as UTF-8 text; bytes as they are. `None` means the
    Anthropic error body matching `status` for an error status, or an empty body otherwise.
    `headers` override the server's defaults (names are case-insensitive). `delay` is waited before
    anything is sent, so it also delays the status line (time to first byte).
    """

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] | Sequence[Any] | str | bytes | None = None
    delay: float = 0.0

    def __post_init__(self) -> None:
        if not 100 <= self.status <= 599:
            raise ValueError(f"not an HTTP status: {self.status}")
        if self.delay < 0:
            raise ValueError("Reply delay must be non-negative")


@dataclass(frozen=True)
class Redirect:
    """A redirect to ``location`` (a path, or a whole URL), with status 301, 302, 303, 307 or 308."""

    location: str
    status: int = 307

    def __post_init__(self) -> None:
        if self.status not in (301, 302, 303, 307, 308):
            raise ValueError(f"not a redirect status: {self.status}")

    def reply(self) -> Reply:
        """The response that makes this redirect."""
        return Reply(status=self.status, headers={"location": self.location})


@dataclass(frozen=True)
class Stream:
    """A streamed response written item by item, each item as its own write.

    The status line and headers (default `content-type: text/event-stream`; `content-encoding` too with
    an ``encoding``) go out at once; the body ends cleanly after the last item unless a `Drop` or `Hang`
    came first.
    """

    items: Sequence[StreamItem]
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    encoding: str | None = None

    def __post_init__(self) -> None:
        if not 100 <= self.status <= 599:
            raise ValueError(f"not an HTTP status: {self.status}")
        if self.encoding is not None and self.encoding not in ENCODINGS:
            raise ValueError(f"not an encoding the demo server writes: {self.encoding!r} (use {sorted(ENCODINGS)})")
        for item in self.items:
            if isinstance(item, Mapping) and not isinstance(item.get("type"), str):
                raise ValueError("a dict stream item needs a string 'type' (it names the SSE event)")
            if not isinstance(item, Mapping | str | bytes | Pause | Drop | Hang | Unencoded):
                raise TypeError(f"not a stream item: {item!r}")


Scenario: TypeAlias = Reply | Redirect | Stream | Drop | Hang

_SCENARIO_TYPES = (Reply, Redirect, Stream, Drop, Hang)


class Script:
    """Scenarios waiting to be played, first in first out per request path.

    Safe to use from any thread: tests push from their own thread while the server pops.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[str, deque[Scenario]] = {}

    def push(self, scenario: Scenario, path: str = "/v1/messages") -> None:
        """Queue `scenario` for the next request to `path` that finds nothing older queued."""
        if not isinstance(scenario, _SCENARIO_TYPES):
            raise TypeError(f"not a scenario: {scenario!r}")
        if not path.startswith("/"):
            raise ValueError(f"a path starts with '/': {path!r}")
        with self._lock:
            self._queues.setdefault(path, deque()).append(scenario)

    def pop(self, path: str) -> Scenario | None:
        """Take the oldest scenario queued for `path`, or None when there is none."""
        with self._lock:
            queue = self._queues.get(path)
            return queue.popleft() if queue else None

    def pending(self, path: str | None = None) -> int:
        """How many scenarios are still queued (for `path`, or for all paths)."""
        with self._lock:
            if path is not None:
                return len(self._queues.get(path, ()))
            return sum(len(queue) for queue in self._queues.values())

    def clear(self) -> None:
        """Forget every queued scenario."""
        with self._lock:
            self._queues.clear()
