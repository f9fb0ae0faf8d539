"""The one helper for counts shown to people."""

from __future__ import annotations

import pytest

from app.plural import plural


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 tokens"), (1, "1 token"), (2, "2 tokens"), (1024, "1,024 tokens")],
)
def test_one_form_for_one_and_the_other_for_every_other_count(count: int, expected: str) -> None:
    assert plural(count, "{n} token", "{n} tokens") == expected


def test_other_fields_are_filled_in_too() -> None:
    assert plural(1, "{n} reply by {who}", "{n} replies by {who}", who="Claude") == "1 reply by Claude"
