"""What the parameter checks say, in the window's language: the checks (`app.api.params.PROBLEMS`) stay English
for the command line, and the window words each problem's code itself (`app.ui.problem_words`)."""

from __future__ import annotations

from typing import get_args

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.api.params import PROBLEMS, ProblemCode, Reason, Said, check, validate_tools_json
from app.ui import problem_words
from app.ui.compare import CompareWindow
from app.ui.parameters_panel import ParametersPanel
from tests.fixtures import translations

HAIKU_5 = "claude-demo-haiku-5"  # sets its own sampling
HAIKU_3 = "claude-3-haiku-20240307"  # no thinking

# What fills in any of the texts (each code takes the ones it names).
VALUES = {
    "field": "web_fetch",
    "label": "Web fetch",
    "label_within": "web fetch",
    "model": "Claude X",
    "date": "2026-01-05",
    "successor": "Claude Y",
    "limit": 64000,
    "number": 2,
    "name": '"give_answer"',
    "tool": '"give_answer"',
    "option": '"max"',
    "url": '"https://example.com"',
    "kind": "any",
    "minimum": 1024,
    "max_tokens": 2000,
    "kept": "temperature",
}


def _every_problem() -> list[Said]:
    return [Said(code, VALUES, Reason("no_web_fetch", model="Claude X")) for code in PROBLEMS]


def test_every_problem_has_the_window_s_words() -> None:
    assert set(get_args(ProblemCode)) == set(PROBLEMS)
    assert problem_words.worded_codes() == set(PROBLEMS)


def test_every_problem_is_swedish_in_the_swedish_window(qapp: QApplication) -> None:
    with translations.swedish():
        swedish = {said.code: problem_words.said_text(said) for said in _every_problem()}
    english = {said.code: problem_words.said_text(said) for said in _every_problem()}
    assert english == {said.code: said.text for said in _every_problem()}  # in English, the checks' own words
    assert all(swedish[code] != english[code] for code in PROBLEMS), "a problem the Swedish window says in English"
    assert swedish["max_tokens_limit"] == "Claude X skriver högst 64\N{NO-BREAK SPACE}000 token: sänk max_tokens."
    assert swedish["not_sent"] == "Webbhämtning skickas inte: Claude X kan inte hämta webbsidor."  # the rule too
    assert swedish["retired_on_use"].endswith("Använd Claude Y i stället.")
    with translations.swedish():
        raised = problem_words.said_text(Said("top_p_raised", {"minimum": 0.95}))
    assert raised == "Medan utökat tänkande är på är top_p minst 0,95: det skickas som 0,95."


def test_a_problem_without_the_window_s_words_is_shown_in_english(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    (problem,) = [p for p in check({"model": HAIKU_3, "max_tokens": 1000, "stream": "no"}) if p.field == "stream"]
    monkeypatch.setattr(problem_words, "_wordings", dict)  # a check newer than the window's words
    with translations.swedish():
        assert problem_words.problem_text(problem) == "stream must be true or false."


def test_the_panel_says_under_a_field_why_it_is_not_sent_in_swedish(qtbot: QtBot) -> None:
    with translations.swedish():
        panel = ParametersPanel()
        qtbot.addWidget(panel)
        panel.set_params({"model": HAIKU_5, "max_tokens": 4000, "temperature": 0.5})
        temperature = panel.notes["temperature"].text()
        panel.set_params({"model": HAIKU_3, "max_tokens": 4000, "thinking": {"type": "enabled", "budget_tokens": 500}})
        thinking = panel.notes["thinking"].text()
    assert temperature == (
        "Temperatur skickas inte: Claude Opus 4.7 och senare och Claude 5-modellerna bestämmer sin sampling själva; "
        "använd Ansträngning."
    )
    assert thinking == "Utökat tänkande skickas inte: Claude Haiku 3 har inget utökat tänkande."


def test_compare_refuses_a_run_in_swedish(qtbot: QtBot) -> None:
    with translations.swedish():
        window = CompareWindow("Hej", {"model": HAIKU_3, "max_tokens": 1000, "stop_sequences": [" "]}, [])
        qtbot.addWidget(window)
        window.run_button.click()
        shown = window.message.text()
    assert shown == "Uppsättning 1: Stoppsekvens 1 är bara blanktecken: ta bort den eller skriv en."


def test_the_tools_editor_lists_its_problems_in_swedish(qapp: QApplication) -> None:
    (problem,) = validate_tools_json('[{"name": "a b", "input_schema": {"type": "object"}}]')
    with translations.swedish():
        text = problem_words.problem_text(problem)
    assert text == 'Verktygsnamnet "a b" får bara innehålla bokstäver, siffror, _ och - (högst 128 tecken).'
