"""Widgets for the content blocks of a message: text, thinking, tool calls and results, attachments.

:func:`create_block_view` picks the widget for a block (in the Messages API's JSON shape); every widget
is a :class:`BlockView` that can be updated in place while the reply streams.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QLocale, QObject, QRectF, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api.accumulate import INCOMPLETE, PARTIAL_JSON, THOUGHT_SECONDS
from app.attachments import IMAGE_NAME_KEY
from app.chat.structured_output import OutputCheck, check_output, checker_ready, load_checker
from app.language import format_number
from app.language import tr as _tr
from app.render import (
    SOURCES_KEY,
    Labels,
    Source,
    cited_excerpt,
    join_cited_text,
    markers_as_text,
    safe_href,
    sources_html,
)
from app.store.models import Block
from app.ui.attachment_chip import AttachmentChip, ChipFacts
from app.ui.design import Space, current_colors
from app.ui.flow_layout import FlowLayout
from app.ui.rich_text import MarkdownView, RichTextView, ui_thread_poster
from app.ui.transcript_style import CardFrame, TranscriptColors, make_small, set_muted

AttachmentSize = Callable[[str], int | None]  # attachment hash → its size in bytes, if known
AttachmentData = Callable[[str], bytes | None]  # attachment hash → its bytes, if stored

SPINNER_INTERVAL_MS = 80
SPINNER_STEP_DEGREES = 30
PREVIEW_MAX_CHARS = 400  # the live preview needs only the end of the line being thought
ANSWER_MIN_LINES, ANSWER_MAX_LINES = 2, 10
STRUCTURED = "_structured_output"  # the block type display_blocks gives a structured reply's JSON


@dataclass(frozen=True)
class BlockContext:
    """What block widgets need from the transcript: colours, translated renderer words, and the sizes and
    data of stored attachments (looked up by hash: the widgets do no I/O themselves)."""

    colors: TranscriptColors
    labels: Labels
    attachment_size: AttachmentSize | None = None
    attachment_data: AttachmentData | None = None


def translated_labels() -> Labels:
    """The words the renderer writes into replies, translated (the transcript's and Compare's)."""
    return Labels(
        copy=_tr("Copy"), wrap=_tr("Wrap"), image=_tr("image"), sources=_tr("Sources"), document=_tr("Document {n}")
    )


class BlockView(QWidget):
    """One content block of a message, updatable in place.

    Signals:
        link_activated(QUrl): a safe external link in the block was clicked.
        copied(): something of the block (a code block) was copied to the clipboard.
    """

    link_activated = Signal(QUrl)
    copied = Signal()

    def __init__(self, kind: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._context = context
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(Space.HAIR)

    def show_block(self, block: Block, *, streaming: bool) -> None:
        """Show ``block`` (its latest state while ``streaming``)."""
        raise NotImplementedError

    def set_context(self, context: BlockContext) -> None:
        """New colours or words (theme change): repaint and re-render."""
        self._context = context

    def markdown(self) -> str:
        """The block as Markdown for "Copy message" (empty for blocks that are not text)."""
        return ""

    def _rich(self, *, monospace: bool = False) -> RichTextView:
        view = RichTextView(self, monospace=monospace)
        view.set_style(self._context.colors.theme)
        view.link_activated.connect(self.link_activated)
        return view


class AssistantTextView(BlockView):
    """A reply's text: Markdown, streamed tail-first (see :class:`MarkdownView`). A text joined from cited
    blocks (:func:`app.render.join_cited_text`) has numbered markers whose tooltip shows the cited words and
    their source, and the list of its sources under it; clicking a marker or a source opens the page in the
    browser (through ``link_activated``, like any link)."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("text", context, parent)
        self._sources: tuple[Source, ...] = ()
        self.view = MarkdownView(self, theme=context.colors.theme, labels=context.labels)
        self.view.setAccessibleName(_tr("Reply text"))
        self.view.link_activated.connect(self.link_activated)
        self.view.code_copied.connect(self.copied)
        self.view.citation_activated.connect(self._open_source)
        self._layout.addWidget(self.view)
        self.sources_view: RichTextView | None = None  # made for the first sources to list

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources the text cites, in number order."""
        return self._sources

    def show_block(self, block: Block, *, streaming: bool) -> None:
        text = _text_of(block, "text")
        if streaming:
            self.view.stream_markdown(text)
        else:
            self.view.finish_markdown(text)
        sources = block.get(SOURCES_KEY)
        self._show_sources(tuple(sources) if isinstance(sources, tuple) else ())

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self.view.set_theme(context.colors.theme, context.labels)
        if self.sources_view is not None:
            self.sources_view.set_style(context.colors.theme)
            self._show_sources(self._sources, force=True)

    def markdown(self) -> str:
        text = markers_as_text(self.view.text)
        if not self._sources:
            return text
        lines = []
        for source in self._sources:
            line = f"- [{source.number}] {_source_title(source, self._context.labels)}"
            lines.append(f"{line} <{source.url}>" if source.url else line)
        return text.rstrip() + "\n\n" + self._context.labels.sources + ":\n\n" + "\n".join(lines)

    def _show_sources(self, sources: tuple[Source, ...], *, force: bool = False) -> None:
        if sources == self._sources and not force:
            return
        self._sources = sources
        self.view.set_citation_tips({source.number: _citation_tip(source, self._context.labels) for source in sources})
        if not sources:
            if self.sources_view is not None:
                self.sources_view.hide()
            return
        if self.sources_view is None:
            self.sources_view = self._rich()
            self.sources_view.setAccessibleName(_tr("Sources of the reply"))
            self._layout.addWidget(self.sources_view)
        labels = self._context.labels
        self.sources_view.set_html(
            sources_html(sources, self._context.colors.theme, heading=labels.sources, document=labels.document)
        )
        self.sources_view.show()

    def _open_source(self, number: int) -> None:
        source = next((s for s in self._sources if s.number == number), None)
        href = safe_href(source.url) if source is not None and source.url else None
        if href is not None:
            self.link_activated.emit(QUrl(href))


def _source_title(source: Source, labels: Labels) -> str:
    if source.title:
        return source.title
    if source.document is not None:
        return labels.document.format(n=source.document + 1)
    return source.url or ""


def _citation_tip(source: Source, labels: Labels) -> str:
    """A marker's tooltip (rich text, everything from outside escaped): the cited words, then the source."""
    lines = [f"“{html.escape(cited_excerpt(text))}”" for text in source.cited[:3]]
    where = " · ".join(part for part in (_source_title(source, labels), source.domain) if part)
    lines.append(f"<b>[{source.number}]</b> {html.escape(where)}")
    if source.url and source.url != where:
        lines.append(f"<i>{html.escape(source.url)}</i>")
    return "<p style='white-space: pre-wrap'>" + "<br>".join(lines) + "</p>"


