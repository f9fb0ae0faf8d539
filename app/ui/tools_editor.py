"""The tools of a conversation as JSON: an editor with line numbers, validated as the user types (debounced),
with each problem listed by line (clicking one goes there; the line is highlighted) and ready examples to
insert. Only a valid array of tool definitions ever leaves the editor (`tools_changed`).
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPaintEvent, QResizeEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api.params import ToolProblem, validate_tools_json
from app.ui.problem_note import severity_colour, severity_icon
from app.ui.screen_fit import resize_to_fit

VALIDATE_DEBOUNCE_MS = 300
_LINE_ROLE = Qt.ItemDataRole.UserRole

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
    return "" if tools is None else json.dumps(tools, indent=2, ensure_ascii=False)


class _LineNumbers(QWidget):
    """The gutter of a `CodeEditor`."""

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    """A plain-text editor in the fixed-pitch font with line numbers, that can mark lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 2)
        self._gutter = _LineNumbers(self)
        self._marked: set[int] = set()
        self.blockCountChanged.connect(lambda _n: self._fit_gutter())
        self.updateRequest.connect(self._scroll_gutter)
        self._fit_gutter()

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * max(2, digits)

    def mark_lines(self, lines: set[int]) -> None:
        """Highlight these 1-based lines (and their numbers in the gutter)."""
        self._marked = lines
        colour = QColor(severity_colour("error", self.palette()))
        colour.setAlpha(40)
        selections = []
        for line in sorted(lines):
            block = self.document().findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(colour)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selections.append(selection)
        self.setExtraSelections(selections)
        self._gutter.update()

    def go_to(self, line: int, column: int = 1) -> None:
        """Put the cursor at 1-based ``line`` and ``column`` and focus the editor."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            block = self.document().lastBlock()
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=min(max(0, column - 1), max(0, block.length() - 1)))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(palette.ColorRole.AlternateBase))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self._gutter.width() - 5
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber() + 1
                marked = number in self._marked
                painter.setPen(
                    severity_colour("error", palette) if marked else palette.color(palette.ColorRole.PlaceholderText)
                )
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight, str(number))
            block = block.next()
            top = bottom
        painter.end()

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._fit_gutter()


class ToolsEditor(QWidget):
    """JSON tool definitions, validated live.

    Signals:
        tools_changed(object): the text became a valid, different array of tools: the list (None: the
            editor is empty, no tools). Never emitted for invalid text.
        validity_changed(bool): the text turned valid (True) or invalid (False).
    """

    tools_changed = Signal(object)
    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = CodeEditor(self)
        self.editor.setPlaceholderText(
            self.tr('[\n  {"name": "…", "description": "…", "input_schema": {"type": "object", …}}\n]')
        )
        self.editor.setAccessibleName(self.tr("Tool definitions (JSON)"))
        self.problems_list = QListWidget(self)
        self.problems_list.setAccessibleName(self.tr("Problems in the tool definitions"))
        self.problems_list.setMaximumHeight(110)
        self.problems_list.setWordWrap(True)
        self.problems_list.setIconSize(QSize(16, 16))
        self.problems_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems_list.hide()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.examples = QToolButton(self)
        self.examples.setText(self.tr("Insert example"))
        self.examples.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.examples)
        for name in EXAMPLE_TOOLS:
            menu.addAction(name, partial(self.insert_example, name))
        self.examples.setMenu(menu)
        self.format_button = QPushButton(self.tr("Format"), self)
        self.format_button.setAutoDefault(False)
        self.format_button.setToolTip(self.tr("Re-indent the JSON (only when it is valid)"))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.examples)
        bar.addWidget(self.format_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problems_list)
        layout.addLayout(bar)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DEBOUNCE_MS)
        self._timer.timeout.connect(self.validate)
        self.editor.textChanged.connect(self._on_text_changed)
        self.problems_list.itemActivated.connect(self._go_to_problem)
        self.problems_list.itemClicked.connect(self._go_to_problem)
        self.format_button.clicked.connect(self.format_text)
        self._tools: list[dict[str, Any]] | None = None
        self._problems: list[ToolProblem] = []
        self._loading = False
        self._show_problems()

    # --- reading and showing ---

    def tools(self) -> list[dict[str, Any]] | None:
        """The last valid tools (None: none)."""
        return self._tools

    def problems(self) -> list[ToolProblem]:
        """The problems of the text as last validated."""
        return list(self._problems)

    def has_errors(self) -> bool:
        """Whether the text, as last validated, is not a valid array of tools."""
        return bool(self._problems)

    def set_tools(self, tools: list[dict[str, Any]] | None) -> None:
        """Show ``tools`` (replacing any text, valid or not) without reporting a change."""
        self._loading = True
        try:
            self._timer.stop()
            self.editor.setPlainText(tools_text(tools))
        finally:
            self._loading = False
        was_valid = not self._problems
        self._tools = tools
        self._problems = []
        self._show_problems()
        if not was_valid:
            self.validity_changed.emit(True)

    # --- editing ---

    def insert_example(self, name: str) -> None:
        """Add the example tool ``name``: appended to a valid array (re-indented), else inserted at the cursor."""
        example = EXAMPLE_TOOLS[name]
        current = self._parse()
        if isinstance(current, list):
            self.editor.setPlainText(tools_text([*current, example]))
        elif not self.editor.toPlainText().strip():
            self.editor.setPlainText(tools_text([example]))
        else:
            self.editor.insertPlainText(json.dumps(example, indent=2, ensure_ascii=False))
        self.validate()

    def format_text(self) -> None:
        current = self._parse()
        if isinstance(current, list) and not validate_tools_json(self.editor.toPlainText()):
            self.editor.setPlainText(tools_text(current))

    def validate(self) -> None:
        """Check the text now (normally done ~300 ms after the last keystroke) and report valid tools."""
        self._timer.stop()
        text = self.editor.toPlainText()
        was_valid = not self._problems
        self._problems = [] if not text.strip() else validate_tools_json(text)
        changed = False
        if not self._problems:
            tools = self._parse()
            changed = tools != self._tools
            self._tools = tools
        self._show_problems()  # after the tools are taken: the status line counts them
        if bool(self._problems) == was_valid:
            self.validity_changed.emit(not self._problems)
        if changed:
            self.tools_changed.emit(self._tools)

    def _parse(self) -> list[dict[str, Any]] | None:
        text = self.editor.toPlainText()
        if not text.strip():
            return None
        try:
            value = json.loads(text)
        except ValueError:
            return None
        return value if isinstance(value, list) else None

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _show_problems(self) -> None:
        self.problems_list.clear()
        for problem in self._problems:
            item = QListWidgetItem(
                severity_icon("error", self),
                self.tr("Line {line}: {message}").format(line=problem.line, message=problem.message),
                self.problems_list,
            )
            item.setData(_LINE_ROLE, (problem.line, problem.column))
            item.setToolTip(self.tr("Go to line {line}").format(line=problem.line))
        self.problems_list.setVisible(bool(self._problems))
        self.editor.mark_lines({p.line for p in self._problems})
        count = len(self._problems)
        if count:
            self.status.setText(self.tr("%Ln problem(s) — the last valid tools stay in use", None, count))
        elif self._tools:
            self.status.setText(self.tr("%Ln tool(s), valid", None, len(self._tools)))
        else:
            self.status.setText(self.tr("No tools"))

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        line, column = item.data(_LINE_ROLE)
        self.editor.go_to(int(line), int(column))


class ToolsDialog(QDialog):
    """A window around a `ToolsEditor`; edits apply to the conversation as soon as they are valid, so it
    stays open beside the chat (non-modal) and Close just hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tools"))
        self.setModal(False)
        self.editor = ToolsEditor(self)
        intro = QLabel(
            self.tr(
                "A JSON array of tool definitions, each with a name, a description and an input_schema "
                "(a JSON Schema of type object). Valid changes apply to this conversation at once."
            ),
            self,
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 640, 560)
