"""A line-by-line view of Markdown's block structure: fenced code, list nesting, block boundaries.

python-markdown only knows fences at the top level, needs four spaces per list level and cannot
tell an unfinished fence from text. Model output nests code in lists with two or three spaces and
streams fences that are not closed yet. :class:`LineScanner` reads lines the way such text is meant:
it finds fences at any list depth (an unclosed one runs to the end), maps list indentation to the
nesting depth python-markdown understands, and says where a top-level block starts that nothing
before it can change. The same scanner serves the converter's preprocessor and the incremental
renderer's block splitter, so the two always agree on where fences and blocks are.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

TAB_WIDTH = 4
# The indentation python-markdown needs for each list nesting level.
LIST_LEVEL_INDENT = 4
# Deeper nesting is shown at this depth: nobody reads it, and python-markdown's cost grows with it.
MAX_LIST_DEPTH = 8

# C0 controls other than tab and newline (and DEL): invisible or harmful in Qt, and STX/ETX are
# python-markdown's own placeholder delimiters.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FENCE_RE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)\Z")
_CLOSING_FENCE_RE = re.compile(r"(?P<indent> *)(?P<fence>`{3,}|~{3,}) *\Z")
# python-markdown's list markers (sane_lists): a space must follow, "1)" is not one.
_LIST_ITEM_RE = re.compile(r"(?P<marker>[-*+]|(?P<number>\d{1,9})\.)(?P<gap> +)")
_THEMATIC_BREAK_RE = re.compile(r"([-*_])(?: *\1){2,} *\Z")
# First characters of lines that may turn out to continue a list or a quote, or to be a link reference
# definition (python-markdown removes those lines, which can join what is around them).
_MAY_CONTINUE_A_BLOCK = frozenset("->*+0123456789[")
_REFERENCE_RE = re.compile(r"\[[^\[\]]*\]:")
# Lines that start a block of their own, so they cannot continue a list item's paragraph lazily.
_NEW_BLOCK_RE = re.compile(r"#{1,6}(?: |\Z)|>|([-*_])(?: *\1){2,} *\Z")


def normalize_source(text: str) -> str:
    """Text as both the converter and the block splitter read it: newlines are ``\\n``, no controls."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text)


