"""The parameters panel: what it shows, what it reports, and that unset parameters stay unset."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.api import ModelInfo
from app.api.params import MAX_NONSTREAMING_TOKENS, prepare
from app.ui.parameters_panel import MAX_TOKENS_LIMIT, TEXT_DEBOUNCE_MS, ParametersPanel
from tests.fixtures.qt import turn_wheel

MODELS = [
    ModelInfo("claude-a", "Claude A", max_input_tokens=200_000, max_tokens=8_000),
    ModelInfo("claude-b", "Claude B"),
]


@pytest.fixture
def panel(qtbot: QtBot) -> ParametersPanel:
    widget = ParametersPanel()
    qtbot.addWidget(widget)
    widget.set_models(MODELS)
    widget.show()
    return widget


def test_showing_parameters_reports_nothing_and_reads_back(qtbot: QtBot, panel: ParametersPanel) -> None:
    changes: list[dict[str, object]] = []
    panel.params_changed.connect(changes.append)
    params = {"model": "claude-a", "max_tokens": 1000, "temperature": 0.25, "system": "Be brief.", "tools": []}
    panel.set_params(params)
    qtbot.wait(TEXT_DEBOUNCE_MS + 50)
    assert changes == []
    assert panel.params() == params  # parameters the panel has no field for are kept as they were
    assert panel.model.currentText() == "Claude A"
    assert "claude-a" in panel.model_limits.text()
    assert "200,000" in panel.model_limits.text()
    assert panel.max_tokens.spin.maximum() == 8_000  # bounded by the model's output limit


def test_unset_parameters_are_not_sent(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-b", "max_tokens": 512})
    assert panel.params() == {"model": "claude-b", "max_tokens": 512}
    assert not panel.temperature.spin.isEnabled()
    assert panel.max_tokens.spin.maximum() == MAX_TOKENS_LIMIT  # no limit known for this model


def test_enabling_and_moving_a_slider_reports_the_value(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 1000})
    changes: list[dict[str, object]] = []
    panel.params_changed.connect(changes.append)
    panel.temperature.enable.setChecked(True)
    assert changes[-1]["temperature"] == 1.0
    panel.temperature.slider.setValue(30)
    assert changes[-1]["temperature"] == pytest.approx(0.3)
    assert panel.temperature.spin.value() == pytest.approx(0.3)  # slider and spin box move together
    panel.top_k.enable.setChecked(True)
    panel.top_k.spin.setValue(7)
    assert changes[-1]["top_k"] == 7
    assert isinstance(changes[-1]["top_k"], int)
    panel.temperature.enable.setChecked(False)
    assert "temperature" not in changes[-1]


def test_free_text_model_ids_are_allowed(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 100})
    changes: list[dict[str, object]] = []
    panel.params_changed.connect(changes.append)
    panel.model.lineEdit().selectAll()
    qtbot.keyClicks(panel.model.lineEdit(), "claude-future-9")
    assert changes[-1]["model"] == "claude-future-9"
    panel.set_models(MODELS)  # a refreshed list keeps what the user typed
    assert panel.model_id() == "claude-future-9"
    panel.model.setCurrentIndex(1)
    assert changes[-1]["model"] == "claude-b"


def test_a_providers_model_list_is_shown_as_plain_text(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_models([ModelInfo("<b>m</b>", "<i>Shown</i>", max_tokens=1000)])
    panel.set_params({"model": "<b>m</b>"})
    assert panel.model_limits.textFormat() == Qt.TextFormat.PlainText  # server text is never markup
    assert "<b>m</b>" in panel.model_limits.text()


def test_system_prompt_edits_are_debounced_and_flushed(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 100})
    changes: list[dict[str, object]] = []
    panel.params_changed.connect(changes.append)
    panel.system.setFocus()
    qtbot.keyClicks(panel.system, "You are terse.")
    assert changes == []
    panel.flush()
    assert changes == [{"model": "claude-a", "max_tokens": 100, "system": "You are terse."}]
    qtbot.keyClick(panel.system, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.system, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(changes) == 2, timeout=2000)
    assert "system" not in changes[-1]  # an empty system prompt is not sent


# --- model-aware checks, shown before sending ---


def _on_box(box: QWidget) -> QPoint:
    """A point on a check box's indicator (its middle may be past the end of its label)."""
    return QPoint(8, box.height() // 2)


def _note(panel: ParametersPanel, field: str) -> str:
    return panel.notes[field].text()


def test_thinking_warnings_and_what_is_actually_sent(qtbot: QtBot, panel: ParametersPanel) -> None:
    params = {
        "model": "claude-a",
        "max_tokens": 8000,
        "temperature": 0.3,
        "top_p": 0.5,
        "top_k": 20,
        "thinking": {"type": "enabled", "budget_tokens": 2048},
        "sampling_preference": "top_p",
    }
    panel.set_params(params)
    assert panel.params() == params  # the panel keeps the values: the rules apply when sending
    assert "isn't sent while extended thinking is on" in _note(panel, "temperature")
    assert "isn't sent while extended thinking is on" in _note(panel, "top_k")
    assert "0.95" in _note(panel, "top_p")
    for field in ("temperature", "top_p", "top_k"):
        assert panel.notes[field].severity == "warning"
    assert not panel.temperature.spin.isEnabled()  # greyed: not in force
    assert not panel.top_k.slider.isEnabled()
    assert panel.top_p.spin.isEnabled()
    assert panel.sections["sampling"].badge.isVisibleTo(panel)
    assert not panel.sampling_choice.isVisibleTo(panel)  # temperature is not sent anyway
    sent, problems = prepare(panel.params(), panel.model_info())
    assert "temperature" not in sent
    assert "top_k" not in sent
    assert sent["top_p"] == 0.95
    assert sent["thinking"] == {"type": "enabled", "budget_tokens": 2048}
    assert not any(p.blocking for p in problems)
    assert {p.field for p in panel.problems()} == {"temperature", "top_p", "top_k"}

    qtbot.mouseClick(panel.thinking_mode.button("off"), Qt.MouseButton.LeftButton)  # everything in force again
    assert panel.temperature.spin.isEnabled()
    assert _note(panel, "temperature") != _note(panel, "top_k") or not _note(panel, "top_k")
    assert "extended thinking" not in _note(panel, "top_k")


def test_thinking_with_no_temperature_set_still_says_it_is_not_sent(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 8000, "thinking": {"type": "enabled", "budget_tokens": 1024}})
    assert _note(panel, "temperature") == "Not sent while extended thinking is on."
    assert panel.notes["temperature"].severity == "note"
    assert not panel.sections["sampling"].badge.isVisibleTo(panel)  # a note is not a problem


