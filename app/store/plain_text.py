"""Markdown as the words a person reads, for what is shown as plain text: a conversation's title made from its
first message, and search snippets. ``# Test Give me a **markdown** table`` becomes ``Test Give me a markdown
table``: headings, emphasis, code spans, links, images, quotes, list markers, rules, fences and table pipes
go; the words stay. Text that is not Markdown syntax (``C# notes``, ``snake_case``, ``2 * 3``) stays as it is.

It works line by line with regular expressions, some of which take time growing with the square of a line's
length in the worst case: so it reads only the first `MAX_INPUT` characters (a title needs its first words,
a snippet is a few dozen), which bounds the time whatever the text (a millisecond or so).
A snippet may cut through a pair of delimiters (``…a **ma``): the one left without its partner goes too.
Characters in the private-use area (the search's match markers) are kept where they are.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["MAX_INPUT", "plain_text"]

MAX_INPUT: Final = 500  # characters read (a longer text is cut first: a title needs its first words only)

_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})[^`]*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)+\|?\s*$")
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_STRONG = re.compile(r"(\*\*|(?<!\w)__)(?=\S)(.+?)(?<=\S)(?:\*\*|__(?!\w))")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRAY = re.compile(r"\*\*+|(?<!\w)__+|__+(?!\w)|~~|`+|(?<![\w*])\*(?=\w)|(?<=\w)\*(?![\w*])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_PROTECTED = 0x10FF00  # escaped punctuation is kept aside here (private use, plane 16) while the rules run
_UNPROTECT = re.compile("[\U0010ff00-\U0010ff7f]")


def plain_text(markdown: str) -> str:
    """The words of ``markdown`` (its first `MAX_INPUT` characters) without the Markdown syntax, line by line."""
    text = _ESCAPED.sub(lambda m: _protect(m.group(1)), markdown[:MAX_INPUT])
    lines: list[str] = []
    for line in text.split("\n"):
        if _FENCE.match(line) or _RULE.match(line) or _TABLE_DELIMITER.match(line):
            continue
        if _SETEXT_UNDERLINE.match(line) and lines:
            continue  # the heading's words are on the line before
        line = _QUOTE.sub("", line)
        if _HEADING.match(line):
            line = _HEADING_CLOSE.sub("", _HEADING.sub("", line))
        line = _LIST_ITEM.sub("", line)
        if line.lstrip().startswith("|"):
            line = " · ".join(cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip())
        lines.append(_inline(line))
    return _UNPROTECT.sub(lambda m: chr(ord(m.group(0)) - _PROTECTED), "\n".join(lines))


def _protect(text: str) -> str:
    """``text`` with its Markdown punctuation kept aside from the rules (put back at the end)."""
    return text.translate(_PROTECTION)


_PROTECTION: Final = {ord(char): _PROTECTED + ord(char) for char in "\\`*_{}[]()#+-.!|~>"}


def _inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REFERENCE_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE_SPAN.sub(lambda m: _protect(m.group(2).strip()), line)  # a code span's text is taken as it is
    for pattern in (_STRONG, _STRIKE):
        line = pattern.sub(lambda m: m.group(m.lastindex or 1), line)
    line = _EMPHASIS_STAR.sub(r"\1", line)
    line = _EMPHASIS_UNDERSCORE.sub(r"\1", line)
    return _STRAY.sub("", line)
