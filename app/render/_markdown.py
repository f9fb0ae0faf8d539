"""Whole-message rendering: Markdown from the model to safe HTML for Qt's rich-text engine."""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.render._cache import SizedCache
from app.render._plain import render_plain
from app.render._theme import LIGHT, Theme

if TYPE_CHECKING:
    from collections.abc import Mapping

    from app.render._converter import Converter, Settled, TableContext

# A link reference definition: its target and title.
Reference = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Labels:
    """Words the renderer writes into messages; the UI passes translated ones."""

    copy: str = "Copy"
    image: str = "image"
    sources: str = "Sources"  # above the list of the sources a reply cites
    document: str = "Document {n}"  # a cited document without a title, {n}: its number in the request
    wrap: str = "Wrap"  # a code block's link that wraps its long lines (or keeps each on one line again)


DEFAULT_LABELS = Labels()


@dataclass(frozen=True, slots=True)
class Fragment:
    """A converted piece of text: its HTML, the raw text of its code blocks in document order (its
    ``copy:<n>`` links count from the first index asked for), every link reference definition known
    by its end (earlier ones included), and (while streaming) its settled start, if any."""

    html: str
    code_blocks: list[str]
    references: dict[str, Reference]
    settled: Settled | None = None
    parts: tuple[str, ...] = ()  # the HTML of each top-level block: ``html`` is them joined by newlines


@dataclass(frozen=True, slots=True)
class RenderedMarkdown:
    """A rendered message and the raw text of its code blocks: ``copy:<n>`` copies ``code_blocks[n]``.

    ``parts`` is the HTML of its top-level blocks (a long table's chunks each apart): ``html`` is them joined
    by newlines, and a view may insert them a few at a time (as finished blocks while streaming)."""

    html: str
    code_blocks: tuple[str, ...]
    parts: tuple[str, ...] = ()


_per_thread = threading.local()


def _converter() -> Converter:
    converter: Converter | None = getattr(_per_thread, "converter", None)
    if converter is None:
        from app.render._converter import Converter  # imports markdown-it-py: only when first needed

        converter = _per_thread.converter = Converter()
    return converter


def render_fragment(
    text: str,
    *,
    theme: Theme,
    labels: Labels,
    first_code_index: int = 0,
    references: Mapping[str, Reference] | None = None,
    streaming: bool = False,
    table: TableContext | None = None,
) -> Fragment:
    """Render ``text`` with this thread's converter (see ``Converter.convert``)."""
    try:
        return _converter().convert(
            text,
            theme=theme,
            copy_label=labels.copy,
            wrap_label=labels.wrap,
            image_label=labels.image,
            first_code_index=first_code_index,
            references=references,
            streaming=streaming,
            table=table,
        )
    except RecursionError:
        # The converter limits nesting itself (MAX_NESTING), so this is a last resort: show the text as
        # typed, and give the next render a fresh converter (this one may be left mid-parse).
        _per_thread.converter = None
        return Fragment(render_plain(text), [], dict(references or {}))


def render_markdown_with_code(text: str, *, theme: Theme = LIGHT, labels: Labels = DEFAULT_LABELS) -> RenderedMarkdown:
    """Render untrusted Markdown to an HTML fragment for Qt and collect its code blocks.

    Raw HTML shows as text, only http/https/mailto links are links, images are placeholders (nothing
    is ever fetched), code is highlighted with a ``copy:<n>`` link above each block.
    """
    fragment = render_fragment(text, theme=theme, labels=labels)
    return RenderedMarkdown(fragment.html, tuple(fragment.code_blocks), fragment.parts)


RENDER_CACHE_CHARS = 16 * 1024 * 1024
"""How much :func:`cached_render` keeps: characters of source, HTML and code together (a few tens of MB)."""

_renders: SizedCache[tuple[str, Theme, Labels], RenderedMarkdown] = SizedCache(
    RENDER_CACHE_CHARS,
    lambda key, value: len(key[0]) + 2 * len(value.html) + sum(len(code) for code in value.code_blocks),
)


def cached_render(text: str, *, theme: Theme = LIGHT, labels: Labels = DEFAULT_LABELS) -> RenderedMarkdown:
    """:func:`render_markdown_with_code`, remembered: reopening a conversation (or reloading it after a send)
    shows the same messages again. Bounded by size (:data:`RENDER_CACHE_CHARS`), least recently used first out."""
    key = (text, theme, labels)
    rendered = _renders.get(key)
    if rendered is None:
        rendered = render_markdown_with_code(text, theme=theme, labels=labels)
        _renders.put(key, rendered)
    return rendered


def remembered_render(text: str, *, theme: Theme = LIGHT, labels: Labels = DEFAULT_LABELS) -> RenderedMarkdown | None:
    """What :func:`cached_render` remembers for ``text``, if anything (without rendering it)."""
    return _renders.get((text, theme, labels))


_MARKUP = "[]!*_`<>&|~\\"

RENDER_COST_PER_CHAR = 10
RENDER_COST_PER_MARKUP = 250
SYNC_RENDER_COST = 300_000
"""The most :func:`render_cost` a view converts on the UI thread at once: some 40 ms here (a function call
takes ~0.15 µs). Ordinary replies up to ~12 KB; a longer one is converted in the background."""
MAX_RENDER_COST = 40_000_000
"""Past this (~6 s of conversion, megabytes of dense markup), a reply is shown as typed, never converted."""


def render_cost(text: str) -> int:
    """A quick, deterministic estimate of the work of rendering ``text``, in function calls (what
    ``tests/unit/render/test_linear_cost.py`` counts): ~10 per character and ~250 per character that may be
    markup, outside fenced code (which is not parsed for markup). An upper bound within 2.5x for ordinary
    and for hostile text (markdown-it-py looks a bounded number of tokens ahead from each "[", "*" or "`").
    It reads the text about 13 times in C: ~1 ms for 200 KB."""
    markup = 0
    start = 0
    in_code = False
    # Fence lines toggle, however they pair up: a line taken for a fence that isn't one makes code count
    # as text (more cost, never less); only a real fence's opening line matches the pattern.
    for fence in _fence_line_re().finditer(text):
        if not in_code:
            markup += _markup_in(text[start : fence.start()])
        in_code = not in_code
        start = fence.end()
    if not in_code:
        markup += _markup_in(text[start:] if start else text)
    return RENDER_COST_PER_CHAR * len(text) + RENDER_COST_PER_MARKUP * markup


@functools.cache
def _fence_line_re() -> re.Pattern[str]:  # compiled on first use: import app.render stays cheap
    return re.compile(r"^ {0,3}(?:`{3,}[^`\n]*|~{3,}[^\n]*)$", re.MULTILINE)


def _markup_in(text: str) -> int:
    return sum(map(text.count, _MARKUP))


def render_markdown(text: str, *, theme: Theme = LIGHT, labels: Labels = DEFAULT_LABELS) -> str:
    """Render untrusted Markdown to an HTML fragment for Qt (see :func:`render_markdown_with_code`)."""
    return render_fragment(text, theme=theme, labels=labels).html


def preload(theme: Theme = LIGHT) -> None:
    """Import markdown-it-py and Pygments now (~50 ms), e.g. right after the window is shown, so
    that the first reply does not pay for it."""
    render_fragment("```python\npass\n```", theme=theme, labels=DEFAULT_LABELS)
