"""One pass over a conversation's parameters: what is sent, and every problem (see the package docstring)."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeGuard

from app.api.models import ModelInfo
from app.api.params._json_text import output_schema_issues, quoted, tool_issues
from app.api.params._model_rules import ModelRules, rules_for
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
    where a value saved with a conversation only gets the warning."""

    field: str
    message: str
    blocking: bool
    rule: str = ""


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
    return Problem("thinking", "A reply can't be continued while extended thinking is on: turn thinking off.", True)


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
        self._choice("cache_ttl", CACHE_TTLS, "Prompt caching must be 5m or 1h.")
        self._choice("service_tier", SERVICE_TIERS, "The service tier must be auto or standard_only.")
        self._streaming()
        self._temperature_with_top_p()

    def _problem(self, field: str, message: str, *, blocking: bool) -> None:
        self.problems.append(Problem(field, message, blocking))

    def _refuse(self, field: str, rule: str, *, instead: str = "") -> None:
        """Leave ``field`` out (or, with ``instead``, say how it was changed), as the model refuses it."""
        if not instead:
            self.sent.pop(field, None)
        what = instead or f"{_LABELS.get(field, field)} isn't sent"
        self.problems.append(Problem(field, f"{what}: {rule}.", False, rule))

    def _model_and_length(self) -> None:
        model_id = self.sent.get("model")
        if not isinstance(model_id, str) or not model_id.strip():
            self._problem("model", "Choose a model: the request needs one.", blocking=True)
        else:
            self._lifecycle()
        max_tokens = self.sent.get("max_tokens")
        limit = self.rules.max_tokens
        if max_tokens is None:
            self._problem("max_tokens", "Set max_tokens: the request needs it.", blocking=True)
        elif not _is_int(max_tokens) or max_tokens < 1:
            self._problem("max_tokens", "max_tokens must be a whole number of at least 1.", blocking=True)
        elif limit is not None and max_tokens > limit:
            self._problem(
                "max_tokens",
                f"{self.rules.display_name} writes at most {limit:,} tokens: lower max_tokens.",
                blocking=True,
            )

    def _lifecycle(self) -> None:
        """A retired or deprecated model is said so (the request still goes: a gateway may serve it yet)."""
        lifecycle, name = self.rules.lifecycle, self.rules.display_name
        if lifecycle is None or lifecycle.status == "active":
            return
        move = f" Use {self.rules.successor} instead." if self.rules.successor else ""
        if lifecycle.status == "retired":
            when = f" on {lifecycle.date}" if lifecycle.date else ""
            self._problem(
                "model", f"{name} was retired{when}: the API no longer answers it.{move}".rstrip(), blocking=False
            )
        else:
            when = f" on {lifecycle.date}" if lifecycle.date else " soon"
            self._problem("model", f"{name} is deprecated and retires{when}.{move}".rstrip(), blocking=False)

    def _sampling(self) -> None:
        for name, label in (("temperature", "Temperature"), ("top_p", "top_p")):
            value = self.sent.get(name)
            if value is not None and not (_is_number(value) and 0 <= value <= 1):
                self._problem(name, f"{label} must be a number from 0 to 1.", blocking=True)
        top_k = self.sent.get("top_k")
        if top_k is not None and not (_is_int(top_k) and top_k >= 1):
            self._problem("top_k", "top_k must be a whole number of at least 1.", blocking=True)
        if not self.rules.sampling:
            for name in SAMPLING_PARAMS:
                if name in self.sent:
                    self._refuse(name, self.rules.sampling_rule)

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
            self._problem("system", "The system prompt must be text.", blocking=True)
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
            self._problem("stop_sequences", "Stop sequences must be a list of text.", blocking=True)
            return
        if not sequences:
            del self.sent["stop_sequences"]
        for number, sequence in enumerate(sequences, start=1):
            if not isinstance(sequence, str):
                why = "is not text"
            elif not sequence:
                why = "is empty"
            elif not sequence.strip():
                why = "is only whitespace"
            else:
                continue
            self._problem("stop_sequences", f"Stop sequence {number} {why}: remove it or write one.", blocking=True)

    def _metadata(self) -> None:
        user_id = self.sent.get("metadata_user_id")
        if user_id is None:
            return
        if not isinstance(user_id, str):
            self._problem("metadata_user_id", "metadata.user_id must be text.", blocking=True)
            return
        if not user_id.strip():
            del self.sent["metadata_user_id"]
            return
        looks_like = "an e-mail address" if _EMAIL.search(user_id) else "a phone number" if _is_phone(user_id) else ""
        if looks_like:
            self._problem(
                "metadata_user_id",
                f"metadata.user_id looks like {looks_like}: send an opaque id such as a hash, not personal data.",
                blocking=False,
            )

    def _server_tools(self) -> None:
        """``web_search`` and ``web_fetch``: their options, then whether the model can use them."""
        for name, label in (("web_search", "Web search"), ("web_fetch", "Web fetch")):
            options = self.sent.get(name)
            if options is None:
                continue
            problem = _server_tool_problem(options, label, fetch=name == "web_fetch")
            if problem:
                self._problem(name, problem, blocking=True)
                continue
            why = self.rules.why_not("web_search" if name == "web_search" else "web_fetch")
            if why:
                self._refuse(name, why)
            elif name == "web_fetch" and options.get("citations") and not self.rules.citations:
                self.sent[name] = {key: value for key, value in options.items() if key != "citations"}
                self._refuse(name, self.rules.why_not("citations"), instead="Web fetch is sent without citations")

    def _tools(self) -> set[str]:
        """Check the tool definitions; returns the names of the tools the request offers (server tools
        turned on by their own parameter included)."""
        server = {name for name in SERVER_TOOLS if name in self.sent}
        tools = self.sent.get("tools")
        if tools is None:
            return server
        if not isinstance(tools, list):
            self._problem("tools", "The tools must be a list of tool definitions.", blocking=True)
            return server
        if not tools:
            del self.sent["tools"]
        for issue in tool_issues(tools):
            self._problem("tools", issue.message, blocking=True)
        names = {tool["name"] for tool in tools if isinstance(tool, Mapping) and isinstance(tool.get("name"), str)}
        for name in sorted(server & names):
            self._problem(
                "tools",
                f'Two tools are named "{name}": turn {_LABELS[name]} off, or remove that tool from the tools.',
                blocking=True,
            )
        return names | server

    def _tool_choice(self, tool_names: set[str]) -> None:
        choice = self.sent.get("tool_choice")
        if choice is None:
            return
        kind = choice.get("type") if isinstance(choice, Mapping) else None
        if kind not in ("auto", "any", "tool", "none"):
            self._problem("tool_choice", "tool_choice must be auto, any, tool or none.", blocking=True)
            return
        if not isinstance(choice.get("disable_parallel_tool_use", False), bool):
            self._problem("tool_choice", "disable_parallel_tool_use must be true or false.", blocking=True)
        if not tool_names and "tools" not in self.sent and kind in ("auto", "none"):
            del self.sent["tool_choice"]  # means nothing without tools
        elif kind in ("any", "tool") and not tool_names:
            self._problem("tool_choice", f'tool_choice "{kind}" needs at least one tool.', blocking=True)
        elif kind == "tool" and not (isinstance(name := choice.get("name"), str) and name in tool_names):
            self._problem(
                "tool_choice",
                f"tool_choice names the tool {quoted(name)}, which is not among the tools."
                if isinstance(name, str) and name
                else 'tool_choice "tool" needs the name of one of the tools.',
                blocking=True,
            )
        elif kind == "none" and "disable_parallel_tool_use" in choice:
            self.sent["tool_choice"] = {"type": "none"}  # the API takes no other field with none

    def _thinking(self) -> None:
        thinking = self.sent.get("thinking")
        if thinking is None:
            return
        if not isinstance(thinking, Mapping) or thinking.get("type") not in ("enabled", "adaptive", "disabled"):
            self._problem(
                "thinking", "Extended thinking must be enabled with a budget, adaptive or disabled.", blocking=True
            )
            return
        if "display" in thinking and thinking["display"] not in THINKING_DISPLAYS:
            self._problem("thinking", "The thinking display must be summarized or omitted.", blocking=True)
            return
        kind = thinking["type"]
        if kind == "disabled":
            self._thinking_off(thinking)
            return
        if kind == "enabled" and "budget" not in self.rules.thinking_modes:
            if "adaptive" not in self.rules.thinking_modes:
                self._refuse("thinking", self.rules.why_not("budget"))
                return
            adaptive = {key: value for key, value in thinking.items() if key not in ("budget_tokens",)}
            self.sent["thinking"] = {**adaptive, "type": "adaptive"}
            self._refuse("thinking", self.rules.why_not("budget"), instead="Thinking is sent as adaptive")
        elif kind == "adaptive" and "adaptive" not in self.rules.thinking_modes:
            self._refuse("thinking", self.rules.why_not("adaptive"))
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
            self._refuse("thinking", self.rules.why_not("thinking_off"))

    def _thinking_budget(self, budget: Any) -> None:
        if not (_is_int(budget) and budget >= MIN_THINKING_BUDGET):
            self._problem(
                "thinking",
                f"The thinking budget must be a whole number of at least {MIN_THINKING_BUDGET:,} tokens.",
                blocking=True,
            )
            return
        max_tokens = self.sent.get("max_tokens")
        if _is_int(max_tokens) and budget >= max_tokens:
            self._problem(
                "thinking", f"The thinking budget must be less than max_tokens ({max_tokens:,}).", blocking=True
            )

    def _without_thinking_samplers(self) -> None:
        """With thinking on: no temperature or top_k, top_p at least 0.95, no forced tool use."""
        for name, label in (("temperature", "Temperature"), ("top_k", "top_k")):
            if name in self.sent:
                del self.sent[name]
                self._problem(name, f"{label} isn't sent while extended thinking is on.", blocking=False)
        top_p = self.sent.get("top_p")
        if _is_number(top_p) and 0 <= top_p < THINKING_MIN_TOP_P:
            self.sent["top_p"] = THINKING_MIN_TOP_P
            self._problem(
                "top_p", "While extended thinking is on, top_p is at least 0.95: it is sent as 0.95.", blocking=False
            )
        choice = self.sent.get("tool_choice")
        if isinstance(choice, Mapping) and choice.get("type") in ("any", "tool"):
            self._problem(
                "tool_choice",
                "Extended thinking can't be used while tool_choice forces a tool: choose auto or none, "
                "or turn thinking off.",
                blocking=True,
            )

    def _effort(self) -> None:
        effort = self.sent.get("effort")
        if effort is None:
            return
        if effort not in EFFORT_LEVELS:
            self._problem("effort", "Effort must be low, medium, high, xhigh or max.", blocking=True)
            return
        why = self.rules.why_not("effort", effort)
        if why:
            self._refuse("effort", why)

    def _output_format(self) -> None:
        schema = self.sent.get("output_format")
        if schema is None:
            return
        issues = output_schema_issues(schema)
        if issues:
            self._problem("output_format", issues[0][1], blocking=True)
        elif not self.rules.structured_outputs:
            self._refuse("output_format", self.rules.why_not("output_format"))

    def _choice(self, field: str, allowed: tuple[str, ...], message: str) -> None:
        if field in self.sent and self.sent[field] not in allowed:
            self._problem(field, message, blocking=True)

    def _streaming(self) -> None:
        stream = self.params.get("stream", True)
        if not isinstance(stream, bool):
            self._problem("stream", "stream must be true or false.", blocking=True)
            return
        max_tokens = self.sent.get("max_tokens")
        if not stream and _is_int(max_tokens) and max_tokens > MAX_NONSTREAMING_TOKENS:
            self._problem(
                "stream",
                f"Non-streaming requests are limited to {MAX_NONSTREAMING_TOKENS:,} max_tokens (the API refuses "
                "longer ones); turn streaming on or lower max_tokens.",
                blocking=True,
            )

    def _temperature_with_top_p(self) -> None:
        if "temperature" not in self.sent or "top_p" not in self.sent or self.rules.temperature_with_top_p:
            return
        kept = "top_p" if self.params.get("sampling_preference") == "top_p" else "temperature"
        del self.sent["temperature" if kept == "top_p" else "top_p"]
        message = f"This model refuses temperature and top_p together: only {kept} is sent."
        self._problem("temperature", message, blocking=False)
        self._problem("top_p", message, blocking=False)


