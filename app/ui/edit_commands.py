"""The Edit menu's text commands (Undo, Redo, Cut, Copy, Paste, Select All) on whatever has the keyboard focus.

Qt's text widgets already have these commands and their keys; what a menu needs is to know which widget they
would act on now and what it can do. `EditCommands` follows the application's focus: the focused
``QLineEdit`` (also the one inside a spin box or an editable combo box), ``QPlainTextEdit`` or ``QTextEdit``
(the transcript's read-only text views included). Each command is enabled only when that widget can do it
(Undo when it has something to undo, Cut and Copy with a selection, Paste into an editable field when the
clipboard holds text (asked when the menu opens: `EditCommands.refresh`), none when no text has the focus),
and, triggered from the menu, calls the widget's own method. A focused text widget handles the keys itself
(Qt asks it first), so the shortcuts are the platform's and never act twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from shiboken6 import isValid

TextWidget = QLineEdit | QPlainTextEdit | QTextEdit


@dataclass(frozen=True)
class TextActions:
    """The six actions `EditCommands` drives."""

    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    select_all: QAction


def text_target(widget: QWidget | None) -> TextWidget | None:
    """The text widget the Edit commands act on when ``widget`` has the focus (None: there is none)."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return widget
    if isinstance(widget, QComboBox):
        return widget.lineEdit() if widget.isEditable() else None
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    # The viewport of a text view gets the focus when the view hands it on (a click on a read-only view).
    parent = widget.parentWidget() if widget is not None else None
    if isinstance(parent, QPlainTextEdit | QTextEdit) and widget is parent.viewport():
        return parent
    return None


class EditCommands(QObject):
    """Keeps ``actions`` acting on, and enabled for, the focused text widget (see the module docstring)."""

    def __init__(self, actions: TextActions, window: QWidget) -> None:
        """``window``: the commands act on its focus widget (and the commands go with it)."""
        super().__init__(window)
        self._window = window
        self._actions = actions
        self._target: TextWidget | None = None
        self._watched: list[SignalInstance] = []
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self._clipboard_has_text: bool | None = None  # asked when a menu opens (on X11 asking is a round trip)
        QGuiApplication.clipboard().dataChanged.connect(self._clipboard_changed)
        actions.undo.triggered.connect(lambda: self._act("undo"))
        actions.redo.triggered.connect(lambda: self._act("redo"))
        actions.cut.triggered.connect(lambda: self._act("cut"))
        actions.copy.triggered.connect(lambda: self._act("copy"))
        actions.paste.triggered.connect(lambda: self._act("paste"))
        actions.select_all.triggered.connect(lambda: self._act("selectAll"))
        self._follow(text_target(window.focusWidget()))

    @property
    def target(self) -> TextWidget | None:
        """The widget the commands act on now (None: no text has the focus)."""
        return self._target

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.window() is not self._window:
            return  # the window lost the focus (a menu opened, a dialog): the commands keep their target
        self._follow(text_target(new))

    def _follow(self, target: TextWidget | None) -> None:
        if target is self._target:
            self.update()
            return
        for signal in self._watched:
            try:
                signal.disconnect(self.update)
            except RuntimeError:  # the old target is gone, and its connections with it
                pass
        self._watched = []
        self._target = target
        if target is not None:
            signals: list[SignalInstance]
            if isinstance(target, QLineEdit):
                signals = [target.textChanged, target.selectionChanged]
            else:
                signals = [target.undoAvailable, target.redoAvailable, target.copyAvailable, target.selectionChanged]
            signals.append(target.destroyed)
            for signal in signals:
                signal.connect(self.update)
            self._watched = signals
        self.update()

    def update(self) -> None:
        """Enable each command as the target can do it now."""
        a, target = self._actions, self._target
        if not isValid(a.undo):
            return  # the window is going: its actions went first
        try:
            alive = target is not None and target.isVisible()
        except RuntimeError:  # deleted
            self._target, self._watched = None, []
            alive = False
        if not alive or target is None:
            for action in (a.undo, a.redo, a.cut, a.copy, a.paste, a.select_all):
                action.setEnabled(False)
            return
        if isinstance(target, QLineEdit):
            editable = not target.isReadOnly()
            can_undo, can_redo = target.isUndoAvailable(), target.isRedoAvailable()
            selected = target.hasSelectedText()
            # A password field shows dots: copying or cutting what it hides would defeat it.
            selected = selected and target.echoMode() == QLineEdit.EchoMode.Normal
            has_text = bool(target.text())
        else:
            editable = not target.isReadOnly()
            document = target.document()
            can_undo = editable and document.isUndoAvailable()
            can_redo = editable and document.isRedoAvailable()
            selected = target.textCursor().hasSelection()
            has_text = not document.isEmpty()
        a.undo.setEnabled(editable and can_undo)
        a.redo.setEnabled(editable and can_redo)
        a.cut.setEnabled(editable and selected)
        a.copy.setEnabled(selected)
        a.paste.setEnabled(editable and self._clipboard_has_text is not False)
        a.select_all.setEnabled(has_text)

    def refresh(self) -> None:
        """Look at the window's focus and the clipboard again, then enable each command (when the Edit menu
        opens: focus changes in a window that is not the active one are not announced)."""
        self._follow(text_target(self._window.focusWidget()))
        if self._clipboard_has_text is None:
            self._clipboard_has_text = QGuiApplication.clipboard().text() != ""
        self.update()

    def _clipboard_changed(self) -> None:
        self._clipboard_has_text = None  # asked again when it matters
        self.update()

    def _act(self, command: str) -> None:
        target = text_target(self._window.focusWidget()) or self._target
        if target is None:
            return
        getattr(target, command)()
        target.setFocus()  # back from the menu, to go on typing
        self.update()
