"""A reply that searched and fetched the web, in the transcript: what was searched and fetched, the pages
found, citations as numbered markers whose tooltip shows the cited words and the source, and the sources
under the text; links open only on click, only for http/https. Blocks in the API's shapes
(tests/fixtures/server_tools.py)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.api.accumulate import INCOMPLETE, PARTIAL_JSON
from app.render import DARK, LIGHT
from app.ui.message_blocks import AssistantTextView, ThinkingView
from app.ui.message_view import MessageView
from app.ui.web_blocks import ServerToolUseView, WebFetchResultView, WebSearchResultView
from tests.fixtures.server_tools import (
    CITED_REPLY,
    ECLIPSE,
    FETCH,
    FETCH_FAILED,
    FETCHED,
    GUIDE,
    NEWS,
    OMITTED_THINKING,
    SEARCH,
    SEARCH_FAILED,
)
from tests.gui.transcript_samples import block_context, entry, message


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(700, 600)
    window.show()
    return window


def _view(host: QWidget, content: list[dict[str, Any]], **kwargs: Any) -> MessageView:
    view = MessageView(entry(message(2, "assistant", content, **kwargs)), block_context(), host)
    view.resize(680, 600)
    view.show()
    return view


def _clicked(view: MessageView) -> list[str]:
    opened: list[str] = []
    view.link_activated.connect(lambda url: opened.append(url.toString()))
    return opened


def test_a_search_shows_its_query_the_pages_found_and_the_cited_answer_with_its_sources(host: QWidget) -> None:
    view = _view(host, CITED_REPLY)
    kinds = [type(block) for block in view.blocks]
    assert kinds == [AssistantTextView, ServerToolUseView, WebSearchResultView, AssistantTextView]
    search = view.blocks[1]
    assert isinstance(search, ServerToolUseView)
    assert search.label.text() == "Searched the web: “solar eclipse viewing safety 2026”"
    results = view.blocks[2]
    assert isinstance(results, WebSearchResultView)
    assert results.toggle.text() == "▸ 3 results · example.com, news.example.org"
    assert not results.list_view.isVisibleTo(results)  # folded: the answer matters more
    results.toggle.click()
    assert results.expanded
    listed = results.list_view.plain_text().splitlines()
    assert listed == [
        "How to Watch a Solar Eclipse Safely · example.com · April 30, 2026",
        "Upcoming Solar Eclipses in 2026 · news.example.org",
        "A trap",
    ]
    answer = view.blocks[3]
    assert isinstance(answer, AssistantTextView)
    shown = answer.view.plain_text()
    assert "Only certified eclipse glasses make looking at the Sun safe[1], and the total eclipse" in shown
    assert "crosses Europe and the Arctic.[2][1]" in shown  # one flow, not five paragraphs
    assert answer.sources_view is not None
    assert answer.sources_view.isVisibleTo(answer)
    assert answer.sources_view.plain_text().splitlines() == [
        "Sources",
        "[1] How to Watch a Solar Eclipse Safely · example.com · April 30, 2026",
        "[2] Upcoming Solar Eclipses in 2026 · news.example.org",
    ]


def test_a_marker_shows_the_cited_words_and_opens_its_source_only_when_clicked(host: QWidget) -> None:
    view = _view(host, CITED_REPLY)
    opened = _clicked(view)
    answer = view.blocks[3]
    assert isinstance(answer, AssistantTextView)
    answer.view.highlighted.emit(QUrl("cite:1"))  # the pointer is over "[1]"
    tip = answer.view.toolTip()
    assert "“Certified eclipse glasses”" in tip
    assert "“During the brief window of totality”" in tip
    assert "How to Watch a Solar Eclipse Safely · example.com" in tip
    assert ECLIPSE in tip
    assert opened == []  # hovering opens nothing
    answer.view.anchorClicked.emit(QUrl("cite:2"))
    assert opened == [NEWS]
    answer.view.anchorClicked.emit(QUrl("cite:9"))  # no such source: nothing
    assert opened == [NEWS]
    assert answer.sources_view is not None
    answer.sources_view.anchorClicked.emit(QUrl(ECLIPSE))
    assert opened == [NEWS, ECLIPSE]


def test_a_search_result_that_is_not_a_web_page_is_never_a_link(host: QWidget) -> None:
    view = _view(host, CITED_REPLY)
    opened = _clicked(view)
    results = view.blocks[2]
    assert isinstance(results, WebSearchResultView)
    results.set_expanded(True)
    assert "javascript" not in results.list_view.toHtml()
    results.list_view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened == []


def test_copy_gives_the_answer_with_its_markers_and_sources(host: QWidget) -> None:
    view = _view(host, CITED_REPLY)
    view.copy_markdown()
    copied = QGuiApplication.clipboard().text()
    assert "make looking at the Sun safe[1], and" in copied
    assert copied.endswith(
        "Sources:\n\n"
        f"- [1] How to Watch a Solar Eclipse Safely <{ECLIPSE}>\n"
        f"- [2] Upcoming Solar Eclipses in 2026 <{NEWS}>"
    )
    assert "\U000f0001" not in copied


def test_a_fetch_names_the_page_and_failures_say_why(host: QWidget) -> None:
    view = _view(host, [FETCH, FETCHED, SEARCH, SEARCH_FAILED, FETCH_FAILED])
    opened = _clicked(view)
    fetch, fetched, _, search_failed, fetch_failed = view.blocks
    assert isinstance(fetch, ServerToolUseView)
    assert fetch.label.text() == f"Fetched {GUIDE}"
    assert isinstance(fetched, WebFetchResultView)
    assert fetched.page_view.plain_text().startswith("The Eclipse Guide · docs.example.com · retrieved ")
    fetched.page_view.anchorClicked.emit(QUrl(GUIDE))
    assert opened == [GUIDE]
    assert isinstance(search_failed, WebSearchResultView)
    assert search_failed.error_label.isVisibleTo(search_failed)
    assert search_failed.error_label.text() == (
        "The search failed: the reply used up the searches it may make (max uses)."
    )
    assert not search_failed.toggle.isVisibleTo(search_failed)
    assert isinstance(fetch_failed, WebFetchResultView)
    assert fetch_failed.error_label.text() == "The fetch failed: the page could not be reached."
    assert fetch_failed.error_label.toolTip() == "url_not_accessible"


def test_while_it_streams_a_search_says_it_is_searching(host: QWidget) -> None:
    view = MessageView(entry(message(2, "assistant", [], status="streaming")), block_context(), host)
    view.resize(680, 400)
    view.show()
    arriving = {**SEARCH, "input": {}, INCOMPLETE: True, PARTIAL_JSON: '{"query": "sol'}
    view.update_partial({"content": [OMITTED_THINKING, arriving]})
    search = view.blocks[1]
    assert isinstance(search, ServerToolUseView)
    assert search.label.text() == "Searching the web…"
    view.update_partial({"content": [OMITTED_THINKING, SEARCH]})
    assert view.blocks[1] is search  # updated in place
    assert search.label.text() == "Searched the web: “solar eclipse viewing safety 2026”"
    cited = CITED_REPLY[4]
    view.update_partial({"content": [OMITTED_THINKING, SEARCH, CITED_REPLY[3], cited]})
    answer = view.blocks[2]
    assert isinstance(answer, AssistantTextView)
    assert "[1]" not in answer.view.plain_text()  # the last block may still grow: its marker waits
    view.finish(entry(message(2, "assistant", [OMITTED_THINKING, SEARCH, CITED_REPLY[3], cited])))
    assert view.blocks[2] is answer
    assert answer.view.plain_text().endswith("looking at the Sun safe[1]")
    thinking = view.blocks[0]
    assert isinstance(thinking, ThinkingView)
    assert thinking.toggle.text() == "Thinking withheld (display: omitted)"


def test_the_views_follow_the_theme(host: QWidget) -> None:
    view = _view(host, [*CITED_REPLY, FETCH, FETCHED])
    results = view.blocks[2]
    assert isinstance(results, WebSearchResultView)
    results.set_expanded(True)
    answer = view.blocks[3]
    assert isinstance(answer, AssistantTextView)
    assert answer.sources_view is not None
    assert LIGHT.muted_text in answer.sources_view.toHtml().lower()
    view.set_context(block_context(DARK))
    assert DARK.muted_text in answer.sources_view.toHtml().lower()
    assert DARK.link in results.list_view.toHtml().lower()
    assert "[1]" in answer.view.plain_text()  # re-rendered with its markers


def test_a_search_the_reply_ended_in_the_middle_of_says_it_was_cut_off(host: QWidget) -> None:
    arriving = {**SEARCH, "input": {}, INCOMPLETE: True, PARTIAL_JSON: '{"query": "sol'}
    view = _view(host, [arriving], status="stopped")
    search = view.blocks[0]
    assert isinstance(search, ServerToolUseView)
    assert search.label.text() == "The search was cut off with the reply"
    assert '{"query":\xa0"sol' in search.label.toolTip()  # the input as far as it came, as plain text