class StructuredOutputView(BlockView):
    """A reply asked for as structured output: its JSON as a code block (indented once it is complete), and
    under it whether it matches the schema of its request, or where and why it does not, or why it is not
    JSON (:func:`app.chat.structured_output.check_output`). While it streams the text shows as it comes."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(STRUCTURED, context, parent)
        self._text = ""
        self._schema: dict[str, Any] | None = None
        self._check: OutputCheck | None = None
        self._waiting = False  # for the checker to load
        self.view = MarkdownView(self, theme=context.colors.theme, labels=context.labels)
        self.view.setAccessibleName(_tr("The reply's JSON"))
        self.view.link_activated.connect(self.link_activated)
        self.view.code_copied.connect(self.copied)
        self.check_label = QLabel(self)
        self.check_label.setTextFormat(Qt.TextFormat.PlainText)  # paths and values come from the reply
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_label.setContentsMargins(Space.HAIR, 0, 0, 0)
        make_small(self.check_label)
        self.check_label.hide()
        self._layout.addWidget(self.view)
        self._layout.addWidget(self.check_label)

    @property
    def check(self) -> OutputCheck | None:
        """What the check of the complete reply found (None while it streams, or the checker loads)."""
        return self._check

    def show_block(self, block: Block, *, streaming: bool) -> None:
        text = _text_of(block, "text")
        schema = block.get("schema")
        schema = schema if isinstance(schema, dict) else None
        if streaming:
            self._check, self._waiting = None, False
            self._text, self._schema = text, schema
            self.view.stream_markdown(_json_fence(text, closed=False))  # only grows: rendered as it comes
            self.check_label.hide()
            return
        if text == self._text and schema == self._schema and (self._check is not None or self._waiting):
            return
        self._text, self._schema = text, schema
        if checker_ready():
            self._run_check()
            return
        # The checker's library loads in a thread of its own (~150 ms, once): the reply is shown meanwhile.
        self._check, self._waiting = None, True
        self.view.finish_markdown(_json_fence(text))
        self.check_label.setText(_tr("Checking against the output schema…"))
        self.check_label.show()
        self._paint()
        me, post = weakref.ref(self), ui_thread_poster()
        load_checker(lambda: post(lambda: _check_when_ready(me)))

    def _run_check(self) -> None:
        self._waiting = False
        self._check = check_output(self._text, self._schema or {})
        self.view.finish_markdown(_json_fence(self._check.pretty or self._text))
        self._show_check()

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self.view.set_theme(context.colors.theme, context.labels)
        self._paint()

    def markdown(self) -> str:
        return self._check.pretty if self._check is not None and self._check.pretty is not None else self._text

    def _show_check(self) -> None:
        check = self._check
        if check is None:
            return
        if check.schema_error is not None:
            text = _tr("The output schema is not a valid JSON Schema ({problem}), so the reply was not checked.")
            text = text.format(problem=check.schema_error)
        elif check.pretty is None:
            text = _tr("✗ The reply is not valid JSON: {problem}.").format(problem=check.json_error)
        elif check.problems:
            lines = [_tr("✗ The reply does not match the output schema:")]
            lines += [f"  {problem.path}: {problem.message}" for problem in check.problems]
            if check.more:
                lines.append(_tr("  … and {n} more").format(n=check.more))
            text = "\n".join(lines)
        else:
            text = _tr("✓ Matches the output schema")
        self.check_label.setText(text)
        self.check_label.show()
        self._paint()

    def _paint(self) -> None:
        colors = self._context.colors
        check = self._check
        palette = self.check_label.palette()
        colour = colors.muted if check is None or check.matches else colors.error
        palette.setColor(self.check_label.foregroundRole(), colour)
        self.check_label.setPalette(palette)


def _check_when_ready(view: weakref.ref[StructuredOutputView]) -> None:
    shown = view()
    if shown is not None and shiboken6.isValid(shown) and shown._waiting:
        shown._run_check()


def _json_fence(text: str, *, closed: bool = True) -> str:
    """``text`` as a fenced JSON code block (a fence longer than any run of backticks in it), left open
    while it streams (the fence that ends it would move with every update)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    if not text:
        return ""
    return f"{fence}json\n{text}\n{fence}" if closed else f"{fence}json\n{text}"


