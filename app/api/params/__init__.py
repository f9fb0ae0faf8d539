"""The rules a request's parameters follow, applied before anything is sent (Qt-free): the one place that
knows the parameters' names, defaults, values and messages, and what each model takes.

A conversation's parameters (``Conversation.params``, a preset, a Compare set, the defaults) hold the keys
of `API_PARAMS` plus Samtal's own ``stream`` (False: a non-streaming request) and ``sampling_preference``
(``"temperature"`` or ``"top_p"``: which one is sent when the model refuses both). `app.api.request` builds
the request body from them (``effort`` → ``output_config.effort``, ``output_format`` →
``output_config.format``, ``cache_ttl`` → top-level ``cache_control``, ``web_search``/``web_fetch`` → server
tools in ``tools``, ``metadata_user_id`` → ``metadata.user_id``).

`rules_for` says what one model accepts under one API version (`ModelRules`: build the controls from it);
`prepare` turns the parameters into the API parameters actually sent and lists every `Problem`; `check`
lists the problems only. The panel, the compare window, the controller and ``samtal ask`` all use these, so
a person sees the same message wherever they are. What a problem says is one of `PROBLEMS`, by its code
(`Problem.said`): the window says each in its own language.

A non-blocking problem says how the request was adjusted (a parameter left out or changed); a blocking one
means the request must not be sent as it is. Nothing the model refuses is ever sent: a value it refuses
(saved with a conversation for an older model, say) is left out with a warning that carries the rule
(`Problem.rule`). The rules:

- ``model`` and ``max_tokens`` are required (`fill_required` fills in the defaults); ``max_tokens`` is at
  least 1 and at most the model's limit when it is known (from the provider's list, else the catalog).
  Without streaming it is at most `MAX_NONSTREAMING_TOKENS` (the API refuses more). A deprecated or retired
  model is said so, with the model to move to.
- ``temperature`` and ``top_p`` lie in 0..1, ``top_k`` is a whole number of at least 1. Opus 4.7 and later
  take none of them, nor does any model under API version 2026-10-21. A model that refuses temperature and
  top_p together gets only the one named by ``sampling_preference`` (temperature by default).
- ``thinking`` is the API's dict: ``enabled`` with ``budget_tokens`` (at least 1,024 and less than
  ``max_tokens``), ``adaptive`` or ``disabled``, the first two with an optional ``display`` (summarized or
  omitted). A budget on a model that only thinks adaptively is sent as adaptive; adaptive thinking on a model
  that takes a budget only is left out; ``disabled`` on a model that always thinks (Fable, Mythos) is left
  out. While thinking is on, temperature and top_k are not sent, top_p is raised to 0.95 when lower, and
  tool_choice may not force a tool.
- ``effort`` is one of `EFFORT_LEVELS` that the model takes; ``output_format`` an object schema (for a model
  with structured outputs); ``cache_ttl`` one of `CACHE_TTLS`; ``service_tier`` one of `SERVICE_TIERS`.
- ``web_search`` and ``web_fetch`` (a dict of options: ``max_uses``, ``allowed_domains`` or
  ``blocked_domains``, and for web fetch ``citations``) turn the server tools on; no tool in ``tools`` may
  then have the same name.
- ``stop_sequences`` hold text that is not empty or only whitespace; ``metadata_user_id`` is text, and
  one that looks like an e-mail address or a phone number is warned about (no personal data there).
- ``tools`` are tool definitions (`validate_tools_json` checks the tools editor's JSON with positions; a
  custom tool's ``strict`` is true or false); ``tool_choice`` ``any``/``tool`` needs tools, and ``tool``
  names one of them. ``auto``/``none`` without tools mean nothing and are left out.

Values that are None, empty (``""``, ``[]``) or keys this version does not know are left out (unknown keys
are logged: a store written by a newer version may hold them).
"""

import typing as _typing

from app.lazy_exports import lazy_exports as _lazy_exports

