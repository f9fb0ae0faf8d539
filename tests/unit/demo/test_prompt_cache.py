"""Prompt caching: the first request writes the prefix before each breakpoint, a repeated prefix within
the time to live reads it, and time (a clock the test turns) makes entries expire."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app.demo import DemoServer
from tests.unit.demo.sse_reading import accumulate, stream

MODEL = "claude-demo-sonnet-5"  # caches from 1,024 tokens
SYSTEM = "You answer questions about bread. " * 160  # 5,440 characters: 1,360 tokens


class Clock:
    """Monotonic seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def timed() -> Iterator[tuple[DemoServer, Clock]]:
    clock = Clock()
    with DemoServer(clock=clock) as server:
        yield server, clock


@pytest.fixture
def clock(timed: tuple[DemoServer, Clock]) -> Clock:
    server, made = timed
    server.clear_cache()
    made.now = 1_000.0
    return made


@pytest.fixture
def api(timed: tuple[DemoServer, Clock], clock: Clock) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=timed[0].url, headers={"x-api-key": "k"}, timeout=10) as made:
        yield made


def request(*prompts: str, ttl: str | None = "5m", **fields: Any) -> dict[str, Any]:
    """A conversation of user prompts (answered by short assistant turns) with automatic caching."""
    messages: list[dict[str, Any]] = []
    for number, prompt in enumerate(prompts):
        if number:
            messages.append({"role": "assistant", "content": f"Answer {number}."})
        messages.append({"role": "user", "content": prompt})
    body: dict[str, Any] = {"model": MODEL, "max_tokens": 64, "system": SYSTEM, "messages": messages, **fields}
    if ttl is not None:
        body["cache_control"] = {"type": "ephemeral", "ttl": ttl}
    return body


def usage(api: httpx.Client, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post("/v1/messages", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json()["usage"])


def counted(api: httpx.Client, body: dict[str, Any]) -> int:
    fields = {key: value for key, value in body.items() if key != "max_tokens"}
    return int(api.post("/v1/messages/count_tokens", json=fields).json()["input_tokens"])


def cache(used: dict[str, Any]) -> tuple[int, int, int, int]:
    """(read, written for 5 minutes, written for an hour, uncached input)."""
    breakdown = used["cache_creation"]
    assert (
        used["cache_creation_input_tokens"]
        == breakdown["ephemeral_5m_input_tokens"] + breakdown["ephemeral_1h_input_tokens"]
    )
    return (
        used["cache_read_input_tokens"],
        breakdown["ephemeral_5m_input_tokens"],
        breakdown["ephemeral_1h_input_tokens"],
        used["input_tokens"],
    )


def test_the_first_request_writes_and_a_repeat_reads(api: httpx.Client, clock: Clock) -> None:
    body = request("Why does bread rise?")
    total = counted(api, body)
    assert cache(usage(api, body)) == (0, total, 0, 0)
    clock.now += 60
    assert cache(usage(api, body)) == (total, 0, 0, 0)


def test_a_growing_conversation_reads_the_previous_turn_and_writes_the_new_part(api: httpx.Client) -> None:
    first = request("Why does bread rise?")
    usage(api, first)
    second = request("Why does bread rise?", "And sourdough?")
    read, written, _, uncached = cache(usage(api, second))
    assert read == counted(api, first)
    assert read + written + uncached == counted(api, second)
    assert written > 0


def test_an_entry_expires_after_its_time_to_live_and_each_read_renews_it(api: httpx.Client, clock: Clock) -> None:
    body = request("Why does bread rise?")
    total = counted(api, body)
    usage(api, body)
    clock.now += 200
    assert cache(usage(api, body))[0] == total  # read at 200 s: good until 500 s
    clock.now += 250
    assert cache(usage(api, body))[0] == total  # 450 s after the write, 250 s after the read
    clock.now += 301
    assert cache(usage(api, body)) == (0, total, 0, 0)  # gone: written again


def test_an_hour_long_entry_outlives_five_minutes(api: httpx.Client, clock: Clock) -> None:
    body = request("Why does bread rise?", ttl="1h")
    total = counted(api, body)
    assert cache(usage(api, body)) == (0, 0, total, 0)
    clock.now += 59 * 60
    assert cache(usage(api, body))[0] == total
    clock.now += 61 * 60
    assert cache(usage(api, body)) == (0, 0, total, 0)


def test_a_prefix_below_the_models_minimum_is_not_cached(api: httpx.Client) -> None:
    short = {**request("Hi"), "system": "Be brief."}
    assert cache(usage(api, short)) == (0, 0, 0, counted(api, short))
    assert cache(usage(api, short)) == (0, 0, 0, counted(api, short))
    haiku = {**request("Why does bread rise?"), "model": "claude-demo-haiku-4-5"}  # caches from 4,096 tokens
    assert cache(usage(api, haiku))[:3] == (0, 0, 0)


def test_entries_belong_to_one_model(api: httpx.Client) -> None:
    body = request("Why does bread rise?")
    usage(api, body)
    other = {**body, "model": "claude-demo-opus-5"}
    assert cache(usage(api, other))[0] == 0


def test_block_breakpoints_cache_the_prefix_before_them(api: httpx.Client) -> None:
    system = [{"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral"}}]
    first = request("Why does bread rise?", ttl=None, system=system)
    prefix = counted(api, {**first, "messages": [{"role": "user", "content": "x"}]}) - 1  # "x" is one token
    assert cache(usage(api, first))[:2] == (0, prefix)
    other_question = request("What is gluten?", ttl=None, system=system)
    read, written, _, uncached = cache(usage(api, other_question))
    assert (read, written) == (prefix, 0)
    assert uncached == counted(api, other_question) - prefix


