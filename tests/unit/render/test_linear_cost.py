"""Rendering costs no more than linear work in the length of the text, whatever the Markdown.

A reply is untrusted: a model (or a gateway) can produce 200 KB of links in one paragraph, thousands of
emphasis markers or table rows. Each test builds a text from a generated piece of Markdown repeated n
times and 4n times and compares the work (function calls, see ``cost.calls``) of rendering both: four
times the text may cost at most 4.5 times the work, plus a constant.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.render import preload, render_markdown_with_code
from tests.unit.render.cost import calls

# Pieces of the shapes that were quadratic (links, emphasis, code spans, brackets, tables, lists, quotes).
_PIECES = [
    "[a](http://h/) ",
    "[n](https://example.com/page/n) ",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](x)",
    "*a* ",
    "**b** ",
    "_a ",
    "a_ ",
    "`c` ",
    "``",
    "~~s~~ ",
    "<",
    ">",
    "&amp; ",
    "\\",
    "| x ",
    "|\n",
    "|---|---|\n",
    "- ",
    "1. ",
    "> ",
    "  ",
    "\n",
    "\n\n",
    "```\n",
    "https://example.com/x ",
    "<https://a.example> ",
    "[r]: http://x\n",
    "[r] ",
    "word ",
    "#",
]

_UNITS = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join)
_TARGET_CHARS = 1_500  # the smaller text's length: large enough that fixed costs don't hide the growth
_SLACK = 20_000  # calls that do not grow with the text (a conversion's set-up)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    preload()  # imports and first-use caches are not part of any text's cost


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=_UNITS)
def test_rendering_costs_linear_work(unit: str) -> None:
    repeat = max(1, _TARGET_CHARS // len(unit))
    small = calls(render_markdown_with_code, unit * repeat)
    large = calls(render_markdown_with_code, unit * (4 * repeat))
    assert large <= 4.5 * small + _SLACK, f"{unit!r}: {small} calls for n, {large} for 4n"


@pytest.mark.parametrize(
    "unit",
    [
        "[a](http://h/) ",
        "[n](https://example.com/page/n) ",
        "*a* **b** ",
        "_a ",
        "a_ ",
        "`a` ",
        "| r | x | y |\n",
        "[",
        "![",
    ],
)
def test_the_shapes_that_were_quadratic_are_linear(unit: str) -> None:
    repeat = 2_000 // len(unit)
    small = calls(render_markdown_with_code, unit * repeat)
    large = calls(render_markdown_with_code, unit * (4 * repeat))
    assert large <= 4.5 * small + _SLACK, f"{small} calls for n, {large} for 4n"


def test_blockquoted_fences_between_images_cost_linear_work() -> None:
    # Found by test_rendering_costs_linear_work (HYPOTHESIS_PROFILE=explore): markdown-it's blockquote rule read
    # every line after each quote to find its end (app.render._blockquote bounds it).
    unit = "~~s~~ ![![```\n> ```\n![!["
    repeat = 50
    small = calls(render_markdown_with_code, unit * repeat)
    large = calls(render_markdown_with_code, unit * (4 * repeat))
    assert large <= 4.5 * small + _SLACK
