"""Read-only rich-text views for untrusted message text: nothing fetched, nothing followed, sized to fit.

- :class:`SafeDocument`: a ``QTextDocument`` that refuses every resource (no image, no style sheet, no
  file, local or remote, is ever loaded, whatever HTML reaches it) except the images of formulas, which it
  draws itself (:class:`app.ui.formula_images.FormulaImages`).
- :class:`RichTextView`: a ``QTextBrowser`` showing one such document at the height of its content (no
  inner vertical scroll bar: the transcript is the one scroll area; a table too wide for it scrolls
  sideways), with links that only ever become signals;
  plain text goes in without HTML, and text that grows (a streaming thought) only has its end added.
- :class:`MarkdownView`: a reply's Markdown, rendered whole or while it streams; during streaming only
  the unfinished tail is re-rendered and replaced in the document, and an open code block only grows
  (see :class:`app.render.RenderUpdate`); what costs the UI thread too much is converted in the background.

No turn of the event loop gives Qt more to lay out than ``app.render.LAYOUT_AT_ONCE`` (by
:func:`app.render.layout_cost`; a part the converter made is never more): text and rendered parts go in a
batch per turn, and a line longer than ``app.render.LINE_PIECE_CHARS`` is several blocks, so that neither a
long text shown at once nor one growing while it streams is ever laid out whole again. Copying a selection
joins a cut line again.
"""

from __future__ import annotations

import logging
import math
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QMimeData, QObject, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QMouseEvent,
    QPaintEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QSizePolicy, QTextBrowser, QWidget

from app.render import (
    CONTINUED_LINE,
    DEFAULT_LABELS,
    LAYOUT_AT_ONCE,
    LIGHT,
    LINE_PIECE_CHARS,
    MAX_RENDER_COST,
    SYNC_RENDER_COST,
    WRAP_SCHEME,
    IncrementalRenderer,
    Labels,
    RenderedMarkdown,
    RenderUpdate,
    Theme,
    cached_render,
    cite_number,
    formula_of,
    formula_source,
    layout_cost,
    line_piece_end,
    normalize_source,
    remembered_render,
    render_cost,
    render_in_background,
    render_plain,
    safe_href,
    stylesheet,
)
from app.ui.formula_images import FormulaImages
from app.ui.relayout import Relayout, layout_cost_of

if TYPE_CHECKING:
    from concurrent.futures import Future

COPY_SCHEME = "copy"
# Inserted in front of a fragment so that its first block keeps its own format (Qt merges a fragment's
# first block into the block at the cursor); the placeholder character is removed right after.
_BLOCK_OPENER = "<p>&nbsp;</p>"


