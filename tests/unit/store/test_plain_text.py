"""Markdown to the words a person reads, for titles and search snippets."""

from __future__ import annotations

import pytest

from app.store.plain_text import MAX_INPUT, plain_text
from tests.unit.render.cost import calls


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("# Test\nGive me a **markdown** table", "Test\nGive me a markdown table"),
        ("## Heading ##", "Heading"),
        ("Title\n=====\nbody", "Title\nbody"),
        ("> quoted *words* and `code`", "quoted words and code"),
        ("- [x] done\n* item\n+ other\n12. twelfth\n3) third", "done\nitem\nother\ntwelfth\nthird"),
        ("[the docs](https://example.com/a_b) and ![a chart](c.png)", "the docs and a chart"),
        ("[reference][1] and <https://example.com>", "reference and https://example.com"),
        ("```python\nprint(1)\n```", "print(1)"),
        ("~~~\ncode\n~~~", "code"),
        ("---\n***\n___", ""),
        ("| a | b |\n|---|:-:|\n| 1 | 2 |", "a · b\n1 · 2"),
        ("~~old~~ and __strong__ and _it_", "old and strong and it"),
        ("``a `tick` inside``", "a `tick` inside"),
        ("escaped \\*stars\\* and \\# hash", "escaped *stars* and # hash"),
        # Not Markdown syntax: left as it is.
        ("C# notes", "C# notes"),
        ("snake_case_name and 2 * 3 = 6", "snake_case_name and 2 * 3 = 6"),
        ("items[::-1] and f(x)", "items[::-1] and f(x)"),
        # A snippet cuts through a pair: the delimiter left alone goes too.
        ("…Give me a **ma", "…Give me a ma"),
        ("ble with `code…", "ble with code…"),
    ],
)
def test_markdown_becomes_plain_text(markdown: str, plain: str) -> None:
    assert plain_text(markdown) == plain


def test_match_markers_stay_where_they_are() -> None:
    assert plain_text("a **\ue000mark\ue001down** `\ue000x\ue001`") == "a \ue000mark\ue001down \ue000x\ue001"


@pytest.mark.parametrize(
    "hostile",
    ["**a" * 50_000, "[" * 100_000, "`" * 100_000, "_a" * 50_000, "*" * 100_000, "![" * 50_000, "~~a" * 40_000],
)
def test_hostile_text_costs_what_its_first_characters_cost_whatever_its_length(hostile: str) -> None:
    # Counted, not timed: only the first MAX_INPUT characters are read, so the work is that of a short text.
    assert plain_text(hostile) == plain_text(hostile[:MAX_INPUT])
    # (a few calls of slack: a regular expression that re's cache let go is compiled again on either side)
    assert calls(plain_text, hostile) <= calls(plain_text, hostile[:MAX_INPUT]) + 16
    assert len(plain_text(hostile)) <= MAX_INPUT
