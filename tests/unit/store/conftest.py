"""Fixtures for the store tests: a store in a temporary directory, on a clock the test controls; an image block
and a check of the full-text indexes."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4).decode()


def image_block(data: str = PNG) -> dict[str, object]:
    """An image content block with base64 ``data`` (a small PNG by default)."""
    return {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}


def fts_ok(store: Store) -> None:
    """Both full-text indexes agree with their tables (raises otherwise)."""
    conn = store._conn
    conn.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)")
    conn.execute("INSERT INTO conversations_fts(conversations_fts, rank) VALUES ('integrity-check', 1)")


class FakeClock:
    """Epoch seconds that move only when the test says so."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "samtal.sqlite3"


@pytest.fixture
def store(store_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(store_path, clock=clock) as opened:
        yield opened
