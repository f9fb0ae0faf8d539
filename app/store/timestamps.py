"""Times as the store keeps them: integer milliseconds since the Unix epoch (UTC), so that they sort,
compare and round-trip through ISO 8601 text exactly. In Python they are timezone-aware datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


def from_ms(ms: int) -> datetime:
    """The aware UTC datetime for a stored millisecond count."""
    return _EPOCH + ms * _MS


def to_ms(moment: datetime) -> int:
    """Milliseconds since the epoch (sub-millisecond parts dropped); a naive datetime is taken to be UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // _MS


def iso(moment: datetime) -> str:
    """``2025-01-31T12:34:56.789Z``: UTC, millisecond precision, the form used in every JSON output."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> datetime:
    """Read an ISO 8601 time (``Z`` or an offset; no offset means UTC). Raises ValueError."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # an offset that moves it out of years 1..9999
        raise ValueError(f"time out of range: {text!r}") from None
