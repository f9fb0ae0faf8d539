"""The status bar says while the conversation's prompt cache is warm, counting down from the last reply that
wrote or read it, for the conversation on screen only, and goes when the cache is cold."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.demo import Stream, text_events
from app.wiring.cache_status import CacheStatus
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server

MODEL = "claude-sonnet-5-5"


def _with_cache(usage: dict[str, Any]) -> Stream:
    events = text_events("Cached.", model=MODEL, input_tokens=3)
    for event in events:
        counts = event["message"]["usage"] if event["type"] == "message_start" else event.get("usage")
        if counts is not None:
            counts.update(usage)
    return Stream(events)


def _wiring(app: Running) -> CacheStatus:
    return app.root.cache_status


@pytest.mark.asyncio
async def test_the_cache_countdown_follows_the_last_reply_that_used_the_cache(
    qtbot: QtBot,
    running: Running,
) -> None:
    root = running.root
    wiring = _wiring(running)
    field = root.figures.cache_warm
    running.server.script.push(Stream(text_events("No cache here.", model=MODEL)))
    await running.send(qtbot, "hello")
    await running.until(lambda: not wiring._reader.isActive())
    assert not field.isVisible()  # nothing was cached: nothing to say

    running.server.script.push(_with_cache({"cache_creation_input_tokens": 2_048}))
    wrote = await running.send(qtbot, "again")
    sent = running.store.message(wrote).created_at
    wiring.now = lambda: sent + timedelta(seconds=108.4)
    await running.until(lambda: field.isVisible() and field.text() == "warm for 3:11")  # the next tick
    assert (field.caption(), field.short_text()) == ("Cache", "3:11")
    assert "5 minutes after the last request" in field.toolTip()
    assert wiring._ticker.isActive()  # it counts down
    wiring.now = lambda: sent + timedelta(seconds=299)
    await running.until(lambda: field.text() == "warm for 0:01")
    wiring.now = lambda: sent + timedelta(seconds=300)
    await running.until(lambda: not field.isVisible())
    assert not wiring._ticker.isActive()  # cold: no more ticks

    # A read of a one-hour cache (as its usage says) keeps it warm for an hour from that reply.
    running.server.script.push(
        _with_cache(
            {
                "cache_read_input_tokens": 2_048,
                "cache_creation_input_tokens": 100,
                "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 100},
            }
        )
    )
    read = await running.send(qtbot, "and again")
    sent = running.store.message(read).created_at
    wiring.now = lambda: sent + timedelta(seconds=1)
    wiring.refresh()
    assert field.text() == "warm for 59:59"
    assert "an hour after" in field.toolTip()
    conversation = root.current

    root.view.new_conversation()  # another conversation: its own cache, none yet
    await running.until(lambda: not field.isVisible())
    assert conversation is not None
    root.view.open_conversation(conversation)
    await running.until(lambda: field.isVisible())
    assert field.text() == "warm for 59:59"
