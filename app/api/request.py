"""Building the JSON body of a Messages request from a conversation and its parameters."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from app.api.accumulate import INCOMPLETE

# Parameters sent as top-level request fields under the same name.
_DIRECT_PARAMS = (
    "model",
    "max_tokens",
    "system",
    "temperature",
    "top_p",
    "top_k",
    "stop_sequences",
    "tools",
    "tool_choice",
    "thinking",
)
PARAMS = frozenset({*_DIRECT_PARAMS, "metadata_user_id"})


def strip_private(content_blocks: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A deep copy of ``content_blocks`` without Samtal's own annotations (keys starting with ``_``),
    also inside the block lists that a ``tool_result``'s ``content`` may hold. Values such as a tool
    call's ``input`` are copied unchanged: their keys belong to the model, not to us."""
    return [
        {
            key: strip_private(value) if key == "content" and isinstance(value, list) else copy.deepcopy(value)
            for key, value in block.items()
            if not key.startswith("_")
        }
        for block in content_blocks
    ]


def build_request(messages: Iterable[Mapping[str, Any]], params: Mapping[str, Any]) -> dict[str, Any]:
    """The request body for ``messages`` (``{"role", "content"}`` dicts, content a string or a block
    list) and ``params`` (any of `PARAMS`; ``metadata_user_id`` becomes ``metadata.user_id``).

    Parameters whose value is None are left out; blocks flagged ``_incomplete`` (a tool call or thinking
    that never finished) are dropped and private ``_`` keys stripped. Raises ValueError for an unknown
    parameter name, so that a misspelt one is not silently ignored.
    """
    unknown = sorted(set(params) - PARAMS)
    if unknown:
        raise ValueError(f"Unknown request parameter(s): {', '.join(unknown)}")
    body: dict[str, Any] = {name: params[name] for name in _DIRECT_PARAMS if params.get(name) is not None}
    if params.get("metadata_user_id") is not None:
        body["metadata"] = {"user_id": params["metadata_user_id"]}
    body["messages"] = [_message_param(message) for message in messages]
    return body


def _message_param(message: Mapping[str, Any]) -> dict[str, Any]:
    content = message["content"]
    if not isinstance(content, str):
        content = strip_private(block for block in content if not block.get(INCOMPLETE))
    return {"role": message["role"], "content": content}
