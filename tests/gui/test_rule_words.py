"""Why a control is off for a model, in the window's language: the rules (`app.api.params.RULES`) stay English
for the command line, and the window words each rule's code itself (`app.ui.rule_words`)."""

from __future__ import annotations

from typing import get_args

import pytest
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.api.params import RULES, Reason, RuleCode, rules_for
from app.ui import rule_words
from app.ui.compare import ParameterSetEditor
from app.ui.parameters_panel import ParametersPanel
from tests.fixtures import translations

HAIKU_5 = "claude-demo-haiku-5"  # sets its own sampling, thinks adaptively only, effort up to high
HAIKU_3 = "claude-3-haiku-20240307"  # no thinking, no effort, no web fetch, no structured outputs


def _plain(tooltip: str) -> str:
    """A tooltip's text, as read (tooltips wrap their rich text in <p> with non-breaking spaces)."""
    return QTextDocumentFragment.fromHtml(tooltip).toPlainText().replace("\N{NO-BREAK SPACE}", " ")


def test_every_rule_has_the_window_s_words() -> None:
    assert set(get_args(RuleCode)) == set(RULES)
    assert rule_words.worded_codes() == set(RULES)


def test_every_rule_is_swedish_in_the_swedish_window(qapp: QApplication) -> None:
    reasons = [Reason(code, model="Claude X", version="2026-10-21", levels=("low", "high")) for code in RULES]
    with translations.swedish():
        swedish = {reason.code: rule_words.reason_text(reason) for reason in reasons}
    english = {reason.code: rule_words.reason_text(reason) for reason in reasons}
    assert english == {reason.code: reason.text for reason in reasons}  # in English, the rules' own words
    assert all(swedish[code] != english[code] for code in RULES), "a rule the Swedish window says in English"
    assert swedish["effort_levels"] == "Claude X tar emot ansträngning låg eller hög"
    assert "2026-10-21" in swedish["version_without_sampling"]


def test_a_rule_without_the_window_s_words_is_shown_in_english(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    reason = rules_for(HAIKU_3).reason("web_fetch")
    assert reason is not None
    monkeypatch.setattr(rule_words, "_wordings", dict)  # a rule newer than the window's words
    with translations.swedish():
        assert rule_words.reason_text(reason) == "Claude Haiku 3 can't fetch web pages"


def test_the_panel_gives_its_reasons_in_swedish(qtbot: QtBot) -> None:
    with translations.swedish():
        panel = ParametersPanel()
        qtbot.addWidget(panel)
        panel.set_params(
            {
                "model": HAIKU_5,
                "max_tokens": 4000,
                "effort": "max",
                "thinking": {"type": "enabled", "budget_tokens": 2048},
            }
        )
        sampling = panel.notes["sampling"].text()
        effort_tip = _plain(panel.effort.button("max").toolTip())
        budget_tip = _plain(panel.thinking_mode.button("budget").toolTip())
        panel.set_params({"model": HAIKU_3, "max_tokens": 4000, "web_fetch": {}})
        panel.sections["web"].set_expanded(True)
        fetch_tip = panel.web_fetch.enable.toolTip()
        thinking = panel.notes["thinking"].text()
        schema_tip = panel.schema_button.toolTip()
    assert (
        sampling
        == "Claude Opus 4.7 och senare och Claude 5-modellerna bestämmer sin sampling själva; använd Ansträngning"
    )
    assert "Claude Demo Haiku 5 tar emot ansträngning låg, medel eller hög" in effort_tip
    assert "Claude Demo Haiku 5 tänker adaptivt, utan budget" in budget_tip
    assert fetch_tip == "Claude Haiku 3 kan inte hämta webbsidor"
    assert thinking == "Claude Haiku 3 har inget utökat tänkande"
    assert schema_tip == "Claude Haiku 3 har ingen strukturerad utdata"


def test_compare_gives_its_reasons_in_swedish(qtbot: QtBot) -> None:
    with translations.swedish():
        editor = ParameterSetEditor()
        qtbot.addWidget(editor)
        editor.set_params({"model": HAIKU_3, "max_tokens": 1000})
        effort_tip = editor.effort.toolTip()
    assert effort_tip == "Claude Haiku 3 har ingen inställning för Ansträngning"
