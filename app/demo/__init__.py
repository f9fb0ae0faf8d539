"""Samtal's loopback demo server: the Claude Messages API on 127.0.0.1, with no token and no network.

`samtal --demo` runs it in-process so that every feature can be tried offline; tests use it as a real
HTTP peer and script exactly what it sends::

    with DemoServer() as server:
        server.script.push(Reply(status=529))
        server.script.push(Stream([*text_events("Hel"), Pause(0.05), Drop()]))
        ...  # talk to server.url; inspect server.requests

It serves models that behave like today's families (`model_catalog`): claude-demo-sonnet-5 (the
default), -opus-5 and -haiku-5 refuse temperature/top_p/top_k and budget thinking, think adaptively
and withhold the thinking unless display "summarized" is asked; claude-demo-sonnet-4-6, -opus-4-5
(deprecated) and -haiku-4-5 take sampling (not temperature with top_p) and budget thinking;
claude-demo-opus-4-1 is retired (404). `anthropic-version: 2026-10-21` refuses sampling on every model.

What a message gets (checked in this order; the README's demo section lists the same):

| trigger | reply |
|---|---|
| tool_result blocks | an answer quoting each result |
| "title" and "conversation" | a 3-6 word title |
| the word "refuse" | the answer starts, then stop_reason `refusal` with `stop_details` |
| web search on, and "search", "look up", "latest" or "news" | a search per subject ("tides and bees": 2), cited text |
| web search on, and "research" | three searches, paused (`pause_turn`) after the first two |
| web fetch on, and a URL (or "read" after a search) | the page fetched, then cited text (char_location) |
| a tool's name (tools offered) | a tool call |
| "context window" | the long answer, stopped by `model_context_window_exceeded` |
| "long" / "short" | about 4,000 words / one sentence |
| "math", "formula" or "equation" | formulas in LaTeX, inline and displayed, and prices that are not math |
| anything else | the Markdown showcase, as deep as `output_config.effort` says (low: two sentences ... max) |

Structured output (`output_config.format`) makes the answer's text JSON valid against the schema.
Thinking (enabled or adaptive) comes first, longer at higher effort. Prompt caching (top-level or
block `cache_control`) writes the prefix from the model's minimum length (1,024 tokens on the 5
family, 2,048 on Sonnet 4.6, 4,096 on Opus and Haiku 4.5) and reads it within 5 minutes or 1 hour.
The web is a dozen built-in pages on `.example` hosts (`web_corpus`); nothing goes online.

Layout: `server` (threaded uvicorn), `http_app` (ASGI routing, auth, headers, playback), `scenarios`
(scripted responses), `validation` with `model_rules` and `signatures`, `replies` (what to answer)
with `answers` (the words), `schema_values` and `web_corpus`, `completion` (limits, JSON and SSE
shapes), `prompt_cache`, `tokens`, `conversation`, `model_catalog`.
"""

from app.demo.completion import text_events
from app.demo.http_app import RecordedRequest
from app.demo.model_catalog import DEFAULT_MODEL, DEMO_MODELS
from app.demo.scenarios import Drop, Hang, Pause, Redirect, Reply, Script, Stream, Unencoded
from app.demo.server import DEMO_TOKEN, INTERACTIVE_DELAY, DemoServer

__all__ = [
    "DEFAULT_MODEL",
    "DEMO_MODELS",
    "DEMO_TOKEN",
    "INTERACTIVE_DELAY",
    "DemoServer",
    "Drop",
    "Hang",
    "Pause",
    "RecordedRequest",
    "Redirect",
    "Reply",
    "Script",
    "Stream",
    "Unencoded",
    "text_events",
]
