"""Rendering a reply while it streams, at a cost per update that does not grow with the reply.

The text is cut into top-level blocks at points :class:`LineScanner` proves independent (a blank line,
outside any fence, followed by an unindented line that cannot continue a list or quote; a top-level
code fence, which starts a block and ends it with its closing line). Finished blocks are rendered once;
only the unfinished tail is rendered again on each update, with a still-open code fence shown
unhighlighted. A long code block is the tail for a long time, so while it is open its lines are escaped
once each and an update says what code it added: neither this renderer nor the view handles the whole
block again. A long table is a tail for a long time too: its complete chunks of rows (see the converter)
become finished blocks, so an update converts at most a chunk of rows. Joining the HTML of all finished
blocks gives what :func:`render_markdown` gives for the whole text.

With a ``max_cost``, an update that would convert more than that (by :func:`render_cost`) converts
nothing and says so (``too_costly``): a view then shows the text another way (as typed, rendered in the
background once it ends), so that no update blocks it for long.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.render._citations import strip_markers
from app.render._code import language_of, open_code_block_frame, plain_code_html
from app.render._markdown import DEFAULT_LABELS, Labels, Reference, render_cost, render_fragment
from app.render._scanner import LineKind, LineScanner, normalize_source, strip_columns
from app.render._theme import LIGHT, Theme

if TYPE_CHECKING:
    from app.render._converter import TableContext

_FEED_CHECK_CHARS = 64


@dataclass(frozen=True, slots=True)
class RenderUpdate:
    """What to change in the view of a streaming message.

    The view holds the finished blocks, then the tail. For each update: remove the old tail, append
    ``finished_html`` (blocks that became final, rendered once; often empty) after the finished
    blocks, then show ``tail_html`` (the unfinished rest, rendered again each time) after them.
    ``reset`` (only from :meth:`IncrementalRenderer.finish`, when a link reference defined late changes
    earlier blocks): remove everything shown for the message first; ``finished_html`` is all of it.
    ``code_added`` (not None only when the tail is the open code block the previous tail was and all
    that changed is the end of its code): the text (plain, tabs expanded) to add at the end of the code
    shown, which a view may do instead of replacing the tail.
    ``too_costly`` (only with a ``max_cost``): rendering this update would cost more than that; nothing
    was rendered, and the renderer can't be used any more (show the text another way).
    ``finished_parts``: ``finished_html`` as the HTML of each top-level block (a long table's chunks and a long
    paragraph's pieces each apart; joined by newlines they are ``finished_html``), for a view that adds them a
    few at a time.
    """

    finished_html: str
    tail_html: str
    reset: bool = False
    code_added: str | None = None
    too_costly: bool = False
    finished_parts: tuple[str, ...] = ()


@dataclass(slots=True)
class _OpenCode:
    """A top-level code fence still open, the first thing in the tail: its complete lines so far, as
    the tail needs them (so that an update handles only what is new)."""

    language: str
    indent: int  # the fence's, removed from its lines
    code: str = ""  # each complete line dedented, with its newline: what "Copy" copies
    body: str = ""  # the same as the block's HTML shows it
    shown: str | None = None  # the HTML of the code in the latest tail, once there was one

    def add_line(self, line: str) -> None:
        line = strip_markers(strip_columns(line, self.indent))
        self.code += line + "\n"
        self.body += plain_code_html(line) + "\n"


class IncrementalRenderer:
    """Renders one streaming message: call :meth:`append` (or :meth:`feed`) per flush, then :meth:`finish`."""

    def __init__(self, *, theme: Theme = LIGHT, labels: Labels = DEFAULT_LABELS, max_cost: int | None = None) -> None:
        """``max_cost``: the most :func:`render_cost` one update may convert (None: no limit)."""
        self._theme = theme
        self._labels = labels
        self._max_cost = max_cost
        self._scanner = LineScanner()
        self._chunks: list[str] = []
        self._finished_parts: list[str] = []
        self._finished_codes: list[str] = []
        self._references: dict[str, Reference] = {}
        # How many finished parts were rendered before the latest new reference definition.
        self._parts_missing_references = 0
        self._tail = ""
        self._tail_codes: list[str] = []
        self._tail_html = ""
        self._scanned = 0  # offset in the tail up to which complete lines went through the scanner
        self._tail_has_content = False
        self._open_code: _OpenCode | None = None  # the tail is this fence (and blank lines before it)
        self._table: TableContext | None = None  # the tail continues this long table
        self._pending_cr = False
        self._raw_length = 0
        self._raw_end = ""
        self._done = False

    @property
    def code_blocks(self) -> list[str]:
        """The raw text of every code block so far (the last one may still grow), for ``copy:<n>``."""
        return self._finished_codes + self._tail_codes

    def feed(self, text: str) -> RenderUpdate:
        """Take the whole text received so far; it must extend the text given before."""
        start = self._raw_length - len(self._raw_end)
        if len(text) < self._raw_length or text[start : self._raw_length] != self._raw_end:
            raise ValueError("feed() needs the previous text plus what arrived since")
        return self.append(text[self._raw_length :])

    def append(self, delta: str) -> RenderUpdate:
        """Take newly received text; return the update for the view."""
        if self._done:
            raise RuntimeError("the message is already finished")
        self._raw_length += len(delta)
        self._raw_end = (self._raw_end + delta)[-_FEED_CHECK_CHARS:]
        if self._pending_cr:
            delta = "\r" + delta
        self._pending_cr = delta.endswith("\r")  # may be the first half of "\r\n"
        if self._pending_cr:
            delta = delta[:-1]
        if not delta:
            return RenderUpdate("", self._tail_html)
        delta = normalize_source(delta)
        self._chunks.append(delta)
        self._tail += delta
        finished_text = self._take_finished_blocks()
        if self._too_costly(finished_text, "" if self._open_code is not None else self._tail):
            return RenderUpdate("", self._tail_html, too_costly=True)
        finished = self._render_finished(finished_text) if finished_text else ()
        code_added, settled = self._render_tail()
        parts = finished + settled
        return RenderUpdate("\n".join(parts), self._tail_html, code_added=code_added, finished_parts=parts)

    def finish(self) -> RenderUpdate:
        """End of the stream: render the rest as final (code highlighted) and return the last update."""
        if self._done:
            raise RuntimeError("the message is already finished")
        self._done = True
        if self._pending_cr:
            self._chunks.append("\n")
            self._tail += "\n"
        if self._too_costly(self._tail, "".join(self._chunks) if self._parts_missing_references else ""):
            return RenderUpdate("", self._tail_html, too_costly=True)
        rest = self._render_finished(self._tail)
        self._tail, self._tail_codes, self._tail_html, self._open_code = "", [], "", None
        if self._parts_missing_references:
            # A reference was defined after blocks that may use it: only the whole text knows.
            whole = render_fragment("".join(self._chunks), theme=self._theme, labels=self._labels)
            if whole.html != "\n".join(self._finished_parts):
                self._finished_parts, self._finished_codes = [whole.html], whole.code_blocks
                return RenderUpdate(whole.html, "", reset=True, finished_parts=whole.parts)
        return RenderUpdate("\n".join(rest), "", finished_parts=rest)

    def _too_costly(self, *texts: str) -> bool:
        if self._max_cost is None or sum(render_cost(text) for text in texts) <= self._max_cost:
            return False
        self._done = True  # its state no longer matches what it showed
        return True

    def _take_finished_blocks(self) -> str:
        """Scan the tail's new complete lines; cut off and return the text of blocks now finished."""
        tail = self._tail
        cut = 0
        while (newline := tail.find("\n", self._scanned)) != -1:
            line = tail[self._scanned : newline]
            scanned = self._scanner.feed(line)
            if scanned.starts_block and self._tail_has_content:
                cut, self._tail_has_content = self._scanned, False
            if scanned.kind is not LineKind.BLANK:
                self._tail_has_content = True
            if scanned.kind is LineKind.FENCE_OPEN and scanned.depth == 0:  # the tail starts with it (a cut)
                self._open_code = _OpenCode(language_of(scanned.info), scanned.fence_indent)
            elif scanned.kind is LineKind.FENCE_BODY and self._open_code is not None:
                self._open_code.add_line(line)
            elif scanned.kind is LineKind.FENCE_CLOSE:
                self._open_code = None
                if scanned.depth == 0:  # set apart by the converter: nothing after it changes the block
                    cut, self._tail_has_content = newline + 1, False
            self._scanned = newline + 1
        if self._tail_has_content and self._scanner.starts_block_already(tail[self._scanned :]):
            cut, self._tail_has_content = self._scanned, False
        if not cut:
            return ""
        self._tail = tail[cut:]
        self._scanned -= cut
        return tail[:cut]

    def _render_finished(self, text: str) -> tuple[str, ...]:
        """Render finished blocks, keep them and return their parts."""
        fragment = render_fragment(
            text,
            theme=self._theme,
            labels=self._labels,
            first_code_index=len(self._finished_codes),
            references=self._references,
            table=self._table,
        )
        self._table = None  # a finished block ends the table it continued
        self._keep_finished(fragment.html, fragment.code_blocks, fragment.references)
        return fragment.parts

    def _keep_finished(self, html_text: str, codes: list[str], references: dict[str, Reference]) -> None:
        if references != self._references:
            self._parts_missing_references = len(self._finished_parts)
            self._references = references
        self._finished_codes.extend(codes)
        if html_text:
            self._finished_parts.append(html_text)

    def _render_tail(self) -> tuple[str | None, tuple[str, ...]]:
        """Render the tail; return the code it added to the open code block shown before (see RenderUpdate),
        and the parts of its start that became final (a long table's complete chunks), already kept."""
        tail = self._tail
        partial_line = tail[self._scanned :]
        if self._scanner.is_closing_fence_prefix(partial_line):
            tail, partial_line = tail[: self._scanned], ""  # hide a closing fence that is still arriving
        if self._open_code is not None:
            return self._render_open_code(self._open_code, partial_line), ()
        fragment = render_fragment(
            tail,
            theme=self._theme,
            labels=self._labels,
            first_code_index=len(self._finished_codes),
            references=self._references,
            streaming=True,
            table=self._table,
        )
        settled = fragment.settled
        if settled is None:
            self._tail_html, self._tail_codes = fragment.html, fragment.code_blocks
            return None, ()
        # A long table's complete chunks (and what came before it) are final: keep them as finished blocks
        # and go on with the rows after them, so that an update never converts more than a chunk of rows.
        self._tail = self._tail[settled.chars :]
        self._scanned -= settled.chars
        self._table = settled.table
        self._tail_html = fragment.html[len(settled.html) :]
        self._tail_codes = fragment.code_blocks[settled.code_blocks :]
        self._keep_finished(
            settled.html.removesuffix("\n"), fragment.code_blocks[: settled.code_blocks], fragment.references
        )
        return None, settled.parts

    def _render_open_code(self, open_code: _OpenCode, partial_line: str) -> str | None:
        """The tail is an open top-level fence: the HTML the converter gives, without running it."""
        # CommonMark's parser drops a last line that holds only spaces and tabs (it is not a line yet).
        line = strip_markers(strip_columns(partial_line, open_code.indent)) if partial_line.strip() else ""
        # Like the converter, which drops the newlines at the end of an open block.
        code = (open_code.code + line).rstrip("\n")
        body = (open_code.body + plain_code_html(line)).rstrip("\n")
        head, foot = open_code_block_frame(
            open_code.language,
            theme=self._theme,
            copy_label=self._labels.copy,
            wrap_label=self._labels.wrap,
            copy_href=f"copy:{len(self._finished_codes)}",
        )
        self._tail_html, self._tail_codes = head + body + foot, [code]
        shown, open_code.shown = open_code.shown, body
        # The code shown before may not be the start of this one (trailing spaces became a closing fence).
        if shown is None or not body.startswith(shown):
            return None
        return html.unescape(body[len(shown) :])
