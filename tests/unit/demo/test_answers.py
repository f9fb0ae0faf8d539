"""The words of the replies: titles stay plain and short; every showcase has what a client must render."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.demo.answers import ToolOutcome, showcase_answer, title_answer, tool_preamble, tool_results_answer


@settings(max_examples=40)
@given(st.lists(st.text(max_size=200), max_size=3))
def test_titles_are_three_to_six_plain_words(texts: list[str]) -> None:
    words = title_answer(texts).split(" ")
    assert 3 <= len(words) <= 6
    for word in words:
        assert word
        assert word.replace("'", "").replace("-", "").isalnum()


def test_titles_skip_instructions_and_repeats() -> None:
    assert title_answer(["Give this conversation a title: Rust rust RUST lifetimes"]) == "Rust Lifetimes Demo"


@settings(max_examples=30)
@given(st.text(min_size=1, max_size=300))
def test_every_showcase_has_each_element(prompt: str) -> None:
    reply = showcase_answer(prompt)
    for marker in ("## ", "**", "`", "\n- ", "\n1. ", "|---|", "```python\n", "\n> ", "](https://"):
        assert marker in reply


def test_tool_answers_name_every_tool_and_quote_results() -> None:
    assert tool_preamble(["a"]) == "I'll use the `a` tool for that."
    assert tool_preamble(["a", "b", "c"]) == "I'll use the `a`, `b` and `c` tools for that."
    answer = tool_results_answer([ToolOutcome("a", "```x```", False), ToolOutcome("b", "", True)])
    assert "````text\n```x```\n````" in answer
    assert "**`b`** failed (`is_error` was true)" in answer
    assert "(empty result)" in answer
