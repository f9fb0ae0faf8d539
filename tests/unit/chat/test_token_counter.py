"""The live token count against the real demo server: debounced, stale counts cancelled, and a provider
without the endpoint remembered and not asked again."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from app.chat.connection import ConnectionManager
from app.chat.token_counter import TokenCounter, TooLong
from app.demo import DemoServer, Reply
from app.settings import Profile
from tests.fixtures.chat import DEMO_TOKEN as TOKEN
from tests.fixtures.waiting import until

COUNT_PATH = "/v1/messages/count_tokens"
DELAY_MS = 40
BODY: dict[str, Any] = {
    "model": "claude-demo-sonnet-4-6",
    "max_tokens": 1000,
    "temperature": 0.5,
    "system": "Be brief.",
    "messages": [{"role": "user", "content": "How many tokens is this?"}],
}


class Seen:
    """The counter's signals, in order: ints for counts, `TooLong` for too long, None for hidden."""

    def __init__(self, counter: TokenCounter) -> None:
        self.events: list[int | TooLong | None] = []
        counter.counted.connect(self.events.append)
        counter.too_long.connect(self.events.append)
        counter.hidden.connect(lambda: self.events.append(None))


@pytest_asyncio.fixture
async def make_counter(connections: ConnectionManager) -> AsyncIterator[Callable[..., TokenCounter]]:
    made: list[TokenCounter] = []

    def make(build: Callable[[], dict[str, Any] | None] = lambda: dict(BODY)) -> TokenCounter:
        counter = TokenCounter(connections, build, delay_ms=DELAY_MS)
        made.append(counter)
        return counter

    yield make
    for counter in made:
        counter.cancel()
    await asyncio.sleep(0)  # let cancelled counts finish


def _count_requests(server: DemoServer) -> list[dict[str, Any]]:
    return [r.json for r in server.requests if r.path == COUNT_PATH and r.json is not None]


@pytest.mark.asyncio
async def test_several_quick_changes_make_one_request(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer
) -> None:
    builds: list[int] = []

    def build() -> dict[str, Any]:
        builds.append(1)
        return dict(BODY)

    counter = make_counter(build)
    seen = Seen(counter)
    for _ in range(5):
        counter.schedule()
        await asyncio.sleep(DELAY_MS / 4000)  # typing faster than the delay
    assert not builds  # nothing is built while the user types
    await until(lambda: seen.events)
    assert len(builds) == 1
    requests = _count_requests(demo_server)
    assert len(requests) == 1
    assert isinstance(seen.events[0], int)
    assert seen.events[0] > 0
    sent = requests[0]
    assert sent["messages"] == BODY["messages"]
    assert sent["system"] == "Be brief."
    assert "max_tokens" not in sent  # the endpoint refuses it: the client leaves it out
    assert "temperature" not in sent
    assert not counter.running


@pytest.mark.asyncio
async def test_a_longer_draft_counts_more(qtbot: QtBot, make_counter: Callable[..., TokenCounter]) -> None:
    body = dict(BODY)
    counter = make_counter(lambda: body)
    seen = Seen(counter)
    counter.schedule()
    await until(lambda: seen.events)
    body = {**BODY, "messages": [{"role": "user", "content": "How many tokens is this? " * 40}]}
    counter.schedule()
    await until(lambda: len(seen.events) == 2)
    first, second = seen.events
    assert isinstance(first, int)
    assert isinstance(second, int)
    assert second > first


@pytest.mark.asyncio
async def test_a_new_count_cancels_a_stale_one(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer
) -> None:
    demo_server.script.push(Reply(body={"input_tokens": 1}, delay=0.4), COUNT_PATH)  # the slow, stale answer
    counter = make_counter()
    seen = Seen(counter)
    counter.schedule()
    await until(lambda: len(demo_server.requests) == 1)  # the first count is on its way
    counter.schedule()
    await until(lambda: seen.events)
    await asyncio.sleep(0.5)  # long enough for the stale answer to have arrived, had it not been cancelled
    assert len(seen.events) == 1
    assert seen.events[0] != 1
    assert len(_count_requests(demo_server)) == 2


