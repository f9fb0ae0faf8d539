"""The JSON that people type into editors (the tools, an output schema), checked with positions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from app.api.params._said import Said

_TOOL_NAME: Final = re.compile(r"[a-zA-Z0-9_-]{1,128}")  # the API's pattern (it was {1,64} until late 2025)
_JSON_SPACE: Final = re.compile(r"[ \t\n\r]*")
_JSON_DECODER: Final = json.JSONDecoder()


# --- tools ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolProblem:
    """A problem in the JSON text of an editor (the tools, an output schema), at a 1-based ``line`` and
    ``column``; ``said``: what ``message`` says, by its code (None: a JSON syntax error, in the parser's words)."""

    line: int
    column: int
    message: str
    said: Said | None = field(default=None, compare=False)


@dataclass(frozen=True)
class _ToolIssue:
    """What is wrong with ``tools[index]``; ``key`` is the key it is about (None: the whole tool)."""

    index: int
    key: str | None
    said: Said

    @property
    def message(self) -> str:
        return self.said.text


def tool_issues(tools: Sequence[Any]) -> Iterator[_ToolIssue]:
    """The problems of a list of tool definitions: custom tools need a name matching the API's pattern,
    an object ``input_schema`` and a text ``description`` if any; server tools (with a ``type`` such as
    ``web_search_20250305``) are taken as they are; names are unique."""
    seen: set[str] = set()
    for index, tool in enumerate(tools):
        number = index + 1
        if not isinstance(tool, Mapping):
            yield _ToolIssue(index, None, Said("tool_object", {"number": number}))
            continue
        name = tool.get("name")
        kind = tool.get("type", "custom")
        if not isinstance(name, str) or not name:
            yield _ToolIssue(index, "name" if "name" in tool else None, Said("tool_needs_name", {"number": number}))
            name = None
        elif name in seen:
            yield _ToolIssue(index, "name", Said("tool_names_unique", {"name": quoted(name)}))
        else:
            seen.add(name)
        # The tool by its name, or (without one) by its number: "number 2".
        json_name = quoted(name) if name is not None else ""
        values = {"tool": json_name or f"number {number}", "name": json_name, "number": number}
        if not isinstance(kind, str) or not kind:
            yield _ToolIssue(index, "type", Said("tool_type", values))
            continue
        if kind != "custom":
            continue  # a server tool: the provider knows its fields
        if name is not None and not _TOOL_NAME.fullmatch(name):
            yield _ToolIssue(index, "name", Said("tool_name_pattern", values))
        schema = tool.get("input_schema")
        if not isinstance(schema, Mapping) or schema.get("type") != "object":
            key = "input_schema" if "input_schema" in tool else None
            yield _ToolIssue(
                index, key, Said("tool_needs_schema" if schema is None else "tool_schema_not_object", values)
            )
        if "description" in tool and not isinstance(tool["description"], str):
            yield _ToolIssue(index, "description", Said("tool_description_text", values))
        if "strict" in tool and not isinstance(tool["strict"], bool):
            yield _ToolIssue(index, "strict", Said("tool_strict_bool", values))


def validate_tools_json(text: str) -> list[ToolProblem]:
    """The problems of the tools editor's text, each at the line and column it is about: a JSON syntax error
    where the parser stopped, a tool's problem at the key it names (``name``, ``input_schema``...) or at
    the start of the tool. Empty text (no tools) has no problem."""
    if not text.strip():
        return []
    try:
        tools = json.loads(text)
    except json.JSONDecodeError as exc:
        return [ToolProblem(exc.lineno, exc.colno, f"{exc.msg}.")]
    start = _skip_space(text, 0)
    if not isinstance(tools, list):
        one_tool = isinstance(tools, dict) and "name" in tools
        message = (
            "The tools must be a JSON array: put this tool inside [ and ]."
            if one_tool
            else "The tools must be a JSON array of tool definitions: [{...}, {...}]."
        )
        return [ToolProblem(*_line_and_column(text, start), message)]
    item_starts = _array_item_starts(text, start)
    problems = []
    for issue in tool_issues(tools):
        position = item_starts[issue.index]
        if issue.key is not None:
            position = _object_key_starts(text, position).get(issue.key, position)
        problems.append(ToolProblem(*_line_and_column(text, position), issue.message, issue.said))
    return problems


def _skip_space(text: str, position: int) -> int:
    found = _JSON_SPACE.match(text, position)
    assert found is not None  # the pattern matches the empty string
    return found.end()


def _array_item_starts(text: str, start: int) -> list[int]:
    """Where each element of the JSON array at ``start`` begins (the text is known to be valid JSON)."""
    starts: list[int] = []
    position = _skip_space(text, start + 1)
    while text[position] != "]":
        starts.append(position)
        _, end = _JSON_DECODER.raw_decode(text, position)
        position = _skip_space(text, end)
        if text[position] == ",":
            position = _skip_space(text, position + 1)
    return starts


def _object_key_starts(text: str, start: int) -> dict[str, int]:
    """Where each key of the JSON object at ``start`` begins (for a repeated key, the last, as JSON reads
    it); nothing when ``start`` holds another value."""
    keys: dict[str, int] = {}
    if text[start] != "{":
        return keys
    position = _skip_space(text, start + 1)
    while text[position] != "}":
        key, end = _JSON_DECODER.raw_decode(text, position)
        keys[key] = position
        position = _skip_space(text, _skip_space(text, end) + 1)  # past the colon
        _, end = _JSON_DECODER.raw_decode(text, position)
        position = _skip_space(text, end)
        if text[position] == ",":
            position = _skip_space(text, position + 1)
    return keys


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    """1-based, the way `json.JSONDecodeError` counts."""
    return text.count("\n", 0, position) + 1, position - text.rfind("\n", 0, position)


# --- an output schema -----------------------------------------------------------------------------


def output_schema_issues(schema: Any) -> list[tuple[str | None, Said]]:
    """What keeps ``schema`` from being an output format (``output_config.format``'s schema): the key each
    problem is about (None: the schema as a whole) and what is said. The reply is a JSON object, so the
    schema is an object schema; its ``properties`` and ``required`` have their JSON Schema shapes."""
    if not isinstance(schema, Mapping):
        return [(None, Said("schema_object"))]
    issues: list[tuple[str | None, Said]] = []
    if schema.get("type") != "object":
        issues.append(("type" if "type" in schema else None, Said("schema_describes_object")))
    properties = schema.get("properties")
    if "properties" in schema and not (
        isinstance(properties, Mapping) and all(isinstance(value, Mapping) for value in properties.values())
    ):
        issues.append(("properties", Said("schema_properties")))
    required = schema.get("required")
    if "required" in schema:
        if not (isinstance(required, list) and all(isinstance(name, str) for name in required)):
            issues.append(("required", Said("schema_required_list")))
        elif isinstance(properties, Mapping) and (missing := [n for n in required if n not in properties]):
            issues.append(("required", Said("schema_required_missing", {"name": quoted(missing[0])})))
    return issues


def validate_output_schema_json(text: str) -> list[ToolProblem]:
    """The problems of an output schema editor's text, each at its line and column (a JSON syntax error
    where the parser stopped; a schema problem at the key it is about). Empty text (no schema) has none."""
    if not text.strip():
        return []
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        return [ToolProblem(exc.lineno, exc.colno, f"{exc.msg}.")]
    start = _skip_space(text, 0)
    keys = _object_key_starts(text, start)
    return [
        ToolProblem(*_line_and_column(text, keys.get(key, start) if key else start), said.text, said)
        for key, said in output_schema_issues(schema)
    ]


def quoted(name: Any) -> str:
    """A name as JSON writes it, shortened when long (it may be anything a person typed)."""
    text = str(name)
    return json.dumps(text if len(text) <= 40 else text[:39] + "…", ensure_ascii=False)
