"""A line-by-line view of Markdown's block structure: fenced code, list items, independent block starts.

The incremental renderer cuts a streaming reply into top-level blocks and renders each finished one
once; a cut is only right where nothing before it can change what comes after, and nothing after it
what came before. :class:`LineScanner` reads lines one at a time, as CommonMark does, and says where
such a block starts: after a blank line, an unindented line that cannot continue a list or a quote, or
a top-level code fence (which it follows to its closing line, as it follows fences inside list items,
so that no cut is ever made inside code). Where it is unsure it does not cut: a cut too few costs time,
a cut too many would change the rendering.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

TAB_WIDTH = 4

# C0 controls other than tab and newline (and DEL): invisible or harmful in Qt.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FENCE_RE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)\Z")
_CLOSING_FENCE_RE = re.compile(r"(?P<indent> *)(?P<fence>`{3,}|~{3,}) *\Z")
# CommonMark's list markers: a bullet, or up to nine digits and "." or ")"; then spaces or the line's end.
_LIST_ITEM_RE = re.compile(r"(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap> +|\Z)")
_THEMATIC_BREAK_RE = re.compile(r"([-*_])(?: *\1){2,} *\Z")
# First characters of lines that may turn out to continue a list or a quote, or to be a link reference
# definition (whose meaning reaches back: it is kept out of cuts, to be safe).
_MAY_CONTINUE_A_BLOCK = frozenset("->*+0123456789[")
_REFERENCE_RE = re.compile(r"\[[^\[\]]*\]:")
# Lines that start a block of their own, so they cannot continue a list item's paragraph lazily.
_NEW_BLOCK_RE = re.compile(r"#{1,6}(?: |\Z)|>|([-*_])(?: *\1){2,} *\Z")


def normalize_source(text: str) -> str:
    """Text as both the converter and the block splitter read it: newlines are ``\\n``, no controls."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text)


def strip_columns(line: str, columns: int) -> str:
    """Remove up to ``columns`` columns of leading spaces and tabs from ``line``, as CommonMark removes a
    code fence's indentation from its lines (a tab reaches the next multiple of four; the part of a tab
    beyond ``columns`` stays as spaces)."""
    column = 0
    index = 0
    while index < len(line) and column < columns:
        character = line[index]
        if character == " ":
            column += 1
        elif character == "\t":
            column += TAB_WIDTH - column % TAB_WIDTH
        else:
            break
        index += 1
    return " " * max(0, column - columns) + line[index:]


class LineKind(enum.Enum):
    """What a line is, structurally."""

    BLANK = enum.auto()
    TEXT = enum.auto()
    LIST_ITEM = enum.auto()
    FENCE_OPEN = enum.auto()
    FENCE_BODY = enum.auto()
    FENCE_CLOSE = enum.auto()


@dataclass(frozen=True, slots=True)
class ScannedLine:
    """The scanner's verdict on one line.

    ``depth`` is the number of list items the line belongs to. ``starts_block`` is True when the
    line begins a top-level block that no earlier text can change, so the text before it renders the
    same on its own. For fence lines, ``fence_indent`` is the opening fence's indentation (within its
    list item) and ``info`` its info string.
    """

    kind: LineKind
    depth: int = 0
    starts_block: bool = False
    fence_indent: int = 0
    info: str = ""


@dataclass(frozen=True, slots=True)
class _OpenFence:
    char: str
    length: int
    indent: int  # within its list item
    depth: int
    base: int  # the content column of the list item holding it (0 at the top level)


@dataclass(slots=True)
class _ListItem:
    content_column: int
    has_content: bool  # False for an item whose marker line was empty and no line has joined it yet
    kind: str  # its list's kind: the bullet, or "." or ")" after a number


def _kind(marker: str) -> str:
    return marker[-1]


