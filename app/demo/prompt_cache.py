"""Prompt caching as the API does it: breakpoints write the prefix before them, a later request with the
same prefix within the time to live reads it.

Breakpoints are the blocks that carry `cache_control` (tools, system blocks, message content blocks)
plus, with a top-level `cache_control` (automatic caching), the last block of the prompt. For each
breakpoint in order the cache is looked up at that block and at up to 20 blocks before it (so a
conversation that grows by a turn reads what the previous turn wrote); whatever is not read yet is
written, if the prefix is at least the model's minimum. A read renews the entry's time to live (5
minutes, or 1 hour with `"ttl": "1h"`). Entries are per model. The clock is injectable so that tests
can make time pass.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.demo.tokens import Segment, prompt_segments, prompt_tokens

__all__ = ["DEFAULT_MIN_CACHE_TOKENS", "NO_CACHE", "CacheUse", "PromptCache"]

DEFAULT_MIN_CACHE_TOKENS = 1_024  # for model ids the demo does not list
_TTL_SECONDS = {"5m": 300.0, "1h": 3600.0}
_LOOKBACK = 20  # blocks before a breakpoint where an earlier entry is still found


@dataclass(frozen=True)
class CacheUse:
    """The input tokens a request read from the cache and wrote to it (by time to live)."""

    read: int = 0
    written_5m: int = 0
    written_1h: int = 0

    @property
    def written(self) -> int:
        """Every token written, whatever its time to live."""
        return self.written_5m + self.written_1h


NO_CACHE = CacheUse()


@dataclass
class _Entry:
    ttl: str
    expires: float


class PromptCache:
    """The demo server's prompt cache, shared by all its connections (thread-safe)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._entries: dict[tuple[str, bytes], _Entry] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def use(self, body: Mapping[str, Any], min_tokens: int) -> CacheUse:
        """Read and write the cache for a validated Messages request; what it read and wrote."""
        segments = prompt_segments(body)
        breakpoints = _breakpoints(segments, body.get("cache_control"))
        if not breakpoints:
            return CacheUse()
        prefixes = _prefix_digests(segments)
        totals = _prefix_tokens(segments)
        model = str(body["model"])
        now = self._clock()
        read = covered = 0
        written = {"5m": 0, "1h": 0}
        with self._lock:
            for position, ttl in breakpoints:
                for earlier in range(position, max(-1, position - _LOOKBACK - 1), -1):
                    if totals[earlier] <= covered:
                        break
                    entry = self._entries.get((model, prefixes[earlier]))
                    if entry is not None and entry.expires > now:
                        entry.expires = now + _TTL_SECONDS[entry.ttl]
                        read += totals[earlier] - covered
                        covered = totals[earlier]
                        break
                if totals[position] > covered and totals[position] >= min_tokens:
                    self._entries[(model, prefixes[position])] = _Entry(ttl, now + _TTL_SECONDS[ttl])
                    written[ttl] += totals[position] - covered
                    covered = totals[position]
            self._forget_expired(now)
        return CacheUse(read, written["5m"], written["1h"])

    def _forget_expired(self, now: float) -> None:
        for key in [key for key, entry in self._entries.items() if entry.expires <= now]:
            del self._entries[key]


def _breakpoints(segments: list[Segment], automatic: object) -> list[tuple[int, str]]:
    """(segment index, ttl) of every breakpoint, in prompt order."""
    found = [
        (index, str(segment.cache_control.get("ttl", "5m")))
        for index, segment in enumerate(segments)
        if segment.cache_control is not None
    ]
    if isinstance(automatic, Mapping) and segments:
        last = len(segments) - 1
        found = [point for point in found if point[0] != last] + [(last, str(automatic.get("ttl", "5m")))]
    return [(index, ttl if ttl in _TTL_SECONDS else "5m") for index, ttl in found]


def _prefix_digests(segments: list[Segment]) -> list[bytes]:
    """A digest of the prompt up to and including each segment."""
    digests = []
    running = hashlib.sha256()
    for segment in segments:
        running.update(segment.key.encode())
        running.update(b"\0")
        digests.append(running.copy().digest())
    return digests


def _prefix_tokens(segments: list[Segment]) -> list[int]:
    """The input tokens of the prompt up to and including each segment."""
    totals = []
    characters = attachments = 0
    for segment in segments:
        characters += segment.characters
        attachments += segment.attachments
        totals.append(prompt_tokens(characters, attachments))
    return totals
