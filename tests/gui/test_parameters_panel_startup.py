"""What the parameters panel leaves out of start-up: its folded sections (Web, Advanced) are made when first
unfolded (until then their values live in the panel, which loads, checks and reports them exactly as with the
fields made), and the icons of its notes and badges are drawn when they are painted."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.ui import icons, parameters_panel
from app.ui.parameters_panel import ParametersPanel
from app.ui.web_tool_options import MAX_USES_LIMIT, WebToolOptions, shown_options

MODEL = "claude-demo-sonnet-4-6"
HAIKU_3 = "claude-3-haiku-20240307"  # no web fetch

SAVED: dict[str, Any] = {
    "model": MODEL,
    "max_tokens": 1000,
    "web_search": {"max_uses": 3, "blocked_domains": ["ads.example"], "user_location": {"type": "approximate"}},
    "web_fetch": {"citations": True, "allowed_domains": ["docs.example.org"]},
    "metadata_user_id": "user-7f3a",
}

# What the editor makes of options it is given, field by field (and what it keeps as it came).
OPTIONS: list[Any] = [
    None,
    {},
    {"max_uses": 0},
    {"max_uses": 7},
    {"max_uses": MAX_USES_LIMIT + 50},
    {"max_uses": -2},
    {"max_uses": True},
    {"max_uses": "3"},
    {"allowed_domains": ["a.example", "b.example"]},
    {"allowed_domains": [], "blocked_domains": ["x.example"]},
    {"allowed_domains": ["a.example"], "blocked_domains": ["x.example"]},
    {"blocked_domains": "x.example"},
    {"allowed_domains": ["a.example, b.example", " c.example "]},
    {"citations": True},
    {"citations": False},
    {"citations": "yes"},
    {"user_location": {"type": "approximate", "city": "Lund"}, "future_option": 1},
]


@pytest.fixture
def panel(qtbot: QtBot) -> ParametersPanel:
    widget = ParametersPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 900)
    widget.show()
    return widget


def _made(panel: ParametersPanel) -> tuple[int, int]:
    """How many web tool editors and line edits the Web and Advanced sections hold."""
    web, advanced = panel.sections["web"].content, panel.sections["advanced"].content
    return len(web.findChildren(WebToolOptions)), len(advanced.findChildren(QLineEdit))


def test_the_folded_sections_are_made_when_first_unfolded(qtbot: QtBot, panel: ParametersPanel) -> None:
    assert not panel.sections["web"].is_expanded()
    assert not panel.sections["advanced"].is_expanded()
    panel.set_params(SAVED)
    assert _made(panel) == (0, 0)  # nothing on the first frame needs them
    panel.sections["web"].header.click()
    assert _made(panel) == (2, 0)
    assert panel.web_search.enable.isChecked()
    assert panel.web_search.max_uses.value() == 3
    assert panel.web_fetch.citations.isChecked()
    panel.sections["advanced"].header.click()
    assert _made(panel) == (2, 1)
    assert panel.user_id.text() == "user-7f3a"


def test_params_are_the_same_before_and_after_the_fields_are_made(panel: ParametersPanel) -> None:
    panel.set_params(SAVED)
    folded = panel.params()
    assert folded["web_search"] == SAVED["web_search"]
    assert folded["metadata_user_id"] == "user-7f3a"
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    for section in panel.sections.values():
        section.set_expanded(True)
    assert panel.params() == folded
    assert changes == []  # making the fields is no change of the user's


def test_unfolded_fields_report_their_changes(qtbot: QtBot, panel: ParametersPanel) -> None:
    panel.set_params({"model": MODEL, "max_tokens": 1000})
    changes: list[dict[str, Any]] = []
    panel.params_changed.connect(changes.append)
    panel.sections["web"].set_expanded(True)
    panel.web_search.enable.setChecked(True)
    assert changes[-1]["web_search"] == {}
    panel.sections["web"].set_expanded(False)
    panel.set_params({"model": MODEL, "max_tokens": 1000})  # another conversation: shown in the made fields
    assert not panel.web_search.enable.isChecked()
    assert "web_search" not in panel.params()


def test_a_problem_in_a_folded_section_shows_on_its_header(panel: ParametersPanel) -> None:
    panel.set_params({**SAVED, "metadata_user_id": "someone@example.com", "model": HAIKU_3})
    assert _made(panel) == (0, 0)
    assert panel.sections["advanced"].badge.isVisibleTo(panel)  # looks like an e-mail address
    assert panel.sections["web"].badge.isVisibleTo(panel)  # this model can't fetch web pages
    assert not panel.notes[""].isVisibleTo(panel)  # not put at the top for want of the field's own note
    panel.sections["web"].set_expanded(True)
    assert panel.notes["web_fetch"].severity == "warning"
    assert not panel.web_fetch.options.isEnabled()  # greyed out with the reason, once made
    assert panel.web_fetch.enable.toolTip()


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("fetch", [False, True])
def test_shown_options_are_what_the_editor_makes_of_them(qtbot: QtBot, options: Any, fetch: bool) -> None:
    editor = WebToolOptions("Web", fetch=fetch)
    qtbot.addWidget(editor)
    editor.set_value(options)
    assert shown_options(options, fetch=fetch) == editor.value()


def test_notes_and_badges_draw_their_icons_when_painted(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    render = icons.render
    monkeypatch.setattr(icons, "render", lambda name, *args: drawn.append(name) or render(name, *args))
    panel = ParametersPanel()
    qtbot.addWidget(panel)
    panel.set_params({})
    assert panel.notes["model"].severity == "error"  # no model yet
    panel.set_params({"model": "claude-demo-sonnet-5", "max_tokens": 1000, "metadata_user_id": "someone@example.com"})
    assert panel.notes["sampling"].severity == "note"  # the model sets its own sampling
    assert panel.sections["advanced"].badge.isVisibleTo(panel)  # looks like an e-mail address
    assert drawn == []  # set, replaced, but not seen yet
    panel.resize(360, 900)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: "note" in drawn)  # the sampling note's, once painted


def test_the_parameters_are_checked_once_at_start_up(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built, then a conversation's parameters loaded (as at start-up): one check, of those, not of the defaults."""
    checked: list[dict[str, Any]] = []
    check = parameters_panel.check
    monkeypatch.setattr(
        parameters_panel, "check", lambda params, *a, **k: checked.append(params) or check(params, *a, **k)
    )
    panel = ParametersPanel()
    qtbot.addWidget(panel)
    panel.set_params(SAVED)
    panel.show()
    qtbot.waitExposed(panel)
    assert [params["model"] for params in checked] == [MODEL]
    assert panel.problems() == check(panel.params(), panel.model_info(), api_version=panel.api_version)


def test_a_panel_shown_with_nothing_loaded_shows_what_is_wrong_with_the_defaults(qtbot: QtBot) -> None:
    panel = ParametersPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.notes["model"].severity == "error"  # no model yet
    assert any(problem.field == "model" for problem in panel.problems())
