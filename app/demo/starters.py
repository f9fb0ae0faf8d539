"""Prompts that show off what the demo server can do, for the empty conversation's starter buttons: each is
the kind of answer it gets (a plan of `app.demo.replies`) and the prompt that asks for it. The prompts stay
in English, the demo's language: its answers are chosen by the words in them."""

from __future__ import annotations

from typing import Final

STARTERS: Final[tuple[tuple[str, str], ...]] = (
    ("showcase", "Show me what you can render: a table and some code"),
    ("math", "Show me some math: a few formulas and equations"),
    ("long", "Write a long answer about how rivers shape valleys"),
    ("refusal", "What does it look like when you refuse a request?"),
)
"""(the plan of the answer, the prompt), in the order they are offered."""
