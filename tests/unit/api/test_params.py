"""The parameter rules: each problem (field, message, blocking) and what `prepare` actually sends."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.catalog import catalog
from app.api.models import ModelInfo
from app.api.params import (
    API_PARAMS,
    MAX_NONSTREAMING_TOKENS,
    SAMTAL_PARAMS,
    Problem,
    ToolProblem,
    check,
    field_of_api_error,
    fill_required,
    prefill_problem,
    prepare,
    rules_for,
    thinking_on,
    validate_tools_json,
)
from app.api.request import build_request
from app.demo.validation import InvalidRequest, validate_messages_request

OLD = "gateway-model"  # not a model the catalog knows: every parameter goes, temperature with top_p too
NEW = "claude-sonnet-4-6"  # sampling, but not temperature and top_p together
BASE: dict[str, Any] = {"model": OLD, "max_tokens": 4096}
THINKING = {"type": "enabled", "budget_tokens": 2048}
WEATHER = {
    "name": "get_weather",
    "description": "The weather in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}
SONNET = ModelInfo("claude-demo-sonnet-4-6", "Claude Demo Sonnet 4.6", max_tokens=64_000)


def problems_of(params: dict[str, Any], model: ModelInfo | None = None) -> list[tuple[str, bool]]:
    return [(problem.field, problem.blocking) for problem in check(params, model)]


def test_valid_parameters_are_sent_as_they_are() -> None:
    params = {
        **BASE,
        "system": "Be brief.",
        "temperature": 0.3,
        "top_p": 0.9,
        "top_k": 40,
        "stop_sequences": ["END"],
        "metadata_user_id": "9f86d081884c7d65",
        "tools": [WEATHER],
        "tool_choice": {"type": "tool", "name": "get_weather", "disable_parallel_tool_use": True},
    }
    assert prepare(params) == (params, [])


def test_samtal_keys_none_and_unknown_keys_are_not_sent(caplog: pytest.LogCaptureFixture) -> None:
    params = {**BASE, "stream": True, "sampling_preference": "top_p", "top_k": None, "from_the_future": 1}
    with caplog.at_level("INFO", logger="app.api.params"):
        assert prepare(params) == (BASE, [])
    assert "from_the_future" in caplog.text
    assert "stream" not in caplog.text


def test_empty_values_are_not_sent() -> None:
    params = {**BASE, "system": "  \n", "stop_sequences": [], "tools": [], "metadata_user_id": " ", "top_p": None}
    assert prepare(params) == (BASE, [])


def test_blank_blocks_of_a_system_list_are_left_out() -> None:
    text = {"type": "text", "text": "Be brief."}
    sent, problems = prepare({**BASE, "system": [{"type": "text", "text": " "}, text]})
    assert (sent["system"], problems) == ([text], [])
    assert "system" not in prepare({**BASE, "system": [{"type": "text", "text": ""}]})[0]
    assert problems_of({**BASE, "system": [{"type": "image"}]}) == [("system", True)]
    assert problems_of({**BASE, "system": 5}) == [("system", True)]


# --- model and max_tokens ------------------------------------------------------------------------


@pytest.mark.parametrize("model", [None, "", "  ", 3])
def test_a_model_is_required(model: Any) -> None:
    assert check({"model": model, "max_tokens": 10}) == [
        Problem("model", "Choose a model: the request needs one.", True)
    ]


def test_max_tokens_is_required_and_positive() -> None:
    assert check({"model": OLD}) == [Problem("max_tokens", "Set max_tokens: the request needs it.", True)]
    for bad in (0, -1, 1.5, "100", True):
        assert problems_of({"model": OLD, "max_tokens": bad}) == [("max_tokens", True)], bad


def test_max_tokens_is_bounded_by_the_model_when_known() -> None:
    demo = {"model": SONNET.id, "max_tokens": 64_000}
    assert check(demo, SONNET) == []
    assert check({**demo, "max_tokens": 64_001}, SONNET) == [
        Problem("max_tokens", "Claude Demo Sonnet 4.6 writes at most 64,000 tokens: lower max_tokens.", True)
    ]
    assert check({**BASE, "max_tokens": 64_001}, ModelInfo(OLD, "X")) == []  # limit unknown


def test_max_tokens_is_bounded_by_the_catalog_when_the_provider_says_nothing() -> None:
    assert check({"model": "claude-haiku-4-5-20251001", "max_tokens": 64_000}) == []
    assert check({"model": "claude-haiku-4-5-20251001", "max_tokens": 64_001}) == [
        Problem("max_tokens", "Claude Haiku 4.5 writes at most 64,000 tokens: lower max_tokens.", True)
    ]
    # The provider's limit wins over the catalog's.
    bigger = ModelInfo("claude-haiku-4-5", "Claude Haiku 4.5", max_tokens=100_000)
    assert check({"model": "claude-haiku-4-5", "max_tokens": 64_001}, bigger) == []


def test_the_required_parameters_are_filled_in() -> None:
    assert fill_required({}, "claude-sonnet-5-5") == {"model": "claude-sonnet-5-5", "max_tokens": 4096}
    assert fill_required({"model": "m", "max_tokens": 10}, "other") == {"model": "m", "max_tokens": 10}
    budget = {"type": "enabled", "budget_tokens": 2048}
    assert fill_required({"thinking": budget}, "m")["max_tokens"] == 4096 + 2048  # the answer keeps its room
    assert fill_required({"thinking": {"type": "adaptive"}}, "m")["max_tokens"] == 4096


# --- ranges ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("temperature", 1.01, "Temperature must be a number from 0 to 1."),
        ("temperature", -0.1, "Temperature must be a number from 0 to 1."),
        ("temperature", "0.5", "Temperature must be a number from 0 to 1."),
        ("temperature", float("nan"), "Temperature must be a number from 0 to 1."),
        ("top_p", 2, "top_p must be a number from 0 to 1."),
        ("top_p", False, "top_p must be a number from 0 to 1."),
        ("top_k", 0, "top_k must be a whole number of at least 1."),
        ("top_k", 2.5, "top_k must be a whole number of at least 1."),
    ],
)
def test_sampling_parameters_out_of_range_are_blocking(name: str, value: Any, message: str) -> None:
    assert check({**BASE, name: value}) == [Problem(name, message, True)]


@pytest.mark.parametrize(("name", "value"), [("temperature", 0), ("temperature", 1), ("top_p", 0.0), ("top_k", 1)])
def test_the_ends_of_the_ranges_are_fine(name: str, value: float) -> None:
    assert prepare({**BASE, name: value}) == ({**BASE, name: value}, [])


# --- stop sequences and metadata ------------------------------------------------------------------


def test_stop_sequences_name_the_bad_entry() -> None:
    problems = check({**BASE, "stop_sequences": ["END", "", " \n", 7]})
    assert problems == [
        Problem("stop_sequences", "Stop sequence 2 is empty: remove it or write one.", True),
        Problem("stop_sequences", "Stop sequence 3 is only whitespace: remove it or write one.", True),
        Problem("stop_sequences", "Stop sequence 4 is not text: remove it or write one.", True),
    ]
    assert problems_of({**BASE, "stop_sequences": "END"}) == [("stop_sequences", True)]
    assert check({**BASE, "stop_sequences": [" END "]}) == []  # surrounding spaces are part of it


@pytest.mark.parametrize(
    ("user_id", "looks_like"),
    [
        ("ada@example.com", "an e-mail address"),
        ("user:ada.lovelace@example.co.uk", "an e-mail address"),
        ("+46 70 123 45 67", "a phone number"),
        ("(555) 123-4567", "a phone number"),
        ("+4670123456", "a phone number"),
    ],
)
def test_personal_data_in_metadata_user_id_is_warned_about(user_id: str, looks_like: str) -> None:
    sent, problems = prepare({**BASE, "metadata_user_id": user_id})
    assert sent["metadata_user_id"] == user_id  # a warning: still sent
    assert problems == [
        Problem(
            "metadata_user_id",
            f"metadata.user_id looks like {looks_like}: send an opaque id such as a hash, not personal data.",
            False,
        )
    ]


@pytest.mark.parametrize(
    "user_id", ["550e8400-e29b-41d4-a716-446655440000", "12345678", "u-123", "9f86d081884c7d65", "team@work"]
)
def test_opaque_user_ids_are_fine(user_id: str) -> None:
    assert check({**BASE, "metadata_user_id": user_id}) == []


def test_metadata_user_id_must_be_text() -> None:
    assert check({**BASE, "metadata_user_id": 42}) == [
        Problem("metadata_user_id", "metadata.user_id must be text.", True)
    ]


# --- streaming ------------------------------------------------------------------------------------


def test_non_streaming_requests_are_limited_in_length() -> None:
    at_limit = {**BASE, "max_tokens": MAX_NONSTREAMING_TOKENS, "stream": False}
    assert prepare(at_limit) == ({**BASE, "max_tokens": 21_333}, [])
    assert check({**at_limit, "max_tokens": 21_334}) == [
        Problem(
            "stream",
            "Non-streaming requests are limited to 21,333 max_tokens (the API refuses longer ones); turn streaming "
            "on or lower max_tokens.",
            True,
        )
    ]
    assert check({**BASE, "max_tokens": 64_000, "stream": True}) == []
    assert check({**BASE, "stream": "no"}) == [Problem("stream", "stream must be true or false.", True)]


# --- temperature and top_p together ---------------------------------------------------------------


def test_a_newer_model_gets_only_the_preferred_sampler() -> None:
    params = {"model": NEW, "max_tokens": 100, "temperature": 0.2, "top_p": 0.8}
    assert not rules_for(NEW).temperature_with_top_p
    sent, problems = prepare(params)
    assert sent == {"model": NEW, "max_tokens": 100, "temperature": 0.2}
    message = "This model refuses temperature and top_p together: only temperature is sent."
    assert problems == [Problem("temperature", message, False), Problem("top_p", message, False)]

    sent, problems = prepare({**params, "sampling_preference": "top_p"})
    assert sent == {"model": NEW, "max_tokens": 100, "top_p": 0.8}
    assert {p.message for p in problems} == {"This model refuses temperature and top_p together: only top_p is sent."}
    assert prepare({**params, "sampling_preference": "nonsense"})[0]["temperature"] == 0.2


def test_an_older_model_gets_both_and_one_alone_is_fine() -> None:
    assert prepare({**BASE, "temperature": 0.2, "top_p": 0.8}) == ({**BASE, "temperature": 0.2, "top_p": 0.8}, [])
    assert check({"model": NEW, "max_tokens": 100, "top_p": 0.8}) == []


# --- extended thinking ----------------------------------------------------------------------------


def test_thinking_on() -> None:
    assert thinking_on({"thinking": THINKING})
    assert thinking_on({"thinking": {"type": "adaptive"}})
    assert not thinking_on({"thinking": {"type": "disabled"}})
    assert not thinking_on({"thinking": "yes"})
    assert not thinking_on({})


def test_thinking_drops_temperature_and_top_k_and_raises_top_p() -> None:
    params = {**BASE, "thinking": THINKING, "temperature": 0.7, "top_k": 5, "top_p": 0.5}
    sent, problems = prepare(params)
    assert sent == {**BASE, "thinking": THINKING, "top_p": 0.95}
    assert problems == [
        Problem("temperature", "Temperature isn't sent while extended thinking is on.", False),
        Problem("top_k", "top_k isn't sent while extended thinking is on.", False),
        Problem("top_p", "While extended thinking is on, top_p is at least 0.95: it is sent as 0.95.", False),
    ]


def test_with_thinking_a_top_p_of_at_least_0_95_is_sent_as_it_is() -> None:
    assert prepare({**BASE, "thinking": THINKING, "top_p": 0.97}) == ({**BASE, "thinking": THINKING, "top_p": 0.97}, [])


def test_adaptive_thinking_follows_the_same_rules() -> None:
    adaptive = {"type": "adaptive"}
    sent, problems = prepare({"model": NEW, "max_tokens": 100, "thinking": adaptive, "temperature": 0.1})
    assert sent == {"model": NEW, "max_tokens": 100, "thinking": adaptive}
    assert problems == [Problem("temperature", "Temperature isn't sent while extended thinking is on.", False)]


def test_with_thinking_and_a_newer_model_top_p_survives() -> None:
    # Temperature goes because of thinking, so the model's either-or rule has nothing left to say.
    sent, problems = prepare({"model": NEW, "max_tokens": 4096, "thinking": THINKING, "temperature": 1, "top_p": 1})
    assert sent == {"model": NEW, "max_tokens": 4096, "thinking": THINKING, "top_p": 1}
    assert [p.field for p in problems] == ["temperature"]


def test_disabled_thinking_changes_nothing() -> None:
    params = {**BASE, "thinking": {"type": "disabled"}, "temperature": 0.3, "top_k": 3}
    assert prepare(params) == (params, [])


@pytest.mark.parametrize(
    ("budget", "max_tokens", "message"),
    [
        (1023, 4096, "The thinking budget must be a whole number of at least 1,024 tokens."),
        (None, 4096, "The thinking budget must be a whole number of at least 1,024 tokens."),
        ("2048", 4096, "The thinking budget must be a whole number of at least 1,024 tokens."),
        (4096, 4096, "The thinking budget must be less than max_tokens (4,096)."),
        (5000, 4096, "The thinking budget must be less than max_tokens (4,096)."),
    ],
)
def test_the_thinking_budget_is_bounded(budget: Any, max_tokens: int, message: str) -> None:
    thinking = {"type": "enabled", "budget_tokens": budget}
    assert check({**BASE, "max_tokens": max_tokens, "thinking": thinking}) == [Problem("thinking", message, True)]


def test_the_smallest_budget_below_max_tokens_is_fine() -> None:
    assert check({**BASE, "max_tokens": 1025, "thinking": {"type": "enabled", "budget_tokens": 1024}}) == []


@pytest.mark.parametrize("thinking", ["on", {"type": "sometimes"}, {"budget_tokens": 2048}])
def test_a_malformed_thinking_setting_is_blocking(thinking: Any) -> None:
    assert check({**BASE, "thinking": thinking}) == [
        Problem("thinking", "Extended thinking must be enabled with a budget, adaptive or disabled.", True)
    ]


@pytest.mark.parametrize("choice", [{"type": "any"}, {"type": "tool", "name": "get_weather"}])
def test_thinking_refuses_forced_tool_use(choice: dict[str, Any]) -> None:
    sent, problems = prepare({**BASE, "thinking": THINKING, "tools": [WEATHER], "tool_choice": choice})
    assert sent["tool_choice"] == choice  # not changed behind the user's back: the send is refused
    assert problems == [
        Problem(
            "tool_choice",
            "Extended thinking can't be used while tool_choice forces a tool: choose auto or none, or turn thinking "
            "off.",
            True,
        )
    ]


@pytest.mark.parametrize("kind", ["auto", "none"])
def test_thinking_allows_tool_choice_auto_and_none(kind: str) -> None:
    assert check({**BASE, "thinking": THINKING, "tools": [WEATHER], "tool_choice": {"type": kind}}) == []


def test_a_prefill_with_thinking_must_start_with_the_thinking() -> None:
    question = {"role": "user", "content": "hi"}
    started = {"role": "assistant", "content": [{"type": "text", "text": "Once"}]}
    thought = {"role": "assistant", "content": [{"type": "thinking", "thinking": "..", "signature": "s"}]}
    on = {**BASE, "thinking": THINKING}
    assert prefill_problem(on, [question, started]) == Problem(
        "thinking", "A reply can't be continued while extended thinking is on: turn thinking off.", True
    )
    assert prefill_problem(on, [question, {"role": "assistant", "content": "Once"}]) is not None
    assert prefill_problem(on, [question, thought]) is None
    assert prefill_problem(on, [question]) is None
    assert prefill_problem(BASE, [question, started]) is None


# --- tools and tool_choice ------------------------------------------------------------------------


def tool_messages(tools: Any) -> list[str]:
    return [problem.message for problem in check({**BASE, "tools": tools}) if problem.field == "tools"]


def test_tool_definitions_are_checked() -> None:
    assert tool_messages([WEATHER, {**WEATHER, "name": "get-time_2"}]) == []
    assert tool_messages([{**WEATHER, "name": "get weather"}]) == [
        'The tool name "get weather" may only use letters, digits, _ and - (at most 128 of them).'
    ]
    assert tool_messages([{**WEATHER, "name": "x" * 129}])[0].startswith('The tool name "xxxxxxxxxxxxxxxx')
    assert tool_messages([{**WEATHER, "name": "x" * 128}]) == []
    assert tool_messages([{"input_schema": {"type": "object"}}]) == ["Tool 1 needs a name."]
    assert tool_messages([{"name": "a"}]) == [
        'The tool "a" needs an input_schema: {"type": "object", "properties": {...}}.'
    ]
    assert tool_messages([{"name": "a", "input_schema": {"type": "string"}}]) == [
        'The tool "a" has an input_schema that is not an object schema: {"type": "object", "properties": {...}}.'
    ]
    assert tool_messages([{**WEATHER, "description": 3}]) == ['The description of the tool "get_weather" must be text.']
    assert tool_messages([WEATHER, WEATHER]) == ['Two tools are named "get_weather": tool names must be unique.']
    assert tool_messages(["get_weather"]) == ["Tool 1 must be a JSON object."]
    assert tool_messages({"name": "a"}) == ["The tools must be a list of tool definitions."]
    assert tool_messages([{**WEATHER, "type": 3}]) == [
        'The type of the tool "get_weather" must be text, such as web_search_20250305.'
    ]


def test_server_tools_are_taken_as_they_are() -> None:
    search = {"type": "web_search_20250305", "name": "web_search", "max_uses": 5}
    params = {**BASE, "tools": [search, WEATHER], "tool_choice": {"type": "tool", "name": "web_search"}}
    assert prepare(params) == (params, [])
    assert tool_messages([search, search]) == ['Two tools are named "web_search": tool names must be unique.']


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"type": "any"}, 'tool_choice "any" needs at least one tool.'),
        ({"type": "tool", "name": "get_weather"}, 'tool_choice "tool" needs at least one tool.'),
    ],
)
def test_forcing_a_tool_needs_tools(choice: dict[str, Any], message: str) -> None:
    assert check({**BASE, "tool_choice": choice}) == [Problem("tool_choice", message, True)]
    assert check({**BASE, "tools": [], "tool_choice": choice}) == [Problem("tool_choice", message, True)]


@pytest.mark.parametrize("kind", ["auto", "none"])
def test_auto_or_none_without_tools_is_not_sent(kind: str) -> None:
    assert prepare({**BASE, "tool_choice": {"type": kind, "disable_parallel_tool_use": True}}) == (BASE, [])


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"type": "tool", "name": "get_time"}, 'tool_choice names the tool "get_time", which is not among the tools.'),
        ({"type": "tool"}, 'tool_choice "tool" needs the name of one of the tools.'),
        ({"type": "tool", "name": ["x"]}, 'tool_choice "tool" needs the name of one of the tools.'),
        ({"type": "sometimes"}, "tool_choice must be auto, any, tool or none."),
        ("auto", "tool_choice must be auto, any, tool or none."),
        ({"type": "auto", "disable_parallel_tool_use": "yes"}, "disable_parallel_tool_use must be true or false."),
    ],
)
def test_bad_tool_choices(choice: Any, message: str) -> None:
    assert check({**BASE, "tools": [WEATHER], "tool_choice": choice}) == [Problem("tool_choice", message, True)]


def test_none_takes_no_other_field() -> None:
    sent, problems = prepare(
        {**BASE, "tools": [WEATHER], "tool_choice": {"type": "none", "disable_parallel_tool_use": True}}
    )
    assert (sent["tool_choice"], problems) == ({"type": "none"}, [])


# --- the tools editor's JSON ----------------------------------------------------------------------


def test_empty_tools_text_has_no_problem() -> None:
    assert validate_tools_json("") == []
    assert validate_tools_json(" \n ") == []
    assert validate_tools_json("[]") == []


def test_a_syntax_error_is_reported_where_the_parser_stopped() -> None:
    assert validate_tools_json('[\n  {"name": "a",}\n]') == [
        ToolProblem(2, 16, "Expecting property name enclosed in double quotes.")
    ]
    assert validate_tools_json("[{}] x") == [ToolProblem(1, 6, "Extra data.")]
    assert validate_tools_json('[\n  {"name": "a"') == [ToolProblem(2, 15, "Expecting ',' delimiter.")]


def test_not_an_array() -> None:
    assert validate_tools_json('\n  {"name": "a", "input_schema": {"type": "object"}}') == [
        ToolProblem(2, 3, "The tools must be a JSON array: put this tool inside [ and ].")
    ]
    assert validate_tools_json('"tools"') == [
        ToolProblem(1, 1, "The tools must be a JSON array of tool definitions: [{...}, {...}].")
    ]


def test_a_tool_problem_points_at_the_key_it_is_about() -> None:
    text = "\n".join(
        [
            "[",
            '  {"name": "ok", "input_schema": {"type": "object"}},',  # line 2
            "  {",  # line 3: tool 2
            '    "description": "Has a bad name",',
            '    "name": "bad name",',  # line 5
            '    "input_schema": {"type": "array"}',  # line 6
            "  },",
            '  {"description": "no name"},',  # line 8
            '  7, {"name": "ok", "input_schema": {"type": "object"}}',  # line 9
            "]",
        ]
    )
    assert validate_tools_json(text) == [
        ToolProblem(5, 5, 'The tool name "bad name" may only use letters, digits, _ and - (at most 128 of them).'),
        ToolProblem(
            6, 5, 'The tool "bad name" has an input_schema that is not an object schema: {"type": "object", '
            '"properties": {...}}.'
        ),
        ToolProblem(8, 3, "Tool 3 needs a name."),
        ToolProblem(8, 3, 'The tool number 3 needs an input_schema: {"type": "object", "properties": {...}}.'),
        ToolProblem(9, 3, "Tool 4 must be a JSON object."),
        ToolProblem(9, 7, 'Two tools are named "ok": tool names must be unique.'),
    ]  # fmt: skip


def test_positions_survive_nesting_strings_and_repeated_keys() -> None:
    text = (
        '[{"input_schema": {"type": "object", "x": ["}", "]", {"name": 1}]}, "a\\"b": 1,\n "name": 1, "name": "a b"}]'
    )
    assert validate_tools_json(text) == [
        ToolProblem(2, 13, 'The tool name "a b" may only use letters, digits, _ and - (at most 128 of them).')
    ]


def test_the_tools_editor_and_check_agree() -> None:
    tools = [{"name": "a b", "input_schema": {}}, 3]
    assert [p.message for p in validate_tools_json(json.dumps(tools, indent=2))] == tool_messages(tools)


# --- API errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("temperature: range: 0..1", "temperature"),
        (
            "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5",
            "max_tokens",
        ),
        ("`temperature` and `top_p` cannot both be specified for this model. Please use only one.", "temperature"),
        ("thinking.budget_tokens: Input should be greater than or equal to 1024", "thinking"),
        ("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024", "thinking"),
        ("tool_choice.tool.name: Tool 'x' not found in provided tools", "tool_choice"),
        ("tool_choice may only be specified while providing tools", "tool_choice"),
        ("stop_sequences: each stop sequence must contain non-whitespace", "stop_sequences"),
        ("metadata.user_id: Input should be a valid string", "metadata_user_id"),
        ("tools.16.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'", "tools"),
        ("top_k: Input should be greater than or equal to 0", "top_k"),
        ("`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.", "top_p"),
        ("Streaming is required when max_tokens is greater than 21,333 for operations that may take longer", "stream"),
        ("system.0.text: text content blocks must contain non-whitespace text", "system"),
        ("model: claude-nonexistent", "model"),
        ("messages.1.content.0.type: Expected `thinking` or `redacted_thinking`", None),
        ("prompt is too long: 250000 tokens > 200000 maximum", None),
        ("", None),
    ],
)
def test_the_field_an_api_error_names(message: str, field: str | None) -> None:
    assert field_of_api_error(message) == field


_DEMO_BAD_REQUESTS: list[tuple[dict[str, Any], str]] = [
    ({"max_tokens": 100_000}, "max_tokens"),
    ({"temperature": 1.5}, "temperature"),
    ({"top_p": -1}, "top_p"),
    ({"top_k": -1}, "top_k"),
    ({"stop_sequences": [" "]}, "stop_sequences"),
    ({"metadata": {"user_id": 5}}, "metadata_user_id"),
    ({"system": [{"type": "text", "text": " "}]}, "system"),
    ({"tools": [{"name": "a b", "input_schema": {"type": "object"}}]}, "tools"),
    ({"tools": [{"name": "a", "input_schema": {"type": "string"}}]}, "tools"),
    ({"tool_choice": {"type": "any"}}, "tool_choice"),
    ({"tools": [WEATHER], "tool_choice": {"type": "tool", "name": "b"}}, "tool_choice"),
    ({"thinking": {"type": "enabled", "budget_tokens": 100}}, "thinking"),
    ({"thinking": {"type": "enabled"}}, "thinking"),
    ({"thinking": THINKING, "temperature": 0.5}, "temperature"),
    ({"thinking": THINKING, "top_k": 5}, "top_k"),
    ({"thinking": THINKING, "top_p": 0.5}, "top_p"),
    ({"thinking": THINKING, "tools": [WEATHER], "tool_choice": {"type": "any"}}, "thinking"),
    ({"thinking": THINKING, "max_tokens": 2048}, "max_tokens"),
    ({"stream": "yes"}, "stream"),
]


@pytest.mark.parametrize(("change", "field"), _DEMO_BAD_REQUESTS)
def test_the_demo_servers_400s_name_the_field(change: dict[str, Any], field: str) -> None:
    body = {"model": "claude-demo-sonnet-4-6", "max_tokens": 4096, "messages": [{"role": "user", "content": "hi"}]}
    with pytest.raises(InvalidRequest) as refused:
        validate_messages_request({**body, **change})
    assert field_of_api_error(str(refused.value)) == field


# --- properties -----------------------------------------------------------------------------------

_KEYS = st.sampled_from(sorted(API_PARAMS | SAMTAL_PARAMS)) | st.text(max_size=8)
_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | _KEYS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=st.dictionaries(_KEYS, _JSONISH, max_size=10), with_model=st.booleans())
def test_prepare_never_raises_and_sends_only_api_keys(params: dict[str, Any], with_model: bool) -> None:
    sent, problems = prepare(params, SONNET if with_model else None)
    assert set(sent) <= API_PARAMS
    assert all(value is not None for value in sent.values())
    assert all(isinstance(problem, Problem) and problem.message.endswith(".") for problem in problems)


@pytest.mark.parametrize("name", ["temperature", "top_p"])
def test_a_number_too_large_for_a_float_is_a_problem_not_an_overflow(name: str) -> None:
    problems = check({"model": "m", "max_tokens": 5, name: 10**400})
    assert [(problem.field, problem.blocking) for problem in problems] == [(name, True)]


_TOOLS = st.sampled_from(
    [
        [WEATHER],
        [WEATHER, {"name": "get_time", "input_schema": {"type": "object"}}],
        [{"name": "a b", "input_schema": {"type": "object"}}],
        [{"name": "a", "input_schema": {"type": "string"}}],
        [WEATHER, WEATHER],
        [{"type": "web_search_20250305", "name": "web_search"}],
        [],
    ]
)
_CHOICES = st.sampled_from(
    [
        {"type": "auto"},
        {"type": "any"},
        {"type": "none", "disable_parallel_tool_use": True},
        {"type": "tool", "name": "get_weather"},
        {"type": "tool", "name": "missing"},
        {"type": "auto", "disable_parallel_tool_use": True},
    ]
)
_PLAUSIBLE = st.fixed_dictionaries(
    {"model": st.sampled_from([m.id for m in catalog().current(demo=True)]), "max_tokens": st.integers(-2, 70_000)},
    optional={
        "temperature": st.floats(-0.5, 1.5),
        "top_p": st.floats(-0.5, 1.5),
        "top_k": st.integers(-2, 50),
        "stop_sequences": st.lists(st.sampled_from(["END", "", " ", "\n\n", "stop"]), max_size=3),
        "system": st.sampled_from(
            ["Be brief.", "   ", [{"type": "text", "text": " "}], [{"type": "text", "text": "x"}]]
        ),
        "metadata_user_id": st.sampled_from(["u-1", "", "a@b.cd", 5]),
        "tools": _TOOLS,
        "tool_choice": _CHOICES,
        "thinking": st.sampled_from(
            [{"type": "adaptive"}, {"type": "disabled"}, {"type": "adaptive", "display": "omitted"}]
        )
        | st.builds(lambda budget: {"type": "enabled", "budget_tokens": budget}, st.integers(0, 70_000)),
        "stream": st.booleans(),
        "sampling_preference": st.sampled_from(["temperature", "top_p"]),
        "effort": st.sampled_from(["low", "medium", "high", "xhigh", "max"]),
        "output_format": st.sampled_from(
            [{"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}]
        ),
        "cache_ttl": st.sampled_from(["5m", "1h"]),
        "web_search": st.sampled_from([{}, {"max_uses": 2}, {"allowed_domains": ["example.com"]}]),
        "web_fetch": st.sampled_from([{}, {"citations": True}]),
        "service_tier": st.sampled_from(["auto", "standard_only"]),
    },
)


@settings(max_examples=400, deadline=None)
@given(params=_PLAUSIBLE)
def test_what_passes_the_checks_the_demo_server_accepts(params: dict[str, Any]) -> None:
    model = next(m.model_info() for m in catalog().current(demo=True) if m.id == params["model"])
    sent, problems = prepare(params, model)
    if any(problem.blocking for problem in problems):
        return
    body = build_request([{"role": "user", "content": "hi"}], sent)
    validate_messages_request({**body, "stream": params.get("stream", True)})  # raises if refused
    rules = rules_for(params["model"])
    if not rules.temperature_with_top_p:
        assert not {"temperature", "top_p"} <= set(sent)
    if not rules.sampling:
        assert not {"temperature", "top_p", "top_k"} & set(sent)
