"""Plausible JSON values that satisfy a JSON Schema: tool arguments and structured output.

Deterministic: the same schema and subject always give the same value. Handles what structured output
schemas hold (types and type lists, properties with required and optional ones, nested objects, arrays
with `items`/`prefixItems` and their size limits, `enum`, `const`, `default`, `examples`, `anyOf`/`oneOf`/
`allOf`, local `$ref` into `$defs`/`definitions`, string `format`s and `pattern`s, length and number
limits) and never raises on a schema that is nonsense: whatever cannot be honoured is skipped.
"""

from __future__ import annotations

import hashlib
import importlib
import math
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

__all__ = ["value_for"]

_MAX_DEPTH = 12  # below this, a recursive schema gets only what it requires
_FORMATS = {
    "date-time": "2026-12-15T09:30:00Z",
    "date": "2026-12-15",
    "time": "09:30:00",
    "duration": "P3D",
    "email": "demo@example.com",
    "idn-email": "demo@example.com",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uri": "https://example.com/demo",
    "iri": "https://example.com/demo",
    "uri-reference": "/demo",
}
# A string property named like one of these gets a value of that kind (when its schema says no more).
_NAME_HINTS = (
    (re.compile(r"e-?mail", re.IGNORECASE), "email"),
    (re.compile(r"url|uri|link|website|homepage", re.IGNORECASE), "uri"),
    (re.compile(r"date|day|when", re.IGNORECASE), "date"),
    (re.compile(r"time", re.IGNORECASE), "time"),
)


def value_for(schema: object, subject: str, *, complete: bool = False) -> Any:
    """A value valid against `schema`, with strings about `subject`.

    `complete` fills optional properties too and gives arrays a couple of items (structured output);
    without it only what the schema requires is there (tool arguments).
    """
    return _Builder(schema, complete).value(schema, subject, name="", depth=0)


class _Builder:
    def __init__(self, root: object, complete: bool) -> None:
        self.root = root
        self.complete = complete
        self.active: list[str] = []  # the `$ref`s being expanded: optional parts that recur are left out

    def value(self, schema: object, subject: str, *, name: str, depth: int) -> Any:
        if not isinstance(schema, Mapping):  # no schema, or `true`: anything is allowed
            return subject
        if depth > 4 * _MAX_DEPTH:  # a schema that requires itself: no finite value exists
            return None
        followed: list[str] = []
        schema = self._resolved(schema, followed)
        self.active += followed
        try:
            return self._value(schema, subject, name=name, depth=depth)
        finally:
            del self.active[len(self.active) - len(followed) :]

    def _recurs(self, schema: object) -> bool:
        return isinstance(schema, Mapping) and schema.get("$ref") in self.active

    def _value(self, schema: Mapping[str, Any], subject: str, *, name: str, depth: int) -> Any:
        if "const" in schema:
            return schema["const"]
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            return enum[0]
        if "default" in schema:
            return schema["default"]
        examples = schema.get("examples")
        if isinstance(examples, list) and examples:
            return examples[0]
        for key in ("anyOf", "oneOf"):
            variants = schema.get(key)
            if isinstance(variants, list) and variants:
                chosen = next((v for v in variants if not _is_null(v)), variants[0])
                return self.value({**_without(schema, key), **_as_mapping(chosen)}, subject, name=name, depth=depth + 1)
        parts = schema.get("allOf")
        if isinstance(parts, list) and parts:
            merged = _merge([_without(schema, "allOf"), *(self._resolved(_as_mapping(p), []) for p in parts)])
            return self.value(merged, subject, name=name, depth=depth + 1)
        match _kind(schema):
            case "object":
                return self._object(schema, subject, depth)
            case "array":
                return self._array(schema, subject, name, depth)
            case "integer":
                return _number(schema, integer=True)
            case "number":
                return _number(schema, integer=False)
            case "boolean":
                return True
            case "null":
                return None
        return _string(schema, subject, name)

    def _resolved(self, schema: Mapping[str, Any], followed: list[str]) -> Mapping[str, Any]:
        """`schema` with a local `$ref` followed (its own keywords beside the reference kept); the
        references followed are added to `followed`."""
        for _ in range(_MAX_DEPTH):
            ref = schema.get("$ref")
            if not isinstance(ref, str) or not ref.startswith("#"):
                return schema
            followed.append(ref)
            target: object = self.root
            for part in ref[1:].split("/")[1:]:
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part) if isinstance(target, Mapping) else None
            schema = {**_without(schema, "$ref"), **_as_mapping(target)}
        return _without(schema, "$ref")

    def _object(self, schema: Mapping[str, Any], subject: str, depth: int) -> dict[str, Any]:
        properties = schema.get("properties")
        if not isinstance(properties, Mapping):
            properties = {}
        required = schema.get("required")
        needed = [name for name in required if isinstance(name, str)] if isinstance(required, list) else []
        # In the order the schema lists them, as a model writes them.
        names = [
            name for name, inner in properties.items() if name in needed or (self.complete and not self._recurs(inner))
        ]
        names += [name for name in needed if name not in names]
        return {name: self.value(properties.get(name), subject, name=name, depth=depth + 1) for name in names}

    def _array(self, schema: Mapping[str, Any], subject: str, name: str, depth: int) -> list[Any]:
        low = _whole(schema.get("minItems"), 0) or 0
        high = _whole(schema.get("maxItems"), None)
        recurs = self._recurs(schema.get("items"))
        wanted = max(low, 2 if self.complete and not recurs else 0)
        count = min(wanted, high) if high is not None else wanted
        leading = schema.get("prefixItems")
        leading = leading if isinstance(leading, list) else []
        items: list[Any] = []
        for index in range(count):
            item_schema = leading[index] if index < len(leading) else schema.get("items")
            # Later items are about the subject too, told apart, so `uniqueItems` holds.
            about = subject if index == 0 else f"{subject} {index + 1}"
            value = self.value(item_schema, about, name=name, depth=depth + 1)
            if index and schema.get("uniqueItems") is True and value in items:
                value = _another(item_schema, value, index)
            items.append(value)
        return items