def _server_tool_problem(options: Any, label: str, *, fetch: bool) -> str:
    """What is wrong with the options of a server tool ("" when nothing)."""
    if not isinstance(options, Mapping):
        return f"{label} options must be a JSON object."
    known = {"max_uses", "allowed_domains", "blocked_domains", *(("citations",) if fetch else ())}
    unknown = sorted(str(key) for key in options if key not in known)
    if unknown:
        return f"{label} takes no option {quoted(unknown[0])}."
    max_uses = options.get("max_uses")
    if max_uses is not None and not (_is_int(max_uses) and max_uses >= 1):
        return f"The most uses of {label.lower()} must be a whole number of at least 1."
    if options.get("allowed_domains") and options.get("blocked_domains"):
        return f"{label} takes allowed domains or blocked domains, not both."
    for key in ("allowed_domains", "blocked_domains"):
        domains = options.get(key)
        if domains is None:
            continue
        if not isinstance(domains, list) or not all(isinstance(domain, str) and domain.strip() for domain in domains):
            return f"The {key.replace('_', ' ')} of {label.lower()} must be a list of domain names."
        url = next((domain for domain in domains if "://" in domain), None)
        if url is not None:
            return f"{label} takes domain names such as example.com, not addresses like {quoted(url)}."
    if "citations" in options and not isinstance(options["citations"], bool):
        return "Citations of web fetch must be true or false."
    return ""


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
