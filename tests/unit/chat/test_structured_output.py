"""Structured output: the schema a request asked for, and a reply checked against it (what matches, where
and why it does not, text that is not JSON, a schema that is not JSON Schema)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.chat.structured_output import MAX_PROBLEMS, OutputCheck, Problem, check_output, output_schema

ROOT = Path(__file__).resolve().parents[3]

SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"title": {"type": "string"}, "price": {"type": "number"}},
                "required": ["title", "price"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["name", "items"],
    "additionalProperties": False,
}


def test_the_schema_comes_from_the_requests_output_config() -> None:
    request = {"model": "m", "output_config": {"effort": "low", "format": {"type": "json_schema", "schema": SCHEMA}}}
    assert output_schema(request) == SCHEMA
    assert output_schema({"output_config": {"effort": "high"}}) is None
    assert output_schema({"output_config": {"format": {"type": "text"}}}) is None
    assert output_schema({"output_config": "nonsense"}) is None
    assert output_schema(None) is None
    assert output_schema({}) is None


def test_a_matching_reply_is_indented() -> None:
    check = check_output('{"name":"Shop","items":[{"title":"Tea","price":3.5}]}', SCHEMA)
    assert check.matches
    assert check.pretty == json.dumps({"name": "Shop", "items": [{"title": "Tea", "price": 3.5}]}, indent=2)
    assert check.problems == ()


def test_a_mismatch_says_where_and_why() -> None:
    text = '{"name": 7, "items": [{"title": "Tea", "price": "cheap"}, {"title": "Cake", "extra": 1}]}'
    check = check_output(text, SCHEMA)
    assert not check.matches
    assert check.pretty is not None  # still shown, indented
    assert check.problems == (
        Problem("$.items[0].price", "'cheap' is not of type 'number'"),
        Problem("$.items[1]", "'price' is a required property"),
        Problem("$.items[1]", "Additional properties are not allowed ('extra' was unexpected)"),
        Problem("$.name", "7 is not of type 'string'"),
    )


def test_text_that_is_not_json_says_where_it_stops_being_json() -> None:
    check = check_output('{"name": "Shop", "items": [', SCHEMA)
    assert check == OutputCheck(None, json_error="Expecting value (line 1, column 28)")
    assert not check.matches
    assert check_output("  ", SCHEMA).json_error == "the reply is empty"


def test_many_mismatches_are_listed_up_to_a_limit_and_counted() -> None:
    items = [{"title": n} for n in range(MAX_PROBLEMS + 5)]
    check = check_output(json.dumps({"name": "x", "items": items}), SCHEMA)
    assert len(check.problems) == MAX_PROBLEMS
    assert check.more == (MAX_PROBLEMS + 5) * 2 - MAX_PROBLEMS  # each item: a wrong title and no price


def test_a_long_value_is_cut_in_the_message() -> None:
    check = check_output(json.dumps({"name": "n" * 5_000, "items": []}), {"properties": {"name": {"maxLength": 3}}})
    (problem,) = check.problems
    assert len(problem.message) <= 200
    assert problem.message.endswith("…")


def test_a_schema_that_is_not_json_schema_is_said_so() -> None:
    check = check_output('{"a": 1}', {"type": "objekt"})
    assert check.pretty == '{\n  "a": 1\n}'
    assert check.schema_error is not None
    assert "objekt" in check.schema_error
    assert not check.matches


def test_importing_the_module_does_not_import_jsonschema() -> None:
    probe = "import sys\nimport app.chat.structured_output\nprint('jsonschema' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"  # some 150 ms, paid only when a structured reply is checked


def test_the_checker_loads_in_a_thread_of_its_own_and_says_when_it_is_ready() -> None:
    probe = (
        "import threading\n"
        "from app.chat.structured_output import checker_ready, load_checker\n"
        "ready = threading.Event()\n"
        "threads = []\n"
        "print(checker_ready())\n"
        "load_checker(lambda: (threads.append(threading.current_thread().name), ready.set()))\n"
        "ready.wait(30)\n"
        "print(checker_ready(), threads)\n"
        "load_checker(lambda: threads.append(threading.current_thread().name))\n"
        "print(threads)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == [
        "False",
        "True ['samtal-jsonschema']",
        "['samtal-jsonschema', 'MainThread']",  # once loaded: at once, on the caller's thread
    ]
