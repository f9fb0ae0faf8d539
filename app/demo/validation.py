"""Request validation the way the Messages API does it: a 400 `invalid_request_error` with a message
naming the offending field (`messages.1.content.0.source.media_type: ...`), or a 404 `not_found_error`
for a retired model.

Only what a client can get wrong is checked; the messages mirror the real API's wording where it is
known, so a client that handles the demo's errors handles the real ones. Besides the shapes of every
field this checks what each model and API version accepts (`model_rules`), the signatures of thinking
blocks sent back (`signatures`), the server tools' settings and the number of cache breakpoints.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

from app.demo.conversation import Turn, prefill, turns
from app.demo.model_catalog import EFFORT_LEVELS, RETIRED_MODELS, find_model
from app.demo.model_rules import (
    DEFAULT_API_VERSION,
    LATEST_API_VERSION,
    SAMPLING_FIELDS,
    InvalidRequest,
    ModelNotFound,
    check_model_rules,
    takes_sampling_fields,
)
from app.demo.signatures import signature_matches
from app.demo.tokens import estimate_input_tokens
from app.demo.web_corpus import SERVER_TOOL_TYPES

__all__ = ["InvalidRequest", "ModelNotFound", "validate_count_tokens_request", "validate_messages_request"]

_THINKING_DOCS = (
    "Please consult our documentation at "
    "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility"
)
_MAX_INPUT_TOKENS = 200_000  # for model ids the demo does not list
_COMMON_FIELDS = frozenset(
    {"model", "messages", "system", "tools", "tool_choice", "thinking", "cache_control", "output_config"}
    | {"mcp_servers", "context_management"}
)
_MESSAGES_FIELDS = _COMMON_FIELDS | {
    "max_tokens", "metadata", "stop_sequences", "stream", "service_tier", "container", "inference_geo",
}  # fmt: skip
_MAX_CACHE_BREAKPOINTS = 4
_SERVICE_TIERS = ("auto", "standard_only")
_IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
_TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,128}$")
# Which role may carry each content block type.
_BLOCK_ROLES = {
    "text": ("user", "assistant"),
    "image": ("user",),
    "document": ("user",),
    "search_result": ("user",),
    "tool_result": ("user",),
    "tool_use": ("assistant",),
    "thinking": ("assistant",),
    "redacted_thinking": ("assistant",),
    "server_tool_use": ("assistant",),
    "web_search_tool_result": ("assistant",),
    "web_fetch_tool_result": ("assistant",),
    "code_execution_tool_result": ("assistant",),
    "container_upload": ("user", "assistant"),
}


def validate_messages_request(body: Any, version: str = DEFAULT_API_VERSION) -> None:
    """Raise InvalidRequest unless `body` is a Messages request the API would accept under `version`
    (ModelNotFound when it names a retired model)."""
    body = _object(body)
    model = _model(body)
    sampling = frozenset(SAMPLING_FIELDS) if takes_sampling_fields(version) else frozenset()
    _no_extra_fields(body, _MESSAGES_FIELDS | sampling)
    if "max_tokens" not in body:
        _fail("max_tokens", "Field required")
    max_tokens = _integer(body["max_tokens"], "max_tokens", minimum=0)
    known = find_model(model)
    if known is not None and max_tokens > known.max_tokens:
        _fail(
            "max_tokens",
            f"{max_tokens} > {known.max_tokens}, which is the maximum allowed number of output tokens for {model}",
        )
    for name in ("temperature", "top_p"):
        if name in body:
            _number(body[name], name, minimum=0, maximum=1)
    if "top_k" in body:
        _integer(body["top_k"], "top_k", minimum=0)
    if "stream" in body and not isinstance(body["stream"], bool):
        _fail("stream", "Input should be a valid boolean")
    if "metadata" in body:
        _metadata(body["metadata"])
    if "stop_sequences" in body:
        _stop_sequences(body["stop_sequences"])
    if "service_tier" in body and body["service_tier"] not in _SERVICE_TIERS:
        _fail("service_tier", "Input should be 'auto' or 'standard_only'")
    thinking_on = _common(body, version)
    if known is not None:
        check_model_rules(body, known)
    if thinking_on:
        _thinking_compatibility(body, max_tokens)


def validate_count_tokens_request(body: Any, version: str = DEFAULT_API_VERSION) -> None:
    """Raise InvalidRequest unless `body` is a token-counting request the API would accept under
    `version` (ModelNotFound when it names a retired model)."""
    body = _object(body)
    model = _model(body)
    _no_extra_fields(body, _COMMON_FIELDS)
    _common(body, version)
    known = find_model(model)
    if known is not None:
        check_model_rules(body, known, sampling=False)


def _fail(where: str, message: str) -> NoReturn:
    raise InvalidRequest(f"{where}: {message}")


def _object(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise InvalidRequest("The request body must be a JSON object")
    return body


def _no_extra_fields(body: Mapping[str, Any], allowed: frozenset[str]) -> None:
    for name in body:
        if name not in allowed:
            _fail(name, "Extra inputs are not permitted")


def _model(body: Mapping[str, Any]) -> str:
    if "model" not in body:
        _fail("model", "Field required")
    model = body["model"]
    if not isinstance(model, str):
        _fail("model", "Input should be a valid string")
    if not model:
        _fail("model", "String should have at least 1 character")
    if model in RETIRED_MODELS:
        raise ModelNotFound(model)
    return model


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _integer(value: Any, where: str, *, minimum: int) -> int:
    if not _is_integer(value):
        _fail(where, "Input should be a valid integer")
    if value < minimum:
        _fail(where, f"Input should be greater than or equal to {minimum}")
    return int(value)


def _number(value: Any, where: str, *, minimum: float, maximum: float) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        _fail(where, "Input should be a valid number")
    if value < minimum:
        _fail(where, f"Input should be greater than or equal to {minimum}")
    if value > maximum:
        _fail(where, f"Input should be less than or equal to {maximum}")
    return float(value)


def _string(block: Mapping[str, Any], field: str, where: str) -> str:
    if field not in block:
        _fail(f"{where}.{field}", "Field required")
    value = block[field]
    if not isinstance(value, str):
        _fail(f"{where}.{field}", "Input should be a valid string")
    return value


def _tag_error(where: str, tag: Any, expected: Sequence[str]) -> NoReturn:
    listed = ", ".join(f"'{name}'" for name in expected)
    _fail(where, f"Input tag '{tag}' found using 'type' does not match any of the expected tags: {listed}")


def _metadata(metadata: Any) -> None:
    if not isinstance(metadata, Mapping):
        _fail("metadata", "Input should be a valid dictionary")
    for name, value in metadata.items():
        if name != "user_id":
            _fail(f"metadata.{name}", "Extra inputs are not permitted")
        if value is not None and not isinstance(value, str):
            _fail("metadata.user_id", "Input should be a valid string")


def _stop_sequences(sequences: Any) -> None:
    if not isinstance(sequences, list):
        _fail("stop_sequences", "Input should be a valid list")
    for index, sequence in enumerate(sequences):
        if not isinstance(sequence, str):
            _fail(f"stop_sequences.{index}", "Input should be a valid string")
        if not sequence.strip():
            _fail("stop_sequences", "each stop sequence must contain non-whitespace")


def _cache_control(value: Any, where: str) -> None:
    if not isinstance(value, Mapping) or value.get("type") != "ephemeral":
        _fail(f"{where}.cache_control", "Input should be an object with type 'ephemeral'")
    if value.get("ttl", "5m") not in ("5m", "1h"):
        _fail(f"{where}.cache_control.ttl", "Input should be '5m' or '1h'")


def _common(body: Mapping[str, Any], version: str) -> bool:
    """Checks shared by both endpoints; returns whether thinking is on."""
    thinking_on = _thinking(body.get("thinking"))
    if "output_config" in body:
        _output_config(body["output_config"])
    if "system" in body:
        _system(body["system"])
    tool_names = _tools(body["tools"]) if "tools" in body else []
    if "tool_choice" in body:
        _tool_choice(body["tool_choice"], tool_names)
    if "cache_control" in body:
        _cache_control(body["cache_control"], "body")
    conversation = _messages(body)
    _tool_pairing(conversation)
    _breakpoint_count(body)
    if version == LATEST_API_VERSION:
        _no_user_citations(conversation)
    last = prefill(conversation)
    if last is not None:
        _prefill(last, thinking_on)
    model = find_model(body["model"])
    limit = model.max_input_tokens if model is not None else _MAX_INPUT_TOKENS
    tokens = estimate_input_tokens(body)
    if tokens > limit:
        raise InvalidRequest(f"prompt is too long: {tokens} tokens > {limit} maximum")
    return thinking_on


def _thinking(thinking: Any) -> bool:
    if thinking is None:
        return False
    if not isinstance(thinking, Mapping):
        _fail("thinking", "Input should be a valid dictionary")
    kind = thinking.get("type")
    if kind not in ("enabled", "disabled", "adaptive"):
        _tag_error("thinking", kind, ("enabled", "disabled", "adaptive"))
    allowed = {"enabled": ("type", "budget_tokens", "display"), "adaptive": ("type", "display"), "disabled": ("type",)}
    for name in thinking:
        if name not in allowed[kind]:
            _fail(f"thinking.{kind}.{name}", "Extra inputs are not permitted")
    if kind == "enabled":
        if "budget_tokens" not in thinking:
            _fail("thinking.enabled.budget_tokens", "Field required")
        _integer(thinking["budget_tokens"], "thinking.enabled.budget_tokens", minimum=1024)
    if thinking.get("display") not in (None, "summarized", "omitted"):
        _fail(f"thinking.{kind}.display", "Input should be 'summarized' or 'omitted'")
    return kind != "disabled"


def _thinking_compatibility(body: Mapping[str, Any], max_tokens: int) -> None:
    thinking = body["thinking"]
    if thinking["type"] == "enabled" and max_tokens <= thinking["budget_tokens"]:
        raise InvalidRequest(f"`max_tokens` must be greater than `thinking.budget_tokens`. {_THINKING_DOCS}")
    if "temperature" in body and body["temperature"] != 1:
        raise InvalidRequest(f"`temperature` may only be set to 1 when thinking is enabled. {_THINKING_DOCS}")
    if "top_k" in body:
        raise InvalidRequest(f"`top_k` must be unset when thinking is enabled. {_THINKING_DOCS}")
    if "top_p" in body and body["top_p"] < 0.95:
        raise InvalidRequest(
            f"`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled. {_THINKING_DOCS}"
        )
    if isinstance(body.get("tool_choice"), Mapping) and body["tool_choice"].get("type") in ("any", "tool"):
        raise InvalidRequest("Thinking may not be enabled when tool_choice forces tool use.")


def _output_config(config: Any) -> None:
    if not isinstance(config, Mapping):
        _fail("output_config", "Input should be a valid dictionary")
    for name in config:
        if name not in ("effort", "format"):
            _fail(f"output_config.{name}", "Extra inputs are not permitted")
    effort = config.get("effort")
    if effort is not None and effort not in EFFORT_LEVELS:
        _fail("output_config.effort", "Input should be 'low', 'medium', 'high', 'xhigh' or 'max'")
    output_format = config.get("format")
    if output_format is None:
        return
    if not isinstance(output_format, Mapping):
        _fail("output_config.format", "Input should be a valid dictionary")
    if output_format.get("type") != "json_schema":
        _tag_error("output_config.format", output_format.get("type"), ("json_schema",))
    if "schema" not in output_format:
        _fail("output_config.format.json_schema.schema", "Field required")
    if not isinstance(output_format["schema"], Mapping):
        _fail("output_config.format.json_schema.schema", "Input should be a valid dictionary")


def _breakpoint_count(body: Mapping[str, Any]) -> None:
    """At most four cache breakpoints, the automatic one (top-level cache_control) included."""
    blocks: list[Any] = list(body.get("tools") or [])
    system = body.get("system")
    if isinstance(system, list):
        blocks += system
    for message in body["messages"]:
        if isinstance(message["content"], list):
            blocks += message["content"]
            for block in message["content"]:
                if block.get("type") == "tool_result" and isinstance(block.get("content"), list):
                    blocks += block["content"]
    found = sum("cache_control" in block for block in blocks) + ("cache_control" in body)
    if found > _MAX_CACHE_BREAKPOINTS:
        raise InvalidRequest(
            f"A maximum of {_MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found {found}."
        )


def _no_user_citations(conversation: Sequence[Turn]) -> None:
    """Under 2026-10-21 a user's text block may not carry citations (only the model cites)."""
    for turn in conversation:
        if turn.role != "user":
            continue
        for position, block in enumerate(turn.blocks):
            if block.get("type") == "text" and block.get("citations"):
                _fail(
                    f"messages.{turn.index}.content.{position}.citations",
                    "citations are only allowed in `assistant` messages",
                )


