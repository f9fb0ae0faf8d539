"""The A/B compare window: one prompt, 2 to 4 parameter sets side by side, their replies streaming in
columns with their own figures, and the choice of what to keep.

Before the run each column is a compact parameter editor (problems shown as the user edits, from
`app.api.params.check`); Run sends the prompt with every set at once. While the replies stream each column
shows its reply (Markdown rendered tail-first, like the transcript), live figures and a Stop button; then
"Keep This" keeps one reply (the others are discarded) or all of them (as branches, this one shown), and goes on
with that set's parameters. The prompt stays editable: Run Again sends it with the same sets, and its replies
replace the ones shown (those are discarded: the window compares sets on one prompt, and an earlier prompt's
replies nobody chose would only pile up as stray branches). Closing asks which replies to keep.
The window only shows and asks: the compare wiring runs the replies (`app.chat.compare.CompareRun`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api import ModelInfo
from app.api.params import (
    DEFAULT_EFFORT,
    DEFAULT_MAX_TOKENS,
    DEFAULT_THINKING_BUDGET,
    MAX_TOKENS_LIMIT,
    MIN_THINKING_BUDGET,
    Control,
    ModelRules,
    Problem,
    check,
    rules_for,
)
from app.api.providers import DEFAULT_API_VERSION
from app.chat.compare import MAX_SETS, MIN_SETS, STREAMING, ReplyFigures
from app.chat.exchange import CONTEXT_FULL
from app.language import format_number, format_usd
from app.language import tr as _tr
from app.render import LIGHT, Theme
from app.store.models import Block, Message, refusal_reason
from app.ui.collapsible_section import CollapsibleSection
from app.ui.design import Space
from app.ui.form_controls import ClampingDoubleSpinBox, ClampingSpinBox, wheel_only_when_focused
from app.ui.message_blocks import (
    BlockContext,
    BlockView,
    create_block_view,
    display_blocks,
    sync_block_views,
    translated_labels,
)
from app.ui.model_picker import ModelPicker
from app.ui.param_choices import (
    CACHE_OFF,
    Option,
    cache_options,
    effort_options,
    label_of,
    property_count,
    service_tier_options,
    thinking_display_options,
    thinking_mode_of,
    thinking_mode_options,
    thinking_param,
)
from app.ui.problem_note import ProblemNote, Severity, worst
from app.ui.problem_words import problem_text
from app.ui.rule_words import why_not
from app.ui.sampling_choice import SamplingChoice
from app.ui.screen_fit import resize_to_fit
from app.ui.transcript_style import TranscriptColors, make_small, set_muted

if TYPE_CHECKING:  # built when first opened
    from app.ui.output_schema_editor import OutputSchemaDialog

_SYSTEM_LINES = 3
_FOLLOW_SLACK = 4  # pixels from the bottom that still count as "at the end" (keep following the reply)
_LABEL_WORDS = 60  # characters of a reply that name it in the question on closing


class OptionalNumber(QWidget):
    """An enable box and a spin box: a parameter that is off (None: not sent) or a number.
    ``decimals`` 0 makes it a whole number.

    Signals:
        changed(): the user changed the value or turned the parameter on or off.
    """

    changed = Signal()

    def __init__(
        self, minimum: float, maximum: float, step: float, decimals: int, default: float, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._default = default
        self._help = ""
        self._refusal = ""
        self.enable = QCheckBox(self)
        self.spin: ClampingSpinBox | ClampingDoubleSpinBox
        if decimals:
            spin = ClampingDoubleSpinBox(self)
            spin.setDecimals(decimals)
            spin.setRange(minimum, maximum)
            spin.setSingleStep(step)
            self.spin = spin
        else:
            whole = ClampingSpinBox(self)
            whole.setRange(int(minimum), int(maximum))
            whole.setSingleStep(int(step))
            self.spin = whole
        self.spin.setKeyboardTracking(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enable)
        layout.addWidget(self.spin, 1)
        self.enable.toggled.connect(self._on_toggled)
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())
        self.set_value(None)

    def value(self) -> float | int | None:
        if not self.enable.isChecked():
            return None
        return self.spin.value() if isinstance(self.spin, QDoubleSpinBox) else int(self.spin.value())

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (None: off, the default greyed out) without emitting `changed`."""
        self.blockSignals(True)
        try:
            self.enable.setChecked(value is not None)
            shown = self._default if value is None else value
            if isinstance(self.spin, QDoubleSpinBox):
                self.spin.setValue(float(shown))
            else:
                self.spin.setValue(int(shown))
            self.spin.setEnabled(value is not None and not self._refusal)
        finally:
            self.blockSignals(False)

    def set_help(self, text: str) -> None:
        """One sentence on what the parameter does: the tooltip (unless the model refuses it)."""
        self._help = text
        self.setToolTip(self._refusal or text)

    def set_refused(self, reason: str) -> None:
        """The model takes no value for it (``reason``; "" when it does): greyed out, the reason in the
        tooltip; a value set stays shown (the check says it is not sent)."""
        self._refusal = reason
        self.enable.setEnabled(not reason)
        self.spin.setEnabled(self.enable.isChecked() and not reason)
        self.setToolTip(reason or self._help)

    def _on_toggled(self, on: bool) -> None:
        self.spin.setEnabled(on and not self._refusal)
        self.changed.emit()


