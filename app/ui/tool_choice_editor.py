"""How the model may use the tools: auto / any / one named tool / none, and whether it may call several
at once. The value is the API's ``tool_choice`` dict (None: the API's default, auto with parallel calls)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QVBoxLayout, QWidget

from app.ui.design import Space
from app.ui.form_controls import wheel_only_when_focused

_KINDS = ("auto", "any", "tool", "none")


class ToolChoiceEditor(QWidget):
    """A choice of mode, the tool's name for "tool", and the "one call at most" box.

    Signals:
        changed(): the user changed the choice.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Tool choice"))
        labels = {
            "auto": (self.tr("Auto"), self.tr("The model decides whether to call a tool (the default).")),
            "any": (self.tr("Any tool"), self.tr("The model must call one of the tools.")),
            "tool": (self.tr("This tool…"), self.tr("The model must call the tool chosen below.")),
            "none": (self.tr("None"), self.tr("The model may not call any tool.")),
        }
        for kind in _KINDS:
            text, tip = labels[kind]
            self.kind.addItem(text, kind)
            self.kind.setItemData(self.kind.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.name = QComboBox(self)
        self.name.setAccessibleName(self.tr("Tool to call"))
        self.name.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.name.setMinimumContentsLength(8)
        wheel_only_when_focused(self.kind, self.name)
        self.single = QCheckBox(self.tr("One tool call at a time"), self)
        self.single.setToolTip(
            self.tr("disable_parallel_tool_use: the model calls one tool at a time instead of several at once.")
        )
        layout = QVBoxLayout(self)  # one above the other: the panel may be narrow
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.XS)
        layout.addWidget(self.kind)
        layout.addWidget(self.name)
        layout.addWidget(self.single)

        self._loading = False
        self.kind.currentIndexChanged.connect(self._on_user_change)
        self.name.currentIndexChanged.connect(self._on_user_change)
        self.single.toggled.connect(self._on_user_change)
        self._apply_kind()

    def kind_value(self) -> str:
        return str(self.kind.currentData())

    def set_tool_names(self, names: Sequence[str]) -> None:
        """Offer these names for "tool" (the chosen one stays, listed even when no tool has it any more)."""
        chosen = self.name.currentText()
        self._loading = True
        try:
            self.name.clear()
            self.name.addItems(list(names))
            if chosen and chosen not in names:
                self.name.addItem(chosen)
            if chosen:
                self.name.setCurrentText(chosen)
        finally:
            self._loading = False

    def value(self) -> dict[str, Any] | None:
        """The ``tool_choice`` to send (None: auto with parallel calls, which is what the API does anyway)."""
        kind = self.kind_value()
        single = self.single.isChecked() and kind != "none"
        if kind == "auto" and not single:
            return None
        choice: dict[str, Any] = {"type": kind}
        if kind == "tool":
            choice["name"] = self.name.currentText()
        if single:
            choice["disable_parallel_tool_use"] = True
        return choice

    def set_value(self, choice: Mapping[str, Any] | None) -> None:
        """Show ``choice`` without reporting a change."""
        self._loading = True
        try:
            kind = str(choice.get("type")) if choice else "auto"
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            name = choice.get("name") if choice else None
            if isinstance(name, str) and name:
                if self.name.findText(name) < 0:
                    self.name.addItem(name)
                self.name.setCurrentText(name)
            self.single.setChecked(bool(choice and choice.get("disable_parallel_tool_use")))
            self._apply_kind()
        finally:
            self._loading = False

    def _apply_kind(self) -> None:
        kind = self.kind_value()
        self.name.setVisible(kind == "tool")
        self.single.setEnabled(kind != "none")  # "none" takes no other field

    def _on_user_change(self) -> None:
        self._apply_kind()
        if not self._loading:
            self.changed.emit()
