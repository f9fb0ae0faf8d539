"""The output schema of a conversation (structured output): a JSON Schema of type object that the reply's text
follows, edited as JSON checked as the user types (line and column of each problem), with examples to start
from (`app.ui.json_editor`). Only a valid schema ever leaves the editor (`schema_changed`); the rules of
`app.api.params` say what a schema must be."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.api.params import ToolProblem, validate_output_schema_json
from app.language import tr as _tr
from app.ui.json_editor import JsonEditor, JsonEditorDialog
from app.ui.param_choices import property_count

# Examples to start from: what people most often ask a reply to be. Every object closes with
# "additionalProperties": false, and no number carries minimum or maximum: the API's structured outputs
# want the first and refuse the second ("For 'integer' type, property 'minimum' is not supported").
EXAMPLE_SCHEMAS: dict[str, dict[str, Any]] = {
    "list": {
        "type": "object",
        "properties": {
            "items": {
                "type": "array",
                "description": "The items, in order",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "note": {"type": "string", "description": "One line about it"},
                    },
                    "required": ["name"],
                    "additionalProperties": False,
                },
            }
        },
        "required": ["items"],
        "additionalProperties": False,
    },
    "classification": {
        "type": "object",
        "properties": {
            "label": {"type": "string", "enum": ["positive", "neutral", "negative"]},
            "confidence": {"type": "number", "description": "From 0 to 1"},
            "reason": {"type": "string", "description": "Why, in one sentence"},
        },
        "required": ["label", "confidence"],
        "additionalProperties": False,
    },
    "extraction": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "description": "The person's full name"},
            "email": {"type": "string", "format": "email"},
            "company": {"type": "string"},
            "phone": {"type": "string"},
        },
        "required": ["name", "email"],
        "additionalProperties": False,
    },
}


def example_names() -> dict[str, str]:
    """The name each example is offered under in the menu, by its key in `EXAMPLE_SCHEMAS`."""
    return {
        "list": _tr("A list of items"),
        "classification": _tr("A classification with an enum"),
        "extraction": _tr("An extraction with required fields"),
    }


class OutputSchemaEditor(JsonEditor):
    """A JSON Schema for the reply, validated live; an example replaces the text (undoable).

    Signals:
        schema_changed(object): the text became a valid, different schema (None: the editor is empty, no
            structured output). Never emitted for invalid text.
        validity_changed(bool): the text turned valid (True) or invalid (False).
    """

    schema_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        names = example_names()
        super().__init__({names[key]: schema for key, schema in EXAMPLE_SCHEMAS.items()}, parent)
        self.editor.setAccessibleName(self.tr("Output schema (JSON Schema)"))
        self.editor.setPlaceholderText(self.tr('{\n  "type": "object",\n  "properties": {…},\n  "required": […]\n}'))
        self.problems_list.setAccessibleName(self.tr("Problems in the output schema"))
        self.value_changed.connect(self.schema_changed)
        self._show_problems()

    def check_text(self, text: str) -> list[ToolProblem]:
        return validate_output_schema_json(text)

    def value_of(self, parsed: Any) -> Any:
        return parsed if isinstance(parsed, dict) else None

    def describe(self, value: Any) -> str:
        if value is None:
            return self.tr("No schema: the reply is free text")
        count = property_count(value)
        return self.tr("A valid schema of %Ln properties", None, count)

    def describe_problems(self, count: int) -> str:
        return self.tr("%Ln problem(s) — the last valid schema stays in use", None, count)

    def over_invalid(self, example: Any) -> Any | None:
        """A schema is one object: an example replaces even a text that is not valid (Undo brings it back)."""
        return example

    def schema(self) -> dict[str, Any] | None:
        """The last valid schema (None: none)."""
        value: dict[str, Any] | None = self.value()
        return value


class OutputSchemaDialog(JsonEditorDialog):
    """A window around an `OutputSchemaEditor` (``editor``); a valid schema applies to the conversation at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.editor = OutputSchemaEditor()
        super().__init__(self.editor, parent)
        self.setWindowTitle(self.tr("Structured Output"))
        self.intro.setText(
            self.tr(
                "A JSON Schema of type object: the reply is JSON that follows it, shown formatted and checked "
                "against it. Empty: the reply is free text. Valid changes apply to this conversation at once."
            )
        )
