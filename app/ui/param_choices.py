"""The words the window gives the values of the parameters' choices: effort levels, thinking modes and how
thinking is shown, prompt caching, the service tier. One place, translated, for the parameters panel and
the compare window. Which values exist (and which a model takes) is `app.api.params`'s to say; here are
only their names for people and one sentence on each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from app.api.params import CACHE_TTLS, EFFORT_LEVELS, SERVICE_TIERS, THINKING_DISPLAYS
from app.language import tr as _tr

Option = tuple[str, str, str]
"""A choice: its value, its label and one sentence on what it does (a tooltip)."""

CACHE_OFF: Final = "off"
"""The prompt caching choice that sets no ``cache_ttl``."""
THINKING_MODES: Final = ("off", "adaptive", "budget")
"""The thinking control's modes (`app.api.params.ThinkingMode`), in the order they are offered."""
_THINKING_TYPES: Final = {"budget": "enabled", "adaptive": "adaptive"}
"""The ``thinking.type`` each mode that thinks sends."""


def thinking_param(mode: str, budget: int, display: str) -> dict[str, Any] | None:
    """The ``thinking`` parameter for a thinking control's ``mode`` (None for off), with ``budget`` for the
    budget mode and ``display`` when one is chosen ("": the model's default)."""
    if mode not in _THINKING_TYPES:
        return None
    thinking: dict[str, Any] = {"type": _THINKING_TYPES[mode]}
    if mode == "budget":
        thinking["budget_tokens"] = budget
    if display:
        thinking["display"] = display
    return thinking


def thinking_mode_of(thinking: Any) -> str:
    """The thinking control's mode for a stored ``thinking`` parameter (off for none, disabled or unknown)."""
    kind = thinking.get("type") if isinstance(thinking, Mapping) else None
    return next((mode for mode, sent in _THINKING_TYPES.items() if sent == kind), "off")


def _labelled(values: tuple[str, ...], labels: dict[str, str], helps: dict[str, str]) -> list[Option]:
    # A value the rules know and the words here don't (a newer version's) is offered under its own name.
    return [(value, labels.get(value, value), helps.get(value, "")) for value in values]


def effort_options() -> list[Option]:
    """Every effort level, least to most (a model takes some of them: `ModelRules.effort_levels`)."""
    helps = {
        "low": _tr("Fastest and cheapest: short answers, little thinking."),
        "medium": _tr("Less thinking and shorter answers than the default."),
        "high": _tr("The API's default."),
        "xhigh": _tr("More thinking than high, for hard problems."),
        "max": _tr("As much thinking as the model can give."),
    }
    # In English the API's own words, which the docs use too; other languages say them in their own.
    labels = {"low": _tr("low"), "medium": _tr("medium"), "high": _tr("high"), "xhigh": _tr("xhigh"), "max": _tr("max")}
    return _labelled(EFFORT_LEVELS, labels, helps)


def thinking_mode_options() -> list[Option]:
    labels = {"off": _tr("Off"), "adaptive": _tr("Adaptive"), "budget": _tr("Budget")}
    helps = {
        "off": _tr("No extended thinking."),
        "adaptive": _tr("The model decides how much to think; Effort steers it."),
        "budget": _tr("The model thinks within a budget of tokens."),
    }
    return _labelled(THINKING_MODES, labels, helps)


def thinking_display_options() -> list[Option]:
    """How the thinking is shown; the value "" sends no ``display`` (the model's default)."""
    labels = {"": _tr("As the model decides"), "summarized": _tr("Summarized"), "omitted": _tr("Omitted (withheld)")}
    helps = {
        "": _tr("No display is asked for: the model's default."),
        "summarized": _tr("The reply shows a summary of the thinking."),
        "omitted": _tr("The thinking is withheld; its signature is kept and sent back."),
    }
    return _labelled(("", *THINKING_DISPLAYS), labels, helps)


def cache_options() -> list[Option]:
    """Off (`CACHE_OFF`), then every ``cache_ttl``."""
    labels = {CACHE_OFF: _tr("Off"), "5m": _tr("5 minutes"), "1h": _tr("1 hour")}
    helps = {
        CACHE_OFF: _tr("No automatic caching."),
        "5m": _tr("Writing costs 1.25× the input price, reading 0.1×; kept 5 minutes after each use."),
        "1h": _tr("Writing costs 2× the input price, reading 0.1×; kept an hour after each use."),
    }
    return _labelled((CACHE_OFF, *CACHE_TTLS), labels, helps)


def service_tier_options() -> list[Option]:
    """Every ``service_tier``; the first is the API's default."""
    labels = {"auto": _tr("Auto"), "standard_only": _tr("Standard only")}
    helps = {
        "auto": _tr("Priority capacity when the account has it, else standard (the API's default)."),
        "standard_only": _tr("Standard capacity only, never priority."),
    }
    return _labelled(SERVICE_TIERS, labels, helps)


def property_count(schema: Any) -> int:
    """How many top-level properties an output schema describes (0 when it is not an object schema with some)."""
    properties = schema.get("properties") if isinstance(schema, dict) else None
    return len(properties) if isinstance(properties, dict) else 0


def label_of(options: list[Option], value: str) -> str:
    """The label of ``value`` among ``options`` (the value itself when it is not one of them)."""
    return next((label for key, label, _help in options if key == value), value)
