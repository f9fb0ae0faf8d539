"""Citations: a reply's cited text blocks joined into one flow with numbered markers, rendered as safe
``cite:N`` links (never inside code, never inside another link), and the list of the sources they cite.

The blocks are in the API's shapes (anthropic-sdk-python ``types/text_block.py``, ``text_citation.py``,
``citations_web_search_result_location.py``, ``citation_char_location.py``, ``web_search_tool_result_block.py``,
``web_fetch_tool_result_block.py``)."""

from __future__ import annotations

import pytest

from app.render import (
    LIGHT,
    SOURCES_KEY,
    IncrementalRenderer,
    Source,
    citation_marker,
    cite_number,
    join_cited_text,
    markers_as_text,
    render_markdown,
    render_markdown_with_code,
    sources_html,
)
from tests.fixtures.server_tools import CITED_REPLY, ECLIPSE, NEWS, SEARCH, web_citation
from tests.unit.render.qt_documents import LoadInQt
from tests.unit.render.streaming import chunks, stream_through
from tests.unit.render.test_safety import assert_only_generated_markup


def _marker(number: int) -> str:
    return citation_marker(number)


def test_a_reply_without_citations_is_passed_on_as_it_is() -> None:
    content = [{"type": "thinking", "thinking": "", "signature": "s"}, {"type": "text", "text": "Hello"}]
    shown = join_cited_text(content)
    assert shown == content
    assert shown[1] is content[1]  # no copy: the common case costs nothing


def test_cited_blocks_are_joined_into_one_text_with_a_marker_after_each_cited_span() -> None:
    shown = join_cited_text(CITED_REPLY)
    assert [block["type"] for block in shown] == ["text", "server_tool_use", "web_search_tool_result", "text"]
    assert shown[0] is CITED_REPLY[0]
    answer = shown[3]
    assert answer["text"] == (
        "Two things matter. Only certified eclipse glasses make looking at the Sun safe"
        f"{_marker(1)}, and the total eclipse in August crosses Europe and the Arctic."
        f"{_marker(2)}{_marker(1)}\n\nEnjoy the sky."  # before the line break, each source once
    )
    assert markers_as_text(answer["text"]).startswith("Two things matter. Only certified eclipse glasses make")
    assert "the Arctic.[2][1]\n\n" in markers_as_text(answer["text"])
    eclipse, news = answer[SOURCES_KEY]
    assert eclipse == Source(
        1,
        "How to Watch a Solar Eclipse Safely",
        ECLIPSE,
        "April 30, 2026",  # from the search result
        cited=("Certified eclipse glasses", "During the brief window of totality"),
    )
    assert (news.number, news.domain, news.page_age) == (2, "news.example.org", None)
    assert eclipse.domain == "example.com"


def test_sources_keep_their_numbers_across_the_parts_of_a_reply() -> None:
    content = [
        {"type": "text", "text": "First", "citations": [web_citation(NEWS, "News", "n")]},
        SEARCH,
        {"type": "text", "text": "Then", "citations": [web_citation(ECLIPSE, "Eclipse", "e")]},
        {"type": "text", "text": " again", "citations": [web_citation(NEWS, "News", "n2")]},
    ]
    first, _, second = join_cited_text(content)
    assert first["text"] == "First" + _marker(1)
    assert second["text"] == "Then" + _marker(2) + " again" + _marker(1)
    assert [source.number for source in second[SOURCES_KEY]] == [1, 2]


def test_while_a_reply_streams_the_last_blocks_markers_wait_for_it_to_end() -> None:
    growing = [
        {"type": "text", "text": "Plain. "},
        {"type": "text", "text": "Cited so f", "citations": [web_citation(NEWS, "News", "x")]},
    ]
    streaming = join_cited_text(growing, streaming=True)
    assert streaming[0]["text"] == "Plain. Cited so f"  # no marker that would move with every update
    ended = join_cited_text([*growing, {"type": "text", "text": " and on"}], streaming=True)
    assert ended[0]["text"] == "Plain. Cited so f" + _marker(1) + " and on"
    assert ended[0]["text"].startswith(streaming[0]["text"])  # a continuation: the view goes on rendering
    assert join_cited_text(growing)[0]["text"] == "Plain. Cited so f" + _marker(1)
    # The white space a cited block ends with waits too: the marker goes before it.
    growing[1] = {**growing[1], "text": "Cited.\n\n"}
    assert join_cited_text(growing, streaming=True)[0]["text"] == "Plain. Cited."
    assert join_cited_text([*growing, {"type": "text", "text": "Next"}], streaming=True)[0]["text"] == (
        "Plain. Cited." + _marker(1) + "\n\nNext"
    )


def test_the_model_cannot_forge_a_marker() -> None:
    forged = "\U000f0001 and \U000fffff"
    shown = join_cited_text([{"type": "text", "text": forged, "citations": [web_citation(NEWS, "N", "c")]}])
    assert shown[0]["text"] == "\ufffd and \ufffd" + _marker(1)


