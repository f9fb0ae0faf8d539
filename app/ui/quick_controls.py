"""The composer's quick controls: the model, the effort and the extended thinking of the next request, where
the hands are while writing.

They are views: the parameters panel owns these parameters and the rules of each model
(`app.api.params.rules_for`), and hands the controls what to show as a :class:`QuickChoices`
(`ParametersPanel.quick_choices`, after each change there). A choice made here is only asked for
(`QuickControls.choice_requested`); the root makes it in the panel (`ParametersPanel.choose`), which checks,
stores and shows it in both places.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QSizePolicy, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

from app.api import ModelInfo
from app.ui.design import Space
from app.ui.flow_layout import FlowLayout
from app.ui.form_controls import wheel_only_when_focused
from app.ui.model_picker import ModelPicker
from app.ui.param_choices import Option, effort_options, thinking_mode_options

COMPACT_CHARS = 6  # the fewest characters a quick control shows of its value when even one alone is too wide


def fitted_size(combo: QComboBox, text: str) -> QSize:
    """The size ``combo`` needs to show ``text`` whole (its arrow and frame included), whatever its list holds."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    contents = QSize(metrics.horizontalAdvance(text) + 2, metrics.height())
    return combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, combo)


class CompactModelPicker(ModelPicker):
    """The model picker as wide as the name it shows (its list opens as wide as the longest name)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, editable=False)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return fitted_size(self, self.currentText())

    def minimumSizeHint(self) -> QSize:
        return fitted_size(self, self.currentText()[:COMPACT_CHARS])


@dataclass(frozen=True)
class QuickChoices:
    """What the quick controls show, as the parameters panel has it.

    ``effort`` is the level shown (the API's default while none is chosen; None when the model takes none);
    ``effort_levels`` and ``thinking_modes`` are what the model takes; ``*_reasons`` say why each other one
    is not offered, and ``*_unavailable`` why the control can't be used at all ("" when it can).
    """

    models: tuple[ModelInfo, ...] = ()
    model: str = ""
    effort: str | None = None
    effort_levels: tuple[str, ...] = ()
    effort_reasons: Mapping[str, str] = field(default_factory=dict)
    effort_unavailable: str = ""
    thinking: str = "off"
    thinking_modes: tuple[str, ...] = ()
    thinking_reasons: Mapping[str, str] = field(default_factory=dict)
    thinking_unavailable: str = ""


class ChoiceBox(QComboBox):
    """A compact combo box over one parameter's choices; closed, it reads "Effort: high".

    Choices the model does not take stay listed, disabled, with the reason in their tooltip.

    Signals:
        chosen(str): the user chose this value (not emitted by :meth:`show_choice`).
    """

    chosen = Signal(str)

    def __init__(self, name: str, options: Sequence[Option], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._helps: dict[str, str] = {}
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for value, label, help_text in options:
            self.addItem(label, value)
            self._helps[value] = help_text
        wheel_only_when_focused(self)
        self.activated.connect(self._on_activated)

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data is not None else None

    def show_choice(self, value: str | None, allowed: Sequence[str], reasons: Mapping[str, str], why_not: str) -> None:
        """Show ``value`` chosen, only ``allowed`` values enabled (the others with their ``reasons``), and the
        whole box disabled with ``why_not`` when that is not empty."""
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        for row in range(self.count()):
            key = str(self.itemData(row))
            item = model.item(row)
            item.setEnabled(key in allowed)
            tip = self._helps.get(key, "") if key in allowed else reasons.get(key, "")
            item.setToolTip(QtGui.Qt.convertFromPlainText(tip) if tip else "")
        index = self.findData(value) if value is not None else -1
        self.blockSignals(True)
        try:
            self.setCurrentIndex(index)
        finally:
            self.blockSignals(False)
        self.setEnabled(not why_not)
        shown = self.itemText(index) if index >= 0 else ""
        detail = why_not or (self._helps.get(value, "") if value is not None else "")
        summary = self.tr("{name}: {value}").format(name=self._name, value=shown) if shown else self._name
        self.setToolTip(QtGui.Qt.convertFromPlainText(f"{summary}\n{detail}" if detail else summary))
        self.setAccessibleDescription(detail)
        self.updateGeometry()

    def shown_text(self) -> str:
        """What the closed box reads: the parameter's name and the value chosen."""
        text = self.currentText()
        return self.tr("{name}: {value}").format(name=self._name, value=text) if text else self._name

    def sizeHint(self) -> QSize:
        return fitted_size(self, self.shown_text())

    def minimumSizeHint(self) -> QSize:
        return fitted_size(self, self.shown_text()[:COMPACT_CHARS])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        # Elided, never clipped, in a narrow window.
        option.currentText = self.fontMetrics().elidedText(self.shown_text(), Qt.TextElideMode.ElideRight, room.width())
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def _on_activated(self, index: int) -> None:
        value = self.itemData(index)
        if value is not None:
            self.chosen.emit(str(value))


class QuickControls(QWidget):
    """The model picker and the effort and thinking choices in the composer (see the module docstring).

    Signals:
        choice_requested(str, str): a params key ("model", "effort" or "thinking") and the value chosen.
    """

    choice_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickControls")
        self.model = CompactModelPicker(self)
        self.model.setObjectName("quickModel")
        self.effort = ChoiceBox(self.tr("Effort"), effort_options(), self)
        self.effort.setObjectName("quickEffort")
        self.thinking = ChoiceBox(self.tr("Thinking"), thinking_mode_options(), self)
        self.thinking.setObjectName("quickThinking")
        for box in (self.model, self.effort, self.thinking):
            box.setFrame(False)  # quiet on the card; the list and the focus ring still show them as controls
        self.effort.setAccessibleDescription(self.tr("How much the model thinks and writes"))
        self.thinking.setAccessibleDescription(self.tr("Whether the model reasons step by step before it answers"))
        self.model.setAccessibleDescription(self.tr("The model that answers the next message"))
        layout = FlowLayout(self, spacing=Space.XS)  # wraps in a narrow window: each keeps its whole text
        layout.addWidget(self.model)
        layout.addWidget(self.effort)
        layout.addWidget(self.thinking)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._models: tuple[ModelInfo, ...] = ()
        self.model.activated.connect(lambda _index: self.choice_requested.emit("model", self.model.model_id()))
        self.effort.chosen.connect(lambda value: self.choice_requested.emit("effort", value))
        self.thinking.chosen.connect(lambda value: self.choice_requested.emit("thinking", value))

    def show_choices(self, choices: QuickChoices) -> None:
        """Show what the parameters panel shows now."""
        if choices.models != self._models:
            self._models = choices.models
            self.model.set_models(choices.models)
        self.model.show_model(choices.model)
        self.model.updateGeometry()  # it is as wide as the name shown
        self.effort.show_choice(
            choices.effort, choices.effort_levels, choices.effort_reasons, choices.effort_unavailable
        )
        self.thinking.show_choice(
            choices.thinking, choices.thinking_modes, choices.thinking_reasons, choices.thinking_unavailable
        )
