"""The demo server's model list, paginated the way `GET /v1/models` is (newest first)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULT_MODEL", "DEMO_MODELS", "DemoModel", "find_model", "model_info", "models_page"]


@dataclass(frozen=True)
class DemoModel:
    """One entry of the model list; limits are in tokens."""

    id: str
    display_name: str
    created_at: str
    max_input_tokens: int
    max_tokens: int


DEMO_MODELS: tuple[DemoModel, ...] = (
    DemoModel("claude-demo-opus", "Claude Demo Opus", "2025-11-24T00:00:00Z", 200_000, 64_000),
    DemoModel("claude-demo-haiku", "Claude Demo Haiku", "2025-10-15T00:00:00Z", 200_000, 64_000),
    DemoModel("claude-demo-sonnet", "Claude Demo Sonnet", "2025-09-29T00:00:00Z", 200_000, 64_000),
    DemoModel("claude-demo-sonnet-1m", "Claude Demo Sonnet (1M context)", "2025-08-12T00:00:00Z", 1_000_000, 64_000),
    DemoModel("claude-demo-opus-legacy", "Claude Demo Opus (legacy)", "2025-05-14T00:00:00Z", 200_000, 32_000),
    DemoModel("claude-demo-haiku-legacy", "Claude Demo Haiku (legacy)", "2024-10-22T00:00:00Z", 200_000, 8_192),
)

DEFAULT_MODEL = "claude-demo-sonnet"

_BY_ID = {model.id: model for model in DEMO_MODELS}


def find_model(model_id: str) -> DemoModel | None:
    """The demo model with this id, or None (the server still accepts unknown ids)."""
    return _BY_ID.get(model_id)


def model_info(model: DemoModel) -> dict[str, Any]:
    """The API's ModelInfo object for `model`."""
    return {
        "type": "model",
        "id": model.id,
        "display_name": model.display_name,
        "created_at": model.created_at,
        "max_input_tokens": model.max_input_tokens,
        "max_tokens": model.max_tokens,
    }


def models_page(limit: int, after_id: str | None = None, before_id: str | None = None) -> dict[str, Any]:
    """One page of the list: the `limit` models after `after_id` (or just before `before_id`).

    Raises KeyError naming the cursor when it is not a known model id.
    """
    ids = [model.id for model in DEMO_MODELS]
    if after_id is not None:
        if after_id not in _BY_ID:
            raise KeyError(after_id)
        start = ids.index(after_id) + 1
        chosen = DEMO_MODELS[start : start + limit]
        has_more = start + limit < len(ids)
    elif before_id is not None:
        if before_id not in _BY_ID:
            raise KeyError(before_id)
        end = ids.index(before_id)
        chosen = DEMO_MODELS[max(0, end - limit) : end]
        has_more = end - limit > 0
    else:
        chosen = DEMO_MODELS[:limit]
        has_more = limit < len(ids)
    return {
        "data": [model_info(model) for model in chosen],
        "has_more": has_more,
        "first_id": chosen[0].id if chosen else None,
        "last_id": chosen[-1].id if chosen else None,
    }
