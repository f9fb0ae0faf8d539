"""The parameters panel's controls for today's API, each built from the rules (`app.api.params.rules_for`):
sampling refused with its reason, effort levels, thinking modes and display, structured output, prompt
caching, web search and fetch, the service tier, and a deprecated model's one-click successor."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.api import ModelInfo
from app.api.params import SETS_ITS_OWN_SAMPLING, prepare, rules_for
from app.api.request import build_request
from app.ui.output_schema_editor import EXAMPLE_SCHEMAS, example_names
from app.ui.parameters_panel import ParametersPanel

FIVE = "claude-demo-sonnet-5"
HAIKU_5 = "claude-demo-haiku-5"
SONNET_4_6 = "claude-demo-sonnet-4-6"
HAIKU_4_5 = "claude-demo-haiku-4-5"
OPUS_4_5 = "claude-demo-opus-4-5"  # deprecated
MODELS = [ModelInfo(model, rules_for(model).display_name) for model in (FIVE, HAIKU_5, SONNET_4_6, HAIKU_4_5, OPUS_4_5)]


@pytest.fixture
def panel(qtbot: QtBot) -> ParametersPanel:
    widget = ParametersPanel()
    qtbot.addWidget(widget)
    widget.set_models(MODELS)
    widget.resize(360, 900)
    widget.show()
    return widget


@pytest.fixture
def changes(panel: ParametersPanel) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    panel.params_changed.connect(seen.append)
    return seen


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def _shown(panel: ParametersPanel, widget: QWidget) -> bool:
    return widget.isVisibleTo(panel)


def test_a_model_that_sets_its_own_sampling_greys_it_out_and_never_sends_a_saved_value(
    qtbot: QtBot, panel: ParametersPanel
) -> None:
    panel.set_params({"model": FIVE, "max_tokens": 1000, "temperature": 0.3})
    for row in (panel.temperature, panel.top_p, panel.top_k):
        assert not row.enable.isEnabled()
        assert not row.spin.isEnabled()
    assert SETS_ITS_OWN_SAMPLING in panel.notes["sampling"].text()
    assert panel.notes["temperature"].severity == "warning"  # the saved value is said not to be sent
    assert panel.params()["temperature"] == 0.3  # kept with the conversation...
    sent, _problems = prepare(panel.params())
    assert "temperature" not in sent  # ...never sent
    assert panel.sections["sampling"].summary.text() == "set by the model"


def test_api_version_2026_10_21_refuses_sampling_on_every_model(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": SONNET_4_6, "max_tokens": 1000})
    assert panel.temperature.enable.isEnabled()
    panel.set_api_version("2026-10-21")
    assert not panel.temperature.enable.isEnabled()
    assert "2026-10-21" in panel.notes["sampling"].text()
    panel.set_api_version("2023-06-01")
    assert panel.temperature.enable.isEnabled()
    assert panel.notes["sampling"].text() == ""


def test_effort_offers_the_models_levels_shows_the_default_and_sends_only_a_choice(
    qtbot: QtBot, panel: ParametersPanel, changes: list[dict[str, Any]]
) -> None:
    panel.set_params({"model": FIVE, "max_tokens": 1000})
    offered = [level for level in panel.effort.values() if panel.effort.is_available(level)]
    assert offered == list(rules_for(FIVE).effort_levels)
    assert panel.effort.value() == "high"  # the API's default, shown chosen...
    assert "effort" not in panel.params()  # ...but not sent until chosen
    qtbot.mouseClick(panel.effort.button("low"), Qt.MouseButton.LeftButton)
    assert changes[-1]["effort"] == "low"
    panel.effort.button("low").setFocus()
    qtbot.keyClick(panel.effort.button("low"), Qt.Key.Key_Right)  # the arrows move the choice, as in a group
    assert changes[-1]["effort"] == "medium"

    panel.set_params({"model": HAIKU_5, "max_tokens": 1000, "effort": "max"})  # saved for a bigger model
    assert not _shown(panel, panel.effort.button("xhigh"))
    assert _shown(panel, panel.effort.button("max"))  # what is chosen is always seen...
    assert not panel.effort.button("max").isEnabled()  # ...but can't be chosen again
    assert "takes effort low, medium or high" in panel.effort.button("max").toolTip().replace("\xa0", " ")

    panel.set_params({"model": HAIKU_4_5, "max_tokens": 1000})
    assert not _shown(panel, panel.effort)  # no effort on this model


def test_thinking_modes_follow_the_model(qtbot: QtBot, panel: ParametersPanel, changes: list[dict[str, Any]]) -> None:
    panel.set_params({"model": FIVE, "max_tokens": 4000})
    assert not _shown(panel, panel.thinking_mode.button("budget"))  # adaptive only
    assert not _shown(panel, panel.thinking_display)
    qtbot.mouseClick(panel.thinking_mode.button("adaptive"), Qt.MouseButton.LeftButton)
    assert changes[-1]["thinking"] == {"type": "adaptive"}
    assert _shown(panel, panel.thinking_display)
    assert not _shown(panel, panel.budget)
    panel.thinking_display.setCurrentIndex(panel.thinking_display.findData("omitted"))
    assert changes[-1]["thinking"] == {"type": "adaptive", "display": "omitted"}
    assert panel.sections["thinking"].summary.text() == "effort high, adaptive"

    panel.set_params({"model": HAIKU_4_5, "max_tokens": 4000})
    assert not _shown(panel, panel.thinking_mode.button("adaptive"))  # a budget only
    qtbot.mouseClick(panel.thinking_mode.button("budget"), Qt.MouseButton.LeftButton)
    assert _shown(panel, panel.budget)
    assert changes[-1]["thinking"] == {"type": "enabled", "budget_tokens": panel.budget.value()}
    qtbot.mouseClick(panel.thinking_mode.button("off"), Qt.MouseButton.LeftButton)
    assert "thinking" not in changes[-1]


def test_structured_output_is_edited_in_its_window_and_removed_in_one_click(
    qtbot: QtBot, panel: ParametersPanel, changes: list[dict[str, Any]]
) -> None:
    panel.set_params({"model": FIVE, "max_tokens": 1000})
    assert panel.schema_button.text() == "Add a JSON schema…"
    assert not panel.schema_clear.isVisibleTo(panel)
    qtbot.mouseClick(panel.schema_button, Qt.MouseButton.LeftButton)
    dialog = panel.schema_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    actions = {a.text(): a for a in dialog.editor.examples.menu().actions()}
    actions[example_names()["extraction"]].trigger()
    assert changes[-1]["output_format"] == EXAMPLE_SCHEMAS["extraction"]
    assert panel.schema_button.text() == "Edit the schema (4 properties)…"
    assert "JSON" in panel.sections["output"].summary.text()
    qtbot.mouseClick(panel.schema_clear, Qt.MouseButton.LeftButton)
    assert "output_format" not in changes[-1]
    assert dialog.editor.schema() is None  # the editor is emptied too


def test_structured_output_is_offered_only_where_the_model_takes_it(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": "claude-3-5-haiku-20241022", "max_tokens": 1000})
    assert not panel.schema_button.isEnabled()
    assert "has no structured outputs" in panel.notes["output_format"].text()


def test_caching_web_tools_and_service_tier_are_sent_as_chosen(
    qtbot: QtBot, panel: ParametersPanel, changes: list[dict[str, Any]]
) -> None:
    panel.set_params({"model": FIVE, "max_tokens": 1000})
    assert panel.cache.value() == "off"
    qtbot.mouseClick(panel.cache.button("1h"), Qt.MouseButton.LeftButton)
    assert changes[-1]["cache_ttl"] == "1h"
    assert panel.sections["cost"].summary.text() == "cache 1 hour"
    qtbot.mouseClick(panel.cache.button("off"), Qt.MouseButton.LeftButton)
    assert "cache_ttl" not in changes[-1]

    assert panel.service_tier.value() == "auto"
    assert "service_tier" not in panel.params()  # the API's default: not sent until chosen
    qtbot.mouseClick(panel.service_tier.button("standard_only"), Qt.MouseButton.LeftButton)
    assert changes[-1]["service_tier"] == "standard_only"

    panel.sections["web"].set_expanded(True)
    assert not panel.web_search.options.isVisibleTo(panel)  # compact while off
    _click(qtbot, panel.web_search.enable)
    assert changes[-1]["web_search"] == {}
    panel.web_search.max_uses.setValue(3)
    panel.web_search.domain_rule.setCurrentIndex(panel.web_search.domain_rule.findData("allowed_domains"))
    qtbot.keyClicks(panel.web_search.domains, "example.com, docs.example.org")
    assert changes[-1]["web_search"] == {"max_uses": 3, "allowed_domains": ["example.com", "docs.example.org"]}
    _click(qtbot, panel.web_fetch.enable)
    _click(qtbot, panel.web_fetch.citations)
    assert changes[-1]["web_fetch"] == {"citations": True}
    assert panel.sections["web"].summary.text() == "search, fetch"
    sent, problems = prepare(changes[-1])
    body = build_request([{"role": "user", "content": "Hi"}], sent)
    assert [tool["name"] for tool in body["tools"]] == ["web_search", "web_fetch"]
    assert not [p for p in problems if p.blocking]


def test_new_parameters_are_shown_again_exactly(qtbot: QtBot, panel: ParametersPanel) -> None:
    params = {
        "model": SONNET_4_6,
        "max_tokens": 4000,
        "thinking": {"type": "enabled", "budget_tokens": 2048, "display": "summarized"},
        "effort": "medium",
        "output_format": EXAMPLE_SCHEMAS["list"],
        "cache_ttl": "5m",
        "web_search": {"max_uses": 2, "blocked_domains": ["example.net"], "user_location": {"type": "approximate"}},
        "web_fetch": {"citations": True},
        "service_tier": "standard_only",
    }
    panel.set_params(params)
    assert panel.params() == params  # an option the panel has no field for (user_location) is kept
    assert panel.thinking_mode.value() == "budget"
    assert panel.effort.value() == "medium"
    assert panel.web_search.domains.text() == "example.net"


def test_a_deprecated_model_offers_its_successor_in_one_click(
    qtbot: QtBot, panel: ParametersPanel, changes: list[dict[str, Any]]
) -> None:
    panel.set_params({"model": SONNET_4_6, "max_tokens": 1000})
    assert not panel.model_switch.isVisibleTo(panel)  # active: nothing to offer
    panel.set_params({"model": OPUS_4_5, "max_tokens": 1000})
    assert panel.model_switch.isVisibleTo(panel)
    assert panel.model_switch.text() == "Switch to Claude Demo Opus 5"
    assert "retires" in panel.notes["model"].text()
    qtbot.mouseClick(panel.model_switch, Qt.MouseButton.LeftButton)
    assert changes[-1]["model"] == "claude-demo-opus-5"
    assert not panel.model_switch.isVisibleTo(panel)


def test_every_new_control_has_an_accessible_name(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": FIVE, "max_tokens": 1000})
    for control in (panel.effort, panel.thinking_mode, panel.cache, panel.service_tier):
        assert control.accessibleName()
        for value in control.values():
            assert control.button(value).accessibleName().startswith(control.accessibleName() + ": ")
    for editor in (panel.web_search, panel.web_fetch):
        for widget in (editor.enable, editor.max_uses, editor.domain_rule, editor.domains):
            assert widget.accessibleName()
    assert panel.thinking_display.accessibleName()
    assert panel.schema_clear.accessibleName()


def test_a_retired_model_saved_with_a_conversation_says_so_and_offers_its_successor(
    qtbot: QtBot, panel: ParametersPanel
) -> None:
    panel.set_params({"model": "claude-demo-opus-4-1", "max_tokens": 1000})
    assert panel.model_id() == "claude-demo-opus-4-1"
    assert "retired" in panel.notes["model"].text()
    assert panel.model_switch.isVisibleTo(panel)
    assert panel.model_switch.text() == "Switch to Claude Demo Opus 5"