class SafeDocument(QTextDocument):
    """A document that never loads a resource: every image, style sheet or other URL resolves to nothing.

    The renderer never writes ``<img>``; this is the second wall, so that HTML reaching the document by
    any other way still cannot make the app fetch anything.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)  # the undo stack would keep every streamed edit alive
        self.formulas = FormulaImages(self, ui_thread_poster())

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        if type != QTextDocument.ResourceType.ImageResource:
            return None
        view = self.parent()
        ratio = view.devicePixelRatioF() if isinstance(view, QWidget) else 1.0
        url = name.toString() if isinstance(name, QUrl) else name
        # Drawn here, from the formula's source in its URL: never loaded from anywhere. Anything else: nothing.
        return self.formulas.image(url, self.defaultFont(), ratio)

    def setDefaultFont(self, font: QFont | str | Sequence[str]) -> None:
        super().setDefaultFont(font)
        self.formulas.refresh()  # formulas follow the text's size


class RichTextView(QTextBrowser):
    """Read-only rich text at the height of its content, with safe link handling.

    Links: ``copy:<n>`` emits :attr:`copy_requested`; ``wrap:<n>`` emits :attr:`wrap_requested`; ``cite:<n>``
    (a citation marker) emits :attr:`citation_activated` and shows the tooltip :meth:`set_citation_tips` gave
    for ``n`` while hovered; http/https/mailto links (re-checked with :func:`app.render.safe_href`) emit
    :attr:`link_activated`; anything else does nothing. Nothing is ever opened or followed here.

    Signals:
        link_activated(QUrl): the user clicked a safe external link.
        copy_requested(int): the user clicked the ``copy:<n>`` link above code block ``n``.
        wrap_requested(int): the user clicked the ``wrap:<n>`` link above code block ``n``.
        citation_activated(int): the user clicked the marker of source ``n``.
    """

    link_activated = Signal(QUrl)
    copy_requested = Signal(int)
    wrap_requested = Signal(int)
    citation_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, monospace: bool = False) -> None:
        super().__init__(parent)
        self._relayout: Relayout | None = None  # laying a large text out again after a change of width or font
        self._monospace = monospace
        self._document = SafeDocument(self)
        self._document.setDocumentMargin(2)
        self._document.setDefaultFont(self._text_font())  # a view made in a zoomed transcript is zoomed too
        self.setDocument(self._document)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a long URL never overflows
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab moves between action buttons, not into texts
        self.setAcceptDrops(False)  # nothing can be dropped into read-only text: drops go on to the window
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setAutoFillBackground(False)
        self._plain: str | None = None  # the text show_plain shows (None: HTML is shown)
        self._plain_source = ""  # what was given to show_plain
        self._plain_added = 0  # how much of it is in the document (the rest follows, see _add_plain)
        self._plain_block_start = 0  # where the document's last block starts in it
        self._plain_scheduled = False  # whether _add_plain comes back in the next turn
        self._plain_format = QTextCharFormat()
        self._fitted_height = -1
        self._citation_tips: dict[int, str] = {}
        self._width_known = False  # fitting before the layout gives a width would lay the text out twice
        self._document.documentLayout().documentSizeChanged.connect(self._fit_height)
        self.anchorClicked.connect(self._on_anchor)
        self.highlighted.connect(self._on_hover_link)

    # --- content ---

    def set_html(self, html: str) -> None:
        """Replace the whole content."""
        self._plain = None
        self._end_relayout()
        self._document.setHtml(html)

    def show_plain(self, text: str) -> None:
        """Show ``text`` as it is, as :func:`app.render.render_plain` would but without going through HTML.

        Text that extends the text shown is added to it, so that a text growing while it streams costs
        only what it grew by. A line longer than ``LINE_PIECE_CHARS`` goes in as several blocks (so that Qt
        never lays a long one out again), and no more than ``LAYOUT_AT_ONCE`` characters go in per turn of
        the event loop: the rest follows in the next turns (:attr:`is_filling` until then).
        """
        self._plain_source = text
        text = _paragraph_lines(normalize_source(text))
        shown, self._plain = self._plain, text
        if text == shown:
            return
        if shown is None or not text.startswith(shown[: self._plain_added]):
            self._end_relayout()
            self._document.clear()
            QTextCursor(self._document).setBlockCharFormat(self._plain_format)
            self._plain_added = self._plain_block_start = 0
        if not self._plain_scheduled:  # else the next turn adds the next batch, this turn adds no more
            self._add_plain()

    @property
    def is_filling(self) -> bool:
        """Whether plain text given to :meth:`show_plain` is still being added to the document."""
        return self._plain is not None and self._plain_added < len(self._plain)

    def _add_plain(self) -> None:
        """Add up to ``LAYOUT_AT_ONCE`` characters of the plain text not in the document yet, in blocks of at most
        ``LINE_PIECE_CHARS``; come back in the next turn of the event loop for the rest."""
        self._plain_scheduled = False
        text = self._plain
        if text is None:
            return
        if self._relayout is not None:  # adding text would lay out all before it now: after the relayout
            self._plain_scheduled = True
            QTimer.singleShot(0, self, self._add_plain)
            return
        position = self._plain_added
        end = min(len(text), position + LAYOUT_AT_ONCE)
        if position >= end:
            return
        cursor = QTextCursor(self._document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        while position < end:
            start = self._plain_block_start  # where the document's last block starts in the text
            limit = start + LINE_PIECE_CHARS
            newline = text.find("\n", position, limit + 1)
            if newline == -1 and len(text) > limit:  # the line goes on past the piece: it is cut
                cut = line_piece_end(text, start)
                if cut < position:  # in the text the block holds already
                    splitter = QTextCursor(self._document.lastBlock())
                    splitter.setPosition(splitter.position() + cut - start)
                    self._start_continued_block(splitter)
                    self._plain_block_start = cut
                    continue
                cursor.insertText(text[position : min(cut, end)], self._plain_format)
                position = min(cut, end)
                if position == cut:
                    self._start_continued_block(cursor)
                    self._plain_block_start = cut
                continue
            stop = min(end, newline if newline != -1 else len(text))
            cursor.insertText(text[position:stop], self._plain_format)
            position = stop
            if position == newline:
                cursor.insertBlock(QTextBlockFormat(), self._plain_format)
                position = self._plain_block_start = newline + 1
        cursor.endEditBlock()
        self._plain_added = position
        if position < len(text):
            self._plain_scheduled = True
            QTimer.singleShot(0, self, self._add_plain)

    def _start_continued_block(self, cursor: QTextCursor) -> None:
        cursor.insertBlock(QTextBlockFormat(), self._plain_format)
        cursor.block().setUserState(CONTINUED_LINE)

    def set_style(self, theme: Theme) -> None:
        """Use ``theme``'s colours for HTML set from now on, and at once for the plain text shown."""
        self._document.setDefaultStyleSheet(stylesheet(theme))
        self._document.formulas.set_colours(QColor(theme.text), QColor(theme.muted_text))
        self._plain_format.setForeground(QColor(theme.text))
        if self._plain is not None:
            self._plain = None
            self.show_plain(self._plain_source)

    def plain_text(self) -> str:
        """The text shown, as copying all of it gives it (a long line cut into blocks is one line again)."""
        return self._text_between(0, self._document.characterCount() - 1)

    def createMimeDataFromSelection(self) -> QMimeData:
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        # Qt's own data serves its text itself: a long line cut into blocks would be copied as several lines.
        joined = self._text_between(start, end) if self._cuts(start, end) else None
        with_formulas = selected_text_with_formulas(cursor, joined)
        if with_formulas is not None:
            # A formula is copied as its source (as typed, delimiters included), not as an image: as plain text
            # only (Qt's other formats, HTML, Markdown, ODF, would hold math: links, which mean nothing elsewhere).
            mime = QMimeData()
            mime.setText(with_formulas)
            return mime
        data = super().createMimeDataFromSelection()
        if joined is None:
            return data
        result = QMimeData()
        result.setHtml(data.html())
        result.setText(joined)
        return result

    def _cuts(self, start: int, end: int) -> list[int]:
        """Positions of the block separators between ``start`` and ``end`` that only cut a long line."""
        cuts = []
        block = self._document.findBlock(start)
        while block.isValid() and block.position() <= end:
            if block.userState() == CONTINUED_LINE and block.position() > start:
                cuts.append(block.position() - 1)
            block = block.next()
        return cuts

    def _text_between(self, start: int, end: int) -> str:
        text = self._document.toPlainText()  # one character per position
        pieces = []
        for cut in self._cuts(start, end):
            pieces.append(text[start:cut])
            start = cut + 1
        pieces.append(text[start:end])
        return "".join(pieces)

    def set_citation_tips(self, tips: Mapping[int, str]) -> None:
        """What hovering the marker of each source shows (rich text: escape what comes from outside)."""
        self._citation_tips = dict(tips)

    # --- size ---

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            # A new font (a zoom, the text size setting) for the document: not by QTextEdit's own handler, which
            # would lay a large text out again all at once (here in steps) and drop a monospace view's family.
            QAbstractScrollArea.changeEvent(self, event)
            font = self._text_font()
            if font == self._document.defaultFont():
                return  # nothing to lay out again (the text size setting tells every widget twice)
            if self._large():
                self._relayout_in_steps(lambda: self._document.setDefaultFont(font))  # formulas follow the font
            else:
                self._document.setDefaultFont(font)
            return
        super().changeEvent(event)
        if kind == QEvent.Type.DevicePixelRatioChange:
            self._document.formulas.refresh(self.devicePixelRatioF())

    def _text_font(self) -> QFont:
        """The document's font: the view's (a zoom or the text size setting reaches the text through it), in the
        system's fixed-width family for a monospace view."""
        font = self.font()
        if not self._monospace:
            return font
        fixed = monospace_font()
        if font.pointSizeF() > 0:
            fixed.setPointSizeF(font.pointSizeF())
        elif font.pixelSize() > 0:
            fixed.setPixelSize(font.pixelSize())
        return fixed

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), max(self._fitted_height, 0))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, max(self._fitted_height, 0))

    def resizeEvent(self, event: Any) -> None:
        width_changed = event.size().width() != event.oldSize().width()
        if width_changed and self._large():
            # QTextEdit's own handler would lay all of it out now: in steps instead (see app.ui.relayout).
            QAbstractScrollArea.resizeEvent(self, event)
            width = self.viewport().width()
            self._relayout_in_steps(lambda: self._document.setTextWidth(width))
            return
        super().resizeEvent(event)
        if width_changed or not self._width_known:
            self._width_known = True
            self._fit_height()

    def _large(self) -> bool:
        """Whether laying the text out again (at a new width, in a new font) is to be done in steps: it costs Qt
        more than one turn of the event loop may do (once it has been laid out at a width)."""
        return self._width_known and layout_cost_of(self._document) > LAYOUT_AT_ONCE

    def _relayout_in_steps(self, change: Callable[[], None]) -> None:
        """Make ``change`` (a new width or font), then lay the text out again a step per turn (app.ui.relayout)."""
        self._end_relayout()
        self._relayout = Relayout(self._document, self._relaid_out)
        self._relayout.start(change)

    def _end_relayout(self) -> None:
        """Stop laying out in steps (the content is replaced: Qt lays the new one out at the width set)."""
        if self._relayout is not None:
            self._relayout.cancel()
            self._relayout = None

    def _relaid_out(self) -> None:
        self._relayout = None
        self._fit_height()
        self.viewport().update()

    @property
    def is_relaying_out(self) -> bool:
        """Whether the text is being laid out again in steps after a change of width or font."""
        return self._relayout is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        relayout = self._relayout
        if relayout is not None:  # painting below what is laid out would lay it all out now
            laid = QRect(0, 0, self.viewport().width(), math.floor(relayout.laid_height))
            visible = event.rect().intersected(laid)
            if visible.isEmpty():
                return
            event = QPaintEvent(visible)
        super().paintEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        relayout = self._relayout
        if relayout is not None and isinstance(event, QMouseEvent) and event.position().y() >= relayout.laid_height:
            return True  # finding the text under the pointer would lay out everything above it now
        return super().viewportEvent(event)

    def _fit_height(self) -> None:
        if not self._width_known or self._relayout is not None:
            return  # while laying out in steps, the height stays until the end (asking it would finish it now)
        margins = self.contentsMargins()
        size = self._document.size()
        height = math.ceil(size.height()) + margins.top() + margins.bottom()
        if self.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff and size.width() > (
            self.viewport().width() + 1
        ):
            height += self.horizontalScrollBar().sizeHint().height()  # a wide table scrolls sideways
        if height != self._fitted_height:
            self._fitted_height = height
            self.setFixedHeight(height)

    # --- input ---

    def wheelEvent(self, event: QWheelEvent) -> None:
        bar = self.horizontalScrollBar()
        if event.angleDelta().x() and bar.maximum() > 0:  # sideways through a wide table
            super().wheelEvent(event)
            return
        event.ignore()  # the transcript scrolls up and down, never this view (it is as tall as its text)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in (COPY_SCHEME, WRAP_SCHEME):
            index = url.path()
            if index.isdigit():
                (self.copy_requested if url.scheme() == COPY_SCHEME else self.wrap_requested).emit(int(index))
            return
        number = cite_number(url.toString())
        if number is not None:
            self.citation_activated.emit(number)
            return
        href = safe_href(url.toString())
        if href is not None:
            self.link_activated.emit(QUrl(href))

    def _on_hover_link(self, url: QUrl) -> None:
        number = cite_number(url.toString())
        if number is not None:
            self.setToolTip(self._citation_tips.get(number, ""))  # the cited words and their source
            return
        # Show where a link goes before it is clicked (model output may disguise a link's text).
        if url.scheme() == WRAP_SCHEME:
            self.setToolTip(self.tr("Wrap this code's long lines, or show each on one line again"))
            return
        self.setToolTip("" if url.isEmpty() or url.scheme() == COPY_SCHEME else url.toString())


