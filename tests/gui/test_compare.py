"""A/B compare through the real composition root against the demo server: the window opened from the menu
command, sets edited as a person would, replies streaming side by side, Stop per column, Keep this / Keep all."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QPalette
from pytestqt.qtbot import QtBot

from app.api import ModelInfo
from app.api.params import SETS_ITS_OWN_SAMPLING, rules_for
from app.demo import Hang, Pause, Stream, text_events
from app.render import DARK, LIGHT, Theme, stylesheet
from app.store import NotFoundError
from app.ui.actions import COMPARE_SHORTCUT as SHORTCUT
from app.ui.compare import MAX_TOKENS_LIMIT, CompareColumn, CompareWindow, ParameterSetEditor
from app.ui.message_blocks import AssistantTextView, StructuredOutputView
from app.ui.output_schema_editor import EXAMPLE_SCHEMAS, example_names
from app.ui.transcript_style import TranscriptColors
from app.wiring.compare import CompareFeature
from tests.fixtures.qt import turn_wheel
from tests.fixtures.reply_events import reply_events
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


def feature(running: Running) -> CompareFeature:
    return running.root.compare


async def open_compare(qtbot: QtBot, running: Running, prompt: str = "") -> CompareWindow:
    """Type ``prompt`` into the composer, then choose Conversation → Compare Parameters…"""
    if prompt:
        running.root.composer.focus_input()
        qtbot.keyClicks(running.root.composer.edit, prompt)
    running.root.window.commands.compare.trigger()
    window = feature(running).window
    assert window is not None
    assert window.isVisible()
    await running.until(window.isActiveWindow)  # its keyboard shortcuts work
    return window


def set_temperature(column: CompareColumn, value: float) -> None:
    column.editor.temperature.enable.setChecked(True)
    column.editor.temperature.spin.setValue(value)


def slow(text: str, *, hang: bool = False) -> Stream:
    """A reply that sends its first words, then waits a moment before the rest (or hangs until stopped)."""
    events = text_events(text, model="claude-demo-sonnet-4-6", chunk=4)
    rest: list[Any] = [Hang()] if hang else [Pause(0.3), *events[5:]]
    return Stream([*events[:5], *rest])


@pytest.mark.asyncio
async def test_two_sets_stream_side_by_side_and_keep_this_leaves_one_reply(qtbot: QtBot, running: Running) -> None:
    root = running.root
    assert root.current is None  # a new conversation: the compare starts it
    commands = [a for m in root.window.menuBar().actions() if m.menu() for a in m.menu().actions()]  # type: ignore[union-attr]
    assert running.root.window.commands.compare in commands
    assert running.root.window.commands.compare.shortcut().toString() == SHORTCUT
    window = await open_compare(qtbot, running, "Tell me about rivers")
    assert window.prompt.toPlainText() == "Tell me about rivers"
    assert window.focusWidget() is window.prompt  # the first thing to write
    assert len(window.columns) == 2
    assert window.columns[0].editor.model_id() == root.parameters.model_id()
    set_temperature(window.columns[0], 0.2)
    set_temperature(window.columns[1], 1.0)
    assert "T 0.2" in window.columns[0].section.summary.text()
    running.server.script.push(slow("Rivers carve valleys over a very long time."))
    running.server.script.push(slow("Rivers carve valleys over a very long time."))

    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)

    cid = root.current
    assert cid is not None
    assert root.sidebar.current_conversation_id() == cid
    assert root.composer.text() == ""  # the message went out with the compare
    assert window.run_button.text() == "Run Again"
    # Both replies stream at once, each into its own column.
    await running.until(lambda: all(c.pane.markdown() for c in window.columns))
    assert len(root.controller.streaming_replies(cid)) == 2
    assert all(c.stop_button.isEnabled() for c in window.columns)
    assert "out ~" in window.columns[0].figures.text()
    await running.until(lambda: not root.controller.is_streaming(cid))
    assert sorted(r.json["temperature"] for r in running.server.requests[-2:]) == [0.2, 1.0]
    for column in window.columns:
        figures = column.figures.text()
        for part in ("in ", "out ", "$0", "first token", "tok/s"):
            assert part in figures
        assert "~" not in figures  # the stored figures replaced the estimates
        assert column.pane.markdown().startswith("Rivers carve valleys")
        assert not column.stop_button.isEnabled()
    replies = running.store.messages.siblings(running.store.path(cid)[-1].id)
    assert len(replies) == 2

    keep = window.columns[0].keep_button
    assert keep.text() == "Keep This"
    assert "this set's parameters" in keep.toolTip()  # it says what it does besides keeping the reply
    assert "Keep This keeps one reply and goes on with its set's parameters" in window.message.text()

    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)  # "Keep This"

    await running.until(lambda: len(running.store.messages.siblings(replies[0].id)) == 1)
    assert feature(running).window is None  # the window closed (without asking: the choice was made)
    assert running.prompts.asked == []
    # ...and does it: the conversation goes on with the kept set's parameters, shown in the panel.
    assert running.store.conversation(cid).params["temperature"] == 0.2
    assert root.parameters.params()["temperature"] == 0.2
    with pytest.raises(NotFoundError):
        running.store.message(replies[1].id)
    assert [m.role for m in running.store.path(cid)] == ["user", "assistant"]
    assert running.store.path(cid)[-1].id == replies[0].id
    await running.until(lambda: root.transcript.message_views()[-1].message_id == replies[0].id)
    assert (
        root.transcript.message_views()[-1].navigator is None
        or not root.transcript.message_views()[-1].navigator.isVisible()
    )
    assert running.reply_texts() == ["Tell me about rivers", replies[0].text]


@pytest.mark.asyncio
async def test_stopping_one_leaves_the_other_running_and_keep_all_leaves_siblings(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    await running.send(qtbot, "hello")
    cid = root.current
    assert cid is not None
    window = await open_compare(qtbot, running)
    assert window.prompt.toPlainText() == ""
    window.prompt.setPlainText("Which is faster?")
    running.server.script.push(slow("Hanging answer that never ends", hang=True))
    running.server.script.push(slow("Finishing answer arrives in the end."))
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: all(c.pane.markdown() for c in window.columns))
    hanging = next(i for i, c in enumerate(window.columns) if c.pane.markdown().startswith("Hang"))
    other = 1 - hanging

    qtbot.mouseClick(window.columns[hanging].stop_button, Qt.MouseButton.LeftButton)

    await running.until(lambda: window.columns[hanging].state.text() == "Stopped.")
    assert window.columns[other].stop_button.isEnabled()  # the other one still streams
    await running.until(lambda: not window.columns[other].stop_button.isEnabled())
    assert window.columns[other].pane.markdown() == "Finishing answer arrives in the end."
    assert not window.stop_all_button.isEnabled()
    stopped_figures = window.columns[hanging].figures.text()
    assert "out " in stopped_figures
    ids = feature(running).run.reply_ids  # type: ignore[union-attr]
    assert running.store.message(ids[hanging]).status == "stopped"
    assert running.store.message(ids[other]).status == "complete"

    window.columns[hanging].keep_all_action.trigger()  # "Keep All, Show This"

    await running.until(lambda: running.store.path(cid)[-1].id == ids[hanging])
    assert [m.id for m in running.store.messages.siblings(ids[0])] == ids
    await running.until(lambda: root.transcript.message_views()[-1].message_id == ids[hanging])
    navigator = root.transcript.message_views()[-1].navigator
    assert navigator is not None
    assert navigator.label.text() == f"{hanging + 1}/2"
    assert running.store.conversation(cid).message_count == 5


@pytest.mark.asyncio
async def test_a_blocking_set_refuses_run_with_its_message(qtbot: QtBot, running: Running) -> None:
    window = await open_compare(qtbot, running, "hi")
    editor = window.columns[1].editor
    editor.max_tokens.setValue(1024)
    editor.thinking.setCurrentIndex(editor.thinking.findData("budget"))
    editor.budget.setValue(1024)
    note = window.columns[1].problems
    assert note.severity == "error"
    assert "less than max_tokens" in note.text()
    assert window.columns[0].problems.severity is None

    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)

    assert window.message.text().startswith("Set 2: ")
    assert "less than max_tokens" in window.message.text()
    assert not window.running
    assert [r for r in running.server.requests if r.path == "/v1/messages"] == []
    assert running.root.current is None
    assert running.store.list_conversations() == []
    editor.thinking.setCurrentIndex(editor.thinking.findData("off"))
    assert note.severity is None


@pytest.mark.asyncio
async def test_the_sets_keep_the_key_order_of_the_tool_definitions(qtbot: QtBot, running: Running) -> None:
    properties = {"reasoning": {"type": "string"}, "answer": {"type": "string"}}  # the model fills them in order
    tool = {"name": "give_answer", "input_schema": {"type": "object", "properties": properties}}
    running.root.parameters.apply({**running.root.parameters.params(), "tools": [tool]})
    window = await open_compare(qtbot, running, "hi")
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    cid = running.root.current
    assert cid is not None
    await running.until(lambda: not running.root.controller.is_streaming(cid))
    sent = [r.json for r in running.server.requests if r.path == "/v1/messages"]
    assert len(sent) == 2
    for body in sent:
        assert body is not None
        assert list(body["tools"][0]) == ["name", "input_schema"]
        assert list(body["tools"][0]["input_schema"]["properties"]) == ["reasoning", "answer"]


@pytest.mark.asyncio
async def test_a_set_with_temperature_and_top_p_offers_which_one_to_send(qtbot: QtBot, running: Running) -> None:
    window = await open_compare(qtbot, running, "Pick one")
    first, second = window.columns
    assert not rules_for(first.editor.model_id()).temperature_with_top_p
    set_temperature(first, 0.4)
    first.editor.top_p.enable.setChecked(True)
    first.editor.top_p.spin.setValue(0.9)
    set_temperature(second, 0.7)
    choice = first.editor.sampling_choice
    assert choice.isVisibleTo(window)
    assert not second.editor.sampling_choice.isVisibleTo(window)  # only temperature there: nothing to choose
    assert choice.send_temperature.isChecked()
    assert "only temperature is sent" in choice.note.text()
    assert first.problems.text() == ""  # said once, with the choice
    assert first.section.badge.isVisibleTo(window)

    qtbot.mouseClick(choice.send_top_p, Qt.MouseButton.LeftButton, pos=QPoint(8, choice.send_top_p.height() // 2))

    assert first.editor.params()["sampling_preference"] == "top_p"
    assert "only top_p is sent" in choice.note.text()
    running.server.script.push(slow("One."))
    running.server.script.push(slow("Two."))
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    cid = running.root.current
    assert cid is not None
    await running.until(lambda: not running.root.controller.is_streaming(cid))
    sent = sorted(
        ((r.json.get("temperature"), r.json.get("top_p")) for r in running.server.requests[-2:] if r.json),
        key=str,
    )
    assert sent == [(0.7, None), (None, 0.9)]
    assert not choice.isEnabled()  # the sets are read-only once the run started
    window.close()


def test_the_editor_takes_the_wheel_only_in_a_focused_field(qtbot: QtBot) -> None:
    editor = ParameterSetEditor()
    qtbot.addWidget(editor)
    editor.set_models([ModelInfo("m-1", "Model One"), ModelInfo("m-2", "Model Two")])
    editor.set_params({"model": "m-1", "max_tokens": 2000, "temperature": 0.5})
    editor.show()
    changes: list[None] = []
    editor.changed.connect(lambda: changes.append(None))
    editor.system.setFocus()
    for field in (editor.max_tokens, editor.temperature.spin, editor.model):
        turn_wheel(field, -1)
    assert editor.params()["max_tokens"] == 2000
    assert editor.params()["temperature"] == 0.5
    assert editor.model_id() == "m-1"
    assert changes == []
    editor.max_tokens.setFocus()
    turn_wheel(editor.max_tokens, 1)
    assert editor.params()["max_tokens"] == 2000 + 256


@pytest.mark.asyncio
async def test_four_sets_at_most_and_closing_keeps_every_reply(qtbot: QtBot, running: Running) -> None:
    window = await open_compare(qtbot, running, "Four ways to say hello")
    assert not window.columns[0].remove_button.isEnabled()  # never fewer than two
    while window.add_button.isEnabled():
        qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert len(window.columns) == 4
    assert [c.title.text() for c in window.columns] == ["Set 1", "Set 2", "Set 3", "Set 4"]
    set_temperature(window.columns[3], 0.7)
    qtbot.mouseClick(window.columns[1].remove_button, Qt.MouseButton.LeftButton)
    assert [c.title.text() for c in window.columns] == ["Set 1", "Set 2", "Set 3"]
    assert window.columns[2].editor.temperature.value() == 0.7
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)  # a copy of the last set
    assert window.columns[3].editor.temperature.value() == 0.7
    assert window.add_button.isEnabled() is False

    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)

    cid = running.root.current
    assert cid is not None
    assert running.root.controller.is_streaming(cid)  # the streams run while the window stays usable
    await running.until(lambda: not running.root.controller.is_streaming(cid))
    sent = [r.json for r in running.server.requests if r.path == "/v1/messages"]
    assert len(sent) == 4
    assert sorted(r.get("temperature", -1) for r in sent) == [-1, -1, 0.7, 0.7]
    running.prompts.answer("choose_items", [0, 1, 2, 3])  # closing asks; all ticked
    window.close()
    assert feature(running).window is None
    replies = running.store.messages.siblings(running.store.path(cid)[-1].id)
    assert len(replies) == 4  # all of them kept, as branches
    assert all(r.status == "complete" for r in replies)


@pytest.mark.asyncio
async def test_escape_stops_every_reply(qtbot: QtBot, running: Running) -> None:
    window = await open_compare(qtbot, running, "wait for it")
    running.server.script.push(slow("Hanging one", hang=True))
    running.server.script.push(slow("Hanging two", hang=True))
    qtbot.keyClick(window.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Run
    assert window.running
    await running.until(lambda: all(c.pane.markdown() for c in window.columns))
    assert window.stop_all_button.isEnabled()

    qtbot.keyClick(window.prompt, Qt.Key.Key_Escape)

    await running.until(lambda: all(c.state.text() == "Stopped." for c in window.columns))
    assert not window.stop_all_button.isEnabled()
    assert [m.status for m in running.store.messages.siblings(feature(running).run.reply_ids[0])] == [
        "stopped",
        "stopped",
    ]  # type: ignore[union-attr]

    assert window.isVisible()  # the first Esc only stopped the replies
    running.prompts.answer("choose_items", [0, 1])
    qtbot.keyClick(window.prompt, Qt.Key.Key_Escape)  # nothing left to stop: Esc closes the window
    assert feature(running).window is None
    assert running.prompts.asked == [("choose_items", "Keep Which Replies?")]


@pytest.mark.asyncio
async def test_run_again_sends_the_edited_prompt_with_the_same_sets_and_replaces_the_replies(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    await running.send(qtbot, "hello")
    cid = root.current
    assert cid is not None
    before = running.store.path(cid)[-1].id
    window = await open_compare(qtbot, running, "Name a river")
    set_temperature(window.columns[0], 0.2)
    set_temperature(window.columns[1], 0.9)
    running.server.script.push(slow("First answer hangs", hang=True))
    running.server.script.push(slow("First answer hangs", hang=True))
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: all(c.pane.markdown() for c in window.columns))
    assert window.run_button.isEnabled()  # even while they stream: running again stops them
    assert window.run_button.text() == "Run Again"
    assert not window.prompt.isReadOnly()
    assert not window.columns[0].editor.temperature.isEnabled()  # the sets stay as they ran

    window.prompt.setPlainText("Name a long river")
    running.server.script.push(slow("The Nile is long."))
    running.server.script.push(slow("The Amazon is long."))
    qtbot.keyClick(window.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Run Again

    await running.until(lambda: feature(running).run is not None and not root.controller.is_streaming(cid))
    await running.until(lambda: all(not c.stop_button.isEnabled() for c in window.columns))
    sent = [r.json for r in running.server.requests if r.path == "/v1/messages"][-2:]
    assert sorted(r["temperature"] for r in sent) == [0.2, 0.9]  # the same sets
    assert [r["messages"][-1]["content"][-1]["text"] for r in sent] == ["Name a long river"] * 2
    assert all(len(r["messages"]) == 3 for r in sent)  # hello, its reply, the new prompt: not the first prompt
    assert sorted(c.pane.markdown() for c in window.columns) == ["The Amazon is long.", "The Nile is long."]
    # The first run's prompt and replies are gone (their ids may be used again); the new ones follow the
    # message before it.
    assert running.store.conversation(cid).message_count == 5
    new_ids = feature(running).run.reply_ids  # type: ignore[union-attr]
    question = running.store.message(new_ids[0]).parent_id
    assert question is not None
    assert running.store.message(question).text == "Name a long river"
    assert [m.id for m in running.store.messages.children(before)] == [question]
    assert sorted(m.text for m in running.store.messages.children(question)) == [
        "The Amazon is long.",
        "The Nile is long.",
    ]
    await running.until(lambda: root.transcript.message_views()[-1].message_id in new_ids)
    running.prompts.answer("choose_items", [0, 1])
    window.close()


@pytest.mark.asyncio
async def test_a_refused_run_again_leaves_no_replies_and_run_is_offered_again(qtbot: QtBot, running: Running) -> None:
    root = running.root
    window = await open_compare(qtbot, running, "First try")
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    cid = root.current
    assert cid is not None
    await running.until(lambda: all(not c.stop_button.isEnabled() for c in window.columns))
    root.connections.drop_connection()

    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)  # Run Again, with no provider

    await running.until(lambda: "No provider is set up yet" in window.message.text())
    assert window.run_button.isEnabled()
    assert all(not c.pane.markdown() and not c.keep_button.isEnabled() for c in window.columns)
    assert running.store.conversation(cid).message_count == 0  # the first run's replies went
    window.close()  # nothing left to choose from: no question
    assert feature(running).window is None
    assert running.prompts.asked == []
    await running.until(lambda: running.store.list_conversations() == [])


@pytest.mark.asyncio
async def test_closing_asks_which_replies_to_keep_and_cancel_keeps_the_window(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "hello")
    cid = root.current
    assert cid is not None
    params_before = running.store.conversation(cid).params
    window = await open_compare(qtbot, running, "Pick one")
    set_temperature(window.columns[1], 0.4)
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    running.server.script.push(slow("Answer one."))
    running.server.script.push(slow("Answer two."))
    running.server.script.push(slow("Answer three."))
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: all(not c.stop_button.isEnabled() for c in window.columns))
    ids = feature(running).run.reply_ids  # type: ignore[union-attr]

    window.close()  # unanswered: cancelled

    assert window.isVisible()
    assert feature(running).window is window
    labels = running.prompts.offered[-1]
    assert [label.split(" (")[0] for label in labels] == ["Set 1", "Set 2", "Set 3"]
    assert "T 0.4" in labels[1]
    assert labels[1].endswith(window.columns[1].pane.markdown())  # which reply is which

    running.prompts.answer("choose_items", [1, 2])
    window.close()

    assert feature(running).window is None
    await running.until(lambda: running.store.path(cid)[-1].id == ids[1])  # the first kept is shown
    assert [m.id for m in running.store.messages.siblings(ids[1])] == ids[1:]
    with pytest.raises(NotFoundError):
        running.store.message(ids[0])
    assert running.store.conversation(cid).params == params_before  # no set's parameters adopted
    await running.until(lambda: root.transcript.message_views()[-1].message_id == ids[1])


@pytest.mark.asyncio
async def test_quitting_asks_which_replies_to_keep_and_cancel_keeps_samtal_open(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "hello")
    cid = root.current
    assert cid is not None
    window = await open_compare(qtbot, running, "Pick one")
    running.server.script.push(slow("Answer one."))
    running.server.script.push(slow("Answer two."))
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: all(not c.stop_button.isEnabled() for c in window.columns))
    ids = feature(running).run.reply_ids  # type: ignore[union-attr]

    root.window.commands.quit.trigger()  # Ctrl+Q, unanswered: cancelled

    assert running.prompts.asked == [("choose_items", "Keep Which Replies?")]
    assert root.window.isVisible()
    assert window.isVisible()
    assert not root.finished.done()

    running.prompts.answer("choose_items", [1])
    root.window.close()  # the window's close button asks the same

    await asyncio.wait_for(root.finished, 10)
    assert running.prompts.asked[-1] == ("choose_items", "Keep Which Replies?")
    assert feature(running).window is None
    with pytest.raises(NotFoundError):
        running.store.message(ids[0])
    assert running.store.path(cid)[-1].id == ids[1]


@pytest.mark.asyncio
async def test_closing_with_no_reply_kept_leaves_nothing_of_the_compare(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "hello")
    cid = root.current
    assert cid is not None
    before = running.store.path(cid)
    window = await open_compare(qtbot, running, "Never mind")
    running.server.script.push(slow("Hanging one", hang=True))
    running.server.script.push(slow("Hanging two", hang=True))
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: all(c.pane.markdown() for c in window.columns))
    running.prompts.answer("choose_items", [])

    window.close()  # while they stream: they are stopped, then deleted

    await running.until(lambda: [m.id for m in running.store.path(cid)] == [m.id for m in before])
    await running.until(lambda: not root.controller.is_streaming(cid))
    assert running.store.conversation(cid).message_count == 2
    assert [v.message_id for v in root.transcript.message_views()] == [m.id for m in before]


@pytest.mark.asyncio
async def test_no_reply_kept_of_a_compare_that_started_its_conversation_leaves_no_conversation(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    window = await open_compare(qtbot, running, "A passing question")
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    cid = root.current
    assert cid is not None
    await running.until(lambda: not root.controller.is_streaming(cid))
    running.prompts.answer("choose_items", [])

    window.close()

    await running.until(lambda: running.store.list_conversations() == [])
    assert root.current is None
    assert root.list_model.rowCount() == 0


@pytest.mark.asyncio
async def test_escape_closes_the_window_when_nothing_runs(qtbot: QtBot, running: Running) -> None:
    window = await open_compare(qtbot, running, "not sent")
    qtbot.keyClick(window.prompt, Qt.Key.Key_Escape)
    assert feature(running).window is None
    assert [r for r in running.server.requests if r.path == "/v1/messages"] == []


# --- the parameter set editor on its own ---


def test_the_editor_turns_parameters_off_with_none_and_keeps_what_it_has_no_field_for(qtbot: QtBot) -> None:
    editor = ParameterSetEditor()
    qtbot.addWidget(editor)
    editor.set_models([ModelInfo("m-1", "Model One", max_tokens=8000)])
    system = [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]
    editor.set_params(
        {"model": "m-1", "max_tokens": 2000, "temperature": 0.3, "top_k": 5, "system": system, "tools": [{"name": "t"}]}
    )
    assert editor.model.currentText() == "Model One"
    assert editor.max_tokens.maximum() == 8000
    assert editor.system.toPlainText() == "Be brief."
    assert editor.summary() == "Model One · T 0.3 · k 5"
    editor.top_k.enable.setChecked(False)
    editor.thinking.setCurrentIndex(editor.thinking.findData("budget"))
    editor.budget.setValue(1500)
    assert editor.params() == {
        "model": "m-1",
        "max_tokens": 2000,
        "temperature": 0.3,
        "top_p": None,
        "top_k": None,
        "thinking": {"type": "enabled", "budget_tokens": 1500},
        "effort": None,  # off: None overrides the conversation's
        "output_format": None,
        "cache_ttl": None,
        "web_search": None,
        "web_fetch": None,
        "service_tier": None,
        "system": system,  # given as blocks (with cache control): kept until edited
        "tools": [{"name": "t"}],
    }
    editor.system.setPlainText("Be very brief.")
    editor.model.setEditText("other-model")
    params = editor.params()
    assert params["system"] == "Be very brief."
    assert params["model"] == "other-model"
    assert editor.max_tokens.maximum() == MAX_TOKENS_LIMIT  # an unknown model: no known output limit


def test_changes_are_reported_and_loading_is_not(qtbot: QtBot) -> None:
    editor = ParameterSetEditor()
    qtbot.addWidget(editor)
    changes: list[None] = []
    editor.changed.connect(lambda: changes.append(None))
    editor.set_params({"model": "m", "max_tokens": 100, "thinking": {"type": "enabled", "budget_tokens": 1024}})
    assert changes == []
    assert editor.thinking.value() == "budget"
    assert editor.budget.value() == 1024
    editor.max_tokens.setValue(200)
    editor.temperature.enable.setChecked(True)
    editor.system.setPlainText("x")
    assert len(changes) == 3


@pytest.mark.asyncio
async def test_a_refused_run_says_why_and_leaves_no_trace(qtbot: QtBot, running: Running) -> None:
    root = running.root
    window = await open_compare(qtbot, running, "a first message")
    root.composer.flush_draft()  # typed text is saved as the draft after a pause; now
    root.connections.drop_connection()

    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)

    assert "No provider is set up yet" in window.message.text()
    assert not window.running
    assert root.current is None
    assert running.store.list_conversations() == []  # the conversation made for the run went again
    assert root.list_model.rowCount() == 0
    assert root.composer.text() == "a first message"  # the new conversation's draft is back
    window.close()


@pytest.mark.asyncio
async def test_a_conversation_still_streaming_refuses_the_run(qtbot: QtBot, running: Running) -> None:
    root = running.root
    await running.send(qtbot, "hello")
    cid = root.current
    assert cid is not None
    window = await open_compare(qtbot, running, "compare this")
    running.server.script.push(slow("Still going", hang=True))
    root.controller.regenerate(running.store.path(cid)[-1].id)
    await running.until(lambda: root.controller.streaming_replies(cid)[0][1])  # its first words arrived

    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)

    assert "still streaming" in window.message.text()
    assert not window.running
    assert root.composer.text() == "compare this"  # nothing went out
    root.controller.stop(cid)
    await running.until(lambda: not root.controller.is_streaming(cid))
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)  # now it runs
    assert window.running
    assert root.composer.text() == ""
    await running.until(lambda: not root.controller.is_streaming(cid))


class _Browser(QObject):
    """Stands in for the system browser: collects the URLs Qt would open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.mark.asyncio
