"""The blocks of a reply that used server tools: what the model searched for or fetched, and what came back.

- :class:`ServerToolUseView` (``server_tool_use``): one line, "Searched the web: “query”" or "Fetched
  https://…" (another server tool: its name, the input in the tooltip).
- :class:`WebSearchResultView` (``web_search_tool_result``): "▸ 5 results · example.com, …", opening to the
  list of pages found (title, domain, page age); a failed search says why.
- :class:`WebFetchResultView` (``web_fetch_tool_result``): the page fetched (title, domain, when), or why
  the fetch failed.

Links open only on click, through ``link_activated`` and :func:`app.render.safe_href` like every link of the
transcript; nothing is fetched to show them (a search result's ``encrypted_content`` is never shown).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar

from PySide6 import QtGui
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.api.accumulate import INCOMPLETE, PARTIAL_JSON
from app.language import QT_TR_NOOP
from app.language import tr as _tr
from app.render import domain_of, page_line_html
from app.store.models import Block
from app.ui.design import Space
from app.ui.message_blocks import BlockContext, BlockView, disclosure_button
from app.ui.rich_text import RichTextView
from app.ui.transcript_style import make_small, set_muted

__all__ = ["ServerToolUseView", "WebFetchResultView", "WebSearchResultView", "web_block_view"]

LIST_INDENT_PX = 16


# Why a search or a fetch failed, for people (the API's error_code stays in the tooltip).
_SEARCH_ERRORS: dict[str, str] = {
    "invalid_tool_input": QT_TR_NOOP("the query was not valid"),
    "unavailable": QT_TR_NOOP("the search service is unavailable right now"),
    "max_uses_exceeded": QT_TR_NOOP("the reply used up the searches it may make (max uses)"),
    "too_many_requests": QT_TR_NOOP("too many searches at once; try again later"),
    "query_too_long": QT_TR_NOOP("the query was too long"),
    "request_too_large": QT_TR_NOOP("the request was too large"),
}
_FETCH_ERRORS: dict[str, str] = {
    "invalid_tool_input": QT_TR_NOOP("the URL was not valid"),
    "url_too_long": QT_TR_NOOP("the URL was too long"),
    "url_not_allowed": QT_TR_NOOP("the domain is not allowed (allowed or blocked domains)"),
    "url_not_in_prior_context": QT_TR_NOOP("the model may fetch only URLs from the conversation or earlier results"),
    "url_not_accessible": QT_TR_NOOP("the page could not be reached"),
    "unsupported_content_type": QT_TR_NOOP("the page is of a kind that can't be read"),
    "too_many_requests": QT_TR_NOOP("too many fetches at once; try again later"),
    "max_uses_exceeded": QT_TR_NOOP("the reply used up the fetches it may make (max uses)"),
    "unavailable": QT_TR_NOOP("the fetch service is unavailable right now"),
}


class _LineView(BlockView):
    """A block shown as one quiet line of plain text (selectable, wrapped)."""

    def __init__(self, kind: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(kind, context, parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # queries and URLs come from the model
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setContentsMargins(Space.HAIR, 0, 0, 0)  # in line with the reply's text (its document margin)
        make_small(self.label)
        self._layout.addWidget(self.label)
        self._paint()

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        self._paint()

    def _paint(self) -> None:
        set_muted(self.label, self._context.colors)


class ServerToolUseView(_LineView):
    """What the model asked a server tool to do: the web search's query, the page to fetch."""

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("server_tool_use", context, parent)
        self.name = ""

    def show_block(self, block: Block, *, streaming: bool) -> None:
        self.name = str(block.get("name") or "")
        incomplete = bool(block.get(INCOMPLETE))
        arriving = incomplete and streaming  # else the reply ended before the call did
        raw = block.get("input")
        given: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        query, url = given.get("query"), given.get("url")
        if self.name == "web_search":
            if arriving:
                text = _tr("Searching the web…")
            elif incomplete:
                text = _tr("The search was cut off with the reply")
            elif isinstance(query, str) and query:
                text = _tr("Searched the web: “{query}”").format(query=query)
            else:
                text = _tr("Searched the web")
        elif self.name == "web_fetch":
            if arriving:
                text = _tr("Fetching a page…")
            elif incomplete:
                text = _tr("The fetch was cut off with the reply")
            elif isinstance(url, str) and url:
                text = _tr("Fetched {url}").format(url=url)
            else:
                text = _tr("Fetched a page")
        else:
            text = _tr("Used the server tool {name}").format(name=self.name or "?")
        self.label.setText(text)
        self.label.setAccessibleName(text)
        partial = block.get(PARTIAL_JSON)
        details = (
            partial if incomplete and isinstance(partial, str) else json.dumps(given, ensure_ascii=False, indent=2)
        )
        self.label.setToolTip(QtGui.Qt.convertFromPlainText(details) if given or partial else "")


