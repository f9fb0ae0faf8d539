"""Named parameter sets: pick one to apply it to the conversation on screen; save the current parameters
under a name; rename or delete one; choose the one new conversations start with. The bar only asks and
reports (`…_requested` signals); the presets themselves live in the store.

A name is asked for in a `PresetNameDialog`, which says while the user types what the name will do: an empty
name saves nothing, and an existing one is replaced only with a button that says Replace."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from functools import partial
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.design import Space
from app.ui.form_controls import FittedComboBox, wheel_only_when_focused
from app.ui.problem_note import ProblemNote, Severity

Confirm = Callable[[str], bool]
PICKER_MAX_WIDTH = 220


class PresetNameDialog(QDialog):
    """Asks for a preset's name and says, as it is typed, what it will do. An empty name is refused (OK is
    disabled and the note says why); a name another preset has is, when ``replaces``, accepted with a warning
    and an OK button that reads Replace, else refused.
    """

    def __init__(
        self,
        title: str,
        label: str,
        name: str,
        taken: Collection[str],
        *,
        replaces: bool,
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._taken = frozenset(taken)
        self._replaces = replaces
        self._ok_text = ok_text
        self.field = QLineEdit(name, self)
        self.field.setAccessibleName(label)
        self.field.selectAll()
        self.note = ProblemNote(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label, self))
        layout.addWidget(self.field)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(self._check)
        self._check()

    def name(self) -> str:
        """The name typed, without surrounding spaces."""
        return self.field.text().strip()

    def _check(self) -> None:
        name = self.name()
        ok_text = self._ok_text
        message: tuple[str, Severity] | None
        if not name:
            allowed, message = False, (self.tr("A preset needs a name."), "note")
        elif name not in self._taken:
            allowed, message = True, None
        elif self._replaces:
            allowed, ok_text = True, self.tr("Replace")
            text = self.tr("There is already a preset called “{name}”: saving replaces its parameters.")
            message = (text.format(name=name), "warning")
        else:
            allowed, message = False, (self.tr("There is already a preset called “{name}”.").format(name=name), "error")
        self.note.show_messages([message] if message is not None else [])
        self.ok_button.setText(ok_text)
        self.ok_button.setEnabled(allowed)


class PresetsBar(QWidget):
    """A preset picker and a menu of preset commands.

    The picker shows the preset whose parameters equal those on screen; once they are changed, it says
    they are that preset modified ("Focused*", as an unsaved document) until other parameters are shown (none:
    "Presets"). Choosing a preset asks to apply it, even when it is the one shown (to undo changes made
    since).

    Signals:
        apply_requested(str): apply the preset with this name.
        save_requested(str): save the parameters on screen under this name (replacing one of that name: the
            user has pressed Replace).
        rename_requested(str, str): rename a preset (old name, new name).
        delete_requested(str): delete a preset.
        default_requested(str): new conversations start with this preset ("": with no preset).
    """

    apply_requested = Signal(str)
    save_requested = Signal(str)
    rename_requested = Signal(str, str)
    delete_requested = Signal(str)
    default_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # As wide as the name it shows, up to a width the parameters panel has anyway (the popup shows
        # longer names whole).
        self.picker = FittedComboBox(self, max_width=PICKER_MAX_WIDTH)
        self.picker.setAccessibleName(self.tr("Preset"))
        self.picker.setPlaceholderText(self.tr("Presets"))
        wheel_only_when_focused(self.picker)  # a wheel notch over it would apply a preset
        self.menu_button = QToolButton(self)
        self.menu_button.setText("⋯")
        self.menu_button.setAccessibleName(self.tr("Preset commands"))
        self.menu_button.setToolTip(self.tr("Save, rename, delete presets; the preset for new conversations"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.menu_button)
        self.menu_button.setMenu(self.menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.XS)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.menu_button)

        # How the bar asks a person to confirm a deletion; tests replace it.
        self.confirm: Confirm = self._confirm
        self.name_dialog: PresetNameDialog | None = None  # while open

        self._presets: dict[str, dict[str, Any]] = {}
        self._default = ""
        self._shown: dict[str, Any] = {}
        self._modified = ""  # the preset the parameters on screen were changed from ("": none)
        self.picker.activated.connect(lambda index: self.apply_requested.emit(self.picker.itemText(index)))
        self._build_menu()

    # --- state ---

    def names(self) -> list[str]:
        return list(self._presets)

    def default(self) -> str:
        """The preset new conversations start with ("": none)."""
        return self._default

    def current(self) -> str:
        """The preset matching the parameters on screen ("": none)."""
        return self.picker.currentText() if self.picker.currentIndex() >= 0 else ""

    def modified(self) -> str:
        """The preset the parameters on screen were changed from ("": none, or they match a preset)."""
        return self._modified

    def set_presets(self, presets: Mapping[str, Mapping[str, Any]], default: str) -> None:
        """The presets (name -> parameters, in display order) and the one for new conversations."""
        self._presets = {name: dict(params) for name, params in presets.items()}
        self._default = default if default in self._presets else ""
        self.picker.blockSignals(True)
        try:
            self.picker.clear()
            for name in self._presets:
                self.picker.addItem(name)
                if name == self._default:
                    self.picker.setItemData(
                        self.picker.count() - 1,
                        self.tr("New conversations start with this preset"),
                        Qt.ItemDataRole.ToolTipRole,
                    )
        finally:
            self.picker.blockSignals(False)
        self.picker.setEnabled(bool(self._presets))
        self.show_matching(self._shown)
        self._build_menu()

    def show_matching(self, params: Mapping[str, Any], *, loaded: bool = False) -> None:
        """Show the preset whose parameters equal ``params``; none: the preset they were changed from, as
        modified, else the placeholder. ``loaded``: these are another conversation's parameters, not a change
        of those shown (they were changed from no preset)."""
        self._shown = dict(params)
        match = next((name for name, saved in self._presets.items() if saved == self._shown), "")
        if match or loaded or self._modified not in self._presets:
            self._modified = ""
        previous = self.picker.currentText() if self.picker.currentIndex() >= 0 else ""
        if not match and previous and not loaded:
            self._modified = previous
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(self.picker.findText(match) if match else -1)
        self.picker.blockSignals(False)
        if self._modified:
            self.picker.setPlaceholderText(self.tr("{name}*").format(name=self._modified))
            tip = self.tr(
                "The parameters on screen are the preset “{name}” changed: choose it to apply it again, or save "
                "them under its name with the ⋯ menu"
            ).format(name=self._modified)
        else:
            self.picker.setPlaceholderText(self.tr("Presets"))
            tip = (
                self.tr("Apply a saved set of parameters to this conversation")
                if self._presets
                else self.tr("No presets yet: save the parameters on screen with the ⋯ menu")
            )
        self.picker.setToolTip(QtGui.Qt.convertFromPlainText(tip))  # a preset's name is no markup

    # --- commands ---

    def save_as(self) -> None:
        """Ask for a name (window-modal) and save the parameters on screen under it; an existing name is
        replaced only when the user presses Replace."""
        dialog = PresetNameDialog(
            self.tr("Save Preset"),
            self.tr("Name of the preset:"),
            self.current() or self._modified,
            self._presets,
            replaces=True,
            ok_text=self.tr("Save"),
            parent=self,
        )
        dialog.accepted.connect(lambda: self.save_requested.emit(dialog.name()))
        self._open(dialog)

    def rename(self, name: str) -> None:
        """Ask for a new name (window-modal) for the preset ``name``; another preset's name is refused."""
        dialog = PresetNameDialog(
            self.tr("Rename Preset"),
            self.tr("New name for “{name}”:").format(name=name),
            name,
            set(self._presets) - {name},
            replaces=False,
            ok_text=self.tr("Rename"),
            parent=self,
        )

        def renamed() -> None:
            if dialog.name() != name:
                self.rename_requested.emit(name, dialog.name())

        dialog.accepted.connect(renamed)
        self._open(dialog)

    def delete(self, name: str) -> None:
        if self.confirm(self.tr("Delete the preset “{name}”?").format(name=name)):
            self.delete_requested.emit(name)

    def _build_menu(self) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self.tr("Save current parameters as…"), self.save_as)
        rename = menu.addMenu(self.tr("Rename"))
        delete = menu.addMenu(self.tr("Delete"))
        for name in self._presets:
            rename.addAction(name, partial(self.rename, name))
            delete.addAction(name, partial(self.delete, name))
        rename.setEnabled(bool(self._presets))
        delete.setEnabled(bool(self._presets))
        menu.addSeparator()
        default = menu.addMenu(self.tr("New conversations start with"))
        group = QActionGroup(default)
        for name, label in [("", self.tr("No preset (Samtal's defaults)")), *((n, n) for n in self._presets)]:
            action = QAction(label, default)
            action.setCheckable(True)
            action.setChecked(name == self._default)
            action.triggered.connect(lambda _on=False, n=name: self.default_requested.emit(n))
            group.addAction(action)
            default.addAction(action)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Presets"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _open(self, dialog: PresetNameDialog) -> None:
        self.name_dialog = dialog

        def done() -> None:
            if self.name_dialog is dialog:
                self.name_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()
