"""The models a provider offers, read from ``GET /v1/models`` in either of the two shapes met in practice:
Anthropic's paginated ``{"data", "has_more", "last_id"}`` and the OpenAI-style ``{"object": "list",
"data": [{"id"}]}`` that Ace Data Cloud returns."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

DEFAULT_MODEL = "claude-sonnet-4-5"
"""The model asked for when neither the user, the conversation nor the profile names one."""


@dataclass(frozen=True)
class ModelInfo:
    """One model: ``display_name`` falls back to the id; the limits are None when not reported;
    ``raw`` is the entry as the server sent it."""

    id: str
    display_name: str
    created_at: str | None = None
    max_input_tokens: int | None = None
    max_tokens: int | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_entry(cls, entry: dict[str, Any]) -> ModelInfo:
        """Read one ``data`` entry of either list shape."""
        model_id = str(entry["id"])
        display_name = entry.get("display_name")
        return cls(
            id=model_id,
            display_name=display_name if isinstance(display_name, str) and display_name else model_id,
            created_at=_created_at(entry),
            max_input_tokens=_int_or_none(entry.get("max_input_tokens")),
            max_tokens=_int_or_none(entry.get("max_tokens")),
            raw=entry,
        )


def parse_model_page(payload: object) -> tuple[list[ModelInfo], str | None]:
    """The models of one page and the ``after_id`` of the next page (None when this is the last)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise ValueError("The model list is not a JSON object with a 'data' list.")
    models = [
        ModelInfo.from_entry(entry)
        for entry in payload["data"]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]
    ]
    last_id = payload.get("last_id")
    next_after = last_id if payload.get("has_more") is True and isinstance(last_id, str) and last_id else None
    return models, next_after


def _created_at(entry: dict[str, Any]) -> str | None:
    created_at = entry.get("created_at")
    if isinstance(created_at, str) and created_at:
        return created_at
    created = entry.get("created")  # the OpenAI shape: Unix seconds
    if not isinstance(created, int) or isinstance(created, bool) or created <= 0:
        return None
    try:
        moment = datetime.datetime.fromtimestamp(created, tz=datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.isoformat().replace("+00:00", "Z")


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
