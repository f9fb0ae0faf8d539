"""The rules a request's parameters follow, applied before anything is sent (Qt-free).

A conversation's parameters (``Conversation.params``, a preset, the defaults) hold the API keys of
`app.api.request.PARAMS` plus Samtal's own ``stream`` (False: a non-streaming request) and
``sampling_preference`` (``"temperature"`` or ``"top_p"``: which one is sent when the model refuses both).
`prepare` turns them into the API parameters actually sent and lists every `Problem`; `check` lists the
problems only. The GUI, the controller and ``samtal ask`` all use these, so a person sees the same
message wherever they are.

A non-blocking problem says how the request was adjusted (a parameter left out or limited); a blocking
one means the request must not be sent as it is. The rules:

- ``model`` and ``max_tokens`` are required; ``max_tokens`` is at least 1 and at most the model's limit
  when it is known. Without streaming it is at most `MAX_NONSTREAMING_TOKENS` (the API refuses more).
- ``temperature`` and ``top_p`` lie in 0..1, ``top_k`` is a whole number of at least 1.
- Extended thinking on (``thinking.type`` enabled or adaptive): temperature and top_k are not sent, top_p
  is raised to 0.95 when lower, tool_choice may not force a tool, and ``budget_tokens`` is at least 1,024
  and less than ``max_tokens``.
- A model that refuses temperature and top_p together (`refuses_temperature_with_top_p`) gets only the
  one named by ``sampling_preference`` (temperature by default).
- ``stop_sequences`` hold text that is not empty or only whitespace; ``metadata_user_id`` is text, and
  one that looks like an e-mail address or a phone number is warned about (no personal data there).
- ``tools`` are tool definitions (`validate_tools_json` checks the tools editor's JSON with positions);
  ``tool_choice`` ``any``/``tool`` needs tools, and ``tool`` names one of them. ``auto``/``none`` without
  tools mean nothing and are left out.

Values that are None, empty (``""``, ``[]``) or keys this version does not know are left out (unknown keys
are logged: a store written by a newer version may hold them).
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeGuard

from app.api.models import ModelInfo
from app.api.request import PARAMS

__all__ = [
    "MAX_NONSTREAMING_TOKENS",
    "MIN_THINKING_BUDGET",
    "SAMTAL_PARAMS",
    "THINKING_MIN_TOP_P",
    "Problem",
    "ToolProblem",
    "check",
    "field_of_api_error",
    "prefill_problem",
    "prepare",
    "refuses_temperature_with_top_p",
    "thinking_on",
    "validate_tools_json",
]

log = logging.getLogger(__name__)

MAX_NONSTREAMING_TOKENS: Final = 21_333
"""The most ``max_tokens`` a non-streaming request may ask for ("Streaming is required when max_tokens is
greater than 21,333")."""
MIN_THINKING_BUDGET: Final = 1024
THINKING_MIN_TOP_P: Final = 0.95
SAMTAL_PARAMS: Final = frozenset({"stream", "sampling_preference"})
"""Keys of a conversation's parameters that Samtal reads itself and never sends as such."""

_TOOL_NAME: Final = re.compile(r"[a-zA-Z0-9_-]{1,128}")  # the API's pattern (it was {1,64} until late 2025)
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE: Final = re.compile(r"\+?[\d ().-]{7,}")
_JSON_SPACE: Final = re.compile(r"[ \t\n\r]*")
_JSON_DECODER: Final = json.JSONDecoder()


@dataclass(frozen=True)
class Problem:
    """Something about the parameters that a person should know before the request goes out.

    ``field`` is the params key it is about ("temperature", "tools", "stream"...; "" for the request as a
    whole), ``message`` one sentence for people, ``blocking`` whether the request must not be sent."""

    field: str
    message: str
    blocking: bool


@dataclass(frozen=True)
class ToolProblem:
    """A problem in the tools editor's JSON, at a 1-based ``line`` and ``column``."""

    line: int
    column: int
    message: str


def check(params: Mapping[str, Any], model: ModelInfo | None = None) -> list[Problem]:
    """Every problem of ``params`` (warnings and blocking ones), for ``model`` (the ModelInfo of
    ``params["model"]``, when known)."""
    return prepare(params, model)[1]


def prepare(params: Mapping[str, Any], model: ModelInfo | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """The API parameters to send for ``params`` (keys of `PARAMS` only, the rules above applied) and the
    problems, as `check` lists them. Never raises; when a problem is blocking, the parameters returned
    show what was asked for but must not be sent."""
    review = _Review(params, model)
    return review.sent, review.problems


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


def refuses_temperature_with_top_p(model_id: str) -> bool:
    """Whether the model refuses a request that sets both temperature and top_p.

    Claude 4.1 and later do (Opus 4.1, Sonnet 4.5, Haiku 4.5, Opus 4.5, the 5 family...). The version is
    read from either naming scheme, ``claude-3-7-sonnet-20250219`` or ``claude-opus-4-1-20250805``, after
    any platform prefix (``us.anthropic.``). A ``claude-`` id without a readable version (the demo's
    ``claude-demo-*``, previews) counts as new; an id that is not Claude's is left alone."""
    model_id = model_id.lower()
    position = model_id.find("claude-")
    if position < 0:
        return False
    version = _claude_version(model_id[position + len("claude-") :])
    return version is None or version >= (4, 1)


def _claude_version(name: str) -> tuple[int, int] | None:
    """(major, minor) of a model name after ``claude-``; a date (``-20250514``) is not a minor version."""
    found = re.match(r"(?:instant-)?v?(\d+)(?:[.-](\d)(?!\d))?(?![\d.])", name)  # 3-7-sonnet, 2.1, instant-v1
    if found is None:
        found = re.match(r"[a-z]+-(\d+)(?:-(\d)(?!\d))?(?![\d.])", name)  # sonnet-4-5, opus-4-20250514
    if found is None:
        return None
    return int(found.group(1)), int(found.group(2) or 0)


class _Review:
    """One pass over the parameters: what is sent (``sent``) and what is wrong (``problems``)."""

    def __init__(self, params: Mapping[str, Any], model: ModelInfo | None) -> None:
        self.params = params
        self.model = model
        self.problems: list[Problem] = []
        self.sent: dict[str, Any] = {
            key: value for key, value in params.items() if key in PARAMS and value is not None and value != ""
        }
        unknown = sorted(str(key) for key in params if key not in PARAMS and key not in SAMTAL_PARAMS)
        if unknown:
            log.info("not sent, unknown parameters: %s", ", ".join(unknown))
        self._model_and_length()
        self._sampling()
        self._system()
        self._stop_sequences()
        self._metadata()
        tool_names = self._tools()
        self._tool_choice(tool_names)
        self._thinking()
        self._streaming()
        self._temperature_with_top_p()

    def _problem(self, field: str, message: str, *, blocking: bool) -> None:
        self.problems.append(Problem(field, message, blocking))

    def _model_and_length(self) -> None:
        model_id = self.sent.get("model")
        if not isinstance(model_id, str) or not model_id.strip():
            self._problem("model", "Choose a model: the request needs one.", blocking=True)
        max_tokens = self.sent.get("max_tokens")
        if max_tokens is None:
            self._problem("max_tokens", "Set max_tokens: the request needs it.", blocking=True)
        elif not _is_int(max_tokens) or max_tokens < 1:
            self._problem("max_tokens", "max_tokens must be a whole number of at least 1.", blocking=True)
        elif self.model is not None and self.model.max_tokens is not None and max_tokens > self.model.max_tokens:
            self._problem(
                "max_tokens",
                f"{self.model.display_name} writes at most {self.model.max_tokens:,} tokens: lower max_tokens.",
                blocking=True,
            )

    def _sampling(self) -> None:
        for name, label in (("temperature", "Temperature"), ("top_p", "top_p")):
            value = self.sent.get(name)
            if value is not None and not (_is_number(value) and 0 <= value <= 1):
                self._problem(name, f"{label} must be a number from 0 to 1.", blocking=True)
        top_k = self.sent.get("top_k")
        if top_k is not None and not (_is_int(top_k) and top_k >= 1):
            self._problem("top_k", "top_k must be a whole number of at least 1.", blocking=True)

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

    def _tools(self) -> set[str]:
        """Check the tool definitions; returns the names of those that have one."""
        tools = self.sent.get("tools")
        if tools is None:
            return set()
        if not isinstance(tools, list):
            self._problem("tools", "The tools must be a list of tool definitions.", blocking=True)
            return set()
        if not tools:
            del self.sent["tools"]
        for issue in _tool_issues(tools):
            self._problem("tools", issue.message, blocking=True)
        return {tool["name"] for tool in tools if isinstance(tool, Mapping) and isinstance(tool.get("name"), str)}

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
        if "tools" not in self.sent and kind in ("auto", "none"):
            del self.sent["tool_choice"]  # means nothing without tools
        elif kind in ("any", "tool") and not tool_names:
            self._problem("tool_choice", f'tool_choice "{kind}" needs at least one tool.', blocking=True)
        elif kind == "tool" and not (isinstance(name := choice.get("name"), str) and name in tool_names):
            self._problem(
                "tool_choice",
                f"tool_choice names the tool {_quoted(name)}, which is not among the tools."
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
        if thinking["type"] == "disabled":
            return
        if thinking["type"] == "enabled":
            self._thinking_budget(thinking.get("budget_tokens"))
        self._without_thinking_samplers()

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
        model_id = self.sent.get("model")
        if "temperature" not in self.sent or "top_p" not in self.sent or not isinstance(model_id, str):
            return
        if not refuses_temperature_with_top_p(model_id):
            return
        kept = "top_p" if self.params.get("sampling_preference") == "top_p" else "temperature"
        del self.sent["temperature" if kept == "top_p" else "top_p"]
        message = f"This model refuses temperature and top_p together: only {kept} is sent."
        self._problem("temperature", message, blocking=False)
        self._problem("top_p", message, blocking=False)


# --- tools ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ToolIssue:
    """What is wrong with ``tools[index]``; ``key`` is the key it is about (None: the whole tool)."""

    index: int
    key: str | None
    message: str


def _tool_issues(tools: Sequence[Any]) -> Iterator[_ToolIssue]:
    """The problems of a list of tool definitions: custom tools need a name matching the API's pattern,
    an object ``input_schema`` and a text ``description`` if any; server tools (with a ``type`` such as
    ``web_search_20250305``) are taken as they are; names are unique."""
    seen: set[str] = set()
    for index, tool in enumerate(tools):
        if not isinstance(tool, Mapping):
            yield _ToolIssue(index, None, f"Tool {index + 1} must be a JSON object.")
            continue
        name = tool.get("name")
        kind = tool.get("type", "custom")
        if not isinstance(name, str) or not name:
            yield _ToolIssue(index, "name" if "name" in tool else None, f"Tool {index + 1} needs a name.")
            name = None
        elif name in seen:
            yield _ToolIssue(index, "name", f"Two tools are named {_quoted(name)}: tool names must be unique.")
        else:
            seen.add(name)
        label = _quoted(name) if name is not None else f"number {index + 1}"
        if not isinstance(kind, str) or not kind:
            yield _ToolIssue(index, "type", f"The type of the tool {label} must be text, such as web_search_20250305.")
            continue
        if kind != "custom":
            continue  # a server tool: the provider knows its fields
        if name is not None and not _TOOL_NAME.fullmatch(name):
            yield _ToolIssue(
                index,
                "name",
                f"The tool name {label} may only use letters, digits, _ and - (at most 128 of them).",
            )
        schema = tool.get("input_schema")
        if not isinstance(schema, Mapping) or schema.get("type") != "object":
            problem = "needs an input_schema" if schema is None else "has an input_schema that is not an object schema"
            yield _ToolIssue(
                index,
                "input_schema" if "input_schema" in tool else None,
                f'The tool {label} {problem}: {{"type": "object", "properties": {{...}}}}.',
            )
        if "description" in tool and not isinstance(tool["description"], str):
            yield _ToolIssue(index, "description", f"The description of the tool {label} must be text.")


def validate_tools_json(text: str) -> list[ToolProblem]:
    """The problems of the tools editor's text, each at the line and column it is about: a JSON syntax error
    where the parser stopped, a tool's problem at the key it names (``name``, ``input_schema``...) or at
    the start of the tool. Empty text (no tools) has no problem."""
    if not text.strip():
        return []
    try:
        tools = json.loads(text)
    except json.JSONDecodeError as exc:
        return [ToolProblem(exc.lineno, exc.colno, f"{exc.msg}.")]
    start = _skip_space(text, 0)
    if not isinstance(tools, list):
        one_tool = isinstance(tools, dict) and "name" in tools
        message = (
            "The tools must be a JSON array: put this tool inside [ and ]."
            if one_tool
            else "The tools must be a JSON array of tool definitions: [{...}, {...}]."
        )
        return [ToolProblem(*_line_and_column(text, start), message)]
    item_starts = _array_item_starts(text, start)
    problems = []
    for issue in _tool_issues(tools):
        position = item_starts[issue.index]
        if issue.key is not None:
            position = _object_key_starts(text, position).get(issue.key, position)
        problems.append(ToolProblem(*_line_and_column(text, position), issue.message))
    return problems


def _skip_space(text: str, position: int) -> int:
    found = _JSON_SPACE.match(text, position)
    assert found is not None  # the pattern matches the empty string
    return found.end()


def _array_item_starts(text: str, start: int) -> list[int]:
    """Where each element of the JSON array at ``start`` begins (the text is known to be valid JSON)."""
    starts: list[int] = []
    position = _skip_space(text, start + 1)
    while text[position] != "]":
        starts.append(position)
        _, end = _JSON_DECODER.raw_decode(text, position)
        position = _skip_space(text, end)
        if text[position] == ",":
            position = _skip_space(text, position + 1)
    return starts


def _object_key_starts(text: str, start: int) -> dict[str, int]:
    """Where each key of the JSON object at ``start`` begins (for a repeated key, the last, as JSON reads
    it); nothing when ``start`` holds another value."""
    keys: dict[str, int] = {}
    if text[start] != "{":
        return keys
    position = _skip_space(text, start + 1)
    while text[position] != "}":
        key, end = _JSON_DECODER.raw_decode(text, position)
        keys[key] = position
        position = _skip_space(text, _skip_space(text, end) + 1)  # past the colon
        _, end = _JSON_DECODER.raw_decode(text, position)
        position = _skip_space(text, end)
        if text[position] == ",":
            position = _skip_space(text, position + 1)
    return keys


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    """1-based, the way `json.JSONDecodeError` counts."""
    return text.count("\n", 0, position) + 1, position - text.rfind("\n", 0, position)


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


def _quoted(name: Any) -> str:
    """A name as JSON writes it, shortened when long (it may be anything a person typed)."""
    text = str(name)
    return json.dumps(text if len(text) <= 40 else text[:39] + "…", ensure_ascii=False)
