"""How long a conversation's prompt cache stays warm, from the reply that last wrote or read it: its
request's cache_control TTL, else what its usage says was written, else 5 minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.chat.cache_warmth import cache_warmth
from app.store.models import Message

SENT = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _reply(usage: dict[str, Any] | None = None) -> Message:
    return Message(
        id=1, uuid="u", conversation_id=1, parent_id=None, role="assistant", content=[], created_at=SENT, usage=usage
    )


@pytest.mark.parametrize(
    ("options", "usage", "ttl"),
    [
        ({"cache_control": {"type": "ephemeral", "ttl": "1h"}}, {}, "1h"),
        ({"cache_control": {"type": "ephemeral", "ttl": "5m"}}, {}, "5m"),
        ({"cache_control": {"type": "ephemeral"}}, {}, "5m"),  # the API's default
        ({"system": [{"type": "text", "text": "s", "cache_control": {"type": "ephemeral", "ttl": "1h"}}]}, {}, "1h"),
        ({"tools": [{"name": "t", "cache_control": {"type": "ephemeral", "ttl": "1h"}}]}, {}, "1h"),
        ({}, {"cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 900}}, "1h"),
        ({}, {"cache_creation": {"ephemeral_5m_input_tokens": 900, "ephemeral_1h_input_tokens": 0}}, "5m"),
        ({}, {"cache_read_input_tokens": 900}, "5m"),
        ({"cache_control": {"type": "ephemeral", "ttl": "2d"}}, {}, "5m"),
        ({"cache_control": "on"}, {"cache_creation": {"ephemeral_1h_input_tokens": True}}, "5m"),
    ],
)
def test_the_ttl_comes_from_the_request_else_from_the_usage(
    options: dict[str, Any], usage: dict[str, Any], ttl: str
) -> None:
    warmth = cache_warmth(_reply(usage), options)
    assert warmth.ttl == ttl
    assert warmth.until == SENT + timedelta(seconds=3600 if ttl == "1h" else 300)


def test_the_time_left_counts_down_to_zero() -> None:
    warmth = cache_warmth(_reply(), {})
    assert warmth.seconds_left(SENT) == 300
    assert warmth.seconds_left(SENT + timedelta(seconds=108.4)) == 191
    assert warmth.seconds_left(SENT + timedelta(minutes=5)) == 0
    assert warmth.seconds_left(SENT + timedelta(hours=2)) == 0
