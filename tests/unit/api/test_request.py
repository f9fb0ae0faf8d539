"""Request bodies built from a conversation and its parameters."""

from __future__ import annotations

from typing import Any

import pytest

from app.api.params import API_PARAMS
from app.api.request import build_request, count_tokens_request, params_of_request, strip_private

SCHEMA = {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}


def test_minimal_request() -> None:
    body = build_request([{"role": "user", "content": "Hi"}], {"model": "claude-x", "max_tokens": 100})
    assert body == {"model": "claude-x", "max_tokens": 100, "messages": [{"role": "user", "content": "Hi"}]}


EVERY: dict[str, Any] = {
    "model": "claude-x",
    "max_tokens": 2048,
    "system": "Be brief.",
    "temperature": 0.3,
    "top_p": 0.9,
    "top_k": 40,
    "stop_sequences": ["END"],
    "metadata_user_id": "user-hash",
    "tools": [{"name": "get_weather", "input_schema": {"type": "object", "properties": {}}, "strict": True}],
    "tool_choice": {"type": "auto"},
    "thinking": {"type": "enabled", "budget_tokens": 1024, "display": "omitted"},
    "effort": "medium",
    "output_format": SCHEMA,
    "cache_ttl": "1h",
    "web_search": {"max_uses": 3, "allowed_domains": ["docs.python.org"]},
    "web_fetch": {"max_uses": 1, "citations": True},
    "service_tier": "standard_only",
}


def test_every_parameter_is_sent_where_the_api_wants_it() -> None:
    assert set(EVERY) == API_PARAMS
    body = build_request([], EVERY)
    assert body == {
        "model": "claude-x",
        "max_tokens": 2048,
        "system": "Be brief.",
        "temperature": 0.3,
        "top_p": 0.9,
        "top_k": 40,
        "stop_sequences": ["END"],
        "metadata": {"user_id": "user-hash"},
        "tools": [
            *EVERY["tools"],
            {
                "type": "web_search_20250305",
                "name": "web_search",
                "max_uses": 3,
                "allowed_domains": ["docs.python.org"],
            },
            {"type": "web_fetch_20250910", "name": "web_fetch", "max_uses": 1, "citations": {"enabled": True}},
        ],
        "tool_choice": {"type": "auto"},
        "thinking": {"type": "enabled", "budget_tokens": 1024, "display": "omitted"},
        "output_config": {"effort": "medium", "format": {"type": "json_schema", "schema": SCHEMA}},
        "cache_control": {"type": "ephemeral", "ttl": "1h"},
        "service_tier": "standard_only",
        "messages": [],
    }


@pytest.mark.parametrize(
    "params",
    [
        EVERY,
        {"model": "m", "max_tokens": 1},
        {"model": "m", "max_tokens": 1, "web_search": {}},
        {"model": "m", "max_tokens": 1, "web_fetch": {"citations": False}, "effort": "low"},
        {"model": "m", "max_tokens": 1, "output_format": SCHEMA, "cache_ttl": "5m"},
        {"model": "m", "max_tokens": 1, "tools": EVERY["tools"], "web_fetch": {}},
    ],
)
def test_params_of_request_is_the_exact_inverse(params: dict[str, Any]) -> None:
    body = build_request([{"role": "user", "content": "hi"}], params)
    assert params_of_request(body) == params
    assert build_request(body["messages"], params_of_request(body)) == body


def test_a_server_tool_of_another_shape_stays_among_the_tools() -> None:
    located = {"type": "web_search_20250305", "name": "web_search", "user_location": {"type": "approximate"}}
    newer = {"type": "web_search_20260209", "name": "web_search"}
    for tool in (located, newer):
        body = {"model": "m", "max_tokens": 1, "tools": [tool], "messages": []}
        assert params_of_request(body) == {"model": "m", "max_tokens": 1, "tools": [tool]}
        assert build_request([], params_of_request(body)) == body
    # A cache_control without a ttl is the API's default, 5 minutes.
    assert params_of_request({"cache_control": {"type": "ephemeral"}}) == {"cache_ttl": "5m"}


