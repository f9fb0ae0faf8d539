"""The parameters panel: the request parameters of the conversation on screen.

Sections (each folds away; the header says in a few words what it holds and carries a badge when a field
inside has a problem; Web and Advanced start folded, and their fields are made when first unfolded: until then
the panel keeps their values, so loading, checking and reporting them needs no widget):

- Model: the model (from the provider's list, free text allowed) with its limits, and the system prompt;
  a deprecated or retired model offers its line's current model in one click.
- Sampling: temperature, top_p and top_k, each with an enable box (a disabled parameter is not sent),
  and, for models that refuse temperature and top_p together, which of the two is sent. On a model that
  sets its own sampling (Opus 4.7 and later, or any model under API version 2026-10-21) they are greyed
  out with the reason, and a value saved with the conversation is said not to be sent.
- Output: max_tokens, stop sequences, streaming, and structured output (a JSON Schema, edited in a window of
  its own, for models that take one).
- Reasoning: the effort levels the model takes, and extended thinking (off, adaptive, or with a
  budget of 1,024 up to max_tokens - 1, as the model takes it) with how the thinking is shown.
- Tools: the tool definitions (edited as JSON in a window of their own) and tool_choice.
- Web: web search and web fetch (server tools), each with its most uses and the domains it may use.
- Cost: automatic prompt caching (5 minutes or 1 hour) and the service tier.
- Advanced: metadata.user_id.

What each control offers comes from `app.api.params.rules_for` (the model, the provider's list and the
connection's API version, `set_api_version`): nothing here knows a level, a default or a rule. Every change
is checked at once with `app.api.params.check`: each problem is shown under the field it is about (blocking
ones in red, warnings in amber), so a request the API would refuse is seen before it is sent. After the API
refused one anyway, its message is shown next to the parameter it names until that value changes
(`show_api_error`).

Values belong to the conversation; the panel only shows them and reports changes (`params_changed`), the
root stores them. A presets bar at the top applies, saves and manages named parameter sets (`presets`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api import ModelInfo
from app.api.params import (
    API_PARAMS,
    DEFAULT_EFFORT,
    DEFAULT_MAX_TOKENS,
    DEFAULT_THINKING_BUDGET,
    MAX_TOKENS_LIMIT,
    MIN_THINKING_BUDGET,
    SAMTAL_PARAMS,
    SERVICE_TIERS,
    Control,
    ModelRules,
    Problem,
    check,
    rules_for,
)
from app.api.providers import DEFAULT_API_VERSION
from app.language import format_number
from app.ui.collapsible_section import CollapsibleSection
from app.ui.design import Space
from app.ui.form_controls import wheel_only_when_focused
from app.ui.model_picker import ModelPicker
from app.ui.param_choices import (
    CACHE_OFF,
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
from app.ui.presets_bar import PresetsBar
from app.ui.problem_note import ProblemNote, Severity, worst
from app.ui.problem_words import problem_text
from app.ui.quick_controls import QuickChoices
from app.ui.rule_words import reason_text, why_not
from app.ui.sampling_choice import SamplingChoice
from app.ui.segmented import SegmentedControl
from app.ui.slider_spin import SliderSpin
from app.ui.stop_sequences_editor import StopSequencesEditor
from app.ui.tool_choice_editor import ToolChoiceEditor
from app.ui.web_tool_options import WebToolOptions, shown_options

if TYPE_CHECKING:  # the dialogs are imported when first opened
    from app.ui.output_schema_editor import OutputSchemaDialog
    from app.ui.system_prompt_dialog import SystemPromptDialog
    from app.ui.tools_editor import ToolsDialog

__all__ = ["MAX_TOKENS_LIMIT", "MIN_WIDTH", "TEXT_DEBOUNCE_MS", "ParametersPanel"]

TEXT_DEBOUNCE_MS = 400
MIN_WIDTH = 240  # or what its fields need, if more

# The panel has a field for every parameter; any other key is kept as it came (a newer version's, say).
_SHOWN_KEYS = API_PARAMS | SAMTAL_PARAMS
# Sections folded when the panel opens: their fields are made when first unfolded (or asked for), and until
# then their values are kept here (params key -> section).
_FOLDED = ("web", "advanced")
_FOLDED_FIELDS = {"web_search": "web", "web_fetch": "web", "metadata_user_id": "advanced"}
# The rule (`ModelRules.why_not`) that keeps each thinking mode from a model.
_THINKING_RULES: dict[str, Control] = {"off": "thinking_off", "adaptive": "adaptive", "budget": "budget"}


def _secondary(label: QLabel) -> QLabel:
    """A hint in the palette's secondary text colour, wrapped."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


