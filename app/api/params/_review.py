"""One pass over a conversation's parameters: what is sent, and every problem (see the package docstring)."""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeGuard

from app.api.models import ModelInfo
from app.api.params._json_text import output_schema_issues, quoted, tool_issues
from app.api.params._model_rules import ModelRules, Reason, rules_for
from app.api.params._names import (
    API_PARAMS,
    CACHE_TTLS,
    DEFAULT_MAX_TOKENS,
    EFFORT_LEVELS,
    MAX_NONSTREAMING_TOKENS,
    MIN_THINKING_BUDGET,
    SAMPLING_PARAMS,
    SAMTAL_PARAMS,
    SERVER_TOOLS,
    SERVICE_TIERS,
    THINKING_DISPLAYS,
    THINKING_MIN_TOP_P,
)
from app.api.params._said import ProblemCode, Said
from app.api.providers import DEFAULT_API_VERSION

log = logging.getLogger("app.api.params")

_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE: Final = re.compile(r"\+?[\d ().-]{7,}")
_LABELS: Final = {
    "temperature": "Temperature",
    "top_p": "top_p",
    "top_k": "top_k",
    "thinking": "Extended thinking",
    "effort": "Effort",
    "output_format": "The output schema",
    "web_search": "Web search",
    "web_fetch": "Web fetch",
}


@dataclass(frozen=True)
class Problem:
    """Something about the parameters that a person should know before the request goes out.

    ``field`` is the params key it is about ("temperature", "tools", "stream"...; "" for the request as a
    whole), ``message`` one sentence for people, ``blocking`` whether the request must not be sent.
    ``rule`` is set when the value was left out (or changed) because the model or the API version refuses
    it: the rule, as a clause ("Claude Opus 4.7 and later and the Claude 5 models set their own sampling; use
    Effort"), so that a command line can refuse an option given explicitly (naming the model and the rule)
    where a value saved with a conversation only gets the warning. ``said`` is what ``message`` says, by its
    code (`PROBLEMS`), for the window to say in its own language (None: a problem made elsewhere)."""

    field: str
    message: str
    blocking: bool
    rule: str = ""
    said: Said | None = dataclasses.field(default=None, compare=False)

    @classmethod
    def of(cls, field: str, said: Said, blocking: bool) -> Problem:
        """The problem with ``field`` that says ``said`` (its rule, when ``said`` has one)."""
        rule = said.reason.text if said.reason is not None else ""
        return cls(field, said.text, blocking, rule, said)


def check(
    params: Mapping[str, Any], model: ModelInfo | None = None, *, api_version: str = DEFAULT_API_VERSION
) -> list[Problem]:
    """Every problem of ``params`` (warnings and blocking ones), for ``model`` (the provider's entry for
    ``params["model"]``, when known) under ``api_version``."""
    return prepare(params, model, api_version=api_version)[1]


def prepare(
    params: Mapping[str, Any], model: ModelInfo | None = None, *, api_version: str = DEFAULT_API_VERSION
) -> tuple[dict[str, Any], list[Problem]]:
    """The API parameters to send for ``params`` (keys of `API_PARAMS` only, the rules applied) and the
    problems, as `check` lists them. Never raises; when a problem is blocking, the parameters returned
    show what was asked for but must not be sent. Nothing the model refuses is ever in them."""
    review = _Review(params, model, api_version)
    return review.sent, review.problems


def fill_required(params: Mapping[str, Any], default_model: str) -> dict[str, Any]:
    """``params`` with the two parameters the API requires filled in when missing: ``model``
    (``default_model``) and ``max_tokens`` (`DEFAULT_MAX_TOKENS`, plus the thinking budget when thinking
    has one, so that the answer keeps its room)."""
    filled = dict(params)
    if not filled.get("model"):
        filled["model"] = default_model
    if filled.get("max_tokens") is None:
        thinking = filled.get("thinking")
        budget = thinking.get("budget_tokens") if isinstance(thinking, Mapping) else None
        filled["max_tokens"] = DEFAULT_MAX_TOKENS + (budget if _is_int(budget) and budget > 0 else 0)
    return filled


def thinking_on(params: Mapping[str, Any]) -> bool:
    """Whether ``params`` turn extended thinking on (``thinking.type`` enabled or adaptive)."""
    thinking = params.get("thinking")
    return isinstance(thinking, Mapping) and thinking.get("type") in ("enabled", "adaptive")