class _ResultView(BlockView):
    """A server tool's result: what came back, or (``error_label``) why the tool failed. Subclasses read the
    block into a value to show (`_read`) and show it (`_show_value`); the error line is theirs in common."""

    _errors: ClassVar[Mapping[str, str]] = {}  # error_code → why, for people
    _failed = ""  # "The search failed: {reason}."
    _unknown = ""  # "the search service said {code}"

    def __init__(self, kind: str, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(kind, context, parent)
        self._value: object = None
        self._error: str | None = None
        self._shown = False
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setContentsMargins(Space.HAIR, 0, 0, 0)  # in line with the reply's text
        make_small(self.error_label)
        self.error_label.hide()

    def show_block(self, block: Block, *, streaming: bool) -> None:
        content = block.get("content")
        value, error = self._read(content)
        if self._shown and (value, error) == (self._value, self._error):
            return  # an earlier block of a streaming reply: nothing changed
        self._value, self._error, self._shown = value, error, True
        self._update()

    def set_context(self, context: BlockContext) -> None:
        super().set_context(context)
        palette = self.error_label.palette()
        palette.setColor(self.error_label.foregroundRole(), context.colors.notice)
        self.error_label.setPalette(palette)
        if self._shown:
            self._update()

    def _read(self, content: object) -> tuple[object, str | None]:
        """(what to show, None) for a result, or (None, the error code) for a failure."""
        raise NotImplementedError

    def _show_value(self, value: object) -> None:
        raise NotImplementedError

    def _update(self) -> None:
        error = self._error
        self.error_label.setVisible(error is not None)
        if error is None:
            self._show_value(self._value)
            return
        reason = _tr(self._errors.get(error) or self._unknown).format(code=error)
        self.error_label.setText(_tr(self._failed).format(reason=reason))
        self.error_label.setToolTip(error)


class WebSearchResultView(_ResultView):
    """The pages a web search found: a line naming how many and where from, that opens to the list."""

    _errors = _SEARCH_ERRORS
    _failed = QT_TR_NOOP("The search failed: {reason}.")
    _unknown = QT_TR_NOOP("the search service said {code}")

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("web_search_tool_result", context, parent)
        self._expanded = False
        self.toggle = disclosure_button(self)
        self.toggle.clicked.connect(lambda: self.set_expanded(not self._expanded))
        self.list_view: RichTextView = self._rich()
        self.list_view.setAccessibleName(_tr("Pages the search found"))
        self.list_view.hide()
        self._layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addWidget(self.error_label)
        indented = QHBoxLayout()  # the pages found, under the line that opened them
        indented.setContentsMargins(0, 0, 0, 0)
        indented.addSpacing(LIST_INDENT_PX)
        indented.addWidget(self.list_view)
        self._layout.addLayout(indented)
        self.set_context(context)

    @property
    def expanded(self) -> bool:
        return self._expanded

    @property
    def results(self) -> list[dict[str, Any]]:
        """The search results shown (API ``web_search_result`` dicts)."""
        return list(self._results())

    def set_expanded(self, expanded: bool) -> None:
        """Show (or hide) the list of pages found."""
        if expanded == self._expanded or not self._results():
            return
        self._expanded = expanded
        self._update()

    def set_context(self, context: BlockContext) -> None:
        self.list_view.set_style(context.colors.theme)
        set_muted(self.toggle, context.colors)
        super().set_context(context)

    def _results(self) -> list[dict[str, Any]]:
        return self._value if isinstance(self._value, list) else []

    def _read(self, content: object) -> tuple[object, str | None]:
        if isinstance(content, Mapping):  # web_search_tool_result_error
            return None, str(content.get("error_code") or "unavailable")
        items = content if isinstance(content, list) else []
        return [dict(item) for item in items if isinstance(item, Mapping)], None

    def _update(self) -> None:
        super()._update()
        self.toggle.setVisible(self._error is None)
        if self._error is not None:
            self.list_view.hide()

    def _show_value(self, value: object) -> None:
        results = self._results()
        count = len(results)
        domains = [domain for domain in dict.fromkeys(domain_of(str(r.get("url") or "")) for r in results) if domain]
        shown = ", ".join(domains[:3]) + (f", +{len(domains) - 3}" if len(domains) > 3 else "")
        if count == 0:
            text = _tr("No pages found")
        elif count == 1:
            text = _tr("1 result · {domains}").format(domains=shown)
        else:
            text = _tr("{n} results · {domains}").format(n=count, domains=shown)
        arrow = "▾ " if self._expanded else "▸ " if count else ""
        self.toggle.setText(arrow + text)
        self.toggle.setEnabled(bool(count))
        what = _tr("Hide the pages found") if self._expanded else _tr("Show the pages found")
        self.toggle.setToolTip(what)
        self.toggle.setAccessibleName(f"{text}. {what}")
        self.list_view.setVisible(self._expanded)
        if self._expanded:
            theme = self._context.colors.theme
            lines = []
            for result in results:
                url = str(result.get("url") or "")
                age = result.get("page_age")
                details = (domain_of(url), age if isinstance(age, str) else "")
                lines.append(page_line_html(str(result.get("title") or ""), url, details, theme))
            self.list_view.set_html("\n".join(lines))


class WebFetchResultView(_ResultView):
    """The page a web fetch brought in (its title linked, domain, when), or why the fetch failed."""

    _errors = _FETCH_ERRORS
    _failed = QT_TR_NOOP("The fetch failed: {reason}.")
    _unknown = QT_TR_NOOP("the fetch service said {code}")

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__("web_fetch_tool_result", context, parent)
        self.page_view: RichTextView = self._rich()
        self.page_view.setAccessibleName(_tr("The page fetched"))
        self._layout.addWidget(self.page_view)
        self._layout.addWidget(self.error_label)
        self.set_context(context)

    @property
    def url(self) -> str:
        return self._value[1] if isinstance(self._value, tuple) else ""

    def set_context(self, context: BlockContext) -> None:
        self.page_view.set_style(context.colors.theme)
        super().set_context(context)

    def _read(self, content: object) -> tuple[object, str | None]:
        result: Mapping[str, Any] = content if isinstance(content, Mapping) else {}
        if result.get("type") != "web_fetch_result":  # web_fetch_tool_result_error
            return None, str(result.get("error_code") or "unavailable")
        document = result.get("content")
        title = document.get("title") if isinstance(document, Mapping) else None
        retrieved = result.get("retrieved_at")
        when = _when(retrieved) if isinstance(retrieved, str) else ""
        return (title if isinstance(title, str) else "", str(result.get("url") or ""), when), None

    def _update(self) -> None:
        super()._update()
        self.page_view.setVisible(self._error is None)

    def _show_value(self, value: object) -> None:
        title, url, retrieved = value if isinstance(value, tuple) else ("", "", "")
        details = [domain_of(url)]
        if retrieved:
            details.append(_tr("retrieved {when}").format(when=retrieved))
        self.page_view.set_html(page_line_html(title or url, url, details, self._context.colors.theme))


def _when(iso: str) -> str:
    """An ISO 8601 moment in the user's short local format ("" when it isn't one)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    local = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()
    return QLocale().toString(local, "d MMM yyyy HH:mm")  # as the transcript writes dates: the month by name


def web_block_view(kind: str, context: BlockContext, parent: QWidget | None = None) -> BlockView | None:
    """The view for a server tool block of type ``kind``; None for other types."""
    if kind == "server_tool_use":
        return ServerToolUseView(context, parent)
    if kind == "web_search_tool_result":
        return WebSearchResultView(context, parent)
    if kind == "web_fetch_tool_result":
        return WebFetchResultView(context, parent)
    return None
