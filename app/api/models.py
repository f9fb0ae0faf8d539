"""The models a provider offers, read from ``GET /v1/models`` in either of the two shapes met in practice:
Anthropic's paginated ``{"data", "has_more", "last_id"}`` and the OpenAI-style ``{"object": "list",
"data": [{"id"}]}`` that Ace Data Cloud returns.

Anthropic's entries also say what each model accepts (``capabilities``: thinking types, effort levels,
structured outputs, image and PDF input, citations...); `ModelInfo.capabilities` keeps them as sent, and
`supported` reads them. What Samtal does with them is `app.api.params.rules_for`'s business; the built-in
knowledge for providers that send none is `app.api.catalog`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ModelInfo:
    """One model: ``display_name`` falls back to the id; the limits are None when not reported;
    ``capabilities`` is the ``capabilities`` object as the provider sent it (None when it sent none: a
    gateway's list, or a model known only from the catalog); ``raw`` is the entry as the server sent it."""

    id: str
    display_name: str
    created_at: str | None = None
    max_input_tokens: int | None = None
    max_tokens: int | None = None
    capabilities: dict[str, Any] | None = field(default=None, compare=False)
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
            capabilities=capabilities if isinstance(capabilities := entry.get("capabilities"), dict) else None,
            raw=entry,
        )

    def to_entry(self) -> dict[str, Any]:
        """The entry `from_entry` reads back as this model (the model-list cache stores it)."""
        entry: dict[str, Any] = {
            "id": self.id,
            "display_name": self.display_name,
            "created_at": self.created_at,
            "max_input_tokens": self.max_input_tokens,
            "max_tokens": self.max_tokens,
        }
        if self.capabilities is not None:
            entry["capabilities"] = self.capabilities
        return entry


def supported(capabilities: Mapping[str, Any] | None, *path: str) -> bool | None:
    """Whether ``capabilities`` (the API's shape) says the capability at ``path`` is supported, e.g.
    ``supported(caps, "thinking", "types", "adaptive")`` or ``supported(caps, "effort", "xhigh")``; None
    when it says nothing about it (no capabilities, or that key missing or malformed)."""
    node: Any = capabilities
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    if not isinstance(node, Mapping) or not isinstance(node.get("supported"), bool):
        return None
    return bool(node["supported"])


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
