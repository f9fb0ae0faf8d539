"""The output schema editor (structured output): JSON Schema checked as it is typed, with line and column,
examples that replace the text (undoably), and only a valid schema ever out."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.api.params import output_schema_issues
from app.ui.output_schema_editor import EXAMPLE_SCHEMAS, OutputSchemaDialog, OutputSchemaEditor, example_names


@pytest.fixture
def editor(qtbot: QtBot) -> OutputSchemaEditor:
    widget = OutputSchemaEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    return widget


def _type(editor: OutputSchemaEditor, text: str) -> None:
    editor.editor.setFocus()
    editor.editor.selectAll()
    editor.editor.insertPlainText(text)
    editor.validate()


def test_every_example_is_a_schema_the_rules_accept() -> None:
    for schema in EXAMPLE_SCHEMAS.values():
        assert output_schema_issues(schema) == []
    assert set(example_names()) == set(EXAMPLE_SCHEMAS)


def test_an_example_replaces_the_text_and_is_emitted(qtbot: QtBot, editor: OutputSchemaEditor) -> None:
    assert editor.status.text() == "No schema: the reply is free text"
    emitted: list[object] = []
    editor.schema_changed.connect(emitted.append)
    actions = {a.text(): a for a in editor.examples.menu().actions()}
    assert list(actions) == list(example_names().values())
    actions[example_names()["classification"]].trigger()
    assert emitted == [EXAMPLE_SCHEMAS["classification"]]
    assert editor.status.text() == "A valid schema of 3 properties"
    _type(editor, "{")  # broken: the example still replaces it, and Undo brings the text back
    actions[example_names()["list"]].trigger()
    assert editor.schema() == EXAMPLE_SCHEMAS["list"]
    editor.editor.undo()
    assert editor.editor.toPlainText() == "{"


def test_a_syntax_error_and_a_schema_problem_are_shown_at_their_place(qtbot: QtBot, editor: OutputSchemaEditor) -> None:
    editor.set_value(EXAMPLE_SCHEMAS["extraction"])
    emitted: list[object] = []
    editor.schema_changed.connect(emitted.append)
    _type(editor, '{\n  "type": "object",\n  "properties" {}\n}')
    assert [(p.line, p.column) for p in editor.problems()] == [(3, 16)]
    assert editor.problems_list.item(0).text().startswith("Line 3, column 16:")
    _type(editor, '{\n  "type": "array"\n}')
    assert editor.problems()
    assert editor.problems()[0].line in (1, 2)
    assert "last valid schema" in editor.status.text()
    assert emitted == []  # never an invalid schema out
    assert editor.schema() == EXAMPLE_SCHEMAS["extraction"]
    _type(editor, "")
    assert emitted == [None]  # emptied: no structured output


def test_the_dialog_holds_the_editor(qtbot: QtBot) -> None:
    dialog = OutputSchemaDialog()
    qtbot.addWidget(dialog)
    assert dialog.editor.parent() is dialog
    assert "JSON Schema" in dialog.intro.text()
    assert not dialog.isModal()
