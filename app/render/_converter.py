"""markdown-it-py (CommonMark + GFM tables and strikethrough) with Samtal's own HTML writer for untrusted
text and Qt's rich-text engine.

What changes from stock markdown-it-py, and why:

- Raw HTML is never passed through (``html`` off) and character references are not decoded (the
  ``entity`` rule is off): every ``&``, ``<`` and ``>`` of the text is escaped, so ``<script>`` or
  ``&lt;`` show exactly as typed.
- The HTML is written here, token by token: only the tags and attributes this module produces. Link
  targets pass :func:`safe_href` (markdown-it's own link check is replaced, so that a refused link still
  shows its text and target), images become a text placeholder (never ``<img>``), a link never holds a
  link.
- Code blocks (fenced or indented) are rendered by :func:`code_block_html`, each with a "Copy" link
  numbered in document order; while streaming, a fence still open at the end is shown unhighlighted.
- Quotes and tables are shaped for Qt (see ``_QuoteState`` and :func:`table_open_html`); bare http(s)
  URLs become links.
- Nesting is limited here, not by the parser: a top-level block nested deeper than :data:`MAX_NESTING`
  is shown as the text it was typed as (markdown-it itself would silently drop what lies beyond its
  ``maxNesting``, which is set above ours so that it never does).

Every step is linear in the text: markdown-it-py parses in linear time (its inline parser memoises the
link-label scans that made python-markdown quadratic), and this writer visits each token once.
Importing this module imports markdown-it-py (~15 ms), so :mod:`app.render._markdown` imports it on
first use.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from app.render._blockquote import bound_blockquotes
from app.render._citations import has_markers, marker_html, markers_as_text, strip_markers
from app.render._code import code_block_parts, language_of, open_code_block_frame, plain_code_html
from app.render._links import safe_href
from app.render._long_lines import CONTINUED_LINE, LINE_PIECE_CHARS
from app.render._markdown import Fragment, Reference
from app.render._math import enable_math, formula_html, formula_source, math_block_html
from app.render._plain import plain_parts, render_plain
from app.render._scanner import normalize_source
from app.render._theme import Theme

MAX_NESTING = 16
"""Block nesting Samtal renders (token levels: 16 quotes, or 8 lists inside each other, each list and item
one level). A top-level block that nests deeper is shown as typed: nobody reads it, and it is how a
hostile reply would make the parser recurse."""
# markdown-it's own limit, above ours: it stops parsing a container nested this deep and drops the rest,
# which MAX_NESTING catches first. Higher costs time: its link scans look this many tokens ahead.
_PARSER_NESTING = MAX_NESTING + 4

MAX_BLOCK_TOKENS = 2_500
"""Elements (tokens) a top-level block, or a table chunk, may hold; more is shown as typed. Qt parses and lays
out rich text at some 25 µs an element: this keeps one block well under 100 ms."""

TABLE_CHUNK_CELLS = 60
"""Cells in each chunk of a long table, the header's included (the first chunk may be the header alone): what
Qt lays out in some 5 ms. Qt lays the table before out again when a chunk is added right after it, so adding a
chunk costs twice that. A table with more columns than this is shown as typed."""
WIDE_TABLE_PX = 960
"""A table whose columns want more pixels than this gets fixed widths and scrolls sideways."""
_CHAR_PX = 8  # a column's width per character of its longest cell (a guess: the renderer knows no font)
_CELL_PADDING_PX = 12
_MIN_COLUMN_CHARS, _MAX_COLUMN_CHARS = 3, 40

# Quotes nested deeper are plain <blockquote>s: Qt's layout time doubles with each level of nested tables.
_MAX_QUOTE_TABLES = 3

# A bare URL ends where a citation marker (plane 15, see app.render._citations) follows it.
_BARE_URL_RE = re.compile(r"(?<![\w/@.:=+-])https?://[^\s<>\[\]\"'`\U000f0000-\U000fffff]+")
_BARE_URL_TRAILING = ".,:;!?*_~'\""
_ALIGN_RE = re.compile(r"text-align:(left|right|center)")

_STATE = "samtal"  # the env key of the _Writing in progress


@dataclass(frozen=True, slots=True)
class TableContext:
    """A long table whose first chunks are rendered while it still streams: what the rows after them need.

    ``head`` is the table's header and delimiter lines (each with its newline), ``columns`` its number of
    columns, ``widths`` the pixel width of each column (all of a long table's chunks share them), ``chunk``
    the index of the next chunk (0 is the one with the header row).
    """

    head: str
    columns: int
    widths: tuple[int, ...] | None
    chunk: int


@dataclass(frozen=True, slots=True)
class Settled:
    """The start of a streaming text that is final although the block it ends in is not: a long table's
    complete chunks and whatever came before the table. ``chars`` counts its characters, ``html`` (a
    prefix of the fragment's HTML, then a newline) and ``code_blocks`` are its share of the fragment's;
    ``table`` continues the table."""

    chars: int
    html: str
    code_blocks: int
    table: TableContext
    parts: tuple[str, ...] = ()  # ``html`` as the fragment's parts (joined by newlines: ``html`` less its newline)


@dataclass(slots=True)
class _Writing:
    """Settings and results of the conversion in progress."""

    theme: Theme
    copy_label: str
    image_label: str
    first_code_index: int
    streaming: bool
    line_count: int  # up to the last line that is not blank
    codes: list[str] = field(default_factory=list)
    code_parts: list[str] | None = None  # the tables of a long top-level code block just written, if more than one
    quotes: list[bool] = field(default_factory=list)  # per open quote: whether it is a table
    wrap_label: str = "Wrap"
    # Per open link: None for a link written as <a>, else (its target, the text shown so far).
    links: list[tuple[str, list[str]] | None] = field(default_factory=list)

    def show(self, text: str) -> str:
        """Escape ``text`` and remember it as part of a refused link's text; citation markers become their
        numbers (links, unless inside a link)."""
        for link in self.links:
            if link is not None:
                link[1].append(text)
        escaped = html.escape(text, quote=False)
        return marker_html(escaped, linked=None not in self.links) if has_markers(escaped) else escaped


class _MarkdownIt(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return True  # every target is judged when written (safe_href), so a refused one can be shown


class Converter:
    """Converts Markdown to safe, Qt-friendly HTML. Not thread-safe: use one per thread."""

    def __init__(self) -> None:
        md = _MarkdownIt(
            "commonmark", {"html": False, "xhtmlOut": False, "maxNesting": _PARSER_NESTING}, renderer_cls=_Writer
        )
        md.enable(["table", "strikethrough"])
        md.disable("entity")
        bound_blockquotes(md)
        md.core.ruler.before("text_join", "samtal_bare_urls", _link_bare_urls)
        enable_math(md)
        for name in ("math_inline", "math_inline_double", "math_block"):  # ours, not the plugin's
            md.add_render_rule(name, getattr(_Writer, name))
        self._md = md
        assert isinstance(md.renderer, _Writer)
        self._writer: _Writer = md.renderer

    def convert(
        self,
        text: str,
        *,
        theme: Theme,
        copy_label: str,
        image_label: str,
        wrap_label: str = "Wrap",
        first_code_index: int = 0,
        references: Mapping[str, Reference] | None = None,
        streaming: bool = False,
        table: TableContext | None = None,
    ) -> Fragment:
        """Convert ``text``.

        Copy links are numbered from ``first_code_index``. ``references`` are link reference
        definitions from earlier text. With ``streaming``, a fence still open at the end is shown
        unhighlighted (it is about to change again), and the fragment says which start of the text is
        final already (see :class:`Settled`). ``table`` says that ``text`` continues a long table.
        """
        text = normalize_source(text)
        source = text if table is None else table.head + text
        env: dict[str, Any] = {
            "references": {label: {"href": href, "title": title} for label, (href, title) in (references or {}).items()}
        }
        tokens = self._md.parse(source, env)
        writing = _Writing(
            theme,
            copy_label,
            image_label,
            first_code_index,
            streaming,
            line_count=source.rstrip().count("\n") + 1,
            wrap_label=wrap_label,
        )
        env[_STATE] = writing
        lines = source.split("\n")
        parts: list[_Part] = []
        for start, end in _top_level_blocks(tokens):
            block = tokens[start:end]
            if block[0].type == "table_open":
                continued = table if start == 0 else None
                parts += _Table(self._writer, self._md.options, env, lines, block, continued).parts()
            elif any(token.level > MAX_NESTING for token in block) or _too_costly(block):
                first, last = block[0].map or (0, len(lines))
                parts += _typed_parts(lines[first:last], first, len(writing.codes))
            else:
                first = block[0].map[0] if block[0].map else 0
                pieces = self._long_paragraph(block, env, lines) if block[0].type == "paragraph_open" else None
                if pieces is None:
                    writing.code_parts = None
                    pieces = [self._writer.render(block, self._md.options, env)]
                    if writing.code_parts:
                        pieces = [f"{part}\n" for part in writing.code_parts]
                parts += [_Part(piece, first, len(writing.codes)) for piece in pieces]
        html_text = "".join(part.html for part in parts).removesuffix("\n")
        found = {label: (ref["href"], ref["title"]) for label, ref in env["references"].items()}
        settled = _settled(parts, lines, table) if streaming else None
        # Every part ends with its newline: joined by newlines without them, they are html_text again.
        each = tuple(part.html.removesuffix("\n") for part in parts if part.html)
        return Fragment(html_text, writing.codes, found, settled, each)

    def _long_paragraph(self, block: Sequence[Token], env: EnvType, lines: list[str]) -> list[str] | None:
        """A top-level paragraph longer than :data:`LINE_PIECE_CHARS` as the paragraphs of its pieces (see
        ``app.render._long_lines``); None when it is not that long. Cut after white space outside links, where
        emphasis is closed and opened again; a paragraph that can't be cut so (a link or code span longer than
        two pieces) is shown as typed, which is cut anywhere."""
        inline = block[1]
        if len(inline.content) <= LINE_PIECE_CHARS or not inline.children:
            return None
        pieces: list[list[str]] = [[]]
        size = 0  # characters of HTML in the piece so far
        open_tags: list[str] = []  # emphasis open at this point, outermost first
        links = 0
        render, options = self._writer.renderInline, self._md.options
        for child in inline.children:
            content = child.content
            if child.type == "text" and not links and size + len(content) > LINE_PIECE_CHARS:
                done = 0
                while size + len(content) - done > LINE_PIECE_CHARS:
                    cut = _white_space_cut(content, done, done + LINE_PIECE_CHARS - size)
                    if cut <= done and size == 0:
                        cut = done + LINE_PIECE_CHARS  # no white space at all: cut anywhere
                    if cut > done:
                        pieces[-1].append(render([_text_token(content[done:cut])], options, env))
                    pieces[-1] += [f"</{tag}>" for tag in reversed(open_tags)]
                    pieces.append([f"<{tag}>" for tag in open_tags])
                    size, done = 0, max(cut, done)
                child = _text_token(content[done:])
                content = child.content
            rendered = render([child], options, env)
            pieces[-1].append(rendered)
            size += len(rendered)
            if child.type == "link_open":
                links += 1
            elif child.type == "link_close":
                links -= 1
            elif child.type in _EMPHASIS_TAGS:
                tag = _EMPHASIS_TAGS[child.type]
                if child.nesting > 0:
                    open_tags.append(tag)
                elif open_tags and open_tags[-1] == tag:
                    open_tags.pop()
        bodies = ["".join(piece) for piece in pieces if piece]
        if any(len(body) > 3 * LINE_PIECE_CHARS for body in bodies):
            first, last = block[0].map or (0, len(lines))
            return [part.html for part in _typed_parts(lines[first:last], first, 0)]
        return [_paragraph_piece(body, index, len(bodies)) for index, body in enumerate(bodies)]


_EMPHASIS_TAGS = {
    "em_open": "em",
    "em_close": "em",
    "strong_open": "strong",
    "strong_close": "strong",
    "s_open": "del",
    "s_close": "del",
}


def _white_space_cut(text: str, start: int, limit: int) -> int:
    """After the last white space of ``text[start:limit]``, or ``start`` when there is none."""
    space = max(text.rfind(" ", start, limit), text.rfind("\t", start, limit), text.rfind("\n", start, limit))
    return space + 1 if space != -1 else start


def _text_token(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _paragraph_piece(body: str, index: int, count: int) -> str:
    """The paragraph of the ``index``-th of ``count`` pieces of a long paragraph: no margin between pieces, and
    each after the first marked as continuing the line."""
    styles = []
    if index:
        styles.append(f"margin-top: 0px; -qt-user-state: {CONTINUED_LINE};")
    if index < count - 1:
        styles.append("margin-bottom: 0px;")
    return f'<p style="{" ".join(styles)}">{body}</p>\n'


@dataclass(frozen=True, slots=True)
class _Part:
    """One top-level block's HTML (a long table gives one per chunk), the source line it starts at, and how
    many code blocks the conversion had met before it."""

    html: str
    line: int
    codes_before: int
    table: TableContext | None = None  # for a table chunk: what a chunk after it needs


def _settled(parts: list[_Part], lines: list[str], continued: TableContext | None) -> Settled | None:
    """While streaming: everything before the last chunk of a long table that ends the text is final."""
    if len(parts) < 2:
        return None
    last, before = parts[-1].table, parts[-2].table
    if last is None or before is None or before.head != last.head or before.chunk + 1 != last.chunk:
        return None  # not a chunk after a chunk of the same table
    last_part = parts[-1]
    chars = sum(len(line) + 1 for line in lines[: last_part.line]) - (len(continued.head) if continued else 0)
    html_text = "".join(part.html for part in parts[:-1])
    each = tuple(part.html.removesuffix("\n") for part in parts[:-1] if part.html)
    return Settled(chars, html_text, last_part.codes_before, last, each)


def _shown_as_typed(lines: Sequence[str]) -> str:
    return render_plain(markers_as_text("\n".join(lines).strip("\n"))) + "\n"


def _typed_parts(lines: Sequence[str], first_line: int, codes_before: int) -> list[_Part]:
    """Lines shown as typed, as the parts of :func:`plain_parts` (a long text is several)."""
    text = markers_as_text("\n".join(lines).strip("\n"))
    return [_Part(part + "\n", first_line, codes_before) for part in plain_parts(text)]


def _too_costly(block: Sequence[Token]) -> bool:
    """Whether a block holds more elements than Qt lays out in well under 100 ms (a paragraph of thousands of
    links or emphasis markers): then it is shown as typed."""
    count = len(block)
    for token in block:
        if token.children:
            count += len(token.children)
    return count > MAX_BLOCK_TOKENS


class _Table:
    """A top-level table, written in chunks of rows when it is long, so that Qt (which lays a table out
    whole, about a millisecond per row) and a streaming update each handle one chunk at a time.

    Every chunk is a table of its own; a long or wide table's chunks share fixed column widths (from the
    header and the first chunk), so that they line up as one table, and a wide table scrolls sideways
    instead of squeezing its columns to a character. A chunk ends after :data:`TABLE_CHUNK_CELLS` cells
    when another row certainly follows and every row of the chunk has as many cells as the header (the
    parser's limit on padded cells counts from the table's start; such rows keep it at zero, so a chunk
    rendered after the table's head alone is the same as in the whole table).
    """

    def __init__(
        self,
        writer: RendererHTML,
        options: OptionsDict,
        env: EnvType,
        lines: list[str],
        block: Sequence[Token],
        continued: TableContext | None,
    ) -> None:
        self._writer, self._options = writer, options
        self._env, self._lines, self._continued = env, lines, continued
        self._start_line, self._end_line = block[0].map or (0, len(lines))
        self._header: list[tuple[Token, Token]] = []
        self._rows: list[tuple[int, list[tuple[Token, Token]]]] = []  # (source line, cells)
        cells: list[tuple[Token, Token]] = []
        in_head = False
        row_line = 0
        for index, token in enumerate(block):
            if token.type in ("thead_open", "thead_close"):
                in_head = token.type == "thead_open"
            elif token.type == "tr_open":
                cells, row_line = [], token.map[0] if token.map else 0
            elif token.type in ("th_open", "td_open"):
                cells.append((token, block[index + 1]))
            elif token.type == "tr_close":
                if in_head:
                    self._header = cells
                else:
                    self._rows.append((row_line, cells))
        self._columns = max(1, len(self._header))

    def parts(self) -> list[_Part]:
        writing = _writing(self._env)
        if self._columns > TABLE_CHUNK_CELLS:  # not even one row fits in a chunk
            lines = self._lines[self._start_line : self._end_line]
            return _typed_parts(lines, self._start_line, len(writing.codes))
        continued = self._continued
        chunks = self._chunks()
        first_index = continued.chunk if continued else 0
        if continued is not None:
            widths = continued.widths
            head = continued.head
        else:
            widths = self._widths(chunks[0] if chunks else [], fixed=len(chunks) > 1)
            head = "".join(line + "\n" for line in self._lines[self._start_line : self._start_line + 2])
        if continued is None and not chunks:
            chunks = [[]]  # a header without rows
        parts = []
        for offset, rows in enumerate(chunks):
            index = first_index + offset
            line = self._start_line if index == 0 else rows[0][0]
            context = TableContext(head, self._columns, widths, index)
            parts.append(
                _Part(
                    self._chunk_html(index, rows, offset == len(chunks) - 1, widths), line, len(writing.codes), context
                )
            )
        return parts

    def _chunks(self) -> list[list[tuple[int, list[tuple[Token, Token]]]]]:
        rows = self._rows
        size = max(1, TABLE_CHUNK_CELLS // self._columns)
        # The first chunk holds the header too: as many rows as fit with it (none: the header alone).
        chunk = size if self._continued is not None else (TABLE_CHUNK_CELLS - self._columns) // self._columns
        chunks = []
        start = 0
        while start + chunk < len(rows) and all(self._is_whole(line) for line, _ in rows[start : start + chunk]):
            if not self._certainly_a_row(rows[start + chunk][0]):
                break
            chunks.append(rows[start : start + chunk])
            start += chunk
            chunk = size
        if start < len(rows):
            chunks.append(rows[start:])
        return chunks

    def _is_whole(self, line: int) -> bool:
        """Whether a row's line has exactly the header's number of cells (as the parser splits it)."""
        return len(_cells(self._lines[line])) == self._columns

    def _certainly_a_row(self, line: int) -> bool:
        """A complete line, or the last one (still arriving) already starting with "|": no other block can."""
        if line < len(self._lines) - 1:
            return True
        return self._lines[line].lstrip(" \t").startswith("|")

    def _widths(self, rows: list[tuple[int, list[tuple[Token, Token]]]], *, fixed: bool) -> tuple[int, ...] | None:
        """Pixel widths from the longest cell of each column (header and ``rows``); None when Qt may size
        the columns (one chunk, narrow enough to fit)."""
        longest = [len(inline.content) for _, inline in self._header] or [0]
        for _, cells in rows:
            for column, (_, inline) in enumerate(cells[: len(longest)]):
                longest[column] = max(longest[column], len(inline.content))
        widths = tuple(
            min(max(length, _MIN_COLUMN_CHARS), _MAX_COLUMN_CHARS) * _CHAR_PX + _CELL_PADDING_PX for length in longest
        )
        return widths if fixed or sum(widths) > WIDE_TABLE_PX else None

    def _chunk_html(
        self, index: int, rows: list[tuple[int, list[tuple[Token, Token]]]], last: bool, widths: tuple[int, ...] | None
    ) -> str:
        lines = self._lines
        cost = sum(len(inline.children or ()) + 3 for _, cells in rows for _, inline in cells)
        if cost > MAX_BLOCK_TOKENS:
            first = self._start_line if index == 0 else rows[0][0]
            return _shown_as_typed(lines[first : rows[-1][0] + 1])
        theme = _writing(self._env).theme
        out = [table_open_html(theme, top=4 if index == 0 else 0, bottom=8 if last else 0), "\n"]
        if index == 0:
            out.append("<thead>\n<tr>\n")
            out += [self._cell("th", cell, widths, column) for column, cell in enumerate(self._header)]
            out.append("</tr>\n</thead>\n")
        if rows:
            out.append("<tbody>\n")
            for number, (_, cells) in enumerate(rows):
                out.append("<tr>\n")
                row_widths = widths if number == 0 else None
                out += [self._cell("td", cell, row_widths, column) for column, cell in enumerate(cells)]
                out.append("</tr>\n")
            out.append("</tbody>\n")
        out.append("</table>\n")
        return "".join(out)

    def _cell(self, tag: str, cell: tuple[Token, Token], widths: tuple[int, ...] | None, column: int) -> str:
        opening, inline = cell
        attributes = _alignment(opening)
        if tag == "th":
            attributes += f' bgcolor="{_writing(self._env).theme.table_header_background}"'
        if widths is not None and column < len(widths):
            attributes += f' width="{widths[column]}"'
        content = self._writer.renderInline(inline.children or [], self._options, self._env)
        return f"<{tag}{attributes}>{content}</{tag}>\n"


def _cells(line: str) -> list[str]:
    """A table row's cells as markdown-it's table rule splits them (a backslash escapes a "|")."""
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for character in line.strip():
        if character == "|" and not escaped:
            cells.append("".join(current))
            current = []
        else:
            current.append(character)
        escaped = character == "\\"
    cells.append("".join(current))
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _top_level_blocks(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Index ranges of the top-level blocks (an opening token to its closing one, or a lone token)."""
    ranges = []
    start = 0
    depth = 0
    for index, token in enumerate(tokens):
        depth += token.nesting
        if depth == 0:
            ranges.append((start, index + 1))
            start = index + 1
    return ranges


def _link_bare_urls(state: StateCore) -> None:
    """Core rule: a bare ``https://…`` in text (not in a link, a code span or an image's text) becomes a link,
    trailing punctuation left outside. Runs before ``text_join``, so an escaped character ends a URL."""
    for block in state.tokens:
        children = block.children
        if block.type != "inline" or not children or not any("://" in child.content for child in children):
            continue
        linked: list[Token] = []
        inside_link = 0
        for child in children:
            if child.type == "link_open":
                inside_link += 1
            elif child.type == "link_close":
                inside_link -= 1
            if child.type != "text" or inside_link or "://" not in child.content:
                linked.append(child)
                continue
            content, done = child.content, 0
            for match in _BARE_URL_RE.finditer(content):
                url = _trim_url(match[0])
                if match.start() > done:
                    linked.append(Token("text", "", 0, content=content[done : match.start()]))
                linked += [
                    Token("link_open", "a", 1, attrs={"href": url}, markup="linkify"),
                    Token("text", "", 0, content=url),
                    Token("link_close", "a", -1, markup="linkify"),
                ]
                done = match.start() + len(url)
            if done < len(content):
                linked.append(Token("text", "", 0, content=content[done:]))
        block.children = linked


def _trim_url(url: str) -> str:
    url = url.rstrip(_BARE_URL_TRAILING)
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(_BARE_URL_TRAILING)
    return url


def _writing(env: EnvType) -> _Writing:
    writing: _Writing = env[_STATE]
    return writing


def _code_block(tokens: Sequence[Token], index: int, env: EnvType, code: str, language: str, *, closed: bool) -> str:
    writing = _writing(env)
    code = strip_markers(code)  # code is what the model wrote, to the character: no citation marker in it
    copy_href = f"copy:{writing.first_code_index + len(writing.codes)}"
    writing.codes.append(code)
    theme, copy_label, wrap_label = writing.theme, writing.copy_label, writing.wrap_label
    if closed or not writing.streaming:
        parts = code_block_parts(
            code, language, theme=theme, copy_label=copy_label, copy_href=copy_href, wrap_label=wrap_label
        )
        if len(parts) > 1 and tokens[index].level == 0:
            writing.code_parts = parts  # a view adds them a few at a time
        block = "\n".join(parts)
    else:
        head, foot = open_code_block_frame(
            language, theme=theme, copy_label=copy_label, copy_href=copy_href, wrap_label=wrap_label
        )
        block = head + plain_code_html(code) + foot
    # Like RendererHTML.renderToken: a block after the hidden paragraph of a tight list item starts a line.
    return ("\n" if index and tokens[index - 1].hidden else "") + block + "\n"


def table_open_html(theme: Theme, *, top: int = 4, bottom: int = 8) -> str:
    """The opening tag of a Markdown table (``top`` and ``bottom``: its margins in pixels): Qt draws borders
    only from these attributes."""
    return (
        '<table border="1" cellspacing="0" cellpadding="4"'
        f' style="border-color: {theme.border}; border-collapse: collapse;'
        f' margin-top: {top}px; margin-bottom: {bottom}px;">'
    )


def _alignment(token: Token) -> str:
    match = _ALIGN_RE.fullmatch(str(token.attrs.get("style", "")))
    return f' align="{match[1]}"' if match else ""


def _plain_text(tokens: Sequence[Token] | None) -> str:
    """The text of inline tokens (an image's description), nested images included, without recursion."""
    parts: list[str] = []
    pending = list(reversed(tokens or ()))
    while pending:
        token = pending.pop()
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.children:
            pending.extend(reversed(token.children))
    return "".join(parts)


class _Writer(RendererHTML):
    """Writes tokens as Qt-friendly HTML: only the tags and attributes listed here, every text escaped."""

    # Tags written by RendererHTML.renderToken (its line breaks are kept), with the attributes they may keep.
    _STRUCTURE: Mapping[str, tuple[str, ...]] = {
        "p": (),
        "h1": (),
        "h2": (),
        "h3": (),
        "h4": (),
        "h5": (),
        "h6": (),
        "ul": (),
        "ol": ("start",),
        "li": (),
        "em": (),
        "strong": (),
        "hr": (),
        "thead": (),
        "tbody": (),
        "tr": (),
        "th": (),
        "td": (),
        "blockquote": (),
    }

    def renderToken(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        if token.tag not in self._STRUCTURE:  # a token this writer does not know: its text only
            return _writing(env).show(token.content)
        return super().renderToken(tokens, idx, options, env)

    @classmethod
    def renderAttrs(cls, token: Token) -> str:
        allowed = cls._STRUCTURE.get(token.tag, ())
        return "".join(f' {name}="{html.escape(str(value))}"' for name, value in token.attrItems() if name in allowed)

    # --- text ---

    def text(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _writing(env).show(tokens[idx].content)

    html_inline = html_block = text  # off in the parser; shown as text should they ever appear

    def softbreak(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _writing(env).show("\n")

    def hardbreak(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        _writing(env).show("\n")
        return "<br>\n"

    def code_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"<code>{_writing(env).show(tokens[idx].content)}</code>"

    def s_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "<del>"

    def s_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</del>"

    # --- links and images ---

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        token = tokens[idx]
        target = str(token.attrs.get("href", ""))
        href = None if writing.links else safe_href(target)
        if href is not None:
            writing.links.append(None)
            return f'<a href="{html.escape(href)}">'
        writing.links.append((target, []))
        return "&lt;" if token.markup == "autolink" else ""  # a refused <scheme:…> shows as typed

    def link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        link = writing.links.pop() if writing.links else None
        if link is None:
            return "</a>"
        if tokens[idx].markup == "autolink":
            return writing.show(">")
        target, shown = link
        if target and not writing.links and target != "".join(shown):
            return writing.show(f" ({target})")
        return ""

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        token = tokens[idx]
        source = str(token.attrs.get("src", ""))
        description = _plain_text(token.children)
        label = f"[{writing.image_label}: {description}]" if description else f"[{writing.image_label}]"
        if writing.links:
            return writing.show(label)
        href = safe_href(source)
        if href is not None:
            return f'<a href="{html.escape(href)}">{writing.show(label)}</a>'
        return writing.show(f"{label} ({source})" if source else label)

    # --- math (see app.render._math) ---

    def math_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        latex, delimiter = strip_markers(token.content), token.markup or "$"
        for link in _writing(env).links:  # a refused link shows its text as typed
            if link is not None:
                link[1].append(formula_source(latex, delimiter))
        return formula_html(latex, delimiter)

    math_inline_double = math_inline  # a displayed formula outside a paragraph (a heading, a table cell)

    def math_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        token.content = strip_markers(token.content)
        return ("\n" if idx and tokens[idx - 1].hidden else "") + math_block_html(tokens, idx)

    # --- blocks ---

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        start, end = token.map or (0, 0)
        content_lines = token.content.count("\n") + (not token.content.endswith("\n") and token.content != "")
        closed = end - start >= content_lines + 2
        at_the_end = end >= _writing(env).line_count
        code = token.content if closed else token.content.rstrip("\n")
        code = code.removesuffix("\n")
        return _code_block(tokens, idx, env, code, language_of(token.info), closed=closed or not at_the_end)

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _code_block(tokens, idx, env, tokens[idx].content.rstrip("\n"), "", closed=True)

    def blockquote_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        as_table = len(writing.quotes) < _MAX_QUOTE_TABLES
        writing.quotes.append(as_table)
        if not as_table:
            return self.renderToken(tokens, idx, options, env)
        # Qt cannot draw a block's left border: a one-row table with a narrow coloured cell can.
        return (
            '<table cellspacing="0" cellpadding="0" style="margin-top: 4px; margin-bottom: 8px;"><tr>'
            f'<td width="3" bgcolor="{writing.theme.border}"></td><td class="quote" style="padding-left: 10px;">\n'
        )

    def blockquote_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        if writing.quotes and not writing.quotes.pop():
            return self.renderToken(tokens, idx, options, env)
        return "</td></tr></table>\n"

    def table_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return table_open_html(_writing(env).theme) + "\n"

    def table_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</table>\n"

    def th_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f'<th{_alignment(tokens[idx])} bgcolor="{_writing(env).theme.table_header_background}">'

    def td_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"<td{_alignment(tokens[idx])}>"
