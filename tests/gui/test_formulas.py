"""Formulas in a reply's view: drawn in the theme's text colour at the view's font, inline on the baseline,
the source shown until the drawing is ready (and when there is none), copied as the source."""

from __future__ import annotations

from concurrent.futures import Future

import pytest
import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.render import DARK, LIGHT, Drawing, Theme, draw_formula, formula_source
from app.render._formulas import formula_url
from app.ui import formula_images
from app.ui.formula_images import formula_image, source_image
from app.ui.rich_text import MarkdownView


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(700, 500)
    window.show()
    return window


def _view(host: QWidget, text: str, theme: Theme = LIGHT) -> MarkdownView:
    view = MarkdownView(host, theme=theme)
    view.move(0, 0)
    view.resize(640, 100)
    view.show()
    view.show_markdown(text)
    return view


def _image(view: MarkdownView, latex: str, delimiter: str) -> QImage:
    image = view.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(formula_url(latex, delimiter)))
    assert isinstance(image, QImage)
    return image


def _opaque_colours(image: QImage) -> set[str]:
    """The colours of the image's mostly opaque pixels (edges are antialiased: what shows is the alpha)."""
    colours = set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() >= 250:
                colours.add(pixel.name())
    assert colours
    return colours


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_a_formula_is_drawn_in_the_themes_text_colour(host: QWidget, theme: Theme) -> None:
    draw_formula("x^2 + y^2", False)
    view = _view(host, "Circle: $x^2 + y^2$.", theme)
    image = _image(view, "x^2 + y^2", "$")
    assert _opaque_colours(image) == {theme.text}
    # The size of the drawing, not of its source (what is shown until it is drawn).
    assert (
        image.size()
        == formula_image(
            draw_formula("x^2 + y^2", False),
            view.document().defaultFont(),
            QColor(theme.text),
            image.devicePixelRatio(),
            inline=True,
        ).size()
    )


def test_the_source_is_shown_until_the_drawing_arrives_then_the_drawing(
    host: QWidget, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    latex = r"\sqrt{2} \approx 1.41421"
    arriving: Future[Drawing] = Future()
    monkeypatch.setattr(formula_images, "draw_in_background", lambda latex, display: arriving)
    view = _view(host, f"Root: ${latex}$")
    font = view.document().defaultFont()
    waiting = _image(view, latex, "$")
    assert (
        waiting.size()
        == source_image(formula_source(latex, "$"), font, QColor(LIGHT.muted_text), waiting.devicePixelRatio()).size()
    )
    height = view.document().size().height()

    arriving.set_result(draw_formula(latex, False))  # as the formula thread does
    qtbot.waitUntil(lambda: _image(view, latex, "$").size() != waiting.size(), timeout=5000)
    assert _opaque_colours(_image(view, latex, "$")) == {LIGHT.text}
    assert view.document().size().height() >= height


def test_a_formula_that_cannot_be_drawn_keeps_showing_its_source(host: QWidget, qtbot: QtBot) -> None:
    latex = r"\begin{matrix} a & b"
    view = _view(host, f"Broken: ${latex}$ here")
    qtbot.waitUntil(lambda: draw_formula(latex, False).failed and not view.document().formulas._relayout_due)
    image = _image(view, latex, "$")
    expected = source_image(
        formula_source(latex, "$"), view.document().defaultFont(), QColor(LIGHT.muted_text), image.devicePixelRatio()
    )
    assert image.size() == expected.size()
    assert _opaque_colours(image) <= {LIGHT.muted_text}


def test_a_formula_follows_the_views_font_size(host: QWidget) -> None:
    draw_formula(r"\frac{a}{b}", False)
    view = _view(host, r"Half: $\frac{a}{b}$")
    small = _image(view, r"\frac{a}{b}", "$").height()
    view.zoomIn(4)  # the widget's font, as a zoom does
    zoomed = _image(view, r"\frac{a}{b}", "$").height()
    assert zoomed > small
    font = QFont(view.document().defaultFont())  # or the document's own
    font.setPointSizeF(font.pointSizeF() * 2)
    view.document().setDefaultFont(font)
    assert _image(view, r"\frac{a}{b}", "$").height() > 1.6 * zoomed


def _ink_bottoms(image: QImage, background: QColor) -> list[int]:
    """The lowest inked row of each run of inked columns, left to right."""
    bottoms: list[int] = []
    inked = False
    for x in range(image.width()):
        rows = [y for y in range(image.height()) if _darker(image.pixelColor(x, y), background)]
        if rows and not inked:
            bottoms.append(max(rows))
        elif rows:
            bottoms[-1] = max(bottoms[-1], max(rows))
        inked = bool(rows)
    return bottoms


def _darker(pixel: QColor, background: QColor) -> bool:
    return background.lightness() - pixel.lightness() > 120


def test_an_inline_formula_sits_on_the_texts_baseline(host: QWidget) -> None:
    draw_formula("a", False)
    view = _view(host, "a $a$ a")
    view.setStyleSheet("background: white")
    shot = view.grab().toImage()
    bottoms = _ink_bottoms(shot, QColor("white"))
    assert len(bottoms) >= 3  # the letter, the formula's letter (italic: maybe two runs of ink), the letter
    text, formula = bottoms[0], max(bottoms[1:-1])
    assert bottoms[-1] == text
    assert abs(formula - text) <= shot.devicePixelRatio()


def test_copying_a_selection_gives_the_formulas_source(host: QWidget) -> None:
    for latex, display in (("x^2", False), (r"\frac{1}{2}", True), ("y", False)):
        draw_formula(latex, display)
    view = _view(host, "Square $x^2$ and \\(y\\)\n\n$$\\frac{1}{2}$$\n\nend")
    view.selectAll()
    mime = view.createMimeDataFromSelection()
    assert mime.text() == "Square $x^2$ and \\(y\\)\n$$\\frac{1}{2}$$\nend"
    assert not mime.hasHtml()

    cursor = view.textCursor()  # part of a line, through the formula
    cursor.setPosition(3)
    cursor.setPosition(len("Square ") + 1, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.createMimeDataFromSelection().text() == "are $x^2$"


def test_copying_text_without_formulas_is_unchanged(host: QWidget) -> None:
    view = _view(host, "Just **text**, and $5 and $10.")
    view.selectAll()
    mime = view.createMimeDataFromSelection()
    assert mime.text() == "Just text, and $5 and $10."
    assert mime.hasHtml()  # as Qt gives it


def test_a_drawing_arriving_after_its_view_closed_is_ignored(
    host: QWidget, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    arriving: Future[Drawing] = Future()
    monkeypatch.setattr(formula_images, "draw_in_background", lambda latex, display: arriving)
    view = _view(host, "Closed: $z^3$")
    formulas = view.document().formulas
    view.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(view))
    arriving.set_result(draw_formula("z^3", False))
    qtbot.wait(2 * formula_images.RELAYOUT_DELAY_MS)  # an exception in the UI thread's call would fail the test
    assert not formulas._relayout_due
