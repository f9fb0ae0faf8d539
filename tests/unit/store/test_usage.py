"""store.usage: the tokens replies used, per conversation, per day and model, and the last use of the cache."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.store import ReplyDetails, Store
from tests.unit.store.conftest import FakeClock


def test_usage_totals_per_conversation_and_per_day_and_model(store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2025, 3, 1, 12, tzinfo=UTC).timestamp()
    one = store.create_conversation()
    two = store.create_conversation()
    usage = {"input_tokens": 10, "output_tokens": 20, "cache_read_input_tokens": 5, "cache_creation_input_tokens": 1}
    store.add_message(one.id, "user", "q")
    store.add_message(one.id, "assistant", "a", details=ReplyDetails(model="big", usage=usage))
    store.add_message(
        two.id, "assistant", "a", details=ReplyDetails(model="small", usage={"input_tokens": 1, "output_tokens": 2})
    )
    clock.advance(timedelta(days=2).total_seconds())
    store.add_message(
        one.id, "assistant", "b", details=ReplyDetails(model="big", usage={"input_tokens": 100, "output_tokens": 200})
    )
    store.add_message(one.id, "assistant", "no usage reported", details=ReplyDetails(model="big"))

    totals = store.usage.totals(one.id)
    assert (totals.replies, totals.input_tokens, totals.output_tokens) == (2, 110, 220)
    assert (totals.cache_read_input_tokens, totals.cache_creation_input_tokens) == (5, 1)
    assert totals.total_input_tokens == 116
    assert store.usage.replies(one.id) == [("big", usage), ("big", {"input_tokens": 100, "output_tokens": 200})]

    local = datetime(2025, 3, 1, 12, tzinfo=UTC).astimezone().date()
    days = store.usage.by_day()
    assert [(d.day, d.model, d.totals.output_tokens) for d in days] == [
        (local, "big", 20),
        (local, "small", 2),
        (local + timedelta(days=2), "big", 200),
    ]
    assert [d.day for d in store.usage.by_day(since=local + timedelta(days=1))] == [local + timedelta(days=2)]
    assert len(store.usage.by_day(until=local)) == 2
    assert store.usage.by_day(since=date(2030, 1, 1)) == []


def test_the_last_cache_use_is_the_newest_reply_that_wrote_or_read_the_cache(store: Store, clock: FakeClock) -> None:
    conversation = store.create_conversation()
    assert store.usage.last_cache_use(conversation.id) is None
    body = {"model": "m", "messages": [], "cache_control": {"type": "ephemeral", "ttl": "5m"}}
    wrote = store.add_message(
        conversation.id,
        "assistant",
        "a",
        request=body,
        details=ReplyDetails(usage={"input_tokens": 1, "cache_creation_input_tokens": 2_000}),
    )
    clock.advance(60)
    store.add_message(
        conversation.id, "assistant", "b", details=ReplyDetails(usage={"input_tokens": 9, "output_tokens": 1})
    )  # no cache
    found = store.usage.last_cache_use(conversation.id)
    assert found is not None
    assert (found[0].id, found[1]) == (wrote.id, {"model": "m", "cache_control": {"type": "ephemeral", "ttl": "5m"}})
    clock.advance(60)
    read = store.add_message(
        conversation.id, "assistant", "c", details=ReplyDetails(usage={"cache_read_input_tokens": 2_000})
    )
    found = store.usage.last_cache_use(conversation.id)
    assert found is not None
    assert (found[0].id, found[1]) == (read.id, {})  # no request recorded: no options
