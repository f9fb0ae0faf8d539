"""The window's words for the rules that keep a control from a model (`app.api.params.Reason`, by code): the
API layer stays Qt-free and says them in English (the command line's language); the window says each code in
its own. A code without words here (a newer rule) is shown in the API layer's English."""

from __future__ import annotations

from collections.abc import Callable

from app.api.params import Control, ModelRules, Reason, RuleCode
from app.language import tr as _tr
from app.ui.param_choices import effort_options, label_of


def _levels(reason: Reason) -> str:
    """The effort levels a model takes, in the window's words: "low, medium or high"."""
    names = [label_of(effort_options(), level) for level in reason.levels]
    if len(names) < 2:
        return "".join(names)
    return _tr("{first} or {last}").format(first=", ".join(names[:-1]), last=names[-1])


def _wordings() -> dict[RuleCode, Callable[[Reason], str]]:
    # Looked up when asked (not kept): the texts are the language installed at that moment.
    return {
        "sets_own_sampling": lambda r: _tr(
            "Claude Opus 4.7 and later and the Claude 5 models set their own sampling; use Effort"
        ),
        "version_without_sampling": lambda r: _tr(
            "API version {version} takes no temperature, top_p or top_k on any model; "
            "choose 2023-06-01 in the profile to send them"
        ).format(version=r.version),
        "temperature_or_top_p": lambda r: _tr("{model} takes temperature or top_p, not both").format(model=r.model),
        "no_thinking": lambda r: _tr("{model} has no extended thinking").format(model=r.model),
        "always_thinks": lambda r: _tr("{model} always thinks; it can't be turned off").format(model=r.model),
        "adaptive_only": lambda r: _tr("{model} thinks adaptively, without a budget; use Effort for its depth").format(
            model=r.model
        ),
        "budget_only": lambda r: _tr("{model} thinks with a budget only").format(model=r.model),
        "no_effort": lambda r: _tr("{model} has no Effort setting").format(model=r.model),
        "effort_levels": lambda r: _tr("{model} takes effort {levels}").format(model=r.model, levels=_levels(r)),
        "no_structured_outputs": lambda r: _tr("{model} has no structured outputs").format(model=r.model),
        "no_web_search": lambda r: _tr("{model} can't search the web").format(model=r.model),
        "no_web_fetch": lambda r: _tr("{model} can't fetch web pages").format(model=r.model),
        "no_citations": lambda r: _tr("{model} gives no citations").format(model=r.model),
        "no_image_input": lambda r: _tr("{model} reads no images").format(model=r.model),
        "no_pdf_input": lambda r: _tr("{model} reads no PDFs").format(model=r.model),
    }


def worded_codes() -> frozenset[str]:
    """The rule codes the window has its own words for."""
    return frozenset(_wordings())


def reason_text(reason: Reason | None) -> str:
    """``reason`` in the window's language ("" for None); a code without words here, in English."""
    if reason is None:
        return ""
    wording = _wordings().get(reason.code)
    return wording(reason) if wording is not None else reason.text


def why_not(rules: ModelRules, control: Control, value: str = "") -> str:
    """`ModelRules.why_not` in the window's language: why ``control`` (with ``value``: an effort level) is off
    for the model ("" when it is not)."""
    return reason_text(rules.reason(control, value))


__all__ = ["reason_text", "why_not", "worded_codes"]
