"""Writing to the terminal: untrusted text made harmless when a person is watching, emphasis, JSON.

Model output and imported text are untrusted: on a terminal, escape sequences in them could move the
cursor, rewrite earlier lines or change the window title, so control characters are removed before
they are shown. When standard output is a pipe or a file, text is written exactly as it is.
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any, TextIO

# C0 controls except tab and newline, DEL, and the C1 controls (ESC's 8-bit twins).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f]")


class Output:
    """One output stream, and whether a person is reading it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.tty = self.stream.isatty()
        self.styled = self.tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"

    def clean(self, text: str) -> str:
        """``text`` safe to write: control characters removed on a terminal, unchanged otherwise."""
        return _CONTROL.sub("", text.replace("\r\n", "\n")) if self.tty else text

    def write(self, text: str) -> None:
        """Write untrusted text as it arrives (flushed, so a streamed reply appears word by word)."""
        self.stream.write(self.clean(text))
        self.stream.flush()

    def line(self, text: str = "") -> None:
        """Write untrusted text and a newline."""
        self.stream.write(self.clean(text) + "\n")

    def bold(self, text: str) -> str:
        """``text`` in bold on a styled terminal (``text`` must already be clean)."""
        return f"\x1b[1m{text}\x1b[22m" if self.styled else text

    def dim(self, text: str) -> str:
        """``text`` dimmed on a styled terminal (``text`` must already be clean)."""
        return f"\x1b[2m{text}\x1b[22m" if self.styled else text

    def markers(self) -> tuple[str, str]:
        """How search matches are marked: reverse video on a styled terminal, else ``[`` and ``]``."""
        return ("\x1b[7m", "\x1b[27m") if self.styled else ("[", "]")

    def styled_line(self, text: str) -> None:
        """Write a line that already holds our own escape sequences around cleaned text."""
        self.stream.write(text + "\n")

    def json(self, value: Any) -> None:
        """Pretty JSON, non-ASCII text kept as it is. JSON itself escapes the C0 controls; DEL and the C1
        controls are escaped too, so the output is safe on a terminal and still the same JSON."""
        self.stream.write(terminal_safe_json(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def terminal_safe_json(text: str) -> str:
    """JSON text (as ``json.dumps`` writes it, which escapes the C0 controls) with DEL and the C1 controls
    escaped too: safe on a terminal, and still the same JSON."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
