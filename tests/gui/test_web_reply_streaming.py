"""A reply that searched the web, streamed by the demo server (scripted: the API's own events, citations as
``citations_delta``) through the real root into the transcript: what it shows while it streams and at the
end, what is stored, and that the next request sends the reply back exactly as it came (thinking with
display "omitted", the server tool blocks, the citations)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.demo import Pause, Stream, text_events
from app.ui.message_blocks import AssistantTextView, ThinkingView
from app.ui.web_blocks import ServerToolUseView, WebSearchResultView
from tests.fixtures.server_tools import CITED_REPLY, CITED_REPLY_USAGE, OMITTED_THINKING, reply_events
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server

MODEL = "claude-sonnet-5-5"
CONTENT: list[dict[str, Any]] = [OMITTED_THINKING, *CITED_REPLY]


def _paced(events: list[dict[str, Any]]) -> Stream:
    """The events with short pauses, and a longer one while the search runs (so the view shows it)."""
    items: list[Any] = []
    for event in events:
        items.append(event)
        block = event.get("content_block") or {}
        items.append(Pause(0.25 if block.get("type") == "web_search_tool_result" else 0.004))
    return Stream(items)


@pytest.mark.asyncio
async def test_a_streamed_web_search_reply_shows_its_search_and_citations_and_goes_back_verbatim(
    qtbot: QtBot,
    running: Running,
) -> None:
    root = running.root
    running.server.script.push(_paced(reply_events(CONTENT, model=MODEL, usage=CITED_REPLY_USAGE, chunk=5)))
    seen: list[str] = []  # what the search line said after each update
    answers: list[str] = []  # the cited answer's Markdown after each update

    def record(_cid: int, message_id: int, _partial: dict[str, Any]) -> None:
        view = root.transcript.message_view(message_id)
        blocks = view.blocks if view is not None else []
        seen.extend(block.label.text() for block in blocks if isinstance(block, ServerToolUseView))
        texts = [block for block in blocks if isinstance(block, AssistantTextView)]
        if len(texts) == 2:
            answers.append(texts[1].view.text)

    root.controller.reply_progress.connect(record)  # after the transcript's own slot
    reply_id = await running.send(qtbot, "Is it safe to watch the eclipse?")

    stored = running.store.message(reply_id)
    assert stored.content == CONTENT  # citations_delta gathered into each block's citations, nothing else added
    assert stored.usage is not None
    assert stored.usage["server_tool_use"] == {"web_search_requests": 1, "web_fetch_requests": 0}
    assert "Searched the web: “solar eclipse viewing safety 2026”" in seen
    assert seen[0] in ("Searching the web…", "Searched the web: “solar eclipse viewing safety 2026”")
    assert answers
    for earlier, later in itertools.pairwise(answers):
        assert later.startswith(earlier)  # markers never moved: the view went on rendering, never restarted

    view = root.transcript.message_view(reply_id)
    assert view is not None
    kinds = [type(block) for block in view.blocks]
    assert kinds == [ThinkingView, AssistantTextView, ServerToolUseView, WebSearchResultView, AssistantTextView]
    answer = view.blocks[4]
    assert isinstance(answer, AssistantTextView)
    assert "looking at the Sun safe[1], and" in answer.view.plain_text()
    assert [source.number for source in answer.sources] == [1, 2]
    assert " · 1 search · " in view.footer.text()

    # The next turn sends the reply back as it came: signature, server tool blocks and citations included.
    running.server.script.push(Stream(text_events("You're welcome.", model=MODEL)))
    await running.send(qtbot, "Thanks")
    sent = [request.json for request in running.server.requests if request.path == "/v1/messages"][-1]
    assert sent is not None
    assert sent["messages"][1] == {"role": "assistant", "content": CONTENT}
