"""A message's row: its columns are the fields of :class:`app.store.models.Message`, so what is read and written
follows the dataclasses; the ``kind`` of each of the :class:`~app.store.models.ReplyDetails` says how its column
holds it. With the query that walks a branch up to its root.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any, Final

from app.store.json_columns import dumps, loads
from app.store.models import STATUSES, DetailKind, Message, MessageError, ReplyDetails
from app.store.timestamps import from_ms

USAGE_COLUMNS: Final = ("input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
"""The token counts of a reply's usage, kept in columns of their own beside it (summed by app.store.usage)."""

# `chain`: the message given as the parameter and its ancestors, the root deepest.
ANCESTORS: Final = """
    WITH RECURSIVE chain(id, depth) AS (
        SELECT ?, 0
        UNION ALL
        -- A subquery, not a join: the planner would scan the chain once per step of a join.
        SELECT (SELECT parent_id FROM messages WHERE id = chain.id), chain.depth + 1
        FROM chain WHERE chain.id IS NOT NULL
    )
"""


def _error(text: str | None) -> MessageError | None:
    return MessageError.from_dict(json.loads(text)) if text else None


def _decoder(kind: DetailKind | None, name: str) -> Callable[[Any], Any] | None:
    """How a column's value becomes the field's (None: as it is)."""
    if kind is DetailKind.OBJECT:
        return loads
    if kind is DetailKind.ERROR:
        return _error
    decoders: dict[str, Callable[[Any], Any]] = {"content": json.loads, "created_at": from_ms}
    return decoders.get(name)


_FIELDS: Final = tuple((item.name, _decoder(item.metadata.get("kind"), item.name)) for item in fields(Message))
COLUMNS: Final = ", ".join(f"m.{name}" for name, _ in _FIELDS)
"""The columns of :class:`Message`, in the order :func:`message_from_row` reads them (table alias ``m``)."""


def message_from_row(row: sqlite3.Row) -> Message:
    """The message in a row that starts with :data:`COLUMNS`."""
    return Message(
        **{name: row[index] if decode is None else decode(row[index]) for index, (name, decode) in enumerate(_FIELDS)}
    )


def detail_columns(details: Mapping[str, Any]) -> dict[str, object]:
    """The column values for these details (by field name of :class:`ReplyDetails`), with the token counts
    that are kept beside the usage for summing."""
    kinds = _DETAIL_KINDS
    columns: dict[str, object] = {name: _encoded(kinds[name], value) for name, value in details.items()}
    if "usage" in details:
        columns.update(zip(USAGE_COLUMNS, usage_numbers(details["usage"]), strict=True))
    return columns


_DETAIL_KINDS: Final[dict[str, DetailKind]] = {item.name: item.metadata["kind"] for item in fields(ReplyDetails)}


def _encoded(kind: DetailKind, value: Any) -> object:
    if value is None or kind is DetailKind.TEXT:
        return value
    return dumps(value.to_dict() if kind is DetailKind.ERROR else dict(value))


def usage_numbers(usage: Mapping[str, Any] | None) -> tuple[int | None, ...]:
    """The values of :data:`USAGE_COLUMNS` for a usage (None for a count it lacks or that is not a number)."""

    def number(value: object) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return tuple(number((usage or {}).get(column)) for column in USAGE_COLUMNS)


def check_status(status: str) -> None:
    """Raise ValueError unless ``status`` is one a message can have."""
    if status not in STATUSES:
        raise ValueError(f"Unknown message status {status!r}")