def prefill_problem(params: Mapping[str, Any], messages: Sequence[Mapping[str, Any]]) -> Problem | None:
    """A blocking problem when ``messages`` (as sent) end with an assistant message for the reply to
    continue while extended thinking is on: the API then wants it to start with the thinking block."""
    if not thinking_on(params) or not messages or messages[-1].get("role") != "assistant":
        return None
    content = messages[-1].get("content")
    first = content[0] if isinstance(content, list) and content else None
    if isinstance(first, Mapping) and first.get("type") in ("thinking", "redacted_thinking"):
        return None
    return Problem.of("thinking", Said("prefill_while_thinking"), True)


class _Review:
    """One pass over the parameters: what is sent (``sent``) and what is wrong (``problems``)."""

    def __init__(self, params: Mapping[str, Any], model: ModelInfo | None, api_version: str) -> None:
        self.params = params
        self.problems: list[Problem] = []
        self.sent: dict[str, Any] = {
            key: value for key, value in params.items() if key in API_PARAMS and value is not None and value != ""
        }
        unknown = sorted(str(key) for key in params if key not in API_PARAMS and key not in SAMTAL_PARAMS)
        if unknown:
            log.info("not sent, unknown parameters: %s", ", ".join(unknown))
        model_id = self.sent.get("model")
        self.rules: ModelRules = rules_for(model_id if isinstance(model_id, str) else "", api_version, model)
        self._model_and_length()
        self._sampling()
        self._system()
        self._stop_sequences()
        self._metadata()
        self._server_tools()
        tool_names = self._tools()
        self._tool_choice(tool_names)
        self._thinking()
        self._effort()
        self._output_format()
        self._choice("cache_ttl", CACHE_TTLS, "cache_ttl")
        self._choice("service_tier", SERVICE_TIERS, "service_tier")
        self._streaming()
        self._temperature_with_top_p()

    def _problem(self, about: str, code: ProblemCode, *, blocking: bool, **values: Any) -> None:
        """A problem with the parameter ``about`` (``values`` fill in the text of ``code``)."""
        self.problems.append(Problem.of(about, Said(code, values), blocking))

    def _refuse(self, field: str, reason: Reason | None, *, instead: ProblemCode | None = None) -> None:
        """Leave ``field`` out (or, with ``instead``, say how it was changed), as the model refuses it."""
        if instead is None:
            self.sent.pop(field, None)
        said = Said(instead or "not_sent", _labelled(field), reason)
        self.problems.append(Problem.of(field, said, False))

    def _model_and_length(self) -> None:
        model_id = self.sent.get("model")
        if not isinstance(model_id, str) or not model_id.strip():
            self._problem("model", "no_model", blocking=True)
        else:
            self._lifecycle()
        max_tokens = self.sent.get("max_tokens")
        limit = self.rules.max_tokens
        if max_tokens is None:
            self._problem("max_tokens", "no_max_tokens", blocking=True)
        elif not _is_int(max_tokens) or max_tokens < 1:
            self._problem("max_tokens", "max_tokens_whole", blocking=True)
        elif limit is not None and max_tokens > limit:
            self._problem("max_tokens", "max_tokens_limit", blocking=True, model=self.rules.display_name, limit=limit)

    def _lifecycle(self) -> None:
        """A retired or deprecated model is said so (the request still goes: a gateway may serve it yet)."""
        lifecycle, name = self.rules.lifecycle, self.rules.display_name
        if lifecycle is None or lifecycle.status == "active":
            return
        kind = "retired" if lifecycle.status == "retired" else "deprecated"
        code: ProblemCode = f"{kind}{'_on' if lifecycle.date else ''}{'_use' if self.rules.successor else ''}"  # type: ignore[assignment]
        self._problem(
            "model", code, blocking=False, model=name, date=lifecycle.date or "", successor=self.rules.successor or ""
        )

    def _sampling(self) -> None:
        for name in ("temperature", "top_p"):
            value = self.sent.get(name)
            if value is not None and not (_is_number(value) and 0 <= value <= 1):
                self._problem(name, "sampling_range", blocking=True, **_labelled(name))
        top_k = self.sent.get("top_k")
        if top_k is not None and not (_is_int(top_k) and top_k >= 1):
            self._problem("top_k", "top_k_whole", blocking=True)
        if not self.rules.sampling:
            for name in SAMPLING_PARAMS:
                if name in self.sent:
                    self._refuse(name, self.rules.reason("sampling"))

    def _system(self) -> None:
        """A system prompt of only whitespace says nothing: it is left out (so are such blocks of a list)."""
        system = self.sent.get("system")
        if system is None:
            return
        if isinstance(system, str):
            if not system.strip():
                del self.sent["system"]
            return
        if not (isinstance(system, list) and all(_is_text_block(block) for block in system)):
            self._problem("system", "system_text", blocking=True)
            return
        blocks = [block for block in system if block["text"].strip()]
        if blocks:
            self.sent["system"] = blocks
        else:
            del self.sent["system"]

    def _stop_sequences(self) -> None:
        sequences = self.sent.get("stop_sequences")
        if sequences is None:
            return
        if not isinstance(sequences, list):
            self._problem("stop_sequences", "stop_sequences_list", blocking=True)
            return
        if not sequences:
            del self.sent["stop_sequences"]
        for number, sequence in enumerate(sequences, start=1):
            code: ProblemCode
            if not isinstance(sequence, str):
                code = "stop_sequence_not_text"
            elif not sequence:
                code = "stop_sequence_empty"
            elif not sequence.strip():
                code = "stop_sequence_whitespace"
            else:
                continue
            self._problem("stop_sequences", code, blocking=True, number=number)

    def _metadata(self) -> None:
        user_id = self.sent.get("metadata_user_id")
        if user_id is None:
            return
        if not isinstance(user_id, str):
            self._problem("metadata_user_id", "user_id_text", blocking=True)
            return
        if not user_id.strip():
            del self.sent["metadata_user_id"]
            return
        if _EMAIL.search(user_id):
            self._problem("metadata_user_id", "user_id_email", blocking=False)
        elif _is_phone(user_id):
            self._problem("metadata_user_id", "user_id_phone", blocking=False)

    def _server_tools(self) -> None:
        """``web_search`` and ``web_fetch``: their options, then whether the model can use them."""
        for name in ("web_search", "web_fetch"):
            options = self.sent.get(name)
            if options is None:
                continue
            problem = _server_tool_problem(options, name)
            if problem is not None:
                self.problems.append(Problem.of(name, problem, True))
                continue
            why = self.rules.reason("web_search" if name == "web_search" else "web_fetch")
            if why is not None:
                self._refuse(name, why)
            elif name == "web_fetch" and options.get("citations") and not self.rules.citations:
                self.sent[name] = {key: value for key, value in options.items() if key != "citations"}
                self._refuse(name, self.rules.reason("citations"), instead="sent_without_citations")

    def _tools(self) -> set[str]:
        """Check the tool definitions; returns the names of the tools the request offers (server tools
        turned on by their own parameter included)."""
        server = {name for name in SERVER_TOOLS if name in self.sent}
        tools = self.sent.get("tools")
        if tools is None:
            return server
        if not isinstance(tools, list):
            self._problem("tools", "tools_list", blocking=True)
            return server
        if not tools:
            del self.sent["tools"]
        for issue in tool_issues(tools):
            self.problems.append(Problem.of("tools", issue.said, True))
        names = {tool["name"] for tool in tools if isinstance(tool, Mapping) and isinstance(tool.get("name"), str)}
        for name in sorted(server & names):
            self._problem("tools", "tool_named_like_server", blocking=True, name=name, **_labelled(name))
        return names | server

    def _tool_choice(self, tool_names: set[str]) -> None:
        choice = self.sent.get("tool_choice")
        if choice is None:
            return
        kind = choice.get("type") if isinstance(choice, Mapping) else None
        if kind not in ("auto", "any", "tool", "none"):
            self._problem("tool_choice", "tool_choice_kind", blocking=True)
            return
        if not isinstance(choice.get("disable_parallel_tool_use", False), bool):
            self._problem("tool_choice", "parallel_bool", blocking=True)
        if not tool_names and "tools" not in self.sent and kind in ("auto", "none"):
            del self.sent["tool_choice"]  # means nothing without tools
        elif kind in ("any", "tool") and not tool_names:
            self._problem("tool_choice", "tool_choice_needs_tools", blocking=True, kind=kind)
        elif kind == "tool" and not (isinstance(name := choice.get("name"), str) and name in tool_names):
            if isinstance(name, str) and name:
                self._problem("tool_choice", "tool_choice_unknown_tool", blocking=True, name=quoted(name))
            else:
                self._problem("tool_choice", "tool_choice_needs_name", blocking=True)
        elif kind == "none" and "disable_parallel_tool_use" in choice:
            self.sent["tool_choice"] = {"type": "none"}  # the API takes no other field with none

    def _thinking(self) -> None:
        thinking = self.sent.get("thinking")
        if thinking is None:
            return
        if not isinstance(thinking, Mapping) or thinking.get("type") not in ("enabled", "adaptive", "disabled"):
            self._problem("thinking", "thinking_kind", blocking=True)
            return
        if "display" in thinking and thinking["display"] not in THINKING_DISPLAYS:
            self._problem("thinking", "thinking_display", blocking=True)
            return
        kind = thinking["type"]
        if kind == "disabled":
            self._thinking_off(thinking)
            return
        if kind == "enabled" and "budget" not in self.rules.thinking_modes:
            if "adaptive" not in self.rules.thinking_modes:
                self._refuse("thinking", self.rules.reason("budget"))
                return
            adaptive = {key: value for key, value in thinking.items() if key not in ("budget_tokens",)}
            self.sent["thinking"] = {**adaptive, "type": "adaptive"}
            self._refuse("thinking", self.rules.reason("budget"), instead="sent_as_adaptive")
        elif kind == "adaptive" and "adaptive" not in self.rules.thinking_modes:
            self._refuse("thinking", self.rules.reason("adaptive"))
            return
        elif kind == "enabled":
            self._thinking_budget(thinking.get("budget_tokens"))
        self._without_thinking_samplers()

    def _thinking_off(self, thinking: Mapping[str, Any]) -> None:
        """``disabled`` takes no display; a model that can't think has nothing to turn off (so nothing is sent);
        one that always thinks refuses it."""
        if "display" in thinking:
            self.sent["thinking"] = {"type": "disabled"}
        if not self.rules.thinking:
            del self.sent["thinking"]
        elif "off" not in self.rules.thinking_modes:
            self._refuse("thinking", self.rules.reason("thinking_off"))

    def _thinking_budget(self, budget: Any) -> None:
        if not (_is_int(budget) and budget >= MIN_THINKING_BUDGET):
            self._problem("thinking", "thinking_budget_min", blocking=True, minimum=MIN_THINKING_BUDGET)
            return
        max_tokens = self.sent.get("max_tokens")
        if _is_int(max_tokens) and budget >= max_tokens:
            self._problem("thinking", "thinking_budget_below", blocking=True, max_tokens=max_tokens)

    def _without_thinking_samplers(self) -> None:
        """With thinking on: no temperature or top_k, top_p at least 0.95, no forced tool use."""
        for name in ("temperature", "top_k"):
            if name in self.sent:
                del self.sent[name]
                self._problem(name, "not_sent_while_thinking", blocking=False, **_labelled(name))
        top_p = self.sent.get("top_p")
        if _is_number(top_p) and 0 <= top_p < THINKING_MIN_TOP_P:
            self.sent["top_p"] = THINKING_MIN_TOP_P
            self._problem("top_p", "top_p_raised", blocking=False, minimum=THINKING_MIN_TOP_P)
        choice = self.sent.get("tool_choice")
        if isinstance(choice, Mapping) and choice.get("type") in ("any", "tool"):
            self._problem("tool_choice", "thinking_forced_tool", blocking=True)

    def _effort(self) -> None:
        effort = self.sent.get("effort")
        if effort is None:
            return
        if effort not in EFFORT_LEVELS:
            self._problem("effort", "effort_level", blocking=True)
            return
        why = self.rules.reason("effort", effort)
        if why is not None:
            self._refuse("effort", why)

    def _output_format(self) -> None:
        schema = self.sent.get("output_format")
        if schema is None:
            return
        issues = output_schema_issues(schema)
        if issues:
            self.problems.append(Problem.of("output_format", issues[0][1], True))
        elif not self.rules.structured_outputs:
            self._refuse("output_format", self.rules.reason("output_format"))

    def _choice(self, field: str, allowed: tuple[str, ...], code: ProblemCode) -> None:
        if field in self.sent and self.sent[field] not in allowed:
            self._problem(field, code, blocking=True)

    def _streaming(self) -> None:
        stream = self.params.get("stream", True)
        if not isinstance(stream, bool):
            self._problem("stream", "stream_bool", blocking=True)
            return
        max_tokens = self.sent.get("max_tokens")
        if not stream and _is_int(max_tokens) and max_tokens > MAX_NONSTREAMING_TOKENS:
            self._problem("stream", "non_streaming_limit", blocking=True, limit=MAX_NONSTREAMING_TOKENS)

    def _temperature_with_top_p(self) -> None:
        if "temperature" not in self.sent or "top_p" not in self.sent or self.rules.temperature_with_top_p:
            return
        kept = "top_p" if self.params.get("sampling_preference") == "top_p" else "temperature"
        del self.sent["temperature" if kept == "top_p" else "top_p"]
        self._problem("temperature", "temperature_or_top_p", blocking=False, kept=kept)
        self._problem("top_p", "temperature_or_top_p", blocking=False, kept=kept)