def _system(system: Any) -> None:
    if isinstance(system, str):
        return
    if not isinstance(system, list):
        _fail("system", "Input should be a valid string or a list of text blocks")
    for index, block in enumerate(system):
        where = f"system.{index}"
        if not isinstance(block, Mapping) or block.get("type") != "text":
            _fail(where, "Input should be a text block")
        if not _string(block, "text", where).strip():
            _fail(f"{where}.text", "text content blocks must contain non-whitespace text")
        if "cache_control" in block:
            _cache_control(block["cache_control"], where)


def _tools(tools: Any) -> list[str]:
    if not isinstance(tools, list):
        _fail("tools", "Input should be a valid list")
    names: list[str] = []
    for index, tool in enumerate(tools):
        where = f"tools.{index}"
        if not isinstance(tool, Mapping):
            _fail(where, "Input should be a valid dictionary")
        name = _string(tool, "name", where)
        if tool.get("type", "custom") == "custom":
            if not _TOOL_NAME.match(name):
                _fail(f"{where}.name", f"String should match pattern '{_TOOL_NAME.pattern}'")
            schema = tool.get("input_schema")
            if not isinstance(schema, Mapping):
                _fail(f"{where}.input_schema", "Field required")
            if schema.get("type") != "object":
                _fail(f"{where}.input_schema.type", "Input should be 'object'")
            if "description" in tool and not isinstance(tool["description"], str):
                _fail(f"{where}.description", "Input should be a valid string")
            if "strict" in tool and not isinstance(tool["strict"], bool):
                _fail(f"{where}.strict", "Input should be a valid boolean")
        elif tool.get("type") in SERVER_TOOL_TYPES:
            _server_tool(tool, f"{where}.{tool['type']}", name)
        if "cache_control" in tool:
            _cache_control(tool["cache_control"], where)
        if name in names:
            _fail("tools", "Tool names must be unique.")
        names.append(name)
    return names


