"""The parameters panel: the request parameters of the conversation on screen.

Sections (each folds away; the header says in a few words what it holds and carries a badge when a field
inside has a problem):

- Model: the model (from the provider's list, free text allowed) with its limits, and the system prompt.
- Sampling: temperature, top_p and top_k, each with an enable box (a disabled parameter is not sent),
  and, for models that refuse temperature and top_p together, which of the two is sent.
- Output: max_tokens, stop sequences, streaming.
- Thinking: extended thinking and its budget (1,024 up to max_tokens - 1).
- Tools: the tool definitions (edited as JSON in a window of their own) and tool_choice.
- Advanced: metadata.user_id.

Every change is checked at once with `app.api.params.check` against the model's known limits: each
problem is shown under the field it is about (blocking ones in red, warnings in amber), so a request the
API would refuse is seen before it is sent. After the API refused one anyway, its message is shown next
to the parameter it names until that value changes (`show_api_error`).

Values belong to the conversation; the panel only shows them and reports changes (`params_changed`), the
root stores them. A presets bar at the top applies, saves and manages named parameter sets (`presets`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api import ModelInfo
from app.api.params import (
    DEFAULT_MAX_TOKENS,
    DEFAULT_THINKING_BUDGET,
    MAX_TOKENS_LIMIT,
    MIN_THINKING_BUDGET,
    Problem,
    check,
)
from app.language import format_number
from app.ui.collapsible_section import CollapsibleSection
from app.ui.form_controls import ClampingDoubleSpinBox, ClampingSpinBox, wheel_only_when_focused
from app.ui.model_picker import ModelPicker
from app.ui.presets_bar import PresetsBar
from app.ui.problem_note import ProblemNote, Severity, worst
from app.ui.sampling_choice import SamplingChoice
from app.ui.stop_sequences_editor import StopSequencesEditor
from app.ui.tool_choice_editor import ToolChoiceEditor

if TYPE_CHECKING:  # the dialogs are imported when first opened
    from app.ui.system_prompt_dialog import SystemPromptDialog
    from app.ui.tools_editor import ToolsDialog

TEXT_DEBOUNCE_MS = 400
MIN_WIDTH = 240  # or what its fields need, if more

# The keys the panel has a field for; any other key is kept as it came (a newer version's, say).
_SHOWN_KEYS = frozenset(
    {
        "model",
        "max_tokens",
        "system",
        "temperature",
        "top_p",
        "top_k",
        "stop_sequences",
        "stream",
        "thinking",
        "tools",
        "tool_choice",
        "metadata_user_id",
        "sampling_preference",
    }
)


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

    def _typed(self, value: float) -> float | int:
        return value if self._scale > 1 else int(value)

    def _set_spin(self, value: float) -> None:
        if isinstance(self.spin, QSpinBox):
            self.spin.setValue(int(value))
        else:
            self.spin.setValue(float(value))

    def _apply_enabled(self) -> None:
        on = self.enable.isChecked() and not self._suppressed
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


def _secondary(label: QLabel) -> QLabel:
    """A hint in the palette's secondary text colour, wrapped."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


