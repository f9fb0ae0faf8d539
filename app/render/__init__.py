"""Untrusted Markdown from the model to safe HTML for Qt's rich-text engine (QTextDocument).

- :func:`render_markdown` / :func:`render_markdown_with_code`: a whole assistant message
  (:func:`cached_render`: the same, remembered within a size budget; :func:`remembered_render`: only if
  remembered; :func:`render_in_background`: in a worker thread).
- :func:`render_cost`: a quick estimate of a render's work, to compare with :data:`SYNC_RENDER_COST`
  (what the UI thread may do at once) and :data:`MAX_RENDER_COST` (past it, text is shown as typed).
- :class:`IncrementalRenderer`: the same while the message streams; only the unfinished tail is
  re-rendered on each update (:class:`RenderUpdate`).
- :func:`render_plain`: a user message, shown exactly as typed; :func:`normalize_source`: the text it
  shows (for views that show plain text without HTML).
- What a view gives Qt at once (see ``app.render._long_lines``): a line longer than :data:`LINE_PIECE_CHARS`
  is shown as several blocks (:func:`line_piece_end` says where each ends; blocks after a cut have the user
  state :data:`CONTINUED_LINE`), and :func:`layout_cost` of what one turn of the event loop adds stays under
  :data:`LAYOUT_AT_ONCE`.
- :class:`Theme` (:data:`LIGHT`, :data:`DARK`) and :func:`stylesheet` for
  ``QTextDocument.setDefaultStyleSheet``; :class:`Labels` for translated words in the HTML.
- ``copy:<n>`` links above code blocks: copy ``code_blocks[n]`` (of :class:`RenderedMarkdown`, or of
  the :class:`IncrementalRenderer`); ``wrap:<n>`` (:data:`WRAP_SCHEME`): wrap that block's long lines (a code
  block keeps each line one line, and the view scrolls sideways).
- :func:`safe_href`: re-check a clicked link before opening it.
- Math (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``): a formula is an image with a ``math:`` URL
  (:data:`FORMULA_SCHEME`; :func:`formula_of` reads its source and delimiter back, :func:`formula_source`
  writes them as typed, :func:`is_display`); the view draws it with :func:`draw_in_background` (a
  :class:`Drawing`, remembered: :func:`known_drawing`; :func:`draw_formula` in this thread). See
  ``app.render._math`` and ``app.render._formulas``; ziamath loads on the first formula drawn.
- :class:`SizedCache`: the size-bounded cache behind the caches here.
- Citations: :func:`join_cited_text` joins a reply's text blocks into one text with a marker after each
  cited span (rendered as ``cite:<n>`` links), :class:`Source` is what a marker points to, and
  :func:`sources_html` lists a reply's sources (see ``app.render._citations``).

Nothing here imports widgets; markdown-it-py and Pygments load on first use (or :func:`preload`).
"""

from app.render._background import render_in_background
from app.render._cache import SizedCache
from app.render._citations import (
    CITE_SCHEME,
    SOURCES_KEY,
    Source,
    citation_marker,
    cite_number,
    cited_excerpt,
    domain_of,
    join_cited_text,
    markers_as_text,
    page_line_html,
    sources_html,
)
from app.render._code import WRAP_SCHEME
from app.render._formulas import (
    FORMULA_SCHEME,
    Drawing,
    draw_formula,
    draw_in_background,
    formula_of,
    formula_source,
    is_display,
    known_drawing,
)
from app.render._incremental import IncrementalRenderer, RenderUpdate
from app.render._links import safe_href
from app.render._long_lines import CONTINUED_LINE, LAYOUT_AT_ONCE, LINE_PIECE_CHARS, layout_cost, line_piece_end
from app.render._markdown import (
    DEFAULT_LABELS,
    MAX_RENDER_COST,
    SYNC_RENDER_COST,
    Labels,
    RenderedMarkdown,
    cached_render,
    preload,
    remembered_render,
    render_cost,
    render_markdown,
    render_markdown_with_code,
)
from app.render._plain import render_plain
from app.render._scanner import normalize_source
from app.render._theme import DARK, LIGHT, Theme, stylesheet

__all__ = [
    "CITE_SCHEME",
    "CONTINUED_LINE",
    "DARK",
    "DEFAULT_LABELS",
    "FORMULA_SCHEME",
    "LAYOUT_AT_ONCE",
    "LIGHT",
    "LINE_PIECE_CHARS",
    "MAX_RENDER_COST",
    "SOURCES_KEY",
    "SYNC_RENDER_COST",
    "WRAP_SCHEME",
    "Drawing",
    "IncrementalRenderer",
    "Labels",
    "RenderUpdate",
    "RenderedMarkdown",
    "SizedCache",
    "Source",
    "Theme",
    "cached_render",
    "citation_marker",
    "cite_number",
    "cited_excerpt",
    "domain_of",
    "draw_formula",
    "draw_in_background",
    "formula_of",
    "formula_source",
    "is_display",
    "join_cited_text",
    "known_drawing",
    "layout_cost",
    "line_piece_end",
    "markers_as_text",
    "normalize_source",
    "page_line_html",
    "preload",
    "remembered_render",
    "render_cost",
    "render_in_background",
    "render_markdown",
    "render_markdown_with_code",
    "render_plain",
    "safe_href",
    "sources_html",
    "stylesheet",
]
