"""Tool calls answered in the transcript, through the real root against the demo server: the cards, the
result editors, "Send results", the request that carries the tool_result blocks, and interrupted calls."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.demo import Drop, Stream
from app.ui.message_blocks import ToolResultView, ToolUseView
from app.ui.message_view import MessageView
from tests.fixtures.qt import focused
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server

WEATHER = {
    "name": "get_weather",
    "description": "The current weather in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}
CLOCK = {
    "name": "get_time",
    "description": "The local time in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


def _open_with_tools(app: Running, tools: list[dict[str, Any]]) -> int:
    """A new conversation, on screen, whose requests offer ``tools``."""
    root = app.root
    cid = root.controller.new_conversation()
    root.view.open_conversation(cid)
    root.store.conversations.set_params(cid, {**root.controller.params_for(cid), "tools": tools})
    return cid


def _shown(app: Running, message_id: int) -> MessageView:
    view = app.root.transcript.message_view(message_id)
    assert view is not None
    return view


def _calls(view: MessageView) -> list[ToolUseView]:
    return [block for block in view.blocks if isinstance(block, ToolUseView)]


def _click_into(qtbot: QtBot, call: ToolUseView) -> None:
    """Click into the call's result editor, as a person would before typing."""
    assert call.answer_editor is not None
    edit = call.answer_editor.text_edit
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    assert focused(edit)


def _editor_shown(call: ToolUseView) -> bool:
    return call.answer_editor is not None and call.answer_editor.isVisibleTo(call)


@pytest.mark.asyncio
async def test_tool_round_trip_from_cards_to_the_final_answer(qtbot: QtBot, running: Running) -> None:
    app = running
    cid = _open_with_tools(app, [WEATHER, CLOCK])
    asked = await app.send(qtbot, "Use get_weather and get_time for Oslo")
    reply = app.store.message(asked)
    assert reply.stop_reason == "tool_use"
    view = _shown(app, asked)
    weather, clock = _calls(view)
    stored_calls = [block for block in reply.content if block.get("type") == "tool_use"]
    assert [weather.title.text(), clock.title.text()] == ["Tool call · get_weather", "Tool call · get_time"]
    assert weather.view.plain_text() == json.dumps(stored_calls[0]["input"], indent=2)  # pretty JSON
    assert _editor_shown(weather)
    assert _editor_shown(clock)
    bar = view.answer_bar
    assert bar is not None
    assert bar.isVisibleTo(view)
    assert not bar.send_button.isEnabled()  # no result written yet
    assert "0 of 2" in bar.hint.text()

    assert weather.answer_editor is not None
    assert clock.answer_editor is not None
    _click_into(qtbot, weather)
    qtbot.keyClicks(weather.answer_editor.text_edit, "Sunny, 21 °C")
    assert not bar.send_button.isEnabled()  # one call still has no result
    requests_before = len(app.server.requests)
    qtbot.keyClick(weather.answer_editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(app.server.requests) == requests_before  # Ctrl+Enter does not send half the answers…
    assert focused(clock.answer_editor.text_edit)  # …it goes on to the call without a result
    assert weather.answer_editor.text() == "Sunny, 21 °C"  # Ctrl+Enter added no line break

    qtbot.keyClicks(clock.answer_editor.text_edit, "clock service unavailable")
    qtbot.mouseClick(clock.answer_editor.error_box, Qt.MouseButton.LeftButton)
    assert clock.answer_editor.is_error()
    assert bar.send_button.isEnabled()

    final = await app.finished_reply(lambda: qtbot.mouseClick(bar.send_button, Qt.MouseButton.LeftButton))

    sent = app.server.requests[-1].json
    assert sent is not None
    last = sent["messages"][-1]
    assert last["role"] == "user"
    assert last["content"] == [  # the tool_result blocks first, in the calls' order, nothing else
        {"type": "tool_result", "tool_use_id": stored_calls[0]["id"], "content": "Sunny, 21 °C"},
        {
            "type": "tool_result",
            "tool_use_id": stored_calls[1]["id"],
            "content": "clock service unavailable",
            "is_error": True,
        },
    ]
    answer = _shown(app, final).markdown()
    assert "Sunny, 21 °C" in answer  # the demo quotes each result…
    assert "clock service unavailable" in answer
    assert "is_error" in answer  # …and calls out the error

    # The calls are answered now: read-only, pointing at their results, which name them.
    assert [m.role for m in app.store.path(cid)] == ["user", "assistant", "user", "assistant"]
    assert not _editor_shown(weather)
    assert not _editor_shown(clock)
    assert not bar.isVisibleTo(view)
    assert weather.state.text() == "Answered · the result is below"
    assert clock.state.text() == "Answered with an error · the result is below"
    results_view = app.root.transcript.message_views()[2]
    results = [block for block in results_view.blocks if isinstance(block, ToolResultView)]
    assert [r.title.text() for r in results] == ["Result for get_weather", "Result for get_time · error"]


@pytest.mark.asyncio
async def test_ctrl_enter_sends_once_every_call_has_a_result(qtbot: QtBot, running: Running) -> None:
    app = running
    _open_with_tools(app, [WEATHER])
    asked = await app.send(qtbot, "What does get_weather say about Lund?")
    view = _shown(app, asked)
    (call,) = _calls(view)
    assert call.answer_editor is not None
    assert view.answer_bar is not None
    assert "waiting for the tool's result" in view.answer_bar.hint.text()
    edit = call.answer_editor.text_edit
    _click_into(qtbot, call)
    qtbot.keyClicks(edit, "Rain")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # a plain Enter is a new line of the result
    qtbot.keyClicks(edit, "8 °C")
    await app.finished_reply(lambda: qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    sent = app.server.requests[-1].json
    assert sent is not None
    (result,) = sent["messages"][-1]["content"]
    assert result["content"] == "Rain\n8 °C"
    assert "is_error" not in result  # only sent when true


def _interrupted_tool_call(partial_json: str) -> Stream:
    """A reply whose tool call is cut off mid-input: the connection drops before the block ends."""
    start = {
        "id": "msg_cut_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-demo",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 12, "output_tokens": 1},
    }
    call = {"type": "tool_use", "id": "toolu_cut_1", "name": "get_weather", "input": {}}
    return Stream(
        [
            {"type": "message_start", "message": start},
            {"type": "content_block_start", "index": 0, "content_block": call},
            {"type": "content_block_delta", "index": 0, "delta": {"type": "input_json_delta", "partial_json": "{"}},
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "input_json_delta", "partial_json": partial_json[1:]},
            },
            Drop(),
        ]
    )


