"""The store's JSON columns hold compact JSON text (no spaces, non-ASCII as it is)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def dumps(value: object) -> str:
    """``value`` as compact JSON text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def dumps_object(value: Mapping[str, Any] | None) -> str | None:
    """A JSON object (a mapping) as compact JSON text; None stays None."""
    return None if value is None else dumps(dict(value))


def loads(text: str | None) -> Any:
    """A column's JSON value; NULL is None."""
    return None if text is None else json.loads(text)
