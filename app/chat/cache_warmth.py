"""How long the prompt cache of a conversation stays warm: derived from the stored replies, never kept by hand.

A cache entry lives for its TTL (5 minutes, or an hour) after the last request that wrote it or read it (a
read refreshes it). The reply that did so last is :meth:`app.store.Store.last_cache_use`; its TTL is its
request's top-level ``cache_control.ttl`` (what Samtal sends for automatic caching), else a block-level one
of its system prompt or tools, else what its usage says was written (``cache_creation``), else 5 minutes, the
API's default. The clock starts when the reply was created, just before its request went out: a little
early, so the cache is never said to be warm when it may not be. Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.store.models import Message

__all__ = ["TTL_SECONDS", "CacheWarmth", "cache_warmth"]

TTL_SECONDS = {"5m": 300, "1h": 3600}  # the API's cache_control.ttl values
_DEFAULT_TTL = "5m"


@dataclass(frozen=True)
class CacheWarmth:
    """The cache that ``message`` (the last reply to use it) left: warm until ``until``, for ``ttl``."""

    message: Message
    ttl: str  # "5m" or "1h"
    until: datetime

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds until the cache goes cold (0: cold already)."""
        return max(0, int((self.until - now).total_seconds()))


def cache_warmth(message: Message, options: Mapping[str, Any]) -> CacheWarmth:
    """How long the cache ``message`` wrote or read stays warm, from its request's options (the request
    without its messages) and its usage."""
    ttl = _ttl(options, message.usage or {})
    return CacheWarmth(message, ttl, message.created_at + timedelta(seconds=TTL_SECONDS[ttl]))


def _ttl(options: Mapping[str, Any], usage: Mapping[str, Any]) -> str:
    ttls = [_marker_ttl(options.get("cache_control"))]
    for key in ("system", "tools"):  # block-level breakpoints Samtal may have sent
        items = options.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, Mapping):
                ttls.append(_marker_ttl(item.get("cache_control")))
    found = [ttl for ttl in ttls if ttl is not None]
    if found:
        return "1h" if "1h" in found else _DEFAULT_TTL
    creation = usage.get("cache_creation")
    hour = creation.get("ephemeral_1h_input_tokens") if isinstance(creation, Mapping) else None
    return "1h" if isinstance(hour, int) and not isinstance(hour, bool) and hour > 0 else _DEFAULT_TTL


def _marker_ttl(marker: object) -> str | None:
    """The TTL of a ``cache_control`` marker (``{"type": "ephemeral", "ttl": …}``; no ttl: 5 minutes)."""
    if not isinstance(marker, Mapping) or marker.get("type") != "ephemeral":
        return None
    ttl = marker.get("ttl", _DEFAULT_TTL)
    return ttl if ttl in TTL_SECONDS else _DEFAULT_TTL
