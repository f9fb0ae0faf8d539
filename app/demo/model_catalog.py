"""The demo server's models: what each accepts (the rules of today's families) and the model list,
paginated the way `GET /v1/models` is (newest first), with `capabilities` in the API's shape.

The demo is a provider of its own: these entries are its truth, sent over the wire; the client learns
them from `/v1/models` (and its own catalog), never by importing this module.

- claude-demo-sonnet-5 (the default), claude-demo-opus-5 (1M context), claude-demo-haiku-5: the 5
  family. temperature, top_p and top_k refused; thinking adaptive only, shown only with display
  "summarized"; effort low to max with xhigh (Haiku: low, medium, high).
- claude-demo-sonnet-4-6: Sonnet 4.6. Sampling (temperature or top_p, not both); thinking enabled (a
  budget) or adaptive; effort low, medium, high, max.
- claude-demo-opus-4-5: Opus 4.5, deprecated (retires 2027-01-22). Sampling (not both); budget
  thinking; effort low, medium, high.
- claude-demo-haiku-4-5: Haiku 4.5. Sampling (not both); budget thinking; no effort.
- claude-demo-opus-4-1 and the demo's 2025 ids: retired. Not listed; a request naming one is a 404.

An id the demo does not know at all is answered with no model rules (tests script replies for made-up
ids); only the retired ids are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "DEFAULT_MODEL",
    "DEMO_MODELS",
    "EFFORT_LEVELS",
    "RETIRED_MODELS",
    "DemoModel",
    "find_model",
    "model_info",
    "models_page",
]

EFFORT_LEVELS = ("low", "medium", "high", "xhigh", "max")  # every level the API's schema knows, in order

Sampling = Literal["refused", "one_of"]
Display = Literal["summarized", "omitted"]


@dataclass(frozen=True)
class DemoModel:
    """One model the demo serves; limits are in tokens.

    `sampling`: "refused" (temperature, top_p and top_k are a 400) or "one_of" (each accepted, but not
    temperature and top_p together). `thinking_types`: the `thinking.type` values it takes besides
    "disabled". `effort_levels`: the `output_config.effort` levels it takes (none: no effort at all).
    `default_display`: the thinking display when the request names none. `min_cache_tokens`: the
    shortest prefix a cache breakpoint writes.
    """

    id: str
    display_name: str
    created_at: str
    max_input_tokens: int
    max_tokens: int
    sampling: Sampling
    thinking_types: tuple[str, ...]
    effort_levels: tuple[str, ...]
    default_display: Display
    min_cache_tokens: int

    def capabilities(self) -> dict[str, Any]:
        """What the model supports, in the shape of the API's `ModelCapabilities`."""
        return {
            "batch": _supported(False),  # the demo has no Batch API
            "citations": _supported(True),
            "code_execution": _supported(False),  # nor a code sandbox
            "context_management": {"supported": False},
            "effort": {
                "supported": bool(self.effort_levels),
                **{level: _supported(level in self.effort_levels) for level in EFFORT_LEVELS},
            },
            "image_input": _supported(True),
            "pdf_input": _supported(True),
            "structured_outputs": _supported(True),
            "thinking": {
                "supported": bool(self.thinking_types),
                "types": {kind: _supported(kind in self.thinking_types) for kind in ("adaptive", "enabled")},
            },
        }


def _supported(value: bool) -> dict[str, bool]:
    return {"supported": value}


_FIVE_EFFORT = EFFORT_LEVELS
_LOW_TO_HIGH = ("low", "medium", "high")

DEMO_MODELS: tuple[DemoModel, ...] = (
    DemoModel(
        "claude-demo-sonnet-5", "Claude Demo Sonnet 5", "2026-11-10T00:00:00Z", 200_000, 64_000,
        "refused", ("adaptive",), _FIVE_EFFORT, "omitted", 1_024,
    ),
    DemoModel(
        "claude-demo-opus-5", "Claude Demo Opus 5", "2026-11-03T00:00:00Z", 1_000_000, 64_000,
        "refused", ("adaptive",), _FIVE_EFFORT, "omitted", 1_024,
    ),
    DemoModel(
        "claude-demo-haiku-5", "Claude Demo Haiku 5", "2026-10-28T00:00:00Z", 200_000, 64_000,
        "refused", ("adaptive",), _LOW_TO_HIGH, "omitted", 1_024,
    ),
    DemoModel(
        "claude-demo-sonnet-4-6", "Claude Demo Sonnet 4.6", "2026-02-17T00:00:00Z", 200_000, 64_000,
        "one_of", ("adaptive", "enabled"), ("low", "medium", "high", "max"), "summarized", 2_048,
    ),
    DemoModel(
        "claude-demo-opus-4-5", "Claude Demo Opus 4.5", "2025-11-24T00:00:00Z", 200_000, 64_000,
        "one_of", ("enabled",), _LOW_TO_HIGH, "summarized", 4_096,
    ),
    DemoModel(
        "claude-demo-haiku-4-5", "Claude Demo Haiku 4.5", "2025-10-15T00:00:00Z", 200_000, 64_000,
        "one_of", ("enabled",), (), "summarized", 4_096,
    ),
)  # fmt: skip

# Retired ids, with the day each was retired: a request naming one is a 404 `not_found_error`, as the
# API answers for a model that is gone. The 2025 demo ids are among them: saved demo conversations that
# use them meet a retired model, which is what a real user meets too.
RETIRED_MODELS: dict[str, str] = {
    "claude-demo-opus-4-1": "2026-08-05",
    "claude-demo-sonnet": "2026-12-15",
    "claude-demo-opus": "2026-12-15",
    "claude-demo-haiku": "2026-12-15",
    "claude-demo-sonnet-1m": "2026-12-15",
    "claude-demo-opus-legacy": "2026-12-15",
    "claude-demo-haiku-legacy": "2026-12-15",
}

DEFAULT_MODEL = "claude-demo-sonnet-5"

_BY_ID = {model.id: model for model in DEMO_MODELS}


def find_model(model_id: str) -> DemoModel | None:
    """The demo model with this id, or None (unknown ids are still answered; retired ones are not)."""
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
        "capabilities": model.capabilities(),
    }


def models_page(limit: int, after_id: str | None = None, before_id: str | None = None) -> dict[str, Any]:
    """One page of the list: the `limit` models after `after_id` (or just before `before_id`).

    Raises KeyError naming the cursor when it is not a listed model id.
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
