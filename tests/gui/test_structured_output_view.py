"""A reply asked for as structured output (its request's ``output_config.format``): shown as formatted JSON
in a code block and checked against the schema, a mismatch or text that is not JSON said under it, never
hidden; the same from the store through the window."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.chat.structured_output import check_output
from app.render import DARK
from app.ui import message_blocks
from app.ui.message_blocks import StructuredOutputView, ThinkingView
from app.ui.message_view import MessageView
from tests.gui import window_harness
from tests.gui.transcript_samples import block_context, entry, message
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "temperature": {"type": "number"}},
    "required": ["city", "temperature"],
    "additionalProperties": False,
}
MATCHING = '{"city":"Lund","temperature":4.5}'
PRETTY = '{\n  "city": "Lund",\n  "temperature": 4.5\n}'


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(700, 500)
    window.show()
    return window


def _view(host: QWidget, content: Any, schema: dict[str, Any] | None = SCHEMA, **kwargs: Any) -> MessageView:
    item = entry(message(2, "assistant", content, **kwargs))
    view = MessageView(type(item)(item.message, output_schema=schema), block_context(), host)
    view.resize(680, 400)
    view.show()
    return view


def _json_view(view: MessageView) -> StructuredOutputView:
    block = view.blocks[-1]
    assert isinstance(block, StructuredOutputView)
    return block


@pytest.fixture(autouse=True)
def checker_loaded() -> None:
    """The checker's library loaded (as after the first structured reply): the check is made at once."""
    check_output("{}", {})


def test_while_the_checker_loads_the_reply_is_shown_and_checked_once_it_is_ready(
    qtbot: QtBot, host: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading: list[Callable[[], None]] = []
    monkeypatch.setattr(message_blocks, "checker_ready", lambda: False)
    monkeypatch.setattr(message_blocks, "load_checker", loading.append)
    view = _view(host, MATCHING)
    shown = _json_view(view)
    assert shown.check is None
    assert shown.view.code_block(0) == MATCHING  # shown at once, as it came
    assert shown.check_label.text() == "Checking against the output schema…"
    (done,) = loading
    threading.Thread(target=done).start()  # the library is loaded: the loading thread says so
    qtbot.waitUntil(lambda: shown.check is not None)
    assert shown.check_label.text() == "✓ Matches the output schema"
    assert shown.view.code_block(0) == PRETTY


def test_a_matching_reply_is_formatted_json_that_says_it_matches(host: QWidget) -> None:
    thinking = {"type": "thinking", "thinking": "Cold.", "signature": "s"}
    view = _view(host, [thinking, {"type": "text", "text": MATCHING}])
    assert isinstance(view.blocks[0], ThinkingView)
    shown = _json_view(view)
    assert shown.view.code_block(0) == PRETTY  # the code block's Copy copies it formatted
    assert '"temperature": 4.5' in shown.view.plain_text()
    assert shown.check_label.text() == "✓ Matches the output schema"
    assert shown.check_label.palette().color(shown.check_label.foregroundRole()) == block_context().colors.muted
    view.copy_markdown()
    assert QGuiApplication.clipboard().text().endswith(PRETTY)


def test_a_mismatch_is_shown_under_the_reply_with_where_and_why(host: QWidget) -> None:
    view = _view(host, '{"city": 12, "temperature": "cold", "wind": 3}')
    shown = _json_view(view)
    assert shown.check_label.isVisibleTo(shown)
    assert shown.check_label.text().splitlines() == [
        "✗ The reply does not match the output schema:",
        "  $: Additional properties are not allowed ('wind' was unexpected)",
        "  $.city: 12 is not of type 'string'",
        "  $.temperature: 'cold' is not of type 'number'",
    ]
    assert shown.check_label.palette().color(shown.check_label.foregroundRole()) == block_context().colors.error
    assert '"wind": 3' in shown.view.plain_text()  # the reply itself is still shown, formatted


def test_text_that_is_not_json_is_shown_as_it_came_and_says_so(host: QWidget) -> None:
    view = _view(host, '{"city": "Lund", "tempera', stop_reason="max_tokens")
    shown = _json_view(view)
    assert shown.view.code_block(0) == '{"city": "Lund", "tempera'
    assert shown.check_label.text() == (
        "✗ The reply is not valid JSON: Unterminated string starting at (line 1, column 18)."
    )


def test_a_reply_without_an_output_schema_is_markdown(host: QWidget) -> None:
    view = _view(host, MATCHING, schema=None)
    assert not any(isinstance(block, StructuredOutputView) for block in view.blocks)


def test_while_it_streams_the_json_shows_as_it_comes_and_is_checked_at_the_end(host: QWidget) -> None:
    view = _view(host, [], status="streaming")
    view.update_partial({"content": [{"type": "text", "text": '{"city":"Lu'}]})
    shown = _json_view(view)
    assert shown.check is None
    assert not shown.check_label.isVisibleTo(shown)
    assert shown.view.code_block(0) == '{"city":"Lu'
    view.update_partial({"content": [{"type": "text", "text": MATCHING[:-3]}]})
    assert shown.view.code_block(0) == MATCHING[:-3]
    item = entry(message(2, "assistant", MATCHING))
    view.finish(type(item)(item.message, output_schema=SCHEMA))
    assert _json_view(view) is shown
    assert shown.check is not None
    assert shown.check.matches
    assert shown.view.code_block(0) == PRETTY


def test_the_check_follows_the_theme(host: QWidget) -> None:
    view = _view(host, '{"city": 1}')
    view.set_context(block_context(DARK))
    shown = _json_view(view)
    assert shown.check_label.palette().color(shown.check_label.foregroundRole()) == block_context(DARK).colors.error


@pytest.mark.asyncio
async def test_a_stored_reply_is_checked_against_the_schema_its_request_gave(
    qtbot: QtBot,
    running: Running,
) -> None:
    store = running.store
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "Weather in Lund?")
    body = {
        "model": "claude-sonnet-5-5",
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": [{"type": "text", "text": "Weather in Lund?"}]}],
        "output_config": {"effort": "low", "format": {"type": "json_schema", "schema": SCHEMA}},
    }
    reply = store.add_message(
        conversation.id, "assistant", json.dumps({"city": "Lund"}), parent_id=question.id, request=body
    )
    running.root.view.open_conversation(conversation.id)
    await running.until(lambda: running.root.transcript.message_view(reply.id) is not None)
    view = running.root.transcript.message_view(reply.id)
    assert view is not None
    shown = _json_view(view)
    assert shown.check_label.text().splitlines() == [
        "✗ The reply does not match the output schema:",
        "  $: 'temperature' is a required property",
    ]


def test_the_json_is_the_text_the_reply_ends_with_as_written(host: QWidget) -> None:
    cited = {"type": "text", "text": '"Lund", "temperature": 4.5}', "citations": [{"type": "char_location"}]}
    cited["citations"][0] |= {"cited_text": "Lund", "document_index": 0, "start_char_index": 0, "end_char_index": 4}
    content = [
        {"type": "text", "text": "Looking."},
        {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "Lund"}},
        {"type": "text", "text": '{"city": '},
        cited,
    ]
    view = _view(host, content)
    assert view.blocks[0].markdown() == "Looking."  # the text before the search stays Markdown
    shown = _json_view(view)
    assert shown.check is not None
    assert shown.check.matches  # no citation marker in the JSON
    assert shown.view.code_block(0) == PRETTY
