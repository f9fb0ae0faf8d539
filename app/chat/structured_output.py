"""Structured output: a reply asked for as JSON valid against a schema (``output_config.format`` of its
request), checked against that schema when it is shown.

:func:`output_schema` reads the schema from a recorded request; :func:`check_output` parses the reply's text
and validates it with the ``jsonschema`` library (JSON Schema 2020-12). Importing that library costs some
150 ms, which a window that never shows a structured reply should not pay and one that does should not pay on
its UI thread: :func:`checker_ready` says whether it is loaded, :func:`load_checker` loads it in a thread of its
own. Qt-free.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

__all__ = [
    "MAX_PROBLEMS",
    "OutputCheck",
    "Problem",
    "check_output",
    "checker_ready",
    "load_checker",
    "output_schema",
]

MAX_PROBLEMS = 20  # mismatches listed; the rest are counted
_MAX_MESSAGE_CHARS = 200  # jsonschema quotes the value that failed: a long one is cut


@dataclass(frozen=True)
class Problem:
    """Where the reply does not match the schema (a JSON path such as ``$.items[0].price``) and why."""

    path: str
    message: str


@dataclass(frozen=True)
class OutputCheck:
    """What checking a reply against its schema found.

    ``pretty``: the reply's JSON, indented (None when the text is not JSON: ``json_error`` says why);
    ``problems``: the first :data:`MAX_PROBLEMS` mismatches, ``more`` counts the others; ``schema_error``: the
    schema itself is not a valid JSON Schema (then nothing was checked)."""

    pretty: str | None
    problems: tuple[Problem, ...] = ()
    more: int = 0
    json_error: str | None = None
    schema_error: str | None = None

    @property
    def matches(self) -> bool:
        """Valid JSON that matches the schema."""
        return self.pretty is not None and not self.problems and self.schema_error is None


def output_schema(options: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The JSON Schema a request asked the reply to follow (``output_config.format`` of type
    ``json_schema``), or None."""
    config = options.get("output_config") if options else None
    found = config.get("format") if isinstance(config, Mapping) else None
    if isinstance(found, Mapping) and found.get("type") == "json_schema" and isinstance(found.get("schema"), dict):
        schema: dict[str, Any] = found["schema"]
        return schema
    return None


def check_output(text: str, schema: Mapping[str, Any]) -> OutputCheck:
    """Parse ``text`` as JSON and validate it against ``schema``."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        return OutputCheck(None, json_error=_json_error(exc, text))
    pretty = json.dumps(value, indent=2, ensure_ascii=False)
    try:
        validator = _validator(json.dumps(schema, sort_keys=True))
    except ValueError as exc:
        return OutputCheck(pretty, schema_error=str(exc))
    errors = sorted(validator.iter_errors(value), key=_in_document_order)
    problems = tuple(Problem(error.json_path, _short(error.message)) for error in errors[:MAX_PROBLEMS])
    return OutputCheck(pretty, problems, max(0, len(errors) - MAX_PROBLEMS))


_loaded = threading.Event()
_lock = threading.Lock()
_waiting: list[Callable[[], None]] = []


def checker_ready() -> bool:
    """Whether :func:`check_output` can run at once (the jsonschema library is loaded)."""
    return _loaded.is_set()


def load_checker(done: Callable[[], None]) -> None:
    """Load the jsonschema library in a background thread, then call ``done`` (in that thread: a view must
    hand it to its UI thread); at once when it is loaded already."""
    with _lock:
        if not _loaded.is_set():
            _waiting.append(done)
            if len(_waiting) == 1:
                threading.Thread(target=_load, name="samtal-jsonschema", daemon=True).start()
            return
    done()


def _load() -> None:
    try:
        import jsonschema.validators  # noqa: F401 (the import is the point)
    finally:
        with _lock:
            _loaded.set()
            waiting = list(_waiting)
            _waiting.clear()
        for done in waiting:
            done()


@functools.lru_cache(maxsize=32)
def _validator(schema_json: str) -> Validator:
    """A validator for the schema (kept: a conversation's replies share theirs); ValueError when the schema
    is not valid JSON Schema."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
    from jsonschema.validators import validator_for

    _loaded.set()  # imported now, on whichever thread
    schema = json.loads(schema_json)
    cls = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        where = exc.json_path if exc.json_path != "$" else ""
        raise ValueError(f"{where}: {_short(exc.message)}" if where else _short(exc.message)) from None
    return cls(schema)


def _in_document_order(error: Any) -> tuple[list[tuple[int, int, str]], str]:
    """Sort key: by path (array indices as numbers), then by message, so that the list never shuffles."""
    parts = [(0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in error.absolute_path]
    return parts, str(error.message)


def _json_error(exc: ValueError, text: str) -> str:
    if not text.strip():
        return "the reply is empty"
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
    return str(exc)


def _short(message: str) -> str:
    return message if len(message) <= _MAX_MESSAGE_CHARS else message[: _MAX_MESSAGE_CHARS - 1] + "…"
