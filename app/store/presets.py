"""Named sets of request parameters. ``store.presets``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from app.store.changes import PresetsChanged
from app.store.conversations import params_json
from app.store.database import Database
from app.store.errors import NotFoundError
from app.store.models import Preset
from app.store.timestamps import from_ms


class Presets:
    """The store's presets, by name. Announces ``PresetsChanged``."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn = db.conn

    def save(self, name: str, params: Mapping[str, Any]) -> Preset:
        """Create a named preset, or replace the parameters of the one with that name."""
        name = name.strip()
        if not name:
            raise ValueError("A preset needs a name")
        now = self._db.now()
        with self._db.batch():
            self._conn.execute(
                "INSERT INTO presets (name, params, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET params = excluded.params, updated_at = excluded.updated_at",
                (name, params_json(params), now, now),
            )
            self._db.changes.announce(PresetsChanged())
        return self.get(name)

    def get(self, name: str) -> Preset:
        """The preset with this name. Raises NotFoundError."""
        row = self._conn.execute("SELECT * FROM presets WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"No preset {name!r}")
        return _preset(row)

    def all(self) -> list[Preset]:
        """Every preset, by name."""
        return [_preset(row) for row in self._conn.execute("SELECT * FROM presets ORDER BY name COLLATE NOCASE")]

    def rename(self, name: str, new_name: str) -> None:
        """Rename a preset. Raises NotFoundError, or ValueError when the new name is taken or empty."""
        new_name = new_name.strip()
        if not new_name:
            raise ValueError("A preset needs a name")
        with self._db.batch():
            try:
                cursor = self._conn.execute(
                    "UPDATE presets SET name = ?, updated_at = ? WHERE name = ?", (new_name, self._db.now(), name)
                )
            except sqlite3.IntegrityError:
                raise ValueError(f"There is already a preset called {new_name!r}") from None
            if not cursor.rowcount:
                raise NotFoundError(f"No preset {name!r}")
            self._db.changes.announce(PresetsChanged())

    def delete(self, name: str) -> None:
        """Delete a preset. Raises NotFoundError."""
        with self._db.batch():
            if not self._conn.execute("DELETE FROM presets WHERE name = ?", (name,)).rowcount:
                raise NotFoundError(f"No preset {name!r}")
            self._db.changes.announce(PresetsChanged())


def _preset(row: sqlite3.Row) -> Preset:
    return Preset(
        id=row["id"],
        name=row["name"],
        params=json.loads(row["params"]),
        created_at=from_ms(row["created_at"]),
        updated_at=from_ms(row["updated_at"]),
    )