def _server_tool(tool: Mapping[str, Any], where: str, name: str) -> None:
    """A web search or web fetch tool's settings."""
    expected = SERVER_TOOL_TYPES[tool["type"]]
    if name != expected:
        _fail(f"{where}.name", f"Input should be '{expected}'")
    if tool.get("max_uses") is not None:
        _integer(tool["max_uses"], f"{where}.max_uses", minimum=1)
    for field in ("allowed_domains", "blocked_domains"):
        domains = tool.get(field)
        if domains is None:
            continue
        if not isinstance(domains, list) or not all(isinstance(domain, str) for domain in domains):
            _fail(f"{where}.{field}", "Input should be a valid list of strings")
        if not domains:
            _fail(f"{where}.{field}", "Empty list of domains is ambiguous. Provide at least one domain or null.")
    if expected == "web_search" and tool.get("allowed_domains") and tool.get("blocked_domains"):
        raise InvalidRequest("Cannot specify both allowed_domains and blocked_domains in the same request")
    citations = tool.get("citations")
    if citations is not None and (
        not isinstance(citations, Mapping) or not isinstance(citations.get("enabled", False), bool)
    ):
        _fail(f"{where}.citations", "Input should be an object with a boolean 'enabled'")


def _tool_choice(choice: Any, tool_names: Sequence[str]) -> None:
    if not isinstance(choice, Mapping):
        _fail("tool_choice", "Input should be a valid dictionary")
    kind = choice.get("type")
    if kind not in ("auto", "any", "tool", "none"):
        _tag_error("tool_choice", kind, ("auto", "any", "tool", "none"))
    if kind in ("any", "tool") and not tool_names:
        raise InvalidRequest("tool_choice may only be specified while providing tools")
    if kind == "tool":
        name = _string(choice, "name", "tool_choice.tool")
        if name not in tool_names:
            _fail("tool_choice.tool.name", f"Tool '{name}' not found in provided tools")
    if not isinstance(choice.get("disable_parallel_tool_use", False), bool):
        _fail(f"tool_choice.{kind}.disable_parallel_tool_use", "Input should be a valid boolean")


