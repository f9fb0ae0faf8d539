"""What one model accepts, under one API version: `rules_for` and the `ModelRules` it answers with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from app.api.catalog import Family, Lifecycle, catalog
from app.api.models import ModelInfo, supported
from app.api.params._names import EFFORT_LEVELS
from app.api.providers import DEFAULT_API_VERSION

ThinkingMode = Literal["off", "adaptive", "budget"]
Control = Literal[
    "sampling",
    "temperature_with_top_p",
    "thinking",
    "thinking_off",
    "adaptive",
    "budget",
    "effort",
    "output_format",
    "web_search",
    "web_fetch",
    "citations",
    "image_input",
    "pdf_input",
]

# Under these API versions temperature, top_p and top_k are refused on every model ("Extra inputs are not
# permitted"), even at their defaults.
_VERSIONS_WITHOUT_SAMPLING: Final = frozenset({"2026-10-21"})

RuleCode = Literal[
    "sets_own_sampling",
    "version_without_sampling",
    "temperature_or_top_p",
    "no_thinking",
    "always_thinks",
    "adaptive_only",
    "budget_only",
    "no_effort",
    "effort_levels",
    "no_structured_outputs",
    "no_web_search",
    "no_web_fetch",
    "no_citations",
    "no_image_input",
    "no_pdf_input",
]
RULES: Final[Mapping[RuleCode, str]] = {
    "sets_own_sampling": "Claude Opus 4.7 and later and the Claude 5 models set their own sampling; use Effort",
    "version_without_sampling": (
        "API version {version} takes no temperature, top_p or top_k on any model; "
        "choose 2023-06-01 in the profile to send them"
    ),
    "temperature_or_top_p": "{model} takes temperature or top_p, not both",
    "no_thinking": "{model} has no extended thinking",
    "always_thinks": "{model} always thinks; it can't be turned off",
    "adaptive_only": "{model} thinks adaptively, without a budget; use Effort for its depth",
    "budget_only": "{model} thinks with a budget only",
    "no_effort": "{model} has no Effort setting",
    "effort_levels": "{model} takes effort {levels}",
    "no_structured_outputs": "{model} has no structured outputs",
    "no_web_search": "{model} can't search the web",
    "no_web_fetch": "{model} can't fetch web pages",
    "no_citations": "{model} gives no citations",
    "no_image_input": "{model} reads no images",
    "no_pdf_input": "{model} reads no PDFs",
}
"""Every rule that keeps a control from a model, by its stable code, in English (the command line's words and
the API layer's messages); the window says each code in its own language (`app.ui.rule_words`). Placeholders:
``{model}`` the model's name, ``{version}`` an API version, ``{levels}`` the effort levels it takes."""
SETS_ITS_OWN_SAMPLING: Final = RULES["sets_own_sampling"]


@dataclass(frozen=True)
class Reason:
    """Why a control is off for a model: a rule's ``code`` (a key of `RULES`) with what fills its text in
    (``model``: the model's name; ``version``: the API version; ``levels``: the effort levels it takes)."""

    code: RuleCode
    model: str = ""
    version: str = ""
    levels: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The rule in English, as a clause to show after a colon."""
        return RULES[self.code].format(model=self.model, version=self.version, levels=_or_list(self.levels))


@dataclass(frozen=True)
class ModelRules:
    """What a model accepts, as Samtal applies it: build the controls from this, and `why_not` gives the
    one-line reason to show beside a control that is off for this model.

    - ``model`` is the id asked about, ``display_name`` its name for people, ``known`` whether anything
      (the provider's list or the catalog) describes it: an unknown model (not Claude's) gets every
      control, and the API has the last word.
    - ``sampling``: temperature, top_p and top_k may be sent (never on Opus 4.7 and later, nor under API
      version 2026-10-21); ``temperature_with_top_p``: both in one request (no current model takes them
      together: Samtal sends the one the user prefers).
    - ``thinking_modes``: which of ``off`` (``{"type": "disabled"}``), ``adaptive`` and ``budget``
      (``{"type": "enabled", "budget_tokens": N}``) the model takes; ``thinking_display``: whether
      ``display`` (summarized/omitted) may go with them.
    - ``effort_levels``: the ``output_config.effort`` levels it takes, least to most (empty: none).
    - ``structured_outputs``, ``citations``, ``image_input``, ``pdf_input``, ``web_search``, ``web_fetch``.
    - ``max_tokens``, ``max_input_tokens``: its limits (None when unknown).
    - ``lifecycle`` (None when unknown) and ``successor``: the current model of its line to move to.

    Prompt caching (``cache_ttl``) and ``service_tier`` are taken by every model.
    """

    model: str
    display_name: str
    known: bool
    api_version: str
    sampling: bool
    temperature_with_top_p: bool
    thinking_modes: frozenset[ThinkingMode]
    thinking_display: bool
    effort_levels: tuple[str, ...]
    structured_outputs: bool
    citations: bool
    image_input: bool
    pdf_input: bool
    web_search: bool
    web_fetch: bool
    max_tokens: int | None
    max_input_tokens: int | None
    lifecycle: Lifecycle | None
    successor: str | None
    sampling_reason: Reason | None = None

    @property
    def sampling_rule(self) -> str:
        """Why temperature, top_p and top_k are not sent ("" when they are)."""
        return self.sampling_reason.text if self.sampling_reason is not None else ""

    @property
    def thinking(self) -> bool:
        """Whether the model can think at all (adaptive or with a budget)."""
        return bool(self.thinking_modes & {"adaptive", "budget"})

    def why_not(self, control: Control, value: str = "") -> str:
        """The rule that keeps ``control`` (with ``value``: an effort level) from this model, as a clause to
        show beside it or after a colon ("" when the model takes it)."""
        reason = self.reason(control, value)
        return reason.text if reason is not None else ""

    def reason(self, control: Control, value: str = "") -> Reason | None:
        """The rule that keeps ``control`` (with ``value``: an effort level) from this model, by its code (None
        when the model takes it): `why_not`'s text, for a window to word in its own language."""
        model = self.display_name

        def rule(code: RuleCode, applies: bool = True) -> Reason | None:
            return Reason(code, model=model) if applies else None

        if control == "sampling":
            return self.sampling_reason
        if control == "temperature_with_top_p":
            return rule("temperature_or_top_p", not self.temperature_with_top_p)
        if control == "thinking":
            return rule("no_thinking", not self.thinking)
        if control == "thinking_off":
            return rule("always_thinks", "off" not in self.thinking_modes)
        if control == "budget":
            if "budget" in self.thinking_modes:
                return None
            return rule("adaptive_only" if "adaptive" in self.thinking_modes else "no_thinking")
        if control == "adaptive":
            if "adaptive" in self.thinking_modes:
                return None
            return rule("budget_only" if "budget" in self.thinking_modes else "no_thinking")
        if control == "effort":
            if not self.effort_levels:
                return rule("no_effort")
            if value and value not in self.effort_levels:
                return Reason("effort_levels", model=model, levels=self.effort_levels)
            return None
        if control == "output_format":
            return rule("no_structured_outputs", not self.structured_outputs)
        if control == "web_search":
            return rule("no_web_search", not self.web_search)
        if control == "web_fetch":
            return rule("no_web_fetch", not self.web_fetch)
        if control == "citations":
            return rule("no_citations", not self.citations)
        if control == "image_input":
            return rule("no_image_input", not self.image_input)
        return rule("no_pdf_input", not self.pdf_input)


def rules_for(model_id: str, api_version: str = DEFAULT_API_VERSION, info: ModelInfo | None = None) -> ModelRules:
    """What ``model_id`` accepts under ``api_version``. ``info`` is the provider's entry for it, when the
    provider listed it: its limits and the capabilities it reports win over the catalog's; the sampling rules
    and the lifecycle come from the catalog (`app.api.catalog`), which matches ids by family."""
    if info is not None and info.id != model_id:
        info = None
    family = catalog().family(model_id) if model_id else None
    provided = info.capabilities if info is not None else None
    built_in = family.capabilities if family is not None else None

    def has(*path: str) -> bool:
        for source in (provided, built_in):
            answer = supported(source, *path)
            if answer is not None:
                return answer
        return family is None  # nothing known: let the API decide

    modes: set[ThinkingMode] = set()
    if has("thinking"):
        if has("thinking", "types", "adaptive"):
            modes.add("adaptive")
        if has("thinking", "types", "enabled"):
            modes.add("budget")
    if family is None or family.thinking_off:
        modes.add("off")
    efforts = tuple(level for level in EFFORT_LEVELS if has("effort", level)) if has("effort") else ()
    sampling, sampling_reason = _sampling(family, api_version)
    return ModelRules(
        model=model_id,
        display_name=_display_name(model_id, info, family),
        known=family is not None or provided is not None,
        api_version=api_version,
        sampling=sampling,
        sampling_reason=sampling_reason,
        temperature_with_top_p=family is None or family.temperature_with_top_p,
        thinking_modes=frozenset(modes),
        thinking_display=bool(modes & {"adaptive", "budget"}),
        effort_levels=efforts,
        structured_outputs=has("structured_outputs"),
        citations=has("citations"),
        image_input=has("image_input"),
        pdf_input=has("pdf_input"),
        web_search=family is None or "web_search" in family.server_tools,
        web_fetch=family is None or "web_fetch" in family.server_tools,
        max_tokens=_limit(info.max_tokens if info else None, family.max_tokens if family else None),
        max_input_tokens=_limit(info.max_input_tokens if info else None, family.max_input_tokens if family else None),
        lifecycle=catalog().lifecycle(model_id) if family is not None else None,
        successor=catalog().successor_of(model_id) if family is not None else None,
    )


def _sampling(family: Family | None, api_version: str) -> tuple[bool, Reason | None]:
    if api_version in _VERSIONS_WITHOUT_SAMPLING:
        return False, Reason("version_without_sampling", version=api_version)
    if family is not None and not family.sampling:
        return False, Reason("sets_own_sampling")
    return True, None


def _display_name(model_id: str, info: ModelInfo | None, family: Family | None) -> str:
    if info is not None and info.display_name != info.id:
        return info.display_name
    if family is not None and family.listed:
        return family.display_name
    return model_id or "This model"


def _limit(provided: int | None, built_in: int | None) -> int | None:
    return provided if provided is not None else built_in


def _or_list(items: tuple[str, ...]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