class MarkdownView(RichTextView):
    """An assistant text block: Markdown rendered safely, with copyable code blocks.

    :meth:`show_markdown` renders a final text at once. While a reply streams, :meth:`stream_markdown`
    takes the whole text so far and changes only what is new: blocks that became final are inserted
    once after the earlier ones, and the unfinished tail replaces the previous tail (or, an open code
    block, gets its new lines added).
    :meth:`finish_markdown` renders the end as final (code highlighted).

    The UI thread converts at most :data:`app.render.SYNC_RENDER_COST` at a time: a longer final text is
    shown as typed at once and converted in the background (then shown rendered), and a reply whose
    update would cost more to convert, or whose tail would cost more than ``LAYOUT_AT_ONCE`` to lay out
    again on every update, streams on as typed and is rendered once it ends. Finished parts go into the
    document a batch per turn of the event loop, the tail after them. A table wider than the view scrolls
    sideways.

    Signals (besides :class:`RichTextView`'s):
        code_copied(): a code block was copied to the clipboard.
    """

    code_copied = Signal()

    def __init__(self, parent: QWidget | None = None, *, theme: Theme = LIGHT, labels: Labels = DEFAULT_LABELS):
        super().__init__(parent)
        # A table wider than the view (fixed column widths, see app.render) scrolls sideways; text wraps.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._theme = theme
        self._labels = labels
        self._text = ""
        self._codes: list[str] = []
        self._renderer: IncrementalRenderer | None = None
        self._streaming_as_typed = False  # too costly to render while it streams: shown as typed until it ends
        self._background: Future[RenderedMarkdown] | None = None  # the conversion the view waits for
        self._parts_to_add: list[str] = []  # rendered blocks still to add to the document, last first
        self._tail_to_show: RenderUpdate | None = None  # whose tail to show once those are in
        self._fill_scheduled = False
        self._relaid_before = 0  # the cost of the table the finished parts end with (see _next_batch)
        self._finished_end = -1  # document position where the finished blocks end; -1: none yet
        self._tail_html = ""
        self._wrapped: set[int] = set()  # code blocks whose long lines the user chose to wrap
        self.set_style(theme)
        self.copy_requested.connect(self._copy_code)
        self.wrap_requested.connect(self.toggle_code_wrap)

    @property
    def text(self) -> str:
        """The Markdown shown."""
        return self._text

    @property
    def is_streaming(self) -> bool:
        return self._renderer is not None or self._streaming_as_typed

    @property
    def is_rendering(self) -> bool:
        """Whether the text is shown as typed while it is converted in the background, or its rendering is
        still being added to the document."""
        return self._background is not None or bool(self._parts_to_add) or self.is_filling

    def code_block(self, index: int) -> str | None:
        """The raw text of code block ``index`` (as its ``copy:<index>`` link copies it), if any."""
        codes = self._renderer.code_blocks if self._renderer is not None else self._codes
        return codes[index] if 0 <= index < len(codes) else None

    def code_wrapped(self, index: int) -> bool:
        """Whether code block ``index`` wraps its long lines (by default each line stays one line)."""
        return index in self._wrapped

    def toggle_code_wrap(self, index: int) -> None:
        """Wrap code block ``index``'s long lines, or keep each on one line again (its "Wrap" link). The choice
        lasts while the view shows this text: it is applied again to whatever the view renders anew."""
        self._wrapped ^= {index}
        self._apply_wrap(index)

    def set_html(self, html: str) -> None:
        super().set_html(html)
        if self._wrapped:
            self._apply_wraps()

    def _apply_wraps(self) -> None:
        for index in self._wrapped:
            self._apply_wrap(index)

    def _apply_wrap(self, index: int) -> None:
        """Give code block ``index``'s lines the wrapping chosen for it (Qt's ``nonBreakableLines`` is what
        ``white-space: pre`` set), in one edit: one layout."""
        blocks = self._code_lines(index)
        if not blocks:
            return
        wrapped = index in self._wrapped
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for block in blocks:
            if block.blockFormat().nonBreakableLines() == wrapped:
                line = QTextCursor(block)
                line_format = QTextBlockFormat()
                line_format.setNonBreakableLines(not wrapped)
                line.mergeBlockFormat(line_format)
        cursor.endEditBlock()

    def _code_lines(self, index: int) -> list[QTextBlock]:
        """The document's blocks holding code block ``index``'s code: after the header table that holds its
        ``wrap:<index>`` link, the cell of the code's table, or the coloured ``<pre>`` lines that follow the
        header (a block still streaming, or a long one, see app.render._code)."""
        href = f"{WRAP_SCHEME}:{index}"
        document = self.document()
        block = document.begin()
        found = -1
        while block.isValid() and found < 0:
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.isValid() and fragment.charFormat().anchorHref() == href:
                    found = fragment.position()
                    break
                fragments += 1
            block = block.next()
        header = QTextCursor(document)
        if found < 0:
            return []
        header.setPosition(found)
        table = header.currentTable()
        if table is None:
            return []
        line = document.findBlock(table.lastPosition()).next()
        if line.isValid() and not line.text() and line.blockFormat().background().style() == Qt.BrushStyle.NoBrush:
            line = line.next()  # the empty block Qt keeps between two tables
        lines: list[QTextBlock] = []
        code_table = QTextCursor(line).currentTable() if line.isValid() else None
        if code_table is not None:
            while line.isValid() and line.position() <= code_table.lastPosition():
                lines.append(line)
                line = line.next()
            return lines
        while line.isValid() and line.blockFormat().background().style() != Qt.BrushStyle.NoBrush:
            lines.append(line)
            line = line.next()
        return lines

    def set_theme(self, theme: Theme, labels: Labels) -> None:
        """Render again in ``theme`` (colours live in the HTML, so everything is re-rendered)."""
        self._theme, self._labels = theme, labels
        self.set_style(theme)
        if self._streaming_as_typed:
            return  # set_style has given the text shown its new colour
        if self._renderer is not None:
            text, self._text, self._renderer = self._text, "", None
            self.stream_markdown(text)
        else:
            self.show_markdown(self._text, force=True)

    def show_markdown(self, text: str, *, force: bool = False) -> None:
        """Show ``text`` as a final message (no streaming state)."""
        if text == self._text and not self.is_streaming and not force:
            return
        self._renderer = None
        self._streaming_as_typed = False
        self._text = text
        self._wait_for(None)
        rendered = remembered_render(text, theme=self._theme, labels=self._labels)
        cost = render_cost(text) if rendered is None else 0
        if rendered is None and cost <= SYNC_RENDER_COST:
            rendered = cached_render(text, theme=self._theme, labels=self._labels)
        if rendered is not None:
            self._show_rendered(rendered)
            return
        # Too costly for the UI thread: the text as typed now, rendered when the render thread has it.
        self._codes = []
        self.show_plain(text)
        if cost <= MAX_RENDER_COST:
            self._wait_for(render_in_background(text, theme=self._theme, labels=self._labels))

    def stream_markdown(self, text: str) -> None:
        """Show the reply so far; ``text`` normally extends the previous text (else everything restarts)."""
        if self._streaming_as_typed:
            self._text = text
            self.show_plain(text)  # adds only what arrived
            return
        if self._renderer is not None and text == self._text:
            return
        update: RenderUpdate | None = None
        if self._renderer is not None:
            try:
                update = self._renderer.feed(text)
            except ValueError:  # not a continuation (e.g. a Continue trimmed trailing space): start again
                update = None
        if update is None:
            self._wait_for(None)
            self._renderer = IncrementalRenderer(theme=self._theme, labels=self._labels, max_cost=SYNC_RENDER_COST)
            self._finished_end, self._tail_html = -1, ""
            update = self._renderer.feed(text)
            update = RenderUpdate(
                update.finished_html,
                update.tail_html,
                reset=True,
                too_costly=update.too_costly,
                finished_parts=update.finished_parts,
            )
        self._text = text
        if update.too_costly or (update.code_added is None and layout_cost(update.tail_html) > LAYOUT_AT_ONCE):
            # Too costly to convert, or to lay out again on every update (a long paragraph or a wide table row
            # still arriving): as typed until it ends.
            self._stream_as_typed(text)
            return
        self._apply(update)

    def finish_markdown(self, text: str) -> None:
        """The reply ended with ``text``: render what is left as final."""
        if self._renderer is None:
            # Shown as typed until now (if at all): adding the rest as typed first would be work for nothing.
            self.show_markdown(text, force=self._streaming_as_typed)
            return
        renderer = self._renderer
        last: RenderUpdate | None = None
        if text != self._text:
            try:
                last = renderer.feed(text)
            except ValueError:  # not a continuation: render it whole
                last = None
            if last is None or last.too_costly:
                self.show_markdown(text, force=True)  # in the background if it is long
                return
        self._text = text
        update = renderer.finish()
        if update.too_costly:
            self.show_markdown(text, force=True)
            return
        if last is not None and not update.reset:  # one update: its parts go in a batch at a time
            parts = last.finished_parts + update.finished_parts
            update = RenderUpdate("\n".join(parts), update.tail_html, finished_parts=parts)
        self._apply(update)
        self._codes = list(renderer.code_blocks)
        self._renderer = None

    def _stream_as_typed(self, text: str) -> None:
        self._wait_for(None)
        self._renderer = None
        self._streaming_as_typed = True
        self._finished_end, self._tail_html = -1, ""
        self.show_plain(text)

    def _show_rendered(self, rendered: RenderedMarkdown, *, now: bool = True) -> None:
        """Show ``rendered``: at once when it is short, else a batch of parts now and the rest in the next turns
        of the event loop (``now`` False: all of it in the next turns)."""
        self._codes = list(rendered.code_blocks)
        self._parts_to_add, self._tail_to_show = [], None
        if now and (len(rendered.parts) < 2 or layout_cost(rendered.html) <= LAYOUT_AT_ONCE):
            self.set_html(rendered.html)
            return
        # Qt parses and lays out a long reply (a long table above all) in one go: give it a batch of blocks
        # at a time, as while streaming, with the event loop running in between.
        self._finished_end, self._tail_html = -1, ""
        self._parts_to_add = list(reversed(rendered.parts or (rendered.html,)))
        if now:
            self._fill()
            return
        self._plain = None  # the text as typed stops growing: the rendering replaces it
        if not self._fill_scheduled:
            self._fill_scheduled = True
            QTimer.singleShot(0, self, self._fill)

    def _next_batch(self) -> str:
        """The next parts to add, as many as Qt lays out in one turn (at least one; the converter keeps
        each part under ``LAYOUT_AT_ONCE``)."""
        parts = self._parts_to_add
        batch = [parts.pop()]
        cost = self._relaid_before + layout_cost(batch[0])
        while parts and cost + (next_cost := layout_cost(parts[-1])) <= LAYOUT_AT_ONCE:
            cost += next_cost
            batch.append(parts.pop())
        # Qt lays a table out again when something is added right after it: that is part of the next turn's cost.
        last = batch[-1]
        self._relaid_before = layout_cost(last[last.rfind("<table") :]) if last.endswith("</table>") else 0
        return "\n".join(batch)

    def _fill(self) -> None:
        """Add the next batch of finished parts to the document; once they are all in, show the latest tail.
        Comes back in the next turn of the event loop while parts are left."""
        self._fill_scheduled = False
        if self._relayout is not None and self._finished_end >= 0:
            # Changing the end of the text would lay out all before it now: after the relayout.
            self._fill_scheduled = True
            QTimer.singleShot(0, self, self._fill)
            return
        if self._parts_to_add:
            if self._finished_end < 0:
                self._relaid_before = 0  # the batch replaces everything
            batch = self._next_batch()
            if self._finished_end < 0:
                self.set_html(batch)  # gives exactly the layout a whole render gives
                self._finished_end = self.document().characterCount() - 1
            else:
                self._finished_end = self._replace_from(self._finished_end, batch)
                if self._wrapped:
                    self._apply_wraps()
            self._tail_html = ""  # whatever tail was shown came after the finished blocks: gone
            if self._parts_to_add:
                self._fill_scheduled = True
                QTimer.singleShot(0, self, self._fill)
                return
        update, self._tail_to_show = self._tail_to_show, None
        if update is None or update.tail_html == self._tail_html:
            return
        if not self._add_code(update):
            if self._finished_end < 0:
                self.set_html(update.tail_html)
            else:
                self._replace_from(self._finished_end, update.tail_html)
        self._tail_html = update.tail_html
        if self._wrapped:
            self._apply_wraps()

    def _wait_for(self, background: Future[RenderedMarkdown] | None) -> None:
        """Wait for ``background`` (None: for nothing); a conversion waited for before is not wanted, nor the
        rest of one being added."""
        self._parts_to_add, self._tail_to_show = [], None
        if self._background is not None:
            self._background.cancel()
        self._background = background
        if background is None:
            return
        calls = _ui_thread_calls()
        view = weakref.ref(self)

        def done(finished: Future[RenderedMarkdown]) -> None:  # in the render thread
            if not finished.cancelled():
                calls.call.emit(lambda: _deliver(view, finished))

        background.add_done_callback(done)

    def _rendered_in_background(self, finished: Future[RenderedMarkdown]) -> None:
        if finished is not self._background:
            return  # superseded
        self._background = None
        try:
            rendered = finished.result()
        except Exception:  # the text stays shown as typed
            logging.getLogger(__name__).exception("rendering a reply failed")
            return
        if not rendered.code_blocks and rendered.html == render_plain(self._text):
            return  # it is to be shown as typed, as it is: Qt would lay a long text out again for nothing
        # In a turn of its own: this one may have added a batch of the text as typed already.
        self._show_rendered(rendered, now=False)

    # --- applying updates to the document ---

    def _apply(self, update: RenderUpdate) -> None:
        """Show ``update``: its finished parts go in after the earlier ones (a batch per turn of the event loop
        when they are many), then its tail replaces the tail shown."""
        if update.reset:
            self._parts_to_add = []
            self._finished_end, self._tail_html = -1, ""
            self.set_html("")
        self._parts_to_add[:0] = reversed(update.finished_parts)
        self._tail_to_show = update
        if not self._fill_scheduled:
            self._fill()

    def _add_code(self, update: RenderUpdate) -> bool:
        """Add ``update.code_added`` to the code block the document ends with; False when it cannot be."""
        if update.code_added is None or not self._tail_html:  # no code added, or not to the tail shown
            return False
        last_line = self.document().lastBlock()  # an open block's code ends the tail (app.render._code)
        if last_line.length() <= 1:
            return False  # an empty line has no character format to continue: render the block again
        cursor = QTextCursor(last_line)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertText(update.code_added)
        return True

    def _replace_from(self, position: int, html: str) -> int:
        """Replace everything from ``position`` to the end with ``html``; return the new end position."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        # Qt hands the format of an inserted block to the block it lands in; keep the original one.
        block_format, char_format = cursor.blockFormat(), cursor.blockCharFormat()
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        if html:
            cursor.insertHtml(_BLOCK_OPENER + html)
        end = cursor.position()
        fix = QTextCursor(self.document())
        fix.setPosition(position)
        if html:
            fix.deleteChar()  # the opener's placeholder character
            end -= 1
        fix.setBlockFormat(block_format)
        fix.setBlockCharFormat(char_format)
        cursor.endEditBlock()
        return end

    def _copy_code(self, index: int) -> None:
        code = self.code_block(index)
        if code is None:
            return
        QGuiApplication.clipboard().setText(code)
        self.code_copied.emit()


_OBJECT = "\ufffc"  # what Qt's plain text has for an image


def selected_text_with_formulas(cursor: QTextCursor, text: str | None = None) -> str | None:
    """The plain text of ``cursor``'s selection with each formula as its source; None when it holds none.
    ``text``: the selection's plain text to put the sources in (by default Qt's; one character per object)."""
    if not cursor.hasSelection():
        return None
    if text is None:
        text = cursor.selection().toPlainText()
    if _OBJECT not in text:
        return None
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    document = cursor.document()
    sources: list[str] = []  # for each object character of the selection, in order: what it stands for
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fragments += 1
            first, last = max(fragment.position(), start), min(fragment.position() + fragment.length(), end)
            if first >= last:
                continue
            format = fragment.charFormat()
            formula = formula_of(format.toImageFormat().name()) if format.isImageFormat() else None
            if formula is not None:
                sources += [formula_source(*formula)] * (last - first)
            else:
                sources += [_OBJECT] * fragment.text()[first - fragment.position() : last - fragment.position()].count(
                    _OBJECT
                )
        block = block.next()
    pieces = text.split(_OBJECT)
    if len(pieces) - 1 != len(sources):
        return None  # not as expected: leave Qt's text as it is
    return "".join(piece + source for piece, source in zip(pieces, [*sources, ""], strict=True))


def _paragraph_lines(text: str) -> str:
    """What Qt's HTML parser keeps of a ``render_plain`` paragraph: not a line break right after its start, nor
    one right before its end (no empty first or last line)."""
    return text.removeprefix("\n").removesuffix("\n")


def monospace_font() -> QFont:
    """The system's fixed-width font (for JSON, tool input and other machine text)."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class _UiThreadCalls(QObject):
    """Runs functions on the thread it was made in (the UI thread), whichever thread emits :attr:`call`.

    Signals:
        call(object): a function without arguments to run.
    """

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)  # never within the caller, even on this thread

    @staticmethod
    def _run(function: Callable[[], None]) -> None:
        function()


_calls: _UiThreadCalls | None = None


def _ui_thread_calls() -> _UiThreadCalls:
    """The one :class:`_UiThreadCalls`, made on first use (by a view, on the UI thread)."""
    global _calls
    if _calls is None:
        _calls = _UiThreadCalls()
    return _calls


def ui_thread_poster() -> Callable[[Callable[[], None]], None]:
    """Call on the UI thread; returns a function that any thread may call to have a function without
    arguments run on the UI thread (queued: soon, not at once)."""
    return _ui_thread_calls().call.emit


def _deliver(view: weakref.ref[MarkdownView], finished: Future[RenderedMarkdown]) -> None:
    shown = view()
    if shown is not None and shiboken6.isValid(shown):
        shown._rendered_in_background(finished)
