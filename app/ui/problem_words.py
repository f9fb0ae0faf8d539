"""The window's words for what the parameter checks say (`app.api.params.PROBLEMS`, by code): the API layer
stays Qt-free and says them in English (the command line's language); the window says each code in its own,
with the rule behind it in its words too (`app.ui.rule_words`). A code without words here (a newer check) is
shown in the API layer's English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.api.params import Problem, ProblemCode, Said, ToolProblem
from app.language import QT_TR_NOOP, format_number
from app.language import tr as _tr
from app.ui.rule_words import reason_text

# The parameters a problem names, as the window calls them (at the start of a sentence; ``_WITHIN``: inside one).
_NAMES = {
    "temperature": QT_TR_NOOP("Temperature"),
    "top_p": "top_p",
    "top_k": "top_k",
    "thinking": QT_TR_NOOP("Extended thinking"),
    "effort": QT_TR_NOOP("Effort"),
    "output_format": QT_TR_NOOP("The output schema"),
    "web_search": QT_TR_NOOP("Web search"),
    "web_fetch": QT_TR_NOOP("Web fetch"),
}
_WITHIN = {"web_search": QT_TR_NOOP("web search"), "web_fetch": QT_TR_NOOP("web fetch")}


def _name(said: Said) -> str:
    field = str(said.values.get("field", ""))
    return _tr(_NAMES[field]) if field in _NAMES else field


def _name_within(said: Said) -> str:
    field = str(said.values.get("field", ""))
    return _tr(_WITHIN[field]) if field in _WITHIN else _name(said)


def _tool(said: Said) -> str:
    """The tool a problem is about: by its name, or by its number when it has none."""
    name = str(said.values.get("name", ""))
    return name or _tr("number {number}").format(number=said.values.get("number", ""))


def _number(said: Said, key: str) -> str:
    value = said.values.get(key, 0)
    if isinstance(value, float):  # with the places it has: 0.95 is 0,95 in Swedish
        return format_number(value, len(f"{value:g}".partition(".")[2]))
    return format_number(value) if isinstance(value, int) else str(value)


def _wordings() -> dict[ProblemCode, Callable[[Said], str]]:
    # Looked up when asked (not kept): the texts are the language installed at that moment.
    v: Callable[[Said, str], Any] = lambda said, key: said.values.get(key, "")  # noqa: E731
    rule: Callable[[Said], str] = lambda said: reason_text(said.reason)  # noqa: E731
    retired = _tr("{model} was retired: the API no longer answers it.")
    retired_on = _tr("{model} was retired on {date}: the API no longer answers it.")
    deprecated = _tr("{model} is deprecated and retires soon.")
    deprecated_on = _tr("{model} is deprecated and retires on {date}.")

    def lifecycle(text: str, *, use: bool) -> Callable[[Said], str]:
        def worded(said: Said) -> str:
            words = text.format(model=v(said, "model"), date=v(said, "date"))
            if use:
                words += " " + _tr("Use {successor} instead.").format(successor=v(said, "successor"))
            return words

        return worded

    schema = '{"type": "object", "properties": {...}}'
    return {
        "prefill_while_thinking": lambda s: _tr(
            "A reply can't be continued while extended thinking is on: turn thinking off."
        ),
        "not_sent": lambda s: _tr("{label} isn't sent: {rule}.").format(label=_name(s), rule=rule(s)),
        "sent_as_adaptive": lambda s: _tr("Thinking is sent as adaptive: {rule}.").format(rule=rule(s)),
        "sent_without_citations": lambda s: _tr("Web fetch is sent without citations: {rule}.").format(rule=rule(s)),
        "no_model": lambda s: _tr("Choose a model: the request needs one."),
        "no_max_tokens": lambda s: _tr("Set max_tokens: the request needs it."),
        "max_tokens_whole": lambda s: _tr("max_tokens must be a whole number of at least 1."),
        "max_tokens_limit": lambda s: _tr("{model} writes at most {limit} tokens: lower max_tokens.").format(
            model=v(s, "model"), limit=_number(s, "limit")
        ),
        "retired": lifecycle(retired, use=False),
        "retired_on": lifecycle(retired_on, use=False),
        "retired_use": lifecycle(retired, use=True),
        "retired_on_use": lifecycle(retired_on, use=True),
        "deprecated": lifecycle(deprecated, use=False),
        "deprecated_on": lifecycle(deprecated_on, use=False),
        "deprecated_use": lifecycle(deprecated, use=True),
        "deprecated_on_use": lifecycle(deprecated_on, use=True),
        "sampling_range": lambda s: _tr("{label} must be a number from 0 to 1.").format(label=_name(s)),
        "top_k_whole": lambda s: _tr("top_k must be a whole number of at least 1."),
        "system_text": lambda s: _tr("The system prompt must be text."),
        "stop_sequences_list": lambda s: _tr("Stop sequences must be a list of text."),
        "stop_sequence_not_text": lambda s: _tr("Stop sequence {number} is not text: remove it or write one.").format(
            number=v(s, "number")
        ),
        "stop_sequence_empty": lambda s: _tr("Stop sequence {number} is empty: remove it or write one.").format(
            number=v(s, "number")
        ),
        "stop_sequence_whitespace": lambda s: _tr(
            "Stop sequence {number} is only whitespace: remove it or write one."
        ).format(number=v(s, "number")),
        "user_id_text": lambda s: _tr("metadata.user_id must be text."),
        "user_id_email": lambda s: _tr(
            "metadata.user_id looks like an e-mail address: send an opaque id such as a hash, not personal data."
        ),
        "user_id_phone": lambda s: _tr(
            "metadata.user_id looks like a phone number: send an opaque id such as a hash, not personal data."
        ),
        "server_options_object": lambda s: _tr("{label} options must be a JSON object.").format(label=_name(s)),
        "server_unknown_option": lambda s: _tr("{label} takes no option {option}.").format(
            label=_name(s), option=v(s, "option")
        ),
        "server_max_uses": lambda s: _tr("The most uses of {label} must be a whole number of at least 1.").format(
            label=_name_within(s)
        ),
        "server_allowed_and_blocked": lambda s: _tr(
            "{label} takes allowed domains or blocked domains, not both."
        ).format(label=_name(s)),
        "server_allowed_domains": lambda s: _tr(
            "The allowed domains of {label} must be a list of domain names."
        ).format(label=_name_within(s)),
        "server_blocked_domains": lambda s: _tr(
            "The blocked domains of {label} must be a list of domain names."
        ).format(label=_name_within(s)),
        "server_domain_url": lambda s: _tr(
            "{label} takes domain names such as example.com, not addresses like {url}."
        ).format(label=_name(s), url=v(s, "url")),
        "citations_bool": lambda s: _tr("Citations of web fetch must be true or false."),
        "tools_list": lambda s: _tr("The tools must be a list of tool definitions."),
        "tool_object": lambda s: _tr("Tool {number} must be a JSON object.").format(number=v(s, "number")),
        "tool_needs_name": lambda s: _tr("Tool {number} needs a name.").format(number=v(s, "number")),
        "tool_names_unique": lambda s: _tr("Two tools are named {name}: tool names must be unique.").format(
            name=v(s, "name")
        ),
        "tool_type": lambda s: _tr("The type of the tool {tool} must be text, such as web_search_20250305.").format(
            tool=_tool(s)
        ),
        "tool_name_pattern": lambda s: _tr(
            "The tool name {tool} may only use letters, digits, _ and - (at most 128 of them)."
        ).format(tool=_tool(s)),
        "tool_needs_schema": lambda s: _tr("The tool {tool} needs an input_schema: {schema}.").format(
            tool=_tool(s), schema=schema
        ),
        "tool_schema_not_object": lambda s: _tr(
            "The tool {tool} has an input_schema that is not an object schema: {schema}."
        ).format(tool=_tool(s), schema=schema),
        "tool_description_text": lambda s: _tr("The description of the tool {tool} must be text.").format(
            tool=_tool(s)
        ),
        "tool_strict_bool": lambda s: _tr('The "strict" of the tool {tool} must be true or false.').format(
            tool=_tool(s)
        ),
        "tool_named_like_server": lambda s: _tr(
            'Two tools are named "{name}": turn {label} off, or remove that tool from the tools.'
        ).format(name=v(s, "name"), label=_name(s)),
        "tool_choice_kind": lambda s: _tr("tool_choice must be auto, any, tool or none."),
        "parallel_bool": lambda s: _tr("disable_parallel_tool_use must be true or false."),
        "tool_choice_needs_tools": lambda s: _tr('tool_choice "{kind}" needs at least one tool.').format(
            kind=v(s, "kind")
        ),
        "tool_choice_unknown_tool": lambda s: _tr(
            "tool_choice names the tool {name}, which is not among the tools."
        ).format(name=v(s, "name")),
        "tool_choice_needs_name": lambda s: _tr('tool_choice "tool" needs the name of one of the tools.'),
        "thinking_kind": lambda s: _tr("Extended thinking must be enabled with a budget, adaptive or disabled."),
        "thinking_display": lambda s: _tr("The thinking display must be summarized or omitted."),
        "thinking_budget_min": lambda s: _tr(
            "The thinking budget must be a whole number of at least {minimum} tokens."
        ).format(minimum=_number(s, "minimum")),
        "thinking_budget_below": lambda s: _tr(
            "The thinking budget must be less than max_tokens ({max_tokens})."
        ).format(max_tokens=_number(s, "max_tokens")),
        "not_sent_while_thinking": lambda s: _tr("{label} isn't sent while extended thinking is on.").format(
            label=_name(s)
        ),
        "top_p_raised": lambda s: _tr(
            "While extended thinking is on, top_p is at least {minimum}: it is sent as {minimum}."
        ).format(minimum=_number(s, "minimum")),
        "thinking_forced_tool": lambda s: _tr(
            "Extended thinking can't be used while tool_choice forces a tool: choose auto or none, "
            "or turn thinking off."
        ),
        "effort_level": lambda s: _tr("Effort must be low, medium, high, xhigh or max."),
        "schema_object": lambda s: _tr("The output schema must be a JSON object: {schema}.").format(schema=schema),
        "schema_describes_object": lambda s: _tr(
            'The output schema must describe an object: "type": "object", with its "properties".'
        ),
        "schema_properties": lambda s: _tr('The "properties" of the output schema must map each name to a schema.'),
        "schema_required_list": lambda s: _tr('The "required" of the output schema must be a list of property names.'),
        "schema_required_missing": lambda s: _tr(
            "The output schema requires {name}, which is not among its properties."
        ).format(name=v(s, "name")),
        "cache_ttl": lambda s: _tr("Prompt caching must be 5m or 1h."),
        "service_tier": lambda s: _tr("The service tier must be auto or standard_only."),
        "stream_bool": lambda s: _tr("stream must be true or false."),
        "non_streaming_limit": lambda s: _tr(
            "Non-streaming requests are limited to {limit} max_tokens (the API refuses longer ones); "
            "turn streaming on or lower max_tokens."
        ).format(limit=_number(s, "limit")),
        "temperature_or_top_p": lambda s: _tr(
            "This model refuses temperature and top_p together: only {kept} is sent."
        ).format(kept=v(s, "kept")),
    }


def worded_codes() -> frozenset[str]:
    """The problem codes the window has its own words for."""
    return frozenset(_wordings())


def said_text(said: Said) -> str:
    """``said`` in the window's language; a code without words here, in English."""
    wording = _wordings().get(said.code)
    return wording(said) if wording is not None else said.text


def problem_text(problem: Problem | ToolProblem) -> str:
    """What ``problem`` says, in the window's language (one made without a code, as it was made)."""
    return said_text(problem.said) if problem.said is not None else problem.message


__all__ = ["problem_text", "said_text", "worded_codes"]
