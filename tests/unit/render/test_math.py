"""Math in Markdown (app.render._math): which dollars are math, the HTML of a formula, and the cost of reading it."""

from __future__ import annotations

import re

import pytest

from app.render import (
    IncrementalRenderer,
    formula_of,
    formula_source,
    is_display,
    render_markdown,
    render_markdown_with_code,
)
from app.render._formulas import MAX_FORMULA_CHARS, formula_url
from tests.unit.render.cost import calls
from tests.unit.render.streaming import chunks, stream_through

_IMAGE_RE = re.compile(r'<img src="(math:[^"]*)" style="vertical-align: middle">')


def formulas(text: str) -> list[tuple[str, str]]:
    """The (source, delimiter) of each formula image in ``text``'s rendering."""
    found = []
    for url in _IMAGE_RE.findall(render_markdown(text)):
        formula = formula_of(url)
        assert formula is not None
        found.append(formula)
    return found


MONEY = [
    "$5 and $10",
    "It costs $5, or $10 with tax.",
    "Between $3.50 and $4 a month.",
    "From $1,000 to $2,000.",
    "I have $20 and you have $30.",
    "The price is $5.",
    "Costs: $5 - $10",
    "USD$5 and USD$6",
    "$ 5 and 6 $",
    "Budget: $100k–$200k per year",
    "A *$5* discount and a **$10** one",
    "- $5 for one\n- $9 for two",
]


@pytest.mark.parametrize("text", MONEY)
def test_prices_stay_text(text: str) -> None:
    html = render_markdown(text)
    assert "math:" not in html
    assert html.count("$") == text.count("$")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Euler: $e^{i\\pi} + 1 = 0$.", [("e^{i\\pi} + 1 = 0", "$")]),
        ("($x$)", [("x", "$")]),
        ("$a$ and $b$", [("a", "$"), ("b", "$")]),
        ("Inline \\(a + b\\) too", [("a + b", "\\(")]),
        ("$$\\int_0^1 x\\,dx$$", [("\\int_0^1 x\\,dx", "$$")]),
        ("\\[\\sum_i x_i\\]", [("\\sum_i x_i", "\\[")]),
        ("Shown:\n\n$$\nE = mc^2\n$$\n\nafter", [("E = mc^2", "$$")]),
        ("text\n\\[\nx^2\n\\]\nmore", [("x^2", "\\[")]),
        ("$x$1 is not math, $y$ is", [("y", "$")]),
        ("$5 and $x$", [("x", "$")]),  # "$5 and $" is no formula: a space before its closing dollar
    ],
)
def test_each_delimiter_makes_a_formula(text: str, expected: list[tuple[str, str]]) -> None:
    assert formulas(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "`$x$` in code",
        "```\n$y$ and \\(z\\)\n```",
        "    $indented code$",
        "\\$x\\$ escaped",
        "\\\\(an escaped backslash\\\\)",
        "$ x$ and $x $",  # a space inside the dollars
        "\\( \\)",
        "$$",
    ],
)
def test_no_formula_where_there_is_none(text: str) -> None:
    assert "math:" not in render_markdown(text)


def test_a_displayed_formula_is_set_apart_and_centred() -> None:
    html = render_markdown("Before\n$$x^2$$\nafter")
    assert html.startswith('<p>Before</p>\n<p align="center"><img src="math:')
    assert html.endswith("</p>\n<p>after</p>")
    assert render_markdown("$$\nE = mc^2\n$$").startswith('<p align="center"><img src="math:')


def test_an_inline_formula_is_an_image_in_its_paragraph() -> None:
    html = render_markdown("The area is $\\pi r^2$ here.")
    assert re.fullmatch(r'<p>The area is <img src="math:[^"]+" style="vertical-align: middle"> here\.</p>', html)


def test_a_formula_too_long_to_draw_is_shown_as_typed_in_monospace() -> None:
    latex = "x<y " * (MAX_FORMULA_CHARS // 4 + 1)
    html = render_markdown(f"A ${latex.strip()}$ formula")
    assert "math:" not in html
    assert f"<code>${latex.strip().replace('<', '&lt;')}$</code>" in html


def test_a_formula_inside_a_refused_link_shows_as_typed_in_the_link_text() -> None:
    html = render_markdown("[area $x$](javascript:alert(1))")
    assert "javascript:alert(1)" in html  # the refused target is shown, as text
    assert "<a " not in html


@pytest.mark.parametrize("delimiter", ["$", "$$", "\\(", "\\["])
@pytest.mark.parametrize("latex", ["x", "\\frac{a}{b}", "α ≤ β", 'a<b & c>d \\\\ "q"'])
def test_a_formula_url_holds_its_source_and_delimiter(latex: str, delimiter: str) -> None:
    url = formula_url(latex, delimiter)
    assert re.fullmatch(r"math:[idpb][A-Za-z0-9_=-]*", url)
    assert formula_of(url) == (latex, delimiter)
    assert is_display(delimiter) == (delimiter in ("$$", "\\["))


@pytest.mark.parametrize(
    "url", ["", "math:", "math:x", "math:i%%%", "math:i/w==", "https://x/y", "mathx:iYQ==", "math:i_w"]
)
def test_other_urls_are_not_formulas(url: str) -> None:
    assert formula_of(url) is None


def test_a_formula_source_is_as_typed() -> None:
    assert formula_source("x", "$") == "$x$"
    assert formula_source("x", "$$") == "$$x$$"
    assert formula_source("x", "\\(") == "\\(x\\)"
    assert formula_source("x", "\\[") == "\\[x\\]"


MATH_REPLY = (
    "The roots of $ax^2 + bx + c = 0$ are\n\n"
    "$$\nx = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\n$$\n\n"
    "- where \\(a \\neq 0\\), and $5 stays $10\n"
    "- a display in a list: $$\\sum_i i$$\n\n"
    "Then \\[\n\\int_0^1 x\\,dx = \\tfrac12\n\\]\nand `$code$`.\n\n"
    "| a | $b$ |\n|---|---|\n| $$c$$ | d |\n"
)


@pytest.mark.parametrize("size", [1, 3, 7, 40])
def test_streaming_math_renders_what_the_whole_text_renders(size: int) -> None:
    whole = render_markdown_with_code(MATH_REPLY)
    result = stream_through(IncrementalRenderer(), chunks(MATH_REPLY, [size]))
    assert result.html == whole.html
    assert len(_IMAGE_RE.findall(whole.html)) == 7


@pytest.mark.parametrize(
    "unit",
    ["\\(", "\\[", "$a ", "$$a ", "\\(x\\) ", "$x$ ", "$5 and $", "\\\\$"],
)
def test_reading_math_is_linear(unit: str) -> None:
    """Openers with no closer are not searched for again from each (20x the text: at most ~20x the work)."""
    small, large = unit * 500, unit * 10_000
    ratio = calls(render_markdown, large) / calls(render_markdown, small)
    assert ratio < 25


@pytest.mark.parametrize("before", range(3_960, 4_010, 7))
def test_a_formula_where_a_long_paragraph_is_cut_stays_one_formula(before: int) -> None:
    # A paragraph longer than LINE_PIECE_CHARS is shown as pieces cut in its text: never inside a formula, whole
    # or streamed.
    formula = "$" + "+".join("x" for _ in range(30)) + "$"
    text = "a " * (before // 2) + formula + " then " + "b " * 3_000
    html = render_markdown(text)
    assert html.count('src="math:') == 1
    assert "$" not in html.replace(formula_url("+".join("x" for _ in range(30)), "$"), "")
    assert stream_through(IncrementalRenderer(), chunks(text, [97])).html == html