def test_thinking_refuses_forced_tool_use(qtbot: QtBot, panel: ParametersPanel) -> None:
    tools = [{"name": "get_weather", "input_schema": {"type": "object"}}]
    panel.set_params({"model": "claude-a", "max_tokens": 8000, "tools": tools, "tool_choice": {"type": "any"}})
    assert panel.notes["tool_choice"].severity == "note"  # what forcing means, below
    qtbot.mouseClick(panel.thinking_mode.button("budget"), Qt.MouseButton.LeftButton)
    assert panel.notes["tool_choice"].severity == "error"
    assert "forces a tool" in _note(panel, "tool_choice")
    assert panel.sections["tools"].badge.isVisibleTo(panel)
    assert any(p.blocking and p.field == "tool_choice" for p in prepare(panel.params(), panel.model_info())[1])


def test_a_forced_tool_choice_says_the_reply_to_the_results_calls_a_tool_again(
    qtbot: QtBot, panel: ParametersPanel
) -> None:
    tools = [{"name": "get_weather", "input_schema": {"type": "object"}}]
    panel.set_params({"model": "claude-a", "max_tokens": 8000, "tools": tools})
    assert _note(panel, "tool_choice") == ""  # auto: the model answers once it has the results
    for kind in ("tool", "any"):
        panel.tool_choice.kind.setCurrentIndex(panel.tool_choice.kind.findData(kind))
        assert panel.notes["tool_choice"].severity == "note"
        assert "also the reply to a tool's result: choose Auto" in _note(panel, "tool_choice")
        assert not panel.sections["tools"].badge.isVisibleTo(panel)  # nothing wrong with the request
    panel.tool_choice.kind.setCurrentIndex(panel.tool_choice.kind.findData("none"))
    assert _note(panel, "tool_choice") == ""