class UserTextView(BlockView):
    """The user's text, exactly as typed (no Markdown, no links)."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("text", context, parent)
        self._text = ""
        self.view = self._rich()
        self.view.setAccessibleName(_tr("Message text"))
        self._layout.addWidget(self.view)

    def show_block(self, block: Block, *, streaming: bool) -> None:
        self._text = _text_of(block, "text")
        self.view.show_plain(self._text)

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self.view.set_style(context.colors.theme)

    def markdown(self) -> str:
        return self._text


class ThinkingView(BlockView):
    """Extended thinking: a disclosure line ("▸ Thought for 12 s") above the answer that expands to the plain
    text, collapsed at first.

    While the thinking streams, the collapsed line shows a spinner, "Thinking… 5 s" and the line being
    written, so the user sees progress without reading it all. Once it is done the line says how long it
    took, as the stream measured it (the block's ``_thought_seconds``, kept with the reply); a thought
    stored without that measurement (older replies, imports) says just "Thought". The text is put into the
    document only while expanded, so a long hidden thought costs nothing.
    """

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("thinking", context, parent)
        self._text = ""
        self._seconds: float | None = None  # how long the finished thought took, when measured
        self._streaming = False
        self._expanded = False
        self._started: float | None = None  # time.monotonic() when this view first saw it streaming
        self._elapsed_shown = -1
        self.toggle = disclosure_button(self)
        self.toggle.clicked.connect(lambda: self.set_expanded(not self._expanded))
        self.spinner = Spinner(self)
        self.spinner.hide()
        self.preview = ElidedLine(self)  # the line being thought, newest words kept
        self.preview.setAccessibleName(_tr("Latest line of the model's thinking"))
        make_small(self.preview)
        italic = self.preview.font()
        italic.setItalic(True)
        self.preview.setFont(italic)
        self.preview.hide()
        self._ticker = QTimer(self)
        self._ticker.setInterval(SPINNER_INTERVAL_MS)
        self._ticker.timeout.connect(self._tick)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(Space.S)
        line.addWidget(self.toggle)
        line.addWidget(self.spinner)
        line.addWidget(self.preview, 1)
        line.addStretch(0)  # keeps the toggle on the left while the preview is hidden
        self.body = CardFrame(self)
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        self.view = self._rich()
        self.view.setAccessibleName(_tr("The model's thinking"))
        body_layout.addWidget(self.view)
        self.body.hide()
        self._layout.addLayout(line)
        self._layout.addWidget(self.body)
        self._paint()
        self._update_line()

    @property
    def expanded(self) -> bool:
        return self._expanded

    @property
    def streaming(self) -> bool:
        return self._streaming

    def set_expanded(self, expanded: bool) -> None:
        """Show (or hide) the whole thinking text."""
        if expanded == self._expanded:
            return
        self._expanded = expanded
        self.body.setVisible(expanded)
        self._update_line()
        if expanded:
            self._show_text()

    def show_block(self, block: Block, *, streaming: bool) -> None:
        text = _text_of(block, "thinking")
        seconds = block.get(THOUGHT_SECONDS)
        seconds = float(seconds) if isinstance(seconds, int | float) and not isinstance(seconds, bool) else None
        if text == self._text and streaming == self._streaming and seconds == self._seconds:
            return  # an earlier block of a streaming reply: nothing changed
        self._text, self._seconds = text, seconds
        if streaming and not self._streaming:
            self._started = time.monotonic()
            self._elapsed_shown = -1
            self._ticker.start()
        elif not streaming and self._streaming:
            self._ticker.stop()
        self._streaming = streaming
        self._update_line()
        if self._expanded:
            self._show_text()

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self.view.set_style(context.colors.theme)
        self._paint()

    def _paint(self) -> None:
        colors = self._context.colors
        self.body.set_colors(colors.card, colors.card_border)
        set_muted(self.toggle, colors)
        set_muted(self.preview, colors)
        self.spinner.set_color(colors.muted)

    def _update_line(self) -> None:
        arrow = "▾" if self._expanded else "▸"
        withheld = not self._streaming and not self._text
        if self._streaming:
            label = _tr("Thinking… {seconds} s").format(seconds=self._elapsed_seconds())
        elif self._text and self._seconds is not None:
            label = self.thought_label(self._seconds)
        elif self._text:
            label = _tr("Thought")
        else:  # the provider sent only the signature ("display": "omitted")
            label = _tr("Thinking withheld (display: omitted)")
        # Withheld thinking has nothing to open: a plain line, not a disclosure that does nothing.
        self.toggle.setText(label if withheld else f"{arrow} {label}")
        self.toggle.setEnabled(not withheld)
        if withheld:
            what = _tr(
                "The model thought, but the provider sent only a signature, not the text (thinking display "
                '"omitted"). The thinking is sent back with the next request as it came, so the model keeps it.'
            )
            self.toggle.setAccessibleName(label)
        else:
            what = _tr("Hide the model's thinking") if self._expanded else _tr("Show the model's thinking")
            self.toggle.setAccessibleName(what)
        self.toggle.setToolTip(what)
        self.spinner.setVisible(self._streaming)
        live = self._streaming and not self._expanded
        self.preview.setVisible(live)
        if live:
            self.preview.set_text(_last_line(self._text))

    @staticmethod
    def thought_label(seconds: float) -> str:
        """``Thought for 12 s`` (under a second: ``Thought for 1 s``, never "0 s")."""
        whole = max(1, round(seconds))
        return _tr("Thought for {seconds} s").format(seconds=format_number(whole))

    def _elapsed_seconds(self) -> int:
        return 0 if self._started is None else int(time.monotonic() - self._started)

    def _tick(self) -> None:
        self.spinner.advance()
        seconds = self._elapsed_seconds()
        if seconds != self._elapsed_shown:
            self._elapsed_shown = seconds
            self._update_line()

    def _show_text(self) -> None:
        self.view.show_plain(self._text)


def disclosure_button(parent: QWidget) -> QToolButton:
    """A quiet, small line of text that opens (▸) and closes (▾) what is under it (the caller sets the text
    and connects ``clicked``)."""
    button = QToolButton(parent)
    button.setAutoRaise(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    make_small(button)
    return button


class Spinner(QWidget):
    """A small turning arc: something is in progress (call :meth:`advance` from a timer)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._angle = 0
        self._color = QColor(current_colors().text_muted)
        side = max(10, self.fontMetrics().height() * 3 // 4)
        self.setFixedSize(side, side)

    def set_color(self, color: QColor) -> None:
        self._color = QColor(color)
        self.update()

    def advance(self) -> None:
        self._angle = (self._angle - SPINNER_STEP_DEGREES) % 360
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._color, max(1.5, self.width() / 7))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        inset = pen.widthF()
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        painter.drawArc(rect, self._angle * 16, 270 * 16)
        painter.end()


class ElidedLine(QWidget):
    """One line of text that never asks for more room: what does not fit is cut at the start ("…end"),
    so the newest words stay visible. Changing the text repaints it without a relayout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideLeft, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.end()


class RedactedThinkingView(BlockView):
    """A redacted thinking block: one quiet line (its data is kept for the next request, never shown)."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("redacted_thinking", context, parent)
        self.label = QLabel(_tr("Part of the model's thinking was redacted by the provider."), self)
        set_muted(self.label, context.colors)
        make_small(self.label)
        self._layout.addWidget(self.label)

    def show_block(self, block: Block, *, streaming: bool) -> None:
        pass  # nothing in it is shown

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        set_muted(self.label, context.colors)


class _CardView(BlockView):
    """A block shown as a card: a title line, an optional state line, monospace text."""

    def __init__(self, kind: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(kind, context, parent)
        self.card = CardFrame(self)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        card_layout.setSpacing(Space.HAIR)
        self.title = QLabel(self.card)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.state = QLabel(self.card)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.hide()
        self.view = self._rich(monospace=True)
        self.view.hide()
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.state)
        card_layout.addWidget(self.view)
        self._layout.addWidget(self.card)
        self._state_warning = False
        self._paint()

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self.view.set_style(context.colors.theme)
        self._paint()

    def _paint(self) -> None:
        colors = self._context.colors
        self.card.set_colors(colors.card, colors.card_border)
        palette = self.state.palette()
        palette.setColor(self.state.foregroundRole(), colors.notice if self._state_warning else colors.muted)
        self.state.setPalette(palette)

    def _set_state(self, text: str, *, warning: bool = False) -> None:
        """The line under the title (hidden when empty); a ``warning`` is in the notice colour."""
        if text == self.state.text() and warning == self._state_warning:
            return  # called on every streamed update: repaint only what changed
        self.state.setText(text)
        self.state.setVisible(bool(text))
        self._state_warning = warning
        self._paint()

    def _set_body(self, text: str) -> None:
        self.view.show_plain(text)
        self.view.setVisible(bool(text))


class ToolUseView(_CardView):
    """A tool call: the tool's name and its input as pretty-printed JSON.

    A call cut off mid-stream (``_incomplete``) is shown as interrupted, with the raw partial input and a
    way to regenerate the reply: it can never be answered as if it were valid. A call waiting for its
    result (:meth:`set_answering`) gets an editor for the result and an "is error" box.

    Signals:
        answer_changed(): the result text or its error box changed.
        send_requested(): Ctrl+Enter in the result editor.
        regenerate_requested(): the user asked for a new reply instead of this interrupted call.
    """

    answer_changed = Signal()
    send_requested = Signal()
    regenerate_requested = Signal()

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("tool_use", context, parent)
        self._tool_use_id = ""
        self._name = ""
        self._incomplete = False
        self._streaming = False
        self._answering = False
        self._answered: Block | None = None
        self.answer_editor: ToolAnswerEditor | None = None  # made when the call first waits for a result
        self.interrupted_row = QWidget(self.card)
        row = QHBoxLayout(self.interrupted_row)
        row.setContentsMargins(0, Space.XS, 0, 0)
        self.interrupted_hint = QLabel(
            _tr("This call can't be answered. Regenerate the reply for a complete one."), self.interrupted_row
        )
        self.interrupted_hint.setWordWrap(True)
        set_muted(self.interrupted_hint, context.colors)
        self.regenerate_button = QPushButton(_tr("Regenerate"), self.interrupted_row)
        self.regenerate_button.setToolTip(_tr("Write a new version of this reply"))
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        row.addWidget(self.interrupted_hint, 1)
        row.addWidget(self.regenerate_button)
        self.interrupted_row.hide()
        self._card_layout().addWidget(self.interrupted_row)

    @property
    def tool_use_id(self) -> str:
        return self._tool_use_id

    @property
    def tool_name(self) -> str:
        return self._name

    @property
    def incomplete(self) -> bool:
        """True for a call whose input never arrived whole (it cannot be answered)."""
        return self._incomplete

    def show_block(self, block: Block, *, streaming: bool) -> None:
        self._tool_use_id = str(block.get("id") or "")
        self._name = str(block.get("name") or "?")
        self._incomplete = bool(block.get(INCOMPLETE))
        self._streaming = streaming
        self.title.setText(_tr("Tool call · {name}").format(name=self._name))
        if self._incomplete:
            partial = block.get(PARTIAL_JSON)
            self._set_body(partial if isinstance(partial, str) else "")
        else:
            self._set_body(_pretty_json(block.get("input", {})))
        self._update_state()

    def set_answering(self, answering: bool) -> None:
        """Offer (or withdraw) the result editor; an incomplete or still streaming call never gets one.
        What was typed is kept while the editor is hidden."""
        self._answering = answering
        self._update_state()

    def set_answered(self, result: Block | None) -> None:
        """The ``tool_result`` block that answered this call (in the next message), or None."""
        self._answered = result
        self._update_state()

    def answer(self) -> dict[str, Any] | None:
        """The result as ``answer_tools`` takes it, or None while the call has no result written."""
        editor = self.answer_editor
        if editor is None or not self._can_answer() or not editor.text().strip():
            return None
        return {"tool_use_id": self._tool_use_id, "content": editor.text(), "is_error": editor.is_error()}

    def focus_answer(self) -> None:
        if self.answer_editor is not None and self._can_answer():
            self.answer_editor.focus()

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        set_muted(self.interrupted_hint, context.colors)
        if self.answer_editor is not None:
            self.answer_editor.set_context(context)

    def _card_layout(self) -> QVBoxLayout:
        layout = self.card.layout()
        assert isinstance(layout, QVBoxLayout)
        return layout

    def _can_answer(self) -> bool:
        return self._answering and not self._incomplete and not self._streaming

    def _update_state(self) -> None:
        interrupted = self._incomplete and not self._streaming
        if self._incomplete:
            if interrupted:
                self._set_state(_tr("Interrupted: the input never completed"), warning=True)
            else:
                self._set_state(_tr("receiving input…"))
        elif self._answered is not None:
            if self._answered.get("is_error"):
                self._set_state(_tr("Answered with an error · the result is below"))
            else:
                self._set_state(_tr("Answered · the result is below"))
        else:
            self._set_state("")
        self.interrupted_row.setVisible(interrupted)
        if self._can_answer() and self.answer_editor is None:
            self.answer_editor = ToolAnswerEditor(self._name, self._context, self.card)
            self.answer_editor.changed.connect(self.answer_changed)
            self.answer_editor.send_requested.connect(self.send_requested)
            self._card_layout().addWidget(self.answer_editor)
        if self.answer_editor is not None:
            self.answer_editor.setVisible(self._can_answer())


class ToolAnswerEditor(QWidget):
    """The result of one tool call, as the user writes it: multi-line text and an "is error" box.

    Signals:
        changed(): the text or the box changed.
        send_requested(): Ctrl+Enter.
    """

    changed = Signal()
    send_requested = Signal()

    def __init__(self, tool_name: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, Space.S, 0, 0)
        layout.setSpacing(Space.XS)
        self.label = QLabel(_tr("Result"), self)
        make_small(self.label)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setPlaceholderText(_tr("What {name} returned…").format(name=tool_name))
        self.text_edit.setAccessibleName(_tr("Result of {name}").format(name=tool_name))
        self.text_edit.setTabChangesFocus(True)  # Tab goes on to the error box and the next call
        self.text_edit.textChanged.connect(self._on_text_changed)
        self.label.setBuddy(self.text_edit)
        self.error_box = QCheckBox(_tr("The tool failed (is_error)"), self)
        self.error_box.setToolTip(_tr("Send this result marked as an error, so the model knows the call failed"))
        self.error_box.toggled.connect(self.changed)
        layout.addWidget(self.label)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.error_box, 0, Qt.AlignmentFlag.AlignLeft)
        # Ctrl+Enter read from the key events themselves: a QShortcut works only while the window is the
        # active one, and the editor must answer its keys whatever the window manager thinks.
        self.text_edit.installEventFilter(self)
        self.set_context(context)
        fit_to_lines(self.text_edit, ANSWER_MIN_LINES, ANSWER_MAX_LINES)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.text_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.send_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.text_edit.setPlainText(text)

    def is_error(self) -> bool:
        return self.error_box.isChecked()

    def focus(self) -> None:
        self.text_edit.setFocus()

    def set_context(self, context: BlockContext) -> None:
        set_muted(self.label, context.colors)
        palette = self.text_edit.palette()
        palette.setColor(QPalette.ColorRole.Base, context.colors.background)
        self.text_edit.setPalette(palette)

    def _on_text_changed(self) -> None:
        fit_to_lines(self.text_edit, ANSWER_MIN_LINES, ANSWER_MAX_LINES)
        self.changed.emit()