def test_document_citations_are_numbered_by_document_and_a_fetched_page_keeps_its_url() -> None:
    fetch = {
        "type": "web_fetch_tool_result",
        "tool_use_id": "srvtoolu_02",
        "content": {
            "type": "web_fetch_result",
            "url": "https://docs.example.com/guide",
            "retrieved_at": "2026-12-01T10:00:00Z",
            "content": {
                "type": "document",
                "source": {"type": "text", "media_type": "text/plain", "data": "The guide."},
                "title": "The Guide",
                "citations": {"enabled": True},
            },
        },
    }
    char = {
        "type": "char_location",
        "cited_text": "The guide.",
        "document_index": 0,
        "document_title": "The Guide",
        "start_char_index": 0,
        "end_char_index": 10,
        "file_id": None,
    }
    page = {
        "type": "page_location",
        "cited_text": "p. 3",
        "document_index": 1,
        "document_title": None,
        "start_page_number": 3,
        "end_page_number": 4,
        "file_id": None,
    }
    shown = join_cited_text([fetch, {"type": "text", "text": "A", "citations": [char, page]}])
    guide, untitled = shown[1][SOURCES_KEY]
    assert (guide.title, guide.url, guide.document) == ("The Guide", "https://docs.example.com/guide", 0)
    assert (untitled.title, untitled.url, untitled.document) == ("", None, 1)
    html = sources_html(shown[1][SOURCES_KEY], LIGHT, heading="Sources", document="Document {n}")
    assert "Document 2" in html
    assert '<a href="https://docs.example.com/guide">The Guide</a>' in html


def test_markers_render_as_cite_links_and_nothing_else_changes(load_in_qt: LoadInQt) -> None:
    text = join_cited_text(CITED_REPLY)[3]["text"]
    html = render_markdown(text)
    assert '<sup><a href="cite:1">[1]</a></sup>' in html
    assert '<sup><a href="cite:2">[2]</a></sup><sup><a href="cite:1">[1]</a></sup>' in html
    assert_only_generated_markup(html)
    plain = load_in_qt(html).toPlainText()
    assert "make looking at the Sun safe[1], and the total eclipse" in plain
    assert cite_number("cite:12") == 12
    assert cite_number("copy:1") is None
    assert cite_number("cite:x") is None


def test_a_marker_never_nests_a_link_nor_enters_code() -> None:
    linked = render_markdown(f"[a link{_marker(1)}](https://example.com) and https://example.com/x{_marker(2)}.")
    assert '<a href="https://example.com">a link<sup>[1]</sup></a>' in linked
    assert '<a href="https://example.com/x">https://example.com/x</a><sup><a href="cite:2">[2]</a></sup>' in linked
    rendered = render_markdown_with_code(f"```python\nprint(1){_marker(1)}\n```\n\n`x{_marker(2)}`")
    assert rendered.code_blocks == ("print(1)",)  # Copy copies the code as written
    assert "cite:1" not in rendered.html
    assert '<code>x<sup><a href="cite:2">[2]</a></sup></code>' in rendered.html


@pytest.mark.parametrize("sizes", [[1], [3], [7, 2]])
def test_a_cited_reply_renders_the_same_while_streaming(sizes: list[int]) -> None:
    text = join_cited_text(CITED_REPLY)[3]["text"] + f"\n\n```\ncode{_marker(1)}\nmore"
    result = stream_through(IncrementalRenderer(), chunks(text, sizes))
    assert result.html == render_markdown(text)
    assert result.code_blocks == ["code\nmore"]
    for update in result.updates:
        assert "\U000f0001" not in update.tail_html + update.finished_html  # the open code block too


def test_the_sources_list_links_only_web_pages_and_escapes_what_the_page_says(load_in_qt: LoadInQt) -> None:
    sources = [
        Source(1, "<b>Eclipse</b> & more", ECLIPSE, "3 days ago"),
        Source(2, "Evil", "javascript:alert(1)"),
        Source(3, "", "https://example.net/a"),
    ]
    html = sources_html(sources, LIGHT, heading="Sources", document="Document {n}")
    assert_only_generated_markup(html)
    assert f'<a href="{ECLIPSE}">&lt;b&gt;Eclipse&lt;/b&gt; &amp; more</a>' in html
    assert "javascript" not in html.split("Evil")[0].rsplit("<p", 1)[-1]  # no link for it
    assert 'href="javascript' not in html
    document = load_in_qt(html)
    assert document.requested == []
    lines = document.toPlainText().splitlines()
    assert lines == [
        "Sources",
        "[1] <b>Eclipse</b> & more · example.com · 3 days ago",
        "[2] Evil",
        "[3] https://example.net/a · example.net",
    ]