async def test_a_link_in_a_reply_opens_like_the_transcripts_links(qtbot: QtBot, running: Running) -> None:
    window = await open_compare(qtbot, running, "Show me a link")
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    cid = running.root.current
    await running.until(lambda: cid is not None and not running.root.controller.is_streaming(cid))
    text_view = next(b for b in window.columns[1].pane.blocks if b.kind == "text")
    browser = _Browser()
    QDesktopServices.setUrlHandler("https", browser, "open")
    try:
        text_view.link_activated.emit(QUrl("https://example.com/docs"))
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert browser.opened == ["https://example.com/docs"]


@pytest.mark.asyncio
async def test_the_replies_follow_the_theme_when_opened_and_when_switched(qtbot: QtBot, running: Running) -> None:
    root = running.root

    def shown_in(window: CompareWindow, theme: Theme) -> bool:
        background = TranscriptColors.from_theme(theme).background
        return all(
            column.pane.palette().color(QPalette.ColorRole.Window) == background
            and all(
                block.view.document().defaultStyleSheet() == stylesheet(theme)
                for block in column.pane.blocks
                if isinstance(block, AssistantTextView)
            )
            for column in window.columns
        )

    try:
        root.profiles.set_theme("dark")
        window = await open_compare(qtbot, running, "Say something short")
        assert shown_in(window, DARK)  # not light panes in a dark window
        await running.finished_reply(window.run)
        await running.until(lambda: all(c.pane.markdown() for c in window.columns))
        assert any(isinstance(b, AssistantTextView) for b in window.columns[0].pane.blocks)
        assert shown_in(window, DARK)
        root.profiles.set_theme("light")  # while the window is open
        assert shown_in(window, LIGHT)
        assert "Say something short" in window.columns[0].pane.markdown()  # rendered again, not lost
    finally:
        root.profiles.set_theme("system")


