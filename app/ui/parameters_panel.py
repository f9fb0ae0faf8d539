"""The parameters panel: the request parameters of the conversation on screen.

Model (from the provider's list, free text allowed), max_tokens, temperature, top_p and top_k (each with
an enable box: a disabled parameter is not sent) and the system prompt. Values belong to the conversation;
the panel only shows them and reports changes (`params_changed`), the root stores them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api import ModelInfo

MAX_TOKENS_LIMIT = 128_000
TEXT_DEBOUNCE_MS = 400


class SliderSpin(QWidget):
    """An enable box, a slider and a spin box that move together. ``decimals`` 0 makes it an integer.

    Signals:
        changed(): the value or the enabled state changed by the user.
    """

    changed = Signal()

    def __init__(
        self,
        minimum: float,
        maximum: float,
        step: float,
        decimals: int,
        default: float,
        *,
        optional: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._scale = 10**decimals
        self._default = default
        self._optional = optional
        self.enable = QCheckBox(self)
        self.enable.setVisible(optional)
        self.enable.setChecked(not optional)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(round(minimum * self._scale), round(maximum * self._scale))
        self.slider.setSingleStep(max(1, round(step * self._scale)))
        self.spin: QDoubleSpinBox | QSpinBox
        if decimals:
            spin = QDoubleSpinBox(self)
            spin.setDecimals(decimals)
            spin.setSingleStep(step)
            spin.setRange(minimum, maximum)
            spin.valueChanged.connect(self._from_spin)
            self.spin = spin
        else:
            ispin = QSpinBox(self)
            ispin.setRange(int(minimum), int(maximum))
            ispin.setSingleStep(int(step))
            ispin.setGroupSeparatorShown(True)
            ispin.valueChanged.connect(self._from_spin)
            self.spin = ispin
        self.spin.setKeyboardTracking(False)
        self.spin.setMinimumWidth(80)
        self.slider.valueChanged.connect(self._from_slider)
        self.enable.toggled.connect(self._on_enabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enable)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self._syncing = False
        self.set_value(None if optional else default)

    def value(self) -> float | int | None:
        """The value, or None when the enable box is off."""
        if not self.enable.isChecked():
            return None
        value = self.spin.value()
        return value if self._scale > 1 else int(value)

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (None: disabled, showing the default greyed out) without emitting `changed`."""
        self._syncing = True
        try:
            self.enable.setChecked(value is not None or not self._optional)
            shown = self._default if value is None else value
            if isinstance(self.spin, QSpinBox):
                self.spin.setValue(int(shown))
            else:
                self.spin.setValue(float(shown))
            self.slider.setValue(round(shown * self._scale))
            self._apply_enabled()
        finally:
            self._syncing = False

    def set_maximum(self, maximum: float) -> None:
        self.slider.setMaximum(round(maximum * self._scale))
        if isinstance(self.spin, QSpinBox):
            self.spin.setMaximum(int(maximum))
        else:
            self.spin.setMaximum(maximum)

    def _apply_enabled(self) -> None:
        on = self.enable.isChecked()
        self.slider.setEnabled(on)
        self.spin.setEnabled(on)

    def _on_enabled(self) -> None:
        self._apply_enabled()
        if not self._syncing:
            self.changed.emit()

    def _from_slider(self, position: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            value = position / self._scale
            if isinstance(self.spin, QSpinBox):
                self.spin.setValue(int(value))
            else:
                self.spin.setValue(value)
        finally:
            self._syncing = False
        self.changed.emit()

    def _from_spin(self, value: float) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.slider.setValue(round(value * self._scale))
        finally:
            self._syncing = False
        self.changed.emit()


class ParametersPanel(QWidget):
    """The request parameters of one conversation.

    Signals:
        params_changed(dict): the user changed something; the whole parameter dict (unset ones absent).
        refresh_models_requested(): the user asked for the provider's model list again.
    """

    params_changed = Signal(dict)
    refresh_models_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parametersPanel")
        self.setMinimumWidth(240)
        self._loading = False
        self._extra: dict[str, Any] = {}  # parameters this panel has no field for yet: kept as they are

        self.model = QComboBox(self)
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model.setToolTip(self.tr("The model that answers. Pick one the provider lists, or type any model id."))
        self.refresh = QToolButton(self)
        self.refresh.setText("⟳")
        self.refresh.setToolTip(self.tr("Fetch the provider's model list again"))
        self.refresh.setAccessibleName(self.tr("Refresh models"))
        self.model_limits = QLabel(self)
        self.model_limits.setObjectName("modelLimits")
        self.model_limits.setWordWrap(True)

        self.max_tokens = SliderSpin(1, MAX_TOKENS_LIMIT, 256, 0, 4096, optional=False, parent=self)
        self.max_tokens.setToolTip(self.tr("The longest reply, in tokens; the reply stops there (max_tokens)."))
        self.temperature = SliderSpin(0.0, 1.0, 0.05, 2, 1.0, parent=self)
        self.temperature.setToolTip(
            self.tr("Randomness: lower is more focused and repeatable, higher more varied. Unset: the API's 1.0.")
        )
        self.top_p = SliderSpin(0.0, 1.0, 0.01, 2, 1.0, parent=self)
        self.top_p.setToolTip(self.tr("Nucleus sampling: only the most likely tokens whose probabilities add up to p."))
        self.top_k = SliderSpin(1, 500, 1, 0, 40, parent=self)
        self.top_k.setToolTip(self.tr("Sample only from the k most likely next tokens."))
        self.system = QPlainTextEdit(self)
        self.system.setPlaceholderText(self.tr("System prompt (optional)"))
        self.system.setToolTip(self.tr("Instructions the model follows for the whole conversation."))
        self.system.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.system.setMinimumHeight(120)
        self._system_timer = QTimer(self)
        self._system_timer.setSingleShot(True)
        self._system_timer.setInterval(TEXT_DEBOUNCE_MS)
        self._system_timer.timeout.connect(self._emit)

        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.refresh)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("Model"), model_row)
        form.addRow(self.model_limits)
        form.addRow(self.tr("Max tokens"), self.max_tokens)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top p"), self.top_p)
        form.addRow(self.tr("Top k"), self.top_k)
        form.addRow(self.tr("System prompt"), self.system)

        body = QWidget(self)
        body.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        title = QLabel(self.tr("Parameters"), self)
        title.setObjectName("panelTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(title)
        outer.addWidget(scroll, 1)

        self.model.currentTextChanged.connect(self._on_model_text)
        self.refresh.clicked.connect(self.refresh_models_requested)
        for row in (self.max_tokens, self.temperature, self.top_p, self.top_k):
            row.changed.connect(self._emit)
        self.system.textChanged.connect(self._on_system_text)
        self._models: list[ModelInfo] = []

    # --- models ---

    def set_models(self, models: Sequence[ModelInfo]) -> None:
        """Fill the model picker (the current text is kept, even when it is not in the list)."""
        current = self.model_id()
        self._loading = True
        try:
            self._models = list(models)
            self.model.clear()
            for info in models:
                self.model.addItem(info.display_name, info.id)
                self.model.setItemData(self.model.count() - 1, info.id, Qt.ItemDataRole.ToolTipRole)
            self._show_model(current)
        finally:
            self._loading = False

    def model_id(self) -> str:
        index = self.model.currentIndex()
        text = self.model.currentText().strip()
        if index >= 0 and self.model.itemText(index) == text:
            return str(self.model.itemData(index))
        return text

    def _show_model(self, model_id: str) -> None:
        index = self.model.findData(model_id)
        if index >= 0:
            self.model.setCurrentIndex(index)
        else:
            self.model.setEditText(model_id)
        self._show_limits(model_id)

    def _show_limits(self, model_id: str) -> None:
        info = next((m for m in self._models if m.id == model_id), None)
        parts = [model_id] if info is not None and info.display_name != model_id else []
        if info is None or (info.max_tokens is None and info.max_input_tokens is None):
            self.model_limits.setText(" · ".join(parts))
            self.max_tokens.set_maximum(MAX_TOKENS_LIMIT)
            return
        if info.max_input_tokens:
            parts.append(self.tr("context {n:,} tokens").format(n=info.max_input_tokens))
        if info.max_tokens:
            parts.append(self.tr("output up to {n:,}").format(n=info.max_tokens))
            self.max_tokens.set_maximum(info.max_tokens)
        self.model_limits.setText(" · ".join(parts))

    # --- values ---

    def set_params(self, params: dict[str, Any]) -> None:
        """Show a conversation's parameters without reporting them back as a change."""
        self._loading = True
        try:
            self._system_timer.stop()
            self._show_model(str(params.get("model") or ""))
            self.max_tokens.set_value(params.get("max_tokens") or 4096)
            self.temperature.set_value(params.get("temperature"))
            self.top_p.set_value(params.get("top_p"))
            self.top_k.set_value(params.get("top_k"))
            system = params.get("system")
            self.system.setPlainText(system if isinstance(system, str) else "")
            known = {"model", "max_tokens", "temperature", "top_p", "top_k", "system"}
            self._extra = {k: v for k, v in params.items() if k not in known}
        finally:
            self._loading = False

    def params(self) -> dict[str, Any]:
        """The parameters shown; unset ones are absent."""
        values: dict[str, Any] = dict(self._extra)
        values["model"] = self.model_id()
        values["max_tokens"] = self.max_tokens.value()
        for name, row in (("temperature", self.temperature), ("top_p", self.top_p), ("top_k", self.top_k)):
            value = row.value()
            if value is not None:
                values[name] = value
        system = self.system.toPlainText()
        if system.strip():
            values["system"] = system
        return {k: v for k, v in values.items() if v not in (None, "")}

    def flush(self) -> None:
        """Report a pending system-prompt edit now (before switching conversations)."""
        if self._system_timer.isActive():
            self._system_timer.stop()
            self._emit()

    def _on_model_text(self, _text: str) -> None:
        if self._loading:
            return
        self._show_limits(self.model_id())
        self._emit()

    def _on_system_text(self) -> None:
        if not self._loading:
            self._system_timer.start()

    def _emit(self) -> None:
        if not self._loading:
            self.params_changed.emit(self.params())