@pytest.mark.asyncio
async def test_an_interrupted_call_is_shown_as_such_and_cannot_be_answered(qtbot: QtBot, running: Running) -> None:
    app = running
    cid = _open_with_tools(app, [WEATHER])
    app.server.script.push(_interrupted_tool_call('{"city": "Os'))
    asked = await app.send(qtbot, "Use get_weather for Oslo")
    view = _shown(app, asked)
    (call,) = _calls(view)
    assert call.incomplete
    assert call.state.text() == "Interrupted: the input never completed"
    assert call.view.plain_text() == '{"city": "Os'  # the raw text, never shown as if it were the input
    assert call.answer_editor is None  # no editor…
    assert view.answer_bar is None  # …and nothing to send
    assert call.interrupted_row.isVisibleTo(call)
    assert "Regenerate" in call.interrupted_hint.text()

    # Even asked directly, the controller refuses to answer it as if it were valid.
    problems: list[str] = []
    app.root.controller.problem.connect(problems.append)
    requests_before = len(app.server.requests)
    app.root.controller.answer_tools(asked, [{"tool_use_id": "toolu_cut_1", "content": "x", "is_error": False}])
    assert problems
    assert len(app.server.requests) == requests_before

    # The card's Regenerate asks again: a new version of the reply, answerable this time.
    again = await app.finished_reply(lambda: qtbot.mouseClick(call.regenerate_button, Qt.MouseButton.LeftButton))
    assert again != asked
    assert app.store.message(again).parent_id == app.store.message(asked).parent_id
    (new_call,) = _calls(_shown(app, again))
    assert not new_call.incomplete
    assert _editor_shown(new_call)
    assert app.store.path(cid)[-1].id == again


@pytest.mark.asyncio
async def test_the_head_of_the_branch_is_what_waits_for_results(qtbot: QtBot, running: Running) -> None:
    """Answering follows the branch shown: a regenerated reply takes over, and going back to the first
    version (still unanswered, now the head again) offers its editors again."""
    app = running
    _open_with_tools(app, [WEATHER])
    first = await app.send(qtbot, "Use get_weather for Oslo")
    view = _shown(app, first)
    assert view.awaits_tool_results()
    second = await app.finished_reply(lambda: qtbot.mouseClick(view.regenerate_button, Qt.MouseButton.LeftButton))
    assert app.root.transcript.message_view(first) is None  # the other version is shown instead
    (call,) = _calls(_shown(app, second))
    assert _editor_shown(call)
    navigator = _shown(app, second).navigator
    assert navigator is not None
    qtbot.mouseClick(navigator.previous_button, Qt.MouseButton.LeftButton)
    again = _shown(app, first)
    assert again.awaits_tool_results()
    (call,) = _calls(again)
    assert _editor_shown(call)
    assert call.answer_editor is not None
    call.answer_editor.set_text("Cloudy")
    final = await app.finished_reply(again.submit_tool_results)
    assert not again.awaits_tool_results()
    assert not _editor_shown(call)
    assert not _shown(app, final).awaits_tool_results()  # an end_turn answer: nothing to answer


ANSWER = {  # the model fills a tool's arguments in the order of its schema: here, reasoning first
    "name": "give_answer",
    "description": "The final answer, after the reasoning behind it.",
    "input_schema": {
        "type": "object",
        "properties": {"reasoning": {"type": "string"}, "answer": {"type": "string"}},
        "required": ["reasoning", "answer"],
    },
}


@pytest.mark.asyncio
async def test_tool_definitions_keep_their_key_order_in_the_store_the_request_and_the_editor(
    qtbot: QtBot, running: Running
) -> None:
    app = running
    root = app.root
    await app.send(qtbot, "hello")
    cid = root.current
    assert cid is not None
    root.parameters.open_tools_editor()
    dialog = root.parameters.tools_dialog
    assert dialog is not None
    dialog.editor.editor.setPlainText(json.dumps([ANSWER], indent=2))
    dialog.editor.validate()
    dialog.hide()
    stored = app.store.conversation(cid).params["tools"]
    assert json.dumps(stored) == json.dumps([ANSWER])  # the same keys in the same order
    await app.send(qtbot, "Use give_answer")
    sent = [r for r in app.server.requests if r.path == "/v1/messages"][-1].json
    assert sent is not None
    assert list(sent["tools"][0]) == ["name", "description", "input_schema"]
    assert list(sent["tools"][0]["input_schema"]["properties"]) == ["reasoning", "answer"]

    root.view.new_conversation()
    root.view.open_conversation(cid)
    root.parameters.open_tools_editor()
    assert dialog.editor.editor.toPlainText() == json.dumps([ANSWER], indent=2)  # as written, name first
