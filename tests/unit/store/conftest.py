"""Fixtures for the store tests: a store in a temporary directory, on a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store


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