def test_thinking_budget_bounds_follow_max_tokens(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 6000, "thinking": {"type": "enabled", "budget_tokens": 5000}})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    assert panel.budget.spin.minimum() == 1024
    assert panel.budget.spin.maximum() == 5999
    assert panel.budget.isEnabled()
    panel.max_tokens.spin.setValue(3000)
    assert panel.budget.spin.maximum() == 2999
    assert changes[-1]["thinking"] == {"type": "enabled", "budget_tokens": 2999}  # lowered with max_tokens
    assert changes[-1]["max_tokens"] == 3000
    panel.max_tokens.spin.setValue(1000)  # no room left for the smallest budget
    assert not panel.budget.isEnabled()
    assert panel.notes["thinking"].severity == "error"
    assert "less than max_tokens" in _note(panel, "thinking")
    qtbot.mouseClick(panel.thinking_mode.button("off"), Qt.MouseButton.LeftButton)
    assert "above 1,024" in _note(panel, "thinking")
    assert "thinking" not in changes[-1]


def test_a_budget_lowered_by_max_tokens_is_said_and_comes_back(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-b", "max_tokens": 8000, "thinking": {"type": "enabled", "budget_tokens": 4095}})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    panel.max_tokens.spin.setValue(2000)
    assert changes[-1]["thinking"] == {"type": "enabled", "budget_tokens": 1999}  # what is sent: it must fit
    assert panel.notes["thinking"].severity == "note"
    assert _note(panel, "thinking") == (
        "Lowered to 1,999 to stay below max tokens; back to 4,095 when max tokens allows it."
    )
    panel.max_tokens.spin.setValue(3000)
    assert changes[-1]["thinking"]["budget_tokens"] == 2999  # as near the chosen budget as it may be
    panel.max_tokens.spin.setValue(6000)
    assert changes[-1]["thinking"]["budget_tokens"] == 4095  # room again: the budget chosen is back
    assert _note(panel, "thinking") == ""

    panel.max_tokens.spin.setValue(2000)
    panel.budget.spin.setValue(1500)  # the user's new choice replaces the remembered one
    panel.max_tokens.spin.setValue(6000)
    assert changes[-1]["thinking"]["budget_tokens"] == 1500
    assert _note(panel, "thinking") == ""


def test_max_tokens_lowered_by_a_models_limit_is_said_and_comes_back(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-b", "max_tokens": 20_000})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    panel.model.setCurrentIndex(panel.model.findData("claude-a"))  # writes at most 8,000 tokens
    assert changes[-1]["max_tokens"] == 8000
    assert _note(panel, "max_tokens") == (
        "Lowered to 8,000, the most this model writes; back to 20,000 with a model that allows it."
    )
    panel.model.setCurrentIndex(panel.model.findData("claude-b"))
    assert changes[-1]["max_tokens"] == 20_000
    assert _note(panel, "max_tokens") == ""


def test_a_number_typed_out_of_range_becomes_the_nearest_allowed(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-b", "max_tokens": 4096, "thinking": {"type": "enabled", "budget_tokens": 2048}})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    for spin, typed, expected in (
        (panel.budget.spin, "4096", 4095),  # above the budget's maximum (max tokens - 1)
        (panel.budget.spin, "100", 1024),  # below its minimum
        (panel.max_tokens.spin, "999999", MAX_TOKENS_LIMIT),
    ):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, typed)
        assert spin.text() == typed  # the keys are taken: nothing refused while typing
        qtbot.keyClick(spin, Qt.Key.Key_Return)
        assert spin.value() == expected
    assert changes[-1]["max_tokens"] == MAX_TOKENS_LIMIT
    panel.temperature.enable.setChecked(True)
    panel.temperature.spin.selectAll()
    qtbot.keyClicks(panel.temperature.spin, "1.5")
    qtbot.keyClick(panel.temperature.spin, Qt.Key.Key_Return)
    assert changes[-1]["temperature"] == 1.0


def test_the_wheel_scrolls_the_panel_and_changes_only_a_focused_field(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 4096, "thinking": {"type": "enabled", "budget_tokens": 2048}})
    panel.resize(320, 360)  # shorter than its fields: the panel scrolls
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    panel.system.setFocus()  # the focus is elsewhere, as when reading down the panel
    bar = panel.scroll_area.verticalScrollBar()
    fields = {
        "max_tokens slider": (panel.max_tokens.slider, panel.max_tokens.slider.value),
        "max_tokens box": (panel.max_tokens.spin, panel.max_tokens.spin.value),
        "budget slider": (panel.budget.slider, panel.budget.slider.value),
        "budget box": (panel.budget.spin, panel.budget.spin.value),
        "top_k box": (panel.top_k.spin, panel.top_k.spin.value),
        "model": (panel.model, panel.model.currentIndex),
        "tool choice": (panel.tool_choice.kind, panel.tool_choice.kind.currentIndex),
    }
    panel.top_k.enable.setChecked(True)
    changes.clear()
    for name, (field, value) in fields.items():
        panel.scroll_area.ensureWidgetVisible(field)
        before, position = value(), bar.value()
        notches = 1 if position == bar.maximum() else -1
        turn_wheel(field, notches)
        assert value() == before, name
        assert bar.value() != position, name  # the notch scrolled the panel instead
    assert changes == []

    panel.budget.spin.setFocus()  # clicked or tabbed into: now the wheel is the field's
    panel.scroll_area.ensureWidgetVisible(panel.budget.spin)
    position = bar.value()
    turn_wheel(panel.budget.spin, 1)
    assert panel.budget.value() == 2048 + 256
    assert bar.value() == position
    assert changes[-1]["thinking"]["budget_tokens"] == 2048 + 256