def _messages(body: Mapping[str, Any]) -> list[Turn]:
    if "messages" not in body:
        _fail("messages", "Field required")
    messages = body["messages"]
    if not isinstance(messages, list):
        _fail("messages", "Input should be a valid list")
    if not messages:
        _fail("messages", "at least one message is required")
    for index, message in enumerate(messages):
        where = f"messages.{index}"
        if not isinstance(message, Mapping):
            _fail(where, "Input should be a valid dictionary")
        role = message.get("role")
        if role not in ("user", "assistant"):
            _fail(f"{where}.role", "Input should be 'user' or 'assistant'")
        if "content" not in message:
            _fail(f"{where}.content", "Field required")
        content = message["content"]
        if isinstance(content, list):
            for position, block in enumerate(content):
                _block(block, f"{where}.content.{position}", role)
        elif not isinstance(content, str):
            _fail(f"{where}.content", "Input should be a valid string or a list of content blocks")
        is_final_assistant = index == len(messages) - 1 and role == "assistant"
        if not content and not is_final_assistant:
            _fail(where, "all messages must have non-empty content except for the optional final assistant message")
        if isinstance(content, str) and content and not content.strip() and not is_final_assistant:
            _fail(f"{where}.content", "text content blocks must contain non-whitespace text")
    if messages[0]["role"] != "user":
        _fail("messages.0.role", 'the first message must use the "user" role')
    return turns(messages)


