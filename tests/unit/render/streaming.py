"""Streaming text through IncrementalRenderer the way the chat controller will, for the tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.render import IncrementalRenderer, RenderUpdate


@dataclass
class StreamResult:
    """What a view would show at the end: the finished HTML parts, the copyable code, every update."""

    parts: list[str]
    code_blocks: list[str]
    updates: list[RenderUpdate]

    @property
    def html(self) -> str:
        """The finished blocks joined as ``render_markdown`` joins blocks."""
        return "\n".join(self.parts)


def chunks(text: str, sizes: Iterable[int]) -> list[str]:
    """Cut ``text`` into pieces of the given sizes (cycled); the last piece takes the rest."""
    pieces, start, sizes = [], 0, list(sizes) or [len(text) or 1]
    while start < len(text):
        size = sizes[len(pieces) % len(sizes)]
        pieces.append(text[start : start + size])
        start += size
    return pieces


def stream_through(renderer: IncrementalRenderer, deltas: Iterable[str]) -> StreamResult:
    """Append every delta, then finish, applying each update the way a view must."""
    parts: list[str] = []
    updates = [renderer.append(delta) for delta in deltas]
    updates.append(renderer.finish())
    for update in updates:
        if update.reset:
            parts = []
        if update.finished_html:
            parts.append(update.finished_html)
    return StreamResult(parts, renderer.code_blocks, updates)
