"""Widgets for the content blocks of a message: text, thinking, tool calls and results, attachments.

:func:`create_block_view` picks the widget for a block (in the Messages API's JSON shape); every widget
is a :class:`BlockView` that can be updated in place while the reply streams.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from app.render import Labels, render_plain
from app.store.models import Block
from app.ui.rich_text import MarkdownView, RichTextView
from app.ui.transcript_style import CardFrame, TranscriptColors, make_small, set_muted

AttachmentSize = Callable[[str], int | None]  # attachment hash → its size in bytes, if known


@dataclass(frozen=True)
class BlockContext:
    """What block widgets need from the transcript: colours, translated renderer words, attachment sizes."""

    colors: TranscriptColors
    labels: Labels
    attachment_size: AttachmentSize | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("MessageBlocks", text)


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
        self._layout.setSpacing(2)

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
    """A reply's text block: Markdown, streamed tail-first (see :class:`MarkdownView`)."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("text", context, parent)
        self.view = MarkdownView(self, theme=context.colors.theme, labels=context.labels)
        self.view.setAccessibleName(_tr("Reply text"))
        self.view.link_activated.connect(self.link_activated)
        self.view.code_copied.connect(self.copied)
        self._layout.addWidget(self.view)

    def show_block(self, block: Block, *, streaming: bool) -> None:
        text = _text_of(block, "text")
        if streaming:
            self.view.stream_markdown(text)
        else:
            self.view.finish_markdown(text)

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self.view.set_theme(context.colors.theme, context.labels)

    def markdown(self) -> str:
        return self.view.text


class UserTextView(BlockView):
    """The user's text, exactly as typed (no Markdown, no links)."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("text", context, parent)
        self._text: str | None = None
        self.view = self._rich()
        self.view.setAccessibleName(_tr("Message text"))
        self._layout.addWidget(self.view)

    def show_block(self, block: Block, *, streaming: bool) -> None:
        text = _text_of(block, "text")
        if text != self._text:
            self._text = text
            self.view.set_html(render_plain(text))

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self.view.set_style(context.colors.theme)
        if self._text is not None:
            self.view.set_html(render_plain(self._text))

    def markdown(self) -> str:
        return self._text or ""


class ThinkingView(BlockView):
    """Extended thinking: collapsed to a "Thinking…" toggle; expands to the plain text.

    The text is put into the document only while expanded, so a long hidden thought costs nothing.
    """

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("thinking", context, parent)
        self._text = ""
        self._shown_text: str | None = None
        self._streaming = False
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._on_toggled)
        set_muted(self.toggle, context.colors)
        make_small(self.toggle)
        self.body = CardFrame(self)
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(10, 6, 10, 6)
        self.view = self._rich()
        body_layout.addWidget(self.view)
        self.body.hide()
        self._layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addWidget(self.body)
        self._paint()
        self._update_label()

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def show_block(self, block: Block, *, streaming: bool) -> None:
        self._text = _text_of(block, "thinking")
        self._streaming = streaming
        self._update_label()
        if self.expanded:
            self._show_text()

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        set_muted(self.toggle, context.colors)
        self.view.set_style(context.colors.theme)
        self._paint()
        self._shown_text = None
        if self.expanded:
            self._show_text()

    def _paint(self) -> None:
        colors = self._context.colors
        self.body.set_colors(colors.card, colors.card_border)

    def _update_label(self) -> None:
        self.toggle.setText(_tr("Thinking…") if self._streaming else _tr("Thinking"))
        what = _tr("Hide the model's thinking") if self.expanded else _tr("Show the model's thinking")
        self.toggle.setToolTip(what)
        self.toggle.setAccessibleName(what)

    def _on_toggled(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        self._update_label()
        if expanded:
            self._show_text()

    def _show_text(self) -> None:
        if self._text != self._shown_text:
            self._shown_text = self._text
            self.view.set_html(render_plain(self._text))


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
        card_layout.setContentsMargins(10, 6, 10, 8)
        card_layout.setSpacing(2)
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
        self._body: str | None = None
        self._paint()

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self.view.set_style(context.colors.theme)
        self._paint()
        if self._body:
            self.view.set_html(render_plain(self._body))

    def _paint(self) -> None:
        colors = self._context.colors
        self.card.set_colors(colors.card, colors.card_border)
        set_muted(self.state, colors)

    def _set_state(self, text: str, *, warning: bool = False) -> None:
        self.state.setText(text)
        self.state.setVisible(bool(text))
        palette = self.state.palette()
        colors = self._context.colors
        palette.setColor(self.state.foregroundRole(), colors.notice if warning else colors.muted)
        self.state.setPalette(palette)

    def _set_body(self, text: str) -> None:
        if text != self._body:
            self._body = text
            self.view.set_html(render_plain(text))
        self.view.setVisible(bool(text))


class ToolUseView(_CardView):
    """A tool call: the tool's name and its input as pretty-printed JSON.

    A call cut off mid-stream (``_incomplete``) is marked so, with the raw partial input as text.
    """

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("tool_use", context, parent)

    def show_block(self, block: Block, *, streaming: bool) -> None:
        name = str(block.get("name") or "?")
        self.title.setText(_tr("Tool call · {name}").format(name=name))
        partial = block.get("_partial_json")
        if block.get("_incomplete"):
            if streaming:
                self._set_state(_tr("receiving input…"))
            else:
                self._set_state(_tr("interrupted — input incomplete"), warning=True)
            self._set_body(partial if isinstance(partial, str) else "")
            return
        self._set_state("")
        self._set_body(_pretty_json(block.get("input", {})))


class ToolResultView(_CardView):
    """A tool result sent back by the user side: its text (and attachment chips for images)."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("tool_result", context, parent)

    def show_block(self, block: Block, *, streaming: bool) -> None:
        self.title.setText(_tr("Tool result · error") if block.get("is_error") else _tr("Tool result"))
        tool_id = block.get("tool_use_id")
        self.title.setToolTip(str(tool_id) if tool_id else "")
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


