"""Model list pages in Anthropic's and in the OpenAI-style shape."""

from __future__ import annotations

import dataclasses

import pytest

from app.api.models import ModelInfo, parse_model_page

ANTHROPIC_PAGE = {
    "data": [
        {
            "type": "model",
            "id": "claude-sonnet-4-5-20250929",
            "display_name": "Claude Sonnet 4.5",
            "created_at": "2025-09-29T00:00:00Z",
            "max_input_tokens": 200000,
            "max_tokens": 64000,
            "capabilities": {"image_input": True},
        }
    ],
    "has_more": True,
    "first_id": "claude-sonnet-4-5-20250929",
    "last_id": "claude-sonnet-4-5-20250929",
}


def test_anthropic_page() -> None:
    models, after = parse_model_page(ANTHROPIC_PAGE)
    assert after == "claude-sonnet-4-5-20250929"
    assert models == [
        ModelInfo(
            id="claude-sonnet-4-5-20250929",
            display_name="Claude Sonnet 4.5",
            created_at="2025-09-29T00:00:00Z",
            max_input_tokens=200000,
            max_tokens=64000,
        )
    ]
    assert models[0].raw["capabilities"] == {"image_input": True}


def test_last_page_has_no_cursor() -> None:
    assert parse_model_page({**ANTHROPIC_PAGE, "has_more": False})[1] is None


def test_openai_shape() -> None:
    payload = {
        "object": "list",
        "data": [
            {"id": "claude-opus-4-5", "object": "model", "created": 1_700_000_000, "owned_by": "anthropic"},
            {"id": "gpt-5", "object": "model"},
            {"object": "model"},
            "junk",
        ],
    }
    models, after = parse_model_page(payload)
    assert after is None
    assert [model.id for model in models] == ["claude-opus-4-5", "gpt-5"]
    assert models[0] == ModelInfo("claude-opus-4-5", "claude-opus-4-5", "2023-11-14T22:13:20Z")
    assert (models[1].display_name, models[1].created_at, models[1].max_tokens) == ("gpt-5", None, None)


def test_bad_limits_and_dates_become_none() -> None:
    entry = {"id": "m", "max_tokens": "lots", "max_input_tokens": True, "created": 10**20, "display_name": ""}
    assert ModelInfo.from_entry(entry) == ModelInfo("m", "m")


@pytest.mark.parametrize("payload", [None, [], {"data": "x"}, {"models": []}])
def test_not_a_model_list(payload: object) -> None:
    with pytest.raises(ValueError, match="data"):
        parse_model_page(payload)


def test_model_info_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ModelInfo("m", "m").id = "n"  # type: ignore[misc]