class ChoiceBox(QComboBox):
    """A compact choice among `app.ui.param_choices` options (their sentence in each item's tooltip).
    `restrict` offers only what the model takes: another value is hidden from the list, unless it is the
    one chosen, which stays, disabled, with why in its tooltip."""

    def __init__(self, name: str, options: Sequence[Option], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self._descriptions: dict[str, str] = {}
        for value, label, description in options:
            self.addItem(label, value)
            self._descriptions[value] = description
            self.setItemData(self.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
        wheel_only_when_focused(self)

    def value(self) -> str:
        return str(self.currentData())

    def set_value(self, value: str) -> None:
        """Choose ``value`` (the first choice when it is not offered) without emitting a change."""
        self.blockSignals(True)
        try:
            self.setCurrentIndex(max(0, self.findData(value)))
        finally:
            self.blockSignals(False)

    def restrict(self, allowed: Collection[str], reason_of: Callable[[str], str]) -> None:
        model = self.model()
        view = self.view()
        for row in range(self.count()):
            value = str(self.itemData(row))
            takes = value in allowed
            item = model.item(row) if isinstance(model, QStandardItemModel) else None
            if item is not None:
                item.setEnabled(takes)
            if isinstance(view, QListView):
                view.setRowHidden(row, not takes and row != self.currentIndex())
            reason = "" if takes else reason_of(value)
            tip = "\n".join(part for part in (self._descriptions.get(value, ""), reason) if part)
            self.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
        current = self.value()
        self.setToolTip("" if current in allowed else reason_of(current))


class ParameterSetEditor(QWidget):
    """One parameter set, compactly: model, max_tokens, temperature / top_p / top_k (each with an enable box),
    effort, extended thinking (off, adaptive, or with its budget) and how it is shown, the system prompt, and
    under "More" structured output (a JSON Schema), prompt caching, web search and fetch and the service tier.
    What the model takes comes from `app.api.params.rules_for` (under the connection's API version,
    `set_api_version`): the rest is greyed out or not offered, with the reason. Parameters it has no field for
    (tools, stop sequences...) are kept as they came.

    Signals:
        changed(): the user changed something.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: dict[str, Any] = {}
        self._system_blocks: Any = None  # a system prompt given as content blocks, kept until edited
        self._sampling_preference: str | None = None
        self.model = ModelPicker(self)
        self.model.setMinimumContentsLength(8)
        self.max_tokens = ClampingSpinBox(self)
        self.max_tokens.setRange(1, MAX_TOKENS_LIMIT)
        self.max_tokens.setSingleStep(256)
        self.max_tokens.setGroupSeparatorShown(True)
        self.max_tokens.setKeyboardTracking(False)
        self.max_tokens.setToolTip(self.tr("The longest reply, in tokens; the reply stops there (max_tokens)."))
        self.temperature = OptionalNumber(0.0, 1.0, 0.05, 2, 1.0, self)
        self.temperature.set_help(self.tr("Randomness: lower is more focused and repeatable, higher more varied."))
        self.top_p = OptionalNumber(0.0, 1.0, 0.01, 2, 1.0, self)
        self.top_p.set_help(self.tr("Nucleus sampling: only the most likely tokens whose probabilities add up to p."))
        self.sampling_choice = SamplingChoice(self)
        self.top_k = OptionalNumber(1, 500, 1, 0, 40, self)
        self.top_k.set_help(self.tr("Sample only from the k most likely next tokens."))
        self.effort = ChoiceBox(
            self.tr("Effort"),
            [
                (
                    "",
                    self.tr("Default ({level})").format(level=label_of(effort_options(), DEFAULT_EFFORT)),
                    self.tr("The API's default."),
                ),
                *effort_options(),
            ],
            self,
        )
        self.thinking = ChoiceBox(self.tr("Extended thinking"), thinking_mode_options(), self)
        self.budget = ClampingSpinBox(self)
        self.budget.setRange(MIN_THINKING_BUDGET, MAX_TOKENS_LIMIT)
        self.budget.setSingleStep(512)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setKeyboardTracking(False)
        self.budget.setValue(DEFAULT_THINKING_BUDGET)
        self.budget.setAccessibleName(self.tr("Thinking budget (tokens)"))
        self.budget.setToolTip(self.tr("The thinking budget in tokens: at least 1,024, and below max_tokens."))
        self.display = ChoiceBox(self.tr("How the thinking is shown"), thinking_display_options(), self)
        thinking_row = QHBoxLayout()
        thinking_row.setSpacing(Space.XS)
        thinking_row.addWidget(self.thinking, 1)
        thinking_row.addWidget(self.budget, 1)

        self._output_format: dict[str, Any] | None = None
        self.schema_dialog: OutputSchemaDialog | None = None  # built when first opened
        self.schema_button = QPushButton(self)
        self.schema_button.setAutoDefault(False)
        self.cache = ChoiceBox(self.tr("Prompt caching"), cache_options(), self)
        self.web_search = QCheckBox(self.tr("Search"), self)
        self.web_search.setAccessibleName(self.tr("Web search"))
        self.web_search.setToolTip(self.tr("The model may search the web; each search is billed."))
        self.web_fetch = QCheckBox(self.tr("Fetch"), self)
        self.web_fetch.setAccessibleName(self.tr("Web fetch"))
        self.web_fetch.setToolTip(self.tr("The model may read a web page whose address it was given or found."))
        web_row = QHBoxLayout()
        web_row.addWidget(self.web_search)
        web_row.addWidget(self.web_fetch)
        web_row.addStretch(1)
        self.service_tier = ChoiceBox(self.tr("Service tier"), service_tier_options(), self)
        self.more = CollapsibleSection(self.tr("More"), self, expanded=False)
        more = QFormLayout()
        more.setContentsMargins(0, 0, 0, 0)
        more.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        more.addRow(self.tr("Output"), self.schema_button)
        more.addRow(self.tr("Cache"), self.cache)
        more.addRow(self.tr("Web"), web_row)
        more.addRow(self.tr("Tier"), self.service_tier)
        self.more.body.addLayout(more)
        self._api_version = DEFAULT_API_VERSION
        self._rules: ModelRules = rules_for("", self._api_version)
        self.system = QPlainTextEdit(self)
        self.system.setPlaceholderText(self.tr("System prompt (optional)"))
        self.system.setToolTip(self.tr("Instructions the model follows; this set's own."))
        self.system.setTabChangesFocus(True)
        lines = self.system.fontMetrics().lineSpacing() * _SYSTEM_LINES
        self.system.setFixedHeight(lines + 2 * self.system.frameWidth() + 8)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Max tokens"), self.max_tokens)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top p"), self.top_p)
        form.addRow(self.sampling_choice)
        form.addRow(self.tr("Top k"), self.top_k)
        form.addRow(self.tr("Effort"), self.effort)
        form.addRow(self.tr("Thinking"), thinking_row)
        form.addRow(self.tr("Shown"), self.display)
        form.addRow(self.system)
        form.addRow(self.more)

        self.model.currentTextChanged.connect(self._on_model_text)
        self.max_tokens.valueChanged.connect(lambda _v: self.changed.emit())
        for row in (self.temperature, self.top_p, self.top_k):
            row.changed.connect(self.changed)
        self.sampling_choice.chosen.connect(self._on_sampling_chosen)
        self.system.textChanged.connect(self._on_system_text)
        self.thinking.currentIndexChanged.connect(self._on_thinking_changed)
        self.budget.valueChanged.connect(lambda _v: self.changed.emit())
        for box in (self.effort, self.display, self.cache, self.service_tier):
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for check_box in (self.web_search, self.web_fetch):
            check_box.toggled.connect(lambda _on: self.changed.emit())
        self.schema_button.clicked.connect(self.open_schema_editor)
        self.changed.connect(lambda: self.more.set_summary(self._more_summary()))
        self._apply_rules()

    # --- models ---

    def set_models(self, models: Sequence[ModelInfo]) -> None:
        """Fill the model picker (the model chosen stays, listed or not)."""
        self.model.set_models(models)
        self._bound_max_tokens()

    def model_id(self) -> str:
        return self.model.model_id()

    def model_info(self) -> ModelInfo | None:
        return self.model.model_info()

    def set_api_version(self, api_version: str) -> None:
        """The ``anthropic-version`` the connection sends: what is offered follows it."""
        self._api_version = api_version
        self._apply_rules()

    def rules(self) -> ModelRules:
        """What the set's model takes under the connection's API version."""
        return self._rules

    def _bound_max_tokens(self) -> None:
        info = self.model_info()
        self.max_tokens.setMaximum(info.max_tokens if info is not None and info.max_tokens else MAX_TOKENS_LIMIT)

    def _on_model_text(self, _text: str) -> None:
        self._bound_max_tokens()
        self._apply_rules()
        self.changed.emit()

    def _on_thinking_changed(self, _index: int) -> None:
        self._show_thinking_parts()
        self.changed.emit()

    def _apply_rules(self) -> None:
        """Offer what the model takes; grey out the rest with the reason (a value set stays shown: the check
        says it is not sent)."""
        rules = self._rules = rules_for(self.model_id(), self._api_version, self.model_info())
        for row in (self.temperature, self.top_p, self.top_k):
            row.set_refused(why_not(rules, "sampling"))
        self.effort.restrict(("", *rules.effort_levels), lambda level: why_not(rules, "effort", level))
        self.effort.setEnabled(bool(rules.effort_levels) or bool(self.effort.value()))
        if not rules.effort_levels:
            self.effort.setToolTip(why_not(rules, "effort"))
        reasons: dict[str, Control] = {"off": "thinking_off", "adaptive": "adaptive", "budget": "budget"}
        self.thinking.restrict(rules.thinking_modes, lambda mode: why_not(rules, reasons.get(mode, "thinking")))
        self.display.restrict(
            [value for value, _label, _help in thinking_display_options()] if rules.thinking_display else [""],
            lambda _display: why_not(rules, "thinking"),
        )
        schema_reason = why_not(rules, "output_format")
        self.schema_button.setEnabled(not schema_reason or self._output_format is not None)
        self.schema_button.setToolTip(schema_reason or self.tr("Edit the JSON Schema the reply follows"))
        for box, control in ((self.web_search, "web_search"), (self.web_fetch, "web_fetch")):
            reason = why_not(rules, "web_search" if control == "web_search" else "web_fetch")
            box.setEnabled(not reason or box.isChecked())
            if reason:
                box.setToolTip(reason)
        self._show_thinking_parts()

    def _show_thinking_parts(self) -> None:
        mode = self.thinking.value()
        self.budget.setVisible(mode == "budget")
        self.display.setEnabled(mode != "off" and self._rules.thinking_display)

    # --- values ---

    def set_params(self, params: Mapping[str, Any]) -> None:
        """Show ``params`` (a whole parameter dict) without emitting `changed`."""
        self._base = dict(params)
        self.blockSignals(True)
        try:
            self.model.show_model(str(params.get("model") or ""))
            self._bound_max_tokens()
            self.max_tokens.setValue(int(params.get("max_tokens") or DEFAULT_MAX_TOKENS))
            for name, row in (("temperature", self.temperature), ("top_p", self.top_p), ("top_k", self.top_k)):
                value = params.get(name)
                row.set_value(value if isinstance(value, int | float) and not isinstance(value, bool) else None)
            self._set_thinking(params.get("thinking"))
            effort = params.get("effort")
            self.effort.set_value(effort if isinstance(effort, str) else "")
            output_format = params.get("output_format")
            self._output_format = output_format if isinstance(output_format, dict) else None
            if self.schema_dialog is not None:
                self.schema_dialog.editor.set_value(self._output_format)
            cache_ttl = params.get("cache_ttl")
            self.cache.set_value(cache_ttl if isinstance(cache_ttl, str) else CACHE_OFF)
            tier = params.get("service_tier")
            self.service_tier.set_value(tier if isinstance(tier, str) else "")
            self.web_search.setChecked(isinstance(params.get("web_search"), Mapping))
            self.web_fetch.setChecked(isinstance(params.get("web_fetch"), Mapping))
            preference = params.get("sampling_preference")
            self._sampling_preference = preference if preference in ("temperature", "top_p") else None
            system = params.get("system")
            self._system_blocks = system if isinstance(system, list) and system else None
            self.system.setPlainText(system if isinstance(system, str) else _system_text(system))
            self._apply_rules()
        finally:
            self.blockSignals(False)
        self._show_schema_button()
        self.more.set_summary(self._more_summary())

    def _set_thinking(self, thinking: Any) -> None:
        self.thinking.set_value(thinking_mode_of(thinking))
        budget = _thinking_budget(thinking)
        self.budget.blockSignals(True)
        self.budget.setValue(budget if budget is not None else DEFAULT_THINKING_BUDGET)
        self.budget.blockSignals(False)
        display = thinking.get("display") if isinstance(thinking, Mapping) else None
        self.display.set_value(display if isinstance(display, str) else "")

    def params(self) -> dict[str, Any]:
        """The whole parameter set; a parameter turned off is None (so that it overrides the conversation's)."""
        values = dict(self._base)
        values["model"] = self.model_id()
        values["max_tokens"] = self.max_tokens.value()
        values["temperature"] = self.temperature.value()
        values["top_p"] = self.top_p.value()
        values["top_k"] = self.top_k.value()
        values["thinking"] = thinking_param(self.thinking.value(), self.budget.value(), self.display.value())
        values["effort"] = self.effort.value() or None
        values["output_format"] = self._output_format
        values["cache_ttl"] = None if self.cache.value() == CACHE_OFF else self.cache.value()
        for key, box in (("web_search", self.web_search), ("web_fetch", self.web_fetch)):
            options = self._base.get(key)
            values[key] = (dict(options) if isinstance(options, Mapping) else {}) if box.isChecked() else None
        tier = self.service_tier.value()
        values["service_tier"] = None if tier == self.service_tier.itemData(0) else tier  # the first: the default
        if self._sampling_preference is not None:
            values["sampling_preference"] = self._sampling_preference
        if self._system_blocks is not None:
            values["system"] = self._system_blocks
        else:
            system = self.system.toPlainText()
            values["system"] = system if system.strip() else None
        return values

    def open_schema_editor(self) -> None:
        """Edit this set's output schema in a window of its own (a valid schema applies at once)."""
        if self.schema_dialog is None:
            from app.ui.output_schema_editor import OutputSchemaDialog

            self.schema_dialog = OutputSchemaDialog(self.window())
            self.schema_dialog.editor.set_value(self._output_format)
            self.schema_dialog.editor.schema_changed.connect(self._on_schema_edited)
        if self.schema_dialog.isVisible():
            self.schema_dialog.raise_()
            self.schema_dialog.activateWindow()
        else:
            self.schema_dialog.show()

    def _on_schema_edited(self, schema: dict[str, Any] | None) -> None:
        self._output_format = schema
        self._show_schema_button()
        self._apply_rules()
        self.more.set_summary(self._more_summary())
        self.changed.emit()

    def _show_schema_button(self) -> None:
        schema = self._output_format
        self.schema_button.setText(
            self.tr("Free text; add a schema…")
            if schema is None
            else self.tr("JSON, %Ln properties…", None, property_count(schema))
        )

    def _more_summary(self) -> str:
        parts = []
        if self._output_format is not None:
            parts.append(self.tr("JSON"))
        if self.cache.value() != CACHE_OFF:
            parts.append(self.tr("cache {ttl}").format(ttl=self.cache.currentText()))
        parts += [box.text().lower() for box in (self.web_search, self.web_fetch) if box.isChecked()]
        if self.service_tier.currentIndex() > 0:
            parts.append(self.service_tier.currentText().lower())
        return ", ".join(parts)

    def summary(self) -> str:
        """The set in a few words: the model (by name), the sampling parameters sent, effort and thinking."""
        parts = [self._rules.display_name if self.model_id() else ""]
        for label, row in (("T", self.temperature), ("p", self.top_p), ("k", self.top_k)):
            value = row.value()
            if value is not None and self._rules.sampling:  # one the model refuses is not sent
                parts.append(f"{label} {value:g}")
        if effort := self.effort.value():
            parts.append(self.tr("effort {level}").format(level=label_of(effort_options(), effort)))
        if self.thinking.value() != "off":
            parts.append(self.thinking.currentText().lower())
        return " · ".join(parts)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.model,
            self.max_tokens,
            self.temperature,
            self.top_p,
            self.sampling_choice,
            self.top_k,
            self.effort,
            self.thinking,
            self.budget,
            self.display,
            self.schema_button,
            self.cache,
            self.web_search,
            self.web_fetch,
            self.service_tier,
        ):
            widget.setEnabled(not read_only)
        self.system.setReadOnly(read_only)

    def show_problems(self, problems: Sequence[Problem]) -> list[Problem]:
        """Offer the choice between temperature and top_p when ``problems`` (this set's) call for it; returns
        the problems left to show elsewhere (those the choice shows are left out)."""
        shared = self.sampling_choice.show_choice(self.params(), problems, self._api_version)
        return [p for p in problems if not (problem_text(p) in shared and p.field in ("temperature", "top_p"))]

    def _on_sampling_chosen(self, which: str) -> None:
        if which != self._sampling_preference:
            self._sampling_preference = which
            self.changed.emit()

    def _on_system_text(self) -> None:
        if not self.signalsBlocked():
            self._system_blocks = None  # edited: plain text from now on
            self.changed.emit()


class ReplyPane(QScrollArea):
    """A reply's content blocks (text as Markdown rendered tail-first while it streams, thinking, tool
    calls), following the end of the reply unless the user scrolled up.

    Signals:
        link_activated(QUrl): a safe link in the reply was clicked.
    """

    link_activated = Signal(QUrl)

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._blocks: list[BlockView] = []
        self._following = True
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # no re-wrap when one appears
        self._body = QWidget(self)
        self._body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(Space.S, Space.XS, Space.S, Space.XS)
        self._layout.setSpacing(Space.S)
        self._layout.addStretch(1)
        self.setWidget(self._body)
        self.setPalette(context.colors.palette(self.palette()))
        self.viewport().setAutoFillBackground(True)
        self._body.setAutoFillBackground(True)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._follow)

    def show_content(
        self, content: Sequence[Block], *, streaming: bool, output_schema: dict[str, Any] | None = None
    ) -> None:
        """Bring the block widgets in line with ``content``, updating the existing ones in place; a reply asked
        for as structured output (``output_schema``) is shown as its JSON, checked against the schema."""
        shown = display_blocks(content, "assistant", streaming=streaming, output_schema=output_schema)
        sync_block_views(self._blocks, shown, streaming=streaming, create=self._create_block_view, layout=self._layout)

    def set_context(self, context: BlockContext) -> None:
        """New colours (theme change): the background and every block, re-rendered."""
        self._context = context
        self.setPalette(context.colors.palette(self.palette()))
        for block in self._blocks:
            block.set_context(context)

    def _create_block_view(self, block: Block) -> BlockView:
        view = create_block_view(block, "assistant", self._context, self._body)
        view.link_activated.connect(self.link_activated)
        return view

    @property
    def blocks(self) -> list[BlockView]:
        return list(self._blocks)

    def markdown(self) -> str:
        """The reply's text as Markdown."""
        return "\n\n".join(text for text in (block.markdown() for block in self._blocks) if text)

    def _on_scrolled(self, value: int) -> None:
        self._following = value >= self.verticalScrollBar().maximum() - _FOLLOW_SLACK

    def _follow(self, _minimum: int, maximum: int) -> None:
        if self._following:
            self.verticalScrollBar().setValue(maximum)


class _FittingScrollArea(QScrollArea):
    """As tall as its contents while there is room (no scroll bar then), and scrolling them when the window
    is too low for them all (a set's parameters with More unfolded on a small screen), never squeezing them."""

    def __init__(self, contents: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWidget(contents)
        contents.installEventFilter(self)  # folding a section changes the height wanted

    def sizeHint(self) -> QSize:
        contents = self.widget()
        hint = contents.sizeHint() if contents is not None else QSize(0, 0)
        return QSize(hint.width(), self._height_wanted() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        contents = self.widget()
        width = contents.minimumSizeHint().width() if contents is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), self.fontMetrics().lineSpacing() * 6)

    def _height_wanted(self) -> int:
        """The contents' height at the width they are shown at (their labels wrap)."""
        contents = self.widget()
        if contents is None:
            return 0
        width = self.viewport().width()
        height = contents.heightForWidth(width) if contents.hasHeightForWidth() and width > 0 else -1
        return height if height >= 0 else contents.sizeHint().height()

    def _fit(self) -> None:
        contents = self.widget()
        if contents is not None:
            contents.setMinimumHeight(self._height_wanted())  # never shorter: the scroll bar takes over
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.widget():
            self._fit()
        return super().eventFilter(watched, event)


class CompareColumn(QFrame):
    """One parameter set: its editor (folded away once the run starts), its reply, figures and actions.

    Signals:
        remove_requested(): the user removed this set (before the run).
        changed(): the user changed the set's parameters.
        stop_requested(): stop this reply.
        keep_requested(bool): keep this reply; True: discard the others, False: keep all, show this one.
        link_activated(QUrl): a safe link in the reply was clicked.
    """

    remove_requested = Signal()
    changed = Signal()
    stop_requested = Signal()
    keep_requested = Signal(bool)
    link_activated = Signal(QUrl)

    def __init__(self, context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareColumn")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(220)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove this parameter set"))
        self.remove_button.setAccessibleName(self.tr("Remove this parameter set"))
        self.remove_button.clicked.connect(self.remove_requested)
        self.section = CollapsibleSection(self.tr("Parameters"), self)
        self.editor = ParameterSetEditor(self.section.content)
        self.section.body.addWidget(self.editor)
        self.problems = ProblemNote(self)
        self.pane = ReplyPane(context, self)
        self.pane.link_activated.connect(self.link_activated)
        self.pane.hide()
        self.state = QLabel(self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # error messages are server text
        self.state.setWordWrap(True)
        self.state.hide()
        self.figures = QLabel(self)
        self.figures.setObjectName("compareFigures")
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures.hide()
        make_small(self.figures)
        set_muted(self.figures, context.colors)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setToolTip(self.tr("Stop this reply; what arrived is kept"))
        self.stop_button.clicked.connect(self.stop_requested)
        self.keep_button = QToolButton(self)
        self.keep_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.keep_only_action = self._keep_action(
            self.tr("Keep This"),
            self.tr(
                "Keep this reply in the conversation and discard the others; "
                "the conversation goes on with this set's parameters"
            ),
            True,
        )
        self.keep_all_action = self._keep_action(
            self.tr("Keep All, Show This"),
            self.tr(
                "Keep every reply as a branch of the conversation and show this one; "
                "the conversation goes on with this set's parameters"
            ),
            False,
        )
        menu = QMenu(self.keep_button)
        menu.addAction(self.keep_only_action)
        menu.addAction(self.keep_all_action)
        self.keep_button.setMenu(menu)
        self.keep_button.setDefaultAction(self.keep_only_action)
        self.keep_button.setEnabled(False)
        self.actions_row = QWidget(self)
        actions = QHBoxLayout(self.actions_row)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.stop_button)
        actions.addStretch(1)
        actions.addWidget(self.keep_button)
        self.actions_row.hide()

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.S, Space.S, Space.S, Space.S)
        layout.setSpacing(Space.XS)
        layout.addLayout(head)
        self.section_scroll = _FittingScrollArea(self.section, self)
        layout.addWidget(self.section_scroll)
        layout.addWidget(self.problems)
        layout.addWidget(self.pane, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.figures)
        layout.addWidget(self.actions_row)
        self.placeholder = QLabel(self.tr("The reply appears here."), self)  # the height before the run
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.placeholder, 1)
        self.editor.changed.connect(self._on_changed)

    def set_number(self, number: int) -> None:
        self.title.setText(self.tr("Set {n}").format(n=number))
        self.section_scroll.setAccessibleName(self.tr("Set {n} parameters").format(n=number))
        self.pane.setAccessibleName(self.tr("Set {n} reply").format(n=number))

    def set_context(self, context: BlockContext) -> None:
        """New colours (theme change) for the reply and its figures."""
        self.pane.set_context(context)
        set_muted(self.figures, context.colors)

    def set_models(self, models: Sequence[ModelInfo]) -> None:
        self.editor.set_models(models)
        self.section.set_summary(self.editor.summary())

    def set_params(self, params: Mapping[str, Any]) -> None:
        self.editor.set_params(params)
        self.section.set_summary(self.editor.summary())

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """The problems ``check`` found in this set (blocking ones in red)."""
        messages: list[tuple[str, Severity]] = []
        for problem in self.editor.show_problems(problems):
            severity: Severity = "error" if problem.blocking else "warning"
            message = (problem_text(problem), severity)
            if message not in messages:  # one rule may name two fields with one sentence
                messages.append(message)
        self.problems.show_messages(messages)
        choice = self.editor.sampling_choice.note  # the temperature / top_p warning, shown with its choice
        severities = [s for s in (self.problems.severity, choice.severity) if s is not None]
        self.section.set_severity(worst(severities), "\n".join(t for t in (self.problems.text(), choice.text()) if t))

    def start_running(self) -> None:
        """The run started (or started again: the previous reply makes way): the parameters fold away
        (read-only), the reply takes the column."""
        self.clear_reply()
        self.remove_button.hide()
        self.editor.set_read_only(True)
        self.section.set_summary(self.editor.summary())
        self.section.set_expanded(False)
        self.placeholder.hide()
        self.pane.show()
        self.figures.show()
        self.actions_row.show()
        self.stop_button.setEnabled(True)
        self.keep_button.setEnabled(True)
        self.state.setText(self.tr("Waiting for the first words…"))
        self.state.show()

    def clear_reply(self) -> None:
        """Nothing shown of a reply (its replies were discarded)."""
        self.pane.show_content([], streaming=False)
        self.figures.clear()
        self.state.clear()
        self.state.hide()
        self.stop_button.setEnabled(False)
        self.keep_button.setEnabled(False)

    def choice_label(self) -> str:
        """The set and the start of its reply, to say which reply is which in a question."""
        words = " ".join(self.pane.markdown().split())
        if len(words) > _LABEL_WORDS:
            words = words[: _LABEL_WORDS - 1].rstrip() + "…"
        reply = words or self.state.text() or self.tr("no reply")
        return self.tr("{set} ({summary}): {reply}").format(
            set=self.title.text(), summary=self.editor.summary(), reply=reply
        )

    def show_partial(self, partial: Mapping[str, Any]) -> None:
        content = partial.get("content")
        self.pane.show_content(
            content if isinstance(content, list) else [], streaming=True, output_schema=self._output_schema()
        )
        if content:
            self.state.hide()

    def show_final(self, message: Message) -> None:
        """The reply ended (complete, stopped, failed): its final content and how it ended."""
        self.pane.show_content(message.content, streaming=False, output_schema=self._output_schema())
        self.stop_button.setEnabled(False)
        note = _ending(message)
        self.state.setText(note)
        self.state.setVisible(bool(note))

    def show_figures(self, figures: ReplyFigures) -> None:
        self.figures.setText(format_figures(figures))

    def _output_schema(self) -> dict[str, Any] | None:
        schema = self.editor.params().get("output_format")
        return schema if isinstance(schema, dict) else None

    def _keep_action(self, text: str, tip: str, discard_others: bool) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda: self.keep_requested.emit(discard_others))
        return action

    def _on_changed(self) -> None:
        self.section.set_summary(self.editor.summary())
        self.changed.emit()