class ToolResultView(_CardView):
    """A tool result sent back by the user side: its text (and attachment chips for images), titled with
    the name of the call it answers once the transcript tells it (:meth:`set_tool_name`)."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("tool_result", context, parent)
        self._tool_use_id = ""
        self._tool_name: str | None = None
        self._is_error = False

    @property
    def tool_use_id(self) -> str:
        return self._tool_use_id

    def set_tool_name(self, name: str | None) -> None:
        """The name of the tool call this result answers (None when that call is not shown)."""
        if name != self._tool_name:
            self._tool_name = name
            self._update_title()

    def show_block(self, block: Block, *, streaming: bool) -> None:
        self._tool_use_id = str(block.get("tool_use_id") or "")
        self._is_error = bool(block.get("is_error"))
        # The model's id, never markup (and no tooltip without one).
        self.title.setToolTip(QtGui.Qt.convertFromPlainText(self._tool_use_id) if self._tool_use_id else "")
        self._update_title()
        content = block.get("content")
        if isinstance(content, str):
            self._set_body(content)
            return
        parts: list[str] = []
        for item in content if isinstance(content, list) else []:
            if not isinstance(item, dict):
                continue
            if item.get("type") == "text":
                parts.append(_text_of(item, "text"))
            else:
                parts.append(attachment_label(item, self._context.attachment_size))
        self._set_body("\n\n".join(parts))

    def _update_title(self) -> None:
        name = self._tool_name
        title = _tr("Result for {name}").format(name=name) if name else _tr("Tool result")
        self.title.setText(_tr("{title} · error").format(title=title) if self._is_error else title)


class AttachmentChipView(BlockView):
    """An image or document the user attached, as the same :class:`AttachmentChip` the composer shows (not
    removable here): a click on an image's chip shows the image full size."""

    def __init__(self, kind: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(kind, context, parent)
        self._block: Block = {}
        self.chip: AttachmentChip | None = None

    def show_block(self, block: Block, *, streaming: bool) -> None:
        facts = attachment_facts(block, self._context.attachment_size, self._context.attachment_data)
        if self.chip is not None and block == self._block and facts == self.chip.facts:
            return
        self._block = block
        if self.chip is not None:
            self._layout.removeWidget(self.chip)
            self.chip.hide()
            self.chip.deleteLater()
        self.chip = AttachmentChip(facts, removable=False, parent=self)
        self._layout.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignLeft)

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        if self._block:  # the stored data may come from elsewhere now: a new chip asks again
            block, self._block = self._block, {}
            self.show_block(block, streaming=False)