def _server_tool_problem(options: Any, name: str) -> Said | None:
    """What is wrong with the options of the server tool ``name`` (None when nothing)."""
    labelled = _labelled(name)
    if not isinstance(options, Mapping):
        return Said("server_options_object", labelled)
    known = {"max_uses", "allowed_domains", "blocked_domains", *(("citations",) if name == "web_fetch" else ())}
    unknown = sorted(str(key) for key in options if key not in known)
    if unknown:
        return Said("server_unknown_option", {**labelled, "option": quoted(unknown[0])})
    max_uses = options.get("max_uses")
    if max_uses is not None and not (_is_int(max_uses) and max_uses >= 1):
        return Said("server_max_uses", labelled)
    if options.get("allowed_domains") and options.get("blocked_domains"):
        return Said("server_allowed_and_blocked", labelled)
    for key, code in (("allowed_domains", "server_allowed_domains"), ("blocked_domains", "server_blocked_domains")):
        domains = options.get(key)
        if domains is None:
            continue
        if not isinstance(domains, list) or not all(isinstance(domain, str) and domain.strip() for domain in domains):
            return Said(code, labelled)  # type: ignore[arg-type]
        url = next((domain for domain in domains if "://" in domain), None)
        if url is not None:
            return Said("server_domain_url", {**labelled, "url": quoted(url)})
    if "citations" in options and not isinstance(options["citations"], bool):
        return Said("citations_bool")
    return None