class CompareWindow(QWidget):
    """The compare window (a window of its own, not modal: the main window stays usable).

    Signals:
        run_requested(str, object): the prompt and the list of parameter sets (2 to 4 whole parameter dicts, none
            with a blocking problem).
        stop_requested(int): stop the reply of the set at this index.
        stop_all_requested(): stop every reply.
        keep_requested(int, bool): keep the reply of this set; True: discard the others.
        link_activated(QUrl): a safe link in a reply was clicked.
        close_requested(): the user closes the window with replies nobody chose yet: what to keep is asked
            first (`close_decided` then closes it; nothing keeps it open).
        closed(): the window was closed.
    """

    run_requested = Signal(str, object)  # not list: Qt would sort the keys of the dicts in it (see ParametersPanel)
    stop_requested = Signal(int)
    stop_all_requested = Signal()
    keep_requested = Signal(int, bool)
    link_activated = Signal(QUrl)
    close_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        prompt: str,
        params: Mapping[str, Any],
        models: Sequence[ModelInfo],
        parent: QWidget | None = None,
        *,
        theme: Theme = LIGHT,
        api_version: str = DEFAULT_API_VERSION,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareWindow")
        self.setWindowTitle(self.tr("Compare Parameters — Samtal"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        resize_to_fit(self, 1180, 760)
        self._context = BlockContext(TranscriptColors.from_theme(theme), translated_labels())
        self._models = list(models)
        self._running = False
        self._undecided = False  # replies are shown that nobody chose to keep or discard yet
        self._asking = False  # closing waits for `close_requested` to be answered
        self._api_version = api_version
        self.columns: list[CompareColumn] = []

        self.prompt = QPlainTextEdit(self)
        self.prompt.setPlaceholderText(self.tr("The message to send with every parameter set"))
        self.prompt.setAccessibleName(self.tr("Prompt"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setPlainText(prompt)
        self.prompt.setFixedHeight(self.prompt.fontMetrics().lineSpacing() * 4 + 2 * self.prompt.frameWidth() + 8)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.add_button = QPushButton(self.tr("Add Set"), self)
        self.add_button.setToolTip(self.tr("Compare one more parameter set (at most {n})").format(n=MAX_SETS))
        self.message = ProblemNote(self)
        self.stop_all_button = QPushButton(self.tr("Stop All"), self)
        self.stop_all_button.setToolTip(self.tr("Stop every reply (Esc); what arrived is kept"))
        self.stop_all_button.setEnabled(False)
        self.run_button = QPushButton(self.tr("Run"), self)
        self.run_button.setDefault(True)
        self.run_button.setToolTip(self.tr("Send the prompt with every parameter set at once (Ctrl+Enter)"))

        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.message, 1)
        bottom.addStretch()  # the buttons keep their size while the message line is hidden
        bottom.addWidget(self.stop_all_button)
        bottom.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        self.add_button.clicked.connect(lambda: self.add_set())
        self.run_button.clicked.connect(self.run)
        self.stop_all_button.clicked.connect(self.stop_all_requested)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            run = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WindowShortcut)
            run.activated.connect(self.run)
        stop = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WindowShortcut)
        stop.activated.connect(self._on_escape)

        for _ in range(MIN_SETS):
            self.add_set(params)

    # --- sets ---

    def add_set(self, params: Mapping[str, Any] | None = None) -> CompareColumn | None:
        """Add a column for a parameter set (default: a copy of the last one). None when there are MAX_SETS."""
        if len(self.columns) >= MAX_SETS or self._running:
            return None
        column = CompareColumn(self._context, self.splitter)
        column.editor.set_api_version(self._api_version)
        column.set_models(self._models)
        column.set_params(params if params is not None else self.columns[-1].editor.params())
        column.remove_requested.connect(lambda: self.remove_set(self.columns.index(column)))
        column.changed.connect(lambda: self._check(column))
        column.stop_requested.connect(lambda: self.stop_requested.emit(self.columns.index(column)))
        column.keep_requested.connect(lambda discard: self.keep_requested.emit(self.columns.index(column), discard))
        column.link_activated.connect(self.link_activated)
        self.splitter.addWidget(column)
        self.columns.append(column)
        self._check(column)
        self._renumber()
        return column

    def remove_set(self, index: int) -> None:
        """Remove a parameter set (never below MIN_SETS, never once the run started)."""
        if len(self.columns) <= MIN_SETS or self._running:
            return
        column = self.columns.pop(index)
        column.hide()
        column.setParent(None)
        column.deleteLater()
        self._renumber()

    def set_theme(self, theme: Theme) -> None:
        """Show the replies in ``theme``'s colours (the transcript's), also the ones already there."""
        self._context = replace(self._context, colors=TranscriptColors.from_theme(theme))
        for column in self.columns:
            column.set_context(self._context)

    def set_models(self, models: Sequence[ModelInfo]) -> None:
        self._models = list(models)
        for column in self.columns:
            column.set_models(self._models)
            self._check(column)

    def set_api_version(self, api_version: str) -> None:
        """The ``anthropic-version`` of the connection in use: every set's rules follow it."""
        self._api_version = api_version
        for column in self.columns:
            column.editor.set_api_version(api_version)
            self._check(column)

    def focus_prompt(self) -> None:
        """Put the keyboard focus in the prompt (the first thing to write)."""
        self.prompt.setFocus()

    def parameter_sets(self) -> list[dict[str, Any]]:
        return [column.editor.params() for column in self.columns]

    # --- running ---

    @property
    def running(self) -> bool:
        """Whether the run started (the window then shows its replies until it closes)."""
        return self._running

    def run(self) -> None:
        """Ask for the run (again, once it ran: the same sets with the prompt as it is now), or say why not
        (an empty prompt, a set with a blocking problem)."""
        if not self.run_button.isEnabled():
            return
        if not self.prompt.toPlainText().strip():
            self.show_message(self.tr("Write the message to send first."))
            return
        for number, column in enumerate(self.columns, start=1):
            blocking = [problem_text(p) for p in self._check(column) if p.blocking]
            if blocking:
                self.show_message(self.tr("Set {n}: {problem}").format(n=number, problem=" ".join(blocking)))
                return
        self.show_message("")
        self.run_button.setEnabled(False)  # until the run starts (`start_running`) or is refused (`refuse`)
        self.run_requested.emit(self.prompt.toPlainText(), self.parameter_sets())

    def refuse(self, text: str) -> None:
        """The run asked for did not start: why, and Run is offered again."""
        self.show_message(text)
        self.run_button.setEnabled(True)

    def show_message(self, text: str, severity: Severity = "error") -> None:
        """A line next to the buttons (why Run was refused, what to do next); "" hides it."""
        self.message.show_messages([(text, severity)] if text else [])

    def start_running(self) -> None:
        """The replies started (again: they replace those shown): lock the sets and show the replies."""
        self._running = True
        self._undecided = True
        self.add_button.setEnabled(False)
        self.run_button.setEnabled(True)
        self.run_button.setText(self.tr("Run Again"))
        self.run_button.setToolTip(
            self.tr("Send the prompt as it is now with the same parameter sets; new replies replace these (Ctrl+Enter)")
        )
        self.stop_all_button.setEnabled(True)
        for column in self.columns:
            column.start_running()
        self.show_message(
            self.tr(
                "Keep This keeps one reply and goes on with its set's parameters. "
                "Edit the prompt to run it again; closing asks which replies to keep."
            ),
            "note",
        )

    def clear_replies(self) -> None:
        """The replies shown were discarded and no new ones came (running again was refused)."""
        self._undecided = False
        for column in self.columns:
            column.clear_reply()
        self.stop_all_button.setEnabled(False)

    def choice_labels(self) -> list[str]:
        """Each set's reply in a few words (its set, the start of its text), in the order of the sets."""
        return [column.choice_label() for column in self.columns]

    def close_decided(self) -> None:
        """Close without asking: what to keep is decided."""
        self._undecided = False
        if not self._asking:  # else the close being asked about goes on
            self.close()

    def show_partial(self, index: int, partial: Mapping[str, Any]) -> None:
        self.columns[index].show_partial(partial)

    def show_final(self, index: int, message: Message) -> None:
        self.columns[index].show_final(message)
        if all(not column.stop_button.isEnabled() for column in self.columns):
            self.stop_all_button.setEnabled(False)

    def show_figures(self, index: int, figures: ReplyFigures) -> None:
        self.columns[index].show_figures(figures)

    # --- internals ---

    def _check(self, column: CompareColumn) -> list[Problem]:
        problems = check(column.editor.params(), column.editor.model_info(), api_version=self._api_version)
        column.show_problems(problems)
        return problems

    def _renumber(self) -> None:
        for number, column in enumerate(self.columns, start=1):
            column.set_number(number)
            column.remove_button.setEnabled(len(self.columns) > MIN_SETS)
        self.add_button.setEnabled(len(self.columns) < MAX_SETS and not self._running)

    def _on_escape(self) -> None:
        if self.stop_all_button.isEnabled():
            self.stop_all_requested.emit()
        else:  # nothing to stop: Esc closes the window, as it does a dialog (asking what to keep)
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._undecided:
            self._asking = True
            try:
                self.close_requested.emit()  # `close_decided` lets this close go on
            finally:
                self._asking = False
            if self._undecided:
                event.ignore()
                return
        self.closed.emit()
        super().closeEvent(event)


def format_figures(figures: ReplyFigures) -> str:
    """The figures under a reply: tokens and cost on one line, time to first token, speed and time on the next."""
    tokens: list[str] = []
    if figures.input_tokens is not None:
        tokens.append(_tr("in {n}").format(n=format_number(figures.input_tokens)))
    if figures.output_tokens is not None:
        count = format_number(figures.output_tokens)
        tokens.append(_tr("out ~{n}").format(n=count) if figures.output_estimated else _tr("out {n}").format(n=count))
    if figures.cost is not None:
        cost = format_usd(figures.cost.usd)
        tokens.append(_tr("{cost} (reported)").format(cost=cost) if figures.cost.reported else cost)
    timing: list[str] = []
    if figures.time_to_first_token is not None:
        timing.append(_tr("first token {s} s").format(s=format_number(figures.time_to_first_token, 2)))
    if figures.tokens_per_second is not None:
        speed = _tr("{r} tok/s").format(r=format_number(figures.tokens_per_second, 1))
        timing.append("~" + speed if figures.status == STREAMING else speed)
    if figures.elapsed is not None:
        timing.append(_tr("{s} s").format(s=format_number(figures.elapsed, 1)))
    return "\n".join(" · ".join(line) for line in (tokens, timing) if line)


def _ending(message: Message) -> str:
    """How a finished reply ended, when that is worth saying ("" for a complete answer)."""
    error = message.error
    if message.status == "error":
        return _tr("Failed: {message}").format(message=error.message if error else _tr("unknown error"))
    if message.status == "interrupted":
        return _tr("Interrupted: {message}").format(message=error.message if error else _tr("the connection ended"))
    if message.status == "stopped":
        return _tr("Stopped.")
    if message.declined:
        reason = refusal_reason(message.stop_details)
        return _tr("Declined: {reason}").format(reason=reason) if reason else _tr("Declined.")
    if message.stop_reason == "max_tokens":
        return _tr("Reached max_tokens.")
    if message.stop_reason == CONTEXT_FULL:
        return _tr("The context window is full.")
    return ""


def _thinking_budget(thinking: Any) -> int | None:
    """The budget of extended thinking when it is on with one, else None."""
    if not isinstance(thinking, Mapping) or thinking.get("type") != "enabled":
        return None
    budget = thinking.get("budget_tokens")
    return budget if isinstance(budget, int) and not isinstance(budget, bool) else MIN_THINKING_BUDGET


def _system_text(system: Any) -> str:
    """The text of a system prompt given as content blocks."""
    if not isinstance(system, list):
        return ""
    return "\n\n".join(str(b.get("text", "")) for b in system if isinstance(b, Mapping) and b.get("type") == "text")