class UnknownBlockView(BlockView):
    """A block type this version does not know: a small card naming it (the block itself is kept)."""

    def __init__(self, kind: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(kind, context, parent)
        self.chip = CardFrame(self)
        chip_layout = QHBoxLayout(self.chip)
        chip_layout.setContentsMargins(Space.S, Space.XS, Space.S, Space.XS)
        self.label = QLabel(_tr("[{type} block]").format(type=kind), self.chip)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        chip_layout.addWidget(self.label)
        self._layout.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignLeft)
        self._paint()

    def show_block(self, block: Block, *, streaming: bool) -> None:
        pass  # only the type is shown

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self._paint()

    def _paint(self) -> None:
        colors = self._context.colors
        self.chip.set_colors(colors.background, colors.card_border)
        set_muted(self.label, colors)


def create_block_view(block: Block, role: str, context: BlockContext, parent: QWidget | None = None) -> BlockView:
    """The widget for ``block`` in a message of ``role`` (not yet showing the block: call ``show_block``)."""
    kind = str(block.get("type"))
    if kind == "text":
        return AssistantTextView(context, parent) if role == "assistant" else UserTextView(context, parent)
    if kind == STRUCTURED:
        return StructuredOutputView(context, parent)
    if kind == "thinking":
        return ThinkingView(context, parent)
    if kind == "redacted_thinking":
        return RedactedThinkingView(context, parent)
    if kind == "tool_use":
        return ToolUseView(context, parent)
    if kind == "tool_result":
        return ToolResultView(context, parent)
    if kind in ("image", "document"):
        return AttachmentChipView(kind, context, parent)
    from app.ui.web_blocks import web_block_view  # built on this module's BlockView: imported once needed

    return web_block_view(kind, context, parent) or UnknownBlockView(kind, context, parent)