def test_a_stored_budget_out_of_range_is_shown_as_it_is(qtbot: QtBot, panel: ParametersPanel) -> None:
    params = {"model": "claude-a", "max_tokens": 2000, "thinking": {"type": "enabled", "budget_tokens": 4000}}
    panel.set_params(params)
    assert panel.params() == params
    assert panel.notes["thinking"].severity == "error"  # the send would be refused: say so here


def test_temperature_or_top_p_for_models_that_refuse_both(qtbot: QtBot, panel: ParametersPanel) -> None:
    sonnet = ModelInfo("claude-sonnet-4-6", "Claude Sonnet 4.6")  # takes temperature or top_p, not both
    panel.set_models([*MODELS, sonnet, ModelInfo("claude-3-5-haiku-20241022", "Claude Haiku 3.5")])
    panel.set_params({"model": "claude-sonnet-4-6", "max_tokens": 1000, "temperature": 0.4, "top_p": 0.9})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    assert panel.sampling_choice.isVisibleTo(panel)
    assert "only temperature is sent" in panel.sampling_choice.note.text()
    assert panel.sampling_choice.send_temperature.isChecked()
    assert _note(panel, "temperature") == ""  # said once, with the choice
    sent, _problems = prepare(panel.params(), panel.model_info())
    assert (sent.get("temperature"), sent.get("top_p")) == (0.4, None)

    on_the_label = QPoint(panel.sampling_choice.send_top_p.width() // 8, panel.sampling_choice.send_top_p.height() // 2)
    qtbot.mouseClick(panel.sampling_choice.send_top_p, Qt.MouseButton.LeftButton, pos=on_the_label)
    assert changes[-1]["sampling_preference"] == "top_p"
    assert "only top_p is sent" in panel.sampling_choice.note.text()
    sent, _problems = prepare(changes[-1], panel.model_info())
    assert (sent.get("temperature"), sent.get("top_p")) == (None, 0.9)

    panel.top_p.enable.setChecked(False)
    assert not panel.sampling_choice.isVisibleTo(panel)
    panel.top_p.enable.setChecked(True)
    panel.model.setCurrentIndex(panel.model.findData("claude-3-5-haiku-20241022"))  # an older model takes both
    assert not panel.sampling_choice.isVisibleTo(panel)
    sent, _problems = prepare(panel.params(), panel.model_info())
    assert (sent["temperature"], sent["top_p"]) == (0.4, 0.9)


def test_streaming_off_above_the_limit_is_blocking(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_models([ModelInfo("claude-big", "Big", max_tokens=64_000)])
    panel.set_params({"model": "claude-big", "max_tokens": 30_000})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    assert _note(panel, "stream") == ""
    qtbot.mouseClick(panel.stream, Qt.MouseButton.LeftButton, pos=_on_box(panel.stream))
    assert changes[-1]["stream"] is False
    assert panel.notes["stream"].severity == "error"
    assert "21,333" in _note(panel, "stream")
    assert panel.sections["output"].badge.isVisibleTo(panel)
    assert any(p.blocking and p.field == "stream" for p in panel.problems())
    panel.max_tokens.spin.setValue(MAX_NONSTREAMING_TOKENS)
    assert _note(panel, "stream") == ""
    qtbot.mouseClick(panel.stream, Qt.MouseButton.LeftButton, pos=_on_box(panel.stream))
    assert "stream" not in changes[-1]  # on is the default: not stored


def test_stop_sequences_user_id_and_tool_choice_are_reported(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 100})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    qtbot.keyClicks(panel.stop_sequences.entry, "END")
    qtbot.keyClick(panel.stop_sequences.entry, Qt.Key.Key_Return)
    assert changes[-1]["stop_sequences"] == ["END"]
    assert "1 stop" in panel.sections["output"].summary.text()
    qtbot.keyClicks(panel.user_id, "user-7f3a")
    qtbot.waitUntil(lambda: changes[-1].get("metadata_user_id") == "user-7f3a", timeout=2000)
    qtbot.keyClicks(panel.user_id, "@example.com")
    panel.flush()
    assert panel.notes["metadata_user_id"].severity == "warning"  # looks like an e-mail address
    panel.tool_choice.single.setChecked(True)
    assert changes[-1]["tool_choice"] == {"type": "auto", "disable_parallel_tool_use": True}


def test_summaries_count_in_words(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 1, "stop_sequences": ["END"], "tools": [{"name": "t"}]})
    assert panel.sections["output"].summary.text() == "1 token, 1 stop"
    assert panel.sections["tools"].summary.text() == "1 tool"
    panel.set_params(
        {"model": "claude-a", "max_tokens": 2048, "stop_sequences": ["a", "b"], "tools": [{"name": "t"}] * 2}
    )
    assert panel.sections["output"].summary.text() == "2,048 tokens, 2 stops"
    assert panel.sections["tools"].summary.text() == "2 tools"