@pytest.mark.asyncio
async def test_a_declined_reply_says_so_in_its_column(qtbot: QtBot, running: Running) -> None:
    refusal = {"type": "refusal", "category": "cyber", "explanation": "Exploit code was asked for."}
    window = await open_compare(qtbot, running, "Write an exploit")
    running.server.script.push(Stream(reply_events([], stop_reason="refusal", stop_details=refusal)))
    running.server.script.push(Stream(reply_events([], stop_reason="refusal", stop_details=refusal)))
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: all(c.state.text().startswith("Declined") for c in window.columns))
    assert window.columns[0].state.text() == "Declined: cyber: Exploit code was asked for."


def test_a_set_offers_what_its_model_takes_and_sends_the_new_parameters(qtbot: QtBot) -> None:
    editor = ParameterSetEditor()
    qtbot.addWidget(editor)
    editor.set_params({"model": "claude-demo-haiku-5", "max_tokens": 4000, "temperature": 0.3})
    editor.show()
    assert not editor.temperature.enable.isEnabled()  # the 5 family sets its own sampling
    assert editor.temperature.toolTip() == SETS_ITS_OWN_SAMPLING
    hidden = [
        str(editor.effort.itemData(row))
        for row in range(editor.effort.count())
        if editor.effort.view().isRowHidden(row)  # type: ignore[attr-defined]
    ]
    assert hidden == ["xhigh", "max"]  # Haiku 5 takes low, medium and high
    assert editor.thinking.view().isRowHidden(editor.thinking.findData("budget"))  # type: ignore[attr-defined]
    changes: list[None] = []
    editor.changed.connect(lambda: changes.append(None))
    editor.effort.setCurrentIndex(editor.effort.findData("low"))
    editor.thinking.setCurrentIndex(editor.thinking.findData("adaptive"))
    assert not editor.budget.isVisibleTo(editor)
    editor.display.setCurrentIndex(editor.display.findData("omitted"))
    editor.more.set_expanded(True)
    editor.cache.setCurrentIndex(editor.cache.findData("1h"))
    editor.web_search.setChecked(True)
    editor.service_tier.setCurrentIndex(editor.service_tier.findData("standard_only"))
    assert len(changes) == 6
    params = editor.params()
    assert params["effort"] == "low"
    assert params["thinking"] == {"type": "adaptive", "display": "omitted"}
    assert params["cache_ttl"] == "1h"
    assert params["web_search"] == {}
    assert params["web_fetch"] is None
    assert params["service_tier"] == "standard_only"
    assert editor.more.summary.text() == "cache 1 hour, search, standard only"
    assert editor.summary() == "Claude Demo Haiku 5 · effort low · adaptive"  # no temperature: not sent

    editor.set_params(params)  # shown again as it was
    assert editor.params() == params