def _text(value: Any) -> str | None:
    """``value`` when it is text, else None."""
    return value if isinstance(value, str) else None


class ParametersPanel(QWidget):
    """The request parameters of one conversation.

    Params keys: ``model``, ``max_tokens``, ``system``, ``temperature``, ``top_p``, ``top_k``,
    ``stop_sequences``, ``metadata_user_id``, ``tools``, ``tool_choice``, ``thinking`` (the API's dict:
    enabled with a budget, adaptive or disabled, with an optional display), ``effort``, ``output_format``,
    ``cache_ttl``, ``web_search``, ``web_fetch``, ``service_tier``, and Samtal's ``stream`` (present only
    as False) and ``sampling_preference``; unset ones are absent, unknown ones are kept as they came. A value
    the panel shows as the API's default (effort high, service tier auto) is not set until the user picks it.

    Signals:
        params_changed(object): the user changed something; the whole parameter dict (unset ones absent).
        refresh_models_requested(): the user asked for the provider's model list again.
        choices_shown(): what the composer's quick controls show may have changed (`quick_choices`).
    """

    # object, not dict: Qt would pass a dict as a QVariantMap, sorting every key (a tool's schema properties too,
    # whose order the model sees and follows) alphabetically.
    params_changed = Signal(object)
    refresh_models_requested = Signal()
    choices_shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parametersPanel")
        self._loading = False
        self._extra: dict[str, Any] = {}  # parameters this panel has no field for: kept as they are
        self._tools: list[dict[str, Any]] | None = None
        self._sampling_preference: str | None = None
        self._effort: str | None = None  # None: the API's default, shown chosen but not sent
        self._thinking_disabled = False  # loaded as {"type": "disabled"}: kept until thinking is changed
        self._output_format: dict[str, Any] | None = None
        self._cache_ttl: str | None = None
        self._service_tier: str | None = None
        # The folded sections' values while their fields are not made yet (`_build_section`).
        self._folded_values: dict[str, Any] = {"web_search": None, "web_fetch": None, "metadata_user_id": ""}
        self._web_editors: dict[str, WebToolOptions] = {}
        self._user_id: QLineEdit | None = None
        self._api_version = DEFAULT_API_VERSION
        self._rules: ModelRules = rules_for("", self._api_version)
        self._api_error: tuple[str, str, Any] | None = None  # (field, message, the field's value then)
        self._problems: list[Problem] = []
        self.tools_dialog: ToolsDialog | None = None  # built when first opened
        self.schema_dialog: OutputSchemaDialog | None = None  # built when first opened
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
        head.setSpacing(Space.S)
        head.addWidget(title)
        head.addStretch(1)
        self.notes[""] = ProblemNote(self)

        self.sections: dict[str, CollapsibleSection] = {}
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, Space.XS, 0)
        column.setSpacing(Space.HAIR)
        self._section_of: dict[str, str] = dict(_FOLDED_FIELDS)
        for key, text in (
            ("model", self.tr("Model")),
            ("sampling", self.tr("Sampling")),
            ("output", self.tr("Output")),
            ("thinking", self.tr("Reasoning")),
            ("tools", self.tr("Tools")),
            ("web", self.tr("Web")),
            ("cost", self.tr("Cost")),
            ("advanced", self.tr("Advanced")),
        ):
            section = CollapsibleSection(text, body, expanded=key not in _FOLDED)
            self.sections[key] = section
            column.addWidget(section)
        column.addStretch(1)
        self._build_model_section()
        self._build_sampling_section()
        self._build_output_section()
        self._build_thinking_section()
        self._build_tools_section()
        self._build_cost_section()
        # A folded section's fields wait until it is unfolded: nothing on the first frame needs them.
        self._built: set[str] = set()
        for key in _FOLDED:
            self.sections[key].expanded_changed.connect(lambda _on, key=key: self._build_section(key))

        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Parameters"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        body.installEventFilter(self)  # its minimum width is the panel's (see minimumSizeHint)
        self.scroll_area = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(Space.S, Space.S, Space.S, Space.S)
        outer.setSpacing(Space.S)
        outer.addLayout(head)
        outer.addWidget(self.presets)  # a row of its own: a preset's name is shown whole
        outer.addWidget(self.notes[""])
        outer.addWidget(scroll, 1)
        self._order_tabs()
        # The rules and the check run when parameters are first loaded (`set_params`, `set_models`...) or, for a
        # panel shown with nothing loaded, when shown: at start-up the conversation's parameters come before
        # the first frame, and checking the defaults here too would check twice.
        self._checked = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._checked:
            self._apply_rules()
            self._refresh(self.params())
        super().showEvent(event)

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
        made before they are moved into their sections, so Tab took every header first, then every field.)
        Every segment of a segmented control keeps its place, whichever of them takes Tab at the moment."""
        # One walk of the focus chain, each field filed under its section (a walk per section cost ~10 ms at
        # start-up: the chain holds every widget of the panel).
        fields: dict[QWidget, list[QWidget]] = {section.content: [] for section in self.sections.values()}
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            if (takes_tab or isinstance(widget.parentWidget(), SegmentedControl)) and widget.focusProxy() is None:
                ancestor = widget.parentWidget()
                while ancestor is not None and ancestor not in fields:
                    ancestor = ancestor.parentWidget()
                if ancestor is not None:
                    fields[ancestor].append(widget)
            widget = widget.nextInFocusChain()
        chain: list[QWidget] = []
        for section in self.sections.values():
            chain.append(section.header)
            chain.extend(fields[section.content])
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _field(self, section: str, key: str, title: QWidget | QLayout | None, field: QWidget | QLayout) -> None:
        """Add a field to a section: its title above it, the note for its problems under it."""
        block = QVBoxLayout()
        block.setSpacing(Space.XS)
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

    def _segmented(
        self, name: str, options: Sequence[tuple[str, str, str]], chosen: Callable[[str], None]
    ) -> SegmentedControl:
        control = SegmentedControl(name, self)
        control.set_options(options)
        control.chosen.connect(chosen)
        return control

    def _build_model_section(self) -> None:
        self.model = ModelPicker(self)
        self.refresh = QToolButton(self)
        self.refresh.setText("⟳")
        self.refresh.setToolTip(self.tr("Fetch the provider's model list again"))
        self.refresh.setAccessibleName(self.tr("Refresh models"))
        self.model_limits = _secondary(QLabel(self))
        self.model_limits.setObjectName("modelLimits")
        self.model_limits.setTextFormat(Qt.TextFormat.PlainText)  # the provider's model ids and names
        # A deprecated or retired model: its line's current model, one click away.
        self.model_switch = QPushButton(self)
        self.model_switch.setObjectName("modelSwitch")
        self.model_switch.setAutoDefault(False)
        self.model_switch.hide()
        model_row = QHBoxLayout()
        model_row.setSpacing(Space.XS)
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.refresh)
        model_block = QVBoxLayout()
        model_block.setSpacing(Space.HAIR)
        model_block.addLayout(model_row)
        model_block.addWidget(self.model_limits)
        self._field("model", "model", None, model_block)
        self.sections["model"].body.addWidget(self.model_switch)

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
        self.model_switch.clicked.connect(self._switch_to_successor)
        self.system.textChanged.connect(self._on_text_edited)
        self.expand_system.clicked.connect(self.open_system_dialog)

    def _build_sampling_section(self) -> None:
        # Why the sampling parameters are greyed out, for a model that sets its own.
        note = ProblemNote(self)
        self.sections["sampling"].body.addWidget(note)
        self.notes["sampling"] = note
        self._section_of["sampling"] = "sampling"
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

        schema_title = QLabel(self.tr("Structured output"), self)
        schema_title.setToolTip(self.tr("The reply is JSON that follows a JSON Schema, checked when it arrives."))
        self.schema_button = QPushButton(self)
        self.schema_button.setAutoDefault(False)
        self.schema_clear = QToolButton(self)
        self.schema_clear.setText("✕")
        self.schema_clear.setAutoRaise(True)
        self.schema_clear.setToolTip(self.tr("Remove the output schema: the reply is free text again"))
        self.schema_clear.setAccessibleName(self.tr("Remove the output schema"))
        schema_row = QHBoxLayout()
        schema_row.setSpacing(Space.XS)
        schema_row.addWidget(self.schema_button, 1)
        schema_row.addWidget(self.schema_clear)
        self._field("output", "output_format", schema_title, schema_row)
        self.schema_button.clicked.connect(self.open_schema_editor)
        self.schema_clear.clicked.connect(lambda: self._on_schema_edited(None))

    def _build_thinking_section(self) -> None:
        self.effort_title = QLabel(self.tr("Effort"), self)
        self.effort_title.setToolTip(
            self.tr("How much the model thinks and writes (output_config.effort); without one, it works as at high.")
        )
        self.effort = self._segmented(
            self.tr("Effort"),
            effort_options(),
            self._on_effort_chosen,
        )
        self._field("thinking", "effort", self.effort_title, self.effort)

        thinking_title = QLabel(self.tr("Extended thinking"), self)
        thinking_title.setToolTip(self.tr("The model reasons step by step before it answers."))
        self.thinking_mode = self._segmented(
            self.tr("Extended thinking"),
            thinking_mode_options(),
            self._on_thinking_chosen,
        )
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
        self.thinking_display = QComboBox(self)
        self.thinking_display.setAccessibleName(self.tr("How the thinking is shown"))
        self.thinking_display.setToolTip(
            self.tr("Summarized: the reply shows a summary of the thinking. Omitted: the thinking is withheld.")
        )
        for display, label, description in thinking_display_options():
            self.thinking_display.addItem(label, display)
            self.thinking_display.setItemData(
                self.thinking_display.count() - 1, description, Qt.ItemDataRole.ToolTipRole
            )
        wheel_only_when_focused(self.thinking_display)
        self.display_title = QLabel(self.tr("Thinking shown"), self)
        display_row = QHBoxLayout()
        display_row.setSpacing(Space.S)
        display_row.addWidget(self.display_title)
        display_row.addWidget(self.thinking_display, 1)
        block = QVBoxLayout()
        block.setSpacing(Space.XS)
        block.addWidget(self.thinking_mode)
        block.addWidget(self.budget.title)
        block.addWidget(self.budget)
        block.addLayout(display_row)
        self._field("thinking", "thinking", thinking_title, block)
        self.budget.changed.connect(self._emit)
        self.thinking_display.currentIndexChanged.connect(lambda _index: self._emit())

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

    def _build_section(self, key: str) -> None:
        """Make a folded section's fields (once), showing the values kept for them meanwhile."""
        if key in self._built:
            return
        self._built.add(key)
        loading, self._loading = self._loading, True
        try:
            if key == "web":
                self._build_web_section()
            else:
                self._build_advanced_section()
        finally:
            self._loading = loading
        self._order_tabs()
        self._refresh(self.params())

    @property
    def web_search(self) -> WebToolOptions:
        """The web search field (made with its section, when first unfolded or asked for)."""
        self._build_section("web")
        return self._web_editors["web_search"]

    @property
    def web_fetch(self) -> WebToolOptions:
        """The web fetch field (made with its section, when first unfolded or asked for)."""
        self._build_section("web")
        return self._web_editors["web_fetch"]

    @property
    def user_id(self) -> QLineEdit:
        """The metadata.user_id field (made with its section, when first unfolded or asked for)."""
        self._build_section("advanced")
        assert self._user_id is not None
        return self._user_id

    def _build_web_section(self) -> None:
        search = WebToolOptions(self.tr("Web search"), fetch=False, parent=self)
        search.enable.setToolTip(self.tr("The model may search the web; each search is billed."))
        fetch = WebToolOptions(self.tr("Web fetch"), fetch=True, parent=self)
        fetch.enable.setToolTip(self.tr("The model may read a web page whose address it was given or found."))
        for key, editor in (("web_search", search), ("web_fetch", fetch)):
            self._web_editors[key] = editor
            self._field("web", key, editor.enable, editor)
            editor.set_value(self._folded_values[key])
            editor.changed.connect(self._emit)
        self._refuse_web_tools()

    def _build_cost_section(self) -> None:
        cache_title = QLabel(self.tr("Prompt caching"), self)
        cache_title.setToolTip(
            self.tr("The conversation so far is cached, so that the next request reads it for a tenth of the price.")
        )
        self.cache = self._segmented(
            self.tr("Prompt caching"),
            cache_options(),
            self._on_cache_chosen,
        )
        self._field("cost", "cache_ttl", cache_title, self.cache)

        tier_title = QLabel(self.tr("Service tier"), self)
        self.service_tier = self._segmented(
            self.tr("Service tier"),
            service_tier_options(),
            self._on_service_tier_chosen,
        )
        self._field("cost", "service_tier", tier_title, self.service_tier)

    def _build_advanced_section(self) -> None:
        user_id = self._user_id = QLineEdit(self)
        user_id.setPlaceholderText(self.tr("e.g. a UUID or a hash"))
        user_id.setAccessibleName(self.tr("metadata.user_id"))
        user_id.setToolTip(self.tr("Sent as metadata.user_id: helps the provider detect abuse per end user."))
        user_id.setText(self._folded_values["metadata_user_id"])
        user_block = QVBoxLayout()
        user_block.setSpacing(Space.HAIR)
        user_block.addWidget(user_id)
        user_block.addWidget(_secondary(QLabel(self.tr("An opaque id — no personal data."), self)))
        self._field("advanced", "metadata_user_id", QLabel(self.tr("User id (metadata.user_id)"), self), user_block)
        user_id.textEdited.connect(lambda _t: self._on_text_edited())
        user_id.editingFinished.connect(self.flush)

    # --- models and rules ---

    def set_models(self, models: Sequence[ModelInfo]) -> None:
        """Fill the model picker (the current text is kept, even when it is not in the list)."""
        self.model.set_models(models)
        self._show_limits()
        self._refresh(self.params())

    def set_api_version(self, api_version: str) -> None:
        """The ``anthropic-version`` the connection sends: the rules follow it (2026-10-21 takes no sampling)."""
        if api_version != self._api_version:
            self._api_version = api_version
            self._apply_rules()
            self._refresh(self.params())

    @property
    def api_version(self) -> str:
        return self._api_version

    def rules(self) -> ModelRules:
        """What the model shown takes under the connection's API version (`app.api.params.rules_for`)."""
        return self._rules

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
        self._apply_rules()

    def _apply_rules(self) -> None:
        """Offer what the model takes, and grey out (with the reason) what it doesn't; a value it doesn't
        take stays shown, and the check says it is not sent."""
        rules = self._rules = rules_for(self.model_id(), self._api_version, self.model_info())
        for row in (self.temperature, self.top_p, self.top_k):
            row.set_refused(not rules.sampling)
        has_effort = bool(rules.effort_levels)
        self.effort_title.setVisible(has_effort)
        self.effort.setVisible(has_effort)
        self.effort.restrict(rules.effort_levels, lambda level: why_not(rules, "effort", level))
        self._show_effort()
        self.thinking_mode.restrict(
            [mode for mode in _THINKING_RULES if mode in rules.thinking_modes],
            lambda mode: why_not(rules, _THINKING_RULES[mode]),
        )
        self.thinking_mode.setEnabled(rules.thinking or self.thinking_mode.value() not in (None, "off"))
        self._show_thinking_parts()
        schema_reason = why_not(rules, "output_format")
        self.schema_button.setEnabled(not schema_reason or self._output_format is not None)
        self.schema_button.setToolTip(schema_reason or self.tr("Edit the JSON Schema the reply follows"))
        self._refuse_web_tools()
        self._show_successor(rules)

    def _refuse_web_tools(self) -> None:
        """Grey out the web tools the model can't use, with the reason (once their fields are made)."""
        if self._web_editors:
            self._web_editors["web_search"].set_refused(why_not(self._rules, "web_search"))
            self._web_editors["web_fetch"].set_refused(why_not(self._rules, "web_fetch"))

    def _show_successor(self, rules: ModelRules) -> None:
        """Offer the current model of the line when the one shown is deprecated or retired."""
        successor = rules.successor
        lifecycle = rules.lifecycle
        wanted = successor is not None and lifecycle is not None and lifecycle.status != "active"
        if wanted and successor is not None:
            name = self.model.display_name(successor) or rules_for(successor).display_name
            self.model_switch.setText(self.tr("Switch to {model}").format(model=name))
            self.model_switch.setToolTip(
                self.tr("Use {model}, the current model of this line, for this conversation").format(model=successor)
            )
        self.model_switch.setVisible(wanted)

    def _show_effort(self) -> None:
        """The effort chosen, or the API's default (shown chosen, not sent) while none is."""
        levels = self._rules.effort_levels
        shown = self._effort or (DEFAULT_EFFORT if DEFAULT_EFFORT in levels else None)
        self.effort.set_value(shown)

    def _show_thinking_parts(self) -> None:
        """The budget's row while the budget is chosen; how the thinking is shown while thinking is on."""
        mode = self.thinking_mode.value() or "off"
        budget = mode == "budget"
        self.budget.title.setVisible(budget)
        self.budget.setVisible(budget)
        shown = mode != "off" and self._rules.thinking_display
        self.display_title.setVisible(shown)
        self.thinking_display.setVisible(shown)
        self._sync_budget_enabled()

    # --- values ---

    def set_params(self, params: dict[str, Any]) -> None:
        """Show a conversation's parameters without reporting them back as a change."""
        self._loading = True
        try:
            self._text_timer.stop()
            self._api_error = None
            self._effort = _text(params.get("effort"))
            output_format = params.get("output_format")
            self._output_format = output_format if isinstance(output_format, dict) else None
            self._cache_ttl = _text(params.get("cache_ttl"))
            self._service_tier = _text(params.get("service_tier"))
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
            self._set_thinking(params.get("thinking"))
            if self.schema_dialog is not None:
                self.schema_dialog.editor.set_value(self._output_format)
            self.cache.set_value(self._cache_ttl or CACHE_OFF)
            self.service_tier.set_value(self._service_tier or SERVICE_TIERS[0])
            for key in ("web_search", "web_fetch"):
                options = params.get(key)
                self._folded_values[key] = options if isinstance(options, Mapping) else None
                if key in self._web_editors:
                    self._web_editors[key].set_value(self._folded_values[key])
            tools = params.get("tools")
            self._tools = tools if isinstance(tools, list) else None
            if self.tools_dialog is not None:
                self.tools_dialog.editor.set_tools(self._tools)
            self.tool_choice.set_tool_names(self._tool_names())
            choice = params.get("tool_choice")
            self.tool_choice.set_value(choice if isinstance(choice, dict) else None)
            user_id = params.get("metadata_user_id")
            self._folded_values["metadata_user_id"] = user_id if isinstance(user_id, str) else ""
            if self._user_id is not None:
                self._user_id.setText(self._folded_values["metadata_user_id"])
            preference = params.get("sampling_preference")
            self._sampling_preference = preference if preference in ("temperature", "top_p") else None
            self._extra = {k: v for k, v in params.items() if k not in _SHOWN_KEYS}
            self._apply_rules()  # again: what is offered depends on the values now shown too
        finally:
            self._loading = False
        self._refresh(self.params(), loaded=True)

    def _set_thinking(self, thinking: Any) -> None:
        mode = thinking_mode_of(thinking)
        self._thinking_disabled = isinstance(thinking, Mapping) and thinking.get("type") == "disabled"
        self.thinking_mode.set_value(mode)
        display = thinking.get("display") if isinstance(thinking, Mapping) and mode != "off" else None
        self.thinking_display.setCurrentIndex(max(0, self.thinking_display.findData(display or "")))
        budget = thinking.get("budget_tokens") if isinstance(thinking, Mapping) and mode == "budget" else None
        if isinstance(budget, int):
            self._sync_budget_range(keep=budget)  # a stored budget out of range is shown as it is
            self.budget.set_value(budget)
        else:
            self.budget.set_value(DEFAULT_THINKING_BUDGET)  # not the last conversation's
            self._sync_budget_range()

    def quick_choices(self) -> QuickChoices:
        """What the composer's quick controls show: the model, the effort and the thinking mode shown here, what
        the model takes of them, and why not the rest."""
        rules = self._rules
        levels = tuple(rules.effort_levels)
        return QuickChoices(
            models=tuple(self.model.models()),
            model=self.model_id(),
            effort=self.effort.value() if levels else None,
            effort_levels=levels,
            effort_reasons={level: why_not(rules, "effort", level) for level, _l, _h in effort_options()},
            effort_unavailable="" if levels else why_not(rules, "effort"),
            thinking=self.thinking_mode.value() or "off",
            thinking_modes=tuple(mode for mode in _THINKING_RULES if mode in rules.thinking_modes),
            thinking_reasons={mode: why_not(rules, rule) for mode, rule in _THINKING_RULES.items()},
            thinking_unavailable="" if rules.thinking else why_not(rules, "thinking"),
        )

    def choose(self, key: str, value: str) -> None:
        """Make a choice the composer's quick controls offer (``key``: "model", "effort" or "thinking") as if it
        were made here: checked, shown and reported (`params_changed`)."""
        if key == "model":
            self._show_model(value)
            self._emit()
        elif key == "effort":
            self.effort.set_value(value)
            self._on_effort_chosen(value)
        elif key == "thinking":
            self.thinking_mode.set_value(value)
            self._on_thinking_chosen(value)

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
        if (thinking := self._thinking_value()) is not None:
            values["thinking"] = thinking
        values["effort"] = self._effort
        values["output_format"] = self._output_format
        values["cache_ttl"] = self._cache_ttl
        for key in ("web_search", "web_fetch"):
            editor = self._web_editors.get(key)
            folded = self._folded_values[key]
            values[key] = editor.value() if editor else shown_options(folded, fetch=key == "web_fetch")
        values["service_tier"] = self._service_tier
        if self._tools is not None:
            values["tools"] = self._tools
        if (choice := self.tool_choice.value()) is not None:
            values["tool_choice"] = choice
        user_id = self._user_id.text() if self._user_id is not None else self._folded_values["metadata_user_id"]
        if user_id.strip():
            values["metadata_user_id"] = user_id
        if self._sampling_preference is not None:
            values["sampling_preference"] = self._sampling_preference
        return {k: v for k, v in values.items() if v not in (None, "")}

    def _thinking_value(self) -> dict[str, Any] | None:
        mode = self.thinking_mode.value() or "off"
        if mode == "off":
            return {"type": "disabled"} if self._thinking_disabled else None
        return thinking_param(mode, int(self.budget.value() or 0), str(self.thinking_display.currentData() or ""))

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
        _bring_forward(self.tools_dialog)

    def open_schema_editor(self) -> None:
        """Show the output schema's editor window (it keeps its text, even invalid, while hidden)."""
        if self.schema_dialog is None:
            from app.ui.output_schema_editor import OutputSchemaDialog

            self.schema_dialog = OutputSchemaDialog(self.window())
            self.schema_dialog.editor.set_value(self._output_format)
            self.schema_dialog.editor.schema_changed.connect(self._on_schema_edited)
            self.schema_dialog.editor.validity_changed.connect(lambda _ok: self._refresh(self.params()))
        _bring_forward(self.schema_dialog)

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

    def _switch_to_successor(self) -> None:
        successor = self._rules.successor
        if successor:
            self._show_model(successor)
            self._emit()

    def _on_text_edited(self) -> None:
        if not self._loading:
            self._text_timer.start()

    def _on_tools_edited(self, tools: list[dict[str, Any]] | None) -> None:
        self._tools = tools
        self.tool_choice.set_tool_names(self._tool_names())
        self._emit()

    def _on_schema_edited(self, schema: dict[str, Any] | None) -> None:
        if schema is None and self.schema_dialog is not None and self.schema_dialog.editor.schema() is not None:
            self.schema_dialog.editor.set_value(None)  # removed here: the editor is emptied too
        self._output_format = schema
        self._apply_rules()
        self._emit()

    def _on_sampling_chosen(self, which: str) -> None:
        if which != self._sampling_preference:
            self._sampling_preference = which
            self._emit()

    def _on_effort_chosen(self, level: str) -> None:
        self._effort = level
        self._emit()

    def _on_thinking_chosen(self, _mode: str) -> None:
        self._thinking_disabled = False
        self._show_thinking_parts()
        self._sync_budget_range()
        self._emit()

    def _on_cache_chosen(self, ttl: str) -> None:
        self._cache_ttl = None if ttl == CACHE_OFF else ttl
        self._emit()

    def _on_service_tier_chosen(self, tier: str) -> None:
        self._service_tier = tier
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
        self._sync_budget_enabled()

    def _sync_budget_enabled(self) -> None:
        budget = self.thinking_mode.value() == "budget"
        self.budget.setEnabled(budget and (self.max_tokens.value() or 0) - 1 >= MIN_THINKING_BUDGET)
        self.budget.title.setEnabled(budget)

    # --- showing what is wrong ---

    def _refresh(self, params: dict[str, Any], *, loaded: bool = False) -> None:
        """Check ``params`` and show every problem where it belongs; update the summaries. ``loaded``: they
        were just shown by `set_params` (not changed from the preset shown before)."""
        self._checked = True
        problems = check(params, self.model_info(), api_version=self._api_version)
        for dialog, text in (
            (self.tools_dialog, self.tr("The tools editor has errors: the last valid tools are sent.")),
            (self.schema_dialog, self.tr("The schema editor has errors: the last valid schema is sent.")),
        ):
            if dialog is not None and dialog.editor.has_errors():
                problems.append(Problem("tools" if dialog is self.tools_dialog else "output_format", text, False))
        self._problems = problems
        rules = self._rules
        thinking = (self.thinking_mode.value() or "off") != "off"
        self.temperature.set_suppressed(thinking)
        self.top_k.set_suppressed(thinking)

        # Also for the fields of a folded section not made yet: its header's badge shows their problems.
        messages: dict[str, list[tuple[str, Severity]]] = {key: [] for key in (*self.notes, *self._section_of)}
        if self._api_error is not None:
            field, message, value = self._api_error
            if params.get(field) != value:
                self._api_error = None
            else:
                target = field if field in messages else ""
                messages[target].append((self.tr("The API refused it: {m}").format(m=message), "error"))
        shared = self.sampling_choice.show_choice(params, problems, self._api_version)
        for problem in problems:
            text = problem_text(problem)
            if text in shared and problem.field in ("temperature", "top_p"):
                continue
            target = problem.field if problem.field in messages else ""
            messages[target].append((text, "error" if problem.blocking else "warning"))
        if not rules.sampling:
            messages["sampling"].append((reason_text(rules.sampling_reason), "note"))
        for key in ("temperature", "top_k"):
            if thinking and rules.sampling and not messages[key]:
                messages[key].append((self.tr("Not sent while extended thinking is on."), "note"))
        if not rules.thinking and not messages["thinking"]:
            messages["thinking"].append((why_not(rules, "thinking"), "note"))
        elif rules.thinking and "off" not in rules.thinking_modes and not messages["thinking"]:
            messages["thinking"].append((why_not(rules, "thinking_off"), "note"))
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
        budgets = "budget" in rules.thinking_modes and self.thinking_mode.value() in (None, "off", "budget")
        if budgets and not messages["thinking"] and (self.max_tokens.value() or 0) <= MIN_THINKING_BUDGET:
            messages["thinking"].append(
                (self.tr("Raise max tokens above 1,024 to leave room for a thinking budget."), "note")
            )
        if not rules.structured_outputs and self._output_format is None:
            messages["output_format"].append((why_not(rules, "output_format"), "note"))
        for key, text in self._lowered_values(self.thinking_mode.value() == "budget"):
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
        self.choices_shown.emit()

    def _lowered_values(self, budget: bool) -> list[tuple[str, str]]:
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
        if budget and self.budget.isEnabled() and shown < chosen:
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
        if not self._rules.sampling:
            self.sections["sampling"].set_summary(self.tr("set by the model"))
        else:
            self.sections["sampling"].set_summary(", ".join(sampling) or self.tr("API defaults"))
        output = [self.tr("%Ln token(s)", None, params.get("max_tokens") or 0)]
        if stops := len(params.get("stop_sequences") or []):
            output.append(self.tr("%Ln stop(s)", None, stops))
        if params.get("stream") is False:
            output.append(self.tr("not streamed"))
        if self._output_format is not None:
            output.append(self.tr("JSON"))
        self.sections["output"].set_summary(", ".join(output))
        self.sections["thinking"].set_summary(self._thinking_summary(params))
        count = len(self._tools or [])
        self.tools_button.setText(self.tr("Edit tools ({n})…").format(n=count) if count else self.tr("Add tools…"))
        tools_summary = self.tr("%Ln tool(s)", None, count) if count else self.tr("none")
        if count and (choice := params.get("tool_choice")):
            tools_summary += f", {choice.get('type')}"
        self.sections["tools"].set_summary(tools_summary)
        self._show_schema_button()
        web = [
            label
            for key, label in (("web_search", self.tr("search")), ("web_fetch", self.tr("fetch")))
            if key in params
        ]
        self.sections["web"].set_summary(", ".join(web) or self.tr("off"))
        cost = [
            self.tr("cache {ttl}").format(ttl=label_of(cache_options(), self._cache_ttl))
            if self._cache_ttl
            else self.tr("no cache")
        ]
        if self._service_tier:
            cost.append(label_of(service_tier_options(), self._service_tier).lower())
        self.sections["cost"].set_summary(", ".join(cost))
        self.sections["advanced"].set_summary(self.tr("user id") if params.get("metadata_user_id") else "")

    def _thinking_summary(self, params: Mapping[str, Any]) -> str:
        parts = []
        if self._rules.effort_levels or "effort" in params:
            level = str(self.effort.value() or params.get("effort"))
            parts.append(self.tr("effort {level}").format(level=label_of(effort_options(), level)))
        thinking = params.get("thinking")
        mode = self.thinking_mode.value() or "off"
        if mode == "budget" and isinstance(thinking, dict):
            parts.append(self.tr("%Ln token(s)", None, thinking.get("budget_tokens") or 0))
        elif mode == "adaptive":
            parts.append(self.tr("adaptive"))
        return ", ".join(parts) or (self.tr("off") if self._rules.thinking else "")

    def _show_schema_button(self) -> None:
        schema = self._output_format
        if schema is None:
            self.schema_button.setText(self.tr("Add a JSON schema…"))
        else:
            count = property_count(schema)
            self.schema_button.setText(self.tr("Edit the schema (%Ln properties)…", None, count))
        self.schema_clear.setVisible(schema is not None)


def _bring_forward(dialog: QWidget) -> None:
    """Show a non-modal window, or raise it when it is open already (maybe behind the main window)."""
    if dialog.isVisible():
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()