if _typing.TYPE_CHECKING:
    from app.api.params._json_text import (
        ToolProblem,
        output_schema_issues,
        validate_output_schema_json,
        validate_tools_json,
    )
    from app.api.params._model_rules import (
        RULES,
        SETS_ITS_OWN_SAMPLING,
        Control,
        ModelRules,
        Reason,
        RuleCode,
        ThinkingMode,
        rules_for,
    )
    from app.api.params._names import (
        API_PARAM_NAMES,
        API_PARAMS,
        CACHE_TTLS,
        DEFAULT_EFFORT,
        DEFAULT_MAX_TOKENS,
        DEFAULT_THINKING_BUDGET,
        EFFORT_LEVELS,
        MAX_NONSTREAMING_TOKENS,
        MAX_TOKENS_LIMIT,
        MIN_THINKING_BUDGET,
        SAMPLING_PARAMS,
        SAMTAL_PARAMS,
        SERVER_TOOLS,
        SERVICE_TIERS,
        THINKING_DISPLAYS,
        THINKING_MIN_TOP_P,
        THINKING_TYPES,
    )
    from app.api.params._review import (
        Problem,
        check,
        field_of_api_error,
        fill_required,
        prefill_problem,
        prepare,
        thinking_on,
    )
    from app.api.params._said import PROBLEMS, ProblemCode, Said

# Names are loaded on first use (PEP 562): the command line's parser asks for the value lists only, and
# must not pay for the catalog and the rules.
_WHERE = {
    **dict.fromkeys(
        ("ToolProblem", "output_schema_issues", "validate_output_schema_json", "validate_tools_json"), "_json_text"
    ),
    **dict.fromkeys(
        ("RULES", "SETS_ITS_OWN_SAMPLING", "Control", "ModelRules", "Reason", "RuleCode", "ThinkingMode", "rules_for"),
        "_model_rules",
    ),
    **dict.fromkeys(
        (
            "API_PARAM_NAMES",
            "API_PARAMS",
            "CACHE_TTLS",
            "DEFAULT_EFFORT",
            "DEFAULT_MAX_TOKENS",
            "DEFAULT_THINKING_BUDGET",
            "EFFORT_LEVELS",
            "MAX_NONSTREAMING_TOKENS",
            "MAX_TOKENS_LIMIT",
            "MIN_THINKING_BUDGET",
            "SAMPLING_PARAMS",
            "SAMTAL_PARAMS",
            "SERVER_TOOLS",
            "SERVICE_TIERS",
            "THINKING_DISPLAYS",
            "THINKING_MIN_TOP_P",
            "THINKING_TYPES",
        ),
        "_names",
    ),
    **dict.fromkeys(("PROBLEMS", "ProblemCode", "Said"), "_said"),
    **dict.fromkeys(
        ("Problem", "check", "field_of_api_error", "fill_required", "prefill_problem", "prepare", "thinking_on"),
        "_review",
    ),
}

__all__ = [
    "API_PARAMS",
    "API_PARAM_NAMES",
    "CACHE_TTLS",
    "DEFAULT_EFFORT",
    "DEFAULT_MAX_TOKENS",
    "DEFAULT_THINKING_BUDGET",
    "EFFORT_LEVELS",
    "MAX_NONSTREAMING_TOKENS",
    "MAX_TOKENS_LIMIT",
    "MIN_THINKING_BUDGET",
    "PROBLEMS",
    "RULES",
    "SAMPLING_PARAMS",
    "SAMTAL_PARAMS",
    "SERVER_TOOLS",
    "SERVICE_TIERS",
    "SETS_ITS_OWN_SAMPLING",
    "THINKING_DISPLAYS",
    "THINKING_MIN_TOP_P",
    "THINKING_TYPES",
    "Control",
    "ModelRules",
    "Problem",
    "ProblemCode",
    "Reason",
    "RuleCode",
    "Said",
    "ThinkingMode",
    "ToolProblem",
    "check",
    "field_of_api_error",
    "fill_required",
    "output_schema_issues",
    "prefill_problem",
    "prepare",
    "rules_for",
    "thinking_on",
    "validate_output_schema_json",
    "validate_tools_json",
]


__getattr__ = _lazy_exports(__name__, _WHERE, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