def test_a_set_under_api_version_2026_10_21_takes_no_sampling(qtbot: QtBot) -> None:
    editor = ParameterSetEditor()
    qtbot.addWidget(editor)
    editor.set_params({"model": "claude-demo-sonnet-4-6", "max_tokens": 4000})
    assert editor.temperature.enable.isEnabled()
    editor.set_api_version("2026-10-21")
    assert not editor.temperature.enable.isEnabled()
    assert "2026-10-21" in editor.temperature.toolTip()


@pytest.mark.asyncio
async def test_a_set_with_an_output_schema_shows_its_reply_as_checked_json(qtbot: QtBot, running: Running) -> None:
    window = await open_compare(qtbot, running, "I loved the film")
    schema = EXAMPLE_SCHEMAS["classification"]
    editor = window.columns[1].editor
    editor.model.show_model("claude-demo-sonnet-5")
    editor.open_schema_editor()
    assert editor.schema_dialog is not None
    editor.schema_dialog.editor.set_value(None)
    actions = {a.text(): a for a in editor.schema_dialog.editor.examples.menu().actions()}
    actions[example_names()["classification"]].trigger()
    assert editor.params()["output_format"] == schema
    assert editor.schema_button.text() == "JSON, 3 properties…"
    editor.schema_dialog.close()

    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    await running.until(lambda: all(not c.stop_button.isEnabled() for c in window.columns) and window.running)
    formats = [(r.json or {}).get("output_config", {}).get("format") for r in running.server.requests[-2:]]
    assert {"type": "json_schema", "schema": schema} in formats
    shown = [b for b in window.columns[1].pane.blocks if isinstance(b, StructuredOutputView)]
    assert shown
    await running.until(lambda: shown[0].check is not None)
    assert shown[0].check_label.text() == "✓ Matches the output schema"
    assert not any(isinstance(b, StructuredOutputView) for b in window.columns[0].pane.blocks)  # free text


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_low_window_scrolls_a_sets_parameters_rather_than_squeezing_them(qtbot: QtBot) -> None:
    window = CompareWindow("", {"model": "claude-demo-sonnet-5", "max_tokens": 1000}, [])
    qtbot.addWidget(window)
    column = window.columns[0]
    column.editor.more.set_expanded(True)
    window.resize(800, 440)
    window.show()
    editor = column.editor
    fields = (editor.effort, editor.thinking, editor.schema_button, editor.cache, editor.service_tier)
    qtbot.waitUntil(lambda: column.section_scroll.verticalScrollBar().maximum() > 0)  # it scrolls...
    qtbot.waitUntil(lambda: all(f.height() >= f.minimumSizeHint().height() for f in fields))  # ...nothing squeezed
    window.resize(1180, 1000)
    qtbot.waitUntil(lambda: column.section_scroll.verticalScrollBar().maximum() == 0)  # room: no scroll bar
