"""Quoting untrusted text inside the demo's Markdown so that it always shows as plain text.

Whatever a user (or a tool) sent, HTML and Markdown syntax in it must come back inert: it goes into a
code span or a fenced block whose backtick run is longer than any run inside the text.
"""

from __future__ import annotations

import re

__all__ = ["code_span", "fenced", "first_line"]

_BACKTICKS = re.compile(r"`+")


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)


def code_span(text: str) -> str:
    """`text` as one inline code span (newlines become spaces, as a code span would show them)."""
    flat = " ".join(text.split("\n"))
    ticks = "`" * (_longest_backtick_run(flat) + 1)
    # A span that starts or ends with a backtick needs a space of padding (which CommonMark strips).
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def fenced(text: str, language: str = "text") -> str:
    """`text` as a fenced code block that nothing inside `text` can close early."""
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    body = text if text.endswith("\n") else text + "\n"
    return f"{fence}{language}\n{body}{fence}"


def first_line(text: str, limit: int = 80) -> str:
    """The first non-blank line of `text`, trimmed and shortened to at most `limit` characters."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""
