"""The demo server's default answers, over HTTP: shape, determinism, limits, keywords, tools, thinking,
prefill and attachments."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import httpx

from app.demo.tokens import count_tokens
from tests.unit.demo.sse_reading import accumulate, create, stream, text

MODEL = "claude-demo-sonnet-5"
BUDGET_MODEL = "claude-demo-sonnet-4-6"  # takes thinking with a budget (the 5 family does not)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(92)  # 100 bytes that start like a PNG
PDF = b"%PDF-1.4\n" + b"%" * 191  # 200 bytes that start like a PDF


def body(prompt: str | list[dict[str, Any]] = "Hello there", **fields: Any) -> dict[str, Any]:
    return {"model": MODEL, "max_tokens": 20_000, "messages": [{"role": "user", "content": prompt}], **fields}


def test_default_stream_is_well_formed_and_full_of_markdown(client: httpx.Client) -> None:
    events = stream(client, body())
    names = [name for name, _ in events]
    assert names[0] == "message_start"
    assert names[-2:] == ["message_delta", "message_stop"]
    assert "ping" in names
    start = events[0][1]["message"]
    assert (start["stop_reason"], start["content"], start["usage"]["input_tokens"]) == (None, [], 3)
    message = accumulate(events)
    reply = text(message)
    assert message["stop_reason"] == "end_turn"
    assert message["usage"]["output_tokens"] == count_tokens(reply)
    assert message["usage"]["cache_read_input_tokens"] == message["usage"]["cache_creation_input_tokens"] == 0
    assert "|---|---|" in reply
    assert reply.count("\n```\n") + reply.endswith("```\n") >= 2  # two fenced blocks closed
    assert "```python\n" in reply
    assert "```javascript\n" in reply or "```rust\n" in reply
    for marker in ("## ", "**", "*your own machine*", "`", "\n- ", "\n1. ", "\n> ", "](https://"):
        assert marker in reply
    deltas = [data["delta"]["text"] for name, data in events if name == "content_block_delta"]
    assert len(deltas) > 50
    assert max(len(delta.split()) for delta in deltas) <= 6  # a few words per delta


def test_non_streamed_reply_equals_the_streamed_one(client: httpx.Client) -> None:
    request = body("Compare the two modes", model=BUDGET_MODEL, thinking={"type": "enabled", "budget_tokens": 2048})
    message = create(client, request)
    streamed = accumulate(stream(client, request))
    assert [block["type"] for block in message["content"]] == ["thinking", "text"]
    assert message["content"][1]["text"] == text(streamed)
    assert message["content"][0]["thinking"] == streamed["content"][0]["thinking"]
    assert message["content"][0]["signature"] == streamed["content"][0]["signature"]
    assert (message["stop_reason"], message["usage"]) == (streamed["stop_reason"], streamed["usage"])
    assert message["id"].startswith("msg_demo_")
    assert message["id"] != streamed["id"]
    assert (message["type"], message["role"], message["model"]) == ("message", "assistant", BUDGET_MODEL)


def test_replies_are_deterministic_and_differ_between_prompts(client: httpx.Client) -> None:
    first = text(create(client, body("What is a monad?")))
    assert text(create(client, body("What is a monad?"))) == first
    others = {text(create(client, body(f"What is a monad, take {n}?"))).split("\n")[0] for n in range(6)}
    assert len(others) > 1  # the heading varies with the prompt


def test_the_prompt_is_quoted_as_inert_code(client: httpx.Client) -> None:
    reply = text(create(client, body("  <script>alert(1)</script> <b>`hi`</b>  \nsecond line")))
    assert "``<script>alert(1)</script> <b>`hi`</b>``" in reply
    assert reply.count("<script>") == 1
    assert "second line" not in reply


def test_max_tokens_cuts_the_reply_where_the_budget_ends(client: httpx.Client) -> None:
    full = text(create(client, body()))
    cut = create(client, body(max_tokens=7))
    assert (cut["stop_reason"], cut["stop_sequence"], cut["usage"]["output_tokens"]) == ("max_tokens", None, 7)
    assert full.startswith(text(cut))
    assert count_tokens(text(cut)) == 7
    streamed = accumulate(stream(client, body(max_tokens=7)))
    assert (text(streamed), streamed["stop_reason"]) == (text(cut), "max_tokens")
    empty = create(client, body(max_tokens=0))
    assert (empty["content"], empty["stop_reason"], empty["usage"]["output_tokens"]) == ([], "max_tokens", 0)


def test_stop_sequences_end_the_reply_just_before_the_first_match(client: httpx.Client) -> None:
    full = text(create(client, body()))
    stopped = create(client, body(stop_sequences=["```", "###"]))
    first = min(full.index("```"), full.index("###"))
    assert text(stopped) == full[:first]
    assert stopped["stop_reason"] == "stop_sequence"
    assert stopped["stop_sequence"] == full[first : first + 3]
    streamed = accumulate(stream(client, body(stop_sequences=["```", "###"])))
    assert (text(streamed), streamed["stop_sequence"]) == (text(stopped), stopped["stop_sequence"])
    unmatched = create(client, body(stop_sequences=["never appears here"]))
    assert (unmatched["stop_reason"], unmatched["stop_sequence"]) == ("end_turn", None)


def test_the_word_long_gets_about_four_thousand_words(client: httpx.Client) -> None:
    events = stream(client, body("Please write something LONG about streaming."))
    reply = text(accumulate(events))
    assert 3_500 <= len(reply.split()) <= 5_000
    assert reply.count("\n## ") >= 10
    assert "```" in reply
    assert "|---|" in reply
    assert "\n- " in reply
    assert sum(name == "content_block_delta" for name, _ in events) > 1_000
    assert sum(name == "ping" for name, _ in events) > 10


def test_the_word_short_gets_one_sentence(client: httpx.Client) -> None:
    reply = text(create(client, body("Keep it short: what is HTTP?")))
    assert "\n" not in reply
    assert reply.endswith(".")
    assert "`Keep it short: what is HTTP?`" in reply
    assert len(text(create(client, body("a longer shortcut"))).split()) > 100  # whole words only


def test_the_word_math_gets_formulas_that_all_draw(client: httpx.Client) -> None:
    from app.render import draw_formula, formula_of, is_display, render_markdown

    reply = text(create(client, body("Show me some math, please")))
    assert "`Show me some math, please`" in reply
    urls = re.findall(r'src="(math:[^"]+)"', render_markdown(reply))
    assert len(urls) >= 8
    delimiters = set()
    for url in urls:
        formula = formula_of(url)
        assert formula is not None
        latex, delimiter = formula
        delimiters.add(delimiter)
        assert not draw_formula(latex, is_display(delimiter)).failed
    assert delimiters == {"$", "$$", "\\(", "\\["}
    assert "$5 and $10" in reply  # and prices, which stay text
    assert "math:" not in render_markdown(text(create(client, body("a mathematician's hello"))))


def test_title_requests_get_a_few_plain_words(client: httpx.Client) -> None:
    system = "Write a short title (3-6 words) for the conversation below. Reply with the title only."
    title = text(create(client, body("How do I bake sourdough bread at home?", system=system)))
    assert title == "Bake Sourdough Bread Home"
    inline = text(create(client, body("Suggest a title for this conversation: planning a trip to Kyoto")))
    assert "Kyoto" in inline
    for candidate in (title, inline, text(create(client, body("Title of this conversation?")))):
        assert 3 <= len(candidate.split()) <= 6
        assert all(word.isalnum() for word in candidate.split())


WEATHER = {
    "name": "get_weather",
    "description": "Current weather",
    "input_schema": {
        "type": "object",
        "properties": {
            "location": {"type": "string"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer"},
            "verbose": {"type": "boolean"},
            "note": {"type": "string"},
        },
        "required": ["location", "unit", "days", "verbose"],
    },
}
CLOCK = {"name": "get_time", "input_schema": {"type": "object", "properties": {}}}


def test_a_named_tool_is_called_then_its_result_answered(client: httpx.Client) -> None:
    request = body("What's the weather in Paris? Use get_weather please.", tools=[WEATHER, CLOCK])
    events = stream(client, request)
    message = accumulate(events)
    assert [block["type"] for block in message["content"]] == ["text", "tool_use"]
    assert "`get_weather`" in message["content"][0]["text"]
    call = message["content"][1]
    assert call["id"].startswith("toolu_demo_")
    assert call["name"] == "get_weather"
    pieces = [
        data["delta"]["partial_json"] for name, data in events if data.get("index") == 1 and name.endswith("delta")
    ]
    assert pieces[0] == ""
    assert len(pieces) > 3
    assert json.loads(call["partial_json"]) == {"location": "Paris", "unit": "celsius", "days": 1, "verbose": True}
    assert message["stop_reason"] == "tool_use"
    assert sum(name == "content_block_stop" for name, _ in events) == 2

    created = create(client, request)
    assert created["content"][1]["input"] == json.loads(call["partial_json"])
    assert created["content"][1]["id"] == call["id"]  # tool ids are deterministic too
    result = {"type": "tool_result", "tool_use_id": call["id"], "content": "21°C and <b>sunny</b>"}
    follow_up = [
        *request["messages"],
        {"role": "assistant", "content": created["content"]},
        {"role": "user", "content": [result, {"type": "text", "text": "Thanks!"}]},
    ]
    answer = create(client, {**request, "messages": follow_up})
    assert answer["stop_reason"] == "end_turn"
    assert "21°C and <b>sunny</b>" in text(answer)
    assert "`get_weather`" in text(answer)
    assert "is_error" not in text(answer)
    failed = [*follow_up[:2], {"role": "user", "content": [dict(result, content="timeout", is_error=True)]}]
    assert "`is_error` was true" in text(create(client, {**request, "messages": failed}))


def test_tool_choice_decides_which_tools_are_called(client: httpx.Client) -> None:
    tools = [WEATHER, CLOCK]
    forced = create(client, body("Anything at all", tools=tools, tool_choice={"type": "any"}))
    assert [(block["type"], block.get("name")) for block in forced["content"]] == [("tool_use", "get_weather")]
    named = create(client, body("Anything", tools=tools, tool_choice={"type": "tool", "name": "get_time"}))
    assert [(block["type"], block.get("name")) for block in named["content"]] == [("tool_use", "get_time")]
    assert named["content"][0]["input"] == {}
    declined = create(client, body("get_weather for Oslo", tools=tools, tool_choice={"type": "none"}))
    assert [block["type"] for block in declined["content"]] == ["text"]
    unmentioned = create(client, body("Hello", tools=tools))
    assert unmentioned["stop_reason"] == "end_turn"
    both = create(client, body("Call get time and get_weather for Oslo", tools=tools))
    assert [block.get("name") for block in both["content"]] == [None, "get_weather", "get_time"]
    assert both["content"][1]["input"]["location"] == "Oslo"
    assert len({block.get("id") for block in both["content"]}) == 3
    single = {"type": "auto", "disable_parallel_tool_use": True}
    one = create(client, body("Call get_time and get_weather", tools=tools, tool_choice=single))
    assert [block.get("name") for block in one["content"]] == [None, "get_weather"]


def test_tool_arguments_come_from_any_schema_without_a_server_error(client: httpx.Client) -> None:
    schema = {
        "type": "object",
        "properties": {"city": True, "count": {"type": "integer"}, "mode": {"enum": "ab"}},
        "required": ["city", "count", "mode", 7],
    }
    tool = {"name": "get_weather", "input_schema": schema}
    called = create(client, body("get_weather for Oslo", tools=[tool]))
    assert called["content"][-1]["input"] == {"city": "Oslo", "count": 1, "mode": "Oslo"}
    odd = {"type": "object", "properties": ["city"], "required": "city"}
    called = create(client, body("get_weather", tools=[{"name": "get_weather", "input_schema": odd}]))
    assert called["content"][-1]["input"] == {}


def test_a_tool_call_cut_by_max_tokens_is_left_unfinished(client: httpx.Client) -> None:
    request = body("Use get_weather for Lisbon", tools=[WEATHER], max_tokens=20)
    events = stream(client, request)
    message = accumulate(events)
    assert message["stop_reason"] == "max_tokens"
    assert message["content"][-1]["type"] == "tool_use"
    assert [data["index"] for name, data in events if name == "content_block_stop"] == [0]  # no stop for the call
    assert create(client, request)["content"][-1]["input"] == {}


def test_thinking_comes_first_with_a_signature(client: httpx.Client) -> None:
    request = body(
        "Think about it", model=BUDGET_MODEL, max_tokens=4_000, thinking={"type": "enabled", "budget_tokens": 1024}
    )
    events = stream(client, request)
    thinking_events = [(name, data) for name, data in events if data.get("index") == 0]
    assert thinking_events[0][1]["content_block"] == {"type": "thinking", "thinking": "", "signature": ""}
    deltas = [data["delta"]["type"] for name, data in thinking_events if name == "content_block_delta"]
    assert deltas[-1] == "signature_delta"
    assert set(deltas[:-1]) == {"thinking_delta"}
    assert thinking_events[-1][0] == "content_block_stop"
    message = accumulate(events)
    thinking = message["content"][0]
    assert "`Think about it`" in thinking["thinking"]
    assert base64.b64decode(thinking["signature"], validate=True)
    assert message["content"][1]["type"] == "text"
    assert text(message)

    adaptive = create(client, body("Think about it", thinking={"type": "adaptive", "display": "omitted"}))
    assert adaptive["content"][0]["type"] == "thinking"
    assert adaptive["content"][0]["thinking"] == ""
    assert adaptive["content"][0]["signature"]
    assert create(client, body("Hi", thinking={"type": "disabled"}))["content"][0]["type"] == "text"

    replay = [
        *request["messages"],
        {"role": "assistant", "content": [thinking_block(thinking), {"type": "text", "text": "Done."}]},
        {"role": "user", "content": "And now?"},
    ]
    assert create(client, {**request, "messages": replay})["content"][0]["type"] == "thinking"
    redacted = [
        *replay[:1],
        {"role": "assistant", "content": [{"type": "redacted_thinking", "data": "xyz"}]},
        *replay[2:],
    ]
    assert create(client, {**request, "messages": redacted})["stop_reason"] == "end_turn"


def thinking_block(accumulated: dict[str, Any]) -> dict[str, Any]:
    return {"type": "thinking", "thinking": accumulated["thinking"], "signature": accumulated["signature"]}


def test_a_final_assistant_message_is_continued(client: httpx.Client) -> None:
    full = text(create(client, body("Tell me about tables")))
    partial = full[:300].rstrip()
    request = body(
        "Tell me about tables",
        messages=[{"role": "user", "content": "Tell me about tables"}, {"role": "assistant", "content": partial}],
    )
    continued = create(client, request)
    assert partial + text(continued) == full
    assert partial + text(accumulate(stream(client, request))) == full
    request["messages"][1]["content"] = [{"type": "text", "text": "Something else entirely"}]
    assert "Continue" in text(create(client, request))
    request["messages"][1]["content"] = full.rstrip()
    finished = create(client, request)
    assert full.endswith("\n")
    assert [block["text"] for block in finished["content"]] == ["\n"]


def test_attachments_are_described(client: httpx.Client) -> None:
    content = [
        {
            "type": "image",
            "source": {"type": "base64", "media_type": "image/png", "data": base64.b64encode(PNG).decode()},
        },
        {
            "type": "document",
            "title": "Report",
            "source": {"type": "base64", "media_type": "application/pdf", "data": base64.b64encode(PDF).decode()},
        },
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "plain notes"}},
        {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}},
        {"type": "text", "text": "What did I send?"},
    ]
    reply = text(create(client, body(content)))
    assert "an image (image/png, 100 bytes)" in reply
    assert "a document (application/pdf, 200 bytes) titled `Report`" in reply
    assert "a document (text/plain, 11 characters)" in reply
    assert "an image from `https://example.com/cat.jpg`" in reply
    assert "`What did I send?`" in reply