class ParametersPanel(QWidget):
    """The request parameters of one conversation.

    Params keys: ``model``, ``max_tokens``, ``system``, ``temperature``, ``top_p``, ``top_k``,
    ``stop_sequences``, ``metadata_user_id``, ``tools``, ``tool_choice``, ``thinking`` (``{"type":
    "enabled", "budget_tokens": N}``), and Samtal's ``stream`` (present only as False) and
    ``sampling_preference``; unset ones are absent, unknown ones are kept as they came.

    Signals:
        params_changed(object): the user changed something; the whole parameter dict (unset ones absent).
        refresh_models_requested(): the user asked for the provider's model list again.
    """

    # object, not dict: Qt would pass a dict as a QVariantMap, sorting every key (a tool's schema properties too,
    # whose order the model sees and follows) alphabetically.
    params_changed = Signal(object)
    refresh_models_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parametersPanel")
        self._loading = False
        self._extra: dict[str, Any] = {}  # parameters this panel has no field for: kept as they are
        self._tools: list[dict[str, Any]] | None = None
        self._sampling_preference: str | None = None
        self._api_error: tuple[str, str, Any] | None = None  # (field, message, the field's value then)
        self._problems: list[Problem] = []
        self.tools_dialog: ToolsDialog | None = None  # built when first opened
        self.system_dialog: SystemPromptDialog | None = None  # while open
        self.notes: dict[str, ProblemNote] = {}  # params key -> the note under its field ("": the request)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DEBOUNCE_MS)
        self._text_timer.timeout.connect(self._emit)

        title = QLabel(self.tr("Parameters"), self)
        title.setObjectName("panelTitle")
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        self.presets = PresetsBar(self)
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(title)
        head.addStretch(1)
        self.notes[""] = ProblemNote(self)

        self.sections: dict[str, CollapsibleSection] = {}
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(2)
        self._section_of: dict[str, str] = {}
        for key, text in (
            ("model", self.tr("Model")),
            ("sampling", self.tr("Sampling")),
            ("output", self.tr("Output")),
            ("thinking", self.tr("Thinking")),
            ("tools", self.tr("Tools")),
            ("advanced", self.tr("Advanced")),
        ):
            section = CollapsibleSection(text, body, expanded=key != "advanced")
            self.sections[key] = section
            column.addWidget(section)
        column.addStretch(1)
        self._build_model_section()
        self._build_sampling_section()
        self._build_output_section()
        self._build_thinking_section()
        self._build_tools_section()
        self._build_advanced_section()

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        body.installEventFilter(self)  # its minimum width is the panel's (see minimumSizeHint)
        self.scroll_area = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)
        outer.addLayout(head)
        outer.addWidget(self.presets)  # a row of its own: a preset's name is shown whole
        outer.addWidget(self.notes[""])
        outer.addWidget(scroll, 1)
        self._order_tabs()
        self._refresh(self.params())

    def minimumSizeHint(self) -> QSize:
        # As wide as the fields and summaries in the scroll area need, or MIN_WIDTH: a scroll area does not
        # pass its contents' minimum on, so a fixed minimum let a longer summary ("Claude Demo Sonnet")
        # or a field be cut, or scroll sideways.
        hint = super().minimumSizeHint()
        scroll = self.scroll_area
        body = scroll.widget()
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        outer = self.layout()
        if outer is not None:
            margins += outer.contentsMargins().left() + outer.contentsMargins().right()
        contents = body.minimumSizeHint().width() if body is not None else 0
        needed = contents + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth() + margins
        return QSize(max(MIN_WIDTH, hint.width(), needed), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.scroll_area.widget():
            self.updateGeometry()  # its minimum may have changed: the splitter reads ours again
        return super().eventFilter(watched, event)

    # --- building ---

    def _order_tabs(self) -> None:
        """Tab goes through each section's header and then its fields, as they are shown. (The fields are
        made before they are moved into their sections, so Tab took every header first, then every field.)"""
        chain: list[QWidget] = []
        for section in self.sections.values():
            chain.append(section.header)
            widget = self.nextInFocusChain()
            while widget is not None and widget is not self:
                takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
                if takes_tab and widget.focusProxy() is None and section.content.isAncestorOf(widget):
                    chain.append(widget)
                widget = widget.nextInFocusChain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _field(self, section: str, key: str, title: QWidget | QLayout | None, field: QWidget | QLayout) -> None:
        """Add a field to a section: its title above it, the note for its problems under it."""
        block = QVBoxLayout()
        block.setSpacing(3)
        for part in (title, field):
            if isinstance(part, QWidget):
                block.addWidget(part)
            elif part is not None:
                block.addLayout(part)
        note = ProblemNote(self)
        block.addWidget(note)
        self.sections[section].body.addLayout(block)
        self.notes[key] = note
        self._section_of[key] = section

    def _build_model_section(self) -> None:
        self.model = ModelPicker(self)
        self.refresh = QToolButton(self)
        self.refresh.setText("⟳")
        self.refresh.setToolTip(self.tr("Fetch the provider's model list again"))
        self.refresh.setAccessibleName(self.tr("Refresh models"))
        self.model_limits = _secondary(QLabel(self))
        self.model_limits.setObjectName("modelLimits")
        self.model_limits.setTextFormat(Qt.TextFormat.PlainText)  # the provider's model ids and names
        model_row = QHBoxLayout()
        model_row.setSpacing(4)
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.refresh)
        model_block = QVBoxLayout()
        model_block.setSpacing(2)
        model_block.addLayout(model_row)
        model_block.addWidget(self.model_limits)
        self._field("model", "model", None, model_block)

        self.system = QPlainTextEdit(self)
        self.system.setPlaceholderText(self.tr("Instructions for the whole conversation (optional)"))
        self.system.setToolTip(self.tr("Instructions the model follows for the whole conversation."))
        self.system.setAccessibleName(self.tr("System prompt"))
        self.system.setTabChangesFocus(True)
        self.system.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.system.setMinimumHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        self.expand_system = QToolButton(self)
        self.expand_system.setText("⤢")
        self.expand_system.setAutoRaise(True)
        self.expand_system.setToolTip(self.tr("Edit the system prompt in a larger window"))
        self.expand_system.setAccessibleName(self.tr("Expand the system prompt"))
        system_title = QHBoxLayout()
        system_title.addWidget(QLabel(self.tr("System prompt"), self))
        system_title.addStretch(1)
        system_title.addWidget(self.expand_system)
        self._field("model", "system", system_title, self.system)

        self.model.currentTextChanged.connect(self._on_model_text)
        self.refresh.clicked.connect(self.refresh_models_requested)
        self.system.textChanged.connect(self._on_text_edited)
        self.expand_system.clicked.connect(self.open_system_dialog)

    def _build_sampling_section(self) -> None:
        self.temperature = SliderSpin(0.0, 1.0, 0.05, 2, 1.0, title=self.tr("Temperature"), parent=self)
        self.temperature.set_help(
            self.tr("Randomness: lower is more focused and repeatable, higher more varied. Unset: the API's 1.0.")
        )
        self.top_p = SliderSpin(0.0, 1.0, 0.01, 2, 1.0, title=self.tr("Top p"), parent=self)
        self.top_p.set_help(self.tr("Nucleus sampling: only the most likely tokens whose probabilities add up to p."))
        self.top_k = SliderSpin(1, 500, 1, 0, 40, title=self.tr("Top k"), parent=self)
        self.top_k.set_help(self.tr("Sample only from the k most likely next tokens."))
        for key, row in (("temperature", self.temperature), ("top_p", self.top_p)):
            self._field("sampling", key, row.title, row)

        # Shown when the model refuses temperature and top_p together and both are set.
        self.sampling_choice = SamplingChoice(self)
        self.sections["sampling"].body.addWidget(self.sampling_choice)
        self._field("sampling", "top_k", self.top_k.title, self.top_k)
        for row in (self.temperature, self.top_p, self.top_k):
            row.changed.connect(self._emit)
        self.sampling_choice.chosen.connect(self._on_sampling_chosen)

    def _build_output_section(self) -> None:
        self.max_tokens = SliderSpin(
            1, MAX_TOKENS_LIMIT, 256, 0, DEFAULT_MAX_TOKENS, optional=False, title=self.tr("Max tokens"), parent=self
        )
        self.max_tokens.set_help(self.tr("The longest reply, in tokens; the reply stops there (max_tokens)."))
        self._field("output", "max_tokens", self.max_tokens.title, self.max_tokens)
        self.max_tokens.changed.connect(self._sync_budget_range)
        self.max_tokens.changed.connect(self._emit)

        self.stop_sequences = StopSequencesEditor(self)
        stop_title = QLabel(self.tr("Stop sequences"), self)
        stop_title.setToolTip(self.tr("The reply stops as soon as the model writes one of these."))
        self._field("output", "stop_sequences", stop_title, self.stop_sequences)
        self.stop_sequences.changed.connect(lambda _s: self._emit())

        self.stream = QCheckBox(self.tr("Stream the reply"), self)
        self.stream.setChecked(True)
        self.stream.setToolTip(
            self.tr("Show the reply as it is written. Off: one request returns the whole reply at the end.")
        )
        self._field("output", "stream", None, self.stream)
        self.stream.toggled.connect(lambda _on: self._emit())

    def _build_thinking_section(self) -> None:
        self.thinking = QCheckBox(self.tr("Extended thinking"), self)
        self.thinking.setToolTip(self.tr("The model reasons step by step before it answers, within a token budget."))
        self.budget = SliderSpin(
            MIN_THINKING_BUDGET,
            DEFAULT_MAX_TOKENS - 1,
            256,
            0,
            DEFAULT_THINKING_BUDGET,
            optional=False,
            title=self.tr("Thinking budget (tokens)"),
            parent=self,
        )
        self.budget.set_help(
            self.tr("The most tokens spent thinking: at least 1,024 and less than max tokens, which it counts toward.")
        )
        block = QVBoxLayout()
        block.setSpacing(3)
        block.addWidget(self.budget.title)
        block.addWidget(self.budget)
        self._field("thinking", "thinking", self.thinking, block)
        self.thinking.toggled.connect(lambda _on: self._sync_budget_range())
        self.thinking.toggled.connect(lambda _on: self._emit())
        self.budget.changed.connect(self._emit)

    def _build_tools_section(self) -> None:
        self.tools_button = QPushButton(self)
        self.tools_button.setAutoDefault(False)
        self.tools_button.setToolTip(self.tr("Edit this conversation's tool definitions (JSON)"))
        self._field("tools", "tools", None, self.tools_button)
        self.tool_choice = ToolChoiceEditor(self)
        choice_title = QLabel(self.tr("Tool choice"), self)
        choice_title.setToolTip(self.tr("Whether and how the model must use the tools."))
        self._field("tools", "tool_choice", choice_title, self.tool_choice)
        self.tools_button.clicked.connect(self.open_tools_editor)
        self.tool_choice.changed.connect(self._emit)

    def _build_advanced_section(self) -> None:
        self.user_id = QLineEdit(self)
        self.user_id.setPlaceholderText(self.tr("e.g. a UUID or a hash"))
        self.user_id.setAccessibleName(self.tr("metadata.user_id"))
        self.user_id.setToolTip(self.tr("Sent as metadata.user_id: helps the provider detect abuse per end user."))
        user_block = QVBoxLayout()
        user_block.setSpacing(2)
        user_block.addWidget(self.user_id)
        user_block.addWidget(_secondary(QLabel(self.tr("An opaque id — no personal data."), self)))
        self._field("advanced", "metadata_user_id", QLabel(self.tr("User id (metadata.user_id)"), self), user_block)
        self.user_id.textEdited.connect(lambda _t: self._on_text_edited())
        self.user_id.editingFinished.connect(self.flush)

    # --- models ---

    def set_models(self, models: Sequence[ModelInfo]) -> None:
        """Fill the model picker (the current text is kept, even when it is not in the list)."""
        self.model.set_models(models)
        self._show_limits()
        self._refresh(self.params())

    def model_id(self) -> str:
        """The model id shown (a listed model's id, or the text typed)."""
        return self.model.model_id()

    def model_info(self) -> ModelInfo | None:
        """What the provider's list says about the model shown (None: not listed)."""
        return self.model.model_info()

    def _show_model(self, model_id: str) -> None:
        self.model.show_model(model_id)
        self._show_limits()

    def _show_limits(self) -> None:
        model_id = self.model_id()
        info = self.model_info()
        parts = [model_id] if info is not None and info.display_name != model_id else []
        if info is not None and info.max_input_tokens:
            parts.append(self.tr("context {n} tokens").format(n=format_number(info.max_input_tokens)))
        if info is not None and info.max_tokens:
            parts.append(self.tr("output up to {n}").format(n=format_number(info.max_tokens)))
        self.max_tokens.set_maximum(info.max_tokens if info is not None and info.max_tokens else MAX_TOKENS_LIMIT)
        self._sync_budget_range()
        self.model_limits.setText(" · ".join(parts))
        self.model_limits.setVisible(bool(parts))

    # --- values ---

    def set_params(self, params: dict[str, Any]) -> None:
        """Show a conversation's parameters without reporting them back as a change."""
        self._loading = True
        try:
            self._text_timer.stop()
            self._api_error = None
            self._show_model(str(params.get("model") or ""))
            self.max_tokens.set_value(params.get("max_tokens") or DEFAULT_MAX_TOKENS)
            self.temperature.set_value(params.get("temperature"))
            self.top_p.set_value(params.get("top_p"))
            self.top_k.set_value(params.get("top_k"))
            system = params.get("system")
            self.system.setPlainText(system if isinstance(system, str) else "")
            sequences = params.get("stop_sequences")
            self.stop_sequences.set_sequences(sequences if isinstance(sequences, list) else [])
            self.stream.setChecked(params.get("stream") is not False)
            thinking = params.get("thinking")
            enabled = isinstance(thinking, dict) and thinking.get("type") == "enabled"
            self.thinking.setChecked(enabled)
            budget = thinking.get("budget_tokens") if isinstance(thinking, dict) and enabled else None
            if isinstance(budget, int):
                self._sync_budget_range(keep=budget)  # a stored budget out of range is shown as it is
                self.budget.set_value(budget)
            else:
                self.budget.set_value(DEFAULT_THINKING_BUDGET)  # not the last conversation's
                self._sync_budget_range()
            tools = params.get("tools")
            self._tools = tools if isinstance(tools, list) else None
            if self.tools_dialog is not None:
                self.tools_dialog.editor.set_tools(self._tools)
            self.tool_choice.set_tool_names(self._tool_names())
            choice = params.get("tool_choice")
            self.tool_choice.set_value(choice if isinstance(choice, dict) else None)
            user_id = params.get("metadata_user_id")
            self.user_id.setText(user_id if isinstance(user_id, str) else "")
            preference = params.get("sampling_preference")
            self._sampling_preference = preference if preference in ("temperature", "top_p") else None
            self._extra = {k: v for k, v in params.items() if k not in _SHOWN_KEYS}
            if "thinking" in params and not enabled:
                self._extra["thinking"] = thinking  # adaptive or disabled: kept as it came
        finally:
            self._loading = False
        self._refresh(self.params(), loaded=True)

    def apply(self, params: dict[str, Any]) -> None:
        """Show ``params`` and report them as the user's change (a preset applied)."""
        self.set_params(params)
        self.params_changed.emit(self.params())

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
        if sequences := self.stop_sequences.sequences():
            values["stop_sequences"] = sequences
        if not self.stream.isChecked():
            values["stream"] = False
        if self.thinking.isChecked():
            values["thinking"] = {"type": "enabled", "budget_tokens": self.budget.value()}
        if self._tools is not None:
            values["tools"] = self._tools
        if (choice := self.tool_choice.value()) is not None:
            values["tool_choice"] = choice
        if self.user_id.text().strip():
            values["metadata_user_id"] = self.user_id.text()
        if self._sampling_preference is not None:
            values["sampling_preference"] = self._sampling_preference
        return {k: v for k, v in values.items() if v not in (None, "")}

    def problems(self) -> list[Problem]:
        """The problems of the parameters shown, as last checked (blocking ones and warnings)."""
        return list(self._problems)

    def flush(self) -> None:
        """Report a pending text edit (system prompt, user id) now, before switching conversations."""
        if self._text_timer.isActive():
            self._text_timer.stop()
            self._emit()

    def show_api_error(self, field: str, message: str) -> None:
        """Show a refused request's message next to ``field`` (a params key), until its value changes."""
        self._api_error = (field, message, self.params().get(field))
        self._refresh(self.params())

    def clear_api_error(self) -> None:
        if self._api_error is not None:
            self._api_error = None
            self._refresh(self.params())

    # --- dialogs ---

    def open_tools_editor(self) -> None:
        """Show the tools editor window (it keeps its text, even invalid, while hidden)."""
        if self.tools_dialog is None:
            from app.ui.tools_editor import ToolsDialog

            self.tools_dialog = ToolsDialog(self.window())
            self.tools_dialog.editor.set_tools(self._tools)
            self.tools_dialog.editor.tools_changed.connect(self._on_tools_edited)
            self.tools_dialog.editor.validity_changed.connect(lambda _ok: self._refresh(self.params()))
        if self.tools_dialog.isVisible():  # already open, maybe behind the main window: bring it forward
            self.tools_dialog.raise_()
            self.tools_dialog.activateWindow()
        else:
            self.tools_dialog.show()

    def open_system_dialog(self) -> None:
        """Edit the system prompt in a larger window (window-modal); OK puts the text back here."""
        from app.ui.system_prompt_dialog import SystemPromptDialog

        dialog = SystemPromptDialog(self.system.toPlainText(), self.window())
        self.system_dialog = dialog

        def done(result: int) -> None:
            if result == SystemPromptDialog.DialogCode.Accepted and dialog.text() != self.system.toPlainText():
                self.system.setPlainText(dialog.text())
                self.flush()
            self.system_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    # --- reacting ---

    def _on_model_text(self, _text: str) -> None:
        if self._loading:
            return
        self._show_limits()
        self._emit()

    def _on_text_edited(self) -> None:
        if not self._loading:
            self._text_timer.start()

    def _on_tools_edited(self, tools: list[dict[str, Any]] | None) -> None:
        self._tools = tools
        self.tool_choice.set_tool_names(self._tool_names())
        self._emit()

    def _on_sampling_chosen(self, which: str) -> None:
        if which != self._sampling_preference:
            self._sampling_preference = which
            self._emit()

    def _emit(self) -> None:
        if self._loading:
            return
        params = self.params()
        self._refresh(params)
        self.params_changed.emit(params)

    def _tool_names(self) -> list[str]:
        return [str(t["name"]) for t in self._tools or [] if isinstance(t, dict) and isinstance(t.get("name"), str)]

    def _sync_budget_range(self, keep: int | None = None) -> None:
        """The thinking budget lies in 1,024 .. max_tokens - 1 (empty when max_tokens is too small): the
        budget chosen is shown lowered while max_tokens leaves no room for it, and back up when it does. The
        range stretches to ``keep`` so that a stored value is shown as it is (its problem under it)."""
        top = (self.max_tokens.value() or 0) - 1
        low, high = MIN_THINKING_BUDGET, max(MIN_THINKING_BUDGET, top)
        if keep is not None:
            low, high = min(low, keep), max(high, keep)
        self.budget.set_range(low, high)
        self.budget.setEnabled(self.thinking.isChecked() and top >= MIN_THINKING_BUDGET)
        self.budget.title.setEnabled(self.thinking.isChecked())

    # --- showing what is wrong ---

    def _refresh(self, params: dict[str, Any], *, loaded: bool = False) -> None:
        """Check ``params`` and show every problem where it belongs; update the summaries. ``loaded``: they
        were just shown by `set_params` (not changed from the preset shown before)."""
        problems = check(params, self.model_info())
        if self.tools_dialog is not None and self.tools_dialog.editor.has_errors():
            problems.append(
                Problem("tools", self.tr("The tools editor has errors: the last valid tools are sent."), False)
            )
        self._problems = problems
        thinking = self.thinking.isChecked()
        self.temperature.set_suppressed(thinking)
        self.top_k.set_suppressed(thinking)

        messages: dict[str, list[tuple[str, Severity]]] = {key: [] for key in self.notes}
        if self._api_error is not None:
            field, message, value = self._api_error
            if params.get(field) != value:
                self._api_error = None
            else:
                target = field if field in messages else ""
                messages[target].append((self.tr("The API refused it: {m}").format(m=message), "error"))
        shared = self.sampling_choice.show_choice(params, problems)
        for problem in problems:
            if problem.message in shared and problem.field in ("temperature", "top_p"):
                continue
            target = problem.field if problem.field in messages else ""
            messages[target].append((problem.message, "error" if problem.blocking else "warning"))
        for key in ("temperature", "top_k"):
            if thinking and not messages[key]:
                messages[key].append((self.tr("Not sent while extended thinking is on."), "note"))
        choice = params.get("tool_choice")
        if not messages["tool_choice"] and isinstance(choice, dict) and choice.get("type") in ("any", "tool"):
            # The API forces the call on every request, so answering the call gets another call, never an answer.
            messages["tool_choice"].append(
                (
                    self.tr(
                        "Every reply must call a tool, also the reply to a tool's result: choose Auto before "
                        "sending results to get an answer from them."
                    ),
                    "note",
                )
            )
        if not messages["thinking"] and (self.max_tokens.value() or 0) <= MIN_THINKING_BUDGET:
            messages["thinking"].append(
                (self.tr("Raise max tokens above 1,024 to leave room for a thinking budget."), "note")
            )
        for key, text in self._lowered_values(thinking):
            messages[key].append((text, "note"))
        for key, note in self.notes.items():
            note.show_messages(messages[key])
        for name, section in self.sections.items():
            severities = [s for key, items in messages.items() if self._section_of.get(key) == name for _m, s in items]
            if name == "sampling" and self.sampling_choice.note.severity is not None:
                severities.append(self.sampling_choice.note.severity)
            section.set_severity(worst(severities))
        self._show_summaries(params)
        self.presets.show_matching(params, loaded=loaded)

    def _lowered_values(self, thinking: bool) -> list[tuple[str, str]]:
        """Notes for the values shown lower than the user chose (params key, text): max_tokens above the
        model's output limit, the thinking budget not below max_tokens."""
        notes = []
        shown, chosen = self.max_tokens.value() or 0, self.max_tokens.chosen()
        if shown < chosen:
            text = self.tr(
                "Lowered to {shown}, the most this model writes; back to {chosen} with a model that allows it."
            )
            notes.append(("max_tokens", text.format(chosen=format_number(chosen), shown=format_number(shown))))
        shown, chosen = self.budget.value() or 0, self.budget.chosen()
        if thinking and self.budget.isEnabled() and shown < chosen:
            text = self.tr("Lowered to {shown} to stay below max tokens; back to {chosen} when max tokens allows it.")
            notes.append(("thinking", text.format(chosen=format_number(chosen), shown=format_number(shown))))
        return notes

    def _show_summaries(self, params: dict[str, Any]) -> None:
        info = self.model_info()
        self.sections["model"].set_summary(info.display_name if info is not None else self.model_id())
        sampling = [
            f"{label} {params[key]:g}" if isinstance(params[key], float) else f"{label} {params[key]}"
            for key, label in (("temperature", "temp"), ("top_p", "top_p"), ("top_k", "top_k"))
            if key in params
        ]
        self.sections["sampling"].set_summary(", ".join(sampling) or self.tr("API defaults"))
        output = [self.tr("%Ln token(s)", None, params.get("max_tokens") or 0)]
        if stops := len(params.get("stop_sequences") or []):
            output.append(self.tr("%Ln stop(s)", None, stops))
        if params.get("stream") is False:
            output.append(self.tr("not streamed"))
        self.sections["output"].set_summary(", ".join(output))
        thinking = params.get("thinking")
        self.sections["thinking"].set_summary(
            self.tr("%Ln token(s)", None, thinking.get("budget_tokens") or 0)
            if self.thinking.isChecked() and isinstance(thinking, dict)
            else self.tr("off")
        )
        count = len(self._tools or [])
        self.tools_button.setText(self.tr("Edit tools ({n})…").format(n=count) if count else self.tr("Add tools…"))
        tools_summary = self.tr("%Ln tool(s)", None, count) if count else self.tr("none")
        if count and (choice := params.get("tool_choice")):
            tools_summary += f", {choice.get('type')}"
        self.sections["tools"].set_summary(tools_summary)
        self.sections["advanced"].set_summary(self.tr("user id") if params.get("metadata_user_id") else "")
