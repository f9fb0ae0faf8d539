"""What the parameter checks say, by stable code (`PROBLEMS`), with what fills each text in (`Said`): the API
layer and the command line say them in English; the window says each code in its own language
(`app.ui.problem_words`), as it does the rules (`RULES`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from app.api.params._model_rules import Reason

ProblemCode = Literal[
    "prefill_while_thinking",
    "not_sent",
    "sent_as_adaptive",
    "sent_without_citations",
    "no_model",
    "no_max_tokens",
    "max_tokens_whole",
    "max_tokens_limit",
    "retired",
    "retired_on",
    "retired_use",
    "retired_on_use",
    "deprecated",
    "deprecated_on",
    "deprecated_use",
    "deprecated_on_use",
    "sampling_range",
    "top_k_whole",
    "system_text",
    "stop_sequences_list",
    "stop_sequence_not_text",
    "stop_sequence_empty",
    "stop_sequence_whitespace",
    "user_id_text",
    "user_id_email",
    "user_id_phone",
    "server_options_object",
    "server_unknown_option",
    "server_max_uses",
    "server_allowed_and_blocked",
    "server_allowed_domains",
    "server_blocked_domains",
    "server_domain_url",
    "citations_bool",
    "tools_list",
    "tool_object",
    "tool_needs_name",
    "tool_names_unique",
    "tool_type",
    "tool_name_pattern",
    "tool_needs_schema",
    "tool_schema_not_object",
    "tool_description_text",
    "tool_strict_bool",
    "tool_named_like_server",
    "tool_choice_kind",
    "parallel_bool",
    "tool_choice_needs_tools",
    "tool_choice_unknown_tool",
    "tool_choice_needs_name",
    "thinking_kind",
    "thinking_display",
    "thinking_budget_min",
    "thinking_budget_below",
    "not_sent_while_thinking",
    "top_p_raised",
    "thinking_forced_tool",
    "effort_level",
    "schema_object",
    "schema_describes_object",
    "schema_properties",
    "schema_required_list",
    "schema_required_missing",
    "cache_ttl",
    "service_tier",
    "stream_bool",
    "non_streaming_limit",
    "temperature_or_top_p",
]
_USE: Final = " Use {successor} instead."
_RETIRED: Final = "{model} was retired: the API no longer answers it."
_RETIRED_ON: Final = "{model} was retired on {date}: the API no longer answers it."
_DEPRECATED: Final = "{model} is deprecated and retires soon."
_DEPRECATED_ON: Final = "{model} is deprecated and retires on {date}."
_TOOL_SCHEMA: Final = ': {{"type": "object", "properties": {{...}}}}.'
PROBLEMS: Final[Mapping[ProblemCode, str]] = {
    "prefill_while_thinking": "A reply can't be continued while extended thinking is on: turn thinking off.",
    "not_sent": "{label} isn't sent: {rule}.",
    "sent_as_adaptive": "Thinking is sent as adaptive: {rule}.",
    "sent_without_citations": "Web fetch is sent without citations: {rule}.",
    "no_model": "Choose a model: the request needs one.",
    "no_max_tokens": "Set max_tokens: the request needs it.",
    "max_tokens_whole": "max_tokens must be a whole number of at least 1.",
    "max_tokens_limit": "{model} writes at most {limit:,} tokens: lower max_tokens.",
    "retired": _RETIRED,
    "retired_on": _RETIRED_ON,
    "retired_use": _RETIRED + _USE,
    "retired_on_use": _RETIRED_ON + _USE,
    "deprecated": _DEPRECATED,
    "deprecated_on": _DEPRECATED_ON,
    "deprecated_use": _DEPRECATED + _USE,
    "deprecated_on_use": _DEPRECATED_ON + _USE,
    "sampling_range": "{label} must be a number from 0 to 1.",
    "top_k_whole": "top_k must be a whole number of at least 1.",
    "system_text": "The system prompt must be text.",
    "stop_sequences_list": "Stop sequences must be a list of text.",
    "stop_sequence_not_text": "Stop sequence {number} is not text: remove it or write one.",
    "stop_sequence_empty": "Stop sequence {number} is empty: remove it or write one.",
    "stop_sequence_whitespace": "Stop sequence {number} is only whitespace: remove it or write one.",
    "user_id_text": "metadata.user_id must be text.",
    "user_id_email": (
        "metadata.user_id looks like an e-mail address: send an opaque id such as a hash, not personal data."
    ),
    "user_id_phone": "metadata.user_id looks like a phone number: send an opaque id such as a hash, not personal data.",
    "server_options_object": "{label} options must be a JSON object.",
    "server_unknown_option": "{label} takes no option {option}.",
    "server_max_uses": "The most uses of {label_within} must be a whole number of at least 1.",
    "server_allowed_and_blocked": "{label} takes allowed domains or blocked domains, not both.",
    "server_allowed_domains": "The allowed domains of {label_within} must be a list of domain names.",
    "server_blocked_domains": "The blocked domains of {label_within} must be a list of domain names.",
    "server_domain_url": "{label} takes domain names such as example.com, not addresses like {url}.",
    "citations_bool": "Citations of web fetch must be true or false.",
    "tools_list": "The tools must be a list of tool definitions.",
    "tool_object": "Tool {number} must be a JSON object.",
    "tool_needs_name": "Tool {number} needs a name.",
    "tool_names_unique": "Two tools are named {name}: tool names must be unique.",
    "tool_type": "The type of the tool {tool} must be text, such as web_search_20250305.",
    "tool_name_pattern": "The tool name {tool} may only use letters, digits, _ and - (at most 128 of them).",
    "tool_needs_schema": "The tool {tool} needs an input_schema" + _TOOL_SCHEMA,
    "tool_schema_not_object": "The tool {tool} has an input_schema that is not an object schema" + _TOOL_SCHEMA,
    "tool_description_text": "The description of the tool {tool} must be text.",
    "tool_strict_bool": 'The "strict" of the tool {tool} must be true or false.',
    "tool_named_like_server": 'Two tools are named "{name}": turn {label} off, or remove that tool from the tools.',
    "tool_choice_kind": "tool_choice must be auto, any, tool or none.",
    "parallel_bool": "disable_parallel_tool_use must be true or false.",
    "tool_choice_needs_tools": 'tool_choice "{kind}" needs at least one tool.',
    "tool_choice_unknown_tool": "tool_choice names the tool {name}, which is not among the tools.",
    "tool_choice_needs_name": 'tool_choice "tool" needs the name of one of the tools.',
    "thinking_kind": "Extended thinking must be enabled with a budget, adaptive or disabled.",
    "thinking_display": "The thinking display must be summarized or omitted.",
    "thinking_budget_min": "The thinking budget must be a whole number of at least {minimum:,} tokens.",
    "thinking_budget_below": "The thinking budget must be less than max_tokens ({max_tokens:,}).",
    "not_sent_while_thinking": "{label} isn't sent while extended thinking is on.",
    "top_p_raised": "While extended thinking is on, top_p is at least {minimum:,}: it is sent as {minimum:,}.",
    "thinking_forced_tool": (
        "Extended thinking can't be used while tool_choice forces a tool: choose auto or none, or turn thinking off."
    ),
    "effort_level": "Effort must be low, medium, high, xhigh or max.",
    "schema_object": 'The output schema must be a JSON object: {{"type": "object", "properties": {{...}}}}.',
    "schema_describes_object": 'The output schema must describe an object: "type": "object", with its "properties".',
    "schema_properties": 'The "properties" of the output schema must map each name to a schema.',
    "schema_required_list": 'The "required" of the output schema must be a list of property names.',
    "schema_required_missing": "The output schema requires {name}, which is not among its properties.",
    "cache_ttl": "Prompt caching must be 5m or 1h.",
    "service_tier": "The service tier must be auto or standard_only.",
    "stream_bool": "stream must be true or false.",
    "non_streaming_limit": (
        "Non-streaming requests are limited to {limit:,} max_tokens (the API refuses longer ones); "
        "turn streaming on or lower max_tokens."
    ),
    "temperature_or_top_p": "This model refuses temperature and top_p together: only {kept} is sent.",
}
"""Everything the parameter checks say, by stable code, in English (the command line's words). Placeholders:
``{label}`` the English name of the parameter ``{field}`` (``{label_within}``: within a sentence), ``{rule}``
the rule that refuses it (`Said.reason`), ``{model}`` a model's name, ``{tool}`` a tool (its ``{name}`` as JSON
writes it, or its ``{number}``), the rest numbers or values as typed."""


@dataclass(frozen=True)
class Said:
    """One of `PROBLEMS` (``code``) with what fills it in (``values``; ``reason``: the rule behind it)."""

    code: ProblemCode
    values: Mapping[str, Any] = field(default_factory=dict)
    reason: Reason | None = None

    @property
    def text(self) -> str:
        """In English."""
        rule = self.reason.text if self.reason is not None else ""
        return PROBLEMS[self.code].format(**self.values, rule=rule)

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.values.items())), self.reason))