def _block(block: Any, where: str, role: str) -> None:
    if not isinstance(block, Mapping):
        _fail(where, "Input should be a valid dictionary")
    kind = block.get("type")
    if kind not in _BLOCK_ROLES:
        _tag_error(where, kind, tuple(_BLOCK_ROLES))
    if role not in _BLOCK_ROLES[kind]:
        _fail(where, f"`{kind}` blocks are not allowed in `{role}` messages")
    if "cache_control" in block:
        _cache_control(block["cache_control"], where)
    match kind:
        case "text":
            if not _string(block, "text", where).strip():
                _fail(f"{where}.text", "text content blocks must contain non-whitespace text")
            citations = block.get("citations")
            if citations is not None and (
                not isinstance(citations, list) or not all(isinstance(c, Mapping) and "type" in c for c in citations)
            ):
                _fail(f"{where}.citations", "Input should be a valid list of citations")
        case "image":
            _image_source(block.get("source"), f"{where}.source")
        case "document":
            _document_source(block.get("source"), f"{where}.source")
            for optional in ("title", "context"):
                if block.get(optional) is not None and not isinstance(block[optional], str):
                    _fail(f"{where}.{optional}", "Input should be a valid string")
        case "tool_use" | "server_tool_use":
            if not _string(block, "id", where):
                _fail(f"{where}.id", "String should have at least 1 character")
            _string(block, "name", where)
            if not isinstance(block.get("input"), Mapping):
                _fail(f"{where}.input", "Input should be a valid dictionary")
        case "tool_result":
            _string(block, "tool_use_id", where)
            content = block.get("content", "")
            if isinstance(content, list):
                for position, inner in enumerate(content):
                    if not isinstance(inner, Mapping) or inner.get("type") not in ("text", "image", "document"):
                        _tag_error(f"{where}.content.{position}", _type_of(inner), ("text", "image", "document"))
                    _block(inner, f"{where}.content.{position}", "user")
            elif not isinstance(content, str):
                _fail(f"{where}.content", "Input should be a valid string or a list of content blocks")
            if not isinstance(block.get("is_error", False), bool):
                _fail(f"{where}.is_error", "Input should be a valid boolean")
        case "thinking":
            # A thinking block must come back exactly as the API sent it (text and signature).
            if not signature_matches(_string(block, "thinking", where), _string(block, "signature", where)):
                raise InvalidRequest(f"{where}: Invalid `signature` in `thinking` block")
        case "web_search_tool_result" | "web_fetch_tool_result":
            _string(block, "tool_use_id", where)
            if not isinstance(block.get("content"), list | Mapping):
                _fail(f"{where}.content", "Field required")
        case "redacted_thinking":
            _string(block, "data", where)


def _type_of(value: Any) -> Any:
    return value.get("type") if isinstance(value, Mapping) else None


def _base64(source: Mapping[str, Any], where: str) -> bytes:
    data = _string(source, "data", where)
    if data.startswith("data:"):
        _fail(f"{where}.data", "base64 data must not start with a data: URL prefix")
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        _fail(f"{where}.data", "Invalid base64 data")


