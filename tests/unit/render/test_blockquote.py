"""The bounded blockquote rule parses every text as markdown-it's own rule does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from app.render._blockquote import FIRST_WINDOW_LINES, bound_blockquotes

_LINES = [
    "> ",
    "> ```",
    "```",
    "> > x",
    "text",
    "",
    "===",
    "- item",
    "  - deeper",
    "    code",
    "> - a",
    "| a |",
    "|---|",
    ">",
]


def _parsers() -> tuple[MarkdownIt, MarkdownIt]:
    stock = MarkdownIt("commonmark").enable(["table"])
    bounded = MarkdownIt("commonmark").enable(["table"])
    bound_blockquotes(bounded)
    return stock, bounded


_STOCK, _BOUNDED = _parsers()


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.sampled_from(_LINES), min_size=FIRST_WINDOW_LINES, max_size=6 * FIRST_WINDOW_LINES))
def test_quotes_parse_as_markdown_it_parses_them(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    assert _BOUNDED.render(text) == _STOCK.render(text)
    assert [t.map for t in _BOUNDED.parse(text)] == [t.map for t in _STOCK.parse(text)]


def test_a_long_quote_is_one_quote() -> None:
    text = "> line\n" * 200 + "lazy\n" * 100 + "\nafter\n"
    assert _BOUNDED.render(text) == _STOCK.render(text)
    assert _BOUNDED.render(text).count("<blockquote>") == 1