def _labelled(field: str) -> dict[str, str]:
    """The values that name the parameter ``field`` in `PROBLEMS`' English (``{label}``, ``{label_within}``)."""
    label = _LABELS.get(field, field)
    return {"field": field, "label": label, "label_within": label.lower() if field in SERVER_TOOLS else label}


# --- API errors -----------------------------------------------------------------------------------

# Names an API error message may use for a parameter, and the params key each stands for. "messages" maps
# to None: an error about the conversation itself is not about a parameter.
_ERROR_NAMES: Final[dict[str, str | None]] = {
    "metadata.user_id": "metadata_user_id",
    "metadata": "metadata_user_id",
    "user_id": "metadata_user_id",
    "budget_tokens": "thinking",
    "thinking": "thinking",
    "max_tokens": "max_tokens",
    "temperature": "temperature",
    "top_p": "top_p",
    "top_k": "top_k",
    "stop_sequences": "stop_sequences",
    "stop sequence": "stop_sequences",
    "tool_choice": "tool_choice",
    "tools": "tools",
    "input_schema": "tools",
    "system": "system",
    "streaming": "stream",
    "stream": "stream",
    "model": "model",
    "output_config.effort": "effort",
    "effort": "effort",
    "output_config.format": "output_format",
    "output_format": "output_format",
    "cache_control": "cache_ttl",
    "service_tier": "service_tier",
    "web_search": "web_search",
    "web_fetch": "web_fetch",
    "messages": None,
}
_ERROR_NAME: Final = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(name) for name in sorted(_ERROR_NAMES, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)


def field_of_api_error(message: str) -> str | None:
    """The params key a 400's message is about, or None: the parameter it names first, as in
    ``max_tokens: 100000 > 64000, which is the maximum ...``, ``thinking.budget_tokens: ...``, ``metadata.user_id:
    ...`` or "`temperature` and `top_p` cannot both be specified for this model"."""
    found = _ERROR_NAME.search(message)
    return _ERROR_NAMES[found.group(1).lower()] if found is not None else None


# --- small predicates -----------------------------------------------------------------------------


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> TypeGuard[float]:
    # An int is always finite; math.isfinite would raise OverflowError for one too large for a float.
    return _is_int(value) or (isinstance(value, float) and math.isfinite(value))


def _is_text_block(block: Any) -> bool:
    return isinstance(block, Mapping) and block.get("type") == "text" and isinstance(block.get("text"), str)


def _is_phone(text: str) -> bool:
    """Digits as a phone number is written (8 to 15 of them, maybe with +, spaces, dashes, brackets); plain
    digits count only after a +, since ids are often numbers."""
    digits = sum(character.isdigit() for character in text)
    return bool(_PHONE.fullmatch(text.strip())) and 8 <= digits <= 15 and not text.strip().isdigit()
