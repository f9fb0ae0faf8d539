"""Structured output: the reply's text is JSON valid against the request's schema, built by
`schema_values` (checked here value by value against what each schema demands)."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.demo.schema_values import value_for
from tests.unit.demo.sse_reading import accumulate, create, stream, text

RECIPE = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "servings": {"type": "integer", "minimum": 2, "maximum": 12},
        "difficulty": {"type": "string", "enum": ["easy", "medium", "hard"]},
        "vegetarian": {"type": "boolean"},
        "ingredients": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "grams": {"type": "number", "exclusiveMinimum": 0}},
                "required": ["name", "grams"],
                "additionalProperties": False,
            },
        },
        "source": {"type": "string", "format": "uri"},
        "notes": {"type": ["string", "null"]},
    },
    "required": ["title", "servings", "ingredients"],
    "additionalProperties": False,
}


def test_a_full_instance_fills_required_and_optional_properties() -> None:
    value = value_for(RECIPE, "Lisbon", complete=True)
    assert list(value) == list(RECIPE["properties"])  # in the schema's order
    assert value["title"] == "Lisbon"
    assert value["servings"] == 2
    assert value["difficulty"] == "easy"
    assert value["vegetarian"] is True
    assert value["ingredients"] == [{"name": "Lisbon", "grams": 1.5}, {"name": "Lisbon 2", "grams": 1.5}]
    assert value["source"] == "https://example.com/demo"
    assert value["notes"] == "Lisbon"


def test_tool_arguments_hold_only_what_is_required() -> None:
    assert value_for(RECIPE, "Lisbon") == {
        "title": "Lisbon",
        "servings": 2,
        "ingredients": [{"name": "Lisbon", "grams": 1.5}],
    }


@pytest.mark.parametrize(
    ("schema", "check"),
    [
        ({"type": "integer", "minimum": 10, "multipleOf": 7}, lambda v: v == 14),
        ({"type": "integer", "exclusiveMaximum": 0}, lambda v: v == -1),
        ({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 0.2}, lambda v: 0 < v < 0.2),
        ({"type": "integer", "minimum": 1.5, "maximum": 3}, lambda v: v == 2),
        ({"type": "string", "minLength": 12}, lambda v: len(v) >= 12),
        ({"type": "string", "maxLength": 3}, lambda v: v == "Lis"),
        ({"type": "string", "pattern": "^[A-Z]{3}-\\d{2,4}$"}, lambda v: re.fullmatch(r"[A-Z]{3}-\d{2,4}", v)),
        ({"type": "string", "pattern": "^(yes|no)$"}, lambda v: v == "yes"),
        ({"type": "string", "pattern": "[^a-z]+@x\\.org"}, lambda v: re.search(r"[^a-z]+@x\.org", v)),
        ({"type": "string", "format": "date"}, lambda v: v == "2026-12-15"),
        ({"type": "string", "format": "date-time"}, lambda v: v.endswith("Z")),
        ({"type": "string", "format": "uuid"}, lambda v: uuid.UUID(v).version == 4),
        ({"type": "string", "format": "email"}, lambda v: "@" in v),
        ({"const": {"fixed": [1]}}, lambda v: v == {"fixed": [1]}),
        ({"type": "string", "default": "draft"}, lambda v: v == "draft"),
        ({"type": "string", "examples": ["Oslo"]}, lambda v: v == "Oslo"),
        ({"anyOf": [{"type": "null"}, {"type": "integer", "minimum": 5}]}, lambda v: v == 5),
        ({"oneOf": [{"type": "boolean"}, {"type": "string"}]}, lambda v: v is True),
        (
            {"allOf": [{"properties": {"a": {"type": "integer"}}, "required": ["a"]}, {"required": ["b"]}]},
            lambda v: v == {"a": 1, "b": "Lisbon"},
        ),
        ({"type": "array", "items": {"enum": ["x", "y", "z"]}, "uniqueItems": True}, lambda v: v == ["x", "y"]),
        ({"type": "array", "prefixItems": [{"type": "integer"}, {"type": "boolean"}]}, lambda v: v == [1, True]),
        ({"type": "array", "items": {"type": "string"}, "maxItems": 1}, lambda v: v == ["Lisbon"]),
        ({"type": "array", "minItems": 3}, lambda v: len(v) == 3),
        ({"type": "null"}, lambda v: v is None),
    ],
)
def test_each_keyword_is_honoured(schema: dict[str, Any], check: Any) -> None:
    value = value_for(schema, "Lisbon", complete=True)
    assert check(value), value


def test_references_are_followed_and_recursion_stops() -> None:
    schema = {
        "type": "object",
        "properties": {"home": {"$ref": "#/$defs/place"}, "tree": {"$ref": "#/definitions/node"}},
        "required": ["home", "tree"],
        "$defs": {"place": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
        "definitions": {
            "node": {
                "type": "object",
                "properties": {"label": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}},
                "required": ["label"],
            }
        },
    }
    value = value_for(schema, "Oslo", complete=True)
    assert value["home"] == {"city": "Oslo"}
    assert value["tree"]["label"] == "Oslo"
    assert isinstance(value["tree"]["children"], list)


JSON_SCHEMAS = st.recursive(
    st.fixed_dictionaries({"type": st.sampled_from(["string", "integer", "number", "boolean", "null"])}),
    lambda inner: st.one_of(
        st.builds(lambda items: {"type": "array", "items": items}, inner),
        st.builds(
            lambda props, some: {"type": "object", "properties": props, "required": sorted(props)[:some]},
            st.dictionaries(st.text("abcdefgh", min_size=1, max_size=5), inner, max_size=4),
            st.integers(0, 4),
        ),
        st.builds(lambda a, b: {"anyOf": [a, b]}, inner, inner),
    ),
    max_leaves=12,
)


def conforms(value: Any, schema: dict[str, Any]) -> bool:
    """Enough of a JSON Schema check for the schemas drawn above."""
    if "anyOf" in schema:
        return any(conforms(value, variant) for variant in schema["anyOf"])
    kind = schema["type"]
    if kind == "object":
        return (
            isinstance(value, dict)
            and set(schema["required"]) <= set(value) <= set(schema["properties"])
            and all(conforms(value[name], schema["properties"][name]) for name in value)
        )
    if kind == "array":
        return isinstance(value, list) and all(conforms(item, schema["items"]) for item in value)
    types = {"string": str, "boolean": bool, "null": type(None), "integer": int, "number": (int, float)}
    return isinstance(value, types[kind]) and (kind in ("boolean", "null") or not isinstance(value, bool))


@given(JSON_SCHEMAS, st.booleans())
def test_any_nesting_of_types_gives_a_conforming_value(schema: dict[str, Any], full: bool) -> None:
    value = value_for(schema, "subject", complete=full)
    assert conforms(value, schema)
    json.dumps(value)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda x: st.lists(x) | st.dictionaries(st.text(max_size=5), x),
    )
)
def test_nonsense_schemas_never_raise(schema: Any) -> None:
    json.dumps(value_for(schema, "subject", complete=True))


def request(prompt: str, schema: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "model": "claude-demo-sonnet-5",
        "max_tokens": 4096,
        "messages": [{"role": "user", "content": prompt}],
        "output_config": {"format": {"type": "json_schema", "schema": schema}},
        **fields,
    }


def test_the_reply_is_json_for_the_schema_streamed_as_text_deltas(client: httpx.Client) -> None:
    body = request("Give me a recipe from Lisbon", RECIPE)
    events = stream(client, body)
    message = accumulate(events)
    assert [block["type"] for block in message["content"]] == ["text"]
    reply = json.loads(text(message))
    assert reply == value_for(RECIPE, "Lisbon", complete=True)
    deltas = [data["delta"]["type"] for name, data in events if name == "content_block_delta"]
    assert set(deltas) == {"text_delta"}
    assert len(deltas) > 5
    assert json.loads(text(create(client, body))) == reply


def test_structured_output_comes_after_thinking_and_tool_calls(client: httpx.Client) -> None:
    tool = {"name": "get_weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}
    schema = {"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"]}
    call = create(client, request("Use get_weather for Paris", schema, tools=[tool]))
    assert [block["type"] for block in call["content"]] == ["tool_use"]  # no preamble in prose
    thought = create(client, request("Summarise the weather in Oslo", schema, thinking={"type": "adaptive"}))
    assert [block["type"] for block in thought["content"]] == ["thinking", "text"]
    assert json.loads(thought["content"][1]["text"]) == {"summary": "Oslo"}


def test_custom_tools_may_be_strict(client: httpx.Client) -> None:
    tool = {"name": "t", "strict": True, "input_schema": {"type": "object", "additionalProperties": False}}
    assert client.post("/v1/messages", json=request("Hi", {"type": "object"}, tools=[tool])).status_code == 200
    response = client.post("/v1/messages", json=request("Hi", {"type": "object"}, tools=[{**tool, "strict": "yes"}]))
    assert response.json()["error"]["message"] == "tools.0.strict: Input should be a valid boolean"
