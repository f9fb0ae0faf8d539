"""Code blocks: Pygments highlighting (cached, capped) inside the HTML shape Qt renders well.

Qt's rich-text engine paints Pygments' ``line-height`` as stripes and cannot pad a ``<pre>``, so each
block is a header table (language; "Wrap" and "Copy" links) followed by a table (the cell carries the background)
holding a ``<pre>`` whose ``white-space: pre`` keeps a long line one line: the view scrolls sideways, the header
stays as wide as the view with its links in sight, and "Wrap" (``wrap:<n>``) lets the view wrap that block's
lines instead. A block still streaming is the exception: Qt lays a whole table out again whenever a cell
changes (13 ms per update for 1,000 lines), so only its header is a table and its code, unhighlighted,
follows in a ``<pre>`` of the same colours, to which a view can add lines at the cost of those lines.
Pygments is imported on first use, keeping ``import app.render`` cheap.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from app.render._theme import Theme

if TYPE_CHECKING:
    from pygments.formatters.html import HtmlFormatter
    from pygments.lexer import Lexer

# Beyond these sizes highlighting costs more than it is worth (PyGPT's lesson): show plain text.
MAX_HIGHLIGHT_LINES = 2_000
MAX_HIGHLIGHT_CHARS = 200_000
CODE_PART_CHARS = 12_000
"""A finished code block longer than this (in HTML) is shown as several tables (see :func:`code_block_parts`)."""
TAB_WIDTH = 4
WRAP_SCHEME = "wrap"
"""A code block's "Wrap" link is ``wrap:<n>``, ``<n>`` the number of its ``copy:<n>`` link."""

_TRAILING_NEWLINE_RE = re.compile(r"\n((?:</span>)*)\Z")


def language_of(info: str) -> str:
    """The language named by a fence info string (```` ```python title="x.py" ```` gives ``python``)."""
    words = info.strip().split(maxsplit=1)
    return words[0].strip("{}.").lower() if words else ""


@lru_cache(maxsize=128)
def _lexer_for(language: str) -> Lexer | None:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=True, tabsize=TAB_WIDTH)
    except ClassNotFound:
        return None


@lru_cache(maxsize=8)
def _formatter_for(style: str) -> HtmlFormatter:
    from pygments.formatters.html import HtmlFormatter

    return HtmlFormatter(style=style, noclasses=True, nowrap=True)


@lru_cache(maxsize=32)
def _highlighted(code: str, language: str, style: str) -> str | None:
    """Pygments' inline-styled spans for ``code``, or None when the language is unknown or too big.

    Cached because a streaming reply re-renders its unfinished tail, closed code blocks included,
    on every flush.
    """
    if len(code) > MAX_HIGHLIGHT_CHARS or code.count("\n") >= MAX_HIGHLIGHT_LINES:
        return None
    lexer = _lexer_for(language) if language else None
    if lexer is None:
        return None
    from pygments import highlight

    return _TRAILING_NEWLINE_RE.sub(r"\1", highlight(code, lexer, _formatter_for(style)))


def code_block_html(
    code: str, language: str, *, theme: Theme, copy_label: str, copy_href: str, wrap_label: str = "Wrap"
) -> str:
    """The HTML of one finished code block: a header row with ``language``, a wrap and a copy link, then the
    code (highlighted when Pygments knows the language and the code is not too long)."""
    return "\n".join(
        code_block_parts(code, language, theme=theme, copy_label=copy_label, copy_href=copy_href, wrap_label=wrap_label)
    )


def code_block_parts(
    code: str, language: str, *, theme: Theme, copy_label: str, copy_href: str, wrap_label: str = "Wrap"
) -> list[str]:
    """:func:`code_block_html` as parts a view may add a few at a time: one table, unless the code is longer
    than :data:`CODE_PART_CHARS` (Qt lays a table out whole). Then the header is a table and the code, cut at
    line breaks into ``<pre>`` blocks of about that size, follows it (as while it streams)."""
    spans = _highlighted(code, language, theme.pygments_style)
    body = spans if spans is not None else plain_code_html(code)
    if len(body) <= CODE_PART_CHARS:
        # Two tables: the code's grows as wide as its longest line, the header's stays as wide as the view.
        return [
            '<table width="100%" border="0" cellspacing="0" cellpadding="6"'
            ' style="margin-top: 6px; margin-bottom: 0px;">'
            f"{_header_row(language, theme, copy_label, copy_href, wrap_label)}</table>"
            f'<table width="100%" border="0" cellspacing="0" cellpadding="6" bgcolor="{theme.code_background}"'
            ' style="margin-top: 0px; margin-bottom: 10px;">'
            f'<tr><td><pre style="margin: 0px; white-space: pre; color: {theme.text};">{body}</pre></td></tr></table>'
        ]
    # Shaped as a block still streaming (its header a table, its code coloured <pre>s that follow each other
    # without a gap): Qt puts an empty line between two tables, and lays the one before out again.
    head, foot = open_code_block_frame(
        language, theme=theme, copy_label=copy_label, copy_href=copy_href, wrap_label=wrap_label
    )
    pieces = _cut_at_lines(body)
    parts = [head + pieces[0] + foot]
    pre = head[head.index("<pre") :]
    for index, piece in enumerate(pieces[1:], start=2):
        end = pre.replace("margin: 0px;", "margin: 0px 0px 10px 0px;") if index == len(pieces) else pre
        parts.append(end + piece + foot)
    return parts


def _cut_at_lines(body: str) -> list[str]:
    """``body`` cut at line breaks (Pygments closes its spans at each) into pieces of some
    :data:`CODE_PART_CHARS` (a longer line is a piece of its own)."""
    pieces = []
    start = 0
    while len(body) - start > CODE_PART_CHARS:
        end = body.rfind("\n", start, start + CODE_PART_CHARS)
        if end <= start:
            end = body.find("\n", start + CODE_PART_CHARS)
            if end == -1:
                break
        pieces.append(body[start:end])
        start = end + 1
    pieces.append(body[start:])
    return pieces


def open_code_block_frame(
    language: str, *, theme: Theme, copy_label: str, copy_href: str, wrap_label: str = "Wrap"
) -> tuple[str, str]:
    """The HTML of a code block still streaming (see the module docstring): what comes before its code
    (as :func:`plain_code_html` gives it), and after."""
    head = (
        '<table width="100%" border="0" cellspacing="0" cellpadding="6" style="margin-top: 6px; margin-bottom: 0px;">'
        f"{_header_row(language, theme, copy_label, copy_href, wrap_label)}</table>"
        f'<pre style="margin: 0px; white-space: pre; color: {theme.text};'
        f' background-color: {theme.code_background};">'
    )
    return head, "</pre>"


def plain_code_html(code: str) -> str:
    """Code shown unhighlighted: tabs expanded, escaped."""
    return html.escape(code.expandtabs(TAB_WIDTH), quote=False)


def _header_row(language: str, theme: Theme, copy_label: str, copy_href: str, wrap_label: str) -> str:
    cell = f'bgcolor="{theme.code_header_background}"'
    wrap_href = WRAP_SCHEME + copy_href[copy_href.index(":") :]  # the same block's number
    link = '<a href="{href}" style="font-size: small;">{label}</a>'
    return (
        f'<tr><td {cell}><span style="color: {theme.muted_text}; font-size: small;">{html.escape(language)}</span></td>'
        f'<td {cell} align="right">{link.format(href=html.escape(wrap_href), label=html.escape(wrap_label))}'
        f"&nbsp;&nbsp;&nbsp;{link.format(href=html.escape(copy_href), label=html.escape(copy_label))}</td></tr>"
    )
