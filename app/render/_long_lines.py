"""Long lines in pieces, and what laying HTML out costs Qt: the two bounds on what a view does at once.

Qt lays a paragraph (a ``QTextBlock``) out whole, and again whenever it changes, at a cost that grows faster
than its length (4,000 characters ~0.5 ms, 200,000 ~120 ms here). So a line longer than
:data:`LINE_PIECE_CHARS` is shown as several blocks: cut after a space or tab in the second half of each
piece (else at the limit, never before a combining mark), each piece after the first marked
:data:`CONTINUED_LINE` (a block user state, ``-qt-user-state`` in HTML) so that copying joins it to the
block before without a line break. Where a line is cut depends only on the text before the cut and the
:data:`LINE_PIECE_CHARS` characters after it, so a line that grows while it streams is cut where the whole
line is.

:func:`layout_cost` estimates what laying out a piece of HTML costs (in characters' worth: a table cell
costs as much as :data:`CELL_COST` characters), to compare with :data:`LAYOUT_AT_ONCE`.
"""

from __future__ import annotations

LINE_PIECE_CHARS = 4_000
"""The longest block a line is shown as (a paragraph of some 650 words: ordinary text is never cut)."""
CONTINUED_LINE = 0x5A4C
"""The user state of a block that continues the line of the block before it (a cut, not a line break)."""
CELL_COST = 200
"""A table cell costs Qt's layout about as much as 200 characters of a paragraph (~0.06 ms here)."""
LAYOUT_AT_ONCE = 30_000
"""The most :func:`layout_cost` a view gives Qt in one turn of the event loop: ~10 ms here, ~25 ms with the
machine's two cores shared by five processes."""


def layout_cost(html_text: str) -> int:
    """What laying out ``html_text`` costs Qt, in characters' worth: its length (tags cost parsing time
    too) plus :data:`CELL_COST` per table cell. Reads the text three times in C."""
    return len(html_text) + CELL_COST * (html_text.count("<td") + html_text.count("<th"))


def line_piece_end(text: str, start: int) -> int:
    """Where the piece of a line that starts at ``start`` ends, given that the line goes on past
    ``start + LINE_PIECE_CHARS`` (``text`` has a character there and no line break before it)."""
    limit = start + LINE_PIECE_CHARS
    half = start + LINE_PIECE_CHARS // 2
    space = max(text.rfind(" ", half, limit), text.rfind("\t", half, limit))
    if space != -1:
        return space + 1
    end = limit
    while end > half and _joins_the_previous(text, end):
        end -= 1
    return end


def cut_line(line: str) -> list[str]:
    """``line`` (without line breaks) as the pieces it is shown as: one, unless it is longer than
    :data:`LINE_PIECE_CHARS`."""
    pieces = []
    start = 0
    while len(line) - start > LINE_PIECE_CHARS:
        end = line_piece_end(line, start)
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return pieces


def has_long_line(text: str) -> bool:
    """Whether some line of ``text`` is longer than :data:`LINE_PIECE_CHARS` (a scan in C)."""
    if len(text) <= LINE_PIECE_CHARS:
        return False
    start = 0
    while (newline := text.find("\n", start)) != -1:
        if newline - start > LINE_PIECE_CHARS:
            return True
        start = newline + 1
    return len(text) - start > LINE_PIECE_CHARS


def _joins_the_previous(text: str, index: int) -> bool:
    """Whether a cut before ``text[index]`` would part it from the character before (a combining mark, a
    variation selector or the two sides of a zero-width joiner)."""
    import unicodedata  # only for a line without white space: not at import

    character = text[index]
    return (
        unicodedata.category(character) in ("Mn", "Mc", "Me")
        or character == "\u200d"
        or text[index - 1] == "\u200d"
        or "\ufe00" <= character <= "\ufe0f"
    )