def test_count_tokens_takes_only_what_its_endpoint_takes() -> None:
    body = build_request([{"role": "user", "content": "hi"}], EVERY)
    assert count_tokens_request({**body, "stream": True}) == {
        key: body[key]
        for key in ("model", "messages", "system", "tools", "tool_choice", "thinking", "output_config", "cache_control")
    }


def test_none_values_are_not_sent_but_zero_and_empty_are() -> None:
    body = build_request(
        [], {"model": "m", "max_tokens": 0, "temperature": 0.0, "top_p": None, "metadata_user_id": None, "system": ""}
    )
    assert body == {"model": "m", "max_tokens": 0, "temperature": 0.0, "system": "", "messages": []}


def test_unknown_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="temprature"):
        build_request([], {"model": "m", "temprature": 1})


def test_private_keys_are_stripped_and_incomplete_blocks_dropped() -> None:
    messages = [
        {"role": "user", "content": [{"type": "text", "text": "Weather?", "_draft_id": 3}], "id": 17},
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "Checking.", "_rendered": "<p>Checking.</p>"},
                {"type": "tool_use", "id": "t1", "name": "w", "input": {"_city": "Paris"}},
                {
                    "type": "tool_use",
                    "id": "t2",
                    "name": "w",
                    "input": {},
                    "_partial_json": '{"ci',
                    "_incomplete": True,
                },
                {"type": "thinking", "thinking": "half", "_incomplete": True},
            ],
        },
        {
            "role": "user",
            "content": [
                {
                    "type": "tool_result",
                    "tool_use_id": "t1",
                    "content": [{"type": "text", "text": "Sunny", "_source": "tool"}],
                    "_ran_at": 5,
                }
            ],
        },
    ]
    body = build_request(messages, {"model": "m", "max_tokens": 10})
    assert body["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "Weather?"}]},
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "Checking."},
                {"type": "tool_use", "id": "t1", "name": "w", "input": {"_city": "Paris"}},
            ],
        },
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "t1", "content": [{"type": "text", "text": "Sunny"}]}],
        },
    ]


def test_strip_private_copies_deeply() -> None:
    blocks = [{"type": "tool_use", "id": "t", "name": "n", "input": {"list": [1]}, "_note": "x"}]
    stripped = strip_private(blocks)
    stripped[0]["input"]["list"].append(2)
    assert blocks[0]["input"] == {"list": [1]}
    assert "_note" in blocks[0]
    assert stripped == [{"type": "tool_use", "id": "t", "name": "n", "input": {"list": [1, 2]}}]


def test_string_content_is_kept_as_is() -> None:
    body = build_request([{"role": "assistant", "content": "Prefill"}], {"model": "m", "max_tokens": 1})
    assert body["messages"] == [{"role": "assistant", "content": "Prefill"}]


def test_history_the_api_would_refuse_is_repaired() -> None:
    """Imported or interrupted histories: unsigned thinking, unanswered tool calls, orphan results,
    empty text and same-role neighbours."""
    messages = [
        {"role": "user", "content": [{"type": "text", "text": "Make a chart"}]},
        {
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "no signature: can't be replayed"},
                {"type": "text", "text": ""},
                {"type": "tool_use", "id": "toolu_1", "name": "artifacts", "input": {"title": "Chart"}},
            ],
        },
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_9", "content": "orphan"}]},
        {"role": "user", "content": "And a table?"},
        {"role": "assistant", "content": [{"type": "text", "text": ""}]},
    ]
    body = build_request(messages, {"model": "m", "max_tokens": 10})
    assert body["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "Make a chart"}]},
        {
            "role": "assistant",
            "content": [{"type": "text", "text": '[Called the tool artifacts with {"title": "Chart"}]'}],
        },
        {
            "role": "user",
            "content": [{"type": "text", "text": "[Tool result: orphan]"}, {"type": "text", "text": "And a table?"}],
        },
    ]


def test_a_proper_tool_round_trip_and_signed_thinking_are_kept() -> None:
    messages = [
        {"role": "user", "content": "Weather?"},
        {
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "call the tool", "signature": "sig"},
                {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Oslo"}},
            ],
        },
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "3 °C"}]},
    ]
    body = build_request(messages, {"model": "m", "max_tokens": 10})
    assert body["messages"] == messages
