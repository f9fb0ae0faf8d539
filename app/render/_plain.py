"""User messages: shown exactly as typed, no Markdown, no links."""

from __future__ import annotations

import html

from app.render._long_lines import CONTINUED_LINE, LAYOUT_AT_ONCE, cut_line, has_long_line
from app.render._scanner import normalize_source

_STYLE = "white-space: pre-wrap;"
_PART_CHARS = LAYOUT_AT_ONCE // 2


def render_plain(text: str) -> str:
    """HTML showing ``text`` literally: escaped, spaces and line breaks kept, long lines wrapped."""
    return "\n".join(plain_parts(text))


def plain_parts(text: str) -> list[str]:
    """:func:`render_plain`'s HTML as paragraphs that a view may add a few at a time: one, unless ``text`` is
    long. A long text is cut at line breaks (before a line that is not empty) into paragraphs of some
    ``LAYOUT_AT_ONCE / 2`` characters, and a line longer than ``LINE_PIECE_CHARS`` into a paragraph per piece,
    each after the first marked as continuing the line (see ``app.render._long_lines``); no margin between
    them."""
    text = normalize_source(text)
    if len(text) <= _PART_CHARS and not has_long_line(text):
        return [f'<p style="{_STYLE}">{html.escape(text, quote=False)}</p>']
    segments: list[tuple[list[str], bool]] = [([], False)]  # (text, continues the line before)
    size = 0
    for number, line in enumerate(text.split("\n")):
        if number:
            if size >= _PART_CHARS and line:
                segments.append(([], False))
                size = 0
            else:
                segments[-1][0].append("\n")
        pieces = cut_line(line)
        segments[-1][0].append(pieces[0])
        size += len(pieces[0])
        for piece in pieces[1:]:
            segments.append(([piece], True))
            size = len(piece)
    parts = []
    for index, (segment, continued) in enumerate(segments):
        last = index == len(segments) - 1
        style = _STYLE
        if continued:
            style += f" margin-top: 0px; -qt-user-state: {CONTINUED_LINE};"
        elif index:
            style += " margin-top: 0px;"
        if not last:
            style += " margin-bottom: 0px;"
        content = "".join(segment)
        if not last and content.endswith("\n"):
            content += "\n"  # Qt drops a paragraph's last line break: an empty last line needs one more
        parts.append(f'<p style="{style}">{html.escape(content, quote=False)}</p>')
    return parts
