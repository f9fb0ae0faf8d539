"""Untrusted text quoted into Markdown cannot break out of its code span or fence."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from app.demo.markdown_quoting import code_span, fenced, first_line


def _longest_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


@given(st.text(alphabet=st.sampled_from("ab `<>\n*_"), min_size=1))
def test_a_code_span_holds_any_text(text: str) -> None:
    span = code_span(text)
    ticks = len(span) - len(span.lstrip("`"))
    assert span.endswith("`" * ticks)
    inner = span[ticks:-ticks]
    assert ticks > _longest_run(inner)
    assert "\n" not in span
    flat = text.replace("\n", " ")
    assert inner in (flat, f" {flat} ")


@given(st.text(alphabet=st.sampled_from("ab `~\n"), max_size=40))
def test_a_fence_is_longer_than_any_backtick_run_inside(text: str) -> None:
    block = fenced(text, "python")
    fence = block.split("python\n", 1)[0]
    assert len(fence) >= 3
    assert len(fence) > _longest_run(text)
    assert block.endswith("\n" + fence)
    assert text in block


def test_first_line_is_trimmed_and_shortened() -> None:
    assert first_line("\n   \n  hello  \nworld") == "hello"
    assert first_line("x" * 100, limit=10) == "x" * 9 + "…"
    assert first_line(" \n ") == ""
