"""The tools of a conversation as JSON: an editor with line numbers, validated as the user types (debounced),
with each problem listed by line and column (clicking one goes there; the line is highlighted) and ready
examples to insert (`app.ui.json_editor`). Only a valid array of tool definitions ever leaves the editor
(`tools_changed`). "Strict inputs" sets ``"strict": true`` on every custom tool (the model's input then
follows its input_schema exactly), or takes it off.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from app.api.params import ToolProblem, validate_tools_json
from app.ui.json_editor import VALIDATE_DEBOUNCE_MS, JsonEditor, JsonEditorDialog, json_text

__all__ = ["EXAMPLE_TOOLS", "VALIDATE_DEBOUNCE_MS", "ToolsDialog", "ToolsEditor", "tools_text"]

EXAMPLE_TOOLS: dict[str, dict[str, Any]] = {
    "get_weather": {
        "name": "get_weather",
        "description": "Get the current weather in a given location.",
        "input_schema": {
            "type": "object",
            "properties": {
                "location": {"type": "string", "description": "The city and country, e.g. Paris, France"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "Temperature unit"},
            },
            "required": ["location"],
        },
    },
    "calculator": {
        "name": "calculator",
        "description": "Evaluate an arithmetic expression and return the result.",
        "input_schema": {
            "type": "object",
            "properties": {
                "expression": {"type": "string", "description": "An arithmetic expression, e.g. (2 + 3) * 4.5"}
            },
            "required": ["expression"],
        },
    },
    "fetch_web_page": {
        "name": "fetch_web_page",
        "description": "Fetch a web page and return its readable text. Use it to read a page the user links to.",
        "input_schema": {
            "type": "object",
            "properties": {
                "url": {"type": "string", "description": "The absolute http(s) URL of the page"},
                "max_characters": {"type": "integer", "description": "Stop after this many characters"},
            },
            "required": ["url"],
        },
    },
}


def tools_text(tools: list[dict[str, Any]] | None) -> str:
    """The editor text for ``tools`` (None: empty)."""
    return json_text(tools)


def _is_custom(tool: Any) -> bool:
    """A tool the user defines (not a server tool, which has a type of its own)."""
    return isinstance(tool, dict) and tool.get("type", "custom") == "custom"


class ToolsEditor(JsonEditor):
    """JSON tool definitions, validated live.

    Signals:
        tools_changed(object): the text became a valid, different array of tools: the list (None: the
            editor is empty, no tools). Never emitted for invalid text.
        validity_changed(bool): the text turned valid (True) or invalid (False).
    """

    tools_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(EXAMPLE_TOOLS, parent)
        self.editor.setAccessibleName(self.tr("Tool definitions (JSON)"))
        self.editor.setPlaceholderText(
            self.tr('[\n  {"name": "…", "description": "…", "input_schema": {"type": "object", …}}\n]')
        )
        self.problems_list.setAccessibleName(self.tr("Problems in the tool definitions"))
        self.strict = QCheckBox(self.tr("Strict inputs"), self)
        self.strict.setToolTip(
            self.tr(
                'Sets "strict": true on every tool: the model\'s input then follows each input_schema exactly. '
                "A tool may also carry it on its own."
            )
        )
        self.bar.insertWidget(1, self.strict)
        self.strict.clicked.connect(self._set_strict)
        self.value_changed.connect(self.tools_changed)
        self._show_problems()

    def check_text(self, text: str) -> list[ToolProblem]:
        return validate_tools_json(text)

    def value_of(self, parsed: Any) -> Any:
        return parsed if isinstance(parsed, list) else None

    def describe(self, value: Any) -> str:
        if value:
            return self.tr("%Ln tool(s), valid", None, len(value))
        return self.tr("No tools")

    def describe_problems(self, count: int) -> str:
        return self.tr("%Ln problem(s) — the last valid tools stay in use", None, count)

    def with_example(self, current: Any, example: Any) -> Any | None:
        """An example tool is appended to the valid array (re-indented)."""
        return [*(current or []), example]

    def tools(self) -> list[dict[str, Any]] | None:
        """The last valid tools (None: none)."""
        value: list[dict[str, Any]] | None = self.value()
        return value

    def set_tools(self, tools: list[dict[str, Any]] | None) -> None:
        """Show ``tools`` (replacing any text, valid or not) without reporting a change."""
        self.set_value(tools)

    def _show_problems(self) -> None:
        super()._show_problems()
        self._show_strict()

    def _show_strict(self) -> None:
        """Checked when every custom tool is strict, partly when some are; usable while the text is valid."""
        custom = [tool for tool in self.value() or [] if _is_custom(tool)]
        strict = sum(1 for tool in custom if tool.get("strict") is True)
        self.strict.setEnabled(bool(custom) and not self.has_errors())
        state = Qt.CheckState.Unchecked
        if custom and strict == len(custom):
            state = Qt.CheckState.Checked
        elif strict:
            state = Qt.CheckState.PartiallyChecked
        self.strict.setCheckState(state)

    def _set_strict(self) -> None:
        """Every custom tool strict (the box ticked), or none (unticked); the text is rewritten as one edit."""
        tools = self.value()
        if not tools or self.has_errors():
            return
        on = self.strict.checkState() != Qt.CheckState.Unchecked
        changed = []
        for tool in tools:
            if _is_custom(tool):
                tool = {key: value for key, value in tool.items() if key != "strict"}
                if on:
                    tool["strict"] = True
            changed.append(tool)
        self._replace_text(self.text_of(changed))
        self.validate()


class ToolsDialog(JsonEditorDialog):
    """A window around a `ToolsEditor` (``editor``); edits apply to the conversation as soon as they are valid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.editor = ToolsEditor()
        super().__init__(self.editor, parent)
        self.setWindowTitle(self.tr("Tools"))
        self.intro.setText(
            self.tr(
                "A JSON array of tool definitions, each with a name, a description and an input_schema "
                '(a JSON Schema of type object); "strict": true makes the model\'s input follow the schema '
                "exactly. Valid changes apply to this conversation at once."
            )
        )
