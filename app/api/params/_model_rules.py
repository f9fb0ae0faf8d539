"""What one model accepts, under one API version: `rules_for` and the `ModelRules` it answers with."""

from __future__ import annotations

from dataclasses import dataclass
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
SETS_ITS_OWN_SAMPLING: Final = "Claude Opus 4.7 and later and the Claude 5 models set their own sampling; use Effort"


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
    sampling_rule: str = ""

    @property
    def thinking(self) -> bool:
        """Whether the model can think at all (adaptive or with a budget)."""
        return bool(self.thinking_modes & {"adaptive", "budget"})

    def why_not(self, control: Control, value: str = "") -> str:
        """The rule that keeps ``control`` (with ``value``: an effort level) from this model, as a clause to
        show beside it or after a colon ("" when the model takes it)."""
        name = self.display_name
        if control == "sampling":
            return self.sampling_rule
        if control == "temperature_with_top_p":
            return "" if self.temperature_with_top_p else f"{name} takes temperature or top_p, not both"
        if control == "thinking":
            return "" if self.thinking else f"{name} has no extended thinking"
        if control == "thinking_off":
            return "" if "off" in self.thinking_modes else f"{name} always thinks; it can't be turned off"
        if control == "budget":
            if "budget" in self.thinking_modes:
                return ""
            if "adaptive" in self.thinking_modes:
                return f"{name} thinks adaptively, without a budget; use Effort for its depth"
            return f"{name} has no extended thinking"
        if control == "adaptive":
            if "adaptive" in self.thinking_modes:
                return ""
            if "budget" in self.thinking_modes:
                return f"{name} thinks with a budget only"
            return f"{name} has no extended thinking"
        if control == "effort":
            if not self.effort_levels:
                return f"{name} has no Effort setting"
            if value and value not in self.effort_levels:
                return f"{name} takes effort {_or_list(self.effort_levels)}"
            return ""
        if control == "output_format":
            return "" if self.structured_outputs else f"{name} has no structured outputs"
        if control == "web_search":
            return "" if self.web_search else f"{name} can't search the web"
        if control == "web_fetch":
            return "" if self.web_fetch else f"{name} can't fetch web pages"
        if control == "citations":
            return "" if self.citations else f"{name} gives no citations"
        if control == "image_input":
            return "" if self.image_input else f"{name} reads no images"
        return "" if self.pdf_input else f"{name} reads no PDFs"


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
    sampling, sampling_rule = _sampling(family, api_version)
    return ModelRules(
        model=model_id,
        display_name=_display_name(model_id, info, family),
        known=family is not None or provided is not None,
        api_version=api_version,
        sampling=sampling,
        sampling_rule=sampling_rule,
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


def _sampling(family: Family | None, api_version: str) -> tuple[bool, str]:
    if api_version in _VERSIONS_WITHOUT_SAMPLING:
        return False, (
            f"API version {api_version} takes no temperature, top_p or top_k on any model; "
            "choose 2023-06-01 in the profile to send them"
        )
    if family is not None and not family.sampling:
        return False, SETS_ITS_OWN_SAMPLING
    return True, ""


def _display_name(model_id: str, info: ModelInfo | None, family: Family | None) -> str:
    if info is not None and info.display_name != info.id:
        return info.display_name
    if family is not None and family.listed:
        return family.display_name
    return model_id or "This model"


def _limit(provided: int | None, built_in: int | None) -> int | None:
    return provided if provided is not None else built_in


def _or_list(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
