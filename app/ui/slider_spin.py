"""A slider and a spin box that move together, with a title: the parameters panel's numeric fields."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QSpinBox, QWidget

from app.ui.form_controls import ClampingDoubleSpinBox, ClampingSpinBox, wheel_only_when_focused


class SliderSpin(QWidget):
    """A slider and a spin box that move together, with a title above them: for an optional parameter
    the title is its enable box (``enable``), else a label. ``decimals`` 0 makes it an integer.

    The value the user chose is remembered when a narrower range (`set_range`) forces a smaller or larger
    one to be shown, and comes back once the range allows it again (`chosen`).

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
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._scale = 10**decimals
        self._default = default
        self._chosen: float = default
        self._optional = optional
        self._suppressed = False
        self._refused = False
        self.enable = QCheckBox(title, self)
        self.enable.setVisible(optional)
        self.enable.setChecked(not optional)
        self.title: QWidget = self.enable if optional else QLabel(title, self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(round(minimum * self._scale), round(maximum * self._scale))
        self.slider.setSingleStep(max(1, round(step * self._scale)))
        self.slider.setPageStep(max(1, round(step * self._scale)) * 4)
        self.slider.setAccessibleName(title)
        wheel_only_when_focused(self.slider)
        self.spin: ClampingDoubleSpinBox | ClampingSpinBox
        if decimals:
            spin = ClampingDoubleSpinBox(self)
            spin.setDecimals(decimals)
            spin.setSingleStep(step)
            spin.setRange(minimum, maximum)
            spin.valueChanged.connect(self._from_spin)
            self.spin = spin
        else:
            ispin = ClampingSpinBox(self)
            ispin.setRange(int(minimum), int(maximum))
            ispin.setSingleStep(int(step))
            ispin.setGroupSeparatorShown(True)
            ispin.valueChanged.connect(self._from_spin)
            self.spin = ispin
        self.spin.setKeyboardTracking(False)
        self.spin.setMinimumWidth(80)
        self.spin.setAccessibleName(title)
        self.slider.valueChanged.connect(self._from_slider)
        self.enable.toggled.connect(self._on_enabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self._syncing = False
        self.set_value(None if optional else default)

    def set_help(self, text: str) -> None:
        """One sentence on what the parameter does, as the tooltip of the row and of its title."""
        self.setToolTip(text)
        self.title.setToolTip(text)

    def value(self) -> float | int | None:
        """The value, or None when the enable box is off."""
        if not self.enable.isChecked():
            return None
        return self._typed(self.spin.value())

    def chosen(self) -> float | int:
        """The value the user chose (or `set_value` showed), which the range may keep from being shown."""
        return self._typed(self._chosen)

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (None: disabled, showing the default greyed out) without emitting `changed`."""
        self._syncing = True
        try:
            self.enable.setChecked(value is not None or not self._optional)
            shown = self._default if value is None else value
            self._chosen = shown
            self._set_spin(shown)
            self.slider.setValue(round(self.spin.value() * self._scale))
            self._apply_enabled()
        finally:
            self._syncing = False

    def set_maximum(self, maximum: float) -> None:
        """Bound the value (showing it lowered when above) without emitting `changed`."""
        self.set_range(self.spin.minimum(), maximum)

    def set_range(self, minimum: float, maximum: float) -> None:
        """Bound the value without emitting `changed`: the chosen value is shown as near as the range allows."""
        self._syncing = True
        try:
            self.slider.setRange(round(minimum * self._scale), round(maximum * self._scale))
            if isinstance(self.spin, QSpinBox):
                self.spin.setRange(int(minimum), int(maximum))
            else:
                self.spin.setRange(minimum, maximum)
            self._set_spin(self._chosen)  # the spin box puts it in range
            self.slider.setValue(round(self.spin.value() * self._scale))
        finally:
            self._syncing = False

    def set_suppressed(self, suppressed: bool) -> None:
        """Grey out the slider and spin box (the value is kept but not in force); the enable box stays usable."""
        self._suppressed = suppressed
        self._apply_enabled()

    def set_refused(self, refused: bool) -> None:
        """Grey out the whole row, its enable box too: the model takes no value for it (a value set stays
        shown, and the panel says it is not sent)."""
        self._refused = refused
        self.enable.setEnabled(not refused)
        self._apply_enabled()

    def _typed(self, value: float) -> float | int:
        return value if self._scale > 1 else int(value)

    def _set_spin(self, value: float) -> None:
        if isinstance(self.spin, QSpinBox):
            self.spin.setValue(int(value))
        else:
            self.spin.setValue(float(value))

    def _apply_enabled(self) -> None:
        on = self.enable.isChecked() and not self._suppressed and not self._refused
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
            self._set_spin(position / self._scale)
        finally:
            self._syncing = False
        self._chosen = self.spin.value()
        self.changed.emit()

    def _from_spin(self, value: float) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.slider.setValue(round(value * self._scale))
        finally:
            self._syncing = False
        self._chosen = value
        self.changed.emit()
