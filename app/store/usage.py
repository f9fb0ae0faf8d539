"""The tokens replies used, as the API reported them: per conversation, per day and model, and the last use of
the prompt cache. ``store.usage``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from app.store.conversations import require as require_conversation
from app.store.database import Database
from app.store.message_rows import COLUMNS, USAGE_COLUMNS, message_from_row
from app.store.models import DailyUsage, Message, UsageTotals
from app.store.timestamps import to_ms

_TOTALS = ", ".join(f"total({column})" for column in USAGE_COLUMNS)


class Usage:
    """What the store's replies used (reads only)."""

    def __init__(self, db: Database) -> None:
        self._conn = db.conn

    def totals(self, conversation_id: int) -> UsageTotals:
        """Tokens used by every reply of a conversation (all branches)."""
        require_conversation(self._conn, conversation_id)
        row = self._conn.execute(
            f"SELECT count(*), {_TOTALS} FROM messages WHERE conversation_id = ? AND output_tokens IS NOT NULL",
            (conversation_id,),
        ).fetchone()
        return _usage(row)

    def replies(self, conversation_id: int) -> list[tuple[str | None, dict[str, Any]]]:
        """(model, usage) of every reply of a conversation that reported usage (all branches): what
        pricing needs, without reading the messages' content."""
        require_conversation(self._conn, conversation_id)
        rows = self._conn.execute(
            "SELECT model, usage FROM messages WHERE conversation_id = ? AND role = 'assistant' AND usage IS NOT NULL"
            " ORDER BY id",
            (conversation_id,),
        ).fetchall()
        return [(row[0], json.loads(row[1])) for row in rows]

    def by_day(self, *, since: date | None = None, until: date | None = None) -> list[DailyUsage]:
        """Tokens per local calendar day and model, oldest first; ``since`` and ``until`` are inclusive.
        Replies of deleted conversations no longer count."""
        start = _local_midnight_ms(since) if since else None
        end = _local_midnight_ms(until + timedelta(days=1)) if until else None
        rows = self._conn.execute(
            f"""
            SELECT date(created_at / 1000, 'unixepoch', 'localtime') AS day, model, count(*), {_TOTALS}
            FROM messages
            WHERE output_tokens IS NOT NULL AND created_at >= ? AND created_at < ?
            GROUP BY day, model ORDER BY day, model
            """,
            (start if start is not None else -(2**62), end if end is not None else 2**62),
        ).fetchall()
        return [DailyUsage(date.fromisoformat(row[0]), row[1], _usage(row[2:])) for row in rows]

    def last_cache_use(self, conversation_id: int) -> tuple[Message, dict[str, Any]] | None:
        """The newest reply of a conversation (any branch) that wrote to the prompt cache or read from it,
        with its request's options (see ``Requests.options``); None when no reply used the cache."""
        row = self._conn.execute(
            f"SELECT {COLUMNS}, json_remove(m.request, '$.messages') AS options FROM messages m"
            " WHERE m.conversation_id = ? AND m.role = 'assistant'"
            " AND (m.cache_read_input_tokens > 0 OR m.cache_creation_input_tokens > 0)"
            " ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
            (conversation_id,),
        ).fetchone()
        if row is None:
            return None
        options = json.loads(row["options"]) if row["options"] is not None else {}
        return message_from_row(row), options if isinstance(options, dict) else {}


def _usage(values: Sequence[Any]) -> UsageTotals:
    return UsageTotals(int(values[0]), *(int(v) for v in values[1:5]))


def _local_midnight_ms(day: date) -> int:
    return to_ms(datetime.combine(day, clock_time()).astimezone())