@pytest.mark.asyncio
async def test_a_provider_without_the_endpoint_is_hidden_and_not_asked_again(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer, connections: ConnectionManager
) -> None:
    demo_server.script.push(Reply(status=404), COUNT_PATH)
    counter = make_counter()
    seen = Seen(counter)
    assert counter.offered
    counter.schedule()
    await until(lambda: seen.events)
    assert seen.events == [None]
    assert not counter.offered
    counter.schedule()  # typing on: hidden at once, no request, no timer
    assert seen.events == [None, None]
    assert not counter.running
    await asyncio.sleep(DELAY_MS * 3 / 1000)
    assert len(_count_requests(demo_server)) == 1

    # Another connection is asked again.
    other = Profile("demo-2", "Demo bearer", "custom", demo_server.url, "bearer")
    assert connections.use_profile(other, token=TOKEN)
    assert counter.offered
    counter.schedule()
    await until(lambda: len(seen.events) == 3)
    assert isinstance(seen.events[2], int)


@pytest.mark.asyncio
async def test_method_not_allowed_also_means_no_endpoint(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer
) -> None:
    demo_server.script.push(Reply(status=405, body="Method Not Allowed"), COUNT_PATH)
    counter = make_counter()
    seen = Seen(counter)
    counter.schedule()
    await until(lambda: seen.events)
    assert seen.events == [None]
    assert not counter.offered


@pytest.mark.asyncio
async def test_an_unknown_model_or_a_bad_request_hides_the_count_but_asks_again_later(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer
) -> None:
    model_missing = {"type": "error", "error": {"type": "not_found_error", "message": "model: claude-nope"}}
    demo_server.script.push(Reply(status=404, body=model_missing), COUNT_PATH)
    demo_server.script.push(Reply(status=400), COUNT_PATH)
    counter = make_counter()
    seen = Seen(counter)
    for expected in (1, 2, 3):
        counter.schedule()
        await until(lambda: len(seen.events) == expected)  # noqa: B023 (awaited within the iteration)
    assert seen.events[:2] == [None, None]
    assert isinstance(seen.events[2], int)
    assert counter.offered


@pytest.mark.asyncio
async def test_a_request_too_long_for_the_model_is_said_with_its_figures(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer
) -> None:
    body = dict(BODY)
    counter = make_counter(lambda: body)
    seen = Seen(counter)
    body = {**BODY, "messages": [{"role": "user", "content": "word " * 200_000}]}  # ~250,000 tokens
    counter.schedule()
    await until(lambda: seen.events)
    (event,) = seen.events
    assert isinstance(event, TooLong)
    assert event.limit == 200_000  # the demo model's context
    assert event.tokens is not None
    assert event.tokens > 200_000
    assert "prompt is too long" in event.message
    assert counter.offered  # the provider counts: it is the request that is too long

    body = dict(BODY)  # shortened again: a count once more
    counter.schedule()
    await until(lambda: len(seen.events) == 2)
    assert isinstance(seen.events[1], int)


@pytest.mark.asyncio
async def test_a_request_too_large_for_the_provider_is_too_long_without_figures(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer
) -> None:
    demo_server.script.push(Reply(status=413, body="<html>Request Entity Too Large</html>"), COUNT_PATH)
    too_long = {"type": "error", "error": {"type": "invalid_request_error", "message": "Prompt is too long"}}
    demo_server.script.push(Reply(status=400, body=too_long), COUNT_PATH)
    counter = make_counter()
    seen = Seen(counter)
    for expected in (1, 2):
        counter.schedule()
        await until(lambda: len(seen.events) == expected)  # noqa: B023 (awaited within the iteration)
    large, long = seen.events
    assert isinstance(large, TooLong)
    assert (large.tokens, large.limit) == (None, None)
    assert isinstance(long, TooLong)
    assert (long.tokens, long.limit, long.message) == (None, None, "Prompt is too long")
    assert counter.offered


@pytest.mark.asyncio
async def test_nothing_to_count_hides_without_asking(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer
) -> None:
    counter = make_counter(lambda: None)
    seen = Seen(counter)
    counter.schedule()
    await until(lambda: seen.events)
    assert seen.events == [None]
    assert _count_requests(demo_server) == []


@pytest.mark.asyncio
async def test_no_connection_hides_and_cancel_stops_a_waiting_count(
    qtbot: QtBot, make_counter: Callable[..., TokenCounter], demo_server: DemoServer, connections: ConnectionManager
) -> None:
    counter = make_counter()
    seen = Seen(counter)
    counter.schedule()
    assert counter.running
    counter.cancel()
    assert not counter.running
    await asyncio.sleep(DELAY_MS * 3 / 1000)
    assert seen.events == []
    connections.drop_connection()
    assert not counter.offered
    counter.schedule()
    assert seen.events == [None]
    assert _count_requests(demo_server) == []
