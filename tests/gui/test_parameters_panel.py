"""The parameters panel: what it shows, what it reports, and that unset parameters stay unset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.api import ModelInfo
from app.ui.parameters_panel import MAX_TOKENS_LIMIT, TEXT_DEBOUNCE_MS, ParametersPanel

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