def display_blocks(
    content: Sequence[Any], role: str, *, streaming: bool, output_schema: dict[str, Any] | None = None
) -> list[Block]:
    """The blocks a message is shown as: a reply's consecutive text blocks as one text, with the markers and
    sources of its citations (:func:`app.render.join_cited_text`); for a reply asked for as structured
    output (``output_schema``), the text it ends with as one :data:`STRUCTURED` block (its JSON, checked
    against the schema); a user's message as it is."""
    blocks = [block for block in content if isinstance(block, dict)]
    if role != "assistant":
        return blocks
    shown = join_cited_text(blocks, streaming=streaming)
    if output_schema is not None and shown and shown[-1].get("type") == "text":
        # The JSON is the text the reply ends with, as the model wrote it (no citation marker in it).
        start = len(blocks)
        while start and blocks[start - 1].get("type") == "text":
            start -= 1
        text = "".join(_text_of(block, "text") for block in blocks[start:])
        shown[-1] = {"type": STRUCTURED, "text": text, "schema": output_schema}
    return shown


def sync_block_views(
    views: list[BlockView],
    content: Sequence[Block],
    *,
    streaming: bool,
    create: Callable[[Block], BlockView],
    layout: QBoxLayout,
    offset: int = 0,
) -> None:
    """Bring ``views`` (laid out in ``layout`` from position ``offset``) in line with ``content``.

    Views whose block kept its kind are updated in place; from the first change of kind on, the views are
    replaced. ``create`` makes (and connects) the view for a new block. Only the last block streams.
    """
    blocks = [block for block in content if isinstance(block, dict)]
    last = len(blocks) - 1
    for index, block in enumerate(blocks):
        if index < len(views) and views[index].kind != str(block.get("type")):
            _drop_views(views, index, layout)
        if index == len(views):
            view = create(block)
            _place(view, views, layout, offset)
            views.append(view)
        views[index].show_block(block, streaming=streaming and index == last)
    _drop_views(views, len(blocks), layout)


