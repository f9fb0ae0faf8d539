"""Building the JSON body of a Messages request from a conversation and its parameters (and back)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

from app.api.accumulate import INCOMPLETE
from app.api.params import API_PARAM_NAMES, API_PARAMS, SERVER_TOOLS

# The parameters build_request puts in a place of their own; every other goes top-level under its name.
_PLACED: Final = frozenset({"metadata_user_id", "effort", "output_format", "cache_ttl", *SERVER_TOOLS})
_DIRECT_PARAMS: Final = tuple(name for name in API_PARAM_NAMES if name not in _PLACED)
# output_config's fields, and the params key each comes from.
_OUTPUT_CONFIG: Final = (("effort", "effort"), ("format", "output_format"))
# The request fields POST /v1/messages/count_tokens takes (the SDK's MessageCountTokensParams): max_tokens,
# the sampling parameters, stop sequences, metadata and service_tier are refused there.
_COUNT_TOKENS_FIELDS: Final = frozenset(
    {"model", "messages", "system", "tools", "tool_choice", "thinking", "output_config", "cache_control"}
)


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
    list) and ``params`` (any of `API_PARAMS`, as `app.api.params.prepare` made them): most go under their
    own name; ``metadata_user_id`` becomes ``metadata.user_id``, ``effort`` and ``output_format`` go in
    ``output_config`` (the schema as ``{"type": "json_schema", "schema": ...}``), ``cache_ttl`` becomes the
    top-level ``cache_control``, and ``web_search`` / ``web_fetch`` become server tools after the custom
    ones in ``tools`` (web fetch's ``citations: true`` as ``{"enabled": true}``).

    Parameters whose value is None are left out; blocks flagged ``_incomplete`` (a tool call or thinking
    that never finished) are dropped and private ``_`` keys stripped. Raises ValueError for an unknown
    parameter name, so that a misspelt one is not silently ignored.
    """
    unknown = sorted(set(params) - API_PARAMS)
    if unknown:
        raise ValueError(f"Unknown request parameter(s): {', '.join(unknown)}")
    body: dict[str, Any] = {name: params[name] for name in _DIRECT_PARAMS if params.get(name) is not None}
    server_tools = [_server_tool(name, params[name]) for name in SERVER_TOOLS if params.get(name) is not None]
    if server_tools:
        body["tools"] = [*body.get("tools", []), *server_tools]
    if params.get("metadata_user_id") is not None:
        body["metadata"] = {"user_id": params["metadata_user_id"]}
    output_config = {field: params[key] for field, key in _OUTPUT_CONFIG if params.get(key) is not None}
    if "format" in output_config:
        output_config["format"] = {"type": "json_schema", "schema": output_config["format"]}
    if output_config:
        body["output_config"] = output_config
    if params.get("cache_ttl") is not None:
        body["cache_control"] = {"type": "ephemeral", "ttl": params["cache_ttl"]}
    body["messages"] = sendable_history([_message_param(message) for message in messages])
    return body


def params_of_request(body: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters a request body was built with: the exact inverse of `build_request`, messages aside
    (what the inspector and Continue read back from a recorded request). A server tool is read back as its
    parameter when it has the shape `build_request` gives it; any other stays among the tools."""
    params = {name: body[name] for name in _DIRECT_PARAMS if body.get(name) is not None}
    tools = params.get("tools")
    if isinstance(tools, list):
        kept = []
        for tool in tools:
            found = _server_tool_params(tool)
            if found is not None and found[0] not in params:
                params[found[0]] = found[1]
            else:
                kept.append(tool)
        if kept:
            params["tools"] = kept
        else:
            del params["tools"]
    metadata = body.get("metadata")
    if isinstance(metadata, Mapping) and metadata.get("user_id") is not None:
        params["metadata_user_id"] = metadata["user_id"]
    output_config = body.get("output_config")
    if isinstance(output_config, Mapping):
        if output_config.get("effort") is not None:
            params["effort"] = output_config["effort"]
        output_format = output_config.get("format")
        if isinstance(output_format, Mapping) and output_format.get("schema") is not None:
            params["output_format"] = output_format["schema"]
    cache_control = body.get("cache_control")
    if isinstance(cache_control, Mapping):
        params["cache_ttl"] = cache_control.get("ttl", "5m")  # the API's default TTL
    return params


def count_tokens_request(body: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a Messages request body that ``POST /v1/messages/count_tokens`` takes (it refuses the
    rest: max_tokens, sampling parameters, stop sequences, metadata, service_tier, stream)."""
    return {key: value for key, value in body.items() if key in _COUNT_TOKENS_FIELDS}


def _server_tool(name: str, options: Mapping[str, Any]) -> dict[str, Any]:
    tool: dict[str, Any] = {"type": SERVER_TOOLS[name], "name": name, **options}
    if name == "web_fetch" and "citations" in options:
        tool["citations"] = {"enabled": bool(options["citations"])}
    return tool


def _server_tool_params(tool: Any) -> tuple[str, dict[str, Any]] | None:
    """The parameter (name, options) a server tool entry of `build_request` stands for, or None."""
    if not isinstance(tool, Mapping):
        return None
    name = tool.get("name")
    if name not in SERVER_TOOLS or tool.get("type") != SERVER_TOOLS[name]:
        return None
    options = {key: value for key, value in tool.items() if key not in ("type", "name")}
    if name == "web_fetch" and "citations" in options:
        citations = options["citations"]
        if not (isinstance(citations, Mapping) and set(citations) == {"enabled"}):
            return None
        options["citations"] = citations["enabled"]
    allowed = {"max_uses", "allowed_domains", "blocked_domains", *(("citations",) if name == "web_fetch" else ())}
    if not set(options) <= allowed:
        return None  # a tool with fields of its own (user_location...): kept among the tools as it came
    return str(name), options


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
