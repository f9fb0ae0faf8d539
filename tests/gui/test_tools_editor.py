"""The tools editor (JSON validated live, problems by line, never an invalid value out) and tool_choice."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.ui.tool_choice_editor import ToolChoiceEditor
from app.ui.tools_editor import EXAMPLE_TOOLS, VALIDATE_DEBOUNCE_MS, ToolsEditor, tools_text
from tests.fixtures.qt import focused

WEATHER = EXAMPLE_TOOLS["get_weather"]


@pytest.fixture
def editor(qtbot: QtBot) -> ToolsEditor:
    widget = ToolsEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    return widget


def _type(editor: ToolsEditor, text: str) -> None:
    """Replace the text as a person would (select all, type); validate at once rather than wait for the
    debounce (which `test_edits_are_validated_after_a_pause_not_per_keystroke` covers)."""
    editor.editor.setFocus()
    editor.editor.selectAll()
    editor.editor.insertPlainText(text)
    editor.validate()


def _problem_rows(editor: ToolsEditor) -> list[str]:
    return [editor.problems_list.item(i).text() for i in range(editor.problems_list.count())]


def _marked_lines(editor: ToolsEditor) -> set[int]:
    return {s.cursor.blockNumber() + 1 for s in editor.editor.extraSelections()}


def test_a_syntax_error_is_reported_at_its_line_and_nothing_is_emitted(qtbot: QtBot, editor: ToolsEditor) -> None:
    editor.set_tools([WEATHER])
    emitted: list[object] = []
    editor.tools_changed.connect(emitted.append)
    broken = tools_text([WEATHER]).replace('"required": [', '"required" [', 1)
    line = next(n for n, text in enumerate(broken.splitlines(), start=1) if '"required" [' in text)
    _type(editor, broken)
    assert emitted == []
    assert editor.has_errors()
    assert editor.tools() == [WEATHER]  # the last valid tools stay
    assert [p.line for p in editor.problems()] == [line]
    assert _problem_rows(editor)[0].startswith(f"Line {line}, column ")
    assert _marked_lines(editor) == {line}
    assert editor.problems_list.isVisibleTo(editor)
    assert "last valid" in editor.status.text()


def test_a_bad_name_and_a_non_object_schema_point_to_their_lines(qtbot: QtBot, editor: ToolsEditor) -> None:
    emitted: list[object] = []
    editor.tools_changed.connect(emitted.append)
    text = json.dumps(
        [
            {"name": "good_tool", "input_schema": {"type": "object"}},
            {"name": "bad name!", "input_schema": {"type": "object"}},
            {"name": "listy", "input_schema": {"type": "array"}},
        ],
        indent=2,
    )
    lines = text.splitlines()
    name_line = next(n for n, t in enumerate(lines, start=1) if '"bad name!"' in t)
    listy_line = next(n for n, t in enumerate(lines, start=1) if '"listy"' in t)
    schema_line = next(n for n, t in enumerate(lines, start=1) if n > listy_line and '"input_schema"' in t)
    _type(editor, text)
    problems = editor.problems()
    assert sorted(p.line for p in problems) == [name_line, schema_line]
    by_line = {p.line: p.message for p in problems}
    assert "bad name!" in by_line[name_line]
    assert "object" in by_line[schema_line]
    assert _marked_lines(editor) == {name_line, schema_line}
    assert emitted == []


def test_valid_text_is_emitted_once_and_errors_clear(qtbot: QtBot, editor: ToolsEditor) -> None:
    validity: list[bool] = []
    emitted: list[object] = []
    editor.validity_changed.connect(validity.append)
    editor.tools_changed.connect(emitted.append)
    _type(editor, "[{")
    assert validity == [False]
    _type(editor, tools_text([WEATHER]))
    assert validity == [False, True]
    assert emitted == [[WEATHER]]
    assert _marked_lines(editor) == set()
    assert not editor.problems_list.isVisibleTo(editor)
    _type(editor, tools_text([WEATHER]) + "\n")  # the same tools: nothing new to report
    assert emitted == [[WEATHER]]
    _type(editor, "   ")
    assert emitted == [[WEATHER], None]  # empty: no tools


def test_edits_are_validated_after_a_pause_not_per_keystroke(qtbot: QtBot, editor: ToolsEditor) -> None:
    emitted: list[object] = []
    editor.tools_changed.connect(emitted.append)
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "[]")
    assert emitted == []  # not yet
    qtbot.waitUntil(lambda: emitted == [[]], timeout=VALIDATE_DEBOUNCE_MS + 1000)


def test_clicking_a_problem_moves_the_cursor_to_its_line(qtbot: QtBot, editor: ToolsEditor) -> None:
    text = tools_text([WEATHER, {"name": "x y", "input_schema": {"type": "object"}}])
    _type(editor, text)
    [problem] = editor.problems()
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.Start)
    item = editor.problems_list.item(0)
    rect = editor.problems_list.visualItemRect(item)
    qtbot.mouseClick(editor.problems_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cursor = editor.editor.textCursor()
    assert cursor.blockNumber() + 1 == problem.line
    assert cursor.positionInBlock() == problem.column - 1
    assert focused(editor.editor)


def test_examples_are_appended_to_a_valid_array(qtbot: QtBot, editor: ToolsEditor) -> None:
    emitted: list[object] = []
    editor.tools_changed.connect(emitted.append)
    editor.insert_example("get_weather")
    editor.insert_example("calculator")
    assert emitted[-1] == [WEATHER, EXAMPLE_TOOLS["calculator"]]
    assert [a.text() for a in editor.examples.menu().actions()] == list(EXAMPLE_TOOLS)
    assert not editor.has_errors()  # every example is a valid tool


def test_the_status_line_counts_the_tools_as_soon_as_an_example_is_inserted(qtbot: QtBot, editor: ToolsEditor) -> None:
    assert editor.status.text() == "No tools"
    actions = {a.text(): a for a in editor.examples.menu().actions()}
    actions["get_weather"].trigger()
    assert editor.status.text() == "1 tool, valid"
    actions["calculator"].trigger()
    assert editor.status.text() == "2 tools, valid"  # not the count from before the insertion
    assert len(editor.tools() or []) == 2


def test_strict_inputs_sets_strict_on_every_custom_tool_and_takes_it_off(qtbot: QtBot, editor: ToolsEditor) -> None:
    assert not editor.strict.isEnabled()  # no tools: nothing to make strict
    editor.set_tools([WEATHER, {**EXAMPLE_TOOLS["calculator"], "strict": True}])
    assert editor.strict.isEnabled()
    assert editor.strict.checkState() == Qt.CheckState.PartiallyChecked  # one of two is strict
    emitted: list[object] = []
    editor.tools_changed.connect(emitted.append)
    qtbot.mouseClick(editor.strict, Qt.MouseButton.LeftButton, pos=QPoint(8, editor.strict.height() // 2))
    assert [tool.get("strict") for tool in emitted[-1]] == [True, True]
    assert editor.strict.checkState() == Qt.CheckState.Checked
    qtbot.mouseClick(editor.strict, Qt.MouseButton.LeftButton, pos=QPoint(8, editor.strict.height() // 2))
    assert all("strict" not in tool for tool in emitted[-1])
    assert emitted[-1][0] == WEATHER  # nothing else changed
    editor.editor.undo()  # the rewrite is one edit the user can undo
    editor.validate()
    assert [tool.get("strict") for tool in editor.tools() or []] == [True, True]
    _type(editor, "[{")
    assert not editor.strict.isEnabled()  # invalid text: nothing to rewrite


def test_a_problem_names_its_line_and_column(qtbot: QtBot, editor: ToolsEditor) -> None:
    _type(editor, '[\n  {"name": "a", "input_schema": 3}\n]')
    assert editor.problems()
    problem = editor.problems()[0]
    assert _problem_rows(editor)[0].startswith(f"Line {problem.line}, column {problem.column}:")


def test_set_tools_shows_them_without_reporting(qtbot: QtBot, editor: ToolsEditor) -> None:
    _type(editor, "[{")
    emitted: list[object] = []
    editor.tools_changed.connect(emitted.append)
    editor.set_tools([WEATHER])
    qtbot.wait(VALIDATE_DEBOUNCE_MS + 50)
    assert emitted == []
    assert not editor.has_errors()
    assert json.loads(editor.editor.toPlainText()) == [WEATHER]


def test_line_numbers_mark_problem_lines_in_the_error_colour(qtbot: QtBot, editor: ToolsEditor) -> None:
    _type(editor, '[\n  {"name": "a", "input_schema": 3}\n]')
    assert _marked_lines(editor) == {2}
    image = editor.editor._gutter.grab().toImage()
    reds = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if (c := QColor(image.pixel(x, y))).red() > 150 and c.green() < 110
    )
    assert reds > 0  # the number of the bad line is drawn in red
    assert editor.editor.gutter_width() > 0


# --- tool_choice ---


@pytest.fixture
def choice(qtbot: QtBot) -> ToolChoiceEditor:
    widget = ToolChoiceEditor()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_tool_choice_tool_offers_the_current_names(qtbot: QtBot, choice: ToolChoiceEditor) -> None:
    changes: list[object] = []
    choice.changed.connect(lambda: changes.append(choice.value()))
    choice.set_tool_names(["get_weather", "calculator"])
    assert not choice.name.isVisibleTo(choice)
    choice.kind.setCurrentIndex(choice.kind.findData("tool"))
    assert choice.name.isVisibleTo(choice)
    assert [choice.name.itemText(i) for i in range(choice.name.count())] == ["get_weather", "calculator"]
    choice.name.setCurrentIndex(1)
    assert changes[-1] == {"type": "tool", "name": "calculator"}
    choice.set_tool_names(["calculator", "fetch_web_page"])  # the tools changed: the choice stays
    assert choice.name.currentText() == "calculator"
    choice.set_tool_names(["fetch_web_page"])  # the chosen tool is gone: still shown (the check flags it)
    assert choice.value() == {"type": "tool", "name": "calculator"}


def test_tool_choice_values(qtbot: QtBot, choice: ToolChoiceEditor) -> None:
    assert choice.value() is None  # auto with parallel calls: the API's default, not sent
    choice.single.setChecked(True)
    assert choice.value() == {"type": "auto", "disable_parallel_tool_use": True}
    choice.kind.setCurrentIndex(choice.kind.findData("any"))
    assert choice.value() == {"type": "any", "disable_parallel_tool_use": True}
    choice.kind.setCurrentIndex(choice.kind.findData("none"))
    assert not choice.single.isEnabled()
    assert choice.value() == {"type": "none"}  # none takes no other field
    changes: list[object] = []
    choice.changed.connect(lambda: changes.append(1))
    choice.set_value({"type": "tool", "name": "get_weather", "disable_parallel_tool_use": True})
    assert changes == []
    assert choice.value() == {"type": "tool", "name": "get_weather", "disable_parallel_tool_use": True}
