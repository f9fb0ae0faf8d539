"""Rendering in a background thread, for replies too costly to convert on the UI thread.

One worker thread (created on first use) converts replies in the order asked; the result is remembered
by :func:`cached_render` like any other. Conversion is pure Python: while it runs, the UI thread gets the
interpreter back within half a millisecond whenever it needs it (``app.render._sharing``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from app.render._markdown import DEFAULT_LABELS, Labels, RenderedMarkdown, cached_render
from app.render._sharing import sharing
from app.render._theme import LIGHT, Theme

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

_executor: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def render_in_background(
    text: str, *, theme: Theme = LIGHT, labels: Labels = DEFAULT_LABELS
) -> Future[RenderedMarkdown]:
    """:func:`cached_render` of ``text`` in the render thread. Its callbacks run in that thread: a view
    must hand the result to the UI thread itself. Cancel a future that is no longer wanted (a queued one
    is then skipped)."""
    global _executor
    with _lock:
        if _executor is None:
            from concurrent.futures import ThreadPoolExecutor  # not at import: ~5 ms

            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samtal-render")
        executor = _executor
    return executor.submit(sharing(cached_render), text, theme=theme, labels=labels)