class ChipRow(QWidget):
    """Consecutive attachments of a message side by side, wrapping onto further rows when narrow (one chip
    per row would make a message of five photos five rows tall)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing=Space.XS)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The message's layout gives a row its one-line height; wrapped, it asks for the height of its rows.
        self.setMinimumHeight(self.flow.heightForWidth(self.width()))


def _place(view: BlockView, views: list[BlockView], layout: QBoxLayout, offset: int) -> None:
    """Lay the new last view of ``views`` out: an attachment after an attachment joins its `ChipRow`, the first
    of a run starts one; any other view goes into ``layout`` itself, after what is there."""
    previous = views[-1] if views else None
    if isinstance(view, AttachmentChipView):
        row = previous.parentWidget() if isinstance(previous, AttachmentChipView) else None
        if not isinstance(row, ChipRow):
            row = ChipRow()
            layout.insertWidget(offset + len(_hosts(views)), row)
        row.flow.addWidget(view)
        return
    layout.insertWidget(offset + len(_hosts(views)), view)


def _hosts(views: list[BlockView]) -> list[QWidget]:
    """The widgets ``views`` take in their layout, in order: a run of attachments is one `ChipRow`."""
    hosts: list[QWidget] = []
    for view in views:
        parent = view.parentWidget()
        host = parent if isinstance(parent, ChipRow) else view
        if not hosts or hosts[-1] is not host:
            hosts.append(host)
    return hosts


def _drop_views(views: list[BlockView], index: int, layout: QBoxLayout) -> None:
    for view in views[index:]:
        row = view.parentWidget()
        if isinstance(row, ChipRow):
            row.flow.removeWidget(view)
            if row.flow.count() == 0:
                layout.removeWidget(row)
                row.hide()
                row.deleteLater()
        else:
            layout.removeWidget(view)
        view.hide()
        view.deleteLater()
    del views[index:]


def attachment_label(block: Block, attachment_size: AttachmentSize | None = None) -> str:
    """``[image: png, 120 KB — cat.png]``: the kind, the format, and (when known) the size and the file name
    (a document's title) of an attachment block."""
    kind = _tr("image") if block.get("type") == "image" else _tr("document")
    source = _source(block)
    details: list[str] = []
    media_type = str(source.get("media_type") or "")
    if media_type:
        details.append(media_type.rsplit("/", 1)[-1])
    elif source.get("type") == "url":
        details.append(_tr("link"))
    size = _attachment_bytes(block, source, attachment_size)
    if size is not None:
        details.append(QLocale().formattedDataSize(size, 0, QLocale.DataSizeFormat.DataSizeTraditionalFormat))
    label = f"{kind}: {', '.join(details)}" if details else kind
    if name := attachment_name(block):
        label += f" — {name}"
    return f"[{label}]"


def attachment_facts(
    block: Block, attachment_size: AttachmentSize | None = None, attachment_data: AttachmentData | None = None
) -> ChipFacts:
    """What an attachment block's chip shows; its bytes come from the block (inline base64) or, for a stored
    attachment, from ``attachment_data`` by its hash, only when the chip needs them."""
    source = _source(block)
    ref = block.get("_attachment")
    digest = ref if isinstance(ref, str) else None

    def load() -> bytes | None:
        data = source.get("data")
        if isinstance(data, str) and source.get("type") == "base64":
            try:
                return base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                return None
        return attachment_data(digest) if digest is not None and attachment_data is not None else None

    return ChipFacts(
        name=attachment_name(block),
        media_type=str(source.get("media_type") or ""),
        size=_attachment_bytes(block, source, attachment_size),
        is_image=block.get("type") == "image",
        is_link=source.get("type") == "url",
        digest=digest,
        load=load,
    )


def attachment_name(block: Block) -> str:
    """An attachment's file name: a document's title, or the name Samtal keeps with an image it attached
    ("" when neither is known, e.g. an imported image)."""
    name = block.get("title") if block.get("type") == "document" else block.get(IMAGE_NAME_KEY)
    return name.strip() if isinstance(name, str) else ""


def _attachment_bytes(block: Block, source: dict[str, Any], attachment_size: AttachmentSize | None) -> int | None:
    data = source.get("data")
    if isinstance(data, str) and source.get("type") == "base64":
        data = data.strip()
        return len(data) * 3 // 4 - data[-2:].count("=")  # decoded size, without decoding
    if isinstance(data, str):
        return len(data.encode("utf-8"))  # a plain-text document
    ref = block.get("_attachment")
    if isinstance(ref, str) and attachment_size is not None:
        return attachment_size(ref)
    return None


def _source(block: Block) -> dict[str, Any]:
    found = block.get("source")
    return found if isinstance(found, dict) else {}


def _text_of(block: Block, key: str) -> str:
    value = block.get(key)
    return value if isinstance(value, str) else ""


def fit_to_lines(edit: QPlainTextEdit, min_lines: int, max_lines: int) -> None:
    """Make ``edit`` as tall as its text (wrapped lines count), within ``min_lines``..``max_lines`` lines."""
    lines = max(min_lines, min(max_lines, int(edit.document().size().height())))
    # +1: QPlainTextEdit keeps its scroll bar unless the last line has one pixel to spare
    frame = edit.frameWidth() * 2 + int(edit.document().documentMargin() * 2) + 1
    edit.setFixedHeight(lines * edit.fontMetrics().lineSpacing() + frame)


def _last_line(text: str) -> str:
    """The last line of ``text`` that is not blank: what is being written now (its end, at most)."""
    text = text.rstrip()
    return text[text.rfind("\n") + 1 :][-PREVIEW_MAX_CHARS:].strip()


def _pretty_json(value: Any) -> str:
    try:
        return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)
    except (TypeError, ValueError):
        return str(value)
