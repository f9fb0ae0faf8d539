"""The design tokens: colours only in app/ui/design.py, spacing on the grid, readable contrast in both themes."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from app.ui.design import DARK_COLORS, GRID, LIGHT_COLORS, Colors, Radius, Space, TextSize, font, qpalette

ROOT = Path(__file__).parents[2]
TOKENS = ROOT / "app" / "ui" / "design.py"
UI_SOURCES = sorted(
    path
    for path in [*(ROOT / "app" / "ui").glob("*.py"), ROOT / "app" / "gui.py", *(ROOT / "app" / "wiring").glob("*.py")]
    if path != TOKENS
)

_HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b")
_CSS_COLOUR = re.compile(r"\b(?:rgba?|hsla?)\(\s*\d|\b(?:color|background|border-color)\s*:\s*[a-z]+\s*;", re.I)
_CSS_LENGTH = re.compile(r"\b(?:border-radius|padding|margin|spacing)\s*:\s*[1-9]", re.I)
_COLOUR_CALLS = {"QColor", "fromRgb", "fromRgbF", "fromHsl", "fromHslF", "fromHsv", "fromHsvF", "fromString"}
_GRID_CALLS = {"setContentsMargins", "setSpacing", "addSpacing", "setHorizontalSpacing", "setVerticalSpacing"}
_ALLOWED_GLOBAL_COLOURS = {"transparent"}


def _strings(source: str) -> list[tuple[int, str]]:
    return [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.STRING
    ]


def _name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _colour_literals(path: Path) -> list[str]:
    source = path.read_text()
    found = [
        f"{path.name}:{line}: {text}"
        for line, text in _strings(source)
        if _HEX.search(text) or _CSS_COLOUR.search(text)
    ]
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and _name(node.func) in _COLOUR_CALLS
            and node.args
            and all(isinstance(arg, ast.Constant) for arg in node.args)
        ):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "GlobalColor"
            and node.attr not in _ALLOWED_GLOBAL_COLOURS
        ):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_colour_is_written_outside_the_tokens() -> None:
    found = [literal for path in UI_SOURCES for literal in _colour_literals(path)]
    assert found == [], "colours belong in app/ui/design.py:\n" + "\n".join(found)


def test_the_check_finds_the_colour_literals_it_is_meant_to_find(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "a = QColor('#0969da')\n"
        "b = QColor(10, 20, 30)\n"
        "c = 'QLabel { color: rgb(218, 54, 51); }'\n"
        "d = Qt.GlobalColor.gray\n"
        "e = QColor.fromHsl(10, 20, 30)\n"
        "# '#ffffff' in a comment is fine\n"
        "f = Qt.GlobalColor.transparent\n"
    )
    assert sorted(int(line.split(":")[1]) for line in _colour_literals(sample)) == [1, 1, 2, 3, 4, 5]


def test_margins_spacings_and_radii_come_from_the_grid() -> None:
    found: list[str] = []
    for path in UI_SOURCES:
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and _name(node.func) in _GRID_CALLS:
                numbers = [arg for arg in node.args if isinstance(arg, ast.Constant) and arg.value != 0]
                if numbers:
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
        found += [f"{path.name}:{line}: {text}" for line, text in _strings(source) if _CSS_LENGTH.search(text)]
    assert found == [], "use app.ui.design.Space / Radius:\n" + "\n".join(found)


def test_spacing_and_radii_are_on_the_grid() -> None:
    steps = [Space.XS, Space.S, Space.M, Space.L, Space.XL, Space.XXL, Radius.S, Radius.M, Radius.L]
    assert all(step % GRID == 0 for step in steps)
    assert Space.HAIR * 2 == GRID


# --- contrast (WCAG 2.x relative luminance) ---


def _luminance(colour: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    c = QColor(colour)
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey


def _backgrounds(c: Colors) -> dict[str, str]:
    return {
        "window": c.window,
        "surface": c.surface,
        "surface_alt": c.surface_alt,
        "hover": c.hover,
        "user_bubble": c.user_bubble,
        "transcript": c.render.background,
        "code": c.render.code_background,
    }


@pytest.mark.parametrize("colors", [LIGHT_COLORS, DARK_COLORS], ids=lambda c: c.name)
def test_text_reads_on_every_background_wcag_aa(colors: Colors) -> None:
    failing = [
        f"{name} {getattr(colors, name)} on {where} {background}: {contrast(getattr(colors, name), background):.2f}"
        for name in ("text", "text_muted", "accent", "danger", "warning")
        for where, background in _backgrounds(colors).items()
        if contrast(getattr(colors, name), background) < 4.5
    ]
    pairs = (("accent_text", "accent_fill"), ("selection_text", "selection"))
    failing += [
        f"{text} on {fill}: {contrast(getattr(colors, text), getattr(colors, fill)):.2f}"
        for text, fill in pairs
        if contrast(getattr(colors, text), getattr(colors, fill)) < 4.5
    ]
    assert failing == []


@pytest.mark.parametrize("colors", [LIGHT_COLORS, DARK_COLORS], ids=lambda c: c.name)
def test_controls_and_the_focus_ring_stand_out_wcag_aa(colors: Colors) -> None:
    """Large text and parts of controls need 3:1: outlines, the focus ring (the selection colour), icons."""
    failing = [
        f"{name} on {where}: {contrast(getattr(colors, name), background):.2f}"
        for name in ("border_strong", "selection", "success", "text_muted")
        for where, background in (("window", colors.window), ("surface", colors.surface))
        if contrast(getattr(colors, name), background) < 3.0
    ]
    assert failing == []


@pytest.mark.parametrize("colors", [LIGHT_COLORS, DARK_COLORS], ids=lambda c: c.name)
def test_the_palette_is_built_from_the_tokens(qapp: QApplication, colors: Colors) -> None:
    palette = qpalette(colors)
    assert palette.color(palette.ColorRole.Window).name() == colors.window
    assert palette.color(palette.ColorRole.Text).name() == colors.text
    assert palette.color(palette.ColorRole.Highlight).name() == colors.selection
    assert palette.color(palette.ColorRole.PlaceholderText).name() == colors.text_muted


def test_the_type_scale_follows_the_application_font(qapp: QApplication) -> None:
    original = QGuiApplication.font()
    try:
        for points in (10.0, 15.0):
            base = QFont(original)
            base.setPointSizeF(points)
            QGuiApplication.setFont(base)
            assert font(TextSize.BODY).pointSizeF() == pytest.approx(points)
            assert font(TextSize.SMALL).pointSizeF() == pytest.approx(points * TextSize.SMALL.value)
            assert font(TextSize.HEADING, bold=True).bold()
        assert (
            font(TextSize.CAPTION).pointSizeF() < font(TextSize.SMALL).pointSizeF() < font(TextSize.TITLE).pointSizeF()
        )
    finally:
        QGuiApplication.setFont(original)
