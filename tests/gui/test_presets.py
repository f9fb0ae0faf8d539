"""Presets and API refusals through the real composition root against the demo server: presets saved,
applied to the conversation on screen, renamed, deleted and chosen for new conversations (checked in the
store, the settings and the request sent); a 400 shown next to the parameter it names."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.demo import Reply
from app.settings.options import DEFAULT_PARAMS, DEFAULT_PRESET
from app.ui.presets_bar import PresetsBar
from tests.fixtures.qt import shown_as_tooltip
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


def _save_as(bar: PresetsBar, name: str) -> None:
    """Save current parameters as… ``name``, pressing Save (or Replace)."""
    bar.save_as()
    assert bar.name_dialog is not None
    bar.name_dialog.field.setText(name)
    bar.name_dialog.accept()


def _rename(bar: PresetsBar, name: str, new_name: str) -> None:
    bar.rename(name)
    assert bar.name_dialog is not None
    bar.name_dialog.field.setText(new_name)
    bar.name_dialog.accept()


def _default_action(bar: PresetsBar, name: str) -> Any:
    menu = next(a.menu() for a in bar.menu.actions() if a.text() == "New conversations start with")
    return next(a for a in menu.actions() if a.text() == name)


def _sent(running: Running) -> dict[str, Any]:
    body = [r for r in running.server.requests if r.path == "/v1/messages"][-1].json
    assert body is not None
    return body


@pytest.mark.asyncio
async def test_presets_save_apply_rename_default_delete(qtbot: QtBot, running: Running) -> None:
    root, store = running.root, running.store
    panel, bar = root.parameters, root.parameters.presets
    await running.send(qtbot, "hello")
    cid = root.current
    assert cid is not None

    # save the parameters on screen
    panel.temperature.enable.setChecked(True)
    panel.temperature.spin.setValue(0.2)
    panel.stop_sequences.add("###")
    focused = panel.params()
    _save_as(bar, "Focused")
    assert store.presets.get("Focused").params == focused
    assert bar.names() == ["Focused"]
    assert bar.current() == "Focused"  # the parameters on screen are the preset's

    # change them, then apply the preset again: back in the panel and stored with the conversation
    panel.temperature.spin.setValue(0.9)
    assert bar.current() == ""
    assert store.conversation(cid).params["temperature"] == 0.9
    bar.picker.activated.emit(bar.picker.findText("Focused"))
    assert panel.temperature.spin.value() == pytest.approx(0.2)
    assert store.conversation(cid).params == focused
    assert bar.current() == "Focused"
    await running.send(qtbot, "again")
    assert _sent(running)["temperature"] == 0.2
    assert _sent(running)["stop_sequences"] == ["###"]

    # the default for new conversations
    _default_action(bar, "Focused").trigger()
    settings = root.settings
    assert settings.get(DEFAULT_PRESET) == "Focused"
    assert settings.get(DEFAULT_PARAMS) == focused
    root.view.new_conversation()
    assert root.current is None
    assert panel.params()["temperature"] == pytest.approx(0.2)
    await running.send(qtbot, "a new one")
    assert root.current not in (None, cid)
    assert store.conversation(root.current).params["temperature"] == 0.2

    # rename: the default follows; delete: new conversations go back to Samtal's defaults
    _rename(bar, "Focused", "Precise")
    assert [p.name for p in store.presets.all()] == ["Precise"]
    assert settings.get(DEFAULT_PRESET) == "Precise"
    assert bar.default() == "Precise"
    bar.confirm = lambda _question: True
    bar.delete("Precise")
    assert store.presets.all() == []
    assert settings.get(DEFAULT_PRESET) == ""
    assert settings.get(DEFAULT_PARAMS) == {}
    assert bar.names() == []


@pytest.mark.asyncio
async def test_a_preset_changed_on_screen_is_shown_as_modified_until_another_conversation(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    panel, bar = root.parameters, root.parameters.presets
    await running.send(qtbot, "hello")
    first = root.current
    assert first is not None
    panel.temperature.enable.setChecked(True)
    panel.temperature.spin.setValue(0.2)
    _save_as(bar, "Focused")
    await running.send(qtbot, "another")  # the same conversation: its parameters are the preset's
    assert bar.current() == "Focused"

    panel.top_k.enable.setChecked(True)  # one field changed
    assert bar.current() == ""
    assert bar.modified() == "Focused"
    assert bar.picker.placeholderText() == "Focused*"
    assert "the preset “Focused” changed" in shown_as_tooltip(bar.picker.toolTip())
    panel.top_k.spin.setValue(7)  # still the preset, modified
    assert bar.picker.placeholderText() == "Focused*"
    bar.save_as()  # offers to replace the preset it came from
    assert bar.name_dialog is not None
    assert bar.name_dialog.field.text() == "Focused"
    assert bar.name_dialog.ok_button.text() == "Replace"
    bar.name_dialog.reject()

    panel.top_k.enable.setChecked(False)  # back to the preset's values
    assert bar.current() == "Focused"
    assert bar.modified() == ""
    panel.top_k.enable.setChecked(True)
    assert bar.modified() == "Focused"

    root.view.new_conversation()  # other parameters, changed from no preset
    assert bar.modified() == ""
    assert bar.picker.placeholderText() == "Presets"
    await running.send(qtbot, "a new one")
    panel.top_p.enable.setChecked(True)
    assert bar.picker.placeholderText() == "Presets"
    root.view.open_conversation(first)
    assert bar.modified() == ""
    assert bar.picker.placeholderText() == "Presets"


@pytest.mark.asyncio
async def test_applying_a_preset_that_cannot_be_sent_says_why(qtbot: QtBot, running: Running) -> None:
    root = running.root
    panel, bar = root.parameters, root.parameters.presets
    thinking = {"type": "enabled", "budget_tokens": 2048}
    running.store.presets.save("Deep", {"model": "claude-demo-sonnet-4-6", "max_tokens": 1500, "thinking": thinking})
    running.store.presets.save("Plain", {"model": "claude-demo-sonnet-4-6", "max_tokens": 1500})
    root.presets.refresh()
    bar.picker.activated.emit(bar.picker.findText("Deep"))
    assert panel.params()["thinking"] == thinking  # applied as saved…
    message = root.window.statusBar().currentMessage()
    assert message == (  # …and what stops it from being sent is said where the eyes are
        "Applied the preset “Deep”, but its parameters can't be sent as they are: "
        "The thinking budget must be less than max_tokens (1,500)."
    )
    assert panel.notes["thinking"].text() == "The thinking budget must be less than max_tokens (1,500)."
    root.view.send("hello")
    await asyncio.sleep(0.2)
    assert not [r for r in running.server.requests if r.path == "/v1/messages"]  # nothing sent
    bar.picker.activated.emit(bar.picker.findText("Plain"))
    assert root.window.statusBar().currentMessage() == "Applied the preset “Plain”."


@pytest.mark.asyncio
async def test_saving_the_default_preset_again_updates_the_defaults(qtbot: QtBot, running: Running) -> None:
    root = running.root
    panel, bar = root.parameters, root.parameters.presets
    _save_as(bar, "Mine")
    _default_action(bar, "Mine").trigger()
    panel.top_k.enable.setChecked(True)
    _save_as(bar, "Mine")  # replaces "Mine" (Replace pressed)
    assert root.settings.get(DEFAULT_PARAMS)["top_k"] == panel.top_k.value()
    _default_action(bar, "No preset (Samtal's defaults)").trigger()
    assert root.settings.get(DEFAULT_PRESET) == ""
    assert root.settings.get(DEFAULT_PARAMS) == {}


@pytest.mark.asyncio
async def test_a_400_is_shown_next_to_the_parameter_it_names(qtbot: QtBot, running: Running) -> None:
    root = running.root
    panel = root.parameters
    panel.temperature.enable.setChecked(True)
    panel.temperature.spin.setValue(0.5)
    message = "temperature: range: 0..1"
    running.server.script.push(
        Reply(status=400, body={"type": "error", "error": {"type": "invalid_request_error", "message": message}})
    )
    reply = await running.send(qtbot, "hello")
    assert running.store.message(reply).status == "error"
    note = panel.notes["temperature"]
    assert message in note.text()
    assert note.severity == "error"
    assert panel.sections["sampling"].badge.isVisibleTo(panel)
    panel.temperature.spin.setValue(0.4)  # the value changed: the refusal no longer applies to it
    assert message not in note.text()


@pytest.mark.asyncio
async def test_a_400_about_no_parameter_and_a_later_success(qtbot: QtBot, running: Running) -> None:
    root = running.root
    panel = root.parameters
    running.server.script.push(
        Reply(
            status=400,
            body={"type": "error", "error": {"type": "invalid_request_error", "message": "max_tokens: too large"}},
        )
    )
    await running.send(qtbot, "hello")
    assert "too large" in panel.notes["max_tokens"].text()
    root.window.commands.retry.trigger()  # the demo answers this time: the refusal is gone
    await running.until(lambda: "too large" not in panel.notes["max_tokens"].text())
    assert all("too large" not in note.text() for note in panel.notes.values())


@pytest.mark.asyncio
async def test_a_preset_carries_the_new_parameters(qtbot: QtBot, running: Running) -> None:
    root, store = running.root, running.store
    panel, bar = root.parameters, root.parameters.presets
    panel.apply({**panel.params(), "model": "claude-demo-sonnet-5"})
    qtbot.mouseClick(panel.effort.button("max"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.thinking_mode.button("adaptive"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.cache.button("1h"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.service_tier.button("standard_only"), Qt.MouseButton.LeftButton)
    panel.web_fetch.enable.setChecked(True)
    deep = panel.params()
    _save_as(bar, "Deep")
    saved = store.presets.get("Deep").params
    assert saved == deep
    assert {key: saved[key] for key in ("effort", "thinking", "cache_ttl", "service_tier", "web_fetch")} == {
        "effort": "max",
        "thinking": {"type": "adaptive"},
        "cache_ttl": "1h",
        "service_tier": "standard_only",
        "web_fetch": {},
    }
    qtbot.mouseClick(panel.effort.button("low"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.cache.button("off"), Qt.MouseButton.LeftButton)
    bar.picker.activated.emit(bar.picker.findText("Deep"))
    assert panel.effort.value() == "max"
    assert panel.cache.value() == "1h"
    await running.send(qtbot, "hello")
    sent = _sent(running)
    assert sent["output_config"] == {"effort": "max"}
    assert sent["cache_control"] == {"type": "ephemeral", "ttl": "1h"}
    assert sent["service_tier"] == "standard_only"
    assert [tool["name"] for tool in sent["tools"]] == ["web_fetch"]
