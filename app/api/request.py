"""Building the JSON body of a Messages request from a conversation and its parameters."""

from __future__ import annotations

import copy
import json
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
    body["messages"] = sendable_history([_message_param(message) for message in messages])
    return body


def params_of_request(body: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters a request body was built with (the inverse of `build_request`, messages aside)."""
    params = {name: body[name] for name in _DIRECT_PARAMS if body.get(name) is not None}
    metadata = body.get("metadata")
    if isinstance(metadata, Mapping) and metadata.get("user_id") is not None:
        params["metadata_user_id"] = metadata["user_id"]
    return params


def _message_param(message: Mapping[str, Any]) -> dict[str, Any]:
    content = message["content"]
    if not isinstance(content, str):
        content = strip_private(block for block in content if not block.get(INCOMPLETE))
    return {"role": message["role"], "content": content}


def sendable_history(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Repair a history the API would refuse, as imported or interrupted conversations can have: thinking
    without a signature is dropped (it can't be replayed), a tool call with no answer in the next message
    and a tool result with no call in the previous one become plain text, empty text blocks and messages
    left empty are dropped, and consecutive messages of one role are merged (the API would merge them)."""
    repaired: list[dict[str, Any]] = []
    for index, message in enumerate(messages):
        content = message["content"]
        if isinstance(content, str):
            blocks: list[dict[str, Any]] = [{"type": "text", "text": content}] if content else []
        else:
            previous = messages[index - 1] if index > 0 else None
            following = messages[index + 1] if index + 1 < len(messages) else None
            answered = _tool_ids(following, "tool_result", "tool_use_id") if message["role"] == "assistant" else set()
            called = _tool_ids(previous, "tool_use", "id") if message["role"] == "user" else set()
            blocks = [
                fixed
                for block in content
                if (fixed := _sendable_block(block, answered=answered, called=called)) is not None
            ]
        if not blocks:
            continue
        if repaired and repaired[-1]["role"] == message["role"]:
            repaired[-1]["content"] = _as_blocks(repaired[-1]["content"]) + blocks
        elif isinstance(content, str) and content:
            repaired.append({"role": message["role"], "content": content})
        else:
            repaired.append({"role": message["role"], "content": blocks})
    return repaired


def _as_blocks(content: str | list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"type": "text", "text": content}] if isinstance(content, str) else content


def _tool_ids(message: Mapping[str, Any] | None, block_type: str, key: str) -> set[str]:
    if message is None or isinstance(message.get("content"), str):
        return set()
    return {str(b.get(key)) for b in message["content"] if isinstance(b, dict) and b.get("type") == block_type}


def _sendable_block(block: dict[str, Any], *, answered: set[str], called: set[str]) -> dict[str, Any] | None:
    kind = block.get("type")
    if kind == "text":
        return block if block.get("text") else None
    if kind == "thinking":
        return block if block.get("signature") else None
    if kind == "tool_use" and str(block.get("id")) not in answered:
        arguments = json.dumps(block.get("input", {}), ensure_ascii=False)
        return {"type": "text", "text": f"[Called the tool {block.get('name')} with {arguments}]"}
    if kind == "tool_result" and str(block.get("tool_use_id")) not in called:
        return {"type": "text", "text": f"[Tool result: {_result_text(block.get('content'))}]"}
    return block


def _result_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(b.get("text", "")) for b in content if isinstance(b, dict) and b.get("type") == "text")
    return ""