class AttachmentChipView(BlockView):
    """An image or document the user attached: a small chip such as ``[image: png, 120 KB]``."""

    def __init__(self, kind: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(kind, context, parent)
        self.chip = CardFrame(self)
        chip_layout = QHBoxLayout(self.chip)
        chip_layout.setContentsMargins(8, 3, 8, 3)
        self.label = QLabel(self.chip)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        chip_layout.addWidget(self.label)
        self._layout.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignLeft)
        self._paint()

    def show_block(self, block: Block, *, streaming: bool) -> None:
        self.label.setText(attachment_label(block, self._context.attachment_size))

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self._paint()

    def _paint(self) -> None:
        colors = self._context.colors
        self.chip.set_colors(colors.card, colors.card_border)
        set_muted(self.label, colors)


class UnknownBlockView(BlockView):
    """A block type this version does not know: a small card naming it (the block itself is kept)."""

    def __init__(self, kind: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(kind, context, parent)
        self.chip = CardFrame(self)
        chip_layout = QHBoxLayout(self.chip)
        chip_layout.setContentsMargins(8, 3, 8, 3)
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
    return UnknownBlockView(kind, context, parent)


def attachment_label(block: Block, attachment_size: AttachmentSize | None = None) -> str:
    """``[image: png, 120 KB]``: the kind, the format and (when known) the size of an attachment block."""
    kind = _tr("image") if block.get("type") == "image" else _tr("document")
    found = block.get("source")
    source: dict[str, Any] = found if isinstance(found, dict) else {}
    details: list[str] = []
    media_type = str(source.get("media_type") or "")
    if media_type:
        details.append(media_type.rsplit("/", 1)[-1])
    elif source.get("type") == "url":
        details.append(_tr("link"))
    size = _attachment_bytes(block, source, attachment_size)
    if size is not None:
        details.append(QLocale().formattedDataSize(size, 0, QLocale.DataSizeFormat.DataSizeTraditionalFormat))
    title = block.get("title")
    label = f"{kind}: {', '.join(details)}" if details else kind
    if isinstance(title, str) and title.strip():
        label += f" — {title.strip()}"
    return f"[{label}]"


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


def _text_of(block: Block, key: str) -> str:
    value = block.get(key)
    return value if isinstance(value, str) else ""


def _pretty_json(value: Any) -> str:
    try:
        return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)
    except (TypeError, ValueError):
        return str(value)