def test_tools_from_the_editor_window_and_tool_choice_names(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 100})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    assert panel.tools_button.text() == "Add tools…"
    qtbot.mouseClick(panel.tools_button, Qt.MouseButton.LeftButton)
    dialog = panel.tools_dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.editor.insert_example("get_weather")
    dialog.editor.insert_example("calculator")
    assert [t["name"] for t in changes[-1]["tools"]] == ["get_weather", "calculator"]
    assert panel.tools_button.text() == "Edit tools (2)…"
    panel.tool_choice.kind.setCurrentIndex(panel.tool_choice.kind.findData("tool"))
    names = [panel.tool_choice.name.itemText(i) for i in range(panel.tool_choice.name.count())]
    assert names == ["get_weather", "calculator"]
    assert changes[-1]["tool_choice"] == {"type": "tool", "name": "get_weather"}

    count = len(changes)
    dialog.editor.editor.setPlainText('[{"name": "broken"')  # invalid: never reaches the parameters
    dialog.editor.validate()
    assert len(changes) == count
    assert [t["name"] for t in panel.params()["tools"]] == ["get_weather", "calculator"]
    assert "editor has errors" in _note(panel, "tools")
    dialog.hide()
    panel.set_params({"model": "claude-a", "max_tokens": 100})  # another conversation: its own tools
    assert not dialog.editor.has_errors()
    assert _note(panel, "tools") == ""


