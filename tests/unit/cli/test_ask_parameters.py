"""`samtal ask`'s options for today's API: effort, thinking, structured output, caching, web tools, the service
tier and the API version; what a model refuses; no prefix matching; the default model; a retired model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.api.model_cache import store_cached_models
from app.api.models import ModelInfo
from app.api.params import SETS_ITS_OWN_SAMPLING
from app.demo import DemoServer, Reply
from app.paths import resolve_paths
from tests.unit.cli.conftest import Samtal

SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}


def sent(server: DemoServer, index: int = 0) -> dict[str, Any]:
    body = server.requests[index].json
    assert isinstance(body, dict)
    return body


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_each_option_is_sent_where_the_api_wants_it_and_saved(
    samtal: Samtal, server: DemoServer, tmp_path: Path
) -> None:
    schema = write(tmp_path / "city.json", json.dumps(SCHEMA, indent=2))
    result = samtal(
        "ask",
        "--model",
        "claude-sonnet-5",
        "--effort",
        "xhigh",
        "--thinking",
        "adaptive",
        "--thinking-display",
        "omitted",
        "--output-schema",
        schema,
        "--cache",
        "1h",
        "--web-search-max-uses",
        "3",
        "--web-search-domains",
        "docs.python.org, python.org",
        "--web-fetch",
        "--service-tier",
        "standard_only",
        "Which city?",
    )
    assert (result.status, result.err) == (0, "")
    body = sent(server)
    assert {key: value for key, value in body.items() if key not in ("messages", "stream")} == {
        "model": "claude-sonnet-5",
        "max_tokens": 4096,
        "thinking": {"type": "adaptive", "display": "omitted"},
        "output_config": {"effort": "xhigh", "format": {"type": "json_schema", "schema": SCHEMA}},
        "cache_control": {"type": "ephemeral", "ttl": "1h"},
        "tools": [
            {
                "type": "web_search_20250305",
                "name": "web_search",
                "max_uses": 3,
                "allowed_domains": ["docs.python.org", "python.org"],
            },
            {"type": "web_fetch_20250910", "name": "web_fetch"},
        ],
        "service_tier": "standard_only",
    }
    assert server.requests[0].headers["anthropic-version"] == "2023-06-01"
    with samtal.store() as store:
        params = store.conversation(1).params
        assert (params["effort"], params["output_format"], params["cache_ttl"]) == ("xhigh", SCHEMA, "1h")
        assert params["web_search"] == {"max_uses": 3, "allowed_domains": ["docs.python.org", "python.org"]}


def test_thinking_off_and_a_budget_of_0_send_it_disabled(samtal: Samtal, server: DemoServer) -> None:
    assert samtal("ask", "--model", "claude-sonnet-5", "--thinking", "off", "hi").status == 0
    assert sent(server)["thinking"] == {"type": "disabled"}
    both = samtal("ask", "--thinking", "adaptive", "--thinking-budget", "2048", "hi")
    assert both.status == 2
    assert "not allowed with argument" in both.err


def test_the_thinking_display_needs_thinking_on(samtal: Samtal, server: DemoServer) -> None:
    result = samtal("ask", "--thinking-display", "omitted", "hi")
    assert (result.status, result.err) == (
        2,
        "samtal: --thinking-display needs thinking on: add --thinking adaptive or --thinking-budget N\n",
    )
    budget = ["--model", "claude-sonnet-4-6", "--thinking-budget", "2048", "--thinking-display", "summarized"]
    assert samtal("ask", *budget, "hi").status == 0
    assert sent(server)["thinking"] == {"type": "enabled", "budget_tokens": 2048, "display": "summarized"}


@pytest.mark.parametrize(
    ("options", "line"),
    [
        (
            ["--model", "claude-sonnet-5", "--temperature", "0.5"],
            f"claude-sonnet-5 refuses --temperature: {SETS_ITS_OWN_SAMPLING}.",
        ),
        (
            ["--model", "claude-opus-4-7-20260415", "--top-k", "5"],
            f"claude-opus-4-7-20260415 refuses --top-k: {SETS_ITS_OWN_SAMPLING}.",
        ),
        (
            ["--model", "claude-opus-4-7", "--thinking-budget", "2048"],
            "claude-opus-4-7 refuses --thinking-budget: Claude Opus 4.7 thinks adaptively, without a budget; use "
            "Effort for its depth.",
        ),
        (
            ["--model", "claude-haiku-4-5", "--thinking", "adaptive"],
            "claude-haiku-4-5 refuses --thinking adaptive: Claude Haiku 4.5 thinks with a budget only.",
        ),
        (
            ["--model", "claude-fable-5", "--thinking", "off"],
            "claude-fable-5 refuses --thinking off: Claude Fable 5 always thinks; it can't be turned off.",
        ),
        (
            ["--model", "claude-haiku-4-5", "--effort", "low"],
            "claude-haiku-4-5 refuses --effort low: Claude Haiku 4.5 has no Effort setting.",
        ),
        (
            ["--model", "claude-sonnet-4-6", "--effort", "xhigh"],
            "claude-sonnet-4-6 refuses --effort xhigh: Claude Sonnet 4.6 takes effort low, medium, high or max.",
        ),
        (
            ["--model", "claude-sonnet-4-6", "--api-version", "2026-10-21", "--temperature", "0.5"],
            "claude-sonnet-4-6 refuses --temperature: API version 2026-10-21 takes no temperature, top_p or top_k "
            "on any model; choose 2023-06-01 in the profile to send them.",
        ),
    ],
)
def test_an_option_the_model_refuses_stops_before_anything_is_sent(
    samtal: Samtal, server: DemoServer, options: list[str], line: str
) -> None:
    result = samtal("ask", *options, "hello")
    assert (result.status, result.out, result.err) == (2, "", f"samtal: {line}\n")
    assert server.requests == []
    with samtal.store() as store:
        assert store.list_conversations() == []


def test_what_a_conversation_saved_for_an_older_model_is_left_out_with_a_warning(
    samtal: Samtal, server: DemoServer
) -> None:
    assert samtal("ask", "--model", "claude-sonnet-4-6", "--temperature", "0.5", "first").status == 0
    assert sent(server)["temperature"] == 0.5
    result = samtal("ask", "-c", "--model", "claude-sonnet-5", "second")
    assert result.status == 0
    assert result.err == (f"samtal: warning: Temperature isn't sent: {SETS_ITS_OWN_SAMPLING}.\n")
    assert "temperature" not in sent(server, 1)


def test_the_api_version_option_is_sent_as_anthropic_version(samtal: Samtal, server: DemoServer) -> None:
    assert samtal("ask", "--api-version", "2026-10-21", "hello").status == 0
    assert server.requests[0].headers["anthropic-version"] == "2026-10-21"
    assert samtal("ask", "--api-version", "2025-01-01", "hello").status == 2  # not a version Samtal knows


def test_an_output_schema_file_is_checked_like_the_apps_editor(
    samtal: Samtal, server: DemoServer, tmp_path: Path
) -> None:
    broken = write(tmp_path / "broken.json", '{\n  "type": "object",\n}')
    result = samtal("ask", "--output-schema", broken, "hi")
    assert (result.status, result.err) == (
        2,
        f"samtal: {broken}:3:1: Expecting property name enclosed in double quotes.\n",
    )
    array = write(tmp_path / "array.json", '{\n  "type": "array"\n}')
    result = samtal("ask", "--output-schema", array, "hi")
    assert result.err == (
        f'samtal: {array}:2:3: The output schema must describe an object: "type": "object", with its "properties".\n'
    )
    empty = write(tmp_path / "empty.json", "  \n")
    assert "is empty" in samtal("ask", "--output-schema", empty, "hi").err
    assert samtal("ask", "--output-schema", str(tmp_path / "missing.json"), "hi").status == 2
    assert server.requests == []


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "--temp", "0.5", "hi"],  # --temperature
        ["ask", "--thinking-b", "2048", "hi"],  # --thinking-budget
        ["ask", "--web-search-max", "2", "hi"],
        ["models", "--js"],
        ["list", "--arch"],
    ],
)
def test_options_are_never_guessed_from_a_prefix(samtal: Samtal, server: DemoServer, argv: list[str]) -> None:
    result = samtal(*argv)
    assert result.status == 2
    assert "unrecognized arguments" in result.err
    assert server.requests == []


def test_the_default_model_is_the_newest_sonnet_the_provider_listed(samtal: Samtal, server: DemoServer) -> None:
    listed = [
        ModelInfo("claude-sonnet-4-6", "Sonnet 4.6", created_at="2026-02-17T00:00:00Z"),
        ModelInfo("claude-sonnet-5-20260630", "Sonnet 5", created_at="2026-06-30T00:00:00Z"),
        ModelInfo("claude-opus-5-5", "Opus 5.5", created_at="2026-11-30T00:00:00Z"),
    ]
    store_cached_models(resolve_paths(samtal.data_dir).cache, f"{server.url}|x-api-key", listed)
    assert samtal("ask", "hello").status == 0
    assert sent(server)["model"] == "claude-sonnet-5-20260630"


def test_a_retired_model_says_which_to_continue_with(samtal: Samtal, server: DemoServer) -> None:
    error = {"type": "error", "error": {"type": "not_found_error", "message": "model: claude-opus-4-1-20250805"}}
    server.script.push(Reply(status=404, body=error))
    result = samtal("ask", "--model", "claude-opus-4-1-20250805", "hello")
    assert result.status == 1
    warning, error_line = result.err.splitlines()
    assert warning == (
        "samtal: warning: Claude Opus 4.1 was retired on 2026-08-05: the API no longer answers it. Use "
        "claude-opus-5-5 instead."
    )
    assert error_line.startswith(
        "samtal: not_found_error: claude-opus-4-1-20250805 is no longer available: Claude Opus 4.1 was retired "
        "on 2026-08-05. Continue with claude-opus-5-5, or another current model: claude-sonnet-5-5, "
        "claude-haiku-5-5, claude-fable-5-2. (request id req_"
    )
