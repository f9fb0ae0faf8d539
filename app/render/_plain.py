"""User messages: shown exactly as typed, no Markdown, no links."""

from __future__ import annotations

import html

from app.render._scanner import normalize_source


def render_plain(text: str) -> str:
    """HTML showing ``text`` literally: escaped, spaces and line breaks kept, long lines wrapped."""
    escaped = html.escape(normalize_source(text), quote=False)
    return f'<p style="white-space: pre-wrap;">{escaped}</p>'
