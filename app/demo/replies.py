"""What the demo server answers, decided deterministically from a validated Messages request.

The triggers and the order they are checked in are listed in the package docstring (`app.demo`); here
they are, in that order, on the last user turn: tool results, a title request, "refuse", the web
(`_Web`: searches per subject, "research" with pauses, a URL or "read" to fetch), a named tool,
"context window", "long"/"short", and the showcase as deep as the effort asks. Structured output
(`output_config.format`) turns the answer's text into one JSON value valid against the schema; thinking
(enabled or adaptive) goes first, with only its signature when its display is "omitted" (the 5 family's
default). A final assistant message is continued: a paused turn gets the rest of its searches and its
answer, text gets the rest of what the request without it would have got.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

from app.demo.answers import (
    ToolOutcome,
    cited_sentence,
    continuation,
    fetch_failed,
    fetch_intro,
    long_answer,
    math_answer,
    no_results,
    refusal_explanation,
    search_failed,
    search_intro,
    short_answer,
    showcase_answer,
    thinking_text,
    title_answer,
    tool_preamble,
    tool_results_answer,
    web_closing,
)
from app.demo.completion import (
    Completion,
    Draft,
    PauseDraft,
    RefusalDraft,
    ServerResultDraft,
    ServerToolUseDraft,
    TextDraft,
    ThinkingDraft,
    ToolUseDraft,
    complete,
)
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
from app.demo.model_catalog import find_model
from app.demo.prompt_cache import NO_CACHE, CacheUse
from app.demo.schema_values import value_for
from app.demo.tokens import estimate_input_tokens, split_tokens
from app.demo.web_corpus import RETRIEVED_AT, SERVER_TOOL_TYPES, Page, domain_allowed, find_page, opaque, search

__all__ = ["compose_reply", "tool_input"]

Schema = Mapping[str, Any]

_CONTEXT_WINDOW = 200_000  # for model ids the demo does not list
_FULL_WINDOW_ROOM = 150  # tokens of reply "left" when a message asks what a full context window does
_REFUSED_AFTER = 12  # tokens of the answer streamed before the demo's refusal
_MAX_SEARCHES = 3
_CITED_TEXT_LIMIT = 150  # the API quotes at most this many characters of a search result
_URL = re.compile(r"https?://[^\s<>()\[\]`\"']+")


def compose_reply(body: Mapping[str, Any], cache: CacheUse = NO_CACHE) -> Completion:
    """The reply to `body`, which must have passed `validate_messages_request`; `cache` is what the
    prompt cache did for it."""
    conversation = turns(body["messages"])
    partial = prefill(conversation)
    context = conversation[:-1] if partial is not None else conversation
    drafts, room = _drafts(body, context)
    if partial is not None:
        drafts = _resume(drafts, partial)
    input_tokens = estimate_input_tokens(body)
    model = find_model(body["model"])
    window = model.max_input_tokens if model is not None else _CONTEXT_WINDOW
    return complete(
        drafts,
        model=body["model"],
        input_tokens=input_tokens,
        max_tokens=body["max_tokens"],
        stop_sequences=body.get("stop_sequences", ()),
        context_room=min(window - input_tokens, room) if room is not None else window - input_tokens,
        cache=cache,
        server_tools=any(tool.get("type") in SERVER_TOOL_TYPES for tool in body.get("tools", ())),
    )


def _drafts(body: Mapping[str, Any], conversation: Sequence[Turn]) -> tuple[list[Draft], int | None]:
    """The whole turn (thinking first), and the context window room it pretends is left (None: the real one)."""
    user = last_user_turn(conversation)
    assert user is not None, "validation guarantees a first user message"
    prompt = text_of(user.blocks)
    effort = (body.get("output_config") or {}).get("effort") or "high"
    plan, drafts = _answer(body, conversation, user, prompt, effort)
    output_format = (body.get("output_config") or {}).get("format")
    if output_format is not None:
        drafts = _structured(drafts, output_format["schema"], prompt)
    thinking = body.get("thinking") or {}
    if thinking.get("type") in ("enabled", "adaptive"):
        model = find_model(body["model"])
        display = thinking.get("display") or (model.default_display if model is not None else "summarized")
        drafts.insert(0, ThinkingDraft(thinking_text(plan, prompt, effort), display != "omitted"))
    return drafts, _FULL_WINDOW_ROOM if plan == "context" else None


def _answer(
    body: Mapping[str, Any], conversation: Sequence[Turn], user: Turn, prompt: str, effort: str
) -> tuple[str, list[Draft]]:
    """(the plan the thinking mentions, the drafts of the answer)."""
    results = [block for block in user.blocks if block.get("type") == "tool_result"]
    if results:
        asked_in = conversation[conversation.index(user) - 1]
        return "tool_result", [TextDraft(tool_results_answer(_outcomes(asked_in, results)))]
    instructions = f"{system_text(body.get('system'))}\n{prompt}".lower()
    if "title" in instructions and "conversation" in instructions:
        sources = [prompt, *(text_of(turn.blocks) for turn in conversation)]
        return "title", [TextDraft(title_answer(sources))]
    attachments = describe_attachments(user.blocks)
    if _has_word(prompt, "refuse"):
        started = "".join(split_tokens(showcase_answer(prompt, attachments, effort))[:_REFUSED_AFTER])
        return "refusal", [TextDraft(started), RefusalDraft(_refusal_category(prompt), refusal_explanation())]
    web = _Web(body, conversation, prompt).drafts()
    if web is not None:
        return web
    calls, forced = _tool_calls(body, prompt)
    if calls:
        preamble: list[Draft] = [] if forced else [TextDraft(tool_preamble([call.name for call in calls]))]
        return "tool", [*preamble, *calls]
    if re.search(r"\bcontext windows?\b", prompt, re.IGNORECASE):
        return "context", [TextDraft(long_answer(prompt, attachments))]
    if _has_word(prompt, "long"):
        return "long", [TextDraft(long_answer(prompt, attachments))]
    if _has_word(prompt, "short"):
        return "short", [TextDraft(short_answer(prompt, attachments))]
    if re.search(r"\b(math|formulas?|equations?)\b", prompt, re.IGNORECASE):
        return "math", [TextDraft(math_answer(prompt, attachments))]
    return "showcase", [TextDraft(showcase_answer(prompt, attachments, effort))]


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"\b{word}\b", text, re.IGNORECASE) is not None


def _refusal_category(prompt: str) -> str:
    if re.search(r"\b(malware|exploit\w*|hack\w*|ransomware|cyber\w*)\b", prompt, re.IGNORECASE):
        return "cyber"
    if re.search(r"\b(virus\w*|pathogen\w*|toxin\w*|bio\w*)\b", prompt, re.IGNORECASE):
        return "bio"
    return "general_harms"


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


def _structured(drafts: Sequence[Draft], schema: Schema, prompt: str) -> list[Draft]:
    """The answer with its text replaced by one JSON value valid against `schema` (tool calls and server
    tools stay; text before a tool call goes, as a model answering in JSON writes no preamble)."""
    kept: list[Draft] = [draft for draft in drafts if not isinstance(draft, TextDraft)]
    if any(isinstance(draft, ToolUseDraft | RefusalDraft) for draft in kept):
        return kept
    value = value_for(schema, _subject(prompt), complete=True)
    return [*kept, TextDraft(json.dumps(value, ensure_ascii=False))]


# --- the web: search and fetch from the built-in corpus ----------------------------------------------


class _Web:
    """The server-tool part of a reply: which searches and fetches run, and the answer citing them."""

    _ASKS_TO_SEARCH = re.compile(r"\b(search\w*|research|look(?:ing|s)? (?:it )?up|latest|news)\b", re.IGNORECASE)
    _ASKS_TO_READ = re.compile(r"\b(read|open|fetch)\b", re.IGNORECASE)
    _FILLER = re.compile(
        r"\b(please|could you|can you|would you|search(?:es|ing)?(?: for)?|do some research(?: on)?|research"
        r"|the web|online|look(?:ing)? (?:it )?up|the latest(?: on)?|latest|news(?: about| on)?|for|on|about"
        r"|and then|then|read|open|fetch|the first result|first result|it|me|tell)\b",
        re.IGNORECASE,
    )

    def __init__(self, body: Mapping[str, Any], conversation: Sequence[Turn], prompt: str) -> None:
        tools = body.get("tools", ())
        self.search_tool = next((t for t in tools if SERVER_TOOL_TYPES.get(t.get("type")) == "web_search"), None)
        self.fetch_tool = next((t for t in tools if SERVER_TOOL_TYPES.get(t.get("type")) == "web_fetch"), None)
        self.prompt = prompt
        self.seed = json.dumps([turn.blocks for turn in conversation], sort_keys=True, default=str)
        self.uses = {"web_search": 0, "web_fetch": 0}
        self.drafts_so_far: list[Draft] = []

    def drafts(self) -> tuple[str, list[Draft]] | None:
        """(plan, drafts) when the message asks for the web and the tools are there, else None."""
        queries = self._queries()
        url = self._url()
        if not queries and url is None:
            return None
        research = bool(queries) and re.search(r"\bresearch\b", self.prompt, re.IGNORECASE) is not None
        if research:
            queries = [*queries, *(f"{queries[0]} {more}" for more in ("explained", "recent findings"))]
            queries = queries[:_MAX_SEARCHES]
        answer: list[_Piece] = []
        findings: list[tuple[str, list[Page] | str]] = []
        for number, query in enumerate(queries):
            findings.append((query, self._search(query)))
            if research and number < len(queries) - 1:
                self.drafts_so_far.append(PauseDraft())
        if url is None and findings and self.fetch_tool is not None and self._ASKS_TO_READ.search(self.prompt):
            pages = next((found for _, found in findings if isinstance(found, list) and found), None)
            url = pages[0].url if pages else None
        if findings:
            answer += self._search_answer(findings)
        if url is not None:
            answer += [*(["\n\n"] if answer else []), *self._fetch_answer(url)]
        if any(isinstance(piece, tuple) for piece in answer):
            answer.append(f"\n\n{web_closing()}")
        plan = "research" if research else "search" if queries else "fetch"
        return plan, [*self.drafts_so_far, *_text_drafts(answer)]

    def _queries(self) -> list[str]:
        if self.search_tool is None or not self._ASKS_TO_SEARCH.search(self.prompt):
            return []
        line = first_line(_URL.sub(" ", self.prompt), 200)
        topic = " ".join(self._FILLER.sub(" ", line).split()).strip(" ?.!,:;") or line
        parts = [part.strip(" ?.!,:;") for part in re.split(r"\s*(?:,|\band\b|\bvs\.?|\bversus\b)\s*", topic)]
        return [part for part in parts if part][:_MAX_SEARCHES] or [topic]

    def _url(self) -> str | None:
        if self.fetch_tool is None:
            return None
        found = _URL.search(self.prompt)
        return found.group().rstrip(".,;:!?") if found else None

    def _call(self, name: str, tool_input: Mapping[str, Any]) -> tuple[str, bool]:
        """Add the server_tool_use block for a call; (its id, whether max_uses still allows it)."""
        position = len([d for d in self.drafts_so_far if isinstance(d, ServerToolUseDraft)])
        call_id = "srvtoolu_demo_" + hashlib.sha256(f"{self.seed}\0{position}".encode()).hexdigest()[:24]
        self.drafts_so_far.append(ServerToolUseDraft(call_id, name, tool_input))
        tool = self.search_tool if name == "web_search" else self.fetch_tool
        limit = tool.get("max_uses") if tool is not None else None
        self.uses[name] += 1
        return call_id, limit is None or self.uses[name] <= limit

    def _search(self, query: str) -> list[Page] | str:
        """Run one search; the pages found, or the error code."""
        tool = self.search_tool or {}
        call_id, allowed = self._call("web_search", {"query": query})
        if not allowed:
            error = {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"}
            self.drafts_so_far.append(ServerResultDraft(_result("web_search", call_id, error)))
            return "max_uses_exceeded"
        pages = search(query, tool.get("allowed_domains"), tool.get("blocked_domains"))
        content = [
            {
                "type": "web_search_result",
                "url": page.url,
                "title": page.title,
                "page_age": page.page_age,
                "encrypted_content": opaque("content", page.url),
            }
            for page in pages
        ]
        self.drafts_so_far.append(ServerResultDraft(_result("web_search", call_id, content), "web_search_requests"))
        return pages

    def _search_answer(self, findings: Sequence[tuple[str, list[Page] | str]]) -> list[_Piece]:
        """The findings as a list, each cited: `[intro, (sentence, citation), separator, ...]`."""
        items: list[_Piece] = []
        for query, found in findings:
            if isinstance(found, str):
                items.append(search_failed(query, found))
            elif not found:
                items.append(no_results(query))
            for page in found[:2] if isinstance(found, list) else ():
                cited = page.sentences[0][:_CITED_TEXT_LIMIT]
                citation = {
                    "type": "web_search_result_location",
                    "url": page.url,
                    "title": page.title,
                    "cited_text": cited,
                    "encrypted_index": opaque("index", page.url, cited),
                }
                items.append((cited_sentence(page.title, page.sentences[0]), citation))
        return _bullets(search_intro([query for query, _ in findings]), items)

    def _fetch_answer(self, url: str) -> list[_Piece]:
        tool = self.fetch_tool or {}
        call_id, allowed = self._call("web_fetch", {"url": url})
        page = find_page(url)
        if not allowed:
            error_code = "max_uses_exceeded"
        elif not domain_allowed(url, tool.get("allowed_domains"), tool.get("blocked_domains")):
            error_code = "url_not_allowed"
        elif page is None:
            error_code = "url_not_accessible"
        else:
            error_code = ""
        if error_code or page is None:
            error = {"type": "web_fetch_tool_result_error", "error_code": error_code}
            self.drafts_so_far.append(ServerResultDraft(_result("web_fetch", call_id, error)))
            return [fetch_failed(url, error_code)]
        citing = bool((tool.get("citations") or {}).get("enabled"))
        document: dict[str, Any] = {
            "type": "document",
            "source": {"type": "text", "media_type": "text/plain", "data": page.text},
            "title": page.title,
        }
        if citing:
            document["citations"] = {"enabled": True}
        fetched = {"type": "web_fetch_result", "url": page.url, "retrieved_at": RETRIEVED_AT, "content": document}
        self.drafts_so_far.append(ServerResultDraft(_result("web_fetch", call_id, fetched), "web_fetch_requests"))
        items: list[_Piece] = []
        for sentence in page.sentences[:2]:
            start = page.text.index(sentence)
            citation = {
                "type": "char_location",
                "cited_text": sentence,
                "document_index": 0,
                "document_title": page.title,
                "start_char_index": start,
                "end_char_index": start + len(sentence),
            }
            items.append((sentence, citation) if citing else sentence)
        return _bullets(fetch_intro(page.title, page.url), items)


# A piece of an answer: plain text, or a passage and the citation that supports it.
_Piece: TypeAlias = str | tuple[str, Mapping[str, Any]]


def _bullets(introduction: str, items: Sequence[_Piece]) -> list[_Piece]:
    """`introduction`, then the items as a bulleted list."""
    pieces: list[_Piece] = [f"{introduction}\n\n- "]
    for number, item in enumerate(items):
        if number:
            pieces.append("\n- ")
        pieces.append(item)
    return pieces


def _text_drafts(pieces: Sequence[_Piece]) -> list[Draft]:
    """The pieces as text blocks: plain text run together, each cited passage a block of its own (so that
    no block is only whitespace, which the API would refuse when the reply is sent back)."""
    drafts: list[Draft] = []
    plain = ""
    for piece in pieces:
        if isinstance(piece, str):
            plain += piece
            continue
        if plain:
            drafts.append(TextDraft(plain))
            plain = ""
        drafts.append(TextDraft(piece[0], (piece[1],)))
    if plain:
        drafts.append(TextDraft(plain))
    return drafts


def _result(name: str, call_id: str, content: Any) -> dict[str, Any]:
    kind = "web_search_tool_result" if name == "web_search" else "web_fetch_tool_result"
    return {"type": kind, "tool_use_id": call_id, "content": content}


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
    value = value_for(schema, _subject(prompt, tool_name))
    return value if isinstance(value, dict) else {}


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)*")
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|for|about|of|at|on|near|from|to|named|called)\s+([^\n,.;:!?()\"`]+)", re.IGNORECASE
)


def _subject(prompt: str, tool_name: str | None = None) -> str:
    """What the prompt is about, as a plausible string argument ("weather in Paris" → "Paris")."""
    text = _name_pattern(tool_name).sub(" ", prompt) if tool_name else prompt
    for match in _CAPITALISED_RUN.finditer(text):
        before = text[: match.start()].rstrip()
        starts_sentence = not before or before[-1] in ".!?:\n"
        if not starts_sentence and match.group() != "I":
            return match.group()
    phrases = _AFTER_PREPOSITION.findall(text)
    if phrases:
        return " ".join(phrases[-1].split()[:5])
    return first_line(text, 60) or "demo"


# --- continuing a final assistant message -------------------------------------------------------------


def _resume(drafts: Sequence[Draft], partial: Turn) -> list[Draft]:
    """What follows the content the final assistant message already holds: the rest of a paused turn,
    or the rest of the answer after text written so far."""
    done = sum(block.get("type") == "server_tool_use" for block in partial.blocks)
    if done:
        results = [i for i, draft in enumerate(drafts) if isinstance(draft, ServerResultDraft)]
        if len(results) < done:  # paused somewhere the demo would not have paused: just finish
            return [TextDraft(continuation())]
        following = list(drafts[results[done - 1] + 1 :])
        return following[1:] if following and isinstance(following[0], PauseDraft) else following
    written = text_of(partial.blocks)
    full = "".join(draft.text for draft in drafts if isinstance(draft, TextDraft))
    rest = full[len(written) :] if full.startswith(written) else continuation()
    return [TextDraft(rest), *(draft for draft in drafts if isinstance(draft, ToolUseDraft | RefusalDraft))]
