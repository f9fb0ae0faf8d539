"""JSON that people type, checked as they type: `CodeEditor` (fixed pitch, line numbers, marked lines) and
`JsonEditor`, the base of the tools editor and the output schema editor: validated after a pause in typing
(debounced), each problem listed with its line (clicking one goes there; the line is highlighted), ready
examples to insert, Format. Only a valid value ever leaves the editor; what "valid" means is the subclass's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
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

from app.api.params import ToolProblem
from app.ui.problem_note import severity_colour, severity_icon
from app.ui.problem_words import problem_text
from app.ui.screen_fit import resize_to_fit

VALIDATE_DEBOUNCE_MS = 300
_LINE_ROLE = Qt.ItemDataRole.UserRole


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


def json_text(value: Any) -> str:
    """``value`` as an editor shows it: indented JSON ("" for None)."""
    return "" if value is None else json.dumps(value, indent=2, ensure_ascii=False)


class JsonEditor(QWidget):
    """JSON text validated live. A subclass says what the text must be (`check_text`), what a valid text
    is worth (`value_of`, None for an empty text), how a value is written (`text_of`) and how the status
    line describes it (`describe`); ``examples`` are values to insert (by name).

    Signals:
        value_changed(object): the text became a valid, different value (None: empty). Never emitted for
            invalid text.
        validity_changed(bool): the text turned valid (True) or invalid (False).
    """

    value_changed = Signal(object)
    validity_changed = Signal(bool)

    def __init__(self, examples: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._examples = dict(examples)
        self.editor = CodeEditor(self)
        self.problems_list = QListWidget(self)
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
        for name in self._examples:
            menu.addAction(name, partial(self.insert_example, name))
        self.examples.setMenu(menu)
        self.format_button = QPushButton(self.tr("Format"), self)
        self.format_button.setAutoDefault(False)
        self.format_button.setToolTip(self.tr("Re-indent the JSON (only when it is valid)"))

        self.bar = QHBoxLayout()
        self.bar.setContentsMargins(0, 0, 0, 0)
        self.bar.addWidget(self.status, 1)
        self.bar.addWidget(self.examples)
        self.bar.addWidget(self.format_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problems_list)
        layout.addLayout(self.bar)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DEBOUNCE_MS)
        self._timer.timeout.connect(self.validate)
        self.editor.textChanged.connect(self._on_text_changed)
        self.problems_list.itemActivated.connect(self._go_to_problem)
        self.problems_list.itemClicked.connect(self._go_to_problem)
        self.format_button.clicked.connect(self.format_text)
        self._value: Any = None
        self._problems: list[ToolProblem] = []
        self._loading = False

    # --- what a subclass says ---

    def check_text(self, text: str) -> list[ToolProblem]:
        """The problems of a text that is not empty, with their positions."""
        raise NotImplementedError

    def value_of(self, parsed: Any) -> Any:
        """The value of a text that parsed as ``parsed`` and has no problem."""
        return parsed

    def text_of(self, value: Any) -> str:
        """The editor text for ``value`` (None: empty)."""
        return json_text(value)

    def describe(self, value: Any) -> str:
        """The status line for a valid ``value``."""
        raise NotImplementedError

    def with_example(self, current: Any, example: Any) -> Any | None:
        """The value after inserting ``example`` into the valid ``current`` one (None: an empty text; the
        result None: insert the example's text at the cursor instead). By default it replaces the text."""
        return example

    def over_invalid(self, example: Any) -> Any | None:
        """The value after inserting ``example`` into a text that is not valid (None: the example's text
        goes in at the cursor, which this does by default; the user's text stays)."""
        return None

    # --- reading and showing ---

    def value(self) -> Any:
        """The last valid value (None: empty)."""
        return self._value

    def problems(self) -> list[ToolProblem]:
        """The problems of the text as last validated."""
        return list(self._problems)

    def has_errors(self) -> bool:
        """Whether the text, as last validated, is not valid."""
        return bool(self._problems)

    def set_value(self, value: Any) -> None:
        """Show ``value`` (replacing any text, valid or not) without reporting a change."""
        self._loading = True
        try:
            self._timer.stop()
            self.editor.setPlainText(self.text_of(value))
        finally:
            self._loading = False
        was_valid = not self._problems
        self._value = value
        self._problems = []
        self._show_problems()
        if not was_valid:
            self.validity_changed.emit(True)

    # --- editing ---

    def insert_example(self, name: str) -> None:
        """Insert the example ``name`` (see `with_example`) and validate at once."""
        example = self._examples[name]
        text = self.editor.toPlainText()
        if not text.strip():
            combined = self.with_example(None, example)
        else:
            parsed = self._parse()
            valid = parsed is not None and not self.check_text(text)
            combined = self.with_example(self.value_of(parsed), example) if valid else self.over_invalid(example)
        if combined is None:  # the user's text stays as it is: the example goes in at the cursor
            self.editor.insertPlainText(json_text(example))
        else:
            self._replace_text(self.text_of(combined))
        self.validate()

    def format_text(self) -> None:
        """Re-indent the text when it is valid."""
        text = self.editor.toPlainText()
        current = self._parse()
        if current is not None and not self.check_text(text):
            self._replace_text(self.text_of(self.value_of(current)))

    def validate(self) -> None:
        """Check the text now (normally done a moment after the last keystroke) and report a valid value."""
        self._timer.stop()
        text = self.editor.toPlainText()
        was_valid = not self._problems
        self._problems = [] if not text.strip() else self.check_text(text)
        changed = False
        if not self._problems:
            parsed = self._parse()
            value = None if parsed is None else self.value_of(parsed)
            changed = value != self._value
            self._value = value
        self._show_problems()  # after the value is taken: the status line describes it
        if bool(self._problems) == was_valid:
            self.validity_changed.emit(not self._problems)
        if changed:
            self.value_changed.emit(self._value)

    def _replace_text(self, text: str) -> None:
        """Replace the whole text as one edit the user can undo."""
        cursor = self.editor.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)

    def _parse(self) -> Any:
        text = self.editor.toPlainText()
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except ValueError:
            return None

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _show_problems(self) -> None:
        self.problems_list.clear()
        for problem in self._problems:
            item = QListWidgetItem(
                severity_icon("error", self),
                self.tr("Line {line}, column {column}: {message}").format(
                    line=problem.line, column=problem.column, message=problem_text(problem)
                ),
                self.problems_list,
            )
            item.setData(_LINE_ROLE, (problem.line, problem.column))
            item.setToolTip(self.tr("Go to line {line}").format(line=problem.line))
        self.problems_list.setVisible(bool(self._problems))
        self.editor.mark_lines({p.line for p in self._problems})
        count = len(self._problems)
        self.status.setText(self.describe_problems(count) if count else self.describe(self._value))

    def describe_problems(self, count: int) -> str:
        """The status line while the text has ``count`` problems."""
        raise NotImplementedError

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        line, column = item.data(_LINE_ROLE)
        self.editor.go_to(int(line), int(column))


class JsonEditorDialog(QDialog):
    """A window around a `JsonEditor`, with a sentence on what it holds (`intro`); edits apply as soon as
    they are valid, so it stays open beside the chat (non-modal) and Close just hides it."""

    def __init__(self, editor: JsonEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        editor.setParent(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(editor, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 640, 560)