class LineScanner:
    """Classifies lines one at a time, carrying fence and list state from line to line.

    Feed it every line of a text (without the newline), in order. Quotes are not followed: a line that
    starts with ">" never starts a block, and a fence inside a quote is text to the scanner (it ends
    with its quote, at a line that is then not a cut either).
    """

    def __init__(self) -> None:
        self._fence: _OpenFence | None = None
        self._items: list[_ListItem] = []
        self._after_blank = True
        self._in_paragraph = False

    @property
    def in_fence(self) -> bool:
        """Whether the lines fed so far leave a fenced code block open."""
        return self._fence is not None

    def starts_block_already(self, partial_line: str) -> bool:
        """Whether an incomplete last line will start an independent block however it ends.

        True only when :meth:`feed` is sure to say ``starts_block`` for it: its first character
        already rules out indentation, a quote and a list marker.
        """
        return (
            self._fence is None
            and self._after_blank
            and partial_line != ""
            and not partial_line[0].isspace()
            and partial_line[0] not in _MAY_CONTINUE_A_BLOCK
        )

    def is_closing_fence_prefix(self, partial_line: str) -> bool:
        """Whether an incomplete last line could still become the fence that closes the open block."""
        fence = self._fence
        if fence is None:
            return False
        stripped = partial_line.strip(" ")
        return stripped != "" and stripped == fence.char * len(stripped)

    def feed(self, line: str) -> ScannedLine:
        """Classify ``line`` (one line, without its newline) and advance the state."""
        expanded = line.expandtabs(TAB_WIDTH) if "\t" in line else line
        content = expanded.lstrip(" ")
        indent = len(expanded) - len(content)
        if self._fence is not None:
            if not content or indent >= self._fence.base:
                return self._feed_in_fence(expanded, self._fence)
            self._fence = None  # a line outside the list item ends the item, and the fence in it
        if not content.strip():
            self._after_blank = True
            self._in_paragraph = False
            if self._items and not self._items[-1].has_content:
                self._items.pop()  # CommonMark: an item can't start with a blank line after an empty marker
            return ScannedLine(LineKind.BLANK)
        after_blank, self._after_blank = self._after_blank, False
        if self._is_lazy_continuation(content, indent, after_blank) or self._cannot_interrupt(
            content, indent, after_blank
        ):
            return ScannedLine(LineKind.TEXT, depth=len(self._items))
        depth = self._enter_block(indent)
        base = self._items[-1].content_column if depth else 0
        starts_block = (
            after_blank
            and indent == 0
            and not content.startswith(">")
            and not self._is_list_item(content)
            and not _REFERENCE_RE.match(content)
        )
        fence = _FENCE_RE.match(content)
        if fence and not (fence["fence"][0] == "`" and "`" in fence["info"]) and indent - base < 4:
            self._fence = _OpenFence(fence["fence"][0], len(fence["fence"]), indent - base, depth, base)
            self._in_paragraph = False
            return ScannedLine(
                LineKind.FENCE_OPEN,
                depth=depth,
                # A top-level fence ends any paragraph or list before it: nothing before it changes it,
                # nor it what came before.
                starts_block=depth == 0,
                fence_indent=indent - base,
                info=fence["info"].strip(),
            )
        if self._is_list_item(content) and indent - base < 4:
            item = _LIST_ITEM_RE.match(content)
            assert item is not None  # checked above
            gap = len(item["gap"])
            empty = not content[item.end() :].strip()
            if empty:
                gap = 0  # an empty item: its content (on the next lines) starts one space after the marker
            # CommonMark: a gap of five or more spaces (or none: an empty item) counts as one.
            content_column = indent + len(item["marker"]) + (gap if 1 <= gap <= 4 else 1)
            self._items.append(_ListItem(content_column, not empty, _kind(item["marker"])))
            self._in_paragraph = not empty
            return ScannedLine(LineKind.LIST_ITEM, depth=depth)
        # Indented four columns past its item with no paragraph open, a line is indented code (CommonMark), not a
        # paragraph: a list marker right after it starts an item.
        self._in_paragraph = self._in_paragraph or indent - base < 4
        return ScannedLine(LineKind.TEXT, depth=depth, starts_block=starts_block)

    def _feed_in_fence(self, expanded: str, fence: _OpenFence) -> ScannedLine:
        closing = _CLOSING_FENCE_RE.match(expanded)
        kind = LineKind.FENCE_BODY
        if (
            closing
            and closing["fence"][0] == fence.char
            and len(closing["fence"]) >= fence.length
            and len(closing["indent"]) - fence.base < 4
        ):
            kind = LineKind.FENCE_CLOSE
            self._fence = None
            self._after_blank = False
        return ScannedLine(kind, depth=fence.depth, fence_indent=fence.indent)

    def _cannot_interrupt(self, content: str, indent: int, after_blank: bool) -> bool:
        """A list marker that continues a paragraph instead (CommonMark): a new list may interrupt a paragraph
        only with a non-empty first item, numbered 1 if ordered. An item of a list already open may."""
        if after_blank or not self._in_paragraph or not self._is_list_item(content):
            return False
        item = _LIST_ITEM_RE.match(content)
        assert item is not None  # checked above
        inside = 0  # the open items the line is in
        while inside < len(self._items) and indent >= self._items[inside].content_column:
            inside += 1
        if inside < len(self._items) and self._items[inside].kind == _kind(item["marker"]):
            return False  # the next item of an open list
        marker = item["marker"]
        empty = not content[item.end() :].strip()
        return empty or (marker[-1] in ".)" and int(marker[:-1]) != 1)

    def _is_lazy_continuation(self, content: str, indent: int, after_blank: bool) -> bool:
        """A line that continues the paragraph of a list item it is not indented for."""
        return (
            bool(self._items)
            and self._in_paragraph
            and not after_blank
            and indent < self._items[-1].content_column
            and not self._is_list_item(content)
            and not _FENCE_RE.match(content)
            and not _NEW_BLOCK_RE.match(content)
        )

    @staticmethod
    def _is_list_item(content: str) -> bool:
        return _LIST_ITEM_RE.match(content) is not None and _THEMATIC_BREAK_RE.match(content) is None

    def _enter_block(self, indent: int) -> int:
        """Close the list items a line at ``indent`` is not part of; return how many it is in."""
        while self._items and indent < self._items[-1].content_column:
            self._items.pop()
        if self._items:
            self._items[-1].has_content = True
        return len(self._items)
