"""Drawing formulas (app.render._formulas): a corpus of real ones all drawn, hostile ones refused in bounded
work, the patch of ziamath exact, and drawing only ever in the formula thread when asked."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app.render import _formulas
from app.render._formulas import (
    FAILED,
    MAX_FORMULA_CHARS,
    MAX_FORMULA_NESTING,
    draw_formula,
    draw_in_background,
    drawable,
    known_drawing,
)
from tests.unit.render.cost import calls

ROOT = Path(__file__).resolve().parents[3]
CORPUS = [
    line
    for line in (ROOT / "tests" / "data" / "formulas.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]

# Work a hostile formula may cost at most, in function calls (~0.15 µs each here): a long, flat row of
# MAX_FORMULA_CHARS characters takes some 1.3 million; a typical formula 20-60 thousand.
HOSTILE_CALLS = 2_000_000


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drawing never reaches for the network (\\href, \\includegraphics and the like are text to it)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a formula tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_the_corpus_holds_at_least_fifty_real_formulas() -> None:
    assert len(CORPUS) >= 50


@pytest.mark.parametrize("latex", CORPUS)
@pytest.mark.parametrize("display", [False, True], ids=["inline", "display"])
def test_every_formula_of_the_corpus_is_drawn(latex: str, display: bool) -> None:
    drawing = draw_formula(latex, display)
    assert not drawing.failed
    assert drawing.svg.startswith(b"<svg")
    assert drawing.width > 0
    assert drawing.height > drawing.depth >= 0


def test_a_displayed_formula_is_drawn_larger_than_the_same_inline() -> None:
    inline, display = draw_formula(r"\sum_{i=1}^n i", False), draw_formula(r"\sum_{i=1}^n i", True)
    assert display.height > inline.height


def test_a_drawing_is_remembered() -> None:
    drawing = draw_formula("a^2 + b^2 = c^2", False)
    assert known_drawing("a^2 + b^2 = c^2", False) is drawing
    assert draw_formula("a^2 + b^2 = c^2", False) is drawing


HOSTILE = {
    "100 KB": "x + " * 25_000,
    "10,000 nested braces": "{" * 10_000 + "x" + "}" * 10_000,
    "nested fractions past the limit": r"\frac{1}{" * (MAX_FORMULA_NESTING + 1) + "x" + "}" * (MAX_FORMULA_NESTING + 1),
    "nested \\left past the limit": r"\left(" * (MAX_FORMULA_NESTING + 1)
    + "x"
    + r"\right)" * (MAX_FORMULA_NESTING + 1),
    "unclosed group": r"\frac{a}{",
    "unclosed environment": r"\begin{matrix} a & b",
    "a lone \\end": r"\end{matrix}",
    "\\left without \\right": r"\left( x",
    "double subscript": "x_1_2",
    "an ampersand outside a table": "a & b",
    "braces the wrong way": "}{",
    "\\def loop": r"\def\x{\x}\x",
    "\\newcommand loop": r"\newcommand{\x}{\x}\x",
    "unknown command": r"\foo{x} + \bar y",
    "an image to fetch": r"\includegraphics{http://example.com/x.png}",
    "a dangling superscript": "x^",
    "a lone backslash": "\\",
    "only spaces": "   ",
}


@pytest.mark.parametrize("latex", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_formulas_are_refused_without_an_exception_in_bounded_work(latex: str) -> None:
    _formulas._load_ziamath()  # its import is not the formula's work
    drawings = []
    work = calls(lambda: drawings.append(_formulas._draw(latex, display=False)))
    assert drawings == [FAILED]
    assert work < HOSTILE_CALLS


LIMITS = {
    "the longest flat row allowed": "+" * MAX_FORMULA_CHARS,
    "the deepest nesting allowed": "{" * MAX_FORMULA_NESTING + "x" + "}" * MAX_FORMULA_NESTING,
    "nested fractions at the limit": r"\frac{1}{" * 12 + "x" + "}" * 12,
    "a large matrix": r"\begin{pmatrix}"
    + r"\\".join(" & ".join(f"a_{{{i}{j}}}" for j in range(8)) for i in range(8))
    + r"\end{pmatrix}",
}


@pytest.mark.parametrize("latex", LIMITS.values(), ids=LIMITS.keys())
def test_what_is_drawn_at_the_limits_stays_within_bounded_work(latex: str) -> None:
    _formulas._load_ziamath()
    drawings = []
    work = calls(lambda: drawings.append(_formulas._draw(latex, display=True)))
    assert not drawings[0].failed
    assert work < HOSTILE_CALLS


def test_what_may_be_drawn_is_decided_by_length_and_nesting() -> None:
    assert drawable("x" * MAX_FORMULA_CHARS)
    assert not drawable("x" * (MAX_FORMULA_CHARS + 1))
    assert drawable("{" * MAX_FORMULA_NESTING + "}" * MAX_FORMULA_NESTING)
    assert not drawable("{" * (MAX_FORMULA_NESTING + 1) + "}" * (MAX_FORMULA_NESTING + 1))
    assert drawable(r"\{" * 100 + "x")  # escaped braces are not groups
    assert not drawable("")
    assert not drawable(" \n ")


def test_nesting_costs_grow_slowly_not_doubling_with_each_level() -> None:
    """Unpatched, ziamath's work doubles with each level of nesting (8 more levels: 256 times the work)."""
    _formulas._load_ziamath()
    shallow = calls(_formulas._draw, "{" * 8 + "x" + "}" * 8, False)
    deep = calls(_formulas._draw, "{" * 16 + "x" + "}" * 16, False)
    assert deep < 6 * shallow


def test_the_patch_draws_exactly_what_ziamath_draws_unpatched(monkeypatch: pytest.MonkeyPatch) -> None:
    from ziamath.nodes.mrow import Mrow

    _formulas._load_ziamath()
    sample = [*CORPUS[:: len(CORPUS) // 12], r"\left(\frac{\left[a\right]}{b}\right)^2", "{" * 6 + "x" + "}" * 6]
    patched = [_formulas._draw(latex, display) for latex in sample for display in (False, True)]
    measure = Mrow._get_height_nostretch
    monkeypatch.setattr(Mrow, "_get_height_nostretch", measure.samtal_original)
    unpatched = [_formulas._draw(latex, display) for latex in sample for display in (False, True)]
    assert patched == unpatched
    assert not any(drawing.failed for drawing in patched)


def test_drawing_in_the_background_asks_once_per_formula_and_remembers() -> None:
    latex = r"\oint_{\partial S} \omega = \int_S d\omega"
    first, second = draw_in_background(latex, True), draw_in_background(latex, True)
    drawing = first.result(timeout=30)
    assert second.result(timeout=30) is drawing
    assert not drawing.failed
    assert known_drawing(latex, True) is drawing


def test_rendering_math_does_not_load_the_drawing_library() -> None:
    """Converting a reply writes each formula as an image link; ziamath loads when a view first draws one."""
    probe = (
        "import sys, json\n"
        "from app.render import render_markdown, IncrementalRenderer\n"
        "render_markdown('Euler: $e^{i\\\\pi} + 1 = 0$ and $$\\\\int_0^1 x\\\\,dx$$')\n"
        "renderer = IncrementalRenderer()\n"
        "renderer.append('a $x$ b')\n"
        "renderer.finish()\n"
        "print(json.dumps(sorted(m for m in ('ziamath', 'ziafont', 'latex2mathml') if m in sys.modules)))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert json.loads(output) == []
