"""The model picker: the provider's models by display name (id in the tooltip), or any model id typed. The
field stays compact (it lives in narrow columns); its list opens as wide as the longest name.

What the catalog (`app.api.catalog`) knows of each model's life is shown: a deprecated model is marked
("(deprecated)" after its name, its retirement date and successor in the tooltip); a retired one is never offered, even
when a provider's (cached) list still names it. A conversation whose model is retired shows its id, typed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyle, QWidget

from app.api import ModelInfo
from app.api.catalog import catalog
from app.ui.form_controls import wheel_only_when_focused


class ModelPicker(QComboBox):
    """A combo box of models. `model_id` is a listed model's id, or the text typed. Not ``editable`` (the
    composer's compact picker), a model that is not listed is shown by its id as an item of its own.

    Its ``currentTextChanged`` signal says the choice changed (it is not emitted by `set_models` or
    `show_model`, which only show).
    """

    def __init__(self, parent: QWidget | None = None, *, editable: bool = True) -> None:
        super().__init__(parent)
        self._models: list[ModelInfo] = []
        self.setEditable(editable)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setToolTip(self.tr("The model that answers. Pick one the provider lists, or type any model id."))
        self.setAccessibleName(self.tr("Model"))
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        wheel_only_when_focused(self)

    def models(self) -> list[ModelInfo]:
        return list(self._models)

    def set_models(self, models: Sequence[ModelInfo]) -> None:
        """Fill the list (retired models left out); the model shown is kept, even when it is not in the list."""
        current = self.model_id()
        self.blockSignals(True)
        try:
            self._models = []
            self.clear()
            known = catalog()
            listed = [info.id for info in models]
            for info in models:
                lifecycle = known.lifecycle(info.id)
                if lifecycle is not None and lifecycle.status == "retired":
                    continue
                self._models.append(info)
                deprecated = lifecycle is not None and lifecycle.status == "deprecated"
                # Said in words, not by an icon: an icon only some rows have pushes their names out of line.
                name = info.display_name
                self.addItem(self.tr("{name} (deprecated)").format(name=name) if deprecated else name, info.id)
                row = self.count() - 1
                tip = info.id
                if deprecated and lifecycle is not None:
                    tip += "\n" + self._deprecation(info.id, lifecycle.date, listed)
                # The id is the provider's text: a tooltip would read "<b>…" as markup.
                self.setItemData(row, QtGui.Qt.convertFromPlainText(tip), Qt.ItemDataRole.ToolTipRole)
            self._show(current)
        finally:
            self.blockSignals(False)
        self._fit_list()

    def _deprecation(self, model_id: str, retires: str | None, listed: Sequence[str]) -> str:
        successor = catalog().successor_of(model_id, listed)
        text = (
            self.tr("Deprecated: it retires on {date}.").format(date=retires)
            if retires
            else self.tr("Deprecated: it retires soon.")
        )
        return text + (" " + self.tr("Use {model} instead.").format(model=successor) if successor else "")

    def display_name(self, model_id: str) -> str:
        """The name the list gives ``model_id`` ("" when it is not listed)."""
        return next((m.display_name for m in self._models if m.id == model_id), "")

    def model_id(self) -> str:
        """The model id shown (a listed model's id, or the text typed)."""
        index = self.currentIndex()
        text = self.currentText().strip()
        if index >= 0 and self.itemText(index) == text:
            return str(self.itemData(index))
        return text

    def model_info(self) -> ModelInfo | None:
        """What the provider's list says about the model shown (None: not listed)."""
        model_id = self.model_id()
        return next((m for m in self._models if m.id == model_id), None)

    def show_model(self, model_id: str) -> None:
        """Show ``model_id`` (by its display name when listed) without reporting a change."""
        self.blockSignals(True)
        try:
            self._show(model_id)
        finally:
            self.blockSignals(False)

    def _fit_list(self) -> None:
        """Let the list open as wide as its longest name (with room for a scroll bar), even when the field
        is narrower; the field's own width does not change."""
        view = self.view()
        names = view.sizeHintForColumn(0) if self.count() else 0
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
        view.setMinimumWidth(names + scroll_bar + 2 * view.frameWidth())

    def _show(self, model_id: str) -> None:
        index = self.findData(model_id)
        if index >= 0:
            self.setCurrentIndex(index)
        elif self.isEditable():
            self.setEditText(model_id)
        else:
            for stale in range(self.count() - 1, len(self._models) - 1, -1):
                self.removeItem(stale)  # the unlisted model shown before
            if model_id:
                self.addItem(model_id, model_id)
                self.setItemData(self.count() - 1, QtGui.Qt.convertFromPlainText(model_id), Qt.ItemDataRole.ToolTipRole)
            self.setCurrentIndex(self.count() - 1 if model_id else -1)