def dedent_fence_line(line: str, indent: int) -> str:
    """Remove up to ``indent`` leading spaces (its fence's indentation) from a line of fenced code."""
    stripped = line.lstrip(" ")
    return line[min(indent, len(line) - len(stripped)) :]


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

    ``depth`` is the list nesting the line belongs to. ``indent_to`` is the indentation the line
    should get for python-markdown (None: leave the line as it is); ``blank_before`` asks for a blank
    line before it (a list that interrupts a paragraph). ``starts_block`` is True when the
    line begins a top-level block that no earlier text can change, so the text before it renders the
    same on its own. For fence lines, ``fence_indent`` is the opening fence's indentation and ``info``
    its info string.
    """

    kind: LineKind
    depth: int = 0
    indent_to: int | None = None
    blank_before: bool = False
    starts_block: bool = False
    fence_indent: int = 0
    info: str = ""


@dataclass(frozen=True, slots=True)
class _OpenFence:
    char: str
    length: int
    indent: int
    depth: int


@dataclass(frozen=True, slots=True)
class _ListItem:
    marker_indent: int
    content_column: int


class LineScanner:
    """Classifies lines one at a time, carrying fence and list state from line to line.

    Feed it every line of a text (without the newline), in order.
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
        if self._fence is not None:
            return self._feed_in_fence(line, self._fence)
        expanded = line.expandtabs(TAB_WIDTH) if "\t" in line else line
        content = expanded.lstrip(" ")
        if not content.strip():
            self._after_blank = True
            self._in_paragraph = False
            return ScannedLine(LineKind.BLANK)
        indent = len(expanded) - len(content)
        after_blank, self._after_blank = self._after_blank, False
        starts_block = (
            after_blank
            and indent == 0
            and not content.startswith(">")
            and not self._is_list_item(content)
            and not _REFERENCE_RE.match(content)
        )
        fence = _FENCE_RE.match(content)
        if fence and not (fence["fence"][0] == "`" and "`" in fence["info"]):
            depth = self._enter_block(indent)
            if depth or indent < LIST_LEVEL_INDENT:  # deeper at top level: an indented code block
                self._fence = _OpenFence(fence["fence"][0], len(fence["fence"]), indent, depth)
                self._in_paragraph = False
                return ScannedLine(
                    LineKind.FENCE_OPEN,
                    depth=depth,
                    # The converter sets a fence's code apart with blank lines: at the top level, nothing
                    # before it (a paragraph it interrupts included) changes it, nor it what came before.
                    starts_block=depth == 0,
                    fence_indent=indent,
                    info=fence["info"].strip(),
                )
        elif self._is_list_item(content):
            interrupts = self._in_paragraph and not after_blank and not self._items
            if not interrupts:
                return self._feed_list_item(content, indent, blank_before=False)
            # CommonMark lets a list interrupt a paragraph, python-markdown does not: separate them.
            # Like CommonMark, only bullets and "1." do, so "in\n2024. we" stays one paragraph.
            item = _LIST_ITEM_RE.match(content)
            if item is not None and item["number"] in (None, "1"):
                return self._feed_list_item(content, indent, blank_before=True)
        return self._feed_text(content, indent, after_blank, starts_block)

    def _feed_in_fence(self, line: str, fence: _OpenFence) -> ScannedLine:
        closing = _CLOSING_FENCE_RE.match(line.expandtabs(TAB_WIDTH))
        kind = LineKind.FENCE_BODY
        if (
            closing
            and closing["fence"][0] == fence.char
            and len(closing["fence"]) >= fence.length
            and len(closing["indent"]) < fence.indent + LIST_LEVEL_INDENT
        ):
            kind = LineKind.FENCE_CLOSE
            self._fence = None
            self._after_blank = False
        return ScannedLine(kind, depth=fence.depth, fence_indent=fence.indent)

    @staticmethod
    def _is_list_item(content: str) -> bool:
        return _LIST_ITEM_RE.match(content) is not None and _THEMATIC_BREAK_RE.match(content) is None

    def _feed_list_item(self, content: str, indent: int, *, blank_before: bool) -> ScannedLine:
        if not self._items and indent >= LIST_LEVEL_INDENT:  # a list marker inside indented code
            return self._feed_text(content, indent, after_blank=False, starts_block=False)
        depth = self._enter_block(indent)
        item = _LIST_ITEM_RE.match(content)
        assert item is not None  # checked by the caller
        gap = len(item["gap"])
        # CommonMark: a gap of five or more spaces means one space then indented code.
        content_column = indent + len(item["marker"]) + (gap if 1 <= gap <= 4 else 1)
        self._items.append(_ListItem(indent, content_column))
        self._in_paragraph = True
        return ScannedLine(
            LineKind.LIST_ITEM, depth=depth, indent_to=depth * LIST_LEVEL_INDENT, blank_before=blank_before
        )

    def _feed_text(self, content: str, indent: int, after_blank: bool, starts_block: bool) -> ScannedLine:
        if (
            self._items
            and self._in_paragraph
            and not after_blank
            and not self._belongs_to_item(indent)
            and not _NEW_BLOCK_RE.match(content)
        ):
            # A lazy continuation line of the item's paragraph: python-markdown reads it as is.
            return ScannedLine(LineKind.TEXT, depth=min(len(self._items), MAX_LIST_DEPTH))
        depth = self._enter_block(indent)
        self._in_paragraph = True
        if not depth:
            return ScannedLine(LineKind.TEXT, starts_block=starts_block)
        extra = max(0, indent - self._items[-1].content_column)
        return ScannedLine(LineKind.TEXT, depth=depth, indent_to=depth * LIST_LEVEL_INDENT + extra)

    def _belongs_to_item(self, indent: int) -> bool:
        # More lenient than CommonMark (which wants the item's content column): models often indent
        # nested content by two spaces under "1." items.
        return indent >= self._items[-1].marker_indent + 2

    def _enter_block(self, indent: int) -> int:
        """Close the list items a line at ``indent`` is not part of; return its list depth."""
        while self._items and not self._belongs_to_item(indent):
            self._items.pop()
        return min(len(self._items), MAX_LIST_DEPTH)