def test_streamed_usage_carries_the_cache_counts(api: httpx.Client) -> None:
    body = request("Why does bread rise?")
    total = counted(api, body)
    events = stream(api, body)
    start = events[0][1]["message"]["usage"]
    assert (start["cache_creation_input_tokens"], start["cache_creation"]["ephemeral_5m_input_tokens"]) == (
        total,
        total,
    )
    delta = next(data for name, data in events if name == "message_delta")["usage"]
    assert (delta["cache_creation_input_tokens"], delta["cache_read_input_tokens"], delta["input_tokens"]) == (
        total,
        0,
        0,
    )
    assert accumulate(stream(api, body))["usage"]["cache_read_input_tokens"] == total


def test_more_than_four_breakpoints_are_refused(api: httpx.Client) -> None:
    marked = {"type": "ephemeral"}
    system = [{"type": "text", "text": f"Rule {n}.", "cache_control": marked} for n in range(4)]
    four = request("Hi", ttl=None, system=system)
    assert api.post("/v1/messages", json=four).status_code == 200
    five = {**four, "cache_control": marked}  # the automatic breakpoint counts too
    response = api.post("/v1/messages", json=five)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "A maximum of 4 blocks with cache_control may be provided. Found 5."


def test_count_tokens_counts_the_schema_server_tools_and_search_results(api: httpx.Client) -> None:
    plain = request("Why does bread rise?", ttl=None)
    base = counted(api, plain)
    schema = {"type": "object", "properties": {"answer": {"type": "string"}}}
    with_schema = {**plain, "output_config": {"format": {"type": "json_schema", "schema": schema}}}
    assert counted(api, with_schema) > base
    with_search = {**plain, "tools": [{"type": "web_search_20250305", "name": "web_search", "max_uses": 3}]}
    assert counted(api, with_search) > base
    searched = [
        {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "bread"}},
        {
            "type": "web_search_tool_result",
            "tool_use_id": "srvtoolu_1",
            "content": [
                {
                    "type": "web_search_result",
                    "url": "https://b.example",
                    "title": "Bread",
                    "encrypted_content": "x" * 400,
                }
            ],
        },
        {"type": "text", "text": "Found it."},
    ]
    history = {
        **plain,
        "messages": [
            *plain["messages"],
            {"role": "assistant", "content": searched},
            {"role": "user", "content": "More?"},
        ],
    }
    assert counted(api, history) >= base + 100  # the 400 characters of the result, and more
