"""What the demo server answers, decided deterministically from a validated Messages request.

Checked in this order, on the last user turn:
1. it holds tool_result blocks → a final answer quoting each result (and any error);
2. system prompt or message mentions both "title" and "conversation" → a 3-6 word title;
3. tools are offered (tool_choice not "none") and the message names one, or tool_choice is
   "any"/"tool" → a tool call (after a one-line preamble when the choice is "auto");
4. the word "long" → about 4,000 words; the word "short" → one sentence;
5. anything else → the Markdown showcase.
Thinking (enabled or adaptive) puts a thinking block first. A final assistant message (prefill) is
continued: the reply is the rest of what the request without it would have got.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.demo.answers import (
    ToolOutcome,
    continuation,
    long_answer,
    short_answer,
    showcase_answer,
    thinking_text,
    title_answer,
    tool_preamble,
    tool_results_answer,
)
from app.demo.completion import Completion, Draft, TextDraft, ThinkingDraft, ToolUseDraft, complete
from app.demo.conversation import (
    Turn,
    describe_attachments,
    last_user_turn,
    prefill,
    system_text,
    text_of,
    turns,
)
from app.demo.markdown_quoting import first_line
from app.demo.tokens import estimate_input_tokens

__all__ = ["compose_reply", "tool_input"]

Schema = Mapping[str, Any]


def compose_reply(body: Mapping[str, Any]) -> Completion:
    """The reply to `body`, which must have passed `validate_messages_request`."""
    conversation = turns(body["messages"])
    partial = prefill(conversation)
    drafts = _drafts(body, conversation[:-1] if partial is not None else conversation)
    if partial is not None:
        drafts = _continue(drafts, text_of(partial.blocks))
    return complete(
        drafts,
        model=body["model"],
        input_tokens=estimate_input_tokens(body),
        max_tokens=body["max_tokens"],
        stop_sequences=body.get("stop_sequences", ()),
    )


def _drafts(body: Mapping[str, Any], conversation: Sequence[Turn]) -> list[Draft]:
    user = last_user_turn(conversation)
    assert user is not None, "validation guarantees a first user message"
    prompt = text_of(user.blocks)
    plan, drafts = _answer(body, conversation, user, prompt)
    thinking = body.get("thinking") or {}
    if thinking.get("type") in ("enabled", "adaptive"):
        shown = thinking.get("display", "summarized") != "omitted"
        drafts.insert(0, ThinkingDraft(thinking_text(plan, prompt), shown))
    return drafts


def _answer(body: Mapping[str, Any], conversation: Sequence[Turn], user: Turn, prompt: str) -> tuple[str, list[Draft]]:
    """(the plan the thinking mentions, the drafts of the answer)."""
    results = [block for block in user.blocks if block.get("type") == "tool_result"]
    if results:
        asked_in = conversation[conversation.index(user) - 1]
        return "tool_result", [TextDraft(tool_results_answer(_outcomes(asked_in, results)))]
    instructions = f"{system_text(body.get('system'))}\n{prompt}".lower()
    if "title" in instructions and "conversation" in instructions:
        sources = [prompt, *(text_of(turn.blocks) for turn in conversation)]
        return "title", [TextDraft(title_answer(sources))]
    calls, forced = _tool_calls(body, prompt)
    if calls:
        preamble: list[Draft] = [] if forced else [TextDraft(tool_preamble([call.name for call in calls]))]
        return "tool", [*preamble, *calls]
    attachments = describe_attachments(user.blocks)
    if _has_word(prompt, "long"):
        return "long", [TextDraft(long_answer(prompt, attachments))]
    if _has_word(prompt, "short"):
        return "short", [TextDraft(short_answer(prompt, attachments))]
    return "showcase", [TextDraft(showcase_answer(prompt, attachments))]


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"\b{word}\b", text, re.IGNORECASE) is not None


def _outcomes(asked_in: Turn, results: Sequence[Mapping[str, Any]]) -> list[ToolOutcome]:
    names = {block["id"]: block["name"] for block in asked_in.blocks if block.get("type") == "tool_use"}
    return [
        ToolOutcome(
            name=names.get(result["tool_use_id"], "tool"),
            content=_result_text(result.get("content", "")),
            is_error=bool(result.get("is_error", False)),
        )
        for result in results
    ]


def _result_text(content: str | Sequence[Mapping[str, Any]]) -> str:
    if isinstance(content, str):
        return content
    return "\n".join(block["text"] if block["type"] == "text" else f"[{block['type']}]" for block in content)


# --- tool calls -----------------------------------------------------------------------------------


def _tool_calls(body: Mapping[str, Any], prompt: str) -> tuple[list[ToolUseDraft], bool]:
    """The tool calls the reply makes (maybe none), and whether tool_choice forced them."""
    tools = [tool for tool in body.get("tools", ()) if "input_schema" in tool]  # server tools run elsewhere
    choice = body.get("tool_choice") or {"type": "auto"}
    if not tools or choice["type"] == "none":
        return [], False
    if choice["type"] == "tool":
        chosen = [tool for tool in tools if tool["name"] == choice["name"]]
    else:
        chosen = [tool for tool in tools if _mentions(prompt, tool["name"])]
        if choice["type"] == "any" and not chosen:
            chosen = tools[:1]
    if choice.get("disable_parallel_tool_use"):
        chosen = chosen[:1]
    seed = json.dumps(body["messages"], sort_keys=True)
    calls = [
        ToolUseDraft(
            id="toolu_demo_" + hashlib.sha256(f"{seed}\0{position}".encode()).hexdigest()[:24],
            name=tool["name"],
            input=tool_input(tool["input_schema"], prompt, tool["name"]),
        )
        for position, tool in enumerate(chosen)
    ]
    return calls, choice["type"] in ("any", "tool")


def _name_pattern(name: str) -> re.Pattern[str]:
    """`name` as written, or with its underscores and dashes read as spaces ("get weather")."""
    spaced = r"[\s_-]+".join(re.escape(part) for part in re.split(r"[_-]+", name) if part)
    return re.compile(rf"(?<![\w-])(?:{re.escape(name)}|{spaced})(?![\w-])", re.IGNORECASE)


def _mentions(prompt: str, name: str) -> bool:
    return _name_pattern(name).search(prompt) is not None


def tool_input(schema: Schema, prompt: str, tool_name: str) -> dict[str, Any]:
    """Arguments for a call: every required property filled from its schema, strings from the prompt."""
    return _object_value(schema, _subject(prompt, tool_name))


def _object_value(schema: Schema, subject: str) -> dict[str, Any]:
    properties = schema.get("properties")
    required = schema.get("required")
    if not isinstance(properties, Mapping):
        properties = {}
    names = [name for name in required if isinstance(name, str)] if isinstance(required, list) else []
    return {name: _value(properties.get(name), subject) for name in names}


def _value(schema: object, subject: str) -> Any:
    if not isinstance(schema, Mapping):  # no schema, or `true`: anything is allowed
        return subject
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    match kind:
        case "integer" | "number":
            return 1
        case "boolean":
            return True
        case "array":
            return []
        case "object":
            return _object_value(schema, subject)
        case "null":
            return None
    return subject


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)*")
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|for|about|of|at|on|near|from|to|named|called)\s+([^\n,.;:!?()\"`]+)", re.IGNORECASE
)


def _subject(prompt: str, tool_name: str) -> str:
    """What the prompt is about, as a plausible string argument ("weather in Paris" → "Paris")."""
    text = _name_pattern(tool_name).sub(" ", prompt)
    for match in _CAPITALISED_RUN.finditer(text):
        before = text[: match.start()].rstrip()
        starts_sentence = not before or before[-1] in ".!?:\n"
        if not starts_sentence and match.group() != "I":
            return match.group()
    phrases = _AFTER_PREPOSITION.findall(text)
    if phrases:
        return " ".join(phrases[-1].split()[:5])
    return first_line(text, 60) or "demo"


# --- continuing a prefill ---------------------------------------------------------------------------


def _continue(drafts: Sequence[Draft], written: str) -> list[Draft]:
    """The rest of the answer after the text the final assistant message already holds."""
    full = "".join(draft.text for draft in drafts if isinstance(draft, TextDraft))
    rest = full[len(written) :] if full.startswith(written) else continuation()
    return [TextDraft(rest), *(draft for draft in drafts if isinstance(draft, ToolUseDraft))]