def test_the_parameters_reported_keep_their_key_order(qtbot: QtBot, panel: ParametersPanel) -> None:
    schema = {"type": "object", "properties": {"zeta": {"type": "string"}, "alpha": {"type": "string"}}}
    panel.set_params({"model": "claude-a", "max_tokens": 100, "tools": [{"name": "t", "input_schema": schema}]})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    panel.top_k.enable.setChecked(True)
    (tool,) = changes[-1]["tools"]
    assert list(tool) == ["name", "input_schema"]
    assert list(tool["input_schema"]) == ["type", "properties"]
    assert list(tool["input_schema"]["properties"]) == ["zeta", "alpha"]  # not sorted on the way
    assert list(changes[-1]) == list(panel.params())


def test_the_system_prompt_opens_in_a_larger_editor(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 100, "system": "Be brief."})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    assert panel.system.minimumHeight() >= 6 * panel.system.fontMetrics().lineSpacing()
    qtbot.mouseClick(panel.expand_system, Qt.MouseButton.LeftButton)
    dialog = panel.system_dialog
    assert dialog is not None
    assert dialog.text() == "Be brief."
    assert dialog.width() > panel.width()
    dialog.edit.setPlainText("Be brief.\nAnswer in French.")
    dialog.accept()
    assert changes[-1]["system"] == "Be brief.\nAnswer in French."
    assert panel.system.toPlainText() == "Be brief.\nAnswer in French."
    assert panel.system_dialog is None


def test_an_api_refusal_stays_by_its_field_until_the_value_changes(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-a", "max_tokens": 100, "temperature": 0.5})
    panel.show_api_error("temperature", "temperature: range: 0..1")
    assert "temperature: range: 0..1" in _note(panel, "temperature")
    assert panel.notes["temperature"].severity == "error"
    panel.top_k.enable.setChecked(True)  # another field: the message stays
    assert "range" in _note(panel, "temperature")
    panel.temperature.spin.setValue(0.6)
    assert _note(panel, "temperature") == ""
    panel.show_api_error("temperature", "temperature: range: 0..1")
    panel.set_params({"model": "claude-b", "max_tokens": 100})  # another conversation
    assert _note(panel, "temperature") == ""


def test_apply_reports_the_params_and_unknown_keys_survive(qtbot: QtBot, panel: ParametersPanel) -> None:
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    preset = {
        "model": "claude-b",
        "max_tokens": 2048,
        "temperature": 0.2,
        "stop_sequences": ["###"],
        "tool_choice": {"type": "none"},
        "tools": [{"name": "t", "input_schema": {"type": "object"}}],
        "metadata_user_id": "u-1",
        "future_key": {"x": 1},
    }
    panel.apply(preset)
    assert changes == [preset]
    assert panel.params() == preset
    thinking_off = {"model": "claude-b", "max_tokens": 2048, "thinking": {"type": "disabled"}}
    panel.set_params(thinking_off)
    assert panel.params() == thinking_off  # turned off explicitly: kept so until thinking is changed
    assert panel.thinking_mode.value() == "off"


def test_tab_goes_through_each_section_header_then_its_fields(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.show()
    sections = panel.sections
    sections["model"].header.setFocus()
    visited = []
    for _ in range(40):
        widget = panel.focusWidget()
        visited.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    order = [
        sections["model"].header,
        panel.model,
        panel.system,
        sections["sampling"].header,
        panel.temperature.enable,
        sections["output"].header,
        sections["thinking"].header,
        panel.effort.button("high"),  # the API's default, shown chosen: Tab enters the choice there
        panel.thinking_mode.button("off"),
        sections["tools"].header,
    ]
    assert all(widget in visited for widget in order)
    positions = [visited.index(widget) for widget in order]
    assert positions == sorted(positions)  # as shown from top to bottom, each header before its own fields
