"""Thinking as today's models do it (adaptive, display summarized or omitted, each family's default),
thinking blocks checked when they come back, and effort that visibly changes the reply."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest

from app.demo.signatures import sign_thinking, signature_matches
from tests.unit.demo.sse_reading import accumulate, create, stream, text

ADAPTIVE = {"type": "adaptive"}


def request(prompt: str = "Which is better, tea or coffee?", **fields: Any) -> dict[str, Any]:
    return {
        "model": "claude-demo-sonnet-5",
        "max_tokens": 16_000,
        "messages": [{"role": "user", "content": prompt}],
        **fields,
    }


def test_adaptive_thinking_summarized_streams_its_text(client: httpx.Client) -> None:
    events = stream(client, request(thinking={**ADAPTIVE, "display": "summarized"}))
    deltas = [data["delta"]["type"] for name, data in events if name == "content_block_delta" and data["index"] == 0]
    assert deltas.count("thinking_delta") > 3
    assert deltas[-1] == "signature_delta"
    thinking = accumulate(events)["content"][0]
    assert thinking["type"] == "thinking"
    assert "tea or coffee" in thinking["thinking"]
    assert signature_matches(thinking["thinking"], thinking["signature"])


def test_display_omitted_sends_an_empty_thinking_block_with_a_signature(client: httpx.Client) -> None:
    events = stream(client, request(thinking={**ADAPTIVE, "display": "omitted"}))
    deltas = [data["delta"]["type"] for name, data in events if name == "content_block_delta" and data["index"] == 0]
    assert deltas == ["signature_delta"]
    message = accumulate(events)
    assert message["content"][0]["thinking"] == ""
    assert signature_matches("", message["content"][0]["signature"])
    full = create(client, request(thinking={**ADAPTIVE, "display": "summarized"}))
    assert message["usage"]["output_tokens"] == full["usage"]["output_tokens"]  # withheld, still paid for


@pytest.mark.parametrize(
    ("model", "thinking", "shown"),
    [
        ("claude-demo-sonnet-5", ADAPTIVE, False),  # the 5 family withholds thinking unless asked
        ("claude-demo-haiku-5", ADAPTIVE, False),
        ("claude-demo-sonnet-4-6", ADAPTIVE, True),  # 4.x models show it
        ("claude-demo-opus-4-5", {"type": "enabled", "budget_tokens": 1024}, True),
    ],
)
def test_each_family_has_its_default_display(client: httpx.Client, model: str, thinking: Any, shown: bool) -> None:
    block = create(client, request(model=model, thinking=thinking))["content"][0]
    assert block["type"] == "thinking"
    assert bool(block["thinking"]) is shown


def replay(first: dict[str, Any], reply: dict[str, Any]) -> dict[str, Any]:
    """`first` continued: its reply sent back as it came, and a new question."""
    return {
        **first,
        "messages": [
            *first["messages"],
            {"role": "assistant", "content": reply["content"]},
            {"role": "user", "content": "And why?"},
        ],
    }


@pytest.mark.parametrize("display", ["summarized", "omitted"])
def test_thinking_sent_back_verbatim_is_accepted_and_any_change_refused(client: httpx.Client, display: str) -> None:
    first = request(thinking={**ADAPTIVE, "display": display})
    reply = create(client, first)
    assert create(client, replay(first, reply))["stop_reason"] == "end_turn"
    changes = [
        lambda block: block.update(signature=block["signature"][:-4] + "AAA="),
        lambda block: block.update(signature="EqQBCkYIBxgCKkDx+/not/ours=="),  # another provider's signature
        lambda block: block.update(thinking=block["thinking"] + " (edited)"),
    ]
    if display == "summarized":
        changes.append(lambda block: block.update(thinking=""))  # stripping the text is a change too
    for change in changes:
        edited = copy.deepcopy(reply)
        change(edited["content"][0])
        response = client.post("/v1/messages", json=replay(first, edited))
        assert response.status_code == 400
        assert response.json()["error"]["message"] == "messages.1.content.0: Invalid `signature` in `thinking` block"


def test_signatures_bind_the_shown_text_only() -> None:
    assert signature_matches("the thought", sign_thinking("the thought", "the thought"))
    assert signature_matches("", sign_thinking("the thought", ""))
    assert not signature_matches("another thought", sign_thinking("the thought", "the thought"))
    assert not signature_matches("the thought", sign_thinking("the thought", ""))
    assert sign_thinking("one", "") != sign_thinking("two", "")  # omitted blocks still differ
    assert not signature_matches("x", "not base64 at all!")


LEVELS = ["low", "medium", "high", "xhigh", "max"]


def test_effort_sets_how_much_the_reply_says(client: httpx.Client) -> None:
    replies = {level: text(create(client, request(output_config={"effort": level}))) for level in LEVELS}
    lengths = [len(replies[level]) for level in LEVELS]
    assert lengths == sorted(lengths)
    assert len(set(lengths)) == len(LEVELS)
    assert replies["low"].count(".") <= 3
    assert "```" not in replies["low"]
    assert "```python" in replies["medium"]
    assert "|---|" not in replies["medium"]
    assert replies["high"] == text(create(client, request()))  # high is the API's default
    assert "### Going further" in replies["xhigh"]
    assert "### Checking the edges" in replies["max"]


def test_effort_sets_how_long_adaptive_thinking_is(client: httpx.Client) -> None:
    def thought(level: str) -> str:
        body = request(thinking={**ADAPTIVE, "display": "summarized"}, output_config={"effort": level})
        return str(create(client, body)["content"][0]["thinking"])

    lengths = [len(thought(level)) for level in LEVELS]
    assert lengths == sorted(lengths)
    assert lengths[0] < lengths[2] < lengths[4]