def _sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _url(source: Mapping[str, Any], where: str) -> None:
    if not _string(source, "url", where).startswith(("https://", "http://")):
        _fail(f"{where}.url", "URL must start with http:// or https://")


def _image_source(source: Any, where: str) -> None:
    if not isinstance(source, Mapping):
        _fail(where, "Field required")
    kind = source.get("type")
    if kind == "url":
        _url(source, where)
        return
    if kind != "base64":
        _tag_error(where, kind, ("base64", "url"))
    media_type = source.get("media_type")
    if media_type not in _IMAGE_TYPES:
        _fail(f"{where}.media_type", "Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'")
    actual = _sniff_image(_base64(source, where))
    if actual is None:
        _fail(f"{where}.data", "Could not process image")
    if actual != media_type:
        _fail(
            f"{where}.data",
            f"The image was specified using the {media_type} media type, but the image appears to be a {actual} image",
        )


def _document_source(source: Any, where: str) -> None:
    if not isinstance(source, Mapping):
        _fail(where, "Field required")
    match source.get("type"):
        case "base64":
            if source.get("media_type") != "application/pdf":
                _fail(f"{where}.media_type", "Input should be 'application/pdf'")
            if not _base64(source, where).startswith(b"%PDF-"):
                _fail(f"{where}.data", "The PDF specified was not valid.")
        case "text":
            if source.get("media_type") != "text/plain":
                _fail(f"{where}.media_type", "Input should be 'text/plain'")
            _string(source, "data", where)
        case "url":
            _url(source, where)
        case "content":
            content = source.get("content")
            if isinstance(content, list):
                for position, inner in enumerate(content):
                    if not isinstance(inner, Mapping) or inner.get("type") not in ("text", "image"):
                        _tag_error(f"{where}.content.{position}", _type_of(inner), ("text", "image"))
                    _block(inner, f"{where}.content.{position}", "user")
            elif not isinstance(content, str):
                _fail(f"{where}.content", "Input should be a valid string or a list of content blocks")
        case other:
            _tag_error(where, other, ("base64", "text", "url", "content"))


def _tool_use_ids(turn: Turn | None) -> list[str]:
    if turn is None or turn.role != "assistant":
        return []
    return [block["id"] for block in turn.blocks if block.get("type") == "tool_use"]


def _tool_pairing(conversation: Sequence[Turn]) -> None:
    """Every tool_use must be answered first thing in the next turn; every tool_result must answer one."""
    for position, turn in enumerate(conversation):
        if turn.role == "assistant":
            following = conversation[position + 1] if position + 1 < len(conversation) else None
            answered = set()
            for block in following.blocks if following is not None else ():
                if block.get("type") != "tool_result":
                    break
                answered.add(block["tool_use_id"])
            missing = [tool_id for tool_id in _tool_use_ids(turn) if tool_id not in answered]
            if missing:
                _fail(
                    f"messages.{turn.index}",
                    "`tool_use` ids were found without `tool_result` blocks immediately after: "
                    f"{', '.join(missing)}. Each `tool_use` block must have a corresponding `tool_result` "
                    "block in the next message.",
                )
            continue
        asked = set(_tool_use_ids(conversation[position - 1] if position > 0 else None))
        for block_index, block in enumerate(turn.blocks):
            if block.get("type") == "tool_result" and block["tool_use_id"] not in asked:
                _fail(
                    f"messages.{turn.index}.content.{block_index}",
                    f"unexpected `tool_use_id` found in `tool_result` blocks: {block['tool_use_id']}. "
                    "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
                )


def _prefill(turn: Turn, thinking_on: bool) -> None:
    """Rules for a final assistant message that the reply continues."""
    last_text = turn.blocks[-1].get("text") if turn.blocks and turn.blocks[-1].get("type") == "text" else None
    if last_text is not None and last_text != last_text.rstrip():
        raise InvalidRequest("messages: final assistant content cannot end with trailing whitespace")
    if thinking_on and turn.blocks and turn.blocks[0].get("type") not in ("thinking", "redacted_thinking"):
        _fail(
            f"messages.{turn.index}.content.0.type",
            f"Expected `thinking` or `redacted_thinking`, but found `{turn.blocks[0].get('type')}`. When "
            "`thinking` is enabled, a final `assistant` message must start with a thinking block. To avoid "
            "this requirement, disable `thinking`.",
        )
