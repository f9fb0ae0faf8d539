"""Stored times: milliseconds since the epoch, round-tripping exactly through ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.store.timestamps import from_ms, iso, parse_iso, to_ms


def test_known_values() -> None:
    moment = datetime(2025, 1, 31, 12, 34, 56, 789_999, tzinfo=UTC)
    assert to_ms(moment) == 1738326896789
    assert iso(moment) == "2025-01-31T12:34:56.789Z"
    assert parse_iso("2025-01-31T14:34:56.789+02:00") == datetime(2025, 1, 31, 12, 34, 56, 789_000, tzinfo=UTC)
    assert parse_iso("2025-01-31T12:34:56") == datetime(2025, 1, 31, 12, 34, 56, tzinfo=UTC)
    assert to_ms(datetime(1970, 1, 1, 1)) == 3_600_000  # naive means UTC
    assert iso(datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=-5)))) == "2025-01-01T05:00:00.000Z"


@given(st.integers(min_value=-(10**12), max_value=10**13))
def test_milliseconds_round_trip_exactly(ms: int) -> None:
    assert to_ms(from_ms(ms)) == ms
    assert to_ms(parse_iso(iso(from_ms(ms)))) == ms


def test_a_time_pushed_out_of_range_by_its_offset_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="out of range"):
        parse_iso("0001-01-01T00:00:00+01:00")