def _as_mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _without(schema: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in schema.items() if name != key}


def _is_null(schema: object) -> bool:
    return isinstance(schema, Mapping) and schema.get("type") == "null"


def _merge(parts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """allOf's parts as one schema: properties merged, required names joined, other keywords the last's."""
    merged: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    required: list[Any] = []
    for part in parts:
        merged.update(part)
        if isinstance(part.get("properties"), Mapping):
            properties.update(part["properties"])
        if isinstance(part.get("required"), list):
            required += [name for name in part["required"] if name not in required]
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def _kind(schema: Mapping[str, Any]) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "required" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    return "string"


def _whole(value: object, fallback: int | None) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else fallback


def _limit(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _number(schema: Mapping[str, Any], *, integer: bool) -> int | float:
    """1 (or 1.5), moved into the schema's bounds and onto its `multipleOf` (best effort)."""
    step = _limit(schema.get("multipleOf"))
    if step is not None and (step <= 0 or (integer and step != int(step))):
        step = None
    unit = step or (1.0 if integer else 0.5)
    low, high = _limit(schema.get("minimum")), _limit(schema.get("maximum"))
    above, below = _limit(schema.get("exclusiveMinimum")), _limit(schema.get("exclusiveMaximum"))
    if above is not None:
        low = max(low, above + unit) if low is not None else above + unit
    if below is not None:
        high = min(high, below - unit) if high is not None else below - unit
    value = 1.0 if integer else 1.5
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    if low is not None and high is not None and low > high:  # a narrow open interval: its middle
        value = ((above if above is not None else low) + (below if below is not None else high)) / 2
    if integer:
        value = math.ceil(value) if high is None or math.ceil(value) <= high else math.floor(value)
    if step is not None:
        snapped = math.ceil(value / step) * step
        value = snapped if high is None or snapped <= high else math.floor(value / step) * step
    return int(value) if integer else value


def _string(schema: Mapping[str, Any], subject: str, name: str) -> str:
    text = subject
    form = schema.get("format")
    if form == "uuid":
        text = str(uuid.UUID(bytes=hashlib.sha256(subject.encode()).digest()[:16], version=4))
    elif isinstance(form, str) and form in _FORMATS:
        text = _FORMATS[form]
    else:
        hint = next((kind for pattern, kind in _NAME_HINTS if pattern.search(name)), None)
        if hint is not None and form is None:
            text = _FORMATS[hint]
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        text = _matching(pattern, text)
    low = _whole(schema.get("minLength"), 0) or 0
    high = _whole(schema.get("maxLength"), None)
    if len(text) < low:
        text = (text + " " + subject * (low // max(1, len(subject)) + 1))[:low] if text else "x" * low
    if high is not None and len(text) > high:
        text = text[:high]
    return text


def _matching(pattern: str, preferred: str) -> str:
    """`preferred` if it matches `pattern` (searched, as JSON Schema does), else a string made from it."""
    try:
        compiled = re.compile(pattern)
    except re.error:
        return preferred
    if compiled.search(preferred):
        return preferred
    try:
        made = _Regex().text(importlib.import_module("re._parser").parse(pattern))
    except (AttributeError, ImportError, ValueError, TypeError, IndexError, re.error):
        return preferred
    return made if compiled.search(made) else preferred


class _Regex:
    """Text matched by a parsed regular expression (Python's own parser: `re._parser`)."""

    _CATEGORY_CHARS: ClassVar[dict[str, str]] = {
        "CATEGORY_DIGIT": "7",
        "CATEGORY_NOT_DIGIT": "a",
        "CATEGORY_SPACE": " ",
        "CATEGORY_NOT_SPACE": "a",
        "CATEGORY_WORD": "a",
        "CATEGORY_NOT_WORD": "-",
    }

    def __init__(self) -> None:
        self.groups: dict[int, str] = {}

    def text(self, parsed: Any) -> str:
        return "".join(self._node(str(op), argument) for op, argument in parsed)

    def _node(self, op: str, argument: Any) -> str:
        match op:
            case "LITERAL":
                return chr(argument)
            case "NOT_LITERAL":
                return "a" if chr(argument) != "a" else "b"
            case "ANY":
                return "a"
            case "IN":
                return self._member(argument)
            case "MAX_REPEAT" | "MIN_REPEAT" | "POSSESSIVE_REPEAT":
                low, high, inner = argument
                return self.text(inner) * max(low, min(high, 1))
            case "SUBPATTERN":
                group, _, _, inner = argument
                made = self.text(inner)
                if group is not None:
                    self.groups[group] = made
                return made
            case "ATOMIC_GROUP":
                return self.text(argument)
            case "BRANCH":
                return self.text(argument[1][0])
            case "GROUPREF":
                return self.groups.get(argument, "")
            case "AT" | "ASSERT" | "ASSERT_NOT":
                return ""
        raise ValueError(f"no text for {op}")

    def _member(self, items: Any) -> str:
        negated = any(str(op) == "NEGATE" for op, _ in items)
        allowed = [self._candidate(str(op), argument) for op, argument in items if str(op) != "NEGATE"]
        if not negated:
            return allowed[0]
        excluded = "".join(allowed)
        return next(char for char in "aZ0_-x! " if char not in excluded)

    def _candidate(self, op: str, argument: Any) -> str:
        match op:
            case "LITERAL":
                return chr(argument)
            case "RANGE":
                return chr(argument[0])
            case "CATEGORY":
                return self._CATEGORY_CHARS.get(str(argument), "a")
        raise ValueError(f"no character for {op}")


def _another(schema: object, value: Any, index: int) -> Any:
    """A value other than `value` for item `index` of a `uniqueItems` array (best effort)."""
    if isinstance(schema, Mapping) and isinstance(schema.get("enum"), list) and len(schema["enum"]) > index:
        return schema["enum"][index]
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + index
    return value
